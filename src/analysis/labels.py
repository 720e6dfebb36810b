"""Polish and English labels, and locale-aware number and date formatting.

Every visible word of a chart or report that is not prose in a notebook comes
from here, so the Polish and English versions are made by the same code.

>>> area_label("seniors", "en")
'Support for seniors'
>>> format_number(1234, "pl")
'1\\xa0234'
>>> format_date("2018-05-25", "pl")
'25 maja 2018'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pandas as pd
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal, format_percent

from analysis.config import LANGUAGES

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

#: Titles as the 2018 announcement publishes them -> area code, for titles whose
#: code is not simply their transliterated slug.
PUBLISHED_TITLE_AREAS: dict[str, str] = {
    "kultura i sztuka": "culture",
    "pomoc społeczna i osoby z niepełnosprawnościami": "social-welfare",
    "wsparcie seniorów": "seniors",
    "rewitalizacja, przestrzeń, nowa huta": "revitalisation",
    "młodzież i edukacja": "youth-education",
    "sport, zdrowie, profilaktyka": "sport-health",
    "antydyskryminacja, mniejszości, prawa kobiet, prawa człowieka": "human-rights",
    "polityka lokalowa i zasady korzystania z mienia gminy": "premises",
    "tworzenie warunków do współpracy ngo i biznesu": "ngo-business",
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
UNASSIGNED = "unassigned"
UNASSIGNED_LABEL = ("Bez przypisania", "Unassigned")

#: The consultation the shipped announcement describes (and how the text names it).
KRAKOW_SUBJECT = (
    "Wieloletniego Programu Współpracy Gminy Miejskiej Kraków z organizacjami "
    "pozarządowymi na lata 2019–2022"
)
DEFAULT_TITLE = {
    "pl": f"Konsultacje {KRAKOW_SUBJECT}",
    "en": "Consultation of Kraków's Multi-Year Programme of Cooperation with NGOs 2019–2022",
}

_LOCALES = {"pl": "pl_PL", "en": "en_GB"}


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return lang


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[LANGUAGES.index(check_language(lang))]


def slugify(text: str) -> str:
    """A lower-case ASCII code for a title: ``'Ochrona środowiska'`` -> ``'ochrona-srodowiska'``."""
    text = text.replace("ł", "l").replace("Ł", "L")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def area_for_title(title: str) -> str:
    """The area code of a published meeting title (known titles first, else its slug)."""
    key = " ".join(title.split()).casefold()
    return PUBLISHED_TITLE_AREAS.get(key) or slugify(title)


def area_label(area: str, lang: str = "pl", written: str = "") -> str:
    """How an area (or territory) is shown: the shipped label of a Kraków code, else the
    name as the source wrote it, else the code made readable.

    >>> area_label("culture", "en"), area_label("culture", "en", "Culture")
    ('Culture and art', 'Culture')
    """
    if written and written != area:  # free text: another city's "Culture" is not Kraków's
        check_language(lang)
        return written
    if area in AREA_LABELS:
        return _pick(AREA_LABELS[area], lang)
    if area == UNASSIGNED:
        return _pick(UNASSIGNED_LABEL, lang)
    check_language(lang)
    return written or area.replace("-", " ").capitalize()


def place_label(territory: str, lang: str = "pl", written: str = "") -> str:
    """How a territory (district, place) is shown: as written; blank: "unassigned"."""
    if territory == UNASSIGNED:
        return _pick(UNASSIGNED_LABEL, lang)
    check_language(lang)
    return written or territory


def kind_label(kind: str, lang: str = "pl", written: str = "") -> str:
    """How a meeting kind is shown: the label of a known code (``in_person`` is written for
    ``in-person``), else as written."""
    if written and written not in (kind, kind.replace("-", "_")):
        check_language(lang)
        return written
    if kind in KIND_LABELS:
        return _pick(KIND_LABELS[kind], lang)
    check_language(lang)
    return written or kind


def consultation_title(
    lang: str, title: str = "", subject: str | None = None, stem: str = ""
) -> str:
    """The consultation's name in a report: ``title`` when given, else what the source
    names (an announcement's programme), else a neutral name from the file; never the
    name of another consultation.

    >>> consultation_title("en", stem="barcelona-meetings")
    'Consultation meetings from barcelona-meetings'
    """
    check_language(lang)
    if title:
        return title
    if subject == KRAKOW_SUBJECT:
        return DEFAULT_TITLE[lang]
    if subject:
        return f"Konsultacje {subject}"
    return f"{text('neutral_title', lang)} {stem}".strip()


def locale_of(lang: str) -> str:
    return _LOCALES[check_language(lang)]


def format_number(value: float | int, lang: str = "pl", decimals: int = 0) -> str:
    """A number as the locale writes it (Polish: non-breaking space for thousands)."""
    if value is None or pd.isna(value):
        return "–"
    fmt = "#,##0" if decimals == 0 else "#,##0." + "0" * decimals
    return format_decimal(value, format=fmt, locale=locale_of(lang))


def format_signed(value: int, lang: str = "pl") -> str:
    """A difference with its sign: ``+3``, ``−2``, ``0``."""
    if value is None or pd.isna(value):
        return "–"
    text = format_number(abs(value), lang)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def format_share(value: float, lang: str = "pl") -> str:
    return format_percent(value, format="#,##0.0%", locale=locale_of(lang))


def _as_date(value: dt.date | str | pd.Timestamp) -> dt.date:
    return pd.Timestamp(value).date()


def format_date(value: dt.date | str | pd.Timestamp, lang: str = "pl", style: str = "long") -> str:
    """``'25 maja 2018'`` / ``'25 May 2018'`` (long), ``'25 maj'`` / ``'25 May'`` (short)."""
    pattern = {"long": "d MMMM y", "medium": "d MMM y", "short": "d MMM", "day-month": "d MMMM"}[
        style
    ]
    return _babel_format_date(_as_date(value), format=pattern, locale=locale_of(lang))


def format_month(month: str, lang: str = "pl") -> str:
    """``'2016-02'`` -> ``'luty 2016'`` / ``'February 2016'``."""
    first = dt.date.fromisoformat(f"{month}-01")
    return _babel_format_date(first, format="LLLL y", locale=locale_of(lang))


def format_period(start, end, lang: str = "pl") -> str:
    """``'25 maja – 4 lipca 2018'`` when both dates share a year, else both in full."""
    start_d, end_d = _as_date(start), _as_date(end)
    if start_d == end_d:
        return format_date(start_d, lang)
    if (start_d.year, start_d.month) == (end_d.year, end_d.month):
        return f"{start_d.day}–{format_date(end_d, lang)}"
    if start_d.year == end_d.year:
        return f"{format_date(start_d, lang, 'day-month')} – {format_date(end_d, lang)}"
    return f"{format_date(start_d, lang)} – {format_date(end_d, lang)}"


#: Chart and table wording, (Polish, English).
TEXT: dict[str, tuple[str, str]] = {
    "participants": ("Uczestnicy", "Participants"),
    "organisations": ("Organizacje", "Organisations"),
    "meetings": ("Spotkania", "Meetings"),
    "attendances": ("Obecności", "Attendances"),
    "new_participants": ("Nowi uczestnicy", "New participants"),
    "new_organisations": ("Nowe organizacje", "New organisations"),
    "persons": ("Osoby", "Persons"),
    "people_count": ("Liczba osób", "Number of people"),
    "org_count": ("Liczba organizacji", "Number of organisations"),
    "count": ("Liczba", "Count"),
    "date": ("Data", "Date"),
    "meeting": ("Spotkanie", "Meeting"),
    "area": ("Obszar", "Area"),
    "kind": ("Rodzaj spotkania", "Meeting kind"),
    "week": ("Tydzień", "Week"),
    "meetings_attended": ("Liczba spotkań, w których wzięto udział", "Meetings attended"),
    "chart_by_meeting": (
        "Uczestnicy i organizacje na kolejnych spotkaniach",
        "Participants and organisations at each meeting",
    ),
    "chart_by_area": (
        "Uczestnicy i organizacje według obszaru",
        "Participants and organisations by area",
    ),
    "chart_reach": (
        "Zasięg konsultacji: łączna liczba różnych uczestników i organizacji",
        "Reach: cumulative distinct participants and organisations",
    ),
    "chart_repeat": (
        "Udział w wielu spotkaniach",
        "Repeat participation",
    ),
    "chart_heatmap": (
        "Uczestnicy według obszaru i rodzaju spotkania",
        "Participants by area and meeting kind",
    ),
    "published_total": ("opublikowana suma", "published total"),
    "synthetic_note": ("Dane syntetyczne (demonstracyjne)", "Synthetic (demonstration) data"),
    # report sections
    "key_figures": ("Najważniejsze liczby", "Key figures"),
    "section_meetings": ("Spotkania", "Meetings"),
    "section_areas": ("Obszary i rodzaje spotkań", "Areas and meeting kinds"),
    "section_time": ("Przebieg w czasie", "Over time"),
    "section_repeat": ("Udział w wielu spotkaniach", "Repeat participation"),
    "section_reconciliation": (
        "Porównanie z opublikowanymi danymi",
        "Comparison with the published figures",
    ),
    "section_quality": ("Jakość danych", "Data quality"),
    "section_definitions": ("Definicje", "Definitions"),
    "section_other_areas": (
        "Udział w spotkaniach innych obszarów",
        "Attendance at meetings of other areas",
    ),
    "contents": ("Spis treści", "Contents"),
    "overview_report": ("Przegląd konsultacji", "Consultation overview"),
    "area_report": ("Raport obszaru", "Area report"),
    "all_reports": ("Wszystkie raporty", "All reports"),
    "index_title": ("Raporty z konsultacji", "Consultation reports"),
    "period": ("Okres", "Period"),
    "status": ("Stan", "Status"),
    "report": ("Raport", "Report"),
    "measure": ("Miara", "Measure"),
    "register": ("Rejestr obecności", "Attendance register"),
    "published": ("Opublikowano", "Published"),
    "difference": ("Różnica", "Difference"),
    "reason": ("Powód", "Reason"),
    "rows": ("Wiersze", "Rows"),
    "rows_read": ("Wiersze odczytane", "Rows read"),
    "accepted": ("Przyjęte", "Accepted"),
    "rejected": ("Odrzucone", "Rejected"),
    "duplicates": ("Powtórzone (liczone raz)", "Repeated (counted once)"),
    "other_tables_rejected": (
        "Odrzucone wiersze tabeli spotkań i organizacji",
        "Rejected rows of the meetings and organisations tables",
    ),
    "share_of_all": ("Udział we wszystkich", "Share of all"),
    "per_participant": ("Spotkań na uczestnika", "Meetings per participant"),
    "iso_week": ("Tydzień (ISO)", "Week (ISO)"),
    "week_start": ("Początek tygodnia", "Week starting"),
    "cumulative_participants": ("Łącznie uczestników", "Participants so far"),
    "cumulative_organisations": ("Łącznie organizacji", "Organisations so far"),
    "period_start": ("Początek okresu", "Start of period"),
    "period_end": ("Koniec okresu", "End of period"),
    "equal": ("zgodne", "equal"),
    "differs": ("różnica", "differs"),
    "not comparable": ("brak danych do porównania", "nothing to compare"),
    "status_built": ("zbudowany", "built"),
    "status_unchanged": ("bez zmian", "unchanged"),
    "status_failed": ("błąd – pokazano poprzednią wersję", "failed – previous version shown"),
    "status_failed_none": ("błąd – brak raportu", "failed – no report"),
    "status_cancelled": (
        "przerwany – pokazano poprzednią wersję",
        "interrupted – previous version shown",
    ),
    "status_cancelled_none": ("przerwany – brak raportu", "interrupted – no report"),
    "sources": ("Źródła danych", "Data sources"),
    "version": ("Wersja oprogramowania", "Software version"),
    "checksum": ("suma kontrolna SHA-256", "SHA-256 checksum"),
    "data_covers": ("Dane obejmują", "The data covers"),
    "synthetic_banner": (
        "Uwaga: dane w tym raporcie są syntetyczne (wygenerowane do celów demonstracyjnych). "
        "Liczby nie opisują prawdziwych osób, organizacji ani spotkań.",
        "Note: the data in this report are synthetic (generated for demonstration). The "
        "figures do not describe real people, organisations or meetings.",
    ),
    "section_organisations": ("Organizacje", "Organisations"),
    "organisation": ("Organizacja", "Organisation"),
    "title": ("Tytuł (jak opublikowano)", "Title (as published)"),
    "no_attendance": ("Nikt nie był obecny.", "Nobody attended."),
    "skip": ("Przejdź do treści", "Skip to content"),
    "chart": ("Wykres", "Chart"),
    "status_ok": ("aktualny", "up to date"),
    "no_meetings": ("Brak spotkań w wybranym zakresie.", "No meetings in the selected range."),
    "neutral_title": ("Spotkania konsultacyjne z pliku", "Consultation meetings from"),
    "territory": ("Dzielnica / miejsce", "District / place"),
    "contributions": ("Wnioski i uwagi", "Contributions"),
    "month": ("Miesiąc", "Month"),
    "other_groups": ("pozostałe", "other"),
    "meetings_nobody": ("Spotkania bez nikogo w rejestrze", "Meetings with nobody in the register"),
    "largest_meetings": (
        "Największe spotkania (według liczby uczestników)",
        "The largest meetings (by participants)",
    ),
    "all_meetings": ("Wszystkie spotkania", "All meetings"),
    "left_out_meetings": (
        "Spotkania pominięte (wycofane lub nieopublikowane)",
        "Meetings left out (withdrawn or unpublished)",
    ),
    "download_csv": ("Pobierz tabelę (CSV)", "Download the table (CSV)"),
    "section_territories": ("Dzielnice i miejsca", "Districts and places"),
    "chart_attendances_by_area": ("Obecności według obszaru", "Attendances by area"),
    "chart_attendances_by_territory": ("Obecności według miejsca", "Attendances by place"),
    "chart_attendances_by_month": ("Obecności według miesiąca", "Attendances by month"),
    "chart_attendances_by_kind": (
        "Obecności według rodzaju spotkania",
        "Attendances by meeting kind",
    ),
    "chart_meetings_by_month": ("Spotkania według miesiąca", "Meetings by month"),
    "meetings_without_attendance": ("Spotkania bez liczby uczestników", "Meetings without a count"),
}


def text(key: str, lang: str = "pl") -> str:
    """A fixed piece of wording in the chosen language."""
    return _pick(TEXT[key], lang)
