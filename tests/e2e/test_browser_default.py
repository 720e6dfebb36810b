"""The shipped default build in headless Chromium: every page offline, with its images,
contents, tables and phone width; the index, the overview and three areas also printed
on A4 and checked by axe-core (see :func:`tests.browsing.check_page`)."""

from __future__ import annotations

import csv

import pytest

from analysis import config
from tests.browsing import Visit, assert_no_identifier, build, check_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Pages that get every check; the other area pages share their template.
FULLY_CHECKED = {
    "index.html",
    "overview.html",
    "area-culture.html",
    "area-newcomers.html",
    "area-general.html",
}


@pytest.fixture(scope="module")
def default_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("default") / "reports"
    build(out)
    return out


def _default_pages() -> list[str]:
    from analysis.sources.announcement import read_announcement

    areas = read_announcement(config.ANNOUNCEMENT_PATH).meetings["area"]
    return ["index.html", "overview.html"] + [f"area-{a}.html" for a in areas]


def test_the_fully_checked_pages_are_pages_of_the_build():
    assert set(_default_pages()) >= FULLY_CHECKED


@pytest.mark.parametrize("name", _default_pages())
def test_page_offline_images_links_print_phone_and_accessibility(browser, default_build, name):
    charts = 5 if name == "overview.html" else None
    check_page(browser, default_build / name, name, charts, full=name in FULLY_CHECKED)


def test_links_from_the_index_open_every_report(browser, default_build):
    visit = Visit(browser, default_build / "index.html")
    try:
        hrefs = visit.page.eval_on_selector_all(
            "table.report-list a", "links => links.map(a => a.getAttribute('href'))"
        )
        assert len(hrefs) == 12
        for href in hrefs:
            visit.page.click(f'a[href="{href}"]')
            visit.page.wait_for_load_state("load")
            assert visit.page.url.endswith("/" + href)
            assert visit.page.locator("h1").count() == 1
            visit.page.go_back()
        assert visit.external == [] and visit.errors == []
    finally:
        visit.close()


def test_no_participant_identifier_anywhere_in_the_default_reports(default_build):
    with config.DEFAULT_REGISTER_PATH.open(encoding="utf-8") as handle:
        ids = {row["participant_id"] for row in csv.DictReader(handle)}
    assert_no_identifier(default_build, ids)
