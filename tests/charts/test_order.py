"""A group table and its chart in one order, the folded "other" bar apart, no chart of one
group. The charts are built (not rendered to PNG) from the sections' own chart specs, so
these run in the fast suite.

The fixtures, worked out by hand:

- tests/data/meetings-counts.csv (counts only): attendances culture 10 + 3 = 13,
  seniors 7, general 4, premises 0; by kind sector 10 + 7 + 3 = 20, general 4,
  thematic 0. Grouped by code, the tables used to read culture, general, premises,
  seniors and general, sector, thematic.
- meetings-small.csv with register-small.csv: distinct participants culture 4, seniors 3
  (m2), premises 3 (m3), general 0 (m4, nobody came); seniors and premises tie, so their
  names decide: "Polityka lokalowa…" before "Wsparcie seniorów", "Premises policy…"
  before "Support for seniors". The table used to follow the first meetings (culture,
  seniors, premises, general).
- the synthetic 420-meeting city (analysis.demo.counts): 30 themes (folded past 25
  bars), 11 districts, 4 kinds.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis import views
from analysis.charts import counts
from analysis.views.charts import BUILDERS
from analysis.views.sections import SECTIONS, section
from tests.conftest import TEST_DATA

MEETINGS = str(TEST_DATA / "meetings-small.csv")
REGISTER = str(TEST_DATA / "register-small.csv")
COUNTS = str(TEST_DATA / "meetings-counts.csv")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    from analysis.demo.counts import write_counts_table

    path = write_counts_table(tmp_path_factory.mktemp("city") / "city.csv")
    return {
        lang: views.load_report(meetings_path=str(path), register_path="none", lang=lang).data
        for lang in ("pl", "en")
    }


def _load(lang: str, **where):
    return views.load_report(lang=lang, **where).data


def _drawn(spec, lang):
    return BUILDERS[spec.builder](**spec.data, lang=lang)


def _ticks(axes, name: str = "y") -> list[str]:
    """An axis's tick labels in reading order (top first, or left first), one line each."""
    axis = axes.yaxis if name == "y" else axes.xaxis
    ticks = sorted(axis.get_ticklabels(), key=lambda t: t.get_position()[name == "y"])
    downwards = name == "y" and not axes.yaxis_inverted()  # a heatmap's rows run down
    return [t.get_text().replace("\n", " ") for t in (ticks[::-1] if downwards else ticks)]


def _table_and_chart(data, section_name: str, table_name: str, chart_name: str):
    found = section(section_name, data)
    table = next(t for t in found.tables() if t.name == table_name)
    spec = next(s for s in found.charts() if s.name == chart_name)
    return table, _drawn(spec, data.lang)


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_counts_area_and_kind_tables_read_in_their_charts_order(lang):
    data = _load(lang, meetings_path=COUNTS, register_path="none")
    areas, chart = _table_and_chart(data, "areas", "areas", "attendances-by-area")
    assert areas.frame["area"].tolist() == ["culture", "seniors", "general", "premises"]
    assert areas.frame["attendances"].tolist() == [13, 7, 4, 0]
    assert _ticks(chart.figure.axes[0]) == areas.frame["area_label"].tolist()
    kinds, chart = _table_and_chart(data, "areas", "kinds", "attendances-by-kind")
    assert kinds.frame["kind"].tolist() == ["sector", "general", "thematic"]
    assert _ticks(chart.figure.axes[0]) == kinds.frame["kind_label"].tolist()


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_register_area_and_kind_tables_read_in_their_charts_order(lang):
    data = _load(lang, meetings_path=MEETINGS, register_path=REGISTER)
    areas, chart = _table_and_chart(data, "areas", "areas", "by-area")
    assert areas.frame["area"].tolist() == ["culture", "premises", "seniors", "general"]
    assert areas.frame["participants"].tolist() == [4, 3, 3, 0]
    assert _ticks(chart.figure.axes[0]) == areas.frame["area_label"].tolist()
    # the heatmap: areas down in the area table's order, kinds across in the kind table's
    kinds, heat = _table_and_chart(data, "areas", "kinds", "area-kind")
    axes = heat.figure.axes[0]
    assert _ticks(axes) == areas.frame["area_label"].tolist()
    assert _ticks(axes, "x") == kinds.frame["kind_label"].tolist()
    assert kinds.frame["participants"].is_monotonic_decreasing


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_city_tables_read_in_their_charts_order_and_other_comes_last(city, lang):
    data = city[lang]
    for section_name, table_name, chart_name, label in (
        ("areas", "areas", "attendances-by-area", "area_label"),
        ("areas", "kinds", "attendances-by-kind", "kind_label"),
        ("territories", "territories", "attendances-by-territory", "territory_label"),
    ):
        table, chart = _table_and_chart(data, section_name, table_name, chart_name)
        frame = table.frame
        sums = frame["attendances"].astype("Float64")
        assert (sums.diff().dropna() <= 0).all(), table_name  # the largest first
        shown = _ticks(chart.figure.axes[0])
        if len(frame) <= counts.MAX_BARS:
            assert shown == frame[label].tolist(), table_name
        else:
            assert shown[:-1] == frame[label].head(counts.MAX_BARS - 1).tolist(), table_name
    assert len(section("areas", data).tables()[0].frame) == 30


def test_the_folded_bar_says_what_it_holds_last_apart_and_grey(city):
    expected = {"pl": "6 pozostałych obszarów", "en": "6 other areas"}  # 30 - 24 areas
    for lang, data in city.items():
        table, chart = _table_and_chart(data, "areas", "areas", "attendances-by-area")
        axes = chart.figure.axes[0]
        assert _ticks(axes)[-1] == expected[lang]
        assert "„6 pozostałych obszarów”" in chart.alt or "“6 other areas”" in chart.alt
        groups, folded = axes.containers  # 24 areas, then the folded rest
        assert len(groups) == counts.MAX_BARS - 1 and len(folded) == 1
        rest = folded.patches[0]
        assert rest.get_y() < min(bar.get_y() for bar in groups.patches)  # drawn last
        step = groups.patches[-2].get_y() - groups.patches[-1].get_y()  # one row
        assert groups.patches[-1].get_y() - rest.get_y() > step * 1.4  # a gap above it
        assert rest.get_facecolor() != groups.patches[0].get_facecolor()
        assert rest.get_hatch() and not groups.patches[0].get_hatch()
        frame = table.frame  # nothing lost in the fold
        assert rest.get_width() == frame["attendances"].iloc[counts.MAX_BARS - 1 :].sum()


def test_tick_labels_write_numbers_as_the_language_does():
    frame = pd.DataFrame({"area": ["a", "b"], "attendances": [12000, 3000]})  # ticks by 1 500
    for lang, written in (("pl", "1\xa0500"), ("en", "1,500")):
        chart = counts.bars_chart(frame, "area", "attendances", "T", "n", "A", "x", lang)
        chart.figure.canvas.draw()
        assert written in [t.get_text() for t in chart.figure.axes[0].get_xticklabels()]


def _groups(spec) -> int:
    """How many groups (bars, cells, days, repeat counts) a chart spec would draw."""
    data = spec.data
    if spec.builder == "repeat":
        ks = set(data["repeat_participants"]["meetings_attended"])
        return len(ks | set(data["repeat_organisations"]["meetings_attended"]))
    if spec.builder == "sums":
        return int(data["frame"]["attendances"].notna().sum())
    frame = next(v for v in data.values() if isinstance(v, pd.DataFrame))
    return len(frame)


@pytest.mark.parametrize(
    "where",
    [
        {"meetings_path": MEETINGS, "register_path": REGISTER, "area": "culture"},
        {"meetings_path": MEETINGS, "register_path": REGISTER, "area": "premises"},
        {"meetings_path": MEETINGS, "register_path": REGISTER, "start": "2020-03-09"},
        {"meetings_path": COUNTS, "register_path": "none", "area": "culture"},
        {"meetings_path": COUNTS, "register_path": "none", "end": "2020-03-02"},
    ],
)
def test_no_section_draws_a_chart_of_one_group(where):
    """Culture (register): one area, one kind (the by-area chart and the heatmap used to
    draw one bar and one cell); premises: one meeting; from 9 March: premises, culture
    and general, one kind each; counts culture: one area, one kind."""
    data = _load("en", **where)
    specs = [spec for name in SECTIONS for spec in (section(name, data) or _none()).charts()]
    assert [(s.name, _groups(s)) for s in specs if _groups(s) < 2] == []


def _none():
    return views.blocks.Section("none")


def test_other_areas_table_reads_in_its_charts_order():
    """Culture's people went on to premises (P1, P6) and seniors (P1): the table used to
    follow the first meetings (seniors on 2 March, premises on the 9th)."""
    data = _load("pl", meetings_path=MEETINGS, register_path=REGISTER, area="culture")
    found = section("other_areas", data)
    table = found.tables()[0]
    assert table.frame["area_label"].tolist() == [
        "Polityka lokalowa i mienie gminy",
        "Wsparcie seniorów",
    ]
    assert table.frame["participants"].tolist() == [2, 1]
    chart = _drawn(found.charts()[0], "pl")
    assert _ticks(chart.figure.axes[0]) == table.frame["area_label"].tolist()


def test_date_ticks_name_the_month_whole():
    """The reach chart of 2-16 March 2020: "9 marca", never the cut "9 mar"."""
    data = _load("pl", meetings_path=MEETINGS, register_path=REGISTER)
    spec = next(s for s in section("time", data).charts() if s.name == "reach")
    chart = _drawn(spec, "pl")
    chart.figure.canvas.draw()
    ticks = [t.get_text() for t in chart.figure.axes[0].get_xticklabels() if t.get_text()]
    assert ticks and all(re.fullmatch(r"\d{1,2} (lutego|marca)", t) for t in ticks), ticks
