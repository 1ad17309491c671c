"""Right after put(), empty() can still say True: the feeder has not written yet."""

import multiprocessing


def empty_right_after_put(q, item):
    q.put(item)
    seen_empty = q.empty()  # polls the pipe: has anything arrived yet?
    assert q.get(timeout=5) == item  # the item was on its way all along
    return seen_empty


if __name__ == "__main__":
    # First put() on a new queue: the feeder thread is started by that put().
    fresh = 0
    for i in range(100):
        q = multiprocessing.Queue()
        fresh += empty_right_after_put(q, i)
        q.close()
        q.join_thread()

    # Later puts on one queue whose feeder thread is already running.
    q = multiprocessing.Queue()
    reused = sum(empty_right_after_put(q, i) for i in range(200))
    q.put("x")
    empty_now, size_now = q.empty(), q.qsize()
    q.get(timeout=5)

    print(f"new queue, first put(): empty() was True in {fresh} of 100 trials")
    print(f"same queue, later puts: empty() was True in {reused} of 200 trials")
    print(f"qsize() right after put(): {size_now} (it counts put() calls)")
