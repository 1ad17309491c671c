"""Return results through a Queue: get() every result first, then join()."""

from multiprocessing import Process, Queue

NUMBERS = [2, 3, 8, 9]


def square(n, results):
    results.put((n, n * n))


if __name__ == "__main__":
    results = Queue()
    workers = [Process(target=square, args=(n, results)) for n in NUMBERS]
    for w in workers:
        w.start()
    # One get() per expected result; a timeout turns a lost worker into an
    # exception instead of a hang.
    squares = dict(results.get(timeout=10) for _ in NUMBERS)
    for w in workers:
        w.join()
    print(f"squares via a Queue: {[squares[n] for n in NUMBERS]}")
