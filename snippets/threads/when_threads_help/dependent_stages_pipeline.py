"""Dependent steps in threads: a three-stage pipeline connected by queues."""

import queue
import threading
import time

STEP = 0.05  # seconds of waiting in each stage, for each item
ITEMS = ["a", "b", "c", "d", "e", "f"]
DONE = object()  # sentinel: "no more items"


def download(name):
    time.sleep(STEP)
    return f"<{name}>"


def parse(raw):
    time.sleep(STEP)
    return raw.strip("<>").upper()


def store(record, saved):
    time.sleep(STEP)
    saved.append(record)
    return record


def stage(work, inbox, outbox):
    """Process each item from inbox into outbox, then pass the sentinel on."""
    while (item := inbox.get(timeout=5)) is not DONE:
        outbox.put(work(item))
    outbox.put(DONE)


def start_pipeline(saved):
    """One thread per stage, linked by queues: names -> ... -> finished."""
    names, raws, records, finished = (queue.Queue() for _ in range(4))
    threads = [
        threading.Thread(target=stage, args=(download, names, raws)),
        threading.Thread(target=stage, args=(parse, raws, records)),
        threading.Thread(
            target=stage, args=(lambda r: store(r, saved), records, finished)
        ),
    ]
    for t in threads:
        t.start()
    return names, finished, threads


def stop_pipeline(names, threads):
    names.put(DONE)  # the sentinel travels through every stage in turn
    for t in threads:
        t.join(timeout=5)


if __name__ == "__main__":
    # Sequential: each item goes through all three steps before the next.
    saved_seq = []
    start = time.perf_counter()
    for name in ITEMS:
        store(parse(download(name)), saved_seq)
    sequential = time.perf_counter() - start

    # Pipeline: parse() needs download()'s result and store() needs parse()'s,
    # yet while item "b" is being downloaded, item "a" is being parsed.
    saved = []
    names, finished, threads = start_pipeline(saved)
    start = time.perf_counter()
    for name in ITEMS:
        names.put(name)
    stored = [finished.get(timeout=5) for _ in ITEMS]
    pipelined = time.perf_counter() - start
    stop_pipeline(names, threads)
    assert stored == saved == saved_seq

    # Strict chain: the next item may only be sent once the previous one is
    # stored (like following "next page" links). Nothing left to overlap.
    saved_chain = []
    names, finished, threads = start_pipeline(saved_chain)
    start = time.perf_counter()
    for name in ITEMS:
        names.put(name)
        finished.get(timeout=5)  # wait for this item before sending the next
    chained = time.perf_counter() - start
    stop_pipeline(names, threads)
    assert saved_chain == saved_seq

    print("stored, in order:", saved)
    print(f"{len(ITEMS)} items x 3 stages x {STEP:.2f} s")
    print(f"sequential:   {sequential:.2f} s")
    print(f"pipeline:     {pipelined:.2f} s")
    print(f"strict chain: {chained:.2f} s")
