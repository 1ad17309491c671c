"""Ctrl-C while a ProcessPoolExecutor works: three ways the program can stop."""

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

started = None  # a shared counter, set in each worker by the initializer


def init_worker(counter, ignore_ctrl_c):
    global started
    started = counter
    if ignore_ctrl_c:
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def task(x):
    with started.get_lock():
        started.value += 1
    time.sleep(0.3)
    return x


def press_ctrl_c_when(counter, n):
    while counter.value < n:  # tasks 0 and 1 done, 2 and 3 running
        time.sleep(0.01)
    os.killpg(os.getpgrp(), signal.SIGINT)


def outcome(future):
    if future.cancelled():
        return "cancelled"
    error = future.exception(timeout=10)
    return "done" if error is None else type(error).__name__


def run(how):
    counter = multiprocessing.Value("i", 0)
    start = time.perf_counter()
    ignore = how != "nothing"
    setup = {"initializer": init_worker, "initargs": (counter, ignore)}
    with ProcessPoolExecutor(2, **setup) as pool:
        futures = [pool.submit(task, i) for i in range(12)]
        threading.Thread(target=press_ctrl_c_when, args=(counter, 4)).start()
        try:
            for future in futures:
                future.result(timeout=10)
        except KeyboardInterrupt:
            if how == "cancel_futures":
                pool.shutdown(cancel_futures=True)
            elif how == "terminate_workers":
                pool.terminate_workers()
    seconds = time.perf_counter() - start
    outcomes = Counter(outcome(f) for f in futures)
    print(f"{how + ':':<19} {seconds:.1f} s, {dict(sorted(outcomes.items()))}")


if __name__ == "__main__":
    if os.getpgrp() != os.getpid():
        os.setpgrp()  # own process group: the signal stays inside this program
    run("nothing")
    run("cancel_futures")
    if sys.version_info >= (3, 14):
        run("terminate_workers")
    else:
        print("terminate_workers: not available before Python 3.14")
