"""Numbers and version ranges quoted in the prose agree with the code and the runs.

The markers are described in ``prose_checks``; "How this site is verified"
explains them to contributors.
"""

from __future__ import annotations

import ast
import re
import sys
from functools import cache

import prose_checks
import pytest
from prose_checks import (
    Marker,
    Version,
    check_value,
    check_versions,
    find_markers,
    malformed_markers,
    unbacked_claims,
)

from site_tools import matrix
from site_tools.pages import interpreter_stamp
from site_tools.snippets import BUILD_VERSION, ROOT, get_snippet

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))


def _markers(kind: str) -> list[Marker]:
    return [
        m
        for page in PAGES
        for m in find_markers(
            page.relative_to(ROOT).as_posix(), page.read_text(encoding="utf-8")
        )
        if m.kind == kind
    ]


@cache
def _interpreters() -> dict[Version, str]:
    """Every installed interpreter of the matrix, by its exact version."""
    found = {}
    for version in matrix.versions():
        stamp = interpreter_stamp(matrix.find_python(version) or sys.executable)
        patch = tuple(int(n) for n in stamp.python_version.split(".")[:3])
        found[(patch[0], patch[1], patch[2])] = version
    return found


@cache
def _output(version: str, snippet: str) -> str:
    """stdout and stderr of ``snippet`` on ``version``, from the run matrix."""
    cell = matrix.Cell(get_snippet(snippet), version)
    run = matrix.run_cells([cell])[0][cell]
    return run.stdout + run.stderr if run else ""


def test_pages_have_markers() -> None:
    """The checks below would pass vacuously if the markers stopped being found."""
    assert _markers("value"), "no value marker found on any page"
    assert _markers("versions"), "no versions marker found on any page"


def test_markers_parse() -> None:
    problems = [
        p
        for page in PAGES
        for p in malformed_markers(page.name, page.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("marker", _markers("value"), ids=lambda m: m.where)
def test_quoted_value_matches_the_snippet(marker: Marker) -> None:
    problem = check_value(marker, ROOT)
    assert problem is None, problem


@pytest.mark.parametrize("marker", _markers("versions"), ids=lambda m: m.where)
def test_version_range_matches_the_runs(marker: Marker) -> None:
    pythons = _interpreters()
    outputs = {v: _output(p, marker.snippet) for v, p in pythons.items()}
    problems = check_versions(marker, outputs)
    assert not problems, "\n".join(problems)


def test_observations_on_a_version_carry_a_marker() -> None:
    problems = [
        p
        for page in PAGES
        for p in unbacked_claims(
            page.relative_to(ROOT).as_posix(), page.read_text(encoding="utf-8")
        )
    ]
    assert not problems, "\n".join(problems)


# --- The checks can fail: each one rejects a drifted page. ---------------------

_SNIPPET = "snippets/processes/choosing/cpu_threads_vs_processes.py"


def _repeats() -> int:
    tree = ast.parse((ROOT / _SNIPPET).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == (
            "REPEATS"
        ):
            return ast.literal_eval(node.value)
    raise AssertionError("REPEATS not found")


def _one(text: str) -> Marker:
    (marker,) = find_markers("page.md", text)
    return marker


def test_a_drifted_number_is_rejected() -> None:
    wrong = _repeats() + 1
    text = f"repeated {wrong}<!-- value: {_SNIPPET} REPEATS --> times"
    problem = check_value(_one(text), ROOT)
    assert problem and f"REPEATS = {_repeats()}" in problem


def test_a_number_word_is_read() -> None:
    words = list(prose_checks.WORDS)
    right = f"repeated {words[_repeats()]}<!-- value: {_SNIPPET} REPEATS --> times"
    wrong = f"repeated {words[_repeats() + 1]}<!-- value: {_SNIPPET} REPEATS --> x"
    assert check_value(_one(right), ROOT) is None
    assert check_value(_one(wrong), ROOT) is not None


def test_a_missing_constant_is_rejected() -> None:
    text = f"repeated 5<!-- value: {_SNIPPET} NO_SUCH_NAME --> times"
    assert "NO_SUCH_NAME" in (check_value(_one(text), ROOT) or "")


def test_a_too_wide_version_range_is_rejected() -> None:
    outputs = {(3, 10, 13): "old", (3, 13, 0): "old", (3, 14, 10): "new"}
    too_wide = _one('on 3.10 to 3.14 <!-- versions: x.py 3.10-3.14 "old" -->')
    assert any("3.14.10" in p for p in check_versions(too_wide, outputs))
    right = _one('on 3.10 to 3.13 <!-- versions: x.py 3.10-3.13 "old" -->')
    assert check_versions(right, outputs) == []


def test_a_patch_level_bound_is_checked() -> None:
    outputs = {(3, 13, 0): "child", (3, 13, 18): "server", (3, 14, 10): "server"}
    right = _one('from 3.13.8 on <!-- versions: x.py 3.13.8+ "server" -->')
    assert check_versions(right, outputs) == []
    wrong = _one('from 3.14 on <!-- versions: x.py 3.14+ "server" -->')
    assert any("3.13.18" in p for p in check_versions(wrong, outputs))


def test_a_range_the_text_does_not_state_is_rejected() -> None:
    marker = _one('on 3.10 to 3.12 <!-- versions: x.py 3.10-3.13 "old" -->')
    assert any("'3.13'" in p for p in check_versions(marker, {}))


def test_an_unbacked_observation_is_rejected() -> None:
    text = "This reproduced here on 3.11.7 and 3.12.1.\n"
    assert unbacked_claims("page.md", text)
    backed = text.rstrip() + ' <!-- versions: x.py 3.11-3.12 "hang" -->\n'
    assert not unbacked_claims("page.md", backed)


def test_a_real_run_rejects_a_wrong_range() -> None:
    """End to end, on the build interpreter: a type printed everywhere, claimed 3.99+."""
    snippet = "snippets/processes/pools/lambda_worker.py"
    marker = _one(
        f'from 3.99 <!-- versions: {snippet} 3.99+ "fails, PicklingError" -->'
    )
    build = (sys.version_info.major, sys.version_info.minor, sys.version_info.micro)
    outputs = {build: _output(BUILD_VERSION, snippet)}
    assert check_versions(marker, outputs)


def test_markers_are_invisible_on_the_page() -> None:
    """A marker stays an HTML comment in the page: readers never see it."""
    import markdown

    html = markdown.markdown(f"repeated five<!-- value: {_SNIPPET} REPEATS --> times")
    visible = re.sub(r"<!--.*?-->|<[^>]+>", "", html)
    assert visible == "repeated five times"
