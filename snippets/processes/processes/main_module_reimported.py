"""Which processes run this file's top-level code? It depends on the start
method, and for forkserver on the Python version."""

import multiprocessing

if __name__ == "__main__":
    role = "parent"
elif multiprocessing.current_process().name == "MainProcess":
    role = "fork server"  # imported by the server itself, not by a child
else:
    role = "child"
print(f"  [{role}] top-level code runs, __name__ == {__name__!r}", flush=True)


def work():
    print("  [child] target runs", flush=True)


if __name__ == "__main__":
    for method in ("fork", "spawn", "forkserver"):
        print(f"{method}, two children:", flush=True)
        context = multiprocessing.get_context(method)
        for _ in range(2):
            process = context.Process(target=work)
            process.start()
            process.join()
