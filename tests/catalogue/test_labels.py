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
