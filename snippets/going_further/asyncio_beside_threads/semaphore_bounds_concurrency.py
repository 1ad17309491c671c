"""A Semaphore keeps at most LIMIT requests in flight, however many tasks exist."""

import asyncio

TASKS, LIMIT = 20, 3
in_flight = peak = 0


async def request(gate, n):
    global in_flight, peak
    async with gate:  # waits while LIMIT requests are already in flight
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)  # stands for the network round trip
        in_flight -= 1
    return n * n


async def main():
    gate = asyncio.Semaphore(LIMIT)
    results = await asyncio.gather(*(request(gate, n) for n in range(TASKS)))
    print(f"{TASKS} tasks, Semaphore({LIMIT}): at most {peak} requests at once")
    print("results in order:", results == [n * n for n in range(TASKS)])


if __name__ == "__main__":
    asyncio.run(main())
