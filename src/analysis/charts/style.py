"""What every chart shares: style, palette, the :class:`Chart` record, helpers, saving.

The chart builders (:mod:`analysis.charts.participation`, :mod:`analysis.charts.counts`) draw
with these; :func:`save` writes PNG (200 dpi) and SVG, byte-identical when run
twice on the same input.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import io  # noqa: E402
import textwrap  # noqa: E402

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from analysis.catalogue.labels import area_label, format_date, format_number, sentence, text  # noqa: E402
from analysis.files import atomic_write_bytes  # noqa: E402

PALETTE = sns.color_palette("colorblind")
PARTICIPANTS_COLOUR = PALETTE[0]
ORGANISATIONS_COLOUR = PALETTE[1]
PNG_DPI = 200
_STYLE = {
    **sns.axes_style("whitegrid"),
    "font.family": "DejaVu Sans",  # ships with matplotlib and has every Polish letter
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "svg.hashsalt": "analysis",  # stable ids in SVG files
    "svg.fonttype": "path",
    "figure.dpi": 100,
}


@dataclass
class Chart:
    figure: Figure
    name: str  # file stem, e.g. "by-meeting-pl"
    alt: str  # what the chart shows, in the chart's language


def new_figure(width: float, height: float) -> tuple[Figure, plt.Axes]:
    with plt.rc_context(_STYLE):
        figure = Figure(figsize=(width, height), layout="constrained")
        FigureCanvasAgg(figure)
        axes = figure.add_subplot()
    return figure, axes


def date_formatter(lang: str) -> FuncFormatter:
    """Day and month, the month whole (a Polish day takes its genitive: "25 maja")."""
    return FuncFormatter(lambda x, _pos: format_date(mdates.num2date(x), lang, "day-month"))


def integer_axis(axis, lang: str) -> None:
    """Whole-number ticks written as the language writes numbers (Polish 1 234, English 1,234)."""
    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda x, _pos: format_number(x, lang)))


def largest_first(frame: pd.DataFrame, measure: str, labels) -> pd.DataFrame:
    """The rows of ``frame`` by ``measure``, the largest first, ties by their label as shown
    (``labels``, one per row, compared without case); rows with no value last. A group
    table and its chart are put in this one order.

    >>> frame = pd.DataFrame({"name": ["b", "A", "c", "d"], "n": [2, 2, None, 5]})
    >>> largest_first(frame, "n", frame["name"])["name"].tolist()
    ['d', 'A', 'b', 'c']
    """
    values = pd.to_numeric(frame[measure], errors="coerce").astype(float).to_numpy()
    names = [str(label).casefold() for label in labels]
    missing = np.isnan(values)
    order = sorted(
        range(len(frame)), key=lambda i: (missing[i], 0.0 if missing[i] else -values[i], names[i])
    )
    return frame.iloc[order].reset_index(drop=True)


def bar_labels(axes, bars, lang: str, **kwargs) -> None:
    axes.bar_label(
        bars,
        labels=[format_number(b, lang) for b in bars.datavalues],
        padding=2,
        fontsize=8,
        **kwargs,
    )


def with_style(builder):
    def wrapped(*args, **kwargs):
        with plt.rc_context(_STYLE):
            return builder(*args, **kwargs)

    wrapped.__doc__ = builder.__doc__
    wrapped.__name__ = builder.__name__
    return wrapped


def area_name(row, lang: str) -> str:
    """How a row's area is shown: its ``area_label`` when the frame carries one (the name
    as the source wrote it), else the label of its code."""
    label = row.get("area_label") if hasattr(row, "get") else None
    return label if isinstance(label, str) and label else area_label(row["area"], lang)


def area_names(frame: pd.DataFrame, lang: str) -> list[str]:
    return [area_name(row, lang) for _, row in frame.iterrows()]


def paired_bars(axes, rows: pd.DataFrame, lang: str) -> np.ndarray:
    """Participants above organisations, one pair of labelled horizontal bars per row."""
    y = np.arange(len(rows))
    bar = 0.4
    for column, colour, shift in (
        ("participants", PARTICIPANTS_COLOUR, bar / 2),
        ("organisations", ORGANISATIONS_COLOUR, -bar / 2),
    ):
        bars = axes.barh(y + shift, rows[column], bar, color=colour, label=text(column, lang))
        bar_labels(axes, bars, lang)
    return y


def wrap(label: str, width: int) -> str:
    """A label over lines of at most ``width`` characters; ``$`` is shown, not read as maths."""
    wrapped = "\n".join(textwrap.wrap(label, width, break_long_words=False)) or label
    return wrapped.replace("$", r"\$")


def mark_synthetic(chart: Chart, lang: str = "pl") -> Chart:
    """Say on the chart itself (and in its alt text) that it was made from synthetic data,
    so a PNG or SVG taken out of a report still says so."""
    note = text("synthetic_note", lang)
    chart.figure.suptitle(note, x=0.99, ha="right", fontsize=9, fontweight="bold", color="#8a5a00")
    chart.alt = sentence("alt_synthetic", lang, alt=chart.alt, note=note)
    return chart


def figure_bytes(figure: Figure, fmt: str) -> bytes:
    """The figure as PNG or SVG bytes, with no creation date or software stamp."""
    buffer = io.BytesIO()
    metadata = {"Date": None, "Creator": None} if fmt == "svg" else {"Software": None}
    with plt.rc_context(_STYLE):
        figure.savefig(buffer, format=fmt, dpi=PNG_DPI, metadata=metadata)
    return buffer.getvalue()


def save(chart: Chart, folder: str | Path) -> dict[str, Path]:
    """Write ``<name>.png`` (200 dpi) and ``<name>.svg`` into ``folder``, atomically."""
    return save_rendered(chart, folder, figure_bytes(chart.figure, "png"))


def save_rendered(chart: Chart, folder: str | Path, png: bytes) -> dict[str, Path]:
    """Like :func:`save`, reusing PNG bytes ``png`` just rendered from the chart as it is
    (for embedding, say). The SVG keeps the layout that render made."""
    folder = Path(folder)
    return {
        "png": atomic_write_bytes(folder / f"{chart.name}.png", png),
        "svg": atomic_write_bytes(folder / f"{chart.name}.svg", _svg_as_laid_out(chart.figure)),
    }


def _svg_as_laid_out(figure: Figure) -> bytes:
    """The figure as SVG, its axes where the last render placed them: constrained layout,
    which measures every label, runs once per chart instead of once per format (a fifth
    of a report's drawing time), and the SVG and PNG of a chart have the same layout."""
    engine = figure.get_layout_engine()
    figure.set_layout_engine("none")
    try:
        return figure_bytes(figure, "svg")
    finally:
        figure.set_layout_engine(engine)
