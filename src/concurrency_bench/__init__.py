"""The benchmark package behind the Performance chapter.

Modules: `workloads` (the work timed), `timing` (interleaved rounds, medians),
`ceiling` (the machine's parallel ceiling), `benchmarks` (the benchmarks and the
tested targets), `charts` (SVG charts and tables), `machine` (the machine stamp),
`page` (the page's blocks) and `cli` (``python -m concurrency_bench``); `asyncio_io`
measures asyncio against threads for the asyncio chapter.
"""
