"""Build the site strictly, the one way the tests, the screenshots and CI do it."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import TextIO

from site_tools.snippets import ROOT


def build_site(
    target: Path,
    project: Path = ROOT,
    timeout: float = 900,
    stream: TextIO | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``properdocs build --strict`` for ``project`` into ``target``.

    Returns the finished process (its output holds the builder's log); the caller
    decides what a failure means. ``SITE_TOOLS_ROOT`` is set to ``project`` so that
    the snippet helpers of a small test project look at its own snippets. With
    ``stream``, the log is also copied there as it comes (progress of the runs).
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_TOOLS_ROOT": str(project)}
    command = [sys.executable, "-m", "properdocs", "build", "--strict"]
    args = [*command, "-f", "mkdocs.yml", "-d", str(target)]
    if stream is None:
        return subprocess.run(
            args, cwd=project, env=env, capture_output=True, text=True, timeout=timeout
        )
    with subprocess.Popen(
        args,
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        out: list[str] = []
        reader = threading.Thread(target=lambda: out.append(proc.stdout.read()))  # type: ignore[union-attr]
        reader.start()
        log = []
        for line in proc.stderr:  # type: ignore[union-attr]
            log.append(line)
            stream.write(line)
            stream.flush()
        reader.join()
        timer.cancel()
    return subprocess.CompletedProcess(
        args, proc.returncode, "".join(out), "".join(log)
    )
