"""The convoy effect: round trips of an I/O thread beside a CPU-bound thread.

The "server" is a thread that answers each 1-byte request after 0.2 ms of
time.sleep(), standing in for a database or a web service on the same host.
"""

import socket
import statistics
import sys
import threading
import time

SERVER_DELAY = 0.0002  # seconds the server "works" before it answers
BUDGET = 0.3  # seconds of round trips per case
DEFAULT_INTERVAL = sys.getswitchinterval()  # 0.005 s unless changed


def serve(conn):
    """Echo every request after SERVER_DELAY, until the client closes its end."""
    while data := conn.recv(64):
        time.sleep(SERVER_DELAY)
        conn.sendall(data)


def round_trips(conn, seconds):
    """Send requests one at a time for `seconds`; return the round-trip times."""
    latencies = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        start = time.perf_counter()
        conn.sendall(b"?")
        conn.recv(64)
        latencies.append(time.perf_counter() - start)
    return latencies


def spin(stop):
    """Pure-Python CPU work: it gives up the GIL only when asked to."""
    while not stop.is_set():
        pass


def beside_cpu_thread(conn, switch_interval, seconds):
    sys.setswitchinterval(switch_interval)
    stop = threading.Event()
    cpu = threading.Thread(target=spin, args=(stop,), name="cpu-bound")
    cpu.start()
    try:
        time.sleep(0.02)  # let the CPU-bound thread get going
        return round_trips(conn, seconds)
    finally:
        stop.set()
        cpu.join()
        sys.setswitchinterval(DEFAULT_INTERVAL)


if __name__ == "__main__":
    client, server_end = socket.socketpair()
    client.settimeout(5)  # a lost reply fails the run instead of hanging it
    server = threading.Thread(target=serve, args=(server_end,), name="server")
    server.start()

    cases = {
        "I/O thread alone": round_trips(client, BUDGET),
        "beside a CPU thread, interval 5 ms": beside_cpu_thread(
            client, 0.005, 2 * BUDGET
        ),
        "beside a CPU thread, interval 0.5 ms": beside_cpu_thread(
            client, 0.0005, BUDGET
        ),
    }
    client.close()  # the server's recv() returns b"" and its loop ends
    server.join()
    server_end.close()

    print(f"default switch interval: {DEFAULT_INTERVAL} s")
    print(f"round trips; the server answers after {SERVER_DELAY * 1000:.1f} ms")
    print(f"{'':37}{'median':>9}{'mean':>11}{'count':>7}")
    for label, latencies in cases.items():
        median = statistics.median(latencies) * 1000
        mean = statistics.fmean(latencies) * 1000
        print(f"{label:37}{median:6.2f} ms{mean:8.2f} ms{len(latencies):7}")
