"""The machine-readable summary of a report (docs/data-contract.md §8); aggregates only.

A pure function of the report's data: :mod:`analysis.views.outputs` writes it
as ``<report>.json``, and the page and the index read their heading and period
from it.
"""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from analysis import __version__
from analysis.validation.outcomes import OUTCOMES
from analysis.views.context import ReportData, remark_areas
from analysis.views.sections.headline import headline


def records(frame: pd.DataFrame | None) -> list[dict]:
    """A frame as JSON records, dates as ``YYYY-MM-DD``."""
    if frame is None:
        return []
    out = frame.copy()
    for name in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[name]):
            out[name] = out[name].dt.strftime("%Y-%m-%d")
    return json.loads(out.to_json(orient="records", date_format="iso"))


def _iso(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def remarks_summary(data: ReportData) -> dict | None:
    """The remarks register's figures (docs/data-contract.md §10); None without a register."""
    if data.remarks is None:
        return None
    stats = data.remarks.stats
    rate, denominator = stats.acceptance_rate
    by_area = remark_areas(data).rename(columns={"area_label": "label"})
    counts = stats.by_outcome.set_index("outcome")["remarks"]
    return {
        "totals": {k: (None if v is None else int(v)) for k, v in stats.totals.items()},
        "by_outcome": {str(code): int(n) for code, n in counts.items()},
        "acceptance_rate": {"rate": rate, "denominator": int(denominator)},
        "by_area": records(by_area[["area", "label", *OUTCOMES, "acceptance_rate"]]),
        "by_meeting": records(stats.by_meeting[["meeting_id", "remarks"]]),
        "by_month": records(stats.by_month[["month", "remarks", "supports"]]),
    }


def summary(data: ReportData) -> dict:
    """Everything a machine needs of one report; never a participant identifier."""
    stats, selection = data.stats, data.selection
    reconciliation = stats.reconciliation.copy()
    for name in ("register", "published"):
        reconciliation[name] = reconciliation[name].map(_iso)
    labelled = data.labelled
    by_territory = (
        records(labelled(stats.by_territory).rename(columns={"territory_label": "label"}))
        if stats.by_territory is not None
        else []
    )
    published = data.consultation.published
    return {
        "report": data.report_name,
        "area": data.area,
        "language": data.lang,
        "title": data.title,
        "heading": data.heading,
        "period_text": data.period,
        "consultation": data.consultation_title,
        "headline": [said.sentence(data.lang) for said in headline(data)],
        "synthetic": data.consultation.synthetic,
        "filters": {
            "areas": list(selection.areas),
            "start": _iso(selection.start),
            "end": _iso(selection.end),
        },
        "totals": {k: (None if v is None else int(v)) for k, v in stats.totals.items()},
        "period": {
            "start": stats.period[0].isoformat() if stats.period else None,
            "end": stats.period[1].isoformat() if stats.period else None,
        },
        "by_meeting": records(labelled(stats.by_meeting)),
        "by_area": records(labelled(stats.by_area).rename(columns={"area_label": "label"})),
        "by_territory": by_territory,
        "by_month": records(stats.by_month),
        "by_kind": records(stats.by_kind),
        "by_week": records(stats.by_week),
        "reach_curve": records(stats.reach_curve) if stats.repeat_participants is not None else [],
        "repeat_participation": {
            "participants": records(stats.repeat_participants),
            "organisations": records(stats.repeat_organisations),
        },
        "persons_per_organisation": records(stats.persons_per_organisation),
        "reconciliation": json.loads(reconciliation.to_json(orient="records")),
        "published": published.as_dict() if published else None,
        "unavailable": stats.unavailable,
        "rejected_rows": data.data_quality(),
        "remarks": remarks_summary(data),
        "sources": [
            {"role": s.role, "file": s.path.name, "sha256": s.sha256, "synthetic": s.synthetic}
            for s in data.consultation.sources
        ],
        "version": __version__,
    }
