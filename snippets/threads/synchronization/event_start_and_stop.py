"""One Event is a start signal, another a stop flag."""

import threading
import time

start = threading.Event()
stop = threading.Event()
ticks = {}
ticks_lock = threading.Lock()


def poller(name):
    if not start.wait(timeout=5):  # block until the main thread says go
        return
    while not stop.is_set():
        with ticks_lock:
            ticks[name] = ticks.get(name, 0) + 1
        stop.wait(timeout=0.01)  # sleep 10 ms, but wake at once when stop is set


if __name__ == "__main__":
    names = ["poller-a", "poller-b", "poller-c"]
    workers = [threading.Thread(target=poller, args=(n,), name=n) for n in names]
    for t in workers:
        t.start()

    time.sleep(0.05)
    print(f"ticks before start.set(): {sum(ticks.values())}")
    start.set()
    time.sleep(0.1)
    stop.set()
    for t in workers:
        t.join(timeout=5)

    print(f"every poller ticked after start.set(): {sorted(ticks) == names}")
    still_running = sum(t.is_alive() for t in workers)
    print(f"pollers still running after stop.set(): {still_running}")
