"""Two threads take two locks in opposite orders: a deadlock, detected by timeout."""

import threading

lock_a = threading.Lock()
lock_b = threading.Lock()
both_hold_one = threading.Barrier(2, timeout=5)
events = []
events_lock = threading.Lock()


def record(event):
    with events_lock:
        events.append(event)


def transfer(first, second, patience):
    name = threading.current_thread().name
    with first:
        both_hold_one.wait()  # force the bad interleaving: each holds one lock now
        if second.acquire(timeout=patience):  # a bare acquire() would wait forever
            try:
                record(f"{name}: got its second lock")
            finally:
                second.release()
        else:
            record(f"{name}: gave up after {patience} s, releasing its first lock")


if __name__ == "__main__":
    threads = [
        threading.Thread(
            target=transfer, args=(lock_a, lock_b, 0.2), name="worker-1 (A then B)"
        ),
        threading.Thread(
            target=transfer, args=(lock_b, lock_a, 2.0), name="worker-2 (B then A)"
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=5)
    print("\n".join(events))
