"""asyncio.timeout cancels a waiting task; a running thread cannot be cancelled."""

import asyncio
import threading
import time
from concurrent.futures import ThreadPoolExecutor

log = []


async def slow_reply():
    try:
        await asyncio.sleep(10)  # a server that never answers in time
    except asyncio.CancelledError:
        log.append("slow_reply: CancelledError raised at its await")
        raise
    finally:
        log.append("slow_reply: finally block ran (connections closed here)")


async def with_timeout():
    try:
        async with asyncio.timeout(0.1):
            await slow_reply()
    except TimeoutError:  # the CancelledError came out as TimeoutError
        log.append("caller: TimeoutError after 0.1 s")


def blocking_job(started, finished):
    started.set()
    for _ in range(20):  # 20 × 0.01 s
        time.sleep(0.01)
    finished.set()


def thread_cannot_be_cancelled():
    started, finished = threading.Event(), threading.Event()
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(blocking_job, started, finished)
        started.wait(timeout=10)  # the job is running now
        log.append(f"thread: future.cancel() returned {future.cancel()}")
        future.result()
    log.append(f"thread: the job ran to its end anyway: {finished.is_set()}")


async def main():
    await with_timeout()

    task = asyncio.create_task(slow_reply())
    await asyncio.sleep(0.01)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log.append(f"task.cancel(): task.cancelled() is {task.cancelled()}")

    await asyncio.to_thread(thread_cannot_be_cancelled)
    print("\n".join(log))


if __name__ == "__main__":
    asyncio.run(main())
