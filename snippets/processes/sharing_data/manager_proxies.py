"""Manager: a server process owns the objects; others reach them through proxies."""

import multiprocessing


def record(results, log, n):
    results[n] = n * n  # a method call on the proxy, run in the manager process
    log.append(f"square of {n}")


if __name__ == "__main__":
    with multiprocessing.Manager() as manager:
        results = manager.dict()
        log = manager.list()
        workers = [
            multiprocessing.Process(target=record, args=(results, log, n))
            for n in [2, 3, 8, 9]
        ]
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout=10)

        print("proxy types:", type(results).__name__, type(log).__name__)
        print("results:", dict(sorted(results.items())))
        print("log:", sorted(log))

        # A gotcha: a proxy returns COPIES of the values it holds.
        results["history"] = []
        results["history"].append("lost")  # appends to a temporary copy
        print("after append on a copy:", results["history"])
        history = results["history"]
        history.append("kept")
        results["history"] = history  # assign the new value back to the proxy
        print("after assigning back:  ", results["history"])
