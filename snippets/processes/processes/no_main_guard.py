"""Deliberately broken: starts a process at module level, with no guard.

Under spawn the child re-imports this file to find `greet`,
so the child reaches `worker.start()` too, and multiprocessing refuses.
"""

import multiprocessing

multiprocessing.set_start_method("spawn", force=True)


def greet():
    print("hello from the child")


worker = multiprocessing.Process(target=greet)
worker.start()
worker.join()
print(f"parent: the child's exitcode is {worker.exitcode}")
