"""Workers print a block of lines each; a shared Lock keeps each block together."""

import multiprocessing


def report(name, numbers, print_lock):
    total = sum(n * n for n in numbers)
    with print_lock:  # one worker prints at a time
        print(f"{name}: start", flush=True)  # flush before releasing the lock
        print(f"{name}: squares of {numbers}", flush=True)
        print(f"{name}: sum {total}", flush=True)


if __name__ == "__main__":
    print_lock = multiprocessing.Lock()
    workers = [
        multiprocessing.Process(
            target=report, args=(f"worker-{i}", [i, i + 1], print_lock)
        )
        for i in range(4)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=10)
