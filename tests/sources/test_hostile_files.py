"""Small hostile or clumsy files (issue #26): nothing read is lost, every bad input is one
line (a file) or a rejected row (a value), and a few kilobytes never ask for minutes or
gigabytes. Every file is made here."""

from __future__ import annotations

import re
import zipfile

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from analysis.cli import main

MEETINGS = "meeting_id,date,title\nm1,2025-06-03,Kultura\nm2,2025-06-10,Sport\n"


def _validate(tmp_path, register="none", meetings=None):
    if meetings is None:
        meetings = tmp_path / "meetings.csv"
        meetings.write_text(MEETINGS, encoding="utf-8")
    processed = tmp_path / "processed"
    return main(
        ["validate", "--register", str(register), "--meetings", str(meetings)]
        + ["--processed-dir", str(processed)]
    )


def _one_error(capsys) -> str:
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    return err[0]


def _rejected(tmp_path) -> list[list]:
    frame = pd.read_csv(tmp_path / "processed" / "rejected-rows.csv", dtype=str)
    return frame[["line", "column", "value", "reason"]].values.tolist()


# --------------------------------------------------------------------------- XLSX


def _xlsx_with_dimension(path, rows, dimension):
    """A workbook whose sheet declares ``dimension`` whatever its cells (as other tools
    leave it after editing the file)."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    with zipfile.ZipFile(path) as source:
        members = [(i, source.read(i.filename)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb'<dimension ref="[^"]*"\s*/>', dimension, data)
                assert count == 1
            target.writestr(info, data)
    return path


def test_a_stale_sheet_dimension_loses_no_row_and_no_column(tmp_path, capsys):
    rows = [["meeting_id", "date", "title", "attendees"]]
    rows += [[f"m{i}", f"2025-06-{i:02d}", f"Spotkanie {i}", i] for i in range(1, 6)]
    sheet = _xlsx_with_dimension(tmp_path / "m.xlsx", rows, b'<dimension ref="A1:B3"/>')
    assert _validate(tmp_path, meetings=sheet) == 0
    meetings = pd.read_csv(tmp_path / "processed" / "meetings.csv", dtype=str)
    assert meetings["meeting_id"].tolist() == ["m1", "m2", "m3", "m4", "m5"]
    assert meetings["attendees"].tolist() == ["1", "2", "3", "4", "5"]  # column D, past B


def test_a_sheet_declaring_a_million_rows_and_every_column_reads_what_it_holds(tmp_path, capsys):
    rows = [["meeting_id", "date", "title"], ["m1", "2025-06-03", "Kultura"]]
    dimension = b'<dimension ref="A1:XFD1048576"/>'
    sheet = _xlsx_with_dimension(tmp_path / "m.xlsx", rows, dimension)
    assert sheet.stat().st_size < 10_000
    assert _validate(tmp_path, meetings=sheet) == 0  # before: minutes, padding every row
    assert "  rows read: 1" in capsys.readouterr().out


def test_a_sheet_wider_than_the_column_limit_is_one_line(tmp_path, capsys):
    header = ["meeting_id", "date", "title", *(f"c{i}" for i in range(1_200))]
    book = Workbook()
    book.active.append(header)
    book.save(tmp_path / "wide.xlsx")
    assert _validate(tmp_path, meetings=tmp_path / "wide.xlsx") == 2
    assert _one_error(capsys) == (
        f"error: {tmp_path / 'wide.xlsx'}: 1,203 columns, more than the 1,000 a table may "
        "have (is this the right file?); set ANALYSIS_MAX_COLUMNS=1203 to read it anyway"
    )


def test_a_truncated_sheet_is_one_line(tmp_path, capsys):
    path = tmp_path / "m.xlsx"
    book = Workbook()
    book.active.append(["meeting_id", "date", "title"])
    for i in range(200):
        book.active.append([f"m{i}", "2025-06-03", "x" * 40])
    book.save(path)
    with zipfile.ZipFile(path) as source:
        members = [(i, source.read(i.filename)) for i in source.infolist()]
    with zipfile.ZipFile(path, "w") as target:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # cut mid-row
            target.writestr(info, data)
    assert _validate(tmp_path, meetings=path) == 2
    line = _one_error(capsys)
    assert line.startswith(f"error: {path}: cannot read the sheet, the file is damaged: ")


# --------------------------------------------------------------------------- ZIP and CSV


def test_a_zip_member_past_the_size_limit_is_refused_before_it_is_inflated(
    tmp_path, capsys, monkeypatch
):
    path = tmp_path / "m.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("meetings.csv", MEETINGS + "m3,2025-06-11,x\n" * 100_000)
    monkeypatch.setenv("ANALYSIS_MAX_UNZIPPED_MB", "1")
    assert _validate(tmp_path, meetings=path) == 2
    line = _one_error(capsys)
    # the header and two meetings (64 bytes), and 100,000 lines of 16 bytes
    assert line.startswith(f"error: {path}: meetings.csv inflates to 1,600,064 bytes (")
    assert line.endswith(
        "past the limit of 1,048,576 bytes (or 200 times); if it is a real table, unzip it "
        "and give the file, or set ANALYSIS_MAX_UNZIPPED_MB"
    )


def test_a_zip_bomb_of_a_few_kilobytes_is_refused_at_once(tmp_path, capsys):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("meetings.csv", b"a" * (80 << 20))  # 80 MiB of one letter
    assert path.stat().st_size < 200_000
    assert _validate(tmp_path, meetings=path) == 2
    assert "meetings.csv inflates to 83,886,080 bytes" in _one_error(capsys)


def test_an_encrypted_zip_is_one_line(tmp_path, capsys):
    path = tmp_path / "secret.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("meetings.csv", MEETINGS)
    # set the "encrypted" flag (bit 0) as an archive made with a password does, in the
    # member's local header (flags at byte 6) and its central directory entry (byte 8)
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + offset
        data[at] |= 0x1
    path.write_bytes(bytes(data))
    assert _validate(tmp_path, meetings=path) == 2
    assert _one_error(capsys) == (
        f"error: {path}: meetings.csv is encrypted; unzip it with its password and give the table"
    )


def test_a_csv_of_a_hundred_thousand_columns_is_refused_at_once(tmp_path, capsys):
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n1\n", encoding="utf-8")
    assert _validate(tmp_path, meetings=path) == 2
    assert _one_error(capsys) == (
        f"error: {path}: 100,000 columns, more than the 1,000 a table may have (is this the "
        "right file?); set ANALYSIS_MAX_COLUMNS=100000 to read it anyway"
    )


def test_the_column_limit_can_be_raised_for_a_real_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "wide.csv"
    header = ["meeting_id", "date", "title", *(f"extra {i}" for i in range(1_100))]
    row = ["m1", "2025-06-03", "Kultura", *([""] * 1_100)]
    path.write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    monkeypatch.setenv("ANALYSIS_MAX_COLUMNS", "1103")
    assert _validate(tmp_path, meetings=path) == 0


# --------------------------------------------------------------------------- values


def test_counts_in_other_digits_or_too_large_are_rejected_never_blanked(tmp_path, capsys):
    path = tmp_path / "m.csv"
    path.write_text(
        "meeting_id,date,title,attendees\n"
        "m1,2025-06-03,A,１２\n"  # full-width digits
        "m2,2025-06-04,B,٣\n"  # an Arabic-Indic three
        "m3,2025-06-05,C,12345678901234567890123\n"
        "m4,2025-06-06,D,999 999 999\n",  # the largest count read
        encoding="utf-8",
    )
    assert _validate(tmp_path, meetings=path) == 1
    bad = "not a whole number ≥ 0 (e.g. 79, 79.0, 1 234)"
    assert _rejected(tmp_path) == [
        ["2", "attendees", "１２", bad],
        ["3", "attendees", "٣", bad],
        [
            "4",
            "attendees",
            "12345678901234567890123",
            "too large for a count (at most 999 999 999)",
        ],
    ]
    meetings = pd.read_csv(tmp_path / "processed" / "meetings.csv", dtype=str)
    assert meetings[["meeting_id", "attendees"]].values.tolist() == [["m4", "999999999"]]


@pytest.mark.parametrize("written", ["0001-01-01", "9999-12-31", "2999-06-01", "01.01.1600"])
def test_dates_outside_the_years_handled_are_rejected_rows(tmp_path, capsys, written):
    path = tmp_path / "m.csv"
    path.write_text(f"meeting_id,date,title\nm1,{written},A\nm2,2025-06-03,B\n", "utf-8")
    assert _validate(tmp_path, meetings=path) == 1
    assert _rejected(tmp_path) == [["2", "date", written, "date out of range (years 1678 to 2261)"]]


def test_ids_are_compared_as_unicode_and_invisible_characters_are_named(tmp_path, capsys):
    register = tmp_path / "register.csv"
    register.write_text(
        "meeting_id,participant_id,organisation_id\n"
        "m1,P1,O1\n"
        "m1,Ｐ１,O1\n"  # full-width: the same person, counted once
        "m2,P\u200b1,O1\n"  # a zero-width space: looks like P1, is not
        "m2,P\u00ad2,O1\n",  # a soft hyphen
        encoding="utf-8",
    )
    assert _validate(tmp_path, register=register) == 1
    assert _rejected(tmp_path) == [
        [
            "4",
            "participant_id",
            "P\u200b1",
            "invisible character in value (U+200B ZERO WIDTH SPACE)",
        ],
        ["5", "participant_id", "P\u00ad2", "invisible character in value (U+00AD SOFT HYPHEN)"],
    ]
    duplicates = pd.read_csv(tmp_path / "processed" / "duplicates.csv", dtype=str)
    assert duplicates[["line", "first_line", "participant_id"]].values.tolist() == [
        ["3", "2", "P1"]
    ]


# --------------------------------------------------------------------------- Parquet


@pytest.mark.parametrize(
    ("column", "kind"),
    [
        (pa.array([{"a": "P1"}, {"a": "P2"}]), "struct<a: string>"),
        (pa.array([["P1"], ["P2"]]), "list<element: string>"),  # as Parquet names it
    ],
)
def test_a_parquet_column_of_nested_values_is_refused_by_name(tmp_path, capsys, column, kind):
    path = tmp_path / "register.parquet"
    table = pa.table({"meeting_id": ["m1", "m2"], "participant_id": column})
    pq.write_table(table.append_column("organisation_id", pa.array(["O1", "O1"])), path)
    assert _validate(tmp_path, register=path) == 2
    assert _one_error(capsys) == (
        f"error: {path}: column 'participant_id' holds nested values ({kind}), not one value "
        "per cell; write it as text or numbers"
    )


def test_a_parquet_column_of_bytes_that_are_not_text_is_one_line(tmp_path, capsys):
    path = tmp_path / "register.parquet"
    table = pa.table(
        {
            "meeting_id": ["m1", "m2"],
            "participant_id": pa.array([b"P1", b"\xff\xfe"], type=pa.binary()),
            "organisation_id": ["O1", "O1"],
        }
    )
    pq.write_table(table, path)
    assert _validate(tmp_path, register=path) == 2
    assert _one_error(capsys) == (
        f"error: {path}: column 'participant_id' holds bytes that are not UTF-8 text"
    )


def test_a_parquet_column_of_utf8_bytes_reads_as_text(tmp_path, capsys):
    path = tmp_path / "register.parquet"
    table = pa.table(
        {
            "meeting_id": ["m1", "m2"],
            "participant_id": pa.array(["Łucja".encode(), b"P2"], type=pa.binary()),
            "organisation_id": ["O1", "O1"],
        }
    )
    pq.write_table(table, path)
    assert _validate(tmp_path, register=path) == 0
    attendance = pd.read_csv(tmp_path / "processed" / "attendance.csv", dtype=str)
    assert attendance["participant_id"].tolist() == ["Łucja", "P2"]


def test_parquet_dates_outside_the_years_handled_are_rejected_rows(tmp_path, capsys):
    import datetime as dt

    path = tmp_path / "meetings.parquet"
    dates = [dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31), dt.datetime(2025, 6, 3)]
    table = pa.table(
        {
            "meeting_id": ["m1", "m2", "m3"],
            "date": pa.array(dates, type=pa.timestamp("us")),
            "title": ["A", "B", "C"],
        }
    )
    pq.write_table(table, path)
    assert _validate(tmp_path, meetings=path) == 1
    out_of_range = "date out of range (years 1678 to 2261)"
    assert _rejected(tmp_path) == [
        ["1", "date", "0001-01-01", out_of_range],
        ["2", "date", "9999-12-31", out_of_range],
    ]
