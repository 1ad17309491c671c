"""Dask examples leave nothing behind and listen on loopback only.

Each example of "Beyond one machine" (and the cluster benchmark its page runs) is
run as the build runs it, while `process_watch` samples every process it starts:
each socket they listen on must be bound to 127.0.0.1, and once the run is over
no process of it (scheduler, worker, nanny) and no listening socket may remain.
A deliberately leaking script proves that the watch sees what it must reject.
"""

from __future__ import annotations

import sys
import textwrap
import time
from pathlib import Path

import pytest
from process_watch import Watched, run_watched

from site_tools.snippets import (
    ROOT,
    Snippet,
    all_snippets,
    missing_modules,
    snippet_env,
)

CHAPTER = "going_further/beyond_one_machine/"
SNIPPETS = [s for s in all_snippets() if s.name.startswith(CHAPTER)]

pytestmark = pytest.mark.skipif(
    not Path("/proc/net/tcp").exists(), reason="needs Linux /proc"
)


def _check(watched: Watched, what: str) -> None:
    assert not watched.survivors, (
        f"{what}: processes outlived the run: {watched.survivors}"
    )
    assert not watched.surviving_listeners, (
        f"{what}: sockets still listening: {watched.surviving_listeners}"
    )
    public = {(a, p) for a, p in watched.listening if a != "127.0.0.1"}
    assert not public, f"{what}: listened beyond loopback: {sorted(public)}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[s.name for s in SNIPPETS])
def test_example_cleans_up(snippet: Snippet) -> None:
    missing = missing_modules(sys.executable, snippet.expectation.requires)
    if missing:
        pytest.skip(f"needs {', '.join(missing)}, not installed here")
    watched = run_watched(
        [sys.executable, snippet.repo_path],
        cwd=ROOT,
        env=snippet_env(),
        timeout=snippet.expectation.timeout,
    )
    assert watched.returncode == snippet.expectation.exit_code, watched.stderr
    _check(watched, snippet.repo_path)
    if "distributed" in snippet.expectation.requires:
        # A cluster was running: the watch must have seen its servers listen.
        assert watched.listening, f"{snippet.repo_path}: no listening socket seen"


def test_cluster_benchmark_cleans_up() -> None:
    if missing_modules(sys.executable, ("distributed",)):
        pytest.skip("needs distributed, not installed here")
    watched = run_watched(
        [sys.executable, "-m", "concurrency_bench.cluster", "--rounds", "1"],
        cwd=ROOT,
        env=snippet_env(),
        timeout=300,
    )
    assert watched.returncode == 0, watched.stderr
    assert not watched.stderr, watched.stderr
    _check(watched, "python -m concurrency_bench.cluster")
    assert watched.listening, "no listening socket seen"


def test_the_watch_catches_a_leak(tmp_path: Path) -> None:
    """A script that leaves a detached server on 0.0.0.0 behind fails every check."""
    leaky = tmp_path / "leaky.py"
    leaky.write_text(
        textwrap.dedent(
            """
            import subprocess, sys, time
            server = (
                "import socket, time\\n"
                "s = socket.create_server(('0.0.0.0', 0))\\n"
                "time.sleep(60)\\n"
            )
            # A new session: the leak escapes the run's process group.
            subprocess.Popen([sys.executable, "-c", server], start_new_session=True)
            time.sleep(1)  # let it listen while the run is watched
            """
        ),
        encoding="utf-8",
    )
    watched = run_watched(
        [sys.executable, str(leaky)], cwd=tmp_path, env=snippet_env(), timeout=30
    )
    assert watched.returncode == 0, watched.stderr
    assert len(watched.survivors) == 1, watched.survivors
    [pid] = watched.survivors
    assert {a for a, _ in watched.surviving_listeners} == {"0.0.0.0"}
    with pytest.raises(AssertionError, match="outlived the run"):
        _check(watched, "leaky.py")
    watched.survivors.clear()
    watched.surviving_listeners.clear()
    with pytest.raises(AssertionError, match="beyond loopback"):
        _check(watched, "leaky.py")
    # run_watched killed the survivor: nothing of this test remains either.
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid), f"the leaked process {pid} is still running"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1]
    except FileNotFoundError:
        return False
    return not state.startswith("Z")
