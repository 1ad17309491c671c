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
from functools import cache
from pathlib import Path

from concurrency_bench.machine import MachineStamp, stamp_from_json
from site_tools.snippets import Run, Snippet, get_snippet, run_snippet

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


def _cached_run(snippet: Snippet) -> Run:
    cache_dir = os.environ.get(CACHE_ENV)
    if not cache_dir:
        return run_snippet(snippet)
    key = hashlib.sha256(
        f"{sys.executable}\0{snippet.expectation}\0{snippet.source}".encode()
    ).hexdigest()[:20]
    path = Path(cache_dir) / f"{key}.json"
    if path.exists():
        data = json.loads(path.read_text(encoding="utf-8"))
        return Run(snippet=snippet, **data)
    run = run_snippet(snippet)
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
    caption = (
        f"Output · {stamp.label(with_start_method=run.snippet.uses_multiprocessing)}"
    )
    if run.returncode:
        caption += f" · exit code {run.returncode}"
    if run.snippet.expectation.stdout == "varies":
        caption += " · timings differ on every run"
    return caption


def example(name: str, *, show_source: bool = True) -> str:
    """Markdown for one example: the source, then its real output.

    Args:
        name: The snippet's path, e.g. ``snippets/threads/x/y.py``.
        show_source: False to show only the output (when the page already shows
            the code, for instance split into parts with ``--8<--`` sections).
    """
    snippet = get_snippet(name)
    run = _cached_run(snippet)
    run.check()
    stamp = interpreter_stamp()
    parts = []
    if show_source:
        parts.append(_fence("python", snippet.source, snippet.repo_path))
    parts.append(
        _captured(
            "stdout", snippet, run.stdout or "(no output)", output_caption(run, stamp)
        )
    )
    if run.stderr:
        parts.append(_captured("stderr", snippet, run.stderr, "stderr"))
    return "\n".join(parts)


def _captured(stream: str, snippet: Snippet, text: str, caption: str) -> str:
    """A captured stream, in a div the site tests find by class and snippet name."""
    return (
        f'<div class="snippet-{stream}" data-snippet="{snippet.name}" markdown>\n\n'
        f"{_fence('text', text, caption)}\n</div>\n"
    )
