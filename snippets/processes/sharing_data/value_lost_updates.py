"""Two processes add to one shared Value: without its lock, updates are lost."""

import multiprocessing

N = 100_000  # increments per process


def add_unsafely(counter, start_together):
    start_together.wait(timeout=10)
    for _ in range(N):
        counter.value += 1  # read, then write: another process can write between


def add_with_lock(counter, start_together):
    start_together.wait(timeout=10)
    for _ in range(N):
        with counter.get_lock():  # the lock every Value carries (lock=True)
            counter.value += 1


def run(target):
    counter = multiprocessing.Value("i", 0)
    start_together = multiprocessing.Barrier(2)
    workers = [
        multiprocessing.Process(target=target, args=(counter, start_together))
        for _ in range(2)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=20)
    return counter.value


if __name__ == "__main__":
    expected = 2 * N
    for label, target in [
        ("without lock:", add_unsafely),
        ("with get_lock():", add_with_lock),
    ]:
        total = run(target)
        print(f"{label:16} total {total} of {expected}, lost: {expected - total}")
