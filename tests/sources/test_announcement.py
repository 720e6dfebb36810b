"""The announcement parser, checked against docs/data-contract.md §2 and a second announcement."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analysis.sources.announcement import AnnouncementError, parse_announcement, read_announcement

# docs/data-contract.md §2, typed in by hand.
EXPECTED_2018 = [
    ("2018-05-25-culture", "2018-05-25", "sector", "culture", "kultura i sztuka"),
    (
        "2018-06-05-social-welfare",
        "2018-06-05",
        "sector",
        "social-welfare",
        "pomoc społeczna i osoby z niepełnosprawnościami",
    ),
    ("2018-06-06-seniors", "2018-06-06", "sector", "seniors", "wsparcie seniorów"),
    (
        "2018-06-07-revitalisation",
        "2018-06-07",
        "sector",
        "revitalisation",
        "rewitalizacja, przestrzeń, Nowa Huta",
    ),
    (
        "2018-06-11-youth-education",
        "2018-06-11",
        "sector",
        "youth-education",
        "młodzież i edukacja",
    ),
    (
        "2018-06-14-sport-health",
        "2018-06-14",
        "sector",
        "sport-health",
        "sport, zdrowie, profilaktyka",
    ),
    (
        "2018-06-15-human-rights",
        "2018-06-15",
        "sector",
        "human-rights",
        "antydyskryminacja, mniejszości, prawa kobiet, prawa człowieka",
    ),
    (
        "2018-06-21-premises",
        "2018-06-21",
        "thematic",
        "premises",
        "Polityka lokalowa i zasady korzystania z mienia gminy",
    ),
    (
        "2018-06-22-ngo-business",
        "2018-06-22",
        "thematic",
        "ngo-business",
        "Tworzenie warunków do współpracy NGO i biznesu",
    ),
    ("2018-06-26-newcomers", "2018-06-26", "newcomers", "newcomers", None),
    ("2018-07-04-general", "2018-07-04", "general", "general", None),
]


def test_2018_announcement_yields_the_eleven_meetings_of_the_data_model(announcement_path):
    meetings = read_announcement(announcement_path).meetings
    got = list(meetings[["meeting_id", "date", "kind", "area"]].itertuples(index=False))
    expected = [(mid, pd.Timestamp(d), kind, area) for mid, d, kind, area, _ in EXPECTED_2018]
    assert [tuple(row) for row in got] == expected


def test_2018_titles_are_as_published(announcement_path):
    meetings = read_announcement(announcement_path).meetings.set_index("meeting_id")
    for meeting_id, *_, title in EXPECTED_2018:
        if title is not None:
            assert meetings.at[meeting_id, "title"] == title


def test_2018_published_totals(announcement_path):
    assert read_announcement(announcement_path).published == {
        "meetings": 11,
        "participants": 94,
        "organisations": 72,
        "start": dt.date(2018, 5, 25),
        "end": dt.date(2018, 7, 4),
    }


# A second announcement of the same shape, written for this test: other year,
# months, topics (one unknown to the labels) and totals; CRLF line ends.
SECOND = """Fundacja ogłosiła raport z konsultacji.\r
\r
W okresie od 3 marca do 12 kwietnia 2021 r. odbyło się 6 spotkań konsultacyjnych, w których\r
uczestniczyło łącznie 58 osób, będących przedstawicielami 41 organizacji\r
pozarządowych. Spotkania branżowe zostały zorganizowane dla organizacji działających\r
w obszarach:\r
\r
ochrona środowiska (3.03.2021)\r
\r
kultura i sztuka (10.03.2021)\r
\r
wsparcie seniorów (17.03.2021)\r
\r
Zorganizowano ponadto spotkanie dedykowane organizacjom, które do tej pory nie\r
współpracowały z miastem (25.03.2021) oraz jedno spotkanie tematyczne: „Lokale dla\r
organizacji” (30.03.2021). Ostatnie spotkanie miało charakter „ogólnobranżowy” (12.04.2021).\r
"""


def test_second_announcement_with_other_dates_topics_and_totals():
    parsed = parse_announcement(SECOND, source="second.txt")
    assert parsed.meetings["meeting_id"].tolist() == [
        "2021-03-03-ochrona-srodowiska",
        "2021-03-10-culture",
        "2021-03-17-seniors",
        "2021-03-25-newcomers",
        "2021-03-30-lokale-dla-organizacji",
        "2021-04-12-general",
    ]
    assert parsed.meetings["kind"].tolist() == [
        "sector",
        "sector",
        "sector",
        "newcomers",
        "thematic",
        "general",
    ]
    assert parsed.meetings["title"].iloc[4] == "Lokale dla organizacji"
    assert parsed.published == {
        "meetings": 6,
        "participants": 58,
        "organisations": 41,
        "start": dt.date(2021, 3, 3),
        "end": dt.date(2021, 4, 12),
    }


def test_meeting_count_that_disagrees_with_the_text_is_an_error():
    text = SECOND.replace("6 spotkań", "7 spotkań")
    with pytest.raises(AnnouncementError, match="announces 7 meetings but 6"):
        parse_announcement(text, source="second.txt")


def test_invalid_date_names_the_line():
    text = SECOND.replace("(17.03.2021)", "(31.02.2021)")
    with pytest.raises(AnnouncementError, match=r"second\.txt:12: invalid date \(31\.02\.2021\)"):
        parse_announcement(text, source="second.txt")


def test_missing_period_is_an_error():
    with pytest.raises(AnnouncementError, match="no period found"):
        parse_announcement(SECOND.replace("od 3 marca do", "między"), source="x")


def test_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(AnnouncementError, match="nope.txt: file not found"):
        read_announcement(tmp_path / "nope.txt")
