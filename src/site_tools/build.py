"""Build the site strictly, the one way the tests, the screenshots and CI do it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from site_tools.snippets import ROOT


def build_site(
    target: Path, project: Path = ROOT, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    """Run ``properdocs build --strict`` for ``project`` into ``target``.

    Returns the finished process (its output holds the builder's log); the caller
    decides what a failure means. ``SITE_TOOLS_ROOT`` is set to ``project`` so that
    the snippet helpers of a small test project look at its own snippets.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_TOOLS_ROOT": str(project)}
    command = [sys.executable, "-m", "properdocs", "build", "--strict"]
    return subprocess.run(
        [*command, "-f", "mkdocs.yml", "-d", str(target)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
