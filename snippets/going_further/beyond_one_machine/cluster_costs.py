"""What a local Dask cluster costs: starting, one round trip, tiny tasks, stopping."""

import logging
import statistics
import time

from distributed import Client, LocalCluster

N = 500  # tiny tasks
BATCH = 50  # tiny tasks per batch


def tiny(n):
    return n + 1


def tiny_batch(numbers):
    return [tiny(n) for n in numbers]


def seconds(action):
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


if __name__ == "__main__":
    expected = [n + 1 for n in range(N)]
    start = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",  # HTTP server: loopback, any port
        # CRITICAL, not ERROR: a worker's heartbeat can race the closing
        # scheduler and log a harmless ERROR (dask/distributed#7891).
        silence_logs=logging.CRITICAL,
    )
    client = Client(cluster)
    client.wait_for_workers(2, timeout=60)
    started = time.perf_counter() - start
    print(f"start a cluster of 2 workers:       {started:6.3f} s")
    executor = client.get_executor()

    trips = [seconds(lambda: executor.submit(tiny, 1).result()) for _ in range(20)]
    trip = statistics.median(trips[1:])  # the first call also warms up the workers
    print(f"one tiny task, submit to result:    {trip * 1000:6.1f} ms (median of 19)")

    def one_per_task():
        assert list(executor.map(tiny, range(N), timeout=60)) == expected

    def chunksize_batch():
        results = executor.map(tiny, range(N), chunksize=BATCH, timeout=60)
        assert list(results) == expected

    def batches():
        batches = [range(i, i + BATCH) for i in range(0, N, BATCH)]
        results = executor.map(tiny_batch, batches, timeout=60)
        assert [n for batch in results for n in batch] == expected

    for label, action in [
        ("map, one task per item:", one_per_task),
        (f"map, chunksize={BATCH}:", chunksize_batch),
        (f"map over batches of {BATCH}:", batches),
    ]:
        took = seconds(action)
        print(
            f"{N} tiny items, {label:<26} {took:6.3f} s, {took / N * 1e3:.3f} ms each"
        )

    stopped = seconds(lambda: (client.close(), cluster.close()))
    print(f"stop the client and the cluster:    {stopped:6.3f} s")
