"""Invariants for "Sub-interpreters and free threading".

The timing and memory examples print figures that vary from run to run; the
build examples print exact text per interpreter, but the free-threaded builds of
the matrix (3.14t, 3.15t) are checked here, by what each build must show.
"""

from __future__ import annotations

import re

from invariants import invariant, number

CHAPTER = "going_further/subinterpreters_free_threading/"


def _gil_enabled(stdout: str) -> bool:
    match = re.search(r"GIL enabled: (True|False)", stdout)
    assert match, f"no 'GIL enabled:' line in output:\n{stdout}"
    return match.group(1) == "True"


def _row(stdout: str, name: str) -> tuple[float, float]:
    """Speedup and "CPUs busy" of one row."""
    match = re.search(
        rf"^{name}:\s+[\d.]+ s\s+([\d.]+)x(?:\s+\d+%)?\s+([\d.]+)$",
        stdout,
        re.MULTILINE,
    )
    assert match, f"no row {name!r} in output:\n{stdout}"
    return float(match.group(1)), float(match.group(2))


@invariant(CHAPTER + "same_work_four_ways.py")
def interpreters_run_in_parallel_threads_only_without_gil(stdout: str) -> None:
    ceiling = number(stdout, "plain processes):")
    _, one_busy = _row(stdout, "one thread")
    threads, threads_busy = _row(stdout, "2 threads")
    interps, interps_busy = _row(stdout, "2 interpreters")
    processes, processes_busy = _row(stdout, "2 processes")
    gil = _gil_enabled(stdout)
    if gil:
        # One GIL for all the threads of an interpreter: never much more than one
        # CPU busy, however idle the machine; and, when the process had most of a
        # CPU (little interference from other programs), no clear speedup.
        assert threads_busy < 1.25, stdout
        if threads_busy >= 0.8 and one_busy >= 0.8:
            assert threads < 1.25, stdout
    # The ceiling shows whether a second CPU was free during the run. When it
    # was, the interpreters (one GIL each) used it inside this one process, as
    # the processes did, and (on a GIL build) clearly beat the threads.
    if ceiling >= 1.5:
        assert interps >= 0.6 * ceiling, stdout
        assert interps_busy >= 1.2, stdout
        assert processes >= 0.6 * ceiling, stdout
        assert processes_busy >= 1.2, stdout
        if gil:
            assert interps > threads + 0.2, stdout
        else:  # free-threaded: the threads run in parallel too
            assert threads >= 0.6 * ceiling, stdout


def _start_median(stdout: str, label: str) -> float:
    match = re.search(rf"^{label}\s+([\d.]+) ms", stdout, re.MULTILINE)
    assert match, f"no row {label!r} in output:\n{stdout}"
    return float(match.group(1))


@invariant(CHAPTER + "start_cost_per_worker.py")
def interpreter_starts_between_a_thread_and_a_spawned_process(stdout: str) -> None:
    thread = _start_median(stdout, "thread")
    spawn = _start_median(stdout, "process, spawn")
    fork = _start_median(stdout, "process, fork")
    # A spawned process starts a new interpreter from scratch and imports the
    # main module: by far the slowest. A thread is the cheapest by far.
    assert thread < fork < spawn, stdout
    if re.search(r"^interpreter ", stdout, re.MULTILINE):  # 3.14 and later
        interp = _start_median(stdout, "interpreter")
        # Creating an interpreter initializes a fresh runtime state in the same
        # process: many times a thread, more than copying an initialized process
        # (fork), less than starting a new executable (spawn). (Each interpreter
        # also imports `site`: the test runs that force a start method through a
        # sitecustomize module make it several times dearer, still below spawn.)
        assert 5 * thread < interp < spawn, stdout
        assert fork < interp, stdout


def _mib(stdout: str, pattern: str) -> float:
    match = re.search(pattern, stdout, re.MULTILINE)
    assert match, f"no match for {pattern!r} in output:\n{stdout}"
    return float(match.group(1))


@invariant(CHAPTER + "memory_per_worker.py")
def interpreter_memory_between_a_thread_and_a_process(stdout: str) -> None:
    if "cannot run here" in stdout:
        return
    thread = _mib(stdout, r"^thread\s+adds\s+([\d.]+) MiB")
    fork_pss = _mib(stdout, r"^process, fork\s+RSS\s+[\d.]+ MiB, PSS\s+([\d.]+) MiB")
    spawn_pss = _mib(stdout, r"^process, spawn\s+RSS\s+[\d.]+ MiB, PSS\s+([\d.]+) MiB")
    # An idle thread adds its stack pages in use, a few KiB.
    assert thread < 0.25, stdout
    # A spawned child builds its interpreter from scratch; a forked child shares
    # the parent's pages until one of them writes to a page.
    assert fork_pss < spawn_pss, stdout
    if "interpreter          adds" in stdout:
        interp = _mib(stdout, r"^interpreter\s+adds\s+([\d.]+) MiB")
        # An interpreter holds its own modules, but shares the executable and
        # everything outside the Python runtime with the main interpreter.
        assert 0.25 < interp < spawn_pss, stdout


@invariant(CHAPTER + "race_without_gil.py")
def lock_never_loses_and_no_gil_loses_without_it(stdout: str) -> None:
    assert number(stdout, "with a lock:") == 0, stdout
    if not _gil_enabled(stdout):
        # Four threads really running `value += 1` at the same time.
        assert number(stdout, "without a lock:") > 0, stdout


@invariant(CHAPTER + "which_build.py")
def gil_switches_behave_as_the_build_allows(stdout: str) -> None:
    rows = dict(
        re.findall(r"^(\(no option\)|-X gil=\d|PYTHON_GIL=0)\s+(.*)$", stdout, re.M)
    )
    if "Py_GIL_DISABLED: 1" in stdout:  # free-threaded build
        assert rows["(no option)"].endswith("GIL enabled: False"), stdout
        assert rows["-X gil=1"].endswith("GIL enabled: True"), stdout
        assert rows["-X gil=0"].endswith("GIL enabled: False"), stdout
    elif "Py_GIL_DISABLED: 0" in stdout:  # default build, 3.13 and later
        assert rows["(no option)"].endswith("GIL enabled: True"), stdout
        assert rows["-X gil=0"].startswith("1  Fatal Python error"), stdout
        assert rows["PYTHON_GIL=0"].startswith("1  Fatal Python error"), stdout


@invariant(CHAPTER + "thread_context.py")
def threads_inherit_context_as_the_flag_says(stdout: str) -> None:
    inherit = re.search(r"thread_inherit_context: (\S+)", stdout)
    assert inherit, stdout
    seen = re.search(r"new thread sees request_id = (.*)", stdout)
    assert seen, stdout
    if inherit.group(1) == "1":  # default on free-threaded builds
        assert seen.group(1) == "req-42", stdout
    else:
        assert seen.group(1) == "(not set)", stdout
    if inherit.group(1) in ("0", "1"):  # 3.14 and later know the option
        assert stdout.rstrip().endswith("thread_inherit_context=1: req-42"), stdout
