"""Does a child process inherit the parent's logging configuration? It depends."""

import logging
import multiprocessing
import sys


def log_and_describe(who):
    root = logging.getLogger()
    handlers = [type(h).__name__ for h in root.handlers]
    level = logging.getLevelName(root.level)
    print(f"{who}: root logger level {level}, handlers {handlers}")
    logging.getLogger("app").info("an INFO record from the %s", who)


if __name__ == "__main__":
    logging.basicConfig(
        level=logging.INFO, stream=sys.stdout, format="  logged -> %(message)s"
    )
    log_and_describe("parent")
    for method in ("fork", "spawn", "forkserver"):
        ctx = multiprocessing.get_context(method)  # explicit, whatever the default
        p = ctx.Process(target=log_and_describe, args=(f"{method} child",))
        p.start()
        p.join(timeout=10)
