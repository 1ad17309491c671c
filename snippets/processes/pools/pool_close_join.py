"""The with block terminates the pool; close() and join() let pending work finish."""

import time
from multiprocessing import Pool


def slow_square(n):
    time.sleep(0.2)
    return n * n


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        pending = [pool.apply_async(slow_square, (n,)) for n in range(4)]
    # __exit__ called terminate(): no task had time to finish.
    print("with block only:  ", [r.ready() for r in pending])

    with Pool(processes=2) as pool:
        pending = [pool.apply_async(slow_square, (n,)) for n in range(4)]
        pool.close()  # no new tasks
        pool.join()  # wait until every queued task is done
    print("close() + join(): ", [r.get(timeout=1) for r in pending])
