"""An exception raised in another interpreter, seen from the main one.

exec() and call() raise ExecutionFailed, which carries a summary of the original
exception (its type name, message and formatted traceback), not the exception
itself. InterpreterPoolExecutor re-raises the original type, with the
ExecutionFailed as its __cause__.
"""

from concurrent import interpreters
from concurrent.futures import InterpreterPoolExecutor


def parse(text):
    return int(text)


if __name__ == "__main__":
    interp = interpreters.create()
    try:
        interp.exec("settings = {}; port = settings['port']")
    except interpreters.ExecutionFailed as failed:
        info = failed.excinfo
        print(f"exec(): {type(failed).__name__}; over there: {info.type.__name__}")
        print(f"  message: {info.msg}")
    try:
        interp.call(parse, "forty-two")
    except interpreters.ExecutionFailed as failed:
        info = failed.excinfo
        print(f"call(): {type(failed).__name__}; over there: {info.type.__name__}")
        print(f"  message: {info.msg}")
    interp.close()

    with InterpreterPoolExecutor(max_workers=1) as pool:
        future = pool.submit(parse, "forty-two")
        try:
            future.result()
        except ValueError as error:
            print(f"pool: {type(error).__name__}: {error}")
            print(f"  __cause__: {type(error.__cause__).__name__}")
