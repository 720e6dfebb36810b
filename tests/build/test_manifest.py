"""The build's manifest as it lands on disk: what each report was built from and wrote.

Fast: no kernel, no data. Each test writes a manifest through
:func:`analysis.build.manifest.write` for results made by hand, reads the file back as
JSON and compares it with the record ``docs/data-contract.md`` (§ 8, Outputs) describes,
worked out by hand.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analysis import config
from analysis.build import manifest
from analysis.build.options import BuildOptions, Job, JobResult
from analysis.consultation import Source

AREA = config.NOTEBOOKS_DIR / "02-area.ipynb"


def _job(name: str, key: str, notebook: Path = AREA) -> Job:
    return Job(name, notebook, {"area": name, "lang": "pl"}, key=key)


def _write(out: Path, to_run, results, previous=None, key="build-key", **options) -> dict:
    sources = [
        Source("meetings", Path("/data/m.csv"), "aa" * 32),
        Source("register", Path("/data/r.csv"), "bb" * 32, synthetic=True),
    ]
    manifest.write(
        out,
        to_run,
        results,
        previous or {},
        sources,
        BuildOptions(out=out, **options),
        {"pandas": "9.9"},
        key,
        [Path("/p/meetings.parquet")],
    )
    return json.loads((out / manifest.NAME).read_bytes().decode("utf-8"))


def _recent(stamp: str) -> bool:
    """An ISO time in UTC, written in the last minute, to the second."""
    when = dt.datetime.fromisoformat(stamp)
    age = dt.datetime.now(dt.UTC) - when
    return when.utcoffset() == dt.timedelta(0) and when.microsecond == 0 and age.seconds < 60


def test_a_good_build_records_everything_the_next_build_compares(tmp_path):
    jobs = [_job("area-culture", "k1"), _job("area-seniors", "k2")]
    results = [
        JobResult("area-culture", "built", seconds=1.23456, outputs={"area-culture.html": "c"}),
        JobResult("area-seniors", "unchanged"),
    ]
    old = {"key": "k2", "status": "built", "seconds": 2.5, "built_at": "then"}
    previous = {"reports": {"area-seniors": {**old, "outputs": {"area-seniors.html": "s"}}}}
    record = _write(tmp_path, jobs, results, previous, lang="en", areas=["culture"], jobs=3)

    assert _recent(record.pop("generated_at"))
    culture = record["reports"]["area-culture"]
    assert _recent(culture.pop("built_at"))
    assert record == {
        "build_key": "build-key",
        "processed": ["/p/meetings.parquet"],
        "inputs": [
            {"role": "meetings", "path": "/data/m.csv", "sha256": "aa" * 32, "synthetic": False},
            {"role": "register", "path": "/data/r.csv", "sha256": "bb" * 32, "synthetic": True},
        ],
        "options": {
            "lang": "en",
            "meetings_columns": {},
            "register_columns": {},
            "locale": "",
            "remarks_columns": {},
            "remarks_outcomes": {},
            "areas": ["culture"],
            "start": "",
            "end": "",
            "title": "",
            "only": [],
            "pdf": False,
            "extra": {},
            "jobs": 3,
            "force": False,
        },
        "versions": {"pandas": "9.9"},
        "reports": {
            "area-culture": {
                "key": "k1",
                "status": "built",
                "notebook": "notebooks/02-area.ipynb",  # relative to the project
                "parameters": {"area": "area-culture", "lang": "pl"},
                "seconds": 1.235,  # rounded to the millisecond
                "outputs": {"area-culture.html": "c"},
            },
            # unchanged: its new key, its files, time and date from the last good build
            "area-seniors": {
                "key": "k2",
                "status": "unchanged",
                "notebook": "notebooks/02-area.ipynb",
                "parameters": {"area": "area-seniors", "lang": "pl"},
                "seconds": 2.5,
                "built_at": "then",
                "outputs": {"area-seniors.html": "s"},
            },
        },
    }
    raw = (tmp_path / manifest.NAME).read_bytes()
    assert raw.endswith(b"}\n") and b'\n  "build_key"' in raw  # indented by two, one line end


def test_a_failed_report_keeps_its_last_good_files_and_withholds_the_build_key(tmp_path):
    jobs = [_job("area-culture", "new-key")]
    results = [JobResult("area-culture", "failed", seconds=9.0, error="cell In [3]: boom")]
    old = {"key": "old-key", "seconds": 1.0, "built_at": "then", "outputs": {"a.html": "x"}}
    record = _write(tmp_path, jobs, results, {"reports": {"area-culture": old}})
    assert record["build_key"] is None  # a later build must not skip the failure
    entry = record["reports"]["area-culture"]
    assert entry["key"] == "old-key"  # the key of the files that are on disk
    assert entry["status"] == "failed"
    assert entry["error"] == "cell In [3]: boom"
    assert (entry["seconds"], entry["built_at"], entry["outputs"]) == (1.0, "then", {"a.html": "x"})


def test_a_cancelled_report_keeps_its_last_entry_or_has_none(tmp_path):
    jobs = [_job("area-culture", "k1"), _job("area-seniors", "k2")]
    results = [JobResult("area-culture", "cancelled"), JobResult("area-seniors", "cancelled")]
    old = {"key": "k0", "status": "built", "outputs": {"area-culture.html": "c"}, "x": 1}
    record = _write(tmp_path, jobs, results, {"reports": {"area-culture": old}})
    assert record["reports"] == {"area-culture": old}  # seniors was never built
    assert record["build_key"] is None


def test_the_only_failure_that_withholds_the_key_is_one_in_this_build(tmp_path):
    jobs = [_job("area-culture", "k1")]
    results = [JobResult("area-culture", "built", outputs={"a.html": "x"})]
    failed_before = {"reports": {"area-culture": {"status": "failed"}}}
    assert _write(tmp_path, jobs, results, failed_before)["build_key"] == "build-key"


def test_a_notebook_outside_the_project_is_recorded_by_its_full_path(tmp_path):
    elsewhere = tmp_path / "mine.ipynb"
    record = _write(tmp_path, [_job("overview", "k", elsewhere)], [JobResult("overview", "built")])
    assert record["reports"]["overview"]["notebook"] == str(elsewhere)


def test_the_manifest_is_utf8_with_its_text_as_written(tmp_path):
    jobs = [_job("area-kultura", "k")]
    results = [JobResult("area-kultura", "failed", error="Łódź: brak kolumny „data”")]
    _write(tmp_path, jobs, results, title="Konsultacje — Kraków")
    raw = (tmp_path / manifest.NAME).read_bytes()
    assert "Łódź: brak kolumny „data”".encode() in raw  # not \u-escaped
    assert "Konsultacje — Kraków".encode() in raw


@pytest.mark.parametrize(
    ("outputs", "kept"),
    [({"a.html": "same"}, True), ({"a.html": "other"}, False), ({}, False), (None, False)],
)
def test_intact_means_every_listed_file_is_there_as_written(tmp_path, outputs, kept):
    (tmp_path / "a.html").write_text("page", encoding="utf-8")
    digest = manifest.fingerprint(tmp_path, [tmp_path / "a.html"])["a.html"]
    if outputs and outputs["a.html"] == "same":
        outputs = {"a.html": digest}
    assert manifest.intact(tmp_path, {"outputs": outputs}) is kept


def test_a_listed_file_that_is_gone_is_not_intact(tmp_path):
    (tmp_path / "a.html").write_text("page", encoding="utf-8")
    listed = manifest.fingerprint(tmp_path, [tmp_path / "a.html"])
    (tmp_path / "a.html").unlink()
    (tmp_path / "a.html").mkdir()  # a folder by that name is not the file
    assert not manifest.intact(tmp_path, {"outputs": listed})


def test_a_cancelled_report_does_not_stop_the_ones_after_it_being_recorded(tmp_path):
    jobs = [_job("area-culture", "k1"), _job("area-seniors", "k2")]
    results = [JobResult("area-culture", "cancelled"), JobResult("area-seniors", "built")]
    record = _write(tmp_path, jobs, results)
    assert list(record["reports"]) == ["area-seniors"]
    assert record["reports"]["area-seniors"]["status"] == "built"


def test_a_parameter_json_cannot_hold_is_recorded_as_its_text(tmp_path):
    # --param takes any Python literal, a set or bytes among them
    jobs, results = [_job("overview", "k")], [JobResult("overview", "built")]
    record = _write(tmp_path, jobs, results, extra={"codes": {"x"}, "raw": b"y"})
    assert record["options"]["extra"] == {"codes": "{'x'}", "raw": "b'y'"}


def test_in_a_folder_never_built_every_report_runs(tmp_path):
    jobs = [_job("overview", "k1"), _job("area-culture", "k2")]
    previous, problem = manifest.read(tmp_path)
    assert (previous, problem) == ({}, None)
    assert manifest.to_run(jobs, tmp_path, previous) == jobs


def test_a_result_for_every_job_or_no_manifest(tmp_path):
    jobs = [_job("overview", "k1"), _job("area-culture", "k2")]
    with pytest.raises(ValueError, match="zip"):
        _write(tmp_path, jobs, [JobResult("overview", "built")])
    assert not (tmp_path / manifest.NAME).exists()
