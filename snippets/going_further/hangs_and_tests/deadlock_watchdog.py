"""A watchdog prints every thread's stack when the program seems stuck."""

import faulthandler
import os
import re
import sysconfig
import tempfile
import threading

first, second = threading.Lock(), threading.Lock()
both_hold_one = threading.Barrier(2)


def transfer(name, a, b):
    with a:
        both_hold_one.wait()  # make sure each thread holds its first lock
        with b:  # deadlock: the other thread holds b and waits for a
            print(f"{name} done")


if __name__ == "__main__":
    with tempfile.TemporaryFile("w+") as report:
        # Dump every thread's stack in 1 s unless cancelled (exit=False: keep going).
        faulthandler.dump_traceback_later(1, file=report)
        threads = [
            threading.Thread(target=transfer, args=(name, a, b), name=name, daemon=True)
            for name, a, b in (("t1", first, second), ("t2", second, first))
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=2)
        faulthandler.cancel_dump_traceback_later()
        print("still running after 2 s:", [t.is_alive() for t in threads])
        report.seek(0)
        dump = report.read()
    # Thread ids change on every run: show them as 0x…; shorten the paths.
    dump = re.sub(r"0x[0-9a-f]+", "0x…", dump)
    for folder in (sysconfig.get_path("stdlib"), os.getcwd()):
        dump = dump.replace(folder + os.sep, "")
    print(dump, end="")
