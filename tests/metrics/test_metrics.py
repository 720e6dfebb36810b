"""Statistics of docs/data-contract.md §7 on a small register whose answers were worked out by hand.

tests/data/meetings-small.csv (in date order): m1 and m2 on 2020-03-02 (a tie,
broken by meeting_id), m3 on 03-09, m5 on 03-10, m4 on 03-16 with nobody.
tests/data/register-small.csv: P5 represents O3 at m2 and O4 at m3; the last
row repeats (P6, m5). By hand:

    meeting  people         orgs        new people   new orgs
    m1       P1 P2 P3       O1 O2       P1 P2 P3     O1 O2
    m2       P1 P4 P5       O1 O3       P4 P5        O3
    m3       P5 P1 P6       O4 O1 O2    P6           O4
    m5       P2 P6          O1 O2       -            -
    m4       -              -           -            -
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis import metrics
from analysis.consultation import PublishedTotals
from tests.conftest import TEST_DATA


@pytest.fixture
def meetings():
    frame = pd.read_csv(TEST_DATA / "meetings-small.csv", dtype=str)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


@pytest.fixture
def attendance():
    return pd.read_csv(TEST_DATA / "register-small.csv", dtype=str)


TEXT_COLUMNS = (
    "meeting_id",
    "kind",
    "area",
    "iso_week",
    "measure",
    "status",
    "organisation_id",
    "organisation_name",
)


def _frame(rows, columns):
    frame = pd.DataFrame(rows, columns=columns)
    for name in columns:
        if name not in TEXT_COLUMNS:
            if name in ("date", "week_start"):
                frame[name] = pd.to_datetime(frame[name])
            else:
                frame[name] = frame[name].astype("int64")
    return frame


def test_totals(meetings, attendance):
    assert metrics.totals(meetings, attendance) == {
        "meetings": 5,
        "attendances": 11,
        "participants": 6,
        "organisations": 4,
    }


def test_by_meeting_in_date_order_with_ties_and_an_empty_meeting(meetings, attendance):
    expected = _frame(
        [
            ("m1", "2020-03-02", "sector", "culture", 3, 2, 3, 2),
            ("m2", "2020-03-02", "sector", "seniors", 3, 2, 2, 1),
            ("m3", "2020-03-09", "thematic", "premises", 3, 3, 1, 1),
            ("m5", "2020-03-10", "sector", "culture", 2, 2, 0, 0),
            ("m4", "2020-03-16", "general", "general", 0, 0, 0, 0),
        ],
        [
            "meeting_id",
            "date",
            "kind",
            "area",
            "participants",
            "organisations",
            "new_participants",
            "new_organisations",
        ],
    )
    assert_frame_equal(metrics.by_meeting(meetings, attendance), expected)


def test_by_area(meetings, attendance):
    expected = _frame(
        [
            ("culture", 2, 5, 4, 2),
            ("seniors", 1, 3, 3, 2),
            ("premises", 1, 3, 3, 3),
            ("general", 1, 0, 0, 0),
        ],
        ["area", "meetings", "attendances", "participants", "organisations"],
    )
    assert_frame_equal(metrics.by_area(meetings, attendance), expected)


def test_by_kind(meetings, attendance):
    expected = _frame(
        [("sector", 3, 8, 6, 3), ("thematic", 1, 3, 3, 3), ("general", 1, 0, 0, 0)],
        ["kind", "meetings", "attendances", "participants", "organisations"],
    )
    assert_frame_equal(metrics.by_kind(meetings, attendance), expected)


def test_by_area_and_kind(meetings, attendance):
    expected = _frame(
        [
            ("culture", "sector", 2, 5, 4, 2),
            ("seniors", "sector", 1, 3, 3, 2),
            ("premises", "thematic", 1, 3, 3, 3),
            ("general", "general", 1, 0, 0, 0),
        ],
        ["area", "kind", "meetings", "attendances", "participants", "organisations"],
    )
    assert_frame_equal(metrics.by_area_and_kind(meetings, attendance), expected)
    # an office's own names, with spaces, come back whole
    spaced = {"culture": "Cultura i patrimoni", "general": "Reunió general"}
    renamed = meetings.assign(area=meetings["area"].replace(spaced), kind="sector meeting")
    got = metrics.by_area_and_kind(renamed, attendance)
    assert got[["area", "kind"]].values.tolist() == [
        ["Cultura i patrimoni", "sector meeting"],
        ["seniors", "sector meeting"],
        ["premises", "sector meeting"],
        ["Reunió general", "sector meeting"],
    ]


def test_by_date_and_the_reach_curve(meetings, attendance):
    expected = _frame(
        [
            ("2020-03-02", 2, 6, 5, 3, 5, 3, 5, 3),
            ("2020-03-09", 1, 3, 3, 3, 1, 1, 6, 4),
            ("2020-03-10", 1, 2, 2, 2, 0, 0, 6, 4),
            ("2020-03-16", 1, 0, 0, 0, 0, 0, 6, 4),
        ],
        [
            "date",
            "meetings",
            "attendances",
            "participants",
            "organisations",
            "new_participants",
            "new_organisations",
            "cumulative_participants",
            "cumulative_organisations",
        ],
    )
    assert_frame_equal(metrics.by_date(meetings, attendance), expected)
    assert_frame_equal(
        metrics.reach_curve(meetings, attendance),
        expected[["date", "cumulative_participants", "cumulative_organisations"]],
    )


def test_by_iso_week(meetings, attendance):
    expected = _frame(
        [
            ("2020-W10", "2020-03-02", 2, 6, 5, 3),
            ("2020-W11", "2020-03-09", 2, 5, 4, 3),
            ("2020-W12", "2020-03-16", 1, 0, 0, 0),
        ],
        ["iso_week", "week_start", "meetings", "attendances", "participants", "organisations"],
    )
    assert_frame_equal(metrics.by_week(meetings, attendance), expected)


def test_repeat_participation_of_participants_and_organisations(meetings, attendance):
    assert_frame_equal(
        metrics.repeat_participation(meetings, attendance, "participant"),
        _frame([(1, 2), (2, 3), (3, 1)], ["meetings_attended", "participants"]),
    )
    assert_frame_equal(
        metrics.repeat_participation(meetings, attendance, "organisation"),
        _frame([(1, 2), (3, 1), (4, 1)], ["meetings_attended", "organisations"]),
    )


def test_categories_nobody_uses_count_for_nothing(meetings, attendance):
    """A categorical register may carry ids with no row (a caller's own filtering): they
    are nobody. The figures are those worked out by hand in the module docstring."""
    coded = attendance.copy()
    for name in ("participant_id", "organisation_id"):
        coded[name] = pd.Categorical(coded[name], categories=["ZZ", *sorted(set(coded[name]))])
    people = metrics.repeat_participation(meetings, coded)
    assert people.values.tolist() == [[1, 2], [2, 3], [3, 1]]  # P3 P4; P2 P5 P6; P1
    orgs = metrics.repeat_participation(meetings, coded, "organisation")
    assert orgs.values.tolist() == [[1, 2], [3, 1], [4, 1]]  # O3 O4; O2; O1
    assert metrics.persons_per_organisation(meetings, coded).values.tolist() == [[1, 1], [2, 3]]


def test_select_gives_frames_with_the_callers_columns_and_a_fresh_index(meetings, attendance):
    chosen, rows = metrics.select(meetings, attendance, areas=["culture"], start="2020-03-03")
    assert chosen["meeting_id"].tolist() == ["m5"]
    assert list(chosen.columns) == list(meetings.columns)
    assert list(rows.columns) == list(attendance.columns)
    assert chosen.index.tolist() == [0] and rows.index.tolist() == list(range(len(rows)))


@pytest.mark.parametrize("ids", ["plain", "categorical"])
def test_rows_of_unknown_meetings_or_without_a_person_count_for_nothing(meetings, attendance, ids):
    """A caller's register may hold rows the meetings table does not (another period) or
    rows with a blank id: they are left out, and the hand-worked figures stand."""
    extra = pd.DataFrame(
        {
            "meeting_id": ["m9", "m1", "m2", pd.NA],
            "participant_id": ["P9", pd.NA, "P9", "P9"],
            "organisation_id": ["O9", "O1", pd.NA, "O9"],
        }
    )
    noisy = pd.concat([extra, attendance], ignore_index=True)  # first, so order cannot help
    if ids == "categorical":
        noisy = noisy.astype("category")
    assert metrics.totals(meetings, noisy) == {
        "meetings": 5,
        "attendances": 11,
        "participants": 6,
        "organisations": 4,
    }
    per_meeting = metrics.by_meeting(meetings, noisy)
    assert per_meeting["participants"].tolist() == [3, 3, 3, 2, 0]


def test_register_sums_by_month_count_the_meeting_nobody_attended_apart(meetings, attendance):
    """Every meeting is in March 2020; m4 had nobody (3 + 3 + 3 + 2 + 0 attendances)."""
    stats = metrics.overview(meetings, attendance)
    assert stats.totals["meetings_without_attendance"] == 1
    month = stats.by_month
    assert month.to_dict("records") == [
        {"month": "2020-03", "meetings": 5, "attendances": 11, "meetings_without_attendance": 1}
    ]
    assert str(month["attendances"].dtype) == "Int64"
    assert stats.by_territory is None  # the fixture names no district
    assert list(stats.reconciliation.columns) == [
        "measure",
        "register",
        "published",
        "difference",
        "status",
    ]


def test_a_meeting_id_given_twice_is_an_error(meetings, attendance):
    twice = pd.concat([meetings, meetings.iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="^meeting_id must be unique in the meetings table$"):
        metrics.totals(twice, attendance)


def test_persons_per_organisation(meetings, attendance):
    assert_frame_equal(
        metrics.persons_per_organisation(meetings, attendance),
        _frame([(1, 1), (2, 3)], ["persons", "organisations"]),
    )


def test_filter_by_area_counts_new_within_the_selection(meetings, attendance):
    chosen, chosen_attendance = metrics.select(meetings, attendance, areas=["culture"])
    per_meeting = metrics.by_meeting(chosen, chosen_attendance)
    assert per_meeting["meeting_id"].tolist() == ["m1", "m5"]
    assert per_meeting["new_participants"].tolist() == [3, 1]
    assert metrics.totals(chosen, chosen_attendance) == {
        "meetings": 2,
        "attendances": 5,
        "participants": 4,
        "organisations": 2,
    }


def test_filter_by_date_range(meetings, attendance):
    chosen, chosen_attendance = metrics.select(meetings, attendance, start="2020-03-09")
    per_meeting = metrics.by_meeting(chosen, chosen_attendance)
    assert per_meeting["meeting_id"].tolist() == ["m3", "m5", "m4"]
    assert per_meeting["new_participants"].tolist() == [3, 1, 0]
    assert metrics.totals(chosen, chosen_attendance)["organisations"] == 3
    chosen, _ = metrics.select(meetings, attendance, start="2020-03-02", end="2020-03-02")
    assert chosen["meeting_id"].tolist() == ["m1", "m2"]


def test_categorical_input_gives_the_same_answers(meetings, attendance):
    as_categories = attendance.astype("category")
    assert_frame_equal(
        metrics.by_meeting(meetings, as_categories), metrics.by_meeting(meetings, attendance)
    )
    chosen, chosen_attendance = metrics.select(meetings, as_categories, areas=["culture"])
    assert metrics.totals(chosen, chosen_attendance)["participants"] == 4


def test_reconciliation_says_equal_or_off_by_how_much(meetings, attendance):
    published = PublishedTotals(5, 7, 4, dt.date(2020, 3, 2), dt.date(2020, 3, 20))
    stats = metrics.overview(meetings, attendance, published)
    table = stats.reconciliation.set_index("measure")
    assert table["difference"].to_dict() == {
        "meetings": 0,
        "participants": -1,
        "organisations": 0,
        "period_start": 0,
        "period_end": -4,
    }
    assert table["status"].tolist() == ["equal", "differs", "equal", "equal", "differs"]


def test_reconciliation_without_published_totals(meetings, attendance):
    stats = metrics.overview(meetings, attendance, None)
    assert set(stats.reconciliation["status"]) == {"not comparable"}


def test_overview_agrees_with_the_single_functions(meetings, attendance):
    stats = metrics.overview(meetings, attendance)
    per_meeting = metrics.by_meeting(meetings, attendance)
    assert_frame_equal(stats.by_meeting[per_meeting.columns], per_meeting)
    # the overview's table also names each meeting by its title
    assert (
        stats.by_meeting["title"].tolist()
        == meetings.sort_values(["date", "meeting_id"], kind="stable")["title"].tolist()
    )
    assert_frame_equal(stats.by_area, metrics.by_area(meetings, attendance))
    assert_frame_equal(stats.reach_curve, metrics.reach_curve(meetings, attendance))
    assert stats.period == (dt.date(2020, 3, 2), dt.date(2020, 3, 16))
    assert stats.unavailable == {}


def test_counts_only_source_gives_what_it_can_and_says_what_it_cannot(meetings):
    counted = meetings.assign(attendees=[10, 7, 0, 4, 3], organisations=[6, 5, 0, 4, 2])
    stats = metrics.overview(counted, None)
    assert stats.by_meeting["participants"].tolist() == [10, 7, 0, 3, 4]
    assert stats.by_meeting["new_participants"].isna().all()
    assert stats.totals == {
        "meetings": 5,
        "attendances": 24,
        "participants": None,
        "organisations": None,
        "meetings_without_attendance": 0,  # every meeting has a count (0 is a count)
        "contributions": None,
        "organisation_attendances": 17,  # 6 + 5 + 0 + 4 + 2, not distinct organisations
    }
    assert stats.by_area.set_index("area")["attendances"].to_dict() == {
        "culture": 13,
        "seniors": 7,
        "premises": 0,
        "general": 4,
    }
    assert "reach_curve" in stats.unavailable and "repeat_participation" in stats.unavailable
    assert stats.repeat_participants is None


def _counted_table(rows, keys):
    """A counts-only result as the contract states it: ``keys`` as text, ``meetings`` as
    whole numbers, ``attendances``, the summed organisation counts (when a row gives a
    third figure) and the distinct counts as nullable whole numbers."""
    sums = ["attendances", "organisation_attendances"][: len(rows[0]) - len(keys) - 1]
    frame = pd.DataFrame(rows, columns=[*keys, "meetings", *sums])
    for key in keys:
        frame[key] = frame[key].astype("str")
    frame["meetings"] = frame["meetings"].astype("int64")
    for name in sums:
        frame[name] = frame[name].astype("Int64")
    frame["participants"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    frame["organisations"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    return frame


def test_counts_only_tables_with_blanks_worked_by_hand(meetings):
    """Blank counts stay unknown: a group whose every count is blank has no attendance
    figure (not 0), a group with some counts sums those. In date order (m1, m2, m3, m5,
    m4) the attendees are 10, -, 0, 3, - and the organisations 6, 5, 0, 2, -."""
    counted = meetings.assign(attendees=[10, None, 0, None, 3], organisations=[6, 5, 0, None, 2])
    published = PublishedTotals(6, 20, 9, dt.date(2020, 3, 2), dt.date(2020, 3, 18))
    stats = metrics.overview(counted, None, published)
    per_meeting = metrics.by_meeting_from_counts(counted)
    counts = ["participants", "organisations", "new_participants", "new_organisations"]
    assert [str(per_meeting[c].dtype) for c in counts] == ["Int64"] * 4
    assert stats.period == (dt.date(2020, 3, 2), dt.date(2020, 3, 16))
    # 5 meetings against 6 published; people cannot be counted; the end is 2 days early
    table = stats.reconciliation.set_index("measure")
    assert table["status"].to_dict() == {
        "meetings": "differs",
        "participants": "not comparable",
        "organisations": "not comparable",
        "period_start": "equal",
        "period_end": "differs",
    }
    assert table.loc[["meetings", "period_end"], "difference"].tolist() == [-1, -2]
    assert per_meeting["meeting_id"].tolist() == ["m1", "m2", "m3", "m5", "m4"]
    assert per_meeting["participants"].tolist() == [10, pd.NA, 0, 3, pd.NA]
    assert per_meeting["organisations"].tolist() == [6, 5, 0, 2, pd.NA]
    assert str(per_meeting["organisations"].dtype) == "Int64"
    assert per_meeting[["new_participants", "new_organisations"]].isna().all().all()
    assert stats.totals == {
        "meetings": 5,
        "attendances": 13,
        "participants": None,
        "organisations": None,
        "meetings_without_attendance": 2,  # m2 and m4 were not counted
        "contributions": None,
        "organisation_attendances": 13,  # 6 + 5 + 0 + 2; m4's is blank
    }
    none = pd.NA
    assert_frame_equal(
        stats.by_area,
        _counted_table(
            # organisations: culture m1 6 + m5 2; general m4 blank; premises m3 0; seniors m2 5
            [
                ("culture", 2, 13, 8),
                ("general", 1, none, none),
                ("premises", 1, 0, 0),
                ("seniors", 1, none, 5),
            ],
            ["area"],
        ),
    )
    assert_frame_equal(
        stats.by_kind,
        _counted_table(
            [("general", 1, none, none), ("sector", 3, 13, 13), ("thematic", 1, 0, 0)], ["kind"]
        ),
    )
    assert_frame_equal(
        stats.by_area_kind,
        _counted_table(
            [
                ("culture", "sector", 2, 13, 8),
                ("general", "general", 1, none, none),
                ("premises", "thematic", 1, 0, 0),
                ("seniors", "sector", 1, none, 5),
            ],
            ["area", "kind"],
        ),
    )
    by_date = stats.by_date
    assert by_date["date"].dt.strftime("%m-%d").tolist() == ["03-02", "03-09", "03-10", "03-16"]
    assert by_date["meetings"].tolist() == [2, 1, 1, 1]
    assert by_date["attendances"].tolist() == [10, 0, 3, none]
    # one month: every organisation count summed, the blank left out
    assert stats.by_month[["month", "organisation_attendances"]].values.tolist() == [
        ["2020-03", 13]
    ]
    assert (
        stats.reach_curve[["cumulative_participants", "cumulative_organisations"]]
        .isna()
        .all()
        .all()
    )
    assert stats.by_week.empty
    assert list(stats.by_week.columns) == ["iso_week", "week_start", "meetings", "attendances"]
    assert stats.unavailable == metrics.UNAVAILABLE_WITHOUT_REGISTER
    assert stats.unavailable is not metrics.UNAVAILABLE_WITHOUT_REGISTER  # a caller's copy
    assert stats.repeat_organisations is None and stats.persons_per_organisation is None


def test_counts_only_with_no_count_at_all_has_no_attendance_figure(meetings):
    stats = metrics.overview(meetings.assign(attendees=[None] * 5), None)
    assert stats.totals["attendances"] is None  # unknown, never 0
    assert stats.totals["meetings_without_attendance"] == 5
    assert stats.by_area["attendances"].isna().all()
    assert stats.by_meeting["organisations"].isna().all()  # the source has no such column
    assert str(stats.by_meeting["organisations"].dtype) == "Int64"


def test_no_metric_changes_its_input_frames(meetings, attendance):
    before_m, before_a = meetings.copy(deep=True), attendance.copy(deep=True)
    metrics.overview(meetings, attendance, None)
    for function in (
        metrics.totals,
        metrics.by_meeting,
        metrics.by_area,
        metrics.by_kind,
        metrics.by_date,
        metrics.by_week,
        metrics.persons_per_organisation,
        metrics.reach_curve,
        metrics.repeat_participation,
    ):
        function(meetings, attendance)
    metrics.select(meetings, attendance, areas=["culture"], start="2020-03-03")
    assert_frame_equal(meetings, before_m)
    assert_frame_equal(attendance, before_a)


def test_unknown_entity_is_an_error(meetings, attendance):
    with pytest.raises(ValueError, match="entity must be one of"):
        metrics.repeat_participation(meetings, attendance, "person")


def test_also_attended_counts_the_area_participants_elsewhere(meetings, attendance):
    # culture (m1, m5): P1 P2 P3 P6. Elsewhere: seniors m2 has P1; premises m3 has P1, P6.
    assert_frame_equal(
        metrics.also_attended(meetings, attendance, "culture"),
        _frame([("seniors", 1), ("premises", 2)], ["area", "participants"]),
    )
    nowhere = metrics.also_attended(meetings, attendance, "nowhere")
    assert nowhere.empty and list(nowhere.columns) == ["area", "participants"]
    assert str(nowhere["participants"].dtype) == "int64"


ORGANISATION_COLUMNS = ["organisation_id", "organisation_name", "persons", "meetings"]


def test_organisations_with_names_persons_and_meetings(meetings, attendance):
    named = attendance.assign(
        organisation_name=attendance["organisation_id"].map(
            {"O1": "Fundacja A", "O2": "Stowarzyszenie B", "O3": "", "O4": "Klub D"}
        )
    )
    # O1: P1 P2, meetings m1 m2 m3 m5. O2: P3 P6, m1 m3 m5. O3: P4 P5, m2. O4: P5, m3.
    expected = _frame(
        [
            ("O1", "Fundacja A", 2, 4),
            ("O2", "Stowarzyszenie B", 2, 3),
            ("O3", "O3", 2, 1),
            ("O4", "Klub D", 1, 1),
        ],
        ORGANISATION_COLUMNS,
    )
    assert_frame_equal(metrics.organisations(meetings, named), expected)


@pytest.mark.parametrize("names_as", ["text", "categories"])
def test_organisations_of_a_categorical_register_as_the_data_layer_gives_it(names_as):
    """Ids as categories in an order of their own (the validated tables' form), one of
    them never attending; names of one letter; an empty name that a later row fills.
    Names as text, or as categories (the data layer's form) in an order of their own,
    with a name no row uses and a missing one."""
    meetings = pd.DataFrame(
        {
            "meeting_id": ["m1", "m2"],
            "date": pd.to_datetime(["2020-03-02", "2020-03-03"]),
            "kind": ["sector", "sector"],
            "area": ["culture", "seniors"],
        }
    )
    rows = [
        ("m1", "P1", "O1", ""),
        ("m1", "P2", "O1", "Fundacja A"),
        ("m2", "P1", "O1", "Fundacja B"),  # not the first name given for O1
        ("m1", "P3", "O2", "Z"),
        ("m2", "P3", "O2", ""),
        ("m2", "P4", "O3", ""),
        ("m1", "P5", "O4", "Akademia"),
    ]
    attendance = pd.DataFrame(
        rows, columns=["meeting_id", "participant_id", "organisation_id", "organisation_name"]
    )
    attendance["organisation_id"] = pd.Categorical(
        attendance["organisation_id"], categories=["O9", "O3", "O4", "O2", "O1"]
    )
    if names_as == "categories":
        attendance.loc[5, "organisation_name"] = None  # O3 has no name at all
        attendance["organisation_name"] = pd.Categorical(
            attendance["organisation_name"],
            categories=["Z", "Nikt", "Fundacja B", "", "Fundacja A", "Akademia"],
        )
    table = pd.DataFrame(
        {"organisation_id": ["O3", "O2", "O1"], "organisation_name": ["C", "", "X"]}
    )
    # By hand: O1 P1 P2 at m1 m2; O2 P3 at m1 m2; O3 P4 at m2; O4 P5 at m1; O9 nowhere.
    # persons, then meetings, descending; then the name, ascending (Akademia before C).
    expected = _frame(
        [
            ("O1", "Fundacja A", 2, 2),
            ("O2", "Z", 1, 2),
            ("O4", "Akademia", 1, 1),
            ("O3", "C", 1, 1),
        ],
        ORGANISATION_COLUMNS,
    )
    assert_frame_equal(metrics.organisations(meetings, attendance, table), expected)


def test_organisation_names_come_from_the_register_else_the_organisations_table(
    meetings, attendance
):
    named = attendance.assign(
        organisation_name=attendance["organisation_id"].map(
            {"O1": "Fundacja A", "O2": "", "O3": "", "O4": ""}
        )
    )
    table = pd.DataFrame(
        {
            "organisation_id": ["O1", "O2", "O3", "O9"],
            "organisation_name": ["Fundacja (z tabeli)", "Stowarzyszenie B", "", "Nikt"],
        }
    )
    got = metrics.organisations(meetings, named, table)
    # the register's own name wins (O1); the table fills O2; blank everywhere: the id (O3,
    # O4); O9 took part in nothing, so it is not listed
    assert got[["organisation_id", "organisation_name"]].values.tolist() == [
        ["O1", "Fundacja A"],
        ["O2", "Stowarzyszenie B"],
        ["O3", "O3"],
        ["O4", "O4"],
    ]
