"""Ctrl-C reaches the main thread only; it stops a worker thread through an Event."""

import os
import signal
import threading

stop = threading.Event()
ready, finished = threading.Event(), threading.Event()


def worker():
    ready.set()
    while not stop.is_set():  # check the flag between small steps of work
        stop.wait(0.01)
    print(f"{threading.current_thread().name}: saw the stop event, cleaning up")
    finished.set()


def on_sigint(signum, frame):
    print(f"handler runs in: {threading.current_thread().name}")
    raise KeyboardInterrupt


if __name__ == "__main__":
    signal.signal(signal.SIGINT, on_sigint)
    thread = threading.Thread(target=worker, name="worker")
    thread.start()
    ready.wait(timeout=5)
    # Pretend the user presses Ctrl-C in 0.2 s. The signal is sent from another
    # thread, but Python runs the handler in the main thread.
    ctrl_c = threading.Timer(0.2, os.kill, args=(os.getpid(), signal.SIGINT))
    try:
        ctrl_c.start()
        thread.join(timeout=10)  # the main thread is waiting here
        print("main: join() returned without a signal (unexpected)")
    except KeyboardInterrupt:
        print("main: KeyboardInterrupt raised inside join()")
        # The worker has not been told to stop yet, so it is still running.
        print(f"main: worker.is_alive() says {thread.is_alive()}")
        stop.set()
        finished.wait(timeout=5)
        thread.join(timeout=5)
    ctrl_c.join(timeout=5)
    print(f"after stop.set(): worker alive: {thread.is_alive()}")
