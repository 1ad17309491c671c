"""The machine's parallel ceiling: the best speedup any process pool could reach now.

The same CPU-bound work runs in N plain `multiprocessing.Process` workers, first all
at once, then one after another. The workers are started once, before any clock
starts, and wait for orders on a pipe; an order is a task count, the answer a single
byte. The tasks are handed out by a shared counter, so a worker that the machine
slows down simply takes fewer of them, as in a pool, but nothing else travels
between the processes. The ratio

    ceiling = time one after another / time at once

is what N cores give to N independent processes at that moment, on that machine: N
on an idle machine with N free cores, less when other programs compete for them. A
pool cannot beat it by more than noise; a good pool comes close.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
from multiprocessing.connection import Connection
from multiprocessing.sharedctypes import Synchronized
from types import TracebackType

from concurrency_bench.workloads import count_down

__all__ = ["CeilingWorkers"]

_TIMEOUT = 120.0
"""No wait lasts for ever: a stuck worker fails the run instead of hanging it."""


def _worker(conn: Connection, counter: Synchronized, n: int) -> None:
    """Run in each ceiling process: on each order, take tasks until ``limit`` are taken."""
    while True:
        limit = conn.recv()
        if limit is None:
            break
        while True:
            with counter.get_lock():
                taken = counter.value
                counter.value += 1
            if taken >= limit:
                break
            count_down(n)
        conn.send_bytes(b"1")
    conn.close()


class CeilingWorkers:
    """N plain processes that run ``count_down(n)`` tasks on demand; a context manager.

    ::

        with CeilingWorkers(2, n=300_000) as workers:
            ceiling = workers.one_after_another(12) / workers.at_once(12)
    """

    def __init__(self, processes: int, n: int) -> None:
        self.processes = processes
        """Number of worker processes (N)."""
        self.n = n
        """The ``count_down`` argument of one task."""
        self._conns: list[Connection] = []
        self._children: list[multiprocessing.process.BaseProcess] = []
        self._counter: Synchronized | None = None

    def __enter__(self) -> CeilingWorkers:
        ctx = multiprocessing.get_context()
        self._counter = ctx.Value("l", 0)
        for _ in range(self.processes):
            parent_end, child_end = ctx.Pipe()
            child = ctx.Process(
                target=_worker, args=(child_end, self._counter, self.n), daemon=True
            )
            child.start()
            child_end.close()
            self._conns.append(parent_end)
            self._children.append(child)
        self.at_once(self.processes)  # every worker has started and run one task
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.send(None)
        for child in self._children:
            child.join(10)
            if child.is_alive():
                child.kill()
                child.join()
            child.close()
        for conn in self._conns:
            conn.close()
        self._conns, self._children = [], []

    def _order(self, conns: list[Connection], tasks: int) -> float:
        assert self._counter is not None, "use CeilingWorkers in a with block"
        with self._counter.get_lock():
            self._counter.value = 0
        began = time.perf_counter()
        for conn in conns:
            conn.send(tasks)
        for conn in conns:
            if not conn.poll(_TIMEOUT):
                raise RuntimeError("a ceiling worker did not answer")
            conn.recv_bytes()
        return time.perf_counter() - began

    def at_once(self, tasks: int) -> float:
        """Seconds for all N workers to run ``tasks`` tasks between them."""
        return self._order(self._conns, tasks)

    def one_after_another(self, tasks: int) -> float:
        """Seconds for the same ``tasks``, each worker running its share alone in turn."""
        share, extra = divmod(tasks, self.processes)
        return sum(
            self._order([conn], share + (1 if i < extra else 0))
            for i, conn in enumerate(self._conns)
        )
