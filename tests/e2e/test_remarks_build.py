"""Remarks at the command line and in the built reports (issue #22): an office's remarks
sheet with the shipped meetings and register, Decidim proposals beside their meetings,
and the pages in Chromium. Expected figures are worked out from the sheet in
tests/validation/test_remarks.py (its rows are commented there)."""

from __future__ import annotations

import json
import re

import pytest

from analysis import config
from analysis.cli import main
from tests.browsing import Visit, check_page
from tests.validation.test_remarks import office_remarks

SOURCES = config.PROJECT_ROOT / "tests" / "data" / "sources"


def test_validate_names_each_unknown_wording_once_with_the_option(tmp_path, capsys):
    rows = [
        [1, "A", None, "x", "przyjęta do wiadomości", None],
        [2, "B", None, "y", "Przyjęta do wiadomości", None],  # the same wording, other case
        [3, "C", None, "z", "odesłana do wydziału", None],
        [4, "D", "31.06.2018", "w", "odesłana do wydziału", None],  # its first problem: the day
    ]
    sheet = office_remarks(tmp_path / "uwagi.xlsx", rows)
    argv = ["validate", "--register", "none", "--remarks", str(sheet)]
    assert main([*argv, "--processed-dir", str(tmp_path / "p")]) == 1
    out = capsys.readouterr().out.splitlines()
    start = out.index("  outcome wordings nobody mapped (say what each means, then run again):")
    assert out[start + 1 : start + 5] == [
        '    --remarks-outcome "przyjęta do wiadomości=CODE"  (1 row(s))',
        '    --remarks-outcome "Przyjęta do wiadomości=CODE"  (1 row(s))',
        '    --remarks-outcome "odesłana do wydziału=CODE"  (2 row(s))',
        "    CODE: accepted, partly_accepted, rejected, explained, already_covered, withdrawn "
        "or pending",
    ]
    mapped = ["--remarks-outcome", "przyjęta do wiadomości=explained"]
    mapped += ["--remarks-outcome", "odesłana do wydziału=explained"]
    assert main([*argv, *mapped, "--processed-dir", str(tmp_path / "p")]) == 1  # the day
    assert "nobody mapped" not in capsys.readouterr().out


def test_a_remarks_outcome_that_is_no_outcome_is_one_line(tmp_path, capsys):
    sheet = office_remarks(tmp_path / "uwagi.xlsx")
    argv = ["validate", "--register", "none", "--remarks", str(sheet)]
    argv += ["--remarks-outcome", "noted=noted", "--processed-dir", str(tmp_path / "p")]
    assert main(argv) == 2
    assert capsys.readouterr().err == (
        "error: --remarks-outcome noted=noted: unknown outcome 'noted'; outcomes: accepted, "
        "partly_accepted, rejected, explained, already_covered, withdrawn, pending\n"
    )


@pytest.fixture(scope="module")
def office_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("remarks")
    sheet = office_remarks(folder / "uwagi.xlsx")
    out = folder / "reports"
    argv = ["build", "--remarks", str(sheet), "--out", str(out)]
    argv += ["--processed-dir", str(folder / "p"), "--only", "overview,area-culture"]
    assert main([*argv, "--jobs", "2"]) == 0
    return out


@pytest.mark.slow
def test_the_overview_json_carries_the_hand_worked_remarks(office_build):
    remarks = json.loads((office_build / "overview.json").read_text(encoding="utf-8"))["remarks"]
    # kept 1, 2, 3, 5, 6, 8, 9: one answer pending (5), none withdrawn; 3 is written
    assert remarks["totals"] == {"remarks": 7, "decided": 6, "supports": None, "without_meeting": 1}
    assert remarks["by_outcome"] == {
        "accepted": 1,
        "partly_accepted": 1,
        "rejected": 2,
        "explained": 1,
        "already_covered": 1,
        "withdrawn": 0,
        "pending": 1,
    }
    # (accepted 1 + partly 1) / (1 + 1 + rejected 2)
    assert remarks["acceptance_rate"] == {"rate": 0.5, "denominator": 4}
    by_area = {row["area"]: row for row in remarks["by_area"]}
    assert [row["area"] for row in remarks["by_area"]] == [
        "culture",  # 1, 5, 9
        "seniors",  # 2, 8
        "sport-health",  # 6
        "unassigned",  # 3, the written submission
    ]
    assert by_area["culture"]["acceptance_rate"] == 1.0  # 1 accepted of 1 rated
    assert by_area["seniors"]["acceptance_rate"] == 0.5  # partly 1 of partly + rejected
    assert by_area["sport-health"]["acceptance_rate"] is None  # explained only: no rate
    by_meeting = {row["meeting_id"]: row["remarks"] for row in remarks["by_meeting"]}
    assert by_meeting["2018-05-25-culture"] == 3 and by_meeting["2018-06-06-seniors"] == 2
    area = json.loads((office_build / "area-culture.json").read_text(encoding="utf-8"))
    assert area["remarks"]["totals"]["remarks"] == 3


@pytest.mark.slow
@pytest.mark.browser
def test_remarks_pages_show_markup_as_text_and_pass_the_browser_checks(browser, office_build):
    overview = office_build / "overview.html"
    check_page(browser, overview, "overview-remarks")  # offline, axe, print, phone width
    visit = Visit(browser, overview)
    try:
        shown = visit.page.inner_text("main")
        assert "<script>alert(1)</script> =1+1" in shown  # the remark's text, as written
        assert visit.page.locator("main script").count() == 0
        assert visit.dialogs == [] and visit.external == []
    finally:
        visit.close()
    table = (office_build / "tables" / "overview-remarks.csv").read_text(encoding="utf-8-sig")
    # kept whole: it starts with '<', which no spreadsheet runs (a remark starting with
    # '=' gets a leading quote: tests/views/test_remarks_section.py)
    assert ",<script>alert(1)</script> =1+1," in table


@pytest.mark.slow
def test_decidim_proposals_build_beside_their_meetings_and_follow_meeting_urls(tmp_path):
    out = tmp_path / "reports"
    argv = ["build", "--meetings", str(SOURCES / "decidim-0.27-meetings.csv")]
    argv += ["--remarks", str(SOURCES / "decidim-0.27-proposals.csv"), "--out", str(out)]
    argv += ["--processed-dir", str(tmp_path / "p"), "--only", "overview", "--jobs", "1"]
    assert main(argv) == 0
    remarks = json.loads((out / "overview.json").read_text(encoding="utf-8"))["remarks"]
    # 101 at meetings 11 and 12, 102 at 15, 105 at 13; 106, 103, 104 online
    by_meeting = {row["meeting_id"]: row["remarks"] for row in remarks["by_meeting"]}
    assert by_meeting == {"11": 1, "12": 1, "13": 1, "15": 1}
    assert remarks["totals"]["remarks"] == 6 and remarks["totals"]["without_meeting"] == 3


CONSUL = [
    "--remarks-column",
    "remark_id=id",
    "--remarks-column",
    "text=title",
    "--remarks-column",
    "supports=cached_votes_up",
    "--remarks-column",
    "date=created_at",
    "--remarks-column",
    "withdrawn=retired_at",
]


@pytest.mark.slow
def test_a_consultation_held_online_builds_an_overview_of_its_remarks_alone(tmp_path):
    """CONSUL's proposals with --meetings none: one report, the remarks section only (no
    meeting section, no empty table). The fixture's four proposals: one retired
    (withdrawn), three unanswered (pending), supports 152 + 87 + 3 + 0."""
    out = tmp_path / "reports"
    argv = ["build", "--meetings", "none", "--remarks", str(SOURCES / "consul-proposals.csv")]
    argv += [*CONSUL, "--out", str(out), "--processed-dir", str(tmp_path / "p"), "--jobs", "1"]
    assert main(argv) == 0
    assert sorted(p.name for p in out.glob("*.html")) == ["index.html", "overview.html"]
    summary = json.loads((out / "overview.json").read_text(encoding="utf-8"))
    assert summary["remarks"]["totals"] == {
        "remarks": 4,
        "decided": 0,
        "supports": 242,
        "without_meeting": 4,
    }
    assert summary["remarks"]["by_outcome"]["withdrawn"] == 1
    assert summary["remarks"]["by_outcome"]["pending"] == 3
    page = (out / "overview.html").read_text(encoding="utf-8")
    sections = [h for h in re.findall(r'<h2 id="([^"]*)"', page) if h != "toc-heading"]
    assert sections == ["section-remarks"]
    assert "Konsultacja bez spotkań" in page
