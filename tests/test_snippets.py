"""Every snippet runs as a script and behaves as declared, on every interpreter here.

- the build interpreter, default start method: exit code, stderr, and stdout
  (exact against ``<name>.stdout``, or by the invariants in ``tests/invariants``);
- multiprocessing snippets, again under each start method forced by the runner;
- every other CPython >= 3.10 found on the machine (skipped, with the reason, when
  absent).

``pytest --update-outputs`` writes the real stdout to the ``.stdout`` files instead
of comparing (``make update-outputs``).
"""

from __future__ import annotations

import difflib
import multiprocessing
import sys

import pytest
from invariants import load_all

from site_tools.snippets import (
    BUILD_VERSION,
    PYTHON_VERSIONS,
    START_METHODS,
    Run,
    Snippet,
    all_snippets,
    find_python,
    missing_modules,
    run_snippet,
)

SNIPPETS = all_snippets()
MP_SNIPPETS = [s for s in SNIPPETS if s.uses_multiprocessing]
INVARIANTS = load_all()
BUILD_START_METHOD = multiprocessing.get_start_method()


def check_stdout(run: Run, *, compare_per_version: bool) -> None:
    """Compare stdout with the committed expectation, or apply the invariants."""
    snippet = run.snippet
    kind = snippet.expectation.stdout
    # Invariants apply on every interpreter: they are required for "varies", and
    # optional for "per-version" output (whose exact text is compared on the build
    # interpreter only).
    for check in INVARIANTS.get(snippet.name, []):
        check(run.stdout)
    if kind == "varies":
        assert INVARIANTS.get(snippet.name), (
            f"{snippet.repo_path}: stdout varies but no invariant checks it"
        )
        return
    if kind == "per-version" and not compare_per_version:
        return
    expected_path = snippet.expected_stdout_path
    assert expected_path.exists(), (
        f"{snippet.repo_path}: no expected output; run `make update-outputs`"
    )
    expected = expected_path.read_text(encoding="utf-8")
    if run.stdout != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                run.stdout.splitlines(keepends=True),
                fromfile=expected_path.relative_to(expected_path.parents[3]).as_posix(),
                tofile=f"{snippet.repo_path} (this run)",
            )
        )
        pytest.fail(f"{snippet.repo_path}: stdout differs from expected\n{diff}")


def _skip_if_too_new(snippet: Snippet, version: str) -> None:
    major, minor = (int(p) for p in version.split("."))
    if (major, minor) < snippet.expectation.min_python:
        pytest.skip(
            f"needs Python >= {'.'.join(map(str, snippet.expectation.min_python))}"
        )


def _skip_if_missing(snippet: Snippet, python: str, version: str) -> None:
    """Skip a snippet whose declared third-party modules ``python`` cannot import."""
    missing = missing_modules(python, snippet.expectation.requires)
    if missing:
        pytest.skip(f"needs {', '.join(missing)}, not installed for CPython {version}")


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.name for s in SNIPPETS])
def test_snippet(snippet: Snippet, update_outputs: bool) -> None:
    """Runs on the build interpreter as declared; stdout as expected."""
    _skip_if_missing(snippet, sys.executable, BUILD_VERSION)
    run = run_snippet(snippet)
    run.check()
    if update_outputs and snippet.expectation.stdout != "varies":
        snippet.expected_stdout_path.write_text(run.stdout, encoding="utf-8")
        return
    check_stdout(run, compare_per_version=True)


@pytest.mark.parametrize("method", START_METHODS)
@pytest.mark.parametrize("snippet", MP_SNIPPETS, ids=[s.name for s in MP_SNIPPETS])
def test_snippet_start_method(
    snippet: Snippet, method: str, update_outputs: bool
) -> None:
    """A multiprocessing snippet passes under fork, spawn and forkserver alike."""
    if method == BUILD_START_METHOD:
        pytest.skip(f"{method} is the default here: covered by test_snippet")
    if update_outputs:
        pytest.skip("outputs are recorded by test_snippet")
    _skip_if_missing(snippet, sys.executable, BUILD_VERSION)
    run = run_snippet(snippet, start_method=method)
    run.check()
    check_stdout(run, compare_per_version=True)


@pytest.mark.parametrize("version", [v for v in PYTHON_VERSIONS if v != BUILD_VERSION])
@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.name for s in SNIPPETS])
def test_snippet_other_python(
    snippet: Snippet, version: str, update_outputs: bool
) -> None:
    """The snippet also runs on every other CPython found here."""
    if update_outputs:
        pytest.skip("outputs are recorded by test_snippet")
    python = find_python(version)
    if python is None:
        pytest.skip(
            f"CPython {version} is not installed (pyenv install {version} to add it)"
        )
    _skip_if_too_new(snippet, version)
    _skip_if_missing(snippet, python, version)
    run = run_snippet(snippet, python=python)
    run.check()
    check_stdout(run, compare_per_version=False)
