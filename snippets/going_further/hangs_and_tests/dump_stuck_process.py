"""Python 3.15: print the stack of every thread of another, stuck, Python process."""

import os
import re
import subprocess
import sys
import sysconfig
import time

STUCK_PROGRAM = """
import threading
lock = threading.Lock()
lock.acquire()                      # the main thread holds the lock...
def worker():
    with lock:                      # ...so this thread waits for it forever
        pass
threading.Thread(target=worker, name="worker").start()
print("ready", flush=True)
threading.Event().wait(30)          # and the main thread waits for nothing
"""

if __name__ == "__main__":
    if sys.version_info < (3, 15):
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        print(f"Python {version} has no profiling.sampling: it is new in 3.15.")
        raise SystemExit
    stuck = subprocess.Popen(
        [sys.executable, "-c", STUCK_PROGRAM], stdout=subprocess.PIPE, text=True
    )
    try:
        stuck.stdout.readline()  # "ready": both threads are in place
        time.sleep(0.2)
        dump = subprocess.run(
            [
                sys.executable,
                "-m",
                "profiling.sampling",
                "dump",
                "--all-threads",
                str(stuck.pid),
            ],
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        stuck.kill()
        stuck.wait(timeout=10)
        stuck.stdout.close()
    text = dump.stdout + dump.stderr
    # Ids change on every run (the main thread's id is the process id).
    text = re.sub(rf"(PID|thread) {stuck.pid}\b", r"\1 <pid>", text)
    text = re.sub(r"thread \d+", "thread <tid>", text)
    print(text.replace(sysconfig.get_path("stdlib") + os.sep, ""), end="")
