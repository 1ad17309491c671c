"""The run matrix: every (snippet, interpreter, start method) run, made once, cached.

A *cell* is one run of one snippet: on one interpreter of the matrix
(`site_tools.interpreters.MATRIX`, plus free-threaded builds where installed), with
the default start method or one forced by the runner. The pages show the cells of
every interpreter; the tests check those and, for ``multiprocessing`` snippets, the
build interpreter under each start method, and a second run of every exact snippet
(the *repeat*) to catch output that changes from run to run.

Each result is stored under ``.cache/runs/`` by a key made of everything that can
change it: the snippet's source, the local files it imports or names, its
declaration, the interpreter's identity (path, ``sys.version``, free-threading), the
forced start method and this runner's own code. A change to any of them re-runs
exactly the cells it affects; ``SITE_TOOLS_RERUN=1`` runs everything again.

Cells that are not timing-sensitive run concurrently, two per CPU (most of them
wait: on sleeps, timeouts, deadlocks shown on purpose, process start-up); the
others (``stdout = "varies"`` or ``timing-sensitive = true``) run one at a time,
after the rest, never beside another run. ``python -m site_tools.matrix update`` rewrites the
expected outputs from real runs and lists the files it wrote.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import difflib
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import TextIO

from site_tools import interpreters
from site_tools.snippets import (
    BUILD_VERSION,
    ROOT,
    START_METHODS,
    Run,
    Snippet,
    SnippetError,
    all_snippets,
    find_python,
    get_snippet,
    missing_modules,
    run_snippet,
)

CACHE_DIR = Path(os.environ.get("SITE_TOOLS_CACHE_DIR") or ROOT / ".cache" / "runs")
"""Where results are stored (``SITE_TOOLS_CACHE_DIR`` overrides it)."""
RERUN_ENV = "SITE_TOOLS_RERUN"
"""Set to ``1`` to ignore stored results and run every cell again."""
CPUS = os.cpu_count() or 1
SHARED_WORKERS = int(os.environ.get("SITE_TOOLS_WORKERS") or 2 * CPUS)
"""Concurrent runs of cells that are not timing-sensitive (``SITE_TOOLS_WORKERS``)."""
_RUNNER_FILES = (
    "snippets.py",
    "process_watch.py",
    "force_start_method/sitecustomize.py",
)
"""The runner's own code in the key: what starts a snippet and forces a start method."""


@dataclass(frozen=True)
class Cell:
    """One run of one snippet."""

    snippet: Snippet
    version: str
    """Interpreter, e.g. ``"3.14"`` or ``"3.14t"``."""
    start_method: str | None = None
    """The start method forced by the runner, or None for the interpreter's default."""
    repeat: bool = False
    """A second, identical run, to catch output that changes from run to run."""

    @property
    def label(self) -> str:
        """``threads/x/y.py · 3.14 · spawn`` (used in test ids and messages)."""
        parts = [self.snippet.name, self.version]
        if self.start_method:
            parts.append(self.start_method)
        if self.repeat:
            parts.append("repeat")
        return " · ".join(parts)

    @property
    def python(self) -> str | None:
        """Path of the interpreter, None when it is not installed."""
        return find_python(self.version)


def versions() -> list[str]:
    """The matrix's interpreters that exist here, oldest first (the build's always)."""
    wanted = [*interpreters.MATRIX, *interpreters.FREE_THREADED]
    found = {v for v in wanted if find_python(v)} | {BUILD_VERSION}
    return sorted(found, key=_version_key)


def missing_versions() -> list[str]:
    """Interpreters of the matrix (free-threaded ones included) not installed here."""
    return [
        v
        for v in [*interpreters.MATRIX, *interpreters.FREE_THREADED]
        if not find_python(v)
    ]


def _version_key(version: str) -> tuple[int, int, bool]:
    major, minor = version.removesuffix("t").split(".")
    return int(major), int(minor), version.endswith("t")


def page_cells(snippet: Snippet) -> list[Cell]:
    """The runs a page shows: every interpreter, default start method."""
    return [Cell(snippet, v) for v in versions()]


def test_cells(snippet: Snippet) -> list[Cell]:
    """Every run the tests check for ``snippet``."""
    cells = page_cells(snippet)
    if snippet.uses_multiprocessing:
        default = build_start_method()
        cells += [
            Cell(snippet, BUILD_VERSION, method)
            for method in START_METHODS
            if method != default
        ]
    if snippet.expectation.stdout == "exact":
        cells.append(Cell(snippet, BUILD_VERSION, repeat=True))
    return cells


@cache
def build_start_method() -> str:
    """The build interpreter's default start method."""
    import multiprocessing

    return multiprocessing.get_start_method()


def skip_reason(cell: Cell) -> str | None:
    """Why ``cell`` cannot run here, or None."""
    exp = cell.snippet.expectation
    if cell.python is None:
        return f"CPython {cell.version} is not installed"
    if _version_key(cell.version)[:2] < exp.min_python:
        return f"needs Python >= {'.'.join(map(str, exp.min_python))}"
    missing = missing_modules(cell.python, exp.requires)
    if missing:
        return f"needs {', '.join(missing)}, not installed for CPython {cell.version}"
    return None


# --- the cache key -------------------------------------------------------------


@cache
def interpreter_identity(python: str) -> str:
    """What identifies an interpreter exactly: its path, ``sys.version``, build flags."""
    code = (
        "import sys, sysconfig; print(sys.executable, sys.version, "
        "sysconfig.get_config_var('Py_GIL_DISABLED'), sys.implementation.cache_tag)"
    )

    def ask() -> str:
        out = subprocess.run(
            [python, "-I", "-c", code], capture_output=True, text=True, timeout=60
        )
        return out.stdout.strip()

    answer = interpreters.remembered(python, "matrix identity", ask)
    return f"{os.path.realpath(python)}\0{answer}"


@cache
def _runner_digest() -> str:
    digest = hashlib.sha256()
    for name in _RUNNER_FILES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


def dependencies(snippet: Snippet) -> list[Path]:
    """Local files the snippet imports or names, found by reading its source.

    Imports that resolve to a file of this repository (beside the snippet, under
    ``snippets/`` or ``src/``), and string literals that name an existing file.
    """
    return _dependencies(snippet.path, snippet.source)


@cache
def _dependencies(path: Path, source: str) -> list[Path]:
    found: set[Path] = set()
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    roots = [path.parent, ROOT / "snippets", ROOT / "src"]
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if 0 < len(text) < 200 and "\n" not in text and "\0" not in text:
                for base in (ROOT, path.parent):
                    with contextlib.suppress(OSError, ValueError):
                        if not (base / text).is_file():
                            continue  # one stat: most strings name no file
                        named = (base / text).resolve()
                        if named.is_relative_to(ROOT.resolve()):
                            found.add(named)  # a repository file, not /proc/…
        for name in names:
            rel = Path(*name.split("."))
            for root in roots:
                for candidate in (root / rel.with_suffix(".py"), root / rel):
                    if candidate.is_file():
                        found.add(candidate.resolve())
                    elif candidate.is_dir():
                        found.update(p.resolve() for p in candidate.rglob("*.py"))
    found.discard(path.resolve())
    return sorted(found)


def cell_key(cell: Cell) -> str:
    """The cache key of a cell (see the module docstring)."""
    digest = hashlib.sha256()
    for part in (
        _runner_digest(),
        cell.snippet.repo_path,
        cell.snippet.source,
        repr(cell.snippet.expectation),
        interpreter_identity(cell.python or ""),
        cell.start_method or "",
        "repeat" if cell.repeat else "",
    ):
        digest.update(part.encode() + b"\0")
    marks = tuple(
        (path, path.stat().st_mtime_ns, path.stat().st_size)
        for path in dependencies(cell.snippet)
    )
    digest.update(_files_digest(marks).encode())
    return digest.hexdigest()[:32]


@cache
def _files_digest(marks: tuple[tuple[Path, int, int], ...]) -> str:
    """Digest of the files' paths and contents (read again when one is modified)."""
    digest = hashlib.sha256()
    for path, _, _ in marks:
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


_SEEN: dict[str, dict] = {}
"""Results this process has run or read, by key: the build's hook reads every page
cell, and each page reads its own again. With ``SITE_TOOLS_RERUN=1`` a cell run in
this process is not run a second time."""


def stored_result(cell: Cell) -> Run | None:
    """The stored result of ``cell``, or None (with ``SITE_TOOLS_RERUN=1``: only
    a result this process made)."""
    key = cell_key(cell)
    if key in _SEEN:
        return Run(snippet=cell.snippet, **_SEEN[key])
    if os.environ.get(RERUN_ENV) == "1":
        return None
    path = CACHE_DIR / f"{key}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    _SEEN[key] = data
    return Run(snippet=cell.snippet, **data)


def _store(cell: Cell, run: Run) -> None:
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    fields = {k: v for k, v in asdict(run).items() if k != "snippet"}
    key = cell_key(cell)
    _SEEN[key] = fields
    path = CACHE_DIR / f"{key}.json"
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(fields), encoding="utf-8")
    tmp.replace(path)


# --- running ------------------------------------------------------------------


@dataclass
class Summary:
    """What a call of `run_cells` did, for the line it prints at the end."""

    cells: int = 0
    cached: int = 0
    skipped: int = 0
    alone_seconds: float = 0.0
    shared_seconds: float = 0.0
    wall_seconds: float = 0.0
    cpus: int = 1

    def line(self) -> str:
        """The sums against which the scheduling is judged."""
        ran = self.cells - self.cached - self.skipped
        ideal = self.alone_seconds + self.shared_seconds / self.cpus
        ratio = f" = {self.wall_seconds / ideal:.2f} × ideal" if ideal > 0.5 else ""
        return (
            f"runs: {self.cells} cells, {self.cached} from the cache, {ran} run, "
            f"{self.skipped} skipped · timing-sensitive runs alone "
            f"{self.alone_seconds:.1f} s + other runs {self.shared_seconds:.1f} s ÷ "
            f"{self.cpus} CPUs = ideal {ideal:.1f} s · wall {self.wall_seconds:.1f} s"
            f"{ratio}"
        )


class _Progress:
    """One status line: cells done / total, what is running, time so far."""

    def __init__(self, total: int, stream: TextIO | None) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.running: dict[Cell, float] = {}
        self.start = self.last = time.monotonic()
        self.tty = bool(stream and stream.isatty())
        self.lock = threading.Lock()

    def begin(self, cell: Cell) -> None:
        with self.lock:
            self.running[cell] = time.monotonic()
            self._show()

    def end(self, cell: Cell, run: Run | None) -> None:
        with self.lock:
            self.running.pop(cell, None)
            self.done += 1
            if run is not None and run.problems():
                self._say(f"FAILED {cell.label}: {'; '.join(run.problems())}")
            self._show(force=self.done == self.total)

    def _say(self, text: str) -> None:
        if self.stream:
            prefix = "\r\033[K" if self.tty else ""
            self.stream.write(f"{prefix}{text}\n")
            self.stream.flush()

    def _show(self, force: bool = False) -> None:
        now = time.monotonic()
        if not self.stream or (
            not force and now - self.last < (0.2 if self.tty else 10)
        ):
            return
        self.last = now
        running = ", ".join(c.label for c in list(self.running)[:2])
        more = len(self.running) - 2
        text = (
            f"[{self.done}/{self.total}] {now - self.start:.0f} s"
            + (f" · running {running}" if running else "")
            + (f" (+{more})" if more > 0 else "")
        )
        if self.tty:
            self.stream.write("\r\033[K" + text[:150])
            if force:
                self.stream.write("\n")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()


def run_cells(
    cells: Iterable[Cell],
    *,
    workers: int | None = None,
    stream: TextIO | None = None,
) -> tuple[dict[Cell, Run | None], Summary]:
    """Run (or read from the cache) every cell; None for a cell that cannot run here.

    Cells of the build interpreter go first, so a broken or hanging example is
    reported early; a snippet that timed out on one interpreter is not run again on
    the others (those cells report the same timeout).
    """
    cells = list(dict.fromkeys(cells))
    workers = workers or SHARED_WORKERS
    summary = Summary(cells=len(cells), cpus=CPUS)
    results: dict[Cell, Run | None] = {}
    todo: list[Cell] = []
    for cell in cells:
        if skip_reason(cell):
            results[cell] = None
            summary.skipped += 1
        elif (run := stored_result(cell)) is not None:
            results[cell] = run
            summary.cached += 1
        else:
            todo.append(cell)
    if not todo:
        return results, summary
    progress = _Progress(len(todo), stream)
    started = time.monotonic()
    hung: dict[Snippet, Run] = {}
    order = sorted(todo, key=lambda c: (c.version != BUILD_VERSION, c.repeat))
    shared = [c for c in order if not c.snippet.expectation.runs_alone]
    alone = [c for c in order if c.snippet.expectation.runs_alone]

    def execute(cell: Cell) -> Run:
        if cell.snippet in hung:
            return _as_hang(cell, hung[cell.snippet])
        progress.begin(cell)
        run = _run_and_store(cell)
        if run.timed_out:
            hung[cell.snippet] = run
        progress.end(cell, run)
        return run

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(execute, cell): cell for cell in shared}
        for future in as_completed(futures):
            run = future.result()
            results[futures[future]] = run
            summary.shared_seconds += run.seconds
    for cell in alone:
        run = execute(cell)
        results[cell] = run
        summary.alone_seconds += run.seconds
    summary.wall_seconds = time.monotonic() - started
    if stream:
        stream.write(summary.line() + "\n")
        stream.flush()
    return results, summary


def _run_and_store(cell: Cell, rerun_because: str = "") -> Run:
    run = run_snippet(cell.snippet, python=cell.python, start_method=cell.start_method)
    fields = {"snippet": cell.snippet, "python": cell.version}
    run = Run(**{**asdict(run), **fields, "rerun_because": rerun_because})
    _store(cell, run)
    return run


def run_again(cell: Cell, because: str) -> Run:
    """Run a timing-sensitive cell once more and store that run in place of the last.

    For a run whose measurement failed its check: on a shared machine another
    program can take a CPU for part of a run. The caller must be the only run on
    the machine; ``because`` (how the last run failed) is kept with the new one, and
    the page "How this site is verified" lists it.
    """
    if not cell.snippet.expectation.runs_alone:
        raise ValueError(f"{cell.label}: only timing-sensitive cells are run again")
    return _run_and_store(cell, because)


def _as_hang(cell: Cell, hang: Run) -> Run:
    """The result of a cell not run because its snippet hung on another interpreter."""
    note = f"(not run: timed out on CPython {hang.python} first)\n"
    return Run(
        **{**asdict(hang), "snippet": cell.snippet, "stderr": note, "seconds": 0.0}
    )


# --- comparing ------------------------------------------------------------------


def expected_stdout(snippet: Snippet, version: str) -> str | None:
    """The committed stdout for ``version``: its own file, else the build's; None if none."""
    for path in (snippet.version_stdout_path(version), snippet.expected_stdout_path):
        if path.exists():
            return path.read_text(encoding="utf-8")
    return None


def stdout_problem(run: Run, version: str) -> str | None:
    """How ``run``'s stdout differs from what is committed for ``version`` (exact only)."""
    snippet = run.snippet
    if snippet.expectation.stdout != "exact":
        return None
    expected = expected_stdout(snippet, version)
    if expected is None:
        return f"{snippet.repo_path}: no expected output; run `make update-outputs`"
    if run.stdout == expected:
        return None
    own = snippet.version_stdout_path(version)
    path = own if own.exists() else snippet.expected_stdout_path
    diff = "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            run.stdout.splitlines(keepends=True),
            fromfile=path.relative_to(ROOT).as_posix(),
            tofile=f"{snippet.repo_path} (CPython {version}, this run)",
        )
    )
    return f"{snippet.repo_path}: stdout on CPython {version} differs from expected\n{diff}"


def repeat_problem(first: Run, second: Run) -> str | None:
    """The same cell printed two different outputs: show both."""
    if first.stdout == second.stdout:
        return None
    return (
        f"{first.snippet.repo_path}: two runs on CPython {first.python} printed "
        'different output; print deterministically or declare stdout = "varies"\n'
        f"--- first run ---\n{first.stdout}--- second run ---\n{second.stdout}"
    )


def write_expected(snippet: Snippet, runs: dict[str, Run]) -> list[Path]:
    """Write the expected outputs from ``runs`` (version → run); return what changed."""
    written: list[Path] = []
    build = runs[BUILD_VERSION]

    def put(path: Path, text: str) -> None:
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)

    put(snippet.expected_stdout_path, build.stdout)
    for version in interpreters.MATRIX + interpreters.FREE_THREADED:
        path = snippet.version_stdout_path(version)
        run = runs.get(version)
        if run is None:
            continue  # not installed here: keep what another machine recorded
        if run.stdout != build.stdout:
            put(path, run.stdout)
        elif path.exists():
            path.unlink()
            written.append(path)
    return written


# --- command line ---------------------------------------------------------------


def _select(names: Sequence[str]) -> list[Snippet]:
    return [get_snippet(n) for n in names] if names else all_snippets()


def update(names: Sequence[str], stream: TextIO = sys.stderr) -> list[Path]:
    """Record the expected outputs of the named snippets (all by default)."""
    snippets = [s for s in _select(names) if s.expectation.stdout == "exact"]
    cells = [c for s in snippets for c in page_cells(s)]
    results, _ = run_cells(cells, stream=stream)
    written: list[Path] = []
    for snippet in snippets:
        runs = {c.version: r for c, r in results.items() if c.snippet == snippet and r}
        failed = [r for r in runs.values() if r.problems()]
        if failed:
            stream.write(f"not recorded: {_failure(failed[0])}\n")
            continue
        written += write_expected(snippet, runs)
    return written


def _failure(run: Run) -> str:
    try:
        run.check()
    except SnippetError as error:
        return str(error)
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m site_tools.matrix")
    sub = parser.add_subparsers(dest="command", required=True)
    upd = sub.add_parser("update", help="rewrite expected outputs from real runs")
    upd.add_argument("snippets", nargs="*", help="snippet paths (default: all)")
    sub.add_parser("versions", help="the interpreters of the matrix found here")
    args = parser.parse_args(argv)
    if args.command == "versions":
        for version in versions():
            print(version, find_python(version))
        for version in missing_versions():
            print(version, "not installed")
        return 0
    written = update(args.snippets)
    for path in written:
        verb = "wrote" if path.exists() else "removed"
        print(f"{verb} {path.relative_to(ROOT)}")
    if not written:
        print("expected outputs already up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
