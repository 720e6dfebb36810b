"""A staff member's own spreadsheet of meetings, as an office keeps it (issue #24).

Polish headers, no id column, dates as text and as date cells, blank counts, a day that
does not exist, a date in words, a notes column the contract does not use. The sheet is
written here by hand; every expected figure is worked out below from its rows.
"""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from analysis.cli import main

HEADER = [
    "Data spotkania",
    "Temat",
    "Dzielnica",
    "Liczba uczestników",
    "Liczba organizacji",
    "Uwagi",
]
#: Sheet rows 2-8. Rows 6 (30 days in June) and 7 (a date in words) are rejected.
ROWS = [
    [dt.datetime(2025, 6, 3), "Kultura", "Podgórze", 12, 5, "pierwsze"],  # 2: a date cell
    ["10.06.2025", "Sport", "Krowodrza", 20, 8, None],  # 3
    ["10.06.2025", "Kultura", "Podgórze", None, 3, None],  # 4: nobody counted people
    [dt.datetime(2025, 7, 1), "Seniorzy", "Nowa Huta", 7, None, "brak listy"],  # 5
    ["31.06.2025", "Sport", "Krowodrza", 9, 2, None],  # 6: June has 30 days
    ["czerwiec 2025", "Edukacja", None, 4, 1, None],  # 7: not a date
    ["15.07.2025", "Edukacja", None, None, None, None],  # 8: no place, no counts
]
# Worked by hand from the five accepted rows (2, 3, 4, 5, 8):
#   attendances 12 + 20 + 7 = 39; two meetings without a count (rows 4 and 8);
#   organisation counts 5 + 8 + 3 = 16 (rows 5 and 8 blank).
DERIVED_IDS = [
    "2025-06-03-kultura",
    "2025-06-10-kultura",  # same day as Sport: ordered by date, then id
    "2025-06-10-sport",
    "2025-07-01-seniorzy",
    "2025-07-15-edukacja",
]


def office_sheet(path, header=HEADER, rows=ROWS):
    """The office's workbook: one sheet, the header in row 1."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Spotkania 2025"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _validate(tmp_path, sheet, *extra):
    return main(
        [
            "validate",
            "--register",
            "none",
            "--meetings",
            str(sheet),
            "--processed-dir",
            str(tmp_path / "processed"),
            *extra,
        ]
    )


def test_an_office_sheet_reads_with_no_mapping_and_says_what_it_did(tmp_path, capsys):
    sheet = office_sheet(tmp_path / "spotkania.xlsx")
    assert _validate(tmp_path, sheet) == 1  # two rows rejected
    out = capsys.readouterr().out.splitlines()
    assert out[:8] == [
        f"meetings: {sheet}",
        "  rows read: 7",
        "  accepted: 5",
        "  rejected: 2",
        "    no such date (June has 30 days): 1",
        "    not a date (accepted: YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY, optionally with a "
        "time): 1",
        "  columns not used: 'Uwagi'",
        "  no meeting_id column: each meeting's id is made from its date and title "
        "(e.g. '2025-06-03-kultura'); registers and remarks can name meetings by it",
    ]
    assert out[8:10] == [
        f"{sheet}: sheet row 6: column 'Data spotkania' (date) value '31.06.2025': "
        "no such date (June has 30 days)",
        f"{sheet}: sheet row 7: column 'Data spotkania' (date) value 'czerwiec 2025': "
        "not a date (accepted: YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY, optionally with a time)",
    ]
    meetings = (tmp_path / "processed" / "meetings.csv").read_text(encoding="utf-8")
    lines = meetings.splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == DERIVED_IDS
    rejected = (tmp_path / "processed" / "rejected-rows.csv").read_text(encoding="utf-8")
    assert rejected.splitlines()[0].startswith("file,line,column,field,value,reason,")


def test_the_same_sheet_gives_the_same_ids(tmp_path):
    first = office_sheet(tmp_path / "a.xlsx")
    second = office_sheet(tmp_path / "b.xlsx")
    ids = []
    for sheet in (first, second):
        _validate(tmp_path, sheet)
        ids.append((tmp_path / "processed" / "meetings.csv").read_text(encoding="utf-8"))
    assert ids[0] == ids[1]


def test_a_missing_column_lists_the_headers_as_written_and_the_way_out(tmp_path, capsys):
    header = ["Termin", "Nazwa wydarzenia", "Osiedle", "Obecni"]
    sheet = office_sheet(tmp_path / "inne.xlsx", header, [["03.06.2025", "Kultura", "X", 3]])
    assert _validate(tmp_path, sheet) == 2
    assert capsys.readouterr().err == (
        f"error: {sheet}: missing required column(s): date (or data, data_spotkania); title "
        "(or tytul, tytuł, temat, temat_spotkania, nazwa_spotkania, tytuł_spotkania); the "
        "file's columns: 'Termin', 'Nazwa wydarzenia', 'Osiedle', 'Obecni'; say which column "
        'holds each field, e.g. --meetings-column "date=COLUMN" --meetings-column '
        '"title=Nazwa wydarzenia"\n'
    )
    # the example, edited as it invites, reads the sheet
    mapping = ["--meetings-column", "date=Termin", "--meetings-column", "title=Nazwa wydarzenia"]
    assert _validate(tmp_path, sheet, *mapping) == 0


def test_one_column_may_hold_two_fields(tmp_path, capsys):
    sheet = office_sheet(tmp_path / "spotkania.xlsx")
    assert _validate(tmp_path, sheet, "--meetings-column", "area=Temat") == 1
    meetings = (tmp_path / "processed" / "meetings.csv").read_text(encoding="utf-8")
    header, first = meetings.splitlines()[:2]
    columns = dict(zip(header.split(","), first.split(","), strict=True))
    assert (columns["title"], columns["area"], columns["area_name"]) == (
        "Kultura",
        "kultura",
        "Kultura",
    )
    # the column is used, so it is not named as unused; the notes column still is
    assert "  columns not used: 'Uwagi'" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("29.02.2025", "no such date (February 2025 has 28 days)"),
        ("2025-04-31", "no such date (April has 30 days)"),
        ("00.05.2025", "no such date (there is no day 0)"),
        ("12.13.2025", "no such date (there is no month 13)"),
        ("01.01.9999", "date out of range (years 1678 to 2261)"),
        (
            "3 czerwca 2025",
            "not a date (accepted: YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY, optionally with a time)",
        ),
    ],
)
def test_a_date_says_what_is_wrong_with_it(tmp_path, capsys, written, reason):
    sheet = office_sheet(tmp_path / "s.xlsx", HEADER[:2], [[written, "Kultura"]])
    assert _validate(tmp_path, sheet) == 1
    assert (
        f"{sheet}: sheet row 2: column 'Data spotkania' (date) value '{written}': {reason}"
        in capsys.readouterr().out.splitlines()
    )
