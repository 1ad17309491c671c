"""A Manager list: a proxy to a list that lives in a server process."""

import multiprocessing

NUMBERS = [2, 3, 8, 9]


def square_into(numbers, shared):
    for n in numbers:
        shared.append(n * n)  # each append is a round trip to the manager


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        shared = manager.list()
        args = (NUMBERS, shared)
        worker = multiprocessing.Process(target=square_into, args=args)
        worker.start()
        worker.join()
        print(f"squares via a Manager list: {list(shared)}")
