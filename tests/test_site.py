"""The strictly built site shows each snippet's real output.

The ``built_site`` fixture builds with ``--strict`` (links and anchors are errors,
and so is any example that fails, exits with the wrong code or hangs). Then each
page's captured output blocks are read back from the HTML and held to the same
expectations as a test run: the exact ``.stdout`` files of each interpreter, or
the invariants. This checks the page helper's rendering; the runs themselves come
from the same stored matrix as ``test_snippets``.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import errors_first
from invariants import load_all

from site_tools import matrix
from site_tools.snippets import BUILD_VERSION, Run, Snippet, all_snippets

SNIPPETS = all_snippets()
INVARIANTS = load_all()


class _OutputBlocks(HTMLParser):
    """Collect the stdout blocks of the pages: snippet name → [(versions, text)]."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
        self._current: tuple[str, list[str]] | None = None
        self._depth = 0
        self._in_code = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self._current is None:
            if tag == "div" and attributes.get("class") == "snippet-stdout":
                self._current = (
                    attributes.get("data-snippet") or "",
                    (attributes.get("data-python") or "").split(),
                )
                self._depth = 1
                self._text = []
            return
        if tag == "div":
            self._depth += 1
        if tag == "code":
            self._in_code = True

    def handle_endtag(self, tag: str) -> None:
        if self._current is None:
            return
        if tag == "code":
            self._in_code = False
        if tag == "div":
            self._depth -= 1
            if self._depth == 0:
                name, versions = self._current
                self.blocks[name].append((versions, "".join(self._text)))
                self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None and self._in_code:
            self._text.append(data)


@pytest.fixture(scope="module")
def page_outputs(built_site: Path) -> dict[str, list[tuple[list[str], str]]]:
    """Snippet name → the outputs shown for it across all built pages."""
    collected: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
    for page in sorted(built_site.rglob("*.html")):
        parser = _OutputBlocks()
        parser.feed(page.read_text(encoding="utf-8"))
        for name, blocks in parser.blocks.items():
            collected[name].extend(blocks)
    return collected


def test_strict_build_succeeds(
    build_result: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    """The one place a failed build is reported, with its log, errors first."""
    site_dir, result = build_result
    if result.returncode != 0:
        pytest.fail(
            f"strict build failed:\n{errors_first(result.stderr)}", pytrace=False
        )
    assert (site_dir / "index.html").is_file()
    assert (site_dir / "404.html").is_file()


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.name for s in SNIPPETS])
def test_page_shows_real_output(
    snippet: Snippet, page_outputs: dict[str, list[tuple[list[str], str]]]
) -> None:
    """Each interpreter's output is on the page and is what it is expected to print.

    Exact output: every interpreter of the matrix that can run the snippet appears
    in one block, whose text is that interpreter's expected output. Output that
    varies: the build interpreter's block, which passes the invariants.
    """
    shown = page_outputs.get(snippet.name)
    assert shown, f"{snippet.repo_path}: no page shows its output"
    if snippet.expectation.stdout == "varies":
        assert any(BUILD_VERSION in versions for versions, _ in shown)
        for _, text in shown:
            for check in INVARIANTS[snippet.name]:
                check(text)
        return
    wanted = {
        cell.version
        for cell in matrix.page_cells(snippet)
        if not matrix.skip_reason(cell)
    }
    seen: set[str] = set()
    for versions, text in shown:
        seen.update(versions)
        for version in versions:
            expected = matrix.expected_stdout(snippet, version) or ""
            assert text.rstrip("\n") == (expected or "(no output)").rstrip("\n"), (
                f"{snippet.repo_path}: the built page shows for CPython {version}\n"
                f"{text}\nbut the expected output is\n{expected}"
            )
    assert wanted <= seen, (
        f"{snippet.repo_path}: no output shown for CPython {sorted(wanted - seen)}"
    )


def _table_row(html: str, label: str) -> list[str]:
    """The cells of the table row whose first cell is ``label``, as text."""
    for row in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL):
        cells = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)
        ]
        if cells and cells[0] == label:
            return cells
    raise AssertionError(f"no table row {label!r} on the verification page")


def test_verification_page_counts_the_runs_it_was_built_from(
    built_site: Path, matrix_results: dict[matrix.Cell, Run | None]
) -> None:
    """The figures table counts every run this test session made before the build."""
    html = (built_site / "about" / "verification" / "index.html").read_text(
        encoding="utf-8"
    )
    for alone, label in (
        (True, "timing-sensitive, one at a time"),
        (False, "the others, two per CPU"),
    ):
        runs = [
            run
            for cell, run in matrix_results.items()
            if run is not None and cell.snippet.expectation.runs_alone == alone
        ]
        _, cells, stored, seconds = _table_row(html, label)
        made = sum(r.seconds for r in runs)
        assert int(cells) >= int(stored) >= len(runs), (
            f"{label}: the page counts {stored} stored runs of {cells} cells; "
            f"this session made {len(runs)} before the build"
        )
        assert float(seconds.removesuffix(" s")) >= made - 0.1, (
            f"{label}: the page says {seconds}; this session's runs took {made:.1f} s"
        )
    again = [c for c, r in matrix_results.items() if r is not None and r.rerun_because]
    sentence = re.search(
        r"made a second time because the first failed its check: (.*?)\.</p>",
        html,
        re.S,
    )
    assert sentence, "the page does not say which measurements were made twice"
    for cell in again:
        assert cell.label in sentence.group(1), f"the page does not list {cell.label}"
    # The page reads every stored run, also those of earlier sessions: whatever it
    # lists must be a stored second run.
    cells = {c.label: c for s in SNIPPETS for c in matrix.test_cells(s)}
    listed = [
        t for t in re.findall(r"<code>(.*?)</code>", sentence.group(1)) if t in cells
    ]
    for label in listed:
        run = matrix.stored_result(cells[label])
        assert run is not None and run.rerun_because, f"{label} was run only once"
    if not listed:
        assert sentence.group(1) == "none", sentence.group(1)
