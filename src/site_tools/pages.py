"""Render an example on a page: its source, then the output of a real run.

A page calls `example` from a markdown-exec block::

    ```python exec="on"
    from site_tools.pages import example
    print(example("snippets/threads/creating_threads/start_and_join.py"))
    ```

markdown-exec renders the printed Markdown. The snippet itself never runs inside
the build process: `example` starts it as a script in a fresh interpreter (the
build's), so ``if __name__ == "__main__":`` blocks run and process pools can
pickle their functions. A run that breaks its declaration raises
`site_tools.snippets.SnippetError`, which fails ``mkdocs build --strict`` with the
file named.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

from concurrency_bench.machine import MachineStamp, stamp_from_json
from site_tools.snippets import (
    BUILD_VERSION,
    PYTHON_VERSIONS,
    Run,
    Snippet,
    find_python,
    get_snippet,
    run_snippet,
)

CACHE_ENV = "SITE_TOOLS_CACHE_DIR"
"""When this variable names a folder, runs are cached there by source hash.

``make serve`` sets it so that a prose edit does not re-run every snippet;
``make build`` and the tests never set it, so they always run everything.
"""
_MACHINE_SCRIPT = (
    Path(__file__).resolve().parents[1] / "concurrency_bench" / "machine.py"
)


@cache
def interpreter_stamp(python: str = sys.executable) -> MachineStamp:
    """The machine stamp of an interpreter, measured by running it once."""
    out = subprocess.run(
        [python, str(_MACHINE_SCRIPT)],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    return stamp_from_json(out)


def _cached_run(snippet: Snippet, python: str) -> Run:
    cache_dir = os.environ.get(CACHE_ENV)
    if not cache_dir:
        return run_snippet(snippet, python=python)
    key = hashlib.sha256(
        f"{python}\0{snippet.expectation}\0{snippet.source}".encode()
    ).hexdigest()[:20]
    path = Path(cache_dir) / f"{key}.json"
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        return Run(snippet=snippet, **data)
    run = run_snippet(snippet, python=python)
    if not run.problems():
        path.parent.mkdir(parents=True, exist_ok=True)
        fields = {k: v for k, v in run.__dict__.items() if k != "snippet"}
        path.write_text(json.dumps(fields), encoding="utf-8")
    return run


def _fence(lang: str, text: str, title: str) -> str:
    ticks = "`" * max(3, 1 + max((len(r) for r in _backtick_runs(text)), default=0))
    body = text if text.endswith("\n") else text + "\n"
    return f'{ticks}{lang} title="{html.escape(title)}"\n{body}{ticks}\n'


def _backtick_runs(text: str) -> list[str]:
    runs, current = [], ""
    for char in text:
        if char == "`":
            current += "`"
        elif current:
            runs.append(current)
            current = ""
    return [*runs, current] if current else runs


def output_caption(run: Run, stamp: MachineStamp) -> str:
    """Caption of an output block: what produced it, and how to read it."""
    caption = f"Output · {stamp.label(with_start_method=False)}"
    if run.snippet.uses_multiprocessing:
        caption += f" · default start method {stamp.start_method}"
    if run.returncode:
        caption += f" · exit code {run.returncode}"
    if run.snippet.expectation.stdout == "varies":
        caption += " · differs from run to run"
    return caption


def _interpreters(every_python: bool) -> list[str]:
    """The build interpreter, then (optionally) every other installed CPython."""
    pythons = [sys.executable]
    if every_python:
        others = (find_python(v) for v in PYTHON_VERSIONS if v != BUILD_VERSION)
        pythons += [p for p in others if p]
    return pythons


def _outputs(snippet: Snippet, python: str) -> tuple[MachineStamp, str]:
    """Run once on ``python``; the stamp and the Markdown of the captured streams."""
    run = _cached_run(snippet, python)
    run.check()
    stamp = interpreter_stamp(python)
    version = ".".join(stamp.python_version.split(".")[:2])
    text = _captured(
        "stdout",
        snippet,
        version,
        run.stdout or "(no output)",
        output_caption(run, stamp),
    )
    if run.stderr:
        text += "\n" + _captured("stderr", snippet, version, run.stderr, "stderr")
    return stamp, text


def example(name: str, *, show_source: bool = True, every_python: bool = False) -> str:
    """Markdown for one example: the source, then its real output.

    Args:
        name: The snippet's path, e.g. ``snippets/threads/x/y.py``.
        show_source: False to show only the output (when the page already shows
            the code, for instance split into parts with ``--8<--`` sections).
        every_python: Also run it on every other installed CPython and show the
            outputs side by side in tabs (for output that differs by version).
    """
    snippet = get_snippet(name)
    parts = []
    if show_source:
        parts.append(_fence("python", snippet.source, snippet.repo_path))
    outputs = sorted(
        (_outputs(snippet, python) for python in _interpreters(every_python)),
        key=lambda pair: tuple(int(n) for n in pair[0].python_version.split(".")[:2]),
    )
    if len(outputs) == 1:
        parts.append(outputs[0][1])
    else:
        build = interpreter_stamp().python_version
        for stamp, text in outputs:
            this_build = stamp.python_version == build
            marker, label = ("===!", " (this build)") if this_build else ("===", "")
            parts.append(
                f'{marker} "Python {stamp.python_version}{label}"\n\n'
                + textwrap.indent(text, "    ")
            )
    return "\n".join(parts)


def _captured(
    stream: str, snippet: Snippet, version: str, text: str, caption: str
) -> str:
    """A captured stream, in a div the site tests find by class, snippet and version.

    The div has no ``markdown`` attribute: superfences replaces the fence before
    raw HTML is read, so it needs none, and inside a tab md_in_html never removed
    it (the Nu HTML Checker rejects the attribute; tests/test_html.py).
    """
    return (
        f'<div class="snippet-{stream}" data-snippet="{snippet.name}" '
        f'data-python="{version}">\n\n'
        f"{_fence('text', text, caption)}\n</div>\n"
    )
