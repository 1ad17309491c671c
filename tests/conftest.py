"""Shared fixtures: the repository layout, the interpreters, the built site."""

from __future__ import annotations

from pathlib import Path

import pytest

from site_tools.build import build_site


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="write each snippet's real stdout to its .stdout file instead of comparing",
    )


@pytest.fixture(scope="session")
def update_outputs(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-outputs"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the site once, strictly, into a temporary folder; return that folder.

    A build that fails (an example that raises, a wrong exit code, a timeout, a
    missing include, a broken link or anchor) fails every test that needs the site,
    with the builder's log in the message.
    """
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir)
    if result.returncode != 0:
        pytest.fail(
            f"strict build failed:\n{result.stdout}\n{result.stderr}", pytrace=False
        )
    return site_dir
