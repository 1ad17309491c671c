"""An exception escapes a thread: it is printed to stderr, and join() does not raise."""

import threading


def parse(record):
    raise ValueError(f"bad record: {record!r}")


if __name__ == "__main__":
    worker = threading.Thread(target=parse, args=("x=?",), name="parser")
    worker.start()
    worker.join(timeout=5)  # returns normally: the exception does not travel here
    print(f"join() returned; worker alive: {worker.is_alive()}")
    print("the main thread carries on as if nothing happened")
