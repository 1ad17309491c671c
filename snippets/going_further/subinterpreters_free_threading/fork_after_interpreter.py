"""Start a process while a sub-interpreter exists: with fork, the child crashes.

An open CPython bug (gh-139759, 3.14 and 3.15): a child forked while its parent
has a sub-interpreter is killed by SIGSEGV before it runs any of its code. Spawn
and forkserver start a fresh executable and are not affected; neither is fork
once every interpreter is closed.
"""

import multiprocessing
import signal
from concurrent import interpreters


def child():
    pass


def start_child(method):
    """Start and join a child with `method`; describe how it ended."""
    worker = multiprocessing.get_context(method).Process(target=child)
    worker.start()
    worker.join(30)
    if worker.exitcode < 0:  # -N: killed by signal N
        return f"killed by {signal.Signals(-worker.exitcode).name}"
    return f"exit code {worker.exitcode}"


if __name__ == "__main__":
    print(f"{'no interpreter, fork:':33} {start_child('fork')}")
    interp = interpreters.create()
    for method in ("fork", "forkserver", "spawn"):
        print(f"{f'interpreter alive, {method}:':33} {start_child(method)}")
    interp.close()
    print(f"{'interpreter closed, fork:':33} {start_child('fork')}")
