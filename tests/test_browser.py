"""The reports as officials meet them: headless Chromium, offline, printed, phone-sized.

Uses Debian's Chromium (``/usr/bin/chromium``) driven by Playwright; Playwright's own
browser download needs internet access that CI does not have. Without Chromium these
tests are skipped with a message saying how to install it, unless
``ANALYSIS_REQUIRE_BROWSER=1`` (set by .ci/run) makes a missing browser a failure.
Full-page screenshots are kept under ``test-artifacts/``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from analysis import config
from analysis.cli import main
from tests.conftest import TEST_DATA

#: What every page allows: no script, nothing from outside; inline styles and data: images.
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'"
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path(os.environ.get("ANALYSIS_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = config.PROJECT_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]  # fmt: skip
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        message = (
            f"headless Chromium not found at {CHROMIUM}; install it with "
            "`sudo apt-get install chromium` (Debian) to run the browser tests"
        )
        if os.environ.get("ANALYSIS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def _build(out: Path, *options: str) -> None:
    code = main(["build", "--out", str(out), "--processed-dir", str(out.parent / "p"), *options])
    assert code == 0


@pytest.fixture(scope="module")
def default_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("default") / "reports"
    _build(out)
    return out


class Visit:
    """One page opened offline: what it asked for, what it logged, what dialogs it raised."""

    def __init__(self, browser, path: Path, width: int = 1280, height: int = 900):
        self.external: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.context.set_offline(True)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri(), wait_until="load")

    def _route(self, route):
        url = route.request.url
        if url.startswith(("file://", "data:")):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def close(self):
        self.context.close()


def _pages(out: Path) -> list[Path]:
    return sorted(out.glob("*.html"))


def _default_pages() -> list[str]:
    meetings = ["index.html", "overview.html"]
    from analysis.announcement import read_announcement

    areas = read_announcement(config.ANNOUNCEMENT_PATH).meetings["area"]
    return meetings + [f"area-{a}.html" for a in areas]


@pytest.mark.parametrize("name", _default_pages())
def test_page_offline_images_links_print_phone_and_accessibility(browser, default_build, name):
    _check_page(browser, default_build / name, name, charts=5 if name == "overview.html" else None)


def _check_page(browser, path: Path, name: str, charts: int | None = None) -> None:
    """Offline, images, table of contents, screenshot, axe-core, A4 print, phone width."""
    from axe_playwright_python.sync_playwright import Axe
    from pypdf import PdfReader

    visit = Visit(browser, path)
    page = visit.page
    try:
        # Loads with the network blocked, asks no other host, logs no error (a page that
        # tripped its Content-Security-Policy would log one).
        assert visit.external == []
        assert visit.errors == []
        policy = page.evaluate(
            """() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')
                ?.getAttribute('content')"""
        )
        assert policy == CSP
        assert page.evaluate("document.documentElement.lang") == "pl"

        # Every image has loaded and says what it shows.
        images = page.evaluate(
            """() => Promise.all(Array.from(document.images).map(i => i.decode().then(
                () => [true, i.naturalWidth, i.alt], () => [false, i.naturalWidth, i.alt])))"""
        )
        for decoded, width, alt in images:
            assert decoded and width > 0, "an image did not load"
            assert len(alt) > 20
        if charts is not None:
            assert len(images) == charts, "the overview lost a chart"

        # Table-of-contents links land on their sections.
        anchors = page.eval_on_selector_all("nav.toc a", "links => links.map(a => a.hash)")
        for anchor in anchors:
            page.click(f'nav.toc a[href="{anchor}"]')
            assert page.evaluate("location.hash") == anchor
            top, at_bottom, height = page.evaluate(
                f"""() => [document.getElementById('{anchor[1:]}').getBoundingClientRect().top,
                    scrollY + innerHeight >= document.documentElement.scrollHeight - 2,
                    innerHeight]"""
            )
            # At the top of the window, or visible when the page cannot scroll further.
            assert -2 <= top < 60 or (at_bottom and 0 <= top < height), (anchor, top)
        if name != "index.html":
            assert len(anchors) >= 4

        # At 1280 px no table scrolls sideways (tables folded away are not drawn).
        hidden = page.evaluate(
            """() => Array.from(document.querySelectorAll('.table-wrap'))
                .filter(w => w.offsetParent !== null && w.scrollWidth > w.clientWidth + 1)
                .map(w => w.getAttribute('aria-label'))"""
        )
        assert hidden == [], f"tables wider than the page: {hidden}"

        # A full-page screenshot is kept as an artefact.
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{path.stem}.png"), full_page=True)

        # Accessibility: no serious or critical axe-core violation.
        results = Axe().run(page)
        serious = [
            (v["id"], v["help"]) for v in results.response["violations"] if v["impact"] in SERIOUS
        ]
        assert serious == []

        # Printed on A4, every chart stands whole on one page.
        pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
        drawn = sum(len(p.images) for p in pdf.pages)
        assert drawn == len(images), f"{len(images)} charts drawn {drawn} times: one was cut"
    finally:
        visit.close()

    # On a phone the page does not scroll sideways.
    phone = Visit(browser, path, width=390, height=844)
    try:
        overflow = phone.page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        phone.page.screenshot(path=str(ARTIFACTS / f"{path.stem}-phone.png"), full_page=True)
    finally:
        phone.close()


@pytest.fixture(scope="module")
def counts_build(tmp_path_factory):
    """A spreadsheet of per-meeting counts with its own (Catalan) headers, no register."""
    from tests.test_sources import CATALAN, CATALAN_MAPPING

    out = tmp_path_factory.mktemp("counts") / "reports"
    mapping = [x for f, c in CATALAN_MAPPING.items() for x in ("--meetings-column", f"{f}={c}")]
    code = main(
        ["build", "--register", "none", "--meetings", str(CATALAN), "--out", str(out)]
        + ["--processed-dir", str(out.parent / "processed"), "--jobs", "2", *mapping]
    )
    assert code == 0
    return out


# the index, the overview and an area of two spellings ("Medi ambient", "Medi Ambient")
COUNTS_PAGES = ["index.html", "overview.html", "area-medi-ambient.html"]


@pytest.mark.parametrize("name", COUNTS_PAGES)
def test_counts_source_pages_pass_the_same_checks(browser, counts_build, name):
    # attendances by area, by district and by month
    _check_page(browser, counts_build / name, name, charts=3 if name == "overview.html" else None)
    visit = Visit(browser, counts_build / name)
    try:  # no internal identifier in what a reader sees
        seen = visit.page.inner_text("body")
        for internal in ("new_participants", "reach_curve", "meetings_without_attendance", "_"):
            assert internal not in seen, internal
    finally:
        visit.close()


# --------------------------------------------------------------------------- a city's scale


@pytest.fixture(scope="module")
def city_build(tmp_path_factory):
    """The synthetic counts-only table of 420 meetings in 30 themes and 10 districts."""
    from analysis.demo_counts import write_counts_table

    folder = tmp_path_factory.mktemp("city")
    meetings = write_counts_table(folder / "city.csv")
    out = folder / "reports"
    _build(out, "--register", "none", "--meetings", str(meetings), "--jobs", "2")
    return out


#: The index, the overview and two areas: the first and the one with the longest name.
CITY_PAGES = [
    "index.html",
    "overview.html",
    "area-medi-ambient-i-sostenibilitat.html",
    "area-mobilitat-transport-public-i-seguretat-viaria.html",
]


def test_city_scale_source_builds_an_overview_and_one_report_per_area(city_build):
    import json

    summary = json.loads((city_build / "overview.json").read_text(encoding="utf-8"))
    assert summary["synthetic"] is True and summary["totals"]["meetings"] == 420
    areas = {f"area-{row['area']}.html" for row in summary["by_area"]}
    assert len(areas) == 30
    assert {p.name for p in city_build.glob("area-*.html")} == areas
    assert set(CITY_PAGES[2:]) <= areas


@pytest.mark.parametrize("name", CITY_PAGES)
def test_city_scale_pages_pass_the_same_checks(browser, city_build, name):
    # attendances by area, kind, district and month
    _check_page(browser, city_build / name, name, charts=4 if name == "overview.html" else None)


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


def _visible_words(visit) -> str:
    """What a reader sees or hears: the page's text and the images' alt texts."""
    alts = visit.page.eval_on_selector_all("img", "images => images.map(i => i.alt)")
    return " ".join([visit.page.inner_text("body"), visit.page.title(), *alts])


def test_no_internal_identifier_in_the_visible_text_of_any_city_page(browser, city_build):
    import json

    summary = json.loads((city_build / "overview.json").read_text(encoding="utf-8"))
    codes = [row["area"] for row in summary["by_area"] if row["label"] != row["area"]]
    internal = ("meeting_id", "new_participants", "reach_curve", "attendees", "unassigned")
    pages = _pages(city_build)
    assert len(pages) == 32  # the index, the overview and 30 areas
    for path in pages:
        visit = Visit(browser, path)
        try:
            # open every fold: what is folded away is read too
            visit.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            seen = _visible_words(visit)
        finally:
            visit.close()
        snake = re.findall(r"\b[a-z]+_[a-z_]+\b", seen)
        assert snake == [], (path.name, snake[:5])
        for word in internal:
            assert word not in seen, (path.name, word)
        for code in codes:  # an area code where a label exists
            assert not re.search(rf"(?<![\w-]){re.escape(code)}(?![\w-])", seen), (path.name, code)


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


# --------------------------------------------------------------------------- hostile data

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
    _build(out, "--meetings", str(meetings), "--register", str(register))
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


def test_no_participant_identifier_anywhere_in_reports(hostile_build, default_build):
    hostile_out, register = hostile_build
    with register.open(encoding="utf-8") as handle:
        hostile_ids = {row["participant_id"] for row in csv.DictReader(handle)}
    with config.DEFAULT_REGISTER_PATH.open(encoding="utf-8") as handle:
        demo_ids = {row["participant_id"] for row in csv.DictReader(handle)}
    for out, ids in ((hostile_out, hostile_ids), (default_build, demo_ids)):
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(ids))) + r")\b")
        files = [p for p in out.rglob("*") if p.is_file() and p.suffix != ".png"]
        assert len(files) > 20
        for path in files:
            content = re.sub(r"data:image/png;base64,[^\"'\\]*", "", path.read_text("utf-8"))
            found = pattern.search(content)
            assert found is None, (path.relative_to(out), found and found.group(0))
