"""A child process changes its own copy of the data, not the parent's."""

import multiprocessing
import os

# A module-level global, as in the threads example.
settings = {"mode": "initial"}


def child(report):
    settings["mode"] = "changed by the child"
    # The only way to tell the parent what the child saw: send a message.
    report.put({"pid": os.getpid(), "settings": dict(settings)})


if __name__ == "__main__":
    report = multiprocessing.Queue()
    p = multiprocessing.Process(target=child, args=(report,))
    p.start()
    seen_by_child = report.get(timeout=10)  # read the queue first, then join
    p.join(timeout=10)

    same_pid = seen_by_child["pid"] == os.getpid()
    print("child exit code:", p.exitcode)
    print("settings seen by the child:", seen_by_child["settings"])
    print("settings seen by the parent:", settings)
    print("child reports the parent's pid:", same_pid)
