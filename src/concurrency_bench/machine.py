"""Describe the machine and interpreter that produced a result.

This module imports nothing outside the standard library, so that it can also
run as a script under any CPython >= 3.10 (including one without this project
installed): ``python src/concurrency_bench/machine.py`` prints the stamp as JSON.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import platform
import sys
import sysconfig
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class MachineStamp:
    """Facts that decide how a concurrency example behaves and how fast it runs."""

    implementation: str
    """Interpreter name, e.g. ``CPython``."""
    python_version: str
    """Full version, e.g. ``3.11.7``."""
    free_threaded_build: bool
    """True for a free-threaded build (``python3.13t``), False for the default build."""
    gil_enabled: bool
    """Whether the GIL is enabled at run time (always True on a default build)."""
    os_name: str
    """Operating system and architecture, e.g. ``Linux x86_64``."""
    usable_cpus: int
    """CPUs this process may run on (affinity-aware, like ``os.process_cpu_count``)."""
    start_method: str
    """The default ``multiprocessing`` start method of this interpreter."""

    def label(self, *, with_start_method: bool = True) -> str:
        """One line for a caption: ``CPython 3.11.7 · Linux x86_64 · 2 CPUs · fork``."""
        build = ""
        if self.free_threaded_build:
            build = " free-threaded" + ("" if not self.gil_enabled else " (GIL on)")
        parts = [
            f"{self.implementation} {self.python_version}{build}",
            self.os_name,
            f"{self.usable_cpus} CPU{'s' if self.usable_cpus != 1 else ''}",
        ]
        if with_start_method:
            parts.append(f"start method {self.start_method}")
        return " · ".join(parts)


def usable_cpu_count() -> int:
    """Number of CPUs the current process may use (never less than 1)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def current_stamp() -> MachineStamp:
    """Describe the running interpreter and machine."""
    gil_check = getattr(sys, "_is_gil_enabled", None)
    return MachineStamp(
        implementation=platform.python_implementation(),
        python_version=platform.python_version(),
        free_threaded_build=bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
        gil_enabled=gil_check() if gil_check else True,
        os_name=f"{platform.system()} {platform.machine()}",
        usable_cpus=usable_cpu_count(),
        start_method=multiprocessing.get_start_method(),
    )


def stamp_from_json(text: str) -> MachineStamp:
    """Rebuild a stamp printed by this module run as a script."""
    return MachineStamp(**json.loads(text))


if __name__ == "__main__":
    print(json.dumps(asdict(current_stamp())))
