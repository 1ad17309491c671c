"""An uncaught task exception from a ProcessPoolExecutor, as the caller sees it."""

from concurrent.futures import ProcessPoolExecutor


def check_positive(n):
    if n < 0:
        raise ValueError(f"negative input: {n}")
    return n


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=1) as executor:
        future = executor.submit(check_positive, -1)
        print("submitted; now asking for the result")
        future.result(timeout=10)  # re-raises here, in the parent
    print("never printed")
