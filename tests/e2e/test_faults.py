"""Faults met by a real build: a damaged manifest, missing or altered outputs, a second
build into the same folder, unusable options and paths, interrupts."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from analysis import config
from analysis.build import manifest
from analysis.cli import main
from tests.conftest import TEST_DATA
from tests.processes import alive

MEETINGS = TEST_DATA / "meetings-small.csv"
REGISTER = TEST_DATA / "register-small.csv"


def _args(out: Path, *extra: str) -> list[str]:
    """A build of three reports (the overview, culture and seniors) of the small fixture."""
    return [
        "build",
        "--areas",
        "culture,seniors",
        "--meetings",
        str(MEETINGS),
        "--register",
        str(REGISTER),
        "--out",
        str(out),
        "--processed-dir",
        str(out.parent / "processed"),
        "--jobs",
        "2",
        *extra,
    ]


# --------------------------------------------------------------------------- the manifest


@pytest.mark.parametrize(
    "damage",
    [
        b"null",
        b"[]",
        b'{"reports": {"overview": {"key": "x"',
        b"\xff\xfe\x00garbage",
        b'{"reports": []}',
    ],
    ids=["null", "list", "truncated", "not-utf8", "reports-not-a-dict"],
)
def test_a_damaged_manifest_reads_as_nothing_built_with_one_line(tmp_path, damage):
    (tmp_path / manifest.NAME).write_bytes(damage)
    data, problem = manifest.read(tmp_path)
    assert data == {}
    assert problem.startswith(str(tmp_path / manifest.NAME)) and "\n" not in problem


def test_outputs_are_intact_only_when_every_file_is_as_written(tmp_path):
    (tmp_path / "figures").mkdir()
    files = [tmp_path / "a.html", tmp_path / "figures" / "a-x.png"]
    for file in files:
        file.write_bytes(b"content of " + file.name.encode())
    entry = {"outputs": manifest.fingerprint(tmp_path, files)}
    assert manifest.intact(tmp_path, entry)
    files[1].write_bytes(b"changed")
    assert not manifest.intact(tmp_path, entry)
    files[1].unlink()
    assert not manifest.intact(tmp_path, entry)
    assert not manifest.intact(tmp_path, {})  # a manifest from before outputs were listed


# --------------------------------------------------------------------------- real builds


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("faults") / "reports"
    assert main(_args(out)) == 0
    return out


def _copy(built: Path, tmp_path: Path) -> Path:
    out = tmp_path / "reports"
    shutil.copytree(built, out)
    return out


@pytest.mark.slow
def test_a_damaged_manifest_warns_once_and_rebuilds(built, tmp_path, capsys):
    out = _copy(built, tmp_path)
    (out / manifest.NAME).write_bytes(b'{"reports": {"over')
    assert main(_args(out)) == 0
    captured = capsys.readouterr()
    assert (captured.out + captured.err).count("unreadable (JSONDecodeError)") == 1
    assert "(3 built, 0 unchanged, 0 failed)" in captured.out
    assert manifest.read(out)[1] is None  # a good manifest again


@pytest.mark.slow
def test_a_missing_or_altered_output_rebuilds_exactly_its_report(built, tmp_path, capsys):
    out = _copy(built, tmp_path)
    entries = json.loads((out / manifest.NAME).read_text(encoding="utf-8"))["reports"]
    figure = next(f for f in entries["area-culture"]["outputs"] if f.startswith("figures/"))
    (out / figure).unlink()
    table = next(f for f in entries["area-seniors"]["outputs"] if f.startswith("tables/"))
    (out / table).write_text("edited by hand", encoding="utf-8")
    assert main(_args(out)) == 0
    printed = capsys.readouterr().out
    assert "(2 built, 1 unchanged, 0 failed)" in printed
    assert "✓ area-culture" in printed and "✓ area-seniors" in printed
    assert (out / figure).is_file()


@pytest.mark.slow
def test_the_no_op_path_notices_a_missing_figure(built, tmp_path, capsys):
    out = _copy(built, tmp_path)
    assert main(_args(out)) == 0  # another folder: the build key differs, no report runs
    assert main(_args(out)) == 0  # now the no-op path
    assert "(0 built, 3 unchanged, 0 failed)" in capsys.readouterr().out
    figure = next((out / "figures").glob("overview-*.png"))
    figure.unlink()
    assert main(_args(out)) == 0
    assert "(1 built, 2 unchanged, 0 failed)" in capsys.readouterr().out


# --------------------------------------------------------------------------- options and paths


@pytest.mark.parametrize(
    "extra, named",
    [
        (["--jobs", "0"], "--jobs"),
        (["--jobs", "-2"], "--jobs"),
        (["--param", "lang=xx"], "lang"),
        (["--param", "start=not-a-date"], "start"),
        (["--param", "report_name=../../escaped"], "report_name"),
        (["--param", "output_dir=/tmp/elsewhere"], "output_dir"),
    ],
)
def test_unusable_options_are_one_line_and_exit_2_before_any_kernel(tmp_path, capsys, extra, named):
    out = tmp_path / "reports"
    assert main(_args(out, *extra)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and named in err
    assert not (out / ".staging").exists() and not (out / "index.html").exists()


def test_an_unwritable_output_folder_is_one_line(tmp_path, capsys):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert main(_args(blocked / "reports")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(blocked) in err


def test_an_unwritable_processed_folder_is_one_line(tmp_path, capsys):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    args = _args(tmp_path / "reports")
    args[args.index("--processed-dir") + 1] = str(blocked / "processed")
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(blocked) in err and "Traceback" not in err


def test_a_second_build_into_a_busy_folder_stops_at_once(tmp_path, capsys):
    from analysis.build.publish import build_lock

    out = tmp_path / "reports"
    with build_lock(out):
        assert main(_args(out)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "being built" in err


# --------------------------------------------------------------------------- interrupts


def _start_build(out: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "analysis", *_args(out, "--force")]
    return subprocess.Popen(
        command,
        cwd=config.PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )


def _wait_for_kernels(build: subprocess.Popen, out: Path) -> list[psutil.Process]:
    """The build's descendants once a report is running (its staging folder exists).

    No deadline of its own while the build runs (a loaded machine starts kernels
    slowly); a build that ends first fails the test with what it printed, and a hang
    fails on the 15-minute cap."""
    deadline = time.monotonic() + 900
    while build.poll() is None and time.monotonic() < deadline:
        staging = out / ".staging"
        running = staging.is_dir() and any(p.is_dir() for p in staging.glob("*"))
        family = alive(psutil.Process(build.pid).children(recursive=True))
        if running and any("ipykernel" in " ".join(_cmdline(p)) for p in family):
            return family
        time.sleep(0.1)
    stdout, stderr = build.communicate(timeout=60) if build.poll() is not None else ("", "")
    pytest.fail(f"no report seen running; exit {build.poll()}\n{stdout[-1500:]}\n{stderr[-1500:]}")


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
        return []


def _gone(processes: list[psutil.Process], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while alive(processes) and time.monotonic() < deadline:
        time.sleep(0.2)
    return not alive(processes)


@pytest.mark.slow
@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_an_interrupt_stops_the_build_cleanly(built, tmp_path, signum, code):
    out = _copy(built, tmp_path)
    before = (out / "overview.html").read_bytes()
    build = _start_build(out)
    family = _wait_for_kernels(build, out)
    build.send_signal(signum)
    stdout, stderr = build.communicate(timeout=90)  # a hang fails here, not a slow machine
    assert build.returncode == code, stderr[-2000:]
    lines = [line for line in stderr.splitlines() if "interrupted" in line]
    assert len(lines) == 1 and "Traceback" not in stderr
    assert not (out / ".staging").exists()
    assert _gone(family, 10), [p.cmdline() for p in alive(family)]
    assert (out / "overview.html").read_bytes() == before or (out / "overview.html").is_file()
    data, problem = manifest.read(out)
    assert problem is None
    for name, entry in data["reports"].items():  # the manifest describes what is on disk
        if entry.get("outputs"):
            assert manifest.intact(out, entry), name


@pytest.mark.slow
def test_workers_and_kernels_do_not_outlive_a_killed_build(built, tmp_path, capsys):
    out = _copy(built, tmp_path)
    build = _start_build(out)
    family = _wait_for_kernels(build, out)
    build.kill()
    build.communicate(timeout=90)
    assert _gone(family, 20), [p.cmdline() for p in alive(family)]
    # a later build clears the staging the killed one left behind
    assert main(_args(out)) == 0
    assert not (out / ".staging").exists()


@pytest.mark.slow
def test_a_worker_that_dies_fails_its_report_and_the_next_build_gets_fresh_workers(
    tmp_path, monkeypatch
):
    """As in ``build --watch``: one session, two builds. In the first, the area report's
    kernel kills its worker (as the OOM killer would); that report fails with a plain
    reason and the next build in the same session starts new workers and builds it."""
    import nbformat

    from analysis.build import options as notebooks
    from analysis.build import runner
    from analysis.build.options import BuildOptions
    from analysis.consultation import load_consultation

    killer, pid_file = tmp_path / "02-area.ipynb", tmp_path / "kernel.pid"
    notebook = nbformat.read(notebooks.AREA_NOTEBOOK, as_version=4)
    cell = nbformat.v4.new_code_cell(
        "import os, pathlib, signal\n"
        f"pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
        "os.kill(os.getppid(), signal.SIGKILL)"
    )
    cell["id"] = "kill-the-worker"
    notebook.cells.insert(2, cell)
    nbformat.write(notebook, killer)
    out = tmp_path / "reports"
    options = BuildOptions(meetings=MEETINGS, register=REGISTER, out=out, areas=["seniors"], jobs=2)
    consultation = load_consultation(MEETINGS, REGISTER)
    with runner.Session(options) as session:
        monkeypatch.setattr(notebooks, "AREA_NOTEBOOK", killer)
        first = {r.name: r for r in runner.build(options, consultation, session).results}
        monkeypatch.undo()
        second = {r.name: r for r in runner.build(options, consultation, session).results}
        # the workers and their kernels (the fork server and multiprocessing's resource
        # tracker, this process's own children, serve every build it makes)
        family = [p for p in psutil.Process().children(recursive=True) if p.ppid() != os.getpid()]
        assert any("ipykernel" in " ".join(_cmdline(p)) for p in family)
    assert first["area-seniors"].status == "failed"
    assert first["area-seniors"].error == runner.WORKER_DIED
    assert second["area-seniors"].status == "built"
    assert all(r.status in ("built", "unchanged") for r in second.values())
    assert (out / "area-seniors.html").is_file()
    assert _gone(family, 30), [_cmdline(p) for p in alive(family)]
    # the orphaned kernel of the killed worker exits on its own (it watches its parent)
    orphan = int(pid_file.read_text())
    left = [psutil.Process(orphan)] if psutil.pid_exists(orphan) else []
    assert _gone(left, 30), [_cmdline(p) for p in alive(left)]


@pytest.mark.slow
def test_a_kernel_that_dies_fails_its_report_and_the_next_report_gets_a_fresh_kernel(
    tmp_path, monkeypatch
):
    """One worker runs the overview, then area-culture, whose kernel exits mid-report,
    then area-seniors: the dead kernel's report fails, and the worker starts a new
    kernel (and a new client of it) for the next report, which builds."""
    import nbformat

    from analysis.build import options as notebooks
    from analysis.build import runner
    from analysis.build.options import BuildOptions
    from analysis.consultation import load_consultation

    dying = tmp_path / "02-area.ipynb"
    notebook = nbformat.read(notebooks.AREA_NOTEBOOK, as_version=4)
    cell = nbformat.v4.new_code_cell('if area == "culture":\n    import os\n    os._exit(1)')
    cell["id"] = "the-kernel-exits"
    notebook.cells.insert(2, cell)
    nbformat.write(notebook, dying)
    monkeypatch.setattr(notebooks, "AREA_NOTEBOOK", dying)
    out = tmp_path / "reports"
    options = BuildOptions(
        meetings=MEETINGS, register=REGISTER, out=out, areas=["culture", "seniors"], jobs=1
    )
    consultation = load_consultation(MEETINGS, REGISTER)
    with runner.Session(options) as session:
        results = runner.build(options, consultation, session).results
    assert [(r.name, r.status) for r in results] == [
        ("overview", "built"),
        ("area-culture", "failed"),
        ("area-seniors", "built"),
    ]
    assert "DeadKernelError" in results[1].error
    assert (out / "area-seniors.html").is_file() and not (out / "area-culture.html").exists()
    # the dead kernel's notebook is kept as far as it ran: the cells before the exit
    # have their outputs, the exit's cell and those after it none
    kept = nbformat.read(out / "notebooks" / "area-culture.failed.ipynb", as_version=4)
    assert results[1].failed_notebook == out / "notebooks" / "area-culture.failed.ipynb"
    exit_at = [c.get("id") for c in kept.cells].index("the-kernel-exits")
    ran = [c for c in kept.cells[:exit_at] if c.cell_type == "code" and c.execution_count]
    assert ran, "the cells before the exit ran"
    assert all(not c.get("outputs") for c in kept.cells[exit_at:] if c.cell_type == "code")
    assert not (out / "notebooks" / "area-seniors.failed.ipynb").exists()


def test_a_kernel_that_never_answers_leaves_no_client_channel_open(monkeypatch):
    """``kernel.warm_client`` on a kernel that does not answer in time: the error is
    passed on, the client's channels are stopped, and no client is kept for the next
    report (which starts afresh)."""
    from analysis.build import kernel

    class Client:
        started = stopped = False

        def start_channels(self):
            self.started = True

        def stop_channels(self):
            self.stopped = True

        async def wait_for_ready(self, timeout):
            raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")

    client = Client()
    manager = type("Manager", (), {"client": lambda self: client})()
    monkeypatch.setattr(kernel, "warm_kernel", lambda: manager)
    monkeypatch.setattr(kernel, "_CLIENT", None)
    with pytest.raises(RuntimeError, match="didn't respond in 5 seconds"):
        kernel.warm_client(timeout=5)
    assert client.started and client.stopped
    assert kernel._CLIENT is None
