"""Charts of summed figures (attendances or meetings per area, territory, kind or month).

They need no register, so a source that publishes per-meeting counts gets them
too. One bar per group, labelled with its value; groups are drawn largest first, ties
by label (:func:`~analysis.charts.style.largest_first`, the order of the table beside
the chart), months in calendar order. Past :data:`MAX_BARS` groups the smallest are
drawn as one bar, "6 other areas", so labels never crowd: last, set apart by a gap,
grey and hatched, so that it is never read as a group of its own, however long it is;
the full table stays beside the chart. Like :mod:`analysis.charts.participation`, these
draw and compute nothing else.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.catalogue.labels import plural, sentence
from analysis.charts.style import (
    PARTICIPANTS_COLOUR,
    Chart,
    bar_labels,
    integer_axis,
    largest_first,
    new_figure,
    with_style,
    wrap,
)

#: The most bars one chart draws; more groups are folded into "other".
MAX_BARS = 25
#: How the folded bar is drawn: grey, hatched, a bar's width below the others.
OTHER_COLOUR = "#c8c8c8"
OTHER_EDGE = "#6e6e6e"
OTHER_HATCH = "///"
OTHER_GAP = 0.6


def _folded(
    labels: list[str], values: list[float], group: str, lang: str
) -> tuple[list[str], list[float], tuple[str, float] | None]:
    """The groups drawn one by one, and the folded rest (its label and sum) or None."""
    if len(labels) <= MAX_BARS:
        return labels, values, None
    keep = MAX_BARS - 1
    other = plural(f"other_{group}", lang, len(labels) - keep)
    return labels[:keep], values[:keep], (other, float(np.nansum(values[keep:])))


@with_style
def bars_chart(
    frame: pd.DataFrame,
    label_column: str,
    value_column: str,
    title: str,
    axis_title: str,
    group_title: str,
    name: str,
    lang: str = "pl",
    ordered: bool = False,
    group: str = "group",
) -> Chart:
    """Horizontal bars of ``value_column`` per row, labelled by ``label_column``; the value
    axis is titled ``axis_title``, the group axis ``group_title``.

    Rows with no value (an unknown count) are left out. ``ordered`` keeps the
    frame's order (months); otherwise the largest comes first and past :data:`MAX_BARS`
    the smallest are folded into one bar named by ``group`` (``area``, ``kind``,
    ``territory``: "6 other areas").
    """
    rows = frame[frame[value_column].notna()]
    if not ordered:
        rows = largest_first(rows, value_column, rows[label_column])
    labels = [str(v) for v in rows[label_column]]
    values = [float(v) for v in rows[value_column]]
    other = None
    if not ordered:  # months stay whole: folding would hide the latest ones
        labels, values, other = _folded(labels, values, group, lang)
    count = len(labels) + (other is not None)
    height = max(2.5, 0.36 * count + 1.4 + (OTHER_GAP * 0.36 if other else 0))
    figure, axes = new_figure(9, height)
    base = 1 + OTHER_GAP if other else 0  # the folded bar at 0, a gap above it
    y = base + np.arange(len(labels))[::-1]  # the first row at the top
    bars = axes.barh(y, values, 0.6, color=PARTICIPANTS_COLOUR)
    bar_labels(axes, bars, lang)
    ticks, names = list(y), [wrap(label, 44) for label in labels]
    if other is not None:
        folded = axes.barh(
            [0], [other[1]], 0.6, color=OTHER_COLOUR, edgecolor=OTHER_EDGE, hatch=OTHER_HATCH
        )
        bar_labels(axes, folded, lang)
        ticks.append(0)
        names.append(wrap(other[0], 44))
    axes.set_yticks(ticks, names)
    integer_axis(axes.xaxis, lang)
    drawn = [*values, other[1]] if other else values
    axes.set_xlim(0, max([1.0, *drawn]) * 1.15)
    axes.grid(axis="y", visible=False)
    axes.set_title(wrap(title, 70))
    axes.set_xlabel(axis_title)
    axes.set_ylabel(group_title)
    alt = _alt(title, labels, values, ordered, lang, count)
    if other is not None:
        alt = f"{alt} {sentence('alt_bars_folded', lang, name=other[0])}"
    return Chart(figure, name, alt)


def _alt(
    title: str, labels: list[str], values: list[float], ordered: bool, lang: str, count: int
) -> str:
    """What the chart shows; its largest group is one drawn alone, never the folded rest."""
    if not labels:
        return title
    top = int(np.argmax(values))
    key = "alt_bars_ordered" if ordered else "alt_bars_largest"
    return sentence(key, lang, title=title, count=count, name=labels[top], value=values[top])
