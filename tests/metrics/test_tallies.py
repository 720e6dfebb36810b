"""Sums of per-meeting figures (analysis.metrics.tallies), worked out by hand.

Four meetings, in this (unsorted) order:

    meeting  date        territory  participants  contributions
    d        2016-03-30  Sants      -             2
    a        2016-03-05  Gràcia     10            4
    c        2016-02-09  Gràcia     5             -
    b        2016-02-20  Sants      -             -

By month: 2016-02 has c and b (5 people, one meeting uncounted, no contribution
recorded: unknown, not 0); 2016-03 has d and a (10, one uncounted, 2 + 4 = 6).
By territory: Gràcia has a and c (15, none uncounted, 4); Sants has d and b (no
count at all: unknown; both uncounted; 2).
"""

from __future__ import annotations

import pandas as pd
from pandas.testing import assert_frame_equal

from analysis.metrics import tallies

NA = pd.NA


def _per_meeting() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "meeting_id": ["d", "a", "c", "b"],
            "date": pd.to_datetime(["2016-03-30", "2016-03-05", "2016-02-09", "2016-02-20"]),
            "territory": ["Sants", "Gràcia", "Gràcia", "Sants"],
            "participants": pd.array([None, 10, 5, None], dtype="Int64"),
            "no_attendance": [True, False, False, True],
            "contributions": pd.array([2, 4, None, None], dtype="Int64"),
        }
    )


def _expected(key: str, rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows,
        columns=[key, "meetings", "attendances", "meetings_without_attendance", "contributions"],
    )
    frame[key] = frame[key].astype("str")
    frame["meetings"] = frame["meetings"].astype("int64")
    frame["attendances"] = frame["attendances"].astype("Int64")
    frame["meetings_without_attendance"] = frame["meetings_without_attendance"].astype("int64")
    frame["contributions"] = frame["contributions"].astype("Int64")
    return frame


def test_by_month_in_calendar_order_with_unknown_sums_left_unknown():
    expected = _expected("month", [("2016-02", 2, 5, 1, NA), ("2016-03", 2, 10, 1, 6)])
    assert_frame_equal(tallies.by_month(_per_meeting()), expected)


def test_by_territory_in_name_order_one_recorded_contribution_is_a_sum():
    expected = _expected("territory", [("Gràcia", 2, 15, 0, 4), ("Sants", 2, NA, 2, 2)])
    assert_frame_equal(tallies.by_territory(_per_meeting()), expected)


def test_without_contributions_the_sums_have_no_such_column():
    got = tallies.by_month(_per_meeting().drop(columns="contributions"))
    assert list(got.columns) == ["month", "meetings", "attendances", "meetings_without_attendance"]
    assert tallies.contributions(_per_meeting()) == 6
    assert tallies.contributions(_per_meeting().assign(contributions=pd.NA)) is None


def test_describe_carries_title_territory_and_contributions_as_whole_numbers():
    meetings = pd.DataFrame(
        {
            "meeting_id": ["a", "b"],
            "title": ["Plenari", "Veïns"],
            "territory": ["Gràcia", "Sants"],
            "contributions": [4.0, float("nan")],  # as a spreadsheet reader gives them
        }
    )
    per_meeting = pd.DataFrame({"meeting_id": ["b", "a"], "participants": [3, 7]})
    got = tallies.describe(per_meeting, meetings)
    assert got["title"].tolist() == ["Veïns", "Plenari"]
    assert got["territory"].tolist() == ["Sants", "Gràcia"]
    assert str(got["contributions"].dtype) == "Int64"
    assert got["contributions"].tolist() == [NA, 4]
    assert "title" not in per_meeting  # the caller's frame is left as it was


def test_organisation_counts_are_summed_per_group_and_blanks_stay_unknown():
    """Organisations per meeting d 3, a 4, c -, b - (a counts source's own figures): by
    month 2016-02 (c, b) has none recorded, 2016-03 (d, a) 3 + 4 = 7; by territory Gràcia
    (a, c) 4, Sants (d, b) 3; in all 7."""
    per_meeting = _per_meeting().assign(
        organisations=pd.array([3, 4, None, None], dtype="Int64"),
    )
    summed = per_meeting.assign(organisation_counts=per_meeting["organisations"])
    months = tallies.by_month(summed)
    assert months["organisation_attendances"].tolist() == [NA, 7]
    assert str(months["organisation_attendances"].dtype) == "Int64"
    places = tallies.by_territory(summed)
    assert places[["territory", "organisation_attendances"]].values.tolist() == [
        ["Gràcia", 4],
        ["Sants", 3],
    ]
    assert tallies.organisation_attendances(per_meeting) == 7
    assert tallies.organisation_attendances(per_meeting.assign(organisations=NA)) is None
