"""ThreadPoolExecutor and ProcessPoolExecutor: one interface, submit and map."""

import os
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed


def square_and_pid(n):
    return n * n, os.getpid()


if __name__ == "__main__":
    for executor_class in (ThreadPoolExecutor, ProcessPoolExecutor):
        print(executor_class.__name__)
        with executor_class(max_workers=2) as executor:
            # submit: schedule one call, get a Future back at once.
            future = executor.submit(square_and_pid, 3)
            square, pid = future.result()  # waits, then returns (or re-raises)
            print("  submit(square_and_pid, 3):", square)
            print("  ran in this process:", pid == os.getpid())

            # map: like the built-in map, results in input order.
            print("  map:", [sq for sq, _ in executor.map(square_and_pid, range(6))])

            # as_completed: futures as they finish; sort for a stable print.
            futures = [executor.submit(square_and_pid, n) for n in range(6)]
            done = sorted(f.result()[0] for f in as_completed(futures, timeout=10))
            print("  as_completed, sorted:", done)
