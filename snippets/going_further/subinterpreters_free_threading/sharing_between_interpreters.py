"""What crosses between interpreters: copies, a few shared objects, and refusals.

A cross-interpreter queue carries a list there and back: each side gets a copy.
A memoryview is one of the few objects really shared: both interpreters write to
the same bytes. A lock cannot be sent at all.
"""

import threading
from concurrent import interpreters

if __name__ == "__main__":
    interp = interpreters.create()
    to_there, to_here = interpreters.create_queue(), interpreters.create_queue()
    buffer = bytearray(4)
    interp.prepare_main(inbox=to_there, outbox=to_here, view=memoryview(buffer))

    numbers = [1, 2, 3]
    to_there.put(numbers)  # pickled: the other side unpickles its own list
    interp.exec("received = inbox.get(); received.append(4); outbox.put(received)")
    returned = to_here.get()
    print("sent:    ", numbers)
    print("returned:", returned, "(same object:", returned is numbers, end=")\n")

    interp.exec("view[0] = 255")  # writes into the main interpreter's bytearray
    print("bytearray after the other interpreter wrote to it:", buffer)

    samples = [None, 42, "text", b"bytes", (1, "a"), [1, 2], {"k": 1}, buffer]
    for value in [*samples, memoryview(buffer)]:
        shareable = interpreters.is_shareable(value)
        print(f"is_shareable({type(value).__name__}): {shareable}")
    try:
        to_there.put(threading.Lock())
    except interpreters.NotShareableError as error:
        is_type_error = isinstance(error, TypeError)
        print(f"a Lock: {type(error).__name__} (a TypeError: {is_type_error})")
    interp.close()
