"""Deliberately broken, like no_main_guard.py, but under forkserver.

Which process trips over the missing guard depends on the Python version: the
child (as under spawn), or the fork server while it preloads this file, in which
case the parent's start() fails.
"""

import multiprocessing

multiprocessing.set_start_method("forkserver", force=True)


def greet():
    print("hello from the child")


worker = multiprocessing.Process(target=greet)
try:
    worker.start()
except (EOFError, ConnectionError):  # the fork server died before answering
    print("parent: start() failed, the fork server is gone")
else:
    worker.join()
    print(f"parent: the child's exitcode is {worker.exitcode}")
