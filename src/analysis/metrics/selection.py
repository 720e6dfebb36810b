"""A selection of areas and dates: checked once, applied once, for the build and the reports.

The build (:mod:`analysis.build.plan`) checks the options with it before any kernel
starts and keeps the areas that have meetings in the selection; each report
(:mod:`analysis.views.context`) checks its parameters with it and keeps its meetings.
Both go through :meth:`Selection.apply`, which is :func:`analysis.metrics.select`, so
the build never plans a report for meetings the report would not show.

>>> import pandas as pd
>>> m = pd.DataFrame({"area": ["culture", "seniors"],
...                   "date": pd.to_datetime(["2018-05-25", "2018-06-01"])})
>>> check_selection(m, ["culture"], "2018-05-25").areas_with_meetings(m)
['culture']
>>> check_selection(m, (), "2018-05-26").areas_with_meetings(m)
['seniors']
>>> check_selection(m, ["sports"])
Traceback (most recent call last):
analysis.errors.ParameterError: unknown area(s): sports; known: culture, seniors
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analysis.errors import ParameterError

if TYPE_CHECKING:  # the build's no-op path checks dates without pandas
    import pandas as pd


def parse_date(value: str, name: str, flag: str = "") -> dt.date | None:
    """A ``YYYY-MM-DD`` parameter as a date; empty is None. ``flag`` prefixes the name in the
    message (``--`` on the command line)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ParameterError(f"{flag}{name} must be a date YYYY-MM-DD, got {value!r}") from None


def check_dates(start: str, end: str, flag: str = "") -> tuple[dt.date | None, dt.date | None]:
    """Both dates parsed, and start not after end (needs no data)."""
    start_date, end_date = parse_date(start, "start", flag), parse_date(end, "end", flag)
    if start_date and end_date and start_date > end_date:
        raise ParameterError(f"{flag}start {start_date} is after {flag}end {end_date}")
    return start_date, end_date


@dataclass(frozen=True)
class Selection:
    """The areas and dates a report covers (empty: all; both dates inclusive)."""

    areas: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def filtered(self) -> bool:
        return bool(self.areas or self.start or self.end)

    def apply(
        self, meetings: pd.DataFrame, attendance: pd.DataFrame | None = None
    ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
        """The meetings the selection keeps, and their attendance."""
        from analysis import metrics

        return metrics.select(
            meetings, attendance, areas=self.areas or None, start=self.start, end=self.end
        )

    def areas_with_meetings(self, meetings: pd.DataFrame) -> list[str]:
        """The areas of the meetings kept, in their order; none kept is an error."""
        chosen, _ = self.apply(meetings)
        if chosen.empty:
            raise ParameterError("no meetings match the chosen areas and dates")
        return list(dict.fromkeys(chosen["area"]))


def check_selection(
    meetings: pd.DataFrame,
    areas: Sequence[str] = (),
    start: str = "",
    end: str = "",
    flag: str = "",
) -> Selection:
    """The checked selection: dates parse, start is not after end, every area is known.
    Raises :class:`ParameterError` with one line saying what is wrong."""
    start_date, end_date = check_dates(start, end, flag)
    known = list(dict.fromkeys(meetings["area"]))
    unknown = [a for a in areas if a not in known]
    if unknown:
        raise ParameterError(f"unknown area(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return Selection(tuple(areas), start_date, end_date)
