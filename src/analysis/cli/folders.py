"""The folders a command writes into, checked before it writes a byte.

``build`` writes the reports into ``--out``; ``build`` and ``validate`` write the
processed tables into ``--processed-dir`` and the checked tables into the cache
(:data:`analysis.config.VALIDATED_DIR`). Each of those folders must be new, empty, or
this program's: marked by :data:`MARKER`, a one-line file the first command to write
there leaves, or, for folders written before the marker existed, holding only what
this program writes there (a reports folder: a manifest of its builds; a processed
folder: its tables and the README of ``data/processed/``; the cache: its key folders).
No input (any path option but ``--out`` and ``--processed-dir``) may lie inside one of
them, and the raw data folder is never one.

:func:`check_folders` makes every check and writes nothing: a refusal is one
:class:`~analysis.errors.DataError` line naming the folder and a file in it.
:func:`mark_folders` then leaves the marker in each. Both are light (no pandas): the
build calls them before its fork server starts.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from pathlib import Path

from analysis import config
from analysis.errors import DataError
from analysis.files import atomic_write_text, shown

#: The file that marks a folder as this program's: any file in it may be replaced.
MARKER = ".analysis-output"
#: What ``build`` and ``validate`` write into ``--processed-dir``
#: (:func:`analysis.consultation.write_processed`), the README the shipped
#: ``data/processed/`` holds, and the cache's folder when it lies there.
PROCESSED_FILES = frozenset(
    {
        "meetings.csv",
        "attendance.csv",
        "rejected-rows.csv",
        "duplicates.csv",
        "left-out-meetings.csv",
        "README.md",
        "validated",
    }
)
#: Left in a reports folder by a build stopped before its first manifest.
_BUILD_LEFTOVERS = frozenset({".build.lock", ".staging"})
_CACHE_ENTRY = re.compile(r"[0-9a-f]{64}|\.incoming-.*")
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[^.]+\.tmp")  # files.atomic_write_with's


@dataclass(frozen=True)
class Output:
    """A folder a command writes into: where, what it holds, and the option naming it."""

    path: Path  # resolved
    role: str  # "reports", "processed tables", "checked-table cache"
    option: str  # how the user chooses another: "--out", "--processed-dir", ...


def outputs_of(args: argparse.Namespace, out: Path | None = None) -> list[Output]:
    """The folders the command of ``args`` writes into (``out``: the build's reports)."""
    folders = [] if out is None else [Output(Path(out).resolve(), "reports", "--out")]
    folders.append(
        Output(Path(args.processed_dir).resolve(), "processed tables", "--processed-dir")
    )
    folders.append(
        Output(
            Path(config.VALIDATED_DIR).resolve(), "checked-table cache", "ANALYSIS_VALIDATED_DIR"
        )
    )
    return folders


#: The path options that name where a command writes; every other path option is an input.
_OUTPUT_OPTIONS = frozenset({"out", "processed_dir"})


def inputs_of(args: argparse.Namespace) -> list[Path]:
    """The input files the command of ``args`` reads (``--meetings``, ``--register``,
    ``--organisations``, and any input option added later), resolved."""
    named = [v for k, v in vars(args).items() if k not in _OUTPUT_OPTIONS]
    return [p.resolve() for p in named if isinstance(p, Path)]


def check_folders(args: argparse.Namespace, out: Path | None = None) -> list[Output]:
    """Every check of the folders the command writes into, before it writes anything:
    the folders, to be marked with :func:`mark_folders`. Raises :class:`DataError` (one
    line: the folder, a file in it, what to do) when one of them may not be written."""
    folders = outputs_of(args, out)
    inputs = inputs_of(args)
    raw = config.RAW_DIR.resolve()
    cache = folders[-1]
    for folder in folders:
        where, choose = shown(folder.path), f"choose another {folder.option}"
        if folder.path == raw or folder.path.is_relative_to(raw):
            raise DataError(f"{where}: the raw data folder is only ever read; {choose}")
        if raw.is_relative_to(folder.path):
            raise DataError(f"{where}: holds the raw data folder {shown(raw)}; {choose}")
        for source in inputs:
            if source.is_relative_to(folder.path):
                raise DataError(
                    f"{where}: holds the input {shown(source)}, and an input is never "
                    f"written over; {choose} (a new or empty folder)"
                )
        if folder is not cache and folder.path.is_relative_to(cache.path):
            raise DataError(
                f"{where}: lies in the checked-table cache {shown(cache.path)}, whose old "
                f"folders are removed; {choose}"
            )
        if folder.path.exists() and not folder.path.is_dir():
            raise DataError(f"{where}: is a file, not a folder; {choose}")
        stranger = _not_ours(folder)
        if stranger is not None:
            stranger = _at_risk(folder) or stranger
            project = {config.REPORTS_DIR.resolve(), config.PROCESSED_DIR.resolve()}
            clean = ", or empty this one (make clean)" if folder.path in project else ""
            raise DataError(
                f"{where}: holds {stranger!r}, which this program did not write, and it "
                f"replaces no file it did not write; {choose} (a new or empty folder){clean}"
            )
    return folders


def _not_ours(folder: Output) -> str | None:
    """The name of an entry that shows ``folder`` is not this program's, or None when the
    folder is new, empty, marked, or holds only what this program writes there."""
    path = folder.path
    try:
        names = sorted(p.name for p in path.iterdir()) if path.exists() else []
    except OSError as exc:
        raise DataError(f"{shown(path)}: cannot be read ({exc.strerror})") from None
    if not names or MARKER in names:
        return None
    if folder.role == "reports":
        return _not_reports(path, names)
    if folder.role == "processed tables":
        return _not_processed(names)
    return next((n for n in names if not _CACHE_ENTRY.fullmatch(n)), None)


def _at_risk(folder: Output) -> str | None:
    """A file of the folder that the command would replace, to name it in a refusal."""
    for path in sorted(folder.path.iterdir()):
        if folder.role == "processed tables" and path.suffix == ".csv":
            if path.name in PROCESSED_FILES:
                return path.name
        elif folder.role == "reports" and path.suffix in (".html", ".json"):
            return path.name
    return None


def _not_reports(path: Path, names: list[str]) -> str | None:
    """A reports folder from before the marker: it holds a manifest of this program's
    builds (or only what a build stopped before its first manifest leaves)."""
    from analysis.build import manifest

    if set(names) <= _BUILD_LEFTOVERS:
        return None
    data, problem = manifest.read(path)
    if problem is None and isinstance(data.get("reports"), dict) and "generated_at" in data:
        return None
    return next(n for n in names if n not in _BUILD_LEFTOVERS)


def _not_processed(names: list[str]) -> str | None:
    """A processed folder from before the marker holds only the processed tables (the
    rejected rows among them: every command writes them) and the shipped README."""
    for name in names:
        temporary = _TEMPORARY.fullmatch(name)
        if name not in PROCESSED_FILES and not (temporary and temporary["name"] in PROCESSED_FILES):
            return name
    tables = [n for n in names if n.endswith(".csv")]
    if tables and "rejected-rows.csv" not in names:
        return tables[0]  # e.g. a user's own meetings.csv, alone
    return None


def mark_folders(folders: list[Output]) -> None:
    """Create each folder if needed and mark it as this program's (once)."""
    for folder in folders:
        marker = folder.path / MARKER
        if marker.exists():
            continue
        try:
            atomic_write_text(
                marker,
                f"python -m analysis writes its {folder.role} here and may replace any file "
                "in this folder: keep no file of your own in it\n",
            )
        except OSError as exc:
            raise DataError(
                f"{shown(folder.path)}: cannot create or write the {folder.role} folder "
                f"({exc.strerror})"
            ) from None
