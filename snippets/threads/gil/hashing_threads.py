"""SHA-256 in 2 threads: hashlib releases the GIL while it hashes large buffers.

For comparison, the same 2 threads running a pure-Python loop, and 2 worker
processes hashing: processes never share a GIL, so their speedup shows what this
machine allowed during the run.
"""

import hashlib
import statistics
import threading
import time
from concurrent.futures import ProcessPoolExecutor

CHUNKS = 4  # chunks of work per case: one after another, or over 2 workers
BUFFER = bytes(8 * 1024 * 1024)  # 8 MiB per hash, far above 2047 bytes
LOOP_SIZE = 250_000  # iterations per pure-Python chunk
REPEATS = 11


def hash_chunks(count):
    for _ in range(count):
        hashlib.sha256(BUFFER).digest()


def loop_chunks(count):
    for _ in range(count):
        n = LOOP_SIZE
        while n > 0:
            n -= 1


def in_two_threads(work):
    threads = [
        threading.Thread(target=work, args=(CHUNKS // 2,), name=f"worker-{i}")
        for i in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def measure(func):
    """Wall-clock time, and CPU time of all this process's threads together."""
    wall, cpu = time.perf_counter(), time.process_time()
    func()
    return time.perf_counter() - wall, time.process_time() - cpu


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(hash_chunks, [0, 0]))  # start both workers before timing
        cases = [  # (label, run one after another, run in 2 workers)
            (
                "pure-Python loop, 2 threads:",
                lambda: loop_chunks(CHUNKS),
                lambda: in_two_threads(loop_chunks),
            ),
            (
                "sha256, 2 threads:",
                lambda: hash_chunks(CHUNKS),
                lambda: in_two_threads(hash_chunks),
            ),
            (
                "sha256, 2 processes:",
                lambda: hash_chunks(CHUNKS),
                lambda: list(pool.map(hash_chunks, [CHUNKS // 2] * 2)),
            ),
        ]
        rounds = {label: [] for label, _, _ in cases}
        for _ in range(REPEATS):  # cases take turns: noise hits all alike
            for label, one_after_another, in_two_workers in cases:
                seq_wall, _ = measure(one_after_another)
                par_wall, par_cpu = measure(in_two_workers)
                rounds[label].append((seq_wall / par_wall, par_cpu / par_wall))

    print(f"{CHUNKS} chunks of work, 2 workers vs one after another")
    print(f"speedup = sequential / parallel time, median of {REPEATS} rounds")
    for label, results in rounds.items():
        speedup = statistics.median(s for s, _ in results)
        line = f"{label:29} speedup {speedup:.2f}x"
        if "threads" in label:  # worker processes' CPU time is not ours to count
            busy = statistics.median(b for _, b in results)
            line += f"  ({busy:.2f} CPUs busy)"
        print(line)
