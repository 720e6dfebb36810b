"""A report's PDF, for the public information bulletin: tagged PDF/UA-1, A4, from its page.

WeasyPrint lays out the report's own HTML with the print rules of ``report.css``
(folded long lists give way to a link to their CSV, the technical appendix is left
out) and the page rules of :func:`page_css` (A4, "strona X z Y"). It writes a tagged
PDF/UA-1 document: the page's title and language, bookmarks from its headings,
fonts embedded as subsets. The differences from the page:

- each chart is the SVG that ``figures/`` holds beside its PNG (vectors, with the
  image's alt text); nothing else is fetched, and nothing from another host;
- links keep their relative form (``tables/<report>-….csv``), so the PDF names no
  folder of the machine that built it;
- the page's ``generator`` (the software's version) is not carried into the PDF;
- header cells get a PDF ``/Scope`` (column or row) beside WeasyPrint's
  ``/Headers``, so a checker that looks for either finds the association.

The same HTML gives the same bytes: WeasyPrint writes no date of its own.
"""

from __future__ import annotations

import logging
from pathlib import Path

from analysis.errors import DataError

VARIANT = "pdf/ua-1"
#: an image whose SVG twin in figures/ the PDF draws instead of its PNG
FIGURE_ATTRIBUTE = "data-figure"
INSTALL_HINT = (
    "--pdf needs the Pango text library: on Debian or Ubuntu, "
    "`apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core`, then run again"
)


#: The system libraries WeasyPrint loads (through cffi, when it is imported).
LIBRARIES = ("gobject-2.0", "pango-1.0", "pangoft2-1.0", "harfbuzz", "fontconfig")


def problem() -> str | None:
    """Why PDFs cannot be written on this machine (one line), or None when they can.
    Asks the system's library index, without importing WeasyPrint (a second in the build's
    own process, and WeasyPrint prints a page of its own when a library is missing)."""
    from ctypes.util import find_library

    missing = [name for name in LIBRARIES if find_library(name) is None]
    return f"{INSTALL_HINT} (missing: {', '.join(missing)})" if missing else None


def _weasyprint():
    """WeasyPrint, imported with its own printing kept off the console: a library that
    cannot be loaded after all is one line (:class:`DataError`)."""
    import contextlib
    import io

    try:
        with contextlib.redirect_stdout(io.StringIO()):
            import weasyprint
            from weasyprint.urls import URLFetcher
    except (ImportError, OSError) as error:
        first = (str(error).splitlines() or [""])[0]
        raise DataError(f"{INSTALL_HINT} ({type(error).__name__}: {first})") from None
    return weasyprint, URLFetcher


def page_css(lang: str) -> str:
    """The PDF's page: A4, numbered "strona X z Y" / "page X of Y" at the foot."""
    from analysis.catalogue.labels import text

    words = text("page_of", lang).split("{page}")
    before, after = words[0], words[1].split("{pages}")[0]
    return (
        "@page { size: A4; margin: 15mm 12mm 18mm;"
        " @bottom-right { content: "
        f'"{before}" counter(page) "{after}" counter(pages);'
        " font-family: 'DejaVu Sans', sans-serif; font-size: 8pt; color: #555; } }"
    )


#: Parts of a page that print leaves out (report.css): taken out before the layout, so
#: that WeasyPrint does not style what it will not draw (a folded list of 420 rows).
UNPRINTED = frozenset({"print-as-link", "technical"})


def _drop(root, classes: frozenset[str]) -> None:
    """Remove from ``root`` every element with one of ``classes``."""
    for parent in list(root.iter()):
        for child in list(parent):
            if classes & set((child.get("class") or "").split()):
                parent.remove(child)


class _Problems(logging.Handler):
    """WeasyPrint's errors while it writes (a missing alt text, a missing language):
    a PDF that would not be accessible is not written."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def _scope_headers(_document, pdf) -> None:
    """Give each table header cell its ``/Scope``: Column in the table's head, Row in
    its body (the HTML's ``scope`` attributes, which WeasyPrint does not carry over)."""
    import pydyf

    by_number = {obj.number: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary)}

    def parent(element):
        reference = element.get("P")
        return by_number.get(int(reference.split()[0])) if reference else None

    for element in list(by_number.values()):
        if element.get("S") != "/TH":
            continue
        row = parent(element)
        group = parent(row) if row is not None else None
        scope = "/Column" if group is not None and group.get("S") == "/THead" else "/Row"
        attributes = element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
        attributes["Scope"] = scope


def write_pdf(html: Path, target: Path, lang: str) -> Path:
    """Write ``target`` from the report page ``html``; its charts come from the
    ``figures/`` folder beside it. Raises :class:`DataError` (one line) when the PDF
    cannot be written or would not be accessible."""
    weasyprint, URLFetcher = _weasyprint()
    html, target = Path(html), Path(target)
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    # base_url None: relative links stay relative in the PDF (no folder of this machine)
    page = html.read_text(encoding="utf-8")
    document = weasyprint.HTML(string=page, base_url=None, url_fetcher=fetcher)
    head = document.etree_element.find("head")
    for meta in head.findall("meta") if head is not None else []:
        if meta.get("name") == "generator":
            head.remove(meta)
    _drop(document.etree_element, UNPRINTED)
    for image in document.etree_element.iter("img"):
        stem = image.get(FIGURE_ATTRIBUTE)
        if stem:
            svg = html.parent / "figures" / f"{stem}.svg"
            if not svg.is_file():
                raise DataError(f"{svg.name}: the chart's SVG was not written beside its PNG")
            image.set("src", svg.resolve().as_uri())
    problems = _Problems()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(problems)
    try:
        pdf = document.write_pdf(
            pdf_variant=VARIANT,
            stylesheets=[weasyprint.CSS(string=page_css(lang))],
            finisher=_scope_headers,
        )
    finally:
        logger.removeHandler(problems)
    if problems.messages:
        raise DataError(f"{html.name}: no accessible PDF: {problems.messages[0]}")
    from analysis.files import atomic_write_bytes

    return atomic_write_bytes(target, pdf)
