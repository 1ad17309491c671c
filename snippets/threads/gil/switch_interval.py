"""Read and change the interpreter's thread switch interval."""

import sys

if __name__ == "__main__":
    default = sys.getswitchinterval()
    print(f"default: {default} s")

    sys.setswitchinterval(0.0005)
    print(f"after setswitchinterval(0.0005): {sys.getswitchinterval()} s")

    sys.setswitchinterval(0.0000025)  # kept in whole microseconds
    print(f"after setswitchinterval(0.0000025): {sys.getswitchinterval()} s")

    try:
        sys.setswitchinterval(0)
    except ValueError as exc:
        print(f"setswitchinterval(0): ValueError: {exc}")

    sys.setswitchinterval(default)
    print(f"restored: {sys.getswitchinterval()} s")
