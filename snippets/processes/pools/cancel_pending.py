"""cancel() works only on futures that have not started; so does cancel_futures."""

import threading
from concurrent.futures import ThreadPoolExecutor


def job(n, started, gate):
    started.set()
    gate.wait(timeout=5)  # hold the single worker until the main thread says go
    return n


if __name__ == "__main__":
    started, gate = threading.Event(), threading.Event()
    with ThreadPoolExecutor(max_workers=1) as executor:
        futures = [executor.submit(job, n, started, gate) for n in range(4)]
        started.wait(timeout=5)  # job 0 is running, jobs 1-3 are queued
        print(
            "job 0 running:", futures[0].running(), "| cancel() ->", futures[0].cancel()
        )
        print(
            "job 1 running:", futures[1].running(), "| cancel() ->", futures[1].cancel()
        )
        gate.set()
    print("outcomes:", ["cancelled" if f.cancelled() else f.result() for f in futures])

    # shutdown(cancel_futures=True), Python 3.9+: drop everything not yet started.
    started, gate = threading.Event(), threading.Event()
    with ThreadPoolExecutor(max_workers=1) as executor:
        futures = [executor.submit(job, n, started, gate) for n in range(4)]
        started.wait(timeout=5)
        executor.shutdown(wait=False, cancel_futures=True)
        gate.set()  # let job 0 finish; leaving the with block waits for it
    print(
        "cancelled after shutdown(cancel_futures=True):",
        [f.cancelled() for f in futures],
    )
