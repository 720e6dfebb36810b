"""Sums of per-meeting figures: by month, by territory, and contributions.

These need no register: they add up each meeting's attendance (a register's
distinct participants at the meeting, or a counts source's ``attendees``) and
its ``contributions``. A meeting *without attendance* has no figure to add: a
blank count in a counts source, no row in a register. It still counts as a
meeting, is left out of the sums, and is counted apart; a sum over meetings
that all lack a figure is missing (``<NA>``), not zero.

>>> import pandas as pd
>>> per_meeting = pd.DataFrame({
...     "date": pd.to_datetime(["2016-02-09", "2016-02-20", "2016-03-01"]),
...     "participants": pd.array([79, None, 4], dtype="Int64"),
...     "no_attendance": [False, True, False]})
>>> by_month(per_meeting)[["month", "meetings", "attendances", "meetings_without_attendance"]]
     month  meetings  attendances  meetings_without_attendance
0  2016-02         2           79                            1
1  2016-03         1            4                            0
"""

from __future__ import annotations

import pandas as pd

from analysis.validation import UNASSIGNED

#: Columns of the meetings table carried beside each meeting's figures.
DESCRIBING = ("title", "territory", "contributions")


def describe(per_meeting: pd.DataFrame, meetings: pd.DataFrame) -> pd.DataFrame:
    """``per_meeting`` with each meeting's title, territory and contributions, where known."""
    carried = [c for c in DESCRIBING if c in meetings and c not in per_meeting]
    if not carried:
        return per_meeting.copy()
    extra = meetings.set_index("meeting_id")[carried]
    out = per_meeting.copy()
    for name in carried:
        out[name] = out["meeting_id"].map(extra[name])
        if name == "contributions":
            out[name] = out[name].astype("Int64")
    return out


def _grouped(per_meeting: pd.DataFrame, keys: pd.Series, name: str) -> pd.DataFrame:
    frame = per_meeting.assign(**{name: keys.to_numpy()})
    aggregations = {
        "meetings": ("date", "size"),
        "attendances": ("participants", lambda s: s.sum(min_count=1)),
        "meetings_without_attendance": ("no_attendance", "sum"),
    }
    if "contributions" in frame:
        aggregations["contributions"] = ("contributions", lambda s: s.sum(min_count=1))
    if "organisation_counts" in frame:
        summed = ("organisation_counts", lambda s: s.sum(min_count=1))
        aggregations["organisation_attendances"] = summed
    grouped = frame.groupby(name, sort=True).agg(**aggregations).reset_index()
    for column in ("attendances", "contributions", "organisation_attendances"):
        if column in grouped:
            grouped[column] = grouped[column].astype("Int64")
    grouped["meetings_without_attendance"] = grouped["meetings_without_attendance"].astype("int64")
    return grouped


def by_month(per_meeting: pd.DataFrame) -> pd.DataFrame:
    """Per calendar month (``YYYY-MM``): meetings, attendances, meetings without attendance,
    and contributions when the source records them; with ``organisation_counts`` (a counts
    source's organisations per meeting), their sum as ``organisation_attendances``."""
    return _grouped(per_meeting, per_meeting["date"].dt.strftime("%Y-%m"), "month")


def by_territory(per_meeting: pd.DataFrame) -> pd.DataFrame | None:
    """Per territory (district), as :func:`by_month`; None when no meeting names one."""
    if "territory" not in per_meeting or (per_meeting["territory"] == UNASSIGNED).all():
        return None
    return _grouped(per_meeting, per_meeting["territory"], "territory")


def organisation_attendances(per_meeting: pd.DataFrame) -> int | None:
    """The organisations at each meeting, summed over the meetings (an organisation at two
    meetings counts twice: a sum of attendances, not distinct organisations); None when
    no meeting has a count.

    >>> organisation_attendances(pd.DataFrame({"organisations": pd.array([3, None, 2])}))
    5
    """
    if per_meeting["organisations"].isna().all():  # every per-meeting table has the column
        return None
    return int(per_meeting["organisations"].sum())


def contributions(per_meeting: pd.DataFrame) -> int | None:
    """All contributions recorded, or None when the source records none."""
    if "contributions" not in per_meeting or per_meeting["contributions"].isna().all():
        return None
    return int(per_meeting["contributions"].sum())
