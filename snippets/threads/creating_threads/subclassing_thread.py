"""Subclass Thread and override run() when a worker carries its own state."""

import threading


class Summer(threading.Thread):
    def __init__(self, numbers, name):
        super().__init__(name=name)
        self.numbers = numbers
        self.total = None

    def run(self):  # start() calls run() in the new thread
        self.total = sum(self.numbers)


if __name__ == "__main__":
    workers = [Summer(range(0, 50), "low"), Summer(range(50, 100), "high")]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    for w in workers:
        print(f"{w.name}: {w.total}")
    print("together:", sum(w.total for w in workers))
