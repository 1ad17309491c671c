"""Tables for the page "How this site is verified", computed while it is built."""

from __future__ import annotations

from site_tools import interpreters, matrix
from site_tools.pages import interpreter_stamp
from site_tools.snippets import BUILD_VERSION, all_snippets

LAST_SUMMARY: list[matrix.Summary] = []
"""The pre-build hook's summary of this build's runs (see `site_tools.hooks`)."""


def _origin(path: str) -> str:
    if path.startswith(str(interpreters.DEBIAN_ROOT)):
        return "Debian sid packages, unpacked by the set-up"
    if "/uv/python/" in path:
        return "uv python install"
    if "/.pyenv/" in path:
        return "pyenv"
    return "PATH"


def matrix_table() -> str:
    """Markdown: each interpreter of the matrix, where it comes from, its cells."""
    snippets = all_snippets()
    rows = [
        "| Interpreter | Patch release | Default start method | From | Cells |",
        "| --- | --- | --- | --- | ---: |",
    ]
    for version in [*interpreters.MATRIX, *interpreters.FREE_THREADED]:
        python = matrix.find_python(version)
        cells = sum(
            1
            for s in snippets
            for c in matrix.test_cells(s)
            if c.version == version and not matrix.skip_reason(c)
        )
        if python is None:
            rows.append(
                f"| CPython {version} | — | — | not installed on the build machine: "
                "its claims rest on documentation | 0 |"
            )
            continue
        stamp = interpreter_stamp(python)
        origin = _origin(interpreters.find(version) or python)
        name = f"CPython {version}" + (
            " (**build**)" if version == BUILD_VERSION else ""
        )
        rows.append(
            f"| {name} | {stamp.python_version} | {stamp.start_method} | {origin} | {cells} |"
        )
    return "\n".join(rows) + "\n"


def run_figures(slowest: int = 5) -> str:
    """Markdown: the stored runs behind this build, timing-sensitive or not, in seconds.

    Every cell of `make test` that can run here (the pages' cells among them)
    whose result is stored; a build that was not preceded by `make test` finds
    only the pages' cells.
    """
    cells = [
        c
        for s in all_snippets()
        for c in dict.fromkeys([*matrix.page_cells(s), *matrix.test_cells(s)])
        if not matrix.skip_reason(c)
    ]
    stored = {c: r for c in cells if (r := matrix.stored_result(c)) is not None}
    rows = [
        "| Runs | Cells | Stored | Time in all |",
        "| --- | ---: | ---: | ---: |",
    ]
    for alone, how in (
        (True, "timing-sensitive, one at a time"),
        (False, "the others, two per CPU"),
    ):
        kind = [c for c in cells if c.snippet.expectation.runs_alone == alone]
        done = [stored[c] for c in kind if c in stored]
        seconds = sum(r.seconds for r in done)
        rows.append(f"| {how} | {len(kind)} | {len(done)} | {seconds:.1f} s |")
    by_snippet: dict[str, list[float]] = {}
    for cell, run in stored.items():
        if cell.snippet.expectation.runs_alone:
            by_snippet.setdefault(cell.snippet.name, []).append(run.seconds)
    longest = sorted(by_snippet.items(), key=lambda kv: -sum(kv[1]))[:slowest]
    text = "\n".join(rows) + "\n"
    again = "; ".join(
        f"`{c.label}` (`{r.rerun_because}`)"
        for c, r in stored.items()
        if r.rerun_because
    )
    text += (
        "\nMeasurements made a second time because the first failed its check: "
        f"{again or 'none'}.\n"
    )
    if longest:
        text += (
            "\nThe timing-sensitive examples that took longest, all their runs together: "
            + "; ".join(
                f"`{name}` {sum(times):.1f} s ({len(times)} runs)"
                for name, times in longest
            )
            + ".\n"
        )
    if LAST_SUMMARY:
        last = LAST_SUMMARY[-1]
        if last.cells - last.cached - last.skipped:
            text += (
                "\nThis build ran the pages' cells that were not stored yet; its "
                f"pre-build step printed: `{last.line()}`.\n"
            )
        else:
            text += (
                f"\nThis build ran none: all {last.cached} results its pages show "
                "were stored already.\n"
            )
    return text
