"""CSV files as staff write them, read into trimmed text cells with their line numbers.

Separated by ``,``, ``;`` or tab (the header line decides), in any encoding
:mod:`analysis.sources.text_encoding` reads, CRLF or LF line ends. A record with the wrong
number of fields, or a quoted value that swallowed whole rows (a stray ``"``), is kept
as a malformed row with its line.

Three routes give the same cells, lines and malformed rows (``tests/test_csv_routes.py``
checks they agree):

- a file with no ``"`` and no lone carriage return (most exports) has one record
  per line. When every line is a row of the header's width, Arrow's CSV reader
  parses it (in C++, on every core);
- when some line is blank or has the wrong number of fields, its lines are split
  into fields by Arrow compute functions, with no Python loop per row;
- any other file goes through Python's :mod:`csv` reader, record by record.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "r.csv").write_bytes(b"a;b\\r\\n x ;y\\r\\n\\r\\n1;2;3\\r\\n")
21
>>> table = read_csv(folder / "r.csv")
>>> table.frame.values.tolist(), table.positions.tolist(), table.malformed["reason"].tolist()
([['x', 'y']], [2], ['expected 2 fields, found 3'])
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from analysis.errors import DataError
from analysis.sources.limits import too_many_columns
from analysis.sources.text_encoding import utf8_bytes

#: Every character Python's ``str.strip()`` removes, so Arrow trims exactly as it does
#: (``tests/test_csv_routes.py`` checks the list against ``str.isspace``).
WHITESPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004"
    "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


@dataclass
class RawTable:
    """A file's rows as trimmed text, with where each row stands in the file."""

    frame: pd.DataFrame  # every column as str; missing cells are ""
    positions: np.ndarray  # CSV line / XLSX sheet row / Parquet row, one per frame row
    position_name: str  # "line", "sheet row" or "row"
    path: Path
    malformed: pd.DataFrame = field(default_factory=lambda: empty_rejects())
    #: each column's header as the file writes it, by the column's name in ``frame``
    #: (set when the header is folded to field names; a column not listed is named as is)
    headers: dict[str, str] = field(default_factory=dict)

    def header_of(self, column: str) -> str:
        """The header as the file writes it of the column named ``column`` in ``frame``."""
        return self.headers.get(column, column)


def empty_rejects() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "file": pd.Series(dtype=str),
            "line": pd.Series(dtype="int64"),
            "column": pd.Series(dtype=str),  # the header as the file writes it
            "field": pd.Series(dtype=str),  # the contract's field it holds ("" if none)
            "value": pd.Series(dtype=str),
            "reason": pd.Series(dtype=str),
        }
    )


def _sniff_delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv(path: Path, data: bytes | None = None) -> RawTable:
    """Read a CSV file (or ``data``, its bytes) into a :class:`RawTable`."""
    raw = path.read_bytes() if data is None else data
    try:
        body = utf8_bytes(raw)
    except ValueError as exc:
        raise DataError(f"{path}: cannot decode as UTF-8 or Windows-1250: {exc}") from None
    del raw
    first_line = _first_line(body).decode("utf-8")
    delimiter = _sniff_delimiter(first_line)
    refused = too_many_columns(path, first_line.count(delimiter) + 1)
    if refused:  # before any row is parsed: a wide header would take minutes
        raise DataError(refused)
    if _one_record_per_line(body):
        parsed = _parse_rows(body, delimiter)
        if parsed is not None:
            header = _first_line(body).rstrip(b"\r").decode("utf-8").split(delimiter)
            del body  # the file's bytes are not needed any more (a large register: 100 MB)
            columns = parsed.columns
            del parsed  # each column is dropped once trimmed
            return _trimmed_rows(path, header, columns)
        if _longest_line(body) <= csv.field_size_limit():
            return _read_lines(path, body, delimiter)
    return _read_records(path, body.decode("utf-8"), delimiter)


def _one_record_per_line(body: bytes) -> bool:
    """No quote can join lines, no lone CR ends one, and the header line holds text."""
    if b'"' in body or (b"\r" in body and body.count(b"\r") != body.count(b"\r\n")):
        return False
    return bool(_first_line(body).rstrip(b"\r"))


def _first_line(body: bytes) -> bytes:
    end = body.find(b"\n")
    return body if end < 0 else body[:end]


def _longest_line(body: bytes) -> int:
    ends = np.flatnonzero(np.frombuffer(body, dtype=np.uint8) == 0x0A)
    return int(np.diff(ends, prepend=-1, append=len(body)).max()) if len(body) else 0


def _parse_rows(body: bytes, delimiter: str) -> pa.Table | None:
    """The common case, parsed by Arrow's CSV reader (in C++, on every core): every
    line after the header is a row of the header's width. None when a line is empty or
    of another width, or a cell (or a header name) is longer than the CSV reader's field
    limit: the other routes then say which."""
    header = _first_line(body).rstrip(b"\r").decode("utf-8").split(delimiter)
    limit = csv.field_size_limit()
    if max(map(len, header)) > limit:
        return None
    names = [f"c{i}" for i in range(len(header))]

    def refuse(_row) -> str:
        return "error"

    try:
        parsed = pa_csv.read_csv(
            pa.BufferReader(body),
            read_options=pa_csv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter, quote_char=False, invalid_row_handler=refuse
            ),
            convert_options=pa_csv.ConvertOptions(  # pandas' text columns are large strings
                column_types=dict.fromkeys(names, pa.large_string()), check_utf8=False
            ),
        )
    except pa.ArrowInvalid:
        return None  # a row of another width
    records = body.count(b"\n") + (not body.endswith(b"\n")) - 1  # lines after the header
    if parsed.num_rows != records:
        return None  # an empty line was skipped: line numbers would shift
    for cell in parsed.columns:  # a character takes at least a byte: count them if need be
        longest = pc.max(pc.binary_length(cell)).as_py() or 0
        if longest > limit and (pc.max(pc.utf8_length(cell)).as_py() or 0) > limit:
            return None
    return parsed


def _trimmed_rows(path: Path, header: list[str], columns: list) -> RawTable:
    """Rows parsed by :func:`_parse_rows`, trimmed; rows of blanks are not rows.
    ``columns`` is taken over: each is replaced by its trimmed cells."""
    rows = len(columns[0]) if columns else 0
    filled = np.zeros(rows, dtype=bool)
    for i, column in enumerate(columns):
        columns[i] = column = pc.utf8_trim(column, characters=WHITESPACE)
        filled |= pc.greater(pc.binary_length(column), 0).to_numpy(zero_copy_only=False)
    lines = np.arange(2, rows + 2, dtype="int64")
    if not filled.all():  # lines of blanks and separators are not rows
        keep = pa.array(filled)
        columns = [c.filter(keep) for c in columns]
        lines = lines[filled]
    return RawTable(_frame(header, columns), lines, "line", path)


def _lines(body: bytes) -> pa.Array:
    """The lines of ``body`` (without their line ends) as one Arrow string array."""
    ends = np.flatnonzero(np.frombuffer(body, dtype=np.uint8) == 0x0A)
    starts = np.concatenate(([0], ends + 1))
    if starts[-1] == len(body):  # the last line ended with a line break
        starts = starts[:-1]
    offsets = np.append(starts, len(body))
    kind, index = (pa.large_string(), np.int64) if len(body) >= 2**31 else (pa.string(), np.int32)
    lines = pa.Array.from_buffers(
        kind, len(starts), [None, pa.py_buffer(offsets.astype(index)), pa.py_buffer(body)]
    )
    return pc.utf8_rtrim(lines, characters="\r\n")


def _read_lines(path: Path, body: bytes, delimiter: str) -> RawTable:
    """The quote-free route: every line a record, split and trimmed by Arrow."""
    lines = _lines(body)
    header = lines[0].as_py().split(delimiter)
    width = len(header)
    records = lines[1:]
    line_numbers = np.arange(2, len(records) + 2, dtype="int64")
    fields = pc.split_pattern(records, delimiter)
    counts = pc.list_value_length(fields).to_numpy(zero_copy_only=False)
    content = pc.utf8_trim(pc.replace_substring(records, delimiter, ""), characters=WHITESPACE)
    blank = pc.equal(pc.utf8_length(content), 0).to_numpy(zero_copy_only=False)
    good = ~blank & (counts == width)
    wrong = ~blank & (counts != width)
    malformed = empty_rejects()
    if wrong.any():
        malformed = pd.DataFrame(
            {
                "file": str(path),
                "line": line_numbers[wrong],
                "column": "",
                "value": records.filter(pa.array(wrong)).to_pylist(),
                "reason": [f"expected {width} fields, found {n}" for n in counts[wrong]],
            }
        )
    cells = pc.list_flatten(fields.filter(pa.array(good)))
    cells = pc.utf8_trim(cells, characters=WHITESPACE)
    rows = int(good.sum())
    columns = [cells.take(pa.array(np.arange(i, rows * width, width))) for i in range(width)]
    return RawTable(_frame(header, columns), line_numbers[good], "line", path, malformed)


def _frame(header: list[str], columns: list) -> pd.DataFrame:
    """Text columns under the header as written (a repeated name is kept for
    :func:`~analysis.sources.headers.fold_header` to report)."""
    frame = pd.DataFrame({i: pd.Series(c, dtype="str") for i, c in enumerate(columns)})
    frame.columns = [str(h) for h in header]
    return frame


def _read_records(path: Path, text: str, delimiter: str) -> RawTable:
    """The general route: Python's CSV reader, for quoted values and odd line ends."""
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
            rows.append(record)
            lines.append(start)
    except csv.Error as exc:
        raise DataError(f"{path}:{reader.line_num}: cannot read as CSV: {exc}") from None
    by_column = list(zip(*rows, strict=True)) if rows else [() for _ in header]
    columns = [pc.utf8_trim(pa.array(c, pa.string()), characters=WHITESPACE) for c in by_column]
    frame = _frame(header, columns)
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
