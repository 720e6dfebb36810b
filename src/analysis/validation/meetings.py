"""A meetings table checked (docs/data-contract.md §2): the rows that pass, their codes
and labels, the counts read, ids made when the table has none, and every rejected row
with its reason."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.sources.headers import require_columns
from analysis.sources.reading import RawTable, empty_rejects
from analysis.validation.checks import (
    NO_CONTROL,
    NOT_MISSING,
    ONE_LINE,
    VISIBLE,
    Rule,
    apply,
    first_of_its_value,
)
from analysis.validation.schemas import (
    Checked,
    any_synthetic,
    compare_as_unicode,
    no_duplicates,
    rows_read,
    unused_columns,
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


def no_meetings() -> Checked:
    """The meetings of a consultation held online only (``--meetings none``): none, in the
    clean table's shape, so that remarks and the reports need no special case."""
    empty = pd.DataFrame({name: pd.Series(dtype=str) for name in MEETINGS_ORDER[:7]})
    empty["date"] = pd.Series(dtype="datetime64[ns]")
    return Checked(empty, empty_rejects(), no_duplicates(), 0, Path("none"))


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
