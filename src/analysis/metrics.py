"""Participation statistics (docs/data-contract.md §7): pure functions over the validated tables.

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

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from analysis import tallies
from analysis.announcement import PublishedTotals

ENTITIES = ("participant", "organisation")


# --------------------------------------------------------------------------- encoding


@dataclass(frozen=True)
class _Encoded:
    """Meetings in (date, meeting_id) order and the register as integer codes."""

    meetings: pd.DataFrame  # sorted, index 0..M-1
    # distinct (participant, meeting) pairs, sorted by participant then meeting position
    pair_person: np.ndarray
    pair_meeting: np.ndarray
    # distinct (organisation, meeting) pairs, sorted likewise
    org_pair_org: np.ndarray
    org_pair_meeting: np.ndarray
    # distinct (organisation, participant) pairs
    org_person_org: np.ndarray
    n_people: int
    n_orgs: int


def _codes(values: pd.Series) -> tuple[np.ndarray, int]:
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        return codes.astype(np.int64), len(values.cat.categories)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes.astype(np.int64), len(uniques)


def _unique_sorted(keys: np.ndarray, presorted: bool = False) -> np.ndarray:
    """Distinct values in ascending order.

    Sort-and-compare: several times faster than ``np.unique`` (hash-based in
    NumPy 2.x) on tens of millions of integers, and no sort at all when the
    caller knows the keys are already in order.
    """
    if not presorted:
        keys = np.sort(keys)
    if len(keys) == 0:
        return keys
    return keys[np.r_[True, keys[1:] != keys[:-1]]]


def _distinct_pairs(a: np.ndarray, b: np.ndarray, n_b: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (a, b) pairs, sorted by a then b."""
    width = np.int64(max(n_b, 1))
    keys = _unique_sorted(a * width + b)
    return keys // width, keys % width


def _run_starts(sorted_values: np.ndarray) -> np.ndarray:
    """Positions where a new value begins in a sorted array."""
    if len(sorted_values) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, sorted_values[1:] != sorted_values[:-1]])


def _ordered_meetings(meetings: pd.DataFrame) -> pd.DataFrame:
    ordered = meetings.sort_values(["date", "meeting_id"], kind="stable").reset_index(drop=True)
    if ordered["meeting_id"].duplicated().any():
        raise ValueError("meeting_id must be unique in the meetings table")
    return ordered


def _encode(meetings: pd.DataFrame, attendance: pd.DataFrame) -> _Encoded:
    ordered = _ordered_meetings(meetings)
    meeting_ids = attendance["meeting_id"]
    if isinstance(meeting_ids.dtype, pd.CategoricalDtype):
        # Recode through the (small) category list, not the (large) column.
        position = pd.Index(ordered["meeting_id"]).get_indexer(meeting_ids.cat.categories)
        codes = meeting_ids.cat.codes.to_numpy()
        meeting = np.where(codes >= 0, position[codes], -1)
    else:
        meeting = pd.Index(ordered["meeting_id"]).get_indexer(meeting_ids)
    person, n_people = _codes(attendance["participant_id"])
    org, n_orgs = _codes(attendance["organisation_id"])
    keep = (meeting >= 0) & (person >= 0) & (org >= 0)
    if not keep.all():
        meeting, person, org = meeting[keep], person[keep], org[keep]
    n_meetings = len(ordered)
    pair_person, pair_meeting = _distinct_pairs(person, meeting, n_meetings)
    org_pair_org, org_pair_meeting = _distinct_pairs(org, meeting, n_meetings)
    org_person_org, _ = _distinct_pairs(org, person, n_people)
    return _Encoded(
        ordered,
        pair_person,
        pair_meeting,
        org_pair_org,
        org_pair_meeting,
        org_person_org,
        n_people,
        n_orgs,
    )


def _first_meeting(owner: np.ndarray, meeting: np.ndarray) -> np.ndarray:
    """For pairs sorted by owner then meeting position: each owner's first meeting."""
    return meeting[_run_starts(owner)]


#: Largest groups × owners grid counted with a presence table (one byte a cell).
_PRESENCE_LIMIT = 256 * 2**20


def _distinct_per_group(
    owner: np.ndarray, meeting: np.ndarray, group_of_meeting: np.ndarray, n_groups: int
) -> np.ndarray:
    """Distinct owners per group, for pairs sorted by owner then meeting position.

    Three ways, cheapest first: when groups follow the meeting order (dates, weeks)
    the keys are already sorted; when groups × owners is small (areas, kinds) a
    presence table marks each (group, owner) once; otherwise sort the keys.
    """
    width = np.int64(max(n_groups, 1))
    n_owners = int(owner.max(initial=-1)) + 1
    group = group_of_meeting[meeting]
    if bool(np.all(np.diff(group_of_meeting) >= 0)):
        keys = _unique_sorted(owner * width + group, presorted=True)
    elif n_groups * n_owners <= _PRESENCE_LIMIT:
        seen = np.zeros(n_groups * n_owners, dtype=bool)
        seen[group * np.int64(n_owners) + owner] = True
        return np.count_nonzero(seen.reshape(n_groups, n_owners), axis=1).astype(np.int64)
    else:
        keys = _unique_sorted(owner * width + group)
    return np.bincount(keys % width, minlength=n_groups).astype(np.int64)


def _count(values: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(values, minlength=n).astype(np.int64)


# --------------------------------------------------------------------------- selecting


def select(
    meetings: pd.DataFrame,
    attendance: pd.DataFrame | None = None,
    areas: Iterable[str] | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The meetings in ``areas`` between ``start`` and ``end`` (inclusive), and their attendance."""
    keep = pd.Series(True, index=meetings.index)
    if areas is not None:
        keep &= meetings["area"].isin(list(areas))
    if start is not None:
        keep &= meetings["date"] >= pd.Timestamp(start)
    if end is not None:
        keep &= meetings["date"] <= pd.Timestamp(end)
    chosen = meetings.loc[keep].reset_index(drop=True)
    if attendance is None:
        return chosen, None
    rows = attendance["meeting_id"].isin(chosen["meeting_id"])
    chosen_attendance = attendance.loc[rows].reset_index(drop=True)
    for name in ("meeting_id", "participant_id", "organisation_id"):
        column = chosen_attendance[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            chosen_attendance[name] = column.cat.remove_unused_categories()
    return chosen, chosen_attendance


# --------------------------------------------------------------------------- statistics


def _totals(enc: _Encoded) -> dict[str, int]:
    return {
        "meetings": len(enc.meetings),
        "attendances": len(enc.pair_person),
        "participants": len(_run_starts(enc.pair_person)),
        "organisations": len(_run_starts(enc.org_pair_org)),
    }


def totals(meetings: pd.DataFrame, attendance: pd.DataFrame) -> dict[str, int]:
    """Meetings, attendances, distinct participants and distinct organisations."""
    return _totals(_encode(meetings, attendance))


def _by_meeting(enc: _Encoded) -> pd.DataFrame:
    m = len(enc.meetings)
    frame = enc.meetings[["meeting_id", "date", "kind", "area"]].copy()
    frame["participants"] = _count(enc.pair_meeting, m)
    frame["organisations"] = _count(enc.org_pair_meeting, m)
    frame["new_participants"] = _count(_first_meeting(enc.pair_person, enc.pair_meeting), m)
    frame["new_organisations"] = _count(_first_meeting(enc.org_pair_org, enc.org_pair_meeting), m)
    return frame


def by_meeting(meetings: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    """Per meeting, in date order: participants, organisations, new participants and organisations.

    Participants at a meeting equal its attendances (distinct pairs).
    """
    return _by_meeting(_encode(meetings, attendance))


def _by_group(enc: _Encoded, keys: pd.Series, name: str) -> pd.DataFrame:
    """Meetings, attendances and distinct counts per group; ``keys`` gives each meeting's group."""
    # Groups in order of their first meeting (meetings are in date order).
    group_of_meeting, groups = pd.factorize(keys.astype(str).to_numpy())
    n = len(groups)
    frame = pd.DataFrame({name: groups})
    frame["meetings"] = _count(group_of_meeting, n)
    frame["attendances"] = _count(group_of_meeting[enc.pair_meeting], n)
    frame["participants"] = _distinct_per_group(
        enc.pair_person, enc.pair_meeting, group_of_meeting, n
    )
    frame["organisations"] = _distinct_per_group(
        enc.org_pair_org, enc.org_pair_meeting, group_of_meeting, n
    )
    return frame, group_of_meeting


def by_area(meetings: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    """Per area: meetings, attendances, distinct participants, distinct organisations."""
    enc = _encode(meetings, attendance)
    return _by_group(enc, enc.meetings["area"], "area")[0]


def by_kind(meetings: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    """Per meeting kind: meetings, attendances, distinct participants, distinct organisations."""
    enc = _encode(meetings, attendance)
    return _by_group(enc, enc.meetings["kind"], "kind")[0]


def _by_area_kind(enc: _Encoded) -> pd.DataFrame:
    keys = enc.meetings["area"].astype(str) + "\x1f" + enc.meetings["kind"].astype(str)
    frame, _ = _by_group(enc, keys, "area_kind")
    parts = frame.pop("area_kind").str.split("\x1f", expand=True)
    frame.insert(0, "area", parts[0])
    frame.insert(1, "kind", parts[1])
    return frame


def by_area_and_kind(meetings: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    """Per (area, meeting kind) that has meetings: meetings, attendances, distinct counts."""
    return _by_area_kind(_encode(meetings, attendance))


def _by_date(enc: _Encoded) -> pd.DataFrame:
    frame, day_of_meeting = _by_group(enc, enc.meetings["date"].dt.strftime("%Y-%m-%d"), "date")
    n = len(frame)
    new_people = _count(day_of_meeting[_first_meeting(enc.pair_person, enc.pair_meeting)], n)
    new_orgs = _count(day_of_meeting[_first_meeting(enc.org_pair_org, enc.org_pair_meeting)], n)
    frame["date"] = pd.to_datetime(frame["date"])
    frame["new_participants"] = new_people
    frame["new_organisations"] = new_orgs
    frame["cumulative_participants"] = np.cumsum(new_people)
    frame["cumulative_organisations"] = np.cumsum(new_orgs)
    return frame


def by_date(meetings: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    """Per meeting date: meetings, attendances, distinct participants and organisations that
    day, those new that day, and the cumulative distinct counts after it (the reach curve)."""
    return _by_date(_encode(meetings, attendance))


def reach_curve(meetings: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    """Cumulative distinct participants and organisations after each meeting date."""
    return by_date(meetings, attendance)[
        ["date", "cumulative_participants", "cumulative_organisations"]
    ]


def _by_week(enc: _Encoded) -> pd.DataFrame:
    iso = enc.meetings["date"].dt.isocalendar()
    week = iso["year"].astype(str) + "-W" + iso["week"].astype(int).map("{:02d}".format)
    frame, _ = _by_group(enc, week, "iso_week")
    frame.insert(1, "week_start", pd.to_datetime(frame["iso_week"] + "-1", format="%G-W%V-%u"))
    return frame


def by_week(meetings: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    """Per ISO week (``2018-W21``, with its Monday): meetings, attendances, distinct counts."""
    return _by_week(_encode(meetings, attendance))


def _repeat(owner: np.ndarray, n_owners: int, entity: str) -> pd.DataFrame:
    per_owner = np.bincount(owner, minlength=n_owners)
    per_owner = per_owner[per_owner > 0]
    counts = np.bincount(per_owner)
    k = np.flatnonzero(counts)
    return pd.DataFrame({"meetings_attended": k.astype(np.int64), entity + "s": counts[k]})


def repeat_participation(
    meetings: pd.DataFrame, attendance: pd.DataFrame, entity: str = "participant"
) -> pd.DataFrame:
    """How many participants (or organisations) attended exactly k meetings, for each k."""
    enc = _encode(meetings, attendance)
    if entity == "participant":
        return _repeat(enc.pair_person, enc.n_people, entity)
    if entity == "organisation":
        return _repeat(enc.org_pair_org, enc.n_orgs, entity)
    raise ValueError(f"entity must be one of {ENTITIES}, got {entity!r}")


def _persons_per_organisation(enc: _Encoded) -> pd.DataFrame:
    per_org = np.bincount(enc.org_person_org, minlength=enc.n_orgs)
    per_org = per_org[per_org > 0]
    counts = np.bincount(per_org)
    k = np.flatnonzero(counts)
    return pd.DataFrame({"persons": k.astype(np.int64), "organisations": counts[k]})


def persons_per_organisation(meetings: pd.DataFrame, attendance: pd.DataFrame) -> pd.DataFrame:
    """How many organisations sent exactly n distinct persons, for each n."""
    return _persons_per_organisation(_encode(meetings, attendance))


def also_attended(meetings: pd.DataFrame, attendance: pd.DataFrame, area: str) -> pd.DataFrame:
    """Of the participants of ``area``'s meetings, how many attended each other area's meetings.

    Columns: ``area``, ``participants``; other areas in order of their first meeting,
    only those with at least one such participant.
    """
    enc = _encode(meetings, attendance)
    area_of_meeting, areas = pd.factorize(enc.meetings["area"].astype(str).to_numpy())
    focus = np.flatnonzero(areas == area)
    if len(focus) == 0:
        return pd.DataFrame(
            {"area": pd.Series(dtype=str), "participants": pd.Series(dtype="int64")}
        )
    pair_area = area_of_meeting[enc.pair_meeting]
    in_focus = np.zeros(max(enc.n_people, 1), dtype=bool)
    in_focus[enc.pair_person[pair_area == focus[0]]] = True
    chosen = in_focus[enc.pair_person] & (pair_area != focus[0])
    counts = _distinct_per_group(
        enc.pair_person[chosen], enc.pair_meeting[chosen], area_of_meeting, len(areas)
    )
    frame = pd.DataFrame({"area": areas.astype(str), "participants": counts})
    return frame[frame["participants"] > 0].reset_index(drop=True)


def organisations(
    meetings: pd.DataFrame, attendance: pd.DataFrame, names: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per organisation: its name, distinct persons, meetings attended and attendances.

    The name is the first non-empty ``organisation_name`` the register gives for the id,
    else the one in ``names`` (the optional organisations table), else the id itself.
    Sorted by persons, then meetings, then name.
    """
    enc = _encode(meetings, attendance)
    ids = attendance["organisation_id"]
    categories = (
        ids.cat.categories
        if isinstance(ids.dtype, pd.CategoricalDtype)
        else pd.Index(pd.unique(ids))
    )
    shown = pd.Series(categories.astype(str), index=categories.astype(str))
    if names is not None and "organisation_name" in names:
        listed = names.loc[names["organisation_name"].astype(str).str.len() > 0]
        listed = listed.set_index(listed["organisation_id"].astype(str))["organisation_name"]
        shown.update(listed.astype(str))
    if "organisation_name" in attendance:
        given = attendance.loc[attendance["organisation_name"].astype(str).str.len() > 0]
        first = given.drop_duplicates("organisation_id").set_index(
            given.drop_duplicates("organisation_id")["organisation_id"].astype(str)
        )["organisation_name"]
        shown.update(first.astype(str))
    n = len(categories)
    frame = pd.DataFrame(
        {
            "organisation_id": categories.astype(str),
            "organisation_name": shown.to_numpy(),
            "persons": _count(enc.org_person_org, n),
            "meetings": _count(enc.org_pair_org, n),
        }
    )
    frame = frame[frame["meetings"] > 0]
    return frame.sort_values(
        ["persons", "meetings", "organisation_name"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


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
    stats.by_meeting = per_meeting
    stats.by_month = tallies.by_month(summed)
    stats.by_territory = tallies.by_territory(summed)
    stats.totals["meetings_without_attendance"] = int(no_attendance.sum())
    stats.totals["contributions"] = tallies.contributions(summed)
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

    def grouped(column: str | list[str]) -> pd.DataFrame:
        frame = per_meeting.groupby(column, sort=True).agg(
            meetings=("meeting_id", "size"),
            attendances=("participants", lambda s: s.sum(min_count=1)),
        )
        frame["attendances"] = frame["attendances"].astype("Int64")
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
