"""What was said and how each remark was dealt with: the remarks register's section.

Key figures and the acceptance rate with its denominator; the outcome counts; in the
overview, the outcomes by area with their chart; the remarks themselves (the most
supported first when the register counts supports, else in its order: the first
:data:`LISTED` shown, the rest folded away, every one in the CSV); the remarks per
organisation; per meeting, month and territory. None without a remarks register. A
consultation held online shows this section alone: it opens with the report's headline
(:mod:`~analysis.views.sections.headline`, its acceptance rate), which other reports
show with their key figures.

The list's cells (submitter, meeting, outcome) are said in the report's language with
the catalogue's words, so that its CSV reads as the page does. A remark's text is data:
the templates escape it, as every cell.
"""

from __future__ import annotations

import pandas as pd

from analysis.catalogue.labels import Text, format_month, place_label, sentence, text
from analysis.validation.outcomes import OUTCOMES, RATED
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
from analysis.views.context import ReportData, remark_areas
from analysis.views.sections.headline import headline

#: The remarks a page lists before folding the rest away.
LISTED = 10
#: The most remarks folded away under them: a register of 20,000 remarks would make a page
#: of megabytes; past this, the page says how many are in the CSV only.
FOLDED = 200
#: Past this many areas, the outcomes-by-area table is folded under its chart.
MANY_AREAS = 8
#: Past this many organisations, the page lists the most active ones (the CSV, all).
MANY_ORGANISATIONS = 15
ORGANISATIONS_SHOWN = 8
#: Past this many meetings, the remarks per meeting are folded away.
MANY_MEETINGS = 10


def remarks(data: ReportData) -> Section | None:
    """The remarks register's section (None: the consultation has no remarks register)."""
    if data.remarks is None:
        return None
    stats = data.remarks.stats
    said = headline(data) if data.online else []
    blocks: list = [ItemList(said)] if said else []
    blocks.append(key_figures(stats.totals))
    if not stats.totals["remarks"]:
        return Section("section_remarks", [*blocks, Paragraph(Text("remarks_none"))])
    rate, denominator = stats.acceptance_rate
    if rate is None:
        blocks.append(Paragraph(Text("remarks_acceptance_none")))
    else:
        values = {"rate": rate, "denominator": denominator}
        blocks.append(Paragraph(Text("remarks_acceptance_sentence", values)))
    blocks.append(outcome_table(data))
    if not data.area:
        by_area = remark_areas(data)
        table = area_table(by_area, data.lang)
        if len(by_area) > 1:
            blocks.append(ChartSpec("remarks-by-area", "remarks_by_area", {"by_area": by_area}))
        # many areas: the chart says it at a glance, its table (and CSV) folded beneath it
        many = len(by_area) > MANY_AREAS
        blocks.append(Folded(table.caption, [table]) if many else table)
    blocks += remark_list(data)
    blocks += organisations(data)
    blocks += where_and_when(data)
    return Section("section_remarks", blocks)


def key_figures(totals: dict) -> KeyFigures:
    items = [
        ("remarks", totals["remarks"]),
        ("remarks_decided", totals["decided"]),
        ("remarks_written", totals["without_meeting"]),
    ]
    if totals["supports"] is not None:
        items.append(("remarks_supports", totals["supports"]))
    return KeyFigures(items)


def outcome_table(data: ReportData) -> Table:
    """Every outcome with its remarks and their share."""
    frame = data.remarks.stats.by_outcome
    labels = [text(f"outcomes_{code}", data.lang) for code in frame["outcome"]]
    frame = frame.assign(outcome_label=labels)
    columns = [
        Column("outcome_label", "remark_outcome", "text"),
        Column("remarks", "remarks"),
        Column("share", "remarks_share", "share"),
    ]
    return Table("remarks-by-outcome", Text("caption_remarks_by_outcome"), columns, frame)


def area_table(by_area: pd.DataFrame, lang: str) -> Table:
    """Per area: the outcomes some remark has, remarks, and the acceptance rate with its
    base in one cell ("50,0% (n = 4)": a column less, so that seven outcomes fit the page);
    the CSV keeps the rate and its base apart."""
    present = [code for code in OUTCOMES if by_area[code].any()]
    said = [
        sentence("remarks_rate_with_base", lang, rate=rate, n=n)
        if pd.notna(rate)
        else sentence("remarks_no_rate_with_base", lang, n=n)
        for rate, n in zip(by_area["acceptance_rate"], by_area["denominator"], strict=True)
    ]
    columns = [
        Column("area_label", "area", "text"),
        *(Column(code, f"outcomes_{code}") for code in present),
        Column("remarks", "remarks"),
        Column("rate_with_base", "remarks_acceptance_rate_n", "text"),
    ]
    frame = by_area.assign(rate_with_base=said)
    return Table("remarks-by-area", Text("caption_remarks_by_area"), columns, frame)


def _meetings_said(data: ReportData) -> dict[str, str]:
    """Each remark's meetings, earliest first, as "title (date)" joined by "; "."""
    meetings = data.consultation.meetings
    linked = data.remarks.links.merge(
        meetings[["meeting_id", "title", "date"]].astype({"meeting_id": str}),
        on="meeting_id",
        how="left",
    ).sort_values(["date", "meeting_id"], kind="stable")
    said: dict[str, list[str]] = {}
    for remark, title, day in linked[["remark_id", "title", "date"]].itertuples(index=False):
        shown = (
            title
            if pd.isna(day)
            else sentence("remark_at_meeting", data.lang, name=title, date=day)
        )
        said.setdefault(remark, []).append(str(shown))
    return {remark: "; ".join(parts) for remark, parts in said.items()}


def _plain(values: pd.Series) -> pd.Series:
    return values.astype(object).where(values.notna(), "").astype(str).str.strip()


def listed_remarks(data: ReportData) -> pd.DataFrame:
    """Every remark with its submitter, meeting(s) and outcome in the report's language;
    the most supported first when any remark has supports (else in the register's order)."""
    table, lang = data.remarks.table, data.lang
    meetings = _meetings_said(data)
    frame = table.copy()
    organisation = _plain(frame["organisation_name"])
    organisation = organisation.where(organisation != "", _plain(frame["organisation_id"]))
    frame["submitter"] = organisation.where(organisation != "", text("private_person", lang))
    frame["meeting"] = [
        meetings.get(str(r), text("written_submission", lang)) for r in frame["remark_id"]
    ]
    frame["outcome_label"] = [text(f"outcome_{code}", lang) for code in frame["outcome"]]
    if frame["supports"].notna().any():
        frame = frame.sort_values("supports", ascending=False, kind="stable", na_position="last")
    return frame.reset_index(drop=True)


def remark_list(data: ReportData) -> list:
    """The first :data:`LISTED` remarks (the most supported, else in order), the rest folded
    away; the table's CSV holds them all."""
    frame = listed_remarks(data)
    supported = frame["supports"].notna().any()
    columns = [
        Column("remark_id", "remark_id", "text"),
        Column("text", "remark_text", "text"),
        Column("submitter", "remark_submitter", "text"),
        Column("meeting", "remark_meeting", "text"),
        Column("outcome_label", "remark_outcome", "text"),
        Column("response", "remark_response", "text"),
    ]
    if supported:
        columns.append(Column("supports", "remarks_supports"))
    count = len(frame)
    if count <= LISTED:
        key = "caption_remarks_supported_first" if supported else "caption_remarks_in_order"
        return [Table("remarks", Text(key, {"count": count}), columns, frame)]
    key = "caption_remarks_most_supported" if supported else "caption_remarks_first"
    first = Table("remarks", Text(key, {"count": LISTED}), columns, frame, shown=LISTED)
    first.note = Text("remarks_shown_note", {"shown": LISTED, "count": count})
    rest = frame.iloc[LISTED : LISTED + FOLDED].reset_index(drop=True)
    if count > LISTED + FOLDED:
        values = {"shown": LISTED, "folded": FOLDED, "count": count}
        first.note = Text("remarks_shown_capped_note", values)
    summary = Text("remarks_rest", {"count": len(rest)})
    return [first, Folded(summary, [Table(None, summary, columns, rest)], csv="remarks")]


def organisations(data: ReportData) -> list:
    """The remarks per organisation, the private persons' count, and with a register,
    the remarks of organisations that attended a meeting and of those that did not."""
    stats, blocks = data.remarks.stats, []
    if len(stats.by_organisation):
        columns = [
            Column("organisation_name", "organisation", "text"),
            Column("remarks", "remarks"),
            *(Column(code, f"outcomes_{code}") for code in RATED),
            Column("acceptance_rate", "remarks_acceptance_rate", "share"),
        ]
        caption = Text("caption_remarks_organisations")
        frame = stats.by_organisation
        table = Table("remarks-organisations", caption, columns, frame)
        if len(frame) > MANY_ORGANISATIONS:  # the most active on the page, all in the CSV
            table.shown = ORGANISATIONS_SHOWN
            count = {"shown": ORGANISATIONS_SHOWN, "count": len(frame)}
            table.note = Text("remarks_organisations_note", count)
        blocks.append(table)
    if stats.private_persons:
        count = {"count": stats.private_persons}
        blocks.append(Paragraph(Text("remarks_private_sentence", count)))
    if stats.attended is not None:
        blocks.append(Paragraph(Text("remarks_attended_sentence", stats.attended)))
    return blocks


def where_and_when(data: ReportData) -> list:
    """Remarks per meeting (folded past :data:`MANY_MEETINGS`), per month (undated ones
    counted apart) and per territory when the remarks name one."""
    stats, lang, blocks = data.remarks.stats, data.lang, []
    if len(stats.by_meeting):
        columns = [Column("date", "date", "date"), Column("title", "title", "text")]
        columns.append(Column("remarks", "remarks"))
        caption = Text("caption_remarks_by_meeting")
        table = Table("remarks-by-meeting", caption, columns, stats.by_meeting)
        many = len(stats.by_meeting) > MANY_MEETINGS
        blocks.append(Folded(caption, [table]) if many else table)
    if len(stats.by_month):
        months = stats.by_month.assign(
            month_label=[format_month(m, lang) for m in stats.by_month["month"]]
        )
        columns = [Column("month_label", "month", "text"), Column("remarks", "remarks")]
        if months["supports"].notna().any():
            columns.append(Column("supports", "remarks_supports"))
        caption = Text("caption_remarks_by_month")
        blocks.append(Table("remarks-by-month", caption, columns, months))
    if stats.undated:
        blocks.append(Paragraph(Text("remarks_undated_sentence", {"count": stats.undated})))
    if stats.by_territory is not None:
        names, frame = data.names("territory"), stats.by_territory
        labels = [
            place_label(code, lang, names.get(code) or written)
            for code, written in zip(frame["territory"], frame["territory_name"], strict=True)
        ]
        territory = frame.assign(territory_label=labels)
        columns = [Column("territory_label", "territory", "text"), Column("remarks", "remarks")]
        caption = Text("caption_remarks_by_territory")
        blocks.append(Table("remarks-by-territory", caption, columns, territory))
    return blocks
