"""Look inside a running asyncio program from outside: python -m asyncio ps (3.14+)."""

import asyncio
import re
import subprocess
import sys


async def read_reply(path):
    await asyncio.sleep(3600)  # a reply that never comes


async def fetch(path):
    await read_reply(path)


async def main():
    async with asyncio.TaskGroup() as group:
        for path in ("/a", "/b"):
            group.create_task(fetch(path), name=f"fetch {path}")
        print("ready", flush=True)  # tell the parent that the tasks exist


def inspect_child():
    child = subprocess.Popen(
        [sys.executable, __file__, "child"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline() == "ready\n"
        ps = subprocess.run(
            [sys.executable, "-m", "asyncio", "ps", str(child.pid)],
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        child.kill()
        child.wait()
        child.stdout.close()
    if ps.returncode:
        print("python -m asyncio ps failed:", ps.stderr.strip().splitlines()[-1])
        return
    # Columns: thread id, task id, task name, coroutine stack, awaiter chain,
    # awaiter name, awaiter id. Ids change on every run: print names instead.
    header, _, *rows = ps.stdout.splitlines()
    name_at, stack_at = header.index("task name"), header.index("coroutine stack")
    names = {row.split()[1]: row[name_at:stack_at].strip() for row in rows}
    print(f"{'task':<10}{'awaited by':<12}coroutine stack (innermost first)")
    for row in sorted(rows, key=lambda row: names[row.split()[1]]):
        stack = re.split(r"\s{2,}", row[stack_at:])[0]
        awaited_by = names.get(row.split()[-1], "-")
        print(f"{names[row.split()[1]]:<10}{awaited_by:<12}{stack}")


if __name__ == "__main__":
    if sys.argv[1:] == ["child"]:
        asyncio.run(main())
    elif sys.version_info >= (3, 14):
        inspect_child()
    else:
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        print(f"Python {version}: python -m asyncio ps does not exist before 3.14")
