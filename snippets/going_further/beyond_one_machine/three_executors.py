"""One program, three executors: a process pool, a local Dask cluster, and a Dask
cluster of separate scheduler and worker programs joined by address."""

import contextlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from distributed import Client, LocalCluster


def count_primes(limit):
    """CPU-bound pure Python: the number of primes below limit."""
    return sum(all(n % d for d in range(2, int(n**0.5) + 1)) for n in range(2, limit))


def worker_pid(_):
    return os.getpid()


def run(executor):
    """The program. It knows nothing about the executor it is given."""
    limits = [10_000, 20_000, 30_000, 40_000]
    print("  submit:", executor.submit(count_primes, 1000).result(timeout=30))
    print("  map:", list(executor.map(count_primes, limits, timeout=30)))
    futures = [executor.submit(count_primes, n) for n in limits]
    done = sorted(f.result() for f in as_completed(futures, timeout=30))
    print("  as_completed, sorted:", done)
    pids = set(executor.map(worker_pid, range(4), timeout=30))
    print("  ran in this process:", os.getpid() in pids)


@contextlib.contextmanager
def scheduler_and_workers(n_workers):
    """Start `dask scheduler` and `dask worker` as separate programs, on loopback.

    On a real cluster each would run on its own machine. Yields a connected Client.
    """
    with tempfile.TemporaryDirectory() as folder:
        info = Path(folder, "scheduler.json")  # the scheduler writes its address here
        # The same as the commands `dask scheduler ...` and `dask worker ...`.
        scheduler = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
        # Every server on loopback; the defaults listen on every interface.
        loopback = ["--host", "127.0.0.1", "--dashboard-address", "127.0.0.1:0"]
        scheduler += [*loopback, "--port", "0", "--scheduler-file", str(info)]
        worker = [sys.executable, "-m", "distributed.cli.dask_worker"]
        worker += [*loopback, "--nthreads", "1", "--no-nanny"]
        worker += ["--scheduler-file", str(info), "--local-directory", folder]
        with open(Path(folder, "cluster.log"), "w") as log:
            programs = [subprocess.Popen(scheduler, stdout=log, stderr=log)]
            programs += [
                subprocess.Popen(worker, stdout=log, stderr=log)
                for _ in range(n_workers)
            ]
            try:
                deadline = time.monotonic() + 60
                while not (info.exists() and info.read_text()):
                    if time.monotonic() > deadline:
                        raise TimeoutError("the scheduler did not start")
                    time.sleep(0.05)
                address = json.loads(info.read_text())["address"]
                with Client(address, timeout=60) as client:
                    client.wait_for_workers(n_workers, timeout=60)
                    yield client
                    client.shutdown()  # stops the scheduler and its workers
                for program in programs:
                    program.wait(timeout=30)
            finally:
                for program in programs:
                    if program.poll() is None:  # after an error: the hard way
                        program.kill()
                        program.wait()


if __name__ == "__main__":
    print("ProcessPoolExecutor(max_workers=2)")
    with ProcessPoolExecutor(max_workers=2) as executor:
        run(executor)

    print("LocalCluster, client.get_executor()")
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # HTTP server: loopback, any port
            # CRITICAL, not ERROR: a worker's heartbeat can race the closing
            # scheduler and log a harmless ERROR (dask/distributed#7891).
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster) as client,
    ):
        run(client.get_executor())

    print("dask scheduler + 2 x dask worker, client.get_executor()")
    with scheduler_and_workers(2) as client:
        address = client.scheduler.address
        print("  scheduler address:", address.rsplit(":", 1)[0] + ":<port>")
        run(client.get_executor())
