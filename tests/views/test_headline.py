"""The headline: a report's first sentences, against figures worked out by hand.

Every consultation here is a few lines of CSV written below; each expected sentence was
written from the arithmetic in the comment beside it, never copied from the code's output.

The main one (``_register``): a register of four meetings, 10 attendances, from 12 January
to 10 March 2021: February is its only full month, so it has no trend sentence (the first
and last full months are compared, never the months the consultation starts or ends in).

    meeting  date        area      territory   people (organisation)
    m1       2021-01-12  culture   Nowa Huta   P1 (O1), P2 (O1)
    m2       2021-01-20  seniors   Podgórze    P3 (O2)
    m3       2021-02-03  culture   Nowa Huta   P1 (O1), P4 (O3), P5 (O3)
    m4       2021-03-10  premises  (blank)     P2 (O1), P3 (O2), P6 (O4), P7 (O4)
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analysis import views
from analysis.views import blocks
from analysis.views.render import render_section
from analysis.views.sections import section
from analysis.views.sections.headline import full_months, headline

HEADER = "meeting_id,date,kind,area,title"
STEM = "spotkania-dzielnic-2021"  # the meetings file's name: never a title

MEETINGS = f"""{HEADER},territory
m1,2021-01-12,sector,culture,Pierwsze,Nowa Huta
m2,2021-01-20,sector,seniors,Drugie,Podgórze
m3,2021-02-03,sector,culture,Trzecie,Nowa Huta
m4,2021-03-10,sector,premises,Czwarte,
"""
REGISTER = """meeting_id,participant_id,organisation_id
m1,P1,O1
m1,P2,O1
m2,P3,O2
m3,P1,O1
m3,P4,O3
m3,P5,O3
m4,P2,O1
m4,P3,O2
m4,P6,O4
m4,P7,O4
"""


def _write(folder: Path, name: str, text: str) -> str:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _register(tmp_path: Path, lang: str = "pl", meetings: str = MEETINGS, **more):
    return views.load_report(
        meetings_path=_write(tmp_path, f"{STEM}.csv", meetings),
        register_path=_write(tmp_path, "register.csv", REGISTER),
        lang=lang,
        **more,
    ).data


def _counts(tmp_path: Path, rows: list[str], lang: str = "pl", columns: str = "attendees"):
    text = "\n".join([f"{HEADER},{columns}", *rows]) + "\n"
    path = _write(tmp_path, "counts.csv", text)
    return views.load_report(meetings_path=path, register_path="none", lang=lang).data


def said(data) -> list[str]:
    return [text.sentence(data.lang) for text in headline(data)]


# --------------------------------------------------------------------------- the whole headline


def test_the_register_headline_in_polish(tmp_path):
    assert said(_register(tmp_path, "pl")) == [
        # culture: m1 2 + m3 3 = 5 of 2 + 1 + 3 + 4 = 10 attendances, 5 / 10 = 50%
        "Najwięcej obecności było na spotkaniach obszaru „Kultura i sztuka”: 5 z 10 (50,0%).",
        # Nowa Huta: m1 + m3 = 5 of 10; the blank territory (m4, 4) is never named
        "Najwięcej obecności było w dzielnicy lub miejscu „Nowa Huta”: 5 z 10 (50,0%).",
        # O1, O2, O3, O4: four, the Polish "few" form
        "W spotkaniach wzięły udział 4 różne organizacje.",
        # January m1 + m2 = 3, February 3, March m4 = 4 at one meeting
        "Najwięcej obecności przypadło na marzec 2021: 4 obecności na 1 spotkaniu.",
        # no trend: 12 January - 10 March covers February alone in full
    ]


def test_the_register_headline_in_english(tmp_path):
    assert said(_register(tmp_path, "en")) == [
        "The most attendances were at meetings of the area “Culture and art”: 5 of 10 (50.0%).",
        "The most attendances were in the district or place “Nowa Huta”: 5 of 10 (50.0%).",
        "The meetings were attended by 4 different organisations.",
        "The busiest month was March 2021: 4 attendances at 1 meeting.",
    ]


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_key_figures_open_with_the_headline_and_the_summary_carries_it(tmp_path, lang):
    data = _register(tmp_path, lang)
    shown = section("key_figures", data)
    first, figures = shown.blocks[0], shown.blocks[1]
    assert isinstance(first, blocks.ItemList) and isinstance(figures, blocks.KeyFigures)
    sentences = [text.sentence(lang) for text in first.items]
    assert len(sentences) == 4  # area, territory, organisations, busiest month (no trend)
    assert views.summary(data)["headline"] == sentences
    html = render_section(shown, lang, {}, None)
    for sentence in sentences:
        assert f"<li>{sentence}</li>" in html
    assert html.index("<li>") < html.index('<dl class="key-figures">')


def test_an_area_report_names_no_largest_area(tmp_path):
    # culture alone: m1 (January, 2) and m3 (February, 3), both in Nowa Huta
    data = _register(tmp_path, "en", area="culture")
    assert said(data) == [
        # P1, P2 with O1; P1, P4, P5 with O1, O3: two organisations, one territory (no
        # busiest place), two months; no trend: 12 January - 3 February has no full month
        "The meetings were attended by 2 different organisations.",
        "The busiest month was February 2021: 3 attendances at 1 meeting.",
    ]


# --------------------------------------------------------------------------- areas and places


COUNTS_TIED = [
    "a1,2021-05-04,sector,Zieleń,A,4",
    "a2,2021-05-04,sector,Biblioteki,B,4",
    "a3,2021-05-04,sector,Sport,C,1",
]


def test_a_tie_names_the_first_by_name_as_shown_and_counts_the_others(tmp_path):
    # Zieleń 4 and Biblioteki 4 (listed first in the file), Sport 1: 4 / 9 = 44.4%;
    # by name, Biblioteki comes before Zieleń
    polish = said(_counts(tmp_path, COUNTS_TIED, "pl"))
    assert polish == [
        "Najwięcej obecności, po 4 z 9 (44,4%), było na spotkaniach obszaru „Biblioteki” i "
        "jeszcze 1 innego obszaru."
    ]
    english = said(_counts(tmp_path, COUNTS_TIED, "en"))
    assert english == [
        "The most attendances, 4 of 9 each (44.4%), were at meetings of the area "
        "“Biblioteki” and 1 other area."
    ]


def test_a_tie_follows_the_names_of_the_language_not_the_codes(tmp_path):
    # newcomers 2 and ngo-business 2 (by code newcomers first), culture 1: 2 / 5 = 40%.
    # The areas table lists them by name as shown, and the sentence names its first row:
    # Polish "Organizacje nowe…" before "Współpraca NGO…", English "NGO–business…" before
    # "Organisations new…"
    rows = [
        "a1,2021-05-04,sector,newcomers,A,2",
        "a2,2021-05-04,sector,ngo-business,B,2",
        "a3,2021-05-04,sector,culture,C,1",
    ]
    assert said(_counts(tmp_path, rows, "pl")) == [
        "Najwięcej obecności, po 2 z 5 (40,0%), było na spotkaniach obszaru „Organizacje nowe "
        "we współpracy z miastem” i jeszcze 1 innego obszaru."
    ]
    assert said(_counts(tmp_path, rows, "en")) == [
        "The most attendances, 2 of 5 each (40.0%), were at meetings of the area "
        "“NGO–business cooperation” and 1 other area."
    ]


def test_the_folded_other_and_the_unassigned_are_never_named(tmp_path):
    # 30 areas: Zieleń 3, Obszar 01..29 one each; a chart folds the smallest six into
    # "6 other areas" (6 > 3), and a blank area (unassigned) has 5, more than any area.
    # Total 3 + 29 + 5 = 37; 3 / 37 = 8.108...%
    rows = ["z,2021-05-04,sector,Zieleń,Z,3", "u,2021-05-04,sector,,U,5"]
    rows += [f"o{n},2021-05-04,sector,Obszar {n:02d},O{n},1" for n in range(1, 30)]
    for lang, expected in (
        ("pl", "Najwięcej obecności było na spotkaniach obszaru „Zieleń”: 3 z 37 (8,1%)."),
        ("en", "The most attendances were at meetings of the area “Zieleń”: 3 of 37 (8.1%)."),
    ):
        assert said(_counts(tmp_path, rows, lang)) == [expected]


def test_one_named_area_beside_the_unassigned_is_no_largest(tmp_path):
    rows = ["a,2021-05-04,sector,Zieleń,A,2", "b,2021-05-04,sector,,B,7"]
    assert said(_counts(tmp_path, rows, "en")) == []


def test_no_territory_sentence_without_territories(tmp_path):
    meetings = "\n".join(line.rsplit(",", 1)[0] for line in MEETINGS.splitlines()) + "\n"
    data = _register(tmp_path, "en", meetings=meetings)
    assert data.stats.by_territory is None
    assert not [s for s in said(data) if "district or place" in s]
    assert len(said(data)) == 3  # area, organisations, busiest month (one full month: no trend)


# --------------------------------------------------------------------------- organisations


def test_counts_say_organisations_as_a_sum_of_attendances(tmp_path):
    rows = [
        "m1,2021-05-04,sector,Zieleń,A,10,6",
        "m2,2021-05-04,sector,Zieleń,B,7,5",
        "m3,2021-05-04,sector,Zieleń,C,3,",
    ]
    # 6 + 5 (m3 gives none) = 11: organisation attendances, not distinct organisations
    data = _counts(tmp_path, rows, "pl", "attendees,organisations")
    assert said(data) == [
        "Organizacje podane przy poszczególnych spotkaniach dają w sumie 11; organizacja "
        "obecna na kilku spotkaniach liczy się przy każdym z nich, więc to suma obecności "
        "organizacji, a nie liczba różnych organizacji."
    ]
    data = _counts(tmp_path, rows, "en", "attendees,organisations")
    assert said(data) == [
        "The organisations counted at each meeting add up to 11; an organisation at several "
        "meetings counts at each of them, so this is a sum of organisation attendances, not "
        "the number of different organisations."
    ]


# --------------------------------------------------------------------------- months


def test_the_trend_compares_full_months_and_ignores_the_partial_ends(tmp_path):
    # 20 January - 10 May 2021: January and May are partial, February to April full.
    # January 9 (m1) and May 1 (m6) alone would say attendances fell; the full months
    # say they rose: February 2 + 1 = 3 (m2, m3), April 7 (m5). January stays the busiest
    # month (9 at one meeting; February 3, March 4, April 7, May 1).
    rows = [
        "m1,2021-01-20,sector,Zieleń,A,9",
        "m2,2021-02-01,sector,Zieleń,B,2",
        "m3,2021-02-15,sector,Zieleń,C,1",
        "m4,2021-03-10,sector,Zieleń,D,4",
        "m5,2021-04-30,sector,Zieleń,E,7",
        "m6,2021-05-10,sector,Zieleń,F,1",
    ]
    assert said(_counts(tmp_path, rows, "pl")) == [
        "Najwięcej obecności przypadło na styczeń 2021: 9 obecności na 1 spotkaniu.",
        "Liczba obecności wzrosła z 3 w pierwszym pełnym miesiącu okresu (luty 2021) do 7 "
        "w ostatnim pełnym miesiącu (kwiecień 2021).",
    ]
    assert said(_counts(tmp_path, rows, "en")) == [
        "The busiest month was January 2021: 9 attendances at 1 meeting.",
        "Attendances rose from 3 in February 2021 to 7 in April 2021, the first and last "
        "full months of the period.",
    ]


def test_attendances_falling_from_the_first_day_to_the_last(tmp_path):
    # 1 March - 31 May 2021: a period from a month's first day to a month's last day
    # covers both in full, so March (8) is compared with May (5): a fall. April has 20.
    rows = [
        "m1,2021-03-01,sector,Zieleń,A,8",
        "m2,2021-04-14,sector,Zieleń,B,20",
        "m3,2021-05-31,sector,Zieleń,C,5",
    ]
    assert said(_counts(tmp_path, rows, "pl")) == [
        "Najwięcej obecności przypadło na kwiecień 2021: 20 obecności na 1 spotkaniu.",
        "Liczba obecności spadła z 8 w pierwszym pełnym miesiącu okresu (marzec 2021) do 5 "
        "w ostatnim pełnym miesiącu (maj 2021).",
    ]
    assert said(_counts(tmp_path, rows, "en"))[1] == (
        "Attendances fell from 8 in March 2021 to 5 in May 2021, the first and last full "
        "months of the period."
    )


def test_attendances_level_and_a_tied_busiest_month(tmp_path):
    # 31 December 2020 - 1 March 2021: December (1) and March (4) are partial and would say
    # "rose"; the full months January (2 + 3 = 5 at two meetings) and February (5 at one)
    # are level. January and February tie as the busiest: the earliest is named.
    rows = [
        "m0,2020-12-31,sector,Zieleń,Z,1",
        "m1,2021-01-05,sector,Zieleń,A,2",
        "m2,2021-01-25,sector,Zieleń,B,3",
        "m3,2021-02-05,sector,Zieleń,C,5",
        "m4,2021-03-01,sector,Zieleń,D,4",
    ]
    assert said(_counts(tmp_path, rows, "pl")) == [
        "Najwięcej obecności przypadło na styczeń 2021: 5 obecności na 2 spotkaniach; tyle "
        "samo miał jeszcze 1 inny miesiąc.",
        "W pierwszym pełnym miesiącu okresu (styczeń 2021) i w ostatnim pełnym miesiącu "
        "(luty 2021) liczba obecności była taka sama: 5.",
    ]
    assert said(_counts(tmp_path, rows, "en")) == [
        "The earliest of the busiest months was January 2021: 5 attendances at 2 meetings; "
        "1 other month had as many.",
        "Attendances were the same, 5, in January 2021 and in February 2021, the first and "
        "last full months of the period.",
    ]


def test_fewer_than_two_full_months_have_no_trend(tmp_path):
    # 25 May - 4 July 2018, as the shipped announcement: May 17 and July 11 (one meeting
    # each, partial months) would say "fell"; June, 50 + 73 = 123, is the only full month
    rows = [
        "m1,2018-05-25,sector,Zieleń,A,17",
        "m2,2018-06-06,sector,Zieleń,B,50",
        "m3,2018-06-20,sector,Zieleń,C,73",
        "m4,2018-07-04,sector,Zieleń,D,11",
    ]
    assert said(_counts(tmp_path, rows, "en")) == [
        "The busiest month was June 2018: 123 attendances at 2 meetings."
    ]


def test_a_full_month_without_a_figure_has_no_trend(tmp_path):
    # 20 January - 30 April 2021: February to April are full. February has no meeting at
    # all, so there is nothing to compare; with a meeting of no count, no figure either.
    rows = [
        "m1,2021-01-20,sector,Zieleń,A,4",
        "m2,2021-03-10,sector,Zieleń,B,6",
        "m3,2021-04-30,sector,Zieleń,C,2",
    ]
    assert said(_counts(tmp_path, rows, "en")) == [
        "The busiest month was March 2021: 6 attendances at 1 meeting."
    ]
    blank = [*rows, "m4,2021-02-12,sector,Zieleń,D,"]  # February: one meeting, no count
    assert said(_counts(tmp_path, blank, "en")) == [
        "The busiest month was March 2021: 6 attendances at 1 meeting."
    ]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2018-05-25", "2018-07-04", None),  # June alone
        ("2021-01-01", "2021-01-31", None),  # January alone, though whole
        ("2020-01-01", "2020-02-29", ("2020-01", "2020-02")),  # a leap February, to its end
        ("2020-01-01", "2020-02-28", None),  # the leap February lacks its 29th
        ("2021-12-15", "2023-02-28", ("2022-01", "2023-02")),  # across years
    ],
)
def test_the_full_months_of_a_period(start, end, expected):
    period = (dt.date.fromisoformat(start), dt.date.fromisoformat(end))
    assert full_months(period) == expected


def test_one_month_has_no_trend(tmp_path):
    rows = ["m1,2021-01-05,sector,Zieleń,A,6", "m2,2021-01-25,sector,Zieleń,B,2"]
    assert said(_counts(tmp_path, rows, "en")) == []


# --------------------------------------------------------------------------- remarks

REMARKS_HEADER = "remark_id,text,area,outcome\n"


def _with_remarks(tmp_path: Path, outcomes: list[str], lang: str):
    rows = [f"R{n},Uwaga {n},seniors,{outcome}" for n, outcome in enumerate(outcomes, 1)]
    path = _write(tmp_path, "remarks.csv", REMARKS_HEADER + "\n".join(rows) + "\n")
    return _register(tmp_path, lang, area="seniors", remarks_path=path)


def test_the_acceptance_rate_with_its_base(tmp_path):
    # accepted 1 + partly accepted 1 = 2, of 2 + rejected 2 = 4: 50%; the explained,
    # pending and withdrawn remarks are outside the base. Seniors alone: one meeting, O2.
    outcomes = [
        "uwzględniona", "częściowo uwzględniona", "nieuwzględniona", "nie uwzględniono",
        "wyjaśnienie", "", "wycofana",
    ]  # fmt: skip
    assert said(_with_remarks(tmp_path, outcomes, "pl")) == [
        "W spotkaniach wzięła udział 1 organizacja.",
        "Spośród 4 uwag uwzględnionych lub odrzuconych uwzględniono 2 w całości lub w części "
        "(50,0%); wyjaśnienia, uwagi już ujęte w projekcie, wycofane i nierozpatrzone nie są "
        "tu liczone.",
    ]
    assert said(_with_remarks(tmp_path, outcomes, "en"))[1] == (
        "Of the 4 remarks that were accepted or rejected, 2 were accepted in full or in part "
        "(50.0%); explanations, remarks already covered, withdrawn and pending remarks are "
        "not counted here."
    )


def test_one_rated_remark_rejected(tmp_path):
    # rejected 1, already covered 1: 0 of 1, 0%
    data = _with_remarks(tmp_path, ["nieuwzględniona", "już ujęta"], "en")
    assert said(data)[1] == (
        "Of the one remark that was accepted or rejected, 0 were accepted in full or in part "
        "(0.0%); explanations, remarks already covered, withdrawn and pending remarks are "
        "not counted here."
    )


def test_no_rate_without_remarks_or_without_a_rated_remark(tmp_path):
    without = _register(tmp_path, "en", area="seniors")
    assert without.remarks is None
    assert said(without) == ["The meetings were attended by 1 organisation."]
    unrated = _with_remarks(tmp_path, ["wyjaśnienie", "", "wycofana"], "en")
    assert said(unrated) == ["The meetings were attended by 1 organisation."]


# --------------------------------------------------------------------------- the title


@pytest.mark.parametrize(
    ("lang", "expected"), [("pl", "Spotkania konsultacyjne"), ("en", "Consultation meetings")]
)
def test_the_title_names_no_file(tmp_path, lang, expected):
    data = _register(tmp_path, lang)
    assert data.consultation_title == expected
    assert views.summary(data)["consultation"] == expected
    header = views.Report(data).header().html
    assert STEM not in data.title and STEM not in header and "spotkania-dzielnic" not in header


ONLINE_REMARKS = """R1,Uwaga 1,,uwzględniona
R2,Uwaga 2,,częściowo uwzględniona
R3,Uwaga 3,,nieuwzględniona
R4,Uwaga 4,,wyjaśnienie
R5,Uwaga 5,,
"""
ONLINE_HEADLINE = {
    # accepted R1 + partly accepted R2 = 2, of 2 + rejected R3 = 3: 2 / 3 = 66.67%; the
    # explanation R4 and the pending R5 are outside the base
    "pl": "Spośród 3 uwag uwzględnionych lub odrzuconych uwzględniono 2 w całości lub w części "
    "(66,7%); wyjaśnienia, uwagi już ujęte w projekcie, wycofane i nierozpatrzone nie są "
    "tu liczone.",
    "en": "Of the 3 remarks that were accepted or rejected, 2 were accepted in full or in part "
    "(66.7%); explanations, remarks already covered, withdrawn and pending remarks are not "
    "counted here.",
}


@pytest.mark.parametrize("lang", ["pl", "en"])
def test_a_consultation_held_online_has_its_own_title_and_its_acceptance_headline(tmp_path, lang):
    # no meetings: no key figures, so the remarks section (the whole report) opens with
    # the headline, here the acceptance rate alone, and the summary says the same
    remarks = _write(tmp_path, "uwagi-online.csv", REMARKS_HEADER + ONLINE_REMARKS)
    data = views.load_report(
        meetings_path="none", register_path="none", remarks_path=remarks, lang=lang
    ).data
    title = {"pl": "Uwagi zgłoszone w konsultacjach", "en": "Remarks submitted in the consultation"}
    assert data.consultation_title == title[lang]
    assert "uwagi-online" not in data.title
    assert section("key_figures", data) is None
    assert said(data) == [ONLINE_HEADLINE[lang]]
    shown = section("remarks", data)
    first, figures = shown.blocks[0], shown.blocks[1]
    assert isinstance(first, blocks.ItemList) and isinstance(figures, blocks.KeyFigures)
    assert [text.sentence(lang) for text in first.items] == [ONLINE_HEADLINE[lang]]
    assert views.summary(data)["headline"] == [ONLINE_HEADLINE[lang]]
    html = render_section(shown, lang, {}, None)
    assert html.index(f"<li>{ONLINE_HEADLINE[lang]}</li>") < html.index('<dl class="key-figures">')


def test_an_online_consultation_without_a_rated_remark_has_no_headline(tmp_path):
    # an explanation and a pending remark: no rate, so nothing opens the section
    rows = "R1,Uwaga 1,,wyjaśnienie\nR2,Uwaga 2,,\n"
    remarks = _write(tmp_path, "uwagi-online.csv", REMARKS_HEADER + rows)
    data = views.load_report(
        meetings_path="none", register_path="none", remarks_path=remarks, lang="en"
    ).data
    assert said(data) == [] and views.summary(data)["headline"] == []
    assert isinstance(section("remarks", data).blocks[0], blocks.KeyFigures)


def test_with_meetings_the_remarks_section_does_not_repeat_the_headline(tmp_path):
    # the key figures open with it already: the remarks section opens with its own figures
    data = _with_remarks(tmp_path, ["uwzględniona", "nieuwzględniona"], "en")
    assert said(data)[-1].startswith("Of the 2 remarks that were accepted or rejected, 1 was")
    assert isinstance(section("key_figures", data).blocks[0], blocks.ItemList)
    assert isinstance(section("remarks", data).blocks[0], blocks.KeyFigures)


def test_a_territory_tie_names_the_first_by_name_and_the_others_in_words(tmp_path):
    # Nowa Huta 3, Podgórze 3, Krowodrza 3, Bieżanów 1 (one area, one month: only this
    # sentence). Total 10; 3 / 10 = 30%. By name: Krowodrza, Nowa Huta, Podgórze; so
    # Krowodrza and 2 others
    rows = [
        "t1,2021-05-04,sector,culture,A,3,Nowa Huta",
        "t2,2021-05-05,sector,culture,B,3,Podgórze",
        "t3,2021-05-06,sector,culture,C,3,Krowodrza",
        "t4,2021-05-07,sector,culture,D,1,Bieżanów",
    ]
    columns = "attendees,territory"
    assert said(_counts(tmp_path, rows, "pl", columns)) == [
        "Najwięcej obecności, po 3 z 10 (30,0%), było w dzielnicy lub miejscu „Krowodrza” i "
        "w jeszcze 2 innych dzielnicach lub miejscach."
    ]
    assert said(_counts(tmp_path, rows, "en", columns)) == [
        "The most attendances, 3 of 10 each (30.0%), were in the district or place "
        "“Krowodrza” and in 2 other districts or places."
    ]


@pytest.mark.parametrize(
    ("count", "polish"),
    [
        (1, "W spotkaniach wzięła udział 1 organizacja."),
        (4, "W spotkaniach wzięły udział 4 różne organizacje."),
        (5, "W spotkaniach wzięło udział 5 różnych organizacji."),
        (12, "W spotkaniach wzięło udział 12 różnych organizacji."),
        (22, "W spotkaniach wzięły udział 22 różne organizacje."),
    ],
)
def test_the_organisations_are_counted_in_the_polish_form_their_number_takes(count, polish):
    from analysis.views.sections.headline import Counted

    assert Counted("headline_organisations", {"count": count}).sentence("pl") == polish
