"""Invariants for the race examples of docs/threads/synchronization.md."""

from __future__ import annotations

from invariants import invariant, number


def _check_lost_updates(stdout: str, expected: int) -> None:
    assert number(stdout, "expected:") == expected
    actual = number(stdout, "actual:")
    lost = number(stdout, "lost:")
    assert actual + lost == expected, stdout
    assert lost > 0, f"no update was lost in this run:\n{stdout}"
    assert "lost updates: yes" in stdout


@invariant("snippets/threads/synchronization/lost_update_race.py")
def read_block_write_loses_updates(stdout: str) -> None:
    # 4 threads x 500 updates; each read-sleep-write can be overwritten.
    _check_lost_updates(stdout, expected=2_000)
    # The page says "most": while all four sleep, all four hold the same stale
    # value, so typically 3 of every 4 updates vanish (66-75 % in trial runs).
    assert number(stdout, "lost:") > 0.5 * 2_000, stdout


@invariant("snippets/threads/synchronization/increment_through_call.py")
def read_call_write_loses_updates(stdout: str) -> None:
    # 2 threads x 1 000 000 updates; a call sits between the read and the write.
    _check_lost_updates(stdout, expected=2_000_000)
