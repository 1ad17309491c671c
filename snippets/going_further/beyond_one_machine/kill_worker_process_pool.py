"""A worker is killed mid-run: the process pool breaks and every pending task fails."""

import multiprocessing
import os
import signal
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

TASKS = 6


def slow_square(n, folder):
    """Three seconds of work; leaves a note saying which process started it."""
    Path(folder, f"task{n}-pid{os.getpid()}").touch()
    time.sleep(3)
    return n * n


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("gave up waiting")
        time.sleep(0.01)


if __name__ == "__main__":
    with (
        tempfile.TemporaryDirectory() as folder,
        ProcessPoolExecutor(max_workers=2) as executor,
    ):
        futures = [executor.submit(slow_square, n, folder) for n in range(TASKS)]
        notes = Path(folder)
        wait_for(lambda: len(list(notes.iterdir())) == 2)  # both workers are busy
        victim = min(p.pid for p in multiprocessing.active_children())
        os.kill(victim, signal.SIGKILL)  # as the kernel's out-of-memory killer would
        print("killed one of the 2 worker processes while it ran a task")

        outcomes = []
        for future in futures:
            try:
                outcomes.append(future.result(timeout=60))
            except BrokenProcessPool as exc:
                outcomes.append(type(exc).__name__)
        print("results:", outcomes)
        try:
            executor.submit(slow_square, 0, folder)
        except BrokenProcessPool:
            print("and the executor accepts no more work: submit() raises too")
