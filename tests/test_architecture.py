"""The tree is the pipeline (docs/architecture.md): stages import only the stages below
them, the package root stays small, and one hash of the code serves every cache."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.files import PACKAGE_DIR

#: The stages, lowest first. A module may import its own stage and the stages before it.
STAGES = (
    ("base", ("analysis", "config", "errors", "files", "csv_writing")),
    ("sources", ("sources",)),
    ("validation", ("validation",)),
    ("consultation", ("consultation",)),
    ("metrics", ("metrics",)),
    ("catalogue", ("catalogue",)),
    ("charts", ("charts",)),
    ("views", ("views",)),
    ("export", ("export",)),
    ("demo", ("demo",)),
    ("build", ("build",)),
    ("cli", ("cli", "__main__")),
)
RANK = {top: rank for rank, (_, tops) in enumerate(STAGES) for top in tops}


def stage_of(module: str) -> int:
    """The rank of a dotted module name inside the package (``analysis.sources.reading``)."""
    parts = module.split(".")
    return RANK["analysis"] if len(parts) == 1 else RANK[parts[1]]


def module_name(path: Path, package: Path = PACKAGE_DIR) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, package: Path = PACKAGE_DIR) -> list[tuple[int, str]]:
    """Every module of the package that ``path`` imports (at any depth, lazily or not),
    with the line that imports it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = module_name(path, package).split(".")
    if path.name != "__init__.py":
        here = here[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("analysis")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(here[: len(here) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if module == "analysis":  # from analysis import config, metrics
                found += [(node.lineno, f"analysis.{a.name}") for a in node.names]
            elif module.startswith("analysis."):
                found.append((node.lineno, module))
    return found


def upward_imports(package: Path = PACKAGE_DIR) -> list[str]:
    """``file:line: a imports b`` for every import of a higher stage."""
    wrong = []
    for path in sorted(package.rglob("*.py")):
        own = module_name(path, package)
        for line, target in imported(path, package):
            if target == "analysis.__version__":
                continue
            if stage_of(target) > stage_of(own):
                name = path.relative_to(package.parent)
                wrong.append(f"{name}:{line}: {own} ({STAGES[stage_of(own)][0]}) imports {target}")
    return wrong


def test_every_module_of_the_package_belongs_to_a_stage():
    for path in PACKAGE_DIR.rglob("*.py"):
        assert stage_of(module_name(path)) >= 0


def test_imports_run_only_downward():
    assert upward_imports() == []


def test_an_upward_import_is_found(tmp_path):
    """The rule can fail: a source module that imports the catalogue is named."""
    package = tmp_path / "analysis"
    shutil.copytree(PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    reading = package / "sources" / "reading.py"
    reading.write_text(
        reading.read_text(encoding="utf-8") + "\nfrom analysis.catalogue.labels import text\n",
        encoding="utf-8",
    )
    wrong = upward_imports(package)
    assert len(wrong) == 1
    assert "analysis.sources.reading (sources) imports analysis.catalogue.labels" in wrong[0]


def test_the_package_root_holds_at_most_eight_modules():
    assert len(list(PACKAGE_DIR.glob("*.py"))) <= 8


_KEYS = """
from analysis.build import keys
from analysis.validation import cache
print(keys.cache_key([], {}, {}))
print(cache.key({}, {}))
"""


def _keys(src: Path) -> list[str]:
    """The rebuild key and the checked-table cache key as the package in ``src`` makes them."""
    run = subprocess.run(
        [sys.executable, "-c", _KEYS],
        env={"PYTHONPATH": str(src), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout.split()


@pytest.mark.parametrize(
    "module", ["sources/reading.py", "metrics/tables.py", "templates/report.css", "consultation.py"]
)
def test_an_edit_anywhere_in_the_package_changes_every_cache_key(tmp_path, module):
    """No monkeypatching: a copy of the package is edited and run in its own process."""
    src = tmp_path / "src"
    shutil.copytree(PACKAGE_DIR, src / "analysis", ignore=shutil.ignore_patterns("__pycache__"))
    before = _keys(src)
    assert len(before) == 2
    edited = src / "analysis" / module
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after = _keys(src)
    assert after[0] != before[0], "rebuild key"
    assert after[1] != before[1], "checked-table cache key"
