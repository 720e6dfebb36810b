"""The remarks register's chart: how the remarks of each area were dealt with.

One horizontal bar per area, stacked by outcome in the order of
:data:`analysis.validation.outcomes.OUTCOMES`, one colour-blind-safe colour per outcome
(the same colour for an outcome in every chart), areas in the order of the table beside
the chart (:func:`analysis.metrics.remarks.outcomes_by_area`: most remarks first). Like
the other builders, it draws and computes nothing else.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter, MaxNLocator

from analysis.catalogue.labels import format_number, sentence, text
from analysis.charts.style import PALETTE, Chart, area_names, new_figure, with_style, wrap
from analysis.validation.outcomes import OUTCOMES

#: Each outcome's colour from seaborn's colour-blind palette, chosen for what it says:
#: accepted bluish green, partly accepted sky blue, rejected vermillion, explained grey,
#: already covered blue, withdrawn brown, pending yellow.
OUTCOME_COLOURS = {
    "accepted": PALETTE[2],
    "partly_accepted": PALETTE[9],
    "rejected": PALETTE[3],
    "explained": PALETTE[7],
    "already_covered": PALETTE[0],
    "withdrawn": PALETTE[5],
    "pending": PALETTE[8],
}


@with_style
def outcomes_by_area_chart(by_area: pd.DataFrame, lang: str = "pl") -> Chart:
    """Remarks per area stacked by outcome, the table's first area at the top, each bar
    labelled with its total; ``by_area`` has a column per outcome code and ``remarks``
    (and ``area_label``, the area as shown, when the report has one)."""
    names = area_names(by_area, lang)
    height = max(2.6, 0.23 * len(by_area) + 1.6)
    figure, axes = new_figure(9, height)
    y = np.arange(len(by_area))[::-1]  # the table's first row at the top
    left = np.zeros(len(by_area))
    for code in OUTCOMES:
        values = by_area[code].to_numpy(dtype=float)
        if not values.any():
            continue  # an outcome no area has: no empty entry in the legend
        axes.barh(
            y,
            values,
            0.6,
            left=left,
            color=OUTCOME_COLOURS[code],
            label=text(f"outcomes_{code}", lang),
        )
        left = left + values
    for row, total in zip(y, left, strict=True):
        axes.annotate(
            format_number(total, lang),
            (total, row),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    axes.set_yticks(y, [wrap(name, 64) for name in names])  # one line each: the bars stay apart
    axes.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))  # room for "1 800"
    axes.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_number(x, lang)))
    axes.set_xlim(0, max([1.0, *left]) * 1.12)
    axes.grid(axis="y", visible=False)
    axes.set_title(wrap(text("chart_remarks_by_area", lang), 70))
    axes.set_xlabel(text("remarks_count", lang))
    axes.set_ylabel(text("area", lang))
    if axes.get_legend_handles_labels()[0]:
        figure.legend(loc="outside lower center", ncols=4, frameon=False, fontsize=8)
    return Chart(figure, f"remarks-by-area-{lang}", _alt(by_area, names, lang))


def _alt(by_area: pd.DataFrame, names: list[str], lang: str) -> str:
    if by_area.empty:
        return text("chart_remarks_by_area", lang)
    top = int(np.argmax(by_area["remarks"].to_numpy()))  # the first of the largest
    return sentence(
        "alt_remarks_by_area",
        lang,
        remarks=int(by_area["remarks"].sum()),
        count=len(by_area),
        name=names[top],
        largest=int(by_area["remarks"].iloc[top]),
    )
