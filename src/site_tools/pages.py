"""Render an example on a page: its source, then the output of a real run.

A page calls `example` from a markdown-exec block::

    ```python exec="on" html="1"
    from site_tools.pages import example
    print(example("snippets/threads/creating_threads/start_and_join.py"))
    ```

The snippet itself never runs inside the build process: `example` starts it as a
script in a fresh interpreter (the build's), so ``if __name__ == "__main__":``
blocks run and process pools can pickle their functions. A run that breaks its
declaration raises `site_tools.snippets.SnippetError`, which fails ``mkdocs build
--strict`` with the file named.

`example` returns HTML (hence ``html="1"``): the Markdown of `example_markdown`,
converted with the site's Markdown extensions and stored under ``.cache/html/``,
so a rebuild after a prose edit reads each block instead of highlighting its code
again.
"""

from __future__ import annotations

import hashlib
import html
import os
import subprocess
import sys
import textwrap
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from concurrency_bench.machine import MachineStamp, stamp_from_json
from site_tools import interpreters, matrix
from site_tools.snippets import (
    BUILD_VERSION,
    ROOT,
    Run,
    Snippet,
    SnippetError,
    find_python,
    get_snippet,
)

SERVE_ENV = "SITE_TOOLS_SERVE"
"""Set by ``make serve``: a failing example is shown on its page instead of
stopping the build, and an output that no longer matches its committed expectation
gets a visible notice."""
_MACHINE_SCRIPT = (
    Path(__file__).resolve().parents[1] / "concurrency_bench" / "machine.py"
)


@cache
def interpreter_stamp(python: str = sys.executable) -> MachineStamp:
    """The machine stamp of an interpreter, measured by running it (once per binary)."""

    def ask() -> str:
        return subprocess.run(
            [python, str(_MACHINE_SCRIPT)],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout

    script = hashlib.sha256(_MACHINE_SCRIPT.read_bytes()).hexdigest()
    return stamp_from_json(interpreters.remembered(python, f"stamp {script}", ask))


def _fence(lang: str, text: str, title: str, *, copy: bool = True) -> str:
    """A fenced block; ``copy=False`` drops the theme's copy button (outputs)."""
    ticks = "`" * max(3, 1 + max((len(r) for r in _backtick_runs(text)), default=0))
    body = text if text.endswith("\n") else text + "\n"
    title = f'title="{html.escape(title)}"'
    info = f"{lang} {title}" if copy else f"{{ .{lang} .no-copy {title} }}"
    return f"{ticks}{info}\n{body}{ticks}\n"


def _backtick_runs(text: str) -> list[str]:
    runs, current = [], ""
    for char in text:
        if char == "`":
            current += "`"
        elif current:
            runs.append(current)
            current = ""
    return [*runs, current] if current else runs


def _versions_label(versions: list[str]) -> str:
    """``3.10–3.13, 3.15``: runs of consecutive interpreters of the matrix joined."""
    order = matrix.versions()
    groups: list[list[str]] = []
    for version in sorted(versions, key=order.index):
        if groups and order.index(version) == order.index(groups[-1][-1]) + 1:
            groups[-1].append(version)
        else:
            groups.append([version])
    return ", ".join(g[0] if len(g) == 1 else f"{g[0]}–{g[-1]}" for g in groups)


def output_caption(runs: list[Run], stamps: list[MachineStamp]) -> str:
    """Caption of an output block: which interpreters printed it, and how to read it."""
    first = stamps[0]
    pythons = ", ".join(s.python_version for s in stamps)
    build = " free-threaded" if first.free_threaded_build else ""
    caption = (
        f"Output · {first.implementation} {pythons}{build} · {first.os_name} · "
        f"{first.usable_cpus} CPU{'s' if first.usable_cpus != 1 else ''}"
    )
    snippet = runs[0].snippet
    if snippet.uses_multiprocessing:
        methods: dict[str, list[str]] = {}
        for run, stamp in zip(runs, stamps, strict=True):
            methods.setdefault(stamp.start_method, []).append(run.python)
        if len(methods) == 1:
            caption += f" · default start method {first.start_method}"
        else:
            caption += " · default start method " + ", ".join(
                f"{m} ({_versions_label(v)})" for m, v in methods.items()
            )
    if runs[0].returncode:
        caption += f" · exit code {runs[0].returncode}"
    if snippet.expectation.stdout == "varies":
        caption += " · differs from run to run"
    return caption


def example(name: str, *, show_source: bool = True) -> str:
    """HTML for one example (see `example_markdown`), for a block with ``html="1"``."""
    markdown = example_markdown(name, show_source=show_source)
    stem = Path(name).stem.replace("_", "-")
    return to_html(markdown, id_prefix=f"ex-{stem}{'' if show_source else '-out'}--")


HTML_CACHE_DIR = ROOT / ".cache" / "html"
_HTML_PACKAGES = ("markdown", "pymdown-extensions", "pygments", "mkdocs-material")


def to_html(markdown: str, *, id_prefix: str) -> str:
    """``markdown`` converted as the page's own Markdown would be, stored once.

    The key covers the text, the prefix put before every id it makes (tab sets:
    unique on the page), the site's configuration (``mkdocs.yml``) and the versions
    of the packages that render it; ``SITE_TOOLS_RERUN=1`` converts again.
    """
    digest = hashlib.sha256(f"{_html_context()}\0{id_prefix}\0{markdown}".encode())
    path = HTML_CACHE_DIR / f"{digest.hexdigest()[:32]}.html"
    if path.exists() and os.environ.get(matrix.RERUN_ENV) != "1":
        return path.read_text(encoding="utf-8")
    converted = _converter(id_prefix).convert(markdown)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(converted, encoding="utf-8")
    tmp.replace(path)
    return converted


@cache
def _html_context() -> str:
    config = hashlib.sha256((ROOT / "mkdocs.yml").read_bytes()).hexdigest()
    return " ".join([config, *(f"{p}=={metadata.version(p)}" for p in _HTML_PACKAGES)])


def _converter(id_prefix: str) -> Any:
    """A Markdown instance with the site's extensions (as markdown-exec makes one)."""
    if "markdown_exec" not in sys.modules:  # outside a build, where it imports mkdocs.*
        import properdocs.replacement  # noqa: F401  (mkdocs.* is then properdocs.*)
    from markdown import Markdown
    from markdown_exec import IdPrependingTreeprocessor, markdown_config

    if markdown_config.exts is None:  # outside a build: read the site's config
        from properdocs.config import load_config

        config = load_config(str(ROOT / "mkdocs.yml"))
        markdown_config.save(config.markdown_extensions, config.mdx_configs)
    md = Markdown(
        extensions=markdown_config.exts, extension_configs=markdown_config.exts_config
    )
    md.treeprocessors.register(
        IdPrependingTreeprocessor(md, id_prefix),
        IdPrependingTreeprocessor.name,
        priority=4,  # right after toc, as markdown-exec registers it
    )
    return md


def example_markdown(name: str, *, show_source: bool = True) -> str:
    """Markdown for one example: the source, then the real output of every interpreter.

    The snippet runs (or its stored result is read, see `site_tools.matrix`) on every
    interpreter of the matrix. Identical outputs are shown once, captioned with every
    version that printed them; where versions differ, each variant is a tab of one
    tab set, the build interpreter's selected. Output that depends on timing
    (``stdout = "varies"``) is shown from the build interpreter only.

    Args:
        name: The snippet's path, e.g. ``snippets/threads/x/y.py``.
        show_source: False to show only the output (when the page already shows
            the code, for instance split into parts with ``--8<--`` sections).
    """
    snippet = get_snippet(name)
    parts = []
    if show_source:
        # Sources and outputs stay out of the search index (data-search-exclude):
        # they would triple its size, which every page downloads.
        parts.append(
            '<div class="snippet-source" data-search-exclude>\n\n'
            + _fence("python", snippet.source, snippet.repo_path)
            + "\n</div>\n"
        )
    cells = matrix.page_cells(snippet)
    if snippet.expectation.stdout == "varies":
        cells = [c for c in cells if c.version == BUILD_VERSION]
    results, _ = matrix.run_cells(cells)
    runs = [r for r in results.values() if r is not None]
    try:
        for run in runs:
            run.check()
    except SnippetError as error:
        if not os.environ.get(SERVE_ENV):
            raise
        print(f"ERROR {error}", file=sys.stderr)
        return "\n".join([*parts, _failure_notice(str(error))])
    groups: dict[tuple[str, str, int | None], list[Run]] = {}
    for run in runs:
        groups.setdefault((run.stdout, run.stderr, run.returncode), []).append(run)
    rendered = [_group_markdown(group) for group in groups.values()]
    if len(rendered) == 1:
        parts.append(rendered[0][1])
    else:
        for index, (label, text) in enumerate(rendered):
            marker = (
                "==="
                + ("!" if index == 0 else "")
                + ("+" if "(this build)" in label else "")
            )
            parts.append(f'{marker} "{label}"\n\n' + textwrap.indent(text, "    "))
    return "\n".join(parts)


def _group_markdown(runs: list[Run]) -> tuple[str, str]:
    """Tab label and Markdown of the runs that printed the same thing."""
    snippet = runs[0].snippet
    stamps = [interpreter_stamp(find_python(run.python) or "") for run in runs]
    versions = [run.python for run in runs]
    text = ""
    if os.environ.get(SERVE_ENV):
        for run in runs:
            if problem := matrix.stdout_problem(run, run.python):
                text += _stale_notice(problem)
                break
    text += _captured(
        "stdout",
        snippet,
        versions,
        runs[0].stdout or "(no output)",
        output_caption(runs, stamps),
    )
    if runs[0].stderr:
        text += "\n" + _captured("stderr", snippet, versions, runs[0].stderr, "stderr")
    label = "Python " + _versions_label(versions)
    if BUILD_VERSION in versions:
        label += " (this build)"
    return label, text


def _failure_notice(message: str) -> str:
    body = textwrap.indent(_fence("text", message, "what went wrong"), "    ")
    return (
        f'!!! failure "This example failed (shown because of make serve)"\n\n{body}\n'
    )


def _stale_notice(problem: str) -> str:
    body = textwrap.indent(_fence("diff", problem, "expected → this run"), "    ")
    return (
        '!!! warning "Output differs from the committed expectation '
        '(run make update-outputs)"\n\n'
        f"{body}\n"
    )


def _captured(
    stream: str, snippet: Snippet, versions: list[str], text: str, caption: str
) -> str:
    """A captured stream, in a div the site tests find by class, snippet and versions.

    The div has no ``markdown`` attribute: superfences replaces the fence before
    raw HTML is read, so it needs none, and inside a tab md_in_html never removed
    it (the Nu HTML Checker rejects the attribute; tests/test_html.py).
    """
    return (
        f'<div class="snippet-{stream}" data-snippet="{snippet.name}" '
        f'data-python="{" ".join(versions)}" data-search-exclude>\n\n'
        f"{_fence('text', text, caption, copy=False)}\n</div>\n"
    )
