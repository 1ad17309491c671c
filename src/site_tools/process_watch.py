"""Run a command and watch everything it starts (Linux ``/proc``; elsewhere it just runs).

Every process the command starts inherits a marker environment variable (unless it
clears its environment), so its descendants are found even after they have left
the command's process group or session. While the command runs, the TCP ports its
processes listen on are sampled (socket inodes of their open files, matched
against ``/proc/net/tcp`` and ``tcp6``). Once it has exited, any process of it still
alive after a short grace period is a *survivor*: it is reported, then killed, so
that nothing a run starts outlives it. `site_tools.snippets.run_snippet` runs every
example this way.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

MARKER = "SITE_TOOLS_WATCH_ID"
_LISTEN = "0A"  # TCP state LISTEN in /proc/net/tcp
_CAN_WATCH = Path("/proc/self/environ").exists() and Path("/proc/net/tcp").exists()
_POLL = 0.2
"""Seconds between two looks at the running command's processes."""
_TABLE_EVERY = 1.0
"""Seconds between two reads of the socket table while no socket is new (each read
costs about 8 ms of kernel time, so it is not made at every poll)."""


@dataclass
class Watched:
    """What a watched command did."""

    returncode: int | None
    """None when it was killed at its timeout."""
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool
    listening: set[tuple[str, int]] = field(default_factory=set)
    """Every (address, port) seen listening while the command ran."""
    survivors: dict[int, str] = field(default_factory=dict)
    """Processes of the run still alive after it ended: pid → command line."""
    surviving_listeners: set[tuple[str, int]] = field(default_factory=set)
    """Listening sockets still held by the survivors."""


def processes_with_marker(marker: str, pids: set[int] | None = None) -> dict[int, str]:
    """Live processes whose environment carries ``MARKER=marker``: pid → command line.

    ``pids`` limits the search to those (default: every process of the machine).
    """
    if not _CAN_WATCH:
        return {}
    needle = f"{MARKER}={marker}".encode()
    found = {}
    for pid in _all_pids() if pids is None else pids:
        entry = Path(f"/proc/{pid}")
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            if (entry / "stat").read_text().split(") ")[-1].startswith("Z"):
                continue  # a zombie holds nothing; its parent has not reaped it yet
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        found[pid] = cmdline.strip()
    return found


def _all_pids() -> set[int]:
    return {int(name) for name in os.listdir("/proc") if name.isdigit()}


def _address(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    if len(raw) == 4:
        return ".".join(str(b) for b in raw[::-1])
    words = [raw[i : i + 4][::-1] for i in range(0, 16, 4)]
    joined = b"".join(words)
    if joined[:12] == b"\0" * 10 + b"\xff\xff":
        return ".".join(str(b) for b in joined[12:]) + " (IPv4-mapped)"
    return ":".join(joined[i : i + 2].hex() for i in range(0, 16, 2))


def listening_sockets() -> dict[int, tuple[str, int]]:
    """Every listening TCP socket of the machine: inode → (address, port)."""
    found = {}
    for name in ("tcp", "tcp6"):
        with contextlib.suppress(FileNotFoundError):
            for line in Path("/proc/net", name).read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] != _LISTEN:
                    continue
                hex_address, hex_port = fields[1].split(":")
                found[int(fields[9])] = (_address(hex_address), int(hex_port, 16))
    return found


def sockets_of(pids: list[int]) -> set[int]:
    """Socket inodes held open by ``pids``."""
    inodes = set()
    for pid in pids:
        with contextlib.suppress(
            FileNotFoundError, ProcessLookupError, PermissionError
        ):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(FileNotFoundError, OSError):
                    target = os.readlink(fd)
                    if target.startswith("socket:["):
                        inodes.add(int(target[8:-1]))
    return inodes


def listeners_of(pids: list[int]) -> set[tuple[str, int]]:
    """(address, port) of every TCP socket that ``pids`` listen on."""
    inodes = sockets_of(pids)
    if not inodes:
        return set()
    table = listening_sockets()
    return {table[inode] for inode in inodes if inode in table}


class _Sampler:
    """Collects the listening sockets of a marked run, at little cost per look.

    Only processes new since the last look have their environment read, and the
    socket table is read when a process of the run holds a socket not seen before
    (or every `_TABLE_EVERY` seconds while it holds any).
    """

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.listening: set[tuple[str, int]] = set()
        self._pids: set[int] = set()
        self._marked: set[int] = set()
        self._known: set[int] = set()
        self._last_read = 0.0

    def sample(self) -> None:
        if not _CAN_WATCH:
            return
        pids = _all_pids()
        new = processes_with_marker(self.marker, pids - self._pids)
        self._marked = (self._marked & pids) | set(new)
        self._pids = pids
        inodes = sockets_of(list(self._marked))
        now = time.monotonic()
        if inodes and (inodes - self._known or now - self._last_read > _TABLE_EVERY):
            table = listening_sockets()
            self.listening |= {table[i] for i in inodes if i in table}
            self._known, self._last_read = inodes, now


def _kill(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def run_watched(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    timeout: float,
    settle: float = 2.0,
) -> Watched:
    """Run ``command`` (stdin empty) in a new session; watch it; report what outlived it.

    At the timeout, the command's process group and every marked process are
    killed. After it exits, processes of the run get ``settle`` seconds to finish
    exiting before they count as survivors; survivors are then killed. Output goes
    through files, not pipes, so a leaked process holding them open cannot stall
    the run.
    """
    marker = uuid.uuid4().hex
    sampler = _Sampler(marker)
    start = time.perf_counter()
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as out,
        tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as err,
    ):
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            env={**env, MARKER: marker},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        timed_out = False
        while True:
            sampler.sample()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=_POLL)  # returns as soon as the command exits
                break
            if time.monotonic() > deadline:
                timed_out = True
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                _kill(list(processes_with_marker(marker)))
                proc.wait()
                break
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    ends = time.monotonic() + settle
    survivors = processes_with_marker(marker)
    if survivors:  # often a pool's helper process, exiting a moment after the program
        while survivors and time.monotonic() < ends:
            time.sleep(0.01)
            survivors = processes_with_marker(marker, set(survivors))
        survivors = processes_with_marker(marker)  # and any they started meanwhile
    surviving_listeners = listeners_of(list(survivors))
    _kill(list(survivors))
    return Watched(
        returncode=None if timed_out else proc.returncode,
        stdout=stdout,
        stderr=stderr,
        seconds=seconds,
        timed_out=timed_out,
        listening=sampler.listening | surviving_listeners,
        survivors=survivors,
        surviving_listeners=surviving_listeners,
    )
