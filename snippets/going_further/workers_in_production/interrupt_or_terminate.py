"""terminate() skips cleanup; interrupt() (Python 3.14) raises KeyboardInterrupt."""

import os
import queue
import signal
import time
from multiprocessing import Process, Queue, Semaphore


def worker(started, notes):
    try:
        started.release()
        time.sleep(10)  # a long task, holding some resource
    except KeyboardInterrupt:
        notes.put("KeyboardInterrupt raised in the worker")
    finally:
        notes.put("finally block ran: resource released")


def stop(how):
    started, notes = Semaphore(0), Queue()
    p = Process(target=worker, args=(started, notes))
    p.start()
    started.acquire(timeout=10)
    if how == "terminate":
        p.terminate()  # SIGTERM: the process dies where it stands
    elif hasattr(p, "interrupt"):
        p.interrupt()  # SIGINT: Python code in the worker sees KeyboardInterrupt
    else:
        print("  (no Process.interrupt() before 3.14: sending SIGINT with os.kill)")
        os.kill(p.pid, signal.SIGINT)
    p.join(timeout=10)
    print(f"{how}(): exit code {p.exitcode}")
    try:
        while True:  # whatever the worker sent before it exited
            print("  " + notes.get(timeout=1))
    except queue.Empty:
        pass


if __name__ == "__main__":
    stop("terminate")
    stop("interrupt")
