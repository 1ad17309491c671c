"""How much memory does one more idle worker take? Threads, interpreters, processes.

Linux only: it reads /proc. Threads and interpreters live inside this process,
so their cost is what they add to its resident set size (RSS). A process has its
own RSS, which counts pages shared with other processes in full, and its
proportional set size (PSS), which splits each shared page between the
processes that share it. Every figure is per worker, averaged over WORKERS idle
workers that exist at the same time.
"""

import multiprocessing
import sys
import threading
from pathlib import Path

WORKERS = 4


def kib(pid, field, file="status"):
    """A memory figure of a process, in KiB, from /proc/<pid>/<file>."""
    for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def own_rss():
    return kib("self", "VmRSS")


def per_thread():
    before, stop = own_rss(), threading.Event()
    threads = [threading.Thread(target=stop.wait) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    added = own_rss() - before
    stop.set()
    for t in threads:
        t.join()
    return added / WORKERS


def per_interpreter():
    from concurrent import interpreters

    before = own_rss()
    interps = [interpreters.create() for _ in range(WORKERS)]
    for interp in interps:
        interp.exec("pass")
    added = own_rss() - before
    for interp in interps:
        interp.close()
    return added / WORKERS


def wait_for_parent(conn):
    conn.send("ready")
    conn.recv()  # returns when the parent says so


def per_process(method):
    """Average RSS and PSS of WORKERS idle children started with `method`."""
    ctx = multiprocessing.get_context(method)
    children, conns = [], []
    for _ in range(WORKERS):
        here, there = ctx.Pipe()
        child = ctx.Process(target=wait_for_parent, args=(there,))
        child.start()
        children.append(child)
        conns.append(here)
    for conn in conns:
        conn.recv()  # every child has started and is idle
    rss = sum(kib(c.pid, "VmRSS") for c in children) / WORKERS
    pss = sum(kib(c.pid, "Pss", "smaps_rollup") for c in children) / WORKERS
    for conn, child in zip(conns, children, strict=True):
        conn.send("done")
        child.join(10)
    return rss, pss


def mib(kib_value):
    return f"{kib_value / 1024:6.2f} MiB"


if __name__ == "__main__":
    if not Path("/proc/self/smaps_rollup").exists():
        print("This measurement reads Linux's /proc; it cannot run here.")
        sys.exit()
    print(f"this process before any worker: RSS {mib(own_rss())}")
    print(f"{WORKERS} idle workers of each kind, figures per worker:")
    print(f"thread               adds {mib(per_thread())} to this process")
    if sys.version_info >= (3, 14):
        print(f"interpreter          adds {mib(per_interpreter())} to this process")
    else:
        print("interpreter          (concurrent.interpreters is new in 3.14)")
    for method in ("fork", "forkserver", "spawn"):
        rss, pss = per_process(method)
        print(f"process, {method:11} RSS {mib(rss)}, PSS {mib(pss)}")
