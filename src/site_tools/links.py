"""List the external links of the docs, for an occasional manual check.

Run as ``python -m site_tools.links`` (``make links``). It prints one line per
link, ``page<TAB>URL``, sorted by page, and fetches nothing: the test suite never
touches the network, and a link checker that does would fail the build whenever
a remote server has a bad day. Internal links and anchors need no such list: the
strict build already rejects broken ones.

By default the Markdown sources under ``docs/`` are read (code blocks skipped);
``--site DIR`` reads a built site's HTML instead, which adds the links the theme
and the templates write (the repository, the "edit" buttons, the footer).
``--unique`` prints each URL once, with the number of pages that use it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from site_tools.snippets import ROOT

DOCS_DIR = ROOT / "docs"

_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_MARKDOWN_LINKS = [
    re.compile(r"\]\(\s*<?(https?://[^)\s>]+)>?"),  # [text](url) and ![alt](url)
    re.compile(r"<(https?://[^>\s]+)>"),  # <url> autolinks
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(https?://\S+?)>?(?:\s|$)"),  # [ref]: url
    re.compile(r"""\bhref=["'](https?://[^"']+)["']"""),  # raw HTML
]


def _prose_lines(text: str) -> Iterator[str]:
    """The lines of a Markdown file outside fenced code blocks."""
    fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if match:
            marker = match.group(2)
            if fence is None:
                fence = marker
                continue
            if marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
                continue
        if fence is None:
            yield _INLINE_CODE.sub("", line)


def markdown_links(text: str) -> list[str]:
    """External URLs linked from one Markdown text, in order of appearance."""
    found = []
    for line in _prose_lines(text):
        for pattern in _MARKDOWN_LINKS:
            found.extend(match.group(1) for match in pattern.finditer(line))
    return found


class _Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if re.match(r"https?://", href):
                self.urls.append(href)


def html_links(text: str) -> list[str]:
    parser = _Anchors()
    parser.feed(text)
    return parser.urls


def collect(
    docs_dir: Path = DOCS_DIR, site_dir: Path | None = None
) -> list[tuple[str, str]]:
    """``(page, url)`` pairs, without duplicates, sorted by page then URL."""
    pairs: set[tuple[str, str]] = set()
    if site_dir is not None:
        for page in site_dir.rglob("*.html"):
            rel = page.relative_to(site_dir).as_posix()
            if rel.startswith("assets/"):
                continue
            pairs.update(
                (rel, url) for url in html_links(page.read_text(encoding="utf-8"))
            )
    else:
        for page in docs_dir.rglob("*.md"):
            rel = page.relative_to(docs_dir).as_posix()
            pairs.update(
                (rel, url) for url in markdown_links(page.read_text(encoding="utf-8"))
            )
    return sorted(pairs)


def format_lines(pairs: Iterable[tuple[str, str]], unique: bool = False) -> list[str]:
    if not unique:
        return [f"{page}\t{url}" for page, url in pairs]
    pages: dict[str, set[str]] = defaultdict(set)
    for page, url in pairs:
        pages[url].add(page)
    return [f"{len(pages[url])}\t{url}" for url in sorted(pages)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_tools.links",
        description="List the external links of the docs (page, URL). Nothing is fetched.",
    )
    parser.add_argument(
        "--site", type=Path, help="read this built site's HTML instead of docs/*.md"
    )
    parser.add_argument(
        "--unique", action="store_true", help="each URL once, with its number of pages"
    )
    args = parser.parse_args(argv)
    lines = format_lines(collect(site_dir=args.site), unique=args.unique)
    for line in lines:
        print(line)
    print(f"{len(lines)} {'URLs' if args.unique else 'links'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
