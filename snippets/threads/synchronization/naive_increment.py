"""The classic race demo: two threads run `counter += 1` a million times each.

On CPython 3.10 to 3.13 (default build) it loses nothing. That is luck in how
the interpreter schedules threads, not thread safety.
"""

import threading

THREADS = 2
INCREMENTS_PER_THREAD = 1_000_000

counter = 0


def increment_many():
    global counter
    for _ in range(INCREMENTS_PER_THREAD):
        counter += 1  # read, add, write: three steps, not one


if __name__ == "__main__":
    workers = [
        threading.Thread(target=increment_many, name=f"incrementer-{i}")
        for i in range(THREADS)
    ]
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=10)
    expected = THREADS * INCREMENTS_PER_THREAD
    print(f"expected: {expected}")
    print(f"actual: {counter}")
    print(f"lost: {expected - counter}")
