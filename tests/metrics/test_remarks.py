"""Remarks register statistics (docs/data-contract.md §10) on eight remarks worked out by hand.

The meetings are tests/data/meetings-small.csv: m1 (culture) and m2 (seniors) on
2020-03-02, m3 (premises) on 03-09, m5 (culture) on 03-10, m4 (general) on 03-16.

    id  submitter                   area      meetings  outcome          date        supports
    R1  O1 Fundacja Alfa            culture   m1        accepted         2020-03-02  5
    R2  private person              culture   m1        rejected         -           -
    R3  O2 Stowarzyszenie Beta      seniors   m2        partly_accepted  -           2
    R4  (no id) Stowarzyszenie Gamma premises m5, m3    explained        -           10
    R5  private person              culture   written   already_covered  2020-04-15  -
    R6  O9 Klub Delta               general   written   withdrawn        -           0
    R7  (no id) stowarzyszenie GAMMA premises m3        pending          -           -
    R8  O1 fundacja alfa            culture   m5        rejected         2020-02-28  1

R4 is a proposal raised at two meetings (its links name m5 before m3); R5 and R6 are
written submissions, R6 without a date. R4 and R7 name one organisation without an id,
spelled differently (case and spacing).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from analysis.metrics import remarks as rm
from analysis.validation.outcomes import OUTCOMES
from tests.conftest import TEST_DATA

COLUMNS = [
    "remark_id", "text", "organisation_id", "organisation_name", "area", "area_name",
    "territory", "territory_name", "section", "proposed_change", "outcome", "outcome_name",
    "response", "meeting_id",
]  # fmt: skip


def remarks_frame(rows: list[dict]) -> pd.DataFrame:
    """Remarks in the clean table's shape: text as str ("" for blank), dates, Int64."""
    frame = pd.DataFrame(
        {name: pd.Series([r.get(name, "") for r in rows], dtype="str") for name in COLUMNS}
    )
    for name in ("date", "decided"):
        frame[name] = pd.to_datetime(pd.Series([r.get(name) for r in rows], dtype=object))
        frame[name] = frame[name].astype("datetime64[ns]")
    frame["supports"] = pd.array([r.get("supports") for r in rows], dtype="Int64")
    order = [*COLUMNS[:-1], "date", "decided", "supports", "meeting_id"]
    return frame[order]


def links_frame(pairs: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "remark_id": pd.Series([r for r, _ in pairs], dtype="str"),
            "meeting_id": pd.Series([m for _, m in pairs], dtype="str"),
        }
    )


def small_remarks() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The eight remarks of the module's docstring, and their links."""
    rows = [
        dict(remark_id="R1", text="Więcej grantów", organisation_id="O1",
             organisation_name="Fundacja Alfa", area="culture", territory="podgorze",
             territory_name="Podgórze", meeting_id="m1", outcome="accepted",
             response="Uwzględniono w §3", date="2020-03-02", supports=5),
        dict(remark_id="R2", text="Krótsze terminy", area="culture", meeting_id="m1",
             outcome="rejected", response="Terminy wynikają z ustawy"),
        dict(remark_id="R3", text="Wsparcie seniorów", organisation_id="O2",
             organisation_name="Stowarzyszenie Beta", area="seniors", territory="nowa-huta",
             territory_name="Nowa Huta", meeting_id="m2", outcome="partly_accepted",
             supports=2),
        dict(remark_id="R4", text="Lokale dla organizacji",
             organisation_name="Stowarzyszenie Gamma", area="premises", meeting_id="m3",
             outcome="explained", supports=10),
        dict(remark_id="R5", text="Uwaga pisemna", area="culture", outcome="already_covered",
             date="2020-04-15"),
        dict(remark_id="R6", text="Wycofuję", organisation_id="O9",
             organisation_name="Klub Delta", area="general", outcome="withdrawn", supports=0),
        dict(remark_id="R7", text="Jeszcze o lokalach", organisation_name="stowarzyszenie   GAMMA",
             area="premises", meeting_id="m3", outcome="pending"),
        dict(remark_id="R8", text="Konkursy", organisation_id="O1",
             organisation_name="fundacja alfa", area="culture", territory="podgorze",
             meeting_id="m5", outcome="rejected", date="2020-02-28", supports=1),
    ]  # fmt: skip
    for row in rows:
        row.setdefault("territory", "unassigned")
    links = [("R1", "m1"), ("R2", "m1"), ("R3", "m2"), ("R4", "m5"), ("R4", "m3")]
    links += [("R7", "m3"), ("R8", "m5")]
    return remarks_frame(rows), links_frame(links)


@pytest.fixture
def meetings():
    frame = pd.read_csv(TEST_DATA / "meetings-small.csv", dtype=str)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


@pytest.fixture
def attendance():
    return pd.read_csv(TEST_DATA / "register-small.csv", dtype=str)


@pytest.fixture
def small():
    return small_remarks()


def test_totals_count_decided_remarks_supports_and_written_submissions(small):
    remarks, _ = small
    # decided: R1 R2 R3 R4 R5 R8 (not R6 withdrawn, not R7 pending); supports 5+2+10+0+1;
    # written: R5 and R6
    assert rm.totals(remarks) == {"remarks": 8, "decided": 6, "supports": 18, "without_meeting": 2}


def test_supports_are_none_when_no_remark_gives_them(small):
    remarks, _ = small
    assert (
        rm.totals(remarks.assign(supports=pd.array([None] * 8, dtype="Int64")))["supports"] is None
    )


def test_acceptance_rate_counts_accepted_and_partly_among_the_rated(small):
    remarks, _ = small
    # (R1 accepted + R3 partly) / (R1 + R3 + R2, R8 rejected) = 2 / 4
    assert rm.acceptance_rate(remarks) == (0.5, 4)
    # explained, already covered, withdrawn, pending only: no rate, denominator 0
    unrated = remarks[remarks["remark_id"].isin(["R4", "R5", "R6", "R7"])]
    assert rm.acceptance_rate(unrated) == (None, 0)


def test_by_outcome_lists_every_outcome_in_order_with_its_share(small):
    remarks, _ = small
    table = rm.by_outcome(remarks)
    assert table["outcome"].tolist() == list(OUTCOMES)
    assert table["remarks"].tolist() == [1, 1, 2, 1, 1, 1, 1]
    assert table["share"].tolist() == [1 / 8, 1 / 8, 2 / 8, 1 / 8, 1 / 8, 1 / 8, 1 / 8]


def test_outcomes_by_area_most_remarks_first(small):
    remarks, _ = small
    table = rm.outcomes_by_area(remarks)
    # culture R1 R2 R5 R8 (4), premises R4 R7 (2), then general R6 and seniors R3 (1 each,
    # by name)
    assert table["area"].tolist() == ["culture", "premises", "general", "seniors"]
    rows = table.set_index("area")
    assert rows.loc["culture", list(OUTCOMES)].tolist() == [1, 0, 2, 0, 1, 0, 0]
    assert rows["remarks"].tolist() == [4, 2, 1, 1]
    assert rows["decided"].tolist() == [4, 1, 0, 1]  # R6 withdrawn, R7 pending: not decided
    assert rows["denominator"].tolist() == [3, 0, 0, 1]
    assert rows.loc["culture", "acceptance_rate"] == 1 / 3
    assert rows.loc["seniors", "acceptance_rate"] == 1.0
    assert rows[["acceptance_rate"]].loc[["premises", "general"]].isna().all().all()


def test_by_meeting_counts_a_proposal_at_each_of_its_meetings(small, meetings):
    remarks, links = small
    table = rm.by_meeting(remarks, links, meetings)
    # in date order m1 m2 m3 m5 m4; R4 counts at m3 and m5; written R5 R6 at none
    assert table["meeting_id"].tolist() == ["m1", "m2", "m3", "m5", "m4"]
    assert table["remarks"].tolist() == [2, 1, 2, 2, 0]


def test_by_month_takes_the_date_else_the_first_meeting(small, meetings):
    remarks, links = small
    table = rm.by_month(remarks, links, meetings)
    # R8 dated 28 Feb (its meeting m5 is in March); March: R1 dated, R2 R3 R4 R7 by their
    # meetings, supports 5 + 2 + 10; April: R5 dated, no supports; R6 undated
    expected = pd.DataFrame(
        {
            "month": ["2020-02", "2020-03", "2020-04"],
            "remarks": pd.array([1, 5, 1], dtype="int64"),
            "supports": pd.array([1, 17, None], dtype="Int64"),
        }
    )
    assert_frame_equal(table, expected, check_dtype=False)
    assert table["supports"].dtype == "Int64"
    assert (rm.months(remarks, links, meetings) == "").sum() == 1


def test_a_proposal_s_month_is_its_earliest_meeting_s(meetings):
    remarks = remarks_frame([dict(remark_id="P", meeting_id="m4", outcome="pending")])
    moved = meetings.assign(
        date=meetings["date"].where(meetings["meeting_id"] != "m4", pd.Timestamp("2020-01-20"))
    )
    links = links_frame([("P", "m3"), ("P", "m4")])  # m3 on 9 March, m4 moved to 20 January
    assert rm.months(remarks, links, moved).tolist() == ["2020-01"]


def test_by_territory_names_and_counts(small):
    remarks, _ = small
    table = rm.by_territory(remarks)
    assert table.to_dict("list") == {
        "territory": ["unassigned", "podgorze", "nowa-huta"],
        "territory_name": ["", "Podgórze", "Nowa Huta"],
        "remarks": [5, 2, 1],
    }
    assert rm.by_territory(remarks.assign(territory="")) is None


def test_by_organisation_by_id_else_by_folded_name(small):
    remarks, _ = small
    table = rm.by_organisation(remarks)
    # O1: R1 accepted, R8 rejected; Gamma (no id): R4 and R7 ("stowarzyszenie   GAMMA");
    # O9: R6; O2: R3 partly. R2 and R5 are private persons.
    assert table["organisation_name"].tolist() == [
        "Fundacja Alfa", "Stowarzyszenie Gamma", "Klub Delta", "Stowarzyszenie Beta",
    ]  # fmt: skip
    assert table["organisation_id"].tolist() == ["O1", "", "O9", "O2"]
    assert table["remarks"].tolist() == [2, 2, 1, 1]
    assert table[["accepted", "partly_accepted", "rejected"]].values.tolist() == [
        [1, 0, 1], [0, 0, 0], [0, 0, 0], [0, 1, 0],
    ]  # fmt: skip
    assert table["denominator"].tolist() == [2, 0, 0, 1]
    assert (
        table["acceptance_rate"].tolist()[0] == 0.5 and table["acceptance_rate"].tolist()[3] == 1.0
    )
    assert table["acceptance_rate"].iloc[1:3].isna().all()
    assert rm.private_persons(remarks) == 2


def test_attended_by_id_else_by_folded_name(small, attendance):
    remarks, _ = small
    assert rm.attended(remarks, None) is None
    # register-small: O1..O4, no names. R1 R8 (O1), R3 (O2) came; R4 R7 (Gamma, no id)
    # and R6 (O9) did not; private R2 R5 in neither
    assert rm.attended(remarks, attendance) == {"attended": 3, "not_attended": 3}
    named = attendance.assign(organisation_name="")
    named.loc[named["organisation_id"] == "O4", "organisation_name"] = "Stowarzyszenie  gamma"
    named.loc[named["organisation_id"] == "O3", "organisation_name"] = "klub delta"
    # Gamma by its folded name: R4 R7 now came; R6 has an id (O9), so its name is not looked at
    assert rm.attended(remarks, named) == {"attended": 5, "not_attended": 1}


def test_an_area_keeps_the_remarks_of_that_area(small, meetings):
    remarks, links = small
    chosen, chosen_links = rm.select_remarks(remarks, links, meetings, ["culture"])
    assert chosen["remark_id"].tolist() == ["R1", "R2", "R5", "R8"]
    assert chosen_links.values.tolist() == [["R1", "m1"], ["R2", "m1"], ["R8", "m5"]]


@pytest.mark.parametrize(
    ("areas", "start", "end", "kept"),
    [
        # m3 and m5 held 9-10 March: R4 (m3, m5), R7 (m3), R8 (m5); no written one dated then
        ((), "2020-03-09", "2020-03-10", ["R4", "R7", "R8"]),
        # no meeting from April: the written R5 (15 April); R6 has no date
        ((), "2020-04-01", None, ["R5"]),
        # culture to 5 March: R1 R2 at m1 (2 March); R8 at m5 (10th) and R5 (April) out
        (("culture",), None, "2020-03-05", ["R1", "R2"]),
    ],
)
def test_dates_keep_remarks_at_meetings_held_then_or_written_then(
    small, meetings, areas, start, end, kept
):
    remarks, links = small
    chosen, _ = rm.select_remarks(remarks, links, meetings, areas, start, end)
    assert chosen["remark_id"].tolist() == kept


def test_all_statistics_at_once_agree_with_each_function(small, meetings, attendance):
    remarks, links = small
    stats = rm.remarks_statistics(
        remarks, links, meetings, attendance, listed=meetings[meetings["area"] == "culture"]
    )
    assert stats.totals == rm.totals(remarks)
    assert stats.acceptance_rate == (0.5, 4)
    assert stats.undated == 1 and stats.private_persons == 2
    assert stats.attended == {"attended": 3, "not_attended": 3}
    # listed: the culture meetings m1 (R1, R2) and m5 (R4, R8)
    assert stats.by_meeting[["meeting_id", "remarks"]].values.tolist() == [["m1", 2], ["m5", 2]]


def test_no_function_changes_its_inputs(small, meetings, attendance):
    remarks, links = small
    before = [f.copy(deep=True) for f in (remarks, links, meetings, attendance)]
    rm.remarks_statistics(remarks, links, meetings, attendance)
    rm.select_remarks(remarks, links, meetings, ["culture"], "2020-03-01", "2020-03-31")
    for original, frame in zip(before, (remarks, links, meetings, attendance), strict=True):
        assert_frame_equal(frame, original)


# --------------------------------------------------------------------------- properties


@st.composite
def registers(draw):
    n = draw(st.integers(0, 25))
    rows = []
    for i in range(n):
        meeting = draw(st.sampled_from(["", "m1", "m2", "m3"]))
        rows.append(
            dict(
                remark_id=f"R{i}",
                outcome=draw(st.sampled_from(OUTCOMES)),
                area=draw(st.sampled_from(["culture", "seniors", "sport"])),
                organisation_id=draw(st.sampled_from(["", "O1", "O2"])),
                organisation_name=draw(st.sampled_from(["", "Alfa", " alfa ", "Beta"])),
                meeting_id=meeting,
                date=draw(st.sampled_from([None, "2020-02-10", "2020-05-01"])),
                supports=draw(st.one_of(st.none(), st.integers(0, 50))),
            )
        )
    remarks = remarks_frame(rows)
    links = links_frame([(r["remark_id"], r["meeting_id"]) for r in rows if r["meeting_id"]])
    return remarks, links


MEETINGS = pd.DataFrame(
    {
        "meeting_id": ["m1", "m2", "m3"],
        "date": pd.to_datetime(["2020-03-02", "2020-03-09", "2020-04-01"]),
        "title": ["a", "b", "c"],
    }
)


@given(registers())
def test_every_remark_is_counted_once_in_each_breakdown(register):
    remarks, links = register
    total = len(remarks)
    outcomes = rm.by_outcome(remarks)
    assert outcomes["remarks"].sum() == total
    rate, denominator = rm.acceptance_rate(remarks)
    assert (rate is None) == (denominator == 0)
    assert rate is None or 0 <= rate <= 1
    by_area = rm.outcomes_by_area(remarks)
    assert by_area[list(OUTCOMES)].sum().tolist() == outcomes["remarks"].tolist()
    assert by_area["remarks"].sum() == total
    rated = by_area["acceptance_rate"].dropna()
    assert ((rated >= 0) & (rated <= 1)).all()
    assert (by_area["acceptance_rate"].isna() == (by_area["denominator"] == 0)).all()
    organisations = rm.by_organisation(remarks)
    assert organisations["remarks"].sum() + rm.private_persons(remarks) == total
    stats = rm.remarks_statistics(remarks, links, MEETINGS)
    assert stats.by_month["remarks"].sum() + stats.undated == total
    assert stats.by_meeting["remarks"].sum() == total - stats.totals["without_meeting"]
    supports = stats.totals["supports"]
    assert supports is None or math.isclose(
        stats.by_month["supports"].sum()
        + remarks.loc[rm.months(remarks, links, MEETINGS) == "", "supports"].sum(),
        supports,
    )


# ------------------------------------------------------------------- mutation survivors


def test_count_columns_are_whole_numbers(small, meetings):
    # counts are written to the tables as they are: 3, never 3.0
    remarks, links = small
    assert rm.by_outcome(remarks)["remarks"].dtype == "int64"
    by_area = rm.outcomes_by_area(remarks)
    for column in [*OUTCOMES, "remarks", "decided", "denominator"]:
        assert by_area[column].dtype == "int64", column
    assert rm.by_meeting(remarks, links, meetings)["remarks"].dtype == "int64"
    organisations = rm.by_organisation(remarks)
    for column in ["remarks", "accepted", "partly_accepted", "rejected", "denominator"]:
        assert organisations[column].dtype == "int64", column


def test_by_meeting_keeps_the_meetings_columns_and_trims_their_ids(small, meetings):
    remarks, links = small
    padded = meetings.assign(meeting_id=" " + meetings["meeting_id"] + " ")
    table = rm.by_meeting(remarks, links, padded)
    assert list(table.columns) == ["meeting_id", "date", "title", "area", "remarks"]
    # " m1 " is m1: R1 R2 at m1, R3 at m2, R4 R7 at m3, R4 R8 at m5, none at m4
    assert table["meeting_id"].tolist() == ["m1", "m2", "m3", "m5", "m4"]
    assert table["remarks"].tolist() == [2, 1, 2, 2, 0]
    assert table["area"].tolist() == ["culture", "seniors", "premises", "culture", "general"]


def test_without_a_links_table_each_remark_s_meeting_is_its_one_link(small, meetings):
    remarks, _ = small
    table = rm.by_meeting(remarks, None, meetings)
    # by meeting_id alone: m1 R1 R2, m2 R3, m3 R4 R7 (R4 only at m3 now), m5 R8, m4 none
    assert table["remarks"].tolist() == [2, 1, 2, 1, 0]
    _, chosen_links = rm.select_remarks(remarks, None, meetings, ["culture"])
    # culture R1 R2 R5 R8; the written R5 (blank meeting_id) has no link
    assert chosen_links.values.tolist() == [["R1", "m1"], ["R2", "m1"], ["R8", "m5"]]


def test_a_remark_s_month_comes_from_its_links_not_its_meeting_id(meetings):
    # P names m3 (9 March) but is linked to m3 and m4, moved to 20 January: January.
    # Q names m9, a meeting of unknown date, and is linked to m9 and m1 (2 March): March.
    remarks = remarks_frame(
        [
            dict(remark_id="P", meeting_id="m3", outcome="pending"),
            dict(remark_id="Q", meeting_id="m9", outcome="pending"),
        ]
    )
    moved = meetings.assign(
        date=meetings["date"].where(meetings["meeting_id"] != "m4", pd.Timestamp("2020-01-20"))
    )
    links = links_frame([("P", "m3"), ("P", "m4"), ("Q", "m9"), ("Q", "m1")])
    assert rm.months(remarks, links, moved).tolist() == ["2020-01", "2020-03"]
    stats = rm.remarks_statistics(remarks, links, moved)
    for table in (rm.by_month(remarks, links, moved), stats.by_month):
        assert table[["month", "remarks"]].values.tolist() == [["2020-01", 1], ["2020-03", 1]]
        assert table["supports"].isna().all()
    assert stats.undated == 0  # Q is dated by m1


@pytest.mark.parametrize(
    ("start", "end", "kept"),
    [
        # only m5 held on 10 March: R4 (linked to m5 and m3, meeting_id m3) and R8
        ("2020-03-10", "2020-03-10", ["R4", "R8"]),
        # both ends inclusive for a written submission: R5 dated 15 April
        ("2020-04-15", "2020-04-15", ["R5"]),
        # every meeting is in March; R5 written on the last day; R6 has no date
        (None, "2020-04-15", ["R1", "R2", "R3", "R4", "R5", "R7", "R8"]),
    ],
)
def test_dates_are_inclusive_and_follow_the_links(small, meetings, start, end, kept):
    remarks, links = small
    chosen, _ = rm.select_remarks(remarks, links, meetings, None, start, end)
    assert chosen["remark_id"].tolist() == kept


def test_selected_remarks_keep_their_columns_and_are_renumbered(small, meetings):
    remarks, links = small
    chosen, _ = rm.select_remarks(remarks, links, meetings, ["seniors", "premises"])
    # R3 (seniors), R4 and R7 (premises): rows 2, 3, 6 renumbered 0, 1, 2
    expected = remarks.iloc[[2, 3, 6]].reset_index(drop=True)
    assert_frame_equal(chosen, expected)


def test_an_area_is_named_by_its_first_name_written():
    remarks = remarks_frame(
        [
            dict(remark_id="A1", area="culture", outcome="accepted"),
            dict(remark_id="A2", area="culture", area_name="Kultura", outcome="rejected"),
            dict(remark_id="A3", area="culture", area_name="Kultura i sztuka", outcome="pending"),
            dict(remark_id="A4", area="sport", outcome="accepted"),
        ]
    )
    table = rm.outcomes_by_area(remarks)
    # culture (3 remarks): A1 gives no name, A2 the first one; sport (1): none, so ""
    assert table["area"].tolist() == ["culture", "sport"]
    assert table["area_name"].tolist() == ["Kultura", ""]


def test_by_territory_lists_the_name_after_the_code(small):
    remarks, _ = small
    assert list(rm.by_territory(remarks).columns) == ["territory", "territory_name", "remarks"]


def test_fold_name_lowers_case_and_joins_words_by_one_space():
    names = pd.Series(["  Stowarzyszenie   GAMMA ", "Klub Delta", ""])
    assert rm.fold_name(names).tolist() == ["stowarzyszenie gamma", "klub delta", ""]


def test_an_organisation_is_named_by_its_first_name_else_its_id():
    remarks = remarks_frame(
        [
            dict(remark_id="B1", organisation_id="O5", outcome="accepted"),
            dict(remark_id="B2", organisation_id="O1", outcome="rejected"),
            dict(remark_id="B3", organisation_id="O1", organisation_name="Fundacja Alfa",
                 outcome="accepted"),
        ]
    )  # fmt: skip
    table = rm.by_organisation(remarks)
    # O1: B2 (no name), B3 "Fundacja Alfa": 2 remarks, 1 accepted of 2 rated;
    # O5: B1 without a name, shown by its id
    assert table["organisation_name"].tolist() == ["Fundacja Alfa", "O5"]
    assert table["organisation_id"].tolist() == ["O1", "O5"]
    assert table["remarks"].tolist() == [2, 1]
    assert table["acceptance_rate"].tolist() == [0.5, 1.0]


def test_missing_or_blank_text_reads_as_blank_whatever_the_index(meetings):
    # a register with few columns, taken out of a larger frame (index 3, 7): no
    # organisation_id, territory, area, date or supports; B's name and meeting are NaN
    remarks = pd.DataFrame(
        {
            "remark_id": ["A", "B"],
            "outcome": ["accepted", "rejected"],
            "organisation_name": pd.Categorical(["Alfa", None]),
            "meeting_id": ["m1", None],
        },
        index=[3, 7],
    )
    # A and B decided; no supports given; B raised at no meeting
    expected = {"remarks": 2, "decided": 2, "supports": None, "without_meeting": 1}
    assert rm.totals(remarks) == expected
    assert rm.private_persons(remarks) == 1  # B: no id, no name
    table = rm.by_organisation(remarks)
    assert table[["organisation_id", "organisation_name", "remarks"]].values.tolist() == [
        ["", "Alfa", 1]
    ]
    assert rm.by_territory(remarks) is None
    # A by m1 (2 March); B has neither a date nor a meeting
    month = rm.months(remarks, None, meetings)
    assert month.index.tolist() == [3, 7] and month.tolist() == ["2020-03", ""]
    table = rm.by_month(remarks, None, meetings)
    assert table[["month", "remarks"]].values.tolist() == [["2020-03", 1]]
    assert table["supports"].isna().all()
