"""Ctrl-C from a terminal (#26): SIGINT reaches the build's whole process group (the
build, its fork server and its workers) at any moment, once or twice, and the folder is
left exactly described: ``index.html`` and ``manifest.json`` list the reports whose
pages are on disk, no staging is left, no process is left, and the last line says what
was published. Each build runs as ``python -m analysis`` in a session of its own, as
from a terminal, and the signal goes to its process group."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil
import pytest

from analysis import config
from analysis.build import manifest
from analysis.cli.folders import MARKER
from tests.conftest import TEST_DATA
from tests.processes import alive

pytestmark = pytest.mark.slow

MEETINGS = TEST_DATA / "meetings-small.csv"
REGISTER = TEST_DATA / "register-small.csv"
#: the overview and four area reports, on two workers
REPORTS = 5


class Build:
    """``python -m analysis build`` in a new session, its output read as it comes, its
    descendants (workers and kernels, which run in sessions of their own) noted."""

    def __init__(self, tmp_path: Path):
        self.out = tmp_path / "reports"
        command = [sys.executable, "-m", "analysis", "build", "--force", "--jobs", "2"]
        command += ["--meetings", str(MEETINGS), "--register", str(REGISTER)]
        command += ["--out", str(self.out), "--processed-dir", str(tmp_path / "processed")]
        env = {**os.environ, "PYTHONWARNINGS": "ignore", "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            command,
            cwd=config.PROJECT_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,
        )
        self.stdout: list[str] = []
        self.stderr: list[str] = []
        self.family: dict[int, psutil.Process] = {}
        streams = [(self.process.stdout, self.stdout), (self.process.stderr, self.stderr)]
        self.readers = [
            threading.Thread(target=self._read, args=pair, daemon=True) for pair in streams
        ]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _read(stream, lines: list[str]) -> None:
        for line in stream:
            lines.append(line.rstrip("\n"))

    def note_family(self) -> None:
        try:
            for child in psutil.Process(self.process.pid).children(recursive=True):
                self.family.setdefault(child.pid, child)
        except psutil.NoSuchProcess:
            pass

    def wait_for(self, ready, what: str) -> None:
        """Until ``ready()``; a build that ends first fails the test with its output."""
        deadline = time.monotonic() + 900  # a loaded machine starts kernels slowly
        while not ready():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.finish()
                pytest.fail(f"never {what}; exit {self.process.returncode}\n" + self.shown())
            self.note_family()
            time.sleep(0.01)
        self.note_family()

    def reports_done(self, count: int) -> bool:
        return sum(line.startswith("✓ ") for line in self.stdout) >= count

    def interrupt(self) -> None:
        os.killpg(self.process.pid, signal.SIGINT)  # as the terminal does on Ctrl-C

    def finish(self) -> int:
        code = self.process.wait(timeout=120)  # a hang fails here, not a slow machine
        for reader in self.readers:
            reader.join(10)
        return code

    def shown(self) -> str:
        return "\n".join(self.stdout[-20:] + ["--- stderr"] + self.stderr[-30:])


def _group(pgid: int) -> list[psutil.Process]:
    """The processes still in the build's process group."""
    left = []
    for process in psutil.process_iter():
        try:
            if os.getpgid(process.pid) == pgid and process.status() != psutil.STATUS_ZOMBIE:
                left.append(process)
        except (ProcessLookupError, psutil.NoSuchProcess):
            pass
    return left


def _gone(build: Build, seconds: float = 15) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _group(build.process.pid) and not alive(build.family.values()):
            return True
        time.sleep(0.2)
    return False


def _assert_described_exactly(build: Build) -> list[str]:
    """The state every interrupt must leave; the reports published."""
    out = build.out
    assert not (out / ".staging").exists()
    assert "Traceback" not in "\n".join(build.stderr), build.shown()
    pages = sorted(p.stem for p in out.glob("*.html") if p.name != "index.html")
    if not pages:
        return pages
    data, problem = manifest.read(out)
    assert problem is None and (out / "index.html").is_file(), build.shown()
    listed = sorted(
        name
        for name, entry in data["reports"].items()
        if entry.get("status") in ("built", "unchanged") and manifest.intact(out, entry)
    )
    assert listed == sorted(data["reports"]) == pages, build.shown()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert sorted(re.findall(r'href="([^"/]+)\.html"', index)) == pages
    return pages


def _last_line(build: Build) -> str:
    lines = [line for line in build.stderr if line.strip()]
    return lines[-1].split("\r")[-1] if lines else ""


@pytest.mark.parametrize("moment", ["taking-the-folder", "loading-the-data"])
def test_ctrl_c_before_any_report_runs_changes_nothing_and_says_so(tmp_path, moment):
    """Right at the start (the folder just taken: the fork server is still importing)
    and while the data loads (the workers are starting): nothing is published."""
    build = Build(tmp_path)
    if moment == "taking-the-folder":
        build.wait_for(lambda: (build.out / MARKER).exists(), "took the folder")
    else:
        build.wait_for(lambda: (build.out / ".build.lock").exists(), "locked the folder")
    build.interrupt()
    assert build.finish() == 130, build.shown()
    assert _assert_described_exactly(build) == []
    assert _last_line(build) == (
        f"interrupted (SIGINT) before any report ran: nothing was changed in {build.out}/"
    )
    assert _gone(build), [p.cmdline() for p in alive(build.family.values())]


@pytest.mark.parametrize("after, twice", [(1, False), (2, False), (1, True)])
def test_ctrl_c_while_reports_run_leaves_the_index_and_manifest_describing_the_folder(
    tmp_path, after, twice
):
    """After the first report, after two, and Ctrl-C pressed twice: what finished is
    published, the index and the manifest list exactly it, and the last line says so.
    (Before #26 a second Ctrl-C, while the build was stopping, left the published
    reports with no index and no manifest, and said nothing had changed.)"""
    build = Build(tmp_path)
    build.wait_for(lambda: build.reports_done(after), f"built {after} report(s)")
    build.interrupt()
    if twice:
        time.sleep(0.05)
        build.interrupt()
    assert build.finish() == 130, build.shown()
    pages = _assert_described_exactly(build)
    assert len(pages) >= after
    assert _last_line(build) == (
        f"interrupted (SIGINT): {len(pages)} report(s) built and published, "
        f"{REPORTS - len(pages)} not run; index.html and manifest.json describe what is in "
        f"{build.out}/"
    )
    assert _gone(build), [p.cmdline() for p in alive(build.family.values())]


@pytest.mark.parametrize("delay", [0.15, 0.3, 0.6])
def test_ctrl_c_while_python_starts_gives_no_traceback(tmp_path, delay):
    """The first moments: Python importing the command line, then the command parsing
    its options and taking the folder. Whenever the signal comes, the process ends at
    once, with one line, never a traceback. (Before ``__main__`` runs, in Python's own
    start of some 20 ms, a signal is Python's: that moment is not tested.)"""
    out, processed = tmp_path / "out", tmp_path / "processed"
    command = [sys.executable, "-m", "analysis", "build", "--out", str(out)]
    command += ["--processed-dir", str(processed)]
    process = subprocess.Popen(
        command,
        cwd=config.PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    time.sleep(delay)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr, stderr
    assert process.returncode == 130, (process.returncode, stderr)
    assert stderr.strip().splitlines()[-1].startswith("interrupted (SIGINT)"), stderr
