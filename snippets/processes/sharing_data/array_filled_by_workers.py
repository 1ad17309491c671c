"""Array: one block of shared memory; each worker writes its own slice in place."""

import multiprocessing


def fill_squares(shared, start, stop):
    for i in range(start, stop):
        shared[i] = i * i  # writes straight into the shared block: nothing is sent back


if __name__ == "__main__":
    size = 10
    shared = multiprocessing.Array("q", size)  # 10 signed 64-bit ints, zeroed
    halves = [(0, size // 2), (size // 2, size)]
    workers = [
        multiprocessing.Process(target=fill_squares, args=(shared, start, stop))
        for start, stop in halves
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=10)

    # The slices do not overlap, so no lock is needed while the workers write.
    print("type:", type(shared).__name__)
    print("squares:", shared[:])
