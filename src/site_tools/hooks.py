"""MkDocs hooks: stamp the build, and run every example before the pages render.

Registered under ``hooks:`` in mkdocs.yml. Every output on the site is printed by a
snippet run on the interpreters of the matrix (see `site_tools.matrix`); the footer
shows the stamp of the build interpreter (``overrides/partials/copyright.html``).
New or changed Mermaid diagrams are drawn once before the pages (`site_tools.diagrams`).
Highlighted code loses the spans a reader can do without (`on_page_content`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from concurrency_bench.machine import current_stamp
from site_tools import about, matrix
from site_tools.snippets import all_snippets

PLAIN_TOKEN = re.compile(r'<span class="(?:n|o|p|w)">([^<]*)</span>')
"""Pygments spans for names, operator symbols, punctuation and whitespace. The theme
draws names in the code's own colour (``--md-code-hl-name-color`` is
``--md-code-fg-color``) and whitespace needs none; without their spans, operator
symbols and punctuation take that colour too (extra.css sets punctuation's to it
for any span left) instead of a lighter grey. They were 2,231 of the 4,697
elements of the longest chapter, whose style and layout work made it slow on a
phone."""


def on_config(config: Any) -> Any:
    """Put the build stamp into ``config.extra.build_stamp`` for the templates."""
    config.extra["build_stamp"] = current_stamp().label()
    return config


def on_pre_build(config: Any) -> None:
    """Draw new diagrams, then run every page's examples, in parallel where safe.

    Diagrams: one browser session for all new or changed ones (usually none, as
    ``diagrams/`` holds them). Examples: the pages then read the stored results;
    this only decides the order, so that independent runs share the CPUs instead
    of running one after another.
    """
    from site_tools.diagrams import draw, site_diagrams

    draw(site_diagrams(Path(config.docs_dir)))
    if "markdown-exec" not in config.plugins:
        return  # execution off: no page reads a run
    cells = []
    for snippet in all_snippets():
        page = matrix.page_cells(snippet)
        if snippet.expectation.stdout == "varies":
            page = [c for c in page if c.version == matrix.BUILD_VERSION]
        cells += page
    _, summary = matrix.run_cells(cells, stream=sys.stderr)
    about.LAST_SUMMARY.append(summary)


def on_page_content(html: str, **kwargs: Any) -> str:
    """Drop the highlighted-code spans of `PLAIN_TOKEN`."""
    return PLAIN_TOKEN.sub(r"\1", html)
