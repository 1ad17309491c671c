"""The same read-block-write update as the race, now inside `with lock:`."""

import threading
import time

THREADS = 4
UPDATES_PER_THREAD = 500

counter = 0
counter_lock = threading.Lock()


def add_one_at_a_time():
    global counter
    for _ in range(UPDATES_PER_THREAD):
        with counter_lock:  # only one thread at a time runs this block
            value = counter
            time.sleep(0.0001)  # other threads may run now, but they wait at the lock
            counter = value + 1


if __name__ == "__main__":
    workers = [
        threading.Thread(target=add_one_at_a_time, name=f"adder-{i}")
        for i in range(THREADS)
    ]
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=10)
    expected = THREADS * UPDATES_PER_THREAD
    print(f"expected: {expected}")
    print(f"actual: {counter}")
    print(f"lost: {expected - counter}")
