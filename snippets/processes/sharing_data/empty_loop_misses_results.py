"""A `while not q.empty()` loop started right after start() collects too little."""

import multiprocessing
import queue
import time


def squares(numbers, results):
    for n in numbers:
        time.sleep(0.05)  # stands for real work
        results.put(n * n)


if __name__ == "__main__":
    numbers = [2, 3, 8, 9]
    results = multiprocessing.Queue()
    worker = multiprocessing.Process(target=squares, args=(numbers, results))
    worker.start()

    # The broken pattern: stop as soon as the queue looks empty.
    by_empty_loop = []
    while not results.empty():
        by_empty_loop.append(results.get(timeout=5))

    # A correct pattern: get() as many items as were sent (with a timeout).
    rest = []
    try:
        for _ in range(len(numbers) - len(by_empty_loop)):
            rest.append(results.get(timeout=5))
    except queue.Empty:
        pass
    worker.join(timeout=5)

    print(f"collected by the empty() loop: {by_empty_loop}")
    print(f"collected afterwards by get(): {rest}")
    print(f"all results: {sorted(by_empty_loop + rest)}")
