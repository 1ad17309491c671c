"""Ctrl-C in a terminal signals every process of the program, workers included."""

import os
import signal
import time
from multiprocessing import Process, Queue, Semaphore


def worker(name, started, reports):
    try:
        started.release()  # tell the main process this task has begun
        time.sleep(10)  # busy with a long task
        reports.put(f"{name}: finished its task (unexpected)")
    except KeyboardInterrupt:
        reports.put(f"{name}: KeyboardInterrupt inside its task")


if __name__ == "__main__":
    # A terminal sends SIGINT to its foreground process group. Make this program
    # its own group, so the signal below reaches only this program's processes.
    if os.getpgrp() != os.getpid():
        os.setpgrp()
    started, reports = Semaphore(0), Queue()
    workers = [
        Process(target=worker, args=(f"worker-{i}", started, reports)) for i in (1, 2)
    ]
    for p in workers:
        p.start()
    try:
        for _ in workers:
            started.acquire(timeout=10)  # wait until both workers are busy
        os.killpg(os.getpgrp(), signal.SIGINT)  # what Ctrl-C does
        for p in workers:
            p.join(timeout=10)
    except KeyboardInterrupt:
        print("main: KeyboardInterrupt")
    for p in workers:
        p.join(timeout=10)
    print(*sorted(reports.get(timeout=5) for _ in workers), sep="\n")
    print("exit codes:", [p.exitcode for p in workers])
