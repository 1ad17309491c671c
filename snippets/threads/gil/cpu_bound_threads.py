"""Pure-Python work in 2 and 4 threads: one thread at a time runs bytecode."""

import statistics
import threading
import time

CHUNKS = 4  # the same total work in every case: 4 chunks
CHUNK_SIZE = 500_000  # loop iterations per chunk
REPEATS = 11


def count_down(n):
    while n > 0:
        n -= 1


def run_chunks(count):
    for _ in range(count):
        count_down(CHUNK_SIZE)


def in_threads(n_threads):
    """Run the 4 chunks on n_threads threads, split evenly; wait for all."""
    threads = [
        threading.Thread(
            target=run_chunks, args=(CHUNKS // n_threads,), name=f"cpu-{i}"
        )
        for i in range(n_threads)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def measure(func, *args):
    """Wall-clock time, and CPU time of all this process's threads together."""
    wall, cpu = time.perf_counter(), time.process_time()
    func(*args)
    return time.perf_counter() - wall, time.process_time() - cpu


if __name__ == "__main__":
    cases = {
        "sequential": lambda: run_chunks(CHUNKS),
        "2 threads": lambda: in_threads(2),
        "4 threads": lambda: in_threads(4),
    }
    runs = {name: [] for name in cases}
    for _ in range(REPEATS):  # cases take turns: noise hits all alike
        for name, case in cases.items():
            runs[name].append(measure(case))

    print(f"{CHUNKS} chunks of {CHUNK_SIZE:,} loop iterations, {REPEATS} rounds")
    for name, results in runs.items():
        wall = statistics.median(w for w, _ in results)
        busy = statistics.median(c / w for w, c in results)  # CPUs kept busy
        # speedup: sequential time / this case's time in the same round, median
        pairs = zip(runs["sequential"], results, strict=True)
        speedup = statistics.median(s / w for (s, _), (w, _) in pairs)
        print(
            f"{name + ':':12} {wall:.3f} s  {busy:.2f} CPUs busy"
            f"  speedup {speedup:.2f}x"
        )
