"""Helpers for ``test_browser.py``: the pages of the nav, and one visit of a page.

A visit loads a page once in a context whose network is limited to the local
server (routing also turns the browser's cache off, so each page pays for every
file it needs), and records everything the checks need: console and page errors,
every request with its size, failed requests and error statuses, the drawn
diagrams, the copy buttons, code that does not fit, and axe-core's findings in
the light and then the dark palette. The tests then
assert on the record, so each failure names its page and its check.
"""

from __future__ import annotations

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

PAGE_BYTES_BUDGET = 1_200_000
"""Bytes one page may transfer (uncompressed, HTML + everything it loads).

Measured in December 2026: Material's CSS, bundle and search worker take
~310 kB on every page, the search index (one file for the whole site, fetched
by every page) ~395 kB and grows ~25 kB per chapter, and a page's own HTML
30–240 kB, plus ~30 kB per drawn diagram: 0.74–0.95 MB per page. 1.2 MB leaves
room for about ten more chapters and for long pages; it fails at once if a
script like Mermaid (3.4 MB, on every page before diagrams were drawn at build
time) or a large image comes back."""

SCRIPT_BYTES_BUDGET = 200_000
"""The largest script a page may load: Material's bundle is 114 kB."""

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
    transfers: dict[str, tuple[str, int]] = field(default_factory=dict)
    """URL → (resource type, body bytes as the server sent them)."""
    mermaid_blocks: int = 0
    mermaid_problems: list[str] = field(default_factory=list)
    fit_problems: list[str] = field(default_factory=list)
    """Code boxes that scroll sideways at 1280 px, lines under a copy button."""
    code_blocks: int = 0
    copy_problems: list[str] = field(default_factory=list)
    axe: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    """Palette name → axe violations (all impacts)."""
    narrow_width: int = 0
    """The page's scroll width in a 375 px wide viewport."""
    tab_problems: list[str] = field(default_factory=list)
    """Examples whose per-version outputs do not form one tab set, build tab open."""
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
        if self.visit is not None:
            # The local server sends every file whole and uncompressed, with
            # its length: the bytes a plain static server transfers.
            size = int(response.headers.get("content-length") or 0)
            self.visit.transfers[response.url] = (response.request.resource_type, size)
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
    """Every code block but the outputs has a copy button that copies the code.

    Outputs (blocks marked ``.no-copy`` by site_tools.pages) have none: a reader
    copies code, and the buttons were a third of the theme's script work on a phone.

    The first button is clicked with the mouse (a trusted click on the visible
    button), the rest by script, which is ten times faster and runs the same handler.
    """
    visit.code_blocks = page.locator(
        f".md-content :not(.no-copy) > {CODE_BLOCKS}"
    ).count()
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


DIAGRAMS = """() => [...document.querySelectorAll('div.mermaid-diagram')].map(host => {
    const svg = host.shadowRoot && host.shadowRoot.querySelector('svg');
    if (!svg) return {svg: false};
    const box = svg.getBoundingClientRect();
    const ref = id => id && svg.querySelector('#' + CSS.escape(id));
    const title = ref(svg.getAttribute('aria-labelledby'));
    const desc = ref(svg.getAttribute('aria-describedby'));
    return {
        svg: true, width: box.width, height: box.height,
        error: svg.getAttribute('aria-roledescription') === 'error'
            || /Syntax error/.test(svg.textContent),
        title: title && title.tagName === 'title' ? title.textContent.trim() : '',
        desc: desc && desc.tagName === 'desc' ? desc.textContent.trim() : '',
    };
})"""


def check_mermaid(page: Any, visit: Visit, expected: int) -> None:
    """Each Mermaid fence became a drawn SVG, with a title and a description.

    Diagrams are drawn at build time (site_tools.diagrams): no Mermaid script may
    load, no ``pre.mermaid`` may be left for Material to fetch one from a CDN, and
    each diagram is an SVG in a shadow root, with a size, no error drawing, and a
    ``<title>`` and ``<desc>`` that it is labelled and described by.
    """
    visit.mermaid_blocks = expected
    left = page.locator("pre.mermaid").count()
    if left:
        visit.mermaid_problems.append(f"{left} diagrams left undrawn (pre.mermaid)")
    scripts = [u for u in visit.requests if re.search(r"mermaid[^/]*\.js", u)]
    if scripts:
        visit.mermaid_problems.append(f"a Mermaid script was loaded: {scripts}")
    drawn = page.evaluate(DIAGRAMS)
    if len(drawn) != expected:
        visit.mermaid_problems.append(
            f"{expected} Mermaid fences in the page's HTML but {len(drawn)} diagrams"
        )
    for index, diagram in enumerate(drawn):
        if not diagram["svg"]:
            visit.mermaid_problems.append(f"diagram {index}: no SVG")
            continue
        if diagram["error"]:
            visit.mermaid_problems.append(f"diagram {index}: Mermaid drew an error")
        if diagram["width"] < 50 or diagram["height"] < 20:
            visit.mermaid_problems.append(
                f"diagram {index}: drawn {diagram['width']}×{diagram['height']} px"
            )
        if not (diagram["title"] and diagram["desc"]):
            visit.mermaid_problems.append(
                f"diagram {index}: no <title> and <desc> for screen readers"
            )


CODE_FIT = """([codeSelector, buttonSelector, checkScroll]) => {
    // Every code box: at desktop width it must not scroll sideways, and no line
    // may run under its copy button (the first line is the one beside it).
    const problems = [];
    document.querySelectorAll('.md-content ' + codeSelector).forEach((code, index) => {
        const first = code.innerText.split('\\n')[0].slice(0, 40);
        if (checkScroll && code.scrollWidth > code.clientWidth + 1) {
            problems.push(`code block ${index} (${JSON.stringify(first)}…) scrolls sideways: `
                + `${code.scrollWidth} px of content in ${code.clientWidth} px`);
        }
        const button = code.closest('pre').querySelector(buttonSelector);
        if (!button || code.scrollWidth > code.clientWidth + 1) return;
        const range = document.createRange();
        range.selectNodeContents(code);
        const rects = [...range.getClientRects()].filter(r => r.width > 0);
        if (!rects.length) return;
        const b = button.getBoundingClientRect();
        const under = rects.filter(r => r.top < b.bottom && r.bottom > b.top && r.right > b.left);
        if (under.length) {
            problems.push(`code block ${index} (${JSON.stringify(first)}…): text runs under `
                + `the copy button (to x=${Math.round(Math.max(...under.map(r => r.right)))}, `
                + `button at x=${Math.round(b.left)})`);
        }
    });
    return problems;
}"""


def check_code_fits(page: Any, visit: Visit, width: int, scroll: bool) -> None:
    """Record code boxes that scroll sideways (if ``scroll``) or hide text under a button."""
    for problem in page.evaluate(
        CODE_FIT, [CODE_BLOCKS, ":is(nav.md-code__nav, button.md-clipboard)", scroll]
    ):
        visit.fit_problems.append(f"at {width} px: {problem}")


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
        page.locator("form[data-palette-toggle] label:not([hidden])").first.click()
        page.wait_for_timeout(50)
    raise AssertionError(f"the palette toggle never reached {scheme!r}")


def html_mermaid_count(site_dir: Path, path: str) -> int:
    """Diagrams the build put in a page: drawn ones, and any left as Mermaid source."""
    html = (site_dir / path / "index.html").read_text(encoding="utf-8")
    return len(
        re.findall(r'<(?:pre class="mermaid"|div class="mermaid-diagram")', html)
    )


VERSION_TABS = """(build) => {
  const groups = {};
  for (const div of document.querySelectorAll("div.snippet-stdout")) {
    (groups[div.dataset.snippet] ||= []).push(div);
  }
  const problems = [];
  for (const [name, divs] of Object.entries(groups)) {
    if (divs.length < 2) continue;
    const sets = new Set(divs.map((d) => d.closest(".tabbed-set")));
    if (sets.has(null) || sets.size !== 1) {
      problems.push(`${name}: its ${divs.length} outputs are in ${sets.size} tab sets`);
      continue;
    }
    const set = [...sets][0];
    const labels = set.querySelectorAll(":scope > .tabbed-labels > label");
    if (labels.length !== divs.length) {
      problems.push(`${name}: ${labels.length} tabs for ${divs.length} outputs`);
    }
    const inputs = [...set.querySelectorAll(":scope > input")];
    const open = inputs.findIndex((input) => input.checked);
    const blocks = set.querySelectorAll(":scope > .tabbed-content > .tabbed-block");
    const shown = open < 0 ? null : blocks[open]?.querySelector("div.snippet-stdout");
    if (!shown || !shown.dataset.python.split(" ").includes(build)) {
      problems.push(`${name}: the open tab is not the build interpreter's (${build})`);
    }
  }
  return problems;
}"""
"""Per page: each example's outputs of several versions are the tabs of one set,
the build interpreter's tab selected (tab markers that split a set, or select the
wrong tab, went unnoticed once)."""
