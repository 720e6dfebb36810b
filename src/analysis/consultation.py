"""One validated consultation: meetings, attendance and published totals, loaded once.

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

:func:`load_consultation` reads and checks the sources
(:mod:`analysis.validation.loading`), or reads back what an earlier load of the same
sources checked (:mod:`analysis.validation.cache`), and hands the statistics, the
views and the build one :class:`Consultation`; :func:`write_processed` writes its
tables to ``data/processed/``.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import config
from analysis.files import sha256_of
from analysis.sources.reading import empty_rejects
from analysis.validation import cache
from analysis.validation.loading import validate_sources
from analysis.validation.outcomes import check_outcome_mapping
from analysis.validation.processed import write_tables
from analysis.validation.schemas import Checked, no_duplicates

# --------------------------------------------------------------------------- a consultation


@dataclass
class Source:
    role: str  # "meetings", "register", "organisations"
    path: Path
    sha256: str
    synthetic: bool = False


@dataclass(frozen=True)
class PublishedTotals:
    """The totals an announcement publishes (what the register is reconciled with)."""

    meetings: int
    participants: int
    organisations: int
    start: dt.date
    end: dt.date

    @classmethod
    def of(cls, published: Mapping | None) -> PublishedTotals | None:
        """The totals of an announcement's ``published`` mapping (None: none published)."""
        return None if published is None else cls(**published)

    def as_dict(self) -> dict:
        return {
            "meetings": self.meetings,
            "participants": self.participants,
            "organisations": self.organisations,
            "period": {"start": self.start.isoformat(), "end": self.end.isoformat()},
        }


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
    #: the validated tables' key (:func:`analysis.validation.cache.key`: the sources' bytes, the
    #: settings, the code): two loads with one key hold the same tables and totals; None
    #: when not known (no cache, or published totals given by the caller)
    key: str | None = None

    @property
    def synthetic(self) -> bool:
        return any(s.synthetic for s in self.sources)

    @property
    def remarks(self) -> pd.DataFrame | None:
        """The remarks register's clean rows (docs/data-contract.md §10), or None."""
        checked = self.checks.get("remarks")
        return None if checked is None else checked.table

    @property
    def remark_links(self) -> pd.DataFrame | None:
        """Which meeting each remark was raised at (``remark_id``, ``meeting_id``), or None."""
        checked = self.checks.get("remarks")
        return None if checked is None else checked.links

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


#: ``load_consultation(cache_dir=...)`` default: :data:`analysis.config.VALIDATED_DIR`.
DEFAULT_CACHE = "default"


def load_consultation(
    meetings_path: str | Path | None,
    register_path: str | Path | None = None,
    organisations_path: str | Path | None = None,
    published: PublishedTotals | None = None,
    meetings_columns: Mapping[str, str] | None = None,
    register_columns: Mapping[str, str] | None = None,
    locale: str = "",
    *,
    remarks_path: str | Path | None = None,
    remarks_columns: Mapping[str, str] | None = None,
    remarks_outcomes: Mapping[str, str] | None = None,
    cache_dir: str | Path | None = DEFAULT_CACHE,
) -> Consultation:
    """Load and validate a consultation's sources.

    ``meetings_path`` is a meetings table, a Decidim open-data export (``.csv`` or
    its ``.zip``) or a published announcement (then its totals are the published
    ones); None: a consultation held online, whose remarks are all there is.
    Without a register, the statistics use the meetings table's own
    counts. ``meetings_columns`` and ``register_columns`` map the contract's
    fields to the files' own headers. ``remarks_path`` is a remarks register
    (docs/data-contract.md §10), read with ``remarks_columns`` and with
    ``remarks_outcomes`` mapping more outcome wordings.

    The validated tables are kept under ``cache_dir`` (:mod:`analysis.validation.cache`;
    ``None``: not kept), so loading the same sources again reads them back
    instead of parsing and checking the files again.
    """
    paths = {"meetings": meetings_path, "organisations": organisations_path}
    paths["register"] = register_path
    paths["remarks"] = remarks_path
    given = {role: Path(p) for role, p in paths.items() if p is not None}
    sums = {role: sha256_of(p) for role, p in given.items() if p.is_file()}
    folder = config.VALIDATED_DIR if cache_dir == DEFAULT_CACHE else cache_dir
    cache_key = parts = None
    settings = {
        "meetings_columns": dict(meetings_columns or {}),
        "register_columns": dict(register_columns or {}),
        "locale": locale,
    }
    if remarks_path is not None:
        settings["remarks_columns"] = dict(remarks_columns or {})
        settings["remarks_outcomes"] = check_outcome_mapping(remarks_outcomes or {})
    if folder is not None and len(sums) == len(given):
        # by the resolved path: the build's process and each report's kernel name the same
        # file differently (relative to another folder), and must share the checked tables
        where = {r: (str(given[r].resolve()), sums[r]) for r in given}
        cache_key = cache.key(where, settings)
        parts = cache.load(Path(folder), cache_key)
    if parts is None:
        parts = validate_sources(given, sums, settings)
        if cache_key is not None:
            cache.store(Path(folder), cache_key, parts)
    checks = parts["checks"]
    release_unused_memory()  # what reading and checking freed
    return Consultation(
        meetings=checks["meetings"].table,
        attendance=checks["register"].table if "register" in checks else None,
        published=published or PublishedTotals.of(parts["announced"]),
        # each source as this load names it; what was found in it, as stored
        sources=[Source(role, given[role], *rest) for role, _, *rest in parts["sources"]],
        checks=checks,
        organisations=checks["organisations"].table if "organisations" in checks else None,
        subject=parts["subject"],
        key=cache_key if published is None else None,
    )


#: A notebook's ``register_path`` for "no register" (the meetings' own counts), and its
#: ``meetings_path`` for "no meetings" (a consultation held online).
NO_REGISTER = "none"


def held_online(consultation: Consultation) -> bool:
    """No meetings source at all: a consultation held online (``--meetings none``). Here,
    not in the views, so that a build's own process asks without importing matplotlib."""
    return not any(source.role == "meetings" for source in consultation.sources)


def load_sources(
    meetings_path: str = "",
    register_path: str = "",
    organisations_path: str = "",
    meetings_columns: Mapping[str, str] | None = None,
    register_columns: Mapping[str, str] | None = None,
    locale: str = "",
    remarks_path: str = "",
    remarks_columns: Mapping[str, str] | None = None,
    remarks_outcomes: Mapping[str, str] | None = None,
) -> Consultation:
    """:func:`load_consultation` from paths as the notebooks' parameters write them: empty
    means the default (the shipped announcement; the demo register only with it, see
    :func:`analysis.config.default_register`; no remarks register), ``"none"`` means no
    register, or no meetings (a consultation held online: its remarks alone)."""
    if register_path == NO_REGISTER or meetings_path == NO_REGISTER:
        register = None
    else:
        register = Path(register_path) if register_path else config.default_register(meetings_path)
    if meetings_path == NO_REGISTER:
        meetings = None
    else:
        meetings = Path(meetings_path) if meetings_path else config.DEFAULT_MEETINGS_PATH
    return load_consultation(
        meetings,
        register,
        Path(organisations_path) if organisations_path else None,
        meetings_columns=meetings_columns or None,
        register_columns=register_columns or None,
        locale=locale,
        remarks_path=Path(remarks_path) if remarks_path else None,
        remarks_columns=remarks_columns or None,
        remarks_outcomes=remarks_outcomes or None,
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


def write_processed(consultation: Consultation, out_dir: str | Path) -> dict[str, Path]:
    """Write the clean tables, the rejected rows, the duplicates and the meetings left out
    under ``out_dir`` (:mod:`analysis.validation.processed`); the raw sources are only read."""
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
    if consultation.remarks is not None:
        tables["remarks"] = consultation.remarks.assign(
            **{d: consultation.remarks[d].dt.strftime("%Y-%m-%d") for d in ("date", "decided")}
        )
        tables["remark-meetings"] = consultation.remark_links
    return write_tables(tables, out_dir, (s.path for s in consultation.sources))
