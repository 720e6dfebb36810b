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


def test_every_kind_of_text_column_is_neutralised_and_nothing_else_changes():
    import pandas as pd

    ids = pd.Categorical(["=1+1", "P2", None, "=1+1"], categories=["P2", "=1+1", "@unused"])
    frame = pd.DataFrame(
        {
            "participant_id": ids,  # the register's ids are categorical
            "name": pd.array(["+48 12", None, "Fundacja", "\tTab"], dtype="str"),
            "mixed": pd.Series(["-3", -3, None, "@x"], dtype=object),
            "line": [2, 3, 4, 5],
        }
    )
    safe = files.neutralised(frame)
    assert safe["participant_id"].tolist()[:2] == ["'=1+1", "P2"]
    assert pd.isna(safe["participant_id"].tolist()[2])
    assert safe["participant_id"].tolist()[3] == "'=1+1"
    assert safe["name"].tolist()[0] == "'+48 12" and pd.isna(safe["name"].tolist()[1])
    assert safe["name"].tolist()[2:] == ["Fundacja", "'\tTab"]
    assert safe["mixed"].tolist()[:2] == ["'-3", -3] and safe["mixed"].tolist()[3] == "'@x"
    assert safe["line"].tolist() == [2, 3, 4, 5]
    assert frame["participant_id"].tolist()[0] == "=1+1"  # the caller's frame is left alone
    assert files.safe_csv_bytes(safe.iloc[:2]) == (
        "\ufeffparticipant_id,name,mixed,line\r\n'=1+1,'+48 12,'-3,2\r\nP2,,-3,3\r\n".encode()
    )


def test_processed_attendance_neutralises_the_registers_ids(tmp_path):
    from analysis.consultation import load_consultation, write_processed
    from tests.conftest import TEST_DATA

    register = tmp_path / "register.csv"
    register.write_text(
        "meeting_id,participant_id,organisation_id,organisation_name\n"
        "m1,=HYPERLINK(1),+48123,@Fundacja\n"
        "m1,P2,-O2,Stowarzyszenie\n",
        encoding="utf-8",
    )
    consultation = load_consultation(TEST_DATA / "meetings-small.csv", register)
    written = write_processed(consultation, tmp_path / "processed")
    assert written["attendance"].read_text(encoding="utf-8") == (
        "meeting_id,participant_id,organisation_id,organisation_name\n"
        "m1,'=HYPERLINK(1),'+48123,'@Fundacja\n"
        "m1,P2,'-O2,Stowarzyszenie\n"
    )


def test_a_category_that_would_collide_once_neutralised_still_reads_as_its_own_text():
    import pandas as pd

    # "=a" becomes "'=a", which is already a category: the column cannot stay categorical
    ids = pd.Categorical(["=a", "'=a", "b", None])
    safe = files.neutralised(pd.DataFrame({"id": ids, "n": [1, 2, 3, 4]}))
    assert safe["id"].tolist()[:3] == ["'=a", "'=a", "b"] and pd.isna(safe["id"].tolist()[3])
    kept = files.neutralised(pd.DataFrame({"id": pd.Categorical(["=a", "b", "=a"])}))
    assert kept["id"].dtype == "category"  # no collision: still one text per category
    assert kept["id"].tolist() == ["'=a", "b", "'=a"]


@pytest.mark.parametrize("start", files.FORMULA_STARTS)
def test_a_categorical_column_is_neutralised_for_every_formula_start(start):
    import pandas as pd

    ids = pd.Categorical(["P1", f"{start}x", "P1"])  # text categories, as the register's
    safe = files.neutralised(pd.DataFrame({"id": ids}))
    assert safe["id"].tolist() == ["P1", f"'{start}x", "P1"]
    plain = pd.DataFrame({"id": pd.Categorical(["P1", "x-", "P1"])})  # nothing to do
    assert files.neutralised(plain)["id"].tolist() == ["P1", "x-", "P1"]
