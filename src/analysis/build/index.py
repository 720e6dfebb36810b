"""``index.html``: every report of the last build with its period and status.

The page is the template ``templates/index_page.html.j2`` (escaping done there, once
per value); this module only gathers what each line says. It needs no nbconvert, so
the build's main process never imports it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from analysis import __version__
from analysis.build.options import Job, JobResult
from analysis.files import atomic_write_text

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@dataclass
class IndexEntry:
    heading: str
    href: str | None
    period: str
    status: str
    failed: bool = False


def render_index(entries: list[IndexEntry], lang: str, consultation: str, synthetic: bool) -> str:
    """The page listing ``entries``, linked relatively, in the language ``lang``."""
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
        text={key: text(key, lang) for key in TEXT},
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
        version=__version__,
    )
    return page.strip() + "\n"


def _summary_of(out: Path, name: str) -> dict:
    try:
        return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def entry(out: Path, job: Job, result: JobResult, lang: str, area_names: dict) -> IndexEntry:
    """One line of the index: the report's heading and period as its own summary gives
    them (computed once, by the report), its link when its page exists, and its status.
    A report that never produced a summary is named from the plan."""
    from analysis.catalogue.labels import area_label, text

    summary = _summary_of(out, job.name)
    heading = summary.get("heading") or (
        f"{text('area_report', lang)}: {area_label(job.area, lang, area_names.get(job.area, ''))}"
        if job.area
        else text("overview_report", lang)
    )
    exists = (out / f"{job.name}.html").exists()
    failed = result.status in ("failed", "cancelled")
    if failed:
        status = text(f"status_{result.status}" + ("" if exists else "_none"), lang)
    else:
        status = text("status_ok", lang)
    return IndexEntry(
        heading=heading,
        href=f"{job.name}.html" if exists else None,
        period=summary.get("period_text") or "–",
        status=status,
        failed=failed,
    )


def write_index(out: Path, jobs: list[Job], results: list[JobResult], lang, consultation, title):
    """Write ``out/index.html`` for the jobs of this build."""
    meetings = consultation.meetings
    names = (
        dict(zip(meetings["area"], meetings["area_name"], strict=True))
        if "area_name" in meetings
        else {}
    )
    entries = [entry(out, j, r, lang, names) for j, r in zip(jobs, results, strict=True)]
    from analysis.catalogue.labels import consultation_title

    heading = consultation_title(lang, title, consultation.subject, consultation.file_stem)
    page = render_index(entries, lang, heading, consultation.synthetic)
    return atomic_write_text(out / "index.html", page)
