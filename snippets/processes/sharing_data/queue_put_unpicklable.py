"""put() does not pickle: the feeder thread does it later, and reports errors."""

import multiprocessing
import queue

if __name__ == "__main__":
    q = multiprocessing.Queue()
    q.put(lambda x: x * x)  # a lambda cannot be pickled, yet put() returns normally
    print("put() returned without an error")
    try:
        q.get(timeout=1)
    except queue.Empty:
        print("get(timeout=1): queue.Empty (the item was dropped)")
    q.put("next item")  # the queue itself still works
    print("get():", q.get(timeout=1))
