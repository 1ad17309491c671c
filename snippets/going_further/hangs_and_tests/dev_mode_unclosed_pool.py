"""python -X dev reports a pool that was never closed; a plain run says nothing."""

import multiprocessing
import os
import subprocess
import sys
import sysconfig


def square(x):
    return x * x


def forgetful():
    pool = multiprocessing.Pool(2)  # never closed, terminated or used in `with`
    return pool.map(square, range(5))


if __name__ == "__main__":
    if sys.argv[1:] == ["run"]:
        print(forgetful())
        raise SystemExit
    for flags in ([], ["-X", "dev"]):
        run = subprocess.run(
            [sys.executable, *flags, __file__, "run"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        print(f"$ python {' '.join([*flags, os.path.basename(__file__)])}")
        stderr = run.stderr.replace(sysconfig.get_path("stdlib") + os.sep, "")
        print(f"stdout: {run.stdout.strip()}")
        print("stderr:", stderr.strip() or "(nothing)", end="\n\n")
