"""Notebooks are committed without outputs and with stable metadata."""

from __future__ import annotations

import json
import subprocess

import pytest

from analysis import config


def problems_of(notebook: dict) -> list[str]:
    """What makes a notebook unfit to commit: outputs, execution counts, volatile metadata."""
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        if cell.get("outputs"):
            found.append(f"cell {index} has outputs")
        if cell.get("execution_count") is not None:
            found.append(f"cell {index} has an execution count")
        if set(cell.get("metadata", {})) - {"tags", "papermill"}:
            found.append(f"cell {index} has metadata beyond tags")
    if set(notebook.get("metadata", {})) - {"kernelspec", "language_info"}:
        found.append("notebook metadata beyond kernelspec and language_info")
    return found


def committed_notebooks():
    """The notebooks git tracks; in a plain copy of the tree (no git), those in notebooks/."""
    listed = subprocess.run(
        ["git", "ls-files", "*.ipynb"], cwd=config.PROJECT_ROOT, capture_output=True, text=True
    )
    if listed.returncode != 0:
        found = (config.PROJECT_ROOT / "notebooks").rglob("*.ipynb")
        return sorted(p for p in found if ".ipynb_checkpoints" not in p.parts)
    return [config.PROJECT_ROOT / name for name in listed.stdout.split()]


def test_checker_flags_outputs_and_execution_counts():
    dirty = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": 3,
                "metadata": {},
                "outputs": [{"output_type": "stream", "name": "stdout", "text": "1"}],
                "source": "1",
            }
        ],
        "metadata": {"kernelspec": {}},
    }
    assert problems_of(dirty) == ["cell 0 has outputs", "cell 0 has an execution count"]


@pytest.mark.parametrize("path", committed_notebooks(), ids=lambda p: p.name)
def test_committed_notebook_is_clean(path):
    assert problems_of(json.loads(path.read_text(encoding="utf-8"))) == []
