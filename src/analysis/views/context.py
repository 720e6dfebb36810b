"""One report's data: the consultation, its selection, statistics and framing.

:func:`load` turns the notebook parameters into a :class:`ReportData`; the
section functions read it and nothing else. Loading is the only step here that
reads files (through :func:`analysis.consultation.load_consultation`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from analysis import metrics
from analysis.catalogue.labels import (
    area_label,
    check_language,
    consultation_title,
    kind_label,
    place_label,
    text,
)
from analysis.consultation import (
    Consultation,
    held_online,
    load_sources,
    release_unused_memory,
)
from analysis.metrics.remarks import RemarksStatistics, remarks_statistics, select_remarks
from analysis.metrics.selection import Selection, check_selection
from analysis.views.page import heading_text, page_title, period_text

#: A ``register_path`` meaning "no register": statistics from the meetings' own counts.
_LABELS = (("area", area_label), ("kind", kind_label), ("territory", place_label))


@dataclass
class Remarks:
    """The remarks register's rows of one report's selection, their links to meetings and
    their statistics (docs/data-contract.md §10)."""

    table: pd.DataFrame
    links: pd.DataFrame
    stats: RemarksStatistics


@dataclass
class ReportData:
    """What one report (the overview or one area) shows, computed once."""

    consultation: Consultation
    stats: metrics.Statistics
    whole: metrics.Statistics  # the whole consultation, for shares
    meetings: pd.DataFrame
    attendance: pd.DataFrame | None
    lang: str
    report_name: str
    consultation_title: str
    selection: Selection = Selection()
    area: str | None = None
    #: the selection's remarks (:func:`remarks_of`); None: the consultation has no remarks register
    remarks: Remarks | None = None

    # ------------------------------------------------------------------ framing, once

    @cached_property
    def heading(self) -> str:
        return heading_text(self.area, self.lang, self.names("area").get(self.area or "", ""))

    @property
    def online(self) -> bool:
        """A consultation held online (``--meetings none``): no meetings source at all."""
        return held_online(self.consultation)

    @cached_property
    def period(self) -> str:
        if self.online:
            return text("online_consultation", self.lang)
        return period_text(self.stats.period, self.lang)

    @cached_property
    def title(self) -> str:
        return page_title(self.heading, self.consultation_title, self.period, self.lang)

    # ------------------------------------------------------------------ what the data has

    @property
    def counts_only(self) -> bool:
        """A source of per-meeting counts, no register."""
        return self.attendance is None

    @property
    def is_part(self) -> bool:
        """An area or a date range: shown as a share of the whole."""
        return bool(self.area) or self.selection.filtered

    def names(self, column: str) -> dict[str, str]:
        """Code -> the name the source wrote, for ``area``, ``kind`` or ``territory``."""
        meetings = self.consultation.meetings
        if f"{column}_name" not in meetings:
            return {}
        pairs = meetings[[column, f"{column}_name"]].drop_duplicates(column)
        return dict(pairs.itertuples(index=False))

    def labelled(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with ``area_label``, ``kind_label``, ``territory_label`` beside each code
        in the report's language (shipped labels for known codes, else as written)."""
        out = frame.copy()
        for column, label in _LABELS:
            if column in out:
                names = self.names(column)
                out[f"{column}_label"] = [
                    label(str(code), self.lang, names.get(code, "")) for code in out[column]
                ]
        return out

    @cached_property
    def people(self) -> int:
        """How many distinct participants this report's meetings had (counted, never shown)."""
        if self.attendance is None:
            return 0
        return int(self.attendance["participant_id"].astype(str).nunique())

    def data_quality(self) -> dict:
        """Rows read, accepted, rejected (by first reason) and repeated in the main table (the
        register, else the meetings table), rejected rows of the other tables, and meetings
        the source lists but marks as not held (left out)."""
        checks = self.consultation.checks
        name = "register" if "register" in checks else "meetings"
        main = checks.get(name)
        rejected = main.rejected if main else pd.DataFrame(columns=["reason"])
        by_reason = rejected["reason"].str.split("; ").str[0].value_counts().sort_index()
        others = sum(len(c.rejected) for role, c in checks.items() if role != name)
        return {
            "table": name,
            "rows_read": main.rows_read if main else 0,
            "accepted": main.accepted if main else 0,
            "rejected": len(rejected),
            "duplicates": len(main.duplicates) if main else 0,
            "by_reason": {str(k): int(v) for k, v in by_reason.items()},
            "other_tables_rejected": int(others),
            "left_out_meetings": len(self.consultation.left_out),
        }


def remarks_of(data: ReportData) -> Remarks | None:
    """The remarks of the report's areas (an area report: its area; by each remark's own
    area) and dates, with their statistics; None when the consultation has no remarks
    register. Organisations that attended are looked for in the whole register."""
    consultation = data.consultation
    if consultation.remarks is None:
        return None
    areas = [data.area] if data.area else list(data.selection.areas)
    table, links = select_remarks(
        consultation.remarks,
        consultation.remark_links,
        consultation.meetings,
        areas,
        data.selection.start,
        data.selection.end,
    )
    stats = remarks_statistics(
        table, links, consultation.meetings, consultation.attendance, listed=data.meetings
    )
    return Remarks(table, links, stats)


def remark_areas(data: ReportData) -> pd.DataFrame:
    """The remarks' outcomes by area, each area as shown in ``area_label`` (the meetings'
    name for it, else the remarks')."""
    by_area, names = data.remarks.stats.by_area, data.names("area")
    labels = [
        area_label(code, data.lang, names.get(code) or written)
        for code, written in zip(by_area["area"], by_area["area_name"], strict=True)
    ]
    return by_area.assign(area_label=labels)


_WHOLE: dict[str, metrics.Statistics] = {}  # this process's last consultation's


def whole_statistics(consultation: Consultation) -> metrics.Statistics:
    """The whole consultation's statistics (an area's share of it). A warm kernel runs
    one area report after another on the same consultation: they are computed once for
    its :attr:`~analysis.consultation.Consultation.key`, not once per report."""
    key = consultation.key
    if key is not None and key in _WHOLE:
        return _WHOLE[key]
    whole = metrics.overview(consultation.meetings, consultation.attendance, consultation.published)
    if key is not None:
        _WHOLE.clear()  # one consultation at a time: its statistics, not a growing store
        _WHOLE[key] = whole
    return whole


def load(
    meetings_path: str = "",
    register_path: str = "",
    organisations_path: str = "",
    areas: Sequence[str] = (),
    area: str = "",
    start: str = "",
    end: str = "",
    lang: str = "pl",
    report_name: str = "",
    title: str = "",
    meetings_columns: dict | None = None,
    register_columns: dict | None = None,
    locale: str = "",
    remarks_path: str = "",
    remarks_columns: dict | None = None,
    remarks_outcomes: dict | None = None,
) -> ReportData:
    """Load, validate and compute one report from the notebook parameters.

    Empty strings mean the defaults: the shipped announcement and synthetic
    register (with your own meetings, no register unless you name one), no remarks
    register, all areas, the whole period. ``report_name`` defaults to ``area-<area>``
    or ``overview``.
    """
    check_language(lang)
    consultation = load_sources(
        meetings_path,
        register_path,
        organisations_path,
        meetings_columns=meetings_columns,
        register_columns=register_columns,
        locale=locale,
        remarks_path=remarks_path,
        remarks_columns=remarks_columns,
        remarks_outcomes=remarks_outcomes,
    )
    chosen = [area] if area else list(areas)
    selection = check_selection(consultation.meetings, chosen, start, end)
    meetings, attendance = selection.apply(consultation.meetings, consultation.attendance)
    stats = metrics.overview(meetings, attendance, consultation.published)
    whole = whole_statistics(consultation) if selection.filtered else stats
    release_unused_memory()  # what computing the statistics freed
    data = ReportData(
        consultation=consultation,
        stats=stats,
        whole=whole,
        meetings=meetings,
        attendance=attendance,
        lang=lang,
        report_name=report_name or (f"area-{area}" if area else "overview"),
        consultation_title=consultation_title(
            lang, title, consultation.subject, online=held_online(consultation)
        ),
        selection=Selection(tuple(areas), selection.start, selection.end),
        area=area or None,
    )
    data.remarks = remarks_of(data)
    return data
