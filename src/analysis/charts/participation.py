"""Charts of the participation statistics. They draw; they compute nothing.

Each builder takes frames from :mod:`analysis.metrics` and a language, and
returns a :class:`Chart`: the matplotlib figure, a file stem and alt text
saying what the chart shows (for the HTML). Polish and English versions come
from the same code, every word from the label catalogue; dates use Polish month
names in Polish. Style, palette and saving live in :mod:`analysis.charts.style`.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
import seaborn as sns

from analysis.catalogue.labels import area_label, format_number, kind_label, sentence, text
from analysis.charts.style import (
    ORGANISATIONS_COLOUR,
    PARTICIPANTS_COLOUR,
    Chart,
    area_name,
    area_names,
    bar_labels,
    date_formatter,
    integer_axis,
    largest_first,
    new_figure,
    paired_bars,
    with_style,
    wrap,
)


@with_style
def by_meeting_chart(by_meeting: pd.DataFrame, lang: str = "pl") -> Chart:
    """Participants and organisations per meeting: paired bars, one row per meeting in date
    order (earliest at the top), each row labelled with its date and area."""
    rows = by_meeting.iloc[::-1]
    height = max(2.5, 0.48 * len(rows) + 1.3)
    figure, axes = new_figure(9, height)
    y = paired_bars(axes, rows, lang)
    labels = [
        sentence("meeting_row", lang, date=d, name=wrap(name, 34))
        for d, name in zip(rows["date"], area_names(rows, lang), strict=True)
    ]
    axes.set_yticks(y, labels)
    integer_axis(axes.xaxis, lang)
    axes.set_xlim(0, max(1, rows[["participants", "organisations"]].to_numpy().max()) * 1.12)
    axes.set_title(text("chart_by_meeting", lang))
    axes.set_xlabel(text("axis_people_orgs", lang))
    axes.set_ylabel(text("axis_meeting_date", lang))
    axes.legend(loc="lower right", frameon=True)
    axes.grid(axis="y", visible=False)
    busiest = by_meeting.sort_values("participants", ascending=False, kind="stable").head(1)
    alt = _alt_by_meeting(by_meeting, busiest, lang)
    return Chart(figure, f"by-meeting-{lang}", alt)


def _alt_by_meeting(by_meeting: pd.DataFrame, busiest: pd.DataFrame, lang: str) -> str:
    if len(by_meeting) == 0:
        return text("chart_by_meeting", lang)
    top = busiest.iloc[0]
    values = {
        "participants": top["participants"],
        "organisations": top["organisations"],
        "name": area_name(top, lang),
        "date": top["date"],
    }
    if len(by_meeting) == 1:
        return sentence("alt_by_meeting_one", lang, **values)
    first, last = by_meeting["date"].min(), by_meeting["date"].max()
    return sentence("alt_by_meeting", lang, count=len(by_meeting), first=first, last=last, **values)


@with_style
def by_area_chart(by_area: pd.DataFrame, lang: str = "pl") -> Chart:
    """Distinct participants and organisations per area, as horizontal bars: the most
    participants at the top, ties by name (the area table's order)."""
    ordered = largest_first(by_area, "participants", area_names(by_area, lang)).iloc[::-1]
    height = max(2.5, 0.45 * len(ordered) + 1.3)
    figure, axes = new_figure(9, height)
    y = paired_bars(axes, ordered, lang)
    axes.set_yticks(y, [wrap(name, 38) for name in area_names(ordered, lang)])
    integer_axis(axes.xaxis, lang)
    axes.set_xlim(0, max(1, ordered[["participants", "organisations"]].to_numpy().max()) * 1.12)
    axes.set_title(text("chart_by_area", lang))
    axes.set_xlabel(text("axis_people_orgs", lang))
    axes.set_ylabel(text("area", lang))
    axes.legend(loc="lower right", frameon=True)
    axes.grid(axis="y", visible=False)
    alt = text("chart_by_area", lang)
    if len(ordered):
        top = ordered.iloc[-1]
        name, participants = area_name(top, lang), top["participants"]
        alt = sentence(
            "alt_by_area", lang, count=len(ordered), name=name, participants=participants
        )
    return Chart(figure, f"by-area-{lang}", alt)


@with_style
def reach_chart(
    by_date: pd.DataFrame, lang: str = "pl", published: dict[str, int] | None = None
) -> Chart:
    """The reach curve: cumulative distinct participants and organisations after each date."""
    figure, axes = new_figure(9, 4.4)
    dates = pd.to_datetime(by_date["date"])
    for column, colour, marker in (
        ("cumulative_participants", PARTICIPANTS_COLOUR, "o"),
        ("cumulative_organisations", ORGANISATIONS_COLOUR, "s"),
    ):
        key = column.removeprefix("cumulative_")
        axes.step(
            dates, by_date[column], where="post", color=colour, linewidth=2, label=text(key, lang)
        )
        axes.plot(dates, by_date[column], linestyle="none", marker=marker, color=colour)
        if len(by_date):
            last = by_date[column].iloc[-1]
            axes.annotate(
                format_number(last, lang),
                (dates.iloc[-1], last),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
                color=colour,
            )
        if published and published.get(key) is not None:
            axes.axhline(published[key], color=colour, linestyle=":", linewidth=1.2)
            axes.annotate(
                sentence("published_total_value", lang, value=published[key]),
                (dates.iloc[0] if len(dates) else 0, published[key]),
                xytext=(0, 4),
                textcoords="offset points",
                fontsize=8,
                color=colour,
            )
    axes.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=4, maxticks=10))
    axes.xaxis.set_major_formatter(date_formatter(lang))
    integer_axis(axes.yaxis, lang)
    top = max(
        [
            by_date["cumulative_participants"].max() if len(by_date) else 0,
            *(published or {}).values(),
            1,
        ]
    )
    axes.set_ylim(0, top * 1.12)
    if len(dates):
        axes.set_xlim(dates.min() - pd.Timedelta(days=2), dates.max() + pd.Timedelta(days=5))
    axes.set_title(text("chart_reach", lang))
    axes.set_xlabel(text("date", lang))
    axes.set_ylabel(text("axis_people_orgs", lang))
    axes.legend(loc="center right", frameon=True)
    if len(by_date):
        alt = sentence(
            "alt_reach",
            lang,
            participants=by_date["cumulative_participants"].iloc[-1],
            organisations=by_date["cumulative_organisations"].iloc[-1],
        )
    else:
        alt = text("chart_reach", lang)
    return Chart(figure, f"reach-{lang}", alt)


@with_style
def repeat_chart(
    repeat_participants: pd.DataFrame, repeat_organisations: pd.DataFrame, lang: str = "pl"
) -> Chart:
    """How many participants and organisations attended exactly k meetings."""
    figure, axes = new_figure(9, 4.2)
    ks = sorted(
        set(repeat_participants["meetings_attended"])
        | set(repeat_organisations["meetings_attended"])
    )
    x = np.arange(len(ks))
    people = repeat_participants.set_index("meetings_attended")["participants"].reindex(
        ks, fill_value=0
    )
    orgs = repeat_organisations.set_index("meetings_attended")["organisations"].reindex(
        ks, fill_value=0
    )
    width = 0.4
    bars_p = axes.bar(
        x - width / 2,
        people.to_numpy(),
        width,
        color=PARTICIPANTS_COLOUR,
        label=text("participants", lang),
    )
    bars_o = axes.bar(
        x + width / 2,
        orgs.to_numpy(),
        width,
        color=ORGANISATIONS_COLOUR,
        label=text("organisations", lang),
    )
    bar_labels(axes, bars_p, lang)
    bar_labels(axes, bars_o, lang)
    axes.set_xticks(x, [format_number(k, lang) for k in ks])
    integer_axis(axes.yaxis, lang)
    axes.set_ylim(
        0, max(1, people.max() if len(people) else 1, orgs.max() if len(orgs) else 1) * 1.15
    )
    axes.set_title(text("chart_repeat", lang))
    axes.set_xlabel(text("meetings_attended", lang))
    axes.set_ylabel(text("axis_people_orgs", lang))
    axes.legend(loc="upper right", frameon=False)
    axes.grid(axis="x", visible=False)
    once = int(people.get(1, 0))
    total = int(people.sum())
    alt = sentence("alt_repeat", lang, once=once, total=total)
    return Chart(figure, f"repeat-{lang}", alt)


@with_style
def other_areas_chart(
    elsewhere: pd.DataFrame, area: str, participants: int, lang: str = "pl", name: str = ""
) -> Chart:
    """How many of an area's participants also attended each other area's meetings: the
    most at the top, ties by name (the table's order)."""
    ordered = largest_first(elsewhere, "participants", area_names(elsewhere, lang)).iloc[::-1]
    height = max(2.5, 0.38 * len(ordered) + 1.4)
    figure, axes = new_figure(9, height)
    y = np.arange(len(ordered))
    bars = axes.barh(y, ordered["participants"], 0.6, color=PARTICIPANTS_COLOUR)
    bar_labels(axes, bars, lang)
    axes.set_yticks(y, [wrap(name, 40) for name in area_names(ordered, lang)])
    integer_axis(axes.xaxis, lang)
    axes.set_xlim(0, max(1, int(ordered["participants"].max()) if len(ordered) else 1) * 1.15)
    axes.grid(axis="y", visible=False)
    title = text("section_other_areas", lang)
    axes.set_title(title)
    axes.set_xlabel(text("people_count", lang))
    axes.set_ylabel(text("area", lang))
    name = area_label(area, lang, name)
    alt = title
    if len(ordered):
        top = ordered.iloc[-1]
        values = {"count": len(ordered), "name": area_name(top, lang), "most": top["participants"]}
        alt = sentence("alt_other_areas", lang, participants=participants, area=name, **values)
    return Chart(figure, f"other-areas-{lang}", alt)


@with_style
def area_kind_heatmap(
    by_area_kind: pd.DataFrame,
    lang: str = "pl",
    areas: list[str] | None = None,
    kinds: list[str] | None = None,
) -> Chart:
    """Distinct participants for each area (rows) and meeting kind (columns), in the order
    of ``areas`` and ``kinds`` (codes: the area and kind tables' orders), else as the
    frame first names them."""
    areas, kinds = _in_order(by_area_kind["area"], areas), _in_order(by_area_kind["kind"], kinds)
    names_by_area = dict(zip(by_area_kind["area"], area_names(by_area_kind, lang), strict=True))
    kind_names = dict(
        zip(by_area_kind["kind"], by_area_kind.get("kind_label", by_area_kind["kind"]), strict=True)
    )
    grid = by_area_kind.pivot_table(
        index="area", columns="kind", values="participants", aggfunc="sum", sort=False
    ).reindex(index=areas, columns=kinds)
    height = max(2.8, 0.42 * len(areas) + 1.6)
    figure, axes = new_figure(9, height)
    annotations = grid.map(lambda v: "" if pd.isna(v) else format_number(v, lang))
    sns.heatmap(
        grid.astype(float),
        ax=axes,
        cmap="viridis",
        annot=annotations.to_numpy(),
        fmt="",
        linewidths=0.5,
        linecolor="white",
        cbar_kws={"label": text("people_count", lang)},
        mask=grid.isna().to_numpy(),
    )
    axes.collections[0].colorbar.solids.set_rasterized(False)  # vectors in a PDF, too
    integer_axis(axes.collections[0].colorbar.ax.yaxis, lang)
    axes.set_yticks(
        np.arange(len(areas)) + 0.5, [wrap(names_by_area[a], 40) for a in areas], rotation=0
    )
    axes.set_xticks(
        np.arange(len(kinds)) + 0.5,
        [wrap(kind_label(k, lang, kind_names[k]), 12) for k in kinds],
        rotation=0,
    )
    axes.grid(visible=False)
    axes.set_xlabel(text("kind", lang))
    axes.set_ylabel(text("area", lang))
    axes.set_title(text("chart_heatmap", lang))
    alt = sentence("alt_heatmap", lang, areas=len(areas), kinds=len(kinds))
    return Chart(figure, f"area-kind-{lang}", alt)


def _in_order(present: pd.Series, order: list[str] | None) -> list[str]:
    """The codes of ``present``, those ``order`` names first and in its order."""
    codes = list(dict.fromkeys(present))
    return [c for c in order or () if c in codes] + [c for c in codes if c not in (order or ())]
