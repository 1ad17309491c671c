"""Workers return lines to the parent, which prints them in a fixed order."""

import multiprocessing


def report(name, numbers, lines):
    total = sum(n * n for n in numbers)
    lines.put((name, [f"{name}: squares of {numbers}", f"{name}: sum {total}"]))


if __name__ == "__main__":
    lines = multiprocessing.Queue()
    workers = [
        multiprocessing.Process(target=report, args=(f"worker-{i}", [i, i + 1], lines))
        for i in range(4)
    ]
    for w in workers:
        w.start()
    reports = dict(lines.get(timeout=10) for _ in workers)
    for w in workers:
        w.join(timeout=10)

    for name in sorted(reports):  # only the parent prints
        for line in reports[name]:
            print(line)
