"""Charts: both languages from the same code, readable, and byte-identical when saved twice."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from analysis import config, metrics
from analysis.charts import counts, participation, style
from analysis.consultation import load_consultation

# Rendering every chart and reading its pixels takes about a minute: `make test` runs
# these, the fast suite (`make fast`) leaves them out.
pytestmark = pytest.mark.charts


@pytest.fixture(scope="module")
def stats():
    consultation = load_consultation(config.ANNOUNCEMENT_PATH, config.DEFAULT_REGISTER_PATH)
    stats = metrics.overview(consultation.meetings, consultation.attendance, consultation.published)
    stats.elsewhere = metrics.also_attended(
        consultation.meetings, consultation.attendance, "culture"
    )
    return stats


def _counts_by_area():
    """The 30 themes of the synthetic 420-meeting counts table, attendances summed."""
    from analysis.demo.counts import counts_table

    table = counts_table()
    table["attendees"] = pd.to_numeric(table["attendees"])
    return table.groupby("area", as_index=False).agg(attendances=("attendees", "sum"))


def _charts(stats, lang):
    by_area = _counts_by_area()
    return [
        counts.bars_chart(
            by_area, "area", "attendances", "Attendances", "n", "Area", f"sums-{lang}", lang
        ),
        participation.other_areas_chart(stats.elsewhere, "culture", 17, lang),
        participation.by_meeting_chart(stats.by_meeting, lang),
        participation.by_area_chart(stats.by_area, lang),
        participation.reach_chart(stats.by_date, lang, {"participants": 94, "organisations": 72}),
        participation.repeat_chart(stats.repeat_participants, stats.repeat_organisations, lang),
        participation.area_kind_heatmap(stats.by_area_kind, lang),
    ]


def _texts(figure):
    figure.canvas.draw()
    axes = figure.axes[0]
    return axes, figure.canvas.get_renderer()


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_every_chart_has_a_title_axis_labels_and_alt_text(stats, lang):
    for chart in _charts(stats, lang):
        axes = chart.figure.axes[0]
        assert axes.get_title(loc="left"), chart.name
        assert axes.get_xlabel() and axes.get_ylabel(), chart.name
        assert len(chart.alt) > 40, chart.name
        assert chart.name.endswith(f"-{lang}")


def test_polish_and_english_versions_differ_only_in_language(stats):
    polish = participation.by_area_chart(stats.by_area, "pl")
    english = participation.by_area_chart(stats.by_area, "en")
    assert polish.figure.axes[0].get_title(loc="left") == "Uczestnicy i organizacje według obszaru"
    assert english.figure.axes[0].get_title(loc="left") == "Participants and organisations by area"
    polish_ticks = [t.get_text() for t in polish.figure.axes[0].get_yticklabels()]
    english_ticks = [t.get_text() for t in english.figure.axes[0].get_yticklabels()]
    assert "Wsparcie seniorów" in polish_ticks and "Support for seniors" in english_ticks


def test_meeting_rows_carry_polish_dates(stats):
    chart = participation.by_meeting_chart(stats.by_meeting, "pl")
    ticks = [t.get_text() for t in chart.figure.axes[0].get_yticklabels()]
    assert ticks[-1] == "25 maja · Kultura i sztuka"  # earliest at the top
    assert ticks[0] == "4 lipca · Spotkanie ogólnobranżowe"


def test_area_bars_are_sorted_largest_first(stats):
    chart = participation.by_area_chart(stats.by_area, "en")
    widths = [bar.get_width() for bar in chart.figure.axes[0].containers[0]]
    assert widths == sorted(widths)  # bottom to top, so the largest is at the top


def _shown_tick_labels(axes):
    """Tick labels that are drawn: non-empty, and at a tick inside the axis limits."""
    shown = []
    for axis, (low, high) in ((axes.xaxis, axes.get_xlim()), (axes.yaxis, axes.get_ylim())):
        low, high = min(low, high), max(low, high)
        for tick in axis.get_major_ticks():
            if tick.label1.get_text() and low <= tick.get_loc() <= high:
                shown.append(tick.label1)
    return shown


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_no_label_overlaps_and_nothing_is_cut_off(stats, lang):
    for chart in _charts(stats, lang):
        axes, renderer = _texts(chart.figure)
        figure_box = chart.figure.bbox
        shown = _shown_tick_labels(axes)
        boxes = [label.get_window_extent(renderer) for label in shown]
        for i, first in enumerate(boxes):
            for second in boxes[i + 1 :]:
                assert not first.overlaps(second), f"{chart.name}: tick labels overlap"
        title = axes.title if axes.title.get_text() else axes._left_title
        for artist in (title, axes.xaxis.label, axes.yaxis.label, *shown):
            box = artist.get_window_extent(renderer)
            assert box.x0 >= figure_box.x0 - 1 and box.x1 <= figure_box.x1 + 1, chart.name
            assert box.y0 >= figure_box.y0 - 1 and box.y1 <= figure_box.y1 + 1, chart.name


def test_polish_letters_have_glyphs(stats):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font"
        for chart in _charts(stats, "pl"):
            style.figure_bytes(chart.figure, "png")


def _three_kinds(stats):
    """A bar chart, a line chart and a heatmap: the three kinds of drawing the charts use."""
    by_area = _counts_by_area()
    return [
        counts.bars_chart(
            by_area, "area", "attendances", "Attendances", "n", "Area", "sums-pl", "pl"
        ),
        participation.reach_chart(stats.by_date, "pl", {"participants": 94, "organisations": 72}),
        participation.area_kind_heatmap(stats.by_area_kind, "pl"),
    ]


def test_saving_twice_gives_identical_png_and_svg(stats, tmp_path):
    first = {}
    for chart in _three_kinds(stats):
        for fmt, path in style.save(chart, tmp_path / "one").items():
            first[(chart.name, fmt)] = path.read_bytes()
    assert len(first) == 6
    for chart in _three_kinds(stats):  # built again from scratch
        for fmt, path in style.save(chart, tmp_path / "two").items():
            assert path.read_bytes() == first[(chart.name, fmt)], (chart.name, fmt)
    svg = first[("reach-pl", "svg")].decode()
    assert "<dc:date>" not in svg


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_svg_has_the_layout_of_the_png(stats, tmp_path, lang):
    """Constrained layout runs once per chart: the SVG is drawn where the PNG render put
    the axes (laid out again at the SVG's resolution they would move by a few points),
    and the figure keeps its layout engine for whatever draws it next."""
    for chart in _charts(stats, lang):
        figure = chart.figure
        png = style.figure_bytes(figure, "png")
        placed = [axes.get_position().bounds for axes in figure.axes]
        engine = figure.get_layout_engine()
        style.save_rendered(chart, tmp_path, png)
        # a colorbar's locator places it again at each draw: equal to within rounding
        now = [axes.get_position().bounds for axes in figure.axes]
        assert now == [pytest.approx(bounds, abs=1e-9) for bounds in placed], chart.name
        assert figure.get_layout_engine() is engine, chart.name
        assert (tmp_path / f"{chart.name}.png").read_bytes() == png


def test_png_is_print_resolution(stats, tmp_path):
    from PIL import Image

    paths = style.save(
        participation.repeat_chart(stats.repeat_participants, stats.repeat_organisations), tmp_path
    )
    with Image.open(paths["png"]) as image:
        dpi = image.info["dpi"]
    assert round(dpi[0]) >= 200


def test_a_synthetic_chart_says_so_on_the_image_and_in_its_alt_text(stats):
    chart = style.mark_synthetic(participation.by_area_chart(stats.by_area, "pl"), "pl")
    assert chart.figure._suptitle.get_text() == "Dane syntetyczne (demonstracyjne)"
    assert chart.alt.endswith("(dane syntetyczne (demonstracyjne))")
    axes, renderer = _texts(chart.figure)
    note = chart.figure._suptitle.get_window_extent(renderer)
    assert not note.overlaps(axes.title.get_window_extent(renderer))
    assert note.x1 <= chart.figure.bbox.x1 and note.y1 <= chart.figure.bbox.y1


def test_thirty_areas_fold_the_smallest_into_one_bar():
    by_area = _counts_by_area()
    assert len(by_area) == 30
    chart = counts.bars_chart(
        by_area, "area", "attendances", "Attendances by area", "n", "Area", "sums-en", "en"
    )
    axes = chart.figure.axes[0]
    bars, folded = axes.containers  # 24 areas, then the rest in one bar
    assert len(bars) + len(folded) == counts.MAX_BARS == 25
    ticks = [t.get_text() for t in axes.get_yticklabels()]
    assert ticks[-1] == "6 other groups"  # drawn last, at the bottom: 30 - 24 areas folded
    largest = by_area["attendances"].sort_values(ascending=False)
    assert bars.datavalues[0] == largest.iloc[0]  # the first bar is the largest
    assert folded.datavalues[0] == largest.iloc[24:].sum()  # nothing lost in the fold
