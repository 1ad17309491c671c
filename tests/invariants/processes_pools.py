"""Invariants for the Pools chapter (snippets/processes/pools/)."""

from __future__ import annotations

from invariants import invariant, number


@invariant("processes/pools/chunksize_tiny_tasks.py")
def large_chunks_are_much_faster(stdout: str) -> None:
    # On the 2-CPU build machine the ratios were 14x to 400x; 4x leaves room for noise.
    assert number(stdout, "Pool ratio chunksize=1 / chunksize=1000:") >= 4
    assert number(stdout, "ProcessPoolExecutor ratio default / chunksize=1000:") >= 4


@invariant("processes/pools/chunksize_tiny_tasks.py")
def no_pool_beats_a_plain_map_on_tiny_tasks(stdout: str) -> None:
    # One message per task: many times slower than a plain loop (about 300x here).
    plain = number(stdout, "built-in map, no processes:")
    assert 10 * plain < number(stdout, "Pool.map, chunksize=1:")
    assert 10 * plain < number(stdout, "ProcessPoolExecutor.map, default (=1):")


def _sections(stdout: str) -> tuple[str, str]:
    whole, _, restricted = stdout.partition("restricted to one CPU")
    assert restricted, stdout
    return whole, restricted


@invariant("processes/pools/pool_sizes.py")
def default_sizes_follow_the_documented_formulas(stdout: str) -> None:
    minor = int(number(stdout, "Python 3."))
    for section in _sections(stdout):
        cpu_count = int(number(section, "os.cpu_count():"))
        affinity = int(number(section, "len(os.sched_getaffinity(0)):"))
        # 3.13 counts the CPUs this process may use; before, all CPUs of the machine.
        counted = affinity if minor >= 13 else cpu_count
        if minor >= 13:
            assert int(number(section, "os.process_cpu_count():")) == affinity
        assert int(number(section, "Pool() worker processes:")) == counted
        assert int(number(section, "ProcessPoolExecutor() workers:")) == counted
        assert int(number(section, "ThreadPoolExecutor() workers:")) == min(
            32, counted + 4
        )
    _, restricted = _sections(stdout)
    assert int(number(restricted, "len(os.sched_getaffinity(0)):")) == 1
