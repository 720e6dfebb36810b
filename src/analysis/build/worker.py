"""One report's run, in a worker process of the build: its notebook, then its HTML.

A worker sends the kernel's and libraries' chatter to a log file, keeps one warm
kernel (:mod:`analysis.build.kernel`) and writes everything into the report's own
staging folder; :mod:`analysis.build.publish` moves it into place. A worker never
outlives its build: it kills its kernel and exits when the build terminates it, and
notices on its own when the build's process has died outright.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import signal
import sys
import threading
import time
import warnings
from pathlib import Path

from analysis.build import kernel
from analysis.build.options import STAGING, Job, JobResult

WATCH_SECONDS = 0.5  # how often a worker checks that its build is still there
IOPUB_SECONDS = 60  # how long a cell's output may trail its reply before the cell fails


def start_worker(log_path: str, build_pid: int | None = None, warm: bool = True) -> None:
    """In each worker, once: quiet logs, signals, the watch on the build, a warm kernel."""
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
    # (Forked with SIGINT blocked, from a fork server started so: runner.start_fork_server;
    # unblocked once ignored, so that the kernel, which inherits both, can be interrupted.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    signal.signal(signal.SIGTERM, _stop_and_exit)
    if build_pid is not None:
        threading.Thread(target=_watch, args=(build_pid,), daemon=True).start()
    if warm:
        kernel.warm_up()


def ready() -> int:
    """A task that returns at once: submitting one per worker makes the pool start them."""
    return os.getpid()


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
    kernel.kill_kernel(kernel.current())
    os._exit(1)


def _stop_and_exit(signum, _frame) -> None:
    """Terminated by the build: kill this worker's kernel, then exit at once."""
    kernel.kill_kernel(kernel.current())
    os._exit(128 + signum)


def run_job(job: Job, out: str) -> JobResult:
    """Execute one report notebook into its staging folder and render its HTML there."""
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from analysis.build import engine
    from analysis.export import PageContext, export_html

    started = time.perf_counter()
    staging = Path(out) / STAGING / job.name
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    executed = staging / f"{job.name}.ipynb"
    try:
        papermill.execute_notebook(
            kernel.isolated(job.notebook),
            str(executed),
            parameters={**job.parameters, "output_dir": str(staging)},
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            km=kernel.warm_kernel(),
            engine_name=engine.NAME,
            # papermill fails a cell whose output arrives over 4 s after its reply; on a
            # loaded machine (CI, parallel builds) that happens to healthy cells
            iopub_timeout=IOPUB_SECONDS,
            # written once, when it ends (or fails), not at every cell's start and end:
            # saving a notebook with its charts 40 times cost a third of a report's time
            request_save_on_cell_execute=False,
            kept_on_failure=str(executed),  # the engine's own: see analysis.build.engine
        )
    except PapermillExecutionError as error:
        cell = _failed_cell(executed, error.cell_index)
        message = f"cell In [{error.exec_count}] ({cell}): {error.ename}: {error.evalue}"
        return JobResult(job.name, "failed", time.perf_counter() - started, message, executed)
    except Exception as error:  # a kernel that died, a notebook that cannot be read, ...
        message = f"{type(error).__name__}: {error}"
        kept = executed if executed.exists() else None
        return JobResult(job.name, "failed", time.perf_counter() - started, message, kept)
    summary = json.loads((staging / f"{job.name}.json").read_text(encoding="utf-8"))
    notebook = nbformat.read(executed, as_version=4)
    page = export_html(notebook, PageContext.from_summary(summary))
    (staging / f"{job.name}.html").write_text(page, encoding="utf-8")
    if job.pdf:
        from analysis.build.pdf import write_pdf
        from analysis.errors import DataError

        try:
            write_pdf(
                staging / f"{job.name}.html", staging / f"{job.name}.pdf", summary["language"]
            )
        except DataError as error:  # the page stays unpublished, its notebook kept
            seconds = time.perf_counter() - started
            return JobResult(job.name, "failed", seconds, f"PDF: {error}", executed)
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
