"""The remarks section and the summary's ``remarks``, without a kernel.

The consultation is tests/data/meetings-small.csv with register-small.csv (O1..O4 took
part, no names) and the eight remarks of tests/metrics/test_remarks.py, worked out by
hand there:

    id  submitter              area      meetings           outcome          supports
    R1  Fundacja Alfa (O1)     culture   m1 (2 March)       accepted         5
    R2  private person         culture   m1                 rejected         -
    R3  Stowarzyszenie Beta    seniors   m2 (2 March)       partly_accepted  2
    R4  Stowarzyszenie Gamma   premises  m5 (10th), m3 (9th) explained       10
    R5  private person         culture   written (15 April) already_covered  -
    R6  Klub Delta (O9)        general   written (no date)  withdrawn        0
    R7  stowarzyszenie GAMMA   premises  m3                 pending          -
    R8  fundacja alfa (O1)     culture   m5 (dated 28 Feb)  rejected         1
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import views
from analysis.sources.reading import empty_rejects
from analysis.validation.schemas import Checked, no_duplicates
from analysis.views import blocks
from analysis.views.context import remarks_of
from analysis.views.outputs import table_csv
from analysis.views.render import render_section
from analysis.views.sections import section
from tests.conftest import TEST_DATA
from tests.metrics.test_remarks import links_frame, remarks_frame, small_remarks

MEETINGS = str(TEST_DATA / "meetings-small.csv")
REGISTER = str(TEST_DATA / "register-small.csv")
UNDRAWN = defaultdict(
    lambda: SimpleNamespace(src="data:,", alt="chart", size=(1, 1), file_stem="chart")
)


def report(lang: str = "pl", area: str = "", remarks=None, links=None) -> views.ReportData:
    """The small consultation's report with a remarks register added to its checks."""
    data = views.load_report(
        meetings_path=MEETINGS, register_path=REGISTER, area=area, lang=lang
    ).data
    if remarks is None:
        remarks, links = small_remarks()
    data.consultation.checks["remarks"] = Checked(
        table=remarks,
        rejected=empty_rejects(),
        duplicates=no_duplicates(),
        rows_read=len(remarks),
        source=Path("remarks.csv"),
        links=links,
    )
    data.remarks = remarks_of(data)
    return data


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.replace("\xa0", " ")))


def _table(shown: blocks.Section, name: str) -> blocks.Table:
    (table,) = [t for t in shown.tables() if t.name == name]
    return table


def _rows(table: blocks.Table) -> list[list]:
    """The shown cells of each row, in the table's columns (missing as None)."""
    return [
        [None if pd.isna(row[c.key]) else row[c.key] for c in table.columns] for row in table.rows
    ]


def test_no_remarks_register_no_section_and_a_null_in_the_summary():
    data = views.load_report(meetings_path=MEETINGS, register_path=REGISTER).data
    assert data.remarks is None
    assert section("remarks", data) is None
    assert views.summary(data)["remarks"] is None


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_overview_key_figures_and_acceptance_rate(lang):
    shown = section("remarks", report(lang))
    assert shown.heading == "section_remarks"
    # 8 remarks; answered: all but R6 (withdrawn) and R7 (pending); written: R5 and R6;
    # supports 5 + 2 + 10 + 0 + 1
    assert shown.blocks[0].items == [
        ("remarks", 8), ("remarks_decided", 6), ("remarks_written", 2), ("remarks_supports", 18),
    ]  # fmt: skip
    rate = shown.blocks[1].text.sentence(lang)  # (R1 + R3) / (R1 + R3 + R2 + R8)
    expected = {
        "pl": "Odsetek uwzględnionych: 50,0% (n = 4)",
        "en": "Acceptance rate: 50.0% (n = 4)",
    }
    assert rate.startswith(expected[lang])


def test_overview_tables_row_by_row_in_polish():
    shown = section("remarks", report("pl"))
    assert _rows(_table(shown, "remarks-by-outcome")) == [
        ["Uwzględnione", 1, 0.125], ["Uwzględnione częściowo", 1, 0.125],
        ["Nieuwzględnione", 2, 0.25], ["Wyjaśnienia", 1, 0.125], ["Już ujęte", 1, 0.125],
        ["Wycofane", 1, 0.125], ["Nierozpatrzone", 1, 0.125],
    ]  # fmt: skip
    by_area = _table(shown, "remarks-by-area")
    # every outcome occurs, so all seven columns; culture R1 R2 R5 R8, premises R4 R7,
    # general R6, seniors R3 (1 each, by code)
    assert [c.key for c in by_area.columns][1:8] == [
        "accepted", "partly_accepted", "rejected", "explained", "already_covered",
        "withdrawn", "pending",
    ]  # fmt: skip
    assert _rows(by_area) == [
        # the rate and its base in one cell, in the page's number format
        ["Kultura i sztuka", 1, 0, 2, 0, 1, 0, 0, 4, "33,3% (n = 3)"],
        ["Polityka lokalowa i mienie gminy", 0, 0, 0, 1, 0, 0, 1, 2, "– (n = 0)"],
        ["Spotkanie ogólnobranżowe", 0, 0, 0, 0, 0, 1, 0, 1, "– (n = 0)"],
        ["Wsparcie seniorów", 0, 1, 0, 0, 0, 0, 0, 1, "100,0% (n = 1)"],
    ]
    # the CSV keeps the rate and its base as numbers
    assert by_area.frame[["acceptance_rate", "denominator"]].values.tolist()[0] == [1 / 3, 3]
    (chart,) = shown.charts()
    assert (chart.name, chart.builder) == ("remarks-by-area", "remarks_by_area")
    assert chart.data["by_area"]["area"].tolist() == ["culture", "premises", "general", "seniors"]


def test_the_list_puts_the_most_supported_first_in_polish():
    shown = section("remarks", report("pl"))
    listed = _table(shown, "remarks")
    assert listed.caption.key == "caption_remarks_supported_first"
    assert listed.caption.sentence("pl") == "Uwagi, od najczęściej popieranych (8)"
    assert listed.shown is None  # eight remarks: all shown, nothing folded
    assert not [b for b in shown.blocks if isinstance(b, blocks.Folded)]
    rows = [r[2:] for r in _rows(listed)]  # submitter, meeting, outcome, response, supports
    assert [r[0] for r in _rows(listed)] == ["R4", "R1", "R3", "R8", "R6", "R2", "R5", "R7"]
    assert rows == [
        ["Stowarzyszenie Gamma", "lokale (9 marca 2020); kultura i sztuka (2) (10 marca 2020)",
         "wyjaśnienie", "", 10],
        ["Fundacja Alfa", "kultura i sztuka (2 marca 2020)", "uwzględniona",
         "Uwzględniono w §3", 5],
        ["Stowarzyszenie Beta", "wsparcie seniorów (2 marca 2020)", "uwzględniona częściowo",
         "", 2],
        ["fundacja alfa", "kultura i sztuka (2) (10 marca 2020)", "nieuwzględniona", "", 1],
        ["Klub Delta", "uwaga złożona na piśmie", "wycofana", "", 0],
        ["osoba prywatna", "kultura i sztuka (2 marca 2020)", "nieuwzględniona",
         "Terminy wynikają z ustawy", None],
        ["osoba prywatna", "uwaga złożona na piśmie", "już ujęta w projekcie", "", None],
        ["stowarzyszenie   GAMMA", "lokale (9 marca 2020)", "nierozpatrzona", "", None],
    ]  # fmt: skip


def test_organisations_meetings_months_and_territories_in_english():
    shown = section("remarks", report("en"))
    assert _rows(_table(shown, "remarks-organisations")) == [
        ["Fundacja Alfa", 2, 1, 0, 1, 0.5],  # R1 accepted, R8 rejected
        ["Stowarzyszenie Gamma", 2, 0, 0, 0, None],  # R4 explained, R7 pending: no rate
        ["Klub Delta", 1, 0, 0, 0, None],
        ["Stowarzyszenie Beta", 1, 0, 1, 0, 1.0],
    ]
    said = [b.text.sentence("en") for b in shown.blocks if isinstance(b, blocks.Paragraph)]
    assert "Remarks from private persons (not named): 2." in said  # R2, R5
    # O1 (R1, R8) and O2 (R3) attended; Gamma (R4, R7) and O9 (R6) did not
    assert (
        "Remarks from organisations that attended at least one meeting: 3; from organisations "
        "that attended none: 3." in said
    )
    assert "Remarks with neither a date nor a meeting (not in the months table): 1." in said
    by_meeting = _table(shown, "remarks-by-meeting")
    assert [r[1:] for r in _rows(by_meeting)] == [
        ["kultura i sztuka", 2], ["wsparcie seniorów", 1], ["lokale", 2],
        ["kultura i sztuka (2)", 2], ["spotkanie ogólnobranżowe", 0],
    ]  # fmt: skip
    assert _rows(_table(shown, "remarks-by-month")) == [
        ["February 2020", 1, 1], ["March 2020", 5, 17], ["April 2020", 1, None],
    ]  # fmt: skip
    assert _rows(_table(shown, "remarks-by-territory")) == [
        ["Unassigned", 5], ["Podgórze", 2], ["Nowa Huta", 1],  # as the remarks name them
    ]  # fmt: skip


def test_an_area_report_shows_its_outcome_counts_and_no_area_table():
    shown = section("remarks", report("en", area="culture"))
    # culture: R1 (5), R2, R5 (written), R8 (1): answered all four
    assert shown.blocks[0].items == [
        ("remarks", 4), ("remarks_decided", 4), ("remarks_written", 1), ("remarks_supports", 6),
    ]  # fmt: skip
    assert shown.blocks[1].text.sentence("en").startswith("Acceptance rate: 33.3% (n = 3)")
    names = [t.name for t in shown.tables()]
    assert "remarks-by-area" not in names and not shown.charts()
    assert _rows(_table(shown, "remarks-by-outcome"))[:3] == [
        ["Accepted", 1, 0.25], ["Partly accepted", 0, 0.0], ["Rejected", 2, 0.5],
    ]  # fmt: skip
    assert [r[0] for r in _rows(_table(shown, "remarks"))] == ["R1", "R8", "R2", "R5"]
    # the area's meetings only: m1 (R1, R2) and m5 (R8)
    assert [r[1:] for r in _rows(_table(shown, "remarks-by-meeting"))] == [
        ["kultura i sztuka", 2], ["kultura i sztuka (2)", 1],
    ]  # fmt: skip


#: culture's rate, 1 of 3 rated (the JSON writes ten decimals)
THIRD = pytest.approx(1 / 3, abs=1e-9)


def test_the_summary_has_the_remarks_object_of_the_contract():
    assert views.summary(report("pl"))["remarks"] == {
        "totals": {"remarks": 8, "decided": 6, "supports": 18, "without_meeting": 2},
        "by_outcome": {
            "accepted": 1, "partly_accepted": 1, "rejected": 2, "explained": 1,
            "already_covered": 1, "withdrawn": 1, "pending": 1,
        },
        "acceptance_rate": {"rate": 0.5, "denominator": 4},
        "by_area": [
            {"area": "culture", "label": "Kultura i sztuka", "accepted": 1, "partly_accepted": 0,
             "rejected": 2, "explained": 0, "already_covered": 1, "withdrawn": 0, "pending": 0,
             "acceptance_rate": THIRD},
            {"area": "premises", "label": "Polityka lokalowa i mienie gminy", "accepted": 0,
             "partly_accepted": 0, "rejected": 0, "explained": 1, "already_covered": 0,
             "withdrawn": 0, "pending": 1, "acceptance_rate": None},
            {"area": "general", "label": "Spotkanie ogólnobranżowe", "accepted": 0,
             "partly_accepted": 0, "rejected": 0, "explained": 0, "already_covered": 0,
             "withdrawn": 1, "pending": 0, "acceptance_rate": None},
            {"area": "seniors", "label": "Wsparcie seniorów", "accepted": 0,
             "partly_accepted": 1, "rejected": 0, "explained": 0, "already_covered": 0,
             "withdrawn": 0, "pending": 0, "acceptance_rate": 1.0},
        ],
        "by_meeting": [
            {"meeting_id": "m1", "remarks": 2}, {"meeting_id": "m2", "remarks": 1},
            {"meeting_id": "m3", "remarks": 2}, {"meeting_id": "m5", "remarks": 2},
            {"meeting_id": "m4", "remarks": 0},
        ],
        "by_month": [
            {"month": "2020-02", "remarks": 1, "supports": 1},
            {"month": "2020-03", "remarks": 5, "supports": 17},
            {"month": "2020-04", "remarks": 1, "supports": None},
        ],
    }  # fmt: skip


def test_an_area_summary_has_its_area_only():
    remarks = views.summary(report("en", area="culture"))["remarks"]
    assert remarks["totals"] == {"remarks": 4, "decided": 4, "supports": 6, "without_meeting": 1}
    assert remarks["acceptance_rate"] == {"rate": 1 / 3, "denominator": 3}
    assert [a["label"] for a in remarks["by_area"]] == ["Culture and art"]
    assert remarks["by_meeting"] == [
        {"meeting_id": "m1", "remarks": 2}, {"meeting_id": "m5", "remarks": 1},
    ]  # fmt: skip
    # R8 dated February, R1 dated and R2 at m1 in March, R5 dated April
    assert [(m["month"], m["remarks"]) for m in remarks["by_month"]] == [
        ("2020-02", 1), ("2020-03", 2), ("2020-04", 1),
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_the_section_renders_with_no_internal_identifier(lang):
    html = render_section(section("remarks", report(lang)), lang, UNDRAWN, "tables/overview-")
    text = _visible(html)
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), re.findall(r"\b[a-z]+_[a-z_]+\b", text)
    assert '<a href="tables/overview-remarks.csv">' in html


def test_more_than_ten_remarks_show_the_first_ten_and_fold_the_rest():
    rows = [
        dict(remark_id=f"U{i:02d}", text=f"uwaga {i}", area="culture", outcome="pending")
        for i in range(12)
    ]
    shown = section("remarks", report("en", remarks=remarks_frame(rows), links=links_frame([])))
    first = _table(shown, "remarks")
    assert first.caption.sentence("en") == "The first 10 remarks, in the register's order"
    assert first.shown == 10 and len(first.rows) == 10 and len(first.frame) == 12
    assert first.note.sentence("en") == (
        "Showing 10 of 12 remarks; the others are below, and the CSV lists them all."
    )
    (folded,) = [b for b in shown.blocks if isinstance(b, blocks.Folded)]
    assert folded.summary.sentence("en") == "The other remarks (2)"
    assert folded.blocks[0].name is None  # no second CSV
    assert folded.blocks[0].frame["remark_id"].tolist() == ["U10", "U11"]
    assert table_csv(first.frame, synthetic=False).decode("utf-8-sig").count("\r\n") == 13


def test_with_supports_the_ten_most_supported_are_shown():
    # U00..U11 with 0..11 supports, U05 none: U11 down to U01 (not U05) shown; U00, then
    # U05 (no supports: last) folded
    rows = [
        dict(remark_id=f"U{i:02d}", text="t", area="culture", outcome="pending",
             supports=None if i == 5 else i)
        for i in range(12)
    ]  # fmt: skip
    shown = section("remarks", report("pl", remarks=remarks_frame(rows), links=links_frame([])))
    first = _table(shown, "remarks")
    assert first.caption.sentence("pl") == "Najczęściej popierane uwagi (10)"
    assert [r["remark_id"] for r in first.rows] == [
        "U11", "U10", "U09", "U08", "U07", "U06", "U04", "U03", "U02", "U01",
    ]  # fmt: skip
    (folded,) = [b for b in shown.blocks if isinstance(b, blocks.Folded)]
    assert folded.blocks[0].frame["remark_id"].tolist() == ["U00", "U05"]


def test_no_remark_in_the_selection_is_said_so():
    empty = remarks_frame([])
    shown = section("remarks", report("pl", remarks=empty, links=links_frame([])))
    assert [type(b).__name__ for b in shown.blocks] == ["KeyFigures", "Paragraph"]
    assert shown.blocks[1].text.key == "remarks_none"


def test_a_remark_s_text_is_shown_as_text_and_neutralised_in_its_csv():
    rows = [
        dict(remark_id="X1", text="<script>alert(1)</script>", organisation_name="<b>Org</b>",
             area="culture", outcome="rejected", response='=HYPERLINK("http://x.example","y")'),
        dict(remark_id="X2", text='=HYPERLINK("http://x.example","klik")', area="culture",
             outcome="accepted", response="@SUM(A1)"),
    ]  # fmt: skip
    shown = section("remarks", report("en", remarks=remarks_frame(rows), links=links_frame([])))
    html = render_section(shown, "en", UNDRAWN, None)
    assert "<script>" not in html and "<b>Org" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Org&lt;/b&gt;" in html
    assert "=HYPERLINK(&#34;http://x.example&#34;,&#34;klik&#34;)" in html  # as written
    csv_text = table_csv(_table(shown, "remarks").frame, synthetic=False).decode("utf-8-sig")
    assert "'=HYPERLINK(" in csv_text and "'@SUM(A1)" in csv_text
    assert not re.search(r'(^|,)"?=HYPERLINK', csv_text, re.MULTILINE)


def test_a_register_of_thousands_keeps_the_page_short_and_the_csv_whole(tmp_path):
    """1,000 synthetic remarks: ten listed, the next 200 folded, a line saying the CSV holds
    all 1,000; the eight organisations with the most remarks, the CSV all; the outcomes by
    area (eleven areas and the written ones) folded under their chart."""
    from analysis.demo.remarks import write_remarks_register
    from analysis.views.sections.remarks import FOLDED, LISTED, ORGANISATIONS_SHOWN

    path = write_remarks_register(tmp_path / "remarks.csv", remarks=1_000)
    data = views.load_report(remarks_path=str(path)).data
    shown = section("remarks", data)
    listed = _table(shown, "remarks")
    assert (LISTED, FOLDED, ORGANISATIONS_SHOWN) == (10, 200, 8)
    assert listed.shown == 10 and len(listed.frame) == 1_000
    assert listed.note.key == "remarks_shown_capped_note"
    folded = [b for b in shown.blocks if isinstance(b, blocks.Folded)]
    rest = [t for f in folded for t in f.blocks if isinstance(t, blocks.Table) and t.name is None]
    assert [len(t.frame) for t in rest] == [200]
    organisations = _table(shown, "remarks-organisations")
    assert organisations.shown == 8 and len(organisations.frame) > 8
    assert any(
        t.name == "remarks-by-area" for f in folded for t in f.blocks if isinstance(t, blocks.Table)
    )
