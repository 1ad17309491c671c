"""One blocking call stalls every task; to_thread and a process pool fix it."""

import asyncio
import time
from concurrent.futures import ProcessPoolExecutor

BLOCK = 0.2  # seconds each blocking call lasts
TICK = 0.01  # the heartbeat task wants to run every 10 ms


def count_down(n):
    """CPU-bound pure Python; at module level so a process pool can pickle it."""
    while n > 0:
        n -= 1
    return n


async def heartbeat(beats):
    """Sleep TICK again and again; record each wake-up: (time, how late)."""
    loop = asyncio.get_running_loop()
    while True:
        planned = loop.time() + TICK
        await asyncio.sleep(TICK)
        beats.append((loop.time(), loop.time() - planned))


async def beside_heartbeat(work):
    """Run `work()` beside the heartbeat: its time, beats meanwhile, worst lag."""
    loop = asyncio.get_running_loop()
    beats = []
    beat = asyncio.create_task(heartbeat(beats))
    await asyncio.sleep(3 * TICK)  # let the heartbeat settle
    beats.clear()
    start = loop.time()
    await work()
    end = loop.time()
    await asyncio.sleep(3 * TICK)
    beat.cancel()
    meanwhile = sum(1 for at, _ in beats if start < at < end)
    return end - start, meanwhile, max(lag for _, lag in beats)


async def main(pool, count):
    loop = asyncio.get_running_loop()

    async def sleep_blocking():
        time.sleep(BLOCK)  # blocks the thread that runs the loop

    async def sleep_in_thread():
        await asyncio.to_thread(time.sleep, BLOCK)

    async def compute_here():
        count_down(count)

    async def compute_in_process():
        await loop.run_in_executor(pool, count_down, count)

    cases = [
        ("time.sleep() in a coroutine", sleep_blocking),
        ("await asyncio.to_thread(time.sleep)", sleep_in_thread),
        ("CPU-bound function in a coroutine", compute_here),
        ("await run_in_executor(process pool)", compute_in_process),
    ]
    for label, work in cases:
        took, beats, lag = await beside_heartbeat(work)
        print(
            f"{label + ':':<39} took {took * 1000:3.0f} ms, "
            f"{beats:2} beats meanwhile, worst lag {lag * 1000:3.0f} ms"
        )


def calibrate():
    """A count_down argument that takes about BLOCK seconds here."""
    start = time.perf_counter()
    count_down(1_000_000)
    return int(1_000_000 * BLOCK / (time.perf_counter() - start))


if __name__ == "__main__":
    count = calibrate()
    with ProcessPoolExecutor(max_workers=1) as pool:
        pool.submit(count_down, 1).result()  # start the worker before timing
        print(f"each blocking call lasts about {BLOCK} s; heartbeat every 10 ms")
        asyncio.run(main(pool, count))
