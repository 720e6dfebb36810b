"""Quoting faults and odd bytes never lose rows silently (nothing lost, nothing leaked)."""

from __future__ import annotations

import pytest
from openpyxl import Workbook

from analysis.cli import main
from analysis.consultation import load_consultation
from analysis.sources.reading import read_table
from analysis.validation.schemas import check_register
from tests.conftest import TEST_DATA

MEETINGS = TEST_DATA / "meetings-small.csv"
STRAY_QUOTE = (
    "meeting_id,participant_id,organisation_id,organisation_name\n"
    "m1,P1,O1,Fundacja A\n"
    'm1,P2,O2,"Stowarzyszenie B\n'  # line 3: a quote opens and is never closed here...
    "m2,P3,O3,C\n"  # ...so these two rows become part of line 3's name
    'm2,P4,O4,"D"\n'
    "m3,P5,O5,E\n"  # line 6
)


def test_a_stray_quote_that_swallows_rows_is_rejected_with_its_lines(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(STRAY_QUOTE, encoding="utf-8")
    checked = check_register(read_table(path), ["m1", "m2", "m3"])
    assert checked.rejected[["line", "column"]].values.tolist() == [[3, "organisation_name"]]
    assert "runs from line 3 to line 5" in checked.rejected["reason"].iloc[0]
    # the rows either side are read; the swallowed ids are not counted as one name
    assert checked.table["participant_id"].tolist() == ["P1", "P5"]
    assert not checked.table["organisation_name"].str.contains("P3").any()
    assert checked.rows_read == 3  # lines 2, 3 (holding 3-5) and 6


def test_strict_fails_on_a_stray_quote(tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(STRAY_QUOTE, encoding="utf-8")
    common = ["--meetings", str(MEETINGS), "--register", str(path)]
    common += ["--processed-dir", str(tmp_path / "p")]
    assert main(["validate", *common]) == 1
    out = capsys.readouterr().out
    assert "stray double quote" in out
    assert main(["build", *common, "--strict", "--out", str(tmp_path / "r")]) == 1
    assert not (tmp_path / "r" / "index.html").exists()


@pytest.mark.parametrize("bad", ["P\x001", "P\x1b[31m1", "P\x7f"])
def test_control_characters_are_rejected_not_counted_as_people(tmp_path, bad):
    path = tmp_path / "register.csv"
    path.write_text(f"meeting_id,participant_id,organisation_id\nm1,P1,O1\nm1,{bad},O1\n")
    checked = check_register(read_table(path), ["m1"])
    assert checked.rejected[["line", "column", "reason"]].values.tolist() == [
        [3, "participant_id", "control character in value"]
    ]
    assert checked.table["participant_id"].tolist() == ["P1"]


def test_a_line_break_inside_an_id_is_rejected(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text('meeting_id,participant_id,organisation_id\nm1,"P1\nP2",O1\nm1,P3,O1\n')
    checked = check_register(read_table(path), ["m1"])
    assert checked.rejected["line"].tolist() == [2]
    assert checked.rejected["reason"].iloc[0].startswith("line break in value")


def test_an_xlsx_cell_outside_the_header_is_rejected_like_an_extra_field(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["meeting_id", "participant_id", "organisation_id"])
    sheet.append(["m1", "P1", "O1"])
    sheet.append(["m1", "P2", "O1", None, "P9"])  # sheet row 3: a value in column E
    path = tmp_path / "register.xlsx"
    book.save(path)
    checked = check_register(read_table(path), ["m1"])
    assert checked.rejected[["line", "column", "value"]].values.tolist() == [[3, "E", "P9"]]
    assert checked.table["participant_id"].tolist() == ["P1"]


def test_a_multi_line_decidim_description_is_not_a_fault():
    # meeting 11's description spans two lines inside quotes, as Decidim writes it
    consultation = load_consultation(TEST_DATA / "sources" / "decidim-0.27-meetings.csv", None)
    assert consultation.rejected.empty
    assert "11" in set(consultation.meetings["meeting_id"])


def test_excel_unicode_text_utf16_with_tabs_is_read(tmp_path):
    path = tmp_path / "register.txt"  # what Excel's "Unicode text" writes
    text = "meeting_id\tparticipant_id\torganisation_id\r\nm1\tP1\tO1\r\nm1\tP2\tOżK\r\n"
    path.write_bytes(text.encode("utf-16"))  # with its byte-order mark
    checked = check_register(read_table(path), ["m1"])
    assert checked.rejected.empty
    assert checked.table["organisation_id"].tolist() == ["O1", "OżK"]


def test_utf16_without_a_byte_order_mark_is_refused_by_its_encoding(tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_bytes("meeting_id,participant_id,organisation_id\nm1,P1,O1\n".encode("utf-16-le"))
    common = ["--meetings", str(MEETINGS), "--processed-dir", str(tmp_path / "p")]
    assert main(["validate", "--register", str(path), *common]) == 2
    err = capsys.readouterr().err
    assert "UTF-16 without a byte-order mark" in err and "missing" not in err


def test_the_console_shows_no_raw_control_characters(tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text("meeting_id,\x1b[2Jparticipant,organisation_id\nm1,P1,O1\n", encoding="utf-8")
    common = ["--meetings", str(MEETINGS), "--processed-dir", str(tmp_path / "p")]
    assert main(["validate", "--register", str(path), *common]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2Jparticipant" in err  # shown escaped, as written
