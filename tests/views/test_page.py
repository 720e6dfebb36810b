"""The page an official publishes, made without a kernel: every section rendered as the
notebook shows it, put into a notebook's outputs and exported as the build exports it.

Nothing internal outside the technical appendix: no path of the build machine, no
SHA-256 checksum, no software version. The appendix is the page's last part, folded on
screen, left out of print, and holds the provenance: each source's file name and
checksum, where the rejected rows went, the version.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from analysis import __version__, views
from analysis.catalogue.labels import Text
from analysis.export import CSS, PageContext, export_html
from analysis.views import blocks
from analysis.views.render import render_section
from analysis.views.sections import SECTIONS, section
from tests.conftest import TEST_DATA
from tests.views.test_views import UNDRAWN

MEETINGS = TEST_DATA / "meetings-small.csv"
REGISTER = TEST_DATA / "register-small.csv"
COUNTS = TEST_DATA / "meetings-counts.csv"

#: What an official's page must not show outside the appendix.
INTERNAL = {
    "a SHA-256 checksum": re.compile(r"\b[0-9a-f]{64}\b"),
    "the processed folder": re.compile(r"data/processed"),
    "a path": re.compile(r"[\w.-]+/[\w.-]+/"),
    "the version": re.compile(re.escape(__version__)),
}


def _page(data) -> str:
    """The page of a report: its sections in a notebook's outputs, exported."""
    notebook = nbformat.v4.new_notebook()
    for name in SECTIONS:
        found = section(name, data)
        if found is None:
            continue
        html = render_section(found, data.lang, UNDRAWN, f"tables/{data.report_name}-")
        output = nbformat.v4.new_output("display_data", data={"text/html": html})
        notebook.cells.append(nbformat.v4.new_code_cell("report.show(...)", outputs=[output]))
    return export_html(notebook, PageContext.from_summary(views.summary(data)))


def _split(page: str) -> tuple[str, BeautifulSoup]:
    """The page's text outside the appendix (body, title, alt texts) and the appendix."""
    soup = BeautifulSoup(page, "html.parser")
    technical = soup.select("details.technical")
    assert len(technical) == 1
    appendix = technical[0].extract()
    alts = [img.get("alt", "") for img in soup.find_all("img")]
    for tag in soup(["style", "script"]):
        tag.decompose()
    text = " ".join([soup.body.get_text(" "), soup.title.get_text(), *alts])
    return text, appendix


CASES = [
    ("pl", {"meetings_path": str(MEETINGS), "register_path": str(REGISTER)}),
    ("en", {"meetings_path": str(MEETINGS), "register_path": str(REGISTER), "area": "culture"}),
    ("pl", {"meetings_path": str(COUNTS), "register_path": "none"}),
]


@pytest.mark.parametrize(("lang", "where"), CASES)
def test_nothing_internal_outside_the_folded_technical_appendix(lang, where):
    data = views.load_report(lang=lang, **where).data
    page = _page(data)
    text, appendix = _split(page)
    for what, pattern in INTERNAL.items():
        assert not pattern.search(text), (what, pattern.search(text).group(0))
    for source in data.consultation.sources:
        assert str(source.path.parent) not in page  # no folder of this machine, anywhere
    # the appendix: the last part of the page, folded, its summary from the catalogue
    soup = BeautifulSoup(page, "html.parser")
    last = soup.body.find_all(recursive=False)[-1]
    assert last.name == "footer" and last.select_one("details.technical") is not None
    assert appendix.get("open") is None
    summary = {"pl": "Informacje techniczne", "en": "Technical details"}[lang]
    assert appendix.summary.get_text(strip=True) == summary
    said = appendix.get_text(" ")
    for source in data.consultation.sources:
        assert source.path.name in said
        assert hashlib.sha256(source.path.read_bytes()).hexdigest() in said
    assert f"analysis {__version__}" in said
    assert "rejected-rows.csv" in said


def test_the_appendix_is_left_out_of_print():
    printed = " ".join(re.findall(r"@media print \{(.*?)\}\s*$", CSS, re.MULTILINE | re.DOTALL))
    assert re.search(r"\.technical \{ display: none; \}", printed)


def test_the_index_keeps_its_version_in_the_appendix_too():
    from analysis.build.index import render_index

    page = render_index([], "en", "A consultation", synthetic=False)
    text, appendix = _split(page)
    assert __version__ not in text
    assert appendix.summary.get_text(strip=True) == "Technical details"
    assert f"analysis {__version__}" in appendix.get_text(" ")


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_every_date_of_a_table_names_its_month_whole(lang):
    """A table's dates, one in each month, rendered as the page shows them."""
    from tests.catalogue.test_labels import MONTHS

    frame = pd.DataFrame({"date": pd.to_datetime([day for day, _, _ in MONTHS]), "n": 1})
    columns = [blocks.Column("date", "date", "date"), blocks.Column("n", "meetings")]
    table = blocks.Table(None, Text("caption_by_month"), columns, frame)
    html = render_section(blocks.Section("section_time", [table]), lang, UNDRAWN, None)
    cells = re.findall(r'<th scope="row" class="date">([^<]*)</th>', html)
    expected = [polish if lang == "pl" else english for _, polish, english in MONTHS]
    assert cells == expected


def test_the_meetings_table_of_a_page_writes_its_dates_whole():
    data = views.load_report(meetings_path=str(MEETINGS), register_path=str(REGISTER)).data
    html = render_section(section("meetings", data), "pl", UNDRAWN, None)
    assert '<th scope="row" class="date">2 marca 2020</th>' in html
    assert "2 mar 2020" not in html
    assert Path(MEETINGS).name not in html


def test_the_contents_follow_the_first_section_shown_not_an_empty_output():
    """The first screen is the headline and key figures, the table of contents after
    them. A cell that shows nothing (an online consultation's key figures: empty HTML)
    does not count as the first section."""
    data = views.load_report(meetings_path=str(MEETINGS), register_path=str(REGISTER)).data
    notebook = nbformat.v4.new_notebook()
    empty = nbformat.v4.new_output("execute_result", data={"text/html": "", "text/plain": ""})
    notebook.cells.append(nbformat.v4.new_code_cell("report.show('x')", outputs=[empty]))
    for name in ("key_figures", "meetings", "areas"):
        html = render_section(section(name, data), data.lang, UNDRAWN, None)
        output = nbformat.v4.new_output("display_data", data={"text/html": html})
        notebook.cells.append(nbformat.v4.new_code_cell("report.show(...)", outputs=[output]))
    page = export_html(notebook, PageContext.from_summary(views.summary(data)))
    main = BeautifulSoup(page, "html.parser").main
    order = [
        "toc" if tag.name == "nav" else tag["aria-labelledby"]
        for tag in main.find_all(["section", "nav"], recursive=False)
    ]
    assert order == ["key-figures", "toc", "section-meetings", "section-areas"]
    assert len(main.select("nav.toc li")) == 3
