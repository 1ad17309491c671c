"""Threads of one process see, and change, the very same objects."""

import os
import threading

visits = []  # one list object, created by the main thread
settings = {"mode": "initial"}  # one dict object
meeting = threading.Barrier(3, timeout=5)  # keeps all 3 threads alive at once


def worker():
    me = threading.current_thread()
    visits.append(
        {
            "name": me.name,
            "pid": os.getpid(),
            "native_id": threading.get_native_id(),
            "list_id": id(visits),
        }
    )
    if me.name == "worker-b":
        settings["mode"] = "changed by worker-b"
    meeting.wait()  # no thread ends before all three have recorded themselves


if __name__ == "__main__":
    names = ["worker-a", "worker-b", "worker-c"]
    threads = [threading.Thread(target=worker, name=name) for name in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    same_list = all(v["list_id"] == id(visits) for v in visits)
    same_pid = all(v["pid"] == os.getpid() for v in visits)
    worker_ids = {v["native_id"] for v in visits}
    native_ids = worker_ids | {threading.get_native_id()}
    print("recorded by:", sorted(v["name"] for v in visits))
    print("settings seen by main:", settings)
    print("every thread used the main thread's list:", same_list)
    print("every thread reports the main thread's pid:", same_pid)
    print("distinct OS thread ids (3 workers + main):", len(native_ids))
