"""Names of codes: areas, meeting kinds, and "unassigned", as (Polish, English)."""

from __future__ import annotations

#: docs/data-contract.md §2: area code -> (Polish, English)
AREA_LABELS: dict[str, tuple[str, str]] = {
    "culture": ("Kultura i sztuka", "Culture and art"),
    "social-welfare": (
        "Pomoc społeczna i osoby z niepełnosprawnościami",
        "Social assistance and people with disabilities",
    ),
    "seniors": ("Wsparcie seniorów", "Support for seniors"),
    "revitalisation": (
        "Rewitalizacja, przestrzeń, Nowa Huta",
        "Revitalisation, public space, Nowa Huta",
    ),
    "youth-education": ("Młodzież i edukacja", "Youth and education"),
    "sport-health": ("Sport, zdrowie, profilaktyka", "Sport, health, prevention"),
    "human-rights": (
        "Antydyskryminacja, mniejszości, prawa kobiet, prawa człowieka",
        "Anti-discrimination, minorities, women's and human rights",
    ),
    "premises": ("Polityka lokalowa i mienie gminy", "Premises policy and municipal property"),
    "ngo-business": ("Współpraca NGO i biznesu", "NGO–business cooperation"),
    "newcomers": (
        "Organizacje nowe we współpracy z miastem",
        "Organisations new to cooperation with the city",
    ),
    "general": ("Spotkanie ogólnobranżowe", "General meeting"),
}


MEETING_KINDS = ("sector", "thematic", "newcomers", "general")
KIND_LABELS: dict[str, tuple[str, str]] = {
    "sector": ("Spotkanie branżowe", "Sector meeting"),
    "thematic": ("Spotkanie tematyczne", "Thematic meeting"),
    "newcomers": ("Spotkanie dla nowych organizacji", "Meeting for new organisations"),
    "general": ("Spotkanie ogólnobranżowe", "General meeting"),
    # a source that gives no kind; Decidim's type_of_meeting values
    "meeting": ("Spotkanie", "Meeting"),
    "in-person": ("Stacjonarne", "In person"),
    "online": ("Online", "Online"),
    "hybrid": ("Hybrydowe", "Hybrid"),
}

#: The code of a blank area or territory, and how it is shown.
UNASSIGNED_LABEL = ("Bez przypisania", "Unassigned")
