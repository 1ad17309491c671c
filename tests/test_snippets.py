"""Every snippet runs as a script and behaves as declared, on every interpreter here.

The cells of `site_tools.matrix`: every interpreter of the matrix (stdout exact
against ``<name>.stdout`` or ``<name>.<X.Y>.stdout``, or by the invariants in
``tests/invariants``); ``multiprocessing`` snippets again on the build interpreter
under each start method; exact snippets a second time, to catch output that changes
from run to run. All selected cells run before the first test, in parallel where
that is safe (see ``conftest.py``); each test then checks one stored result.

An interpreter of the matrix that is not installed is reported once, by
``test_interpreter_is_installed``, not once per snippet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from invariants import load_all

from site_tools import interpreters, matrix, pages
from site_tools.matrix import Cell
from site_tools.snippets import BUILD_VERSION, Run, Snippet, all_snippets

SNIPPETS = all_snippets()
CELLS = [cell for snippet in SNIPPETS for cell in matrix.test_cells(snippet)]
INVARIANTS = load_all()


def check_stdout(run: Run, version: str) -> None:
    """Compare stdout with the committed expectation, or apply the invariants."""
    snippet = run.snippet
    for check in INVARIANTS.get(snippet.name, []):
        check(run.stdout)
    if snippet.expectation.stdout == "varies":
        assert INVARIANTS.get(snippet.name), (
            f"{snippet.repo_path}: stdout varies but no invariant checks it"
        )
        return
    if problem := matrix.stdout_problem(run, version):
        pytest.fail(problem, pytrace=False)


@pytest.mark.parametrize(
    "cell", CELLS, ids=[c.label.replace(" · ", "-") for c in CELLS]
)
def test_snippet(cell: Cell, matrix_results: dict[Cell, Run | None]) -> None:
    """One run behaves as declared and prints what is expected for its interpreter."""
    if cell not in matrix_results:
        pytest.skip("not selected")
    run = matrix_results[cell]
    if run is None:
        pytest.skip(matrix.skip_reason(cell) or "not run")
    run.check()
    if cell.repeat:
        first = matrix_results.get(Cell(cell.snippet, BUILD_VERSION))
        if first is not None and (problem := matrix.repeat_problem(first, run)):
            pytest.fail(problem, pytrace=False)
    check_stdout(run, cell.version)


@pytest.mark.parametrize("version", [*interpreters.MATRIX, *interpreters.FREE_THREADED])
def test_interpreter_is_installed(version: str) -> None:
    """Each interpreter of the matrix is here (free-threaded builds: where they exist)."""
    if matrix.find_python(version):
        return
    runs = sum(c.version == version for s in SNIPPETS for c in matrix.page_cells(s))
    reason = f"CPython {version} is not installed: its runs are not made here"
    if version in interpreters.FREE_THREADED:
        pytest.skip(f"{reason} (uv python install {version}; none can be had here)")
    assert runs == 0, f"{reason}; `python3 src/site_tools/interpreters.py install`"
    pytest.fail(f"{reason}; `python3 src/site_tools/interpreters.py install`")


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.name for s in SNIPPETS])
def test_example_block(
    snippet: Snippet, matrix_results: dict[Cell, Run | None]
) -> None:
    """The page helper renders the example: its source and every interpreter's output."""
    del matrix_results  # the runs it reads, made first
    markdown = pages.example_markdown(snippet.repo_path)
    assert snippet.source in markdown
    for cell in matrix.page_cells(snippet):
        if not matrix.skip_reason(cell) and snippet.expectation.stdout == "exact":
            assert cell.version in markdown, f"no output of CPython {cell.version}"


def test_example_html_is_converted_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    matrix_results: dict[Cell, Run | None],
) -> None:
    """`example` converts its Markdown with the site's extensions, then reads it back."""
    del matrix_results  # the runs it reads, made first
    monkeypatch.setattr(pages, "HTML_CACHE_DIR", tmp_path)
    snippet = SNIPPETS[0]
    html = pages.example(snippet.repo_path)
    assert html.startswith('<div class="snippet-source"'), html[:200]
    assert '<div class="highlight">' in html and "```" not in html
    for tab_id in re.findall(r'<input[^>]* id="([^"]+)"', html):
        assert tab_id.startswith(f"ex-{snippet.path.stem.replace('_', '-')}--")
    [stored] = tmp_path.iterdir()
    stored.write_text("read back", encoding="utf-8")
    assert pages.example(snippet.repo_path) == "read back"
