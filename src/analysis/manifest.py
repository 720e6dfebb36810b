"""The build's manifest: what each report was built from, and the files it wrote.

``manifest.json`` in the output folder records, per report, the key it was built
with (see :mod:`analysis.pipeline`) and every file it published with its
SHA-256. A report is *unchanged* only when its key is the same and every one of
those files is still there, byte for byte; a missing or altered HTML, JSON,
figure or table makes it run again. A manifest that cannot be read (truncated,
not UTF-8, not a JSON object) is a cache miss: every report is rebuilt, and the
caller says so in one line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from analysis.files import sha256_of

NAME = "manifest.json"


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
