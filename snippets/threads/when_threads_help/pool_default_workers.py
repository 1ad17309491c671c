"""How many threads may ThreadPoolExecutor() start if you do not say?"""

import os
import sys
from concurrent.futures import ThreadPoolExecutor


def usable_cpus():
    """CPUs this process may run on (Linux: its affinity mask)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


def report(heading):
    with ThreadPoolExecutor() as pool:
        # _max_workers is private: read here only to show the default.
        default = pool._max_workers
    print(heading)
    print(f"  os.cpu_count():        {os.cpu_count()}")
    print(f"  usable CPUs:           {usable_cpus()}")
    print(f"  default max_workers:   {default}")


if __name__ == "__main__":
    print(f"python: {sys.version_info.major}.{sys.version_info.minor}")
    report("unrestricted process")
    if hasattr(os, "sched_setaffinity"):  # Linux: pin this process to one CPU
        first_cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {first_cpu})
        report("process restricted to 1 CPU")
