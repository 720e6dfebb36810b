"""A synthetic counts-only meetings table at a real city's scale, labelled synthetic.

Real consultations publish hundreds of meetings with per-meeting counts. This
seeded generator writes such a table (400+ meetings, 30 themes with long
accented names, ten districts, blank counts, contributions) so the reports can
be seen and tested at that scale. Every row carries ``synthetic=true``, so
every output made from it says so. Same seed, same bytes.

>>> table = counts_table(meetings=12, seed=1)
>>> len(table), table["synthetic"].unique().tolist()
(12, ['true'])
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.files import atomic_write_bytes

THEMES = (
    "Medi ambient i sostenibilitat",
    "Mobilitat, transport públic i seguretat viària",
    "Habitatge i rehabilitació de barris",
    "Cultura popular i tradicional",
    "Educació infantil i escoles bressol",
    "Salut comunitària",
    "Esports i activitat física",
    "Gent gran i envelliment actiu",
    "Joventut i emancipació",
    "Igualtat de gènere i feminismes",
    "Drets socials i inclusió",
    "Comerç de proximitat",
    "Ocupació i formació professional",
    "Turisme sostenible",
    "Espai públic i urbanisme tàctic",
    "Participació ciutadana i democràcia",
    "Cooperació internacional",
    "Convivència i mediació veïnal",
    "Ciència, innovació i universitats",
    "Alimentació i mercats municipals",
    "Benestar animal",
    "Energia i transició ecològica",
    "Patrimoni i memòria històrica",
    "Infància i adolescència",
    "Diversitat funcional i accessibilitat universal",
    "Economia social i solidària",
    "Llengua i interculturalitat",
    "Seguretat i prevenció",
    "Residus, neteja i economia circular",
    "Pressupostos participatius",
)
DISTRICTS = (
    "Ciutat Vella",
    "Eixample",
    "Sants-Montjuïc",
    "Les Corts",
    "Sarrià-Sant Gervasi",
    "Gràcia",
    "Horta-Guinardó",
    "Nou Barris",
    "Sant Andreu",
    "Sant Martí",
)
KINDS = ("Sessió informativa", "Taller", "Debat", "Sessió de retorn")


def counts_table(meetings: int = 420, seed: int = 2016) -> pd.DataFrame:
    """``meetings`` rows of a counts-only meetings table, with the contract's headers."""
    rng = np.random.default_rng(seed)
    theme = rng.integers(0, len(THEMES), meetings)
    district = rng.integers(0, len(DISTRICTS) + 1, meetings)  # the last: no district
    days = np.sort(rng.integers(0, 420, meetings))
    dates = pd.Timestamp("2016-02-01") + pd.to_timedelta(days, unit="D")
    attendees = rng.negative_binomial(3, 0.08, meetings) + 3
    organisations = np.minimum(attendees, rng.integers(1, 15, meetings))
    contributions = rng.poisson(attendees / 4)
    blank = rng.random(meetings) < 0.08  # nobody counted
    kinds = np.array(KINDS)[rng.integers(0, len(KINDS), meetings)]
    return pd.DataFrame(
        {
            "meeting_id": [f"PAM-{i + 1:04d}" for i in range(meetings)],
            "date": dates.strftime("%d/%m/%Y"),
            "kind": kinds,
            "area": np.array(THEMES)[theme],
            "territory": [DISTRICTS[d] if d < len(DISTRICTS) else "" for d in district],
            "title": [f"{k}: {THEMES[t]}" for k, t in zip(kinds, theme, strict=True)],
            "attendees": np.where(blank, "", attendees.astype(str)),
            "organisations": np.where(blank, "", organisations.astype(str)),
            "contributions": np.where(blank, "", contributions.astype(str)),
            "synthetic": "true",
        }
    )


def write_counts_table(path: str | Path, meetings: int = 420, seed: int = 2016) -> Path:
    """Write :func:`counts_table` as CSV (UTF-8) to ``path``."""
    data = counts_table(meetings, seed).to_csv(index=False, lineterminator="\n")
    return atomic_write_bytes(Path(path), data.encode("utf-8"))
