"""Every blocking call takes a timeout; each raises (or reports) something different."""

import concurrent.futures
import multiprocessing
import queue
import threading
import time

never = threading.Event()  # nobody sets it: every wait below would last forever


def stuck(event):
    event.wait(5)


def slow_task():
    time.sleep(1)  # longer than the 0.2 s anyone waits for it


def report(call, outcome):
    print(f"{call:<32} {outcome}")


if __name__ == "__main__":
    stop = multiprocessing.Event()  # set at the end, so nothing outlives the program

    thread = threading.Thread(target=never.wait, args=(5,), daemon=True)
    thread.start()
    thread.join(timeout=0.2)  # returns None either way: ask is_alive()
    report("Thread.join(timeout)", f"returned, is_alive() = {thread.is_alive()}")

    process = multiprocessing.Process(target=stuck, args=(stop,))
    process.start()
    process.join(timeout=0.2)  # same: returns, exitcode stays None
    report("Process.join(timeout)", f"returned, exitcode = {process.exitcode}")

    try:
        multiprocessing.Queue().get(timeout=0.2)
    except queue.Empty as error:
        report("Queue.get(timeout)", f"raised queue.{type(error).__name__}")

    with multiprocessing.Pool(1) as pool:
        try:
            pool.apply_async(slow_task).get(timeout=0.2)
        except multiprocessing.TimeoutError as error:
            builtin = isinstance(error, TimeoutError)
            report("AsyncResult.get(timeout)", "raised multiprocessing.TimeoutError")
            report("", f"  is a built-in TimeoutError: {builtin}")

    with concurrent.futures.ProcessPoolExecutor(1) as executor:
        future = executor.submit(slow_task)
        try:
            future.result(timeout=0.2)
        except concurrent.futures.TimeoutError as error:
            builtin = isinstance(error, TimeoutError)
            report("Future.result(timeout)", "raised concurrent.futures.TimeoutError")
            report("", f"  is a built-in TimeoutError: {builtin}")
        done, not_done = concurrent.futures.wait([future], timeout=0.2)
        report("wait(futures, timeout)", f"{len(done)} done, {len(not_done)} not done")

    stop.set()
    process.join(timeout=5)
    report("after stop.set()", f"process exitcode = {process.exitcode}")
