"""Timing invariants of the cluster benchmark charted on "Beyond one machine".

Measured as the page measures it, in a fresh interpreter
(`concurrency_bench.cluster.measure_cluster`); every figure is a median speedup over
interleaved rounds, against the parallel ceiling measured in the same rounds.
"""

from __future__ import annotations

import sys

import pytest

from concurrency_bench.machine import usable_cpu_count
from site_tools.snippets import missing_modules

CPUS = usable_cpu_count()

pytestmark = [
    pytest.mark.benchmark,
    pytest.mark.skipif(CPUS < 2, reason=f"{CPUS} usable CPU: nothing to compare"),
    pytest.mark.skipif(
        bool(missing_modules(sys.executable, ("distributed",))),
        reason="needs distributed, not installed here",
    ),
]


def test_cluster_overhead_and_throughput() -> None:
    from concurrency_bench.cluster import measure_cluster

    s = measure_cluster().summary
    message = ", ".join(f"{key} {value:.3g}" for key, value in s.items())
    print(message)
    # Tiny tasks: Dask's per-task messaging costs more than the process pool's
    # (ten runs here: 0.02x-0.05x against 0.37x-0.70x).
    assert s["dask_at_smallest"] < s["processes_at_smallest"], message
    # Larger tasks amortise it (ten runs here: 10x to 42x better).
    assert s["dask_at_largest"] >= 3 * s["dask_at_smallest"], message
