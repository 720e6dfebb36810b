"""The presentation layer without a kernel: sections as data, their HTML, the catalogue.

tests/data/meetings-small.csv with register-small.csv (the hand-worked fixture of
metrics/test_metrics.py): 5 meetings, in date order m1 culture, m2 seniors (2 March),
m3 premises (9th), m5 culture (10th), m4 general (16th, nobody came); 6 people,
4 organisations, 11 attendances (P6 twice at m5 counts once). Culture: P1, P2, P3
at m1 and P2, P6 at m5, so 4 distinct people and 3 + 2 = 5 attendances.
meetings-counts.csv: the same meetings with counts only, 10 + 7 + 0 + 4 + 3 = 24.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis import views
from analysis.catalogue import TEXT, labels
from analysis.catalogue.labels import Text
from analysis.consultation import load_consultation
from analysis.errors import ParameterError
from analysis.metrics import selection
from analysis.views import blocks, page
from analysis.views.render import render_section
from analysis.views.sections import SECTIONS, section
from tests.conftest import TEST_DATA

MEETINGS = str(TEST_DATA / "meetings-small.csv")
REGISTER = str(TEST_DATA / "register-small.csv")
COUNTS = str(TEST_DATA / "meetings-counts.csv")
VIEWS_DIR = Path(views.__file__).parent


@pytest.fixture(scope="module")
def overview():
    return views.load_report(meetings_path=MEETINGS, register_path=REGISTER).data


@pytest.fixture(scope="module")
def small():
    return load_consultation(MEETINGS, REGISTER)


@pytest.fixture(scope="module")
def culture():
    return views.load_report(meetings_path=MEETINGS, register_path=REGISTER, area="culture").data


@pytest.fixture(scope="module")
def counts_culture():
    return views.load_report(meetings_path=COUNTS, register_path="none", area="culture").data


#: Charts stand-in: the sections' text without drawing (alt texts: tests/charts/test_plots.py).
UNDRAWN = defaultdict(
    lambda: SimpleNamespace(src="data:,", alt="chart", size=(1, 1), file_stem="chart")
)


def _visible(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.replace("\xa0", " ")))


# --------------------------------------------------------------------------- sections as data


def test_key_figures_are_the_hand_worked_totals(overview):
    shown = section("key_figures", overview).blocks
    figures = next(b for b in shown if isinstance(b, blocks.KeyFigures))  # after the headline
    assert figures.items == [
        ("meetings", 5),
        ("participants", 6),
        ("organisations", 4),
        ("attendances", 11),
    ]


def test_an_area_is_shown_as_its_share_of_the_whole(culture):
    sentences = [
        b.text for b in section("key_figures", culture).blocks if isinstance(b, blocks.Paragraph)
    ]
    share = [s for s in sentences if s.key == "share_sentence"]
    assert len(share) == 1
    assert share[0].sentence("pl") == "Uczestnicy: 4 z 6 w całej konsultacji (66,7%)."
    assert share[0].sentence("en") == "Participants: 4 of 6 in the whole consultation (66.7%)."
    assert section("reconciliation", culture) is None  # a part is not reconciled


def test_counts_area_shares_attendances_and_says_once_what_it_cannot_give(counts_culture):
    said = [
        b.text
        for b in section("key_figures", counts_culture).blocks
        if isinstance(b, blocks.Paragraph)
    ]
    assert [t.key for t in said] == ["share_sentence", "unavailable_sentence"]
    assert said[0].sentence("pl") == "Obecności: 13 z 24 w całej konsultacji (54,2%)."
    for register_only in ("repeat", "organisations", "other_areas"):
        assert section(register_only, counts_culture) is None


def test_meetings_table_names_each_meeting_by_title_in_date_order(overview):
    table = section("meetings", overview).tables()[0]
    assert [c.key for c in table.columns] == [
        "date", "title", "area_label", "kind_label", "participants", "organisations",
        "new_participants", "new_organisations",
    ]  # fmt: skip
    assert table.frame["title"].tolist() == [
        "kultura i sztuka", "wsparcie seniorów", "lokale", "kultura i sztuka (2)",
        "spotkanie ogólnobranżowe",
    ]  # fmt: skip
    assert table.frame["participants"].tolist() == [3, 3, 3, 2, 0]


def test_an_area_report_has_no_area_column_and_its_own_caption(culture):
    table = section("meetings", culture).tables()[0]
    assert "area_label" not in [c.key for c in table.columns]
    assert table.caption == Text("caption_meetings_area")
    assert table.frame["meeting_id"].tolist() == ["m1", "m5"]


def test_many_meetings_show_the_largest_and_fold_the_whole_table(tmp_path):
    from analysis.demo.counts import write_counts_table

    path = tmp_path / "city.csv"
    write_counts_table(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    blank = int((raw["attendees"].str.strip() == "").sum())
    attendees = pd.to_numeric(raw["attendees"].str.replace(r"\s", "", regex=True), errors="coerce")
    data = views.load_report(meetings_path=str(path), register_path="none").data
    shown = section("meetings", data)
    largest, folded = shown.blocks[0], shown.blocks[1]
    assert largest.name == "largest" and len(largest.frame) == 10
    assert largest.frame["participants"].tolist() == sorted(
        attendees.nlargest(10).astype(int), reverse=True
    )
    assert isinstance(folded, blocks.Folded) and folded.summary.values["count"] == len(raw) == 420
    assert len(folded.blocks[0].frame) == 420
    without = [t for t in shown.tables() if t.name == "without-count"]
    assert len(without) == 1 and len(without[0].frame) == blank > 0
    # 30 themes and several kinds: bars of summed attendances, as specs (no file written)
    areas = section("areas", data)
    assert raw["kind"].nunique() > 1
    assert [(c.name, c.builder) for c in areas.charts()] == [
        ("attendances-by-area", "sums"),
        ("attendances-by-kind", "sums"),
    ]
    assert len(areas.tables()[0].frame) == raw["area"].nunique() == 30


def test_sections_change_no_input_frame(overview):
    before = {name: getattr(overview.stats, name).copy() for name in ("by_meeting", "by_area")}
    for name in SECTIONS:
        section(name, overview)
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(overview.stats, name), frame)


def test_an_unknown_section_is_named_in_the_error(overview):
    with pytest.raises(KeyError, match="unknown section 'charts'; known: key_figures"):
        section("charts", overview)


# --------------------------------------------------------------------------- framing, once


def test_heading_period_and_title_are_computed_once_for_page_and_summary(culture):
    assert culture.heading == "Raport obszaru: Kultura i sztuka"
    assert culture.period == "2–10 marca 2020"  # m1 on the 2nd, m5 on the 10th
    summary = views.summary(culture)
    assert summary["heading"] == culture.heading
    assert summary["period_text"] == culture.period
    assert summary["title"].startswith("Raport obszaru: Kultura i sztuka · ")
    assert summary["title"].endswith(" · 2–10 marca 2020")


def test_selection_checks_say_what_is_wrong():
    meetings = pd.DataFrame({"area": ["culture", "seniors"]})
    with pytest.raises(
        ParameterError, match=r"^start must be a date YYYY-MM-DD, got '2020-31-01'$"
    ):
        selection.check_selection(meetings, start="2020-31-01")
    with pytest.raises(ParameterError, match=r"^--start 2020-03-10 is after --end 2020-03-01$"):
        selection.check_selection(meetings, start="2020-03-10", end="2020-03-01", flag="--")
    assert selection.check_selection(meetings).filtered is False
    assert page.heading_text(None, "en") == "Consultation overview"
    assert page.period_text(None, "en") == "No meetings in the selected range."


@pytest.mark.parametrize(
    ("start", "end", "areas"),
    [
        # meetings-small: m1 culture and m2 seniors on 2 March, m3 premises 9th,
        # m5 culture 10th, m4 general 16th; both dates are inclusive
        ("2020-03-09", "2020-03-09", ["premises"]),
        ("2020-03-10", "", ["culture", "general"]),
        ("", "2020-03-02", ["culture", "seniors"]),
        ("2020-03-03", "2020-03-08", None),  # no meeting: an error, no report
    ],
)
def test_the_build_plans_a_report_for_exactly_the_areas_a_report_shows(
    tmp_path, small, start, end, areas
):
    """The build (plan) and each report (views.load) keep the same meetings at the
    boundaries: a day off in either would plan an empty report or drop one."""
    from analysis.build import plan
    from analysis.build.options import BuildOptions

    options = BuildOptions(meetings=MEETINGS, register=REGISTER, out=tmp_path, start=start, end=end)
    if areas is None:
        with pytest.raises(ParameterError, match="no meetings match"):
            plan.plan(options, small)
        return
    jobs = plan.plan(options, small)
    assert [job.area for job in jobs[1:]] == areas
    for area in areas:
        shown = views.context.load(MEETINGS, REGISTER, area=area, start=start, end=end)
        assert len(shown.meetings) > 0 and set(shown.meetings["area"]) == {area}


# --------------------------------------------------------------------------- templates


def test_a_table_is_real_html_with_formatted_numbers_and_its_csv_link():
    frame = pd.DataFrame(
        {"title": ["Debat <b>obert</b>"], "attendances": [1234], "day": ["2016-02-09"]}
    )
    columns = [
        blocks.Column("title", "title", "text"),
        blocks.Column("day", "date", "date"),
        blocks.Column("attendances", "attendances"),
    ]
    shown = blocks.Section(
        "section_meetings", [blocks.Table("meetings", Text("caption_by_area"), columns, frame)]
    )
    html = render_section(shown, "pl", {}, "tables/overview-")
    assert '<h2 id="section-meetings">Spotkania</h2>' in html
    assert "<caption>Według obszaru</caption>" in html
    assert '<th scope="col" class="num">Obecności</th>' in html
    assert '<th scope="row">Debat &lt;b&gt;obert&lt;/b&gt;</th>' in html
    assert '<td class="date">9 lutego 2016</td>' in html  # the month in full, never "lut"
    assert '<td class="num">1\xa0234</td>' in html
    assert '<a href="tables/overview-meetings.csv">Pobierz tabelę (CSV)</a>' in html
    assert "csv" not in render_section(shown, "pl", {}, None)  # no files, no link


def test_key_figures_folds_and_lists_render_in_english():
    shown = blocks.Section(
        "key_figures",
        [
            blocks.KeyFigures([("meetings", 1234), ("attendances", None)]),
            blocks.Folded(
                Text("folded_count", {"summary": Text("all_meetings"), "count": 420}),
                [blocks.Paragraph(Text("one_meeting_selected"))],
            ),
            blocks.ItemList([Text("definition_counts_blank")]),
        ],
    )
    html = render_section(shown, "en", {}, None)
    assert "<dt>Meetings</dt><dd>1,234</dd>" in html
    assert "<dt>Attendances</dt><dd>–</dd>" in html
    assert (
        "<details><summary>All meetings (420)</summary>"
        "<p>There was one meeting in the selection.</p>" in html.replace("\n", "")
    )
    assert "<li>A meeting without a count counts as a meeting" in html


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_no_internal_identifier_in_the_visible_text_of_any_section(
    overview, culture, counts_culture, lang
):
    """Column names, snake_case keys and catalogue keys never reach a reader."""
    for data in (overview, culture, counts_culture):
        data = views.load_report(
            meetings_path=str(data.consultation.sources[0].path),
            register_path=REGISTER if not data.counts_only else "none",
            area=data.area or "",
            lang=lang,
        ).data
        for name in SECTIONS:
            found = section(name, data)
            html = render_section(found, lang, UNDRAWN, "tables/x-") if found else ""
            text = _visible(html)
            assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), (
                name,
                re.findall(r"\b[a-z]+_[a-z_]+\b", text),
            )
            for internal in ("meeting_id", "new_participants", "reach_curve", "unassigned"):
                assert internal not in text, (name, internal)


# --------------------------------------------------------------------------- the catalogue


def test_every_catalogue_entry_has_both_languages_with_the_same_placeholders():
    for key, pair in TEXT.items():
        assert len(pair) == 2 and all(pair), key
        polish, english = (sorted(re.findall(r"\{(\w+)", s)) for s in pair)
        assert polish == english, key


def test_no_language_branch_outside_the_catalogue():
    package = VIEWS_DIR.parent
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"lang\s*==|==\s*lang\b|lang\s*!=", source), path.name


def test_no_module_of_the_presentation_layer_is_over_300_lines():
    modules = [*VIEWS_DIR.rglob("*.py")]
    modules += [
        VIEWS_DIR.parent / m for m in ("catalogue/labels.py", "export.py", "metrics/selection.py")
    ]
    modules += [*(VIEWS_DIR.parent / "catalogue").glob("*.py")]
    modules += [*(VIEWS_DIR.parent / "charts").glob("*.py")]
    assert len(modules) > 20
    for path in modules:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 300, path.name


def test_no_html_is_built_in_python_strings():
    for path in sorted(VIEWS_DIR.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        assert not re.search(
            r"""["']<(?:/?)(?:p|div|table|tr|td|th|h\d|img|figure|ul|li)\b""", source
        ), path.name


def test_rejection_reasons_are_said_in_the_report_language():
    assert labels.text("reason_unknown meeting_id", "pl") == "spotkanie spoza tabeli spotkań"
    from analysis.views.sections.quality import reason_key

    assert reason_key("expected 4 fields, found 5") == "reason_expected N fields, found N"
    assert labels.text(reason_key("no such date (June has 30 days)"), "pl") == (
        "taki dzień nie istnieje (np. 31 czerwca)"
    )
    assert reason_key("a reason nobody wrote words for") == "a reason nobody wrote words for"


def test_every_reason_a_bad_row_can_get_has_words_in_both_languages(tmp_path):
    """Bad rows of every kind the readers and rules reject, in real files: each reason a
    page could show has a catalogue entry (Polish and English), none falls back to the
    English reason as written."""
    from analysis.views.sections.quality import reason_key

    meetings = tmp_path / "m.csv"
    meetings.write_text(
        "meeting_id,date,title,attendees\n"
        "m1,2025-06-03,A,1\n"
        "m1,2025-06-04,B,2\n"  # repeated id
        ",2025-06-05,C,\n"  # missing value
        "m3,31.06.2025,D,\n"  # no such date
        "m4,czerwiec,E,\n"  # not a date
        "m5,01.01.9999,F,\n"  # out of range
        "m6,2025-06-06,G,x\n"  # not a count
        "m7,2025-06-07,H\x01,1\n"  # control character
        "m8,2025-06-08,I\n",  # too few fields
        encoding="utf-8",
    )
    register = tmp_path / "r.csv"
    register.write_text(
        "meeting_id,participant_id,organisation_id\n"
        "m1,jan@example.org,O1\n"  # an e-mail as the person
        "m9,P1,O1\n"  # unknown meeting
        'm1,"P2\nP3",O1\n'  # a line break in an id
        'm1,P4,"O2\n'  # a stray quote swallowing the rows after it
        "m1,P5,O3\n"
        "m1,P6,O4\n",
        encoding="utf-8",
    )
    consultation = load_consultation(meetings, register, cache_dir=None)
    reasons = {
        part
        for joined in consultation.rejected["reason"]
        for part in joined.split("; ")
        if part != "use a pseudonym"
    }
    assert len(reasons) >= 11, reasons
    for reason in reasons:
        key = reason_key(reason)
        assert key.startswith("reason_"), reason
        assert labels.text(key, "pl") != labels.text(key, "en")


def test_a_register_of_many_organisations_lists_the_most_active_and_the_csv_all(tmp_path):
    from analysis.views.outputs import table_csv
    from analysis.views.sections.people import ORGANISATIONS_SHOWN

    # 130 organisations at m1 (culture): organisation k sends k+1 people (O000 one, O129 130)
    rows = [f"m1,P{k:03d}-{i},O{k:03d},Org {k:03d}" for k in range(130) for i in range(k + 1)]
    register = tmp_path / "register.csv"
    register.write_text(
        "meeting_id,participant_id,organisation_id,organisation_name\n" + "\n".join(rows),
        encoding="utf-8",
    )
    data = views.load_report(
        meetings_path=MEETINGS, register_path=str(register), area="culture"
    ).data
    table = section("organisations", data).tables()[0]
    assert ORGANISATIONS_SHOWN == 100
    assert table.shown == 100 and len(table.rows) == 100 and len(table.frame) == 130
    assert [r["organisation_name"] for r in table.rows[:2]] == ["Org 129", "Org 128"]
    assert table.rows[-1]["organisation_name"] == "Org 030"  # 31 people: the 100th most
    html = render_section(section("organisations", data), "pl", UNDRAWN, "tables/area-")
    assert html.count('<tr><th scope="row">Org ') == 100
    assert "Org 029" not in html
    assert "Pokazano 100 z 130 organizacji, te z największą liczbą przedstawicieli" in html
    english = render_section(section("organisations", data), "en", UNDRAWN, "tables/area-")
    assert "Showing the 100 of 130 organisations with the most representatives" in english
    csv_text = table_csv(table.frame, synthetic=False).decode("utf-8-sig")
    assert csv_text.count("\r\n") == 131 and "O029,Org 029,30,1" in csv_text


def test_a_consultation_of_a_few_organisations_lists_them_all(culture):
    table = section("organisations", culture).tables()[0]
    assert table.shown is None and table.note is None
    assert len(table.rows) == len(table.frame)


def test_area_reports_of_one_consultation_compute_the_whole_once(tmp_path, monkeypatch):
    """A warm kernel runs area report after area report: the whole consultation's
    statistics (for an area's share) are computed for the first and reused after, and
    computed again when an input changes."""
    from analysis import metrics
    from analysis.views import context

    computed = []  # the number of meetings of each overview computed
    overview = metrics.overview
    monkeypatch.setattr(
        metrics, "overview", lambda m, *rest: computed.append(len(m)) or overview(m, *rest)
    )
    monkeypatch.setattr(context, "_WHOLE", {})
    culture = context.load(MEETINGS, REGISTER, area="culture")
    seniors = context.load(MEETINGS, REGISTER, area="seniors")
    every = len(culture.consultation.meetings)
    assert computed == [len(culture.meetings), every, len(seniors.meetings)]
    assert seniors.whole is culture.whole
    fresh = overview(seniors.consultation.meetings, seniors.consultation.attendance)
    assert seniors.whole.totals == fresh.totals
    changed = tmp_path / "register.csv"  # the same register less its last row
    changed.write_text(
        "".join(Path(REGISTER).read_text(encoding="utf-8").splitlines(keepends=True)[:-1]),
        encoding="utf-8",
    )
    again = context.load(MEETINGS, str(changed), area="seniors")
    assert computed[3:] == [len(again.meetings), every]
    assert again.whole is not seniors.whole
    assert (
        again.whole.totals
        == overview(again.consultation.meetings, again.consultation.attendance).totals
    )
