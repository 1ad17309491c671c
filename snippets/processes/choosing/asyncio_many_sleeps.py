"""asyncio: ten thousand concurrent waits in one thread."""

import asyncio
import threading
import time

TASKS = 10_000


async def wait_for_reply(n):
    await asyncio.sleep(0.2)  # stands for a network wait
    return n


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(*(wait_for_reply(n) for n in range(TASKS)))
    elapsed = time.perf_counter() - start
    print(f"{len(results)} waits of 0.2 s each: {elapsed:.2f} s")
    print("results in order:", results == list(range(TASKS)))
    print("threads in this process:", threading.active_count())


if __name__ == "__main__":
    asyncio.run(main())
