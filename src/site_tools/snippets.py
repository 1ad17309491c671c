"""Find the example scripts under ``snippets/``, read what they declare, run them.

Every example is a standalone script. It runs in a fresh interpreter, with the
repository root as working directory, under a timeout. By default a snippet must
exit with code 0, write nothing to stderr and print the same stdout every time
(committed beside it as ``<name>.stdout``). A snippet that should behave otherwise
says so in the ``snippets.toml`` file of its folder::

    [no_main_guard]                 # the file stem
    exit-code = 1                   # default 0
    stderr = ["RuntimeError"]       # texts stderr must contain; default: stderr empty
    stdout = "varies"               # "exact" (default) or "varies"
    timeout = 60                    # seconds, default 30
    min-python = "3.12"             # skip on older interpreters
    requires = ["distributed"]      # skip where these modules cannot be imported
    timing-sensitive = true         # run alone, never beside another run

``stdout = "varies"`` means the output depends on timing; such a snippet is checked
by the invariants in ``tests/invariants/`` instead of an exact comparison, and is
run alone (as is any snippet declared ``timing-sensitive``). Exact output may differ
between Python versions: ``<name>.stdout`` holds the build interpreter's, and
``<name>.<X.Y>.stdout`` the output of any interpreter that prints something else
(all written by ``make update-outputs``, see `site_tools.matrix`).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import sysconfig
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from site_tools import interpreters
from site_tools.process_watch import run_watched

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

ROOT = Path(os.environ.get("SITE_TOOLS_ROOT") or Path(__file__).resolve().parents[2])
"""The repository root: snippets run with this as their working directory.

``SITE_TOOLS_ROOT`` overrides it; the tests use that to build a small broken
project and prove that each kind of breakage is rejected."""
SNIPPETS_DIR = ROOT / "snippets"
MANIFEST_NAME = "snippets.toml"
DEFAULT_TIMEOUT = 30.0
LOOPBACK = "127.0.0.1"
"""The only address a snippet may listen on."""
BUILD_VERSION = f"{sys.version_info.major}.{sys.version_info.minor}" + (
    "t" if sysconfig.get_config_var("Py_GIL_DISABLED") else ""
)
"""The build interpreter's version, e.g. ``"3.15"``: the one whose outputs pages show."""
START_METHODS = ("fork", "spawn", "forkserver")
"""The three ``multiprocessing`` start methods a test run can force."""
_FORCE_START_METHOD_DIR = Path(__file__).parent / "force_start_method"

# Snippets start as from a terminal, where Ctrl-C raises KeyboardInterrupt. A shell
# starts background jobs (`make test &`, nohup) with SIGINT ignored, and an ignored
# signal stays ignored across exec: the Ctrl-C examples would then see no Ctrl-C.
# A handler (unlike "ignore") is reset to the default in every program started.
if (
    signal.getsignal(signal.SIGINT) is signal.SIG_IGN
    and threading.current_thread() is threading.main_thread()
):
    signal.signal(signal.SIGINT, signal.default_int_handler)
_USES_MULTIPROCESSING = re.compile(
    r"^\s*(?:import|from)\s+multiprocessing\b|\bProcessPoolExecutor\b", re.MULTILINE
)
_STDOUT_KINDS = ("exact", "varies")


class SnippetError(Exception):
    """A snippet did not behave as declared. The message names the file."""


@dataclass(frozen=True)
class Expectation:
    """How a snippet is declared to behave (see the module docstring)."""

    exit_code: int = 0
    stderr: tuple[str, ...] = ()
    stdout: str = "exact"
    timeout: float = DEFAULT_TIMEOUT
    min_python: tuple[int, int] = (3, 10)
    requires: tuple[str, ...] = ()
    timing_sensitive: bool = False

    @property
    def runs_alone(self) -> bool:
        """Whether its runs must not share the machine with another run."""
        return self.timing_sensitive or self.stdout == "varies"

    @classmethod
    def from_table(cls, table: dict[str, object], where: str) -> Expectation:
        """Build from one table of a ``snippets.toml`` file; reject unknown keys."""
        known = {
            "exit-code",
            "stderr",
            "stdout",
            "timeout",
            "min-python",
            "requires",
            "timing-sensitive",
        }
        unknown = set(table) - known
        if unknown:
            raise SnippetError(f"{where}: unknown keys {sorted(unknown)}")
        stderr = table.get("stderr", [])
        stdout = str(table.get("stdout", "exact"))
        if stdout not in _STDOUT_KINDS:
            hint = " (outputs per version need no declaration)" * (
                stdout == "per-version"
            )
            raise SnippetError(f"{where}: stdout must be one of {_STDOUT_KINDS}{hint}")
        major, minor = str(table.get("min-python", "3.10")).split(".")
        return cls(
            exit_code=int(table.get("exit-code", 0)),  # type: ignore[call-overload]
            stderr=(stderr,) if isinstance(stderr, str) else tuple(stderr),  # type: ignore[arg-type]
            stdout=stdout,
            timeout=float(table.get("timeout", DEFAULT_TIMEOUT)),  # type: ignore[arg-type]
            min_python=(int(major), int(minor)),
            requires=tuple(table.get("requires", ())),  # type: ignore[arg-type]
            timing_sensitive=bool(table.get("timing-sensitive", False)),
        )


@dataclass(frozen=True)
class Snippet:
    """One example script."""

    path: Path
    """Absolute path of the ``.py`` file."""
    expectation: Expectation = field(default_factory=Expectation)

    @property
    def name(self) -> str:
        """Path relative to ``snippets/``, e.g. ``threads/creating_threads/x.py``."""
        return self.path.relative_to(SNIPPETS_DIR).as_posix()

    @property
    def repo_path(self) -> str:
        """Path relative to the repository root, as a reader types it."""
        return self.path.relative_to(ROOT).as_posix()

    @property
    def expected_stdout_path(self) -> Path:
        """Where the build interpreter's expected stdout lives (``<name>.stdout``)."""
        return self.path.with_suffix(".stdout")

    def version_stdout_path(self, version: str) -> Path:
        """Where ``version``'s expected stdout lives if it differs (``<name>.3.12.stdout``)."""
        return self.path.with_name(f"{self.path.stem}.{version}.stdout")

    @property
    def source(self) -> str:
        """The file's text."""
        return self.path.read_text(encoding="utf-8")

    @property
    def uses_multiprocessing(self) -> bool:
        """Whether the snippet starts processes (and so must pass every start method)."""
        return bool(_USES_MULTIPROCESSING.search(self.source))


@dataclass(frozen=True)
class Run:
    """The result of running a snippet once."""

    snippet: Snippet
    python: str
    start_method: str | None
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool
    survivors: tuple[str, ...] = ()
    """Command lines of its processes still alive after it ended (then killed)."""
    listening: tuple[tuple[str, int], ...] = ()
    """(address, port) of every TCP socket its processes were seen listening on."""
    rerun_because: str = ""
    """Why this run was made again, alone: how the one before it failed its
    timing check (see `site_tools.matrix.run_again`); empty for a first run."""

    def __post_init__(self) -> None:
        # Read back from a stored result (JSON), these are lists.
        object.__setattr__(self, "survivors", tuple(self.survivors))
        object.__setattr__(self, "listening", tuple(map(tuple, self.listening)))

    def problems(self) -> list[str]:
        """What differs from the snippet's declaration (empty when all is well)."""
        exp = self.snippet.expectation
        found = []
        if self.timed_out:
            found.append(f"timed out after {exp.timeout:g} s (killed)")
        elif self.returncode != exp.exit_code:
            found.append(f"exit code {self.returncode}, expected {exp.exit_code}")
        if not exp.stderr and self.stderr:
            found.append("wrote to stderr, which is not declared")
        for text in exp.stderr:
            if text not in self.stderr:
                found.append(f"stderr does not contain the declared {text!r}")
        if self.survivors:
            found.append(
                "left processes running after it ended (killed): "
                + "; ".join(self.survivors)
            )
        public = sorted({f"{a} port {p}" for a, p in self.listening if a != LOOPBACK})
        if public:
            found.append(f"listened beyond {LOOPBACK}: {', '.join(public)}")
        return found

    def check(self) -> None:
        """Raise `SnippetError`, naming the file and showing stderr, on any problem."""
        found = self.problems()
        if found:
            method = f", start method {self.start_method}" if self.start_method else ""
            python = self.python if os.sep in self.python else f"CPython {self.python}"
            raise SnippetError(
                f"{self.snippet.repo_path} ({python}{method}): "
                + "; ".join(found)
                + f"\n--- stdout ---\n{self.stdout}--- stderr ---\n{self.stderr}"
            )


@cache
def _manifest(folder: Path) -> dict[str, Expectation]:
    path = folder / MANIFEST_NAME
    if not path.exists():
        return {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rel = path.relative_to(ROOT).as_posix()
    for stem in data:
        if not (folder / f"{stem}.py").exists():
            raise SnippetError(f"{rel}: [{stem}] names no snippet in this folder")
    return {
        stem: Expectation.from_table(table, f"{rel} [{stem}]")
        for stem, table in data.items()
    }


def load_snippet(path: Path) -> Snippet:
    """Read one snippet and its declaration."""
    path = path.resolve()
    return Snippet(path, _manifest(path.parent).get(path.stem, Expectation()))


def get_snippet(name: str) -> Snippet:
    """Look a snippet up by its path, with or without the leading ``snippets/``."""
    name = name.removeprefix("snippets/")
    path = SNIPPETS_DIR / name
    if not path.is_file():
        raise SnippetError(f"snippets/{name}: no such snippet")
    return load_snippet(path)


def all_snippets() -> list[Snippet]:
    """Every snippet, sorted by path."""
    return [load_snippet(p) for p in sorted(SNIPPETS_DIR.rglob("*.py"))]


def find_python(version: str) -> str | None:
    """The interpreter that runs ``version`` (the build's own for `BUILD_VERSION`)."""
    return sys.executable if version == BUILD_VERSION else interpreters.find(version)


@cache
def missing_modules(python: str, modules: tuple[str, ...]) -> tuple[str, ...]:
    """Which of ``modules`` the interpreter ``python`` cannot import (found by name)."""
    if not modules:
        return ()
    probe = (
        "import importlib.util, sys\n"
        "print(' '.join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))"
    )

    def ask() -> list[str]:
        return subprocess.run(
            [python, "-c", probe, *modules],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
            env=snippet_env(),
        ).stdout.split()

    question = f"missing modules {' '.join(modules)}"
    return tuple(interpreters.remembered(python, question, ask, packages=True))


def snippet_env(start_method: str | None = None) -> dict[str, str]:
    """Environment for a snippet run; optionally force a start method.

    Forcing works through a ``sitecustomize`` module that calls
    ``multiprocessing.set_start_method`` before the snippet starts, so the snippet
    itself is not edited. It also applies to the snippet's child processes.
    """
    env = dict(os.environ)
    env.update(
        PYTHONUNBUFFERED="1", PYTHONDONTWRITEBYTECODE="1", PYTHONIOENCODING="utf-8"
    )
    for var in (
        "PYTHONPATH",
        "PYTHONSTARTUP",
        "PYTHONWARNINGS",
        "SITE_TOOLS_START_METHOD",
    ):
        env.pop(var, None)
    if start_method:
        if start_method not in START_METHODS:
            raise ValueError(f"unknown start method {start_method!r}")
        env["PYTHONPATH"] = str(_FORCE_START_METHOD_DIR)
        env["SITE_TOOLS_START_METHOD"] = start_method
    return env


def run_snippet(
    snippet: Snippet,
    python: str | None = None,
    start_method: str | None = None,
    timeout: float | None = None,
) -> Run:
    """Run a snippet as a script in a fresh interpreter and capture what it does.

    Everything it starts is watched (`site_tools.process_watch`): at the timeout
    all of it is killed, so a hanging worker cannot keep the run alive; processes
    left running after it ended, and servers listening beyond 127.0.0.1, are
    recorded and make the run fail.
    """
    python = python or sys.executable
    timeout = timeout if timeout is not None else snippet.expectation.timeout
    watched = run_watched(
        [python, snippet.repo_path],
        cwd=ROOT,
        env=snippet_env(start_method),
        timeout=timeout,
    )
    return Run(
        snippet=snippet,
        python=python,
        start_method=start_method,
        returncode=watched.returncode,
        stdout=watched.stdout,
        stderr=watched.stderr,
        seconds=watched.seconds,
        timed_out=watched.timed_out,
        survivors=tuple(sorted(watched.survivors.values())),
        listening=tuple(sorted(watched.listening)),
    )
