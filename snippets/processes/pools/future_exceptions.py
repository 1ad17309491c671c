"""An exception in a task is stored in its Future: result() re-raises it."""

from concurrent.futures import ThreadPoolExecutor, as_completed


def check_positive(n):
    if n < 0:
        raise ValueError(f"negative input: {n}")
    return n


if __name__ == "__main__":
    with ThreadPoolExecutor(max_workers=2) as executor:
        # 1. Nobody asks: the exception is stored and silently dropped.
        executor.submit(check_positive, -1)

        # 2. result() re-raises it in the caller, with the worker's traceback.
        future = executor.submit(check_positive, -2)
        try:
            future.result(timeout=5)
        except ValueError as exc:
            print("result() re-raised:", repr(exc))

        # 3. The pattern: collect with as_completed, handle each failure.
        futures = {executor.submit(check_positive, n): n for n in (3, -4, 5)}
        outcomes = []
        for f in as_completed(futures, timeout=5):
            if f.exception() is None:
                outcomes.append(f"{futures[f]}: ok")
            else:
                outcomes.append(f"{futures[f]}: {type(f.exception()).__name__}")
        print("as_completed:", sorted(outcomes))
    print("the executor shut down; task 1's ValueError was never reported")
