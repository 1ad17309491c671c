"""Read with get(timeout=...) until the workers are gone and the queue stays quiet."""

import multiprocessing
import queue


def squares(numbers, results):
    for n in numbers:
        results.put(n * n)


if __name__ == "__main__":
    results = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=squares, args=(chunk, results))
        for chunk in ([2, 3], [8, 9])
    ]
    for w in workers:
        w.start()

    collected = []
    while True:
        # Look at the workers BEFORE reading: a worker flushes what it put
        # into the pipe before it exits, so once all were dead before a
        # get() timed out, nothing more can arrive.
        any_alive = any(w.is_alive() for w in workers)
        try:
            collected.append(results.get(timeout=0.1))
        except queue.Empty:
            if not any_alive:
                break
    for w in workers:
        w.join(timeout=10)

    print("squares:", sorted(collected))
    print("exit codes:", [w.exitcode for w in workers])
