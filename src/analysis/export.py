"""The HTML for officials: an executed report notebook through nbconvert and our template.

The page has no code, no prompts, no parameters cell and no stderr; images are
embedded and the CSS is inline, so it is one self-contained file that asks no
other host for anything. Headings, a table of contents, the synthetic-data
banner and the technical appendix come from the template; the sections come
from the notebook's HTML outputs (made by :mod:`analysis.views`). The heading, period
and title are the ones the report computed once and wrote into its summary JSON.

What only those who build or check a report need (each source's file name and SHA-256,
where the rejected rows went, the software's version) is in the technical appendix at
the end of the page: a ``<details class="technical">``, folded on screen and left out of
print (``report.css``); nothing of it anywhere else on the page.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor
from traitlets.config import Config

from analysis import __version__
from analysis.catalogue.labels import TEXT, check_language, text

TEMPLATES = Path(__file__).parent / "templates"
CSS = (TEMPLATES / "report.css").read_text(encoding="utf-8")
REMOVED_TAGS = {"remove-cell", "parameters", "injected-parameters"}
_HEADING = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.DOTALL)


def _texts(lang: str) -> dict[str, str]:
    return {key: text(key, lang) for key in TEXT}


def table_of_contents(notebook: nbformat.NotebookNode) -> list[dict[str, str]]:
    """The ``<h2 id>`` headings of the notebook's HTML outputs, in order."""
    entries = []
    for cell in notebook.cells:
        if cell.cell_type != "code" or REMOVED_TAGS & set(cell.metadata.get("tags", [])):
            continue
        for output in cell.get("outputs", []):
            markup = output.get("data", {}).get("text/html", "")
            if isinstance(markup, list):
                markup = "".join(markup)
            for anchor, label in _HEADING.findall(markup):
                entries.append({"id": html.unescape(anchor), "text": html.unescape(label)})
    return entries


@functools.cache
def _exporter() -> HTMLExporter:
    """One exporter per process: its templates are compiled once, not for every report."""
    config = Config()
    config.TagRemovePreprocessor.remove_cell_tags = REMOVED_TAGS
    config.TagRemovePreprocessor.enabled = True
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    exporter = HTMLExporter(
        config=config,
        template_name="report",
        extra_template_basedirs=[str(TEMPLATES)],
    )
    exporter.register_preprocessor(TagRemovePreprocessor(config=config), enabled=True)
    return exporter


@dataclass
class PageContext:
    """What the template needs besides the notebook; taken from the report's summary JSON."""

    lang: str
    heading: str
    consultation: str
    period: str
    title: str
    synthetic: bool
    sources: list[dict]
    overview_link: str | None

    @classmethod
    def from_summary(cls, summary: dict, overview_href: str | None = "overview.html"):
        """The page's framing as the report computed it once (``heading``, ``period_text``
        and ``title`` of the summary JSON, see :mod:`analysis.views.page`)."""
        lang = check_language(summary["language"])
        # Source roles ("meetings", "register", "organisations") are TEXT keys too.
        sources = [{**s, "label": text(s["role"], lang)} for s in summary["sources"]]
        return cls(
            lang=lang,
            heading=summary["heading"],
            consultation=summary["consultation"],
            period=summary["period_text"],
            title=summary["title"],
            synthetic=bool(summary["synthetic"]),
            sources=sources,
            overview_link=None if summary.get("report") == "overview" else overview_href,
        )


def export_html(notebook: nbformat.NotebookNode, context: PageContext) -> str:
    """The officials' HTML page of an executed report notebook."""
    toc = table_of_contents(notebook)
    resources = {
        "report": {
            "lang": context.lang,
            "title": context.title,
            "heading": context.heading,
            "consultation": context.consultation,
            "period": context.period,
            "synthetic": context.synthetic,
            "sources": context.sources,
            "overview_link": context.overview_link,
            "toc": toc,
            "css": CSS,
            "text": _texts(context.lang),
            "version": __version__,
        }
    }
    body, _ = _exporter().from_notebook_node(notebook, resources=resources)
    return body.strip() + "\n"
