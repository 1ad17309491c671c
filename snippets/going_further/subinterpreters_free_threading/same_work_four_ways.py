"""The GIL chapter's pure-Python countdown run four ways, against the machine's ceiling.

One after another in one thread; in 2 threads; in an InterpreterPoolExecutor and
a ProcessPoolExecutor of 2 workers (started before the clock runs); and, for the
ceiling, in 2 plain processes that wait for orders on a pipe, timed all at once
and then one after the other. Each round runs every case; the figures are medians
over rounds, and each speedup is the median of the per-round ratios. "CPUs busy"
is the CPU time the case used divided by its wall-clock time: this process's
(all its threads, in every interpreter), plus, for the process pool, the CPU
time each task reports from its worker process.
"""

import multiprocessing
import statistics
import sys
import time
from concurrent.futures import (
    InterpreterPoolExecutor,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
)

WORKERS = 2
TASKS = 4  # the same total work in every case
# Countdown steps per task: about 0.1 s per case, so that a short pause by
# another program on the machine cannot decide a whole round.
TASK_SIZE = 1_200_000
ROUNDS = 9


def count_down(n):
    while n > 0:
        n -= 1
    return n


def count_down_in_worker(n):
    """count_down in a worker process; return the CPU seconds it used there."""
    start = time.process_time()
    count_down(n)
    return time.process_time() - start


def measure(func, *args):
    """Wall-clock seconds and CPU seconds of one call: this whole process's,
    plus those the call returns (used in other processes)."""
    wall, cpu = time.perf_counter(), time.process_time()
    elsewhere = func(*args) or 0.0
    return time.perf_counter() - wall, time.process_time() - cpu + elsewhere


def run_in_pool(pool):
    """Run TASKS countdowns spread over the pool's workers."""
    list(pool.map(count_down, [TASK_SIZE] * TASKS))


def run_in_processes(pool):
    """The same in a process pool; return the CPU seconds its workers used."""
    return sum(pool.map(count_down_in_worker, [TASK_SIZE] * TASKS))


def run_in_one_thread():
    for _ in range(TASKS):
        count_down(TASK_SIZE)


def ceiling_worker(conn):
    """A plain process: run the number of tasks it is sent, answer, repeat."""
    while (tasks := conn.recv()) is not None:
        for _ in range(tasks):
            count_down(TASK_SIZE)
        conn.send(True)


def ceiling_order(conns):
    """Send each worker its share of TASKS; return when all of them have answered."""
    for conn in conns:
        conn.send(TASKS // WORKERS)
    for conn in conns:
        conn.recv()


def ceiling_in_turn(conns):
    """The same orders, but one worker at a time."""
    for conn in conns:
        ceiling_order([conn])


def main():
    # Every process is started before any interpreter exists: a child forked
    # while the parent has a sub-interpreter crashes (see fork_after_interpreter).
    conns, children = [], []
    for _ in range(WORKERS):
        here, there = multiprocessing.Pipe()
        child = multiprocessing.Process(target=ceiling_worker, args=(there,))
        child.start()
        conns.append(here)
        children.append(child)
    processes = ProcessPoolExecutor(WORKERS)
    run_in_processes(processes)  # starts the pool's worker processes
    threads = ThreadPoolExecutor(WORKERS)
    interps = InterpreterPoolExecutor(WORKERS)
    cases = {
        "one thread": lambda: measure(run_in_one_thread),
        f"{WORKERS} threads": lambda: measure(run_in_pool, threads),
        f"{WORKERS} interpreters": lambda: measure(run_in_pool, interps),
        f"{WORKERS} processes": lambda: measure(run_in_processes, processes),
        "ceiling, at once": lambda: measure(ceiling_order, conns),
        "ceiling, in turn": lambda: measure(ceiling_in_turn, conns),
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
        for conn, child in zip(conns, children, strict=True):
            conn.send(None)
            child.join(10)
    return times


def speedup(slow, fast):
    """Median over rounds of slow wall time / fast wall time."""
    return statistics.median(s / f for (s, _), (f, _) in zip(slow, fast, strict=True))


if __name__ == "__main__":
    times = main()
    check = getattr(sys, "_is_gil_enabled", None)
    print(f"GIL enabled: {check() if check else True}")
    print(f"{TASKS} tasks of {TASK_SIZE:,} steps, {WORKERS} workers, {ROUNDS} rounds")
    ceiling = speedup(times["ceiling, in turn"], times["ceiling, at once"])
    print(f"ceiling ({WORKERS} plain processes): {ceiling:.2f}x")
    base = times["one thread"]
    print(f"{'':16}{'median':>9}{'speedup':>9}{'of ceiling':>12}{'CPUs busy':>11}")
    for name in ("one thread", "2 threads", "2 interpreters", "2 processes"):
        wall = statistics.median(w for w, _ in times[name])
        gain = speedup(base, times[name])
        of_ceiling = f"{gain / ceiling:.0%}" if name != "one thread" else ""
        busy = statistics.median(c / w for w, c in times[name])
        print(f"{name + ':':16}{wall:7.3f} s{gain:8.2f}x{of_ceiling:>12}{busy:11.2f}")
