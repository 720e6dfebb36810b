"""``build --pdf`` end to end: a PDF per report that an official can publish as it is.

Three sources, as the issue asks: the shipped data, the 420-meeting counts-only city
demo, and a Decidim 0.30 export with its proposals. Each PDF is checked by the
``pdfua`` checker (no finding at all) and read back with pypdf and pikepdf: tagged, A4,
titled and in the language of its page, bookmarked, fonts embedded, charts as vectors
with the page's alt texts, pages numbered "strona X z Y", and nothing internal
(no path of this machine, no checksum, no version). Built twice into two folders, the
PDFs are byte-identical.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from analysis import __version__
from analysis.build.pdf import problem
from analysis.cli import main
from tests.sources.test_sources import DECIDIM_030

pytestmark = pytest.mark.slow

if problem() and not os.environ.get("ANALYSIS_REQUIRE_PDF"):
    pytest.skip(f"no PDF on this machine: {problem()}", allow_module_level=True)

A4 = (595.28, 841.89)  # points
DECIDIM_PROPOSALS = DECIDIM_030.with_name("decidim-0.30-proposals.csv")


def _build(out: Path, *options: str) -> Path:
    args = ["build", "--out", str(out), "--processed-dir", str(out.parent / "p"), "--pdf"]
    assert main([*args, "--jobs", "2", *options]) == 0
    return out


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The shipped data, twice, into two folders (overview and one area)."""
    root = tmp_path_factory.mktemp("shipped")
    only = ("--only", "overview,area-seniors")
    return [_build(root / name / "reports", *only) for name in ("a", "b")]


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """The counts-only city demo: 420 meetings in 30 areas and 12 districts."""
    root = tmp_path_factory.mktemp("city")
    assert main(["demo", "--counts", str(root / "city.csv")]) == 0
    return _build(root / "reports", "--meetings", str(root / "city.csv"), "--only", "overview")


@pytest.fixture(scope="module")
def decidim(tmp_path_factory):
    root = tmp_path_factory.mktemp("decidim")
    return _build(
        root / "reports",
        "--register",
        "none",
        "--meetings",
        str(DECIDIM_030),
        "--remarks",
        str(DECIDIM_PROPOSALS),
        "--only",
        "overview",
    )


def _pdfs(out: Path) -> list[Path]:
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.stem for p in pdfs] == sorted(p.stem for p in out.glob("*.html") if p.stem != "index")
    return pdfs


def _page_words(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(pdf).pages]


def _figure_alts(element) -> list[str]:
    """The alt texts of the /Figure elements under ``element``, in reading order."""
    import pikepdf

    found = [str(element.Alt)] if element.get("/S") == "/Figure" else []
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            found += _figure_alts(kid)
    return found


def test_every_pdf_passes_the_pdfua_checker_with_no_finding(shipped, city, decidim):
    from pdfua import validate

    for pdf in [*_pdfs(shipped[0]), *_pdfs(city), *_pdfs(decidim)]:
        findings = [(f.rule_id, f.severity.name, f.message) for f in validate(str(pdf)).findings]
        assert findings == [], pdf.name


def test_a_pdf_is_tagged_titled_in_the_page_language_and_bookmarked(shipped):
    import pikepdf

    out = shipped[0]
    for pdf in _pdfs(out):
        page = BeautifulSoup((out / f"{pdf.stem}.html").read_text("utf-8"), "html.parser")
        with pikepdf.open(pdf) as document:
            root = document.Root
            assert str(root.Lang) == page.html["lang"] == "pl"
            assert bool(root.MarkInfo.Marked) and "/StructTreeRoot" in root
            assert str(document.docinfo.Title) == page.title.get_text()
            assert document.open_metadata()["pdfuaid:part"] == "1"  # claims PDF/UA-1
            with document.open_outline() as outline:
                top = [item.title for item in outline.root]
                below = [child.title for item in outline.root for child in item.children]
        # the h1 is the first bookmark; each section heading (h2) of the page is one too
        assert top[0] == page.h1.get_text()
        sections = [h.get_text() for h in page.select("main h2")]
        assert sections and set(sections) <= set(top + below)


def test_pages_are_a4_numbered_and_every_font_is_embedded(shipped):
    from pypdf import PdfReader

    for pdf in _pdfs(shipped[0]):
        reader = PdfReader(pdf)
        total = len(reader.pages)
        for number, page in enumerate(reader.pages, start=1):
            width, height = float(page.mediabox.width), float(page.mediabox.height)
            assert (round(width), round(height)) == (round(A4[0]), round(A4[1]))
            assert f"strona {number} z {total}" in page.extract_text()
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                described = font["/DescendantFonts"][0] if "/DescendantFonts" in font else font
                descriptor = described.get_object()["/FontDescriptor"]
                assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font


def test_charts_are_vectors_with_the_page_alt_texts(shipped):
    import pikepdf

    out = shipped[0]
    for pdf in _pdfs(out):
        page = BeautifulSoup((out / f"{pdf.stem}.html").read_text("utf-8"), "html.parser")
        alts = [img["alt"] for img in page.select("main img")]
        assert alts
        with pikepdf.open(pdf) as document:
            figures = _figure_alts(document.Root.StructTreeRoot)
            # every image a PDF draws is a form (vectors), not a raster
            rasters = [
                (image.get("/Width"), image.get("/Height"))
                for pdf_page in document.pages
                for image in pdf_page.get_images().values()
                if image.get("/Subtype") == "/Image"
            ]
        assert figures == alts
        assert rasters == []


def test_a_pdf_of_synthetic_data_says_so_on_its_first_page(shipped, decidim):
    for pdf in _pdfs(shipped[0]):
        assert "Dane syntetyczne (demonstracyjne)" in _page_words(pdf)[0], pdf.name
    for pdf in _pdfs(decidim):  # a platform's export is not synthetic
        assert "syntetyczn" not in " ".join(_page_words(pdf)), pdf.name


def test_the_index_links_each_pdf(shipped):
    out = shipped[0]
    index = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    linked = sorted(a["href"] for a in index.select("a[href$='.pdf']"))
    assert linked == [p.name for p in _pdfs(out)]


def test_built_twice_the_pdfs_are_byte_identical(shipped):
    import pikepdf

    first, second = shipped
    for pdf in _pdfs(first):
        assert pdf.read_bytes() == (second / pdf.name).read_bytes(), pdf.name
        # and no date in them, that two builds on the same day would share
        with pikepdf.open(pdf) as document:
            assert not {"/CreationDate", "/ModDate"} & set(document.docinfo.keys())
            with document.open_metadata() as xmp:
                assert [key for key in xmp if "Date" in key] == []


def test_nothing_internal_in_a_pdf(shipped, city, decidim):
    """No folder of the build machine, no checksum, no version: in the pages' text, the
    document's metadata or its links."""
    import pikepdf

    for out in (shipped[0], city, decidim):
        sources = json.loads((out / "overview.json").read_text("utf-8"))["sources"]
        forbidden = [str(out.parent), "/tmp", str(Path.home()), "sha256", "SHA-256"]
        forbidden += [s["sha256"] for s in sources] + [__version__]
        for pdf in _pdfs(out):
            with pikepdf.open(pdf) as document:
                metadata = [str(v) for v in document.docinfo.values()]
                links = [
                    str(annot.A.URI)
                    for page in document.pages
                    for annot in page.get("/Annots", [])
                    if "/A" in annot and "/URI" in annot.A
                ]
            words = " ".join(_page_words(pdf) + metadata + links)
            assert [f for f in forbidden if f in words] == [], pdf.name
            # links to the report's own files are relative, as on the page
            assert links and all(re.fullmatch(r"(tables|figures)/[\w.-]+", link) for link in links)


def test_the_420_meeting_city_overview_fits_in_15_pages_and_no_table_is_cut(city):
    from pypdf import PdfReader

    pdf = city / "overview.pdf"
    reader = PdfReader(pdf)
    assert len(reader.pages) <= 15
    # every piece of text starts on the page (a column cut off would start past its edge)
    outside = []
    for number, page in enumerate(reader.pages, start=1):

        def visit(text, cm, tm, _font, _size, number=number):
            x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
            if text.strip() and not 0 <= x <= A4[0]:
                outside.append((number, text, round(x)))

        page.extract_text(visitor_text=visit)
    assert outside == []
    # the folded list of all 420 meetings is not laid out: the PDF links its CSV instead
    page = BeautifulSoup((city / "overview.html").read_text("utf-8"), "html.parser")
    folded = [a["href"] for a in page.select("p.print-link a")]
    assert folded and all((city / href).is_file() for href in folded)
    words = re.sub(r"\s+", " ", " ".join(_page_words(pdf)))
    # on paper the line names the file: "Wszystkie spotkania (420): pełna tabela w pliku
    # tables/overview-….csv"
    assert f"pełna tabela w pliku {folded[0]}" in words
    all_meetings = (city / folded[0]).read_text("utf-8").count("\n") - 1
    assert all_meetings == 420
    assert words.count("2016") + words.count("2017") < all_meetings  # dates of 420 rows


def test_the_folded_rest_of_the_remarks_is_a_line_naming_their_csv(tmp_path):
    """300 synthetic remarks: the page lists 10 and folds the next 200 away; on paper the
    200 are one line naming the CSV that holds all 300, not 200 rows."""
    remarks = tmp_path / "remarks.csv"
    assert main(["demo", "--remarks", str(remarks), "--count", "300"]) == 0
    out = _build(tmp_path / "reports", "--remarks", str(remarks), "--only", "overview")
    words = re.sub(r"\s+", " ", " ".join(_page_words(out / "overview.pdf")))
    assert "Pozostałe uwagi (200): pełna tabela w pliku tables/overview-remarks.csv" in words
    assert len(set(re.findall(r"\bU\d{5}\b", words))) == 10  # the ten listed, by id
    csv = (out / "tables/overview-remarks.csv").read_text("utf-8-sig")
    assert len(set(re.findall(r"\bU\d{5}\b", csv))) == 300


def test_a_build_without_pdf_removes_the_pdfs_that_no_longer_match(tmp_path, capsys):
    out = _build(tmp_path / "reports", "--only", "overview")
    assert (out / "overview.pdf").is_file()
    assert "overview.html + .pdf" in capsys.readouterr().out  # the console says it was written
    args = ["build", "--out", str(out), "--processed-dir", str(tmp_path / "p")]
    code = main([*args, "--only", "overview"])
    assert code == 0
    assert not (out / "overview.pdf").exists()
