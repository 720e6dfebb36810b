from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

import analysis.build  # noqa: F401  (first: see below)
from analysis import config

# Importing analysis.build before anything imports nbformat spares every test process the
# ~35 RFC 3987 parsers jsonschema would build (analysis/build/__init__.py says why), as
# the build's own processes are spared: measured, 9.7 s of the fast suite's 25 s collection.

# Hypothesis profiles: `make test` draws many examples; the fast suite (`make fast`,
# `make mutants`) draws fewer, in a fixed order, so a mutant is killed or not the same
# way on every run. Choose with --hypothesis-profile=fast.
settings.register_profile("thorough", max_examples=150, deadline=None)
settings.register_profile("fast", max_examples=15, deadline=None, derandomize=True)
settings.load_profile("thorough")

TESTS_DIR = Path(__file__).parent

TEST_DATA = TESTS_DIR / "data"


def same_code_env() -> dict[str, str]:
    """The environment for a test's ``python -c``: it imports the very ``analysis`` this
    process tests (under mutmut, the mutated copy, not the installed tree)."""
    import analysis

    package_root = str(Path(analysis.__file__).resolve().parents[1])
    paths = [package_root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


@pytest.fixture
def announcement_path() -> Path:
    return config.ANNOUNCEMENT_PATH


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    """A private copy of tests/data, so tests can never touch the shipped files."""
    target = tmp_path / "data"
    shutil.copytree(TEST_DATA, target)
    return target


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for one browser test module (see tests/browsing.py)."""
    from tests.browsing import launch

    yield from launch()
