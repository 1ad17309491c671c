"""Shared fixtures: the run matrix, the built site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_tools import matrix
from site_tools.build import build_site
from site_tools.snippets import Run, get_snippet


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--example",
        metavar="PATH",
        help="check only this snippet: every interpreter and start method, its page block",
    )


ORDER = (
    "test_lint.py",
    "test_consistency.py",
    "test_diagrams.py",
    "test_snippets.py",
    "test_site.py",
    "test_prose.py",
    "test_markdown_blocks.py",
    "test_html.py",
    "test_rejection.py",
    "test_browser.py",
    "test_lighthouse.py",
    "test_dask_cleanup.py",
    "test_memory.py",
    "test_benchmarks.py",
    "test_asyncio_benchmark.py",
    "test_cluster_bench.py",
)
"""Quick static checks first, then the run matrix (a broken or hanging example is
reported within seconds), the build, and the timing benchmarks last, alone."""


def pytest_collection_modifyitems(
    config: pytest.Config, items: list[pytest.Item]
) -> None:
    """Order the modules by `ORDER`; with ``--example``, keep that snippet's tests."""
    rank = {name: index for index, name in enumerate(ORDER)}
    items.sort(key=lambda item: rank.get(item.path.name, len(ORDER)))
    path = config.getoption("--example")
    if not path:
        return
    name = get_snippet(path).name
    keep = [i for i in items if f"[{name}-" in i.nodeid or f"[{name}]" in i.nodeid]
    config.hook.pytest_deselected(items=[i for i in items if i not in keep])
    items[:] = keep


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
