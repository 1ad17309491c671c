"""A Lock cannot be taken twice by the same thread; an RLock can."""

import threading


def acquire_twice(lock):
    """Take the lock, then ask for it again from the same thread (with a timeout)."""
    with lock:
        again = lock.acquire(timeout=0.2)  # a plain Lock would wait here forever
        if again:
            lock.release()
        return again


class Account:
    """deposit() locks; deposit_many() locks too, and calls deposit()."""

    def __init__(self):
        self._lock = threading.RLock()
        self.balance = 0
        self.deposits = 0

    def deposit(self, amount):
        with self._lock:
            self.balance += amount
            self.deposits += 1

    def deposit_many(self, amounts):
        with self._lock:  # hold the lock for the whole batch...
            for amount in amounts:
                self.deposit(amount)  # ...and take it again inside: needs an RLock


if __name__ == "__main__":
    print(f"Lock:  same thread acquires twice -> {acquire_twice(threading.Lock())}")
    print(f"RLock: same thread acquires twice -> {acquire_twice(threading.RLock())}")

    account = Account()
    workers = [
        threading.Thread(
            target=account.deposit_many, args=([10] * 1_000,), name=f"teller-{i}"
        )
        for i in range(4)
    ]
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=10)
    print(f"deposits: {account.deposits}, balance: {account.balance}")
