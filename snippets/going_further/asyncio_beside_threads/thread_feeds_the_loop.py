"""A worker thread hands items to an event loop: the safe way and the silent bug."""

import asyncio
import threading
import time

DEADLINE = 0.5  # seconds the consumer waits for its item before giving up


async def wait_for_item(queue, started):
    """Await one item; return how long after `started` it arrived."""
    await asyncio.wait_for(queue.get(), DEADLINE + 1)
    return time.perf_counter() - started


async def handover(threadsafe):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()  # for coroutines only: not thread-safe
    started = time.perf_counter()

    def worker():
        time.sleep(0.05)  # a blocking call: the reason this runs in a thread
        if threadsafe:
            loop.call_soon_threadsafe(queue.put_nowait, "result")
        else:
            queue.put_nowait("result")  # wrong: called from another thread

    thread = threading.Thread(target=worker)
    thread.start()
    # Something else that wakes the loop up at DEADLINE (here a timer that does
    # nothing): without it, the unsafe hand-over would go unnoticed for good.
    loop.call_later(DEADLINE, lambda: None)
    waited = await wait_for_item(queue, started)
    thread.join()
    return waited


async def ask_the_loop(loop):
    await asyncio.sleep(0.01)
    return threading.current_thread().name


def from_a_thread(loop, results):
    # run_coroutine_threadsafe: run a coroutine on the loop, get a
    # concurrent.futures.Future back, and block this thread on its result.
    future = asyncio.run_coroutine_threadsafe(ask_the_loop(loop), loop)
    results.append(future.result(timeout=5))


async def main():
    unsafe = await handover(threadsafe=False)
    safe = await handover(threadsafe=True)
    print(f"put_nowait from the thread: item arrived after {unsafe:.2f} s")
    print(f"call_soon_threadsafe: item arrived after {safe:.2f} s")

    loop = asyncio.get_running_loop()
    results = []
    thread = threading.Thread(target=from_a_thread, args=(loop, results))
    thread.start()
    await asyncio.to_thread(thread.join)  # keep the loop running meanwhile
    print("run_coroutine_threadsafe: the coroutine ran in thread", results[0])


async def debug_catches_it():
    loop = asyncio.get_running_loop()
    errors = []

    def worker():
        try:
            loop.call_soon(print, "never printed")
        except RuntimeError as error:
            errors.append(error)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    print("debug mode, loop.call_soon from a thread:", errors[0])


if __name__ == "__main__":
    asyncio.run(main())
    asyncio.run(debug_catches_it(), debug=True)
