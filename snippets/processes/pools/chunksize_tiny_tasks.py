"""10 000 tiny tasks: the cost is in shipping them, and chunksize fixes it."""

import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Pool

N = 10_000


def tiny(n):
    return n + 1


def timed(label, run):
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    assert result == [n + 1 for n in range(N)]
    print(f"{label:<42} {seconds:6.3f} s")
    return seconds


if __name__ == "__main__":
    timed("built-in map, no processes:", lambda: list(map(tiny, range(N))))

    with Pool(processes=2) as pool:
        pool.map(tiny, range(10))  # start the workers before timing
        one = timed(
            "Pool.map, chunksize=1:", lambda: pool.map(tiny, range(N), chunksize=1)
        )
        timed("Pool.map, default chunksize:", lambda: pool.map(tiny, range(N)))
        big = timed(
            "Pool.map, chunksize=1000:",
            lambda: pool.map(tiny, range(N), chunksize=1000),
        )
    print(f"Pool ratio chunksize=1 / chunksize=1000: {one / big:.0f}x")

    with ProcessPoolExecutor(max_workers=2) as executor:
        list(executor.map(tiny, range(10)))  # start the workers before timing
        one = timed(
            "ProcessPoolExecutor.map, default (=1):",
            lambda: list(executor.map(tiny, range(N))),
        )
        big = timed(
            "ProcessPoolExecutor.map, chunksize=1000:",
            lambda: list(executor.map(tiny, range(N), chunksize=1000)),
        )
    print(f"ProcessPoolExecutor ratio default / chunksize=1000: {one / big:.0f}x")
