"""Reading source files into text cells, with where each row stands in its file.

Files are read as staff and platforms produce them: CSV separated by ``,``,
``;`` or tab, in UTF-8, UTF-8 with BOM or Windows-1250, CRLF or LF line ends
(a quoted value may span lines); XLSX (first sheet); Parquet; and a ``.zip``
holding one such table (a platform's open-data download). Every cell becomes
trimmed text (``""`` when blank); checking the values is :mod:`analysis.dataset`'s
job. Headers are matched case- and whitespace-insensitively, with Polish aliases.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.errors import DataError

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
    malformed: pd.DataFrame = field(default_factory=lambda: empty_rejects())


def empty_rejects() -> pd.DataFrame:
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
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's
    "Unicode text"), else Windows-1250; UTF-16 without a BOM is refused by name."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    head = data[:400]
    if head and head.count(b"\x00") * 3 > len(head):  # every other byte zero
        raise ValueError("it looks like UTF-16 without a byte-order mark; save it as UTF-8")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1250"), "cp1250"


def _sniff_delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _read_csv(path: Path, data: bytes | None = None) -> RawTable:
    try:
        text, _encoding = _decode(path.read_bytes() if data is None else data)
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
            swallowed = _swallowed_rows(record, delimiter, width) if line > start else None
            if swallowed is not None:
                malformed.append(
                    {
                        "file": str(path),
                        "line": start,
                        "column": str(header[swallowed]) if swallowed < width else "",
                        "value": delimiter.join(record),
                        "reason": f"a quoted value runs from line {start} to line {line} and "
                        "holds what look like whole rows (a stray double quote?)",
                    }
                )
                continue
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
    rejects = pd.DataFrame(malformed) if malformed else empty_rejects()
    return RawTable(frame, np.asarray(lines, dtype="int64"), "line", path, rejects)


def _swallowed_rows(record: list[str], delimiter: str, width: int) -> int | None:
    """The position of a cell whose later lines look like rows of their own, else None.

    A stray ``"`` opens a quoted value that the CSV reader closes only at the next
    ``"``, many lines on: the rows in between become one cell. A line inside a cell is
    taken for such a swallowed row when it holds as many separators as a row and starts
    with a value shaped like the record's own first value (``m2`` like ``m1``), so a
    note that lists a few things on a line of its own is not.
    """
    if width < 2:
        return None
    shape = _shape(record[0]) if record else ""
    for position, cell in enumerate(record):
        for part in cell.splitlines()[1:]:
            if part.count(delimiter) >= width - 1 and _shape(part.split(delimiter)[0]) == shape:
                return position
    return None


def _shape(value: str) -> str:
    """``'PAM-0012'`` -> ``'A-9'``: letters and digits as classes, runs collapsed."""
    classes = re.sub(r"[^\W\d_]+", "A", re.sub(r"\d+", "9", value.strip()))
    return classes


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
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
    from openpyxl.utils import get_column_letter

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
        rows, sheet_rows, malformed = [], [], []
        for number, record in enumerate(iterator, start=2):
            cells = [_cell_text(v) for v in record[:width]]
            cells += [""] * (width - len(cells))
            outside = [_cell_text(v) for v in record[width:]]
            if any(outside):
                column = width + next(i for i, v in enumerate(outside) if v)
                malformed.append(
                    {
                        "file": str(path),
                        "line": number,
                        "column": get_column_letter(column + 1),
                        "value": "; ".join(v for v in outside if v),
                        "reason": f"a value outside the header's {width} columns",
                    }
                )
            elif any(cells):
                rows.append(cells)
                sheet_rows.append(number)
    finally:
        workbook.close()
    columns = [_cell_text(h) for h in header]
    frame = pd.DataFrame(rows, columns=columns, dtype=object)
    rejects = pd.DataFrame(malformed) if malformed else empty_rejects()
    return RawTable(frame, np.asarray(sheet_rows, dtype="int64"), "sheet row", path, rejects)


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


TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq")


def _read_zip(path: Path) -> RawTable:
    """The one table in a ``.zip``; in an open-data download, the one named ``*meetings.csv``."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DataError(f"{path}: cannot read as a ZIP archive: {exc}") from None
    with archive:
        names = [
            n
            for n in archive.namelist()
            if not n.endswith("/") and Path(n).suffix.lower() in (".csv", ".tsv")
        ]
        if len(names) > 1:
            meetings = [n for n in names if Path(n).stem.casefold().endswith("meetings")]
            names = meetings if len(meetings) == 1 else names
        if len(names) != 1:
            found = ", ".join(archive.namelist()) or "nothing"
            raise DataError(
                f"{path}: expected one CSV table (or one named *meetings*) in the archive; "
                f"found: {found}"
            )
        data = archive.read(names[0])
    table = _read_csv(path / names[0], data)
    table.malformed["file"] = str(path / names[0])
    return table


def read_raw(path: str | Path) -> RawTable:
    """Read a CSV, XLSX, Parquet or ZIP file into trimmed text cells with row positions.

    The header is kept as written (see :func:`fold_header` and :func:`read_table`).
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found" if not path.exists() else f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _read_zip(path)
    if suffix in {".csv", ".tsv", ".txt"}:
        table = _read_csv(path)
    elif suffix in {".xlsx", ".xlsm"}:
        table = _read_xlsx(path)
    elif suffix in {".parquet", ".pq"}:
        table = _read_parquet(path)
    else:
        raise DataError(
            f"{path}: unsupported file type {suffix!r} (use .csv, .xlsx, .parquet or .zip)"
        )
    return table


def fold_header(table: RawTable, renames: dict[str, str] | None = None) -> RawTable:
    """Header cells folded to field names (:func:`normalise_header`), after ``renames``
    (header as written -> field) has put the user's or a platform's names in place."""
    renames = renames or {}
    mapped = set(renames.values())
    names = []
    for position, written in enumerate(table.frame.columns, start=1):
        if not str(written).strip() and written not in renames:  # a blank header cell
            names.append(f"(column {position})")
            continue
        name = renames.get(written) or normalise_header(written)
        if written not in renames and name in mapped:  # the mapping names another column
            name = f"{written} (not used)"
        names.append(name)
    seen = {n for n in names if names.count(n) > 1}
    if seen:
        raise DataError(f"{table.path}: the header repeats the column(s) {', '.join(sorted(seen))}")
    table.frame.columns = names
    return table


def require_columns(table: RawTable, required: Iterable[str]) -> None:
    missing = [c for c in required if c not in table.frame.columns]
    if missing:
        aliases = {c: [a for a, t in HEADER_ALIASES.items() if t == c] for c in missing}
        expected = "; ".join(f"{c} (or {', '.join(a)})" if a else c for c, a in aliases.items())
        found = ", ".join(table.frame.columns) or "none"
        raise DataError(
            f"{table.path}: missing required column(s): {expected}; found columns: {found}"
        )


def read_table(path: str | Path) -> RawTable:
    """:func:`read_raw` with the header folded to field names."""
    return fold_header(read_raw(path))
