"""Pipe(): two connected ends; each process keeps one and talks through it."""

import multiprocessing


def square_server(conn):
    # Answer requests until the parent sends None.
    while conn.poll(10):  # wait up to 10 s for a message
        n = conn.recv()
        if n is None:
            break
        conn.send((n, n * n))
    conn.close()


if __name__ == "__main__":
    parent_end, child_end = multiprocessing.Pipe()  # duplex by default
    worker = multiprocessing.Process(target=square_server, args=(child_end,))
    worker.start()
    child_end.close()  # the parent uses only its own end

    for n in [2, 3, 8, 9]:
        parent_end.send(n)  # pickled, like a Queue item
        if parent_end.poll(10):
            print("reply:", parent_end.recv())
    parent_end.send(None)
    worker.join(timeout=10)
    print("exit code:", worker.exitcode)

    # duplex=False gives a receive-only end and a send-only end.
    reader, writer = multiprocessing.Pipe(duplex=False)
    writer.send("one-way")
    print("reader got:", reader.recv())
    try:
        reader.send("back")
    except OSError as exc:
        print("reader.send():", exc)
