"""Labels and locale formatting."""

from __future__ import annotations

import pytest

from analysis import labels


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


def test_dates_use_polish_month_names_in_polish():
    assert labels.format_date("2018-07-04", "pl") == "4 lipca 2018"
    assert labels.format_date("2018-07-04", "en") == "4 July 2018"
    assert labels.format_period("2018-05-25", "2018-07-04", "pl") == "25 maja – 4 lipca 2018"
    assert labels.format_period("2020-03-02", "2020-03-16", "pl") == "2–16 marca 2020"
    assert (
        labels.format_period("2018-12-30", "2019-01-04", "en")
        == "30 December 2018 – 4 January 2019"
    )


def test_slugify_transliterates_polish_letters():
    assert labels.slugify("Łąki, źródła i żółwie") == "laki-zrodla-i-zolwie"


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language must be one of pl, en"):
        labels.area_label("culture", "de")
