"""Four threads update a shared counter with no lock, and updates get lost.

Each update reads the counter, makes a blocking call, then writes back what it
read plus one. While one thread is blocked, another runs and updates the
counter; the first thread then overwrites that work with its stale value.
"""

import threading
import time

THREADS = 4
UPDATES_PER_THREAD = 500

counter = 0


def add_one_at_a_time():
    global counter
    for _ in range(UPDATES_PER_THREAD):
        value = counter  # 1. read the shared value
        time.sleep(0.0001)  # 2. block briefly, as any I/O call does
        counter = value + 1  # 3. write back: may overwrite other threads' updates


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
    lost = expected - counter
    print(f"expected: {expected}")
    print(f"actual: {counter}")
    print(f"lost updates: {'yes' if lost else 'no'}")
    print(f"lost: {lost} ({lost / expected:.0%})")
