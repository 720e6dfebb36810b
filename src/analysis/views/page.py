"""What a report is about, worked out once: its heading, period and title.

The summary JSON, the page template and the index all read these; nothing else
computes them. Pure functions of their arguments. The selection of areas and dates
is :mod:`analysis.metrics.selection`, shared with the build.

>>> heading_text("seniors", "en")
'Area report: Support for seniors'
>>> period_text(("2018-05-25", "2018-07-04"), "pl")
'25 maja – 4 lipca 2018'
"""

from __future__ import annotations

from analysis.catalogue.labels import area_label, format_period, sentence, text


def heading_text(area: str | None, lang: str, written: str = "") -> str:
    """The report's heading: the overview, or "Area report: <the area as shown>"."""
    if not area:
        return text("overview_report", lang)
    return sentence("area_heading", lang, name=area_label(area, lang, written))


def period_text(period: tuple | None, lang: str) -> str:
    """The meetings' period in words, or "no meetings" when the selection has none."""
    if not period or period[0] is None:
        return text("no_meetings", lang)
    return format_period(period[0], period[1], lang)


def page_title(heading: str, consultation: str, period: str, lang: str) -> str:
    return sentence("page_title", lang, heading=heading, consultation=consultation, period=period)
