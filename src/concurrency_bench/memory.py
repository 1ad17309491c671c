"""Memory of worker processes, read from ``/proc`` (Linux only).

Behind the chapter "Workers in production". Two measurements, both made in a fresh
interpreter that first builds a data set of small Python objects (a list of
one-element lists, about 40 MiB):

- `idle_worker_memory`: one idle worker per start method, and how much memory it
  holds: RSS (every page it maps), PSS (shared pages divided among the processes
  sharing them) and USS (pages only it holds: what stopping it would free).
- `copy_on_write`: a ``fork`` child does nothing, runs a full garbage collection,
  or reads every object of the inherited data set; its USS afterwards shows how
  many inherited pages it had to copy. Each is measured without and with
  ``gc.freeze()`` in the parent just before the fork.

``python -m concurrency_bench.memory`` prints the figures; ``--json`` prints them as
JSON. Numbers come from ``/proc/<pid>/smaps_rollup``. A page shows them with
`memory_section`, which runs that command in a fresh interpreter (so the forked
children copy a small, known parent, never the site builder) and draws the chart.
"""

from __future__ import annotations

import argparse
import gc
import html
import io
import json
import multiprocessing
import os
import re
import sys
import time
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import Any

from concurrency_bench.machine import MachineStamp, current_stamp
from concurrency_bench.stored import drawn_once

__all__ = [
    "ACTIONS",
    "DATA_OBJECTS",
    "MemoryResult",
    "copy_on_write",
    "idle_worker_memory",
    "measure_all",
    "memory_section",
    "smaps_rollup",
]

DATA_OBJECTS = 300_000
"""Size of the data set: this many one-element lists, each holding its own int."""
ACTIONS = ("nothing", "gc.collect()", "read every object")
"""What the forked child does with the inherited data before it is measured."""
_MIB = 1024  # smaps_rollup counts in KiB

_data: list[list[int]] = []


def smaps_rollup(pid: int | str = "self") -> dict[str, int]:
    """The KiB fields of ``/proc/<pid>/smaps_rollup`` (``Rss``, ``Pss``, ``Private_Dirty`` …)."""
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
        for line in f:
            name, _, rest = line.partition(":")
            parts = rest.split()
            if len(parts) == 2 and parts[1] == "kB":
                fields[name] = int(parts[0])
    return fields


def _uss(fields: dict[str, int]) -> int:
    return fields["Private_Clean"] + fields["Private_Dirty"]


def _build_data(n: int = DATA_OBJECTS) -> None:
    # Ints above 256 are ordinary objects (not immortal): reading one changes its
    # reference count, which is a write to its page.
    _data[:] = [[1000 + i] for i in range(n)]


def _idle_worker(conn: Any) -> None:
    conn.send(os.getpid())
    conn.recv()  # stay alive, idle, until measured


def idle_worker_memory(method: str) -> dict[str, float]:
    """RSS, PSS and USS (MiB) of one idle worker started with ``method``."""
    ctx = multiprocessing.get_context(method)
    here, there = ctx.Pipe()
    worker = ctx.Process(target=_idle_worker, args=(there,))
    worker.start()
    try:
        if not here.poll(60):
            raise RuntimeError(f"{method} worker did not start")
        fields = smaps_rollup(here.recv())
        here.send("done")
    finally:
        worker.join(30)
        if worker.is_alive():
            worker.kill()
            worker.join()
    return {
        "rss": fields["Rss"] / _MIB,
        "pss": fields["Pss"] / _MIB,
        "uss": _uss(fields) / _MIB,
    }


def _cow_child(action: str, conn: Any) -> None:
    before = _uss(smaps_rollup())
    if action == "gc.collect()":
        gc.collect()
    elif action == "read every object":
        total = 0
        for item in _data:
            total += item[0]
    conn.send((before, _uss(smaps_rollup())))


def copy_on_write(action: str, freeze: bool) -> dict[str, float]:
    """USS (MiB) of a ``fork`` child before and after ``action`` on inherited data."""
    ctx = multiprocessing.get_context("fork")
    here, there = ctx.Pipe()
    if freeze:
        gc.freeze()  # move every tracked object to the permanent generation
    try:
        child = ctx.Process(target=_cow_child, args=(action, there))
        child.start()
    finally:
        if freeze:
            gc.unfreeze()
    try:
        if not here.poll(60):
            raise RuntimeError("fork child did not answer")
        before, after = here.recv()
    finally:
        child.join(30)
    return {"before": before / _MIB, "after": after / _MIB}


@dataclass
class MemoryResult:
    """Everything the page shows, JSON-friendly."""

    stamp: MachineStamp
    data_objects: int
    data_mib: float
    """How much the parent's USS grew while it built the data set."""
    workers: dict[str, dict[str, float]] = field(default_factory=dict)
    """Start method -> ``{"rss", "pss", "uss"}`` of one idle worker, MiB."""
    cow: list[dict[str, Any]] = field(default_factory=list)
    """One entry per (freeze, action): ``{"freeze", "action", "before", "after"}``."""
    seconds: float = 0.0
    """How long the whole measurement took."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MemoryResult:
        """Rebuild from `dataclasses.asdict` output (e.g. read back from JSON)."""
        data = dict(data)
        data["stamp"] = MachineStamp(**data["stamp"])
        return cls(**data)


def measure_all() -> MemoryResult:
    """Build the data set, then run both measurements (a few seconds in all)."""
    start = time.perf_counter()
    before = _uss(smaps_rollup())
    _build_data()
    data_mib = (_uss(smaps_rollup()) - before) / _MIB
    methods = [
        m
        for m in ("fork", "spawn", "forkserver")
        if m in multiprocessing.get_all_start_methods()
    ]
    workers = {m: idle_worker_memory(m) for m in methods}
    cow = [
        {"freeze": freeze, "action": action, **copy_on_write(action, freeze)}
        for freeze in (False, True)
        for action in ACTIONS
    ]
    return MemoryResult(
        stamp=current_stamp(),
        data_objects=DATA_OBJECTS,
        data_mib=data_mib,
        workers=workers,
        cow=cow,
        seconds=time.perf_counter() - start,
    )


def table_text(result: MemoryResult) -> str:
    """The figures as plain text, for the terminal."""
    lines = [
        f"data set: {result.data_objects:,} small lists, {result.data_mib:.1f} MiB",
        "idle worker    RSS MiB  PSS MiB  USS MiB",
    ]
    for method, m in result.workers.items():
        lines.append(f"{method:<12} {m['rss']:9.1f} {m['pss']:8.1f} {m['uss']:8.1f}")
    lines.append("fork child, USS MiB after:   without gc.freeze()  with gc.freeze()")
    for action in ACTIONS:
        pair = [c["after"] for c in result.cow if c["action"] == action]
        lines.append(f"  {action:<26} {pair[0]:20.1f} {pair[1]:17.1f}")
    lines.append(f"measured in {result.seconds:.1f} s")
    return "\n".join(lines)


# --- the page ------------------------------------------------------------------


@cache
def _measured() -> MemoryResult:
    """One measurement in a fresh interpreter, once per input (`stored`)."""
    from concurrency_bench.stored import measured_json

    data = measured_json(["concurrency_bench.memory", "--json"], timeout=300)
    return MemoryResult.from_dict(data)


@drawn_once
def _chart(
    key: str,
    title: str,
    groups: list[str],
    bars: dict[str, list[float]],
    result: MemoryResult,
    description: str,
    reference: tuple[str, float] | None = None,
) -> str:
    """Grouped horizontal bars in MiB, as inline SVG in the style of `charts`.

    Drawn once per input (and matplotlib version): kept by `stored.drawn_once`.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    from concurrency_bench import charts
    from concurrency_bench.benchmarks import BenchResult

    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": f"concurrency-bench-{key}",
        "font.family": "sans-serif",
        "font.size": 10,
        "text.color": charts._INK,
        "axes.labelcolor": charts._INK,
        "axes.edgecolor": charts._INK,
        "xtick.color": charts._INK,
        "ytick.color": charts._INK,
        "grid.color": charts._INK,
        "grid.alpha": 0.18,
        "legend.frameon": False,
    }
    hatches = ["", "//", ".."]
    height = 0.8 / len(bars)
    with plt.rc_context(rc):
        fig, ax = plt.subplots(
            figsize=(7.2, 1.2 + 0.9 * len(groups)), layout="constrained"
        )
        fig.patch.set_alpha(0)
        ax.set_facecolor("none")
        for i, (label, values) in enumerate(bars.items()):
            ys = [g + (i - (len(bars) - 1) / 2) * height for g in range(len(groups))]
            ax.barh(
                ys,
                values,
                height=height * 0.92,
                color=charts._COLOURS[i % len(charts._COLOURS)],
                hatch=hatches[i % len(hatches)],
                edgecolor=charts._INK,
                linewidth=0.4,
                label=label,
            )
            for y, v in zip(ys, values, strict=True):
                ax.annotate(
                    f"{v:.1f}",
                    (v, y),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=8.5,
                )
        if reference:
            ax.axvline(
                reference[1],
                linestyle="--",
                color=charts._INK,
                alpha=0.55,
                linewidth=1.2,
                label=reference[0],
            )
        ax.set_yticks(range(len(groups)), groups)
        ax.invert_yaxis()
        ax.set_xlabel("MiB")
        ax.set_title(title, fontsize=11, loc="left")
        ax.grid(True, axis="x")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        top = max(max(v) for v in bars.values())
        ax.set_xlim(0, 1.12 * max(top, reference[1] if reference else 0))
        fig.legend(loc="outside upper right", ncols=3, fontsize=9)
        fig.supxlabel(
            result.stamp.label(), x=0.99, ha="right", fontsize=7.5, alpha=0.75
        )
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", transparent=True)
        plt.close(fig)
    stub = BenchResult(
        key=key,
        title=title,
        x_label="MiB",
        y_label="",
        series=[],
        reference=None,
        columns=[],
        rows=[],
        stamp=result.stamp,
        size="quick",
        rounds=1,
    )
    svg = charts._inline(buffer.getvalue(), stub)
    return re.sub(
        r"(<desc id=\"[^\"]+\">).*?(</desc>)",
        lambda m: m.group(1) + html.escape(description) + m.group(2),
        svg,
        count=1,
        flags=re.S,
    )


def _table(columns: list[str], rows: list[list[str]]) -> str:
    lines = [
        "| " + " | ".join(columns) + " |",
        "| :--- |" + "|".join(" ---: " for _ in columns[1:]) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def memory_section(which: str) -> str:
    """Markdown for the page: ``"workers"`` or ``"cow"``, a chart and its table."""
    result = _measured()
    caption = html.escape(
        f"{result.stamp.label()} · one run during this build; the whole memory "
        f"measurement took {result.seconds:.1f} s. Data set: "
        f"{result.data_objects:,} small lists, {result.data_mib:.1f} MiB."
    )
    if which == "workers":
        methods = list(result.workers)
        bars = {
            k.upper(): [result.workers[m][k] for m in methods]
            for k in ("rss", "pss", "uss")
        }
        description = "; ".join(
            f"{m}: RSS {w['rss']:.1f}, PSS {w['pss']:.1f}, USS {w['uss']:.1f} MiB"
            for m, w in result.workers.items()
        )
        svg = _chart(
            "memory-workers",
            "One idle worker, per start method",
            methods,
            bars,
            result,
            description,
        )
        table = _table(
            ["start method", "RSS (MiB)", "PSS (MiB)", "USS (MiB)"],
            [
                [m, f"{w['rss']:.1f}", f"{w['pss']:.1f}", f"{w['uss']:.1f}"]
                for m, w in result.workers.items()
            ],
        )
    elif which == "cow":

        def after(freeze: bool) -> list[float]:
            return [
                next(
                    c["after"]
                    for c in result.cow
                    if c["action"] == a and c["freeze"] == freeze
                )
                for a in ACTIONS
            ]

        bars = {"without gc.freeze()": after(False), "with gc.freeze()": after(True)}
        description = "; ".join(
            f"{a}: {x:.1f} MiB without gc.freeze(), {y:.1f} MiB with"
            for a, x, y in zip(ACTIONS, *bars.values(), strict=True)
        )
        svg = _chart(
            "memory-cow",
            "Private memory of a fork child after it…",
            list(ACTIONS),
            bars,
            result,
            description,
            reference=("size of the inherited data", result.data_mib),
        )
        table = _table(
            [
                "the child…",
                "USS without gc.freeze() (MiB)",
                "USS with gc.freeze() (MiB)",
            ],
            [
                [a, f"{x:.1f}", f"{y:.1f}"]
                for a, x, y in zip(ACTIONS, *bars.values(), strict=True)
            ],
        )
    else:
        raise ValueError(f"unknown memory section {which!r}")
    return (
        f'<figure class="bench-figure" style="width:100%">\n{svg}\n'
        f"<figcaption>{caption}</figcaption>\n</figure>\n\n{table}\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Measure and print the figures (``--json`` for JSON)."""
    parser = argparse.ArgumentParser(
        prog="python -m concurrency_bench.memory",
        description="Memory of idle workers per start method, and copy-on-write "
        "under fork with and without gc.freeze() (Linux).",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parser.parse_args(argv)
    if not os.path.exists("/proc/self/smaps_rollup"):
        print("needs /proc/<pid>/smaps_rollup (Linux 4.14 or later)", file=sys.stderr)
        return 2
    result = measure_all()
    print(json.dumps(asdict(result)) if args.json else table_text(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
