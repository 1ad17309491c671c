"""A custom threading.excepthook collects the errors of threads instead of printing."""

import threading

errors = []
errors_lock = threading.Lock()


def collect(args):
    with errors_lock:
        errors.append((args.thread.name, args.exc_type.__name__, str(args.exc_value)))


def parse(record):
    if "?" in record:
        raise ValueError(f"bad record: {record!r}")


if __name__ == "__main__":
    previous_hook = threading.excepthook
    threading.excepthook = collect
    try:
        workers = [
            threading.Thread(target=parse, args=(rec,), name=f"parser-{i}")
            for i, rec in enumerate(["a=1", "b=?", "c=3", "d=?"])
        ]
        for t in workers:
            t.start()
        for t in workers:
            t.join(timeout=5)
    finally:
        threading.excepthook = previous_hook

    print(f"{len(errors)} of {len(workers)} threads failed:")
    for name, kind, message in sorted(errors):
        print(f"  {name}: {kind}: {message}")
