"""asyncio against threads on the same local server: time, memory, per-request cost.

N GET requests go to a local ``ThreadingHTTPServer`` (127.0.0.1, its own process)
that waits a fixed latency before each answer: one after another, one thread per
request, a ``ThreadPoolExecutor(max_workers=N)``, and asyncio tasks on stdlib
streams (``asyncio.open_connection``). Each client run is a fresh interpreter
(``python -m concurrency_bench.asyncio_io --client KIND N PORT``) that prints its
wall time and its peak RSS (``resource.getrusage(...).ru_maxrss``), so one run's
memory never contaminates another's. An idle client, which imports the same
modules and makes no request, gives the baseline RSS.

All N waits overlapped take about one latency: that is the limit the chart shows.
``python -m concurrency_bench.asyncio_io [--full] [--charts DIR]`` runs it on your
machine; the Asyncio page calls `asyncio_section`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "FULL",
    "QUICK",
    "AsyncioSize",
    "LocalServer",
    "asyncio_section",
    "choosing_sentence",
    "costs_sentence",
    "main",
    "measure",
    "per_request_costs",
    "report",
    "results",
    "run",
]

_MODULE = "concurrency_bench.asyncio_io"
KINDS = ("sequential", "threads", "pool", "asyncio")
"""How a client makes its N requests (plus ``idle``: no request, baseline RSS)."""
LABELS = {
    "threads": "threads (one per request)",
    "pool": "ThreadPoolExecutor(N)",
    "asyncio": "asyncio tasks (streams)",
    "sequential": "sequential",
}


@dataclass(frozen=True)
class AsyncioSize:
    """How much this benchmark does."""

    name: str
    rounds: int
    """Interleaved rounds; each case runs once per round in a fresh interpreter."""
    latency: float
    """Seconds the server waits before each answer."""
    counts: tuple[int, ...]
    """Numbers of concurrent requests N."""
    sequential_count: int
    """N for the one-after-another case (it takes N × latency, so it stays small)."""
    backlog: int
    """The servers' listen backlog (the stdlib's ``ThreadingHTTPServer`` uses 5)."""
    threading_server_count: int
    """N for an extra asyncio case against the threaded server (0: none)."""


QUICK = AsyncioSize("quick", 3, 0.05, (10, 100, 1000), 5, 1024, 0)
"""The site's build: about fifteen seconds on two busy CPUs."""
FULL = AsyncioSize("full", 7, 0.1, (10, 100, 1000, 2000), 20, 2048, 1000)
"""More rounds, a longer latency, and N up to 2000."""
SIZES = {s.name: s for s in (QUICK, FULL)}


# --- the server ---------------------------------------------------------------


def _serve_threading(conn: Any, latency: float, backlog: int) -> None:
    """Child process: a ``ThreadingHTTPServer`` (one thread per request), as in
    "When threads help", answering GET after ``latency`` seconds."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    _raise_fd_limit()

    class SlowHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(latency)
            self.send_response(200)
            self.send_header("Content-Length", "3")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(b"ok\n")

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        request_queue_size = backlog
        daemon_threads = True

    with Server(("127.0.0.1", 0), SlowHandler) as server:
        conn.send(server.server_address[1])
        conn.close()
        server.serve_forever(poll_interval=0.05)


_REPLY = b"HTTP/1.0 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n"


def _serve_asyncio(conn: Any, latency: float, backlog: int) -> None:
    """Child process: the same server written with asyncio (a task per request).

    A task per connection costs the server less CPU than a thread per
    connection, so the client is what a burst of 1000 requests measures.
    """
    import asyncio

    _raise_fd_limit()

    async def handle(reader: Any, writer: Any) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            await asyncio.sleep(latency)
            writer.write(_REPLY)
            await writer.drain()
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=backlog)
        conn.send(server.sockets[0].getsockname()[1])
        conn.close()
        await server.serve_forever()

    asyncio.run(main())


SERVERS = {"asyncio": _serve_asyncio, "threading": _serve_threading}


class LocalServer:
    """The latency server in its own process, with a chosen listen backlog."""

    def __init__(self, latency: float, backlog: int, kind: str = "asyncio") -> None:
        self.latency, self.backlog, self.kind, self.port = latency, backlog, kind, 0
        self._process: Any = None

    def __enter__(self) -> LocalServer:
        ctx = multiprocessing.get_context()
        receiver, sender = ctx.Pipe(duplex=False)
        self._process = ctx.Process(
            target=SERVERS[self.kind],
            args=(sender, self.latency, self.backlog),
            daemon=True,
        )
        self._process.start()
        sender.close()
        try:
            if not receiver.poll(30):
                raise RuntimeError("the local server did not start within 30 s")
            self.port = receiver.recv()
        finally:
            receiver.close()
        return self

    def __exit__(self, *exc: object) -> None:
        self._process.terminate()
        self._process.join(10)
        self._process.close()


# --- the clients (each run in a fresh interpreter) ----------------------------


def _raise_fd_limit() -> None:
    """Raise the soft open-files limit to the hard one (N sockets need N fds)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


class _InFlight:
    """Counts the requests between connect and answer; keeps the peak."""

    def __init__(self) -> None:
        import threading

        self.lock = threading.Lock()
        self.now = self.peak = 0

    def __enter__(self) -> None:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)

    def __exit__(self, *exc: object) -> None:
        with self.lock:
            self.now -= 1


_IN_FLIGHT = _InFlight()


def _fetch_blocking(port: int) -> int:
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        with _IN_FLIGHT:
            conn.request("GET", "/")  # connects, then sends
            response = conn.getresponse()
            response.read()
        return response.status
    finally:
        conn.close()


async def _fetch_async(port: int) -> int:
    import asyncio

    with _IN_FLIGHT:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            await writer.drain()
            reply = await reader.read()  # until the server closes the connection
        finally:
            writer.close()
            await writer.wait_closed()
    return int(reply.split(b" ", 2)[1])


def _client(kind: str, n: int, port: int) -> dict[str, float]:
    """Make ``n`` requests the ``kind`` way; return the seconds and peak RSS (KiB)."""
    import asyncio
    import resource
    import threading
    from concurrent.futures import ThreadPoolExecutor

    _raise_fd_limit()
    statuses: list[int] = []
    before = resource.getrusage(resource.RUSAGE_SELF)
    began = time.perf_counter()
    if kind == "sequential":
        statuses = [_fetch_blocking(port) for _ in range(n)]
    elif kind == "threads":
        threads = [
            threading.Thread(target=lambda: statuses.append(_fetch_blocking(port)))
            for _ in range(n)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    elif kind == "pool":
        with ThreadPoolExecutor(max_workers=n) as pool:
            statuses = list(pool.map(_fetch_blocking, [port] * n))
    elif kind == "asyncio":

        async def main() -> list[int]:
            jobs = [_fetch_async(port) for _ in range(n)]
            return await asyncio.wait_for(asyncio.gather(*jobs), 60)

        statuses = asyncio.run(main())
    elif kind != "idle":
        raise ValueError(kind)
    seconds = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if statuses != [200] * n:
        raise RuntimeError(f"{kind}: {len(statuses)} answers, not {n} × 200")
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "seconds": seconds,
        "rss_kib": float(rss_kib),
        "vm_kib": _vm_peak_kib(),
        "in_flight": float(_IN_FLIGHT.peak),
        "cpu": cpu,
    }


def _vm_peak_kib() -> float:
    """Peak virtual memory (``VmPeak``, Linux only; 0 elsewhere), in KiB.

    A thread's stack is reserved in full (8 MiB by default on Linux) but only the
    pages it touches count in RSS: virtual memory shows the reservation."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return float(line.split()[1])
    except OSError:
        pass
    return 0.0


def _run_client(kind: str, n: int, port: int) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, "-m", _MODULE, "--client", kind, str(n), str(port)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if completed.returncode or completed.stderr.strip():
        raise RuntimeError(f"client {kind} ×{n} failed:\n{completed.stderr}")
    return json.loads(completed.stdout)


# --- the benchmark ------------------------------------------------------------


def run(size: AsyncioSize = QUICK, verbose: bool = False) -> dict[str, Any]:
    """Measure every case in interleaved rounds; return medians as a JSON-able dict."""
    from concurrency_bench.machine import current_stamp

    cases = [("idle", 0, "main"), ("sequential", size.sequential_count, "main")]
    cases += [(k, n, "main") for n in size.counts for k in KINDS[1:]]
    if size.threading_server_count:
        cases.append(("asyncio", size.threading_server_count, "threading"))
    samples: dict[str, list[dict[str, float]]] = {_key(*c): [] for c in cases}
    began = time.perf_counter()
    with (
        LocalServer(size.latency, size.backlog) as server,
        LocalServer(size.latency, size.backlog, "threading") as threaded,
    ):
        ports = {"main": server.port, "threading": threaded.port}
        for port in ports.values():  # warm-up: both servers answer
            _run_client("sequential", 1, port)
        for r in range(size.rounds):
            for kind, n, which in cases if r % 2 == 0 else cases[::-1]:
                if verbose:
                    print(f"round {r + 1}: {kind} ×{n} ({which})", file=sys.stderr)
                samples[_key(kind, n, which)].append(_run_client(kind, n, ports[which]))
    cost = time.perf_counter() - began
    medians = {
        key: {
            field: statistics.median(s[field] for s in runs)
            for field in ("seconds", "rss_kib", "vm_kib", "in_flight", "cpu")
        }
        | {
            "low": min(s["seconds"] for s in runs),
            "high": max(s["seconds"] for s in runs),
        }
        for key, runs in samples.items()
    }
    return {
        "size": size.name,
        "rounds": size.rounds,
        "latency": size.latency,
        "counts": list(size.counts),
        "sequential_count": size.sequential_count,
        "backlog": size.backlog,
        "threading_server_count": size.threading_server_count,
        "fd_limit": _fd_limit(),
        "stack_limit_kib": _stack_limit_kib(),
        "measure_seconds": cost,
        "stamp": current_stamp().__dict__,
        "medians": medians,
    }


def _key(kind: str, n: int, which: str = "main") -> str:
    return f"{kind} ×{n}" + (" threading server" if which == "threading" else "")


def _stack_limit_kib() -> float:
    """The stack size limit (``ulimit -s``), in KiB: a new thread's stack size."""
    import resource

    soft = resource.getrlimit(resource.RLIMIT_STACK)[0]
    return -1.0 if soft == resource.RLIM_INFINITY else soft / 1024


def _fd_limit() -> list[int]:
    import resource

    return list(resource.getrlimit(resource.RLIMIT_NOFILE))


# --- results: tables, charts, the page ----------------------------------------


def per_request_costs(data: dict[str, Any]) -> dict[str, dict[str, float]]:
    """Extra wall time (ms) and RSS (KiB) per extra concurrent request, N0 to N1.

    N₀ and N₁ are the two largest counts measured.
    """
    med = data["medians"]
    lo, hi = data["counts"][-2], data["counts"][-1]
    costs = {}
    for kind in KINDS[1:]:
        a, b = med[_key(kind, lo)], med[_key(kind, hi)]
        costs[kind] = {
            "ms": (b["seconds"] - a["seconds"]) * 1000 / (hi - lo),
            "kib": (b["rss_kib"] - a["rss_kib"]) / (hi - lo),
        }
    return costs


def results(data: dict[str, Any]) -> tuple[Any, Any]:
    """The two charts' `BenchResult` objects (time, memory) from `run`'s data."""
    from concurrency_bench.benchmarks import BenchResult, Series
    from concurrency_bench.machine import MachineStamp

    stamp = MachineStamp(**data["stamp"])
    med, counts, latency = data["medians"], data["counts"], data["latency"]
    idle = med[_key("idle", 0)]["rss_kib"]
    xs = [float(n) for n in counts]
    time_series, memory_series = [], []
    for kind in KINDS[1:]:
        keys = [_key(kind, n) for n in counts]
        time_series.append(
            Series(
                LABELS[kind],
                xs,
                [med[k]["seconds"] for k in keys],
                [med[k]["low"] for k in keys],
                [med[k]["high"] for k in keys],
            )
        )
        memory_series.append(
            Series(LABELS[kind], xs, [(med[k]["rss_kib"] - idle) / 1024 for k in keys])
        )
    seq_n = data["sequential_count"]
    seq = med[_key("sequential", seq_n)]
    time_series.append(
        Series(
            f"sequential (N = {seq_n} only)",
            [float(seq_n)],
            [seq["seconds"]],
            [seq["low"]],
            [seq["high"]],
        )
    )
    kinds = KINDS[1:]
    time_rows, memory_rows = [], []
    for n in counts:
        m = {kind: med[_key(kind, n)] for kind in kinds}
        time_rows.append(
            [str(n), f"{n * latency:.2f}"]
            + [f"{m[k]['seconds']:.3f}" for k in kinds]
            + [f"{m[k]['in_flight']:.0f}" for k in kinds]
        )
        memory_rows.append(
            [str(n)]
            + [f"{(m[k]['rss_kib'] - idle) / 1024:.1f}" for k in kinds]
            + [f"{m[k]['vm_kib'] / 1024**2:.2f}" for k in kinds]
        )
    names = {"threads": "threads", "pool": "pool", "asyncio": "asyncio"}
    common = {
        "stamp": stamp,
        "size": data["size"],
        "rounds": data["rounds"],
        "log_x": True,
    }
    time_result = BenchResult(
        key="asyncio_time",
        title=f"N requests to a local server answering in {latency * 1000:.0f} ms",
        x_label="N concurrent requests",
        y_label="wall time (s)",
        series=time_series,
        reference=Series("overlap limit: one latency", xs, [latency] * len(xs)),
        columns=["N", "N × latency (s)"]
        + [f"{names[k]} (s)" for k in kinds]
        + [f"{names[k]} in flight" for k in kinds],
        rows=time_rows,
        summary={},
        **common,
    )
    memory_result = BenchResult(
        key="asyncio_memory",
        title="Peak memory of the client above an idle interpreter",
        x_label="N concurrent requests",
        y_label="extra peak RSS (MiB)",
        series=memory_series,
        reference=None,
        columns=["N"]
        + [f"{names[k]}: extra RSS (MiB)" for k in kinds]
        + [f"{names[k]}: peak virtual (GiB)" for k in kinds],
        rows=memory_rows,
        summary={},
        **common,
    )
    return time_result, memory_result


def report(data: dict[str, Any]) -> str:
    """Plain text: the table, the per-request costs and the backlog comparison."""
    from concurrency_bench.charts import table_text

    time_result, _ = results(data)
    lines = [table_text(time_result), ""]
    lines.append(costs_sentence(data))
    return "\n".join(lines)


def costs_sentence(data: dict[str, Any]) -> str:
    """This run's key figures in a few sentences."""
    med, counts = data["medians"], data["counts"]
    lo, hi = counts[-2], counts[-1]
    c = per_request_costs(data)
    idle = med[_key("idle", 0)]["rss_kib"] / 1024
    seq_n = data["sequential_count"]
    seq = med[_key("sequential", seq_n)]["seconds"]
    text = (
        f"In this build (server latency {data['latency'] * 1000:.0f} ms, listen "
        f"backlog {data['backlog']}), {seq_n} requests one after another took "
        f"{seq:.2f} s. From N = {lo} to N = {hi}, each extra concurrent request "
        f"cost threads {c['threads']['ms']:.3f} ms and "
        f"{c['threads']['kib']:.0f} KiB, a ThreadPoolExecutor "
        f"{c['pool']['ms']:.3f} ms and {c['pool']['kib']:.0f} KiB, and asyncio "
        f"{c['asyncio']['ms']:.3f} ms and {c['asyncio']['kib']:.0f} KiB "
        f"(an idle interpreter peaks at {idle:.1f} MiB)."
    )
    vm = {k: med[_key(k, hi)]["vm_kib"] / 1024**2 for k in ("threads", "asyncio")}
    if vm["threads"]:
        text += (
            f" Peak virtual memory at N = {hi}: {vm['threads']:.2f} GiB with threads "
            f"(stacks reserved, mostly untouched), {vm['asyncio']:.2f} GiB with "
            "asyncio."
        )
    cpu = {k: med[_key(k, hi)]["cpu"] * 1000 / hi for k in KINDS[1:]}
    text += (
        f" The client's own CPU time per request at N = {hi} was "
        f"{cpu['threads']:.2f} ms with threads, {cpu['pool']:.2f} ms with the pool "
        f"and {cpu['asyncio']:.2f} ms with asyncio; the server, in its own process, "
        "needs CPU time as well."
    )
    peaks = {k: med[_key(k, hi)]["in_flight"] for k in KINDS[1:]}
    text += (
        f" At N = {hi}, at most {peaks['threads']:.0f} requests were in flight at "
        f"once with threads, {peaks['pool']:.0f} with the pool and "
        f"{peaks['asyncio']:.0f} with asyncio."
    )
    soft, hard = data["fd_limit"]
    text += f" Limits on this machine: {soft} open files per process"
    if hard != soft:
        text += f" (each client raised it to the hard limit, {hard})"
    stack = data.get("stack_limit_kib", -1)
    text += f"; stacks of {stack / 1024:.0f} MiB per thread." if stack > 0 else "."
    text += f" Measuring all this took {data['measure_seconds']:.0f} s of the build."
    n_thr = data["threading_server_count"]
    if n_thr:
        slow = med[_key("asyncio", n_thr, "threading")]["seconds"]
        fast = med[_key("asyncio", n_thr)]["seconds"]
        text += (
            f" The same {n_thr} asyncio requests took {slow:.2f} s against a "
            f'`ThreadingHTTPServer` (one thread per request, as in "When threads '
            f'help") instead of {fast:.2f} s against the asyncio server.'
        )
    return text


def measure(size: str | None = None) -> dict[str, Any]:
    """Run the benchmark in a fresh interpreter, once per input (`stored`)."""
    from concurrency_bench.stored import measured_json

    size = size or os.environ.get("CONCURRENCY_BENCH_SIZE", "quick")
    return measured_json([_MODULE, f"--{size}", "--json"], timeout=600)


_MEASURED: dict[str, dict[str, Any]] = {}


def asyncio_section(which: str) -> str:
    """Markdown: the ``"time"`` or ``"memory"`` chart, or a ``"summary"`` or
    ``"choosing"`` sentence.

    The benchmark runs once per build; the three blocks share its result.
    """
    from concurrency_bench.charts import chart_markdown

    if "data" not in _MEASURED:
        _MEASURED["data"] = measure()
    data = _MEASURED["data"]
    time_result, memory_result = results(data)
    if which == "time":
        return chart_markdown(time_result)
    if which == "memory":
        return chart_markdown(memory_result)
    if which == "choosing":
        return choosing_sentence(data) + "\n"
    return costs_sentence(data) + "\n"


def choosing_sentence(data: dict[str, Any]) -> str:
    """The largest N's wall times and memory in one sentence, for the Choosing page."""
    med, hi = data["medians"], data["counts"][-1]
    idle = med[_key("idle", 0)]["rss_kib"]
    parts = []
    for kind in ("threads", "pool", "asyncio"):
        m = med[_key(kind, hi)]
        parts.append(
            f"{LABELS[kind]} {m['seconds']:.2f} s and "
            f"{(m['rss_kib'] - idle) / 1024:.1f} MiB"
        )
    return (
        f"In this build, {hi} requests to a local server answering in "
        f"{data['latency'] * 1000:.0f} ms took: " + "; ".join(parts) + " of extra "
        f"peak memory (all {hi} waits overlapped would take "
        f"{data['latency']:.2f} s; one after another, {hi * data['latency']:.0f} s)."
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: measure and print a table (or JSON), optionally write charts."""
    parser = argparse.ArgumentParser(prog="python -m concurrency_bench.asyncio_io")
    parser.add_argument("--client", nargs=3, metavar=("KIND", "N", "PORT"))
    parser.add_argument("--full", action="store_true", help="more rounds, N to 2000")
    parser.add_argument("--quick", action="store_true", help="the build's size")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--charts", type=Path, metavar="DIR", help="write SVGs")
    parser.add_argument("--verbose", action="store_true", help="progress on stderr")
    args = parser.parse_args(argv)
    if args.client:
        kind, n, port = args.client
        print(json.dumps(_client(kind, int(n), int(port))))
        return 0
    data = run(FULL if args.full else QUICK, verbose=args.verbose)
    print(json.dumps(data) if args.json else report(data))
    if args.charts:
        from concurrency_bench.charts import render_svg

        args.charts.mkdir(parents=True, exist_ok=True)
        for result in results(data):
            svg = render_svg(result).replace(
                "<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1
            )
            (args.charts / f"{result.key}.svg").write_text(svg, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
