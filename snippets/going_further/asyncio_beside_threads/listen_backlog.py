"""A burst of connections against a small listen backlog: the kernel makes them wait."""

import asyncio
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

N = 100  # connections opened at once
CAP = 3.0  # seconds a request may take before it counts as failed


class QuickHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(0.05)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    def log_message(self, format, *args):
        pass


async def request(port):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    await reader.read()
    writer.close()
    await writer.wait_closed()


async def timed_request(port, started):
    """Seconds from the burst's start until the answer, or None if over CAP."""
    try:
        await asyncio.wait_for(request(port), CAP)
    except asyncio.TimeoutError:  # the same class as TimeoutError from 3.11
        return None
    return time.perf_counter() - started


async def burst(port):
    started = time.perf_counter()
    return await asyncio.gather(*(timed_request(port, started) for _ in range(N)))


def run_burst(backlog):
    class Server(ThreadingHTTPServer):
        request_queue_size = backlog
        daemon_threads = True

    server = Server(("127.0.0.1", 0), QuickHandler)
    serving = threading.Thread(target=server.serve_forever, args=(0.05,))
    serving.start()
    try:
        times = asyncio.run(burst(server.server_address[1]))
    finally:
        server.shutdown()
        server.server_close()
        serving.join(timeout=5)
    # Linux keeps no connection the full queue has no room for: TCP retries the
    # handshake on its retransmission timer (about 1 s, then doubling).
    prompt = sum(1 for t in times if t is not None and t < 1)
    late = sum(1 for t in times if t is not None and t >= 1)
    print(
        f"backlog {backlog:>3}: {prompt:>3} answered within 1 s, {late:>3} after "
        f"1 s or more, {times.count(None):>3} not within {CAP:.0f} s"
    )


if __name__ == "__main__":
    # 5 up to Python 3.14; socket.SOMAXCONN from 3.15 (gh-80184).
    default = socketserver.TCPServer.request_queue_size
    print(f"this Python's default request_queue_size: {default}")
    print(f"{N} connections at once to a server that answers in 0.05 s")
    run_burst(5)
    run_burst(128)
