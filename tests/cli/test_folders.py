"""Never destroy a user's file (#26): ``build`` and ``validate`` write only into folders
that are new, empty or this program's, never into one holding an input or the raw data,
and a refusal is one line, exit 2, with nothing written (not even the marker or lock)."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from analysis import config
from analysis.cli import main
from analysis.cli.folders import MARKER, PROCESSED_FILES
from tests.conftest import TEST_DATA

MEETINGS = TEST_DATA / "meetings-small.csv"
REGISTER = TEST_DATA / "register-small.csv"
MINE = b"<!doctype html><p>the office's own page, kept by hand</p>\n"


def _listing(*folders: Path) -> dict[str, str]:
    """Every file and folder under ``folders``, with each file's SHA-256."""
    found = {}
    for folder in folders:
        if not folder.exists():
            continue
        for path in sorted(folder.rglob("*")):
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
            found[str(path)] = digest
    return found


def _validate(processed: Path, *extra: str, register: Path = REGISTER) -> int:
    return main(
        ["validate", "--meetings", str(MEETINGS), "--register", str(register)]
        + ["--processed-dir", str(processed), *extra]
    )


def _build(out: Path, processed: Path, *extra: str, meetings: Path = MEETINGS) -> list[str]:
    return [
        "build",
        "--meetings",
        str(meetings),
        "--register",
        str(REGISTER),
        "--out",
        str(out),
        "--processed-dir",
        str(processed),
        "--jobs",
        "1",
        *extra,
    ]


def _one_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """The checked-table cache in this test's own folder, to see what is written there."""
    folder = tmp_path / "cache"
    monkeypatch.setattr(config, "VALIDATED_DIR", folder)
    return folder


# --------------------------------------------------------------------------- refusals


def test_validate_never_writes_into_a_folder_holding_a_users_file(tmp_path, cache, capsys):
    """The probe's ``validate --processed-dir data/raw``: a folder of the user's own
    tables (a meetings.csv among them) is refused, not written over."""
    folder = tmp_path / "my-tables"
    folder.mkdir()
    (folder / "meetings.csv").write_bytes(b"the office's own meetings\n")
    (folder / "notes.txt").write_bytes(b"mine\n")
    before = _listing(folder, cache)
    assert _validate(folder) == 2
    line = _one_line(capsys)
    assert str(folder) in line and "'meetings.csv'" in line and "--processed-dir" in line
    assert _listing(folder, cache) == before


def test_validate_never_writes_into_the_raw_data_folder(tmp_path, cache, monkeypatch, capsys):
    raw = tmp_path / "data" / "raw"
    shutil.copytree(TEST_DATA, raw, ignore=shutil.ignore_patterns("sources"))
    monkeypatch.setattr(config, "RAW_DIR", raw)
    before = _listing(raw, cache)
    assert _validate(raw, register=raw / "register-small.csv") == 2
    line = _one_line(capsys)
    assert str(raw) in line and "raw data folder" in line
    assert _listing(raw, cache) == before


@pytest.mark.parametrize(
    "name, content",
    [
        ("index.html", MINE),
        ("overview.html", MINE),
        ("manifest.json", b'{"name": "the office\'s own app", "version": 3}\n'),
    ],
)
def test_build_never_replaces_a_users_page_in_out(tmp_path, cache, capsys, name, content):
    out, processed = tmp_path / "site", tmp_path / "processed"
    out.mkdir()
    (out / name).write_bytes(content)
    before = _listing(tmp_path)
    assert main(_build(out, processed, "--only", "overview")) == 2
    line = _one_line(capsys)
    assert line.startswith(f"error: {out}: holds {name!r}") and "--out" in line
    assert (out / name).read_bytes() == content
    assert _listing(tmp_path) == before  # no marker, no lock, no processed tables, no cache


def test_an_input_inside_out_is_refused_before_anything_is_written(tmp_path, cache, capsys):
    """The probe's ``build --out R`` with its input at ``R/tables/...``: refused, even in
    a folder this program marked, and nothing is written."""
    out = tmp_path / "R"
    (out / "tables").mkdir(parents=True)
    (out / MARKER).write_text("marked\n", encoding="utf-8")
    meetings = out / "tables" / "meetings-small.csv"
    shutil.copy(MEETINGS, meetings)
    before = _listing(tmp_path)
    assert main(_build(out, tmp_path / "processed", meetings=meetings)) == 2
    line = _one_line(capsys)
    assert f"{out}: holds the input {meetings}" in line and "--out" in line
    assert _listing(tmp_path) == before


def test_an_input_inside_the_processed_folder_is_refused(tmp_path, cache, capsys):
    processed = tmp_path / "processed"
    processed.mkdir()
    register = processed / "register.csv"
    shutil.copy(REGISTER, register)
    before = _listing(tmp_path)
    assert _validate(processed, register=register) == 2
    assert f"holds the input {register}" in _one_line(capsys)
    assert _listing(tmp_path) == before


def test_build_out_data_raw_is_refused(tmp_path, cache, monkeypatch, capsys):
    """The probe's ``build --out data/raw`` wrote 24 reports among the raw sources."""
    raw = tmp_path / "data" / "raw"
    raw.mkdir(parents=True)
    (raw / "README.md").write_text("sources as received\n", encoding="utf-8")
    monkeypatch.setattr(config, "RAW_DIR", raw)
    before = _listing(tmp_path)
    assert main(_build(raw, tmp_path / "processed")) == 2
    line = _one_line(capsys)
    assert line.startswith(f"error: {raw}: the raw data folder") and "--out" in line
    assert _listing(tmp_path) == before


def test_a_cache_folder_of_the_users_is_refused(tmp_path, monkeypatch, capsys):
    """``ANALYSIS_VALIDATED_DIR`` naming a folder with the user's own folders in it: the
    cache removes old folders there, so it is refused like any other output folder."""
    folder = tmp_path / "my-folder"
    (folder / "photos").mkdir(parents=True)
    (folder / "photos" / "a.jpg").write_bytes(b"\xff\xd8")
    monkeypatch.setattr(config, "VALIDATED_DIR", folder)
    before = _listing(tmp_path)
    assert _validate(tmp_path / "processed") == 2
    line = _one_line(capsys)
    assert f"{folder}: holds 'photos'" in line and "ANALYSIS_VALIDATED_DIR" in line
    assert _listing(tmp_path) == before


def test_the_projects_reports_folder_with_pages_but_no_manifest_is_refused_with_a_way_out(
    tmp_path, cache, monkeypatch, capsys
):
    """Pages and no manifest is what an interrupted build left before #26, and also what a
    user's own site looks like: refused, and for the project's own ``reports/`` the line
    says how to go on."""
    out = tmp_path / "reports"
    out.mkdir()
    (out / "overview.html").write_bytes(MINE)
    monkeypatch.setattr(config, "REPORTS_DIR", out)
    before = _listing(tmp_path)
    assert main(_build(out, tmp_path / "processed")) == 2
    line = _one_line(capsys)
    assert f"{out}: holds 'overview.html'" in line and line.endswith("(make clean)")
    assert _listing(tmp_path) == before


def test_a_refused_raw_source_stops_before_any_processed_file_is_written(tmp_path):
    """Below the command's checks too: ``write_tables`` refuses before its first file."""
    import pandas as pd

    from analysis.errors import DataError
    from analysis.validation.processed import write_tables

    source = tmp_path / "attendance.csv"
    source.write_bytes(b"the register as received\n")
    tables = {name: pd.DataFrame({"a": [1]}) for name in ("meetings", "rejected-rows")}
    tables["attendance"] = pd.DataFrame({"a": [1]})
    with pytest.raises(DataError, match="refusing to overwrite a raw source"):
        write_tables(tables, tmp_path, [source])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["attendance.csv"]
    assert source.read_bytes() == b"the register as received\n"


# --------------------------------------------------------------------------- accepted


def test_validate_marks_a_new_folder_and_writes_only_its_own_files(tmp_path, cache, capsys):
    processed = tmp_path / "new" / "processed"
    assert _validate(processed) == 0
    names = {p.name for p in processed.iterdir()}
    assert MARKER in names and "meetings.csv" in names
    assert names - {MARKER} <= PROCESSED_FILES  # what the ownership check knows as ours
    assert (processed / MARKER).read_text(encoding="utf-8").count("\n") == 1
    assert (cache / MARKER).is_file()
    # marked now: the next run writes there again, whatever else it holds
    (processed / "notes.txt").write_text("added later\n", encoding="utf-8")
    assert _validate(processed) == 0


def test_validate_takes_a_processed_folder_from_before_the_marker_as_its_own(
    tmp_path, cache, capsys
):
    """``data/processed/`` of an existing checkout (tables of earlier runs) or of a fresh
    clone (the committed README.md alone) is this program's: written, and marked."""
    checkout, clone = tmp_path / "checkout", tmp_path / "clone"
    (checkout / "validated").mkdir(parents=True)
    for name in ("meetings.csv", "rejected-rows.csv", "duplicates.csv", "README.md"):
        (checkout / name).write_text("earlier\n", encoding="utf-8")
    clone.mkdir()
    shutil.copy(config.PROCESSED_DIR / "README.md", clone / "README.md")
    for folder in (checkout, clone):
        assert _validate(folder) == 0
        assert (folder / MARKER).is_file()
        assert (folder / "README.md").read_text(encoding="utf-8") != ""
        assert (folder / "meetings.csv").read_text(encoding="utf-8") != "earlier\n"


def test_an_empty_out_folder_is_taken_and_marked(tmp_path, cache, capsys, monkeypatch):
    """An empty folder passes the checks and is marked before the build takes it (the
    build itself is stopped there, to keep this test fast)."""
    from analysis.build import runner
    from analysis.errors import DataError

    def stop_here(options):
        raise DataError("stopped where the build takes the folder")

    monkeypatch.setattr(runner, "start_fork_server", lambda: None)
    monkeypatch.setattr(runner, "Session", stop_here)
    out = tmp_path / "empty"
    out.mkdir()
    assert main(_build(out, tmp_path / "processed", "--only", "overview")) == 2
    assert "stopped where the build takes the folder" in _one_line(capsys)
    assert [p.name for p in out.iterdir()] == [MARKER]
    assert (tmp_path / "processed" / MARKER).is_file() and (cache / MARKER).is_file()


@pytest.mark.slow
def test_a_new_folder_is_built_marked_and_rebuilt(tmp_path, cache, capsys):
    out, processed = tmp_path / "reports", tmp_path / "processed"
    args = _build(out, processed, "--only", "overview", "--areas", "culture")
    assert main(args) == 0
    assert (out / MARKER).is_file() and (processed / MARKER).is_file()
    assert (out / "index.html").is_file()
    # marked and not empty: rebuilt normally, the user's stray file left alone
    (out / "notes.txt").write_bytes(b"mine\n")
    assert main([*args, "--force"]) == 0
    assert "(1 built, 0 unchanged, 0 failed)" in capsys.readouterr().out
    assert (out / "notes.txt").read_bytes() == b"mine\n"


@pytest.mark.slow
def test_a_reports_folder_built_before_the_marker_is_taken_as_ours(tmp_path, cache, capsys):
    """``reports/`` of an existing checkout: a manifest of this program's builds and no
    marker. ``make reports`` goes on working there, and marks it."""
    out, processed = tmp_path / "reports", tmp_path / "processed"
    args = _build(out, processed, "--only", "overview", "--areas", "culture")
    assert main(args) == 0
    (out / MARKER).unlink()
    (processed / MARKER).unlink()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reports"]["overview"]["status"] == "built"
    assert main(args) == 0  # the no-op path: nothing written, not even the marker
    assert not (out / MARKER).exists()
    assert main([*args, "--lang", "en"]) == 0
    assert (out / MARKER).is_file() and (processed / MARKER).is_file()
