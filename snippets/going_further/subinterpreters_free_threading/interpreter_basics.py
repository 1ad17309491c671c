"""Create an interpreter, run code in it, call a function in it, close it; a pool.

The module is new in Python 3.14; on older versions the import fails, and the
snippet says so.
"""

import sys

setting = "set when the module is loaded"


def describe(n):
    """Report where it runs, what it sees, and n squared."""
    from concurrent import interpreters

    here = interpreters.get_current().id
    return f"interpreter {here}, module {__name__!r}: {setting!r}, {n * n}"


def read_main_global(name):
    import __main__

    return getattr(__main__, name)


if __name__ == "__main__":
    try:
        from concurrent import interpreters
    except ImportError as error:  # before 3.14
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        print(f"Python {version}: no concurrent.interpreters ({type(error).__name__})")
        sys.exit()

    setting = "changed by the main interpreter at run time"
    interp = interpreters.create()
    print(f"main interpreter: {interpreters.get_main().id}, new one: {interp.id}")

    # exec() runs source code in the other interpreter's own __main__ module;
    # what it defines stays there, from one call to the next.
    interp.exec("counter = 1")
    interp.exec("counter += 1")
    print("counter over there:", interp.call(read_main_global, "counter"))
    print("counter here:", globals().get("counter", "not defined"))

    # call() runs a function over there and brings the result back.
    print("here: ", describe(12))
    print("there:", interp.call(describe, 12))

    # An InterpreterPoolExecutor runs each task the same way, in its workers.
    from concurrent.futures import InterpreterPoolExecutor

    with InterpreterPoolExecutor(max_workers=1) as pool:
        print("pool: ", pool.submit(describe, 12).result())

    print("interpreters:", len(interpreters.list_all()), end="")
    interp.close()
    print(", after close():", len(interpreters.list_all()))
