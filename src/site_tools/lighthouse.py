"""Lighthouse (the npm package pinned in package.json) against a built site.

Lighthouse runs with its default settings (a mid-range phone on a slow 4G link,
simulated), in Debian's Chromium, against the site served on 127.0.0.1 as its host,
GitHub Pages, serves it: text files gzip-compressed (``--plain`` sends them as they
are, as a bare static server would; the byte budgets of the browser tests measure
that case). Used by ``tests/test_lighthouse.py``; also a command that prints
the four scores of every page, for the figures in the notes::

    .venv/bin/python -m site_tools.lighthouse site/ --runs 3
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from site_tools.screenshots import CHROMIUM_ARGS, find_chromium, serve_site
from site_tools.snippets import ROOT

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_CLI = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"


def missing_tools() -> str:
    """Why Lighthouse cannot run here ("" when it can)."""
    if shutil.which("node") is None:
        return "Node.js is not installed"
    if not LIGHTHOUSE_CLI.is_file():
        return "node_modules/lighthouse is missing (run `npm ci`)"
    if find_chromium() is None:
        return "no Chromium found"
    return ""


def run_lighthouse(url: str, timeout: float = 180) -> dict[str, float]:
    """One Lighthouse run of ``url``: category → score (0–1), plus key metrics."""
    chromium = find_chromium()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        subprocess.run(
            [
                "node",
                str(LIGHTHOUSE_CLI),
                url,
                f"--only-categories={','.join(CATEGORIES)}",
                f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
                "--output=json",
                f"--output-path={report}",
                "--quiet",
            ],
            env={**os.environ, "CHROME_PATH": chromium or ""},
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    result = {c: data["categories"][c]["score"] for c in CATEGORIES}
    audits = data["audits"]
    for metric in ("largest-contentful-paint", "total-blocking-time"):
        result[metric] = audits[metric]["numericValue"]
    result["bytes"] = audits["total-byte-weight"]["numericValue"]
    result["benchmark-index"] = data["environment"]["benchmarkIndex"]
    return result


def median_scores(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of each figure over several runs."""
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site folder")
    parser.add_argument("pages", nargs="*", help="site paths (default: every page)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument(
        "--plain", action="store_true", help="serve without compression"
    )
    args = parser.parse_args(argv)
    reason = missing_tools()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    pages = args.pages or [
        p.relative_to(args.site).as_posix().removesuffix("index.html")
        for p in sorted(args.site.rglob("index.html"))
        if not p.relative_to(args.site).as_posix().startswith(("assets/", "search/"))
    ]
    with serve_site(args.site, compress=not args.plain) as base:
        for page in pages:
            runs = [run_lighthouse(base + page) for _ in range(args.runs)]
            perf = " ".join(f"{r['performance']:.2f}" for r in runs)
            m = median_scores(runs)
            print(
                f"{page or '(home)':35} P[{perf}] A{m['accessibility']:.2f} "
                f"BP{m['best-practices']:.2f} SEO{m['seo']:.2f} "
                f"LCP {m['largest-contentful-paint'] / 1000:.1f}s "
                f"TBT {m['total-blocking-time']:.0f}ms {m['bytes'] / 1e6:.2f}MB "
                f"bench {' '.join(str(round(r['benchmark-index'])) for r in runs)}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
