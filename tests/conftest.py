from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis import config

TESTS_DIR = Path(__file__).parent
TEST_DATA = TESTS_DIR / "data"


@pytest.fixture
def announcement_path() -> Path:
    return config.ANNOUNCEMENT_PATH


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    """A private copy of tests/data, so tests can never touch the shipped files."""
    target = tmp_path / "data"
    shutil.copytree(TEST_DATA, target)
    return target
