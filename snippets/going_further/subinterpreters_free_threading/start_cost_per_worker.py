"""What does one more worker cost to start? A thread, an interpreter, a process.

Each kind starts a worker that does nothing and waits for it to finish: a thread
(start, join); an interpreter (create, call a function in it, close); a process
under each start method (start, join). The kinds take turns, one untimed round
first; the table shows the median and the fastest of the timed rounds.
"""

import multiprocessing
import statistics
import sys
import threading
import time

ROUNDS = 10


def do_nothing():
    pass


def thread_start():
    worker = threading.Thread(target=do_nothing)
    worker.start()
    worker.join()


def interpreter_start():
    from concurrent import interpreters

    interp = interpreters.create()
    interp.call(do_nothing)
    interp.close()


def process_start(method):
    worker = multiprocessing.get_context(method).Process(target=do_nothing)
    worker.start()
    worker.join()


if __name__ == "__main__":
    kinds = {"thread": thread_start}
    if sys.version_info >= (3, 14):
        kinds["interpreter"] = interpreter_start
    for method in ("fork", "forkserver", "spawn"):
        kinds[f"process, {method}"] = lambda method=method: process_start(method)
    times = {label: [] for label in kinds}
    for round_number in range(1 + ROUNDS):
        for label, start in kinds.items():
            began = time.perf_counter()
            start()
            if round_number > 0:  # round 0: warm-up (starts the fork server)
                times[label].append((time.perf_counter() - began) * 1000)

    if "interpreter" not in kinds:
        print("(no interpreter row: concurrent.interpreters is new in 3.14)")
    print(f"{'start + finish':20} {'median':>9} {'fastest':>9}")
    for label, samples in times.items():
        median, fastest = statistics.median(samples), min(samples)
        print(f"{label:20} {median:6.2f} ms {fastest:6.2f} ms")
