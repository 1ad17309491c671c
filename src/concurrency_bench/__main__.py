"""``python -m concurrency_bench``: run the benchmarks and print the table.

Nothing runs at import: a spawned worker process re-imports this module as
``__mp_main__`` and must not start the benchmarks again.
"""

if __name__ == "__main__":
    from concurrency_bench.cli import main

    raise SystemExit(main())
