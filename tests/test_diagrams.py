"""Mermaid diagrams drawn at build time (site_tools.diagrams).

The browser tests check the drawn diagrams on every page; these check the
drawing step itself: what it rejects, and that ``diagrams/`` holds exactly the
drawings of the diagrams in the pages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tools import diagrams
from site_tools.screenshots import find_chromium


def test_every_stored_drawing_is_used() -> None:
    used = {diagrams.stored(text).name for text in diagrams.site_diagrams()}
    stored = {path.name for path in diagrams.STORE.glob("*.svg")}
    assert stored <= used, (
        f"drawings no page uses: {sorted(stored - used)}; run `make diagrams`"
    )


def test_a_diagram_without_a_text_alternative_fails_the_build() -> None:
    with pytest.raises(diagrams.DiagramError, match="accDescr"):
        diagrams.figure("graph LR\n  accTitle: Two boxes\n  A --> B\n")


@pytest.mark.browser
def test_a_broken_diagram_fails_the_build(tmp_path: Path) -> None:
    if find_chromium() is None:
        pytest.skip("no Chromium found")
    text = "graph TD\n  accTitle: t\n  accDescr: d\n  A[unclosed --> B\n"
    with pytest.raises(diagrams.DiagramError, match=r"cannot draw.*graph TD"):
        diagrams.draw([text], tmp_path)
    assert not list(tmp_path.glob("*.svg"))


def test_fences_are_found_in_lists_and_admonitions() -> None:
    page = "!!! note\n\n    ```mermaid\n    graph LR\n      A --> B\n    ```\n"
    assert diagrams.diagrams_in(page) == ["graph LR\n  A --> B"]
