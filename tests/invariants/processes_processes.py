"""Invariants for the chapter "Processes" (docs/processes/processes.md)."""

from __future__ import annotations

import re

from invariants import invariant, number

SQUARE_AND_CUBE = "snippets/processes/processes/square_and_cube.py"
START_COST = "snippets/processes/processes/start_cost.py"


@invariant(SQUARE_AND_CUBE)
def each_child_prints_its_lines_in_order(stdout: str) -> None:
    lines = stdout.splitlines()
    assert [x for x in lines if x.startswith("square:")] == [
        "square: 4",
        "square: 9",
        "square: 64",
        "square: 81",
    ]
    assert [x for x in lines if x.startswith("cube:")] == [
        "cube: 8",
        "cube: 27",
        "cube: 512",
        "cube: 729",
    ]
    # The parent reports only after join(): its line comes last.
    assert lines[-1] == "exit codes: squares=0, cubes=0"
    assert len(lines) == 9


def row(stdout: str, label: str) -> tuple[float, float]:
    """The (median, fastest) milliseconds printed on the line of ``label``."""
    for line in stdout.splitlines():
        if line.startswith(label + " "):
            median, fastest = re.findall(r"(\d+\.\d+) ms", line)
            return float(median), float(fastest)
    raise AssertionError(f"no line for {label!r} in output:\n{stdout}")


@invariant(START_COST)
def a_thread_starts_faster_than_any_process(stdout: str) -> None:
    # Compared on the fastest start: a loaded machine can delay any one start
    # by milliseconds, which is the whole cost of a thread.
    thread = row(stdout, "thread")[1]
    assert thread < row(stdout, "process, fork")[1]
    assert thread < row(stdout, "process, forkserver")[1]
    assert 10 * thread < row(stdout, "process, spawn")[1]


@invariant(START_COST)
def fork_is_the_cheapest_start_method(stdout: str) -> None:
    fork = row(stdout, "process, fork")[1]
    assert fork < row(stdout, "process, forkserver")[1]
    assert fork < row(stdout, "process, spawn")[1]


@invariant(START_COST)
def spawn_is_the_slowest_start_method(stdout: str) -> None:
    spawn = row(stdout, "process, spawn")[0]
    assert row(stdout, "process, fork")[0] < spawn
    assert row(stdout, "process, forkserver")[0] < spawn


@invariant("snippets/processes/processes/fork_with_threads_warning.py")
def fork_warning_appears_from_3_12(stdout: str) -> None:
    """Python 3.12+ warns when forking a multi-threaded process; 3.10–3.11 do not."""
    minor = int(number(stdout, "Python 3."))
    assert f"DeprecationWarning raised: {minor >= 12}" in stdout
