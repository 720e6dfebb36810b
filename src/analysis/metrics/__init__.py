"""Participation statistics (docs/data-contract.md §7): pure functions over the validated tables.

Modules: :mod:`.encoding` (integer codes and the shared vectorised steps),
:mod:`.tables` (one function per statistic, and :func:`select`), :mod:`.statistics`
(all of them at once, from a register or from per-meeting counts), :mod:`.tallies`
(sums of per-meeting counts), :mod:`.selection` (the areas and dates a report covers).

Definitions, once:

- an *attendance* is a distinct (participant_id, meeting_id) pair;
- *participants* are distinct participant ids, *organisations* distinct
  organisation ids; an organisation attended a meeting when any row names it
  there (so a person representing two organisations counts for both);
- a participant's (organisation's) *first meeting* is the earliest by date,
  then by meeting_id; they are *new* at that meeting;
- the *reach curve* is the cumulative number of distinct participants
  (organisations) after each meeting date.

Every function takes the meetings table and the attendance table, never
changes them, and returns a new frame. A meeting with no attendance rows is
listed with zeros. Under a filter (:func:`select`), "new" means new within the
selected meetings.

The work is vectorised over integer codes (no Python loop over rows), so the
same functions run on registers of tens of millions of rows.

>>> import pandas as pd
>>> meetings = pd.DataFrame({"meeting_id": ["a", "b"], "kind": ["sector", "general"],
...     "area": ["culture", "general"], "date": pd.to_datetime(["2018-05-25", "2018-07-04"]),
...     "title": ["x", "y"]})
>>> attendance = pd.DataFrame({"meeting_id": ["a", "a", "b"], "participant_id": ["P1", "P2", "P1"],
...     "organisation_id": ["O1", "O1", "O1"]})
>>> totals(meetings, attendance)
{'meetings': 2, 'attendances': 3, 'participants': 2, 'organisations': 1}
>>> by_meeting(meetings, attendance)[["meeting_id", "participants", "new_participants"]]
  meeting_id  participants  new_participants
0          a             2                 2
1          b             1                 0
"""

from __future__ import annotations

import importlib

#: Where each name of the package lives. They are imported on first use, so that
#: :mod:`analysis.metrics.selection` (the build checks its options with it) does not
#: bring pandas into the build's main process.
_HOMES = {
    "ENTITIES": "encoding",
    **dict.fromkeys(
        ("UNAVAILABLE_WITHOUT_REGISTER", "Statistics", "by_meeting_from_counts", "overview"),
        "statistics",
    ),
    "reconcile": "statistics",
    **dict.fromkeys(
        (
            "also_attended",
            "by_area",
            "by_area_and_kind",
            "by_date",
            "by_kind",
            "by_meeting",
            "by_week",
            "organisations",
            "persons_per_organisation",
            "reach_curve",
            "repeat_participation",
            "select",
            "totals",
        ),
        "tables",
    ),
}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])


__all__ = [
    "ENTITIES",
    "UNAVAILABLE_WITHOUT_REGISTER",
    "Statistics",
    "also_attended",
    "by_area",
    "by_area_and_kind",
    "by_date",
    "by_kind",
    "by_meeting",
    "by_meeting_from_counts",
    "by_week",
    "organisations",
    "overview",
    "persons_per_organisation",
    "reach_curve",
    "reconcile",
    "repeat_participation",
    "select",
    "totals",
]
