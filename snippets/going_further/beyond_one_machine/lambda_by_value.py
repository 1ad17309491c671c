"""A process pool pickles functions by name; Dask sends them by value."""

import logging
from concurrent.futures import ProcessPoolExecutor

from distributed import Client, LocalCluster


def make_adder(step):
    def add(n):  # a function defined inside another: a "local object"
        return n + step

    return add


def try_functions(name, executor):
    for label, func in [("lambda", lambda n: n + 1), ("local function", make_adder(1))]:
        try:
            outcome = executor.submit(func, 41).result(timeout=30)
        except Exception as exc:  # the type only: the message varies by version
            outcome = f"fails, {type(exc).__name__}"
        print(f"{name}, {label}:".ljust(45), outcome)


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as executor:
        try_functions("ProcessPoolExecutor", executor)

    with (
        LocalCluster(
            n_workers=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # HTTP server: loopback, any port
            # CRITICAL, not ERROR: a worker's heartbeat can race the closing
            # scheduler and log a harmless ERROR (dask/distributed#7891).
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster) as client,
    ):
        try_functions("Dask, client.get_executor()", client.get_executor())
