"""Load an expensive resource once per worker (initializer) instead of once per task."""

import os
import time
from concurrent.futures import ProcessPoolExecutor

LOAD_SECONDS = 0.05  # stands in for opening a connection or loading a model
TASKS = 40
WORKERS = 2


def load_model():
    time.sleep(LOAD_SECONDS)
    return {"pid": os.getpid(), "weight": 3}


def predict_loading_each_time(x):
    model = load_model()  # paid on every task
    return x * model["weight"], model["pid"]


model = None  # one per worker process, set by the initializer


def init_worker():
    global model
    model = load_model()  # paid once, when the worker starts


def predict_with_loaded_model(x):
    return x * model["weight"], model["pid"]


def timed_run(func, initializer=None):
    start = time.perf_counter()
    with ProcessPoolExecutor(WORKERS, initializer=initializer) as pool:
        results = list(pool.map(func, range(TASKS)))
    return time.perf_counter() - start, results


if __name__ == "__main__":
    per_task, results_a = timed_run(predict_loading_each_time)
    per_worker, results_b = timed_run(predict_with_loaded_model, init_worker)
    assert [r for r, _ in results_a] == [r for r, _ in results_b]
    print(
        f"{TASKS} tasks, {WORKERS} workers, a load costs {LOAD_SECONDS * 1000:.0f} ms"
    )
    print(f"load in every task:      {per_task:.2f} s, {TASKS} loads")
    ran_tasks = len({pid for _, pid in results_b})
    print(f"load in the initializer: {per_worker:.2f} s, once per worker started")
    print(f"  (workers that ran tasks: {ran_tasks})")
    print(f"saved: {per_task - per_worker:.2f} s")
