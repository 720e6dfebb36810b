"""Cell values as real exports write them: dates, counts and free-text names.

Every function takes a column of trimmed text (``""`` for a blank cell) and
returns a new column; nothing here reads a file or knows a table. What cannot
be read becomes missing (``NaT``, ``<NA>``), and the caller decides whether
that is a rejection (a bad date) or unknown (a blank count).

>>> import pandas as pd
>>> parse_dates(pd.Series(["2016-02-09 18:00:00 UTC", "09/02/2016", "9.2.2016", "x"])).tolist()
[Timestamp('2016-02-09 00:00:00'), Timestamp('2016-02-09 00:00:00'), \
Timestamp('2016-02-09 00:00:00'), NaT]
>>> parse_counts(pd.Series(["79", "79.0", "1 234", "", "-1", "2.5", "1.000"])).tolist()
[79, 79, 1234, <NA>, <NA>, <NA>, <NA>]
>>> count_problems(pd.Series(["79", "", "-1", "2.5"])).tolist()
[False, False, True, True]
"""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata

import pandas as pd

from analysis.sources.columns import slugify
from analysis.validation import UNASSIGNED

#: A time of day after a date, optionally with seconds, fraction and a zone
#: (``Z``, ``UTC``, ``+01:00``, ``+0100``): it is ignored, the date is the local
#: date written.
_ZONE = r"(?:Z|UTC|GMT|[+-][0-9]{2}:?[0-9]{2})"
_TIME = rf"(?:[ T][0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}}(?:\.[0-9]+)?)?\s*{_ZONE}?)?"
# [0-9], not \d: a regular expression's \d takes any script's digits (full-width ２０２５,
# Arabic-Indic ٢), which no date parser here reads; such text is "not a date"
_ISO = rf"(?P<y>[0-9]{{4}})-(?P<m>[0-9]{{1,2}})-(?P<d>[0-9]{{1,2}}){_TIME}"
_DAY_FIRST = rf"(?P<d2>[0-9]{{1,2}})[./](?P<m2>[0-9]{{1,2}})[./](?P<y2>[0-9]{{4}}){_TIME}"
DATE_PATTERN = rf"^(?:{_ISO}|{_DAY_FIRST})$"
DATE_FORMS = "YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY, optionally with a time"
#: The dates pandas can hold (nanoseconds since 1970 in 64 bits).
FIRST_YEAR, LAST_YEAR = 1678, 2261
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

#: Digits with an optional space, no-break space or narrow no-break space between
#: groups of three, and an optional ``.0`` or ``.00`` (spreadsheets write whole
#: numbers so). ``1.000`` is refused: it may mean a thousand.
COUNT_PATTERN = r"^(?:[0-9]+|[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+)(?:\.00?)?$"
COUNT_FORMS = "a whole number ≥ 0 (e.g. 79, 79.0, 1 234)"
#: The largest count read: more is a mistake (a phone number, a sum pasted in a cell) and
#: would not fit a whole number column.
MAX_COUNT = 999_999_999


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates written as ISO or day-first, with or without a time; ``NaT`` where neither.

    Slashes and dots are read day-first (``09/02/2016`` is 9 February); an
    impossible date such as ``31.02.2018``, or one outside the years pandas can hold
    (:data:`FIRST_YEAR` to :data:`LAST_YEAR`), is ``NaT``.
    """
    parts = values.astype(str).str.strip().str.extract(DATE_PATTERN)
    year = parts["y"].fillna(parts["y2"])
    month = parts["m"].fillna(parts["m2"])
    day = parts["d"].fillna(parts["d2"])
    text = year + "-" + month.str.zfill(2) + "-" + day.str.zfill(2)
    held = pd.to_numeric(year, errors="coerce").between(FIRST_YEAR, LAST_YEAR)
    text = text.where(held)  # a year pandas cannot hold is no date (date_problem says so)
    return pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype("datetime64[ns]")


def is_date_form(values: pd.Series) -> pd.Series:
    """Whether each cell is written in one of the accepted date forms (not whether that
    day exists: see :func:`date_problem`)."""
    return values.astype(str).str.strip().str.match(DATE_PATTERN)


def date_problem(text: str) -> str:
    """Why a date in an accepted form is not a day there is (or can be held), in words.

    >>> date_problem("31.06.2025"), date_problem("2025-02-29"), date_problem("1.13.2025")
    ('no such date (June has 30 days)', 'no such date (February 2025 has 28 days)', \
'no such date (there is no month 13)')
    >>> date_problem("9999-12-31")
    'date out of range (years 1678 to 2261)'
    """
    parts = pd.Series([text]).str.strip().str.extract(DATE_PATTERN).iloc[0]
    year = int(parts["y"] if isinstance(parts["y"], str) else parts["y2"])
    month = int(parts["m"] if isinstance(parts["m"], str) else parts["m2"])
    day = int(parts["d"] if isinstance(parts["d"], str) else parts["d2"])
    if not 1 <= month <= 12:
        return f"no such date (there is no month {month})"
    days = calendar.monthrange(year, month)[1] if 1 <= year <= 9999 else 31
    if not 1 <= day <= days:
        if day == 0:
            return "no such date (there is no day 0)"
        which = f"{_MONTHS[month - 1]} {year}" if month == 2 else _MONTHS[month - 1]
        return f"no such date ({which} has {days} days)"
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"date out of range (years {FIRST_YEAR} to {LAST_YEAR})"
    return ""


def _count_text(values: pd.Series) -> pd.Series:
    return values.astype(str).str.strip()


def _digits(text: pd.Series) -> pd.Series:
    """A count's digits alone (no separators, no ``.0``), where ``text`` is a count."""
    digits = text.where(text.str.fullmatch(COUNT_PATTERN)).str.replace(r"\.00?$", "", regex=True)
    return digits.str.replace(r"[ \u00a0\u202f]", "", regex=True)


def count_problems(values: pd.Series) -> pd.Series:
    """True where a cell holds something that is not a count (or one past
    :data:`MAX_COUNT`); a blank cell is unknown, fine.

    >>> count_problems(pd.Series(["79", "", "１２", "1 234", "12345678901234567890123"])).tolist()
    [False, False, True, False, True]
    """
    text = _count_text(values)
    digits = _digits(text).str.lstrip("0")
    too_large = digits.str.len().fillna(0) > len(str(MAX_COUNT))
    return (text != "") & (~text.str.fullmatch(COUNT_PATTERN) | too_large)


def count_problem(text: str) -> str:
    """Why a cell is not a count, in words (its forms, or its size)."""
    if _digits(pd.Series([text.strip()])).notna().iloc[0]:
        return f"too large for a count (at most {MAX_COUNT:,})".replace(",", " ")
    return f"not {COUNT_FORMS}"


def parse_counts(values: pd.Series) -> pd.Series:
    """Counts as nullable integers; a blank cell (or a bad one) is ``<NA>``, never 0."""
    text = _count_text(values)
    digits = _digits(text).where(~count_problems(values))
    return pd.to_numeric(digits, errors="coerce").astype("Int64")


def count_names(values: pd.Series) -> pd.Series:
    """How many names a cell lists, separated by commas, semicolons or line breaks; a
    blank cell is ``<NA>`` (unknown).

    >>> count_names(pd.Series(["Fundació A, Associació B", "", "C;; D ,"])).tolist()
    [2, <NA>, 2]
    """
    text = values.astype(str).str.strip()
    counts = text.str.split(r"[,;\n]", regex=True).map(
        lambda names: sum(bool(n.strip()) for n in names)
    )
    return counts.astype("Int64").mask(text == "")


def codes_and_labels(values: pd.Series) -> tuple[pd.Series, dict[str, str]]:
    """A stable code for each free-text name, and the name shown for each code.

    The code is the name's lower-case ASCII slug (``'Ciutat Vella'`` ->
    ``'ciutat-vella'``); a blank name is :data:`UNASSIGNED`. Names that differ
    only in case, accents or punctuation share a code, shown by their most
    frequent spelling (on a tie, the first one written).

    >>> codes, shown = codes_and_labels(pd.Series(["Sant Martí", "sant marti", "Sant Martí", ""]))
    >>> codes.tolist(), shown
    (['sant-marti', 'sant-marti', 'sant-marti', 'unassigned'], {'sant-marti': 'Sant Martí'})
    """
    names = values.astype(str).str.strip().map(lambda s: " ".join(s.split()))
    codes = names.map(code_of).mask(names == "", UNASSIGNED)
    written = pd.DataFrame({"code": codes, "name": names})[names != ""]
    frequency = written.groupby(["code", "name"], sort=False).size().reset_index(name="n")
    frequency = frequency.sort_values(["code", "n"], ascending=[True, False], kind="stable")
    shown = dict(frequency.drop_duplicates("code")[["code", "name"]].itertuples(index=False))
    return codes, shown


def code_of(name: str) -> str:
    """A name's code: its ASCII slug when its letters are Latin, else ``name-`` and a short
    hash of the name with case and accents folded (so ``Округ 1`` and ``Дільниця 1`` stay
    apart, and ``Культура`` and ``культура`` are one).

    >>> code_of("Sant Martí"), code_of("Культура") == code_of("культура")
    ('sant-marti', True)
    """
    slug = slugify(name)
    plain = unicodedata.normalize("NFKD", name.replace("ł", "l").replace("Ł", "L"))
    folded = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    if slug and all(c.isascii() for c in folded if c.isalnum()):
        return slug
    key = "-".join(re.findall(r"\w+", folded)) or folded.strip()
    return "name-" + hashlib.sha256(key.encode()).hexdigest()[:8]
