"""Stop a whole TaskGroup early: TaskGroup.cancel() from 3.15, a recipe before."""

import asyncio
import sys

MIRRORS = [("mirror-a", 0.3), ("mirror-b", 0.01), ("mirror-c", 5)]


async def probe(name, delay, found, first):
    await asyncio.sleep(delay)  # stands for a request to one mirror
    found.append(name)
    first.set()


class Stop(Exception):
    """Raised by a task to end its group (the recipe before Python 3.15)."""


async def raise_stop():
    raise Stop


async def first_answer():
    found, first = [], asyncio.Event()
    if hasattr(asyncio.TaskGroup, "cancel"):  # Python 3.15+
        async with asyncio.TaskGroup() as group:
            for name, delay in MIRRORS:
                group.create_task(probe(name, delay, found, first))
            await first.wait()
            group.cancel()  # cancels the other tasks; no exception comes out
        how = "group.cancel()"
    else:
        try:
            async with asyncio.TaskGroup() as group:
                for name, delay in MIRRORS:
                    group.create_task(probe(name, delay, found, first))
                await first.wait()
                group.create_task(raise_stop())
        except* Stop:
            pass
        how = "no TaskGroup.cancel(); a task raised Stop, caught with except*"
    print(f"Python {sys.version_info.major}.{sys.version_info.minor}: {how}")
    print("answers received before the group stopped:", found)


if __name__ == "__main__":
    asyncio.run(first_answer())
