"""The same loop with a function call between the read and the write.

A call is a point where the interpreter may switch threads, so the value read
before the call can be stale by the time it is written back.
"""

import threading

THREADS = 2
INCREMENTS_PER_THREAD = 1_000_000

counter = 0
start_together = threading.Barrier(THREADS)


def plus_one(value):
    return value + 1


def increment_many():
    global counter
    start_together.wait(timeout=5)  # make sure the loops really overlap
    for _ in range(INCREMENTS_PER_THREAD):
        counter = plus_one(counter)  # read, call, write


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
    lost = expected - counter
    print(f"expected: {expected}")
    print(f"actual: {counter}")
    print(f"lost updates: {'yes' if lost else 'no'}")
    print(f"lost: {lost} ({lost / expected:.0%})")
