"""The command line as staff meet it: summaries, exit codes, raw files left alone."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys

import pytest

from analysis import config
from analysis.cli import build_parser, main

HEADER = "meeting_id,participant_id,organisation_id\n"


def _register(tmp_path, body):
    path = tmp_path / "r.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _validate(fixture_dir, register, tmp_path):
    return main(
        [
            "validate",
            "--register",
            str(register),
            "--meetings",
            str(fixture_dir / "meetings.csv"),
            "--processed-dir",
            str(tmp_path / "processed"),
        ]
    )


def test_validate_exits_0_when_nothing_is_rejected(fixture_dir, tmp_path, capsys):
    register = _register(tmp_path, "m1-culture,P1,O1\nm1-culture,P1,O1\n")
    assert _validate(fixture_dir, register, tmp_path) == 0
    out = capsys.readouterr().out
    assert "  rows read: 2\n  accepted: 2\n  rejected: 0\n  duplicates (counted once): 1" in out
    assert "line 3: duplicate of line 2" in out


def test_validate_exits_1_and_lists_rejected_rows(fixture_dir, tmp_path, capsys):
    register = _register(tmp_path, "m1-culture,P1,O1\nm7,P2,O1\nm1-culture,,O1\n")
    assert _validate(fixture_dir, register, tmp_path) == 1
    out = capsys.readouterr().out
    assert "  rejected: 2\n    missing value: 1\n    unknown meeting_id: 1\n" in out
    assert f"{register}: line 3: column 'meeting_id' value 'm7': unknown meeting_id" in out
    rejects = (tmp_path / "processed" / "rejected-rows.csv").read_text(encoding="utf-8")
    assert rejects.count("\n") == 3  # header + two rows


def test_validate_lists_the_first_twenty_problems_and_counts_the_rest(
    fixture_dir, tmp_path, capsys
):
    # 15 rejected rows (lines 2-16), then 12 repeats of the pair on line 17 (lines 18-29)
    body = "m7,P1,O1\n" * 15 + "m1-culture,P1,O1\n" * 13
    assert _validate(fixture_dir, _register(tmp_path, body), tmp_path) == 1
    out = capsys.readouterr().out.splitlines()
    listed = [line for line in out if ": line " in line]
    assert len(listed) == 20
    assert listed[0].endswith(": line 2: column 'meeting_id' value 'm7': unknown meeting_id")
    assert listed[14].endswith(": line 16: column 'meeting_id' value 'm7': unknown meeting_id")
    assert listed[15].endswith(
        ": line 18: duplicate of line 17 (participant 'P1', meeting 'm1-culture'); counted once"
    )
    assert listed[19].endswith(
        ": line 22: duplicate of line 17 (participant 'P1', meeting 'm1-culture'); counted once"
    )
    assert "... and 7 more (see the rejects file)" in out  # 15 + 12 problems, 20 listed


def test_validate_exits_2_on_unusable_input(fixture_dir, tmp_path, capsys):
    assert _validate(fixture_dir, tmp_path / "missing.csv", tmp_path) == 2
    err = capsys.readouterr().err
    assert err == f"error: {tmp_path / 'missing.csv'}: file not found\n"


def test_validate_exits_2_on_missing_column(fixture_dir, tmp_path, capsys):
    path = tmp_path / "r.csv"
    path.write_text("meeting_id,participant_id\nm1-culture,P1\n", encoding="utf-8")
    assert _validate(fixture_dir, path, tmp_path) == 2
    assert "missing required column(s): organisation_id" in capsys.readouterr().err


def test_build_strict_fails_on_any_rejection(fixture_dir, tmp_path, capsys):
    register = _register(tmp_path, "m1-culture,P1,O1\nm7,P2,O1\n")
    code = main(
        [
            "build",
            "--strict",
            "--register",
            str(register),
            "--meetings",
            str(fixture_dir / "meetings.csv"),
            "--processed-dir",
            str(tmp_path / "p"),
            "--out",
            str(tmp_path / "reports"),
        ]
    )
    assert code == 1
    assert "--strict: 1 rejected row(s)" in capsys.readouterr().err


def _digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.slow  # a new interpreter: the command exactly as staff type it
def test_python_m_analysis_validate_leaves_raw_files_byte_identical(tmp_path):
    before = _digests(config.RAW_DIR)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "analysis",
            "validate",
            "--register",
            str(config.DEFAULT_REGISTER_PATH),
            "--processed-dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    assert result.returncode == 0, result.stderr
    assert "register: " in result.stdout and "(synthetic)" in result.stdout
    assert "  rows read: " in result.stdout
    assert _digests(config.RAW_DIR) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".analysis-output",  # the folder is this program's now (#26)
        "attendance.csv",
        "duplicates.csv",
        "left-out-meetings.csv",
        "meetings.csv",
        "rejected-rows.csv",
    ]


# --------------------------------------------------------------------------- no silent pairing


def _settled(*argv):
    from analysis.cli.arguments import settle_register

    args = build_parser().parse_args(["build", *argv])
    return args, settle_register(args)


def test_the_demo_register_goes_with_the_shipped_meetings_only(tmp_path):
    args, note = _settled()
    assert (args.register, note) == (config.DEFAULT_REGISTER_PATH, None)
    args, note = _settled("--meetings", str(config.DEFAULT_MEETINGS_PATH))
    assert args.register == config.DEFAULT_REGISTER_PATH
    args, note = _settled("--meetings", str(tmp_path / "sheet.xlsx"))
    assert args.register is None
    assert note == (
        "register: none given, so the figures come from the meetings table's own counts "
        "(--register PATH adds an attendance register)"
    )
    args, note = _settled("--meetings", str(tmp_path / "sheet.xlsx"), "--register", "r.csv")
    assert (str(args.register), note) == ("r.csv", None)
    args, note = _settled("--register", "none")
    assert (args.register, note) == (None, None)


def _build(fixture_dir, tmp_path, *extra):
    return main(
        [
            "build",
            "--meetings",
            str(fixture_dir / "meetings.csv"),
            "--out",
            str(tmp_path / "reports"),
            "--processed-dir",
            str(tmp_path / "processed"),
            "--jobs",
            "1",
            *extra,
        ]
    )


def test_a_register_none_of_whose_meetings_exist_stops_the_build(fixture_dir, tmp_path, capsys):
    register = _register(tmp_path, "x-1,P1,O1\nx-2,P2,O1\nm9,P3,O2\n")
    assert _build(fixture_dir, tmp_path, "--register", str(register)) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1] == (
        f"error: {register}: none of the register's 3 rows can be used: its meeting ids "
        f"match none of the meetings of {fixture_dir / 'meetings.csv'}; nothing built"
    )
    assert not (tmp_path / "reports" / "index.html").exists()


def test_a_register_of_rows_all_rejected_for_any_reason_stops_the_build(
    fixture_dir, tmp_path, capsys
):
    register = _register(tmp_path, "m1-culture,,O1\nm2-seniors,,O1\nx,P1,O1\n")
    assert _build(fixture_dir, tmp_path, "--register", str(register)) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: {register}: none of the register's 3 rows can be used: every row was "
        "rejected (most often: missing value); nothing built"
    )


def test_a_register_with_no_rows_stops_the_build(fixture_dir, tmp_path, capsys):
    register = _register(tmp_path, "")
    assert _build(fixture_dir, tmp_path, "--register", str(register), "--strict") == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"error: {register}: the register has no rows; nothing built"
    )


def test_a_ctrl_c_while_python_imports_the_command_line_is_one_line_and_exit_130(
    monkeypatch, capsys
):
    """``python -m analysis`` interrupted inside ``from analysis.cli import main`` (the
    moment no handler of ours is installed yet): exit 130 and one line, no traceback."""
    import runpy
    import types

    class Interrupting(types.ModuleType):
        def __getattr__(self, name):
            raise KeyboardInterrupt

    monkeypatch.setitem(sys.modules, "analysis.cli", Interrupting("analysis.cli"))
    monkeypatch.delitem(sys.modules, "analysis.__main__", raising=False)
    with pytest.raises(SystemExit) as stopped:
        runpy.run_module("analysis", run_name="__main__")
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "interrupted (SIGINT) while starting: nothing was changed\n"
