"""Meetings and the register as integer codes, and the vectorised steps the statistics share
(distinct pairs, first meetings, distinct counts per group): no Python loop over rows."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

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
    # (date, meeting_id) is unique, so no sort kind is needed (pandas ignores it for two keys)
    ordered = meetings.sort_values(["date", "meeting_id"]).reset_index(drop=True)
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
    # Which way runs, and any larger width or owner count, changes the speed and never the
    # counts (tests/test_metrics_properties.py checks the ways agree): a mutant of the
    # lines marked "speed only" is equivalent, so mutation testing leaves them alone.
    width = np.int64(max(n_groups, 1))  # pragma: no mutate (speed only)
    n_owners = int(owner.max(initial=-1)) + 1  # pragma: no mutate (speed only)
    group = group_of_meeting[meeting]
    if bool(np.all(np.diff(group_of_meeting) >= 0)):  # pragma: no mutate (speed only)
        keys = owner * width + group
        keys = _unique_sorted(keys, presorted=True)  # pragma: no mutate (speed only)
    elif n_groups * n_owners <= _PRESENCE_LIMIT:  # pragma: no mutate (speed only)
        seen = np.zeros(n_groups * n_owners, dtype=bool)  # pragma: no mutate (speed only)
        seen[group * np.int64(n_owners) + owner] = True
        return np.count_nonzero(seen.reshape(n_groups, n_owners), axis=1).astype(np.int64)
    else:
        keys = _unique_sorted(owner * width + group)
    return np.bincount(keys % width, minlength=n_groups).astype(np.int64)


def _count(values: np.ndarray, n: int) -> np.ndarray:
    return np.bincount(values, minlength=n).astype(np.int64)
