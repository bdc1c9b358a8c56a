"""The one root conftest: the --slow switch and fixtures every test folder may use."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="also run tests marked slow")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip_slow = pytest.mark.skip(reason="slow: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip_slow)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository checkout (examples/, knowledge/, models/ live here)."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The bundled example claims made by examples/make_examples.py."""
    return REPO_ROOT / "examples"


@pytest.fixture(scope="session")
def cjk_font_path() -> Path:
    """A TrueType font with Chinese glyphs (Debian fonts-wqy-zenhei) for drawing test pages."""
    path = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    if not path.exists():
        pytest.skip("fonts-wqy-zenhei is not installed (the README's install step adds it)")
    return path
