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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from analysis import decidim
from analysis.announcement import AnnouncementError, PublishedTotals, read_announcement
from analysis.columns import renames
from analysis.errors import DataError
from analysis.files import atomic_write_bytes, neutralised, sha256_of
from analysis.labels import consultation_title
from analysis.reading import (
    RawTable,
    empty_rejects,
    fold_header,
    read_raw,
    read_table,
    require_columns,
)
from analysis.values import (
    COUNT_FORMS,
    DATE_FORMS,
    codes_and_labels,
    count_names,
    count_problems,
    parse_counts,
    parse_dates,
)

# --------------------------------------------------------------------------- columns

REGISTER_COLUMNS = ("meeting_id", "participant_id", "organisation_id")
REGISTER_OPTIONAL = ("organisation_name", "synthetic")
MEETINGS_REQUIRED = ("meeting_id", "date", "title")
MEETING_COUNTS = ("attendees", "organisations", "contributions")
#: The clean meetings table's columns, in order (those a source has).
MEETINGS_ORDER = (
    "meeting_id",
    "date",
    "kind",
    "area",
    "title",
    "kind_name",
    "area_name",
    "territory",
    "territory_name",
    *MEETING_COUNTS,
)
DEFAULT_KIND = "meeting"
TRUE_WORDS = {"true", "1", "yes", "tak", "y", "t"}
ORGANISATIONS_COLUMNS = ("organisation_id",)
ORGANISATIONS_OPTIONAL = ("organisation_name", "area")

# --------------------------------------------------------------------------- checking


@dataclass
class Checked:
    """A validated table, what was rejected and why, and the duplicates counted once."""

    table: pd.DataFrame
    rejected: pd.DataFrame  # file, line, column, value, reason (+ the row's cells)
    duplicates: pd.DataFrame  # file, line, first_line, meeting_id, participant_id
    rows_read: int
    source: Path
    position_name: str = "line"
    synthetic: bool = False
    #: rows deliberately not used (e.g. withdrawn meetings): file, line, meeting_id, title, reason
    left_out: pd.DataFrame | None = None

    @property
    def accepted(self) -> int:
        return len(self.table) + len(self.duplicates)


def _not_empty(series: pd.Series) -> pd.Series:
    return series.str.len() > 0


def _check(fn: Callable[[pd.Series], pd.Series], reason: str) -> pa.Check:
    return pa.Check(fn, error=reason)


#: A NUL or other control character: no person types one; a damaged file holds it.
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
NO_CONTROL = _check(lambda s: ~s.str.contains(_CONTROL, regex=True), "control character in value")
#: An id or name holding a line break: a stray double quote joined rows into it.
ONE_LINE = _check(
    lambda s: ~s.str.contains(r"[\r\n]", regex=True),
    "line break in value (a stray double quote may have joined rows)",
)


MISSING = "missing value"


def _collect_failures(
    schema: pa.DataFrameSchema, table: RawTable
) -> tuple[np.ndarray, pd.DataFrame]:
    """Run the schema lazily; return the bad row mask and one record per bad row."""
    frame = table.frame
    try:
        schema.validate(frame, lazy=True)
        return np.zeros(len(frame), dtype=bool), empty_rejects()
    except SchemaErrors as errors:
        cases = errors.failure_cases
    cases = cases[cases["index"].notna()].copy()
    cases["index"] = cases["index"].astype("int64")
    # One reason per cell: the first check that failed on it (checks are ordered).
    cases = cases.sort_values(["index", "column", "check_number"], kind="stable")
    cases = cases.drop_duplicates(["index", "column"])
    column_order = {name: i for i, name in enumerate(frame.columns)}
    cases["column_order"] = cases["column"].map(column_order)
    cases = cases.sort_values(["index", "column_order"], kind="stable")
    cases["value"] = [frame.at[i, c] for i, c in zip(cases["index"], cases["column"], strict=True)]
    grouped = cases.groupby("index", sort=True).agg(
        column=("column", "; ".join), value=("value", "; ".join), reason=("check", "; ".join)
    )
    bad = np.zeros(len(frame), dtype=bool)
    bad[grouped.index.to_numpy()] = True
    records = grouped.reset_index()
    records.insert(0, "line", table.positions[records["index"].to_numpy()])
    records.insert(0, "file", str(table.path))
    row_cells = frame.iloc[records["index"].to_numpy()].reset_index(drop=True)
    records = pd.concat([records.drop(columns="index"), row_cells.add_prefix("row_")], axis=1)
    return bad, records


def _finish(table: RawTable, schema: pa.DataFrameSchema) -> tuple[pd.DataFrame, pd.DataFrame]:
    bad, records = _collect_failures(schema, table)
    rejected = (
        pd.concat([table.malformed, records], ignore_index=True)
        if len(table.malformed)
        else records
    )
    rejected = rejected.sort_values("line", kind="stable").reset_index(drop=True)
    good = table.frame.loc[~bad].copy()
    good.insert(0, "_line", table.positions[~bad])
    return good.reset_index(drop=True), rejected


def _no_duplicates() -> pd.DataFrame:
    return pd.DataFrame(columns=["file", "line", "first_line", "meeting_id", "participant_id"])


def _any_synthetic(table: RawTable) -> bool:
    """Whether any row says it is synthetic: then every output made from it says so."""
    frame = table.frame
    return "synthetic" in frame and bool(frame["synthetic"].str.casefold().isin(TRUE_WORDS).any())


def check_meetings(table: RawTable) -> Checked:
    """Validate a meetings table (docs/data-contract.md, "Meetings").

    Required: ``meeting_id``, ``date``, ``title``. ``kind`` (blank: ``meeting``),
    ``area`` and ``territory`` are free text kept as written in ``*_name`` beside
    a stable code (blank: ``unassigned``). Counts (``attendees``,
    ``organisations``, ``contributions``) may be blank, which is *unknown*;
    ``organisation_names`` is counted when ``organisations`` is not given.
    """
    require_columns(table, MEETINGS_REQUIRED)
    frame = table.frame
    first_of_id = ~frame["meeting_id"].duplicated(keep="first") | (frame["meeting_id"] == "")
    count_check = _check(lambda s: ~count_problems(s), f"not {COUNT_FORMS}")
    schema = pa.DataFrameSchema(
        {
            "meeting_id": pa.Column(
                str,
                checks=[
                    _check(_not_empty, MISSING),
                    _check(lambda s: first_of_id.loc[s.index], "meeting_id repeats an earlier row"),
                    NO_CONTROL,
                    ONE_LINE,
                ],
            ),
            "date": pa.Column(
                str,
                checks=[
                    _check(_not_empty, MISSING),
                    _check(
                        lambda s: parse_dates(s).notna(), f"unparsable date (expected {DATE_FORMS})"
                    ),
                ],
            ),
            "title": pa.Column(str, checks=[_check(_not_empty, MISSING), NO_CONTROL]),
            **{
                name: pa.Column(str, checks=[count_check], required=False)
                for name in MEETING_COUNTS
            },
            **{
                name: pa.Column(str, checks=[NO_CONTROL], required=False)
                for name in ("kind", "area", "territory")
            },
        },
        strict=False,
    )
    good, rejected = _finish(table, schema)
    meetings = pd.DataFrame(
        {
            "meeting_id": good["meeting_id"],
            "date": parse_dates(good["date"]),
            "title": good["title"],
        }
    )
    for name, default in (("kind", DEFAULT_KIND), ("area", ""), ("territory", None)):
        if name not in good and default is None:
            continue
        written = good[name] if name in good else pd.Series(default, index=good.index)
        if name == "kind":
            written = written.mask(written == "", DEFAULT_KIND)
        codes, shown = codes_and_labels(written)
        meetings[name] = codes
        meetings[f"{name}_name"] = [shown.get(code, "") for code in codes]
    for name in MEETING_COUNTS:
        if name in good:
            meetings[name] = parse_counts(good[name])
    if "organisation_names" in good:
        named = count_names(good["organisation_names"])
        meetings["organisations"] = (
            meetings["organisations"].fillna(named) if "organisations" in meetings else named
        )
    order = [c for c in MEETINGS_ORDER if c in meetings]
    meetings = meetings[order].sort_values(["date", "meeting_id"], kind="stable")
    return Checked(
        meetings.reset_index(drop=True),
        rejected,
        _no_duplicates(),
        len(frame) + len(table.malformed),
        table.path,
        table.position_name,
        _any_synthetic(table),
    )


def check_register(
    table: RawTable,
    meeting_ids: Iterable[str] | None = None,
    organisation_ids: Iterable[str] | None = None,
) -> Checked:
    """Validate an attendance register (docs/data-contract.md §6) against the known meetings."""
    require_columns(table, REGISTER_COLUMNS)
    meeting_checks = [_check(_not_empty, MISSING), NO_CONTROL, ONE_LINE]
    if meeting_ids is not None:
        meeting_checks.append(pa.Check.isin(list(meeting_ids), error="unknown meeting_id"))
    organisation_checks = [_check(_not_empty, MISSING), NO_CONTROL, ONE_LINE]
    if organisation_ids is not None:
        organisation_checks.append(
            pa.Check.isin(list(organisation_ids), error="unknown organisation_id")
        )
    schema = pa.DataFrameSchema(
        {
            "meeting_id": pa.Column(str, checks=meeting_checks),
            "participant_id": pa.Column(
                str,
                checks=[
                    _check(_not_empty, MISSING),
                    _check(
                        lambda s: ~s.str.contains("@", regex=False),
                        "participant_id looks like an e-mail address; use a pseudonym",
                    ),
                    NO_CONTROL,
                    ONE_LINE,
                ],
            ),
            "organisation_id": pa.Column(str, checks=organisation_checks),
            "organisation_name": pa.Column(str, checks=[NO_CONTROL, ONE_LINE], required=False),
        },
        strict=False,
    )
    good, rejected = _finish(table, schema)
    synthetic = _any_synthetic(table)
    repeated = good.duplicated(["participant_id", "meeting_id"], keep="first")
    first_line = good.groupby(["participant_id", "meeting_id"], sort=False)["_line"].transform(
        "min"
    )
    duplicates = pd.DataFrame(
        {
            "file": str(table.path),
            "line": good.loc[repeated, "_line"].to_numpy(),
            "first_line": first_line[repeated].to_numpy(),
            "meeting_id": good.loc[repeated, "meeting_id"].to_numpy(),
            "participant_id": good.loc[repeated, "participant_id"].to_numpy(),
        }
    )
    keep = [c for c in (*REGISTER_COLUMNS, "organisation_name") if c in good]
    if synthetic:  # derived tables keep saying where they came from
        keep.append("synthetic")
    attendance = good.loc[~repeated, keep].reset_index(drop=True)
    for name in REGISTER_COLUMNS:
        attendance[name] = attendance[name].astype("category")
    return Checked(
        attendance,
        rejected,
        duplicates,
        len(table.frame) + len(table.malformed),
        table.path,
        table.position_name,
        synthetic,
    )


def check_organisations(table: RawTable) -> Checked:
    """Validate an optional organisations table: one row per organisation."""
    require_columns(table, ORGANISATIONS_COLUMNS)
    first = ~table.frame["organisation_id"].duplicated(keep="first")
    schema = pa.DataFrameSchema(
        {
            "organisation_id": pa.Column(
                str,
                checks=[
                    _check(_not_empty, MISSING),
                    _check(lambda s: first.loc[s.index], "organisation_id repeats an earlier row"),
                ],
            )
        },
        strict=False,
    )
    good, rejected = _finish(table, schema)
    keep = [c for c in (*ORGANISATIONS_COLUMNS, *ORGANISATIONS_OPTIONAL) if c in good]
    return Checked(
        good[keep].reset_index(drop=True),
        rejected,
        _no_duplicates(),
        len(table.frame) + len(table.malformed),
        table.path,
        table.position_name,
    )


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

    @property
    def synthetic(self) -> bool:
        return any(s.synthetic for s in self.sources)

    def title(self, lang: str, override: str = "") -> str:
        """The consultation's name in reports (see :func:`labels.consultation_title`)."""
        stem = self.sources[0].path.stem if self.sources else ""
        return consultation_title(lang, override, self.subject, stem)

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
        return pd.concat(frames, ignore_index=True) if frames else _no_duplicates()


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
        checked = Checked(meetings, empty_rejects(), _no_duplicates(), len(meetings), path)
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


def load_consultation(
    meetings_path: str | Path,
    register_path: str | Path | None = None,
    organisations_path: str | Path | None = None,
    published: PublishedTotals | None = None,
    meetings_columns: Mapping[str, str] | None = None,
    register_columns: Mapping[str, str] | None = None,
    locale: str = "",
) -> Consultation:
    """Load and validate a consultation's sources.

    ``meetings_path`` is a meetings table, a Decidim open-data export (``.csv`` or
    its ``.zip``) or a published announcement (then its totals are the published
    ones). Without a register, the statistics use the meetings table's own
    counts. ``meetings_columns`` and ``register_columns`` map the contract's
    fields to the files' own headers.
    """
    meetings_checked, announced, subject = load_meetings(meetings_path, meetings_columns, locale)
    checks = {"meetings": meetings_checked}
    sources = [
        Source(
            "meetings",
            Path(meetings_path),
            sha256_of(meetings_path),
            meetings_checked.synthetic,
        )
    ]
    organisations = None
    organisation_ids = None
    if organisations_path is not None:
        organisations_checked = check_organisations(read_table(organisations_path))
        checks["organisations"] = organisations_checked
        organisations = organisations_checked.table
        organisation_ids = organisations["organisation_id"].tolist()
        sources.append(
            Source("organisations", Path(organisations_path), sha256_of(organisations_path))
        )
    attendance = None
    if register_path is not None:
        register_checked = check_register(
            _load_table(register_path, register_columns, "register"),
            meetings_checked.table["meeting_id"],
            organisation_ids,
        )
        checks["register"] = register_checked
        attendance = register_checked.table
        sources.append(
            Source(
                "register",
                Path(register_path),
                sha256_of(register_path),
                register_checked.synthetic,
            )
        )
    return Consultation(
        meetings=meetings_checked.table,
        attendance=attendance,
        published=published or announced,
        sources=sources,
        checks=checks,
        organisations=organisations,
        subject=subject,
    )


# --------------------------------------------------------------------------- writing


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    """A processed table as CSV; text a spreadsheet would run as a formula is neutralised."""
    return neutralised(frame).to_csv(index=False, lineterminator="\n").encode("utf-8")


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
        written[name] = atomic_write_bytes(path, _csv_bytes(frame))
    return written
