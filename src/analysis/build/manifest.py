"""The build's manifest: what each report was built from, and the files it wrote.

``manifest.json`` in the output folder records the build's key, and per report the
key it was built with (:mod:`analysis.build.keys`) and every file it published with
its SHA-256. A report is *unchanged* only when its key is the same and every one of
those files is still there, byte for byte; a missing or altered HTML, JSON, figure
or table makes it run again. A manifest that cannot be read (truncated, not UTF-8,
not a JSON object) is a cache miss: every report is rebuilt, and the caller says so
in one line.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from analysis import config
from analysis.build.options import BuildOptions, Job, JobResult
from analysis.files import atomic_write_bytes, sha256_of

NAME = "manifest.json"
_GOOD = ("built", "unchanged")


def read(out: Path) -> tuple[dict, str | None]:
    """The manifest of ``out``, and what is wrong with it (None when it is fine or absent).

    A damaged manifest reads as ``{}``: nothing is taken as built.
    """
    path = Path(out) / NAME
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        return {}, None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, f"{path}: unreadable ({type(exc).__name__}); every report is rebuilt"
    except OSError as exc:
        return {}, f"{path}: cannot be read ({exc.strerror}); every report is rebuilt"
    reports = data.get("reports", {}) if isinstance(data, dict) else None
    if not isinstance(reports, dict) or not all(isinstance(e, dict) for e in reports.values()):
        return {}, f"{path}: not a build manifest; every report is rebuilt"
    return data, None


def fingerprint(out: Path, files: Iterable[Path]) -> dict[str, str]:
    """``{path relative to out: sha256}`` for files written under ``out``."""
    out = Path(out)
    return {Path(f).relative_to(out).as_posix(): sha256_of(f) for f in sorted(files)}


def intact(out: Path, entry: dict) -> bool:
    """Whether every file a report published is still there as it was written."""
    outputs = entry.get("outputs")
    if not isinstance(outputs, dict) or not outputs:
        return False
    out = Path(out)
    for relative, digest in outputs.items():
        path = out / relative
        if not path.is_file() or sha256_of(path) != digest:
            return False
    return True


def unchanged(job: Job, out: Path, previous: dict) -> bool:
    """Same key as last time, built then, and every file it published still as written."""
    entry = previous.get("reports", {}).get(job.name, {})
    return entry.get("key") == job.key and entry.get("status") in _GOOD and intact(out, entry)


def to_run(jobs: list[Job], out: Path, previous: dict, force: bool = False) -> list[Job]:
    """The jobs that must run: all with ``force``, else those not :func:`unchanged`."""
    return [job for job in jobs if force or not unchanged(job, out, previous)]


def unchanged_build(options: BuildOptions, key: str) -> dict | None:
    """The last build's manifest when its key equals ``key`` and every output it listed
    is still there; otherwise None (the build must run). Reads no input data."""
    out = Path(options.out)
    previous, _problem = read(out)
    if options.force or previous.get("build_key") != key:
        return None
    entries = previous.get("reports", {}).values()
    if not entries or any(e.get("status") not in _GOOD for e in entries):
        return None
    if not all(intact(out, e) for e in entries):
        return None
    needed = [out / "index.html", *(Path(p) for p in previous.get("processed", []))]
    return previous if all(p.exists() for p in needed) else None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _entry(job: Job, result: JobResult, old: dict) -> dict:
    built = result.status == "built"
    entry = {
        "key": job.key if result.status != "failed" else old.get("key"),
        "status": result.status,
        "notebook": job.notebook.relative_to(config.PROJECT_ROOT).as_posix()
        if job.notebook.is_relative_to(config.PROJECT_ROOT)
        else str(job.notebook),
        "parameters": job.parameters,
        "seconds": round(result.seconds, 3) if built else old.get("seconds"),
        "built_at": _now() if built else old.get("built_at"),
        # the files on disk: those just published, else those of the last good build
        "outputs": result.outputs if built else old.get("outputs"),
    }
    if result.status == "failed":
        entry["error"] = result.error
    return entry


def write(out, jobs, results, previous, sources, options, versions, key, processed) -> None:
    """Record the build: per report its key, status and published files (a cancelled
    report keeps its last entry, since its files on disk are the last build's); the
    build key only when every report is good, so a later build never skips a failure."""
    reports = {}
    for job, result in zip(jobs, results, strict=True):
        old = previous.get("reports", {}).get(job.name, {})
        if result.status == "cancelled":
            if old:
                reports[job.name] = old
            continue
        reports[job.name] = _entry(job, result, old)
    failed = any(r.status in ("failed", "cancelled") for r in results)
    record = {
        "generated_at": _now(),
        "build_key": None if failed else key,
        "processed": [str(p) for p in processed],
        "inputs": [
            {"role": s.role, "path": str(s.path), "sha256": s.sha256, "synthetic": s.synthetic}
            for s in sources
        ],
        "options": {**options.selection(), "jobs": options.jobs, "force": options.force},
        "versions": versions,
        "reports": reports,
    }
    data = json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n"
    atomic_write_bytes(Path(out) / NAME, data.encode("utf-8"))
