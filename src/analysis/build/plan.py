"""Planning a build: options and notebook parameters checked, then one job per report.

Every check here runs before any kernel starts. :func:`check_options` needs no data
(types, dates, languages, parameters the build sets itself); :func:`plan` needs the
meetings (which areas exist, which meetings the selection keeps) and gives each job
its rebuild key.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import config
from analysis.build import keys
from analysis.build import options as notebooks
from analysis.build.options import BuildOptions, Job
from analysis.errors import ParameterError
from analysis.metrics.selection import check_dates, check_selection

if TYPE_CHECKING:
    import pandas as pd

    from analysis.consultation import Consultation

#: Parameters the build sets itself, and the option that sets each.
BUILD_SETS = {
    "meetings_path": "--meetings",
    "register_path": "--register",
    "organisations_path": "--organisations",
    "meetings_columns": "--meetings-column",
    "register_columns": "--register-column",
    "remarks_path": "--remarks",
    "remarks_columns": "--remarks-column",
    "remarks_outcomes": "--remarks-outcome",
    "output_dir": "--out",
    "report_name": "(one per report)",
    "area": "--areas",
}
#: Parameters that ``--param`` may give in place of their option, checked as the option is.
OPTION_PARAMETERS = ("lang", "start", "end", "title", "locale", "areas")
REPORT_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_TYPES = {
    "str": str,
    "list": list,
    "dict": dict,
    "int": int,
    "float": (int, float),
    "bool": bool,
}


@functools.cache
def notebook_parameters(notebook: Path) -> dict[str, str]:
    """The notebook's declared parameters and their annotated types (``str``, ``list``, …).
    A notebook that cannot be read (not JSON: an editor saved it half-way, or a merge
    left markers in it) is one :class:`ParameterError`, which a watch reports and waits."""
    import papermill

    try:
        declared = papermill.inspect_notebook(str(notebook))
    except Exception as exc:  # nbformat and json raise many kinds for a damaged notebook
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ParameterError(
            f"{notebook}: cannot read the notebook ({first}); fix it, or restore it with "
            f"git checkout -- {notebook.name}"
        ) from None
    return {name: info["inferred_type_name"] for name, info in declared.items()}


def check_parameters(notebook: Path, parameters: dict[str, object]) -> None:
    """Every name is declared in the notebook and every value has the declared type."""
    declared = notebook_parameters(notebook)
    for name, value in parameters.items():
        if name not in declared:
            raise ParameterError(
                f"{notebook.name}: unknown parameter {name!r}; known: {', '.join(sorted(declared))}"
            )
        expected = _TYPES.get(declared[name])
        if expected is not None and not isinstance(value, expected):
            raise ParameterError(
                f"{notebook.name}: parameter {name!r} must be {declared[name]}, "
                f"got {type(value).__name__} {value!r}"
            )


def check_options(options: BuildOptions) -> BuildOptions:
    """The options checked without the data; ``--param`` values that stand for an option
    become that option (and are checked as it is), those the build sets are refused."""
    extra = dict(options.extra)
    for name, flag in BUILD_SETS.items():
        if name in extra:
            raise ParameterError(f"--param {name}: set by the build; use {flag}")
    moved = {name: extra.pop(name) for name in OPTION_PARAMETERS if name in extra}
    check_parameters(notebooks.OVERVIEW_NOTEBOOK, moved)  # the declared types
    options = dataclasses.replace(options, extra=extra, **moved)
    if options.jobs < 0:
        raise ParameterError(f"--jobs must be 1 or more, got {options.jobs}")
    if options.lang not in config.LANGUAGES:
        raise ParameterError(
            f"--lang must be one of {', '.join(config.LANGUAGES)}, got {options.lang!r}"
        )
    check_dates(options.start, options.end, flag="--")
    if options.pdf:  # before any kernel: a machine that cannot write PDFs says so at once
        from analysis.build.pdf import problem

        reason = problem()
        if reason:
            raise ParameterError(reason)
    return options


def chosen_areas(options: BuildOptions, meetings: pd.DataFrame) -> list[str]:
    """The areas that get a report: those of the meetings the selection keeps, in order
    (kept as each report keeps its own, by :mod:`analysis.metrics.selection`)."""
    selection = check_selection(meetings, options.areas, options.start, options.end, flag="--")
    if meetings.empty and not options.areas:  # held online: the overview alone
        return []
    return selection.areas_with_meetings(meetings)


def _only(jobs: list[Job], names: list[str]) -> list[Job]:
    """The jobs ``--only`` names (all when it names none); an unknown name is an error."""
    if not names:
        return jobs
    known = [job.name for job in jobs]
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ParameterError(
            f"--only: no report named {', '.join(unknown)} in this selection; "
            f"known: {', '.join(known)}"
        )
    return [job for job in jobs if job.name in names]


def plan(options: BuildOptions, consultation: Consultation) -> list[Job]:
    """The jobs of a build (the overview, then one per area that has meetings in the
    selection, or those of them ``--only`` names), parameters checked and rebuild keys
    set."""
    options = check_options(options)
    areas = chosen_areas(options, consultation.meetings)
    common = {
        "meetings_path": str(Path(options.meetings).resolve()) if options.meetings else "none",
        "register_path": str(Path(options.register).resolve()) if options.register else "none",
        "organisations_path": str(Path(options.organisations).resolve())
        if options.organisations
        else "",
        "meetings_columns": dict(options.meetings_columns),
        "register_columns": dict(options.register_columns),
        "locale": options.locale,
        "remarks_path": str(Path(options.remarks).resolve()) if options.remarks else "",
        "remarks_columns": dict(options.remarks_columns),
        "remarks_outcomes": dict(options.remarks_outcomes),
        "start": options.start,
        "end": options.end,
        "lang": options.lang,
        "title": options.title,
    }
    overview = {**common, "areas": list(options.areas), "report_name": "overview"}
    jobs = [Job("overview", notebooks.OVERVIEW_NOTEBOOK, overview)]
    for area in areas:  # from a register or from per-meeting counts
        name = f"area-{area}"
        if not REPORT_NAME.fullmatch(name):  # codes are slugs; a file stem never leaves --out
            raise ParameterError(f"area code {area!r} cannot name a report file")
        parameters = {**common, "area": area, "report_name": name}
        jobs.append(Job(name, notebooks.AREA_NOTEBOOK, parameters, area))
    jobs = _only(jobs, options.only)
    inputs, env = keys.input_digests(options), keys.environment()
    for job in jobs:
        job.parameters.update(options.extra)
        check_parameters(job.notebook, job.parameters)
        job.pdf = options.pdf
        settings = {**job.parameters, "pdf": job.pdf}
        job.key = keys.cache_key([job.notebook], inputs, settings, env)
    return jobs
