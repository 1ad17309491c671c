"""A producer feeds three consumers through a queue.Queue; None means "stop"."""

import queue
import threading
import time

CONSUMERS = 3
STOP = None  # the sentinel: one per consumer

tasks = queue.Queue(maxsize=4)  # put() blocks while 4 items wait: back-pressure
results = []
results_lock = threading.Lock()


def produce(n):
    for i in range(1, n + 1):
        tasks.put(i, timeout=5)
    for _ in range(CONSUMERS):
        tasks.put(STOP, timeout=5)


def consume():
    while True:
        item = tasks.get(timeout=5)
        try:
            if item is STOP:
                return
            time.sleep(0.01)  # the work: e.g. an HTTP request
            with results_lock:
                results.append(item * item)
        finally:
            tasks.task_done()  # exactly once per get(), even if the work fails


if __name__ == "__main__":
    threads = [threading.Thread(target=produce, args=(12,), name="producer")]
    threads += [
        threading.Thread(target=consume, name=f"consumer-{i}") for i in range(CONSUMERS)
    ]
    for t in threads:
        t.start()
    tasks.join()  # returns when every put() item has had its task_done()
    for t in threads:
        t.join(timeout=5)

    print(f"results: {sorted(results)}")
    print(f"threads still alive: {sum(t.is_alive() for t in threads)}")
