"""Without join(), the main thread does not wait; the interpreter still does."""

import threading
import time


def slow_report():
    for i in range(1, 4):
        time.sleep(0.1)
        print(f"worker: line {i}")


if __name__ == "__main__":
    worker = threading.Thread(target=slow_report)
    worker.start()
    print("main: reached the end of the script")
    print("main: worker still running?", worker.is_alive())
    # No join(): the main thread's code ends here, yet Python waits for the
    # non-daemon worker before the process exits, so its lines still appear.
