"""put, get with a timeout, qsize, full, and what happens at the limits."""

import multiprocessing
import queue  # multiprocessing.Queue raises queue.Empty and queue.Full

if __name__ == "__main__":
    q = multiprocessing.Queue(maxsize=2)

    q.put("a")
    q.put("b", timeout=1)
    try:
        print("qsize():", q.qsize())
    except NotImplementedError:  # macOS: sem_getvalue() is not implemented
        print("qsize(): NotImplementedError")
    print("full():", q.full())

    try:
        q.put("c", timeout=0.1)  # no room: waits 0.1 s, then gives up
    except queue.Full:
        print("put('c', timeout=0.1): queue.Full")

    print("get():", q.get(timeout=1))
    print("get():", q.get(timeout=1))
    try:
        q.get(timeout=0.1)  # nothing left: waits 0.1 s, then gives up
    except queue.Empty:
        print("get(timeout=0.1): queue.Empty")
    try:
        q.get_nowait()
    except queue.Empty:
        print("get_nowait(): queue.Empty")
