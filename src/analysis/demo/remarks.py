"""A seeded synthetic remarks register on the shipped meetings, labelled synthetic.

To see the remarks sections at a real consultation's scale, and to measure them, this
writes a register of any size (20,000 remarks by default) as an office would keep it:
one row per remark, the organisations of the synthetic demo register (and private
persons), the meeting it was raised at (or none: a written submission), the outcome in
an official's Polish wording, an answer, supports, every row marked ``synthetic``. The
same seed gives the same bytes.

>>> table = remarks_table(remarks=40, seed=1)
>>> len(table), table["synthetic"].unique().tolist()
(40, ['true'])
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.config import ANNOUNCEMENT_PATH, DEFAULT_REGISTER_PATH, DEMO_SEED
from analysis.files import atomic_write_bytes
from analysis.sources.announcement import read_announcement

#: Officials' wordings and how often each comes (a consultation answers most remarks).
WORDINGS = (
    ("Uwzględniona", 0.30),
    ("Częściowo uwzględniona", 0.15),
    ("Nie uwzględniono", 0.25),
    ("Wyjaśnienie", 0.12),
    ("Już ujęta w programie", 0.08),
    ("Wycofana", 0.03),
    ("", 0.07),  # not yet answered
)
SUBJECTS = (
    "zwiększenie środków na konkursy dla organizacji",
    "uproszczenie sprawozdań z realizacji zadań",
    "wieloletnie umowy na zadania publiczne",
    "udostępnianie lokali miejskich organizacjom",
    "regranting dla młodych organizacji",
    "konsultacje z radami dzielnic",
    "wsparcie wolontariatu",
    "dostępność wydarzeń dla osób z niepełnosprawnościami",
)
ANSWERS = (
    "Uwaga została wprowadzona do programu.",
    "Zakres zadania nie należy do programu współpracy.",
    "Kwestia jest uregulowana w odrębnych przepisach.",
    "Propozycja zostanie rozważona przy kolejnej edycji programu.",
)


def remarks_table(remarks: int = 20_000, seed: int = DEMO_SEED) -> pd.DataFrame:
    """``remarks`` synthetic remarks on the shipped announcement's meetings."""
    rng = np.random.default_rng(seed)
    meetings = read_announcement(ANNOUNCEMENT_PATH).meetings
    register = pd.read_csv(DEFAULT_REGISTER_PATH, dtype=str)
    organisations = register.drop_duplicates("organisation_id")
    at = rng.integers(-1, len(meetings), remarks)  # -1: a written submission
    who = rng.integers(-1, len(organisations), remarks)  # -1: a private person
    words, weights = zip(*WORDINGS, strict=True)
    outcome = rng.choice(np.array(words, dtype=object), remarks, p=np.array(weights))
    subject = rng.integers(0, len(SUBJECTS), remarks)
    answer = rng.integers(0, len(ANSWERS), remarks)
    supports = rng.negative_binomial(1, 0.2, remarks)
    meeting_ids = meetings["meeting_id"].to_numpy(dtype=object)
    days = meetings["date"].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    org_ids = organisations["organisation_id"].to_numpy(dtype=object)
    org_names = organisations["organisation_name"].to_numpy(dtype=object)
    return pd.DataFrame(
        {
            "remark_id": [f"U{i + 1:05d}" for i in range(remarks)],
            "meeting_id": np.where(at >= 0, meeting_ids[np.maximum(at, 0)], ""),
            "organisation_id": np.where(who >= 0, org_ids[np.maximum(who, 0)], ""),
            "organisation_name": np.where(who >= 0, org_names[np.maximum(who, 0)], ""),
            "text": [
                f"Uwaga {i + 1} (dane syntetyczne): {SUBJECTS[s]}" for i, s in enumerate(subject)
            ],
            "outcome": outcome,
            "response": np.where(outcome == "", "", np.array(ANSWERS, dtype=object)[answer]),
            "supports": supports,
            "date": np.where(at >= 0, days[np.maximum(at, 0)], "2018-07-06"),
            "synthetic": "true",
        }
    )


def write_remarks_register(path: str | Path, remarks: int = 20_000, seed: int = DEMO_SEED) -> Path:
    """Write :func:`remarks_table` as CSV (UTF-8) to ``path``."""
    data = remarks_table(remarks, seed).to_csv(index=False, lineterminator="\n")
    return atomic_write_bytes(Path(path), data.encode("utf-8"))
