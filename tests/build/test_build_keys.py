"""Skip-unchanged, without a kernel: which reports a build runs after an edit.

A first plan is "built" by hand (each report's files written and listed in a manifest
with the key it was planned under); after one change, :func:`manifest.to_run` must
name exactly the reports that change affects. Nothing here starts a kernel or runs a
notebook: planning only reads the notebooks' parameters.

tests/data/meetings-small.csv has areas culture, seniors, premises, general, so a full
plan is overview + 4 area reports.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys

import nbformat
import pytest

from analysis import files
from analysis.build import keys, manifest, plan
from analysis.build import options as notebooks
from analysis.build.options import BuildOptions
from analysis.cli import main
from analysis.consultation import load_consultation
from analysis.errors import ParameterError
from tests.conftest import TEST_DATA, same_code_env

MEETINGS = TEST_DATA / "meetings-small.csv"
REGISTER = TEST_DATA / "register-small.csv"
ALL = ["overview", "area-culture", "area-seniors", "area-premises", "area-general"]
AREAS = ALL[1:]


@pytest.fixture(scope="module")
def consultation():
    return load_consultation(MEETINGS, REGISTER)


def _options(out, **changes) -> BuildOptions:
    return BuildOptions(**{"meetings": MEETINGS, "register": REGISTER, "out": out, **changes})


def _pretend_built(out, jobs) -> dict:
    """Write each job's page and summary, and the manifest a good build would leave."""
    out.mkdir(parents=True, exist_ok=True)
    reports = {}
    for job in jobs:
        files = [out / f"{job.name}.html", out / f"{job.name}.json"]
        for file in files:
            file.write_text(f"{job.name}\n", encoding="utf-8")
        outputs = manifest.fingerprint(out, files)
        reports[job.name] = {"key": job.key, "status": "built", "outputs": outputs}
    (out / manifest.NAME).write_text(json.dumps({"reports": reports}), encoding="utf-8")
    return manifest.read(out)[0]


def _rerun(tmp_path, consultation, before=None, after=None, data=None):
    """The reports to run after a change, given a build with ``before`` options."""
    out = tmp_path / "reports"
    previous = _pretend_built(out, plan.plan(_options(out, **(before or {})), consultation))
    changed = _options(out, **{**(before or {}), **(after or {})})
    jobs = plan.plan(changed, data or consultation)
    return [job.name for job in manifest.to_run(jobs, out, previous, changed.force)]


def test_nothing_changed_nothing_runs(tmp_path, consultation):
    assert _rerun(tmp_path, consultation) == []


def test_force_runs_everything(tmp_path, consultation):
    assert _rerun(tmp_path, consultation, after={"force": True}) == ALL


def _edited_copy(notebook, tmp_path):
    copy = tmp_path / notebook.name
    book = nbformat.read(notebook, as_version=4)
    book.cells.append(nbformat.v4.new_markdown_cell("An edit."))
    nbformat.write(book, copy)
    return copy


def test_an_edited_area_notebook_reruns_the_area_reports_only(tmp_path, consultation, monkeypatch):
    out = tmp_path / "reports"
    previous = _pretend_built(out, plan.plan(_options(out), consultation))
    edited = _edited_copy(notebooks.AREA_NOTEBOOK, tmp_path)
    monkeypatch.setattr(notebooks, "AREA_NOTEBOOK", edited)
    jobs = plan.plan(_options(out), consultation)
    assert [job.name for job in manifest.to_run(jobs, out, previous)] == AREAS


def test_an_edited_overview_notebook_reruns_the_overview_only(tmp_path, consultation, monkeypatch):
    out = tmp_path / "reports"
    previous = _pretend_built(out, plan.plan(_options(out), consultation))
    monkeypatch.setattr(
        notebooks, "OVERVIEW_NOTEBOOK", _edited_copy(notebooks.OVERVIEW_NOTEBOOK, tmp_path)
    )
    jobs = plan.plan(_options(out), consultation)
    assert [job.name for job in manifest.to_run(jobs, out, previous)] == ["overview"]


def test_an_edited_input_reruns_every_report(tmp_path, consultation):
    register = tmp_path / "register.csv"
    shutil.copy(REGISTER, register)
    out = tmp_path / "reports"
    previous = _pretend_built(out, plan.plan(_options(out, register=register), consultation))
    with register.open("a", encoding="utf-8") as handle:
        handle.write("m4,P7,O5\n")  # one more person at the general meeting
    changed = load_consultation(MEETINGS, register)
    jobs = plan.plan(_options(out, register=register), changed)
    assert [job.name for job in manifest.to_run(jobs, out, previous)] == ALL


def test_asking_for_pdfs_or_no_longer_reruns_every_report(tmp_path, consultation):
    """A report built without --pdf has no PDF: asked for one, it runs again (and one
    built with it runs again without, which removes its PDF)."""
    assert _rerun(tmp_path / "on", consultation, after={"pdf": True}) == ALL
    assert _rerun(tmp_path / "off", consultation, before={"pdf": True}, after={"pdf": False}) == ALL
    assert _rerun(tmp_path / "same", consultation, before={"pdf": True}) == []


def test_a_new_language_reruns_every_report(tmp_path, consultation):
    assert _rerun(tmp_path, consultation, after={"lang": "en"}) == ALL


def test_one_more_area_reruns_the_overview_and_builds_that_area(tmp_path, consultation):
    # The overview's `areas` parameter changes; area-culture's parameters do not name
    # the other areas, so it stays; area-seniors is new.
    rerun = _rerun(
        tmp_path,
        consultation,
        before={"areas": ["culture"]},
        after={"areas": ["culture", "seniors"]},
    )
    assert rerun == ["overview", "area-seniors"]


def test_only_builds_the_named_reports_exactly_as_a_full_build_would(tmp_path, consultation):
    whole = plan.plan(_options(tmp_path), consultation)
    some = plan.plan(_options(tmp_path, only=["area-seniors", "overview"]), consultation)
    assert [job.name for job in some] == ["overview", "area-seniors"]  # in the plan's order
    # the same parameters and keys: the overview still covers every area
    by_name = {job.name: job for job in whole}
    for job in some:
        assert (job.parameters, job.key) == (by_name[job.name].parameters, by_name[job.name].key)
    # what a full build left stays unchanged under --only
    assert _rerun(tmp_path, consultation, after={"only": ["area-general"]}) == []


def test_only_names_a_report_that_does_not_exist(tmp_path, consultation):
    with pytest.raises(ParameterError, match=r"--only: no report named area-sports .*known: "):
        plan.plan(_options(tmp_path, only=["area-sports"]), consultation)
    with pytest.raises(ParameterError, match="no report named area-culture"):  # not selected
        plan.plan(_options(tmp_path, areas=["seniors"], only=["area-culture"]), consultation)


def test_changed_package_code_reruns_every_report(tmp_path, consultation, monkeypatch):
    package = tmp_path / "package"
    package.mkdir()
    (package / "views.py").write_text("HEADING = 'Przegląd'\n", encoding="utf-8")
    monkeypatch.setattr(files, "PACKAGE_DIR", package)
    out = tmp_path / "reports"
    previous = _pretend_built(out, plan.plan(_options(out), consultation))
    (package / "views.py").write_text("HEADING = 'Overview'\n", encoding="utf-8")
    jobs = plan.plan(_options(out), consultation)
    assert [job.name for job in manifest.to_run(jobs, out, previous)] == ALL


def test_a_new_library_version_reruns_every_report(tmp_path, consultation, monkeypatch):
    out = tmp_path / "reports"
    previous = _pretend_built(out, plan.plan(_options(out), consultation))
    real = keys.package_version
    monkeypatch.setattr(
        keys, "package_version", lambda name: "99.0" if name == "matplotlib" else real(name)
    )
    jobs = plan.plan(_options(out), consultation)
    assert [job.name for job in manifest.to_run(jobs, out, previous)] == ALL


def test_an_output_changed_by_hand_reruns_its_report_only(tmp_path, consultation):
    out = tmp_path / "reports"
    jobs = plan.plan(_options(out), consultation)
    previous = _pretend_built(out, jobs)
    (out / "area-premises.json").write_text("edited\n", encoding="utf-8")
    assert [job.name for job in manifest.to_run(jobs, out, previous)] == ["area-premises"]


def test_a_failed_report_runs_again(tmp_path, consultation):
    out = tmp_path / "reports"
    jobs = plan.plan(_options(out), consultation)
    previous = _pretend_built(out, jobs)
    previous["reports"]["area-general"]["status"] = "failed"
    assert [job.name for job in manifest.to_run(jobs, out, previous)] == ["area-general"]


# --------------------------------------------------------------------------- one key function


def test_the_build_key_and_the_job_keys_see_the_same_inputs(tmp_path, consultation):
    register = tmp_path / "register.csv"
    shutil.copy(REGISTER, register)
    options = _options(tmp_path / "reports", register=register)
    build_before = keys.build_key(options)
    jobs_before = {j.name: j.key for j in plan.plan(options, consultation)}
    register.write_bytes(register.read_bytes() + b"m4,P7,O5\n")
    assert keys.build_key(options) != build_before
    jobs_after = {j.name: j.key for j in plan.plan(options, consultation)}
    assert all(jobs_after[name] != jobs_before[name] for name in ALL)


# --------------------------------------------------------------------------- the no-op path


def _no_op_ready(tmp_path):
    """A folder whose manifest says the CLI build below is exactly the last build."""
    out, processed = tmp_path / "reports", tmp_path / "processed"
    processed.mkdir()
    options = _options(out, areas=["seniors"])
    extra = {"processed_dir": str(processed.resolve()), "strict": False}
    jobs = [("overview", "built"), ("area-seniors", "unchanged")]
    out.mkdir()
    (out / "index.html").write_text("index\n", encoding="utf-8")
    reports = {}
    for name, status in jobs:
        page = out / f"{name}.html"
        page.write_text(name, encoding="utf-8")
        reports[name] = {"status": status, "outputs": manifest.fingerprint(out, [page])}
    record = {"build_key": keys.build_key(options, extra), "processed": [], "reports": reports}
    (out / manifest.NAME).write_text(json.dumps(record), encoding="utf-8")
    args = ["build", "--meetings", str(MEETINGS), "--register", str(REGISTER), "--out", str(out)]
    return [*args, "--processed-dir", str(processed), "--areas", "seniors"]


def test_the_no_op_path_does_not_load_the_data(tmp_path, monkeypatch, capsys):
    import analysis.consultation

    def refuse(*args, **kwargs):
        raise AssertionError("the no-op path loaded the data")

    monkeypatch.setattr(analysis.consultation, "load_consultation", refuse)
    assert main(_no_op_ready(tmp_path)) == 0
    printed = capsys.readouterr().out
    assert "(0 built, 2 unchanged, 0 failed)" in printed
    assert "= area-seniors" in printed


def _imported_after(code: str, watched: tuple[str, ...]) -> list[str]:
    """Which of ``watched`` a fresh interpreter has imported after running ``code``."""
    script = f"import sys\n{code}\nprint(sorted(m for m in {watched!r} if m in sys.modules))\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=same_code_env()
    )
    assert done.returncode == 0, done.stderr
    return ast.literal_eval(done.stdout.splitlines()[-1])


def test_the_no_op_path_imports_neither_pandas_nor_papermill(tmp_path):
    code = f"from analysis.cli import main\nassert main({_no_op_ready(tmp_path)!r}) == 0"
    assert _imported_after(code, ("pandas", "papermill", "nbformat")) == []


def test_the_workers_modules_import_neither_pandas_nor_matplotlib():
    """The fork server preloads what a worker runs; the reports' libraries load only in
    the kernels, so they are not imported a third time before any kernel starts."""
    from analysis.build.runner import PRELOAD

    code = f"import importlib\nfor name in {PRELOAD!r}: importlib.import_module(name)"
    assert _imported_after(code, ("pandas", "matplotlib", "seaborn")) == []


def test_a_notebook_that_is_not_json_is_one_line_and_a_watch_can_wait(tmp_path):
    """An editor's half-saved notebook during --watch: the plan's ParameterError, which
    the watch prints and then waits for the next edit (cli/watch.py), not a traceback."""
    broken = tmp_path / "01-overview.ipynb"
    broken.write_text('{"cells": [ {"cell_type": "code", "source": ', encoding="utf-8")
    plan.notebook_parameters.cache_clear()
    with pytest.raises(ParameterError) as error:
        plan.notebook_parameters(broken)
    message = str(error.value)
    assert message.startswith(f"{broken}: cannot read the notebook (")
    assert message.endswith("fix it, or restore it with git checkout -- 01-overview.ipynb")
    assert "\n" not in message
