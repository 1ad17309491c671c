"""Invariants for "Beyond one machine" (snippets/going_further/beyond_one_machine/)."""

from __future__ import annotations

from invariants import invariant, number

CHAPTER = "going_further/beyond_one_machine/"


@invariant(CHAPTER + "cluster_costs.py")
def starting_a_cluster_costs_far_more_than_a_task(stdout: str) -> None:
    # Seen here: 0.5-12 s to start against 1-12 ms per round trip (ratios > 300).
    start = number(stdout, "start a cluster of 2 workers:")
    trip_ms = number(stdout, "one tiny task, submit to result:")
    assert start * 1000 >= 10 * trip_ms


@invariant(CHAPTER + "cluster_costs.py")
def batching_pays_and_chunksize_does_not(stdout: str) -> None:
    one = number(stdout, "map, one task per item:")
    chunksize = number(stdout, "map, chunksize=50:")
    batches = number(stdout, "map over batches of 50:")
    # Batches of 50 were 8x to 75x faster here than one task per item. chunksize
    # is ignored by Dask's executor: it ran 0.4x to 2.5x the time of one task per
    # item, and 8x to 30x the time of real batches.
    assert 4 * batches <= one
    assert 4 * batches <= chunksize


@invariant(CHAPTER + "scatter_large_data.py")
def scatter_sends_the_data_once(stdout: str) -> None:
    # Ten runs here: 2.8x to 12x faster once scattered.
    every_time = number(stdout, "the bytes passed to every submit():")
    once = number(stdout, "scatter() once, then submit() the future:")
    assert every_time >= 1.5 * once
    assert "Sending large graph" in stdout


@invariant(CHAPTER + "lambda_by_value.py")
def dask_runs_what_a_process_pool_cannot_pickle(stdout: str) -> None:
    lines = stdout.splitlines()
    pool = [line for line in lines if line.startswith("ProcessPoolExecutor")]
    dask = [line for line in lines if line.startswith("Dask")]
    assert len(pool) == len(dask) == 2, stdout
    assert all("fails, " in line for line in pool), stdout
    assert all(line.endswith(" 42") for line in dask), stdout
