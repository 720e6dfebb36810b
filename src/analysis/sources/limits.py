"""Bounds on the work a small file can ask for, each with a reason and a way past it.

A few kilobytes can declare a sheet of a million rows and sixteen thousand columns,
hold a header of a hundred thousand columns, or inflate from a ZIP to gigabytes. No
real meetings table, register or remarks register needs that, and reading one would
take minutes and gigabytes before failing. These limits make such a file fail in
about a second with one line that gives the number and how to raise it (an
environment variable, for the rare real file that needs more).

>>> max_columns() >= 1000, max_unzipped_bytes() >= 1 << 30
(True, True)
"""

from __future__ import annotations

import os

#: A table's columns: the widest real export seen (Decidim, with every locale) has ~200.
DEFAULT_MAX_COLUMNS = 1_000
#: The bytes one table in a ZIP may inflate to: a ten-million-row register is about 1 GB.
DEFAULT_MAX_UNZIPPED_MB = 2_048
#: How many times larger than its compressed bytes a ZIP member may be, once it is over
#: :data:`RATIO_FROM_MB`: text compresses 5 to 20 times, a crafted member a thousand times.
MAX_RATIO = 200
RATIO_FROM_MB = 64


def _setting(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip().isdigit() and int(value) > 0 else default


def max_columns() -> int:
    """The most columns a table may have (``ANALYSIS_MAX_COLUMNS`` raises it)."""
    return _setting("ANALYSIS_MAX_COLUMNS", DEFAULT_MAX_COLUMNS)


def max_unzipped_bytes() -> int:
    """The most bytes a table in a ZIP may inflate to (``ANALYSIS_MAX_UNZIPPED_MB``)."""
    return _setting("ANALYSIS_MAX_UNZIPPED_MB", DEFAULT_MAX_UNZIPPED_MB) << 20


def too_many_columns(path: object, count: int) -> str | None:
    """The one-line reason a table of ``count`` columns is refused, or None."""
    limit = max_columns()
    if count <= limit:
        return None
    return (
        f"{path}: {count:,} columns, more than the {limit:,} a table may have (is this the "
        f"right file?); set ANALYSIS_MAX_COLUMNS={count} to read it anyway"
    )
