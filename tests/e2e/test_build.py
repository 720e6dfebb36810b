"""The report build end to end: the real notebooks through Papermill on a small register.

tests/data/meetings-small.csv and register-small.csv are the hand-worked fixture of
metrics/test_metrics.py: 5 meetings in 4 areas (general has nobody), 6 people, 4
organisations, 11 attendances.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis import metrics
from analysis.build import kernel
from analysis.build import options as notebooks
from analysis.cli import main
from analysis.consultation import load_consultation
from tests.conftest import TEST_DATA

pytestmark = pytest.mark.slow

MEETINGS = TEST_DATA / "meetings-small.csv"
REGISTER = TEST_DATA / "register-small.csv"
AREAS = ["culture", "seniors", "premises", "general"]


def _build(out: Path, *extra: str, register: Path = REGISTER) -> int:
    return main(
        [
            "build",
            "--meetings",
            str(MEETINGS),
            "--register",
            str(register),
            "--out",
            str(out),
            "--processed-dir",
            str(out.parent / "processed"),
            "--jobs",
            "2",
            *extra,
        ]
    )


def _outputs(out: Path) -> dict[str, bytes]:
    """Every HTML, JSON and figure of a build (the manifest records times, so it is left out)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file()
        and p.suffix in {".html", ".json", ".png", ".svg"}
        and p.name != "manifest.json"
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("build") / "reports"
    assert _build(out) == 0
    return out


def test_build_writes_every_report_index_manifest_and_figures(built):
    names = ["overview", *(f"area-{a}" for a in AREAS)]
    for name in names:
        assert (built / f"{name}.html").is_file()
        assert (built / f"{name}.json").is_file()
        assert (built / "notebooks" / f"{name}.ipynb").is_file()
    assert (built / "index.html").is_file()
    figures = {p.name for p in (built / "figures").iterdir()}
    for chart in ("by-meeting", "by-area", "reach", "repeat", "area-kind"):
        assert f"overview-{chart}-pl.png" in figures and f"overview-{chart}-pl.svg" in figures
    manifest = json.loads((built / "manifest.json").read_text())
    assert set(manifest["reports"]) == set(names)
    assert {i["role"] for i in manifest["inputs"]} == {"meetings", "register"}
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["versions"]["papermill"] and manifest["versions"]["analysis"]
    assert all(r["seconds"] > 0 for r in manifest["reports"].values())
    assert not (built / ".staging").exists()


def test_html_has_no_code_no_prompts_no_parameters(built):
    for page in built.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        for marker in (
            "from analysis",
            "views.load_report",
            "report_name",
            "In&nbsp;[",
            "jp-InputArea",
            "injected-parameters",
            "Traceback",
            "<script",
        ):
            assert marker not in html, (page.name, marker)


def test_html_asks_no_other_host(built):
    for page in built.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        for target in re.findall(r'(?:src|href)="([^"]*)"', html):
            local = re.fullmatch(r"[\w.-]+\.html|tables/[\w.-]+\.csv", target)
            assert target.startswith(("data:", "#")) or local, (page.name, target[:80])
            if local:  # a relative link to a file of the build, which is there
                assert (built / target).is_file(), (page.name, target)
        assert "http://" not in html and "https://" not in html, page.name
        # defence in depth: a missed escape could still run nothing and load nothing
        policy = re.search(r"<meta[^>]*Content-Security-Policy[^>]*>", html)
        assert policy and "default-src 'none'" in policy.group(0), page.name
        assert "@import" not in html


def test_headline_figures_equal_what_metrics_computes(built):
    consultation = load_consultation(MEETINGS, REGISTER)
    totals = metrics.totals(consultation.meetings, consultation.attendance)
    html = (built / "overview.html").read_text(encoding="utf-8")
    cards = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html))
    assert cards == {
        "Spotkania": str(totals["meetings"]),
        "Uczestnicy": str(totals["participants"]),
        "Organizacje": str(totals["organisations"]),
        "Obecności": str(totals["attendances"]),
    }
    assert cards == {"Spotkania": "5", "Uczestnicy": "6", "Organizacje": "4", "Obecności": "11"}


def test_summary_json_follows_the_data_model(built):
    summary = json.loads((built / "overview.json").read_text(encoding="utf-8"))
    assert summary["synthetic"] is False
    assert summary["totals"] == {
        "meetings": 5,
        "attendances": 11,
        "participants": 6,
        "organisations": 4,
        "meetings_without_attendance": 1,  # general (m4): nobody in the register
        "contributions": None,  # the meetings table records none
        # distinct organisations per meeting: m1 O1 O2, m2 O1 O3, m3 O1 O2 O4, m5 O1 O2
        "organisation_attendances": 9,
    }
    assert summary["period"] == {"start": "2020-03-02", "end": "2020-03-16"}
    first = summary["by_meeting"][0]
    assert first == {
        "meeting_id": "m1",
        "date": "2020-03-02",
        "kind": "sector",
        "area": "culture",
        "participants": 3,
        "organisations": 2,
        "new_participants": 3,
        "new_organisations": 2,
        "title": "kultura i sztuka",
        "area_label": "Kultura i sztuka",
        "kind_label": "Spotkanie branżowe",
    }
    assert summary["by_area"][0] == {
        "area": "culture",
        "meetings": 2,
        "attendances": 5,
        "participants": 4,
        "organisations": 2,
        "label": "Kultura i sztuka",
    }
    assert summary["by_territory"] == []  # the meetings table names no territory
    # m1, m2 on 2 March, m3 9th, m5 10th, m4 16th: one month; attendances 3+3+3+0+2
    assert summary["by_month"] == [
        {"month": "2020-03", "meetings": 5, "attendances": 11, "meetings_without_attendance": 1}
    ]
    assert summary["rejected_rows"]["rejected"] == 0
    assert summary["rejected_rows"]["duplicates"] == 1  # (P6, m5) twice
    assert isinstance(summary["reconciliation"], list)


def test_area_report_covers_only_its_area(built):
    summary = json.loads((built / "area-culture.json").read_text(encoding="utf-8"))
    assert [m["meeting_id"] for m in summary["by_meeting"]] == ["m1", "m5"]
    assert summary["totals"]["participants"] == 4
    html = (built / "area-culture.html").read_text(encoding="utf-8")
    assert '<a href="overview.html">' in html and '<a href="index.html">' in html


def test_no_participant_identifier_reaches_the_reports(built):
    ids = set(pd.read_csv(REGISTER, dtype=str)["participant_id"])
    for page in list(built.glob("*.html")) + list(built.glob("*.json")):
        content = re.sub(r'data:image/png;base64,[^"]*', "", page.read_text(encoding="utf-8"))
        for participant in ids:
            assert not re.search(rf"\b{participant}\b", content), (page.name, participant)


def test_html_is_real_html_with_language_title_toc_and_alt_text(built):
    html = (built / "overview.html").read_text(encoding="utf-8")
    assert re.match(r'<!DOCTYPE html>\s*<html lang="pl">', html)
    assert "<title>Przegląd konsultacji · " in html and "2–16 marca 2020</title>" in html
    toc = re.findall(r'<li><a href="#([^"]+)">', html)
    assert toc[:2] == ["key-figures", "section-meetings"]
    for anchor in toc:
        assert f'id="{anchor}"' in html
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 5
    assert all(re.search(r'alt="[^"]{40,}"', img) for img in images)
    assert '<th class="num" scope="col">Uczestnicy</th>' in html
    assert "banner synthetic" not in html  # the fixture is not synthetic
    index = (built / "index.html").read_text(encoding="utf-8")
    assert re.match(r'<!DOCTYPE html>\s*<html lang="pl">', index)
    assert all(f'href="area-{a}.html"' in index for a in AREAS)
    assert 'href="overview.html"' in index


def test_no_op_rebuild_skips_everything_and_force_rebuilds_identical_bytes(built, tmp_path, capsys):
    before = _outputs(built)
    assert _build(built) == 0
    out = capsys.readouterr().out
    assert "(0 built, 5 unchanged, 0 failed)" in out
    assert _outputs(built) == before
    # forced again (in a copy, two reports: the overview and one area), byte for byte
    again = tmp_path / "reports"
    shutil.copytree(built, again)
    rebuilt = [n for n in before if Path(n).name.startswith(("overview", "area-culture"))]
    stamps = {n: (again / n).stat().st_mtime_ns for n in rebuilt}
    assert _build(again, "--force", "--only", "overview,area-culture") == 0
    assert "(2 built, 0 unchanged, 0 failed)" in capsys.readouterr().out
    after = _outputs(again)
    assert len(rebuilt) >= 14  # two pages, two summaries, the charts in PNG and SVG
    for name in rebuilt:
        assert (again / name).stat().st_mtime_ns != stamps[name], f"{name} not written again"
        assert after[name] == before[name], name


def test_changed_input_rebuilds(built, tmp_path, capsys):
    register = tmp_path / "register.csv"
    register.write_text(REGISTER.read_text() + "m4,P7,O5\n")
    out = tmp_path / "reports"
    shutil.copytree(built, out)
    # m4 is the general meeting; every report uses the whole register, so both rerun
    assert _build(out, "--only", "overview,area-general", register=register) == 0
    assert "(2 built, 0 unchanged, 0 failed)" in capsys.readouterr().out
    summary = json.loads((out / "area-general.json").read_text(encoding="utf-8"))
    assert summary["totals"]["participants"] == 1


def test_failing_notebook_keeps_others_and_the_previous_report(
    built, tmp_path, monkeypatch, capsys
):
    out = tmp_path / "reports"
    shutil.copytree(built, out)
    previous = (out / "area-seniors.html").read_bytes()
    broken = tmp_path / "02-area.ipynb"
    notebook = nbformat.read(notebooks.AREA_NOTEBOOK, as_version=4)
    notebook.cells.insert(5, nbformat.v4.new_code_cell("raise RuntimeError('deliberate failure')"))
    notebook.cells[5]["id"] = "deliberate-failure"
    nbformat.write(notebook, broken)
    monkeypatch.setattr(notebooks, "AREA_NOTEBOOK", broken)
    code = _build(out, "--force", "--areas", "seniors")
    output = capsys.readouterr().out
    assert code == 1
    assert "✓ overview" in output
    assert re.search(
        r"✗ area-seniors +FAILED cell In \[\d+\] \(id 'deliberate-failure'\): RuntimeError: "
        r"deliberate failure; executed notebook kept: .*area-seniors\.failed\.ipynb; "
        r"previous report left in place",
        output,
    )
    assert (out / "area-seniors.html").read_bytes() == previous
    assert (out / "notebooks" / "area-seniors.failed.ipynb").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "błąd – pokazano poprzednią wersję" in index
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["reports"]["area-seniors"]["status"] == "failed"
    assert "deliberate failure" in manifest["reports"]["area-seniors"]["error"]


@pytest.fixture(scope="module")
def marked(tmp_path_factory):
    """A build from a register marked synthetic in every row, with two rows to reject
    (an unknown meeting, a missing meeting id) among the small fixture's."""
    folder = tmp_path_factory.mktemp("marked")
    register = folder / "register.csv"
    rows = REGISTER.read_text().splitlines() + ["m9,SECRET-PERSON,O1", ",P1,O1"]
    register.write_text(
        "\n".join([rows[0] + ",synthetic", *(r + ",true" for r in rows[1:])]) + "\n"
    )
    out = folder / "reports"
    # two areas, so the overview draws charts of more than one group; one area report
    only = ("--only", "overview,area-premises")
    assert _build(out, "--areas", "culture,premises", *only, register=register) == 0
    return out


def test_synthetic_register_gets_the_banner_everywhere(marked):
    out = marked
    for page in ("overview.html", "area-premises.html", "index.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert 'class="banner synthetic"' in html, page
    assert json.loads((out / "overview.json").read_text())["synthetic"] is True
    table = (out / "tables" / "area-premises-organisations.csv").read_text(encoding="utf-8-sig")
    assert table.splitlines()[0].endswith(",synthetic")
    assert all(line.endswith(",true") for line in table.splitlines()[1:])
    html = (out / "overview.html").read_text(encoding="utf-8")
    charts = html.count("<img ")
    assert charts >= 2
    assert html.count('(dane syntetyczne (demonstracyjne))"') == charts  # every alt text


# --------------------------------------------------------------------------- parameters


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--areas", "sports"], "error: unknown area(s): sports; known: culture, seniors"),
        (["--start", "2020-31-01"], "error: --start must be a date YYYY-MM-DD, got '2020-31-01'"),
        (["--start", "2020-03-10", "--end", "2020-03-01"], "error: --start 2020-03-10 is after"),
        (["--start", "2021-01-01"], "error: no meetings match the chosen areas and dates"),
        (["--param", "colour=red"], "error: 01-overview.ipynb: unknown parameter 'colour'"),
        (["--param", "areas=3"], "error: 01-overview.ipynb: parameter 'areas' must be list"),
        (["--param", "lang"], "error: --param 'lang': expected NAME=VALUE"),
        (
            ["--areas", "seniors", "--only", "overview,area-culture"],
            "error: --only: no report named area-culture in this selection; "
            "known: overview, area-seniors",
        ),
    ],
)
def test_bad_parameters_fail_before_any_kernel_starts(tmp_path, capsys, options, message):
    out = tmp_path / "reports"
    assert _build(out, *options) == 2
    err = capsys.readouterr().err
    assert err.startswith(message)
    assert err.count("\n") == 1
    assert not out.exists() or not any(out.glob("*.html"))


def test_unknown_language_is_refused_by_the_command_line(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        _build(tmp_path / "reports", "--lang", "de")
    assert exit_info.value.code == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err


# --------------------------------------------------------------------------- notebooks


@pytest.mark.parametrize(
    "notebook",
    ["01-overview.ipynb", "02-area.ipynb", "exploration/explore-register.ipynb"],
)
def test_every_notebook_runs_top_to_bottom_with_its_defaults(notebook, tmp_path):
    import papermill

    from analysis import config

    executed = tmp_path / "executed.ipynb"
    papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / notebook),
        str(executed),
        kernel_name="python3",
        progress_bar=False,
        cwd=str(config.NOTEBOOKS_DIR),
    )
    cells = nbformat.read(executed, as_version=4).cells
    errors = [o for c in cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []
    shown = [o for c in cells for o in c.get("outputs", []) if o.get("data")]
    assert len(shown) >= 5  # sections, tables or frames were displayed


def test_papermill_help_shows_every_parameter_with_type_and_help():
    import papermill

    from analysis.build.plan import notebook_parameters

    for notebook in (notebooks.OVERVIEW_NOTEBOOK, notebooks.AREA_NOTEBOOK):
        declared = papermill.inspect_notebook(str(notebook))
        for name in ("meetings_path", "register_path", "start", "end", "lang", "output_dir"):
            assert declared[name]["inferred_type_name"] == "str", (notebook.name, name)
            assert declared[name]["help"], (notebook.name, name)
        assert notebook_parameters(notebook)
    assert (
        papermill.inspect_notebook(str(notebooks.OVERVIEW_NOTEBOOK))["areas"]["inferred_type_name"]
        == "list"
    )
    assert "area" in papermill.inspect_notebook(str(notebooks.AREA_NOTEBOOK))


def test_counts_only_source_builds_the_overview_and_says_what_it_cannot_give(tmp_path):
    out = tmp_path / "reports"
    code = main(
        [
            "build",
            "--meetings",
            str(TEST_DATA / "meetings-counts.csv"),
            "--register",
            "none",
            "--out",
            str(out),
            "--processed-dir",
            str(tmp_path / "processed"),
            "--jobs",
            "1",
            "--only",
            "overview,area-culture",
        ]
    )
    assert code == 0
    # an area report from the counts alone (one per area: e2e/test_sources_build.py)
    assert sorted(p.name for p in out.glob("*.html")) == [
        "area-culture.html",
        "index.html",
        "overview.html",
    ]
    summary = json.loads((out / "overview.json").read_text(encoding="utf-8"))
    assert summary["totals"] == {
        "meetings": 5,
        "attendances": 24,
        "participants": None,
        "organisations": None,
        "meetings_without_attendance": 0,
        "contributions": None,
        "organisation_attendances": 17,  # 6 + 5 + 0 + 4 + 2 in meetings-counts.csv
    }
    assert [m["participants"] for m in summary["by_meeting"]] == [10, 7, 0, 3, 4]
    assert summary["by_meeting"][0]["new_participants"] is None
    assert "reach_curve" in summary["unavailable"]
    culture = json.loads((out / "area-culture.json").read_text(encoding="utf-8"))
    assert culture["totals"]["attendances"] == 10 + 3  # m1 and m5
    html = (out / "overview.html").read_text(encoding="utf-8")
    # what cannot be computed is said in words, once, with no internal name
    assert html.count("bez rejestru obecności") == 1
    for internal in ("reach_curve", "new_participants", "repeat_participation"):
        assert internal not in html


def test_rejected_rows_are_counted_in_the_report_without_their_values(marked):
    out = marked
    quality = json.loads((out / "overview.json").read_text(encoding="utf-8"))["rejected_rows"]
    assert quality == {
        "rows_read": 14,
        "accepted": 12,
        "rejected": 2,
        "duplicates": 1,
        "by_reason": {"missing value": 1, "unknown meeting_id": 1},
        "other_tables_rejected": 0,
        "table": "register",
        "left_out_meetings": 0,
    }
    html = (out / "overview.html").read_text(encoding="utf-8")
    # the reason in the report's words, not the column name
    assert '<th scope="row">spotkanie spoza tabeli spotkań</th><td class="num">1</td>' in html
    assert "meeting_id" not in html
    for path in out.rglob("*"):
        if path.is_file() and path.suffix != ".png":
            assert "SECRET-PERSON" not in path.read_text(encoding="utf-8"), path.name
    rejects = (out.parent / "processed" / "rejected-rows.csv").read_text(encoding="utf-8")
    assert "SECRET-PERSON" in rejects  # kept for staff, with its reason, outside reports/


def test_a_warm_kernel_starts_each_report_with_an_empty_namespace(tmp_path):
    """Two notebooks through the same worker kernel: the second sees nothing of the first."""
    import papermill

    first, second = tmp_path / "first.ipynb", tmp_path / "second.ipynb"
    for path, source in (
        (first, "leak = 'from the first report'"),
        (second, "assert 'leak' not in dir(), leak\nimport os\npid = os.getpid()"),
    ):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nbformat.write(notebook, path)
    warm = kernel.warm_kernel()
    for path in (first, second):
        papermill.execute_notebook(
            kernel.isolated(path),
            str(tmp_path / f"run-{path.name}"),
            kernel_name="python3",
            progress_bar=False,
            km=warm,
        )
    assert kernel.warm_kernel() is warm  # the same kernel served both
    executed = nbformat.read(tmp_path / "run-second.ipynb", as_version=4)
    assert executed.cells[0].source == "%reset -f"
    assert "remove-cell" in executed.cells[0].metadata["tags"]
