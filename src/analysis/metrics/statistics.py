"""Every overview statistic at once (:func:`overview`), from a register or, for a source
with per-meeting counts only, from the counts (what cannot be computed is named)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from analysis.consultation import PublishedTotals
from analysis.metrics import tallies
from analysis.metrics.encoding import _encode, _ordered_meetings
from analysis.metrics.tables import (
    _by_area_kind,
    _by_date,
    _by_group,
    _by_meeting,
    _by_week,
    _persons_per_organisation,
    _repeat,
    _totals,
)


def reconcile(
    register_totals: dict[str, int],
    period: tuple[dt.date, dt.date] | None,
    published: PublishedTotals | None,
) -> pd.DataFrame:
    """Each register total beside the published one: equal, or off by how much.

    ``difference`` is register minus published (in days for the period's ends).
    """
    rows = []
    for measure in ("meetings", "participants", "organisations"):
        ours = register_totals.get(measure)
        theirs = getattr(published, measure) if published else None
        rows.append((measure, ours, theirs))
    if period is not None:
        rows.append(("period_start", period[0], published.start if published else None))
        rows.append(("period_end", period[1], published.end if published else None))
    records = []
    for measure, ours, theirs in rows:
        if ours is None or theirs is None or pd.isna(ours):
            difference, status = None, "not comparable"
        elif isinstance(ours, dt.date):
            difference = (ours - theirs).days
            status = "equal" if difference == 0 else "differs"
        else:
            difference = int(ours) - int(theirs)
            status = "equal" if difference == 0 else "differs"
        records.append(
            {
                "measure": measure,
                "register": ours,
                "published": theirs,
                "difference": difference,
                "status": status,
            }
        )
    return pd.DataFrame(records)


# --------------------------------------------------------------------------- counts-only sources

#: What a meetings table with only per-meeting counts (no register) cannot give, and why.
UNAVAILABLE_WITHOUT_REGISTER = {
    "participants": "distinct people across meetings need a register",
    "organisations": "distinct organisations across meetings need a register",
    "new_participants": "first meetings need a register",
    "new_organisations": "first meetings need a register",
    "reach_curve": "cumulative distinct counts need a register",
    "repeat_participation": "meetings per person need a register",
    "persons_per_organisation": "persons per organisation need a register",
}


def by_meeting_from_counts(meetings: pd.DataFrame) -> pd.DataFrame:
    """Per meeting from published counts: attendees and organisations as given; no "new"."""
    ordered = _ordered_meetings(meetings)
    frame = ordered[["meeting_id", "date", "kind", "area"]].copy()
    for column, source in (("participants", "attendees"), ("organisations", "organisations")):
        frame[column] = (
            ordered[source].astype("Int64")
            if source in ordered
            else pd.array([pd.NA] * len(ordered), dtype="Int64")
        )
    frame["new_participants"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    frame["new_organisations"] = pd.array([pd.NA] * len(frame), dtype="Int64")
    return frame


# --------------------------------------------------------------------------- the overview


@dataclass
class Statistics:
    """Every overview statistic for one selection of meetings."""

    totals: dict[str, int | None]
    period: tuple[dt.date, dt.date] | None
    by_meeting: pd.DataFrame
    by_area: pd.DataFrame
    by_kind: pd.DataFrame
    by_area_kind: pd.DataFrame
    by_date: pd.DataFrame
    by_week: pd.DataFrame
    repeat_participants: pd.DataFrame | None
    repeat_organisations: pd.DataFrame | None
    persons_per_organisation: pd.DataFrame | None
    reconciliation: pd.DataFrame
    unavailable: dict[str, str] = field(default_factory=dict)
    by_month: pd.DataFrame | None = None
    by_territory: pd.DataFrame | None = None  # None: the source names no territory

    @property
    def reach_curve(self) -> pd.DataFrame:
        return self.by_date[["date", "cumulative_participants", "cumulative_organisations"]]


def _period(meetings: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    if meetings.empty:
        return None
    return meetings["date"].min().date(), meetings["date"].max().date()


def overview(
    meetings: pd.DataFrame,
    attendance: pd.DataFrame | None,
    published: PublishedTotals | None = None,
) -> Statistics:
    """All statistics of docs/data-contract.md §7 at once (the register is encoded once)."""
    period = _period(meetings)
    if attendance is None:
        stats = _overview_from_counts(meetings, published, period)
        no_attendance = stats.by_meeting["participants"].isna()
    else:
        stats = _overview_from_register(meetings, attendance, published, period)
        no_attendance = stats.by_meeting["participants"] == 0
    per_meeting = tallies.describe(stats.by_meeting, meetings)
    summed = per_meeting.assign(no_attendance=no_attendance.to_numpy())
    if attendance is None and per_meeting["organisations"].notna().any():
        summed["organisation_counts"] = per_meeting["organisations"]
    stats.by_meeting = per_meeting
    stats.by_month = tallies.by_month(summed)
    stats.by_territory = tallies.by_territory(summed)
    stats.totals["meetings_without_attendance"] = int(no_attendance.sum())
    stats.totals["contributions"] = tallies.contributions(summed)
    stats.totals["organisation_attendances"] = tallies.organisation_attendances(per_meeting)
    return stats


def _overview_from_register(meetings, attendance, published, period) -> Statistics:
    enc = _encode(meetings, attendance)
    register_totals = _totals(enc)
    return Statistics(
        totals=register_totals,
        period=period,
        by_meeting=_by_meeting(enc),
        by_area=_by_group(enc, enc.meetings["area"], "area")[0],
        by_kind=_by_group(enc, enc.meetings["kind"], "kind")[0],
        by_area_kind=_by_area_kind(enc),
        by_date=_by_date(enc),
        by_week=_by_week(enc),
        repeat_participants=_repeat(enc.pair_person, enc.n_people, "participant"),
        repeat_organisations=_repeat(enc.org_pair_org, enc.n_orgs, "organisation"),
        persons_per_organisation=_persons_per_organisation(enc),
        reconciliation=reconcile(register_totals, period, published),
    )


def _overview_from_counts(meetings, published, period) -> Statistics:
    per_meeting = by_meeting_from_counts(meetings)

    counted = per_meeting["organisations"].notna().any()

    def grouped(column: str | list[str]) -> pd.DataFrame:
        sums = {"attendances": ("participants", lambda s: s.sum(min_count=1))}
        if counted:  # the source's organisations per meeting, summed
            sums["organisation_attendances"] = ("organisations", lambda s: s.sum(min_count=1))
        frame = per_meeting.groupby(column, sort=True).agg(meetings=("meeting_id", "size"), **sums)
        for name in sums:
            frame[name] = frame[name].astype("Int64")
        frame["participants"] = pd.array([pd.NA] * len(frame), dtype="Int64")
        frame["organisations"] = pd.array([pd.NA] * len(frame), dtype="Int64")
        return frame.reset_index()

    per_date = (
        per_meeting.assign(date=per_meeting["date"])
        .groupby("date")
        .agg(
            meetings=("meeting_id", "size"),
            attendances=("participants", lambda s: s.sum(min_count=1)),
        )
        .reset_index()
    )
    register_totals = {
        "meetings": len(per_meeting),
        # unknown (None) when no meeting has a count, never 0
        "attendances": None
        if per_meeting["participants"].isna().all()
        else int(per_meeting["participants"].sum()),
        "participants": None,
        "organisations": None,
    }
    return Statistics(
        totals=register_totals,
        period=period,
        by_meeting=per_meeting,
        by_area=grouped("area"),
        by_kind=grouped("kind"),
        by_area_kind=grouped(["area", "kind"]),
        by_date=per_date.assign(cumulative_participants=pd.NA, cumulative_organisations=pd.NA),
        by_week=pd.DataFrame(columns=["iso_week", "week_start", "meetings", "attendances"]),
        repeat_participants=None,
        repeat_organisations=None,
        persons_per_organisation=None,
        reconciliation=reconcile(register_totals, period, published),
        unavailable=dict(UNAVAILABLE_WITHOUT_REGISTER),
    )
