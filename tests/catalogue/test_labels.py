"""Labels and locale formatting."""

from __future__ import annotations

import pytest

from analysis.catalogue import labels


def test_every_area_of_the_data_model_has_both_labels():
    assert labels.area_label("human-rights", "pl") == (
        "Antydyskryminacja, mniejszości, prawa kobiet, prawa człowieka"
    )
    assert labels.area_label("ngo-business", "en") == "NGO–business cooperation"
    assert len(labels.AREA_LABELS) == 11


def test_unknown_area_is_shown_readably():
    assert labels.area_label("ochrona-srodowiska", "pl") == "Ochrona srodowiska"


def test_numbers_follow_the_locale():
    assert labels.format_number(1234567, "pl") == "1\xa0234\xa0567"
    assert labels.format_number(1234567, "en") == "1,234,567"
    assert labels.format_number(0.5, "pl", decimals=1) == "0,5"
    assert labels.format_signed(-3, "pl") == "−3"
    assert labels.format_signed(2, "en") == "+2"


@pytest.mark.parametrize(
    "missing", [None, float("nan"), "np.float64('nan')", "pd.NA", "pd.NaT", "np.nan"]
)
def test_a_missing_number_is_a_dash_whatever_made_it(missing):
    import numpy as np  # noqa: F401  (named in the parameters)
    import pandas as pd  # noqa: F401

    value = eval(missing) if isinstance(missing, str) else missing
    assert labels.format_number(value, "pl") == "–"
    assert labels.format_signed(value, "en") == "–"


def test_numpy_numbers_and_days_format_like_plain_ones():
    import datetime as dt

    import numpy as np
    import pandas as pd

    assert labels.format_number(np.int64(1204), "pl") == "1\xa0204"
    assert labels.format_number(np.float64(2.25), "en", decimals=1) == "2.2"
    day = dt.date(2018, 5, 25)
    for same in ("2018-05-25", pd.Timestamp("2018-05-25 18:30"), np.datetime64("2018-05-25")):
        assert labels.format_date(same, "pl") == labels.format_date(day, "pl") == "25 maja 2018"


def test_dates_use_polish_month_names_in_polish():
    assert labels.format_date("2018-07-04", "pl") == "4 lipca 2018"
    assert labels.format_date("2018-07-04", "en") == "4 July 2018"
    assert labels.format_period("2018-05-25", "2018-07-04", "pl") == "25 maja – 4 lipca 2018"
    assert labels.format_period("2020-03-02", "2020-03-16", "pl") == "2–16 marca 2020"
    assert (
        labels.format_period("2018-12-30", "2019-01-04", "en")
        == "30 December 2018 – 4 January 2019"
    )


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language must be one of pl, en"):
        labels.area_label("culture", "de")


#: Each month's day as a Polish page writes it (the genitive, whole) and an English one.
MONTHS = [
    ("2018-01-25", "25 stycznia 2018", "25 January 2018"),
    ("2018-02-05", "5 lutego 2018", "5 February 2018"),
    ("2018-03-25", "25 marca 2018", "25 March 2018"),
    ("2018-04-05", "5 kwietnia 2018", "5 April 2018"),
    ("2018-05-25", "25 maja 2018", "25 May 2018"),
    ("2018-06-05", "5 czerwca 2018", "5 June 2018"),
    ("2018-07-04", "4 lipca 2018", "4 July 2018"),
    ("2018-08-25", "25 sierpnia 2018", "25 August 2018"),
    ("2018-09-05", "5 września 2018", "5 September 2018"),
    ("2018-10-25", "25 października 2018", "25 October 2018"),
    ("2018-11-05", "5 listopada 2018", "5 November 2018"),
    ("2018-12-25", "25 grudnia 2018", "25 December 2018"),
]


@pytest.mark.parametrize(("day", "polish", "english"), MONTHS)
def test_a_date_names_its_month_whole_in_both_languages(day, polish, english):
    assert labels.format_date(day, "pl") == polish
    assert labels.format_date(day, "en") == english


def test_no_truncated_month_style_is_left_to_use():
    """'d MMM y' wrote "25 maj 2018" (the nominative, cut) in long tables and 'd MMM'
    "25 maj" on the reach chart's axis: no style gives either now."""
    for cut in ("medium", "short"):
        with pytest.raises(KeyError):
            labels.format_date("2018-05-25", "pl", cut)
    assert labels.format_date("2018-05-25", "pl", "day-month") == "25 maja"


@pytest.mark.parametrize(
    ("count", "polish", "english"),
    [
        (2, "2 pozostałe obszary", "2 other areas"),
        (4, "4 pozostałe obszary", "4 other areas"),
        (5, "5 pozostałych obszarów", "5 other areas"),
        (12, "12 pozostałych obszarów", "12 other areas"),
        (22, "22 pozostałe obszary", "22 other areas"),
        (1, "1 pozostały obszar", "1 other area"),
    ],
)
def test_the_folded_groups_are_counted_in_the_languages_plural(count, polish, english):
    assert labels.plural("other_area", "pl", count) == polish
    assert labels.plural("other_area", "en", count) == english
    assert labels.plural("other_territory", "pl", 6) == "6 pozostałych dzielnic lub miejsc"
    assert labels.plural("other_kind", "en", 3) == "3 other meeting kinds"
