"""Python 3.12+ warns when a process forks while other threads are running."""

import multiprocessing
import re
import sys
import threading
import warnings


def child():
    pass


if __name__ == "__main__":
    release = threading.Event()
    helper = threading.Thread(target=release.wait, name="helper")
    helper.start()  # a second thread is now alive in this process
    threads_at_fork = threading.active_count()

    ctx = multiprocessing.get_context("fork")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        process = ctx.Process(target=child)
        process.start()
        process.join()
    release.set()
    helper.join()

    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    print(f"Python {version}, threads alive when forking: {threads_at_fork}")
    print(f"child exitcode: {process.exitcode}")
    warned = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    print(f"DeprecationWarning raised: {bool(warned)}")
    for w in warned:
        message = re.sub(r"pid=[0-9]+", "pid=...", str(w.message))
        print(f"  message: {message}")
