"""Force the multiprocessing start method named in SITE_TOOLS_START_METHOD.

Put on PYTHONPATH by the test runner (see ``site_tools.snippets.snippet_env``), so
a snippet runs under fork, spawn or forkserver without being edited. Python
imports ``sitecustomize`` at start-up, in the snippet and in every child process.
"""

import os

_method = os.environ.get("SITE_TOOLS_START_METHOD")
if _method:
    import multiprocessing

    multiprocessing.set_start_method(_method, force=True)
