"""Three ways to get a value back from threads; the last one is usually best."""

import queue
import threading
from concurrent.futures import ThreadPoolExecutor


def square(n):
    return n * n


def into_slot(results, index, n):
    results[index] = square(n)  # each thread writes only its own slot


def into_queue(q, n):
    q.put((n, square(n)))


if __name__ == "__main__":
    numbers = [2, 3, 8, 9]

    # 1. A pre-sized list: one slot per thread, read after join().
    slots = [None] * len(numbers)
    threads = [
        threading.Thread(target=into_slot, args=(slots, i, n))
        for i, n in enumerate(numbers)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("list slots:        ", slots)

    # 2. A thread-safe queue: results arrive in completion order, so sort them.
    q = queue.Queue()
    threads = [threading.Thread(target=into_queue, args=(q, n)) for n in numbers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    pairs = sorted(q.get() for _ in numbers)
    print("queue, sorted:     ", [result for _, result in pairs])

    # 3. A thread pool: return values (and exceptions) come back in input order.
    with ThreadPoolExecutor(max_workers=4) as pool:
        print("ThreadPoolExecutor:", list(pool.map(square, numbers)))
