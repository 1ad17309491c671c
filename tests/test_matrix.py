"""The run matrix: its cache key follows each input it claims to cover; its runs get Ctrl-C."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from site_tools import matrix, snippets
from site_tools.snippets import BUILD_VERSION, Expectation, Snippet


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A snippet that imports a helper beside it and names a data file."""
    monkeypatch.setattr(snippets, "ROOT", tmp_path)
    monkeypatch.setattr(matrix, "ROOT", tmp_path)
    folder = tmp_path / "snippets" / "part" / "chapter"
    folder.mkdir(parents=True)
    (folder / "shared_helper.py").write_text("X = 1\n", encoding="utf-8")
    (tmp_path / "data.txt").write_text("a\n", encoding="utf-8")
    (folder / "uses_helper.py").write_text(
        'import shared_helper\n\nprint(open("data.txt").read(), shared_helper.X)\n',
        encoding="utf-8",
    )
    matrix._dependencies.cache_clear()
    return folder


def _key(folder: Path, **changes: object) -> str:
    matrix._dependencies.cache_clear()
    snippet = Snippet(
        folder / "uses_helper.py", changes.pop("expectation", Expectation())
    )  # type: ignore[arg-type]
    return matrix.cell_key(matrix.Cell(snippet, BUILD_VERSION, **changes))  # type: ignore[arg-type]


def test_key_is_stable(project: Path) -> None:
    assert _key(project) == _key(project)


def test_key_follows_the_source_and_its_local_files(project: Path) -> None:
    before = _key(project)
    (project / "shared_helper.py").write_text("X = 2\n", encoding="utf-8")
    after_import = _key(project)
    (project.parents[2] / "data.txt").write_text("b\n", encoding="utf-8")
    after_data = _key(project)
    source = project / "uses_helper.py"
    source.write_text(
        source.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8"
    )
    assert len({before, after_import, after_data, _key(project)}) == 4


def test_key_follows_declaration_start_method_and_repeat(project: Path) -> None:
    keys = {
        _key(project),
        _key(project, expectation=Expectation(timeout=5)),
        _key(project, start_method="spawn"),
        _key(project, repeat=True),
    }
    assert len(keys) == 4


def test_key_follows_the_interpreter(project: Path) -> None:
    others = [v for v in matrix.versions() if v != BUILD_VERSION]
    if not others:
        pytest.skip("only one interpreter installed")
    snippet = Snippet(project / "uses_helper.py")
    keys = {matrix.cell_key(matrix.Cell(snippet, v)) for v in [BUILD_VERSION, *others]}
    assert len(keys) == 1 + len(others)


def test_snippets_get_ctrl_c_even_when_the_runner_ignores_it() -> None:
    """A runner started as a shell's background job (SIGINT ignored) still starts
    snippets in which Ctrl-C raises KeyboardInterrupt (the Ctrl-C examples need it)."""
    child = (
        "import signal; "
        "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)"
    )
    runner = (
        "import signal, subprocess, sys\n"
        "signal.signal(signal.SIGINT, signal.SIG_IGN)  # as `make test &` starts\n"
        "import site_tools.snippets\n"
        f"print(subprocess.run([sys.executable, '-c', {child!r}],"
        " capture_output=True, text=True, check=True, timeout=30).stdout.strip())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", runner],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.strip() == "True", out.stdout + out.stderr
