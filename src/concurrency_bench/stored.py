"""Run a measurement in a fresh interpreter once, and store its JSON result.

The pages' measurements (Performance, asyncio, memory, cluster) each run a module
of this package as ``python -m concurrency_bench.<module> … --json``. The result
is stored in ``.cache/bench/`` under a key of the interpreter's identity, this
package's code and the command, so a rebuild does not re-measure; a fresh clone
(as in CI) measures, and ``SITE_TOOLS_RERUN=1`` measures again.

`drawn_once` keeps what is slow to make from such a result (a chart's SVG) in
``.cache/bench/`` too, under a key of its inputs, matplotlib's version and this
package's code.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["drawn_once", "measured_json", "stored_text"]


def _path(args: list[str], suffix: str = ".json") -> Path:
    root = os.environ.get("SITE_TOOLS_ROOT") or Path(__file__).resolve().parents[2]
    digest = hashlib.sha256(f"{sys.executable}\0{sys.version}\0{args}".encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return Path(root) / ".cache" / "bench" / f"{digest.hexdigest()[:24]}{suffix}"


def stored_text(key: str, make: Callable[[], str]) -> str:
    """``make()``, made once per ``key`` (plus interpreter and package code), stored."""
    path = _path([key], ".txt")
    if path.exists() and os.environ.get("SITE_TOOLS_RERUN") != "1":
        return path.read_text(encoding="utf-8")
    text = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return text


def measured_json(args: list[str], timeout: float) -> Any:
    """The parsed JSON that ``python -m <args>`` prints, measured once per input.

    Raises RuntimeError when the measurement exits non-zero or writes to stderr.
    """
    path = _path(args)
    if path.exists() and os.environ.get("SITE_TOOLS_RERUN") != "1":
        return json.loads(path.read_text(encoding="utf-8"))
    completed = subprocess.run(
        [sys.executable, "-m", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if completed.returncode != 0 or completed.stderr.strip():
        raise RuntimeError(
            f"python -m {' '.join(args)} failed (exit {completed.returncode}):\n"
            f"{completed.stderr}"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(completed.stdout, encoding="utf-8")
    return json.loads(completed.stdout)


def drawn_once(draw: Callable[..., str]) -> Callable[..., str]:
    """Decorator: a drawing function's text, made once per arguments and stored."""

    @functools.wraps(draw)
    def stored(*args: Any, **kwargs: Any) -> str:
        from importlib.metadata import version

        inputs = [draw.__module__, draw.__qualname__, version("matplotlib"), args]
        key = json.dumps([*inputs, sorted(kwargs.items())], default=repr)
        return stored_text(key, lambda: draw(*args, **kwargs))

    return stored
