"""join(timeout) returns None whether or not the thread finished: check is_alive()."""

import threading

if __name__ == "__main__":
    release = threading.Event()
    worker = threading.Thread(target=release.wait, name="waiter")
    worker.start()

    result = worker.join(timeout=0.2)  # the worker is blocked, so this times out
    print("join(timeout=0.2) returned:", result)
    print("still alive after the timeout:", worker.is_alive())

    release.set()  # let the worker finish
    result = worker.join(timeout=5)
    print("join(timeout=5) returned:", result)
    print("still alive now:", worker.is_alive())
