"""Retire each worker after a few tasks: maxtasksperchild, max_tasks_per_child."""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def worker_pid(_):
    return os.getpid()


if __name__ == "__main__":
    # multiprocessing.Pool: one worker, replaced after every 2 tasks.
    with multiprocessing.Pool(processes=1, maxtasksperchild=2) as pool:
        pids = pool.map(worker_pid, range(6), chunksize=1)
    print(
        "Pool(1, maxtasksperchild=2), 6 tasks:", len(set(pids)), "distinct worker pids"
    )

    # ProcessPoolExecutor (Python 3.11+). Without mp_context, it uses "spawn".
    # Submit one task at a time: queuing many at once can hang on 3.11, 3.12,
    # 3.13 before its July 2026 patch release and 3.14.0-3.14.5 (gh-115634).
    with ProcessPoolExecutor(max_workers=1, max_tasks_per_child=2) as executor:
        pids = [executor.submit(worker_pid, n).result(timeout=10) for n in range(6)]
    print(
        "ProcessPoolExecutor(1, max_tasks_per_child=2), 6 tasks:",
        len(set(pids)),
        "distinct worker pids",
    )
