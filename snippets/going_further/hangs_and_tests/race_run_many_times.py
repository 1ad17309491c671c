"""A race shows up only now and then: line the threads up, and repeat the test."""

import threading
import time

RUNS = 300


class Cache:
    """Creates each value once... unless two threads ask at the same moment."""

    def __init__(self, locked):
        self.values, self.created = {}, 0
        self.lock = threading.Lock() if locked else None

    def get(self, key):
        if self.lock:
            with self.lock:
                return self._get(key)
        return self._get(key)

    def _get(self, key):
        if key not in self.values:
            time.sleep(0)  # opening it waits for I/O: another thread may run
            self.created += 1
            self.values[key] = object()
        return self.values[key]


def one_run(locked, line_up):
    cache = Cache(locked)
    start = threading.Barrier(2)

    def client():
        if line_up:
            start.wait(timeout=5)  # both threads call get() at the same moment
        cache.get("db")

    threads = [threading.Thread(target=client) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
        assert not t.is_alive(), "a test thread hung"
    return cache.created == 1  # the test's assertion


if __name__ == "__main__":
    for locked, line_up in ((False, False), (False, True), (True, True)):
        failures = sum(not one_run(locked, line_up) for _ in range(RUNS))
        lock = "with lock" if locked else "no lock"
        barrier = "Barrier" if line_up else "no Barrier"
        print(f"{lock}, {barrier}: {failures} of {RUNS} runs failed")
