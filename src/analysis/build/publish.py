"""Publishing from staging: one build per folder, and a finished report moved into place.

Every job writes into ``<out>/.staging/<report>/``. Only a job that ran to the end is
published, one atomic rename per file, so a failed or interrupted job leaves the
previous good report in place; a failed job's executed notebook is kept beside it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from pathlib import Path

from analysis.build import manifest
from analysis.build.options import STAGING, JobResult
from analysis.errors import DataError

LOCK = ".build.lock"


@contextlib.contextmanager
def build_lock(out: Path):
    """Hold ``out`` for one build: a second build into it stops at once (one line, exit 2).

    The lock is the operating system's (``flock``), so it is released when the holder
    exits, however it exits. Under the lock, staging left by a killed build is cleared.
    """
    out = Path(out)
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


def publish(out: Path, name: str) -> dict[str, str]:
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
    pdf = out / f"{name}.pdf"
    if (staging / pdf.name).exists():  # build --pdf
        os.replace(staging / pdf.name, pdf)
        published.append(pdf)
    else:  # a PDF of an earlier build no longer matches the page
        pdf.unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    return manifest.fingerprint(out, published)


def keep_failed(out: Path, result: JobResult) -> None:
    """Keep a failed job's executed notebook as ``notebooks/<report>.failed.ipynb``."""
    if result.failed_notebook and result.failed_notebook.exists():
        (out / "notebooks").mkdir(parents=True, exist_ok=True)
        target = out / "notebooks" / f"{result.name}.failed.ipynb"
        os.replace(result.failed_notebook, target)
        result.failed_notebook = target
    shutil.rmtree(out / STAGING / result.name, ignore_errors=True)


def clear_staging(out: Path) -> None:
    shutil.rmtree(Path(out) / STAGING, ignore_errors=True)
