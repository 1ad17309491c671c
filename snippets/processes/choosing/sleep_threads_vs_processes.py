"""Sleeping is not computing: threads and processes overlap sleeps equally well."""

import multiprocessing
import threading
import time

ITEMS = [2, 3, 8, 9]
PAUSE = 0.1  # seconds of "work" per item: a sleep, as in the article


def squares(numbers, ready=None):
    if ready is not None:
        ready.wait(timeout=30)  # start together once every worker is running
    for n in numbers:
        time.sleep(PAUSE)
        _ = n * n


def cubes(numbers, ready=None):
    if ready is not None:
        ready.wait(timeout=30)
    for n in numbers:
        time.sleep(PAUSE)
        _ = n * n * n


def in_parallel(worker_class, barrier_class):
    """Run squares and cubes in two workers; return (start-up, work) seconds."""
    ready = barrier_class(3)  # the two workers and this thread
    workers = [worker_class(target=f, args=(ITEMS, ready)) for f in (squares, cubes)]
    begin = time.perf_counter()
    for w in workers:
        w.start()
    ready.wait(timeout=30)
    started = time.perf_counter()
    for w in workers:
        w.join()
    return started - begin, time.perf_counter() - started


if __name__ == "__main__":
    begin = time.perf_counter()
    squares(ITEMS)
    cubes(ITEMS)
    print(f"sequential:   {time.perf_counter() - begin:.2f} s")
    for label, worker, barrier in [
        ("2 threads:", threading.Thread, threading.Barrier),
        ("2 processes:", multiprocessing.Process, multiprocessing.Barrier),
    ]:
        start_up, work = in_parallel(worker, barrier)
        print(f"{label:<13} {work:.2f} s   (and {start_up:.3f} s to start them)")
