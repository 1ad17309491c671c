"""Each worker puts None when done; the parent reads until it has seen every None."""

import functools
import multiprocessing

DONE = None  # the sentinel: any value the workers never send as a result


def squares(numbers, results):
    for n in numbers:
        results.put(n * n)
    results.put(DONE)


if __name__ == "__main__":
    chunks = [[2, 3], [8, 9], [10]]
    results = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=squares, args=(chunk, results))
        for chunk in chunks
    ]
    for w in workers:
        w.start()

    # iter(callable, sentinel) calls get() until it returns the sentinel.
    # The timeout keeps a crashed worker from hanging the parent forever.
    get = functools.partial(results.get, timeout=10)
    collected = []
    for _ in workers:  # one sentinel per worker
        collected.extend(iter(get, DONE))
    for w in workers:
        w.join(timeout=10)

    print("squares:", sorted(collected))
    print("exit codes:", [w.exitcode for w in workers])
