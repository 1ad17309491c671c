"""What the Performance page's blocks call: measure in a fresh interpreter, then chart.

A block on the page is::

    ```python exec="on"
    from concurrency_bench.page import benchmark_section
    print(benchmark_section("cpu"))
    ```

The measurement runs ``python -m concurrency_bench --only KEY --json`` with the
build's interpreter, so process pools start from a small, clean main module (never
from inside the site builder) and the blocks run one after another, in page order.
The size is `QUICK` unless the environment sets ``CONCURRENCY_BENCH_SIZE=full``.
"""

from __future__ import annotations

import os

from concurrency_bench.benchmarks import BenchResult
from concurrency_bench.charts import chart_markdown

__all__ = ["SIZE_ENV", "benchmark_section", "measure", "summary"]

SIZE_ENV = "CONCURRENCY_BENCH_SIZE"
"""Environment variable naming the size the page measures with (``quick``/``full``)."""


def measure(key: str, size: str | None = None) -> BenchResult:
    """Run one benchmark in a fresh interpreter and return its result.

    A result is stored in ``.cache/bench/`` and reused until this package's code,
    the interpreter or the size changes, so rebuilding a page does not re-measure;
    ``SITE_TOOLS_RERUN=1`` measures again (a fresh clone, as in CI, always measures).
    """
    from concurrency_bench.stored import measured_json

    size = size or os.environ.get(SIZE_ENV, "quick")
    args = ["concurrency_bench", f"--{size}", "--only", key, "--json", "--quiet"]
    (data,) = measured_json(args, timeout=1800)
    return BenchResult.from_dict(data)


def summary(result: BenchResult) -> str:
    """One sentence with this run's key figures, for the text under a chart."""
    s, cpus = result.summary, result.stamp.usable_cpus
    if result.key == "cpu":
        text = (
            f"In this build, with {cpus} CPUs, the ceiling was {s['ceiling']:.2f}×: "
            f"{cpus} processes reached {s['processes_at_cpus']:.2f}× and {cpus} "
            f"threads {s['threads_at_cpus']:.2f}×."
        )
        if cpus >= 2 and s["ceiling"] < 1.2:
            text += (
                " Other work kept this machine's cores busy during the build: even"
                " independent processes barely ran in parallel, so no pool could"
                " have done much better, and the differences between the lines are"
                " mostly noise. Run it on your machine to see the shape clearly."
            )
        return text
    if result.key == "hash":
        return (
            f"In this build, {cpus} threads hashed {s['threads_at_cpus']:.2f}× "
            "as fast as the plain loop."
        )
    if result.key == "io":
        k = int(result.series[1].x[-1])
        return (
            f"In this build, {k} requests made by {k} threads finished "
            f"{s['threads_at_max']:.1f}× sooner than one after another "
            f"({s['processes_at_max']:.1f}× with {k} processes)."
        )
    if result.key == "chunksize":
        return (
            f"In this build, the best chunksize was {s['best_gain']:.0f}× faster "
            "than chunksize 1."
        )
    starts = {k: v * 1000 for k, v in s.items()}
    fastest = min((v, k) for k, v in starts.items() if k != "thread")
    return (
        f"In this build, a thread started and joined in {starts['thread']:.2f} ms; "
        f"the cheapest process ({fastest[1].removeprefix('process ').strip('()')}) "
        f"took {fastest[0]:.1f} ms."
    )


def benchmark_section(key: str) -> str:
    """Markdown for one benchmark: the measured chart, its data table and a summary."""
    result = measure(key)
    return f"{chart_markdown(result)}\n{summary(result)}\n"
