"""At most 2 of 6 workers may be inside the section at once (BoundedSemaphore)."""

import threading
import time

WORKERS = 6
MAX_INSIDE = 2

slots = threading.BoundedSemaphore(MAX_INSIDE)
stats_lock = threading.Lock()
inside = 0
most_inside = 0


def download(name):
    global inside, most_inside
    with slots:  # blocks while MAX_INSIDE workers are already inside
        with stats_lock:
            inside += 1
            most_inside = max(most_inside, inside)
        time.sleep(0.05)  # the limited resource: a connection, a licence...
        with stats_lock:
            inside -= 1


if __name__ == "__main__":
    workers = [
        threading.Thread(target=download, args=(i,), name=f"downloader-{i}")
        for i in range(WORKERS)
    ]
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=10)
    print(f"workers: {WORKERS}, semaphore value: {MAX_INSIDE}")
    print(f"most workers inside at once: {most_inside}")

    # A BoundedSemaphore also catches a release() without a matching acquire().
    try:
        slots.release()
    except ValueError as exc:
        print(f"extra release(): ValueError: {exc}")
