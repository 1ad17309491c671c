"""The GIL chapter's pure-Python countdown, run four ways, against the machine's ceiling.

One after another in one thread; in 2 threads; in an InterpreterPoolExecutor and
a ProcessPoolExecutor of 2 workers (started before the clock runs); and, for the
ceiling, in 2 plain processes that wait for orders on a pipe, timed all at once
and then one after the other. Each round runs every case; the figures are medians
over rounds, and each speedup is the median of the per-round ratios.
"""

import multiprocessing
import statistics
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

WORKERS = 2
TASKS = 4  # the same total work in every case
TASK_SIZE = 600_000  # countdown steps per task
ROUNDS = 7


def count_down(n):
    while n > 0:
        n -= 1
    return n


def pool_case(pool):
    """Time one batch of TASKS countdowns spread over the pool's workers."""
    began = time.perf_counter()
    list(pool.map(count_down, [TASK_SIZE] * TASKS))
    return time.perf_counter() - began


def sequential_case():
    began = time.perf_counter()
    for _ in range(TASKS):
        count_down(TASK_SIZE)
    return time.perf_counter() - began


def ceiling_worker(conn):
    """A plain process: run the number of tasks it is sent, answer, repeat."""
    while (tasks := conn.recv()) is not None:
        for _ in range(tasks):
            count_down(TASK_SIZE)
        conn.send(True)


def ceiling_order(conns):
    """Send each worker its share of TASKS; time until all of them have answered."""
    began = time.perf_counter()
    for conn in conns:
        conn.send(TASKS // WORKERS)
    for conn in conns:
        conn.recv()
    return time.perf_counter() - began


def main(interpreter_pool_class):
    conns, children = [], []
    for _ in range(WORKERS):
        here, there = multiprocessing.Pipe()
        child = multiprocessing.Process(target=ceiling_worker, args=(there,))
        child.start()
        conns.append(here)
        children.append(child)
    threads = ThreadPoolExecutor(WORKERS)
    interps = interpreter_pool_class(WORKERS)
    processes = ProcessPoolExecutor(WORKERS)
    cases = {
        "one thread": sequential_case,
        f"{WORKERS} threads": lambda: pool_case(threads),
        f"{WORKERS} interpreters": lambda: pool_case(interps),
        f"{WORKERS} processes": lambda: pool_case(processes),
        "ceiling, at once": lambda: ceiling_order(conns),
        "ceiling, in turn": lambda: sum(ceiling_order([c]) for c in conns),
    }
    try:
        for case in cases.values():  # warm-up: every worker started and used
            case()
        times = {name: [] for name in cases}
        for round_number in range(ROUNDS):
            order = list(cases) if round_number % 2 == 0 else list(cases)[::-1]
            for name in order:
                times[name].append(cases[name]())
    finally:
        for pool in (threads, interps, processes):
            pool.shutdown()
        for conn, child in zip(conns, children):
            conn.send(None)
            child.join(10)
    return times


def speedup(slow, fast):
    return statistics.median(s / f for s, f in zip(slow, fast))


if __name__ == "__main__":
    try:
        from concurrent.futures import InterpreterPoolExecutor
    except ImportError:  # before 3.14
        sys.exit("InterpreterPoolExecutor is new in Python 3.14")
    times = main(InterpreterPoolExecutor)
    check = getattr(sys, "_is_gil_enabled", None)
    print(f"GIL enabled: {check() if check else True}")
    print(f"{TASKS} tasks of {TASK_SIZE:,} steps, {WORKERS} workers, {ROUNDS} rounds")
    ceiling = speedup(times["ceiling, in turn"], times["ceiling, at once"])
    print(f"ceiling (plain processes): {ceiling:.2f}x")
    base = times["one thread"]
    print(f"{'':16} {'median':>8} {'speedup':>8} {'of ceiling':>10}")
    for name in ("one thread", "2 threads", "2 interpreters", "2 processes"):
        gain = speedup(base, times[name])
        print(
            f"{name + ':':16} {statistics.median(times[name]):6.3f} s"
            f" {gain:7.2f}x {gain / ceiling:9.0%}"
        )
