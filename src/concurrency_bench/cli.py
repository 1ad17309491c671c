"""Command line: run the Performance chapter's benchmarks on this machine.

``python -m concurrency_bench`` (or ``concurrency-bench``) prints a progress line per
step on stderr and a table per benchmark on stdout; ``--charts DIR`` also writes
each chart as SVG (needs matplotlib); ``--json`` prints the raw results instead.
Close other busy programs first: every figure is a median over interleaved rounds,
but a machine busy with other work lowers every speedup (the ceiling shows by how
much).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from concurrency_bench.benchmarks import BENCHMARKS, SIZES, run_all
from concurrency_bench.machine import current_stamp

__all__ = ["main"]


class _Progress:
    """One status line on stderr, rewritten in place on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.tty = sys.stderr.isatty()
        self.prefix = ""
        self.started = time.perf_counter()

    def __call__(self, step: str) -> None:
        if not self.enabled:
            return
        elapsed = time.perf_counter() - self.started
        line = f"{self.prefix} {step} · {elapsed:5.1f} s"
        if self.tty:
            sys.stderr.write("\r\033[K" + line)
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.tty:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m concurrency_bench",
        description="Measure threads, processes and pools on this machine.",
    )
    size = parser.add_mutually_exclusive_group()
    size.add_argument(
        "--quick",
        dest="size",
        action="store_const",
        const="quick",
        help="the sizes of the site's build (about 15 s; the default)",
    )
    size.add_argument(
        "--full",
        dest="size",
        action="store_const",
        const="full",
        help="bigger work, more rounds (a few minutes, steadier figures)",
    )
    parser.set_defaults(size="quick")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=list(BENCHMARKS),
        metavar="NAME",
        help=f"run only these benchmarks: {', '.join(BENCHMARKS)}",
    )
    parser.add_argument(
        "--charts",
        type=Path,
        metavar="DIR",
        help="also write each chart as DIR/NAME.svg",
    )
    parser.add_argument(
        "--json", action="store_true", help="print the results as JSON, not tables"
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress display on stderr"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; return the exit status."""
    args = _parser().parse_args(argv)
    size = SIZES[args.size]
    keys = args.only or list(BENCHMARKS)
    progress = _Progress(
        enabled=not args.quiet and not (args.json and not sys.stderr.isatty())
    )
    if not args.json:
        print(f"Machine: {current_stamp().label()}")
        print(f"Size: {size.name} ({size.rounds} interleaved rounds per figure)\n")
    results = []
    for i, key in enumerate(keys, 1):
        progress.prefix = f"[{i}/{len(keys)} {key}]"
        (result,) = run_all(size, [key], progress)
        results.append(result)
        progress.done()
        if not args.json:
            from concurrency_bench.charts import table_text

            print(table_text(result), end="\n\n", flush=True)
    if args.json:
        print(json.dumps([r.to_dict() for r in results]))
    if args.charts:
        from concurrency_bench.charts import render_svg

        args.charts.mkdir(parents=True, exist_ok=True)
        for result in results:
            path = args.charts / f"{result.key}.svg"
            svg = render_svg(result)
            path.write_text(
                svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
                if "xmlns=" not in svg
                else svg,
                encoding="utf-8",
            )
            if not args.json:
                print(f"wrote {path}")
    return 0
