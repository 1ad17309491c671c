"""MkDocs hooks: the build's stamp, and the drawing of Mermaid diagrams.

Registered under ``hooks:`` in mkdocs.yml. Every output on the site is printed by
a snippet run in the build interpreter (see `site_tools.pages`), so the stamp of
that interpreter is what the footer shows (``overrides/partials/copyright.html``).
New or changed diagrams are drawn once before the pages (`site_tools.diagrams`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from concurrency_bench.machine import current_stamp


def on_config(config: Any) -> Any:
    """Put the build stamp into ``config.extra.build_stamp`` for the templates."""
    config.extra["build_stamp"] = current_stamp().label()
    return config


def on_pre_build(config: Any) -> None:
    """Draw every new or changed Mermaid diagram in one browser session.

    Without this, each page would start Chromium for its own new diagrams; with
    every drawing already in ``diagrams/`` (the usual case) it does nothing.
    """
    from site_tools.diagrams import draw, site_diagrams

    draw(site_diagrams(Path(config.docs_dir)))
