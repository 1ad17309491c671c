"""SharedMemory: create a named block, attach to it by name elsewhere, clean up."""

import multiprocessing
from multiprocessing import shared_memory


def shout(name):
    block = shared_memory.SharedMemory(name=name)  # attach: no copy of the data
    try:
        block.buf[:5] = bytes(block.buf[:5]).upper()
    finally:
        block.close()  # this process is done with it; the block lives on


def double_all(shared_list):
    for i in range(len(shared_list)):
        shared_list[i] *= 2


if __name__ == "__main__":
    block = shared_memory.SharedMemory(create=True, size=16)
    try:
        block.buf[:5] = b"hello"
        worker = multiprocessing.Process(target=shout, args=(block.name,))
        worker.start()
        worker.join(timeout=10)
        print("parent reads:", bytes(block.buf[:5]))
    finally:
        block.close()  # every process closes its own view...
        block.unlink()  # ...and exactly one process frees the block

    numbers = shared_memory.ShareableList([1, 2, 3])
    try:
        worker = multiprocessing.Process(target=double_all, args=(numbers,))
        worker.start()
        worker.join(timeout=10)
        print("ShareableList:", list(numbers))
    finally:
        numbers.shm.close()
        numbers.shm.unlink()
