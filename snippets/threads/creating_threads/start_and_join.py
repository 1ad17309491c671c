"""Create a thread, start it, and wait for it with join()."""

import threading
import time

steps = []  # the worker and the main thread share this list


def greet(count):
    for i in range(1, count + 1):
        time.sleep(0.01)  # pretend to wait for something
        steps.append(f"worker: step {i} of {count}")


if __name__ == "__main__":
    worker = threading.Thread(target=greet, args=(3,))  # created, not running yet
    worker.start()  # now it runs, alongside the main thread
    worker.join()  # block here until greet() has returned
    steps.append("main: the worker has finished")
    print("\n".join(steps))
