"""A socket can be sent to a child or a pool worker; an open file cannot.

Plain pickle refuses a socket, but multiprocessing registers its own reducer for
sockets: the child receives a duplicate of the file descriptor. Both ends here are
a socketpair (a connected pair of local sockets, no network involved).
"""

import functools
import multiprocessing
import pickle
import socket
from concurrent.futures import ProcessPoolExecutor


def say_hello(sock, sender):
    with sock:
        sock.sendall(f"hello from {sender}".encode())
    return "sent"


def show(label, action, *args):
    try:
        result = action(*args)
    except Exception as exc:  # the type only: the message varies by version
        result = f"fails, {type(exc).__name__}"
    print(f"{label:<38} {result}")


def through_process(method):
    ours, theirs = socket.socketpair()
    with ours, theirs:
        context = multiprocessing.get_context(method)
        child = context.Process(target=say_hello, args=(theirs, f"a {method} child"))
        child.start()
        child.join(timeout=10)
        return ours.recv(100).decode()


def through_pool(make_pool, label):
    ours, theirs = socket.socketpair()
    with ours, theirs, make_pool() as pool:
        pool_submit = getattr(pool, "submit", None)
        if pool_submit is None:  # multiprocessing.Pool
            pool.apply(say_hello, (theirs, label))
        else:
            pool_submit(say_hello, theirs, label).result(timeout=10)
        return ours.recv(100).decode()


def send_open_file():
    with open(__file__) as file, ProcessPoolExecutor(max_workers=1) as pool:
        return pool.submit(len, file).result(timeout=10)


def pickle_a_socket():
    ours, theirs = socket.socketpair()
    with ours, theirs:
        return pickle.dumps(theirs)


if __name__ == "__main__":
    show("pickle.dumps(socket):", pickle_a_socket)
    for method in ("spawn", "forkserver"):
        show(f"Process(args=(socket,)), {method}:", through_process, method)
    show("ProcessPoolExecutor().submit:", through_pool, ProcessPoolExecutor, "a worker")
    spawn_pool = functools.partial(multiprocessing.get_context("spawn").Pool, 1)
    show("spawn Pool(1).apply:", through_pool, spawn_pool, "a Pool worker")
    show("ProcessPoolExecutor, an open file:", send_open_file)
