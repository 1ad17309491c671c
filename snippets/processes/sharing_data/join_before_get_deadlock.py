"""Joining a process before reading what it put on a queue can wait forever."""

import multiprocessing


def produce(results, size):
    results.put(b"x" * size)
    # The function returns here, but the process cannot exit until its
    # feeder thread has written every byte into the pipe.


def join_then_get(size):
    results = multiprocessing.Queue()
    worker = multiprocessing.Process(target=produce, args=(results, size))
    worker.start()

    worker.join(timeout=1)  # the wrong order; without a timeout: a hang
    print(f"{size:>9,} bytes, after join(timeout=1): alive={worker.is_alive()}")

    data = results.get(timeout=10)  # the right order: read first...
    worker.join(timeout=10)  # ...then join
    print(
        f"{len(data):>9,} bytes, after get() and join(): "
        f"alive={worker.is_alive()}, exitcode={worker.exitcode}"
    )


if __name__ == "__main__":
    join_then_get(100)  # fits in the pipe buffer: the wrong order gets away with it
    join_then_get(1_000_000)  # does not fit: join() waits for a reader that never comes
