"""Killing a process that holds a lock leaves it locked for everyone else."""

import multiprocessing
import time


def hold_lock(lock, acquired):
    with lock:
        acquired.set()
        time.sleep(60)  # "working" while holding the lock


if __name__ == "__main__":
    lock = multiprocessing.Lock()
    acquired = multiprocessing.Event()
    worker = multiprocessing.Process(target=hold_lock, args=(lock, acquired))
    worker.start()
    acquired.wait(timeout=10)
    print(f"worker holds the lock: {acquired.is_set()}")

    worker.terminate()  # SIGTERM: the child runs no finally, no `with` exit
    worker.join(timeout=10)
    print(f"worker exitcode: {worker.exitcode}")

    # Anyone waiting for the lock waits forever; the timeout ends this demo.
    got_it = lock.acquire(timeout=1)
    print(f"parent acquired the lock within 1 s: {got_it}")
