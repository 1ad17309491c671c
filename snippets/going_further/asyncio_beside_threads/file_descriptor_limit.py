"""Each connection in flight holds a file descriptor; a semaphore bounds them."""

import asyncio
import resource
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIMIT = 256  # open files this process may have (ulimit -n), lowered for the demo
N = 300  # requests: more sockets than the limit allows, all opened at once


class SlowHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(0.05)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()

    def log_message(self, format, *args):
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 512
    daemon_threads = True


async def request(port, gate):
    async with gate:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            await reader.read()
        finally:
            writer.close()
            await writer.wait_closed()


async def all_requests(port, in_flight):
    gate = asyncio.Semaphore(in_flight)
    jobs = [request(port, gate) for _ in range(N)]
    outcomes = await asyncio.gather(*jobs, return_exceptions=True)
    errors = sorted({repr(e) for e in outcomes if isinstance(e, BaseException)})
    done = sum(1 for e in outcomes if e is None)
    return done, errors


if __name__ == "__main__":
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(LIMIT, hard), hard))
    server = Server(("127.0.0.1", 0), SlowHandler)
    serving = threading.Thread(target=server.serve_forever, args=(0.05,))
    serving.start()
    try:
        print(f"open-file limit lowered to {LIMIT}; {N} requests")
        for in_flight in (N, 50):
            done, errors = asyncio.run(
                all_requests(server.server_address[1], in_flight)
            )
            print(f"at most {in_flight} in flight: {done} answered")
            for error in errors:
                print("   failed with", error)
    finally:
        server.shutdown()
        server.server_close()
        serving.join(timeout=5)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
