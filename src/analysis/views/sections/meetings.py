"""Key figures and the meetings: what a reader sees first.

Pure functions of a :class:`~analysis.views.context.ReportData`: each returns a
:class:`~analysis.views.blocks.Section` (or None when it has nothing to show).
"""

from __future__ import annotations

import pandas as pd

from analysis.catalogue.labels import Text
from analysis.views.blocks import (
    ChartSpec,
    Column,
    Folded,
    ItemList,
    KeyFigures,
    Paragraph,
    Section,
    Table,
)
from analysis.views.context import ReportData
from analysis.views.sections.headline import headline

#: From this many meetings on, a report shows the largest and folds the full table away.
MANY_MEETINGS = 30
LARGEST_SHOWN = 10


def key_figures(data: ReportData) -> Section:
    """First the headline in a few sentences (:mod:`~analysis.views.sections.headline`),
    then the key figures, the share of the whole for a part, and what a counts source
    cannot give (said once)."""
    totals = data.stats.totals
    items: list[tuple[str, object]] = [("meetings", totals["meetings"])]
    if not data.counts_only:
        items += [
            ("participants", totals["participants"]),
            ("organisations", totals["organisations"]),
        ]
    items.append(("attendances", totals["attendances"]))
    if data.counts_only and totals.get("organisation_attendances") is not None:
        items.append(("organisation_attendances", totals["organisation_attendances"]))
    if totals.get("contributions") is not None:
        items.append(("contributions", totals["contributions"]))
    missing = totals.get("meetings_without_attendance", 0)
    if data.counts_only and missing:
        items.append(("meetings_without_attendance", missing))
    said = headline(data)
    blocks: list = [ItemList(said)] if said else []
    blocks.append(KeyFigures(items))
    if totals["participants"]:
        per_person = totals["attendances"] / totals["participants"]
        blocks.append(
            Paragraph(
                Text("per_participant_sentence", {"period": data.period, "value": per_person})
            )
        )
    share = share_of_whole(data)
    if share is not None:
        blocks.append(Paragraph(share))
    if data.stats.unavailable:
        blocks.append(Paragraph(Text("unavailable_sentence")))
    if data.counts_only and missing:
        blocks.append(
            Paragraph(
                Text("without_count_sentence", {"missing": missing, "total": totals["meetings"]})
            )
        )
    return Section("key_figures", blocks)


def share_of_whole(data: ReportData) -> Text | None:
    """For a part of the consultation: its share of the whole, in the first measure the
    source has (participants, else attendances, else meetings)."""
    if not data.is_part or data.whole is data.stats:
        return None
    for measure in ("participants", "attendances", "meetings"):
        part, whole = data.stats.totals.get(measure), data.whole.totals.get(measure)
        if part and whole:
            values = {"measure": Text(measure), "part": part, "whole": whole}
            return Text("share_sentence", {**values, "share": part / whole})
    return None


def meeting_columns(data: ReportData, per_meeting: pd.DataFrame) -> list[Column]:
    """The meetings table's columns: date, title, then area, territory and kind where they
    tell something, then the figures the source has."""
    columns = [Column("date", "date", "date"), Column("title", "title", "text")]
    if not data.area:
        columns.append(Column("area_label", "area", "text"))
    if "territory_label" in per_meeting:
        columns.append(Column("territory_label", "territory", "text"))
    if per_meeting["kind"].nunique() > 1:  # one kind for all: said by no column
        columns.append(Column("kind_label", "kind", "text"))
    columns.append(Column("participants", "participants"))
    if not (data.counts_only and per_meeting["organisations"].isna().all()):
        columns.append(Column("organisations", "organisations"))
    if not data.counts_only:
        columns += [
            Column("new_participants", "new_participants"),
            Column("new_organisations", "new_organisations"),
        ]
    if "contributions" in per_meeting and per_meeting["contributions"].notna().any():
        columns.append(Column("contributions", "contributions"))
    return columns


def _meetings_caption(data: ReportData) -> Text:
    if data.counts_only:
        return Text("caption_meetings_counts")
    return Text("caption_meetings_area" if data.area else "caption_meetings_register")


def meetings(data: ReportData) -> Section:
    """Every meeting named by its title; from :data:`MANY_MEETINGS` on, the largest first and
    the whole table folded away; meetings without a count listed apart."""
    per_meeting = data.labelled(data.stats.by_meeting)
    columns = meeting_columns(data, per_meeting)
    full = Table("meetings", _meetings_caption(data), columns, per_meeting)
    blocks: list = []
    if len(per_meeting) <= MANY_MEETINGS:
        blocks.append(full)
        # One meeting is read from the table; a chart helps from two meetings on.
        if len(per_meeting) > 1 and not data.counts_only:
            blocks.append(ChartSpec("by-meeting", "by_meeting", {"by_meeting": per_meeting}))
    else:
        largest = per_meeting[per_meeting["participants"].notna()]
        largest = largest.sort_values("participants", ascending=False, kind="stable")
        blocks.append(
            Table("largest", Text("largest_meetings"), columns, largest.head(LARGEST_SHOWN))
        )
        count = {"summary": Text("all_meetings"), "count": len(per_meeting)}
        blocks.append(Folded(Text("folded_count", count), [full]))
    without = per_meeting[per_meeting["participants"].isna()]
    if data.counts_only and len(without):
        caption = Text("caption_without_count", {"count": len(without)})
        described = [c for c in columns if c.kind in ("date", "text")]
        listed = Table("without-count", caption, described, without)
        blocks.append(Folded(caption, [listed]) if len(without) > MANY_MEETINGS else listed)
    return Section("section_meetings", blocks)
