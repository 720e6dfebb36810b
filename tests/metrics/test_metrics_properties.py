"""Invariants of the statistics on random registers (Hypothesis)."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from analysis import metrics

AREAS = ["culture", "seniors", "general"]


@st.composite
def consultations(draw):
    n_meetings = draw(st.integers(1, 6))
    meetings = pd.DataFrame(
        {
            "meeting_id": [f"m{i}" for i in range(n_meetings)],
            "date": pd.to_datetime(
                [f"2020-03-{draw(st.integers(1, 28)):02d}" for _ in range(n_meetings)]
            ),
            "kind": [draw(st.sampled_from(["sector", "general"])) for _ in range(n_meetings)],
            "area": [draw(st.sampled_from(AREAS)) for _ in range(n_meetings)],
            "title": "t",
        }
    )
    rows = draw(
        st.lists(
            st.tuples(st.integers(0, n_meetings - 1), st.integers(0, 9), st.integers(0, 4)),
            max_size=40,
        )
    )
    attendance = pd.DataFrame(
        [(f"m{m}", f"P{p}", f"O{o}") for m, p, o in rows],
        columns=["meeting_id", "participant_id", "organisation_id"],
        dtype=object,
    )
    return meetings, attendance


@given(consultations())
def test_invariants(consultation):
    meetings, attendance = consultation
    stats = metrics.overview(meetings, attendance)
    totals = stats.totals

    # Distinct counts per area and per kind never exceed the totals.
    for table in (stats.by_area, stats.by_kind, stats.by_date, stats.by_week):
        assert (table["participants"] <= totals["participants"]).all()
        assert (table["organisations"] <= totals["organisations"]).all()
        assert table["attendances"].sum() == totals["attendances"]
        assert table["meetings"].sum() == totals["meetings"]

    # New participants over all meetings sum to the distinct participants.
    assert stats.by_meeting["new_participants"].sum() == totals["participants"]
    assert stats.by_meeting["new_organisations"].sum() == totals["organisations"]

    # The reach curve never decreases and ends at the totals.
    reach = stats.reach_curve
    assert reach["cumulative_participants"].is_monotonic_increasing
    assert reach["cumulative_organisations"].is_monotonic_increasing
    if len(reach):
        assert reach["cumulative_participants"].iloc[-1] == totals["participants"]

    # Repeat-participation counts sum to the participants (organisations), and
    # k times their count sums to the attendances.
    repeat = stats.repeat_participants
    assert repeat["participants"].sum() == totals["participants"]
    assert (repeat["meetings_attended"] * repeat["participants"]).sum() == totals["attendances"]
    assert stats.repeat_organisations["organisations"].sum() == totals["organisations"]
    assert stats.persons_per_organisation["organisations"].sum() == totals["organisations"]

    # An independent route: plain pandas drop_duplicates/nunique.
    pairs = attendance.drop_duplicates(["participant_id", "meeting_id"])
    assert totals["attendances"] == len(pairs)
    assert totals["participants"] == attendance["participant_id"].nunique()
    per_meeting = pairs.groupby("meeting_id")["participant_id"].nunique()
    got = stats.by_meeting.set_index("meeting_id")["participants"]
    assert got.to_dict() == per_meeting.reindex(got.index, fill_value=0).to_dict()


@given(consultations(), st.sampled_from(AREAS))
def test_a_selection_never_counts_more_than_the_whole(consultation, area):
    meetings, attendance = consultation
    whole = metrics.totals(meetings, attendance)
    part = metrics.totals(*metrics.select(meetings, attendance, areas=[area]))
    for key in whole:
        assert part[key] <= whole[key]


def test_large_categorical_register_agrees_with_plain_pandas():
    from analysis.demo.register import large_register

    meetings, register = large_register(40_000, meetings=300, seed=11)
    stats = metrics.overview(meetings, register)
    plain = register.astype(str)
    pairs = plain.drop_duplicates(["participant_id", "meeting_id"])
    assert stats.totals == {
        "meetings": 300,
        "attendances": len(pairs),
        "participants": plain["participant_id"].nunique(),
        "organisations": plain["organisation_id"].nunique(),
        # meetings nobody attended, by the plain route
        "meetings_without_attendance": 300 - pairs["meeting_id"].nunique(),
        "contributions": None,  # the meetings table records none
        # each meeting's distinct organisations, summed: distinct (organisation, meeting)
        "organisation_attendances": len(plain.drop_duplicates(["organisation_id", "meeting_id"])),
    }
    with_area = pairs.merge(meetings[["meeting_id", "area"]], on="meeting_id")
    expected = with_area.groupby("area")["participant_id"].nunique()
    got = stats.by_area.set_index("area")["participants"]
    assert got.sort_index().to_dict() == expected.sort_index().to_dict()
    first = (
        pairs.merge(meetings[["meeting_id", "date"]], on="meeting_id")
        .sort_values(["date", "meeting_id"])
        .drop_duplicates("participant_id")
    )
    new = first.groupby("meeting_id").size()
    got_new = stats.by_meeting.set_index("meeting_id")["new_participants"]
    assert got_new[got_new > 0].sort_index().to_dict() == new.sort_index().to_dict()


def test_presence_table_and_sorting_give_the_same_distinct_counts(monkeypatch):
    from analysis.demo.register import large_register

    meetings, register = large_register(50_000, meetings=120, seed=5)
    with_table = metrics.overview(meetings, register)
    from analysis.metrics import encoding

    monkeypatch.setattr(encoding, "_PRESENCE_LIMIT", 0)
    with_sort = metrics.overview(meetings, register)
    for name in ("by_area", "by_kind", "by_area_kind", "by_week", "by_date"):
        pd.testing.assert_frame_equal(getattr(with_table, name), getattr(with_sort, name))
