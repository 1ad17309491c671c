"""An assembler thread waits on a Condition until all three parts have arrived."""

import threading
import time

PART_ORDER = ["header", "body", "footer"]
parts = {}
parts_changed = threading.Condition()
report = []


def fetch(part, delay):
    time.sleep(delay)  # parts arrive in an order the assembler cannot know
    with parts_changed:
        parts[part] = part.upper()
        parts_changed.notify_all()  # wake waiters so they re-check their predicate


def assemble():
    with parts_changed:
        ready = parts_changed.wait_for(lambda: len(parts) == 3, timeout=5)
        report.append(f"wait_for() returned {ready} with {len(parts)} parts present")
        report.append("assembled: " + " + ".join(parts[p] for p in PART_ORDER))


if __name__ == "__main__":
    threads = [threading.Thread(target=assemble, name="assembler")]
    for part, delay in [("footer", 0.01), ("header", 0.03), ("body", 0.02)]:
        threads.append(
            threading.Thread(target=fetch, args=(part, delay), name=f"fetch-{part}")
        )
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
    print("\n".join(report))

    # wait_for() returns False when the timeout expires first.
    never = threading.Condition()
    with never:
        result = never.wait_for(lambda: False, timeout=0.05)
    print(f"wait_for(a predicate never true, timeout=0.05) -> {result}")
