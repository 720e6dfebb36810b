"""Rebuild keys: one function, :func:`cache_key`, for the whole build and for each report.

A key is a SHA-256 over everything an output depends on: the notebook(s), the input
files, the settings (a report's parameters, or a build's options), the package's own
code and the versions of the libraries that shape the output. The build key lets an
unchanged build be recognised without loading the data; a report's key decides
whether that report runs again. Both come from the same function, so they cannot
drift apart.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Iterable
from importlib.metadata import version as package_version
from pathlib import Path

from analysis import __version__
from analysis.build import options as notebooks
from analysis.build.options import BuildOptions
from analysis.files import package_hash, sha256_of

#: Libraries whose version can change what a report shows.
TRACKED_VERSIONS = (
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "babel",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "weasyprint",  # the PDFs (build --pdf); Pango and the fonts are the system's
    "pydyf",
)


def versions() -> dict[str, str]:
    """Python's, this package's and every tracked library's version."""
    found = {"python": platform.python_version(), "analysis": __version__}
    for name in TRACKED_VERSIONS:
        found[name] = package_version(name)
    return found


def environment() -> dict:
    """The code and library versions, read once for all the keys of one plan."""
    return {"code": package_hash(), "versions": versions()}


def input_digests(options: BuildOptions) -> dict[str, str | None]:
    """``{role: SHA-256}`` of the input files (None: no such input, or not a file yet)."""
    return {
        role: sha256_of(path) if path is not None and path.is_file() else None
        for role, path in options.inputs().items()
    }


def cache_key(
    notebooks: Iterable[Path],
    inputs: dict[str, str | None],
    settings: dict,
    env: dict | None = None,
) -> str:
    """The key of an output made by running ``notebooks`` on ``inputs`` with ``settings``.

    >>> a = cache_key([], {"register": "ab"}, {"lang": "pl"}, env={"code": "c"})
    >>> a == cache_key([], {"register": "ab"}, {"lang": "pl"}, env={"code": "c"})
    True
    >>> a == cache_key([], {"register": "ab"}, {"lang": "en"}, env={"code": "c"})
    False
    """
    material = {
        "notebooks": [sha256_of(n) for n in notebooks],
        "inputs": inputs,
        "settings": settings,
        **(env if env is not None else environment()),
    }
    encoded = json.dumps(material, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def build_key(options: BuildOptions, extra: dict | None = None) -> str:
    """The key of a whole build, computed without loading the data: both notebooks, the
    input files, the options that decide the contents (not ``--jobs`` or ``--force``),
    the output folder and ``extra`` (e.g. the processed folder, ``--strict``)."""
    settings = {**options.selection(), "out": str(Path(options.out).resolve()), **(extra or {})}
    both = [notebooks.OVERVIEW_NOTEBOOK, notebooks.AREA_NOTEBOOK]
    return cache_key(both, input_digests(options), settings)
