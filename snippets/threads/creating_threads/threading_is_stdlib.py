"""threading ships with Python: there is nothing to install."""

import sys
import sysconfig
import threading
from pathlib import Path

if __name__ == "__main__":
    stdlib = Path(sysconfig.get_paths()["stdlib"]).resolve()
    module_file = Path(threading.__file__).resolve()
    print(
        "threading is a standard-library module:",
        "threading" in sys.stdlib_module_names,
    )
    in_stdlib_folder = module_file.parent == stdlib
    print("loaded from the standard library folder:", in_stdlib_folder)
    for name in ("queue", "multiprocessing", "concurrent"):
        print(f"{name} is in the standard library:", name in sys.stdlib_module_names)
