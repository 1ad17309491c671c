"""The work the benchmarks time: CPU-bound Python, GIL-releasing C, local I/O, tiny tasks.

Every function that a worker runs is defined at module level, so process pools can
pickle it by reference under every start method (fork, spawn, forkserver). The module
imports only light standard-library modules at import time, because a spawned worker
imports it before running its first task; the HTTP machinery is imported on use.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any

__all__ = [
    "LatencyServer",
    "count_down",
    "fetch",
    "noop",
    "pause",
    "sha256_hex",
    "tiny_task",
]


def count_down(n: int) -> int:
    """Pure-Python CPU work: decrement ``n`` to zero. Holds the GIL all along."""
    while n > 0:
        n -= 1
    return n


def sha256_hex(data: bytes) -> str:
    """C work that releases the GIL: hash ``data`` (hashlib releases it above 2 KiB)."""
    return hashlib.sha256(data).hexdigest()


def tiny_task(x: int) -> int:
    """A task far cheaper than the cost of sending it to another process."""
    return x * 2 + 1


def noop(*_args: object) -> None:
    """Do nothing: the target used to time starting a thread or a process."""


def pause(seconds: float) -> None:
    """Sleep: overlapping pauses make a process pool start all of its workers."""
    time.sleep(seconds)


def fetch(port: int, timeout: float = 10.0) -> int:
    """GET ``/`` from the local server on 127.0.0.1:``port``; return the body size."""
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", "/")
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"local server answered {response.status}")
        return len(body)
    finally:
        conn.close()


def _serve(conn: Connection, latency: float) -> None:
    """Run in a child process: serve GET on 127.0.0.1 (port 0), sleeping ``latency`` s.

    The chosen port is sent back through ``conn``; the server runs until the
    parent terminates the process.
    """
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class SlowHandler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            time.sleep(latency)
            body = b"ok\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        request_queue_size = 128  # many clients connect at once
        daemon_threads = True

    with Server(("127.0.0.1", 0), SlowHandler) as server:
        conn.send(server.server_address[1])
        conn.close()
        server.serve_forever(poll_interval=0.05)


class LatencyServer:
    """A local HTTP server with a fixed response latency, in its own process.

    Use it as a context manager; ``port`` is set once it listens::

        with LatencyServer(latency=0.05) as server:
            fetch(server.port)

    The server runs in a separate process (``ThreadingHTTPServer``, one thread per
    request, each sleeping ``latency`` seconds), so the process being measured has
    no server threads of its own and can still fork safely.
    """

    def __init__(self, latency: float = 0.05) -> None:
        self.latency = latency
        """Seconds each request waits before the answer is sent."""
        self.port = 0
        """The port the server listens on (0 until started)."""
        self._process: multiprocessing.process.BaseProcess | None = None

    def __enter__(self) -> LatencyServer:
        ctx = multiprocessing.get_context()
        receiver, sender = ctx.Pipe(duplex=False)
        self._process = ctx.Process(
            target=_serve, args=(sender, self.latency), daemon=True
        )
        self._process.start()
        sender.close()
        try:
            if not receiver.poll(30):
                raise RuntimeError("the local server did not start within 30 s")
            self.port = receiver.recv()
        finally:
            receiver.close()
        fetch(self.port)  # first request: the server is up and warm
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join(10)
            self._process.close()
            self._process = None
