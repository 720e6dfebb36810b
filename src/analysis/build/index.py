"""``index.html``: every report of the last build with its period and headline figures.

The page is the template ``templates/index_page.html.j2`` (escaping done there, once
per value); this module only gathers what each line says. Each report's figures come
from its own summary (``<report>.json``, :mod:`analysis.views.summary`), formatted here
in the page's language; a summary that is missing, unreadable or of another shape gives
"–", never an error. A report that failed or was cancelled in this build says so beside
its heading; a report that is fine says nothing of the build. It needs no nbconvert, so
the build's main process never imports it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from analysis import __version__
from analysis.build.options import Job, JobResult
from analysis.files import atomic_write_text

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"

#: The figures of a line, in this order, by catalogue key (the column's name). A source
#: of counts without a register has no distinct organisations: its column is then
#: ``organisation_attendances`` (a sum over the meetings). The remarks' two columns are
#: shown only when some report of the build has a remarks register.
FIGURES = ("meetings", "participants", "organisations", "attendances")
REMARK_FIGURES = ("remarks", "remarks_acceptance_rate_n")
ORGANISATION_KEYS = ("organisations", "organisation_attendances")
NBSP = "\u00a0"


@dataclass
class Figure:
    """One figure of a line as the page shows it, and the name of its column (said beside
    it when the table is laid out as cards on a phone)."""

    label: str
    value: str


@dataclass
class IndexEntry:
    heading: str
    href: str | None
    period: str
    status: str = ""  # said only for a report that failed or was cancelled in this build
    failed: bool = False
    pdf_href: str | None = None
    pdf_name: str = ""  # the PDF link's accessible name: the heading and "(PDF)"
    figures: list[Figure] = field(default_factory=list)


def render_index(
    entries: list[IndexEntry],
    lang: str,
    consultation: str,
    synthetic: bool,
    columns: list[str] | tuple[str, ...] = (),
    notes: list[str] | tuple[str, ...] = (),
) -> str:
    """The page listing ``entries``, linked relatively, in the language ``lang``;
    ``columns`` are the headers of the entries' figures, ``notes`` said under the table."""
    import jinja2

    from analysis.catalogue.labels import TEXT, check_language, text

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=False, keep_trailing_newline=True
    )
    page = environment.get_template("index_page.html.j2").render(
        lang=check_language(lang),
        title=text("index_title", lang),
        consultation=consultation,
        synthetic=synthetic,
        entries=entries,
        columns=list(columns),
        notes=list(notes),
        text={key: text(key, lang) for key in TEXT},
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
        version=__version__,
    )
    return page.strip() + "\n"


def _summary_of(out: Path, name: str) -> dict:
    """The report's summary; ``{}`` when it is missing or unreadable."""
    try:
        summary = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing, a folder, not UTF-8, not JSON
        return {}
    return summary if isinstance(summary, dict) else {}


def _part(mapping: dict, key: str) -> dict:
    value = mapping.get(key)
    return value if isinstance(value, dict) else {}


def _count(value) -> int | None:
    """A count as the summary gives it; None for anything else (null, text, a fraction)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _words(value) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def organisations(summary: dict) -> tuple[str, int | None]:
    """Which organisation figure the report has and its value: distinct organisations
    (from a register), else the source's per-meeting counts summed."""
    totals = _part(summary, "totals")
    distinct = _count(totals.get("organisations"))
    summed = _count(totals.get("organisation_attendances"))
    if distinct is None and summed is not None:
        return "organisation_attendances", summed
    return "organisations", distinct


def columns_of(summaries: list[dict]) -> tuple[str, ...]:
    """The figure columns of the index, by catalogue key, for these reports' summaries."""
    kinds = {kind for kind, value in map(organisations, summaries) if value is not None}
    organisation = "organisation_attendances" if kinds == {"organisation_attendances"} else None
    keys = tuple(organisation or key if key == "organisations" else key for key in FIGURES)
    if any(isinstance(summary.get("remarks"), dict) for summary in summaries):
        met = any(_count(_part(summary, "totals").get("meetings")) for summary in summaries)
        # a consultation held online (no report has a meeting): its remarks alone
        keys = (keys if met else ()) + REMARK_FIGURES
    return keys


def _acceptance(remarks: dict, lang: str) -> str:
    from analysis.catalogue.labels import format_share, sentence

    acceptance = _part(remarks, "acceptance_rate")
    rate, base = acceptance.get("rate"), _count(acceptance.get("denominator"))
    known = isinstance(rate, int | float) and not isinstance(rate, bool) and math.isfinite(rate)
    if base is None:
        return format_share(rate, lang) if known else "–"
    if known:
        return sentence("remarks_rate_with_base", lang, rate=rate, n=base)
    return sentence("remarks_no_rate_with_base", lang, n=base)


def figures(summary: dict, keys: tuple[str, ...], lang: str) -> list[Figure]:
    """The report's figures for the columns ``keys``, "–" where the summary has none."""
    from analysis.catalogue.labels import format_number, sentence, text

    totals = _part(summary, "totals")
    remarks = _part(summary, "remarks")
    shown = []
    for key in keys:
        label = text(key, lang)
        if key in ORGANISATION_KEYS:
            kind, count = organisations(summary)
            value = format_number(count, lang)
            if kind != key and count is not None:  # a sum among distinct counts: said so
                label = text(kind, lang)
                value = sentence("index_organisation_sum", lang, count=count)
        elif key == "remarks":
            value = format_number(_count(_part(remarks, "totals").get("remarks")), lang)
        elif key in REMARK_FIGURES:
            value = _acceptance(remarks, lang) if remarks else "–"
            # "62,5% (n = 8)": a narrow cell breaks it before the base, not inside it
            rate, space, base = value.partition(" ")
            value = rate + space + base.replace(" ", NBSP)
        else:
            value = format_number(_count(totals.get(key)), lang)
        shown.append(Figure(label, value))
    return shown


def entry(
    out: Path,
    job: Job,
    result: JobResult,
    lang: str,
    area_names: dict,
    summary: dict | None = None,
    keys: tuple[str, ...] = FIGURES,
) -> IndexEntry:
    """One line of the index: the report's heading, period and figures as its own summary
    gives them (computed once, by the report), its page and PDF linked when they exist,
    and a word on it only when it failed or was cancelled. A report that never produced
    a summary is named from the plan."""
    from analysis.catalogue.labels import area_label, sentence, text

    summary = _summary_of(out, job.name) if summary is None else summary
    heading = _words(summary.get("heading")) or (
        f"{text('area_report', lang)}: {area_label(job.area, lang, area_names.get(job.area, ''))}"
        if job.area
        else text("overview_report", lang)
    )
    exists = (out / f"{job.name}.html").exists()
    pdf = (out / f"{job.name}.pdf").exists()
    failed = result.status in ("failed", "cancelled")
    status = text(f"status_{result.status}" + ("" if exists else "_none"), lang) if failed else ""
    return IndexEntry(
        heading=heading,
        href=f"{job.name}.html" if exists else None,
        period=_words(summary.get("period_text")) or "–",
        status=status,
        failed=failed,
        pdf_href=f"{job.name}.pdf" if pdf else None,
        pdf_name=sentence("index_pdf_name", lang, heading=heading) if pdf else "",
        figures=figures(summary, keys, lang),
    )


def index_page(
    out: Path, jobs: list[Job], results: list[JobResult], lang, names, heading, synthetic
):
    """The page for these jobs: one line each, the columns their summaries call for."""
    from analysis.catalogue.labels import text

    summaries = [_summary_of(out, job.name) for job in jobs]
    keys = columns_of(summaries)
    entries = [
        entry(out, job, result, lang, names, summary, keys)
        for job, result, summary in zip(jobs, results, summaries, strict=True)
    ]
    notes = []
    if any(f.label == text("organisation_attendances", lang) for e in entries for f in e.figures):
        notes.append(text("definition_counts_organisation_attendances", lang))
    if any(f.value == "–" for e in entries for f in e.figures):
        notes.append(text("index_dash_note", lang))
    columns = [text(key, lang) for key in keys]
    return render_index(entries, lang, heading, synthetic, columns, notes)


def write_index(out: Path, jobs: list[Job], results: list[JobResult], lang, consultation, title):
    """Write ``out/index.html`` for the jobs of this build."""
    meetings = consultation.meetings
    names = (
        dict(zip(meetings["area"], meetings["area_name"], strict=True))
        if "area_name" in meetings
        else {}
    )
    from analysis.catalogue.labels import consultation_title
    from analysis.consultation import held_online

    # titled as its reports are (views/context.py): one held online is not "meetings"
    online = held_online(consultation)
    heading = consultation_title(lang, title, consultation.subject, online=online)
    page = index_page(out, jobs, results, lang, names, heading, consultation.synthetic)
    return atomic_write_text(out / "index.html", page)
