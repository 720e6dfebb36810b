"""The sections of the reports, as data: ``name -> function(ReportData) -> Section | None``.

Each function is pure: it reads the report's data and returns blocks
(:mod:`analysis.views.blocks`); it writes nothing and formats nothing. A
notebook shows one with ``report.show("meetings")``.
"""

from __future__ import annotations

from collections.abc import Callable

from analysis.views.blocks import Section
from analysis.views.context import ReportData
from analysis.views.sections import groups, meetings, people, quality, remarks

SECTIONS: dict[str, Callable[[ReportData], Section | None]] = {
    "key_figures": meetings.key_figures,
    "meetings": meetings.meetings,
    "areas": groups.areas,
    "territories": groups.territories,
    "time": groups.time,
    "repeat": people.repeat,
    "other_areas": people.other_areas,
    "organisations": people.organisations,
    "remarks": remarks.remarks,
    "reconciliation": quality.reconciliation,
    "quality": quality.quality,
    "definitions": quality.definitions,
}


#: The sections of a consultation held online (``--meetings none``): its remarks alone,
#: no meeting section and no empty table.
ONLINE = ("remarks",)


def section(name: str, data: ReportData) -> Section | None:
    """The named section of a report (None: nothing to show for this data)."""
    try:
        build = SECTIONS[name]
    except KeyError:
        raise KeyError(f"unknown section {name!r}; known: {', '.join(SECTIONS)}") from None
    if data.online and name not in ONLINE:
        return None
    return build(data)
