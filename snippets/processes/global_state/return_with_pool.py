"""Let a pool return the results: map() sends inputs and collects outputs."""

import multiprocessing

NUMBERS = [2, 3, 8, 9]


def square(n):
    return n * n


if __name__ == "__main__":
    with multiprocessing.Pool(processes=2) as pool:
        squares = pool.map(square, NUMBERS)  # results in input order
    print(f"squares via Pool.map: {squares}")
