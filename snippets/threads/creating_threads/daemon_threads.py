"""A daemon thread is stopped abruptly when the main thread exits."""

import threading
import time

started = threading.Event()


def background_job():
    print("daemon: started, working for 10 s")
    started.set()
    try:
        time.sleep(10)
        print("daemon: finished")  # never printed: the process exits first
    finally:
        print("daemon: cleaning up")  # not printed either


if __name__ == "__main__":
    begin = time.perf_counter()
    job = threading.Thread(target=background_job, name="housekeeping", daemon=True)
    job.start()
    started.wait(timeout=5)
    print("main: done; daemon still alive?", job.is_alive())
    print("main: exiting without join(), after < 1 s:", time.perf_counter() - begin < 1)
