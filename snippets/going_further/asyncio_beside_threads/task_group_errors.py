"""TaskGroup: one task fails, its siblings are cancelled, errors come as a group."""

import asyncio

events = []


async def fetch(name, delay=0.0, fail=False):
    if delay:
        try:
            await asyncio.sleep(delay)
        except asyncio.CancelledError:
            events.append(f"{name}: cancelled while waiting")
            raise  # let the cancellation finish its job
    if fail:
        raise ConnectionError(f"{name}: connection reset")
    events.append(f"{name}: done")
    return name


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            # Tasks start in this order, in the loop's next iteration: b and c
            # both fail in their first step, before the group can react.
            group.create_task(fetch("a"))
            group.create_task(fetch("b", fail=True))
            group.create_task(fetch("c", fail=True))
            group.create_task(fetch("d", delay=5))
    except* ConnectionError as errors:
        for error in sorted(errors.exceptions, key=str):
            events.append(f"caught {type(error).__name__}: {error}")
    for line in events:
        print(line)


if __name__ == "__main__":
    asyncio.run(main())
