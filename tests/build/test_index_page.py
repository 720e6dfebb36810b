"""The index page: one line a report with its heading, period and headline figures.

Fast: no kernel, no data. Each test writes the reports' summaries (``<report>.json``,
the shape :mod:`analysis.views.summary` writes) by hand with figures chosen here, writes
the index through :func:`analysis.build.index.write_index`, and reads the page back with
BeautifulSoup as a reader would see it. The expected strings are written out: Polish
thousands are separated by a no-break space (U+00A0, what babel's ``pl_PL`` gives
:func:`analysis.catalogue.labels.format_number`), English ones by a comma; shares have
one decimal, with a decimal comma in Polish.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from analysis.build.index import write_index
from analysis.build.options import AREA_NOTEBOOK, OVERVIEW_NOTEBOOK, Job, JobResult

NBSP = "\u00a0"  # Polish thousands separator; also holds "(n = 8)" together

HEADERS = {
    "pl": ["Raport", "Okres", "Spotkania", "Uczestnicy", "Organizacje", "Obecności"],
    "en": ["Report", "Period", "Meetings", "Participants", "Organisations", "Attendances"],
}
REMARK_HEADERS = {
    "pl": ["Uwagi", "Odsetek uwzględnionych (n)"],
    "en": ["Remarks", "Acceptance rate (n)"],
}
# words of the old status column and of the build's states: none is said of a good report
STATUS_WORDS = ["Stan", "aktualny", "up to date", "zbudowany", "built", "bez zmian", "unchanged"]


def _totals(meetings, participants, organisations, attendances, summed) -> dict:
    return {
        "meetings": meetings,
        "attendances": attendances,
        "participants": participants,
        "organisations": organisations,
        "meetings_without_attendance": 0,
        "contributions": None,
        "organisation_attendances": summed,
    }


# a register: distinct participants and organisations (and a sum the index leaves out)
REGISTER = _totals(12, 1234, 56, 2345, 99)
# a counts-only source: no register, so no distinct participants or organisations
COUNTS = _totals(7, None, None, 4321, 1500)
REMARKS = {
    "totals": {"remarks": 1234, "decided": 10, "supports": None, "without_meeting": 0},
    "acceptance_rate": {"rate": 0.625, "denominator": 8},
}


def _summary(name: str, heading: str, period: str, totals: dict, remarks=None) -> dict:
    return {
        "report": name,
        "heading": heading,
        "period_text": period,
        "totals": totals,
        "remarks": remarks,
    }


def _job(name: str) -> Job:
    if name == "overview":
        return Job(name, OVERVIEW_NOTEBOOK, {})
    return Job(name, AREA_NOTEBOOK, {}, area=name.removeprefix("area-"))


#: the sources of a consultation with meetings, and of one held online (--meetings none)
WITH_MEETINGS = [SimpleNamespace(role="meetings"), SimpleNamespace(role="register")]
ONLINE = [SimpleNamespace(role="remarks")]


def _index(
    out: Path,
    reports: dict,
    lang="pl",
    statuses=None,
    pages=True,
    title="Konsultacja testowa",
    sources=WITH_MEETINGS,
) -> BeautifulSoup:
    """Write each report's summary (a dict, text or bytes as they are, or None: no file)
    and its page (with ``pages``), then the index of a consultation with these
    ``sources`` under ``title``; the index as parsed HTML."""
    out.mkdir(exist_ok=True)
    for name, summary in reports.items():
        if isinstance(summary, dict):
            (out / f"{name}.json").write_text(json.dumps(summary), encoding="utf-8")
        elif isinstance(summary, str):
            (out / f"{name}.json").write_text(summary, encoding="utf-8")
        elif isinstance(summary, bytes):
            (out / f"{name}.json").write_bytes(summary)
        if pages:
            (out / f"{name}.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    jobs = [_job(name) for name in reports]
    statuses = statuses or {}
    results = [JobResult(name, statuses.get(name, "built")) for name in reports]
    consultation = SimpleNamespace(meetings={}, subject=None, synthetic=False, sources=sources)
    write_index(out, jobs, results, lang, consultation, title)
    return BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")


def _headers(page: BeautifulSoup) -> list[str]:
    return [th.get_text(strip=True) for th in page.select("table.report-list thead th")]


def _line(page: BeautifulSoup, heading: str) -> dict[str, str]:
    """The line of the report ``heading``: each cell's text under its column's header
    (the heading cell under the first), and each figure's phone label beside it."""
    rows = [
        tr
        for tr in page.select("table.report-list tbody tr")
        if tr.th.get_text(" ", strip=True).startswith(heading)
    ]
    assert len(rows) == 1, [tr.th.get_text(" ", strip=True) for tr in page.select("tbody tr")]
    cells = rows[0].find_all(["th", "td"])
    headers = _headers(page)
    line = {h: c.get_text(" ", strip=True) for h, c in zip(headers, cells, strict=True)}
    line["labels"] = [td.get("data-label") for td in rows[0].find_all("td")]
    return line


def test_a_register_report_shows_its_figures_and_no_build_state(tmp_path):
    """Distinct participants and organisations from a register, numbers in Polish, each
    figure labelled for the phone's card layout; no status column, no state word."""
    page = _index(
        tmp_path / "r",
        {
            "area-culture": _summary(
                "area-culture", "Raport obszaru: Kultura", "25 maja 2018", REGISTER
            )
        },
    )
    assert _headers(page) == HEADERS["pl"]  # no remarks register: no remarks columns
    line = _line(page, "Raport obszaru: Kultura")
    assert (
        line
        == {
            "Raport": "Raport obszaru: Kultura",
            "Okres": "25 maja 2018",
            "Spotkania": "12",
            "Uczestnicy": f"1{NBSP}234",
            "Organizacje": "56",  # the distinct organisations, not the sum (99)
            "Obecności": f"2{NBSP}345",
            "labels": HEADERS["pl"][1:],
        }
    )
    assert page.select_one("table.report-list")["class"] == ["report-list", "stack"]
    assert page.select("td.num") and len(page.select("td.num")) == 4
    assert page.select(".status-failed") == []
    seen = page.select_one("main").get_text(" ")
    assert not [word for word in STATUS_WORDS if word in seen]
    assert page.select_one("a[href='area-culture.html']").get_text() == "Raport obszaru: Kultura"
    assert page.select("p.table-note") == []  # no dash, no sum: nothing to explain


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_a_counts_only_report_shows_the_organisation_attendances_as_a_sum(tmp_path, lang):
    """No register: participants unknown (–), the organisations column is the sum of the
    per-meeting counts under its own header, and a note says it is not distinct."""
    page = _index(
        tmp_path / lang, {"overview": _summary("overview", "Przegląd", "2016", COUNTS)}, lang
    )
    summed = {"pl": "Obecności organizacji (suma)", "en": "Organisation attendances (sum)"}[lang]
    headers = [*HEADERS[lang][:4], summed, HEADERS[lang][5]]
    assert _headers(page) == headers
    line = _line(page, "Przegląd")
    assert line[summed] == {"pl": f"1{NBSP}500", "en": "1,500"}[lang]
    assert line[headers[3]] == "–"  # participants
    assert line[headers[5]] == {"pl": f"4{NBSP}321", "en": "4,321"}[lang]
    assert line["labels"] == headers[1:]
    notes = " ".join(p.get_text() for p in page.select("p.table-note"))
    assert {"pl": "nie jest to liczba różnych organizacji", "en": "not the number of"}[
        lang
    ] in notes
    assert {"pl": "– oznacza", "en": "– means"}[lang] in notes


def test_a_sum_among_distinct_organisations_says_it_is_a_sum(tmp_path):
    """A counts-only summary beside a register's (an earlier build's report kept after a
    failure): the column stays distinct organisations, the sum says what it is."""
    page = _index(
        tmp_path / "mixed",
        {
            "overview": _summary("overview", "Przegląd", "2018", REGISTER),
            "area-culture": _summary("area-culture", "Kultura", "2016", COUNTS),
        },
        statuses={"area-culture": "failed"},
    )
    assert _headers(page) == HEADERS["pl"]
    assert _line(page, "Przegląd")["Organizacje"] == "56"
    culture = _line(page, "Kultura")
    assert culture["Organizacje"] == f"1{NBSP}500 (suma obecności)"
    assert culture["labels"][3] == "Obecności organizacji (suma)"


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_remarks_and_the_acceptance_rate_show_when_a_report_has_remarks(tmp_path, lang):
    """The rate is 5 of 8 decided remarks, 62.5 %, said with its base as the report does;
    a report of the same build without remarks shows dashes there."""
    page = _index(
        tmp_path / lang,
        {
            "overview": _summary("overview", "Przegląd", "2018", REGISTER, REMARKS),
            "area-culture": _summary("area-culture", "Kultura", "2018", REGISTER),
        },
        lang,
    )
    assert _headers(page) == HEADERS[lang] + REMARK_HEADERS[lang]
    remarks, rate = REMARK_HEADERS[lang]
    overview = _line(page, "Przegląd")
    assert overview[remarks] == {"pl": f"1{NBSP}234", "en": "1,234"}[lang]
    # the base is held together by no-break spaces; a narrow cell breaks before it
    said = {"pl": f"62,5% (n{NBSP}={NBSP}8)", "en": f"62.5% (n{NBSP}={NBSP}8)"}[lang]
    assert overview[rate] == said
    assert overview["labels"][-2:] == REMARK_HEADERS[lang]
    culture = _line(page, "Kultura")
    assert (culture[remarks], culture[rate]) == ("–", "–")


def test_an_acceptance_rate_without_decided_remarks_is_a_dash_with_its_base(tmp_path):
    undecided = {"totals": {"remarks": 3}, "acceptance_rate": {"rate": None, "denominator": 0}}
    page = _index(
        tmp_path / "r", {"overview": _summary("overview", "Przegląd", "2018", REGISTER, undecided)}
    )
    said = f"– (n{NBSP}={NBSP}0)"
    assert _line(page, "Przegląd")["Odsetek uwzględnionych (n)"] == said


@pytest.mark.parametrize(
    "status, page, said",
    [
        ("failed", True, "błąd – pokazano poprzednią wersję"),
        ("failed", False, "błąd – brak raportu"),
        ("cancelled", True, "przerwany – pokazano poprzednią wersję"),
        ("cancelled", False, "przerwany – brak raportu"),
    ],
)
def test_a_failed_or_cancelled_report_is_marked_and_the_others_are_not(
    tmp_path, status, page, said
):
    out = tmp_path / "out"
    out.mkdir()
    if page:  # the previous version of the failed report is still on disk
        (out / "area-culture.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    (out / "overview.html").write_text("<!DOCTYPE html>", encoding="utf-8")
    index = _index(
        out,
        {
            "overview": _summary("overview", "Przegląd", "2018", REGISTER),
            "area-culture": _summary("area-culture", "Kultura", "2018", REGISTER),
        },
        statuses={"area-culture": status, "overview": "unchanged"},
        pages=False,
    )
    marked = index.select("tbody tr .status-failed")
    assert [m.get_text() for m in marked] == [said]
    assert marked[0].find_parent("tr").th.get_text(" ", strip=True).startswith("Kultura")
    assert bool(index.select("a[href='area-culture.html']")) == page
    assert _line(index, "Kultura")["Spotkania"] == "12"  # the figures of what is shown
    assert _line(index, "Przegląd")["Raport"] == "Przegląd"  # the good one: no word


@pytest.mark.parametrize(
    "summary",
    [
        None,  # never written
        "{not json",
        b'\xff\xfe{"totals": {}}',  # not UTF-8
        "[1, 2, 3]",  # JSON, but not an object
        json.dumps({"heading": 7, "period_text": 2018, "totals": "many", "remarks": []}),
        json.dumps({"totals": {"meetings": "12", "participants": True, "attendances": 1.5}}),
        json.dumps({"totals": {"meetings": -1}, "remarks": {"acceptance_rate": {"rate": "x"}}}),
    ],
    ids=["missing", "broken", "not-utf8", "a-list", "wrong-types", "not-counts", "nonsense"],
)
def test_a_missing_or_unreadable_summary_gives_dashes_never_an_error(tmp_path, summary):
    page = _index(tmp_path / "out", {"area-culture": summary})
    line = _line(page, "Raport obszaru: Kultura i sztuka")  # named from the plan
    figures = {k: v for k, v in line.items() if k not in ("Raport", "labels")}
    assert set(figures.values()) == {"–"}, line
    assert "– oznacza" in page.select_one("p.table-note").get_text()


def test_remarks_of_another_shape_beside_a_register_give_dashes(tmp_path):
    page = _index(
        tmp_path / "out",
        {
            "overview": _summary("overview", "Przegląd", "2018", REGISTER, REMARKS),
            "area-culture": _summary("area-culture", "Kultura", "2018", REGISTER, ["x"]),
            "area-seniors": _summary("area-seniors", "Seniorzy", "2018", REGISTER, {"totals": 3}),
        },
    )
    for heading in ("Kultura", "Seniorzy"):
        line = _line(page, heading)
        assert [line[header] for header in REMARK_HEADERS["pl"]] == ["–", "–"]


def test_a_pdf_is_linked_only_when_it_exists_beside_the_page(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "overview.pdf").write_bytes(b"%PDF-1.7\n")
    page = _index(
        out,
        {
            "overview": _summary("overview", "Przegląd konsultacji", "2018", REGISTER),
            "area-culture": _summary("area-culture", "Kultura", "2018", REGISTER),
        },
    )
    pdfs = page.select("a[href$='.pdf']")
    assert [(a["href"], a.get_text(), a["aria-label"]) for a in pdfs] == [
        ("overview.pdf", "PDF", "Przegląd konsultacji (PDF)")
    ]
    assert pdfs[0].find_parent("th") is page.select_one("a[href='overview.html']").parent
    assert _line(page, "Przegląd konsultacji")["Raport"] == "Przegląd konsultacji · PDF"
    assert _line(page, "Kultura")["Raport"] == "Kultura"


def test_the_whole_page_is_in_english_with_lang_en(tmp_path):
    page = _index(
        tmp_path / "en",
        {"area-culture": _summary("area-culture", "Area report: Culture", "25 May 2018", REGISTER)},
        "en",
    )
    assert page.html["lang"] == "en"
    assert page.select_one("caption").get_text() == "All reports"
    line = _line(page, "Area report: Culture")
    assert (line["Participants"], line["Attendances"]) == ("1,234", "2,345")
    assert line["labels"] == HEADERS["en"][1:]


def test_a_heading_with_a_script_is_shown_as_text(tmp_path):
    hostile = 'Kultura <script>alert("x")</script>'
    out = tmp_path / "out"
    out.mkdir()
    (out / "area-culture.pdf").write_bytes(b"%PDF-1.7\n")  # the heading is in its name too
    page = _index(out, {"area-culture": _summary("area-culture", hostile, "<b>2018</b>", REGISTER)})
    assert page.find("script") is None and page.find("b") is None
    assert page.select_one("a[href='area-culture.html']").get_text() == hostile
    assert page.select_one("a[href='area-culture.pdf']")["aria-label"] == f"{hostile} (PDF)"
    assert _line(page, "Kultura")["Okres"] == "<b>2018</b>"
    raw = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in raw and "&lt;script&gt;" in raw


@pytest.mark.parametrize(
    ("lang", "sources", "expected"),
    [
        ("pl", ONLINE, "Uwagi zgłoszone w konsultacjach"),
        ("en", ONLINE, "Remarks submitted in the consultation"),
        ("pl", WITH_MEETINGS, "Spotkania konsultacyjne"),
        ("en", WITH_MEETINGS, "Consultation meetings"),
    ],
)
def test_the_consultation_is_titled_as_its_reports_are(tmp_path, lang, sources, expected):
    """Without --title or a subject: a consultation held online (no meetings source) is
    "Remarks submitted in the consultation", as its report is (views/context.py), never
    "Consultation meetings"; one with meetings keeps the neutral title. Neither names the
    file ("test")."""
    summary = _summary("overview", "Raport zbiorczy", "–", COUNTS, REMARKS)
    page = _index(tmp_path / "r", {"overview": summary}, lang, title="", sources=sources)
    assert page.select_one("p.subtitle").get_text(strip=True) == expected


def test_a_consultation_held_online_shows_its_remarks_and_no_meeting_columns(tmp_path):
    """No report had a meeting (``--meetings none``): the index does not show 0 meetings
    and dashes for people who never met, only the remarks and their rate."""
    online = _totals(0, None, None, None, None)
    page = _index(
        tmp_path,
        {"overview": _summary("overview", "Przegląd", "2025", online, REMARKS)},
        sources=ONLINE,
    )
    assert _headers(page) == ["Raport", "Okres", *REMARK_HEADERS["pl"]]
    assert _line(page, "Przegląd")["Uwagi"] == f"1{NBSP}234"
