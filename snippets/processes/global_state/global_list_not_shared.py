"""A child process appends to a global list; the parent's list stays empty."""

import multiprocessing
import threading

results = []


def square_into_results(numbers):
    for n in numbers:
        results.append(n * n)


def square_and_show(numbers):
    square_into_results(numbers)
    print(f"process: the child's results  = {results}")


if __name__ == "__main__":
    numbers = [2, 3, 8, 9]

    child = multiprocessing.Process(target=square_and_show, args=(numbers,))
    child.start()
    child.join()
    print(f"process: the parent's results = {results}")

    # The same function in a thread of this process: one memory, one list.
    thread = threading.Thread(target=square_into_results, args=(numbers,))
    thread.start()
    thread.join()
    print(f"thread:  the parent's results = {results}")
