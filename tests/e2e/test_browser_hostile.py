"""Hostile names and titles in headless Chromium: shown as text, never run; formulas
neutralised in the CSV downloads; no participant identifier anywhere."""

from __future__ import annotations

import csv

import pytest

from tests.browsing import Visit, assert_no_identifier, build
from tests.conftest import TEST_DATA

pytestmark = [pytest.mark.browser, pytest.mark.slow]

HOSTILE_NAMES = {
    "O1": "<script>window.__pwned = 1; alert('script')</script>",
    "O2": '<img src="x" onerror="window.__pwned = 2; alert(\'img\')">',
    "O3": "Fundacja \"Cudzysłów\" & 'Apostrof' – Żółć Łąka",
    "O4": '=HYPERLINK("http://example.invalid","click")',
}
PREFIXED = {"O5": "+48 formula", "O6": "-2+3", "O7": "@SUM(A1:A2)"}


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    meetings = folder / "meetings.csv"
    rows = (TEST_DATA / "meetings-small.csv").read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1].replace("kultura i sztuka", '"<b onmouseover=alert(1)>kultura</b>"')
    meetings.write_text("\n".join(rows) + "\n", encoding="utf-8")
    register = folder / "register.csv"
    names = {**HOSTILE_NAMES, **PREFIXED}
    with register.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["meeting_id", "participant_id", "organisation_id", "organisation_name"])
        for index, (organisation, name) in enumerate(names.items()):
            writer.writerow(["m1", f"HOSTILE-PERSON-{index}", organisation, name])
            writer.writerow(["m3", f"HOSTILE-PERSON-{index}", organisation, name])
    out = folder / "reports"
    # the overview and the area with the hostile names
    build(out, "--meetings", str(meetings), "--register", str(register), "--areas", "culture")
    return out, register


def test_hostile_names_show_as_text_and_run_no_script(browser, hostile_build):
    out, _ = hostile_build
    visit = Visit(browser, out / "area-culture.html")
    try:
        assert visit.dialogs == []
        assert visit.page.evaluate("window.__pwned") is None
        shown = visit.page.inner_text("main")
        for name in HOSTILE_NAMES.values():
            assert name in shown  # as text, exactly
        assert visit.page.locator("main script").count() == 0
        assert visit.page.locator("main img[onerror]").count() == 0
        assert "<b onmouseover=alert(1)>kultura</b>" in shown  # a meeting title, as text
        assert visit.page.locator("main b").count() == 0
        assert visit.errors == []
    finally:
        visit.close()


def test_exported_csv_neutralises_spreadsheet_formulas(hostile_build):
    out, _ = hostile_build
    with (out / "tables" / "area-culture-organisations.csv").open(encoding="utf-8-sig") as handle:
        names = {row["organisation_id"]: row["organisation_name"] for row in csv.DictReader(handle)}
    for organisation, name in {**PREFIXED, "O4": HOSTILE_NAMES["O4"]}.items():
        assert names[organisation] == "'" + name
    assert names["O3"] == HOSTILE_NAMES["O3"]


def test_no_participant_identifier_anywhere_in_the_hostile_reports(hostile_build):
    out, register = hostile_build
    with register.open(encoding="utf-8") as handle:
        ids = {row["participant_id"] for row in csv.DictReader(handle)}
    assert_no_identifier(out, ids)
