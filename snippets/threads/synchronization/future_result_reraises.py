"""With an executor, future.result() re-raises the worker's exception in the caller."""

from concurrent.futures import ThreadPoolExecutor


def parse(record):
    if "?" in record:
        raise ValueError(f"bad record: {record!r}")
    key, value = record.split("=")
    return key, int(value)


if __name__ == "__main__":
    records = ["a=1", "b=?", "c=3"]
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="parser") as pool:
        futures = {record: pool.submit(parse, record) for record in records}

    for record, future in futures.items():
        try:
            print(f"{record}: {future.result(timeout=5)}")
        except ValueError as exc:
            print(f"{record}: raised here, in the caller: ValueError: {exc}")
    print(f"future.exception() of the failed one: {futures['b=?'].exception()!r}")
