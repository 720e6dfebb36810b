"""A real shape of source in headless Chromium: a synthetic city-scale table of 420 meetings
in 30 areas. (The Catalan spreadsheet's pages are checked in e2e/test_sources_build.py, on
the build made there.)"""

from __future__ import annotations

import json
import re

import pytest

from tests.browsing import Visit, all_words, build, check_page, pages, visible_words

pytestmark = [pytest.mark.browser, pytest.mark.slow]


# --------------------------------------------------------------------------- a city's scale


#: The index, the overview and two areas: the first and the one with the longest name.
CITY_PAGES = [
    "index.html",
    "overview.html",
    "area-medi-ambient-i-sostenibilitat.html",
    "area-mobilitat-transport-public-i-seguretat-viaria.html",
]


@pytest.fixture(scope="module")
def city_table(tmp_path_factory):
    """The synthetic counts-only table of 420 meetings in 30 themes and 10 districts."""
    from analysis.demo.counts import write_counts_table

    return write_counts_table(tmp_path_factory.mktemp("city") / "city.csv")


@pytest.fixture(scope="module")
def city_build(city_table):
    """The whole overview and two of the thirty area reports (``--only``: each exactly
    as a full build makes it; the plan test below shows the thirty are all planned)."""
    out = city_table.parent / "reports"
    only = ",".join(page.removesuffix(".html") for page in CITY_PAGES[1:])
    build(out, "--register", "none", "--meetings", str(city_table), "--only", only)
    return out


def test_city_scale_source_plans_an_overview_and_one_report_per_area(city_table, tmp_path):
    from analysis.build.options import BuildOptions
    from analysis.build.plan import plan
    from analysis.consultation import load_consultation

    consultation = load_consultation(city_table, None, cache_dir=None)
    options = BuildOptions(meetings=city_table, register=None, out=tmp_path)
    names = [job.name for job in plan(options, consultation)]
    areas = list(dict.fromkeys(consultation.meetings["area"]))
    assert len(areas) == 30
    assert names == ["overview", *(f"area-{area}" for area in areas)]
    assert {name + ".html" for name in names} >= set(CITY_PAGES[1:])


def test_city_scale_build_makes_what_it_was_asked_for(city_build):
    summary = json.loads((city_build / "overview.json").read_text(encoding="utf-8"))
    assert summary["synthetic"] is True and summary["totals"]["meetings"] == 420
    assert len(summary["by_area"]) == 30  # the overview covers every area
    assert sorted(p.name for p in pages(city_build)) == sorted(CITY_PAGES)


@pytest.mark.parametrize("name", CITY_PAGES)
def test_city_scale_pages_pass_the_same_checks(browser, city_build, name):
    # attendances by area, kind, district and month
    check_page(browser, city_build / name, name, charts=4 if name == "overview.html" else None)


def test_city_overview_is_short_with_its_appendix_folded(browser, city_build):
    visit = Visit(browser, city_build / "overview.html", width=1280, height=900)
    try:
        height = visit.page.evaluate("document.documentElement.scrollHeight")
        folded = visit.page.evaluate(
            "Array.from(document.querySelectorAll('details')).filter(d => !d.open).length"
        )
        print(f"overview at 1280 px: {height} px tall, {folded} folded parts")
        assert height <= 12_000
        assert folded >= 1  # the full meetings table
        rows = visit.page.evaluate("document.querySelectorAll('details table tbody tr').length")
        assert rows >= 420  # kept whole, only folded
    finally:
        visit.close()


INTERNAL = ("meeting_id", "new_participants", "reach_curve", "attendees", "unassigned")


def _assert_no_internal_identifier(seen: str, codes: list[str], page: str) -> None:
    snake = re.findall(r"\b[a-z]+_[a-z_]+\b", seen)
    assert snake == [], (page, snake[:5])
    for word in INTERNAL:
        assert word not in seen, (page, word)
    for code in codes:  # an area code where a label exists
        assert not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", seen), (page, code)


def _codes_with_labels(out) -> list[str]:
    summary = json.loads((out / "overview.json").read_text(encoding="utf-8"))
    return [row["area"] for row in summary["by_area"] if row["label"] != row["area"]]


def test_no_internal_identifier_in_the_words_of_any_city_page(city_build):
    # every page, read from its HTML: folded parts and hidden text included
    codes = _codes_with_labels(city_build)
    assert len(codes) == 30
    found = pages(city_build)
    assert len(found) == len(CITY_PAGES)
    for path in found:
        _assert_no_internal_identifier(all_words(path), codes, path.name)


@pytest.mark.parametrize("name", CITY_PAGES[:2])
def test_no_internal_identifier_in_what_the_browser_shows(browser, city_build, name):
    visit = Visit(browser, city_build / name)
    try:
        # open every fold: what is folded away is read too
        visit.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        seen = visible_words(visit)
    finally:
        visit.close()
    _assert_no_internal_identifier(seen, _codes_with_labels(city_build), name)
