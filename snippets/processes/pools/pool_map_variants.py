"""map, imap, imap_unordered and starmap on a multiprocessing.Pool."""

import time
from multiprocessing import Pool


def square(n):
    return n * n


def slow_when_zero(n):
    # Task 0 is slow, the others are instant: with two workers,
    # tasks 1..5 finish while task 0 is still running.
    time.sleep(0.8 if n == 0 else 0)
    return n


def power(base, exponent):
    return base**exponent


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        # map: a list, in input order, once every result is in.
        print("map:           ", pool.map(square, range(6)))

        # imap: an iterator, still in input order, results as they come.
        print("imap:          ", list(pool.imap(square, range(6))))

        # imap_unordered: an iterator, in completion order.
        done = list(pool.imap_unordered(slow_when_zero, range(6), chunksize=1))
        print("imap_unordered, sorted:", sorted(done))
        print("imap_unordered, slow task 0 came last:", done[-1] == 0)

        # starmap: each item is a tuple of arguments.
        print("starmap:       ", pool.starmap(power, [(2, 3), (3, 2), (10, 4)]))
