"""A worker is killed mid-run: the cluster runs its tasks again, elsewhere."""

import logging
import os
import signal
import tempfile
import time
from pathlib import Path

from distributed import Client, LocalCluster

TASKS = 6


def slow_square(n, folder):
    """Half a second of work; leaves a note saying which process started it."""
    Path(folder, f"task{n}-pid{os.getpid()}").touch()
    time.sleep(0.5)
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
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,  # each worker runs under a "nanny" process
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # HTTP server: loopback, any port
            silence_logs=logging.CRITICAL,  # the nanny logs the death as a warning
        ) as cluster,
        Client(cluster) as client,
    ):
        victim = min(client.run(os.getpid).values())  # one worker's process id
        futures = client.map(slow_square, range(TASKS), folder=folder)
        notes = Path(folder)
        wait_for(lambda: any(notes.glob(f"*-pid{victim}")))  # it started a task
        os.kill(victim, signal.SIGKILL)  # as the kernel's out-of-memory killer would
        print("killed one of the 2 worker processes while it ran a task")

        results = client.gather(futures)
        print("results:", results)
        started = {}
        for note in notes.iterdir():
            task, pid = note.name.split("-")
            started.setdefault(task, set()).add(pid)
        rerun = [task for task, pids in started.items() if f"pid{victim}" in pids]
        print("every task finished:", results == [n * n for n in range(TASKS)])
        print(
            "the interrupted task was started again by another worker:",
            any(len(started[task]) == 2 for task in rerun),
        )
        client.wait_for_workers(2, timeout=60)
        print("workers now:", len(client.scheduler_info()["workers"]))
