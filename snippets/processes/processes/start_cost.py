"""What does it cost to start a worker? Start and join one that does nothing.

A thread, then a process under each start method. The four kinds take turns:
15 rounds after one untimed warm-up round. The table shows the median and the
fastest start+join of each, in milliseconds.
"""

import multiprocessing
import statistics
import threading
import time

ROUNDS = 15


def do_nothing():
    pass


def start_and_join(worker_class):
    start = time.perf_counter()
    worker = worker_class(target=do_nothing)
    worker.start()
    worker.join()
    return (time.perf_counter() - start) * 1000


if __name__ == "__main__":
    kinds = {"thread": threading.Thread}
    for method in ("fork", "forkserver", "spawn"):
        ctx = multiprocessing.get_context(method)
        kinds[f"process, {method}"] = ctx.Process
    times = {label: [] for label in kinds}
    for round_number in range(1 + ROUNDS):
        for label, worker_class in kinds.items():
            ms = start_and_join(worker_class)
            if round_number > 0:  # round 0: warm-up (starts the fork server)
                times[label].append(ms)

    print(f"{'start + join':20} {'median':>9} {'fastest':>9}")
    for label, samples in times.items():
        median, fastest = statistics.median(samples), min(samples)
        print(f"{label:20} {median:6.2f} ms {fastest:6.2f} ms")
