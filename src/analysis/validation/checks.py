"""The checks a source table must pass, written down once, and what they reject.

Each table's schema is a list of :class:`Rule` per column, in the order they are
tried: the first rule a cell fails gives its reason, and a row that fails in
several columns is named once with each column, value and reason joined by
``"; "``. Nothing is dropped silently: a failing row is kept with its file,
line (CSV line, XLSX sheet row, Parquet row), column, value and reason, and
with its own cells (``row_<column>``).

Most rules depend on the value alone (``by_value``); they are asked once per
distinct value of the column, so a million rows naming eleven meetings cost
eleven checks, not a million.

>>> import numpy as np
>>> import pandas as pd
>>> from analysis.sources.reading import RawTable
>>> frame = pd.DataFrame({"id": ["a", "", "b@x"]}, dtype="str")
>>> table = RawTable(frame, np.array([2, 3, 4]), "line", "f.csv")
>>> rules = {"id": [Rule(MISSING, not_empty), Rule("no @", lambda s: ~s.str.contains("@"))]}
>>> bad, records, _codes = failures(table, rules)
>>> bad.tolist(), records[["line", "value", "reason"]].values.tolist()
([False, True, True], [[3, '', 'missing value'], [4, 'b@x', 'no @']])
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.sources.reading import RawTable, empty_rejects

MISSING = "missing value"


@dataclass(frozen=True)
class Rule:
    """One check of a column: ``passes`` takes the column and says which cells pass.

    ``by_value``: the answer depends on the value alone (not on the row's place),
    so it is asked once per distinct value.
    """

    reason: str
    passes: Callable[[pd.Series], object]
    by_value: bool = True
    #: a value's own reason (e.g. which day a month lacks), in place of ``reason``
    explain: Callable[[str], str] | None = None


def not_empty(values: pd.Series) -> pd.Series:
    return values.str.len() > 0


#: A NUL or other control character: no person types one; a damaged file holds it.
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
NO_CONTROL = Rule("control character in value", lambda s: ~s.str.contains(_CONTROL, regex=True))
#: An id or name holding a line break: a stray double quote joined rows into it.
ONE_LINE = Rule(
    "line break in value (a stray double quote may have joined rows)",
    lambda s: ~s.str.contains(r"[\r\n]", regex=True),
)
NOT_MISSING = Rule(MISSING, not_empty)

#: Unicode's invisible format characters (category Cf: zero-width space, soft hyphen,
#: joiners, direction marks, the byte-order mark, ...), written out (computing them costs
#: every import a quarter of a second); a test checks them against ``unicodedata``.
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"
)
_INVISIBLE = f"[{FORMAT_CHARACTERS}]"


def invisible_problem(text: str) -> str:
    """Which invisible character an identifier holds, by its Unicode name.

    >>> invisible_problem("P\u200b1")
    'invisible character in value (U+200B ZERO WIDTH SPACE)'
    """
    found = re.search(_INVISIBLE, text)
    char = found.group(0) if found else ""
    name = unicodedata.name(char, "FORMAT CHARACTER") if char else ""
    return f"invisible character in value (U+{ord(char):04X} {name})" if char else ""


#: An identifier with an invisible character looks like another one and is not: two ids
#: that differ only by a zero-width space or a soft hyphen would count as two people.
VISIBLE = Rule(
    "invisible character in value",
    lambda s: ~s.str.contains(_INVISIBLE, regex=True),
    explain=invisible_problem,
)


def nfkc(values: pd.Series) -> pd.Series:
    """Identifiers as Unicode compares them (NFKC: full-width ``Ｐ１`` is ``P1``, a
    ligature is its letters); plain ASCII columns, the usual case, are returned as they are.

    >>> nfkc(pd.Series(["Ｐ１", "P1"])).tolist()
    ['P1', 'P1']
    """
    if values.str.isascii().all():
        return values
    return values.str.normalize("NFKC")


def one_of(known, reason: str) -> Rule:
    """Values must be among ``known`` (e.g. the meetings' ids)."""
    allowed = list(known)
    return Rule(reason, lambda s: s.isin(allowed))


def first_of_its_value(reason: str) -> Rule:
    """A value may appear once; later rows repeating it fail (a blank is left to
    :data:`NOT_MISSING`)."""
    return Rule(
        reason, lambda s: ~s.duplicated(keep="first").to_numpy() | (s == "").to_numpy(), False
    )


Rules = dict[str, list[Rule]]
#: Per checked column: each row's code and the distinct values (``pd.factorize``).
Codes = dict[str, tuple[np.ndarray, pd.Index]]


def failures(table: RawTable, rules: Rules) -> tuple[np.ndarray, pd.DataFrame, Codes]:
    """Run the rules; return the bad-row mask, one record per bad row, and the codes.

    A column without rules, or a rule's column missing from the table, is skipped.
    """
    frame = table.frame
    n = len(frame)
    codes: Codes = {}
    failed: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # column -> rows, reason per row
    for column in frame.columns:
        if column not in rules:
            continue
        values = frame[column]
        row_codes, distinct = pd.factorize(values)
        codes[column] = (row_codes, distinct)
        distinct_values = pd.Series(distinct, dtype=values.dtype)
        first = np.full(n, -1, dtype=np.int16)
        for position, rule in enumerate(rules[column]):
            if rule.by_value:
                ok = np.asarray(rule.passes(distinct_values), dtype=bool)[row_codes]
            else:
                ok = np.asarray(rule.passes(values.reset_index(drop=True)), dtype=bool)
            first[~ok & (first < 0)] = position
        rows = np.flatnonzero(first >= 0)
        if len(rows):
            reasons = np.array([r.reason for r in rules[column]], dtype=object)
            why = reasons[first[rows]]
            for position, rule in enumerate(rules[column]):
                if rule.explain is not None and (first[rows] == position).any():
                    at = first[rows] == position
                    why[at] = values.iloc[rows[at]].map(rule.explain).to_numpy(dtype=object)
            failed[column] = (rows, why)
    bad = np.zeros(n, dtype=bool)
    for rows, _ in failed.values():
        bad[rows] = True
    if not failed and n:
        return bad, empty_rejects(), codes
    index = np.flatnonzero(bad)  # a table with no rows still names its cells' columns
    named = _joined(table, index, failed)
    records = pd.DataFrame(
        {
            "file": str(table.path),
            "line": table.positions[index],
            "column": pd.Series(named[0], dtype="str"),
            "field": pd.Series(named[1], dtype="str"),
            "value": pd.Series(named[2], dtype="str"),
            "reason": pd.Series(named[3], dtype="str"),
        }
    )
    cells = frame.take(index).reset_index(drop=True).add_prefix("row_")
    return bad, pd.concat([records, cells], axis=1), codes


def _joined(table: RawTable, index: np.ndarray, failed) -> tuple[np.ndarray, ...]:
    """Per bad row: the failing columns (as the file writes them), their fields, values and
    reasons, each joined by "; "."""
    frame = table.frame
    m = len(index)
    columns, fields, values, reasons = (np.full(m, "", dtype=object) for _ in range(4))
    started = np.zeros(m, dtype=bool)
    for column in frame.columns:  # in the file's column order
        if column not in failed:
            continue
        rows, why = failed[column]
        at = np.searchsorted(index, rows)
        cell = frame[column].iloc[rows].to_numpy(dtype=object)  # the bad rows' cells only
        sep = np.where(started[at], "; ", "").astype(object)
        columns[at] = columns[at] + sep + table.header_of(column)
        fields[at] = fields[at] + sep + column
        values[at] = values[at] + sep + cell
        reasons[at] = reasons[at] + sep + why
        started[at] = True
    return columns, fields, values, reasons


@dataclass
class Outcome:
    """What the rules made of a table."""

    table: RawTable
    rejected: pd.DataFrame  # malformed and failing rows, in line order
    kept: np.ndarray  # per row of the table: whether it passed
    codes: Codes  # per checked column, for every row of the table

    @property
    def good(self) -> pd.DataFrame:
        """The rows that pass, with their ``_line`` (taken when asked: a large
        register takes only the columns it keeps, see ``schemas.check_register``)."""
        good = self.table.frame.loc[self.kept]
        good.insert(0, "_line", self.table.positions[self.kept])
        return good.reset_index(drop=True)


def apply(table: RawTable, rules: Rules) -> Outcome:
    """Check ``table``; the rows that pass and every rejected row with its reasons."""
    bad, records, codes = failures(table, rules)
    rejected = (
        pd.concat([table.malformed, records], ignore_index=True).fillna({"field": ""})
        if len(table.malformed)
        else records
    )
    rejected = rejected.sort_values("line", kind="stable").reset_index(drop=True)
    return Outcome(table, rejected, ~bad, codes)
