"""A worker process dies mid-task: ProcessPoolExecutor says so, Pool does not."""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def task(n):
    if n == 2:
        os._exit(1)  # simulate a crash: segfault, OOM kill, os._exit in a library
    return n * n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as executor:
        futures = [executor.submit(task, n) for n in range(4)]
        try:
            futures[2].result(timeout=10)
        except BrokenProcessPool as exc:
            print("ProcessPoolExecutor: result() raised", type(exc).__name__)
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
