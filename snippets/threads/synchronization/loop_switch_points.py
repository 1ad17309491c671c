"""Where, inside each loop, the interpreter may switch to another thread.

Since CPython 3.10 the running thread only checks whether it must hand over the
GIL at a backward jump (the end of a loop iteration) or at a call.
"""

import dis

counter = 0


def plus_one(value):
    return value + 1


def increment_in_place(n):
    global counter
    for _ in range(n):
        counter += 1


def increment_through_call(n):
    global counter
    for _ in range(n):
        counter = plus_one(counter)


def note(ins):
    if ins.argval == "counter" and ins.opname == "LOAD_GLOBAL":
        return "<- read counter"
    if ins.argval == "counter" and ins.opname == "STORE_GLOBAL":
        return "<- write counter"
    if ins.opname in ("CALL", "CALL_FUNCTION"):
        return "<- may switch threads here (a call)"
    if ins.opname in ("JUMP_BACKWARD", "JUMP_ABSOLUTE"):
        return "<- may switch threads here (end of the iteration)"
    return ""


def loop_body(func):
    """The instructions from the loop's FOR_ITER to its backward jump."""
    instructions = list(dis.get_instructions(func))
    start = next(i for i, ins in enumerate(instructions) if ins.opname == "FOR_ITER")
    for ins in instructions[start + 1 :]:
        yield ins
        if ins.opname in ("JUMP_BACKWARD", "JUMP_ABSOLUTE"):
            return


if __name__ == "__main__":
    for func in (increment_in_place, increment_through_call):
        print(f"{func.__name__}: loop body")
        for ins in loop_body(func):
            print(f"    {ins.opname:15} {ins.argrepr:16} {note(ins)}".rstrip())
