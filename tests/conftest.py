"""Shared fixtures: the run matrix, the built site."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest
from invariants import RERUN_PROPERTY

from site_tools import matrix
from site_tools.build import build_site
from site_tools.snippets import ROOT, Run, get_snippet


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--example",
        metavar="PATH",
        help="check only this snippet: every interpreter and start method, its page block",
    )


ORDER = (
    "test_lint.py",
    "test_consistency.py",
    "test_matrix.py",
    "test_diagrams.py",
    "test_snippets.py",
    "test_site.py",
    "test_prose.py",
    "test_markdown_blocks.py",
    "test_html.py",
    "test_rejection.py",
    "test_browser.py",
    "test_lighthouse.py",
    "test_process_watch.py",
    "test_memory.py",
    "test_benchmarks.py",
    "test_asyncio_benchmark.py",
    "test_cluster_bench.py",
)
"""Quick static checks first, then the run matrix (a broken or hanging example is
reported within seconds), the build, and the timing benchmarks last, alone."""


STORED_MODULES = (
    "test_diagrams.py",
    "test_html.py",
    "test_rejection.py",
    "test_browser.py",
    "test_lighthouse.py",
    "test_process_watch.py",
    "test_memory.py",
    "test_benchmarks.py",
    "test_asyncio_benchmark.py",
    "test_cluster_bench.py",
)
"""Modules whose outcome depends only on the repository's files and the machine's
tools: once a module passed in full on a tree, it is not run again on the identical
tree (same rule as the run matrix; ``SITE_TOOLS_RERUN=1`` runs it again)."""
_PASSED_DIR = ROOT / ".cache" / "passed"


@cache
def tree_digest() -> str | None:
    """A digest of every file git knows here (tracked or not ignored), and the tools."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:
        return None
    digest = hashlib.sha256(f"{sys.version}\0{shutil.which('chromium')}".encode())
    for name in sorted(set(listed.stdout.decode().split("\0")) - {""}):
        path = ROOT / name
        if path.is_file():
            digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def _whole_run(config: pytest.Config) -> bool:
    """No selection narrowed the modules (so a pass covers the whole module)."""
    return not (
        config.option.keyword
        or config.option.markexpr
        or config.getoption("--example")
        or any("::" in str(arg) for arg in config.args)
    )


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Order the modules by `ORDER`; skip modules that passed on this very tree;
    with ``--example``, keep that snippet's tests."""
    rank = {name: index for index, name in enumerate(ORDER)}
    items.sort(key=lambda item: rank.get(item.path.name, len(ORDER)))
    digest = tree_digest() if os.environ.get(matrix.RERUN_ENV) != "1" else None
    for item in items:
        marker = _PASSED_DIR / f"{item.path.name}-{digest}"
        if digest and item.path.name in STORED_MODULES and marker.exists():
            item.add_marker(
                pytest.mark.skip(
                    reason=f"{item.path.name} passed in full on this identical tree "
                    f"({marker.read_text(encoding='utf-8').strip()}); "
                    "SITE_TOOLS_RERUN=1 runs it again"
                )
            )
    path = config.getoption("--example")
    if not path:
        return
    name = get_snippet(path).name
    keep = [i for i in items if f"[{name}-" in i.nodeid or f"[{name}]" in i.nodeid]
    config.hook.pytest_deselected(items=[i for i in items if i not in keep])
    items[:] = keep


_OUTCOMES: dict[str, set[str]] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Record each stored module's outcomes (passed, failed, skipped)."""
    module = report.nodeid.split("::")[0].rsplit("/", 1)[-1]
    if module in STORED_MODULES and (report.when == "call" or not report.passed):
        _OUTCOMES.setdefault(module, set()).add(report.outcome)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Remember the stored modules that ran in full and all passed on this tree."""
    digest = tree_digest()
    if not digest or not _whole_run(session.config) or session.shouldstop:
        return
    for module, outcomes in _OUTCOMES.items():
        if outcomes == {"passed"} or outcomes == {"passed", "skipped"}:
            if "skipped" in outcomes and os.environ.get("CI"):
                continue  # a skip under CI would be a failure anyway
            _PASSED_DIR.mkdir(parents=True, exist_ok=True)
            stamp = time.strftime("%Y-%m-%d %H:%M:%S")
            (_PASSED_DIR / f"{module}-{digest}").write_text(stamp, encoding="utf-8")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List the measurements made a second time because the first failed its check."""
    reruns = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        for name, value in getattr(report, "user_properties", ())
        if name == RERUN_PROPERTY
    ]
    if reruns:
        terminalreporter.section("timing checks failed once, run again alone")
        for line in dict.fromkeys(reruns):
            terminalreporter.line(line)


@pytest.fixture(scope="session")
def matrix_results(request: pytest.FixtureRequest) -> dict[matrix.Cell, Run | None]:
    """Run every cell the selected tests check, once, before the first of them.

    Progress (cells done / total, what is running, time so far) goes to the
    terminal, and the sums of the run times at the end.
    """
    cells = [
        item.callspec.params["cell"]
        for item in request.session.items
        if hasattr(item, "callspec") and "cell" in item.callspec.params
    ]
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        sys.stderr.write("\n")
        results, _ = matrix.run_cells(cells, stream=sys.stderr)
    return results


@pytest.fixture(scope="session")
def build_result(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """Build the site once, strictly, into a temporary folder (its log streamed)."""
    site_dir = tmp_path_factory.mktemp("site")
    capture = request.config.pluginmanager.getplugin("capturemanager")
    with capture.global_and_fixture_disabled():
        result = build_site(site_dir, stream=sys.stderr)
    return site_dir, result


@pytest.fixture(scope="session")
def built_site(build_result: tuple[Path, subprocess.CompletedProcess[str]]) -> Path:
    """The strictly built site's folder.

    A failed build is reported once, with the builder's log, by
    ``test_site.py::test_strict_build_succeeds``; the tests that need the site are
    skipped with a pointer to it instead of repeating the log.
    """
    site_dir, result = build_result
    if result.returncode != 0:
        pytest.skip("the strict build failed: see test_strict_build_succeeds")
    return site_dir


def errors_first(log: str) -> str:
    """The builder's log, its error and warning lines first."""
    lines = log.splitlines()
    errors = [line for line in lines if line.startswith(("ERROR", "WARNING"))]
    return "\n".join([*errors, "--- end of the log ---", *lines[-40:]])
