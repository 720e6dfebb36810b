"""The remarks chart: outcomes by area, stacked, in the table's order, in both languages."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.catalogue.labels import area_label, text
from analysis.charts import remarks as remark_charts
from analysis.charts import style
from analysis.metrics.remarks import outcomes_by_area
from analysis.validation.outcomes import OUTCOMES

pytestmark = pytest.mark.charts

#: area -> remarks per outcome (OUTCOMES order); the long names wrap over lines.
COUNTS = {
    "human-rights": [300, 120, 900, 60, 40, 30, 50],  # 1 500 remarks: thousands on the axis
    "culture": [4, 1, 2, 0, 1, 0, 0],
    "premises": [0, 0, 0, 1, 0, 0, 1],
    "social-welfare": [0, 0, 0, 0, 0, 1, 0],
    "seniors": [0, 1, 0, 0, 0, 0, 0],
}


def _by_area(lang: str) -> pd.DataFrame:
    rows = [
        {"area": area, "outcome": code}
        for area, counts in COUNTS.items()
        for code, n in zip(OUTCOMES, counts, strict=True)
        for _ in range(n)
    ]
    table = outcomes_by_area(pd.DataFrame(rows))
    return table.assign(area_label=[area_label(a, lang) for a in table["area"]])


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_bars_follow_the_table_and_stack_the_outcomes_in_order(lang):
    by_area = _by_area(lang)
    # most remarks first: human rights 1 500, culture 8, premises 2, then 1 each by code
    assert by_area["area"].tolist() == [
        "human-rights", "culture", "premises", "seniors", "social-welfare",
    ]  # fmt: skip
    chart = remark_charts.outcomes_by_area_chart(by_area, lang)
    axes = chart.figure.axes[0]
    ticks = sorted(axes.get_yticklabels(), key=lambda t: -t.get_position()[1])  # top first
    shown = [t.get_text().replace("\n", " ") for t in ticks]
    assert shown == by_area["area_label"].tolist()
    # one container per outcome some area has (all seven here), in OUTCOMES order, each
    # bar starting where the outcome before it ended
    legend = chart.figure.legends[0]
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == [text(f"outcomes_{code}", lang) for code in OUTCOMES]
    top = [container[0] for container in axes.containers]  # the first area's segments
    assert [bar.get_width() for bar in top] == COUNTS["human-rights"]
    assert [bar.get_x() for bar in top] == [0, 300, 420, 1320, 1380, 1420, 1450]
    colours = [container[0].get_facecolor()[:3] for container in axes.containers]
    assert colours == [tuple(remark_charts.OUTCOME_COLOURS[code]) for code in OUTCOMES]
    assert chart.name == f"remarks-by-area-{lang}"


def test_tick_labels_and_alt_text_are_in_the_language():
    polish = remark_charts.outcomes_by_area_chart(_by_area("pl"), "pl")
    english = remark_charts.outcomes_by_area_chart(_by_area("en"), "en")
    polish.figure.canvas.draw()
    english.figure.canvas.draw()
    pl_ticks = [t.get_text() for t in polish.figure.axes[0].get_xticklabels()]
    en_ticks = [t.get_text() for t in english.figure.axes[0].get_xticklabels()]
    # five ticks at most (room for four digits): 0, 400, ..., 2 000 in each locale's form
    assert pl_ticks[-1] == "2\xa0000" and en_ticks[-1] == "2,000"
    assert len(pl_ticks) <= 7
    assert polish.figure.axes[0].get_title(loc="left") == "Sposób rozpatrzenia uwag według obszaru"
    assert polish.alt == (
        "Skumulowany wykres słupkowy poziomy: sposób rozpatrzenia 1\xa0512 uwag w 5 obszarach, "
        "od obszaru z największą liczbą uwag. Najwięcej uwag: „Antydyskryminacja, mniejszości, "
        "prawa kobiet, prawa człowieka” (1\xa0500)."
    )
    assert english.alt.startswith(
        "Stacked horizontal bar chart: the outcomes of 1,512 remarks in 5 areas"
    )
    assert english.alt.endswith(
        "“Anti-discrimination, minorities, women's and human rights” (1,500)."
    )


def _shown_tick_labels(axes):
    shown = []
    for axis, (low, high) in ((axes.xaxis, axes.get_xlim()), (axes.yaxis, axes.get_ylim())):
        low, high = min(low, high), max(low, high)
        for tick in axis.get_major_ticks():
            if tick.label1.get_text() and low <= tick.get_loc() <= high:
                shown.append(tick.label1)
    return shown


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_no_label_overlaps_and_nothing_is_cut_off(lang):
    chart = remark_charts.outcomes_by_area_chart(_by_area(lang), lang)
    figure = chart.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    axes = figure.axes[0]
    shown = _shown_tick_labels(axes)
    boxes = [label.get_window_extent(renderer) for label in shown]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            assert not first.overlaps(second), "tick labels overlap"
    legend = figure.legends[0].get_window_extent(renderer)
    title = axes.title if axes.title.get_text() else axes._left_title
    for artist in (title, axes.xaxis.label, axes.yaxis.label, *shown):
        box = artist.get_window_extent(renderer)
        assert box.x0 >= figure.bbox.x0 - 1 and box.x1 <= figure.bbox.x1 + 1
        assert box.y0 >= figure.bbox.y0 - 1 and box.y1 <= figure.bbox.y1 + 1
        assert not box.overlaps(legend)
    assert legend.x0 >= figure.bbox.x0 - 1 and legend.x1 <= figure.bbox.x1 + 1
    assert legend.y0 >= figure.bbox.y0 - 1


def test_saving_twice_gives_identical_files(tmp_path):
    first = style.save(remark_charts.outcomes_by_area_chart(_by_area("pl"), "pl"), tmp_path / "a")
    again = style.save(remark_charts.outcomes_by_area_chart(_by_area("pl"), "pl"), tmp_path / "b")
    for fmt in ("png", "svg"):
        assert first[fmt].read_bytes() == again[fmt].read_bytes()


def test_each_outcome_has_its_own_colour_and_the_colours_say_what_they_mean():
    import colorsys

    colours = remark_charts.OUTCOME_COLOURS
    assert set(colours) == set(OUTCOMES)
    assert len({tuple(c) for c in colours.values()}) == len(OUTCOMES)

    def hue(code: str) -> float:  # in degrees
        return colorsys.rgb_to_hsv(*colours[code])[0] * 360

    assert 120 <= hue("accepted") <= 180  # a green
    assert hue("rejected") <= 40 or hue("rejected") >= 340  # a red or vermillion
    assert colorsys.rgb_to_hsv(*colours["explained"])[1] < 0.1  # a grey: neither
