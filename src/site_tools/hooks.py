"""MkDocs hook: record which interpreter and machine produced this build's outputs.

Registered under ``hooks:`` in mkdocs.yml. Every output on the site is printed by
a snippet run in the build interpreter (see `site_tools.pages`), so the stamp of
that interpreter is what the footer shows (``overrides/partials/copyright.html``).
"""

from __future__ import annotations

from typing import Any

from concurrency_bench.machine import current_stamp


def on_config(config: Any) -> Any:
    """Put the build stamp into ``config.extra.build_stamp`` for the templates."""
    config.extra["build_stamp"] = current_stamp().label()
    return config
