"""The statistics as tables: one function per table of docs/data-contract.md §7, each over
the validated meetings and attendance, and :func:`select` for a selection of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.metrics.encoding import (
    ENTITIES,
    _count,
    _distinct_per_group,
    _encode,
    _Encoded,
    _first_meeting,
    _run_starts,
)

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
    size = max(enc.n_people, 1)  # pragma: no mutate (any size from n_people up is the same)
    in_focus = np.zeros(size, dtype=bool)
    in_focus[enc.pair_person[pair_area == focus[0]]] = True
    chosen = in_focus[enc.pair_person] & (pair_area != focus[0])
    counts = _distinct_per_group(
        enc.pair_person[chosen], enc.pair_meeting[chosen], area_of_meeting, len(areas)
    )
    frame = pd.DataFrame({"area": areas.astype(str), "participants": counts})
    return frame[frame["participants"] > 0].reset_index(drop=True)


def _named(names: pd.Series) -> np.ndarray:
    """Rows whose organisation name has text; a categorical's names are looked at once
    each, not once per row (a large register repeats each name thousands of times)."""
    if isinstance(names.dtype, pd.CategoricalDtype):
        has_text = names.cat.categories.astype(str).str.len().to_numpy() > 0
        return np.append(has_text, False)[names.cat.codes.to_numpy()]  # code -1: missing
    return (names.astype(str).str.len() > 0).to_numpy()


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
        given = attendance.loc[_named(attendance["organisation_name"])]
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
    # sorting on several columns is always stable in pandas (``kind`` applies to one only)
    return frame.sort_values(
        ["persons", "meetings", "organisation_name"], ascending=[False, False, True]
    ).reset_index(drop=True)
