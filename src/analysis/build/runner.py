"""Running a build: worker processes with warm kernels, one job each at a time, every
finished job published at once, interrupts handled.

Scheduling lives here; one job's execution in :mod:`analysis.build.worker`, keys in
:mod:`analysis.build.keys`, publishing in :mod:`analysis.build.publish`. A
:class:`Session` holds the output folder's lock and the workers; a one-off build
opens one, ``build --watch`` keeps one open between rebuilds so its kernels stay warm.
"""

from __future__ import annotations

import concurrent.futures as futures
import contextlib
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from analysis.build import keys, manifest, publish
from analysis.build.index import write_index
from analysis.build.options import STAGING, BuildOptions, BuildResult, Job, JobResult
from analysis.build.plan import check_options, plan
from analysis.build.signals import (
    Interrupted,
    held,
    interruptible,
    interruptibly,
    raise_waiting,
    signals_interrupt,
    stop_signal,
)
from analysis.build.worker import ready, run_job, start_worker

if TYPE_CHECKING:
    from analysis.consultation import Consultation

WORKER_DIED = (
    "its worker process died (killed, or out of memory) and the others were stopped "
    "with it; the report runs again at the next build"
)
#: Imported once in multiprocessing's fork server, so every worker starts with them: what
#: a worker itself runs (papermill, nbconvert, the kernel manager). Not pandas or
#: matplotlib: the reports run in the kernels, and the worker's modules never import
#: them (a test checks), which saved the fork server about 3 CPU s before any kernel starts.
PRELOAD = ["analysis.build.worker", "jupyter_client.manager", "papermill", "analysis.export"]


def start_fork_server() -> None:
    """Start multiprocessing's fork server now, importing :data:`PRELOAD` (about 0.5 s),
    while this process checks the options and loads the data; the workers fork from it
    later. It runs no report and starts no kernel, and exits with this process."""
    import multiprocessing
    from multiprocessing import forkserver, resource_tracker

    multiprocessing.get_context("forkserver").set_forkserver_preload(PRELOAD)
    # Ctrl-C in a terminal reaches the whole process group; the build alone answers it
    # (it stops the workers). Started with SIGINT blocked, the fork server never sees
    # one, not even while it imports PRELOAD, and the workers it forks inherit the mask
    # (each then ignores SIGINT: analysis.build.worker). Blocked here, not ignored: a
    # Ctrl-C meanwhile waits, then reaches this process. (The stdlib starts its resource
    # tracker the same way, and unblocks SIGINT after: so it is started first.)
    resource_tracker.ensure_running()
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        forkserver.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


class Workers:
    """Worker processes, each with one warm kernel; started on demand, at most ``limit``."""

    def __init__(self, out: Path, limit: int):
        self.out, self.limit = Path(out), max(1, limit)
        self.pool: futures.ProcessPoolExecutor | None = None
        self.count = 0

    def start(self, count: int) -> None:
        """Start ``count`` workers now (kernels warm up while the caller goes on). A signal
        meanwhile stops the build once every worker is started, so that each is stopped
        (one forked but not yet known to the pool would outlive the build)."""
        if self.pool is not None:
            return
        with held():
            self._start(count)
        raise_waiting()

    def _start(self, count: int) -> None:
        import multiprocessing

        start_fork_server()  # running already, unless a caller skipped it: started safely
        self.count = max(1, min(count, self.limit))
        (self.out / STAGING).mkdir(parents=True, exist_ok=True)
        log_path = str(self.out / STAGING / "kernels.log")
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        self.pool = futures.ProcessPoolExecutor(
            self.count,
            mp_context=context,
            initializer=start_worker,
            initargs=(log_path, os.getpid()),
        )
        for _ in range(self.count):  # the pool starts a process per task it cannot place
            self.pool.submit(ready)

    def stop(self) -> None:
        """Cancel what has not started and terminate the workers (each kills its kernel)."""
        if self.pool is None:
            return
        pool, self.pool = self.pool, None
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()
        for process in processes:
            process.join(5)
            if process.is_alive():
                process.kill()

    def close(self) -> None:
        """Let the workers finish and exit (their kernels shut down with them)."""
        if self.pool is not None:
            pool, self.pool = self.pool, None
            pool.shutdown(wait=True)


class Session:
    """One output folder held for building: its lock and its workers."""

    def __init__(self, options: BuildOptions):
        # absolute: the workers and kernels run in other folders than the command
        self.out = Path(options.out).resolve()
        self.workers = Workers(self.out, options.jobs or os.cpu_count() or 1)
        self._lock = publish.build_lock(self.out)

    def __enter__(self) -> Session:
        self._lock.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        with held():  # a Ctrl-C now waits: the workers stop and the folder is left tidy
            try:
                if exc[0] is None and stop_signal() is None:
                    self.workers.close()
                else:
                    self.workers.stop()
                publish.clear_staging(self.out)
            finally:
                self._lock.__exit__(*exc)


def expected_jobs(options: BuildOptions) -> int | None:
    """How many reports a build of ``options`` makes, when known before loading the data."""
    if options.only:
        return len(options.only)
    return 1 + len(options.areas) if options.areas else None


def start_early(session: Session, options: BuildOptions) -> None:
    """Start the workers before the data is loaded when every report will run (``--force``
    or a folder never built); otherwise they start once the stale reports are known."""
    previous, _ = manifest.read(session.out)
    if options.force or not previous.get("reports"):
        session.workers.start(expected_jobs(options) or session.workers.limit)


def run_jobs(workers: Workers, to_run: list[Job], results: dict, on_result, bar) -> int | None:
    """Run the jobs, publishing each as it finishes; the signal number when the build was
    interrupted, else None. Called in :func:`held`: a signal stops the build only while
    it waits for the next job to finish, so a finished job is published whole or not
    at all, and the caller always gets to write the index and the manifest."""
    out = workers.out
    workers.start(len(to_run))
    (out / STAGING).mkdir(parents=True, exist_ok=True)
    broken = False
    try:
        pending = {workers.pool.submit(run_job, job, str(out)): job for job in to_run}
        for done in interruptibly(futures.as_completed(pending)):
            job = pending[done]
            try:
                result = done.result()
            except futures.BrokenExecutor:
                broken = True  # a worker was killed: the pool takes no more jobs
                result = JobResult(job.name, "failed", error=WORKER_DIED)
            except Exception as error:  # the job could not reach or leave its worker
                result = JobResult(job.name, "failed", error=f"{type(error).__name__}: {error}")
            if result.status == "built":
                result.outputs = publish.publish(out, job.name)
            else:
                publish.keep_failed(out, result)
            results[job.name] = result
            on_result(result)
            if bar is not None:
                bar.update(1)
    except Interrupted as stop:
        workers.stop()
        for job in to_run:
            results.setdefault(job.name, JobResult(job.name, "cancelled"))
        return stop.signum
    if broken:  # the next build (a watch's next rebuild) starts fresh workers
        workers.stop()
    return None


def build(
    options: BuildOptions,
    consultation: Consultation,
    session: Session,
    on_result: Callable[[JobResult], None] = lambda result: None,
    on_warning: Callable[[str], None] = lambda line: None,
    progress=None,
    key: str | None = None,
    processed: list[Path] | None = None,
) -> BuildResult:
    """Build every report of the selection into ``options.out`` (held by ``session``).

    Raises :class:`~analysis.errors.ParameterError` before any report runs when the
    options do not fit the data. ``on_result`` hears of every report as it finishes
    (unchanged ones first); ``progress(total=, initial=)`` makes a bar (tqdm's signature)
    that advances as reports finish. Ctrl-C or SIGTERM stops it: reports not finished are
    cancelled, the workers and their kernels stop, the index and the manifest describe
    what is published, and the result says which signal came. Before the reports run
    (while it plans), a signal raises :class:`Interrupted` and nothing is written.
    """
    started = time.perf_counter()
    with interruptible():  # nothing written yet: a signal may stop the build here
        options = check_options(options)
        jobs = plan(options, consultation)
        out = session.out
        previous, problem = manifest.read(out)
        if problem:
            on_warning(problem)
        stale = manifest.to_run(jobs, out, previous, options.force)
        running = {job.name for job in stale}
        results = {j.name: JobResult(j.name, "unchanged") for j in jobs if j.name not in running}
    # From here a signal stops the build only while it waits for a report (run_jobs):
    # whatever happens, the index and the manifest are written, and describe the folder.
    with signals_interrupt(hold=True):
        bar = progress(total=len(jobs), initial=len(results)) if progress else None
        for result in results.values():
            on_result(result)
        interrupted = run_jobs(session.workers, stale, results, on_result, bar) if stale else None
        if bar is not None:
            bar.close()
        ordered = [results[job.name] for job in jobs]
        index = write_index(out, jobs, ordered, options.lang, consultation, options.title)
        manifest.write(
            out,
            jobs,
            ordered,
            previous,
            consultation.sources,
            options,
            keys.versions(),
            key,
            processed or [],
        )
        publish.clear_staging(out)
        interrupted = interrupted or stop_signal()  # one that came while they were written
    return BuildResult(ordered, out, time.perf_counter() - started, index, interrupted)
