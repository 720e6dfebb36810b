"""What the report notebooks show: sections as HTML fragments in the chosen language.

A report notebook is thin: its parameters cell, one import, then calls such as
``report = views.overview_report(**parameters)`` and ``report.meetings_section()``.
Each call returns a :class:`Fragment` that Jupyter displays as HTML, so every
visible word (headings, prose, tables, charts, dates, numbers) follows the
``lang`` parameter. Text that comes from the data is escaped, never
interpreted as HTML. Only aggregates are shown: never a participant id.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis import __version__, config, count_charts, metrics, plots
from analysis.dataset import Consultation, DataError, load_consultation
from analysis.files import atomic_write_bytes, atomic_write_text, safe_csv_bytes
from analysis.labels import (
    TEXT,
    area_label,
    check_language,
    format_date,
    format_month,
    format_number,
    format_period,
    format_share,
    format_signed,
    kind_label,
    place_label,
    text,
)

#: From this many meetings on, a report shows the largest and folds the full table away.
MANY_MEETINGS = 30
LARGEST_SHOWN = 10

#: What the figures of a counts source mean (definitions section).
COUNTS_DEFINITIONS = {
    "pl": (
        "Liczba uczestników spotkania to liczba podana przez źródło; – oznacza, że jej nie podano.",
        "Obecności to suma uczestników spotkań: osoba obecna na dwóch spotkaniach liczy się "
        "dwa razy.",
        "Spotkanie bez podanej liczby liczy się jako spotkanie, ale nie wchodzi do sum.",
        "Wnioski i uwagi to liczba zgłoszonych na spotkaniu propozycji lub wypowiedzi, jak "
        "podaje źródło.",
    ),
    "en": (
        "A meeting's participants are the count the source gives; – means none was given.",
        "Attendances are the sum of the meetings' participants: a person at two meetings "
        "counts twice.",
        "A meeting without a count counts as a meeting but is left out of the sums.",
        "Contributions are the proposals or remarks recorded at a meeting, as the source "
        "gives them.",
    ),
}

#: Words for what a counts-only source cannot give (said once, in key figures).
UNAVAILABLE_TEXT = {
    "pl": "Źródło podaje liczby uczestników poszczególnych spotkań, bez rejestru obecności. "
    "Nie da się więc policzyć różnych osób i organizacji w całej konsultacji, kto był nowy, "
    "zasięgu ani udziału w wielu spotkaniach; sumy poniżej liczą obecności (osoba na dwóch "
    "spotkaniach liczy się dwa razy).",
    "en": "The source gives per-meeting counts, not an attendance register. Distinct people and "
    "organisations across the consultation, who was new, reach and repeat participation cannot "
    "be computed; the sums below count attendances (a person at two meetings counts twice).",
}


def esc(value: object) -> str:
    """Text from the data, safe inside HTML (quotes included)."""
    return html.escape(str(value), quote=True)


@dataclass
class Fragment:
    """A piece of a report; Jupyter shows it as HTML."""

    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __add__(self, other: Fragment) -> Fragment:
        return Fragment(self.html + other.html)


def heading(key_or_text: str, lang: str, level: int = 2, anchor: str | None = None) -> str:
    label = text(key_or_text, lang) if key_or_text in _TEXT_KEYS else key_or_text
    anchor = anchor or re.sub(r"[^a-z0-9]+", "-", key_or_text.lower()).strip("-")
    return f'<h{level} id="{esc(anchor)}">{esc(label)}</h{level}>'


_TEXT_KEYS = set(TEXT)


def paragraph(sentence: str) -> str:
    return f"<p>{esc(sentence)}</p>"


# --------------------------------------------------------------------------- tables


@dataclass(frozen=True)
class Column:
    key: str  # column of the frame
    header: str  # TEXT key or literal header
    kind: str = "int"  # text | int | date | signed | share | area | kind | status | measure


def _cell(value: object, kind: str, lang: str) -> str:
    if value is None or (not isinstance(value, (list, dict)) and pd.isna(value)):
        return "–"
    if kind == "int":
        return format_number(value, lang)
    if kind == "decimal":
        return format_number(value, lang, decimals=1)
    if kind == "signed":
        return format_signed(int(value), lang)
    if kind == "share":
        return format_share(value, lang)
    if kind == "date":
        return format_date(value, lang)
    if kind == "day":  # in long tables: 2 lut 2016 / 2 Feb 2016
        return format_date(value, lang, "medium")
    if kind == "area":
        return area_label(str(value), lang)
    if kind == "kind":
        return kind_label(str(value), lang)
    if kind in ("status", "measure"):
        return text(str(value), lang) if str(value) in _TEXT_KEYS else str(value)
    if kind == "value":  # a reconciliation value: a count or a date
        if isinstance(value, (dt.date, pd.Timestamp)):
            return format_date(value, lang)
        return format_number(value, lang)
    return str(value)


def table(
    frame: pd.DataFrame,
    columns: Sequence[Column],
    lang: str,
    caption: str,
    total_row: dict[str, object] | None = None,
) -> str:
    """A real HTML table: caption, header cells with scope, numbers right-aligned."""
    numeric = {"int", "decimal", "signed", "share", "value"}

    def header_text(column: Column) -> str:
        return text(column.header, lang) if column.header in _TEXT_KEYS else column.header

    head = "".join(
        f'<th scope="col"{" class=num" if c.kind in numeric else ""}>{esc(header_text(c))}</th>'
        for c in columns
    )
    body = []
    rows = list(frame.to_dict("records"))
    if total_row is not None:
        rows.append(total_row)
    for index, record in enumerate(rows):
        cells = []
        for position, column in enumerate(columns):
            value = esc(_cell(record.get(column.key), column.kind, lang))
            css = ' class="num"' if column.kind in numeric else ""
            if column.kind in ("date", "day"):
                css = ' class="date"'
            if position == 0:
                cells.append(f'<th scope="row"{css}>{value}</th>')
            else:
                cells.append(f"<td{css}>{value}</td>")
        row_class = ' class="total"' if total_row is not None and index == len(rows) - 1 else ""
        body.append(f"<tr{row_class}>{''.join(cells)}</tr>")
    return (
        f'<div class="table-wrap" tabindex="0" role="region" aria-label="{esc(caption)}">'
        f"<table><caption>{esc(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def key_figures(items: Iterable[tuple[str, object]], lang: str) -> str:
    cards = "".join(
        f'<div class="figure-card"><dt>{esc(text(k, lang) if k in _TEXT_KEYS else k)}</dt>'
        f"<dd>{esc(format_number(v, lang) if isinstance(v, (int, float)) else v)}</dd></div>"
        for k, v in items
    )
    return f'<dl class="key-figures">{cards}</dl>'


# --------------------------------------------------------------------------- report data


def _as_date(value: str, name: str) -> dt.date | None:
    if value in ("", None):
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{name} must be a date YYYY-MM-DD, got {value!r}") from None


@dataclass
class Report:
    """One report's data, statistics and sections (overview or one area)."""

    consultation: Consultation
    stats: metrics.Statistics
    whole: metrics.Statistics  # the whole consultation (for shares)
    meetings: pd.DataFrame
    attendance: pd.DataFrame | None
    lang: str
    report_name: str
    title: str
    area: str | None = None
    areas: list[str] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    output_dir: Path | None = None

    # ------------------------------------------------------------------ framing

    @property
    def heading_text(self) -> str:
        if self.area:
            name = area_label(self.area, self.lang, self._names("area").get(self.area, ""))
            return f"{text('area_report', self.lang)}: {name}"
        return text("overview_report", self.lang)

    @property
    def period_text(self) -> str:
        if self.stats.period is None:
            return text("no_meetings", self.lang)
        return format_period(*self.stats.period, self.lang)

    def page_title(self) -> str:
        return f"{self.heading_text} · {self.title} · {self.period_text}"

    def header(self) -> Fragment:
        """Title, period and the synthetic-data banner (the HTML template shows these too)."""
        parts = [
            f"<h1>{esc(self.heading_text)}</h1>",
            paragraph(f"{self.title}. {self.period_text}"),
        ]
        if self.consultation.synthetic:
            parts.append(
                f'<p class="banner synthetic">{esc(text("synthetic_banner", self.lang))}</p>'
            )
        return Fragment("".join(parts))

    # ------------------------------------------------------------------ sections

    def key_figures_section(self) -> Fragment:
        lang, totals = self.lang, self.stats.totals
        counts_only = totals["participants"] is None
        items = [("meetings", totals["meetings"])]
        if not counts_only:
            items += [
                ("participants", totals["participants"]),
                ("organisations", totals["organisations"]),
            ]
        attendances = totals["attendances"]
        items.append(("attendances", "–" if attendances is None else attendances))
        if totals.get("contributions") is not None:
            items.append(("contributions", totals["contributions"]))
        if counts_only and totals.get("meetings_without_attendance"):
            items.append(("meetings_without_attendance", totals["meetings_without_attendance"]))
        parts = [heading("key_figures", lang), key_figures(items, lang)]
        if totals["participants"]:
            per_person = totals["attendances"] / totals["participants"]
            if lang == "pl":
                sentence = (
                    f"Okres: {self.period_text}. Średnio {format_number(per_person, lang, 1)} "
                    "spotkania na uczestnika."
                )
            else:
                sentence = (
                    f"Period: {self.period_text}. On average {format_number(per_person, lang, 1)} "
                    "meetings per participant."
                )
            parts.append(paragraph(sentence))
        parts += [paragraph(s) for s in self._share_sentences()]
        if self.stats.unavailable:
            parts.append(paragraph(UNAVAILABLE_TEXT[lang]))
        missing = totals.get("meetings_without_attendance", 0)
        if counts_only and missing:
            whole = format_number(totals["meetings"], lang)
            parts.append(
                paragraph(
                    f"{format_number(missing, lang)} z {whole} spotkań nie ma podanej liczby "
                    "uczestników: liczą się jako spotkania, ale nie wchodzą do sum (lista w "
                    "części „Spotkania”)."
                    if lang == "pl"
                    else f"{format_number(missing, lang)} of {whole} meetings have no attendance "
                    "count: they count as meetings but are left out of the sums (listed under "
                    "“Meetings”)."
                )
            )
        return Fragment("".join(parts))

    def _share_sentences(self) -> list[str]:
        """For a part of the consultation: its share of the whole, as parts are shown."""
        if not (self.area or self._filtered) or self.whole is self.stats:
            return []
        lang, sentences = self.lang, []
        for measure in ("participants", "attendances", "meetings"):
            part, whole = self.stats.totals.get(measure), self.whole.totals.get(measure)
            if not part or not whole:
                continue
            share = format_share(part / whole, lang)
            part_text, whole_text = format_number(part, lang), format_number(whole, lang)
            noun = text(measure, lang).lower()
            sentences.append(
                f"{noun.capitalize()}: {part_text} z {whole_text} w całej konsultacji ({share})."
                if lang == "pl"
                else f"{noun.capitalize()}: {part_text} of {whole_text} in the whole "
                f"consultation ({share})."
            )
            break  # the first measure the source has says it
        return sentences

    def meetings_section(self) -> Fragment:
        lang = self.lang
        per_meeting = self._labelled(self.stats.by_meeting)
        counts_only = self.attendance is None
        columns = [
            Column("date", "date", "day"),
            Column("title", "title", "text"),
            *([] if self.area else [Column("area_label", "area", "text")]),
            Column("kind_label", "kind", "text"),
            Column("participants", "participants"),
            Column("organisations", "organisations"),
        ]
        if "territory_label" in per_meeting:
            columns.insert(3 if self.area else 4, Column("territory_label", "territory", "text"))
        if not counts_only:
            columns += [
                Column("new_participants", "new_participants"),
                Column("new_organisations", "new_organisations"),
            ]
        if counts_only and per_meeting["organisations"].isna().all():
            columns = [c for c in columns if c.key != "organisations"]
        if per_meeting["kind"].nunique() < 2:  # one kind for all: said by no column
            columns = [c for c in columns if c.key != "kind_label"]
        if "contributions" in per_meeting and per_meeting["contributions"].notna().any():
            columns.append(Column("contributions", "contributions"))
        if counts_only:
            caption = (
                "Liczba uczestników i organizacji na każdym spotkaniu, jak podaje źródło "
                "(–: nie podano)"
                if lang == "pl"
                else "Participants and organisations at each meeting as the source gives them "
                "(–: not given)"
            )
        else:
            caption = (
                "Uczestnicy i organizacje na każdym spotkaniu (nowi: po raz pierwszy w konsultacji)"
                if lang == "pl"
                else "Participants and organisations at each meeting (new: first time in the "
                "consultation)"
            )
            if self.area:
                caption = (
                    "Spotkania obszaru (nowi: po raz pierwszy na spotkaniu tego obszaru)"
                    if lang == "pl"
                    else "The area's meetings (new: first time at a meeting of this area)"
                )
        parts = [heading("section_meetings", lang)]
        full_table = self._table(per_meeting, columns, caption, "meetings")
        if len(per_meeting) <= MANY_MEETINGS:
            parts.append(full_table)
            # One meeting is read from the table; a chart helps from two meetings on.
            if len(per_meeting) > 1 and not counts_only:
                parts.append(self._chart(plots.by_meeting_chart(per_meeting, lang)))
        else:  # the largest first; the whole table kept, folded, with its CSV
            largest = per_meeting.sort_values("participants", ascending=False, kind="stable")
            largest = largest[largest["participants"].notna()].head(LARGEST_SHOWN)
            parts.append(self._table(largest, columns, text("largest_meetings", lang), "largest"))
            parts.append(self._folded(text("all_meetings", lang), len(per_meeting), full_table))
        if counts_only and per_meeting["participants"].isna().any():
            without = per_meeting[per_meeting["participants"].isna()]
            caption = (
                f"Spotkania bez podanej liczby uczestników ({format_number(len(without), lang)})"
                if lang == "pl"
                else f"Meetings without an attendance count ({format_number(len(without), lang)})"
            )
            described = [c for c in columns if c.kind in ("day", "text")]
            listed = self._table(without, described, caption, "without-count")
            if len(without) > MANY_MEETINGS:
                listed = self._folded(caption, None, listed)
            parts.append(listed)
        return Fragment("".join(parts))

    def _folded(self, summary: str, count: int | None, content: str) -> str:
        """Content kept whole but folded away, opened by a click on its summary line."""
        label = summary if count is None else f"{summary} ({format_number(count, self.lang)})"
        return f"<details><summary>{esc(label)}</summary>{content}</details>"

    def _names(self, column: str) -> dict[str, str]:
        """Code -> the name the source wrote, for ``area``, ``kind`` or ``territory``."""
        meetings = self.consultation.meetings
        if f"{column}_name" not in meetings:
            return {}
        pairs = meetings[[column, f"{column}_name"]].drop_duplicates(column)
        return dict(pairs.itertuples(index=False))

    def _labelled(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` with ``area_label``, ``kind_label``, ``territory_label`` beside each code,
        in the report's language (shipped labels for known codes, else as written)."""
        out = frame.copy()
        for column, label in (
            ("area", area_label),
            ("kind", kind_label),
            ("territory", place_label),
        ):
            if column in out:
                names = self._names(column)
                out[f"{column}_label"] = [
                    label(str(code), self.lang, names.get(code, "")) for code in out[column]
                ]
        return out

    def _group_columns(self, key: str, header: str, frame: pd.DataFrame) -> list[Column]:
        """A group table's columns: distinct counts from a register, sums from counts."""
        columns = [Column(key, header, "text"), Column("meetings", "meetings")]
        columns.append(Column("attendances", "attendances"))
        if self.attendance is not None and "participants" in frame:
            columns += [
                Column("participants", "participants"),
                Column("organisations", "organisations"),
            ]
        if frame.get("meetings_without_attendance", pd.Series([0])).any():
            label = "meetings_without_attendance" if self.attendance is None else "meetings_nobody"
            columns.append(Column("meetings_without_attendance", label))
        if "contributions" in frame and frame["contributions"].notna().any():
            columns.append(Column("contributions", "contributions"))
        return columns

    def _sums_chart(self, frame: pd.DataFrame, label: str, key: str, ordered=False) -> str:
        lang = self.lang
        if len(frame) < 2 or frame["attendances"].isna().all():
            return ""
        title = text(f"chart_attendances_by_{key}", lang)
        name = f"attendances-by-{key}-{lang}"
        chart = count_charts.bars_chart(
            frame,
            label,
            "attendances",
            title,
            text("attendances", lang),
            text(key, lang),
            name,
            lang,
            ordered,
        )
        return self._chart(chart)

    def areas_section(self) -> Fragment:
        lang = self.lang
        by_area = self._labelled(self.stats.by_area)
        if self.attendance is None:
            by_area = by_area.merge(
                self._sums("area"), on="area", how="left", suffixes=("", "_sum")
            )
        columns = self._group_columns("area_label", "area", by_area)
        if self.attendance is not None:
            caption = (
                "Według obszaru: różne osoby i organizacje (osoba obecna na dwóch spotkaniach "
                "obszaru liczona raz)"
                if lang == "pl"
                else "By area: distinct people and organisations (a person at two meetings of "
                "an area counts once)"
            )
        else:
            caption = "Według obszaru" if lang == "pl" else "By area"
        by_kind = self._labelled(self.stats.by_kind)
        kind_columns = [Column("kind_label", "kind", "text"), *columns[1:]]
        kind_columns = [c for c in kind_columns if c.key in by_kind]
        kind_caption = "Według rodzaju spotkania" if lang == "pl" else "By meeting kind"
        parts = [heading("section_areas", lang), self._table(by_area, columns, caption, "areas")]
        if len(by_area) and self.attendance is not None:
            parts.append(self._chart(plots.by_area_chart(by_area, lang)))
        elif not self.area:
            parts.append(self._sums_chart(by_area, "area_label", "area"))
        if by_kind["kind"].nunique() > 1 or self.attendance is not None:
            parts.append(self._table(by_kind, kind_columns, kind_caption, "kinds"))
        if len(self.stats.by_area_kind) and self.attendance is not None:
            heat = self._labelled(self.stats.by_area_kind)
            parts.append(self._chart(plots.area_kind_heatmap(heat, lang)))
        elif by_kind["kind"].nunique() > 1:
            parts.append(self._sums_chart(by_kind, "kind_label", "kind"))
        return Fragment("".join(parts))

    def _sums(self, key: str) -> pd.DataFrame:
        """Meetings without attendance and contributions per ``key`` (area, kind), from the
        per-meeting figures."""
        per_meeting = self.stats.by_meeting
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

    def territories_section(self) -> Fragment:
        """Meetings and attendances per district or place, when the source names them."""
        territory = self.stats.by_territory
        if territory is None or territory.empty:
            return Fragment("")
        lang = self.lang
        territory = self._labelled(territory)
        columns = self._group_columns("territory_label", "territory", territory)
        caption = text("section_territories", lang)
        parts = [
            heading("section_territories", lang),
            self._table(territory, columns, caption, "territories"),
            self._sums_chart(territory, "territory_label", "territory"),
        ]
        return Fragment("".join(parts))

    def time_section(self) -> Fragment:
        lang = self.lang
        parts = [heading("section_time", lang)]
        by_month = self.stats.by_month
        if by_month is not None and len(by_month):
            months = by_month.assign(month_label=[format_month(m, lang) for m in by_month["month"]])
            columns = [Column("month_label", "month", "text"), Column("meetings", "meetings")]
            columns += [c for c in self._group_columns("month", "month", months)[2:]]
            caption = "Według miesiąca" if lang == "pl" else "By month"
            parts.append(self._table(months, columns, caption, "months"))
            if self.attendance is None:
                parts.append(self._sums_chart(months, "month_label", "month", ordered=True))
        week_columns = [
            Column("iso_week", "iso_week", "text"),
            Column("week_start", "week_start", "date"),
            Column("meetings", "meetings"),
            Column("attendances", "attendances"),
            Column("participants", "participants"),
            Column("organisations", "organisations"),
        ]
        caption = "Według tygodnia" if lang == "pl" else "By week"
        if len(self.stats.by_week) and self.attendance is not None:
            parts.append(self._table(self.stats.by_week, week_columns, caption, "weeks"))
        if self.attendance is not None and len(self.stats.by_date):
            reach_columns = [
                Column("date", "date", "date"),
                Column("new_participants", "new_participants"),
                Column("cumulative_participants", "cumulative_participants"),
                Column("new_organisations", "new_organisations"),
                Column("cumulative_organisations", "cumulative_organisations"),
            ]
            reach_caption = (
                "Zasięg: nowe i łącznie różne osoby i organizacje po każdym dniu spotkań"
                if lang == "pl"
                else "Reach: new and cumulative distinct people and organisations after each "
                "meeting day"
            )
            parts.append(self._table(self.stats.by_date, reach_columns, reach_caption, "reach"))
            published = None
            if self.consultation.published and not self.area and not self._filtered:
                published = {
                    "participants": self.consultation.published.participants,
                    "organisations": self.consultation.published.organisations,
                }
            if len(self.stats.by_date) > 1:  # a curve needs two days
                parts.append(self._chart(plots.reach_chart(self.stats.by_date, lang, published)))
        return Fragment("".join(parts))

    def _table(self, frame: pd.DataFrame, columns: list[Column], caption: str, name: str) -> str:
        """A table on the page, its CSV written beside the report and linked under it."""
        self._export(frame, name)
        link = ""
        if self.output_dir is not None:
            href = f"tables/{self.report_name}-{name}.csv"
            label = esc(text("download_csv", self.lang))
            link = f'<p class="download"><a href="{esc(href)}">{label}</a></p>'
        return table(frame, columns, self.lang, caption) + link

    def repeat_section(self) -> Fragment:
        lang = self.lang
        if self.stats.repeat_participants is None:  # said once, in the key figures
            return Fragment("")
        parts = [heading("section_repeat", lang)]
        persons = self.stats.persons_per_organisation
        persons_caption = (
            "Ile osób reprezentowało organizację" if lang == "pl" else "Persons per organisation"
        )
        persons_table = self._table(
            persons,
            [Column("persons", "persons"), Column("organisations", "organisations")],
            persons_caption,
            "persons-per-organisation",
        )
        if self.stats.totals["meetings"] <= 1:
            parts.append(
                paragraph(
                    "W wybranym zakresie było jedno spotkanie."
                    if lang == "pl"
                    else "There was one meeting in the selection."
                )
            )
            return Fragment("".join([*parts, persons_table]))
        combined = pd.merge(
            self.stats.repeat_participants,
            self.stats.repeat_organisations,
            on="meetings_attended",
            how="outer",
        ).fillna(0)
        columns = [
            Column("meetings_attended", "meetings_attended"),
            Column("participants", "participants"),
            Column("organisations", "organisations"),
        ]
        caption = (
            "Ile osób i organizacji było na dokładnie 1, 2, … spotkaniach"
            if lang == "pl"
            else "How many people and organisations attended exactly 1, 2, … meetings"
        )
        parts.append(self._table(combined, columns, caption, "repeat-participation"))
        parts.append(
            self._chart(
                plots.repeat_chart(
                    self.stats.repeat_participants, self.stats.repeat_organisations, lang
                )
            )
        )
        parts.append(persons_table)
        return Fragment("".join(parts))

    def other_areas_section(self) -> Fragment:
        """For an area report: where else the area's participants took part."""
        lang = self.lang
        parts = [heading("section_other_areas", lang)]
        if self.consultation.attendance is None or not self.area:
            return Fragment("")
        elsewhere = self._labelled(
            metrics.also_attended(self._whole_meetings, self.consultation.attendance, self.area)
        )
        if elsewhere.empty:
            parts.append(
                paragraph(
                    "Uczestnicy tego obszaru nie byli na spotkaniach innych obszarów."
                    if lang == "pl"
                    else "The participants of this area attended no meetings of other areas."
                )
            )
        else:
            caption = (
                "Ilu uczestników tego obszaru było też na spotkaniach innych obszarów"
                if lang == "pl"
                else "How many of this area's participants also attended other areas' meetings"
            )
            parts.append(
                self._table(
                    elsewhere,
                    [Column("area_label", "area", "text"), Column("participants", "participants")],
                    caption,
                    "other-areas",
                )
            )
            parts.append(
                self._chart(
                    plots.other_areas_chart(
                        elsewhere,
                        self.area,
                        len(self.people),
                        lang,
                        self._names("area").get(self.area, ""),
                    )
                )
            )
        return Fragment("".join(parts))

    def organisations_section(self) -> Fragment:
        """The organisations that took part (names escaped; no person is named)."""
        lang = self.lang
        if self.attendance is None:  # said once, in the key figures
            return Fragment("")
        parts = [heading("section_organisations", lang)]
        taking_part = metrics.organisations(self.meetings, self.attendance)
        if taking_part.empty:
            parts.append(paragraph(text("no_attendance", lang)))
            return Fragment("".join(parts))
        caption = (
            "Organizacje, ich przedstawiciele (różne osoby) i spotkania, na których były"
            if lang == "pl"
            else "Organisations, their representatives (distinct people) and the meetings they "
            "attended"
        )
        columns = [
            Column("organisation_name", "organisation", "text"),
            Column("persons", "persons"),
            Column("meetings", "meetings"),
        ]
        parts.append(self._table(taking_part, columns, caption, "organisations"))
        return Fragment("".join(parts))

    def reconciliation_section(self) -> Fragment:
        lang = self.lang
        # Published totals describe the whole consultation: only the whole is compared with
        # them (a part is shown as its share of the whole, in the key figures).
        if self.consultation.published is None or self._filtered or self.area:
            return Fragment("")
        parts = [heading("section_reconciliation", lang)]
        columns = [
            Column("measure", "measure", "measure"),
            Column("register", "register", "value"),
            Column("published", "published", "value"),
            Column("difference", "difference", "signed"),
            Column("status", "status", "status"),
        ]
        caption = (
            "Sumy z rejestru obecności a sumy opublikowane (różnica: rejestr minus opublikowane; "
            "dla dat w dniach)"
            if lang == "pl"
            else "Register totals beside the published ones (difference: register minus "
            "published; in days for dates)"
        )
        parts.append(self._table(self.stats.reconciliation, columns, caption, "reconciliation"))
        return Fragment("".join(parts))

    def quality_section(self) -> Fragment:
        lang = self.lang
        quality = self.data_quality()
        parts = [heading("section_quality", lang)]
        measures = ["rows_read", "accepted", "rejected"]
        if quality["table"] == "register":
            measures += ["duplicates", "other_tables_rejected"]
        if quality["left_out_meetings"]:
            measures.append("left_out_meetings")
        rows = pd.DataFrame([{"measure": m, "rows": quality[m]} for m in measures])
        if quality["table"] == "register":
            caption = (
                "Wiersze rejestru obecności (szczegóły odrzuceń: data/processed/rejected-rows.csv)"
                if lang == "pl"
                else "Attendance register rows (rejection details: "
                "data/processed/rejected-rows.csv)"
            )
        else:
            caption = (
                "Wiersze tabeli spotkań (szczegóły: data/processed/rejected-rows.csv i "
                "left-out-meetings.csv)"
                if lang == "pl"
                else "Meetings table rows (details: data/processed/rejected-rows.csv and "
                "left-out-meetings.csv)"
            )
        parts.append(
            table(
                rows,
                [Column("measure", "measure", "measure"), Column("rows", "rows")],
                lang,
                caption,
            )
        )
        if quality["by_reason"]:
            reasons = pd.DataFrame(
                [{"reason": r, "rows": n} for r, n in quality["by_reason"].items()]
            )
            parts.append(
                table(
                    reasons,
                    [Column("reason", "reason", "text"), Column("rows", "rows")],
                    lang,
                    "Powody odrzucenia" if lang == "pl" else "Reasons for rejection",
                )
            )
        if self.consultation.synthetic:
            parts.append(f'<p class="note">{esc(text("synthetic_banner", lang))}</p>')
        return Fragment("".join(parts))

    def definitions_section(self) -> Fragment:
        lang = self.lang
        if self.attendance is None:  # a counts source: its own terms
            items = list(COUNTS_DEFINITIONS[lang])
        elif lang == "pl":
            items = [
                "Uczestnik to osoba (pseudonim w rejestrze); liczona raz, choćby była na wielu "
                "spotkaniach.",
                "Obecność to para osoba–spotkanie; powtórzony wpis tej samej osoby na tym samym "
                "spotkaniu liczy się raz.",
                "Organizacja była na spotkaniu, jeśli była na nim co najmniej jedna osoba, która "
                "ją reprezentowała.",
                "Nowy uczestnik (nowa organizacja) na spotkaniu: jest to jego pierwsze spotkanie "
                "według daty (przy tej samej dacie: według identyfikatora spotkania).",
                "Zasięg: łączna liczba różnych osób i organizacji po każdym dniu spotkań.",
            ]
        else:
            items = [
                "A participant is a person (a pseudonym in the register), counted once however "
                "many meetings they attended.",
                "An attendance is a person–meeting pair; a repeated entry of the same person at "
                "the same meeting counts once.",
                "An organisation attended a meeting when at least one person representing it did.",
                "A new participant (organisation) at a meeting: it is their first meeting by date "
                "(on the same date: by meeting id).",
                "Reach: the cumulative number of distinct people and organisations after each "
                "meeting day.",
            ]
        body = "".join(f"<li>{esc(item)}</li>" for item in items)
        return Fragment(heading("section_definitions", lang) + f"<ul>{body}</ul>")

    # ------------------------------------------------------------------ charts and files

    @property
    def people(self) -> pd.Index:
        """The distinct participants of this report's meetings (never shown, only counted)."""
        if self.attendance is None:
            return pd.Index([])
        return pd.Index(self.attendance["participant_id"].astype(str).unique())

    @property
    def _filtered(self) -> bool:
        return bool(self.areas or self.start or self.end)

    @property
    def _whole_meetings(self) -> pd.DataFrame:
        return self.consultation.meetings

    def _chart(self, chart: plots.Chart) -> str:
        if self.consultation.synthetic:
            plots.mark_synthetic(chart, self.lang)
        png = plots.figure_bytes(chart.figure, "png")
        if self.output_dir is not None:
            chart.name = f"{self.report_name}-{chart.name}"
            plots.save_rendered(chart, self.output_dir / "figures", png)
        width, height = (int(v * plots.PNG_DPI) for v in chart.figure.get_size_inches())
        encoded = base64.b64encode(png).decode("ascii")
        return (
            f'<figure><img src="data:image/png;base64,{encoded}" alt="{esc(chart.alt)}" '
            f'width="{width}" height="{height}"></figure>'
        )

    def _export(self, frame: pd.DataFrame, table_name: str) -> None:
        """Write a table for officials as ``tables/<report>-<table>.csv`` (formulas neutralised)."""
        if self.output_dir is None:
            return
        out = frame.copy()
        for name in out.columns:
            if pd.api.types.is_datetime64_any_dtype(out[name]):
                out[name] = out[name].dt.strftime("%Y-%m-%d")
        if self.consultation.synthetic:
            out["synthetic"] = "true"  # the table says so even outside the report
        path = self.output_dir / "tables" / f"{self.report_name}-{table_name}.csv"
        atomic_write_bytes(path, safe_csv_bytes(out))

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

    def summary(self) -> dict:
        """The machine-readable summary (docs/data-contract.md §8); aggregates only."""
        stats = self.stats

        def records(frame: pd.DataFrame | None) -> list[dict]:
            if frame is None:
                return []
            out = frame.copy()
            for name in out.columns:
                if pd.api.types.is_datetime64_any_dtype(out[name]):
                    out[name] = out[name].dt.strftime("%Y-%m-%d")
            return json.loads(out.to_json(orient="records", date_format="iso"))

        reconciliation = stats.reconciliation.copy()
        for name in ("register", "published"):
            reconciliation[name] = reconciliation[name].map(
                lambda v: v.isoformat() if isinstance(v, dt.date) else v
            )
        return {
            "report": self.report_name,
            "area": self.area,
            "language": self.lang,
            "title": self.page_title(),
            "heading": self.heading_text,
            "consultation": self.title,
            "synthetic": self.consultation.synthetic,
            "filters": {
                "areas": self.areas,
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None,
            },
            "totals": {k: (None if v is None else int(v)) for k, v in stats.totals.items()},
            "period": {
                "start": stats.period[0].isoformat() if stats.period else None,
                "end": stats.period[1].isoformat() if stats.period else None,
            },
            "by_meeting": records(self._labelled(stats.by_meeting)),
            "by_area": records(
                self._labelled(stats.by_area).rename(columns={"area_label": "label"})
            ),
            "by_territory": records(
                self._labelled(stats.by_territory).rename(columns={"territory_label": "label"})
            )
            if stats.by_territory is not None
            else [],
            "by_month": records(stats.by_month),
            "by_kind": records(stats.by_kind),
            "by_week": records(stats.by_week),
            "reach_curve": records(stats.reach_curve)
            if stats.repeat_participants is not None
            else [],
            "repeat_participation": {
                "participants": records(stats.repeat_participants),
                "organisations": records(stats.repeat_organisations),
            },
            "persons_per_organisation": records(stats.persons_per_organisation),
            "reconciliation": json.loads(reconciliation.to_json(orient="records")),
            "published": self.consultation.published.as_dict()
            if self.consultation.published
            else None,
            "unavailable": stats.unavailable,
            "rejected_rows": self.data_quality(),
            "sources": [
                {"role": s.role, "file": s.path.name, "sha256": s.sha256, "synthetic": s.synthetic}
                for s in self.consultation.sources
            ],
            "version": __version__,
        }

    def write_summary(self) -> Fragment:
        """Write ``<report_name>.json`` into the output folder (if any); shows nothing."""
        if self.output_dir is not None:
            data = json.dumps(self.summary(), ensure_ascii=False, indent=2, sort_keys=False)
            atomic_write_text(self.output_dir / f"{self.report_name}.json", data + "\n")
        return Fragment("")


#: A ``register_path`` meaning "no register": statistics from the meetings' own counts.
NO_REGISTER = "none"


def _resolve(path: str, default: Path | None) -> Path | None:
    if path == NO_REGISTER:
        return None
    return Path(path) if path else default


def load_report(
    meetings_path: str = "",
    register_path: str = "",
    organisations_path: str = "",
    areas: Sequence[str] = (),
    area: str = "",
    start: str = "",
    end: str = "",
    lang: str = "pl",
    output_dir: str = "",
    report_name: str = "",
    title: str = "",
    meetings_columns: dict | None = None,
    register_columns: dict | None = None,
    locale: str = "",
) -> Report:
    """Load, validate and compute one report from the notebook parameters.

    Empty strings mean the defaults: the shipped announcement and synthetic
    register (with your own meetings, no register unless you name one), all areas,
    the whole period, no files written.
    """
    check_language(lang)
    report_name = report_name or (f"area-{area}" if area else "overview")
    consultation = load_consultation(
        _resolve(meetings_path, config.DEFAULT_MEETINGS_PATH),
        # the demo register goes with the shipped meetings only, never with a user's own
        _resolve(register_path, None if meetings_path else config.DEFAULT_REGISTER_PATH),
        _resolve(organisations_path, None),
        meetings_columns=meetings_columns or None,
        register_columns=register_columns or None,
        locale=locale,
    )
    start_date, end_date = _as_date(start, "start"), _as_date(end, "end")
    if start_date and end_date and start_date > end_date:
        raise ValueError(f"start {start_date} is after end {end_date}")
    chosen_areas = [area] if area else list(areas)
    known = set(consultation.meetings["area"])
    unknown = [a for a in chosen_areas if a not in known]
    if unknown:
        raise DataError(f"unknown area(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    meetings, attendance = metrics.select(
        consultation.meetings,
        consultation.attendance,
        areas=chosen_areas or None,
        start=start_date,
        end=end_date,
    )
    stats = metrics.overview(meetings, attendance, consultation.published)
    whole = (
        metrics.overview(consultation.meetings, consultation.attendance, consultation.published)
        if (chosen_areas or start_date or end_date)
        else stats
    )
    return Report(
        consultation=consultation,
        stats=stats,
        whole=whole,
        meetings=meetings,
        attendance=attendance,
        lang=lang,
        report_name=report_name,
        title=consultation.title(lang, title),
        area=area or None,
        areas=list(areas),
        start=start_date,
        end=end_date,
        output_dir=Path(output_dir) if output_dir else None,
    )
