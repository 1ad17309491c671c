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
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest
from invariants import RERUN_PROPERTY, load_all

from site_tools import interpreters, matrix, pages, snippets
from site_tools.matrix import Cell
from site_tools.snippets import BUILD_VERSION, Expectation, Run, Snippet, all_snippets

SNIPPETS = all_snippets()
CELLS = [cell for snippet in SNIPPETS for cell in matrix.test_cells(snippet)]
INVARIANTS = load_all()
REPO = Path(__file__).resolve().parents[1]


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
def test_snippet(
    cell: Cell,
    matrix_results: dict[Cell, Run | None],
    record_property: Callable[[str, object], None],
) -> None:
    """One run behaves as declared and prints what is expected for its interpreter.

    A measurement that fails its invariant is made once more (the tests run one at a
    time, so alone) and replaces the stored one; the test fails if that one fails
    too. The summary at the end and the page "How this site is verified" list it.
    """
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
    try:
        check_stdout(run, cell.version)
    except AssertionError as failure:
        if not cell.snippet.expectation.runs_alone:
            raise
        because = failed_check(failure)
        record_property(RERUN_PROPERTY, f"{cell.label}: {because}")
        run = matrix_results[cell] = matrix.run_again(cell, because)
        run.check()
        check_stdout(run, cell.version)


def failed_check(failure: AssertionError) -> str:
    """``path:line: source`` of the failed assertion, in the invariant that made it."""
    frame = traceback.extract_tb(failure.__traceback__)[-1]
    path = Path(frame.filename).resolve()
    where = path.relative_to(REPO).as_posix() if path.is_relative_to(REPO) else path
    return f"{where}:{frame.lineno}: {(frame.line or '').strip()}"


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


@pytest.fixture
def counting_snippet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Cell, list[str]]:
    """A timing-sensitive snippet that prints how many times it has run, an
    invariant that wants the value in a list the test controls, an empty store."""
    monkeypatch.setattr(matrix, "CACHE_DIR", tmp_path / "runs")
    monkeypatch.setattr(matrix, "_SEEN", {})
    for module in (snippets, matrix):
        monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(snippets, "SNIPPETS_DIR", tmp_path / "snippets")
    source = tmp_path / "snippets" / "fake" / "counts.py"
    source.parent.mkdir(parents=True)
    source.write_text(
        "from pathlib import Path\n"
        "counter = Path(__file__).with_name('count.txt')\n"
        "n = int(counter.read_text()) + 1 if counter.exists() else 1\n"
        "counter.write_text(str(n))\n"
        "print('run', n)\n",
        encoding="utf-8",
    )
    snippet = Snippet(source, Expectation(stdout="varies"))
    passing: list[str] = []

    def wants(stdout: str) -> None:
        assert stdout.strip() in passing, stdout

    monkeypatch.setitem(INVARIANTS, "fake/counts.py", [wants])
    return Cell(snippet, BUILD_VERSION), passing


def test_a_failed_measurement_is_made_once_more_and_replaces_the_stored_run(
    counting_snippet: tuple[Cell, list[str]],
) -> None:
    cell, passing = counting_snippet
    passing.append("run 2")
    results, _ = matrix.run_cells([cell])
    recorded: list[tuple[str, object]] = []
    test_snippet(cell, results, lambda name, value: recorded.append((name, value)))
    stored = matrix.stored_result(cell)
    assert stored is not None and stored.stdout == "run 2\n"
    assert "assert stdout.strip() in passing" in stored.rerun_because
    assert recorded == [(RERUN_PROPERTY, f"{cell.label}: {stored.rerun_because}")]


def test_a_measurement_that_fails_twice_fails_the_test(
    counting_snippet: tuple[Cell, list[str]],
) -> None:
    cell, _ = counting_snippet
    results, _ = matrix.run_cells([cell])
    with pytest.raises(AssertionError, match="run 2"):
        test_snippet(cell, results, lambda name, value: None)
    assert cell.snippet.path.with_name("count.txt").read_text() == "2"


def test_an_exact_output_is_never_run_again(
    counting_snippet: tuple[Cell, list[str]],
) -> None:
    cell, _ = counting_snippet
    exact = Cell(Snippet(cell.snippet.path), BUILD_VERSION)
    with pytest.raises(ValueError, match="only timing-sensitive"):
        matrix.run_again(exact, "no reason")
