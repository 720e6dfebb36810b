"""What `validate` leaves on disk for staff: rejected rows with their own cells, duplicates.

Fast: the command runs in this process, on registers written here line by line, and the
files are read back with the csv module, as a spreadsheet would open them.
"""

from __future__ import annotations

import csv

import pandas as pd

from analysis.cli import main
from analysis.sources.reading import read_table
from analysis.validation.schemas import check_register

HEADER = "meeting_id,participant_id,organisation_id,organisation_name\n"
LINES = [
    "m1-culture,P1,O1,Fundacja Alfa\n",  # line 2: accepted
    "m9-unknown,P2,O1,Fundacja Alfa\n",  # line 3: unknown meeting
    "m2-seniors,P3,O2,=HYPERLINK(1),extra\n",  # line 4: five fields for four columns
    "m1-culture,P1,O1,Fundacja Alfa (again)\n",  # line 5: duplicate of line 2
    "m3-general,P4,O2,Koło\n",  # line 6: accepted
]


def _validate(tmp_path, fixture_dir):
    register = tmp_path / "register.csv"
    register.write_text(HEADER + "".join(LINES), encoding="utf-8")
    processed = tmp_path / "processed"
    meetings = fixture_dir / "meetings.csv"
    args = ["validate", "--register", str(register), "--meetings", str(meetings)]
    code = main([*args, "--processed-dir", str(processed)])
    return code, register, processed


def _rows(path):
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_rejected_rows_csv_keeps_file_line_reason_and_the_rows_own_cells(tmp_path, fixture_dir):
    code, register, processed = _validate(tmp_path, fixture_dir)
    assert code == 1
    rows = _rows(processed / "rejected-rows.csv")
    assert [(r["file"], r["line"], r["table"]) for r in rows] == [
        (str(register), "3", "register"),
        (str(register), "4", "register"),
    ]
    unknown, too_many = rows
    assert (unknown["column"], unknown["value"], unknown["reason"]) == (
        "meeting_id",
        "m9-unknown",
        "unknown meeting_id",
    )
    assert (unknown["row_meeting_id"], unknown["row_participant_id"]) == ("m9-unknown", "P2")
    assert unknown["row_organisation_name"] == "Fundacja Alfa"
    assert too_many["reason"] == "expected 4 fields, found 5"
    # the whole physical line is kept as its value
    assert too_many["value"] == "m2-seniors,P3,O2,=HYPERLINK(1),extra"


def test_duplicates_csv_names_the_repeat_and_the_first_line(tmp_path, fixture_dir):
    _, register, processed = _validate(tmp_path, fixture_dir)
    rows = _rows(processed / "duplicates.csv")
    assert [
        (r["file"], r["line"], r["first_line"], r["meeting_id"], r["participant_id"]) for r in rows
    ] == [(str(register), "5", "2", "m1-culture", "P1")]
    accepted = _rows(processed / "attendance.csv")
    assert [(r["meeting_id"], r["participant_id"]) for r in accepted] == [
        ("m1-culture", "P1"),
        ("m3-general", "P4"),
    ]


def test_parquet_rejections_name_the_row_counted_from_one(tmp_path):
    path = tmp_path / "r.parquet"
    pd.DataFrame(
        {
            "meeting_id": ["m1-culture", "m1-culture", "nope"],
            "participant_id": ["P1", "", "P3"],
            "organisation_id": ["O1", "O1", "O1"],
        }
    ).to_parquet(path)
    checked = check_register(read_table(path), ["m1-culture"])
    assert checked.rejected[["line", "column", "reason"]].values.tolist() == [
        [2, "participant_id", "missing value"],
        [3, "meeting_id", "unknown meeting_id"],
    ]
