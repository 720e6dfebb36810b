"""An office's own spreadsheet built into reports with --meetings only (issue #24): the
figures against the ones worked out by hand in tests/sources/test_office_sheet.py."""

from __future__ import annotations

import json
import re

import pytest

from analysis.cli import main
from tests.sources.test_office_sheet import DERIVED_IDS, office_sheet

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def office_build(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("office")
    office_sheet(tmp_path / "spotkania.xlsx")
    # as staff type it, in the sheet's folder, every path relative
    argv = ["build", "--meetings", "spotkania.xlsx", "--meetings-column", "area=Temat"]
    argv += ["--out", "raporty", "--processed-dir", "tabele", "--jobs", "2"]
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        code = main([*argv, "--only", "overview,area-kultura"])
    return tmp_path / "raporty", code


def _json(reports, name):
    return json.loads((reports / f"{name}.json").read_text(encoding="utf-8"))


def _visible(reports, name):
    page = (reports / f"{name}.html").read_text(encoding="utf-8")
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))


def test_the_sheet_builds_counts_only_with_no_demo_register(office_build, capsys):
    reports, code = office_build
    assert code == 0  # two rejected rows do not stop a build without --strict
    summary = _json(reports, "overview")
    assert summary["synthetic"] is False
    assert [s["role"] for s in summary["sources"]] == ["meetings"]
    assert summary["totals"] == {
        "meetings": 5,
        "attendances": 39,  # 12 + 20 + 7
        "participants": None,
        "organisations": None,
        "meetings_without_attendance": 2,  # sheet rows 4 and 8
        "contributions": None,
        "organisation_attendances": 16,  # 5 + 8 + 3
    }


def test_area_territory_and_month_tables_sum_the_sheet(office_build):
    summary = _json(office_build[0], "overview")

    def table(key, label):
        return {
            row[label]: (row["meetings"], row["attendances"], row["organisation_attendances"])
            for row in summary[key]
        }

    assert table("by_area", "label") == {
        "Edukacja": (1, None, None),  # row 8
        "Kultura": (2, 12, 8),  # rows 2 and 4
        "Seniorzy": (1, 7, None),  # row 5
        "Sport": (1, 20, 8),  # row 3 (row 6 was rejected)
    }
    assert table("by_territory", "label") == {
        "Bez przypisania": (1, None, None),
        "Krowodrza": (1, 20, 8),
        "Nowa Huta": (1, 7, None),
        "Podgórze": (2, 12, 8),
    }
    assert table("by_month", "month") == {"2025-06": (3, 32, 16), "2025-07": (2, 7, None)}


def test_pages_show_summed_organisations_and_never_a_derived_id(office_build):
    reports = office_build[0]
    overview = _visible(reports, "overview")
    assert "Obecności organizacji (suma)" in overview
    assert "nie jest to liczba różnych organizacji" in overview  # said, once, in definitions
    assert "syntetyczne" not in overview.casefold()
    area = _visible(reports, "area-kultura")
    assert "Obecności organizacji (suma)" in area
    for page in (overview, area):
        for derived in DERIVED_IDS:
            assert derived not in page


def test_the_exploration_notebook_opens_the_sheet_with_the_report_parameters(tmp_path):
    """No code edited: the sheet, no register, a mapping and the language are parameters."""
    import nbformat
    import papermill

    from analysis import config

    sheet = office_sheet(tmp_path / "spotkania.xlsx")
    executed = tmp_path / "explored.ipynb"
    papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / "exploration" / "explore-register.ipynb"),
        str(executed),
        parameters={
            "meetings_path": str(sheet),
            "register_path": "none",
            "meetings_columns": {"area": "Temat"},
            "lang": "en",
        },
        kernel_name="python3",
        progress_bar=False,
        cwd=str(tmp_path),
    )
    cells = {c.id: c for c in nbformat.read(executed, as_version=4).cells}
    errors = [o for c in cells.values() for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    loaded = cells["load"].outputs[0]["data"]["text/plain"]
    assert loaded == "(False, 5, 2)"  # not synthetic, five meetings, two rows rejected
    section = cells["areas-section"].outputs[0]["data"]["text/html"]
    assert "Areas and meeting kinds" in section  # drawn in the language asked for
    assert 'alt="Horizontal bar chart: attendances by area' in section
