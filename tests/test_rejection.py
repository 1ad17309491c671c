"""A broken example of each kind is rejected, and the message names the file at fault.

Each case builds a tiny project in a temporary folder (``SITE_TOOLS_ROOT`` points the
helpers at it), breaks one thing, and runs the same check the real suite runs: the
strict build, or ``tests/test_snippets.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from site_tools.build import build_site
from site_tools.snippets import ROOT

GOOD_SNIPPET = 'if __name__ == "__main__":\n    print("hello")\n'
CONFIG = """\
site_name: rejection test
theme:
  name: material
  font: false
strict: true
validation:
  unrecognized_links: warn
  anchors: warn
  not_found: warn
markdown_extensions:
  - md_in_html
  - pymdownx.superfences
  - pymdownx.snippets:
      base_path: [!relative $config_dir]
      check_paths: true
plugins:
  - markdown-exec
"""
EXAMPLE_BLOCK = """
```python exec="on" html="1"
from site_tools.pages import example
print(example("snippets/demo/page/{name}.py"))
```
"""


def make_project(
    tmp_path: Path, snippet: str, page_extra: str = "", toml: str = ""
) -> Path:
    """A one-page project whose page shows ``snippets/demo/page/bad.py``."""
    folder = tmp_path / "snippets" / "demo" / "page"
    folder.mkdir(parents=True)
    (folder / "bad.py").write_text(textwrap.dedent(snippet), encoding="utf-8")
    (folder / "bad.stdout").write_text("hello\n", encoding="utf-8")
    if toml:
        (folder / "snippets.toml").write_text(toml, encoding="utf-8")
    (tmp_path / "docs" / "demo").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    page = "# Page\n\n## Section\n" + EXAMPLE_BLOCK.format(name="bad") + page_extra
    (tmp_path / "docs" / "demo" / "page.md").write_text(page, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SITE_TOOLS_ROOT": str(project), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return build_site(project / "out", project=project, timeout=120)


def snippet_tests(project: Path) -> subprocess.CompletedProcess[str]:
    return run(
        project,
        "-m",
        "pytest",
        str(ROOT / "tests" / "test_snippets.py"),
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(project),
    )


def test_control_case_passes(tmp_path: Path) -> None:
    """The tiny project itself is fine, so each failure below is the breakage's."""
    project = make_project(tmp_path, GOOD_SNIPPET)
    assert build(project).returncode == 0
    assert snippet_tests(project).returncode == 0


def test_exception_fails_build_and_tests(tmp_path: Path) -> None:
    project = make_project(tmp_path, GOOD_SNIPPET + '    raise ValueError("broken")\n')
    for result in (build(project), snippet_tests(project)):
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "snippets/demo/page/bad.py" in output
        assert 'bad.py", line 3' in output and "ValueError: broken" in output


def test_wrong_output_fails_tests(tmp_path: Path) -> None:
    project = make_project(tmp_path, GOOD_SNIPPET.replace("hello", "goodbye"))
    result = snippet_tests(project)
    assert result.returncode != 0
    assert "snippets/demo/page/bad.py: stdout on CPython" in result.stdout
    assert "differs from expected" in result.stdout
    assert "+goodbye" in result.stdout


def test_output_that_changes_between_runs_fails_tests(tmp_path: Path) -> None:
    """An exact-output snippet that prints something new each run is caught."""
    random = "import os\n\nif __name__ == '__main__':\n    print(os.urandom(4).hex())\n"
    result = snippet_tests(make_project(tmp_path, random))
    assert result.returncode != 0
    assert "snippets/demo/page/bad.py: two runs on CPython" in result.stdout
    assert (
        "--- first run ---" in result.stdout and "--- second run ---" in result.stdout
    )


def test_hang_is_killed_and_fails(tmp_path: Path) -> None:
    hang = "import time\n\nif __name__ == '__main__':\n    time.sleep(3600)\n"
    project = make_project(tmp_path, hang, toml="[bad]\ntimeout = 1\n")
    for result in (build(project), snippet_tests(project)):
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "snippets/demo/page/bad.py" in output and "timed out after 1 s" in output


def test_missing_include_fails_build(tmp_path: Path) -> None:
    extra = '\n```python\n--8<-- "snippets/demo/page/missing.py"\n```\n'
    result = build(make_project(tmp_path, GOOD_SNIPPET, page_extra=extra))
    assert result.returncode != 0
    assert "snippets/demo/page/missing.py" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("[gone](gone.md)", "gone.md"),
        ("[nowhere](#no-such-heading)", "no-such-heading"),
    ],
    ids=["broken-link", "broken-anchor"],
)
def test_broken_link_fails_strict_build(
    tmp_path: Path, link: str, message: str
) -> None:
    result = build(make_project(tmp_path, GOOD_SNIPPET, page_extra=f"\nSee {link}.\n"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "demo/page.md" in output and message in output
