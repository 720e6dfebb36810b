"""The first lines of a report: what an official reads before any figure.

:func:`headline` says the statistics in a few plain sentences (the ``headline_*``
entries of :mod:`analysis.catalogue.prose`), each only when the data has what it needs:

- the area with the most attendances, and its share of all (the overview, from two
  named areas on);
- the district or place with the most attendances, and its share (from two named ones on);
- the organisations: distinct ones from a register; from per-meeting counts, their sum,
  said as a sum of attendances (an organisation at two meetings counts twice);
- from two months on, the month with the most attendances (with its meetings, as the
  months table counts them);
- whether attendances rose, fell or stayed level from the first full calendar month of
  the period to the last (:func:`full_months`: a month the period, from the first meeting
  to the last, covers from its first day to its last). A consultation from 25 May to
  4 July has one full month, June, so no such sentence: May and July hold a meeting or
  two because the consultation starts and ends inside them, and comparing them would
  mislead. Said only when both full months have meetings with a figure;
- with a remarks register, how many of the remarks accepted or rejected were accepted in
  full or in part (the acceptance rate of :mod:`analysis.metrics.remarks`, whose base
  leaves out explained, already covered, withdrawn and pending remarks, and says so).
  A consultation held online (no meetings) says this alone.

Ties: the first in the order of the table beside it (areas and places by their name as
shown, ignoring case, so a Polish and an English report may name different ones; months
the earliest), and the sentence says how many others had as many. A blank area or place
("unassigned") is no group of its own and is never named, though its attendances count
in the whole a share is of; a chart's folded bar ("6 other areas") is drawn, not
counted, and never reaches these sentences.

:func:`analysis.views.sections.meetings.key_figures` shows them first; for a consultation
held online, whose report is its remarks alone, :func:`analysis.views.sections.remarks.remarks`
does. The summary JSON carries them (``headline``): what the page shows. Pure functions
of a :class:`~analysis.views.context.ReportData`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from analysis.catalogue.labels import Text, format_month, plural
from analysis.charts.style import largest_first
from analysis.validation import UNASSIGNED
from analysis.validation.outcomes import ACCEPTED
from analysis.views.context import ReportData


@dataclass(frozen=True)
class Counted(Text):
    """A count in words: the entry ``<key>_<plural form>`` of ``values["count"]`` in the
    language asked (:func:`~analysis.catalogue.labels.plural`: 1 organizacja, 3 organizacje,
    5 organizacji)."""

    def sentence(self, lang: str) -> str:
        return plural(self.key, lang, self.values["count"])


def headline(data: ReportData) -> list[Text]:
    """The report's first sentences, in the order above; for a consultation held online
    (no meetings, its report the remarks section alone), the acceptance rate alone."""
    if data.online:
        return [sentence for sentence in [acceptance(data)] if sentence is not None]
    said = [
        None if data.area else largest_group(data, data.stats.by_area, "area"),
        largest_group(data, data.stats.by_territory, "territory"),
        organisations(data),
        *months(data),
        acceptance(data),
    ]
    return [sentence for sentence in said if sentence is not None]


def largest_group(data: ReportData, frame: pd.DataFrame | None, key: str) -> Text | None:
    """The named ``key`` (area or territory) with the most attendances, with its share of
    all; None with fewer than two named groups that have a figure, or none above 0."""
    total = data.stats.totals.get("attendances")
    if frame is None or not total:
        return None
    named = frame[(frame[key].astype(str) != UNASSIGNED) & frame["attendances"].notna()]
    if len(named) < 2:
        return None
    labelled = data.labelled(named)
    ordered = largest_first(labelled, "attendances", labelled[f"{key}_label"])
    top = int(ordered["attendances"].iloc[0])
    if top <= 0:
        return None
    values = {
        "name": ordered[f"{key}_label"].iloc[0],
        "value": top,
        "total": int(total),
        "share": top / total,
    }
    tied = int((ordered["attendances"] == top).sum()) - 1
    if tied:
        tail = Counted(f"headline_tied_{key}", {"count": tied})
        return Text(f"headline_largest_{key}_tied", {**values, "tied": tail})
    return Text(f"headline_largest_{key}", values)


def organisations(data: ReportData) -> Text | None:
    """Distinct organisations from a register; from per-meeting counts, their sum (never
    said as a number of organisations). None when there is nothing above 0 to say."""
    totals = data.stats.totals
    if data.counts_only:
        summed = totals.get("organisation_attendances")
        return Text("headline_organisation_attendances", {"count": summed}) if summed else None
    count = totals.get("organisations")
    return Counted("headline_organisations", {"count": int(count)}) if count else None


def months(data: ReportData) -> list[Text]:
    """From two months on, the month with the most attendances; then the first full month
    beside the last (:func:`trend`). Each only when its months have a figure."""
    by_month = data.stats.by_month
    if by_month is None or len(by_month) < 2:
        return []
    said: list[Text] = []
    counted = by_month[by_month["attendances"].notna()]
    if len(counted) >= 2 and counted["attendances"].max() > 0:  # a month beside another
        ordered = counted.sort_values(
            ["attendances", "month"], ascending=[False, True], kind="stable"
        )
        top = ordered.iloc[0]
        values = {
            "month": format_month(top["month"], data.lang),
            "attendances": Counted("headline_attendances", {"count": int(top["attendances"])}),
            "meetings": Counted("headline_at_meetings", {"count": int(top["meetings"])}),
        }
        tied = int((counted["attendances"] == top["attendances"]).sum()) - 1
        if tied:
            tail = Counted("headline_tied_month", {"count": tied})
            said.append(Text("headline_busiest_month_tied", {**values, "tied": tail}))
        else:
            said.append(Text("headline_busiest_month", values))
    change = trend(data)
    return said if change is None else [*said, change]


def full_months(period: tuple[dt.date, dt.date] | None) -> tuple[str, str] | None:
    """The first and the last full calendar month (``YYYY-MM``) of ``period``: months it
    covers from their first day to their last. None with fewer than two.

    >>> full_months((dt.date(2018, 5, 25), dt.date(2018, 7, 4))) is None  # June alone
    True
    >>> full_months((dt.date(2016, 2, 9), dt.date(2017, 3, 1)))
    ('2016-03', '2017-02')
    >>> full_months((dt.date(2021, 1, 1), dt.date(2021, 2, 28)))
    ('2021-01', '2021-02')
    """
    if period is None:
        return None
    start, end = period
    first = start.year * 12 + start.month - 1 + (start.day != 1)
    last = end.year * 12 + end.month - 1 - ((end + dt.timedelta(days=1)).day != 1)
    if last <= first:
        return None
    return tuple(f"{n // 12:04d}-{n % 12 + 1:02d}" for n in (first, last))


def trend(data: ReportData) -> Text | None:
    """Attendances in the first full month of the period beside the last; None with fewer
    than two full months, or when either has no meeting with a figure."""
    ends = full_months(data.stats.period)
    if ends is None:
        return None
    by_month = data.stats.by_month.set_index("month")["attendances"]
    if any(month not in by_month.index or pd.isna(by_month[month]) for month in ends):
        return None
    before, after = (int(by_month[month]) for month in ends)
    change = "rose" if after > before else "fell" if after < before else "level"
    values = {
        "first": format_month(ends[0], data.lang),
        "last": format_month(ends[1], data.lang),
        "before": before,
        "after": after,
    }
    return Text(f"headline_trend_{change}", values)


def acceptance(data: ReportData) -> Text | None:
    """Accepted in full or in part, of the remarks accepted, partly accepted or rejected;
    None without a remarks register or without such a remark."""
    if data.remarks is None:
        return None
    stats = data.remarks.stats
    rate, denominator = stats.acceptance_rate
    if rate is None:
        return None
    counts = stats.by_outcome.set_index("outcome")["remarks"]
    accepted = int(sum(counts[code] for code in ACCEPTED))
    values = {
        "rated": Counted("headline_rated_remarks", {"count": int(denominator)}),
        "accepted": Counted("headline_accepted_remarks", {"count": accepted}),
        "rate": rate,
    }
    return Text("headline_acceptance", values)
