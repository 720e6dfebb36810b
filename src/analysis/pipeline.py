"""The report build: plan the jobs, validate their parameters, run them in parallel, skip
what is unchanged, and publish every output atomically.

One job is one report notebook with its parameters: the overview, and one per area
that has meetings in the selection. Each runs through Papermill's Python API in a
worker process and writes into its own staging folder; only a job that ran to the
end replaces the published files of its report, so a failed job leaves the
previous good report in place. ``manifest.json`` records, per report, the key that
decides whether it must be rebuilt: a hash of the notebook, the input files, the
parameters and the package's own code.
"""

from __future__ import annotations

import ast
import concurrent.futures as futures
import contextlib
import datetime as dt
import functools
import hashlib
import json
import logging
import multiprocessing
import multiprocessing.util
import os
import platform
import shutil
import sys
import time
import warnings
from dataclasses import dataclass, field
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import __version__, config
from analysis.errors import ParameterError
from analysis.files import atomic_write_bytes, atomic_write_text, sha256_of, shown

if TYPE_CHECKING:
    from analysis.dataset import Consultation

OVERVIEW_NOTEBOOK = config.NOTEBOOKS_DIR / "01-overview.ipynb"
AREA_NOTEBOOK = config.NOTEBOOKS_DIR / "02-area.ipynb"
STAGING = ".staging"
PACKAGE_DIR = Path(__file__).parent
TRACKED_VERSIONS = (
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "babel",
    "papermill",
    "nbconvert",
    "nbclient",
    "ipykernel",
    "pandera",
)


@dataclass
class BuildOptions:
    meetings: Path = config.DEFAULT_MEETINGS_PATH
    register: Path | None = config.DEFAULT_REGISTER_PATH
    organisations: Path | None = None
    meetings_columns: dict[str, str] = field(default_factory=dict)  # --meetings-column
    register_columns: dict[str, str] = field(default_factory=dict)  # --register-column
    locale: str = ""  # --locale, for a Decidim export
    out: Path = config.REPORTS_DIR
    lang: str = config.DEFAULT_LANGUAGE
    areas: list[str] = field(default_factory=list)
    start: str = ""
    end: str = ""
    title: str = ""
    jobs: int = 0  # 0: the number of cores
    force: bool = False
    extra: dict[str, object] = field(default_factory=dict)  # --param NAME=VALUE


@dataclass
class Job:
    name: str
    notebook: Path
    parameters: dict[str, object]
    area: str | None = None
    key: str = ""


@dataclass
class JobResult:
    name: str
    status: str  # "built", "unchanged", "failed"
    seconds: float = 0.0
    error: str = ""
    failed_notebook: Path | None = None
    summary: dict | None = None


@dataclass
class BuildResult:
    results: list[JobResult]
    out: Path
    seconds: float
    index: Path

    @property
    def failed(self) -> list[JobResult]:
        return [r for r in self.results if r.status == "failed"]


# --------------------------------------------------------------------------- parameters


@functools.cache
def notebook_parameters(notebook: Path) -> dict[str, str]:
    """The notebook's declared parameters and their annotated types (``str``, ``list``, …)."""
    import papermill

    return {
        name: info["inferred_type_name"]
        for name, info in papermill.inspect_notebook(str(notebook)).items()
    }


_TYPES = {
    "str": str,
    "list": list,
    "dict": dict,
    "int": int,
    "float": (int, float),
    "bool": bool,
}


def parse_param(assignment: str) -> tuple[str, object]:
    """``NAME=VALUE`` with VALUE a Python literal (``["a", "b"]``, ``3``) or plain text."""
    if "=" not in assignment:
        raise ParameterError(f"--param {assignment!r}: expected NAME=VALUE")
    name, raw = assignment.split("=", 1)
    try:
        value = ast.literal_eval(raw)
    except (ValueError, SyntaxError):
        value = raw
    return name.strip(), value


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


def _date(value: str, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"--{name} must be a date YYYY-MM-DD, got {value!r}") from None


# --------------------------------------------------------------------------- planning


def _package_hash() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".css", ".json"}:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "analysis": __version__}
    for name in TRACKED_VERSIONS:
        found[name] = package_version(name)
    return found


def plan(options: BuildOptions, consultation: Consultation) -> list[Job]:
    """The jobs of a build, parameters checked before any kernel starts."""
    if options.lang not in config.LANGUAGES:
        raise ParameterError(
            f"--lang must be one of {', '.join(config.LANGUAGES)}, got {options.lang!r}"
        )
    start, end = _date(options.start, "start"), _date(options.end, "end")
    if start and end and start > end:
        raise ParameterError(f"--start {start} is after --end {end}")
    meetings = consultation.meetings
    known = list(dict.fromkeys(meetings["area"]))
    unknown = [a for a in options.areas if a not in known]
    if unknown:
        raise ParameterError(f"unknown area(s): {', '.join(unknown)}; known: {', '.join(known)}")
    chosen = meetings
    if options.areas:
        chosen = chosen[chosen["area"].isin(options.areas)]
    if start:
        chosen = chosen[chosen["date"] >= str(start)]
    if end:
        chosen = chosen[chosen["date"] <= str(end)]
    if chosen.empty:
        raise ParameterError("no meetings match the chosen areas and dates")

    common = {
        "meetings_path": str(Path(options.meetings).resolve()),
        "register_path": str(Path(options.register).resolve()) if options.register else "none",
        "organisations_path": str(Path(options.organisations).resolve())
        if options.organisations
        else "",
        "meetings_columns": dict(options.meetings_columns),
        "register_columns": dict(options.register_columns),
        "locale": options.locale,
        "start": options.start,
        "end": options.end,
        "lang": options.lang,
        "title": options.title,
    }
    jobs = [
        Job(
            "overview",
            OVERVIEW_NOTEBOOK,
            {**common, "areas": list(options.areas), "report_name": "overview"},
        ),
    ]
    for area in dict.fromkeys(chosen["area"]):  # from a register or from per-meeting counts
        name = f"area-{area}"
        jobs.append(Job(name, AREA_NOTEBOOK, {**common, "area": area, "report_name": name}, area))
    for job in jobs:
        job.parameters.update(options.extra)
        check_parameters(job.notebook, job.parameters)
    inputs = {s.role: s.sha256 for s in consultation.sources}
    code, found_versions = _package_hash(), versions()
    for job in jobs:
        material = {
            "notebook": sha256_of(job.notebook),
            "inputs": inputs,
            "parameters": job.parameters,
            "code": code,
            "versions": found_versions,
        }
        job.key = hashlib.sha256(json.dumps(material, sort_keys=True).encode()).hexdigest()
    return jobs


def _selection(options: BuildOptions) -> dict:
    """The options that decide what the reports contain."""
    return {
        "lang": options.lang,
        "meetings_columns": options.meetings_columns,
        "register_columns": options.register_columns,
        "locale": options.locale,
        "areas": options.areas,
        "start": options.start,
        "end": options.end,
        "title": options.title,
        "extra": options.extra,
    }


def build_key(options: BuildOptions, extra: dict | None = None) -> str:
    """A hash of everything a whole build depends on, computed without loading the data.

    Input files, notebooks, the package's code, library versions and the options; the
    manifest keeps it, so an unchanged build is recognised in a fraction of a second.
    """
    files = [
        options.meetings,
        options.register,
        options.organisations,
        OVERVIEW_NOTEBOOK,
        AREA_NOTEBOOK,
    ]
    material = {
        "files": [sha256_of(f) if f and Path(f).is_file() else None for f in files],
        "code": _package_hash(),
        "versions": versions(),
        "options": {**_selection(options), "out": str(Path(options.out).resolve())},
        **(extra or {}),
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True, default=str).encode()).hexdigest()


def unchanged_build(options: BuildOptions, key: str) -> dict | None:
    """The last build's manifest when its key equals ``key`` and every output it listed
    is still there; otherwise None (the build must run)."""
    manifest = _read_manifest(Path(options.out))
    if options.force or manifest.get("build_key") != key:
        return None
    names = list(manifest.get("reports", {}))
    entries = manifest["reports"].values()
    if not names or any(e.get("status") not in ("built", "unchanged") for e in entries):
        return None
    out = Path(options.out)
    needed = [out / "index.html", *(out / f"{n}{ext}" for n in names for ext in (".html", ".json"))]
    needed += [Path(p) for p in manifest.get("processed", [])]
    return manifest if all(p.exists() for p in needed) else None


# --------------------------------------------------------------------------- running


def _quiet_worker(log_path: str) -> None:
    """In each worker: kernels' and libraries' chatter goes to a log file, not the console."""
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 2)
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    os.environ.setdefault("MPLBACKEND", "Agg")
    logging.basicConfig(level=logging.ERROR, force=True)
    for name in ("papermill", "traitlets", "nbclient", "jupyter_client", "asyncio"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    warnings.simplefilter("ignore")
    sys.stderr = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 (lives with the process)


_KERNEL = None  # this worker's warm kernel manager


def _warm_kernel():
    """This worker's kernel, started once and reused by every job the worker runs.

    Starting a kernel and importing pandas, matplotlib and the package costs about two
    seconds; a warm kernel pays it once per worker instead of once per report. Each
    job starts with ``%reset -f`` (see :func:`_isolated`), so no variable leaks from
    one report into the next; only imported modules stay.
    """
    global _KERNEL
    from jupyter_client.manager import AsyncKernelManager
    from jupyter_core.utils import run_sync

    if _KERNEL is not None and run_sync(_KERNEL.is_alive)():
        return _KERNEL
    _KERNEL = AsyncKernelManager(kernel_name="python3")
    run_sync(_KERNEL.start_kernel)(cwd=str(config.PROJECT_ROOT))
    multiprocessing.util.Finalize(_KERNEL, _stop_kernel, args=(_KERNEL,), exitpriority=10)
    return _KERNEL


def _stop_kernel(manager) -> None:
    from jupyter_core.utils import run_sync

    with contextlib.suppress(Exception):  # the kernel may be gone already
        run_sync(manager.shutdown_kernel)(now=True)


RESET_CELL_ID = "analysis-reset-namespace"


def _isolated(notebook_path: Path):
    """The notebook with a first cell that empties the kernel's namespace (hidden in HTML)."""
    import nbformat

    notebook = nbformat.read(notebook_path, as_version=4)
    reset = nbformat.v4.new_code_cell("%reset -f")
    reset["id"] = RESET_CELL_ID
    reset["metadata"] = {"tags": ["remove-cell"]}
    notebook.cells.insert(0, reset)
    return notebook


def run_job(job: Job, out: str) -> JobResult:
    """Execute one report notebook into its staging folder and render its HTML there."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from analysis.report import PageContext, export_html

    started = time.perf_counter()
    staging = Path(out) / STAGING / job.name
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    executed = staging / f"{job.name}.ipynb"
    try:
        papermill.execute_notebook(
            _isolated(job.notebook),
            str(executed),
            parameters={**job.parameters, "output_dir": str(staging)},
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            km=_warm_kernel(),
        )
    except PapermillExecutionError as error:
        cell = _failed_cell(executed, error.cell_index)
        message = f"cell In [{error.exec_count}] ({cell}): {error.ename}: {error.evalue}"
        return JobResult(job.name, "failed", time.perf_counter() - started, message, executed)
    except Exception as error:  # a kernel that died, a notebook that cannot be read, ...
        message = f"{type(error).__name__}: {error}"
        return JobResult(
            job.name,
            "failed",
            time.perf_counter() - started,
            message,
            executed if executed.exists() else None,
        )
    summary = json.loads((staging / f"{job.name}.json").read_text(encoding="utf-8"))
    notebook = nbformat.read(executed, as_version=4)
    page = export_html(notebook, PageContext.from_summary(summary))
    (staging / f"{job.name}.html").write_text(page, encoding="utf-8")
    return JobResult(job.name, "built", time.perf_counter() - started, summary=summary)


def _failed_cell(executed: Path, index: int) -> str:
    """The id of the cell that raised: the one whose outputs hold the error."""
    try:
        import nbformat

        cells = nbformat.read(executed, as_version=4).cells
    except Exception:
        return f"index {index}"
    for cell in cells:
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return f"id {cell.get('id', '?')!r}"
    return f"index {index}"


def _publish(out: Path, name: str) -> None:
    """Move a finished job's files from staging into place, one atomic rename each."""
    staging = out / STAGING / name
    for figure in sorted((staging / "figures").glob("*")):
        (out / "figures").mkdir(parents=True, exist_ok=True)
        os.replace(figure, out / "figures" / figure.name)
    for table in sorted((staging / "tables").glob("*")):
        (out / "tables").mkdir(parents=True, exist_ok=True)
        os.replace(table, out / "tables" / table.name)
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    os.replace(staging / f"{name}.ipynb", out / "notebooks" / f"{name}.ipynb")
    (out / "notebooks" / f"{name}.failed.ipynb").unlink(missing_ok=True)
    os.replace(staging / f"{name}.json", out / f"{name}.json")
    os.replace(staging / f"{name}.html", out / f"{name}.html")
    shutil.rmtree(staging, ignore_errors=True)


def _keep_failed(out: Path, result: JobResult) -> None:
    if result.failed_notebook and result.failed_notebook.exists():
        (out / "notebooks").mkdir(parents=True, exist_ok=True)
        target = out / "notebooks" / f"{result.name}.failed.ipynb"
        os.replace(result.failed_notebook, target)
        result.failed_notebook = target
    shutil.rmtree(out / STAGING / result.name, ignore_errors=True)


def _read_manifest(out: Path) -> dict:
    try:
        return json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def _unchanged(job: Job, out: Path, manifest: dict) -> bool:
    entry = manifest.get("reports", {}).get(job.name, {})
    return (
        entry.get("key") == job.key
        and entry.get("status") in ("built", "unchanged")
        and (out / f"{job.name}.html").exists()
        and (out / f"{job.name}.json").exists()
    )


def build(
    options: BuildOptions,
    consultation: Consultation | None = None,
    progress=None,
    report=print,
    key: str | None = None,
    processed: list[Path] | None = None,
) -> BuildResult:
    """Build every report of the selection into ``options.out``.

    ``report`` receives one line per finished report. Raises
    :class:`ParameterError` or :class:`~analysis.dataset.DataError` before any
    kernel starts when the options cannot work.
    """
    from analysis.dataset import load_consultation

    started = time.perf_counter()
    if consultation is None:
        consultation = load_consultation(
            options.meetings,
            options.register,
            options.organisations,
            meetings_columns=options.meetings_columns,
            register_columns=options.register_columns,
            locale=options.locale,
        )
    jobs = plan(options, consultation)
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    manifest = _read_manifest(out)
    results: dict[str, JobResult] = {}
    to_run = []
    for job in jobs:
        if not options.force and _unchanged(job, out, manifest):
            results[job.name] = JobResult(job.name, "unchanged")
        else:
            to_run.append(job)
    bar = progress(total=len(jobs), initial=len(jobs) - len(to_run)) if progress else None
    for result in results.values():
        report(_line(result, out))
    if to_run:
        (out / STAGING).mkdir(exist_ok=True)
        log_path = str(out / STAGING / "kernels.log")
        workers = min(options.jobs or os.cpu_count() or 1, len(to_run))
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["analysis.views", "analysis.report", "papermill"])
        with futures.ProcessPoolExecutor(
            workers, mp_context=context, initializer=_quiet_worker, initargs=(log_path,)
        ) as pool:
            pending = {pool.submit(run_job, job, str(out)): job for job in to_run}
            for done in futures.as_completed(pending):
                job = pending[done]
                try:
                    result = done.result()
                except Exception as error:  # the worker process itself died
                    result = JobResult(job.name, "failed", error=f"{type(error).__name__}: {error}")
                if result.status == "built":
                    _publish(out, job.name)
                else:
                    _keep_failed(out, result)
                results[job.name] = result
                report(_line(result, out))
                if bar is not None:
                    bar.update(1)
    if bar is not None:
        bar.close()
    ordered = [results[job.name] for job in jobs]
    index = _write_index(out, jobs, ordered, options, consultation)
    _write_manifest(out, jobs, ordered, manifest, consultation, options, key, processed or [])
    shutil.rmtree(out / STAGING, ignore_errors=True)
    return BuildResult(ordered, out, time.perf_counter() - started, index)


def _line(result: JobResult, out: Path) -> str:
    if result.status == "failed":
        kept = (
            f"; executed notebook kept: {result.failed_notebook}" if result.failed_notebook else ""
        )
        previous = out / f"{result.name}.html"
        left = "; previous report left in place" if previous.exists() else ""
        return f"✗ {result.name:<28} FAILED {result.error}{kept}{left}"
    if result.status == "unchanged":
        return f"= {result.name:<28} unchanged, skipped"
    page = shown(out / f"{result.name}.html")
    return f"✓ {result.name:<28} built in {result.seconds:4.1f} s  {page}"


def _write_index(out, jobs, results, options, consultation) -> Path:
    from analysis.labels import area_label, format_period, text
    from analysis.report import IndexEntry, render_index

    lang = options.lang
    meetings = consultation.meetings
    names = (
        dict(zip(meetings["area"], meetings["area_name"], strict=True))
        if "area_name" in meetings
        else {}
    )
    entries = []
    for job, result in zip(jobs, results, strict=True):
        summary = _summary_of(out, job.name)
        heading = (
            f"{text('area_report', lang)}: {area_label(job.area, lang, names.get(job.area, ''))}"
            if job.area
            else text("overview_report", lang)
        )
        period = summary.get("period", {}) if summary else {}
        exists = (out / f"{job.name}.html").exists()
        if result.status == "failed":
            status = text("status_failed" if exists else "status_failed_none", lang)
        else:
            status = text("status_ok", lang)
        entries.append(
            IndexEntry(
                heading=heading,
                href=f"{job.name}.html" if exists else None,
                period=format_period(period["start"], period["end"], lang)
                if period.get("start")
                else "–",
                status=status,
                failed=result.status == "failed",
            )
        )
    title = consultation.title(lang, options.title)
    page = render_index(entries, lang, title, consultation.synthetic)
    return atomic_write_text(out / "index.html", page)


def _summary_of(out: Path, name: str) -> dict | None:
    try:
        return json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def _write_manifest(out, jobs, results, previous, consultation, options, key, processed) -> None:
    reports = {}
    for job, result in zip(jobs, results, strict=True):
        old = previous.get("reports", {}).get(job.name, {})
        entry = {
            "key": job.key if result.status != "failed" else old.get("key"),
            "status": result.status,
            "notebook": job.notebook.relative_to(config.PROJECT_ROOT).as_posix()
            if job.notebook.is_relative_to(config.PROJECT_ROOT)
            else str(job.notebook),
            "parameters": job.parameters,
            "seconds": round(result.seconds, 3) if result.status == "built" else old.get("seconds"),
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            if result.status == "built"
            else old.get("built_at"),
        }
        if result.status == "failed":
            entry["error"] = result.error
        reports[job.name] = entry
    failed = any(r.status == "failed" for r in results)
    manifest = {
        "generated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "build_key": None if failed else key,
        "processed": [str(p) for p in processed],
        "inputs": [
            {"role": s.role, "path": str(s.path), "sha256": s.sha256, "synthetic": s.synthetic}
            for s in consultation.sources
        ],
        "options": {**_selection(options), "jobs": options.jobs, "force": options.force},
        "versions": versions(),
        "reports": reports,
    }
    data = json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n"
    atomic_write_bytes(out / "manifest.json", data.encode("utf-8"))
