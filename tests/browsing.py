"""Opening the reports as officials meet them: headless Chromium, offline, printed, phone-sized.

Shared by the browser test files (``test_browser_*.py``), which are split so that
``pytest -n 2 --dist loadfile`` can run them side by side. Uses Debian's Chromium
(``/usr/bin/chromium``) driven by Playwright; Playwright's own browser download needs
internet access that CI does not have. Without Chromium the tests are skipped with a
message saying how to install it, unless ``ANALYSIS_REQUIRE_BROWSER=1`` (set by
.ci/run) makes a missing browser a failure. With ``ANALYSIS_SCREENSHOTS=1``, full-page
screenshots (desktop and phone) of the fully checked pages are kept under
``test-artifacts/`` to look at; they assert nothing, so by default they are not taken
(about 6 s a page on this machine).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from analysis import config
from analysis.cli import main

#: What every page allows: no script, nothing from outside; inline styles and data: images.
CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'"
)
CHROMIUM = Path(os.environ.get("ANALYSIS_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = config.PROJECT_ROOT / "test-artifacts"
SCREENSHOTS = os.environ.get("ANALYSIS_SCREENSHOTS") == "1"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
]  # fmt: skip
SERIOUS = {"serious", "critical"}


def launch() -> Iterator:
    """Headless Chromium for one test module (a generator for a fixture)."""
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


def build(out: Path, *options: str) -> None:
    code = main(["build", "--out", str(out), "--processed-dir", str(out.parent / "p"), *options])
    assert code == 0


def pages(out: Path) -> list[Path]:
    return sorted(out.glob("*.html"))


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


def check_page(
    browser, path: Path, name: str, charts: int | None = None, full=True, lang="pl"
) -> None:
    """Offline, images, table of contents, wide tables and phone width on every page;
    with ``full``, also a screenshot, axe-core and A4 print.

    The full checks cost seconds a page; pages made from one template with other
    data get the rest, which is where data changes what a reader sees."""
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
        assert page.evaluate("document.documentElement.lang") == lang

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
        if full:
            _screenshot_axe_and_print(page, path, len(images))

        # On a phone the page does not scroll sideways (the same page, made narrow).
        page.set_viewport_size({"width": 390, "height": 844})
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        # ... and no table hides a figure: no table scrolls sideways, and every cell of
        # its last column (the figures) lies inside the window.
        cut = page.evaluate(
            """() => Array.from(document.querySelectorAll('.table-wrap'))
                .filter(w => w.offsetParent !== null)
                .filter(w => w.scrollWidth > w.clientWidth + 1 || Array.from(
                    w.querySelectorAll('tbody tr > :last-child')).some(cell => {
                        const box = cell.getBoundingClientRect();
                        return box.left < -1 || box.right > innerWidth + 1; }))
                .map(w => w.getAttribute('aria-label'))"""
        )
        assert cut == [], f"tables whose figures are out of sight on a phone: {cut}"
        # The technical appendix is folded on screen and left out of print.
        technical = page.evaluate(
            """() => Array.from(document.querySelectorAll('details.technical'))
                .map(d => [d.open, d === document.body.querySelector('footer:last-of-type')
                    ?.querySelector('details.technical')])"""
        )
        assert technical == [[False, True]]
        page.emulate_media(media="print")
        shown = page.evaluate(
            "getComputedStyle(document.querySelector('details.technical')).display"
        )
        page.emulate_media(media="screen")
        assert shown == "none"
        if full and SCREENSHOTS:
            page.screenshot(path=str(ARTIFACTS / f"{path.stem}-phone.png"), full_page=True)
    finally:
        visit.close()


def _screenshot_axe_and_print(page, path: Path, images: int) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from pypdf import PdfReader

    if SCREENSHOTS:  # kept to look at (ANALYSIS_SCREENSHOTS=1)
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
    assert drawn == images, f"{images} charts drawn {drawn} times: one was cut"


def visible_words(visit) -> str:
    """What a reader sees or hears: the page's text and the images' alt texts."""
    alts = visit.page.eval_on_selector_all("img", "images => images.map(i => i.alt)")
    return " ".join([visit.page.inner_text("body"), visit.page.title(), *alts])


def all_words(path: Path) -> str:
    """Every word a page can show, read from its HTML without a browser: the body's text
    (folded parts and anything a style hides included, so more than a reader sees),
    the title and the images' alt texts."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in soup(["script", "style"]):
        tag.decompose()
    alts = [img.get("alt", "") for img in soup.find_all("img")]
    title = soup.title.get_text() if soup.title else ""
    return re.sub(r"\s+", " ", " ".join([soup.body.get_text(" "), title, *alts]))


def assert_no_identifier(out, ids: set[str]) -> None:
    """No participant identifier in any file of a build (embedded PNG data left out)."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(ids))) + r")\b")
    files = [p for p in out.rglob("*") if p.is_file() and p.suffix != ".png"]
    assert len(files) > 20
    for path in files:
        content = re.sub(r"data:image/png;base64,[^\"'\\]*", "", path.read_text("utf-8"))
        found = pattern.search(content)
        assert found is None, (path.relative_to(out), found and found.group(0))
