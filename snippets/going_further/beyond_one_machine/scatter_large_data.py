"""A large argument sent with every task, or sent once with scatter."""

import logging
import os
import time
import warnings

from distributed import Client, LocalCluster

TASKS = 8
SIZE = 10 * 2**20  # 10 MiB


def checksum(data, i):
    return (data[i] + len(data)) % 251


def timed(label, submit_all):
    start = time.perf_counter()
    results = [f.result(timeout=60) for f in submit_all()]
    print(f"{label:<40} {time.perf_counter() - start:6.3f} s")
    return results


if __name__ == "__main__":
    data = os.urandom(SIZE)  # random bytes: no compression can shrink them
    expected = [checksum(data, i) for i in range(TASKS)]
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
        client.submit(checksum, b"warm-up", 0).result(timeout=60)
        print(f"{TASKS} tasks, each reading the same {SIZE // 2**20} MiB of bytes")

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            sent = timed(
                "the bytes passed to every submit():",
                lambda: [client.submit(checksum, data, i) for i in range(TASKS)],
            )
        for message in sorted({str(w.message).splitlines()[0] for w in caught}):
            print(f"  Dask warned {len(caught)} times:", message)

        def scattered():
            [remote] = client.scatter([data])  # sent once; a future stands for it
            return [client.submit(checksum, remote, i) for i in range(TASKS)]

        once = timed("scatter() once, then submit() the future:", scattered)
        assert sent == once == expected
