"""Loading and validating meetings tables, attendance registers and organisations tables.

Files are read as staff produce them (docs/data-contract.md §6): CSV separated by ``,``,
``;`` or tab, in UTF-8, UTF-8 with BOM or Windows-1250, CRLF or LF line ends;
XLSX (first sheet); Parquet. Headers are matched case- and
whitespace-insensitively, with Polish aliases. Values are trimmed.

Nothing is dropped silently. A row that fails a check is *rejected*: it is kept,
with the file, line (CSV line, XLSX sheet row, Parquet row), column, value and
reason, in :attr:`Checked.rejected`. A repeated (participant, meeting) pair
counts once; the repeats are listed in :attr:`Checked.duplicates`. Input that
cannot be used at all (missing file, unreadable file, missing required column)
raises :class:`DataError` with one line that says so.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import config, decidim, validated
from analysis.announcement import AnnouncementError, PublishedTotals, read_announcement
from analysis.columns import renames
from analysis.csv_writing import write_csv
from analysis.errors import DataError
from analysis.files import atomic_write_with, neutralised, sha256_of
from analysis.labels import consultation_title
from analysis.reading import RawTable, empty_rejects, fold_header, read_raw, read_table
from analysis.schemas import (
    Checked,
    check_meetings,
    check_organisations,
    check_register,
    no_duplicates,
)

__all__ = [
    "Checked",
    "Consultation",
    "DataError",
    "Source",
    "check_meetings",
    "check_organisations",
    "check_register",
    "load_consultation",
    "load_meetings",
    "read_table",
    "write_processed",
]

# --------------------------------------------------------------------------- a consultation


@dataclass
class Source:
    role: str  # "meetings", "register", "organisations"
    path: Path
    sha256: str
    synthetic: bool = False


@dataclass
class Consultation:
    """Everything the statistics need: validated meetings and attendance, published totals."""

    meetings: pd.DataFrame
    attendance: pd.DataFrame | None
    published: PublishedTotals | None
    sources: list[Source]
    checks: dict[str, Checked] = field(default_factory=dict)
    organisations: pd.DataFrame | None = None
    #: what the source names as consulted (an announcement's programme), else None
    subject: str | None = None
    #: the validated tables' key (:func:`analysis.validated.key`: the sources' bytes, the
    #: settings, the code): two loads with one key hold the same tables and totals; None
    #: when not known (no cache, or published totals given by the caller)
    key: str | None = None

    @property
    def synthetic(self) -> bool:
        return any(s.synthetic for s in self.sources)

    def title(self, lang: str, override: str = "") -> str:
        """The consultation's name in reports (see :func:`labels.consultation_title`)."""
        stem = self.sources[0].path.stem if self.sources else ""
        return consultation_title(lang, override, self.subject, stem)

    def without_rows(self) -> Consultation:
        """The meetings and where the data came from, without the register's rows, the
        rejected rows and the duplicates: what a build's own process keeps once the
        processed tables are written (each report reads the validated tables itself)."""
        return Consultation(self.meetings, None, self.published, self.sources, subject=self.subject)

    @property
    def left_out(self) -> pd.DataFrame:
        """Meetings the source lists but marks as not held (withdrawn, unpublished)."""
        frames = [c.left_out for c in self.checks.values() if c.left_out is not None]
        return (
            pd.concat(frames, ignore_index=True)
            if frames
            else pd.DataFrame(columns=["file", "line", "meeting_id", "title", "reason"])
        )

    @property
    def rejected(self) -> pd.DataFrame:
        frames = [
            c.rejected.assign(table=role) for role, c in self.checks.items() if len(c.rejected)
        ]
        if not frames:
            return empty_rejects().assign(table=pd.Series(dtype=str))
        return pd.concat(frames, ignore_index=True)

    @property
    def duplicates(self) -> pd.DataFrame:
        frames = [c.duplicates for c in self.checks.values() if len(c.duplicates)]
        return pd.concat(frames, ignore_index=True) if frames else no_duplicates()


def load_meetings(
    path: str | Path, columns: Mapping[str, str] | None = None, locale: str = ""
) -> tuple[Checked, PublishedTotals | None, str | None]:
    """Meetings from a table or a published announcement (``.txt``).

    Returns the checked meetings, the published totals (an announcement's, else
    None) and what the source names as consulted (else None). ``columns`` maps
    fields to the file's own headers; without it, a Decidim open-data export is
    recognised by its header (``locale`` picks the language of its texts).
    """
    path = Path(path)
    if path.suffix.lower() == ".txt" and path.is_file() and not columns:
        try:
            announcement = read_announcement(path)
        except AnnouncementError as exc:
            raise DataError(str(exc)) from None
        meetings = announcement.meetings
        checked = Checked(meetings, empty_rejects(), no_duplicates(), len(meetings), path)
        return checked, announcement.published, announcement.subject
    table = read_raw(path)
    header = list(table.frame.columns)
    left_out = None
    if columns:
        table = fold_header(table, renames(columns, header, "meetings", table.path))
    elif decidim.recognised(header):
        table, left_out = decidim.prepare(table, locale)
    else:
        table = fold_header(table)
    checked = check_meetings(table)
    if left_out is not None:
        checked.left_out = left_out
        checked.rows_read += len(left_out)
    return checked, None, None


def _load_table(path: str | Path, columns: Mapping[str, str] | None, role: str) -> RawTable:
    table = read_raw(path)
    if not columns:
        return fold_header(table)
    return fold_header(table, renames(columns, table.frame.columns, role, table.path))


#: ``load_consultation(cache_dir=...)`` default: :data:`analysis.config.VALIDATED_DIR`.
DEFAULT_CACHE = "default"


def load_consultation(
    meetings_path: str | Path,
    register_path: str | Path | None = None,
    organisations_path: str | Path | None = None,
    published: PublishedTotals | None = None,
    meetings_columns: Mapping[str, str] | None = None,
    register_columns: Mapping[str, str] | None = None,
    locale: str = "",
    *,
    cache_dir: str | Path | None = DEFAULT_CACHE,
) -> Consultation:
    """Load and validate a consultation's sources.

    ``meetings_path`` is a meetings table, a Decidim open-data export (``.csv`` or
    its ``.zip``) or a published announcement (then its totals are the published
    ones). Without a register, the statistics use the meetings table's own
    counts. ``meetings_columns`` and ``register_columns`` map the contract's
    fields to the files' own headers.

    The validated tables are kept under ``cache_dir`` (:mod:`analysis.validated`;
    ``None``: not kept), so loading the same sources again reads them back
    instead of parsing and checking the files again.
    """
    paths = {"meetings": meetings_path, "organisations": organisations_path}
    paths["register"] = register_path
    given = {role: Path(p) for role, p in paths.items() if p is not None}
    sums = {role: sha256_of(p) for role, p in given.items() if p.is_file()}
    folder = config.VALIDATED_DIR if cache_dir == DEFAULT_CACHE else cache_dir
    cache_key = parts = None
    if folder is not None and len(sums) == len(given):
        settings = {
            "meetings_columns": dict(meetings_columns or {}),
            "register_columns": dict(register_columns or {}),
            "locale": locale,
        }
        cache_key = validated.key({r: (str(given[r]), sums[r]) for r in given}, settings)
        parts = validated.load(Path(folder), cache_key)
    if parts is None:
        parts = _validate(given, sums, meetings_columns, register_columns, locale)
        if cache_key is not None:
            validated.store(Path(folder), cache_key, parts)
    checks = parts["checks"]
    release_unused_memory()  # what reading and checking freed
    return Consultation(
        meetings=checks["meetings"].table,
        attendance=checks["register"].table if "register" in checks else None,
        published=published or parts["announced"],
        sources=[Source(role, Path(path), *rest) for role, path, *rest in parts["sources"]],
        checks=checks,
        organisations=checks["organisations"].table if "organisations" in checks else None,
        subject=parts["subject"],
        key=cache_key if published is None else None,
    )


def release_unused_memory() -> None:
    """Hand back to the system the memory freed tables leave in Arrow's pool: reading
    and checking a million-row register frees some hundreds of MB there, which the
    process would otherwise keep while the reports run. On Linux, the C library's heap
    too (pandas' and Python's freed memory: some tens of MB after such a register)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # not glibc (e.g. musl)
            ctypes.CDLL("libc.so.6").malloc_trim(0)


def _validate(given, sums, meetings_columns, register_columns, locale) -> dict:
    """Read and check each source; the parts of a :class:`Consultation`."""
    meetings_checked, announced, subject = load_meetings(
        given["meetings"], meetings_columns, locale
    )
    checks = {"meetings": meetings_checked}
    sources = [["meetings", given["meetings"], sums["meetings"], meetings_checked.synthetic]]
    organisation_ids = None
    if "organisations" in given:
        checks["organisations"] = check_organisations(read_table(given["organisations"]))
        organisation_ids = checks["organisations"].table["organisation_id"].tolist()
        sources.append(["organisations", given["organisations"], sums["organisations"], False])
    if "register" in given:
        checks["register"] = check_register(
            _load_table(given["register"], register_columns, "register"),
            meetings_checked.table["meeting_id"],
            organisation_ids,
        )
        synthetic = checks["register"].synthetic
        sources.append(["register", given["register"], sums["register"], synthetic])
    return {"checks": checks, "sources": sources, "announced": announced, "subject": subject}


# --------------------------------------------------------------------------- writing


def _write_csv(path: Path, frame: pd.DataFrame) -> Path:
    """A processed table as CSV; text a spreadsheet would run as a formula is neutralised."""
    safe = neutralised(frame)
    return atomic_write_with(path, lambda handle: write_csv(safe, handle))


def write_processed(consultation: Consultation, out_dir: str | Path) -> dict[str, Path]:
    """Write the clean tables, the rejected rows and the duplicates under ``out_dir``.

    Every file is replaced atomically; the raw sources are only read.
    """
    out_dir = Path(out_dir)
    raw = {s.path.resolve() for s in consultation.sources}
    written = {}
    tables = {
        "meetings": consultation.meetings.assign(
            date=consultation.meetings["date"].dt.strftime("%Y-%m-%d")
        ),
        "rejected-rows": consultation.rejected,
        "duplicates": consultation.duplicates,
        "left-out-meetings": consultation.left_out,
    }
    if consultation.attendance is not None:
        tables["attendance"] = consultation.attendance
    for name, frame in tables.items():
        path = out_dir / f"{name}.csv"
        if path.resolve() in raw:
            raise DataError(f"{path}: refusing to overwrite a raw source")
        written[name] = _write_csv(path, frame)
    return written
