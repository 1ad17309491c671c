"""Find the task that hangs, see where its worker is stuck, stop only that worker."""

import concurrent.futures
import faulthandler
import multiprocessing
import os
import re
import signal
import sysconfig
import tempfile
import threading
import time

dump_file = None


def init_worker(dump_dir, pids):
    global dump_file, task_pids
    task_pids = pids
    # On SIGUSR1, write the stack of every thread to a file named after this worker.
    dump_file = open(os.path.join(dump_dir, f"{os.getpid()}.txt"), "w")  # noqa: SIM115
    faulthandler.register(signal.SIGUSR1, file=dump_file, all_threads=True)


def task(n):
    task_pids[n] = os.getpid()  # which worker runs which task
    if n == 3:
        lock = threading.Lock()
        lock.acquire()
        lock.acquire()  # a bug: waits for itself, forever
    return n * n


def read_dump(path, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with open(path) as f:
            text = f.read()
        if "in _bootstrap\n" in text:  # written down to the frames shown below
            return text
        time.sleep(0.05)
    return text


def shorten(dump):
    """Hide thread ids, shorten stdlib paths, stop where start methods differ."""
    lines = []
    for line in re.sub(r"0x[0-9a-f]+", "0x…", dump).splitlines():
        for folder in (sysconfig.get_path("stdlib"), os.getcwd()):
            line = line.replace(folder + os.sep, "")
        lines.append(line)
        if "in _bootstrap" in line:
            lines.append("  … (then frames that differ between start methods)")
            break
    return "\n".join(lines)


if __name__ == "__main__":
    pids = multiprocessing.Array("i", 6)
    with tempfile.TemporaryDirectory() as dump_dir:
        executor = concurrent.futures.ProcessPoolExecutor(
            2, initializer=init_worker, initargs=(dump_dir, pids)
        )
        with executor:
            futures = {executor.submit(task, n): n for n in range(6)}
            deadline = time.monotonic() + 20
            while 0 in pids[:] and time.monotonic() < deadline:
                time.sleep(0.05)  # until every task has started (workers are up)
            done, not_done = concurrent.futures.wait(futures, timeout=1)
            print(f"1 s later: {len(done)} done, not done: tasks", end=" ")
            print(sorted(futures[f] for f in not_done))
            for future in not_done:
                pid = pids[futures[future]]
                assert pid > 0, "that task never started"
                os.kill(pid, signal.SIGUSR1)  # ask that worker for its stacks
                dump = read_dump(os.path.join(dump_dir, f"{pid}.txt"))
                print(shorten(dump))
                os.kill(pid, signal.SIGKILL)  # stop only the stuck worker
            for future in not_done:
                error = future.exception(timeout=10)
                print(f"task {futures[future]}: {type(error).__name__}")
