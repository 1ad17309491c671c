"""Invariants for the chapter Workers in production (snippets/going_further/workers_in_production/)."""

from __future__ import annotations

import ast

from invariants import invariant, number


@invariant("going_further/workers_in_production/initializer_per_worker.py")
def initializer_saves_the_repeated_loads(stdout: str) -> None:
    per_task = number(stdout, "load in every task:")
    per_worker = number(stdout, "load in the initializer:")
    assert 1 <= number(stdout, "workers that ran tasks:") <= 2
    # 38 loads of 50 ms fewer, shared by 2 workers: about 0.95 s. Load on the
    # machine adds to both runs alike, so half of that is a safe floor.
    assert per_task - per_worker >= 0.45, stdout


def _outcomes(stdout: str, how: str) -> tuple[float, dict[str, int]]:
    line = next(x for x in stdout.splitlines() if x.startswith(how + ":"))
    seconds = number(line, ":")
    return seconds, ast.literal_eval(line[line.index("{") :])


@invariant("going_further/workers_in_production/ctrl_c_executor.py")
def ctrl_c_outcomes(stdout: str) -> None:
    waited, nothing = _outcomes(stdout, "nothing")
    # Only the tasks running at that moment see KeyboardInterrupt; the rest run.
    assert set(nothing) == {"done", "KeyboardInterrupt"}, nothing
    assert 1 <= nothing["KeyboardInterrupt"] <= 2
    assert sum(nothing.values()) == 12
    _, cancel = _outcomes(stdout, "cancel_futures")
    assert set(cancel) == {"done", "cancelled"}, cancel
    assert cancel["done"] >= 4 and cancel["cancelled"] >= 3
    if "terminate_workers: not available" in stdout:
        return
    stopped, terminate = _outcomes(stdout, "terminate_workers")
    # Doing nothing waits for 10 more tasks of 0.3 s on 2 workers (1.5 s).
    assert stopped < waited, stdout
    assert terminate.get("done", 0) <= 4, terminate
    assert terminate.get("BrokenProcessPool", 0) >= 1
    assert sum(terminate.values()) == 12


@invariant("going_further/workers_in_production/ctrl_c_with_threads.py")
def only_the_main_thread_is_interrupted(stdout: str) -> None:
    assert stdout.startswith("handler runs in: MainThread\n"), stdout
    assert "main: KeyboardInterrupt raised inside join()" in stdout
    assert "worker: saw the stop event, cleaning up" in stdout
    assert stdout.endswith("after stop.set(): worker alive: False\n"), stdout
