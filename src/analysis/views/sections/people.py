"""What a register alone can tell: repeat participation, other areas, organisations.

A counts source has none of these (said once, in the key figures), so each
returns None for it.
"""

from __future__ import annotations

import pandas as pd

from analysis import metrics
from analysis.catalogue.labels import Text
from analysis.charts.style import largest_first
from analysis.views.blocks import ChartSpec, Column, Paragraph, Section, Table
from analysis.views.context import ReportData

#: A page lists at most this many organisations, the most active first (a 72-organisation
#: consultation lists them all; a register of thousands of organisations would make a
#: page nobody reads, and the CSV holds the whole list).
ORGANISATIONS_SHOWN = 100


def repeat(data: ReportData) -> Section | None:
    """How many people and organisations attended exactly k meetings; persons per
    organisation."""
    stats = data.stats
    if stats.repeat_participants is None:
        return None
    persons = Table(
        "persons-per-organisation",
        Text("caption_persons_per_organisation"),
        [Column("persons", "persons"), Column("organisations", "organisations")],
        stats.persons_per_organisation,
    )
    if stats.totals["meetings"] <= 1:
        return Section("section_repeat", [Paragraph(Text("one_meeting_selected")), persons])
    combined = pd.merge(
        stats.repeat_participants,
        stats.repeat_organisations,
        on="meetings_attended",
        how="outer",
    ).fillna(0)
    columns = [
        Column("meetings_attended", "meetings_attended"),
        Column("participants", "participants"),
        Column("organisations", "organisations"),
    ]
    chart = ChartSpec(
        "repeat",
        "repeat",
        {
            "repeat_participants": stats.repeat_participants,
            "repeat_organisations": stats.repeat_organisations,
        },
    )
    table = Table("repeat-participation", Text("caption_repeat"), columns, combined)
    if len(combined) < 2:  # everyone at the same number of meetings: the table says it
        return Section("section_repeat", [table, persons])
    return Section("section_repeat", [table, chart, persons])


def other_areas(data: ReportData) -> Section | None:
    """For an area report: where else the area's participants took part."""
    if data.consultation.attendance is None or not data.area:
        return None
    elsewhere = data.labelled(
        metrics.also_attended(data.consultation.meetings, data.consultation.attendance, data.area)
    )
    elsewhere = largest_first(elsewhere, "participants", elsewhere["area_label"])  # the chart's
    if elsewhere.empty:
        return Section("section_other_areas", [Paragraph(Text("no_other_areas"))])
    columns = [Column("area_label", "area", "text"), Column("participants", "participants")]
    chart = ChartSpec(
        "other-areas",
        "other_areas",
        {
            "elsewhere": elsewhere,
            "area": data.area,
            "participants": data.people,
            "name": data.names("area").get(data.area, ""),
        },
    )
    table = Table("other-areas", Text("caption_other_areas"), columns, elsewhere)
    return Section("section_other_areas", [table, chart] if len(elsewhere) > 1 else [table])


def organisations(data: ReportData) -> Section | None:
    """The organisations that took part (names as written; no person is named)."""
    if data.counts_only:
        return None
    taking_part = metrics.organisations(
        data.meetings, data.attendance, data.consultation.organisations
    )
    if taking_part.empty:
        return Section("section_organisations", [Paragraph(Text("no_attendance"))])
    columns = [
        Column("organisation_name", "organisation", "text"),
        Column("persons", "persons"),
        Column("meetings", "meetings"),
    ]
    table = Table("organisations", Text("caption_organisations"), columns, taking_part)
    if len(taking_part) > ORGANISATIONS_SHOWN:  # most active first; the CSV has them all
        table.shown = ORGANISATIONS_SHOWN
        table.note = Text(
            "organisations_shown", {"shown": ORGANISATIONS_SHOWN, "count": len(taking_part)}
        )
    return Section("section_organisations", [table])
