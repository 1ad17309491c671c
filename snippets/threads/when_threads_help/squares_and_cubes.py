"""Squares and cubes, each item after a wait: one thread, then two threads."""

import threading
import time

DELAY = 0.05  # seconds of waiting per item, like a network round trip
NUMBERS = [2, 3, 8, 9]


def squares(numbers, out):
    for n in numbers:
        time.sleep(DELAY)  # waiting, not computing: the thread is blocked
        out.append(n * n)


def cubes(numbers, out):
    for n in numbers:
        time.sleep(DELAY)
        out.append(n**3)


def in_one_thread():
    sq, cu = [], []
    start = time.perf_counter()
    squares(NUMBERS, sq)  # one job after the other
    cubes(NUMBERS, cu)
    return sq, cu, time.perf_counter() - start


def in_two_threads():
    sq, cu = [], []  # each thread appends to its own list
    workers = [
        threading.Thread(target=squares, args=(NUMBERS, sq)),
        threading.Thread(target=cubes, args=(NUMBERS, cu)),
    ]
    start = time.perf_counter()
    for t in workers:
        t.start()  # without start() a Thread object never runs
    for t in workers:
        t.join()  # wait for both before reading their results
    return sq, cu, time.perf_counter() - start


if __name__ == "__main__":
    sq, cu, sequential = in_one_thread()
    # The fastest of 3 runs: on a busy machine, noise only ever adds time.
    runs = [in_two_threads() for _ in range(3)]
    assert all((r[0], r[1]) == (sq, cu) for r in runs)
    threaded = min(r[2] for r in runs)

    print("squares:", sq)
    print("cubes:  ", cu)
    print(f"waits: {2 * len(NUMBERS)} x {DELAY:.2f} s")
    print(f"sequential:  {sequential:.2f} s")
    print(f"two threads: {threaded:.2f} s")
