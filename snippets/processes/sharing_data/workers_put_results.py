"""The article's Queue example, completed: workers put results, the parent gets them."""

import multiprocessing


def squares(numbers, results):
    for n in numbers:
        results.put(("square", n, n * n))


def cubes(numbers, results):
    for n in numbers:
        results.put(("cube", n, n * n * n))


if __name__ == "__main__":
    numbers = [2, 3, 8, 9]
    results = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=squares, args=(numbers, results)),
        multiprocessing.Process(target=cubes, args=(numbers, results)),
    ]
    for w in workers:
        w.start()

    # We know how many items are coming: get exactly that many, then join.
    expected = len(numbers) * len(workers)
    collected = [results.get(timeout=10) for _ in range(expected)]
    for w in workers:
        w.join(timeout=10)

    for kind, n, value in sorted(collected):
        print(f"{kind:6} {n} -> {value}")
    print("exit codes:", [w.exitcode for w in workers])
