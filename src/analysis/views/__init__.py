"""What the report notebooks show, in the language of ``lang``.

A report notebook is thin: its parameters cell, one import, then::

    report = views.load_report(meetings_path=..., lang=lang, output_dir=output_dir, ...)
    report.show("key_figures")
    report.show("meetings")
    ...
    report.write_files()

The work is split by job:

- :mod:`~analysis.views.context` loads the data and computes the statistics,
  heading and period once (:mod:`~analysis.views.page`), and checks and applies
  the selection of areas and dates as the build does (:mod:`analysis.metrics.selection`);
- :mod:`~analysis.views.sections` computes each section as data (pure
  functions, tested without a kernel) from blocks (:mod:`~analysis.views.blocks`);
- :mod:`~analysis.views.render` turns sections into HTML through the Jinja2
  templates of ``templates/report/`` (autoescaped; words from the catalogue);
- :mod:`~analysis.views.charts` draws chart specs once;
- :mod:`~analysis.views.outputs` writes the report's files, and
  :mod:`~analysis.views.summary` is its JSON summary.

Only aggregates are shown: never a participant id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analysis.consultation import NO_REGISTER
from analysis.metrics.selection import check_selection
from analysis.views import charts, outputs, render, sections
from analysis.views.blocks import Column, Section, Table
from analysis.views.charts import DrawnChart
from analysis.views.context import ReportData, load
from analysis.views.page import heading_text, period_text
from analysis.views.summary import summary

__all__ = [
    "NO_REGISTER",
    "Column",
    "Report",
    "ReportData",
    "Shown",
    "check_selection",
    "heading_text",
    "load_report",
    "period_text",
    "summary",
]


@dataclass
class Shown:
    """HTML that Jupyter displays (a section, the header, or nothing)."""

    html: str

    def _repr_html_(self) -> str:
        return self.html


@dataclass
class Report:
    """One report being shown: its data, and what it has shown so far (for its files)."""

    data: ReportData
    output_dir: Path | None = None
    tables: dict[str, Table] = field(default_factory=dict)
    drawn: dict[str, DrawnChart] = field(default_factory=dict)

    def section(self, name: str) -> Section | None:
        """The named section as data (see :data:`analysis.views.sections.SECTIONS`)."""
        return sections.section(name, self.data)

    def show(self, name: str) -> Shown:
        """The named section as HTML; its tables and charts are kept for :meth:`write_files`."""
        found = self.section(name)
        if found is None:
            return Shown("")
        data = self.data
        drawn = {
            spec.name: charts.draw(spec, data.lang, data.report_name, data.consultation.synthetic)
            for spec in found.charts()
        }
        self.drawn.update({d.file_stem: d for d in drawn.values()})
        self.tables.update({t.name: t for t in found.tables() if t.name is not None})
        prefix = f"tables/{data.report_name}-" if self.output_dir is not None else None
        return Shown(render.render_section(found, data.lang, drawn, prefix))

    def header(self) -> Shown:
        """Heading, period and the synthetic-data banner (the page template shows these too;
        this is for reading the notebook in JupyterLab)."""
        template = render.environment().get_template("header.html.j2")
        return Shown(template.render(data=self.data, lang=self.data.lang))

    def summary(self) -> dict:
        return summary(self.data)

    def write_files(self) -> Shown:
        """Write the summary JSON, the shown tables as CSV and the charts into ``output_dir``
        (nothing when it is empty); shows nothing."""
        if self.output_dir is not None:
            outputs.write_report_files(
                self.output_dir,
                self.data.report_name,
                self.summary(),
                list(self.tables.values()),
                list(self.drawn.values()),
            )
        return Shown("")


def load_report(output_dir: str = "", **parameters) -> Report:
    """The report of the notebook parameters (see :func:`analysis.views.context.load`);
    ``output_dir`` empty: no files written."""
    return Report(load(**parameters), Path(output_dir) if output_dir else None)
