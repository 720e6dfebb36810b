"""Each source table's checks and the clean table it gives (docs/data-contract.md).

A meetings table, an attendance register and an organisations table are checked
row by row with the rules of :mod:`analysis.validation.checks`; a row that fails is
*rejected* and kept, with its file, line, column, value and reason, in
:attr:`Checked.rejected`. In a register, a repeated (participant, meeting) pair
counts once; the repeats are listed in :attr:`Checked.duplicates`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.sources.columns import FIELDS
from analysis.sources.headers import require_columns
from analysis.sources.reading import RawTable
from analysis.validation.checks import (
    NO_CONTROL,
    NOT_MISSING,
    ONE_LINE,
    VISIBLE,
    Outcome,
    Rule,
    apply,
    first_of_its_value,
    nfkc,
    one_of,
)
from analysis.validation.values import (
    COUNT_FORMS,
    DATE_FORMS,
    code_of,
    codes_and_labels,
    count_names,
    count_problem,
    count_problems,
    date_problem,
    is_date_form,
    parse_counts,
    parse_dates,
)

REGISTER_COLUMNS = ("meeting_id", "participant_id", "organisation_id")
REGISTER_OPTIONAL = ("organisation_name", "synthetic")
MEETINGS_REQUIRED = ("date", "title")  # no meeting_id: ids derived from the rows
MEETING_COUNTS = ("attendees", "organisations", "contributions")
#: The clean meetings table's columns, in order (those a source has).
MEETINGS_ORDER = (
    "meeting_id",
    "date",
    "kind",
    "area",
    "title",
    "kind_name",
    "area_name",
    "territory",
    "territory_name",
    *MEETING_COUNTS,
)
DEFAULT_KIND = "meeting"
TRUE_WORDS = {"true", "1", "yes", "tak", "y", "t"}
ORGANISATIONS_COLUMNS = ("organisation_id",)
ORGANISATIONS_OPTIONAL = ("organisation_name", "area")
DUPLICATE_COLUMNS = ["file", "line", "first_line", "meeting_id", "participant_id"]


@dataclass
class Checked:
    """A validated table, what was rejected and why, and the duplicates counted once."""

    table: pd.DataFrame
    rejected: pd.DataFrame  # file, line, column, value, reason (+ the row's cells)
    duplicates: pd.DataFrame  # file, line, first_line, meeting_id, participant_id
    rows_read: int
    source: Path
    position_name: str = "line"
    synthetic: bool = False
    #: rows deliberately not used (e.g. withdrawn meetings): file, line, meeting_id, title, reason
    left_out: pd.DataFrame | None = None
    #: the file's columns the contract does not use, as the file writes them
    unused: tuple[str, ...] = ()
    #: the table had no ``meeting_id``: the ids are derived from its rows (:func:`derive_ids`)
    derived_ids: bool = False
    #: a remarks register's links to meetings: ``remark_id``, ``meeting_id``, one row per
    #: link (a remark raised at no meeting has none; a platform's proposal may have several)
    links: pd.DataFrame | None = None

    @property
    def accepted(self) -> int:
        return len(self.table) + len(self.duplicates)


def no_duplicates() -> pd.DataFrame:
    return pd.DataFrame(columns=DUPLICATE_COLUMNS)


def any_synthetic(table: RawTable) -> bool:
    """Whether any row says it is synthetic: then every output made from it says so."""
    frame = table.frame
    if "synthetic" not in frame:
        return False
    written = pd.Series(frame["synthetic"].unique(), dtype=object).astype(str)
    return bool(written.str.casefold().isin(TRUE_WORDS).any())


def compare_as_unicode(table: RawTable, columns: Iterable[str]) -> None:
    """Identifier columns in NFKC (:func:`~analysis.validation.checks.nfkc`), so that ids
    written alike are one id; an invisible character is left for :data:`VISIBLE` to name."""
    for column in columns:
        if column in table.frame:
            table.frame[column] = nfkc(table.frame[column])


def rows_read(table: RawTable) -> int:
    return len(table.frame) + len(table.malformed)


def unused_columns(table: RawTable, role: str) -> tuple[str, ...]:
    """The columns of ``table`` that no field of ``role`` reads, as the file writes them."""
    used = {*FIELDS[role], "synthetic"}
    return tuple(table.header_of(c) for c in table.frame.columns if c not in used)


def derive_ids(dates: pd.Series, titles: pd.Series) -> pd.Series:
    """Stable meeting ids for a table that has none: the date as ``YYYY-MM-DD`` (as
    written when it is not a date), ``-`` and the title's code (:func:`code_of`); a
    second meeting with the same date and title gets ``-2``, a third ``-3``, in the
    table's order. The same table gives the same ids.

    >>> dates = pd.Series(["03.06.2025", "2025-06-03", "x"])
    >>> derive_ids(dates, pd.Series(["Kultura", "Kultura", "Sport"])).tolist()
    ['2025-06-03-kultura', '2025-06-03-kultura-2', 'x-sport']
    """
    day = parse_dates(dates).dt.strftime("%Y-%m-%d").fillna(dates.astype(str).str.strip())
    base = day + "-" + titles.astype(str).map(code_of)
    repeat = base.groupby(base, sort=False).cumcount()
    return base.where(repeat == 0, base + "-" + (repeat + 1).astype(str))


# --------------------------------------------------------------------------- meetings


def meetings_rules() -> dict[str, list[Rule]]:
    count = Rule(f"not {COUNT_FORMS}", lambda s: ~count_problems(s), explain=count_problem)
    return {
        "meeting_id": [
            NOT_MISSING,
            first_of_its_value("meeting_id repeats an earlier row"),
            NO_CONTROL,
            ONE_LINE,
            VISIBLE,
        ],
        "date": [
            NOT_MISSING,
            Rule(f"not a date (accepted: {DATE_FORMS})", is_date_form),
            Rule("no such date", lambda s: parse_dates(s).notna(), explain=date_problem),
        ],
        "title": [NOT_MISSING, NO_CONTROL],
        **{name: [count] for name in MEETING_COUNTS},
        **{name: [NO_CONTROL] for name in ("kind", "area", "territory")},
    }


def check_meetings(table: RawTable) -> Checked:
    """Validate a meetings table (docs/data-contract.md, "Meetings").

    Required: ``meeting_id``, ``date``, ``title``. ``kind`` (blank: ``meeting``),
    ``area`` and ``territory`` are free text kept as written in ``*_name`` beside
    a stable code (blank: ``unassigned``). Counts (``attendees``,
    ``organisations``, ``contributions``) may be blank, which is *unknown*;
    ``organisation_names`` is counted when ``organisations`` is not given.
    """
    require_columns(table, MEETINGS_REQUIRED, "meetings")
    derived = "meeting_id" not in table.frame
    if derived:
        table.frame.insert(0, "meeting_id", derive_ids(table.frame["date"], table.frame["title"]))
    compare_as_unicode(table, ("meeting_id",))
    outcome = apply(table, meetings_rules())
    good = outcome.good
    meetings = pd.DataFrame(
        {
            "meeting_id": good["meeting_id"],
            "date": parse_dates(good["date"]),
            "title": good["title"],
        }
    )
    for name, default in (("kind", DEFAULT_KIND), ("area", ""), ("territory", None)):
        if name not in good and default is None:
            continue
        written = good[name] if name in good else pd.Series(default, index=good.index)
        if name == "kind":
            written = written.mask(written == "", DEFAULT_KIND)
        codes, shown = codes_and_labels(written)
        meetings[name] = codes
        meetings[f"{name}_name"] = [shown.get(code, "") for code in codes]
    for name in MEETING_COUNTS:
        if name in good:
            meetings[name] = parse_counts(good[name])
    if "organisation_names" in good:
        named = count_names(good["organisation_names"])
        meetings["organisations"] = (
            meetings["organisations"].fillna(named) if "organisations" in meetings else named
        )
    order = [c for c in MEETINGS_ORDER if c in meetings]
    meetings = meetings[order].sort_values(["date", "meeting_id"], kind="stable")
    return Checked(
        meetings.reset_index(drop=True),
        outcome.rejected,
        no_duplicates(),
        rows_read(table),
        table.path,
        table.position_name,
        any_synthetic(table),
        unused=unused_columns(table, "meetings"),
        derived_ids=derived,
    )


# --------------------------------------------------------------------------- register


def register_rules(
    meeting_ids: Iterable[str] | None = None, organisation_ids: Iterable[str] | None = None
) -> dict[str, list[Rule]]:
    meeting = [NOT_MISSING, NO_CONTROL, ONE_LINE, VISIBLE]
    if meeting_ids is not None:
        meeting.append(one_of(meeting_ids, "unknown meeting_id"))
    organisation = [NOT_MISSING, NO_CONTROL, ONE_LINE, VISIBLE]
    if organisation_ids is not None:
        organisation.append(one_of(organisation_ids, "unknown organisation_id"))
    e_mail = Rule(
        "participant_id looks like an e-mail address; use a pseudonym",
        lambda s: ~s.str.contains("@", regex=False),
    )
    return {
        "meeting_id": meeting,
        "participant_id": [NOT_MISSING, e_mail, NO_CONTROL, ONE_LINE, VISIBLE],
        "organisation_id": organisation,
        "organisation_name": [NO_CONTROL, ONE_LINE],
    }


def check_register(
    table: RawTable,
    meeting_ids: Iterable[str] | None = None,
    organisation_ids: Iterable[str] | None = None,
) -> Checked:
    """Validate an attendance register (docs/data-contract.md §6) against the known meetings."""
    require_columns(table, REGISTER_COLUMNS, "register")
    compare_as_unicode(table, REGISTER_COLUMNS)
    outcome = apply(table, register_rules(meeting_ids, organisation_ids))
    synthetic = any_synthetic(table)
    person, meeting = (outcome.codes[c][0][outcome.kept] for c in ("participant_id", "meeting_id"))
    pair = person.astype(np.int64) * (int(meeting.max(initial=0)) + 1) + meeting
    repeated = pd.Series(pair).duplicated(keep="first").to_numpy()
    # rows keep their file order, so a pair's first row is also its lowest line
    first_row = np.flatnonzero(~repeated)[pd.factorize(pair)[0]]
    good_rows = np.flatnonzero(outcome.kept)  # positions in the table
    lines = table.positions[good_rows]
    frame = table.frame
    duplicates = pd.DataFrame(
        {
            "file": str(table.path),
            "line": lines[repeated],
            "first_line": lines[first_row[repeated]],
            "meeting_id": frame["meeting_id"].take(good_rows[repeated]).to_numpy(),
            "participant_id": frame["participant_id"].take(good_rows[repeated]).to_numpy(),
        }
    )
    # every kept column is a categorical: a large register repeats each id and name
    # thousands of times (text: 56 MB of a million rows' names and flags; codes: 4 MB).
    # The checked columns have their codes from the checks already.
    keep = [c for c in (*REGISTER_COLUMNS, "organisation_name") if c in frame]
    if synthetic:  # derived tables keep saying where they came from
        keep.append("synthetic")
    attendance = pd.DataFrame(
        {
            name: _categorical(outcome, name, ~repeated)
            if name in outcome.codes
            else pd.Categorical(frame[name].take(good_rows[~repeated]))
            for name in keep
        }
    )
    return Checked(
        attendance,
        outcome.rejected,
        duplicates,
        rows_read(table),
        table.path,
        table.position_name,
        synthetic,
        unused=unused_columns(table, "register"),
    )


def _categorical(outcome: Outcome, column: str, among_good: np.ndarray) -> pd.Categorical:
    """The kept rows of ``column`` as a categorical of the values they use, sorted (as
    ``astype("category")`` gives), built from the codes the checks already made."""
    row_codes, distinct = outcome.codes[column]
    used_codes = row_codes[outcome.kept][among_good]
    missing = used_codes < 0  # a missing cell (factorize's -1) stays missing
    used = np.flatnonzero(np.bincount(used_codes[~missing], minlength=len(distinct)))
    names = pd.Index(distinct[used])
    order = names.argsort()  # one sort; each distinct value's new code is its rank
    rank = np.full(len(distinct) + 1, -1, dtype=np.int64)  # rank[-1]: missing
    rank[used[order]] = np.arange(len(order))
    return pd.Categorical.from_codes(rank[used_codes], names[order], validate=False)


# --------------------------------------------------------------------------- organisations


def check_organisations(table: RawTable) -> Checked:
    """Validate an optional organisations table: one row per organisation."""
    require_columns(table, ORGANISATIONS_COLUMNS, "organisations")
    compare_as_unicode(table, ORGANISATIONS_COLUMNS)
    rules = {
        "organisation_id": [
            NOT_MISSING,
            first_of_its_value("organisation_id repeats an earlier row"),
            VISIBLE,
        ]
    }
    outcome = apply(table, rules)
    good = outcome.good
    keep = [c for c in (*ORGANISATIONS_COLUMNS, *ORGANISATIONS_OPTIONAL) if c in good]
    return Checked(
        good[keep].reset_index(drop=True),
        outcome.rejected,
        no_duplicates(),
        rows_read(table),
        table.path,
        table.position_name,
    )
