"""Fetch pages from a slow local server: in turn, in threads, in a pool."""

import http.client
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LATENCY = 0.1  # seconds the server waits before answering each request
PAGES = 8


class SlowHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(LATENCY)  # like a database query or a distant server
        body = f"page {self.path}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # keep the request log off stderr
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 64  # listen backlog: room for every client at once


def fetch(port, n):
    # http.client talks straight to 127.0.0.1; no proxy settings apply.
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", f"/{n}")
        return conn.getresponse().read().decode()
    finally:
        conn.close()


def sequential(port):
    return [fetch(port, n) for n in range(PAGES)]


def one_thread_per_page(port):
    results = [None] * PAGES  # each thread writes its own slot

    def work(n):
        results[n] = fetch(port, n)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(PAGES)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def thread_pool(port):
    with ThreadPoolExecutor(max_workers=PAGES) as pool:
        return list(pool.map(lambda n: fetch(port, n), range(PAGES)))


if __name__ == "__main__":
    # Port 0: the OS picks a free port.
    server = Server(("127.0.0.1", 0), SlowHandler)
    port = server.server_address[1]
    serving = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}
    )
    serving.start()
    try:
        fetch(port, 0)  # warm-up request, not timed
        timings = {}
        for label, strategy in [
            ("sequential", sequential),
            ("8 threads", one_thread_per_page),
            ("ThreadPoolExecutor(8)", thread_pool),
        ]:
            start = time.perf_counter()
            pages = strategy(port)
            timings[label] = time.perf_counter() - start
            assert pages == [f"page /{n}" for n in range(PAGES)], pages
    finally:
        server.shutdown()  # stops serve_forever()
        server.server_close()
        serving.join(timeout=5)

    print(f"{PAGES} pages, server latency {LATENCY:.2f} s each")
    base = timings["sequential"]
    for label, seconds in timings.items():
        speedup = base / seconds
        print(f"{label + ':':<23}{seconds:.2f} s  (speedup {speedup:.1f}x)")
