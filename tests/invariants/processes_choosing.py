"""Invariants for the Choosing chapter (snippets/processes/choosing/)."""

from __future__ import annotations

import os

from invariants import invariant, number


@invariant("processes/choosing/sleep_threads_vs_processes.py")
def sleeps_overlap_in_threads_and_in_processes(stdout: str) -> None:
    sequential = number(stdout, "sequential:")  # 8 sleeps of 0.1 s
    threads = number(stdout, "2 threads:")  # from the moment both workers run
    processes = number(stdout, "2 processes:")
    assert sequential >= 0.8
    assert threads < 0.65 * sequential
    assert processes < 0.75 * sequential
    # The same speed-up: once started, processes sleep no better than threads.
    assert processes < threads + 0.2


def _row(stdout: str, name: str) -> tuple[float, float]:
    """(median seconds, CPUs busy) printed on the line of one variant."""
    line = next((ln for ln in stdout.splitlines() if ln.startswith(name + ":")), None)
    assert line, f"no line for {name} in output:\n{stdout}"
    return number(line, name + ":"), number(line, "CPUs busy:")


@invariant("processes/choosing/cpu_threads_vs_processes.py")
def threads_never_use_more_than_one_cpu(stdout: str) -> None:
    # The GIL: whatever the load, two threads running Python code keep at most
    # one CPU busy between them (a little margin for measurement).
    _, busy = _row(stdout, "2 threads")
    assert busy <= 1.15


@invariant("processes/choosing/cpu_threads_vs_processes.py")
def processes_cannot_use_more_cpus_than_the_machine_has(stdout: str) -> None:
    cpus = os.cpu_count() or 1
    for name, workers in (("2 processes", 2), ("4 processes", 4)):
        _, busy = _row(stdout, name)
        assert busy <= min(cpus, workers) + 0.15


@invariant("processes/choosing/cpu_threads_vs_processes.py")
def processes_beat_threads_when_the_cpus_are_free(stdout: str) -> None:
    # Wall-clock speed-ups need idle CPUs. The build machine is shared: when other
    # jobs take the CPUs (the processes got less than 1.6 CPUs, which the output
    # shows), no parallel speed-up can appear and only the checks above apply.
    # With the CPUs available, the speed-ups must show, with margins for noise:
    # 1.6 CPUs against at most 1 for the threads, checked as 1.05x (see below).
    processes, processes_busy = _row(stdout, "2 processes")
    if processes_busy < 1.6:
        return
    sequential, sequential_busy = _row(stdout, "sequential")
    threads, _ = _row(stdout, "2 threads")
    four, _ = _row(stdout, "4 processes")
    # Measured on the build machine: even at 1.86 CPUs busy, 2 processes have
    # given as little as 1.15x over 2 threads (CPython 3.11.7; each worker was
    # slower on its half than the main process, on this VM; the cause is not
    # measured), so the margin is 1.05x: faster, by more than timing noise.
    assert processes * 1.05 <= threads  # processes at least 1.05x faster than threads
    if sequential_busy >= 0.9:
        # Threads bring no parallel speed-up, but the baseline is noisy: both run
        # in the main process beside the pool's own helper threads, and on 3.15.2
        # a sequential round was measured 1.20x slower than the threaded one.
        assert threads * 1.4 >= sequential  # threads at most 1.4x faster
    if (os.cpu_count() or 1) <= 2 and processes_busy >= 1.7:
        # 4 processes on 2 CPUs: no real gain. Measured on the build machine: 4
        # processes 1.33x faster than 2 at 1.83 CPUs busy (CPython 3.10.13, a cold
        # CI run), when the 2 processes got only 1.32x over sequential: the slower
        # of two workers sets the time, while 4 share the CPUs more evenly.
        assert four * 1.4 >= processes
