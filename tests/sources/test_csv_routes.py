"""The three ways a CSV file is read give the same cells, lines and malformed rows.

``analysis.sources.csv_reading`` reads a quote-free file with Arrow's CSV reader when every
line is a row of the header's width, splits its lines with Arrow compute functions
when some are blank or of another width, and reads anything else with Python's
:mod:`csv` module. Python's reader is the reference: on any quote-free file the
other two must agree with it cell by cell (the faster ones may decline a file, never
read it differently).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.errors import DataError
from analysis.sources.csv_reading import (
    WHITESPACE,
    _first_line,
    _parse_rows,
    _read_lines,
    _read_records,
    _trimmed_rows,
    read_csv,
)

PATH = Path("register.csv")
#: letters, Polish ones, and every kind of space str.strip() removes (\x0b, \x1c, NBSP, em space)
CELL_TEXT = st.text(alphabet="ab1ł =@-\x0b\x1c\u00a0\u2003", max_size=4)


def _read_rows(path, body: bytes, delimiter: str):
    """Arrow's route alone, as ``read_csv`` takes it; None where it declines the file."""
    parsed = _parse_rows(body, delimiter)
    if parsed is None:
        return None
    header = _first_line(body).rstrip(b"\r").decode("utf-8").split(delimiter)
    return _trimmed_rows(path, header, parsed.columns)


@st.composite
def quote_free_files(draw) -> tuple[bytes, str]:
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    width = draw(st.integers(1, 4))
    header = [f"h{i}" for i in range(width)]
    lines = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["row", "row", "row", "blank", "spaces", "separators", "odd"]))
        if kind == "row":
            lines.append(delimiter.join(draw(st.lists(CELL_TEXT, min_size=width, max_size=width))))
        elif kind == "blank":
            lines.append("")
        elif kind == "spaces":
            lines.append(draw(st.sampled_from([" ", "\u00a0 ", "\x0b"])))
        elif kind == "separators":
            count = draw(st.sampled_from([width, width, width + 1]))  # mostly a full row
            lines.append(delimiter.join(draw(st.sampled_from(["", " "])) for _ in range(count)))
        else:  # a row with one field too many or too few
            count = draw(st.sampled_from([max(width - 1, 0), width + 1]))
            lines.append(delimiter.join(draw(st.lists(CELL_TEXT, min_size=count, max_size=count))))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    text = end.join(lines) + draw(st.sampled_from(["", end]))
    return text.encode("utf-8"), delimiter


def _seen(table) -> tuple:
    """What a reader made of a file, in plain values."""
    return (
        list(table.frame.columns),
        table.frame.values.tolist(),
        table.positions.tolist(),
        table.malformed[["file", "line", "column", "value", "reason"]].values.tolist(),
    )


@given(quote_free_files())
def test_every_route_reads_a_quote_free_file_as_pythons_csv_module_does(case):
    body, delimiter = case
    reference = _seen(_read_records(PATH, body.decode("utf-8"), delimiter))
    assert _seen(_read_lines(PATH, body, delimiter)) == reference
    rows = _read_rows(PATH, body, delimiter)
    if rows is not None:
        assert _seen(rows) == reference
        assert reference[3] == []  # Arrow's reader takes only files with no malformed row


def _write(tmp_path, text: str) -> Path:
    path = tmp_path / "register.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_arrow_reads_a_file_of_full_rows_with_blank_rows_of_separators_left_out(tmp_path):
    text = "meeting_id;participant_id\r\n m1 ;\u00a0P1\r\n ; \r\nm2;P2\r\n"
    table = read_csv(_write(tmp_path, text))
    assert _read_rows(PATH, text.encode(), ";") is not None  # the Arrow route took it
    assert table.frame.values.tolist() == [["m1", "P1"], ["m2", "P2"]]
    assert table.positions.tolist() == [2, 4]


@pytest.mark.parametrize(
    "text",
    [
        "a,b\n1,2\n\n3,4\n",  # an empty line: Arrow would skip it and shift the lines after
        "a,b\n1,2,3\n4,5\n",  # a row of three fields
        "a,b\n1\n4,5\n",  # a row of one field
    ],
)
def test_arrow_declines_a_file_whose_lines_are_not_all_full_rows(text):
    assert _read_rows(PATH, text.encode(), ",") is None


def test_arrow_reads_a_header_with_no_rows():
    assert _seen(_read_rows(PATH, b"a;b\n", ";")) == (["a", "b"], [], [], [])


@pytest.mark.parametrize(
    ("template", "where"),
    [
        ("a,b\n{long},1\n", "register.csv:2: cannot read as CSV"),  # Arrow declines it
        ("a,b\n\n1,2\n{long},1", "register.csv:4: cannot read as CSV"),  # blank line, no end
        ("{long},b\n\n1,2\n", "register.csv:1: cannot read the header"),
        ("{long},b\n1,2\n", "register.csv:1: cannot read the header"),  # Arrow declines
    ],
)
def test_a_cell_longer_than_the_csv_field_limit_fails_as_with_pythons_reader(
    tmp_path, template, where
):
    long = "x" * (csv.field_size_limit() + 1)
    path = _write(tmp_path, template.format(long=long))
    assert _read_rows(PATH, path.read_bytes(), ",") is None
    with pytest.raises(DataError, match=f"{where}: field larger than field limit"):
        read_csv(path)


def test_the_line_route_keeps_every_character_of_a_row(tmp_path):
    # the blank line sends the file to the line-splitting route
    table = read_csv(_write(tmp_path, "a;b\r\n\r\nm1;PX\r\nm2;X\r\n"))
    assert table.frame.values.tolist() == [["m1", "PX"], ["m2", "X"]]
    assert table.positions.tolist() == [3, 4]


def test_the_trimmed_characters_are_exactly_those_str_strip_removes():
    every = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace())
    assert every == WHITESPACE


@pytest.mark.parametrize(
    ("data", "rows", "lines"),
    [
        (b"a,b\r1,2\r3,4\r", [["1", "2"], ["3", "4"]], [2, 3]),  # old Mac line ends
        (b"a,b\r\n1,2\r3,4\r\n", [["1", "2"], ["3", "4"]], [2, 3]),  # one lone CR among CRLF
        (b"a,b\r\n1,2\r\n3,4\r\n", [["1", "2"], ["3", "4"]], [2, 3]),  # Windows
    ],
)
def test_a_lone_carriage_return_ends_a_line_on_every_route(tmp_path, data, rows, lines):
    path = tmp_path / "register.csv"
    path.write_bytes(data)
    table = read_csv(path)
    assert table.frame.values.tolist() == rows
    assert table.positions.tolist() == lines
