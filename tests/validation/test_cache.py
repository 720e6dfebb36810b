"""Validated tables kept between loads: reused when nothing changed, never trusted otherwise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from analysis.consultation import load_consultation
from analysis.validation import cache as validated_cache
from tests.conftest import TEST_DATA

MEETINGS = TEST_DATA / "meetings-small.csv"
# Line 4 repeats line 2's pair; line 5 names an unknown meeting; line 6 has no person.
REGISTER = (
    "id_spotkania;id_uczestnika;id_organizacji;nazwa_organizacji\n"
    "m1;P1;O1;Fundacja A\n"
    "m2;P1;O1;Fundacja A\n"
    "m1;P1;O1;Fundacja A\n"
    "m9;P2;O2;B\n"
    "m3;;O3;C\n"
)


@pytest.fixture
def sources(tmp_path):
    register = tmp_path / "register.csv"
    register.write_text(REGISTER, encoding="utf-8")
    meetings = tmp_path / "meetings.csv"
    shutil.copy(MEETINGS, meetings)
    return meetings, register, tmp_path / "cache"


def _entries(cache):
    return sorted(p.name for p in cache.iterdir() if p.is_dir()) if cache.exists() else []


def _same(a, b):
    """Two loads give equal tables, rejects, duplicates and sources."""
    pd.testing.assert_frame_equal(a.meetings, b.meetings)
    pd.testing.assert_frame_equal(a.attendance, b.attendance)
    pd.testing.assert_frame_equal(a.rejected, b.rejected)
    pd.testing.assert_frame_equal(a.duplicates, b.duplicates)
    assert [(s.role, s.path, s.sha256, s.synthetic) for s in a.sources] == [
        (s.role, s.path, s.sha256, s.synthetic) for s in b.sources
    ]
    assert {r: c.rows_read for r, c in a.checks.items()} == {
        r: c.rows_read for r, c in b.checks.items()
    }


def test_a_second_load_reads_the_stored_tables_and_gives_the_same(sources, monkeypatch):
    meetings, register, cache = sources
    fresh = load_consultation(meetings, register, cache_dir=cache)
    assert len(_entries(cache)) == 1
    # from now on, parsing a file would fail: the second load must not parse
    monkeypatch.setattr(
        "analysis.validation.loading.read_raw", lambda *a: pytest.fail("parsed again")
    )
    again = load_consultation(meetings, register, cache_dir=cache)
    _same(fresh, again)
    # worked out by hand from REGISTER: P1 at m1 and m2; line 4 repeats line 2
    assert again.attendance["participant_id"].astype(str).tolist() == ["P1", "P1"]
    assert again.duplicates[["line", "first_line"]].values.tolist() == [[4, 2]]
    assert again.rejected[["line", "reason"]].values.tolist() == [
        [5, "unknown meeting_id"],
        [6, "missing value"],
    ]


def test_same_tables_with_and_without_the_cache(sources):
    meetings, register, cache = sources
    load_consultation(meetings, register, cache_dir=cache)
    _same(
        load_consultation(meetings, register, cache_dir=cache),
        load_consultation(meetings, register, cache_dir=None),
    )


def test_a_changed_register_is_read_again(sources):
    meetings, register, cache = sources
    load_consultation(meetings, register, cache_dir=cache)
    register.write_text(REGISTER + "m3;P7;O7;D\n", encoding="utf-8")
    changed = load_consultation(meetings, register, cache_dir=cache)
    assert "P7" in changed.attendance["participant_id"].astype(str).tolist()
    assert len(_entries(cache)) == 2


def test_a_changed_column_mapping_or_locale_is_a_new_key(sources):
    meetings, register, cache = sources
    load_consultation(meetings, register, cache_dir=cache)
    load_consultation(
        meetings, register, cache_dir=cache, register_columns={"meeting_id": "id_spotkania"}
    )
    load_consultation(meetings, register, cache_dir=cache, locale="es")
    assert len(_entries(cache)) == 3


def test_another_package_version_is_a_new_key(sources, monkeypatch):
    meetings, register, cache = sources
    load_consultation(meetings, register, cache_dir=cache)
    monkeypatch.setattr(validated_cache, "__version__", "999.0")
    load_consultation(meetings, register, cache_dir=cache)
    assert len(_entries(cache)) == 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "remove", "meta"])
def test_a_damaged_stored_file_is_not_trusted(sources, damage):
    meetings, register, cache = sources
    fresh = load_consultation(meetings, register, cache_dir=cache)
    (entry,) = [p for p in cache.iterdir() if p.is_dir()]
    target = entry / "register-table.arrow"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:100])
    elif damage == "flip":
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0xFF
        target.write_bytes(bytes(data))
    elif damage == "remove":
        target.unlink()
    else:
        (entry / "meta.json").write_text("{not json", encoding="utf-8")
    again = load_consultation(meetings, register, cache_dir=cache)
    _same(fresh, again)
    # the damaged folder was replaced by a good one, which a third load reads
    assert validated_cache.load(cache, entry.name) is not None


def test_an_unwritable_cache_folder_does_not_stop_a_load(sources):
    meetings, register, tmp = sources
    blocker = tmp.parent / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    loaded = load_consultation(meetings, register, cache_dir=blocker / "cache")
    assert loaded.attendance["participant_id"].astype(str).tolist() == ["P1", "P1"]


def test_a_missing_register_is_still_one_clear_error(sources):
    from analysis.errors import DataError

    meetings, register, cache = sources
    with pytest.raises(DataError, match="file not found"):
        load_consultation(meetings, register.with_name("nope.csv"), cache_dir=cache)


def test_every_kind_of_column_comes_back_as_it_was_stored(tmp_path):
    """The stored files keep each column's type and values: text with blanks,
    categoricals (in their own order, with a missing value), whole numbers with a gap,
    dates, flags, an empty table of objects; a column name that is not text comes back
    as its text (the key the metadata records), not as a damaged folder."""
    from analysis.validation.schemas import Checked, no_duplicates

    table = pd.DataFrame(
        {
            "meeting_id": pd.Categorical(["m2", "m1", None], categories=["m2", "m1"]),
            "title": pd.array(["Debata", "", None], dtype="str"),
            "count": pd.array([3, None, 1], dtype="Int64"),
            "date": pd.to_datetime(["2018-05-25", "2018-07-04", "2018-06-01"]),
            "synthetic": [True, False, True],
            7: ["a", "b", "c"],  # a name that is not text
        },
        index=[5, 6, 7],  # a filtered frame's index
    )
    rejected = pd.DataFrame({"file": ["r.csv"], "line": [4], "reason": ["missing value"]})
    checked = Checked(table, rejected, no_duplicates(), 4, tmp_path / "r.csv")
    numbered = pd.DataFrame({0: ["x"], 1: [2]})  # only names that are not text
    other = Checked(numbered, rejected, no_duplicates(), 1, tmp_path / "o.csv")
    checks = {"meetings": checked, "organisations": other}
    parts = {"checks": checks, "sources": [], "announced": None, "subject": None}
    validated_cache.store(tmp_path / "cache", "k1", parts)
    loaded = validated_cache.load(tmp_path / "cache", "k1")
    assert loaded is not None, "a stored folder is read back, not taken for damaged"
    back = loaded["checks"]["meetings"]
    expected = table.reset_index(drop=True).rename(columns=str)
    pd.testing.assert_frame_equal(back.table, expected)
    pd.testing.assert_frame_equal(back.rejected, rejected)
    assert back.duplicates.empty
    assert list(back.duplicates.columns) == list(no_duplicates().columns)
    assert (back.rows_read, back.source) == (4, tmp_path / "r.csv")
    numbered_back = loaded["checks"]["organisations"].table
    pd.testing.assert_frame_equal(numbered_back, numbered.rename(columns=str))


def test_a_relative_and_an_absolute_path_share_the_stored_tables(sources, monkeypatch):
    """The build's process names a file relative to where staff typed the command, each
    report's kernel by its full path: both must find the same checked tables."""
    meetings, register, cache = sources
    monkeypatch.chdir(meetings.parent)
    relative = load_consultation(meetings.name, register.name, cache_dir=cache)
    monkeypatch.setattr(
        "analysis.validation.loading.read_raw", lambda *a: pytest.fail("parsed again")
    )
    absolute = load_consultation(meetings.resolve(), register.resolve(), cache_dir=cache)
    assert len(_entries(cache)) == 1
    # each load names its sources as it was given them
    assert [s.path for s in relative.sources] == [Path("meetings.csv"), Path("register.csv")]
    assert [s.path for s in absolute.sources] == [meetings.resolve(), register.resolve()]
