"""Which extension modules load in a sub-interpreter? Try each in a fresh one.

An extension module written in C must say that it supports several interpreters
(and a GIL per interpreter); modules that keep process-wide C state, or use the
old single-phase initialization, are refused with ImportError. Every module below
imports fine in the main interpreter.
"""

import importlib
from concurrent import interpreters

MODULES = [
    "readline",  # wraps GNU readline / libedit, whose state is process-wide
    "curses",  # imports _curses, which wraps the process-wide terminal state
    "faulthandler",  # installs process-wide signal handlers
    "decimal",
    "sqlite3",
    "ctypes",
    "xml.parsers.expat",
    "zlib",
]


def try_import(name):
    """Import `name` in a new interpreter; return what happened, in a few words."""
    try:
        importlib.import_module(name)  # here, in the main interpreter
    except ImportError:
        return "not available on this system"
    interp = interpreters.create()
    try:
        interp.exec(f"import {name}")
        return "loaded"
    except interpreters.ExecutionFailed as failed:
        return f"{failed.excinfo.type.__name__}: {failed.excinfo.msg}"
    finally:
        interp.close()


if __name__ == "__main__":
    for name in MODULES:
        print(f"{name:18} {try_import(name)}")
