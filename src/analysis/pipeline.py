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
import dataclasses
import datetime as dt
import fcntl
import functools
import hashlib
import json
import multiprocessing
import multiprocessing.util
import os
import platform
import re
import shutil
import signal
import time
from dataclasses import dataclass, field
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING

from analysis import __version__, config, manifest
from analysis.errors import DataError, ParameterError
from analysis.files import atomic_write_bytes, atomic_write_text, sha256_of, shown
from analysis.worker import STAGING, Job, JobResult, _quiet_worker, run_job

if TYPE_CHECKING:
    from analysis.dataset import Consultation

OVERVIEW_NOTEBOOK = config.NOTEBOOKS_DIR / "01-overview.ipynb"
AREA_NOTEBOOK = config.NOTEBOOKS_DIR / "02-area.ipynb"
LOCK = ".build.lock"
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
class BuildResult:
    results: list[JobResult]
    out: Path
    seconds: float
    index: Path
    interrupted: int | None = None  # the signal that stopped the build, if one did

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


#: Parameters the build sets itself, and the option that sets each.
BUILD_SETS = {
    "meetings_path": "--meetings",
    "register_path": "--register",
    "organisations_path": "--organisations",
    "meetings_columns": "--meetings-column",
    "register_columns": "--register-column",
    "output_dir": "--out",
    "report_name": "(one per report)",
    "area": "--areas",
}
#: Parameters that ``--param`` may give in place of their option, checked as the option is.
OPTION_PARAMETERS = ("lang", "start", "end", "title", "locale", "areas")
REPORT_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


def _fold_params(options: BuildOptions) -> BuildOptions:
    """``--param`` values that stand for an option become that option (and are checked as
    it is); those the build sets itself are refused."""
    extra = dict(options.extra)
    for name, flag in BUILD_SETS.items():
        if name in extra:
            raise ParameterError(f"--param {name}: set by the build; use {flag}")
    moved = {name: extra.pop(name) for name in OPTION_PARAMETERS if name in extra}
    check_parameters(OVERVIEW_NOTEBOOK, moved)  # the declared types
    return dataclasses.replace(options, extra=extra, **moved)


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
    options = _fold_params(options)
    if options.jobs < 0:
        raise ParameterError(f"--jobs must be 1 or more, got {options.jobs}")
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
        if not REPORT_NAME.fullmatch(name):  # codes are slugs; a file stem never leaves --out
            raise ParameterError(f"area code {area!r} cannot name a report file")
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
    out = Path(options.out)
    previous, _problem = manifest.read(out)
    if options.force or previous.get("build_key") != key:
        return None
    entries = previous.get("reports", {}).values()
    if not entries or any(e.get("status") not in ("built", "unchanged") for e in entries):
        return None
    if not all(manifest.intact(out, e) for e in entries):
        return None
    needed = [out / "index.html", *(Path(p) for p in previous.get("processed", []))]
    return previous if all(p.exists() for p in needed) else None


# --------------------------------------------------------------------------- running


def _publish(out: Path, name: str) -> dict[str, str]:
    """Move a finished job's files from staging into place, one atomic rename each; return
    what was published, each file with its SHA-256 (for the manifest)."""
    staging = out / STAGING / name
    published = []
    for folder in ("figures", "tables"):
        for file in sorted((staging / folder).glob("*")):
            (out / folder).mkdir(parents=True, exist_ok=True)
            os.replace(file, out / folder / file.name)
            published.append(out / folder / file.name)
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    os.replace(staging / f"{name}.ipynb", out / "notebooks" / f"{name}.ipynb")
    (out / "notebooks" / f"{name}.failed.ipynb").unlink(missing_ok=True)
    os.replace(staging / f"{name}.json", out / f"{name}.json")
    os.replace(staging / f"{name}.html", out / f"{name}.html")
    published += [out / f"{name}.json", out / f"{name}.html"]
    shutil.rmtree(staging, ignore_errors=True)
    return manifest.fingerprint(out, published)


def _keep_failed(out: Path, result: JobResult) -> None:
    if result.failed_notebook and result.failed_notebook.exists():
        (out / "notebooks").mkdir(parents=True, exist_ok=True)
        target = out / "notebooks" / f"{result.name}.failed.ipynb"
        os.replace(result.failed_notebook, target)
        result.failed_notebook = target
    shutil.rmtree(out / STAGING / result.name, ignore_errors=True)


def _unchanged(job: Job, out: Path, previous: dict) -> bool:
    """Same key as last time, built then, and every file it published still as written."""
    entry = previous.get("reports", {}).get(job.name, {})
    return (
        entry.get("key") == job.key
        and entry.get("status") in ("built", "unchanged")
        and manifest.intact(out, entry)
    )


class Interrupted(Exception):
    """SIGINT or SIGTERM reached the build."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def _signals_interrupt():
    """While running reports, Ctrl-C and SIGTERM raise :class:`Interrupted` in the build."""

    def interrupt(signum, _frame):
        raise Interrupted(signum)

    previous = {s: signal.signal(s, interrupt) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextlib.contextmanager
def build_lock(out: Path):
    """Hold ``out`` for one build: a second build into it stops at once (one line, exit 2).

    The lock is the operating system's (``flock``), so it is released when the holder
    exits, however it exits. Under the lock, staging left by a killed build is cleared.
    """
    try:
        out.mkdir(parents=True, exist_ok=True)
        handle = open(out / LOCK, "a+b")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise DataError(
            f"{out}: cannot create or write the output folder ({exc.strerror})"
        ) from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise DataError(
                f"{out}: is being built by another build right now; wait for it, "
                "or build into another --out"
            ) from None
        shutil.rmtree(out / STAGING, ignore_errors=True)
        yield
    finally:
        handle.close()


def _stop_workers(pool: futures.ProcessPoolExecutor) -> None:
    """Cancel what has not started and terminate the workers (each kills its kernel)."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        process.join(5)
        if process.is_alive():
            process.kill()


def _run(to_run, out, options, results, report, bar) -> int | None:
    """Run the jobs in worker processes, publishing each as it finishes; the signal number
    when the build was interrupted, else None."""
    (out / STAGING).mkdir(exist_ok=True)
    log_path = str(out / STAGING / "kernels.log")
    workers = min(options.jobs or os.cpu_count() or 1, len(to_run))
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["analysis.views", "analysis.report", "papermill"])
    pool = futures.ProcessPoolExecutor(
        workers, mp_context=context, initializer=_quiet_worker, initargs=(log_path, os.getpid())
    )
    try:
        with _signals_interrupt():
            pending = {pool.submit(run_job, job, str(out)): job for job in to_run}
            for done in futures.as_completed(pending):
                job = pending[done]
                try:
                    result = done.result()
                except Exception as error:  # the worker process itself died
                    result = JobResult(job.name, "failed", error=f"{type(error).__name__}: {error}")
                if result.status == "built":
                    result.outputs = _publish(out, job.name)
                else:
                    _keep_failed(out, result)
                results[job.name] = result
                report(_line(result, out))
                if bar is not None:
                    bar.update(1)
    except Interrupted as stop:
        _stop_workers(pool)
        for job in to_run:
            results.setdefault(job.name, JobResult(job.name, "cancelled"))
        return stop.signum
    pool.shutdown(wait=True)
    return None


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
    kernel starts when the options cannot work, or when another build holds the
    folder. Ctrl-C or SIGTERM stops it: reports not finished are cancelled, the
    workers and their kernels stop, and the result says which signal came.
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
    options = _fold_params(options)
    jobs = plan(options, consultation)
    out = Path(options.out)
    with build_lock(out):
        previous, problem = manifest.read(out)
        if problem:
            report(f"warning: {problem}")
        results: dict[str, JobResult] = {}
        to_run = []
        for job in jobs:
            if not options.force and _unchanged(job, out, previous):
                results[job.name] = JobResult(job.name, "unchanged")
            else:
                to_run.append(job)
        bar = progress(total=len(jobs), initial=len(jobs) - len(to_run)) if progress else None
        for result in results.values():
            report(_line(result, out))
        interrupted = _run(to_run, out, options, results, report, bar) if to_run else None
        if bar is not None:
            bar.close()
        ordered = [results[job.name] for job in jobs]
        index = _write_index(out, jobs, ordered, options, consultation)
        _write_manifest(out, jobs, ordered, previous, consultation, options, key, processed or [])
        shutil.rmtree(out / STAGING, ignore_errors=True)
    return BuildResult(ordered, out, time.perf_counter() - started, index, interrupted)


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
        if result.status in ("failed", "cancelled"):
            status = text(f"status_{result.status}" + ("" if exists else "_none"), lang)
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
                failed=result.status in ("failed", "cancelled"),
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
        if result.status == "cancelled":  # not run: its files on disk are the last build's
            if old:
                reports[job.name] = old
            continue
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
        # the files on disk: those just published, else those of the last good build
        entry["outputs"] = result.outputs if result.status == "built" else old.get("outputs")
        if result.status == "failed":
            entry["error"] = result.error
        reports[job.name] = entry
    failed = any(r.status in ("failed", "cancelled") for r in results)
    record = {
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
    data = json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n"
    atomic_write_bytes(out / manifest.NAME, data.encode("utf-8"))
