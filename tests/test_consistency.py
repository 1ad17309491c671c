"""Pages, navigation, snippets, expected outputs and invariants agree with each other."""

from __future__ import annotations

import re
import sys

from browser_support import load_config, nav_files
from invariants import load_all

from site_tools import interpreters
from site_tools.snippets import ROOT, SNIPPETS_DIR, all_snippets

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
EXAMPLE_CALL = re.compile(r"""example\(\s*["'](snippets/[^"']+)["']""")
INCLUDE = re.compile(r"""--8<--\s+["']([^"':]+)(?::[^"']*)?["']""")
EXEC_BLOCK = re.compile(r'(?ms)^([ \t]*)```python exec="on"([^\n]*)\n(.*?)^\1```')


def _page_texts() -> dict[str, str]:
    return {
        p.relative_to(DOCS).as_posix(): p.read_text(encoding="utf-8") for p in PAGES
    }


def test_every_example_call_names_an_existing_snippet() -> None:
    missing = [
        f"docs/{page}: example({target!r})"
        for page, text in _page_texts().items()
        for target in EXAMPLE_CALL.findall(text)
        if not (ROOT / target).is_file()
    ]
    assert not missing, "examples that name no file:\n" + "\n".join(missing)


def test_example_blocks_take_html() -> None:
    """`example` returns HTML, so its block says ``html="1"`` (else it is converted twice)."""
    blocks = [
        (page, options, body)
        for page, text in _page_texts().items()
        for _, options, body in EXEC_BLOCK.findall(text)
        if EXAMPLE_CALL.search(body)
    ]
    calls = sum(len(EXAMPLE_CALL.findall(t)) for t in _page_texts().values())
    assert len(blocks) == calls, f"found {len(blocks)} blocks for {calls} calls"
    wrong = [
        f"docs/{page}: {body.strip().splitlines()[-1].strip()}"
        for page, options, body in blocks
        if 'html="1"' not in options
    ]
    assert not wrong, 'example blocks without html="1":\n' + "\n".join(wrong)


def test_every_include_target_exists() -> None:
    missing = [
        f"docs/{page}: --8<-- {target!r}"
        for page, text in _page_texts().items()
        for target in INCLUDE.findall(text)
        if not (ROOT / target).is_file()
    ]
    assert not missing, "includes that name no file:\n" + "\n".join(missing)


def test_every_snippet_is_used_by_a_page() -> None:
    used = set()
    for text in _page_texts().values():
        used.update(EXAMPLE_CALL.findall(text))
        used.update(INCLUDE.findall(text))
    orphans = [s.repo_path for s in all_snippets() if s.repo_path not in used]
    assert not orphans, "snippets no page shows (orphans):\n" + "\n".join(orphans)


def test_snippets_mirror_the_pages() -> None:
    """snippets/<part>/<chapter>/x.py belongs to docs/<part>/<chapter>.md."""
    misplaced = [
        s.repo_path
        for s in all_snippets()
        if not (
            DOCS / (s.path.parent.relative_to(SNIPPETS_DIR).as_posix() + ".md")
        ).is_file()
    ]
    assert not misplaced, "snippets whose folder matches no page:\n" + "\n".join(
        misplaced
    )


def test_no_snippet_shadows_a_stdlib_module() -> None:
    clashes = [
        s.repo_path for s in all_snippets() if s.path.stem in sys.stdlib_module_names
    ]
    assert not clashes, "snippet names that shadow the standard library:\n" + "\n".join(
        clashes
    )


def test_every_page_is_in_the_nav_and_every_nav_entry_exists() -> None:
    nav = set(nav_files(load_config()["nav"]))
    pages = {p.relative_to(DOCS).as_posix() for p in PAGES} - {"404.md"}
    assert pages - nav == set(), f"pages missing from the nav: {sorted(pages - nav)}"
    assert nav - pages == set(), f"nav entries with no page: {sorted(nav - pages)}"


def test_expected_outputs_match_declarations() -> None:
    versions = [*interpreters.MATRIX, *interpreters.FREE_THREADED]
    snippets = {s.expected_stdout_path: s for s in all_snippets()}
    owned = set(snippets) | {
        s.version_stdout_path(v) for s in snippets.values() for v in versions
    }
    stray = [
        p.relative_to(ROOT).as_posix()
        for p in SNIPPETS_DIR.rglob("*.stdout")
        if p not in owned
    ]
    assert not stray, "expected outputs with no snippet:\n" + "\n".join(stray)
    varying_with_file = [
        s.repo_path
        for s in snippets.values()
        if s.expectation.stdout == "varies"
        and any(
            p.exists()
            for p in [
                s.expected_stdout_path,
                *(s.version_stdout_path(v) for v in versions),
            ]
        )
    ]
    assert not varying_with_file, (
        'snippets declared `stdout = "varies"` keep a stale .stdout file:\n'
        + "\n".join(varying_with_file)
    )


def test_invariants_check_every_varying_snippet() -> None:
    snippets = {s.name: s for s in all_snippets()}
    registry = load_all()
    unknown = [name for name in registry if name not in snippets]
    assert not unknown, f"invariants for snippets that do not exist: {unknown}"
    unchecked = [
        s.repo_path
        for s in snippets.values()
        if s.expectation.stdout == "varies" and s.name not in registry
    ]
    assert not unchecked, "varying snippets without an invariant:\n" + "\n".join(
        unchecked
    )
