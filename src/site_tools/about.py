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
    text = "\n".join(rows) + "\n"
    if LAST_SUMMARY:
        text += (
            "\nThis build's runs, as its pre-build step printed them: "
            f"`{LAST_SUMMARY[-1].line()}`.\n"
        )
    return text
