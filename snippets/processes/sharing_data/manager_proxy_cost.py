"""Each proxy call is a round trip to the manager: timed against a local call."""

import multiprocessing
import time

CALLS = 2_000


def per_call_us(d):
    start = time.perf_counter()
    for i in range(CALLS):
        d[i % 10] = i
    return (time.perf_counter() - start) / CALLS * 1e6


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        proxy = manager.dict()
        local = {}
        per_call_us(proxy)  # warm up both
        per_call_us(local)
        proxy_us = min(per_call_us(proxy) for _ in range(3))
        local_us = min(per_call_us(local) for _ in range(3))

    print(f"local dict d[k] = v: {local_us:.3f} us per call")
    print(f"DictProxy d[k] = v:  {proxy_us:.1f} us per call")
    print(f"ratio: {proxy_us / local_us:.0f}x")
