"""Two processes compute squares and cubes at the same time.

Each child prints as it goes, so the two streams interleave differently from
run to run. The parent waits for both with join() before reporting.
"""

import multiprocessing
import sys
import time

NUMBERS = [2, 3, 8, 9]


def print_squares(numbers):
    for n in numbers:
        time.sleep(0.1)  # stands in for waiting on I/O, not for CPU work
        # One write() per whole line: the two processes cannot split a line.
        sys.stdout.write(f"square: {n * n}\n")


def print_cubes(numbers):
    for n in numbers:
        time.sleep(0.1)
        sys.stdout.write(f"cube: {n * n * n}\n")


if __name__ == "__main__":
    squares = multiprocessing.Process(target=print_squares, args=(NUMBERS,))
    cubes = multiprocessing.Process(target=print_cubes, args=(NUMBERS,))
    squares.start()  # the article's version never calls start(): nothing runs
    cubes.start()
    squares.join()
    cubes.join()
    print(f"exit codes: squares={squares.exitcode}, cubes={cubes.exitcode}")
