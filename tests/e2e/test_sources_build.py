"""Real sources end to end: the CLI builds reports from a spreadsheet with its own headers
and from Decidim exports, and the pages show what the source wrote.

Expected figures are the hand-worked ones of sources/test_sources.py.
"""

from __future__ import annotations

import html as html_module
import json
import re
import subprocess
import sys

import pytest

from analysis import config
from analysis.cli import main
from tests.sources.test_sources import CATALAN, CATALAN_MAPPING, DECIDIM_027, DECIDIM_030

pytestmark = pytest.mark.slow


def _visible_text(page: str) -> str:
    """The page's text as a reader sees it (tags and the embedded images dropped)."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return html_module.unescape(re.sub(r"<[^>]+>", " ", page))


def _build(tmp_path, meetings, *extra: str) -> int:
    return main(
        [
            "build",
            "--register",
            "none",
            "--meetings",
            str(meetings),
            "--out",
            str(tmp_path / "reports"),
            "--processed-dir",
            str(tmp_path / "processed"),
            "--jobs",
            "2",
            *extra,
        ]
    )


@pytest.fixture(scope="module")
def catalan_build(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("catalan")
    mapping = [x for f, c in CATALAN_MAPPING.items() for x in ("--meetings-column", f"{f}={c}")]
    assert _build(tmp_path, CATALAN, "--lang", "en", *mapping) == 0
    return tmp_path / "reports"


# the index, the overview and an area of two spellings ("Medi ambient", "Medi Ambient")
COUNTS_PAGES = ["index.html", "overview.html", "area-medi-ambient.html"]


@pytest.mark.browser
@pytest.mark.parametrize("name", COUNTS_PAGES)
def test_spreadsheet_pages_pass_the_browser_checks(browser, catalan_build, name):
    from tests.browsing import Visit, check_page

    # attendances by area, by district and by month
    charts = 3 if name == "overview.html" else None
    check_page(browser, catalan_build / name, name, charts, lang="en")  # built with --lang en
    visit = Visit(browser, catalan_build / name)
    try:  # no internal identifier in what a reader sees
        seen = visit.page.inner_text("body")
        for internal in ("new_participants", "reach_curve", "meetings_without_attendance", "_"):
            assert internal not in seen, internal
    finally:
        visit.close()


def test_spreadsheet_builds_an_overview_and_one_report_per_area(catalan_build):
    names = sorted(p.name for p in catalan_build.glob("*.html"))
    assert names == [
        "area-habitatge.html",
        "area-medi-ambient.html",
        "area-mobilitat.html",
        "area-unassigned.html",
        "index.html",
        "overview.html",
    ]
    summary = json.loads((catalan_build / "overview.json").read_text(encoding="utf-8"))
    assert summary["totals"]["attendances"] == 1338
    assert summary["totals"]["meetings_without_attendance"] == 2
    assert summary["totals"]["contributions"] == 46
    assert {r["label"]: r["attendances"] for r in summary["by_territory"]} == {
        "Ciutat Vella": 79,
        "Eixample": 1224,
        "Sant Martí": 35,
        "Unassigned": None,
    }
    assert summary["by_month"][1] == {
        "month": "2016-03",
        "meetings": 3,
        "attendances": 20,
        "meetings_without_attendance": 2,
        "contributions": 3,
        "organisation_attendances": 7,  # S05's Entitats; S04 and S06 left them blank
    }
    assert summary["reconciliation"] == [] or all(
        r["published"] is None for r in summary["reconciliation"]
    )


def test_spreadsheet_report_shows_titles_and_names_as_written(catalan_build):
    text = _visible_text((catalan_build / "overview.html").read_text(encoding="utf-8"))
    for written in ("Debat: habitatge, lloguer i barris", "Medi ambient", "Sant Martí"):
        assert written in text
    # a neutral title that names no file (the technical details still list the source),
    # never another consultation's name
    assert "Consultation overview · Consultation meetings · 9 February – 29 March 2016" in text
    assert "Consultation meetings from" not in text
    assert "Kraków" not in text and "Krakow" not in text
    # no comparison with published totals: this source publishes none
    assert "Comparison with the published figures" not in text
    # meetings without a count are said and listed
    assert "2 of 6 meetings have no attendance count" in text
    assert "Meetings without an attendance count (2)" in text
    area = _visible_text((catalan_build / "area-medi-ambient.html").read_text(encoding="utf-8"))
    assert "Area report: Medi ambient" in area
    assert "Attendances: 79 of 1,338 in the whole consultation" in area


def test_every_table_links_its_csv(catalan_build):
    page = (catalan_build / "overview.html").read_text(encoding="utf-8")
    links = re.findall(r'href="(tables/[^"]+\.csv)"', page)
    assert {"tables/overview-meetings.csv", "tables/overview-areas.csv"} <= set(links)
    for link in links:
        assert (catalan_build / link).is_file()


def test_decidim_exports_build_with_no_mapping(tmp_path):
    # the overview is what these checks read: the area reports are left out (--only)
    assert _build(tmp_path / "a", DECIDIM_027, "--locale", "es", "--only", "overview") == 0
    text = _visible_text((tmp_path / "a/reports/overview.html").read_text(encoding="utf-8"))
    assert "Jornada del agua" in text and "Medio ambiente" in text  # Spanish texts
    assert "Spotkania pominięte (wycofane lub nieopublikowane)" in text  # meeting 14
    assert _build(tmp_path / "b", DECIDIM_030, "--only", "overview") == 0
    summary = json.loads((tmp_path / "b/reports/overview.json").read_text(encoding="utf-8"))
    assert [r["label"] for r in summary["by_area"]] == ["Housing", "Bez przypisania", "Youth"]
    assert summary["rejected_rows"]["left_out_meetings"] == 1


def test_papermill_by_hand_names_outputs_after_the_area(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "papermill",
            "notebooks/02-area.ipynb",
            str(tmp_path / "seniors.ipynb"),
            "-p",
            "area",
            "seniors",
            "-p",
            "output_dir",
            str(out),
            "--no-progress-bar",
        ],
        capture_output=True,
        text=True,
        cwd=config.PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (out / "area-seniors.json").is_file()
    assert not (out / "area-culture.json").exists()
    for folder in ("figures", "tables"):
        written = list((out / folder).iterdir())
        assert written and all(p.name.startswith("area-seniors-") for p in written), folder
