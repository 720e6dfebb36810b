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

REGISTER_COLUMNS = ("meeting_id", "participant_id", "organisation_id")
REGISTER_OPTIONAL = ("organisation_name", "synthetic")
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
    # a header read for a field is used, also when it was read once more as another one
    read = {table.header_of(c) for c in table.frame.columns if c in used}
    unused = [table.header_of(c) for c in table.frame.columns if c not in used]
    return tuple(dict.fromkeys(h for h in unused if h not in read))


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
