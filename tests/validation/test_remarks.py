"""A Polish office's remarks table, checked against the shipped meetings (issue #22).

The sheet is written here by hand with an office's own headers; every expected figure is
worked out from its rows in the comments. The shipped announcement's meetings include
2018-05-25 (culture), 2018-06-06 (seniors) and 2018-06-14 (sport-health); none was held
on 3 June.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from openpyxl import Workbook

from analysis import config
from analysis.consultation import load_consultation
from analysis.errors import DataError, ParameterError
from analysis.validation.outcomes import OUTCOMES, outcome_of
from analysis.validation.remarks import COLUMNS

HEADER = [
    "Lp.",
    "Podmiot zgłaszający",
    "Data spotkania",
    "Treść uwagi",
    "Sposób rozpatrzenia",
    "Uzasadnienie stanowiska",
]
ROWS = [  # sheet rows 2-10
    [1, "Fundacja Kultury", dt.datetime(2018, 5, 25), "Więcej środków", "Uwzględniona", "§3"],
    [2, "Stowarzyszenie Seniorów", "06.06.2018", "Priorytet", "częściowo uwzględniona", "Tak"],
    [3, None, None, "<script>alert(1)</script> =1+1", "Nie uwzględniono", "Poza zakresem"],
    [4, "Fundacja X", "03.06.2018", "Bez spotkania", "przyjęta do wiadomości", None],  # 2 problems
    [5, "Fundacja Kultury", "25.05.2018", "Druga\nw dwóch liniach", None, None],  # pending
    [6, "Klub Sportowy", "14.06.2018", "Boiska", "wyjaśniono", "Wyjaśnienie"],
    [7, "Fundacja Y", "31.06.2018", "Zła data", "Uwzględniona", None],  # June has 30 days
    [8, "Rada Seniorów", "06.06.2018", "Kolejna", "NIEUWZGLĘDNIONA", "Nie"],
    [9, "Fundacja Kultury", "2018-05-25", "Trzecia", "już ujęta w programie", None],
]


def office_remarks(path, rows=ROWS, header=HEADER):
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _load(path, **extra):
    return load_consultation(
        config.ANNOUNCEMENT_PATH,
        config.DEFAULT_REGISTER_PATH,
        remarks_path=path,
        cache_dir=None,
        **extra,
    )


def test_an_office_remarks_sheet_reads_with_its_own_headers(tmp_path):
    consultation = _load(office_remarks(tmp_path / "uwagi.xlsx"))
    remarks = consultation.remarks
    # kept: 1, 2, 3, 5, 6, 8, 9; rejected: 4 (sheet row 5) and 7 (sheet row 8)
    assert remarks[["remark_id", "meeting_id", "area", "outcome"]].values.tolist() == [
        ["1", "2018-05-25-culture", "culture", "accepted"],
        ["2", "2018-06-06-seniors", "seniors", "partly_accepted"],
        ["3", "", "unassigned", "rejected"],  # a written submission
        ["5", "2018-05-25-culture", "culture", "pending"],  # blank outcome
        ["6", "2018-06-14-sport-health", "sport-health", "explained"],
        ["8", "2018-06-06-seniors", "seniors", "rejected"],
        ["9", "2018-05-25-culture", "culture", "already_covered"],
    ]
    assert remarks["organisation_name"].tolist()[:3] == [
        "Fundacja Kultury",
        "Stowarzyszenie Seniorów",
        "",
    ]
    assert remarks.loc[2, "text"] == "<script>alert(1)</script> =1+1"  # kept as written
    assert remarks.loc[3, "text"] == "Druga\nw dwóch liniach"
    assert remarks["outcome_name"].tolist()[1] == "częściowo uwzględniona"
    # one link per remark raised at a meeting; the written submission has none
    assert consultation.remark_links.values.tolist() == [
        ["1", "2018-05-25-culture"],
        ["2", "2018-06-06-seniors"],
        ["5", "2018-05-25-culture"],
        ["6", "2018-06-14-sport-health"],
        ["8", "2018-06-06-seniors"],
        ["9", "2018-05-25-culture"],
    ]


def test_bad_remarks_are_named_by_sheet_row_column_and_way_out(tmp_path):
    consultation = _load(office_remarks(tmp_path / "uwagi.xlsx"))
    rejected = consultation.checks["remarks"].rejected
    assert rejected[["line", "column", "value", "reason"]].values.tolist() == [
        [
            5,
            "Data spotkania; Sposób rozpatrzenia",
            "03.06.2018; przyjęta do wiadomości",
            "no meeting that day (a date names the one meeting held that day); unknown "
            'outcome wording (map it with --remarks-outcome "przyjęta do wiadomości=CODE")',
        ],
        [8, "Data spotkania", "31.06.2018", "no such date (June has 30 days)"],
    ]
    assert consultation.checks["remarks"].rows_read == 9


def test_the_users_wording_maps_an_unknown_outcome_and_a_wrong_code_is_refused(tmp_path):
    sheet = office_remarks(tmp_path / "uwagi.xlsx")
    mapped = _load(sheet, remarks_outcomes={"Przyjęta do wiadomości": "explained"})
    reasons = mapped.checks["remarks"].rejected["reason"].tolist()
    assert not any("unknown outcome" in r for r in reasons)
    with pytest.raises(ParameterError, match="unknown outcome 'noted'; outcomes: accepted"):
        _load(sheet, remarks_outcomes={"x": "noted"})


def test_a_day_of_two_meetings_names_both_and_asks_for_the_id(tmp_path):
    meetings = tmp_path / "meetings.csv"
    meetings.write_text(
        "meeting_id,date,title\na,2025-06-03,Kultura\nb,2025-06-03,Sport\nc,2025-06-10,X\n",
        encoding="utf-8",
    )
    remarks = tmp_path / "remarks.csv"
    remarks.write_text(
        "remark_id,meeting_date,text\n1,03.06.2025,x\n2,10.06.2025,y\n", encoding="utf-8"
    )
    consultation = load_consultation(meetings, None, remarks_path=remarks, cache_dir=None)
    assert consultation.checks["remarks"].rejected["reason"].tolist() == [
        "several meetings that day (a, b: give meeting_id)"
    ]
    assert consultation.remark_links.values.tolist() == [["2", "c"]]


def test_withdrawn_overrides_the_outcome_and_a_mapping_names_other_headers(tmp_path):
    path = tmp_path / "proposals.csv"
    path.write_text(
        "id,title,cached_votes_up,created_at,retired_at\n"
        "11,Więcej zieleni,25,2025-03-01 10:00:00 UTC,\n"
        "12,Ścieżka rowerowa,3,2025-03-02 11:00:00 UTC,2025-04-01 09:00:00 UTC\n",
        encoding="utf-8",
    )
    mapping = {
        "remark_id": "id",
        "text": "title",
        "supports": "cached_votes_up",
        "date": "created_at",
        "withdrawn": "retired_at",
    }
    consultation = load_consultation(
        config.ANNOUNCEMENT_PATH, None, remarks_path=path, remarks_columns=mapping, cache_dir=None
    )
    remarks = consultation.remarks
    assert remarks["outcome"].tolist() == ["pending", "withdrawn"]
    assert remarks["supports"].tolist() == [25, 3]
    assert remarks["date"].tolist() == [pd.Timestamp("2025-03-01"), pd.Timestamp("2025-03-02")]
    assert consultation.remark_links.empty  # proposals online: no meeting


@pytest.mark.parametrize(
    ("wording", "code"),
    [
        ("Uwzględniono", "accepted"),
        ("  uwzględniona  ", "accepted"),
        ("Częściowo uwzględniona", "partly_accepted"),
        ("uwzględniona częściowo", "partly_accepted"),  # word order
        ("nie uwzględniona", "rejected"),
        ("NIE UWZGLĘDNIONO", "rejected"),
        ("Wyjaśniono.", "explained"),
        ("już ujęta w projekcie", "already_covered"),
        ("wycofana", "withdrawn"),
        ("evaluating", "pending"),
        ("Partly accepted", "partly_accepted"),
        ("not_answered", "pending"),
    ],
)
def test_officials_wordings_are_matched_to_their_outcome(wording, code):
    assert outcome_of(wording) == code
    assert code in OUTCOMES


@pytest.mark.parametrize("wording", ["przyjęta do wiadomości", "accepted?!maybe", "odesłana"])
def test_an_unknown_wording_is_never_guessed(wording):
    assert outcome_of(wording) is None


SOURCES = config.PROJECT_ROOT / "tests" / "data" / "sources"


@pytest.mark.parametrize(
    ("version", "meetings", "outcomes", "per_meeting", "without_meeting"),
    [
        # 101 accepted (11, 12); 102 rejected (15); 106, 103 pending; 104 withdrawn; 105
        # blank state: pending (13)
        (
            "0.27",
            "0.27",
            {"accepted": 1, "rejected": 1, "pending": 3, "withdrawn": 1},
            {"11": 1, "12": 1, "13": 1, "15": 1},
            3,
        ),
        # 121 accepted (12, 15); 122 evaluating (11); 123 rejected; 124 withdrawn (13); 125
        (
            "0.28",
            "0.27",
            {"accepted": 1, "pending": 2, "rejected": 1, "withdrawn": 1},
            {"11": 1, "12": 1, "13": 1, "15": 1},
            2,
        ),
        # 141 accepted (11, 13); 142 en_estudi: rejected row; 143 withdrawn (withdrawn_at);
        # 144 rejected; 145 blank (15); 146 evaluating
        (
            "0.29",
            "0.27",
            {"accepted": 1, "withdrawn": 1, "rejected": 1, "pending": 2},
            {"11": 1, "13": 1, "15": 1},
            3,
        ),
        # 161 accepted (201, 202); 162 rejected (203); 163 evaluating; 164 withdrawn; 165 (205)
        (
            "0.30",
            "0.30",
            {"accepted": 1, "rejected": 1, "pending": 2, "withdrawn": 1},
            {"201": 1, "202": 1, "203": 1, "205": 1},
            2,
        ),
    ],
)
def test_decidim_proposals_read_with_no_mapping_and_follow_meeting_urls(
    version, meetings, outcomes, per_meeting, without_meeting
):
    consultation = load_consultation(
        SOURCES / f"decidim-{meetings}-meetings.csv",
        None,
        remarks_path=SOURCES / f"decidim-{version}-proposals.csv",
        cache_dir=None,
    )
    remarks, links = consultation.remarks, consultation.remark_links
    assert remarks["outcome"].value_counts().to_dict() == outcomes
    assert links["meeting_id"].value_counts().sort_index().to_dict() == per_meeting
    assert int((remarks["meeting_id"] == "").sum()) == without_meeting
    assert (remarks["organisation_name"] == "").all()  # authors are people: not published


def test_a_platforms_own_state_is_mapped_like_any_wording():
    consultation = load_consultation(
        SOURCES / "decidim-0.27-meetings.csv",
        None,
        remarks_path=SOURCES / "decidim-0.29-proposals.csv",
        remarks_outcomes={"en_estudi": "pending"},
        cache_dir=None,
    )
    assert consultation.checks["remarks"].rejected.empty
    assert consultation.remarks.set_index("remark_id").loc["142", "outcome"] == "pending"


def test_a_proposals_export_given_as_meetings_says_where_it_belongs():
    with pytest.raises(DataError, match="this is a Decidim proposals export, not meetings"):
        load_consultation(SOURCES / "decidim-0.27-proposals.csv", None, cache_dir=None)


def test_without_meetings_the_remarks_are_all_there_is_and_a_named_meeting_is_rejected(
    tmp_path,
):
    """--meetings none (a consultation held online): no meetings source, no register, the
    remarks checked against no meeting at all."""
    from analysis.consultation import load_sources

    path = tmp_path / "remarks.csv"
    path.write_text(
        "remark_id,text,meeting_id,outcome\n1,Online,,uwzględniona\n2,At m1,m1,\n",
        encoding="utf-8",
    )
    consultation = load_sources("none", "", remarks_path=str(path))
    assert [s.role for s in consultation.sources] == ["remarks"]
    assert consultation.attendance is None and consultation.meetings.empty
    assert consultation.remarks["remark_id"].tolist() == ["1"]
    assert consultation.checks["remarks"].rejected["reason"].tolist() == ["unknown meeting_id"]


def test_a_wording_typed_without_polish_letters_matches_the_users_own():
    """``ł`` and ``Ł`` fold to ``l`` (NFKD leaves them whole), so a mapped wording matches
    however it is typed."""
    extra = {"przekazala": "explained"}  # the user typed it without Polish letters
    assert outcome_of("przekazała", extra) == "explained"  # ł -> l: "przekazala"
    assert outcome_of("PRZEKAZAŁA", extra) == "explained"  # Ł -> L, then lower case: "l"


def test_remarks_rules_name_each_bad_cell_and_the_kept_rows_inherit_their_meetings_area(
    tmp_path,
):
    meetings = tmp_path / "meetings.csv"
    meetings.write_text(
        "meeting_id,date,title,area\n"
        "a,2025-06-03,Kultura,Kultura i sztuka\n"  # area kultura-i-sztuka, so named
        "b,2025-06-10,Sport,\n",  # no area: unassigned, with no name
        encoding="utf-8",
    )
    path = tmp_path / "remarks.csv"
    path.write_text(
        "remark_id,text,meeting_id,supports,date,decided,notatka\n"
        "1,Pierwsza,a,,,,\n"  # line 2: kept, area of a
        "2,Druga,b,,,,\n"  # line 3: kept, area of b
        "3,Trzecia,,,,,\n"  # line 4: kept, a written submission: no area
        "4,Czwarta,,12345678901,,,\n"  # line 5: more than 999 999 999
        "5,Piąta,,,wczoraj,,\n"  # line 6: a word, not a date
        "6,Szósta,,,,jutro,\n"  # line 7: the decision's date likewise
        "\uff11,Siódma,,,,,\n",  # line 8: a full-width 1 is remark 1 again (NFKC)
        encoding="utf-8",
    )
    consultation = load_consultation(meetings, None, remarks_path=path, cache_dir=None)
    checked = consultation.checks["remarks"]
    not_a_date = (
        "not a date (accepted: YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY, optionally with a time)"
    )
    assert checked.rejected[["line", "column", "reason"]].values.tolist() == [
        [5, "supports", "too large for a count (at most 999 999 999)"],
        [6, "date", not_a_date],
        [7, "decided", not_a_date],
        [8, "remark_id", "remark_id repeats an earlier row"],
    ]
    assert checked.source == path and checked.position_name == "line"
    assert checked.unused == ("notatka",)  # no field reads it
    remarks = consultation.remarks
    assert list(remarks.columns) == list(COLUMNS)  # no stray index column
    # a blank area is the meeting's name, else its code: a's "Kultura i sztuka" (slug
    # kultura-i-sztuka); b's name is blank, so its code "unassigned", written as a name
    # and shown as itself; no meeting: nothing written, unassigned, shown as remark 2
    # wrote that code
    assert remarks[["remark_id", "area", "area_name"]].values.tolist() == [
        ["1", "kultura-i-sztuka", "Kultura i sztuka"],
        ["2", "unassigned", "unassigned"],
        ["3", "unassigned", "unassigned"],
    ]
    # the register has no organisation, section, proposal or response: blank, not missing
    for name in ("organisation_id", "organisation_name", "section", "proposed_change"):
        assert remarks[name].tolist() == ["", "", ""]
    assert remarks["response"].tolist() == ["", "", ""]


def test_remarks_without_supports_have_unknown_whole_number_supports(tmp_path):
    path = tmp_path / "remarks.csv"
    path.write_text("remark_id,text\n1,Pierwsza\n", encoding="utf-8")
    consultation = load_consultation(
        config.ANNOUNCEMENT_PATH, None, remarks_path=path, cache_dir=None
    )
    supports = consultation.remarks["supports"]
    assert str(supports.dtype) == "Int64"  # a count column even when nobody counted
    assert supports.isna().tolist() == [True]  # unknown, never 0
    # no meeting and no area written: unassigned, and no row names it, so no name
    assert consultation.remarks[["area", "area_name"]].values.tolist() == [["unassigned", ""]]


def test_a_register_whose_every_remark_is_rejected_gives_an_empty_table(tmp_path):
    path = tmp_path / "remarks.csv"
    path.write_text("remark_id,text\n1,\n", encoding="utf-8")  # no outcome column either
    consultation = load_consultation(
        config.ANNOUNCEMENT_PATH, None, remarks_path=path, cache_dir=None
    )
    # line 2 has no text: rejected, so nothing is kept, and the table still has its columns
    rejected = consultation.checks["remarks"].rejected
    assert rejected[["line", "column", "reason"]].values.tolist() == [[2, "text", "missing value"]]
    assert consultation.remarks.empty
    assert list(consultation.remarks.columns) == list(COLUMNS)
