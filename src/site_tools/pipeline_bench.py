"""Measure the verification pipeline against its targets (``make bench-pipeline``).

Each measurement runs in a fresh clone of this repository's committed ``HEAD`` in a
temporary folder (the interpreters and uv's package cache are shared, as on any
machine that ran the set-up once). Prints one line per figure, medians of
``--repeats`` runs; the figures go in the project's notes, not in timed tests.

- cold ``make test`` (empty ``.cache/``), and ``make test`` again with nothing changed;
- plain build (execution off: the markdown-exec plugin removed, all else kept);
- ``make build`` after a prose edit, in a fresh process; cold ``make build``;
- the time until a hanging example (30 s timeout) is reported, file named.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from site_tools.snippets import ROOT


def plain_config(config: str) -> str:
    """``mkdocs.yml`` with execution off: the markdown-exec plugin removed.

    The same pages, theme, API reference and diagrams; the examples' fences are
    shown as code, and the hooks run nothing (no page reads a run).
    """
    return re.sub(
        r"^  - markdown-exec:\n(?:^ {6}.*\n|^\s*#.*\n)*", "", config, flags=re.M
    )


def _clone(target: Path) -> Path:
    subprocess.run(["git", "clone", "-q", str(ROOT), str(target)], check=True)
    return target


def _timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        command,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = (result.stdout + result.stderr)[-3000:]
        print(f"  ! {' '.join(command)} failed:\n{tail}", file=sys.stderr)
    return seconds


def _pytest_seconds(clone: Path) -> tuple[float, float]:
    start = time.perf_counter()
    result = subprocess.run(
        ["make", "test"], cwd=clone, capture_output=True, text=True, env={**os.environ}
    )
    wall = time.perf_counter() - start
    match = re.search(
        r" in ([\d.]+)s", result.stdout.splitlines()[-1] if result.stdout else ""
    )
    if result.returncode != 0:
        print(f"  ! make test failed:\n{result.stdout[-3000:]}", file=sys.stderr)
    return (float(match.group(1)) if match else float("nan")), wall


def _hang_report_seconds(clone: Path) -> float:
    """Add a hanging example to a page; seconds until `make test` names it."""
    folder = clone / "snippets/threads/creating_threads"
    (folder / "hangs_forever.py").write_text(
        "import time\n\nif __name__ == '__main__':\n    time.sleep(3600)\n",
        encoding="utf-8",
    )
    page = clone / "docs/threads/creating_threads.md"
    page.write_text(
        page.read_text(encoding="utf-8")
        + '\n```python exec="on" html="1"\nfrom site_tools.pages import example\n'
        'print(example("snippets/threads/creating_threads/hangs_forever.py"))\n```\n',
        encoding="utf-8",
    )
    start = time.perf_counter()
    with subprocess.Popen(
        ["make", "test"],
        cwd=clone,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    ) as proc:
        try:
            for line in proc.stdout:  # type: ignore[union-attr]
                if "hangs_forever.py" in line and "timed out" in line:
                    return time.perf_counter() - start
        finally:
            os.killpg(proc.pid, 9)
            # The snippet runs in a session of its own (the runner kills it only at
            # its timeout), so killing `make test` does not reach it.
            subprocess.run(["pkill", "-f", "hangs_forever.py"], check=False)
    return float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-tests", action="store_true", help="builds only")
    args = parser.parse_args(argv)
    figures: dict[str, list[float]] = {}

    def add(name: str, value: float) -> None:
        figures.setdefault(name, []).append(value)
        print(f"  {name}: {value:.1f} s", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        for index in range(args.repeats):
            clone = _clone(Path(tmp) / f"clone{index}")
            make = ["make", "-s"]
            subprocess.run([*make, "install"], cwd=clone, capture_output=True)
            config = (clone / "mkdocs.yml").read_text(encoding="utf-8")
            (clone / "plain.yml").write_text(plain_config(config), encoding="utf-8")
            plain = [
                ".venv/bin/properdocs",
                "build",
                "-q",
                "-f",
                "plain.yml",
                "-d",
                "plain",
            ]
            add("plain build (execution off)", _timed(plain, clone))
            add("cold make build", _timed([*make, "build"], clone))
            page = clone / "docs/threads/gil.md"
            page.write_text(
                page.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8"
            )
            add("make build after a prose edit", _timed([*make, "build"], clone))
            if args.skip_tests:
                continue
            subprocess.run(["rm", "-rf", ".cache", "site"], cwd=clone)
            subprocess.run(["git", "checkout", "-q", "."], cwd=clone)
            pytest_s, wall = _pytest_seconds(clone)
            add("cold make test: pytest", pytest_s)
            add("cold make test: wall", wall)
            pytest_s, wall = _pytest_seconds(clone)
            add("make test again, nothing changed: wall", wall)
            add("hanging example reported after", _hang_report_seconds(clone))
    print("\nmedians:")
    for name, values in figures.items():
        print(
            f"  {name}: {statistics.median(values):.1f} s  (runs: "
            + ", ".join(f"{v:.1f}" for v in values)
            + ")"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
