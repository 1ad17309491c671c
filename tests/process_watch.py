"""Watch a command and everything it starts: which TCP ports they listen on, and
which of them are still alive once the command has exited (Linux ``/proc`` only).

Every process the command starts inherits a marker environment variable (unless it
clears its environment), so descendants are found even after they have left the
command's process group or session. A process's listening sockets are found by
matching the socket inodes of its open files against ``/proc/net/tcp`` and
``/proc/net/tcp6``.
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


@dataclass
class Watched:
    """What a watched command did."""

    returncode: int | None
    stdout: str
    stderr: str
    listening: set[tuple[str, int]] = field(default_factory=set)
    """Every (address, port) seen listening while the command ran."""
    survivors: dict[int, str] = field(default_factory=dict)
    """Processes of the run still alive after it ended: pid → command line."""
    surviving_listeners: set[tuple[str, int]] = field(default_factory=set)
    """Listening sockets still held by the survivors."""


def processes_with_marker(marker: str) -> dict[int, str]:
    """Live processes whose environment carries ``MARKER=marker``: pid → command line."""
    needle = f"{MARKER}={marker}".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            if (entry / "stat").read_text().split(") ")[-1].startswith("Z"):
                continue  # a zombie holds nothing; its parent has not reaped it yet
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
        found[int(entry.name)] = cmdline.strip()
    return found


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
    table = listening_sockets()
    return {table[inode] for inode in sockets_of(pids) if inode in table}


def run_watched(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    timeout: float,
    settle: float = 2.0,
) -> Watched:
    """Run ``command``; sample its processes' listeners; report what outlived it.

    After the command exits, processes of the run get ``settle`` seconds to finish
    exiting before they count as survivors. Survivors are then killed, so that a
    failing check leaves nothing behind either.
    """
    marker = uuid.uuid4().hex
    listening: set[tuple[str, int]] = set()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            env={**env, MARKER: marker},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while proc.poll() is None:
            if time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                break
            listening |= listeners_of(list(processes_with_marker(marker)))
            time.sleep(0.05)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    ends = time.monotonic() + settle
    survivors = processes_with_marker(marker)
    while survivors and time.monotonic() < ends:
        time.sleep(0.1)
        survivors = processes_with_marker(marker)
    surviving_listeners = listeners_of(list(survivors))
    for pid in survivors:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return Watched(
        returncode=proc.returncode,
        stdout=stdout,
        stderr=stderr,
        listening=listening,
        survivors=survivors,
        surviving_listeners=surviving_listeners,
    )
