"""The checked tables written to ``data/processed/`` as CSV, for people and other tools.

Every file is replaced atomically; text a spreadsheet would run as a formula is
neutralised; a raw source is never overwritten (checked for every file before the
first is written).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from analysis.csv_writing import write_csv
from analysis.errors import DataError
from analysis.files import atomic_write_with, neutralised


def _write_csv(path: Path, frame: pd.DataFrame) -> Path:
    """A processed table as CSV; text a spreadsheet would run as a formula is neutralised."""
    safe = neutralised(frame)
    return atomic_write_with(path, lambda handle: write_csv(safe, handle))


def write_tables(
    tables: Mapping[str, pd.DataFrame], out_dir: str | Path, sources: Iterable[Path]
) -> dict[str, Path]:
    """Write each table as ``<out_dir>/<name>.csv``; refuse to overwrite any of ``sources``."""
    out_dir = Path(out_dir)
    raw = {Path(s).resolve() for s in sources}
    paths = {name: out_dir / f"{name}.csv" for name in tables}
    for path in paths.values():  # every path first: a refusal writes nothing
        if path.resolve() in raw:
            raise DataError(f"{path}: refusing to overwrite a raw source; nothing written")
    return {name: _write_csv(paths[name], frame) for name, frame in tables.items()}
