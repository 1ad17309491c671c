"""Invariants for the timing examples of "When threads help: waiting"."""

from __future__ import annotations

import re

from invariants import invariant, number

CHAPTER = "threads/when_threads_help/"


@invariant(CHAPTER + "squares_and_cubes.py")
def two_threads_overlap_their_waits(stdout: str) -> None:
    assert "squares: [4, 9, 64, 81]" in stdout
    assert "cubes:   [8, 27, 512, 729]" in stdout
    sequential = number(stdout, "sequential:")
    threaded = number(stdout, "two threads:")
    # 8 sleeps of 0.05 s one after the other; two threads of 4 sleeps each.
    assert sequential >= 0.39
    assert threaded >= 0.19
    assert threaded < 0.75 * sequential


@invariant(CHAPTER + "sleep_is_not_work.py")
def sleep_overlaps_but_computation_does_not(stdout: str) -> None:
    pattern = (
        r"{}: sequential ([\d.]+) s, two threads [\d.]+ s "
        r"\(ratio ([\d.]+)\), cores busy ([\d.]+)"
    )
    sleep = re.search(pattern.format("sleep"), stdout)
    compute = re.search(pattern.format("compute"), stdout)
    assert sleep and compute, stdout
    sleep_seq, sleep_ratio, sleep_busy = map(float, sleep.groups())
    cpu_busy = float(compute.group(3))
    assert sleep_seq >= 0.09, stdout  # two sleeps of 0.05 s
    assert sleep_ratio < 0.75, stdout
    assert sleep_busy < 0.5, stdout
    # GIL builds: only one thread runs bytecode at a time, so the process never
    # keeps much more than one core busy, however loaded the machine is. The
    # wall-clock ratio is not checked: on this shared VM it came out at 0.68 with
    # 1.00 core busy twice in ~200 runs (once as fastest/fastest, once as the
    # median of seven paired ratios), too close to the 0.5 of real parallelism
    # for a margin that would still mean something.
    assert cpu_busy < 1.25, stdout


@invariant(CHAPTER + "fetch_pages_local_server.py")
def threads_overlap_network_waits(stdout: str) -> None:
    sequential = number(stdout, "sequential:")
    threads = number(stdout, "8 threads:")
    pool = number(stdout, "ThreadPoolExecutor(8):")
    # The server waits 0.1 s before each of the 8 answers.
    assert sequential >= 0.79
    assert threads >= 0.09 and pool >= 0.09
    assert threads < 0.5 * sequential
    assert pool < 0.5 * sequential


@invariant(CHAPTER + "pool_default_workers.py")
def default_workers_follow_the_documented_formula(stdout: str) -> None:
    major, minor = (int(x) for x in re.search(r"python: (\d+)\.(\d+)", stdout).groups())
    blocks = re.findall(
        r"os\.cpu_count\(\):\s+(\d+)\n\s+usable CPUs:\s+(\d+)\n"
        r"\s+default max_workers:\s+(\d+)",
        stdout,
    )
    assert blocks, stdout
    for cpu_count, usable, default in ((int(a), int(b), int(c)) for a, b, c in blocks):
        # 3.8-3.12: min(32, os.cpu_count() + 4); 3.13+: os.process_cpu_count(),
        # which counts only the CPUs this process may use.
        counted = usable if (major, minor) >= (3, 13) else cpu_count
        assert default == min(32, counted + 4), (cpu_count, usable, default)
    if "restricted to 1 CPU" in stdout:
        assert blocks[-1][1] == "1"


@invariant(CHAPTER + "dependent_stages_pipeline.py")
def pipeline_overlaps_but_strict_chain_does_not(stdout: str) -> None:
    assert "stored, in order: ['A', 'B', 'C', 'D', 'E', 'F']" in stdout
    sequential = number(stdout, "sequential:")
    pipeline = number(stdout, "pipeline:")
    chain = number(stdout, "strict chain:")
    # 6 items x 3 stages x 0.05 s = 0.90 s of waiting, done one after another;
    # the pipeline needs (6 + 3 - 1) x 0.05 s = 0.40 s.
    assert sequential >= 0.89
    assert chain >= 0.89
    assert pipeline >= 0.39
    assert pipeline < 0.75 * sequential
