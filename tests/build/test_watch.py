"""``analysis build --watch`` as staff use it: start, edit an input, see exactly the
affected reports rebuilt, stop with Ctrl-C, nothing left running."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pytest

from analysis import config
from analysis.build.watch import classify, targets
from analysis.cli import build_options, build_parser
from tests.conftest import TEST_DATA
from tests.processes import alive

MEETINGS = TEST_DATA / "meetings-small.csv"
REGISTER = TEST_DATA / "register-small.csv"


def test_an_edit_is_classified_by_what_it_touched(tmp_path):
    register = tmp_path / "register.csv"
    args = build_parser().parse_args(
        ["build", "--meetings", str(MEETINGS), "--register", str(register)]
    )
    inputs, books, roots = targets(build_options(args))
    package = Path(__import__("analysis").__file__).parent
    assert classify({register.resolve()}, inputs, books) == {"inputs"}
    assert classify({config.NOTEBOOKS_DIR / "02-area.ipynb"}, inputs, books) == {"notebooks"}
    assert classify({package / "metrics.py"}, inputs, books) == {"package"}
    assert classify({package / "templates" / "report.css"}, inputs, books) == {"package"}
    # compiled files, other notebooks and files beside the inputs are not edits
    assert classify({package / "__pycache__" / "metrics.cpython-311.pyc"}, inputs, books) == set()
    assert classify({config.NOTEBOOKS_DIR / "exploration" / "x.ipynb"}, inputs, books) == set()
    assert classify({tmp_path / "notes.txt"}, inputs, books) == set()
    # every watched file lies under one of the watched folders
    for path in (*inputs, *books, package / "metrics.py"):
        assert any(path.is_relative_to(root) for root in roots), path


def _lines(stream, into: queue.Queue) -> None:
    for line in stream:
        into.put(line.rstrip("\n"))


def _until(
    lines: queue.Queue, marker: str, seconds: float = 300, log: Path | None = None
) -> list[str]:
    """The lines printed up to and including the first one containing ``marker``."""
    seen = []
    while True:
        try:
            line = lines.get(timeout=seconds)
        except queue.Empty:
            stderr = log.read_text(encoding="utf-8")[-3000:] if log else ""
            pytest.fail(f"no line with {marker!r} within {seconds} s; seen: {seen}\n{stderr}")
        seen.append(line)
        if marker in line:
            return seen


@pytest.mark.slow
def test_watch_rebuilds_what_an_input_edit_affects_and_stops_cleanly(tmp_path):
    register = tmp_path / "register.csv"
    shutil.copy(REGISTER, register)
    out = tmp_path / "reports"
    command = [
        sys.executable,
        "-m",
        "analysis",
        "build",
        "--watch",
        "--meetings",
        str(MEETINGS),
        "--register",
        str(register),
        "--out",
        str(out),
        "--processed-dir",
        str(tmp_path / "processed"),
        "--areas",
        "seniors",
        "--jobs",
        "2",
    ]
    # stderr goes to a file: a pipe nobody reads fills up and blocks the watch
    log = tmp_path / "stderr.txt"
    stderr_file = log.open("w+", encoding="utf-8")
    watch = subprocess.Popen(
        command,
        cwd=config.PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=stderr_file,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=_lines, args=(watch.stdout, lines), daemon=True).start()
    try:
        first = _until(lines, "first build:", log=log)
        assert sorted(line.split()[1] for line in first if line.startswith("✓")) == [
            "area-seniors",
            "overview",
        ]
        seniors_page = (out / "area-seniors.html").read_bytes()

        # m2 is the seniors meeting: one more person there changes both reports. The edit
        # comes at once, perhaps before the file watchers exist: it must not be missed.
        with register.open("a", encoding="utf-8") as handle:
            handle.write("m2,P9,O4\n")
        rebuilt = _until(lines, "inputs changed:", log=log)
        assert any(line.startswith("watching ") for line in rebuilt)
        assert sorted(line.split()[1] for line in rebuilt if line.startswith("✓")) == [
            "area-seniors",
            "overview",
        ]
        assert rebuilt[-1].startswith("inputs changed: 2 built, 0 failed, 0 unchanged in ")
        assert (out / "area-seniors.html").read_bytes() != seniors_page

        family = psutil.Process(watch.pid).children(recursive=True)
        assert any("ipykernel" in " ".join(p.cmdline()) for p in alive(family))  # warm kernels
    finally:
        watch.send_signal(signal.SIGINT)
        try:
            watch.wait(timeout=90)  # a hang fails here
        finally:
            if watch.poll() is None:
                watch.kill()
    stderr_file.seek(0)
    stderr = stderr_file.read()
    stderr_file.close()
    assert watch.returncode == 0, stderr[-2000:]
    assert "Traceback" not in stderr
    assert _until(lines, "watch stopped (SIGINT)", seconds=10)
    deadline = 20
    while alive(family) and deadline > 0:
        threading.Event().wait(0.5)
        deadline -= 0.5
    assert alive(family) == [], [p.cmdline() for p in alive(family)]
    assert not (out / ".staging").exists()
