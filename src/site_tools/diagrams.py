"""Mermaid diagrams drawn at build time: inline SVG, no diagram script in the browser.

A ```` ```mermaid ```` fence is turned into the SVG that Mermaid itself draws
(the vendored ``vendor/mermaid/mermaid.min.js``, run in Chromium through
Playwright), with the theme CSS that Material would give it in the browser. The
SVG sits in a declarative shadow root (``<template shadowrootmode="open">``): the
page's styles cannot reach into it, while Material's ``--md-mermaid-*`` colour
variables still do, so a diagram follows the light and dark palettes.

Each diagram must say what it shows to a screen reader with Mermaid's own
``accTitle:`` and ``accDescr:`` lines (they become the SVG's ``<title>`` and
``<desc>``); a diagram without them, or one Mermaid cannot draw, fails the build.

Drawings are kept in ``diagrams/<key>.svg`` (committed), keyed by a hash of the
diagram's text, the Mermaid version and the theme CSS, so a build needs Chromium
only for a new or changed diagram. ``make diagrams`` draws what is missing and
removes drawings no page uses.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from pymdownx.superfences import SuperFencesException

from site_tools.snippets import ROOT

VENDOR = Path(__file__).resolve().parent / "vendor" / "mermaid"
MERMAID_JS = VENDOR / "mermaid.min.js"
THEME_CSS = VENDOR / "material-theme.css"
STORE = ROOT / "diagrams"
"""Where drawings are kept, one SVG file per diagram text."""

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```mermaid[^\n]*\n(?P<body>.*?)^(?P=indent)```", re.S | re.M
)
# Mermaid measures text with the fonts it is drawn with; these are the fonts a
# reader's browser falls back to with Material's `font: false` (the same stack).
RENDER_PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
:root { --md-mermaid-font-family: -apple-system, BlinkMacSystemFont, Helvetica, Arial, sans-serif; }
body { font-family: var(--md-mermaid-font-family); font-size: 16px; }
</style></head><body></body></html>"""
RENDER = """async ([id, text, css]) => {
    mermaid.initialize({
        startOnLoad: false, themeCSS: css,
        // Material's settings (components/content/mermaid/index.ts)
        sequence: { actorFontSize: "16px", messageFontSize: "16px", noteFontSize: "16px" },
    });
    const { svg } = await mermaid.render(id, text);
    // Keep only the CSS rules that style something in this drawing: Mermaid puts
    // the rules of every diagram type into each one (about 14 kB).
    const box = document.createElement("div");
    box.innerHTML = svg;
    document.body.append(box);
    const sheet = box.querySelector("style").sheet;
    const used = (rule) => {
        if (!(rule instanceof CSSStyleRule) || rule.selectorText.includes(":")) {
            return true;
        }
        return rule.selectorText.split(",").some((s) => box.querySelector(s));
    };
    const kept = [...sheet.cssRules].filter((r) => !(r instanceof CSSKeyframesRule) && used(r));
    const text_ = kept.map((r) => r.cssText).join("");
    const frames = [...sheet.cssRules].filter(
        (r) => r instanceof CSSKeyframesRule && text_.includes(r.name));
    box.remove();
    return [svg, frames.map((r) => r.cssText).join("") + text_];
}"""
STYLE = re.compile(r"<style>.*?</style>", re.S)


class DiagramError(SuperFencesException):
    """A diagram that cannot be drawn or lacks its text alternative (fails the build)."""


@cache
def renderer_id() -> str:
    """What a drawing depends on besides the diagram's text."""
    version = (VENDOR / "VERSION.txt").read_text(encoding="utf-8").strip()
    return (
        f"{version}\0{THEME_CSS.read_text(encoding='utf-8')}\0{RENDER}\0{RENDER_PAGE}"
    )


def diagram_key(text: str) -> str:
    return hashlib.sha256(f"{renderer_id()}\0{text.strip()}".encode()).hexdigest()[:16]


def stored(text: str, store: Path = STORE) -> Path:
    return store / f"{diagram_key(text)}.svg"


def check_accessible(text: str) -> None:
    """Raise unless the diagram has ``accTitle:`` and ``accDescr`` lines."""
    missing = [
        word
        for word in ("accTitle", "accDescr")
        if not re.search(rf"^\s*{word}\s*[:{{]", text, re.M)
    ]
    if missing:
        first = text.strip().splitlines()[0] if text.strip() else "(empty)"
        raise DiagramError(
            f"the Mermaid diagram starting {first!r} has no {' and no '.join(missing)} "
            "line: say in one title and one sentence what it shows, for screen readers "
            "(Mermaid's `accTitle: …` and `accDescr: …`)"
        )


def draw(texts: Iterable[str], store: Path = STORE) -> list[Path]:
    """Draw every diagram of ``texts`` that is not stored yet; return the new files."""
    missing = {diagram_key(t): t for t in texts if not stored(t, store).exists()}
    if not missing:
        return []
    from playwright.sync_api import sync_playwright

    from site_tools.screenshots import find_chromium, launch_chromium

    if find_chromium() is None:
        raise DiagramError(
            f"{len(missing)} Mermaid diagram(s) are new or changed and must be drawn, "
            "which needs Chromium: install Debian's `chromium` package"
        )
    css = THEME_CSS.read_text(encoding="utf-8")
    written = []
    store.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            page = browser.new_page()
            page.set_content(RENDER_PAGE)
            page.add_script_tag(path=str(MERMAID_JS))
            for key, text in missing.items():
                try:
                    svg, used_css = page.evaluate(RENDER, [f"diagram-{key}", text, css])
                except Exception as error:
                    message = str(error).splitlines()[0][:300]
                    raise DiagramError(
                        f"Mermaid cannot draw the diagram starting "
                        f"{text.strip().splitlines()[0]!r}: {message}"
                    ) from None
                style = f"<style>{used_css}</style>"
                svg = STYLE.sub(lambda _, style=style: style, svg, count=1)
                path = store / f"{key}.svg"
                path.write_text(svg + "\n", encoding="utf-8")
                written.append(path)
        finally:
            browser.close()
    return written


def diagrams_in(markdown: str) -> list[str]:
    """The text of each Mermaid fence in a Markdown document."""
    return [
        "\n".join(line.removeprefix(m["indent"]) for line in m["body"].splitlines())
        for m in FENCE.finditer(markdown)
    ]


def site_diagrams(docs: Path | None = None) -> list[str]:
    """The text of every Mermaid diagram in the docs folder."""
    docs = docs or ROOT / "docs"
    found = []
    for page in sorted(docs.rglob("*.md")):
        found += diagrams_in(page.read_text(encoding="utf-8"))
    return found


def figure(text: str, store: Path = STORE) -> str:
    """The HTML of one drawn diagram (drawn now if it is not stored yet)."""
    check_accessible(text)
    path = stored(text, store)
    if not path.exists():
        draw([text], store)
    svg = path.read_text(encoding="utf-8").strip()
    return (
        '<div class="mermaid-diagram">'
        f'<template shadowrootmode="open">{svg}</template></div>'
    )


def fence_format(
    source: str, language: str, css_class: str, options: Any, md: Any, **kwargs: Any
) -> str:
    """pymdownx.superfences custom-fence formatter (see mkdocs.yml)."""
    return figure(source)


def main(argv: list[str] | None = None) -> int:
    """``make diagrams``: draw the missing diagrams, remove the unused drawings."""
    texts = site_diagrams()
    for text in texts:
        check_accessible(text)
    for path in draw(texts):
        print(f"drew {path.relative_to(ROOT)}")
    used = {stored(t).name for t in texts}
    for path in sorted(STORE.glob("*.svg")):
        if path.name not in used:
            path.unlink()
            print(f"removed {path.relative_to(ROOT)} (no page uses it)")
    print(f"{len(texts)} diagrams, {len(used)} drawings in {STORE.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
