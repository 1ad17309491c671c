"""Workers send log records through a queue; one listener writes them all."""

import logging
import logging.handlers
import multiprocessing


def worker(log_queue, n):
    # A child configures its own logging: under spawn and forkserver it inherits none.
    root = logging.getLogger()
    root.handlers = [logging.handlers.QueueHandler(log_queue)]
    root.setLevel(logging.INFO)
    log = logging.getLogger("app.worker")
    log.info("started")
    log.warning("task %d is slow", n)


if __name__ == "__main__":
    log_queue = multiprocessing.Queue()
    # The one handler that writes. A BufferingHandler keeps the records so they can
    # be printed in a stable order below; a real program would use a FileHandler.
    kept = logging.handlers.BufferingHandler(capacity=100)
    kept.setFormatter(logging.Formatter("%(processName)s %(levelname)s %(message)s"))
    listener = logging.handlers.QueueListener(log_queue, kept)
    listener.start()  # a thread in the main process, writing records as they come

    workers = [
        multiprocessing.Process(target=worker, args=(log_queue, n), name=f"worker-{n}")
        for n in (1, 2)
    ]
    for p in workers:
        p.start()
    for p in workers:
        p.join(timeout=10)
    listener.stop()  # writes what is still queued, then stops the thread

    print(*sorted(kept.format(record) for record in kept.buffer), sep="\n")
