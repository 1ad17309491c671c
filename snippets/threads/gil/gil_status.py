"""Is this a free-threaded build, and is the GIL enabled right now?"""

import sys
import sysconfig

if __name__ == "__main__":
    print(f"Python {sys.version_info.major}.{sys.version_info.minor}")

    # The build: 1 if free-threaded (3.13+), 0 or None for a default build.
    build_flag = sysconfig.get_config_var("Py_GIL_DISABLED")
    print(f'sysconfig.get_config_var("Py_GIL_DISABLED"): {build_flag!r}')
    print(f"free-threaded build: {build_flag == 1}")

    # The run: a free-threaded build can still turn the GIL on (PYTHON_GIL=1,
    # -X gil=1, or importing an extension module that is not marked as safe).
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_gil_enabled is None:
        print("sys._is_gil_enabled: absent (added in 3.13); the GIL is always on")
    else:
        print(f"sys._is_gil_enabled(): {is_gil_enabled()}")
