"""Valid HTML: the Nu HTML Checker (vnu-jar, pinned in package.json) over the build.

Every HTML file of the strict build is checked (``--errors-only``). The site's
own markup must have no error at all; the theme's errors were fixed through its
override mechanism (overrides/partials/nav-item.html) where that is clean. What
is left is listed in ALLOWED, one error at a time, each matched by its message
*and* the markup it points at, so a new kind of error cannot slip through.

Without Java or node_modules (`npm ci`) the check is skipped, except under CI
(``CI`` set), where it fails.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from site_tools.snippets import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

ALLOWED = [
    (
        # Material's base.html puts autocomplete="off" on the two hidden checkboxes
        # that open the drawer and the search (so that Firefox does not reopen
        # them when the reader goes back). The HTML standard allows autocomplete
        # only on text-like inputs; browsers ignore it elsewhere. The inputs sit
        # in base.html outside any template block, so removing the attribute
        # would mean copying the theme's whole page skeleton.
        "Attribute “autocomplete” is only allowed when the input type is",
        r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" '
        r'id="__(drawer|search)" autocomplete="off">',
    ),
]


def _allowed(message: dict[str, str]) -> bool:
    return any(
        message.get("message", "").startswith(text)
        and re.search(markup, message.get("extract", "").replace("\n", " "))
        for text, markup in ALLOWED
    )


def test_nu_html_checker_finds_no_error(built_site: Path) -> None:
    java = shutil.which("java")
    reason = (
        "Java is not installed"
        if java is None
        else ""
        if VNU_JAR.is_file()
        else "node_modules/vnu-jar is missing (run `npm ci`)"
    )
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI is set, so the HTML check may not be skipped)")
        pytest.skip(reason)
    result = subprocess.run(
        [
            *(java, "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html"),
            *("--format", "json", str(built_site)),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    messages = json.loads(result.stderr)["messages"]
    pages = {m["url"] for m in messages}
    assert messages or result.returncode == 0, result.stderr[-2000:]
    errors = [m for m in messages if not _allowed(m)]
    report = "\n".join(
        f"{m['url'].split(str(built_site))[-1]}:{m.get('lastLine')}: {m['message']}\n"
        f"    {m.get('extract', '').strip()[:160]!r}"
        for m in errors[:30]
    )
    assert not errors, f"{len(errors)} HTML errors on {len(pages)} pages:\n{report}"


def test_nav_item_override_is_materials_plus_one_change() -> None:
    """overrides/partials/nav-item.html = the installed Material's, minus tabindex="".

    When a Material upgrade changes the partial, this fails: copy the new one and
    make the same change again.
    """
    import material

    upstream = (
        Path(material.__file__).parent / "templates" / "partials" / "nav-item.html"
    ).read_text(encoding="utf-8")
    override = (ROOT / "overrides" / "partials" / "nav-item.html").read_text(
        encoding="utf-8"
    )
    attribute = 'tabindex="{{ tabindex }}"'
    expected = upstream.split("-#}\n", 1)[1].replace(
        attribute, "{% if tabindex %}" + attribute + "{% endif %}"
    )
    assert override.split("-#}\n", 1)[1] == expected
