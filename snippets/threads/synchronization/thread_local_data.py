"""threading.local gives each thread its own attribute values."""

import threading
import types

shared = types.SimpleNamespace()  # one object, seen by every thread
per_thread = threading.local()  # one set of attributes per thread
all_set = threading.Barrier(3, timeout=5)
lines = []
lines_lock = threading.Lock()


def handle(request_id):
    shared.request_id = request_id
    per_thread.request_id = request_id
    all_set.wait()  # every thread has now set both attributes
    with lines_lock:
        lines.append((request_id, shared.request_id, per_thread.request_id))


if __name__ == "__main__":
    threads = [
        threading.Thread(target=handle, args=(rid,), name=f"handler-{rid}")
        for rid in ["r1", "r2", "r3"]
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)

    for own, _, local_value in sorted(lines):
        print(f"handler for {own}: threading.local says {local_value}")
    print(f"distinct ids read from the shared object: {len({s for _, s, _ in lines})}")
    print(f"main thread sees a request_id: {hasattr(per_thread, 'request_id')}")
