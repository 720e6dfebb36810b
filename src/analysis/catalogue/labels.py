"""Words from the label catalogue, and locale-aware number and date formatting.

Every visible word of a chart or report comes from :mod:`analysis.catalogue`
through :func:`text` (a fixed label) or :func:`sentence` (a sentence with values
filled in, formatted for the language), so the Polish and English versions are
made by the same code.

>>> area_label("seniors", "en")
'Support for seniors'
>>> format_number(1234, "pl")
'1\\xa0234'
>>> format_date("2018-05-25", "pl")
'25 maja 2018'
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import string
from dataclasses import dataclass, field

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal, format_percent

from analysis.catalogue import (
    AREA_LABELS,
    KIND_LABELS,
    MEETING_KINDS,
    TEXT,
    UNASSIGNED_LABEL,
)
from analysis.config import LANGUAGES
from analysis.validation import UNASSIGNED

__all__ = ["AREA_LABELS", "KIND_LABELS", "MEETING_KINDS", "TEXT", "UNASSIGNED_LABEL"]

#: The consultation the shipped announcement describes (and how the text names it).
KRAKOW_SUBJECT = (
    "Wieloletniego Programu Współpracy Gminy Miejskiej Kraków z organizacjami "
    "pozarządowymi na lata 2019–2022"
)

_LOCALES = {"pl": "pl_PL", "en": "en_GB"}


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    return lang


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[LANGUAGES.index(check_language(lang))]


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
    lang: str, title: str = "", subject: str | None = None, online: bool = False
) -> str:
    """The consultation's name in a report: ``title`` when given, else what the source
    names (an announcement's programme), else a neutral name that names no file ("Remarks
    submitted in the consultation" for one held ``online``, without meetings); never the
    name of another consultation, and never a file's name (a file is not a title). The
    period is said beside it, not in it.

    >>> consultation_title("en")
    'Consultation meetings'
    >>> consultation_title("pl", online=True)
    'Uwagi zgłoszone w konsultacjach'
    >>> consultation_title("en", "Budżet obywatelski 2025")
    'Budżet obywatelski 2025'
    """
    check_language(lang)
    if title:
        return title
    if subject == KRAKOW_SUBJECT:
        return text("krakow_title", lang)
    if subject:
        return sentence("consultation_of", lang, subject=subject)
    return text("online_title" if online else "neutral_title", lang)


def locale_of(lang: str) -> str:
    return _LOCALES[check_language(lang)]


# Babel parses the locale and the pattern on every call (about a millisecond each);
# a chart formats the same tick values and dates again and again, so the results are
# cached: measured, tick labels took 0.9 s of a 4 s area report before.
@functools.lru_cache(maxsize=4096)
def _babel_locale(lang: str) -> Locale:
    return Locale.parse(locale_of(lang))


@functools.lru_cache(maxsize=65536)
def _decimal(value: float | int, fmt: str, lang: str) -> str:
    return format_decimal(value, format=fmt, locale=_babel_locale(lang))


@functools.lru_cache(maxsize=65536)
def _date(value: dt.date, pattern: str, lang: str) -> str:
    return _babel_format_date(value, format=pattern, locale=_babel_locale(lang))


def _missing(value) -> bool:
    """None, NaN, ``pd.NA`` or ``NaT``; pandas is asked only about values it made, so the
    build's workers (which format the index page's numbers) never import it."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if isinstance(value, int | str):
        return False
    import pandas as pd

    return bool(pd.isna(value))


def format_number(value: float | int, lang: str = "pl", decimals: int = 0) -> str:
    """A number as the locale writes it (Polish: non-breaking space for thousands)."""
    if _missing(value):
        return "–"
    fmt = "#,##0" if decimals == 0 else "#,##0." + "0" * decimals
    return _decimal(value, fmt, lang)


def format_signed(value: int, lang: str = "pl") -> str:
    """A difference with its sign: ``+3``, ``−2``, ``0``."""
    if _missing(value):
        return "–"
    text = format_number(abs(value), lang)
    return ("+" if value > 0 else "−" if value < 0 else "") + text


def format_share(value: float, lang: str = "pl") -> str:
    return format_percent(value, format="#,##0.0%", locale=_babel_locale(lang))


def _as_date(value: dt.date | str) -> dt.date:
    """A day from a date, a datetime (``pd.Timestamp`` is one) or an ISO string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return dt.datetime.fromisoformat(value).date()
    import pandas as pd  # numpy's datetime64 and the like

    return pd.Timestamp(value).date()


def format_date(value: dt.date | str, lang: str = "pl", style: str = "long") -> str:
    """``'25 maja 2018'`` / ``'25 May 2018'`` (long), ``'25 maja'`` / ``'25 May'``
    (day-month): the month always whole, in Polish in the genitive a day takes; never
    babel's cut ``MMM`` ("25 maj")."""
    pattern = {"long": "d MMMM y", "day-month": "d MMMM"}[style]
    return _date(_as_date(value), pattern, lang)


def format_month(month: str, lang: str = "pl") -> str:
    """``'2016-02'`` -> ``'luty 2016'`` / ``'February 2016'``."""
    first = dt.date.fromisoformat(f"{month}-01")
    return _date(first, "LLLL y", lang)


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


def text(key: str, lang: str = "pl") -> str:
    """A fixed piece of wording in the chosen language."""
    return _pick(TEXT[key], lang)


def sentence(key: str, lang: str = "pl", **values: object) -> str:
    """A catalogue sentence with its ``{placeholders}`` filled in the chosen language.

    >>> sentence("share_sentence", "pl", measure="Uczestnicy", part=17, whole=94, share=17 / 94)
    'Uczestnicy: 17 z 94 w całej konsultacji (18,1%).'
    >>> sentence("share_sentence", "en", measure="Participants", part=1234, whole=5000,
    ...          share=0.2468)
    'Participants: 1,234 of 5,000 in the whole consultation (24.7%).'
    """
    return _Formatter(lang).format(text(key, lang), **values)


def plural(key: str, lang: str, count: int) -> str:
    """The sentence ``<key>_<form>`` with ``{count}``, ``<form>`` the plural form the language
    uses for ``count`` (CLDR: Polish one, few, many; English one, other); ``<key>_other``
    when the catalogue has no entry of that form.

    >>> plural("other_area", "pl", 6), plural("other_area", "pl", 3)
    ('6 pozostałych obszarów', '3 pozostałe obszary')
    >>> plural("other_area", "en", 6), plural("other_area", "pl", 22)
    ('6 other areas', '22 pozostałe obszary')
    """
    form = f"{key}_{_babel_locale(lang).plural_form(count)}"
    return sentence(form if form in TEXT else f"{key}_other", lang, count=count)


@dataclass(frozen=True)
class Text:
    """A catalogue entry and the values for its placeholders, said later in a language.

    Sections hold captions and sentences as ``Text``; the templates render them.

    >>> Text("caption_without_count", {"count": 2}).sentence("en")
    'Meetings without an attendance count (2)'
    """

    key: str
    values: dict = field(default_factory=dict)

    def sentence(self, lang: str) -> str:
        return sentence(self.key, lang, **self.values)


class _Formatter(string.Formatter):
    """Placeholders formatted for a language: ``{n:number}``, ``{x:decimal}``,
    ``{s:share}``, ``{d:date}``, ``{d:day_month}``, ``{t:lower}``; a :class:`Text` value is
    said first."""

    def __init__(self, lang: str):
        self.lang = check_language(lang)

    def format_field(self, value: object, spec: str) -> str:
        if isinstance(value, Text):
            value = value.sentence(self.lang)
        if spec == "number":
            return format_number(value, self.lang)
        if spec == "decimal":
            return format_number(value, self.lang, decimals=1)
        if spec == "share":
            return format_share(value, self.lang)
        if spec == "date":
            return format_date(value, self.lang)
        if spec == "day_month":
            return format_date(value, self.lang, "day-month")
        if spec == "lower":
            return str(value).lower()
        return super().format_field(value, spec)
