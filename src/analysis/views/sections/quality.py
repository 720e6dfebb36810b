"""How far the figures can be trusted: published totals, data quality, definitions."""

from __future__ import annotations

import re

import pandas as pd

from analysis.catalogue import TEXT
from analysis.catalogue.labels import Text
from analysis.views.blocks import Column, ItemList, Paragraph, Section, Table
from analysis.views.context import ReportData

COUNTS_DEFINITIONS = (
    "definition_counts_participants",
    "definition_counts_attendances",
    "definition_counts_blank",
    "definition_counts_contributions",
)
REGISTER_DEFINITIONS = (
    "definition_participant",
    "definition_attendance",
    "definition_organisation",
    "definition_new",
    "definition_reach",
)


def reconciliation(data: ReportData) -> Section | None:
    """The register's totals beside the published ones: only for the whole consultation
    (a part is shown as its share of the whole, in the key figures)."""
    if data.consultation.published is None or data.is_part:
        return None
    columns = [
        Column("measure", "measure", "label"),
        Column("register", "register", "value"),
        Column("published", "published", "value"),
        Column("difference", "difference", "signed"),
        Column("status", "status", "label"),
    ]
    table = Table(
        "reconciliation", Text("caption_reconciliation"), columns, data.stats.reconciliation
    )
    return Section("section_reconciliation", [table])


def reason_key(reason: str) -> str:
    """The catalogue key of a rejection reason: the reason without its particulars (what
    follows ``" ("`` or ``"; "``, and numbers as ``N``), so that "no such date (June has
    30 days)" and "no such date (April has 30 days)" are said alike; the reason as written
    when the catalogue has no words for it.

    >>> reason_key("unknown meeting_id"), reason_key("no such date (June has 30 days)")
    ('reason_unknown meeting_id', 'reason_no such date')
    >>> reason_key("expected 4 fields, found 5"), reason_key("something new")
    ('reason_expected N fields, found N', 'something new')
    """
    kind = re.sub(r"\d+", "N", reason.split(" (")[0].split("; ")[0])
    for key in (f"reason_{reason}", f"reason_{kind}"):
        if key in TEXT:
            return key
    return reason


def quality(data: ReportData) -> Section:
    """Rows read, accepted and rejected (with reasons), and the synthetic-data note."""
    quality = data.data_quality()
    measures = ["rows_read", "accepted", "rejected"]
    if quality["table"] == "register":
        measures += ["duplicates", "other_tables_rejected"]
    if quality["left_out_meetings"]:
        measures.append("left_out_meetings")
    rows = pd.DataFrame([{"measure": m, "rows": quality[m]} for m in measures])
    caption = Text(f"caption_quality_{quality['table']}")
    columns = [Column("measure", "measure", "label"), Column("rows", "rows")]
    blocks: list = [Table(None, caption, columns, rows)]  # the files: the technical appendix
    if quality["by_reason"]:
        keyed = pd.DataFrame(
            [{"reason": reason_key(r), "rows": n} for r, n in quality["by_reason"].items()]
        )
        reasons = keyed.groupby("reason", sort=False, as_index=False)["rows"].sum()
        columns = [Column("reason", "reason", "label"), Column("rows", "rows")]
        blocks.append(Table(None, Text("caption_reasons"), columns, reasons))
    if data.consultation.synthetic:
        blocks.append(Paragraph(Text("synthetic_banner")))
    return Section("section_quality", blocks)


def definitions(data: ReportData) -> Section:
    """What the figures mean: the counts source's terms, or the register's."""
    keys = COUNTS_DEFINITIONS if data.counts_only else REGISTER_DEFINITIONS
    if data.counts_only and data.stats.totals.get("organisation_attendances") is not None:
        keys = (*keys, "definition_counts_organisation_attendances")
    return Section("section_definitions", [ItemList([Text(k) for k in keys])])
