"""The strictly built site shows each snippet's real output.

The ``built_site`` fixture builds with ``--strict`` (links and anchors are errors,
and so is any example that fails, exits with the wrong code or hangs). Then each
page's captured output blocks are read back from the HTML and held to the same
expectations as a test run: exact ``.stdout`` files, or the invariants. Together
with ``test_snippets`` this runs every snippet twice and compares the runs.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest
from invariants import load_all

from site_tools.snippets import BUILD_VERSION, Snippet, all_snippets

SNIPPETS = all_snippets()
INVARIANTS = load_all()


class _OutputBlocks(HTMLParser):
    """Collect the stdout blocks the build interpreter produced, by snippet name.

    Outputs from other interpreters (tabs of ``example(..., every_python=True)``)
    are checked by ``test_snippets`` on those interpreters instead.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: dict[str, list[str]] = defaultdict(list)
        self._current: str | None = None
        self._depth = 0
        self._in_code = False
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if self._current is None:
            if (
                tag == "div"
                and attributes.get("class") == "snippet-stdout"
                and attributes.get("data-python") == BUILD_VERSION
            ):
                self._current = attributes.get("data-snippet") or ""
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
                self.blocks[self._current].append("".join(self._text))
                self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None and self._in_code:
            self._text.append(data)


@pytest.fixture(scope="module")
def page_outputs(built_site: Path) -> dict[str, list[str]]:
    """Snippet name → the outputs shown for it across all built pages."""
    collected: dict[str, list[str]] = defaultdict(list)
    for page in sorted(built_site.rglob("*.html")):
        parser = _OutputBlocks()
        parser.feed(page.read_text(encoding="utf-8"))
        for name, texts in parser.blocks.items():
            collected[name].extend(texts)
    return collected


def test_strict_build_succeeds(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "404.html").is_file()


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.name for s in SNIPPETS])
def test_page_shows_real_output(
    snippet: Snippet, page_outputs: dict[str, list[str]]
) -> None:
    """The output on the page is what the snippet prints (or passes its invariants)."""
    shown = page_outputs.get(snippet.name)
    assert shown, f"{snippet.repo_path}: no page shows its output"
    for text in shown:
        if snippet.expectation.stdout == "varies":
            for check in INVARIANTS[snippet.name]:
                check(text)
        else:
            expected = snippet.expected_stdout_path.read_text(encoding="utf-8")
            assert text.rstrip("\n") == (expected or "(no output)").rstrip("\n"), (
                f"{snippet.repo_path}: the built page shows\n{text}\nbut the expected "
                f"output is\n{expected}"
            )
