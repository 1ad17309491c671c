"""A Process reports how it ended only through its exitcode (and its pid)."""

import multiprocessing
import signal
import sys
import time


def finish_normally():
    pass


def raise_an_error():
    raise ValueError("something went wrong in the child")


def call_sys_exit():
    sys.exit(3)


def sleep_long():
    time.sleep(60)


if __name__ == "__main__":
    targets = [finish_normally, raise_an_error, call_sys_exit, sleep_long]
    processes = [
        multiprocessing.Process(target=target, name=target.__name__)
        for target in targets
    ]
    first = processes[0]
    print(f"before start(): pid={first.pid}, exitcode={first.exitcode}")
    for p in processes:
        p.start()
    print(f"after start(): pid is an int: {isinstance(first.pid, int)}")

    processes[-1].terminate()  # stop sleep_long: sends SIGTERM on POSIX
    for p in processes:
        p.join(timeout=10)

    for p in processes:
        line = f"{p.name:18} exitcode={p.exitcode}"
        if p.exitcode is not None and p.exitcode < 0:
            line += f"  (killed by {signal.Signals(-p.exitcode).name})"
        print(line)
