"""A process pool against a local Dask cluster, by task size, with the parallel ceiling.

The same pure-Python work (``count_down``, a fixed total of loop iterations) is cut
into tasks of four sizes, from a fraction of a millisecond to tens of milliseconds,
and run in a plain loop, in a ``ProcessPoolExecutor`` and on a Dask ``LocalCluster``
through ``client.get_executor()``, both with one worker process per CPU; the
machine's parallel ceiling (`concurrency_bench.ceiling`) is measured in the same
interleaved rounds. Small tasks show each engine's cost per task, large ones its
throughput against the ceiling.

Run in a fresh interpreter, as the page "Beyond one machine" does at build time::

    python -m concurrency_bench.cluster --json

Dask's ``distributed`` is needed only here, and imported on use. Every server of
the cluster listens on 127.0.0.1 only, with no dashboard.
"""

from __future__ import annotations

import argparse
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor
from functools import partial

from concurrency_bench.benchmarks import BenchResult, Series
from concurrency_bench.ceiling import CeilingWorkers
from concurrency_bench.charts import chart_markdown
from concurrency_bench.machine import current_stamp
from concurrency_bench.timing import interleaved, ratios
from concurrency_bench.workloads import count_down, pause

__all__ = ["cluster_section", "measure_cluster", "run_cluster_bench"]

TOTAL = 2_000_000
"""Loop iterations per case and round, split into equal tasks (about 0.1 s of work)."""
TASK_SIZES = (5_000, 25_000, 125_000, 250_000)
"""Loop iterations per task: 400, 80, 16 and 8 tasks."""
ROUNDS = 3
CEILING_TASK = 125_000


def _timed_map(executor: Executor, args: list[int]) -> float:
    began = time.perf_counter()
    results = list(executor.map(count_down, args, timeout=120))
    seconds = time.perf_counter() - began
    assert results == [0] * len(args)
    return seconds


def _sequential(args: list[int]) -> float:
    began = time.perf_counter()
    for n in args:
        count_down(n)
    return time.perf_counter() - began


def _median_ms_per_task(samples: tuple[float, ...], tasks: int) -> float:
    return sorted(samples)[len(samples) // 2] / tasks * 1000


def run_cluster_bench(rounds: int = ROUNDS) -> BenchResult:
    """Measure both engines at every task size against the ceiling; chart data."""
    from distributed import Client, LocalCluster

    stamp = current_stamp()
    workers = stamp.usable_cpus
    ceiling_tasks = TOTAL // CEILING_TASK
    # Ceiling workers first: nothing forks while the pools' threads run.
    with CeilingWorkers(workers, CEILING_TASK) as ceiling:
        pool = ProcessPoolExecutor(workers)
        list(pool.map(pause, [0.005] * workers))  # every worker started
        began = time.perf_counter()
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # HTTP server: loopback, any port
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
        client.wait_for_workers(workers, timeout=120)
        started = time.perf_counter() - began
        try:
            # pure=False: Dask would otherwise compute equal calls only once.
            dask = client.get_executor(pure=False)
            cases: dict[str, Callable[[], float]] = {
                "ceiling at once": partial(ceiling.at_once, ceiling_tasks),
                "ceiling one after another": partial(
                    ceiling.one_after_another, ceiling_tasks
                ),
            }
            for size in TASK_SIZES:
                args = [size] * (TOTAL // size)
                cases[f"loop {size}"] = partial(_sequential, args)
                cases[f"processes {size}"] = partial(_timed_map, pool, args)
                cases[f"dask {size}"] = partial(_timed_map, dask, args)
            m = interleaved(cases, rounds=rounds, warmup=1)
        finally:
            began = time.perf_counter()
            client.close()
            cluster.close()
            stopped = time.perf_counter() - began
            pool.shutdown(wait=True)

    lo, ceiling_median, hi = ratios(
        m["ceiling one after another"].samples, m["ceiling at once"].samples
    )
    labels = {
        "dask": f"Dask LocalCluster, {workers} workers",
        "processes": f"processes: ProcessPoolExecutor({workers})",
    }
    series = {kind: Series(label) for kind, label in labels.items()}
    ceiling_series = Series("ceiling (N processes, no pool)")
    rows = []
    for size in TASK_SIZES:
        tasks = TOTAL // size
        loop = m[f"loop {size}"]
        task_ms = _median_ms_per_task(loop.samples, tasks)
        x = round(task_ms, 3)
        row = [f"{task_ms:.3g}", str(tasks)]
        for kind, s in series.items():
            s_lo, s_med, s_hi = ratios(loop.samples, m[f"{kind} {size}"].samples)
            s.x.append(x)
            s.y.append(s_med)
            s.low.append(s_lo)
            s.high.append(s_hi)
            row.append(f"{s_med:.2f}")
        ceiling_series.x.append(x)
        ceiling_series.y.append(ceiling_median)
        ceiling_series.low.append(lo)
        ceiling_series.high.append(hi)
        row.append(f"{ceiling_median:.2f}")
        rows.append(row)
    xs = series["dask"].x
    return BenchResult(
        key="cluster",
        title="Pure-Python tasks: process pool against a local Dask cluster",
        x_label="work per task (ms, log scale)",
        y_label="speedup over the plain loop",
        series=[series["dask"], series["processes"], ceiling_series],
        reference=Series(f"ideal: {workers}×", xs, [float(workers)] * len(xs)),
        columns=[
            "ms per task",
            "tasks",
            "Dask speedup",
            "processes speedup",
            "ceiling",
        ],
        rows=rows,
        stamp=stamp,
        size="quick",
        rounds=rounds,
        log_x=True,
        summary={
            "ceiling": ceiling_median,
            "dask_at_largest": series["dask"].y[-1],
            "processes_at_largest": series["processes"].y[-1],
            "dask_at_smallest": series["dask"].y[0],
            "processes_at_smallest": series["processes"].y[0],
            "smallest_task_ms": xs[0],
            "largest_task_ms": xs[-1],
            "cluster_start_s": started,
            "cluster_stop_s": stopped,
        },
    )


def measure_cluster() -> BenchResult:
    """Run the benchmark in a fresh interpreter (as the page does), once per input."""
    from concurrency_bench.stored import measured_json

    data = measured_json(["concurrency_bench.cluster", "--json"], timeout=600)
    return BenchResult.from_dict(data)


def cluster_section() -> str:
    """Markdown for the page: the chart, its data table and this build's figures."""
    result = measure_cluster()
    s = result.summary
    text = (
        f"In this build the ceiling was {s['ceiling']:.2f}×. With tasks of "
        f"{s['largest_task_ms']:.3g} ms, Dask reached {s['dask_at_largest']:.2f}× and "
        f"the process pool {s['processes_at_largest']:.2f}×; with tasks of "
        f"{s['smallest_task_ms']:.2g} ms, Dask reached {s['dask_at_smallest']:.2f}× "
        f"and the process pool {s['processes_at_smallest']:.2f}×. Starting the "
        f"cluster took {s['cluster_start_s']:.1f} s and stopping it "
        f"{s['cluster_stop_s']:.1f} s (not included in the chart)."
    )
    if result.stamp.usable_cpus >= 2 and s["ceiling"] < 1.2:
        text += (
            " Other work kept this machine's cores busy during the build: even"
            " independent processes barely ran in parallel, so the differences"
            " between the engines at the larger sizes are mostly noise. Run"
            " `python -m concurrency_bench.cluster` on your machine to see them clearly."
        )
    return f"{chart_markdown(result)}\n{text}\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    args = parser.parse_args(argv)
    from concurrency_bench.charts import table_text

    result = run_cluster_bench(rounds=args.rounds)
    print(json.dumps(result.to_dict()) if args.json else table_text(result))


if __name__ == "__main__":
    main()
