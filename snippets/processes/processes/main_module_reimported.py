"""Which processes run this file's top-level code? It depends on the start
method."""

import multiprocessing

is_main = multiprocessing.current_process().name == "MainProcess"
role = "parent" if is_main else "child"
print(f"  [{role}] top-level code runs, __name__ == {__name__!r}", flush=True)


def work():
    print("  [child] target runs", flush=True)


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        print(f"{method}:", flush=True)
        process = multiprocessing.get_context(method).Process(target=work)
        process.start()
        process.join()
