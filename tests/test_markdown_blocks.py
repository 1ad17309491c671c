"""Python blocks written inline in the pages are linted and run (pytest-examples).

Collected: ```` ```python ```` fences in ``docs/**/*.md``. Left out: markdown-exec
fences (``exec="on"``: they only call the snippet helper, and the snippets are tested
as files) and fences whose body is only ``--8<--`` include lines. A block whose
printed values follow as ``#>`` comments is checked against them; a block marked
```` ```python {test="skip"} ```` cannot run alone and is only linted.
``pytest --update-examples`` rewrites the ``#>`` comments from a real run.
"""

from __future__ import annotations

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from site_tools.snippets import ROOT


def _is_inline_python(example: CodeExample) -> bool:
    language = example.prefix.split(" ", 1)[0].strip("{.")
    if language not in {"py", "python"}:
        return False
    if "exec" in example.prefix_settings():
        return False
    lines = [line for line in example.source.splitlines() if line.strip()]
    return not all(line.lstrip().startswith("--8<--") for line in lines)


EXAMPLES = [ex for ex in find_examples(ROOT / "docs") if _is_inline_python(ex)]


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_inline_block(example: CodeExample, eval_example: EvalExample) -> None:
    runs = example.prefix_settings().get("test") != "skip"
    # A fragment that cannot run alone may use names defined elsewhere (F821).
    ignore = ["T201"] if runs else ["T201", "F821"]
    eval_example.set_config(line_length=88, target_version="py310", ruff_ignore=ignore)
    if eval_example.update_examples:
        eval_example.format(example)
        if runs:
            eval_example.run_print_update(example)
    else:
        eval_example.lint(example)
        if runs:
            eval_example.run_print_check(example)
