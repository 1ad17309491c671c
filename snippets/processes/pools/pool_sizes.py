"""How many workers do the pools start by default, and what do they count?"""

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor


def report(title):
    print(title)
    print("  os.cpu_count():               ", os.cpu_count())
    print("  len(os.sched_getaffinity(0)): ", len(os.sched_getaffinity(0)))
    if sys.version_info >= (3, 13):
        print("  os.process_cpu_count():       ", os.process_cpu_count())
    else:
        print("  os.process_cpu_count():        (added in 3.13)")
    with multiprocessing.Pool():
        workers = len(multiprocessing.active_children())
        print("  Pool() worker processes:      ", workers)
    # _max_workers is private; read here only to show the computed default.
    with ProcessPoolExecutor() as executor:
        print("  ProcessPoolExecutor() workers:", executor._max_workers)
    with ThreadPoolExecutor() as executor:
        print("  ThreadPoolExecutor() workers: ", executor._max_workers)


if __name__ == "__main__":
    print(f"Python {sys.version_info.major}.{sys.version_info.minor}")
    report("whole machine")
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # like `taskset -c 0`
    report("restricted to one CPU")
