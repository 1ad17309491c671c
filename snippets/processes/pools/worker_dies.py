"""A worker process dies mid-task: ProcessPoolExecutor says so, Pool does not."""

import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def task(n):
    if n == 2:
        time.sleep(0.5)  # let the main process submit the other tasks first
        os._exit(1)  # simulate a crash: segfault, OOM kill, os._exit in a library
    return n * n


def slow_task(n):
    time.sleep(1.0)
    return n * n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        crash = executor.submit(task, 2)
        others = [executor.submit(slow_task, n) for n in range(5)]  # run or queued
        try:
            crash.result(timeout=10)
        except BrokenProcessPool as exc:
            print("ProcessPoolExecutor: result() raised", type(exc).__name__)
        failed = sum(
            isinstance(f.exception(timeout=10), BrokenProcessPool) for f in others
        )
        print(
            f"ProcessPoolExecutor: {failed} of the {len(others)} other tasks failed too"
        )
        try:
            executor.submit(task, 5)
        except BrokenProcessPool:
            print("ProcessPoolExecutor: submit() now raises BrokenProcessPool too")

    with multiprocessing.Pool(processes=2) as pool:
        lost = pool.apply_async(task, (2,))
        try:
            lost.get(timeout=1)  # without a timeout, this get() never returns
        except multiprocessing.TimeoutError:
            print("Pool: no error, no result; get(timeout=1) gave up")
        # The pool quietly replaced the dead worker and keeps accepting work.
        print(
            "Pool: next task still runs:", pool.apply_async(task, (3,)).get(timeout=10)
        )
