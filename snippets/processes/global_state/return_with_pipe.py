"""Return a result through a Pipe: recv() first, then join()."""

import multiprocessing

NUMBERS = [2, 3, 8, 9]


def squares(numbers, conn):
    conn.send([n * n for n in numbers])
    conn.close()


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()
    args = (NUMBERS, child_end)
    worker = multiprocessing.Process(target=squares, args=args)
    worker.start()
    print(f"squares via a Pipe: {parent_end.recv()}")
    worker.join()
