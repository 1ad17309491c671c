"""Hand a Lock and a Value to pool workers through initargs, not as task arguments."""

import multiprocessing

counter = None  # set in each worker by the initializer


def count_with_argument(shared):
    with shared.get_lock():
        shared.value += 1


def init_worker(shared):
    global counter
    counter = shared


def count_with_global(_):
    with counter.get_lock():  # a Value carries its own Lock
        counter.value += 1


if __name__ == "__main__":
    total = multiprocessing.Value("i", 0)
    with multiprocessing.Pool(2) as pool:
        try:
            pool.map(count_with_argument, [total] * 4)
        except RuntimeError as error:
            print(f"as a task argument: RuntimeError: {error}")

    with multiprocessing.Pool(2, initializer=init_worker, initargs=(total,)) as pool:
        pool.map(count_with_global, range(1000))
    print(f"through initargs: counter = {total.value}")
