"""Checks for snippets whose stdout varies between runs or between Python versions.

Required for ``stdout = "varies"`` (timings, counts of lost updates …); optional for
``stdout = "per-version"``, to check on every interpreter what the exact comparison
on the build interpreter cannot.

Each module in this package registers functions with `invariant`. A function
receives the snippet's stdout and asserts what must hold on any machine, with
honest margins: "two threads sleeping 0.2 s each take < 0.35 s", never an exact
number. The same functions check the test run on every interpreter and the
output shown on the built page. A timing-sensitive run that fails one of them is
made once more, alone, by ``test_snippets.py``; a second failure fails the test.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import defaultdict
from collections.abc import Callable

Check = Callable[[str], None]
INVARIANTS: dict[str, list[Check]] = defaultdict(list)
RERUN_PROPERTY = "run again after a failed check"
"""The test property that names such a run (listed at the end of the test run)."""


def invariant(snippet: str) -> Callable[[Check], Check]:
    """Register a check for ``snippets/<snippet>`` (the prefix is optional)."""

    def register(check: Check) -> Check:
        INVARIANTS[snippet.removeprefix("snippets/")].append(check)
        return check

    return register


def number(stdout: str, label: str) -> float:
    """The number printed after ``label`` on a line, e.g. ``number(out, "sequential:")``."""
    match = re.search(re.escape(label) + r"\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)", stdout)
    assert match, f"no number after {label!r} in output:\n{stdout}"
    return float(match.group(1))


def load_all() -> dict[str, list[Check]]:
    """Import every module of this package and return the registry."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return INVARIANTS
