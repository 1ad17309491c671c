"""The same two-thread harness, first with waiting, then with computing."""

import statistics
import threading
import time

DELAY = 0.05  # seconds each sleeping task waits
LOOPS = 2_000_000  # iterations each computing task runs (pure Python)


def wait_task():
    time.sleep(DELAY)  # blocks this thread only; the GIL is released


def compute_task():
    total = 0
    for i in range(LOOPS):  # runs Python bytecode: needs the GIL throughout
        total += i
    return total


def sequential(task):
    start = time.perf_counter()
    task()
    task()
    return time.perf_counter() - start


def two_threads(task):
    """Wall time of two threads running task, and the CPU cores kept busy."""
    workers = [threading.Thread(target=task) for _ in range(2)]
    start, cpu_start = time.perf_counter(), time.process_time()
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    wall = time.perf_counter() - start
    cpu = time.process_time() - cpu_start  # CPU time of all threads
    return wall, cpu / wall


if __name__ == "__main__":
    for label, task, repeats in [
        ("sleep", wait_task, 3),
        ("compute", compute_task, 7),
    ]:
        seq, thr, busy = [], [], []
        for _ in range(repeats):  # interleave the two kinds of run
            seq.append(sequential(task))
            wall, cores = two_threads(task)
            thr.append(wall)
            busy.append(cores)
        # Medians; the ratio is the median over pairs of neighbouring runs, less
        # exposed to the machine's speed changing during the program than a
        # comparison of runs made at different moments.
        ratio = statistics.median(t / s for s, t in zip(seq, thr, strict=True))
        print(
            f"{label:>7}: sequential {statistics.median(seq):.2f} s, "
            f"two threads {statistics.median(thr):.2f} s "
            f"(ratio {ratio:.2f}), cores busy {statistics.median(busy):.2f}"
        )
