"""analysis.files: atomic writes, checksums and the console's paths."""

from __future__ import annotations

import hashlib
import os
import stat

import pytest

from analysis import files


def test_text_is_written_as_utf8_in_place_of_the_old_file_leaving_no_temporary(tmp_path):
    target = tmp_path / "new" / "index.html"  # the folder does not exist yet
    assert files.atomic_write_text(target, "old") == target
    assert files.atomic_write_text(target, "Zażółć\r\n") == target
    assert target.read_bytes() == "Zażółć\r\n".encode()  # no newline translation
    assert stat.S_IMODE(target.stat().st_mode) == 0o644  # readable by the web server
    assert sorted(p.name for p in target.parent.iterdir()) == ["index.html"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    files.atomic_write_text(target, "good")

    def broken(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        files.atomic_write_bytes(target, b"half")
    assert target.read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_sha256_of_reads_the_whole_file(tmp_path):
    data = os.urandom(3 * (1 << 20) + 7)  # more than one block of 1 MiB
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    assert files.sha256_of(path) == hashlib.sha256(data).hexdigest()


def test_shown_is_relative_below_the_current_folder_and_absolute_elsewhere(tmp_path, monkeypatch):
    inside = tmp_path / "reports" / "index.html"
    monkeypatch.chdir(tmp_path)
    assert files.shown(inside) == os.path.join("reports", "index.html")
    elsewhere = tmp_path.parent / "other.csv"
    assert files.shown(elsewhere) == str(elsewhere)
