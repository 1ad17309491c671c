"""What a child sees of a global that the parent changed before start().

The same child runs under each start method and sends back the value it sees.
"""

import multiprocessing

SETTING = "module default"


def send_setting(conn):
    conn.send(SETTING)
    conn.close()


if __name__ == "__main__":
    SETTING = "changed by the parent before start()"
    print(f"{'parent:':12}{SETTING!r}")
    for method in ("fork", "spawn", "forkserver"):
        ctx = multiprocessing.get_context(method)
        parent_end, child_end = ctx.Pipe()
        child = ctx.Process(target=send_setting, args=(child_end,))
        child.start()
        seen = parent_end.recv()  # receive first, then join
        child.join()
        print(f"{method + ':':12}{seen!r}")
