"""Pure-Python CPU work: sequential, 2 threads, 2 processes, 4 processes."""

import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import Pool

TOTAL = 12_000_000  # loop iterations per measurement, split between the workers
REPEATS = 5


def count_down(n):
    """Pure-Python work. Returns the CPU time this thread spent on it."""
    start = time.thread_time()
    while n > 0:
        n -= 1
    return time.thread_time() - start


def sequential(_pool):
    return [count_down(TOTAL // 2), count_down(TOTAL // 2)]


def two_threads(_pool):
    with ThreadPoolExecutor(max_workers=2) as threads:
        return list(threads.map(count_down, [TOTAL // 2] * 2))


def two_processes(pool):
    return pool.map(count_down, [TOTAL // 2] * 2, chunksize=1)


def four_processes(pool):
    return pool.map(count_down, [TOTAL // 4] * 4, chunksize=1)


VARIANTS = {
    "sequential": sequential,
    "2 threads": two_threads,
    "2 processes": two_processes,
    "4 processes": four_processes,
}

if __name__ == "__main__":
    names = list(VARIANTS)
    wall = {name: [] for name in names}
    busy = {name: [] for name in names}
    # Four worker processes, started before any timing: this measures the
    # work, not the start-up cost (see the Processes chapter for that).
    with Pool(processes=4) as pool:
        pool.map(count_down, [1000] * 4, chunksize=1)
        for i in range(REPEATS):
            # Interleave the variants and rotate their order, so that a busy
            # moment on the machine does not always hit the same one.
            for name in names[i % 4 :] + names[: i % 4]:
                start = time.perf_counter()
                cpu_seconds = VARIANTS[name](pool)
                seconds = time.perf_counter() - start
                wall[name].append(seconds)
                busy[name].append(sum(cpu_seconds) / seconds)
    print(f"median of {REPEATS} interleaved rounds, {TOTAL:,} iterations each:")
    base = statistics.median(wall["sequential"])
    for name in names:
        median = statistics.median(wall[name])
        speedup = base / median
        cpus = statistics.median(busy[name])
        print(
            f"{name}:".ljust(14),
            f"{median:.3f} s  x{speedup:.2f}  CPUs busy: {cpus:.2f}",
        )
