"""Reading source files into text cells, with where each row stands in its file.

Files are read as staff and platforms produce them: CSV separated by ``,``,
``;`` or tab, in UTF-8, UTF-8 with BOM or Windows-1250, CRLF or LF line ends
(a quoted value may span lines); XLSX (first sheet, whatever size it claims); Parquet;
and a ``.zip`` holding such tables (a platform's open-data download). Every cell becomes
trimmed text (``""`` when blank); the header is read by :mod:`analysis.sources.headers`;
checking the values is :mod:`analysis.validation`'s job.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.errors import DataError
from analysis.sources.csv_reading import RawTable, empty_rejects, read_csv
from analysis.sources.headers import fold_header
from analysis.sources.limits import (
    MAX_RATIO,
    RATIO_FROM_MB,
    max_unzipped_bytes,
    too_many_columns,
)

__all__ = ["RawTable", "empty_rejects", "read_raw", "read_table"]


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
        workbook = load_workbook(
            path,
            read_only=True,  # pragma: no mutate (speed only: the sheet is streamed)
            data_only=True,  # a formula cell reads as the value the spreadsheet saved
        )
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise DataError(f"{path}: cannot read as XLSX: {exc}") from None
    try:
        sheet = workbook.worksheets[0]
        # the sheet's stored size is not trusted: a stale one (another tool saved the file)
        # hides the rows and columns past it, a false one (A1:XFD1048576 in 5 KB) pads
        # every row to 16,384 cells and a million rows; the cells are read as they are
        sheet.reset_dimensions()
        rows, sheet_rows, malformed = [], [], []
        iterator = _sheet_rows(sheet, path)
        header = next(iterator, None)
        if header is None:
            raise DataError(f"{path}: the first sheet is empty (no header row)")
        _, header = header
        while header and header[-1] is None:
            header = header[:-1]
        width = len(header)
        refused = too_many_columns(path, width)
        if refused:
            raise DataError(refused)
        for number, record in iterator:
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
    frame = pd.DataFrame(rows, columns=columns).astype("str")
    rejects = pd.DataFrame(malformed) if malformed else empty_rejects()
    return RawTable(frame, np.asarray(sheet_rows, dtype="int64"), "sheet row", path, rejects)


def _sheet_rows(sheet, path: Path):
    """``(sheet row, cells)`` for each row of the sheet, numbered as the sheet numbers them,
    from the first row that holds anything (the header); a damaged sheet (truncated XML,
    a bad cell) is one :class:`DataError`."""
    try:
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        for number, cells in rows:
            if any(v is not None for v in cells):
                yield number, tuple(cells)
                break
        for number, cells in rows:
            yield number, tuple(cells)
    except DataError:
        raise
    except Exception as exc:  # openpyxl and its XML parser raise many kinds
        raise DataError(f"{path}: cannot read the sheet, the file is damaged: {exc}") from None


def _read_parquet(path: Path) -> RawTable:
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except Exception as exc:  # pyarrow raises several kinds for a damaged file
        raise DataError(f"{path}: cannot read as Parquet: {exc}") from None
    refused = too_many_columns(path, len(schema))
    if refused:
        raise DataError(refused)
    for field in schema:
        if pa.types.is_nested(field.type):
            raise DataError(
                f"{path}: column {field.name!r} holds nested values ({field.type}), not one "
                "value per cell; write it as text or numbers"
            )
    try:
        table = pq.read_table(path)
        for name, column in zip(table.column_names, table.columns, strict=True):
            if pa.types.is_binary(column.type) or pa.types.is_large_binary(column.type):
                try:
                    pc.cast(column, pa.large_string())
                except pa.ArrowInvalid:
                    raise DataError(
                        f"{path}: column {name!r} holds bytes that are not UTF-8 text"
                    ) from None
        frame = table.to_pandas()
    except DataError:
        raise
    except Exception as exc:  # pyarrow raises several kinds for a damaged file
        raise DataError(f"{path}: cannot read as Parquet: {exc}") from None
    text = pd.DataFrame(index=frame.index)
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_datetime64_any_dtype(column):
            as_text = column.dt.strftime("%Y-%m-%d")
        elif column.map(type).eq(bytes).any():  # checked above: UTF-8 text
            as_text = column.map(lambda v: v.decode("utf-8") if isinstance(v, bytes) else v)
            as_text = as_text.astype("string")
        elif pd.api.types.is_float_dtype(column):
            as_text = column.map(_cell_text)
        else:
            as_text = column.astype("string")
        text[str(name)] = as_text.fillna("").astype(object).map(str).str.strip().astype("str")
    text = text.reset_index(drop=True)
    return RawTable(text, np.arange(1, len(text) + 1), "row", path)  # int64 since numpy 2


TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq")


def _read_zip(path: Path, member: str = "meetings") -> RawTable:
    """The one table in a ``.zip``; in an open-data download of several, the one whose
    name ends in ``member`` (``<host>-open-data-meetings.csv``, ``…-proposals.csv``)."""
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
            named = [n for n in names if Path(n).stem.casefold().endswith(member.casefold())]
            names = named if len(named) == 1 else names
        if len(names) != 1:
            found = ", ".join(archive.namelist()) or "nothing"
            raise DataError(
                f"{path}: expected one CSV table (or one named *{member}*) in the archive; "
                f"found: {found}"
            )
        data = _unzipped(archive, names[0], path)
    return read_csv(path / names[0], data)  # rows are named inside the archive


def _unzipped(archive: zipfile.ZipFile, name: str, path: Path) -> bytes:
    """One member's bytes, within the limits (:mod:`analysis.sources.limits`): a member
    that says it inflates past them is refused before a byte is inflated, one that lies is
    stopped as soon as it does."""
    info = archive.getinfo(name)
    limit = max_unzipped_bytes()
    where = f"{path}: {name}"
    if info.flag_bits & 0x1:
        raise DataError(f"{where} is encrypted; unzip it with its password and give the table")
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > limit or (info.file_size > RATIO_FROM_MB << 20 and ratio > MAX_RATIO):
        raise DataError(
            f"{where} inflates to {info.file_size:,} bytes ({ratio:,.0f} times its "
            f"{info.compress_size:,} in the archive), past the limit of {limit:,} bytes (or "
            f"{MAX_RATIO} times); if it is a real table, unzip it and give the file, or set "
            "ANALYSIS_MAX_UNZIPPED_MB"
        )
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError) as exc:
        raise DataError(f"{where}: cannot unzip: {exc}") from None
    if len(data) > limit:
        raise DataError(f"{where} inflates past the limit of {limit:,} bytes; unzip it first")
    return data


def read_raw(path: str | Path, member: str = "meetings") -> RawTable:
    """Read a CSV, XLSX, Parquet or ZIP file into trimmed text cells with row positions.

    The header is kept as written (see :func:`fold_header` and :func:`read_table`). In a
    ``.zip`` of several tables, the one whose name ends in ``member`` is read (a
    platform's open-data download: ``"meetings"``, or ``"proposals"`` for the remarks).
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found" if not path.exists() else f"{path}: not a file")
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _read_zip(path, member)
    if suffix in {".csv", ".tsv", ".txt"}:
        table = read_csv(path)
    elif suffix in {".xlsx", ".xlsm"}:
        table = _read_xlsx(path)
    elif suffix in {".parquet", ".pq"}:
        table = _read_parquet(path)
    else:
        raise DataError(
            f"{path}: unsupported file type {suffix!r} (use .csv, .xlsx, .parquet or .zip)"
        )
    return table


def read_table(path: str | Path) -> RawTable:
    """:func:`read_raw` with the header folded to field names."""
    return fold_header(read_raw(path))
