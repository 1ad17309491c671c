"""ruff lints and format-checks the whole repository: snippets, tests and helpers."""

from __future__ import annotations

import subprocess
import sys

import pytest

from site_tools.snippets import ROOT

RUFF = [sys.executable, "-m", "ruff"]


@pytest.mark.parametrize(
    "command", [["check", "."], ["format", "--check", "."]], ids=["check", "format"]
)
def test_ruff(command: list[str]) -> None:
    result = subprocess.run([*RUFF, *command], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, (
        f"ruff {' '.join(command)}:\n{result.stdout}{result.stderr}"
    )
