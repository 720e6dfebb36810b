"""Chart specs drawn: a :class:`~analysis.views.blocks.ChartSpec` becomes a figure, once.

:func:`draw` calls the chart builder a spec names (:mod:`analysis.charts.participation`,
:mod:`analysis.charts.counts`, :mod:`analysis.charts.remarks`) in the report's language,
marks it synthetic when the data is, and renders its PNG; the page embeds those bytes and
:mod:`analysis.views.outputs` writes the same bytes (and the SVG) to ``figures/``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass

from analysis.catalogue.labels import text
from analysis.charts import counts, participation, style
from analysis.charts import remarks as remark_charts
from analysis.views.blocks import ChartSpec


def _sums(frame, label, key, ordered, lang):
    return counts.bars_chart(
        frame,
        label,
        "attendances",
        text(f"chart_attendances_by_{key}", lang),
        text("attendances", lang),
        text(key, lang),
        f"attendances-by-{key}-{lang}",
        lang,
        ordered,
        group=key,
    )


#: builder name -> function(**spec.data, lang=...) -> participation.Chart
BUILDERS: dict[str, Callable[..., participation.Chart]] = {
    "by_meeting": lambda by_meeting, lang: participation.by_meeting_chart(by_meeting, lang),
    "by_area": lambda by_area, lang: participation.by_area_chart(by_area, lang),
    "area_kind": lambda by_area_kind, areas, kinds, lang: participation.area_kind_heatmap(
        by_area_kind, lang, areas, kinds
    ),
    "reach": lambda by_date, published, lang: participation.reach_chart(by_date, lang, published),
    "repeat": lambda repeat_participants, repeat_organisations, lang: participation.repeat_chart(
        repeat_participants, repeat_organisations, lang
    ),
    "other_areas": lambda elsewhere, area, participants, name, lang: (
        participation.other_areas_chart(elsewhere, area, participants, lang, name)
    ),
    "sums": lambda frame, label, key, ordered, lang: _sums(frame, label, key, ordered, lang),
    "remarks_by_area": lambda by_area, lang: remark_charts.outcomes_by_area_chart(by_area, lang),
}


@dataclass
class DrawnChart:
    """A chart ready for the page and for ``figures/``: ``file_stem`` is
    ``<report>-<name>-<lang>``."""

    file_stem: str
    chart: participation.Chart
    png: bytes

    @property
    def alt(self) -> str:
        return self.chart.alt

    @property
    def src(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")

    @property
    def size(self) -> tuple[int, int]:
        width, height = self.chart.figure.get_size_inches()
        return int(width * style.PNG_DPI), int(height * style.PNG_DPI)


def draw(spec: ChartSpec, lang: str, report_name: str, synthetic: bool) -> DrawnChart:
    """Draw ``spec`` in ``lang``; a synthetic chart says so on the image and in its alt text."""
    chart = BUILDERS[spec.builder](**spec.data, lang=lang)
    if synthetic:
        style.mark_synthetic(chart, lang)
    png = style.figure_bytes(chart.figure, "png")
    return DrawnChart(f"{report_name}-{spec.name}-{lang}", chart, png)
