"""Small file helpers: atomic writes (a failed run never leaves half a file), checksums of
files, and the one hash of the package's own code that every cache key includes."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    return atomic_write_with(path, lambda handle: handle.write(data))


def atomic_write_with(path: str | Path, write: Callable[[BinaryIO], object]) -> Path:
    """Let ``write`` fill a temporary file in the same folder (binary, opened for
    writing), then rename it to ``path``: a failure leaves the old file in place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def sha256_of(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


#: The package's folder (``src/analysis``): its code and templates.
PACKAGE_DIR = Path(__file__).resolve().parent
#: What counts as the package's code: modules, templates, the page's style and settings.
CODE_SUFFIXES = frozenset({".py", ".j2", ".css", ".json"})


def package_hash(folder: Path | None = None) -> str:
    """A hash of the package's code and templates in every subpackage (compiled files are
    not code). Every cache key includes it: the rebuild keys and the checked-table cache.
    ``folder``: another copy of the package (default :data:`PACKAGE_DIR`)."""
    folder = PACKAGE_DIR if folder is None else folder
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.suffix in CODE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def shown(path: str | Path) -> str:
    """A path as a person wants to read it: relative to the current folder when below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


#: A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP advice).

    >>> [neutralise_formula(v) for v in ('=HYPERLINK("x")', "Fundacja", -3)]
    ['\\'=HYPERLINK("x")', 'Fundacja', -3]
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised(frame):
    """A copy of ``frame`` whose text cells a spreadsheet would run as formulas are
    neutralised (see :func:`neutralise_formula`): text columns, categorical ones (the
    register's ids) and object columns alike."""
    import pandas as pd  # not for every importer of this module

    safe = frame.copy()
    for name in safe.columns:
        column = safe[name]
        kind = str(column.dtype)
        if kind == "category":
            # each category once; the column stays categorical unless two categories
            # become one ("=a" and "'=a"): then every row takes its category's text
            categories = column.cat.categories
            if (
                isinstance(categories.dtype, pd.StringDtype)
                and not categories.str.startswith(FORMULA_STARTS).any()
            ):
                continue  # nothing to neutralise (a register's 250,000 ids: looked at in C)
            categories = categories.map(neutralise_formula)
            if categories.is_unique:
                safe[name] = column.cat.rename_categories(categories)
            else:
                codes = column.cat.codes.to_numpy()
                safe[name] = categories.take(codes, allow_fill=True).to_numpy()
        elif kind in ("string", "str"):
            formula = column.str.startswith(FORMULA_STARTS).fillna(False).astype(bool)
            if formula.any():  # else the column stays as it is (a million names: no copy)
                safe[name] = column.where(~formula, "'" + column)
        elif column.dtype == object:
            safe[name] = column.map(neutralise_formula)
    return safe


def safe_csv_bytes(frame) -> bytes:
    """A table as UTF-8 CSV (with BOM, so Excel reads Polish letters) for officials:
    text cells that a spreadsheet would run as formulas are neutralised."""
    from analysis.csv_writing import csv_bytes  # pandas and Arrow: not for every importer

    return b"\xef\xbb\xbf" + csv_bytes(neutralised(frame), "\r\n")
