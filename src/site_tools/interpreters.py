"""Provide and find the CPython interpreters the examples are proven on.

Standard library only, so it runs before the project's virtual environment exists::

    python3 src/site_tools/interpreters.py install   # get what is missing (idempotent)
    python3 src/site_tools/interpreters.py list      # what each version resolves to

``install`` leaves the system Python and system libraries alone. For each version
of `MATRIX` it tries, in order:

1. ``uv python install X.Y`` (python-build-standalone builds; needs the internet);
2. where that fails and Debian's package registry is reachable, the ``python3.X``
   packages of Debian's ``sid`` suite, fetched with ``apt-get download`` under a
   private apt configuration (nothing written to ``/etc`` or ``/var``), unpacked
   with ``dpkg -x`` into `CACHE` together with the C libraries they were built
   against (``libc6`` included), and made runnable with ``patchelf``: the binary
   gets the private dynamic loader and an RPATH to the private libraries.

Interpreters are cached in `CACHE` (outside the repository), so this happens once
per machine. `find` returns the newest patch release of a version among the
interpreters installed by either route, pyenv's, and those on ``PATH``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

MATRIX = ("3.10", "3.11", "3.12", "3.13", "3.14", "3.15")
"""The CPython versions every example runs on."""
FREE_THREADED = ("3.14t", "3.15t")
"""Free-threaded builds, added to the matrix wherever they are installed."""
CACHE = Path(
    os.environ.get("SITE_TOOLS_PYTHONS")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    / "threads-and-processes"
    / "cpython"
)
"""Where `install` puts interpreters (``SITE_TOOLS_PYTHONS`` overrides it)."""
DEBIAN_ROOT = CACHE / "debian-sid"
"""The unpacked Debian packages: ``usr/bin/python3.X`` and its libraries."""
_SID = "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian sid main\n"
_PYTHON_PACKAGES = (
    "python3.{v}-minimal",
    "libpython3.{v}-minimal",
    "libpython3.{v}-stdlib",
)
_LIBRARY = re.compile(r"^(lib[\w.+-]+|zlib1g)$")


T = TypeVar("T")
PROBES = Path(__file__).resolve().parents[2] / ".cache" / "probes.json"
"""What `remembered` keeps (git-ignored; a fresh clone starts without it)."""


def _fingerprint(python: str, packages: bool) -> list:
    """What changes when the interpreter (or, with ``packages``, its packages) does."""
    real = Path(python).resolve()
    files = [real]
    if packages:
        prefix = Path(python).absolute().parent.parent
        files += sorted(prefix.glob("lib/python3*/site-packages"))
        files += sorted(prefix.glob("lib/python3/dist-packages"))
    marks = []
    for path in files:
        st = path.stat()
        marks.append([str(path), st.st_ino, st.st_size, st.st_mtime_ns])
    return [python, os.uname().nodename, os.cpu_count(), marks]


def remembered(
    python: str, question: str, answer: Callable[[], T], packages: bool = False
) -> T:
    """``answer()``, a fact about ``python`` that costs a process start, kept on disk.

    Stored in `PROBES` under the interpreter's path and binary (inode, size, mtime),
    the machine and ``question``; with ``packages``, also its site-packages folders,
    which change when a package is installed or removed. A build in a fresh process
    then starts no interpreter only to ask it what it is.
    """
    try:
        key = json.dumps([_fingerprint(python, packages), question])
    except OSError:
        return answer()
    try:
        stored = json.loads(PROBES.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stored = {}
    if key in stored and os.environ.get("SITE_TOOLS_RERUN") != "1":
        return stored[key]
    value = answer()
    stored[key] = value
    PROBES.parent.mkdir(parents=True, exist_ok=True)
    tmp = PROBES.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(json.dumps(stored), encoding="utf-8")
    tmp.replace(PROBES)  # a concurrent writer may win: its entries are re-asked
    return value


@cache
def _identity(python: str) -> dict | None:
    """Version and free-threading flag of an interpreter, or None if it does not run."""
    data = remembered(python, "identity", lambda: _ask_identity(python))
    if data is None:
        return None
    return {**data, "version": tuple(data["version"])}


def _ask_identity(python: str) -> dict | None:
    code = (
        "import json, sys, sysconfig; print(json.dumps({'version': sys.version_info[:3],"
        " 'free_threaded': bool(sysconfig.get_config_var('Py_GIL_DISABLED'))}))"
    )
    try:
        out = subprocess.run(
            [python, "-I", "-c", code], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    return json.loads(out.stdout)


def _candidates(version: str) -> list[Path]:
    """Every interpreter file that may be CPython ``version`` (``3.14`` or ``3.14t``)."""
    base = version.removesuffix("t")
    name = f"python{version}"
    home = Path.home()
    pyenv = Path(os.environ.get("PYENV_ROOT") or home / ".pyenv")
    uv_dir = Path(
        os.environ.get("UV_PYTHON_INSTALL_DIR")
        or Path(os.environ.get("XDG_DATA_HOME") or home / ".local/share") / "uv/python"
    )
    suffix = "+freethreaded" if version.endswith("t") else ""
    found = [
        DEBIAN_ROOT / "usr/bin" / name,
        *sorted(uv_dir.glob(f"cpython-{base}.*{suffix}-*/bin/{name}")),
        *sorted(pyenv.glob(f"versions/{base}.*/bin/{name}")),
    ]
    on_path = shutil.which(name)
    if on_path and "shims" not in on_path:
        found.append(Path(on_path))
    return [p for p in found if p.is_file()]


@cache
def find(version: str) -> str | None:
    """The newest installed patch release of ``version`` (e.g. ``"3.14"``, ``"3.14t"``)."""
    major, minor = (int(n) for n in version.removesuffix("t").split("."))
    free_threaded = version.endswith("t")
    best: tuple[tuple[int, int, int], str] | None = None
    for path in _candidates(version):
        ident = _identity(str(path))
        if not ident or ident["version"][:2] != (major, minor):
            continue
        if ident["free_threaded"] != free_threaded:
            continue
        if best is None or ident["version"] > best[0]:
            best = (ident["version"], str(path))
    return best[1] if best else None


def _run(*command: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, timeout=900, **kwargs
    )


def install_with_uv(versions: list[str]) -> list[str]:
    """Try ``uv python install``; return the versions it could not provide."""
    uv = shutil.which("uv") or next(
        (str(p) for p in (Path(".tools/bin/uv"),) if p.is_file()), None
    )
    if not uv:
        return versions
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "automatic"}
    missing = []
    for version in versions:
        result = _run(uv, "python", "install", version, env=env)
        if result.returncode != 0:
            print(f"uv python install {version}: failed ({_last_line(result)})")
            missing.append(version)
    return missing


def _last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = (result.stderr or result.stdout).strip().splitlines()
    return lines[-1] if lines else f"exit {result.returncode}"


def install_from_debian(versions: list[str]) -> list[str]:
    """Fetch Debian sid's ``python3.X`` into `DEBIAN_ROOT`; return what stays missing."""
    wanted = [v for v in versions if not v.endswith("t")]
    if not wanted or not shutil.which("apt-get") or not shutil.which("dpkg"):
        return versions
    if platform.machine() != "x86_64":
        return versions
    patchelf = _patchelf()
    if not patchelf:
        print("patchelf is missing (apt-get install patchelf): cannot use Debian sid")
        return versions
    apt_dir = CACHE / "apt"
    for sub in ("lists/partial", "cache/archives/partial"):
        (apt_dir / sub).mkdir(parents=True, exist_ok=True)
    (apt_dir / "sources.list").write_text(_SID, encoding="utf-8")
    options = [
        f"-oDir::Etc::sourcelist={apt_dir / 'sources.list'}",
        "-oDir::Etc::sourceparts=/nonexistent",
        f"-oDir::State::Lists={apt_dir / 'lists'}",
        f"-oDir::Cache={apt_dir / 'cache'}",
        "-oDebug::NoLocking=1",
        "-oDir::State::status=/dev/null",  # as if nothing were installed: sid only
        "-oAPT::Sandbox::User=root",
    ]
    update = _run("apt-get", *options, "update")
    if update.returncode != 0:
        print(f"apt-get update (sid): failed ({_last_line(update)})")
        return versions
    shown = _apt_show(options, *(f"python3.{_minor(v)}-minimal" for v in wanted))
    available = [
        v for v in wanted if f"Package: python3.{_minor(v)}-minimal\n" in shown
    ]
    packages = _closure(options, available)
    with tempfile.TemporaryDirectory() as tmp:
        download = _run("apt-get", *options, "download", *sorted(packages), cwd=tmp)
        if download.returncode != 0:
            print(f"apt-get download: failed ({_last_line(download)})")
            return versions
        for deb in sorted(Path(tmp).glob("*.deb")):
            _run("dpkg", "-x", deb, DEBIAN_ROOT).check_returncode()
    loader = DEBIAN_ROOT / "usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"
    rpath = ":".join(
        str(DEBIAN_ROOT / d)
        for d in ("usr/lib/x86_64-linux-gnu", "lib/x86_64-linux-gnu")
    )
    for version in available:
        binary = DEBIAN_ROOT / "usr/bin" / f"python{version}"
        _run(
            patchelf,
            "--set-interpreter",
            loader,
            "--force-rpath",
            "--set-rpath",
            rpath,
            binary,
        ).check_returncode()
        # Debian byte-compiles the standard library when the package is installed
        # (py3compile); unpacked by hand it has no .pyc files, and every start of an
        # interpreter that may not write them (as in the runner) pays for it
        # (`import asyncio`: 1.08 s without, 0.09 s with).
        stdlib = DEBIAN_ROOT / "usr/lib" / f"python{version}"
        _run(binary, "-m", "compileall", "-q", "-j0", stdlib).check_returncode()
        link = CACHE / version / "bin" / f"python{version}"  # a stable, short path
        link.parent.mkdir(parents=True, exist_ok=True)
        link.unlink(missing_ok=True)
        link.symlink_to(binary)
        _identity.cache_clear()
        print(
            f"CPython {version}: {binary} ({_describe(str(binary))}, from Debian sid)"
        )
    return [v for v in versions if v not in available]


def _minor(version: str) -> str:
    return version.split(".")[1]


def _patchelf() -> str | None:
    found = shutil.which("patchelf")
    if not found and os.geteuid() == 0:
        _run("apt-get", "install", "-y", "-qq", "patchelf")
        found = shutil.which("patchelf")
    return found


def _apt_show(options: list[str], *packages: str) -> str:
    """``apt-cache show`` of the packages that exist (one call: each costs ~1 s)."""
    result = _run("apt-cache", *options, "show", "--no-all-versions", *packages)
    return result.stdout


def _closure(options: list[str], versions: list[str]) -> set[str]:
    """The Python packages of ``versions`` and, recursively, the C libraries they need."""
    level = {p.format(v=_minor(v)) for v in versions for p in _PYTHON_PACKAGES}
    seen: set[str] = set()
    while level:
        seen |= level
        found = set()
        for line in _apt_show(options, *sorted(level)).splitlines():
            if line.startswith(("Depends:", "Pre-Depends:")):
                for alternative in line.split(":", 1)[1].split(","):
                    name = alternative.split("|")[0].split("(")[0].strip()
                    found.add(name.split(":")[0])
        level = {n for n in found if _LIBRARY.match(n)} - seen
    return seen


def _describe(python: str) -> str:
    ident = _identity(python)
    if not ident:
        return "does not run"
    version = ".".join(map(str, ident["version"]))
    return f"CPython {version}" + (" free-threaded" if ident["free_threaded"] else "")


def install(versions: list[str], again: bool = False) -> int:
    """Provide every version in ``versions`` that `find` does not already give.

    A version that neither route could provide is not tried again on this machine
    (the older pyenv or ``PATH`` interpreter serves) unless ``again`` is true.
    """
    tried_file = CACHE / "tried.json"
    tried = (
        set()
        if again or not tried_file.exists()
        else set(json.loads(tried_file.read_text()))
    )
    missing = [v for v in versions if not _is_newest(v) and v not in tried]
    if missing:
        missing = install_with_uv(missing)
    if missing:
        missing = install_from_debian(missing)
    if missing:
        CACHE.mkdir(parents=True, exist_ok=True)
        tried_file.write_text(json.dumps(sorted(tried | set(missing))))
    find.cache_clear()
    for version in versions:
        path = find(version)
        print(
            f"{version}: {path} ({_describe(path)})"
            if path
            else f"{version}: not available"
        )
    return 0 if all(find(v) for v in versions if not v.endswith("t")) else 1


def _is_newest(version: str) -> bool:
    """Installed already, from uv or Debian (which give the newest they have)."""
    path = find(version)
    return bool(path) and (path.startswith(str(DEBIAN_ROOT)) or "/uv/python/" in path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["install", "list", "find"])
    parser.add_argument("versions", nargs="*", help="default: the whole matrix")
    parser.add_argument(
        "--again", action="store_true", help="retry versions that failed before"
    )
    args = parser.parse_args(argv)
    versions = args.versions or list(MATRIX)
    if args.command == "install":
        return install(versions, again=args.again)
    if args.command == "find":
        path = find(versions[0])
        print(path or "")
        return 0 if path else 1
    for version in [*versions, *([] if args.versions else FREE_THREADED)]:
        path = find(version)
        print(
            f"{version}\t{path or '-'}\t{_describe(path) if path else 'not installed'}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
