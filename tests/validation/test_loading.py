"""Reading registers as staff produce them, and rejecting bad rows with their reasons."""

from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import Workbook

from analysis.consultation import load_consultation, write_processed
from analysis.errors import DataError
from analysis.sources.reading import read_table
from analysis.validation.meetings import check_meetings
from analysis.validation.schemas import check_register

MEETING_IDS = ["m1-culture", "m2-seniors", "m3-general"]

# A small register, typed by hand. Line 1 is the header.
REGISTER_ROWS = [
    ("m1-culture", "P1", "O1", "Fundacja Żółta Łódź"),
    ("m1-culture", "P2", "O1", "Fundacja Żółta Łódź"),
    ("m2-seniors", "P1", "O1", "Fundacja Żółta Łódź"),
    ("m3-general", "P3", "O2", "Stowarzyszenie „Ćma”"),
]


def _text(
    rows,
    sep=",",
    header=("meeting_id", "participant_id", "organisation_id", "organisation_name"),
    newline="\n",
):
    return newline.join(sep.join(r) for r in [header, *rows]) + newline


def _accepted(path):
    checked = check_register(read_table(path), MEETING_IDS)
    assert checked.rejected.empty
    return checked.table.astype(str).reset_index(drop=True)


EXPECTED = pd.DataFrame(
    REGISTER_ROWS, columns=["meeting_id", "participant_id", "organisation_id", "organisation_name"]
)


def test_comma_utf8_lf(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(_text(REGISTER_ROWS).encode("utf-8"))
    pd.testing.assert_frame_equal(_accepted(path), EXPECTED)


def test_semicolon_windows1250_crlf_as_polish_excel_writes(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(_text(REGISTER_ROWS, sep=";", newline="\r\n").encode("cp1250"))
    pd.testing.assert_frame_equal(_accepted(path), EXPECTED)


def test_utf8_with_bom(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b"\xef\xbb\xbf" + _text(REGISTER_ROWS).encode("utf-8"))
    pd.testing.assert_frame_equal(_accepted(path), EXPECTED)


def test_tab_separated(tmp_path):
    path = tmp_path / "r.tsv"
    path.write_bytes(_text(REGISTER_ROWS, sep="\t").encode("utf-8"))
    pd.testing.assert_frame_equal(_accepted(path), EXPECTED)


def test_polish_headers_in_any_case_with_spaces(tmp_path):
    path = tmp_path / "r.csv"
    header = (" ID_Spotkania", "id_uczestnika ", "Id Organizacji", "NAZWA_ORGANIZACJI")
    path.write_bytes(_text(REGISTER_ROWS, sep=";", header=header).encode("utf-8"))
    pd.testing.assert_frame_equal(_accepted(path), EXPECTED)


def test_values_are_trimmed(tmp_path):
    path = tmp_path / "r.csv"
    padded = [(f" {a} ", f"{b}  ", f"\t{c}", d) for a, b, c, d in REGISTER_ROWS]
    path.write_bytes(_text(padded, sep=";").encode("utf-8"))
    pd.testing.assert_frame_equal(_accepted(path), EXPECTED)


def test_xlsx_first_sheet(tmp_path):
    path = tmp_path / "r.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(list(EXPECTED.columns))
    for row in REGISTER_ROWS:
        sheet.append(list(row))
    book.save(path)
    pd.testing.assert_frame_equal(_accepted(path), EXPECTED)


def test_parquet(tmp_path):
    path = tmp_path / "r.parquet"
    EXPECTED.to_parquet(path)
    pd.testing.assert_frame_equal(_accepted(path), EXPECTED)


# --------------------------------------------------------------------------- rejections


def _register_with_problems(tmp_path):
    rows = [
        ("m1-culture", "P1", "O1", "ok"),  # line 2
        ("m9-unknown", "P2", "O1", "ok"),  # line 3: unknown meeting
        ("m1-culture", "", "O1", "ok"),  # line 4: missing participant
        ("m2-seniors", "jan@example.org", "O2", "ok"),  # line 5: e-mail
        ("m2-seniors", "P4", "", "ok"),  # line 6: missing organisation
        ("m1-culture", "P1", "O1", "again"),  # line 7: duplicate of line 2
    ]
    text = _text(rows) + "m3-general,P5\n"  # line 8: too few fields
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode("utf-8"))
    return check_register(read_table(path), MEETING_IDS), path


def test_each_rejection_reason_with_its_line(tmp_path):
    checked, path = _register_with_problems(tmp_path)
    got = checked.rejected[["file", "line", "column", "value", "reason"]]
    expected = pd.DataFrame(
        [
            (str(path), 3, "meeting_id", "m9-unknown", "unknown meeting_id"),
            (str(path), 4, "participant_id", "", "missing value"),
            (
                str(path),
                5,
                "participant_id",
                "jan@example.org",
                "participant_id looks like an e-mail address; use a pseudonym",
            ),
            (str(path), 6, "organisation_id", "", "missing value"),
            (str(path), 8, "", "m3-general,P5", "expected 4 fields, found 2"),
        ],
        columns=["file", "line", "column", "value", "reason"],
    )
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)


def test_rejected_rows_keep_their_cells(tmp_path):
    checked, _ = _register_with_problems(tmp_path)
    row = checked.rejected.set_index("line").loc[3]
    assert (row["row_meeting_id"], row["row_participant_id"]) == ("m9-unknown", "P2")


def test_duplicate_attendance_counts_once_and_is_reported(tmp_path):
    checked, path = _register_with_problems(tmp_path)
    assert checked.table["participant_id"].astype(str).tolist() == ["P1"]
    assert checked.duplicates[
        ["line", "first_line", "participant_id", "meeting_id"]
    ].values.tolist() == [[7, 2, "P1", "m1-culture"]]
    assert checked.rows_read == 7
    assert checked.accepted == 2


def test_xlsx_rejections_name_the_sheet_row(tmp_path):
    path = tmp_path / "r.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(list(EXPECTED.columns))
    sheet.append(["m1-culture", "P1", "O1", "ok"])
    sheet.append([None, None, None, None])  # a blank sheet row 3 is not a row
    sheet.append(["m1-culture", None, "O1", "ok"])  # sheet row 4
    book.save(path)
    checked = check_register(read_table(path), MEETING_IDS)
    assert checked.position_name == "sheet row"
    assert checked.rejected[["line", "column", "reason"]].values.tolist() == [
        [4, "participant_id", "missing value"]
    ]


def test_two_problems_in_one_row_are_both_named(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(_text([("zz", "", "O1", "x")]).encode("utf-8"))
    checked = check_register(read_table(path), MEETING_IDS)
    record = checked.rejected.iloc[0]
    assert (record["column"], record["reason"]) == (
        "meeting_id; participant_id",
        "unknown meeting_id; missing value",
    )


# --------------------------------------------------------------------------- unusable input


def test_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(DataError, match=r"nope\.csv: file not found$"):
        read_table(tmp_path / "nope.csv")


def test_missing_required_column_names_it_and_its_alias(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("meeting_id,organisation_id\nm1-culture,O1\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        check_register(read_table(path), MEETING_IDS)
    assert str(error.value) == (
        f"{path}: missing required column(s): participant_id (or id_uczestnika); the file's "
        "columns: 'meeting_id', 'organisation_id'; say which column holds each field, e.g. "
        '--register-column "participant_id=COLUMN"'
    )


def test_unreadable_xlsx_is_one_clear_error(tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"this is not a zip file")
    with pytest.raises(DataError, match=r"r\.xlsx: cannot read as XLSX"):
        read_table(path)


def test_unsupported_suffix(tmp_path):
    path = tmp_path / "r.json"
    path.write_text("{}")
    with pytest.raises(DataError, match="unsupported file type '.json'"):
        read_table(path)


# --------------------------------------------------------------------------- meetings


def test_meetings_table_accepts_iso_and_dotted_dates(fixture_dir):
    checked = check_meetings(read_table(fixture_dir / "meetings.csv"))
    assert checked.rejected.empty
    assert checked.table["date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2020-03-02",
        "2020-03-05",
        "2020-03-09",
    ]


def test_meetings_table_rejections(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "meeting_id,date,kind,area,title,attendees\n"
        "a,2020-02-30,sector,culture,t,3\n"  # line 2: no 30 February
        "b,2020-03-01,party,culture,t,\n"  # line 3: a kind of its own, blank count: fine
        "c,2020-03-02,sector,Culture Area,t,x\n"  # line 4: free-text area fine, bad count
        "d,2020-03-04,sector,culture,t,-2\n"  # line 5: negative count
        "e,2020-03-04,sector,culture,t,2.5\n"  # line 6: fractional count
        "a,2020-03-03,general,general,,1\n",  # line 7: repeated id, no title
        encoding="utf-8",
    )
    checked = check_meetings(read_table(path))
    bad_count = "not a whole number ≥ 0 (e.g. 79, 79.0, 1 234)"
    assert checked.rejected[["line", "column", "value", "reason"]].values.tolist() == [
        [
            2,
            "date",
            "2020-02-30",
            "no such date (February 2020 has 29 days)",
        ],
        [4, "attendees", "x", bad_count],
        [5, "attendees", "-2", bad_count],
        [6, "attendees", "2.5", bad_count],
        [7, "meeting_id; title", "a; ", "meeting_id repeats an earlier row; missing value"],
    ]
    assert checked.table["meeting_id"].tolist() == ["b"]
    assert checked.table["kind"].tolist() == ["party"]
    assert checked.table["attendees"].isna().tolist() == [True]  # blank: unknown, not 0


# --------------------------------------------------------------------------- a consultation


def test_consultation_from_tables_writes_processed_files(fixture_dir, tmp_path):
    register = tmp_path / "r.csv"
    register.write_bytes(_text([*REGISTER_ROWS, ("m9", "P9", "O9", "x")], sep=";").encode("cp1250"))
    consultation = load_consultation(fixture_dir / "meetings.csv", register)
    assert consultation.published is None
    assert not consultation.synthetic
    written = write_processed(consultation, tmp_path / "processed")
    rejects = pd.read_csv(written["rejected-rows"], keep_default_na=False)
    assert rejects[["line", "value", "reason", "table"]].values.tolist() == [
        [6, "m9", "unknown meeting_id", "register"]
    ]
    attendance = pd.read_csv(written["attendance"])
    assert len(attendance) == 4


def test_synthetic_column_marks_the_consultation(fixture_dir, tmp_path):
    register = tmp_path / "r.csv"
    rows = [(*r, "true") for r in REGISTER_ROWS]
    header = ("meeting_id", "participant_id", "organisation_id", "organisation_name", "synthetic")
    register.write_text(_text(rows, header=header), encoding="utf-8")
    assert load_consultation(fixture_dir / "meetings.csv", register).synthetic


def test_organisations_table_rejects_unknown_organisation(fixture_dir, tmp_path):
    organisations = tmp_path / "o.csv"
    organisations.write_text("organisation_id,organisation_name\nO1,A\nO2,B\n", encoding="utf-8")
    register = tmp_path / "r.csv"
    register.write_text(_text([*REGISTER_ROWS, ("m1-culture", "P7", "O7", "C")]))
    consultation = load_consultation(fixture_dir / "meetings.csv", register, organisations)
    assert consultation.rejected[["line", "reason"]].values.tolist() == [
        [6, "unknown organisation_id"]
    ]


def test_the_invisible_characters_are_exactly_unicodes_format_characters():
    import re
    import sys
    import unicodedata

    from analysis.validation.checks import FORMAT_CHARACTERS

    every = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    found = re.findall(f"[{FORMAT_CHARACTERS}]", "".join(map(chr, range(sys.maxunicode + 1))))
    assert found == every
