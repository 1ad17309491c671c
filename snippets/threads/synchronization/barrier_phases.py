"""Three workers run two phases; no one starts phase 2 before all finish phase 1."""

import threading
import time

WORKERS = ["worker-a", "worker-b", "worker-c"]
log = []
log_lock = threading.Lock()


def write(entry):
    with log_lock:
        log.append(entry)


phase_done = threading.Barrier(
    len(WORKERS), action=lambda: write("barrier: all arrived"), timeout=5
)


def worker(name, delay):
    time.sleep(delay)  # phase 1: workers finish at different times
    write(f"phase 1 done: {name}")
    phase_done.wait()  # wait here until every worker has finished phase 1
    write(f"phase 2 started: {name}")


if __name__ == "__main__":
    threads = [
        threading.Thread(target=worker, args=(name, 0.01 * (3 - i)), name=name)
        for i, name in enumerate(WORKERS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)

    cut = log.index("barrier: all arrived")
    print("before the barrier:", sorted(log[:cut]))
    print("after the barrier: ", sorted(log[cut + 1 :]))

    # A party that never arrives: wait() times out and breaks the barrier.
    pair = threading.Barrier(2, timeout=0.05)
    try:
        pair.wait()
    except threading.BrokenBarrierError:
        print(f"waited alone, then: BrokenBarrierError (broken={pair.broken})")
