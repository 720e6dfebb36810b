"""Meetings and attendance summed by group: area, meeting kind, territory, month, week.

From a register the groups count distinct people; from per-meeting counts they
sum attendances, with the meetings that have no count counted apart.

A group table and its chart share one order (:func:`by_measure`): the chart's measure,
the largest first, ties by the group's name as shown; months in calendar order. A chart
of fewer than two groups is not drawn: the table says it all.
"""

from __future__ import annotations

import pandas as pd

from analysis.catalogue.labels import Text, format_month
from analysis.charts.style import largest_first
from analysis.views.blocks import ChartSpec, Column, Section, Table
from analysis.views.context import ReportData


def group_columns(data: ReportData, key: str, header: str, frame: pd.DataFrame) -> list[Column]:
    """A group table's columns: distinct counts from a register, sums from counts."""
    columns = [Column(key, header, "text"), Column("meetings", "meetings")]
    columns.append(Column("attendances", "attendances"))
    summed = frame.get("organisation_attendances")
    if data.counts_only and summed is not None and summed.notna().any():
        columns.append(Column("organisation_attendances", "organisation_attendances"))
    if not data.counts_only and "participants" in frame:
        columns += [
            Column("participants", "participants"),
            Column("organisations", "organisations"),
        ]
    if frame.get("meetings_without_attendance", pd.Series([0])).any():
        label = "meetings_without_attendance" if data.counts_only else "meetings_nobody"
        columns.append(Column("meetings_without_attendance", label))
    if "contributions" in frame and frame["contributions"].notna().any():
        columns.append(Column("contributions", "contributions"))
    return columns


def by_measure(data: ReportData, frame: pd.DataFrame, key: str) -> pd.DataFrame:
    """A group table (``key``: area, kind or territory, shown as ``<key>_label``) in its
    chart's order: by distinct participants from a register (areas and kinds), else by
    attendances; the largest first, ties by name, groups without a figure last."""
    measure = "participants" if "participants" in frame and not data.counts_only else "attendances"
    return largest_first(frame, measure, frame[f"{key}_label"])


def sums_chart(frame: pd.DataFrame, label: str, key: str, ordered: bool = False):
    """Attendances per group as bars (largest first, or in order for months); None when
    fewer than two groups have a figure (one bar would say no more than the table)."""
    if frame["attendances"].notna().sum() < 2:
        return None
    return ChartSpec(
        f"attendances-by-{key}",
        "sums",
        {"frame": frame, "label": label, "key": key, "ordered": ordered},
    )


def per_group_sums(per_meeting: pd.DataFrame, key: str) -> pd.DataFrame:
    """Meetings without attendance and contributions per ``key``, from the per-meeting
    figures (for a counts source, whose group tables lack them)."""
    frame = pd.DataFrame(
        {
            key: per_meeting[key],
            "meetings_without_attendance": per_meeting["participants"].isna(),
            "contributions": per_meeting.get(
                "contributions", pd.Series(pd.NA, index=per_meeting.index)
            ),
        }
    )
    grouped = frame.groupby(key, sort=False).agg(
        meetings_without_attendance=("meetings_without_attendance", "sum"),
        contributions=("contributions", lambda s: s.sum(min_count=1)),
    )
    return grouped.reset_index()


def areas(data: ReportData) -> Section:
    """By area and by meeting kind, each with its chart."""
    by_area = data.labelled(data.stats.by_area)
    if data.counts_only:
        sums = per_group_sums(data.stats.by_meeting, "area")
        by_area = by_area.merge(sums, on="area", how="left", suffixes=("", "_sum"))
    by_area = by_measure(data, by_area, "area")
    columns = group_columns(data, "area_label", "area", by_area)
    caption = Text("caption_by_area" if data.counts_only else "caption_by_area_register")
    by_kind = by_measure(data, data.labelled(data.stats.by_kind), "kind")
    kind_columns = [Column("kind_label", "kind", "text"), *columns[1:]]
    kind_columns = [c for c in kind_columns if c.key in by_kind]
    blocks: list = [Table("areas", caption, columns, by_area)]
    if data.counts_only:
        blocks.append(sums_chart(by_area, "area_label", "area"))
    elif len(by_area) > 1:
        blocks.append(ChartSpec("by-area", "by_area", {"by_area": by_area}))
    several_kinds = by_kind["kind"].nunique() > 1
    if several_kinds or not data.counts_only:
        blocks.append(Table("kinds", Text("caption_by_kind"), kind_columns, by_kind))
    if data.counts_only:
        blocks.append(sums_chart(by_kind, "kind_label", "kind"))
    elif len(data.stats.by_area_kind) > 1:  # one cell would say what the tables say
        heat = data.labelled(data.stats.by_area_kind)
        order = {"areas": list(by_area["area"]), "kinds": list(by_kind["kind"])}
        blocks.append(ChartSpec("area-kind", "area_kind", {"by_area_kind": heat, **order}))
    return Section("section_areas", [b for b in blocks if b is not None])


def territories(data: ReportData) -> Section | None:
    """Meetings and attendances per district or place, when the source names them."""
    territory = data.stats.by_territory
    if territory is None or territory.empty:
        return None
    territory = by_measure(data, data.labelled(territory), "territory")
    columns = group_columns(data, "territory_label", "territory", territory)
    blocks = [
        Table("territories", Text("section_territories"), columns, territory),
        sums_chart(territory, "territory_label", "territory"),
    ]
    return Section("section_territories", [b for b in blocks if b is not None])


def time(data: ReportData) -> Section:
    """By month (with its chart for counts), by week, and the reach after each meeting day."""
    stats, blocks = data.stats, []
    if stats.by_month is not None and len(stats.by_month):
        months = stats.by_month.assign(
            month_label=[format_month(m, data.lang) for m in stats.by_month["month"]]
        )
        columns = [Column("month_label", "month", "text"), Column("meetings", "meetings")]
        columns += group_columns(data, "month", "month", months)[2:]
        blocks.append(Table("months", Text("caption_by_month"), columns, months))
        if data.counts_only:
            blocks.append(sums_chart(months, "month_label", "month", ordered=True))
    if data.counts_only:
        return Section("section_time", [b for b in blocks if b is not None])
    week_columns = [
        Column("iso_week", "iso_week", "text"),
        Column("week_start", "week_start", "date"),
        *(Column(k, k) for k in ("meetings", "attendances", "participants", "organisations")),
    ]
    if len(stats.by_week):
        blocks.append(Table("weeks", Text("caption_by_week"), week_columns, stats.by_week))
    if len(stats.by_date):
        reach_columns = [
            Column("date", "date", "date"),
            *(
                Column(k, k)
                for k in (
                    "new_participants",
                    "cumulative_participants",
                    "new_organisations",
                    "cumulative_organisations",
                )
            ),
        ]
        blocks.append(Table("reach", Text("caption_reach"), reach_columns, stats.by_date))
        published = None
        if data.consultation.published and not data.is_part:
            published = {
                "participants": data.consultation.published.participants,
                "organisations": data.consultation.published.organisations,
            }
        if len(stats.by_date) > 1:  # a curve needs two days
            blocks.append(
                ChartSpec("reach", "reach", {"by_date": stats.by_date, "published": published})
            )
    return Section("section_time", [b for b in blocks if b is not None])
