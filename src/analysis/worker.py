"""One report's run, in a worker process of the build: its kernel, its notebook, its HTML.

A worker keeps one warm Jupyter kernel for every report it runs (each report
starts from an empty namespace), sends the kernel's and libraries' chatter to a
log file, and writes everything into the report's own staging folder; the build
(:mod:`analysis.pipeline`) publishes it from there. A worker never outlives its
build: it stops its kernel and exits when the build terminates it, and the
worker notices when the build's process has died outright and exits too.
"""

from __future__ import annotations

import contextlib
import json
import logging
import multiprocessing.util
import os
import shutil
import signal
import sys
import threading
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from analysis import config

STAGING = ".staging"
WATCH_SECONDS = 0.5  # how often a worker checks that its build is still there


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


def _quiet_worker(log_path: str, build_pid: int | None = None) -> None:
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
    # Ctrl-C reaches the whole process group: the build decides, the worker ignores it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_and_exit)
    if build_pid is not None:
        threading.Thread(target=_watch, args=(build_pid,), daemon=True).start()


def _build_alive(pid: int) -> bool:
    import psutil

    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _watch(build_pid: int) -> None:
    """Exit with the build: a build killed outright (SIGKILL) cannot stop its workers, so
    each worker notices on its own, kills its kernel and exits. (A worker's parent is
    multiprocessing's fork server, which lives as long as any worker does.)"""
    while _build_alive(build_pid):
        time.sleep(WATCH_SECONDS)
    _kill_kernel(_KERNEL)
    os._exit(1)


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


def _stop_and_exit(signum, _frame) -> None:
    """Terminated by the build: kill this worker's kernel, then exit at once."""
    _kill_kernel(_KERNEL)
    os._exit(128 + signum)


def _kill_kernel(manager) -> None:
    """Kill a kernel's process group without waiting on any event loop (safe in a handler)."""
    provisioner = getattr(manager, "provisioner", None)
    pid = getattr(provisioner, "pid", None) or getattr(
        getattr(provisioner, "process", None), "pid", None
    )
    if not pid:
        return
    with contextlib.suppress(OSError):
        if os.getpgid(pid) == pid:  # the kernel leads its own group: take its children too
            os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.kill(pid, signal.SIGKILL)


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
