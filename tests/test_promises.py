"""Fast checks of promises the build and the statistics make, with hand-worked answers.

No notebook runs and no kernel starts: ``build.plan.plan`` only inspects the notebooks'
parameters. tests/data/meetings-small.csv, in date order:

    m1 2020-03-02 culture | m2 2020-03-02 seniors | m3 2020-03-09 premises
    m5 2020-03-10 culture | m4 2020-03-16 general
"""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pandas as pd
import pytest

from analysis import files, metrics, views
from analysis.build import keys, plan
from analysis.build.index import IndexEntry, render_index
from analysis.build.manifest import unchanged_build
from analysis.build.options import BuildOptions
from analysis.catalogue.labels import Text
from analysis.consultation import load_consultation
from analysis.files import safe_csv_bytes
from analysis.sources.reading import read_table
from analysis.validation.schemas import check_register
from analysis.views.blocks import Section, Table
from analysis.views.render import render_section
from tests.conftest import TEST_DATA

MEETINGS = TEST_DATA / "meetings-small.csv"
REGISTER = TEST_DATA / "register-small.csv"


@pytest.fixture(scope="module")
def consultation():
    return load_consultation(MEETINGS, REGISTER)


def _options(**changes) -> BuildOptions:
    return BuildOptions(meetings=MEETINGS, register=REGISTER, **changes)


def _keys(consultation, **changes) -> dict[str, str]:
    return {job.name: job.key for job in plan.plan(_options(**changes), consultation)}


# --------------------------------------------------------------------------- 1. job keys


def test_job_key_changes_with_the_report_language(consultation):
    polish, english = _keys(consultation, lang="pl"), _keys(consultation, lang="en")
    assert polish.keys() == english.keys()
    for name in polish:
        assert polish[name] != english[name], name


def test_job_key_changes_with_the_period_and_is_stable_otherwise(consultation):
    plain = _keys(consultation)
    assert _keys(consultation) == plain  # same options, same keys
    later = _keys(consultation, start="2020-03-02")  # every meeting still chosen
    assert later.keys() == plain.keys()
    assert later["overview"] != plain["overview"]


def test_each_area_report_has_its_own_job_key(consultation):
    # Two area reports run the same notebook on the same inputs; only "area" differs.
    keys = _keys(consultation)
    assert len(set(keys.values())) == len(keys) == 5


# --------------------------------------------------------------------------- 2. date filter


def test_start_equal_to_a_meeting_date_keeps_that_meeting(consultation):
    # --start 2020-03-10 keeps m5 (03-10, culture) and m4 (03-16, general).
    names = [job.name for job in plan.plan(_options(start="2020-03-10"), consultation)]
    assert names == ["overview", "area-culture", "area-general"]


def test_end_equal_to_a_meeting_date_keeps_that_meeting(consultation):
    # --end 2020-03-09 keeps m1, m2 (03-02) and m3 (03-09, premises).
    names = [job.name for job in plan.plan(_options(end="2020-03-09"), consultation)]
    assert names == ["overview", "area-culture", "area-seniors", "area-premises"]


def test_start_and_end_on_one_day_plan_that_days_meetings(consultation):
    # Only m1 (culture) and m2 (seniors) are on 2020-03-02.
    options = _options(start="2020-03-02", end="2020-03-02")
    names = [job.name for job in plan.plan(options, consultation)]
    assert names == ["overview", "area-culture", "area-seniors"]


# --------------------------------------------------------------------------- 3. first meeting


def _small_tables():
    meetings = pd.read_csv(MEETINGS, dtype=str)
    meetings["date"] = pd.to_datetime(meetings["date"])
    return meetings, pd.read_csv(REGISTER, dtype=str)


def _per_meeting(result: pd.DataFrame, column: str) -> dict:
    return dict(zip(result["meeting_id"], result[column], strict=True))


def test_new_participants_follow_date_then_meeting_id_whatever_the_row_order():
    # By hand, meetings in (date, meeting_id) order; m1 and m2 share 2020-03-02, m1 first:
    #   m1: P1 P2 P3 (O1 O2)   -> new P1 P2 P3 = 3, new O1 O2 = 2
    #   m2: P1 P4 P5 (O1 O3)   -> new P4 P5 = 2,    new O3 = 1
    #   m3: P5 P1 P6 (O4 O1 O2)-> new P6 = 1,       new O4 = 1
    #   m5: P2 P6 (O1 O2)      -> 0, 0
    #   m4: nobody             -> 0, 0
    # Were m2 taken first, m2 would have 3 new people and m1 only 2.
    expected_people = {"m1": 3, "m2": 2, "m3": 1, "m5": 0, "m4": 0}
    expected_orgs = {"m1": 2, "m2": 1, "m3": 1, "m5": 0, "m4": 0}
    meetings, attendance = _small_tables()
    reversed_meetings = meetings.iloc[::-1].reset_index(drop=True)  # m5 m4 m3 m2 m1
    for table in (meetings, reversed_meetings):
        result = metrics.by_meeting(table, attendance)
        assert list(result["meeting_id"]) == ["m1", "m2", "m3", "m5", "m4"]
        assert _per_meeting(result, "new_participants") == expected_people
        assert _per_meeting(result, "new_organisations") == expected_orgs


def test_new_within_a_selection_of_unsorted_meetings():
    # Selecting 2020-03-02..2020-03-09 keeps m1, m2, m3; new people as above: 3, 2, 1.
    meetings, attendance = _small_tables()
    chosen, chosen_attendance = metrics.select(
        meetings.iloc[::-1], attendance, start="2020-03-02", end="2020-03-09"
    )
    result = metrics.by_meeting(chosen, chosen_attendance)
    assert _per_meeting(result, "new_participants") == {
        "m1": 3,
        "m2": 2,
        "m3": 1,
    }


# --------------------------------------------------------------------------- 4. synthetic


def _register_with_flags(path, flags):
    rows = [("m1", "P1", "O1"), ("m1", "P2", "O1"), ("m2", "P3", "O2")]
    lines = ["meeting_id,participant_id,organisation_id,synthetic"]
    lines += [",".join((*row, flag)) for row, flag in zip(rows, flags, strict=True)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_one_synthetic_row_marks_the_register_and_the_consultation(tmp_path):
    register = _register_with_flags(tmp_path / "r.csv", ["false", "true", ""])
    assert check_register(read_table(register), ["m1", "m2"]).synthetic is True
    assert load_consultation(MEETINGS, register).synthetic is True


def test_no_synthetic_row_leaves_the_consultation_unmarked(tmp_path):
    register = _register_with_flags(tmp_path / "r.csv", ["false", "no", ""])
    assert check_register(read_table(register), ["m1", "m2"]).synthetic is False
    assert load_consultation(MEETINGS, register).synthetic is False


# --------------------------------------------------------------------------- 5. escaping


def test_table_escapes_cells_and_caption():
    frame = pd.DataFrame({"name": ["<script>alert(1)</script>"], "n": [3]})
    columns = [views.Column("name", "organisation", "text"), views.Column("n", "rows")]
    # A caption with a value from the data (a hostile count text stands in for a name).
    caption = Text("folded_count", {"summary": 'Say "hi" & <b>', "count": 2})
    section = Section("section_meetings", [Table("t", caption, columns, frame)])
    page = render_section(section, "en", {}, "tables/overview-")
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The caption sits in an attribute too, so its quotes must be escaped.
    assert 'aria-label="Say &#34;hi&#34; &amp; &lt;b&gt; (2)"' in page
    assert "<caption>Say &#34;hi&#34; &amp; &lt;b&gt; (2)</caption>" in page


def test_index_escapes_the_consultation_title_and_entries():
    hostile = "<img src=x onerror=alert(1)>"
    entry = IndexEntry(heading=hostile, href="a.html", period="–", status="ok")
    page = render_index([entry], "en", hostile, synthetic=False)
    assert "<img" not in page
    assert page.count("&lt;img src=x onerror=alert(1)&gt;") == 2  # title and entry heading


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_a_spreadsheet_would_run_get_an_apostrophe(cell):
    frame = pd.DataFrame({"name": [cell, "Fundacja"], "n": [-3, 4]})
    data = safe_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    # Only the text cell is changed; the negative number stays a number.
    assert rows == [["name", "n"], ["'" + cell, "-3"], ["Fundacja", "4"]]


# --------------------------------------------------------------------------- 6. no-op build


def _finished_build(tmp_path, key="k1"):
    """A manifest and every output it lists, written by hand."""
    out = tmp_path / "reports"
    out.mkdir()
    processed = tmp_path / "processed" / "attendance.csv"
    processed.parent.mkdir()
    needed = [out / "index.html", processed]
    for name in ("overview", "area-culture"):
        needed += [out / f"{name}.html", out / f"{name}.json"]
    for path in needed:
        path.write_text("x", encoding="utf-8")
    digest = hashlib.sha256(b"x").hexdigest()  # every file holds "x"

    def outputs(name):  # what the report published, as the manifest lists it
        return {f"{name}.html": digest, f"{name}.json": digest}

    manifest = {
        "build_key": key,
        "processed": [str(processed)],
        "reports": {
            "overview": {"status": "built", "outputs": outputs("overview")},
            "area-culture": {"status": "unchanged", "outputs": outputs("area-culture")},
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return out, manifest, needed


def test_unchanged_build_returns_the_manifest_when_key_and_outputs_match(tmp_path):
    out, manifest, _ = _finished_build(tmp_path)
    assert unchanged_build(_options(out=out), "k1") == manifest


def test_unchanged_build_is_none_when_the_key_differs_or_force_is_set(tmp_path):
    out, _, _ = _finished_build(tmp_path)
    assert unchanged_build(_options(out=out), "k2") is None
    assert unchanged_build(_options(out=out, force=True), "k1") is None


@pytest.mark.parametrize("missing", range(6))
def test_unchanged_build_is_none_when_any_listed_output_is_missing(tmp_path, missing):
    out, _, needed = _finished_build(tmp_path)
    needed[missing].unlink()
    assert unchanged_build(_options(out=out), "k1") is None


def test_unchanged_build_is_none_without_a_manifest_or_after_a_failure(tmp_path):
    out, manifest, _ = _finished_build(tmp_path)
    manifest["reports"]["area-culture"]["status"] = "failed"
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert unchanged_build(_options(out=out), "k1") is None
    (out / "manifest.json").unlink()
    assert unchanged_build(_options(out=out), "k1") is None


# --------------------------------------------------------------------------- build key


def test_build_key_follows_what_the_reports_contain_not_how_they_are_built(tmp_path):
    base = keys.build_key(_options(out=tmp_path))
    assert keys.build_key(_options(out=tmp_path)) == base
    assert keys.build_key(_options(out=tmp_path, jobs=7)) == base
    for change in (
        {"lang": "en"},
        {"start": "2020-03-02"},
        {"end": "2020-03-16"},
        {"areas": ["culture"]},
        {"title": "T"},
        {"extra": {"x": 1}},
    ):
        assert keys.build_key(_options(out=tmp_path, **change)) != base, change


def test_package_hash_follows_code_and_templates_only(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "templates" / "page.j2").write_text("{{ x }}\n")
    first = files.package_hash(tmp_path)
    (tmp_path / "a.cpython-311.pyc").write_bytes(b"\0")  # a compiled file is not code
    assert files.package_hash(tmp_path) == first
    (tmp_path / "templates" / "page.j2").write_text("{{ y }}\n")
    assert files.package_hash(tmp_path) != first


# --------------------------------------------------------------------------- the map of promises


def test_every_test_the_promise_map_names_exists():
    """docs/promises.md maps each README promise to tests as ``file.py::name``, then
    ``…_more`` for another test of the same file; ``…`` or ``*`` stand for any text.
    Each must name at least one test function."""
    import re

    from tests.conftest import TESTS_DIR

    promises = (TESTS_DIR.parent / "docs" / "promises.md").read_text(encoding="utf-8")
    named = []
    for row in re.findall(r"^\|[^|\n]*\|([^|\n]*)\|", promises, flags=re.MULTILINE):
        file = None
        for item in re.findall(r"`([^`]+)`", row):
            if "::" in item and item.split("::")[0].endswith(".py"):
                file, item = item.split("::", 1)
            elif not (file and item.startswith(("…", "test_"))):
                continue  # a command or a path, not a test
            named.append((file, item))
    assert len(named) > 60
    missing = []
    for file, name in named:
        path = TESTS_DIR / file
        source = path.read_text(encoding="utf-8") if path.is_file() else ""
        pattern = ".*".join(re.escape(part) for part in re.split(r"…|\*", name))
        if not re.search(rf"^def (test{pattern}|{pattern})\(", source, flags=re.MULTILINE):
            missing.append(f"{file}::{name}")
    assert missing == []
