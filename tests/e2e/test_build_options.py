"""Build options as staff use them, each checked on what the official then reads.

The fixture is tests/data/meetings-small.csv and register-small.csv (see metrics/test_metrics.py).
Worked by hand for ``--param start=2020-03-03`` (m1 and m2 fall on 2 March and are left
out): meetings m3 (premises, 9 March), m5 (culture, 10 March) and m4 (general, 16 March,
nobody); attendances m3: P5, P1, P6 and m5: P2, P6 (P6's second row is a duplicate), so
5 attendances, participants {P1, P2, P5, P6} = 4, organisations {O1, O2, O4} = 3.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

import pytest

from analysis import __version__
from analysis.cli import main
from tests.conftest import TEST_DATA

pytestmark = pytest.mark.slow

MEETINGS = TEST_DATA / "meetings-small.csv"
REGISTER = TEST_DATA / "register-small.csv"
TITLE = 'Konsultacje <próbne> & "co"'


def _args(out: Path, *extra: str) -> list[str]:
    return [
        "build",
        "--meetings",
        str(MEETINGS),
        "--register",
        str(REGISTER),
        "--out",
        str(out),
        "--processed-dir",
        str(out.parent / "processed"),
        *extra,
    ]


def visible_text(page: Path) -> str:
    """What a reader sees: the body without tags, entities decoded, spaces folded."""
    markup = page.read_text(encoding="utf-8")
    markup = re.sub(r"(?is)<(style|script|head)\b.*?</\1>", " ", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _headline(out: Path) -> tuple[int, int, int, int]:
    """The overview's meetings, attendances, participants and organisations."""
    totals = json.loads((out / "overview.json").read_text(encoding="utf-8"))["totals"]
    return tuple(totals[k] for k in ("meetings", "attendances", "participants", "organisations"))


def _organisations(folder: Path) -> Path:
    path = folder / "organisations.csv"
    path.write_text(
        "organisation_id,organisation_name\n"
        "O1,Fundacja Alfa\nO2,Stowarzyszenie Beta\nO3,Klub Gamma\nO4,Koło Delta\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def option_build(tmp_path_factory):
    """One build with --title, --organisations, --jobs 1 and an accepted --param."""
    folder = tmp_path_factory.mktemp("options")
    out = folder / "reports"
    extra = ["--title", TITLE, "--organisations", str(_organisations(folder)), "--jobs", "1"]
    code = main(_args(out, *extra, "--param", "start=2020-03-03"))
    assert code == 0
    return out


def test_param_start_selects_like_the_start_option(option_build):
    assert _headline(option_build) == (3, 5, 4, 3)
    # one report per area with meetings in the period: m1/m2's seniors is gone
    built = sorted(p.stem for p in option_build.glob("area-*.html"))
    assert built == ["area-culture", "area-general", "area-premises"]


def test_title_reaches_the_overview_and_the_index_as_text(option_build):
    for page in ("overview.html", "index.html"):
        assert TITLE in visible_text(option_build / page), page
        assert "<próbne>" not in (option_build / page).read_text(encoding="utf-8")


def test_organisations_table_names_the_organisations(option_build):
    """The register gives ids only; the names come from the organisations table."""
    culture = visible_text(option_build / "area-culture.html")  # m5: O1, O2
    premises = visible_text(option_build / "area-premises.html")  # m3: O4, O1, O2
    assert "Fundacja Alfa" in culture and "Stowarzyszenie Beta" in culture
    assert "Koło Delta" in premises and "Koło Delta" not in culture
    # O3 came only to m2, which the period leaves out
    assert "Klub Gamma" not in culture + premises


def test_provenance_footer_names_every_source_its_checksum_and_the_version(option_build):
    seen = visible_text(option_build / "overview.html")
    for source in (MEETINGS, REGISTER, option_build.parent / "organisations.csv"):
        assert source.name in seen
        assert hashlib.sha256(source.read_bytes()).hexdigest() in seen
    assert f"analysis {__version__}" in seen


def test_areas_filter_the_overview_english_reports_and_the_index_lists_only_them(
    option_build, tmp_path
):
    out = tmp_path / "reports"
    shutil.copytree(option_build, out)  # the pages of an earlier build stay on disk
    assert main(_args(out, "--areas", "culture", "--lang", "en")) == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    linked = sorted(set(re.findall(r'href="([^"#]+\.html)"', index)))
    assert linked == ["area-culture.html", "overview.html"]
    # culture is m1 (P1, P2, P3 of O1, O2) and m5 (P2, P6 of O1, O2): 5 attendances
    assert _headline(out) == (2, 5, 4, 2)
    assert '<html lang="en">' in index and "Area report: Culture and art" in index
    overview = (out / "overview.html").read_text(encoding="utf-8")
    assert re.match(r'<!DOCTYPE html>\s*<html lang="en">', overview)
    assert ">Key figures</h2>" in overview and "Participants</dt>" in overview
    assert "2 March 2020" in overview
    assert (out / "figures" / "overview-reach-en.png").is_file()
    area = visible_text(out / "area-culture.html")
    assert "Culture and art" in area and "Participants" in area
    for page in (overview, area):
        for polish in ("Uczestnicy", "Spotkania", "Najważniejsze", "marca", "Kultura i sztuka"):
            assert polish not in page, polish


def test_strict_with_a_rejected_organisations_row_builds_nothing(tmp_path, capsys):
    organisations = _organisations(tmp_path)
    with organisations.open("a", encoding="utf-8") as handle:
        handle.write("O2,Stowarzyszenie Beta (again)\n")  # repeats an earlier row
    out = tmp_path / "reports"
    code = main(_args(out, "--organisations", str(organisations), "--strict"))
    assert code == 1
    assert "--strict" in capsys.readouterr().err
    assert not (out / "index.html").exists() and not list(out.glob("*.html"))


def test_strict_with_a_rejected_meetings_row_builds_nothing(tmp_path, capsys):
    meetings = tmp_path / "meetings.csv"
    meetings.write_text(
        MEETINGS.read_text(encoding="utf-8") + "m6,2020-02-31,sector,culture,no such day\n",
        encoding="utf-8",
    )
    out = tmp_path / "reports"
    code = main(
        ["build", "--meetings", str(meetings), "--register", str(REGISTER), "--out", str(out)]
        + ["--processed-dir", str(tmp_path / "processed"), "--strict"]
    )
    assert code == 1
    assert "--strict" in capsys.readouterr().err
    assert not list(out.glob("*.html"))


@pytest.mark.parametrize("broken", ["missing file", "missing column"])
def test_build_exits_2_on_a_missing_file_or_column(tmp_path, capsys, broken):
    register = tmp_path / "register.csv"
    if broken == "missing column":
        register.write_text("meeting_id,participant_id\nm1,P1\n", encoding="utf-8")
    out = tmp_path / "reports"
    assert main(_args(out)[:4] + [str(register)] + _args(out)[5:]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(register) in err
    assert not out.exists() or not list(out.glob("*.html"))
