"""Does a new thread see the context variables of the thread that started it?

It depends on sys.flags.thread_inherit_context (3.14+): false by default on the
standard build, true on the free-threaded build. The child run sets the flag with
-X thread_inherit_context=1, so a standard build shows both behaviours.
"""

import contextvars
import subprocess
import sys
import threading

request_id = contextvars.ContextVar("request_id", default="(not set)")


def seen_by_new_thread():
    """Set request_id here, start a thread, return what the thread reads."""
    request_id.set("req-42")
    seen = []
    worker = threading.Thread(target=lambda: seen.append(request_id.get()))
    worker.start()
    worker.join()
    return seen[0]


def flag(name):
    value = getattr(sys.flags, name, None)
    return "no such flag (before 3.14)" if value is None else value


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(seen_by_new_thread())
        sys.exit()
    print(f"sys.flags.thread_inherit_context: {flag('thread_inherit_context')}")
    print(f"sys.flags.context_aware_warnings: {flag('context_aware_warnings')}")
    print(f"new thread sees request_id = {seen_by_new_thread()}")
    child = subprocess.run(
        [sys.executable, "-X", "thread_inherit_context=1", __file__, "--child"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    print(f"with -X thread_inherit_context=1: {child.stdout.strip()}")
