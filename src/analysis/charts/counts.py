"""Charts of summed figures (attendances or meetings per area, territory, kind or month).

They need no register, so a source that publishes per-meeting counts gets them
too. One bar per group, labelled with its value; groups are drawn largest first
(months in calendar order). Past :data:`MAX_BARS` groups the smallest are drawn
as one bar "other (N)", so labels never crowd; the full table stays beside the
chart. Like :mod:`analysis.charts.participation`, these draw and compute nothing else.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.catalogue.labels import sentence
from analysis.charts.style import (
    PARTICIPANTS_COLOUR,
    Chart,
    bar_labels,
    integer_axis,
    new_figure,
    with_style,
    wrap,
)

#: The most bars one chart draws; more groups are folded into "other".
MAX_BARS = 25


def _folded(labels: list[str], values: list[float], lang: str) -> tuple[list[str], list[float]]:
    if len(labels) <= MAX_BARS:
        return labels, values
    keep = MAX_BARS - 1
    rest = len(labels) - keep
    other = sentence("other_groups_count", lang, count=rest)
    return [*labels[:keep], other], [*values[:keep], float(np.nansum(values[keep:]))]


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
) -> Chart:
    """Horizontal bars of ``value_column`` per row, labelled by ``label_column``; the value
    axis is titled ``axis_title``, the group axis ``group_title``.

    Rows with no value (an unknown count) are left out. ``ordered`` keeps the
    frame's order (months); otherwise the largest comes first.
    """
    rows = frame[frame[value_column].notna()]
    if not ordered:
        rows = rows.sort_values(value_column, ascending=False, kind="stable")
    labels = [str(v) for v in rows[label_column]]
    values = [float(v) for v in rows[value_column]]
    if not ordered:  # months stay whole: folding would hide the latest ones
        labels, values = _folded(labels, values, lang)
    height = max(2.5, 0.36 * len(labels) + 1.4)
    figure, axes = new_figure(9, height)
    y = np.arange(len(labels))[::-1]  # the first row at the top
    bars = axes.barh(y, values, 0.6, color=PARTICIPANTS_COLOUR)
    bar_labels(axes, bars, lang)
    axes.set_yticks(y, [wrap(label, 44) for label in labels])
    integer_axis(axes.xaxis)
    axes.set_xlim(0, max([1.0, *values]) * 1.15)
    axes.grid(axis="y", visible=False)
    axes.set_title(wrap(title, 70))
    axes.set_xlabel(axis_title)
    axes.set_ylabel(group_title)
    alt = _alt(title, labels, values, ordered, lang)
    return Chart(figure, name, alt)


def _alt(title: str, labels: list[str], values: list[float], ordered: bool, lang: str) -> str:
    if not labels:
        return title
    top = int(np.argmax(values))
    key = "alt_bars_ordered" if ordered else "alt_bars_largest"
    return sentence(key, lang, title=title, count=len(labels), name=labels[top], value=values[top])
