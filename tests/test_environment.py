"""requirements.lock, environment.yml and pyproject.toml list the same packages, same versions."""

from __future__ import annotations

import re
import tomllib

from analysis import config

ROOT = config.PROJECT_ROOT


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[_canonical(name)] = version.strip()
    return pins


def _environment() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.match(r"^\s*-\s*([A-Za-z0-9_.\-]+)\s*={1,2}\s*([^\s#]+)", line)
        if match:
            pins[_canonical(match.group(1))] = match.group(2)
    return pins


def _direct() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    return [_canonical(re.split(r"[<>=!~\[ ;]", n)[0]) for n in names]


def test_every_lock_line_is_pinned_exactly():
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[A-Za-z0-9_.+\-]+", line), line


def test_every_direct_dependency_is_locked_and_in_environment_yml_at_the_same_version():
    lock, environment = _lock(), _environment()
    for name in _direct():
        assert name in lock, f"{name} is not pinned in requirements.lock (run make lock)"
        assert environment.get(name) == lock[name], (
            f"{name}: environment.yml has {environment.get(name)}, requirements.lock {lock[name]}"
        )


def test_environment_yml_lists_nothing_the_project_does_not_use():
    assert set(_environment()) - {"python"} <= set(_direct())


def test_environment_yml_uses_python_3_11_from_conda_forge():
    text = (ROOT / "environment.yml").read_text()
    assert "conda-forge" in text and re.search(r"^\s*-\s*python=3\.11\s*$", text, re.M)
