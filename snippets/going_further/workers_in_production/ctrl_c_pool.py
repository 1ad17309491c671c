"""Ctrl-C during Pool.map: workers ignore SIGINT, the main process stops the pool."""

import multiprocessing
import os
import signal
import threading
import time


def init_worker(ready):
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # leave Ctrl-C to the main process
    ready.wait(timeout=10)


def slow_square(x):
    time.sleep(0.5)
    return x * x


def press_ctrl_c():
    os.killpg(os.getpgrp(), signal.SIGINT)  # like a terminal: every process


if __name__ == "__main__":
    if os.getpgrp() != os.getpid():
        os.setpgrp()  # own process group: the signal stays inside this program
    ready = multiprocessing.Barrier(3)
    try:
        with multiprocessing.Pool(2, init_worker, (ready,)) as pool:
            ready.wait(timeout=10)  # both workers now ignore SIGINT
            threading.Timer(0.3, press_ctrl_c).start()
            print(pool.map(slow_square, range(20)))
    except KeyboardInterrupt:
        print("main: KeyboardInterrupt in map(); leaving `with` terminated the pool")
    print("child processes left:", multiprocessing.active_children())
