"""What a report is about, worked out once: its selection, heading, period and title.

The summary JSON, the page template and the index all read these; nothing else
computes them. Pure functions of their arguments.

>>> heading_text("seniors", "en")
'Area report: Support for seniors'
>>> period_text(("2018-05-25", "2018-07-04"), "pl")
'25 maja – 4 lipca 2018'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analysis.errors import ParameterError
from analysis.labels import area_label, format_period, say, text


def heading_text(area: str | None, lang: str, written: str = "") -> str:
    """The report's heading: the overview, or "Area report: <the area as shown>"."""
    if not area:
        return text("overview_report", lang)
    return say("area_heading", lang, name=area_label(area, lang, written))


def period_text(period: tuple | None, lang: str) -> str:
    """The meetings' period in words, or "no meetings" when the selection has none."""
    if not period or period[0] is None:
        return text("no_meetings", lang)
    return format_period(period[0], period[1], lang)


def page_title(heading: str, consultation: str, period: str, lang: str) -> str:
    return say("page_title", lang, heading=heading, consultation=consultation, period=period)


def parse_date(value: str, name: str, flag: str = "") -> dt.date | None:
    """A ``YYYY-MM-DD`` parameter as a date; empty is None. ``flag`` prefixes the name in the
    message (``--`` on the command line)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ParameterError(f"{flag}{name} must be a date YYYY-MM-DD, got {value!r}") from None


@dataclass(frozen=True)
class Selection:
    """The areas and dates a report covers (empty: all)."""

    areas: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def filtered(self) -> bool:
        return bool(self.areas or self.start or self.end)


def check_selection(
    meetings: pd.DataFrame,
    areas: Sequence[str] = (),
    start: str = "",
    end: str = "",
    flag: str = "",
) -> Selection:
    """The checked selection: dates parse, start is not after end, every area is known.
    Raises :class:`ParameterError` with one line saying what is wrong.

    >>> m = pd.DataFrame({"area": ["culture", "seniors"]})
    >>> check_selection(m, ["culture"], "2018-06-01").start
    datetime.date(2018, 6, 1)
    >>> check_selection(m, ["sports"])
    Traceback (most recent call last):
    analysis.errors.ParameterError: unknown area(s): sports; known: culture, seniors
    """
    start_date, end_date = parse_date(start, "start", flag), parse_date(end, "end", flag)
    if start_date and end_date and start_date > end_date:
        raise ParameterError(f"{flag}start {start_date} is after {flag}end {end_date}")
    known = list(dict.fromkeys(meetings["area"]))
    unknown = [a for a in areas if a not in known]
    if unknown:
        raise ParameterError(f"unknown area(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return Selection(tuple(areas), start_date, end_date)
