"""Reading XLSX, Parquet and ZIP files into text cells, cell by cell (fast, no notebooks).

Each reader's whole result is compared with what ``docs/data-contract.md`` (§ 1
Sources, § 3 Values as exported) says it gives, worked out by hand: every cell as
trimmed text, ``""`` where blank, whole numbers without ``.0``, dates as ISO dates,
the row's place in its file, and cells outside the header kept as rejected rows.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook

from analysis.errors import DataError
from analysis.sources.reading import read_raw

REASON = "a value outside the header's 3 columns"


def _text(rows, columns) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns, dtype="str")


def _same(table, frame, positions, position_name, path):
    assert table.path == path  # later messages name it
    pd.testing.assert_frame_equal(table.frame, frame)
    assert table.positions.dtype == np.int64
    assert table.positions.tolist() == positions
    assert table.position_name == position_name


def _xlsx(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_an_xlsx_sheet_cell_by_cell(tmp_path):
    path = _xlsx(
        tmp_path / "r.xlsx",
        [
            ["meeting_id", " participant_id ", "date", None, None],  # trailing blanks: no column
            ["m1", "  P1 ", dt.datetime(2018, 5, 25)],  # sheet row 2
            [None, None, None],  # 3: blank, skipped
            ["m2", 7.0, dt.datetime(2018, 6, 1, 14, 30)],  # 4: a time is kept
            ["m3", 2.5, 12],  # 5
            ["m4", "P4", None, None, "extra", "more"],  # 6: values beyond the header
            ["m5"],  # 7: short, padded with blanks
            [None, None, None, None, None, " "],  # 8: only a space outside: blank
        ],
    )
    table = read_raw(path)
    expected = _text(
        [
            ["m1", "P1", "2018-05-25"],
            ["m2", "7", "2018-06-01T14:30:00"],
            ["m3", "2.5", "12"],
            ["m5", "", ""],
        ],
        ["meeting_id", "participant_id", "date"],
    )
    _same(table, expected, [2, 4, 5, 7], "sheet row", path)
    # the first value outside the header is in column E (the 5th); both values are kept
    assert table.malformed.to_dict("records") == [
        {"file": str(path), "line": 6, "column": "E", "value": "extra; more", "reason": REASON}
    ]


def _edited_sheet(path, old: str, new: str):
    """The workbook with its first sheet's XML edited as another program would write it;
    ``old`` is a pattern, as openpyxl writes an empty element ``<v />`` or, with lxml
    installed, ``<v></v>`` or ``<dimension .../>``."""
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    members[sheet], found = re.subn(old.encode(), new.encode(), members[sheet])
    assert found == 1
    with zipfile.ZipFile(path, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)
    return path


def test_an_xlsx_formula_reads_as_the_value_the_spreadsheet_saved(tmp_path):
    path = _xlsx(tmp_path / "f.xlsx", [["meeting_id", "attendees"], ["m1", "=10+2"]])
    _edited_sheet(path, r"<f>10\+2</f><v( ?/>|></v>)", "<f>10+2</f><v>12</v>")  # as Excel saves it
    _same(
        read_raw(path), _text([["m1", "12"]], ["meeting_id", "attendees"]), [2], "sheet row", path
    )


def test_xlsx_rows_shorter_than_the_header_are_padded_with_blanks(tmp_path):
    # without a <dimension>, as some exporters write, a row holds only its own cells
    path = _xlsx(tmp_path / "s.xlsx", [["a", "b", "c"], ["1"], ["2", "x"]])
    _edited_sheet(path, r'<dimension ref="A1:C3" ?/>', "")
    expected = _text([["1", "", ""], ["2", "x", ""]], ["a", "b", "c"])
    _same(read_raw(path), expected, [2, 3], "sheet row", path)


def test_an_xlsx_date_cell_reads_as_its_date(tmp_path):
    path = _xlsx(tmp_path / "d.xlsx", [["date", "n"], [dt.date(2018, 7, 4), -3.0]])
    _same(read_raw(path), _text([["2018-07-04", "-3"]], ["date", "n"]), [2], "sheet row", path)


def test_an_xlsx_with_a_header_only(tmp_path):
    path = _xlsx(tmp_path / "h.xlsx", [["a", "b"]])
    table = read_raw(path)
    _same(table, _text([], ["a", "b"]), [], "sheet row", path)
    assert table.malformed.empty and list(table.malformed.columns) == [
        "file",
        "line",
        "column",
        "field",
        "value",
        "reason",
    ]


def test_an_empty_or_damaged_xlsx_is_one_clear_error(tmp_path):
    empty = _xlsx(tmp_path / "e.xlsx", [])
    with pytest.raises(DataError) as caught:
        read_raw(empty)
    assert str(caught.value) == f"{empty}: the first sheet is empty (no header row)"
    damaged = tmp_path / "d.xlsx"
    damaged.write_bytes(b"not a workbook")
    with pytest.raises(DataError) as caught:
        read_raw(damaged)
    assert str(caught.value).startswith(f"{damaged}: cannot read as XLSX: ")


def test_a_parquet_file_cell_by_cell(tmp_path):
    path = tmp_path / "r.parquet"
    pd.DataFrame(
        {
            "date": pd.to_datetime(["2018-05-25 14:30", None]),  # a meeting's date
            "whole": [3.0, np.nan],
            "part": [2.5, -1.0],
            "text": pd.array([" a ", None], dtype="string"),
            "count": np.array([10, 20], dtype="int64"),
            "flag": [True, False],
        },
        index=[7, 9],  # the file's own index is not a row number
    ).to_parquet(path)
    expected = _text(
        [["2018-05-25", "3", "2.5", "a", "10", "True"], ["", "", "-1", "", "20", "False"]],
        ["date", "whole", "part", "text", "count", "flag"],
    )
    table = read_raw(path)
    _same(table, expected, [1, 2], "row", path)  # rows counted from one
    assert table.malformed.empty


def test_a_damaged_parquet_file_is_one_clear_error(tmp_path):
    path = tmp_path / "d.parquet"
    path.write_bytes(b"PAR1 but not really")
    with pytest.raises(DataError) as caught:
        read_raw(path)
    assert str(caught.value).startswith(f"{path}: cannot read as Parquet: ")


def _zip(path, members: dict[str, bytes], folders=()):
    with zipfile.ZipFile(path, "w") as archive:
        for folder in folders:
            archive.writestr(zipfile.ZipInfo(folder), b"")
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_the_one_csv_in_a_zip_is_read_and_its_rows_are_named_inside_the_archive(tmp_path):
    path = _zip(
        tmp_path / "download.zip",
        {"export/data.CSV": b"a,b\n1,2\n3,4,5\n", "export/readme.txt": b"about"},
        folders=["export/", "export/old.csv/"],  # a folder is not a table
    )
    table = read_raw(path)
    _same(table, _text([["1", "2"]], ["a", "b"]), [2], "line", path / "export/data.CSV")
    assert table.malformed["file"].tolist() == [str(path / "export/data.CSV")]
    assert table.malformed["line"].tolist() == [3]


def test_in_a_zip_of_several_tables_the_one_named_meetings_is_read(tmp_path):
    path = _zip(
        tmp_path / "open-data.zip",
        {"x-comments.csv": b"c\n1\n", "x-Open-MEETINGS.csv": b"m\n2\n", "x-results.tsv": b"r\n3\n"},
    )
    _same(read_raw(path), _text([["2"]], ["m"]), [2], "line", path / "x-Open-MEETINGS.csv")


@pytest.mark.parametrize(
    ("members", "found"),
    [
        ({"a.csv": b"a\n", "b.tsv": b"b\n"}, "a.csv, b.tsv"),
        ({"a-meetings.csv": b"a\n", "b-meetings.csv": b"b\n"}, "a-meetings.csv, b-meetings.csv"),
        ({"notes.txt": b"n\n"}, "notes.txt"),
        ({}, "nothing"),
    ],
)
def test_a_zip_without_exactly_one_table_to_read_is_one_clear_error(tmp_path, members, found):
    path = _zip(tmp_path / "x.zip", members)
    with pytest.raises(DataError) as caught:
        read_raw(path)
    assert str(caught.value) == (
        f"{path}: expected one CSV table (or one named *meetings*) in the archive; found: {found}"
    )


def test_a_damaged_zip_is_one_clear_error(tmp_path):
    path = tmp_path / "d.zip"
    path.write_bytes(b"PK but not really")
    with pytest.raises(DataError) as caught:
        read_raw(path)
    assert str(caught.value).startswith(f"{path}: cannot read as a ZIP archive: ")


def test_a_path_that_is_not_a_readable_table(tmp_path):
    missing, folder, other = tmp_path / "no.csv", tmp_path / "dir.csv", tmp_path / "r.ods"
    folder.mkdir()
    other.write_bytes(b"x")
    expected = {
        missing: f"{missing}: file not found",
        folder: f"{folder}: not a file",
        other: f"{other}: unsupported file type '.ods' (use .csv, .xlsx, .parquet or .zip)",
    }
    for path, message in expected.items():
        with pytest.raises(DataError) as caught:
            read_raw(path)
        assert str(caught.value) == message


def test_suffixes_are_matched_in_any_case(tmp_path):
    path = tmp_path / "R.TSV"
    path.write_bytes(b"a\tb\n1\t2\n")
    _same(read_raw(path), _text([["1", "2"]], ["a", "b"]), [2], "line", path)


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    "data",
    [
        "obszar;tytuł\nkultura;Spotkanie – Łódź\n".encode("cp1250"),
        "obszar;tytuł\r\nkultura;Spotkanie – Łódź\r\n".encode("utf-16"),  # with its BOM
        b"\xfe\xff" + "obszar;tytuł\nkultura;Spotkanie – Łódź\n".encode("utf-16-be"),
        b"\xff\xfe" + "obszar;tytuł\nkultura;Spotkanie – Łódź\n".encode("utf-16-le"),
        b"\xef\xbb\xbf" + "obszar;tytuł\nkultura;Spotkanie – Łódź\n".encode(),
    ],
    ids=["cp1250", "utf-16", "utf-16-be", "utf-16-le", "utf-8-bom"],
)
def test_each_encoding_a_spreadsheet_saves_reads_as_the_same_text(tmp_path, data):
    path = tmp_path / "m.csv"
    path.write_bytes(data)
    expected = _text([["kultura", "Spotkanie – Łódź"]], ["obszar", "tytuł"])
    _same(read_raw(path), expected, [2], "line", path)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        ("a,b\n1,2\n".encode("utf-16-le"), "it looks like UTF-16 without a byte-order mark"),
        ("a,b\n1,2\n".encode("utf-16-be"), "it looks like UTF-16 without a byte-order mark"),
        (b"\xef\xbb\xbfa\n\xff\n", "'utf-8' codec can't decode byte 0xff in position 2"),
    ],
)
def test_text_that_is_not_what_it_claims_is_one_clear_error(tmp_path, data, why):
    path = tmp_path / "m.csv"
    path.write_bytes(data)
    with pytest.raises(DataError) as caught:
        read_raw(path)
    assert str(caught.value).startswith(f"{path}: cannot decode as UTF-8 or Windows-1250: {why}")


def test_a_few_zero_bytes_do_not_make_a_file_utf16(tmp_path):
    # 3 zero bytes in 9: one in three is not "every other byte"; one more (4 in 10) is
    path = tmp_path / "m.csv"
    path.write_bytes(b"a,b\n\x00,\x00\x00\n")
    _same(read_raw(path), _text([["\x00", "\x00\x00"]], ["a", "b"]), [2], "line", path)
    path.write_bytes(b"a,b\n\x00,\x00\x00\x00\n")
    with pytest.raises(DataError, match="looks like UTF-16"):
        read_raw(path)
