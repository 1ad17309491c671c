"""A lambda cannot be pickled: where that breaks a pool or a Process."""

import multiprocessing


def outcome(action, *args):
    try:
        action(*args)
    except Exception as exc:  # print the type only: the message varies by version
        return f"fails, {type(exc).__name__}"
    return "works"


def pool_map(func):
    with multiprocessing.Pool(processes=1) as pool:
        return pool.map(func, [1, 2, 3])


def run_process(method, func):
    p = multiprocessing.get_context(method).Process(target=func)
    p.start()
    p.join(timeout=10)
    if p.exitcode != 0:
        raise RuntimeError(f"exit code {p.exitcode}")


def square(n):
    return n * n


def make_local_lambda():
    return lambda: None  # defined inside a function: a "local object"


if __name__ == "__main__":
    # Pool tasks always travel through a pipe, pickled: fails under every method.
    print("Pool.map(lambda n: n * n, ...):", outcome(pool_map, lambda n: n * n))
    print("Pool.map(square, ...):         ", outcome(pool_map, square))

    # A Process target is pickled only when the child is not a fork of the parent.
    for method in ("fork", "spawn", "forkserver"):
        print(
            f"{method:>10}, Process(target=lambda):",
            outcome(run_process, method, lambda: None),
        )
        print(
            f"{method:>10}, Process(target=local lambda):",
            outcome(run_process, method, make_local_lambda()),
        )
