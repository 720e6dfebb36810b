"""A synthetic counts-only meetings table at a real city's scale, labelled synthetic.

Real consultations publish hundreds of meetings with per-meeting counts. This
seeded generator writes such a table (400+ meetings, 30 themes with long
accented names, ten districts, blank counts, contributions) so the reports can
be seen and tested at that scale. Every row says it is synthetic, so every output
made from it says so. Same seed, same bytes.

Two shapes: a Catalan city's export with the contract's headers and ids
(``city="ca"``), and a Polish office's own sheet (``city="pl"``): Polish themes and
Kraków's districts, Polish headers, no id column, dates as ``DD.MM.YYYY``, so a
Polish office sees what its own sheet will give.

>>> table = counts_table(meetings=12, seed=1)
>>> len(table), table["synthetic"].unique().tolist()
(12, ['true'])
>>> sheet = counts_table(meetings=3, seed=1, city="pl")
>>> list(sheet.columns[:3]), sheet["Syntetyczne"].unique().tolist()
(['Data spotkania', 'Tytuł spotkania', 'Obszar'], ['tak'])
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

POLISH_THEMES = (
    "Ekologia i ochrona środowiska",
    "Transport publiczny i bezpieczeństwo ruchu",
    "Mieszkalnictwo i rewitalizacja",
    "Kultura i dziedzictwo",
    "Edukacja przedszkolna i szkolna",
    "Zdrowie publiczne i profilaktyka",
    "Sport i aktywność fizyczna",
    "Seniorzy i aktywne starzenie się",
    "Młodzież i usamodzielnianie",
    "Równość płci i przeciwdziałanie przemocy",
    "Pomoc społeczna i włączenie",
    "Handel lokalny i targowiska",
    "Zatrudnienie i kształcenie zawodowe",
    "Turystyka zrównoważona",
    "Przestrzeń publiczna i zieleń miejska",
    "Partycypacja i budżet obywatelski",
    "Współpraca międzynarodowa",
    "Sąsiedztwo i mediacje",
    "Nauka, innowacje i uczelnie",
    "Żywność i targi miejskie",
    "Dobrostan zwierząt",
    "Energia i transformacja klimatyczna",
    "Zabytki i pamięć historyczna",
    "Dzieci i rodzina",
    "Osoby z niepełnosprawnościami i dostępność",
    "Ekonomia społeczna",
    "Mniejszości i wielokulturowość",
    "Bezpieczeństwo i zarządzanie kryzysowe",
    "Odpady, czystość i gospodarka obiegu zamkniętego",
    "Organizacje pozarządowe i wolontariat",
)
#: Kraków's eighteen districts, as the city writes them.
POLISH_DISTRICTS = (
    *("Stare Miasto", "Grzegórzki", "Prądnik Czerwony", "Prądnik Biały", "Krowodrza"),
    *("Bronowice", "Zwierzyniec", "Dębniki", "Łagiewniki-Borek Fałęcki", "Swoszowice"),
    *("Podgórze Duchackie", "Bieżanów-Prokocim", "Podgórze", "Czyżyny", "Mistrzejowice"),
    *("Bieńczyce", "Wzgórza Krzesławickie", "Nowa Huta"),
)
POLISH_KINDS = ("Spotkanie informacyjne", "Warsztaty", "Debata", "Spotkanie podsumowujące")
#: A Polish office's headers for the contract's fields (each read with no mapping).
POLISH_HEADERS = {
    "date": "Data spotkania",
    "title": "Tytuł spotkania",
    "area": "Obszar",
    "kind": "Rodzaj",
    "territory": "Dzielnica",
    "attendees": "Liczba uczestników",
    "organisations": "Liczba organizacji",
    "contributions": "Liczba uwag",
    "synthetic": "Syntetyczne",
}
CITIES = ("ca", "pl")


def counts_table(meetings: int = 420, seed: int = 2016, city: str = "ca") -> pd.DataFrame:
    """``meetings`` rows of a counts-only meetings table: a Catalan city's with the
    contract's headers (``"ca"``), or a Polish office's own sheet (``"pl"``)."""
    if city not in CITIES:
        raise ValueError(f"city must be one of {', '.join(CITIES)}, got {city!r}")
    polish = city == "pl"
    themes, districts, kind_names = (
        (POLISH_THEMES, POLISH_DISTRICTS, POLISH_KINDS) if polish else (THEMES, DISTRICTS, KINDS)
    )
    rng = np.random.default_rng(seed)
    theme = rng.integers(0, len(themes), meetings)
    district = rng.integers(0, len(districts) + 1, meetings)  # the last: no district
    days = np.sort(rng.integers(0, 420, meetings))
    dates = pd.Timestamp("2016-02-01") + pd.to_timedelta(days, unit="D")
    attendees = rng.negative_binomial(3, 0.08, meetings) + 3
    organisations = np.minimum(attendees, rng.integers(1, 15, meetings))
    contributions = rng.poisson(attendees / 4)
    blank = rng.random(meetings) < 0.08  # nobody counted
    kinds = np.array(kind_names)[rng.integers(0, len(kind_names), meetings)]
    table = pd.DataFrame(
        {
            "meeting_id": [f"PAM-{i + 1:04d}" for i in range(meetings)],
            "date": dates.strftime("%d.%m.%Y" if polish else "%d/%m/%Y"),
            "kind": kinds,
            "area": np.array(themes)[theme],
            "territory": [districts[d] if d < len(districts) else "" for d in district],
            "title": [f"{k}: {themes[t]}" for k, t in zip(kinds, theme, strict=True)],
            "attendees": np.where(blank, "", attendees.astype(str)),
            "organisations": np.where(blank, "", organisations.astype(str)),
            "contributions": np.where(blank, "", contributions.astype(str)),
            "synthetic": "tak" if polish else "true",
        }
    )
    if not polish:
        return table
    # an office's sheet: no id column, its own headers in the order staff write them
    return table[list(POLISH_HEADERS)].rename(columns=POLISH_HEADERS)


def write_counts_table(
    path: str | Path, meetings: int = 420, seed: int = 2016, city: str = "ca"
) -> Path:
    """Write :func:`counts_table` as CSV (UTF-8) to ``path``."""
    data = counts_table(meetings, seed, city).to_csv(index=False, lineterminator="\n")
    return atomic_write_bytes(Path(path), data.encode("utf-8"))
