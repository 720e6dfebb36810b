"""The seeded generator of the synthetic demo attendance register.

No real register of the 2018 consultation is public, so the project ships a
synthetic one that matches what *was* published: the 11 meetings of the
announcement, 94 distinct participants from 72 distinct organisations, and
every meeting attended. Its shape is plausible, not real: most organisations
send one person and some several; most people attend one meeting and some
several; sector meetings draw mostly organisations of that sector; the
newcomers' meeting draws organisations flagged as new to the city.

Every row says ``synthetic=true``, so every output made from it says so too.
The same seed gives the same bytes.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import ANNOUNCEMENT_PATH, DEFAULT_REGISTER_PATH, DEMO_SEED
from analysis.files import atomic_write_bytes
from analysis.sources.announcement import Announcement, read_announcement

COLUMNS = ["meeting_id", "participant_id", "organisation_id", "organisation_name", "synthetic"]
_ORG_KINDS = (
    "Fundacja Przykładowa",
    "Stowarzyszenie Przykładowe",
    "Towarzystwo Przykładowe",
    "Klub Przykładowy",
    "Instytut Przykładowy",
)
_MAX_PERSONS_PER_ORG = 4
_MAX_MEETINGS_PER_PERSON = 5


def _spread(total: int, buckets: int, weights: np.ndarray, rng, floor: int, cap: int) -> np.ndarray:
    """``total`` items over ``buckets``, each at least ``floor`` and at most ``cap``."""
    counts = np.full(buckets, floor)
    for _ in range(total - floor * buckets):
        open_ = counts < cap
        p = weights * open_
        counts[rng.choice(buckets, p=p / p.sum())] += 1
    return counts


def generate_register(
    announcement: Announcement,
    seed: int = DEMO_SEED,
    participants: int | None = None,
    organisations: int | None = None,
    new_share: float = 0.15,
) -> pd.DataFrame:
    """A synthetic register for the announcement's meetings, matching its published totals.

    Returns one row per (participant, meeting), sorted by meeting date, meeting
    and participant.
    """
    rng = np.random.default_rng(seed)
    meetings = announcement.meetings.reset_index(drop=True)
    n_people = participants or announcement.published["participants"]
    n_orgs = organisations or announcement.published["organisations"]
    if not len(meetings) <= n_people or not n_orgs <= n_people:
        raise ValueError("need at least one participant per meeting and per organisation")

    sector_areas = meetings.loc[meetings["kind"] == "sector", "area"].tolist()
    other_meetings = meetings.index[meetings["kind"] != "sector"].to_numpy()
    newcomer_meetings = meetings.index[meetings["kind"] == "newcomers"].to_numpy()
    meeting_of_area = {a: i for i, a in zip(meetings.index, meetings["area"], strict=True)}

    # Organisations: a home sector each (uneven sizes), some new to the city.
    area_weights = rng.dirichlet(np.full(len(sector_areas), 4.0))
    home = _spread(n_orgs, len(sector_areas), area_weights, rng, floor=2, cap=n_orgs)
    org_area = np.repeat(np.arange(len(sector_areas)), home)
    rng.shuffle(org_area)
    org_is_new = rng.random(n_orgs) < new_share
    org_persons = _spread(
        n_people, n_orgs, rng.pareto(2.0, n_orgs) + 0.2, rng, floor=1, cap=_MAX_PERSONS_PER_ORG
    )
    person_org = np.repeat(np.arange(n_orgs), org_persons)

    # Meetings per person: most attend one, some several.
    n_meetings = np.minimum(rng.geometric(0.62, n_people), _MAX_MEETINGS_PER_PERSON)
    attended: list[set[int]] = []
    for person in range(n_people):
        org = person_org[person]
        if org_is_new[org] and len(newcomer_meetings):
            first = int(rng.choice(newcomer_meetings))
        elif rng.random() < 0.85:
            first = meeting_of_area[sector_areas[org_area[org]]]
        else:
            first = int(rng.choice(other_meetings))
        chosen = {first}
        extra = [m for m in range(len(meetings)) if m != first]
        weights = np.array([3.0 if m in other_meetings else 1.0 for m in extra])
        k = min(n_meetings[person] - 1, len(extra))
        chosen.update(
            int(m) for m in rng.choice(extra, size=k, replace=False, p=weights / weights.sum())
        )
        attended.append(chosen)
    for meeting in range(len(meetings)):  # every meeting was attended
        if not any(meeting in s for s in attended):
            attended[int(rng.integers(n_people))].add(meeting)

    width_p, width_o = len(str(n_people)), len(str(n_orgs))
    org_names = [
        f"{_ORG_KINDS[i % len(_ORG_KINDS)]} {i + 1:0{width_o}d} (dane syntetyczne)"
        for i in range(n_orgs)
    ]
    rows = [
        (
            meetings.at[m, "meeting_id"],
            meetings.at[m, "date"],
            f"P{p + 1:0{width_p}d}",
            f"O{person_org[p] + 1:0{width_o}d}",
            org_names[person_org[p]],
        )
        for p, chosen in enumerate(attended)
        for m in chosen
    ]
    frame = pd.DataFrame(rows, columns=["meeting_id", "date", *COLUMNS[1:4]])
    frame = frame.sort_values(["date", "meeting_id", "participant_id"], kind="stable")
    frame["synthetic"] = "true"
    return frame[COLUMNS].reset_index(drop=True)


def register_csv_bytes(register: pd.DataFrame) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(register[COLUMNS].itertuples(index=False, name=None))
    return buffer.getvalue().encode("utf-8")


def write_demo_register(
    path: str | Path = DEFAULT_REGISTER_PATH,
    announcement_path: str | Path = ANNOUNCEMENT_PATH,
    seed: int = DEMO_SEED,
) -> Path:
    """Generate the demo register from the announcement and write it as UTF-8 CSV."""
    register = generate_register(read_announcement(announcement_path), seed=seed)
    return atomic_write_bytes(path, register_csv_bytes(register))


def large_register(
    rows: int, meetings: int = 2000, participants: int | None = None, seed: int = DEMO_SEED
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A synthetic (meetings, register) pair of any size, for scale tests and benchmarks.

    The register has ``rows`` rows (repeats included) over ``meetings`` meetings
    in 11 areas across three years; ids are categoricals, as the data layer
    produces them. Vectorised: ten million rows take seconds.
    """
    rng = np.random.default_rng(seed)
    participants = participants or max(rows // 4, 1)
    organisations = max(participants // 3, 1)
    from analysis.catalogue.labels import AREA_LABELS, MEETING_KINDS

    areas = np.array(list(AREA_LABELS))
    meeting_ids = np.array([f"M{i:06d}" for i in range(meetings)])
    table = pd.DataFrame(
        {
            "meeting_id": meeting_ids,
            "date": pd.Timestamp("2019-01-01")
            + pd.to_timedelta(np.sort(rng.integers(0, 3 * 365, meetings)), unit="D"),
            "kind": np.array(MEETING_KINDS)[rng.integers(0, len(MEETING_KINDS), meetings)],
            "area": areas[rng.integers(0, len(areas), meetings)],
            "title": "synthetic",
        }
    )
    person = rng.integers(0, participants, rows)
    org_of_person = rng.integers(0, organisations, participants)
    register = pd.DataFrame(
        {
            "meeting_id": pd.Categorical.from_codes(
                rng.integers(0, meetings, rows), categories=meeting_ids
            ),
            "participant_id": pd.Categorical.from_codes(
                person, categories=[f"P{i}" for i in range(participants)]
            ),
            "organisation_id": pd.Categorical.from_codes(
                org_of_person[person], categories=[f"O{i}" for i in range(organisations)]
            ),
        }
    )
    return table, register
