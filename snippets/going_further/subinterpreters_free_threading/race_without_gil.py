"""Four threads run `counter += 1` on one shared counter: without a lock, then with one.

With the GIL this loop happens to lose few or no updates on CPython; without
the GIL, two threads really do read the same value at the same moment.
"""

import sys
import threading

THREADS = 4
INCREMENTS = 200_000  # per thread


class Counter:
    def __init__(self):
        self.value = 0
        self.lock = threading.Lock()

    def add_unlocked(self):
        for _ in range(INCREMENTS):
            self.value += 1  # read, add, write back

    def add_locked(self):
        for _ in range(INCREMENTS):
            with self.lock:
                self.value += 1


def lost_updates(method_name):
    """Run THREADS threads on one fresh counter; return how many updates vanished."""
    counter = Counter()
    workers = [
        threading.Thread(target=getattr(counter, method_name), name=f"adder-{i}")
        for i in range(THREADS)
    ]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return THREADS * INCREMENTS - counter.value


if __name__ == "__main__":
    check = getattr(sys, "_is_gil_enabled", None)
    print(f"GIL enabled: {check() if check else True}")
    total = THREADS * INCREMENTS
    print(f"{THREADS} threads x {INCREMENTS:,} increments = {total:,}")
    print(f"without a lock: {lost_updates('add_unlocked'):,} lost")
    print(f"with a lock:    {lost_updates('add_locked'):,} lost")
