"""N requests to a slow local server: a thread pool against asyncio streams."""

import asyncio
import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LATENCY = 0.1  # seconds the server waits before answering each request
N = 100


class SlowHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(LATENCY)
        body = f"page {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # keep the request log off stderr
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # listen backlog; the default of 5 drops connections
    daemon_threads = True


def fetch(port, n):
    """Blocking: one thread waits for the whole round trip."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", f"/{n}")
        return conn.getresponse().read().decode()
    finally:
        conn.close()


async def fetch_async(port, n):
    """The same request with asyncio streams: the task waits, the thread does not."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET /{n} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        await writer.drain()
        reply = await reader.read()  # until the server closes the connection
    finally:
        writer.close()
        await writer.wait_closed()
    return reply.split(b"\r\n\r\n", 1)[1].decode()


def with_threads(port):
    with ThreadPoolExecutor(max_workers=N) as pool:
        return list(pool.map(lambda n: fetch(port, n), range(N)))


def with_asyncio(port):
    async def main():
        return await asyncio.gather(*(fetch_async(port, n) for n in range(N)))

    return asyncio.run(main())


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), SlowHandler)
    port = server.server_address[1]
    serving = threading.Thread(target=server.serve_forever, args=(0.05,))
    serving.start()
    try:
        fetch(port, 0)  # warm-up request, not timed
        timings = {}
        for label, strategy in [
            (f"ThreadPoolExecutor({N})", with_threads),
            (f"asyncio, {N} tasks", with_asyncio),
        ]:
            start = time.perf_counter()
            pages = strategy(port)
            timings[label] = time.perf_counter() - start
            assert pages == [f"page /{n}" for n in range(N)]
    finally:
        server.shutdown()
        server.server_close()
        serving.join(timeout=5)

    print(f"{N} requests, server latency {LATENCY:.2f} s each")
    print(f"one after another would need at least {N * LATENCY:.1f} s")
    print(f"all {N} waits overlapped: at least {LATENCY:.2f} s (the overlap limit)")
    for label, seconds in timings.items():
        speedup = N * LATENCY / seconds
        print(f"{label + ':':<25}{seconds:.2f} s  ({speedup:.0f}x sequential bound)")
