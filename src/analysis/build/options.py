"""What a build is asked to do and what it did: options, jobs and results.

Typed values only; the command line (:mod:`analysis.cli`) turns strings into these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from analysis import config

OVERVIEW_NOTEBOOK = config.NOTEBOOKS_DIR / "01-overview.ipynb"
AREA_NOTEBOOK = config.NOTEBOOKS_DIR / "02-area.ipynb"
#: Each job writes into ``<out>/.staging/<report>/``; only a finished job is published.
STAGING = ".staging"


@dataclass
class BuildOptions:
    meetings: Path | None = config.DEFAULT_MEETINGS_PATH  # None: held online
    register: Path | None = config.DEFAULT_REGISTER_PATH
    organisations: Path | None = None
    meetings_columns: dict[str, str] = field(default_factory=dict)  # --meetings-column
    register_columns: dict[str, str] = field(default_factory=dict)  # --register-column
    locale: str = ""  # --locale, for a Decidim export
    remarks: Path | None = None  # --remarks: a remarks register
    remarks_columns: dict[str, str] = field(default_factory=dict)  # --remarks-column
    remarks_outcomes: dict[str, str] = field(default_factory=dict)  # --remarks-outcome
    out: Path = config.REPORTS_DIR
    lang: str = config.DEFAULT_LANGUAGE
    areas: list[str] = field(default_factory=list)
    start: str = ""
    end: str = ""
    title: str = ""
    only: list[str] = field(default_factory=list)  # --only: these reports of the plan
    jobs: int = 0  # 0: the number of cores
    force: bool = False
    pdf: bool = False  # --pdf: a tagged PDF beside each page
    extra: dict[str, object] = field(default_factory=dict)  # --param NAME=VALUE

    def selection(self) -> dict:
        """The options that decide what the reports contain (not how they are built)."""
        return {
            "lang": self.lang,
            "meetings_columns": self.meetings_columns,
            "register_columns": self.register_columns,
            "locale": self.locale,
            "remarks_columns": self.remarks_columns,
            "remarks_outcomes": self.remarks_outcomes,
            "areas": self.areas,
            "start": self.start,
            "end": self.end,
            "title": self.title,
            "only": self.only,
            "pdf": self.pdf,
            "extra": self.extra,
        }

    def inputs(self) -> dict[str, Path | None]:
        """The input files by role, as the data layer names its sources."""
        return {
            "meetings": Path(self.meetings) if self.meetings else None,
            "register": Path(self.register) if self.register else None,
            "organisations": Path(self.organisations) if self.organisations else None,
            "remarks": Path(self.remarks) if self.remarks else None,
        }


@dataclass
class Job:
    """One report: a notebook, its parameters, and the key it is built under."""

    name: str
    notebook: Path
    parameters: dict[str, object]
    area: str | None = None
    key: str = ""
    pdf: bool = False  # also write <report>.pdf from its page


@dataclass
class JobResult:
    name: str
    status: str  # "built", "unchanged", "failed", "cancelled"
    seconds: float = 0.0
    error: str = ""
    failed_notebook: Path | None = None
    summary: dict | None = None
    outputs: dict[str, str] | None = None  # published file -> SHA-256


@dataclass
class BuildResult:
    results: list[JobResult]
    out: Path
    seconds: float
    index: Path
    interrupted: int | None = None  # the signal that stopped the build, if one did

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)
