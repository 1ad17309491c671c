"""Helpers for ``test_browser.py``: the pages of the nav, and one visit of a page.

A visit loads a page once in a context whose network is limited to the local
server, and records everything the checks need: console and page errors, every
request, failed requests and error statuses, Mermaid rendering, the copy buttons,
and axe-core's findings in the light and then the dark palette. The tests then
assert on the record, so each failure names its page and its check.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_tools.snippets import ROOT

BLOCKING_IMPACTS = ("serious", "critical")
"""axe-core impacts that fail a page; "minor" and "moderate" are reported only."""

COLOUR_RULES = ("color-contrast", "link-in-text-block")
"""The axe rules whose result depends on the palette (run again in dark mode)."""

COPY_BUTTONS = (
    "pre button.md-clipboard, pre button.md-code__button[data-md-type='copy']"
)
"""Material's copy button: ``.md-clipboard`` up to 9.6, ``.md-code__button`` since."""

CODE_BLOCKS = "pre:not(.mermaid) > code"
"""Code blocks (a Mermaid diagram's source is not one, even when it failed to draw)."""


class _AnyTagLoader(yaml.SafeLoader):
    """A YAML loader that reads mkdocs.yml's custom tags (!ENV, !relative, …) as None."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: None
)


def load_config(path: Path = ROOT / "mkdocs.yml") -> dict[str, Any]:
    """mkdocs.yml as a dict (also used by test_consistency for the nav)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader)


def nav_files(items: list[Any]) -> list[str]:
    """The docs files of a nav list (nested sections included, external URLs left out)."""
    files: list[str] = []
    for item in items:
        if isinstance(item, str):
            files.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                if isinstance(value, str):
                    files.append(value)
                elif isinstance(value, list):
                    files.extend(nav_files(value))
    return [f for f in files if not re.match(r"https?://", f)]


def page_url(doc: str) -> str:
    """The site path of a docs file: ``index.md`` → ``""``, ``a/b.md`` → ``a/b/``."""
    stem = doc.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def nav_pages() -> list[str]:
    """The site paths of every page in mkdocs.yml's nav, in nav order."""
    return [page_url(doc) for doc in nav_files(load_config().get("nav") or [])]


def part_first_pages() -> list[str]:
    """The first page of each part (each nav section with children)."""
    firsts = []
    for item in load_config().get("nav") or []:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list):
                    files = nav_files(value)
                    if files:
                        firsts.append(files[0])
    return firsts


def built_pages(site_dir: Path) -> list[str]:
    """The site paths of every HTML page in a build (not 404.html, not assets)."""
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if rel == "404.html" or rel.startswith(("assets/", "search/")):
            continue
        pages.append(rel.removesuffix("index.html"))
    return pages


@dataclass
class Visit:
    """What one page did in the browser."""

    path: str
    status: int | None = None
    title: str = ""
    heading: str = ""
    footer: str = ""
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    mermaid_blocks: int = 0
    mermaid_problems: list[str] = field(default_factory=list)
    code_blocks: int = 0
    copy_problems: list[str] = field(default_factory=list)
    axe: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Palette name → axe violations (all impacts)."""
    narrow_width: int = 0
    """The page's scroll width in a 375 px wide viewport."""
    error: str = ""
    """Set when the visit itself broke (a timeout, a missing element)."""


class Recorder:
    """Listens to a browser context and files events under the current visit."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.origin = re.match(r"https?://[^/]+", base_url).group(0)  # type: ignore[union-attr]
        self.visit: Visit | None = None
        self.all_requests: list[str] = []

    def attach(self, context: Any) -> None:
        context.route("**/*", self._route)
        context.on("request", self._on_request)
        context.on("requestfailed", self._on_request_failed)
        context.on("response", self._on_response)
        context.on("console", self._on_console)
        context.on(
            "weberror", lambda error: self._file("page_errors", str(error.error))
        )

    def is_local(self, url: str) -> bool:
        return url.startswith(self.origin + "/") or url.startswith(
            ("data:", "blob:", "about:")
        )

    def _file(self, kind: str, text: str) -> None:
        if self.visit is not None:
            getattr(self.visit, kind).append(text)

    def _route(self, route: Any) -> None:
        if self.is_local(route.request.url):
            route.continue_()
        else:  # the network is off for every other host
            self._file("foreign_requests", route.request.url)
            route.abort("blockedbyclient")

    def _on_request(self, request: Any) -> None:
        self.all_requests.append(request.url)
        self._file("requests", request.url)

    def _on_request_failed(self, request: Any) -> None:
        if self.is_local(request.url):
            self._file("failed_requests", f"{request.url}: {request.failure}")

    def _on_response(self, response: Any) -> None:
        if response.status >= 400 and response.url.rstrip("/") != (
            self._page_url() or ""
        ).rstrip("/"):
            self._file("failed_requests", f"{response.url}: HTTP {response.status}")

    def _page_url(self) -> str | None:
        return self.base_url + self.visit.path if self.visit else None

    def _on_console(self, message: Any) -> None:
        if message.type == "error":
            location = message.location or {}
            self._file("console_errors", f"{message.text} ({location.get('url', '?')})")


OPEN_SHADOW_ROOTS = """(() => {
    // Material draws each Mermaid diagram into a *closed* shadow root, which no
    // script (nor axe-core) can look into. The tests open them, to see the SVG.
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
        return attach.call(this, { ...init, mode: "open" });
    };
})();"""

MERMAID_DONE = """n => document.querySelectorAll('div.mermaid').length >= n
    && !document.querySelector('pre.mermaid')"""

COPY_ALL = """async ([selector, codeSelector]) => {
    const results = [];
    for (const button of document.querySelectorAll(selector)) {
        const code = button.closest('pre').querySelector(codeSelector.split('>').pop().trim());
        await navigator.clipboard.writeText('\\u0000 nothing copied');
        button.click();
        await new Promise(resolve => setTimeout(resolve, 0));
        results.push([code ? code.innerText : null, await navigator.clipboard.readText()]);
    }
    return results;
}"""


def check_copy_buttons(page: Any, visit: Visit) -> None:
    """Every code block has a copy button whose click puts the code in the clipboard.

    The first button is clicked with the mouse (a trusted click on the visible
    button), the rest by script, which is ten times faster and runs the same handler.
    """
    visit.code_blocks = page.locator(f".md-content {CODE_BLOCKS}").count()
    buttons = page.locator(f".md-content :is({COPY_BUTTONS})")
    count = buttons.count()
    if count != visit.code_blocks:
        visit.copy_problems.append(
            f"{visit.code_blocks} code blocks but {count} copy buttons"
        )
    if count == 0:
        return
    page.evaluate("navigator.clipboard.writeText('\\u0000 nothing copied')")
    first = buttons.first
    first.scroll_into_view_if_needed()
    first.click(timeout=5000)
    expected_first = first.evaluate(
        "b => b.closest('pre').querySelector('code').innerText"
    )
    got_first = page.evaluate("navigator.clipboard.readText()")
    results = [(expected_first, got_first)]
    results += [
        tuple(r)
        for r in page.evaluate(
            COPY_ALL, [f".md-content :is({COPY_BUTTONS})", CODE_BLOCKS]
        )[1:]
    ]
    for index, (expected, got) in enumerate(results):
        if expected is None:
            visit.copy_problems.append(
                f"copy button {index}: no code element in its block"
            )
        elif got.rstrip("\n") != expected.rstrip("\n") or not got.strip():
            visit.copy_problems.append(
                f"copy button {index}: clipboard has {got[:60]!r}…, the block shows {expected[:60]!r}…"
            )


def check_mermaid(page: Any, visit: Visit, expected: int) -> None:
    """Each ``pre.mermaid`` block was replaced by a rendered SVG (no CDN involved)."""
    visit.mermaid_blocks = expected
    if expected == 0:
        return
    with contextlib.suppress(Exception):
        page.wait_for_function(MERMAID_DONE, arg=expected, timeout=10_000)
    left = page.locator("pre.mermaid").count()
    if left:
        visit.mermaid_problems.append(
            f"{left} of {expected} diagrams were not rendered"
        )
    rendered = page.locator("div.mermaid")
    for index in range(rendered.count()):
        diagram = rendered.nth(index)
        svg = diagram.locator("svg")
        if svg.count() == 0:
            visit.mermaid_problems.append(f"diagram {index}: no SVG")
            continue
        text = svg.first.text_content() or ""
        if (
            "Syntax error" in text
            or svg.first.get_attribute("aria-roledescription") == "error"
        ):
            visit.mermaid_problems.append(
                f"diagram {index}: Mermaid drew an error: {text[:80]!r}"
            )


MARK_REPEATED_TOKENS = """() => {
    // A highlighted token looks exactly like every other token with the same
    // classes, colours and font on the same background; axe checks the first one
    // of each kind, and skips the repeats (thousands per page: the slow part).
    const seen = new Set();
    let repeats = 0;
    for (const old of document.querySelectorAll('[data-axe-repeat]')) {
        old.removeAttribute('data-axe-repeat');
    }
    for (const token of document.querySelectorAll('.md-content pre code span')) {
        const style = getComputedStyle(token);
        const block = getComputedStyle(token.closest('pre'));
        const key = [token.className, style.color, style.backgroundColor, block.backgroundColor,
                     style.fontWeight, style.fontStyle, style.fontSize, style.opacity].join('|');
        if (seen.has(key)) {
            token.setAttribute('data-axe-repeat', '');
            repeats++;
        } else {
            seen.add(key);
        }
    }
    return repeats;
}"""


def run_axe(
    page: Any, axe: Any, rules: tuple[str, ...] | None = None
) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (all rules, or ``rules``)."""
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    repeats = page.evaluate(MARK_REPEATED_TOKENS)
    context = {"exclude": [["[data-axe-repeat]"]]} if repeats else None
    return axe.run(page, context=context, options=options).response["violations"]


def describe_violations(
    violations: list[dict[str, Any]], impacts: tuple[str, ...] = BLOCKING_IMPACTS
) -> str:
    lines = []
    for violation in violations:
        if violation["impact"] not in impacts:
            continue
        targets = ", ".join(
            " ".join(map(str, node["target"])) for node in violation["nodes"][:3]
        )
        lines.append(
            f"{violation['id']} ({violation['impact']}, {len(violation['nodes'])} elements): "
            f"{violation['help']} — e.g. {targets}"
        )
    return "\n".join(lines)


def switch_palette(page: Any, scheme: str) -> None:
    """Click the header's palette toggle until the body has ``scheme``."""
    for _ in range(4):
        if page.evaluate("document.body.dataset.mdColorScheme") == scheme:
            return
        page.locator(
            "form[data-md-component=palette] label:not([hidden])"
        ).first.click()
        page.wait_for_timeout(50)
    raise AssertionError(f"the palette toggle never reached {scheme!r}")


def html_mermaid_count(site_dir: Path, path: str) -> int:
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    return len(re.findall(r'<pre class="mermaid"', html))
