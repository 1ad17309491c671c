"""apply_async returns an AsyncResult: always get() it with a timeout."""

import multiprocessing
import time
from multiprocessing import Pool


def slow_square(n, seconds):
    time.sleep(seconds)
    return n * n


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        quick = pool.apply_async(slow_square, (7, 0.1))
        slow = pool.apply_async(slow_square, (8, 5.0))

        print("quick.get(timeout=2):", quick.get(timeout=2))
        try:
            slow.get(timeout=0.3)
        except multiprocessing.TimeoutError:
            # The task keeps running: only the wait gave up.
            print("slow.get(timeout=0.3): TimeoutError, ready =", slow.ready())
    # Leaving the with block called pool.terminate(): the slow task was
    # killed, so its result will never arrive.
    print("after the with block, slow.ready() =", slow.ready())
