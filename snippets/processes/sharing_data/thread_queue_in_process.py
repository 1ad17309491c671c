"""Passing a queue.Queue (a queue for threads) to a process: fork vs spawn."""

import multiprocessing
import queue


def produce(thread_queue, report):
    thread_queue.put("result")
    report.put(f"child's queue.Queue now holds {thread_queue.qsize()} item")


def try_with(method):
    ctx = multiprocessing.get_context(method)
    thread_queue = queue.Queue()  # the wrong kind: made for threads of ONE process
    report = ctx.Queue()  # the right kind, used here only to hear from the child
    worker = ctx.Process(target=produce, args=(thread_queue, report))
    try:
        worker.start()
    except TypeError as exc:
        print(f"{method}: start() raised {type(exc).__name__}: {exc}")
        return
    print(f"{method}: {report.get(timeout=10)}")
    worker.join(timeout=10)
    try:
        thread_queue.get(timeout=0.5)
        print(f"{method}: parent got the result")
    except queue.Empty:
        print(f"{method}: parent's queue.Queue is still empty (no error raised)")


if __name__ == "__main__":
    try_with("fork")
    try_with("spawn")
