"""Invariants for the chapter Hangs, timeouts and tests (snippets/going_further/hangs_and_tests/)."""

from __future__ import annotations

from invariants import invariant, number


@invariant("going_further/hangs_and_tests/race_run_many_times.py")
def the_lock_fixes_the_race_the_barrier_exposes(stdout: str) -> None:
    # With a Barrier the unlocked cache failed 61 to 296 times in 300 runs here
    # (3.10 the fewest); one failure is enough to show the race.
    assert number(stdout, "no lock, Barrier:") >= 1, stdout
    assert number(stdout, "with lock, Barrier:") == 0, stdout


@invariant("going_further/hangs_and_tests/timeout_on_every_wait.py")
def every_wait_timed_out(stdout: str) -> None:
    assert "is_alive() = True" in stdout
    assert "exitcode = None" in stdout
    assert (
        "AsyncResult.get(timeout)         raised multiprocessing.TimeoutError" in stdout
    )
    assert "0 done, 1 not done" in stdout
    assert "after stop.set()                 process exitcode = 0" in stdout


@invariant("going_further/hangs_and_tests/deadlock_watchdog.py")
def watchdog_shows_both_threads_stuck_in_transfer(stdout: str) -> None:
    assert "still running after 2 s: [True, True]" in stdout
    assert stdout.count("in transfer") == 2, stdout
