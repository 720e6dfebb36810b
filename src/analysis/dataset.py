"""Loading and validating meetings tables, attendance registers and organisations tables.

Files are read as staff produce them (data-model.md §3): CSV separated by ``,``,
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

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from analysis.announcement import AnnouncementError, PublishedTotals, read_announcement
from analysis.errors import DataError
from analysis.files import atomic_write_bytes, sha256_of
from analysis.labels import MEETING_KINDS

# --------------------------------------------------------------------------- columns

REGISTER_COLUMNS = ("meeting_id", "participant_id", "organisation_id")
REGISTER_OPTIONAL = ("organisation_name", "synthetic")
MEETINGS_COLUMNS = ("meeting_id", "date", "kind", "area", "title")
MEETINGS_OPTIONAL = ("attendees", "organisations")
ORGANISATIONS_COLUMNS = ("organisation_id",)
ORGANISATIONS_OPTIONAL = ("organisation_name", "area")

#: Polish headers accepted as aliases (after case and whitespace folding).
HEADER_ALIASES = {
    "id_spotkania": "meeting_id",
    "id_uczestnika": "participant_id",
    "id_organizacji": "organisation_id",
    "nazwa_organizacji": "organisation_name",
    "data": "date",
    "rodzaj": "kind",
    "obszar": "area",
    "tytul": "title",
    "tytuł": "title",
    "uczestnicy": "attendees",
    "organizacje": "organisations",
    "syntetyczne": "synthetic",
    "organization_id": "organisation_id",
    "organization_name": "organisation_name",
}

TRUE_WORDS = {"true", "1", "yes", "tak", "y", "t"}


def normalise_header(name: object) -> str:
    """``' Meeting ID '`` -> ``'meeting_id'``; Polish aliases map to the English names."""
    folded = "_".join(str(name).strip().casefold().replace("-", "_").split())
    return HEADER_ALIASES.get(folded, folded)


# --------------------------------------------------------------------------- reading


@dataclass
class RawTable:
    """A file's rows as trimmed text, with where each row stands in the file."""

    frame: pd.DataFrame  # every column as str; missing cells are ""
    positions: np.ndarray  # CSV line / XLSX sheet row / Parquet row, one per frame row
    position_name: str  # "line", "sheet row" or "row"
    path: Path
    malformed: pd.DataFrame = field(default_factory=lambda: _empty_rejects())


def _empty_rejects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "file": pd.Series(dtype=str),
            "line": pd.Series(dtype="int64"),
            "column": pd.Series(dtype=str),
            "value": pd.Series(dtype=str),
            "reason": pd.Series(dtype=str),
        }
    )


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1250"), "cp1250"


def _sniff_delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_csv(path: Path) -> RawTable:
    try:
        text, _encoding = _decode(path.read_bytes())
    except ValueError as exc:
        raise DataError(f"{path}: cannot decode as UTF-8 or Windows-1250: {exc}") from None
    first_line = text.split("\n", 1)[0]
    delimiter = _sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise DataError(f"{path}: the file is empty (no header line)") from None
    except csv.Error as exc:
        raise DataError(f"{path}:1: cannot read the header: {exc}") from None
    width = len(header)
    rows: list[list[str]] = []
    lines: list[int] = []
    malformed: list[dict] = []
    line = reader.line_num
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue  # a blank line is not a row
            if len(record) != width:
                malformed.append(
                    {
                        "file": str(path),
                        "line": start,
                        "column": "",
                        "value": delimiter.join(record),
                        "reason": f"expected {width} fields, found {len(record)}",
                    }
                )
                continue
            rows.append([cell.strip() for cell in record])
            lines.append(start)
    except csv.Error as exc:
        raise DataError(f"{path}:{reader.line_num}: cannot read as CSV: {exc}") from None
    frame = pd.DataFrame(rows, columns=[str(h) for h in header], dtype=object)
    if not rows:
        frame = pd.DataFrame({str(h): pd.Series(dtype=object) for h in header})
    rejects = pd.DataFrame(malformed) if malformed else _empty_rejects()
    return RawTable(frame, np.asarray(lines, dtype="int64"), "line", path, rejects)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path) -> RawTable:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DataError(f"{path}: cannot read as XLSX: {exc}") from None
    try:
        sheet = workbook.worksheets[0]
        iterator = sheet.iter_rows(values_only=True)
        header = next(iterator, None)
        if header is None:
            raise DataError(f"{path}: the first sheet is empty (no header row)")
        while header and header[-1] is None:
            header = header[:-1]
        width = len(header)
        rows, sheet_rows = [], []
        for number, record in enumerate(iterator, start=2):
            cells = [_cell_text(v) for v in record[:width]]
            cells += [""] * (width - len(cells))
            if any(cells):
                rows.append(cells)
                sheet_rows.append(number)
    finally:
        workbook.close()
    columns = [_cell_text(h) for h in header]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    return RawTable(frame, np.asarray(sheet_rows, dtype="int64"), "sheet row", path)


def _read_parquet(path: Path) -> RawTable:
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several kinds for a damaged file
        raise DataError(f"{path}: cannot read as Parquet: {exc}") from None
    text = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            as_text = column.dt.strftime("%Y-%m-%d")
        elif pd.api.types.is_float_dtype(column):
            as_text = column.map(_cell_text)
        else:
            as_text = column.astype("string")
        text[str(name)] = as_text.fillna("").astype(object).map(str).str.strip()
    text = text.reset_index(drop=True)
    return RawTable(text, np.arange(1, len(text) + 1, dtype="int64"), "row", path)


def read_table(path: str | Path) -> RawTable:
    """Read a CSV, XLSX or Parquet file into trimmed text cells with row positions."""
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found" if not path.exists() else f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv", ".txt"}:
        table = _read_csv(path)
    elif suffix in {".xlsx", ".xlsm"}:
        table = _read_xlsx(path)
    elif suffix in {".parquet", ".pq"}:
        table = _read_parquet(path)
    else:
        raise DataError(f"{path}: unsupported file type {suffix!r} (use .csv, .xlsx or .parquet)")
    names = [normalise_header(c) for c in table.frame.columns]
    seen = {n for n in names if names.count(n) > 1}
    if seen:
        raise DataError(f"{path}: the header repeats the column(s) {', '.join(sorted(seen))}")
    table.frame.columns = names
    return table


def _require_columns(table: RawTable, required: Iterable[str]) -> None:
    missing = [c for c in required if c not in table.frame.columns]
    if missing:
        aliases = {c: [a for a, t in HEADER_ALIASES.items() if t == c] for c in missing}
        expected = "; ".join(f"{c} (or {', '.join(a)})" if a else c for c, a in aliases.items())
        found = ", ".join(table.frame.columns) or "none"
        raise DataError(
            f"{table.path}: missing required column(s): {expected}; found columns: {found}"
        )


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

    @property
    def accepted(self) -> int:
        return len(self.table) + len(self.duplicates)


def _not_empty(series: pd.Series) -> pd.Series:
    return series.str.len() > 0


def _check(fn: Callable[[pd.Series], pd.Series], reason: str) -> pa.Check:
    return pa.Check(fn, error=reason)


MISSING = "missing value"


def _collect_failures(
    schema: pa.DataFrameSchema, table: RawTable
) -> tuple[np.ndarray, pd.DataFrame]:
    """Run the schema lazily; return the bad row mask and one record per bad row."""
    frame = table.frame
    try:
        schema.validate(frame, lazy=True)
        return np.zeros(len(frame), dtype=bool), _empty_rejects()
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


def _parse_dates(series: pd.Series) -> pd.Series:
    """ISO ``YYYY-MM-DD`` or ``DD.MM.YYYY`` (``D.M.YYYY`` too); NaT where neither."""
    text = series.astype(str).str.strip().str.replace(r"[ T]00:00(:00)?$", "", regex=True)
    iso = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    dotted = pd.to_datetime(text, format="%d.%m.%Y", errors="coerce")
    return iso.fillna(dotted)


def _is_count(series: pd.Series) -> pd.Series:
    return (series == "") | series.str.fullmatch(r"\d+")


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


def check_meetings(table: RawTable) -> Checked:
    """Validate a meetings table (data-model.md §2)."""
    _require_columns(table, MEETINGS_COLUMNS)
    frame = table.frame
    first_of_id = ~frame["meeting_id"].duplicated(keep="first") | (frame["meeting_id"] == "")
    schema = pa.DataFrameSchema(
        {
            "meeting_id": pa.Column(
                str,
                checks=[
                    _check(_not_empty, MISSING),
                    _check(lambda s: first_of_id.loc[s.index], "meeting_id repeats an earlier row"),
                ],
            ),
            "date": pa.Column(
                str,
                checks=[
                    _check(_not_empty, MISSING),
                    _check(
                        lambda s: _parse_dates(s).notna(),
                        "unparsable date (expected YYYY-MM-DD or DD.MM.YYYY)",
                    ),
                ],
            ),
            "kind": pa.Column(
                str,
                checks=[
                    _check(_not_empty, MISSING),
                    pa.Check.isin(MEETING_KINDS, error=f"kind must be one of {MEETING_KINDS}"),
                ],
            ),
            "area": pa.Column(
                str,
                checks=[
                    _check(_not_empty, MISSING),
                    _check(
                        lambda s: s.str.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*"),
                        "area must be a code of lower-case letters, digits and hyphens",
                    ),
                ],
            ),
            "title": pa.Column(str, checks=[_check(_not_empty, MISSING)]),
            **{
                name: pa.Column(
                    str,
                    checks=[_check(_is_count, "not a whole number ≥ 0")],
                    required=False,
                )
                for name in MEETINGS_OPTIONAL
            },
        },
        strict=False,
    )
    good, rejected = _finish(table, schema)
    meetings = good[[c for c in (*MEETINGS_COLUMNS, *MEETINGS_OPTIONAL) if c in good]].copy()
    meetings["date"] = _parse_dates(meetings["date"]).astype("datetime64[ns]")
    for name in MEETINGS_OPTIONAL:
        if name in meetings:
            meetings[name] = pd.to_numeric(meetings[name].replace("", None)).astype("Int64")
    meetings = meetings.sort_values(["date", "meeting_id"], kind="stable").reset_index(drop=True)
    return Checked(
        meetings,
        rejected,
        _no_duplicates(),
        len(frame) + len(table.malformed),
        table.path,
        table.position_name,
    )


def check_register(
    table: RawTable,
    meeting_ids: Iterable[str] | None = None,
    organisation_ids: Iterable[str] | None = None,
) -> Checked:
    """Validate an attendance register (data-model.md §3) against the known meetings."""
    _require_columns(table, REGISTER_COLUMNS)
    meeting_checks = [_check(_not_empty, MISSING)]
    if meeting_ids is not None:
        meeting_checks.append(pa.Check.isin(list(meeting_ids), error="unknown meeting_id"))
    organisation_checks = [_check(_not_empty, MISSING)]
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
                ],
            ),
            "organisation_id": pa.Column(str, checks=organisation_checks),
        },
        strict=False,
    )
    good, rejected = _finish(table, schema)
    synthetic = "synthetic" in table.frame and bool(
        table.frame["synthetic"].str.casefold().isin(TRUE_WORDS).any()
    )
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
    _require_columns(table, ORGANISATIONS_COLUMNS)
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

    @property
    def synthetic(self) -> bool:
        return any(s.synthetic for s in self.sources)

    @property
    def rejected(self) -> pd.DataFrame:
        frames = [
            c.rejected.assign(table=role) for role, c in self.checks.items() if len(c.rejected)
        ]
        if not frames:
            return _empty_rejects().assign(table=pd.Series(dtype=str))
        return pd.concat(frames, ignore_index=True)

    @property
    def duplicates(self) -> pd.DataFrame:
        frames = [c.duplicates for c in self.checks.values() if len(c.duplicates)]
        return pd.concat(frames, ignore_index=True) if frames else _no_duplicates()


def load_meetings(path: str | Path) -> tuple[Checked, PublishedTotals | None]:
    """Meetings from a table, or from a published announcement (``.txt``) with its totals."""
    path = Path(path)
    if path.suffix.lower() == ".txt" and path.is_file():
        try:
            announcement = read_announcement(path)
        except AnnouncementError as exc:
            raise DataError(str(exc)) from None
        meetings = announcement.meetings
        checked = Checked(meetings, _empty_rejects(), _no_duplicates(), len(meetings), path)
        return checked, announcement.published
    return check_meetings(read_table(path)), None


def load_consultation(
    meetings_path: str | Path,
    register_path: str | Path | None = None,
    organisations_path: str | Path | None = None,
    published: PublishedTotals | None = None,
) -> Consultation:
    """Load and validate a consultation's sources.

    ``meetings_path`` is a meetings table or a published announcement (then its
    totals are the published ones). Without a register, the statistics use the
    meetings table's own ``attendees``/``organisations`` counts.
    """
    meetings_checked, announced = load_meetings(meetings_path)
    checks = {"meetings": meetings_checked}
    sources = [Source("meetings", Path(meetings_path), sha256_of(meetings_path))]
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
            read_table(register_path), meetings_checked.table["meeting_id"], organisation_ids
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
    )


# --------------------------------------------------------------------------- writing


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


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
    }
    if consultation.attendance is not None:
        tables["attendance"] = consultation.attendance
    for name, frame in tables.items():
        path = out_dir / f"{name}.csv"
        if path.resolve() in raw:
            raise DataError(f"{path}: refusing to overwrite a raw source")
        written[name] = atomic_write_bytes(path, _csv_bytes(frame))
    return written
