"""Which build is this, is the GIL on, and what do PYTHON_GIL and -X gil do here?

The first lines describe this interpreter. Then the same interpreter is started
again as a child with each way of asking for the GIL on or off, and the table
shows what the child reported, or why it refused to start.
"""

import os
import subprocess
import sys
import sysconfig

REPORT = (
    "import sys; check = getattr(sys, '_is_gil_enabled', None); "
    "print('GIL enabled:', check() if check else 'no sys._is_gil_enabled (< 3.13)')"
)


def run_child(extra_args=(), extra_env=None):
    """Start this interpreter with extra options; return (exit code, summary)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHON_GIL"}
    env.update(extra_env or {})
    child = subprocess.run(
        [sys.executable, *extra_args, "-c", REPORT],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    if child.returncode == 0:
        return child.returncode, child.stdout.strip()
    fatal = [line for line in child.stderr.splitlines() if "Fatal" in line]
    return child.returncode, (fatal or child.stderr.splitlines())[0]


if __name__ == "__main__":
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    print(f"Python {version}")
    print(f"Py_GIL_DISABLED: {sysconfig.get_config_var('Py_GIL_DISABLED')}")
    print(f"'free-threading build' in sys.version: {'free-threading' in sys.version}")
    check = getattr(sys, "_is_gil_enabled", None)
    print(f"sys._is_gil_enabled(): {check() if check else 'missing (added in 3.13)'}")
    print()
    cases = {
        "(no option)": run_child(),
        "-X gil=1": run_child(["-X", "gil=1"]),
        "-X gil=0": run_child(["-X", "gil=0"]),
        "PYTHON_GIL=0": run_child(extra_env={"PYTHON_GIL": "0"}),
    }
    print(f"{'child started with':20} exit  what it printed")
    for label, (code, summary) in cases.items():
        print(f"{label:20} {code:>4}  {summary}")
