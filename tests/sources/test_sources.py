"""Real sources as they come: a spreadsheet with its own headers, Decidim's open-data export.

The fixtures in tests/data/sources/ were written by hand (see the README there).
Every expected number below is worked out from those files by hand, in the
comments; none is copied from the code's output.
"""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from analysis import metrics
from analysis.cli import main
from analysis.consultation import load_consultation
from analysis.demo.counts import POLISH_DISTRICTS
from analysis.errors import DataError, ParameterError
from analysis.sources.columns import parse_assignments
from analysis.validation.values import code_of
from tests.conftest import TEST_DATA

SOURCES = TEST_DATA / "sources"
CATALAN = SOURCES / "catalan-meetings.csv"
DECIDIM_027 = SOURCES / "decidim-0.27-meetings.csv"
DECIDIM_030 = SOURCES / "decidim-0.30-meetings.csv"
CATALAN_MAPPING = {
    "meeting_id": "Codi",
    "date": "Data de la sessió",
    "title": "Títol",
    "area": "Àmbit temàtic",
    "territory": "Districte",
    "attendees": "Assistents",
    "organisations": "Entitats",
    "contributions": "Aportacions",
}


def _rows(frame: pd.DataFrame, key: str, *columns: str) -> dict:
    """``{key: (column values...)}`` with missing values as None, for exact comparison."""
    out = {}
    for record in frame.to_dict("records"):
        out[record[key]] = tuple(None if pd.isna(record[c]) else record[c] for c in columns)
    return out


# --------------------------------------------------------------------------- a spreadsheet


@pytest.fixture(scope="module")
def catalan():
    consultation = load_consultation(CATALAN, None, meetings_columns=CATALAN_MAPPING)
    return consultation, metrics.overview(consultation.meetings, None)


def test_spreadsheet_with_own_headers_reads_every_row(catalan):
    consultation, _ = catalan
    assert consultation.rejected.empty
    meetings = consultation.meetings.set_index("meeting_id")
    # 09/02/2016 is day-first: 9 February
    assert meetings.loc["S01", "date"] == pd.Timestamp("2016-02-09")
    assert meetings.loc["S06", "date"] == pd.Timestamp("2016-03-29")
    # "79.0" is 79, "1 204" (no-break space) is 1204, a blank is unknown
    assert meetings["attendees"].tolist()[:3] == [79, 1204, 35]
    assert meetings["attendees"].isna().tolist() == [False, False, False, True, False, True]
    # the title with a comma inside quotes is one field
    assert meetings.loc["S03", "title"] == "Debat: habitatge, lloguer i barris"
    # no kind column: every meeting is a "meeting"
    assert set(meetings["kind"]) == {"meeting"}


def test_free_text_areas_keep_their_accents_and_share_a_code(catalan):
    consultation, _ = catalan
    meetings = consultation.meetings.set_index("meeting_id")
    # "Medi ambient" (S01) and "Medi Ambient" (S04) are one area, shown as first written
    assert meetings.loc[["S01", "S04"], "area"].tolist() == ["medi-ambient", "medi-ambient"]
    assert meetings.loc["S04", "area_name"] == "Medi ambient"
    assert meetings.loc["S03", "territory_name"] == "Sant Martí"
    assert meetings.loc["S05", "area"] == "unassigned"  # blank area
    assert meetings.loc["S06", "territory"] == "unassigned"  # blank district


def test_spreadsheet_statistics_equal_hand_worked_sums(catalan):
    _, stats = catalan
    # attendees 79 + 1204 + 35 + 20; S04 and S06 have no count
    assert stats.totals["meetings"] == 6
    assert stats.totals["attendances"] == 1338
    assert stats.totals["meetings_without_attendance"] == 2
    assert stats.totals["contributions"] == 31 + 12 + 3
    assert stats.totals["participants"] is None and "participants" in stats.unavailable
    assert _rows(stats.by_area, "area", "meetings", "attendances") == {
        "habitatge": (1, 35),
        "medi-ambient": (2, 79),
        "mobilitat": (2, 1204),
        "unassigned": (1, 20),
    }
    assert _rows(
        stats.by_territory, "territory", "meetings", "attendances", "meetings_without_attendance"
    ) == {
        "ciutat-vella": (1, 79, 0),
        "eixample": (2, 1204 + 20, 0),
        "sant-marti": (2, 35, 1),
        "unassigned": (1, None, 1),  # S06 alone, with no count: unknown, not 0
    }
    assert _rows(
        stats.by_month, "month", "meetings", "attendances", "meetings_without_attendance"
    ) == {"2016-02": (3, 79 + 1204 + 35, 0), "2016-03": (3, 20, 2)}


def test_mapping_errors_name_the_field_or_column(tmp_path):
    with pytest.raises(ParameterError, match="unknown field 'fecha'"):
        parse_assignments(["fecha=Data"], "meetings")
    with pytest.raises(ParameterError, match="expected FIELD=COLUMN"):
        parse_assignments(["date"], "meetings")
    with pytest.raises(DataError, match=r"column 'Dia' \(mapped to field 'date'\) is not in"):
        load_consultation(CATALAN, None, meetings_columns={**CATALAN_MAPPING, "date": "Dia"})


def test_mapping_matches_headers_ignoring_case_and_spaces():
    mapping = {**CATALAN_MAPPING, "date": "  data DE LA  sessió ", "title": "TÍTOL"}
    consultation = load_consultation(CATALAN, None, meetings_columns=mapping)
    assert len(consultation.meetings) == 6


def test_negative_and_fractional_counts_are_rejected_with_their_line(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "Codi,Data,Títol,Assistents\nA,09/02/2016,x,-3\nB,10/02/2016,y,2.5\nC,11/02/2016,z,\n",
        encoding="utf-8",
    )
    consultation = load_consultation(
        path,
        None,
        meetings_columns={"meeting_id": "Codi", "title": "Títol", "attendees": "Assistents"},
    )
    rejected = consultation.rejected
    assert rejected[["line", "column", "field", "value"]].values.tolist() == [
        [2, "Assistents", "attendees", "-3"],
        [3, "Assistents", "attendees", "2.5"],
    ]
    assert consultation.meetings["meeting_id"].tolist() == ["C"]  # blank: kept, unknown


def test_every_exported_date_form_reads_as_its_local_date(tmp_path):
    forms = [
        "2016-02-09",
        "09.02.2016",
        "9.2.2016",
        "09/02/2016",
        "2016-02-09 18:00:00",
        "2016-02-09 18:00:00 UTC",
        "2016-02-09T23:30:00+01:00",
    ]
    body = "".join(f"m{i},{form},t\n" for i, form in enumerate(forms))
    path = tmp_path / "m.csv"
    path.write_text("meeting_id,date,title\n" + body, encoding="utf-8")
    consultation = load_consultation(path, None)
    assert consultation.rejected.empty
    assert set(consultation.meetings["date"]) == {pd.Timestamp("2016-02-09")}


# --------------------------------------------------------------------------- Decidim


def test_decidim_category_shape_builds_without_mapping():
    consultation = load_consultation(DECIDIM_027, None)
    meetings = consultation.meetings.set_index("meeting_id")
    # 14 is unpublished: left out and listed, not rejected
    assert list(meetings.index) == ["11", "12", "13", "15"]
    assert consultation.left_out[["meeting_id", "reason"]].values.tolist() == [
        ["14", "not published"]
    ]
    assert consultation.checks["meetings"].rows_read == 5
    # texts in the first language with text (ca), Catalan as written
    assert meetings.loc["11", "title"] == "Jornada de l'aigua"
    assert meetings.loc["15", "title"] == "Zona 30 en Gràcia"  # no ca title: es
    assert meetings.loc["13", "title"] == "=Pressupostos participatius"  # Decidim's ' removed
    assert meetings.loc["15", "territory_name"] == "Gràcia"
    assert meetings.loc["13", "area"] == "unassigned"  # no category
    # "Associació A, Fundació B" lists two organisations; blank: unknown
    assert meetings.loc["11", "organisations"] == 2 and pd.isna(meetings.loc["12", "organisations"])
    stats = metrics.overview(consultation.meetings, None)
    # 13 says 0 and 0: Decidim's way of writing "nobody filled it in", so unknown
    assert stats.totals["attendances"] == 40 + 15 + 31
    assert stats.totals["contributions"] == 6 + 2  # 13 unknown, 15 blank
    assert stats.totals["meetings_without_attendance"] == 1  # 13
    assert _rows(stats.by_area, "area", "meetings", "attendances") == {
        "medi-ambient": (1, 40),
        "mobilitat": (2, 15 + 31),
        "unassigned": (1, None),
    }
    assert _rows(stats.by_territory, "territory", "meetings", "attendances") == {
        "sant-andreu": (2, 55),
        "gracia": (1, 31),
        "unassigned": (1, None),
    }
    assert _rows(stats.by_month, "month", "meetings", "attendances") == {
        "2016-02": (2, 55),
        "2016-03": (2, 31),
    }


def test_decidim_locale_picks_the_language():
    consultation = load_consultation(DECIDIM_027, None, locale="es")
    meetings = consultation.meetings.set_index("meeting_id")
    assert meetings.loc["11", "title"] == "Jornada del agua"
    assert meetings.loc["11", "area_name"] == "Medio ambiente"
    with pytest.raises(
        DataError, match="--locale 'fr' is not in this Decidim export; its languages: ca, es"
    ):
        load_consultation(DECIDIM_027, None, locale="fr")


def test_decidim_taxonomies_shape_builds_without_mapping():
    consultation = load_consultation(DECIDIM_030, None)
    meetings = consultation.meetings.set_index("meeting_id")
    assert list(meetings.index) == ["201", "202", "203", "205"]  # 204 withdrawn
    assert consultation.left_out["reason"].tolist() == ["withdrawn"]
    # 202 lists taxonomies 21 and 34: the first, Housing; 203 lists only 34: Youth
    assert meetings["area_name"].tolist() == ["Housing", "Housing", "Youth", ""]
    assert meetings.loc["205", "area"] == "unassigned"
    assert meetings.loc["205", "title"] == "@city open day"
    assert meetings["kind"].tolist() == ["in-person", "online", "hybrid", "in-person"]
    stats = metrics.overview(consultation.meetings, None)
    assert stats.totals["attendances"] == 52 + 18 + 25
    assert stats.totals["meetings_without_attendance"] == 1  # 205's count is blank
    assert stats.totals["contributions"] == 9 + 3
    assert stats.by_territory is None  # no scope in this shape
    assert _rows(stats.by_area, "area", "meetings", "attendances") == {
        "housing": (2, 70),
        "youth": (1, 25),
        "unassigned": (1, None),
    }
    assert _rows(stats.by_month, "month", "meetings", "attendances") == {
        "2025-04": (2, 70),
        "2025-05": (2, 25),
    }


def test_decidim_open_data_zip_is_read(tmp_path):
    archive = tmp_path / "decidim.example.org-open-data.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(DECIDIM_030, "decidim.example.org-open-data-meetings.csv")
        zipped.writestr("decidim.example.org-open-data-meeting_comments.csv", "id;body/en\n")
        zipped.writestr("README.md", "# Open data\n")
    consultation = load_consultation(archive, None)
    assert consultation.meetings["meeting_id"].tolist() == ["201", "202", "203", "205"]


def test_decidim_export_missing_a_needed_column_is_one_line(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("id;title/en;attendees\n1;x;3\n", encoding="utf-8")
    with pytest.raises(DataError, match="looks like a Decidim export but lacks the column"):
        load_consultation(path, None)


# --------------------------------------------------------------------------- the CLI


def test_cli_validate_meetings_alone_with_a_mapping(tmp_path, capsys):
    arguments = [f"{field}={column}" for field, column in CATALAN_MAPPING.items()]
    code = main(
        [
            "validate",
            "--register",
            "none",
            "--meetings",
            str(CATALAN),
            "--processed-dir",
            str(tmp_path),
            *[x for a in arguments for x in ("--meetings-column", a)],
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "rows read: 6" in out and "rejected: 0" in out


def test_cli_unknown_field_and_missing_column_exit_2(tmp_path, capsys):
    base = ["validate", "--register", "none", "--meetings", str(CATALAN)]
    base += ["--processed-dir", str(tmp_path)]
    assert main([*base, "--meetings-column", "fecha=Data"]) == 2
    assert "unknown field 'fecha'" in capsys.readouterr().err
    assert main([*base, "--meetings-column", "date=Dia"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'Dia' (mapped to field 'date')" in err


def test_cli_lists_left_out_decidim_meetings(tmp_path, capsys):
    code = main(
        ["validate", "--register", "none", "--meetings", str(DECIDIM_030)]
        + ["--processed-dir", str(tmp_path)]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert "left out (withdrawn: 1): 1" in out
    left_out = pd.read_csv(tmp_path / "left-out-meetings.csv", dtype=str)
    assert left_out[["line", "meeting_id", "reason"]].values.tolist() == [["5", "204", "withdrawn"]]


def test_names_in_other_scripts_keep_apart_and_fold_case(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "meeting_id,date,title,area,territory,attendees\n"
        "1,2020-01-01,a,Культура,Округ 1,10\n"
        "2,2020-01-02,b,культура,Дільниця 1,20\n"
        "3,2020-01-03,c,★,Дільниця 1,30\n",
        encoding="utf-8",
    )
    stats = metrics.overview(load_consultation(path, None).meetings, None)
    # Культура and культура differ only in case: one area of 2 meetings, 30 attendances
    assert sorted(stats.by_area[["meetings", "attendances"]].values.tolist()) == [[1, 30], [2, 30]]
    # Округ 1 and Дільниця 1 are two districts, not one "1"
    assert sorted(stats.by_territory["attendances"].tolist()) == [10, 50]


def test_blank_header_cells_are_named_by_position(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("meeting_id;date;title;;\n1;2020-01-01;a;;\n", encoding="utf-8")
    consultation = load_consultation(path, None)  # two blank headers: no "repeated column"
    assert consultation.meetings["meeting_id"].tolist() == ["1"]


def test_a_note_listing_things_on_its_own_line_is_not_a_stray_quote(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text(
        "meeting_id;date;title;notes;attendees\n"
        '1;2020-01-01;a;"Temes tractats:\nmobilitat; habitatge; escola; parc; salut";12\n',
        encoding="utf-8",
    )
    consultation = load_consultation(path, None)
    assert consultation.rejected.empty and consultation.meetings["attendees"].tolist() == [12]


def test_processed_tables_neutralise_formulas(tmp_path):
    from analysis.consultation import write_processed

    consultation = load_consultation(DECIDIM_027, None)
    written = write_processed(consultation, tmp_path)
    meetings = pd.read_csv(written["meetings"], dtype=str)
    assert "'=Pressupostos participatius" in meetings["title"].tolist()


def test_demo_counts_table_is_synthetic_seeded_and_city_sized(tmp_path, capsys):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert main(["demo", "--counts", str(first)]) == 0
    assert main(["demo", "--counts", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()  # same seed, same bytes
    consultation = load_consultation(first, None)
    assert consultation.synthetic and consultation.rejected.empty
    meetings = consultation.meetings
    assert len(meetings) == 420 and meetings["area"].nunique() == 30
    assert meetings["attendees"].isna().any()  # some meetings nobody counted


def test_demo_counts_table_in_a_polish_offices_shape_reads_with_no_mapping(tmp_path, capsys):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (first, second):
        assert main(["demo", "--counts", str(path), "--city", "pl", "--meetings", "60"]) == 0
    assert first.read_bytes() == second.read_bytes()  # same seed, same bytes
    header = first.read_text(encoding="utf-8").splitlines()[0]
    assert header == (
        "Data spotkania,Tytuł spotkania,Obszar,Rodzaj,Dzielnica,Liczba uczestników,"
        "Liczba organizacji,Liczba uwag,Syntetyczne"
    )
    consultation = load_consultation(first, None, cache_dir=None)
    assert consultation.synthetic and consultation.rejected.empty
    checked = consultation.checks["meetings"]
    assert checked.derived_ids and checked.unused == ()
    meetings = consultation.meetings
    assert len(meetings) == 60
    # every id is the meeting's date and the code of its title, as written in the sheet
    titles = meetings["title"].map(code_of)
    assert (meetings["meeting_id"].str[:10] == meetings["date"].dt.strftime("%Y-%m-%d")).all()
    assert all(i[11:].startswith(t) for i, t in zip(meetings["meeting_id"], titles, strict=True))
    assert set(meetings["territory_name"]) - {""} <= set(POLISH_DISTRICTS)
    assert "Polish office's sheet, no ids" in capsys.readouterr().out
