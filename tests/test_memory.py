"""What the memory charts of "Workers in production" claim, measured again.

Runs ``concurrency_bench.memory.measure_all`` once (a few seconds). Linux only:
the figures come from ``/proc/<pid>/smaps_rollup``.
"""

from __future__ import annotations

import os

import pytest

from concurrency_bench import memory

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.skipif(
        not os.path.exists("/proc/self/smaps_rollup"),
        reason="needs /proc/<pid>/smaps_rollup (Linux)",
    ),
]


@pytest.fixture(scope="module")
def result() -> memory.MemoryResult:
    return memory._measured()


def _after(result: memory.MemoryResult, action: str, freeze: bool) -> float:
    return next(
        c["after"]
        for c in result.cow
        if c["action"] == action and c["freeze"] == freeze
    )


def test_fork_worker_shares_the_parent_pages(result: memory.MemoryResult) -> None:
    fork = result.workers["fork"]
    # Its RSS counts the inherited data set; almost none of it is its own.
    assert fork["rss"] > result.data_mib
    assert fork["uss"] < 0.2 * result.data_mib
    for method in ("spawn", "forkserver"):
        assert result.workers[method]["rss"] < fork["rss"]


def test_garbage_collection_copies_pages_unless_frozen(
    result: memory.MemoryResult,
) -> None:
    # Measured here: about 24 MiB of a 33 MiB data set copied, against under 2 MiB.
    assert _after(result, "gc.collect()", freeze=False) > 0.5 * result.data_mib
    assert _after(result, "gc.collect()", freeze=True) < 0.2 * result.data_mib


def test_reading_copies_pages_even_when_frozen(result: memory.MemoryResult) -> None:
    for freeze in (False, True):
        assert _after(result, "read every object", freeze) > 0.7 * result.data_mib
        assert _after(result, "nothing", freeze) < 0.2 * result.data_mib
