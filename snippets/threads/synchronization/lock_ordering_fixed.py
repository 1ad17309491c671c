"""The same two transfers, but every thread takes the locks in one global order."""

import threading

lock_a = threading.Lock()
lock_b = threading.Lock()
LOCK_ORDER = [lock_a, lock_b]  # the rule: always A before B
done = {}
timeouts = 0
timeouts_lock = threading.Lock()


def in_global_order(*locks):
    return sorted(locks, key=LOCK_ORDER.index)


def transfer_many(wanted_first, wanted_second, times):
    global timeouts
    first, second = in_global_order(wanted_first, wanted_second)
    for _ in range(times):
        with first:
            if second.acquire(timeout=2):
                second.release()
            else:
                with timeouts_lock:
                    timeouts += 1
    done[threading.current_thread().name] = times


if __name__ == "__main__":
    threads = [
        threading.Thread(
            target=transfer_many, args=(lock_a, lock_b, 10_000), name="worker-1 (A, B)"
        ),
        threading.Thread(
            target=transfer_many, args=(lock_b, lock_a, 10_000), name="worker-2 (B, A)"
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=10)
    for name in sorted(done):
        print(f"{name}: {done[name]} transfers")
    print(f"timeouts: {timeouts}")
