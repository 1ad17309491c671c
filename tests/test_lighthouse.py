"""Lighthouse (12.2.3, pinned in package.json) on the home page and the heaviest chapter.

Default settings: a mid-range phone on a slow 4G link, simulated. Each page is
run in Debian's Chromium against the strict build served on 127.0.0.1 as the
site's host (GitHub Pages) serves it: text files gzip-compressed, up to five
times: until one run reaches the performance floor. Accessibility, best practices
and SEO must score 1.0 in every run made.

Performance is the best of those runs (Lighthouse simulates the phone from the
CPU time the page took here, so other work on this shared machine can only lower
a run's score: the noise is one-sided, and a further run is only needed when the
host was busy): at least 0.9 on both (see `PERFORMANCE_MIN`). The byte and script budgets of test_browser.py
(uncompressed, as a plain static server sends the files) are the deterministic
gate against heavy pages.
Runs that Lighthouse itself flags as made on a host too slow for its simulation
(benchmark index under 1000) do not count; with none left the test is skipped,
with the figures.

The "heaviest chapter" is found, not named: the page with the most elements.
What made chapters slow on a phone was the theme's style, layout and script work,
repeated over every element of the page, not bytes (compressed, every page is
about 0.2 MB).

Without Node, Chromium or node_modules (`npm ci`) these tests are skipped, except
under CI (``CI`` set), where they fail.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import built_pages

from site_tools.lighthouse import missing_tools, run_lighthouse
from site_tools.screenshots import serve_site

pytestmark = pytest.mark.browser

RUNS = 5
"""At most this many runs per page; fewer when one reaches the floor (usually the
first). Three were not enough: in a cold CI run on 2026-12-03 the shared host
stayed slow for all three home-page runs (benchmark index 1,147-1,335; scores
0.86-0.89, total blocking time 351-453 ms), while minutes later the same built
page scored 0.97-1.00 (26-88 ms) at an index of 1,700-2,200."""
PERFORMANCE_MIN = {"home": 0.9, "heaviest": 0.9}
"""Best of up to five runs. Measured in December 2026 on the shared 2-CPU host
(Lighthouse benchmark index 1,800-2,800): home 0.99-1.00; the heaviest chapter
0.97-1.00 (total blocking time 92-172 ms, five runs) since the header's palette
toggle no longer uses Material's palette script (overrides/partials/palette.html),
against 0.86-0.92 (344-550 ms) with it, in the same interleaved runs."""
SLOW_HOST = 1000
"""Lighthouse warns below this benchmark index that its performance score suffers."""
PAGES = ("home", "heaviest")


def heaviest_page(site: Path) -> str:
    """The built page with the most elements (home excluded: checked anyway)."""
    pages = [p for p in built_pages(site) if p]
    return max(pages, key=lambda p: element_count(site / p / "index.html"))


def element_count(html_file: Path) -> int:
    """How many elements the page's HTML opens (start tags)."""
    return len(re.findall(r"<[a-zA-Z]", html_file.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def lighthouse_runs(built_site: Path) -> Iterator[Any]:
    reason = missing_tools()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so Lighthouse may not be skipped)")
        pytest.skip(f"{reason}; install Node.js and run `npm ci` to run Lighthouse")
    done: dict[str, tuple[str, list[dict[str, float]]]] = {}
    with serve_site(built_site, compress=True) as base:

        def runs(which: str) -> tuple[str, list[dict[str, float]]]:
            if which not in done:
                path = "" if which == "home" else heaviest_page(built_site)
                made: list[dict[str, float]] = []
                while len(made) < RUNS and not _reaches_floor(made, which):
                    made.append(run_lighthouse(base + path))
                done[which] = (path, made)
            return done[which]

        yield runs


def _clean(runs: list[dict[str, float]]) -> list[dict[str, float]]:
    """The runs Lighthouse did not flag as made on a host too slow for it."""
    return [r for r in runs if r["benchmark-index"] >= SLOW_HOST]


def _reaches_floor(runs: list[dict[str, float]], which: str) -> bool:
    return any(r["performance"] >= PERFORMANCE_MIN[which] for r in _clean(runs))


def _describe(runs: list[dict[str, float]]) -> str:
    return "; ".join(
        f"P {r['performance']:.2f} A {r['accessibility']:.2f} "
        f"BP {r['best-practices']:.2f} SEO {r['seo']:.2f} "
        f"(LCP {r['largest-contentful-paint'] / 1000:.1f} s, "
        f"TBT {r['total-blocking-time']:.0f} ms, benchmark {r['benchmark-index']:.0f})"
        for r in runs
    )


@pytest.mark.parametrize("which", PAGES)
def test_lighthouse_accessibility_best_practices_seo(
    which: str, lighthouse_runs: Any
) -> None:
    path, runs = lighthouse_runs(which)
    for category in ("accessibility", "best-practices", "seo"):
        scores = [r[category] for r in runs]
        assert min(scores) == 1.0, f"{path or 'home'}: {category} {scores}"


@pytest.mark.parametrize("which", PAGES)
def test_lighthouse_performance(which: str, lighthouse_runs: Any) -> None:
    path, runs = lighthouse_runs(which)
    clean = _clean(runs)
    if not clean:
        pytest.skip(
            f"{path or 'home'}: Lighthouse found the host too slow for a meaningful "
            f"performance score (benchmark index under {SLOW_HOST}) in all "
            f"{len(runs)} runs: {_describe(runs)}"
        )
    best = max(r["performance"] for r in clean)
    assert best >= PERFORMANCE_MIN[which], (
        f"{path or 'home'}: best performance {best:.2f} < {PERFORMANCE_MIN[which]}: "
        f"{_describe(runs)}"
    )
