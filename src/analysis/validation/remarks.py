"""A remarks register checked (docs/data-contract.md §10): one clean row per remark, the
meetings each was raised at, and every rejected row with its reason.

A remark names its meeting by ``meeting_id``, or by ``meeting_date`` when exactly one
meeting was held that day; blank: a written submission. Its outcome is an official's
wording matched to one of :data:`~analysis.validation.outcomes.OUTCOMES`; a wording
nobody wrote down rejects the row, saying how to map it. Remarks' texts are kept as
written (they may hold markup, formulas, line breaks, any script: the outputs escape and
neutralise them).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.sources.headers import require_columns
from analysis.sources.reading import RawTable
from analysis.validation.checks import (
    NO_CONTROL,
    NOT_MISSING,
    ONE_LINE,
    VISIBLE,
    Rule,
    apply,
    first_of_its_value,
)
from analysis.validation.outcomes import outcome_of
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
    codes_and_labels,
    count_problem,
    count_problems,
    date_problem,
    is_date_form,
    parse_counts,
    parse_dates,
)

REQUIRED = ("remark_id", "text")
#: The clean remarks table's columns, in order.
COLUMNS = (
    "remark_id",
    "text",
    "organisation_id",
    "organisation_name",
    "area",
    "area_name",
    "territory",
    "territory_name",
    "section",
    "proposed_change",
    "outcome",
    "outcome_name",
    "response",
    "date",
    "decided",
    "supports",
    "meeting_id",
)
_TEXT = ("organisation_id", "organisation_name", "section", "proposed_change", "response")
FALSE_WORDS = {"false", "0", "no", "nie", "n", "f"}


def _optional_date(reason: str) -> list[Rule]:
    """A date that may be blank, in the forms of §3, and a day there is."""
    return [
        Rule(f"{reason} (accepted: {DATE_FORMS})", lambda s: (s == "") | is_date_form(s)),
        Rule(
            "no such date",
            lambda s: (s == "") | parse_dates(s).notna(),
            explain=date_problem,
        ),
    ]


def _meeting_day_rule(meetings: pd.DataFrame) -> Rule:
    """A ``meeting_date`` names the one meeting held that day."""
    days = meetings["date"].dt.strftime("%Y-%m-%d")
    held = meetings.groupby(days.to_numpy())["meeting_id"].agg(list).to_dict()

    def ids(value: str) -> list[str]:
        day = parse_dates(pd.Series([value])).dt.strftime("%Y-%m-%d").iloc[0]
        return held.get(day, []) if isinstance(day, str) else []

    def explain(value: str) -> str:
        found = ids(value)
        if not found:
            return "no meeting that day (a date names the one meeting held that day)"
        return f"several meetings that day ({', '.join(found)}: give meeting_id)"

    return Rule(
        "no meeting that day",
        lambda s: s.map(lambda v: v == "" or len(ids(v)) == 1).astype(bool),
        explain=explain,
    )


def remarks_rules(
    meetings: pd.DataFrame, extra_outcomes: Mapping[str, str] | None = None
) -> dict[str, list[Rule]]:
    known = set(meetings["meeting_id"])
    count = Rule(f"not {COUNT_FORMS}", lambda s: ~count_problems(s), explain=count_problem)
    return {
        "remark_id": [
            NOT_MISSING,
            first_of_its_value("remark_id repeats an earlier row"),
            NO_CONTROL,
            ONE_LINE,
            VISIBLE,
        ],
        "text": [NOT_MISSING],
        "meeting_id": [
            Rule("unknown meeting_id", lambda s: (s == "") | s.isin(known)),
            VISIBLE,
        ],
        "meeting_date": [
            *_optional_date("not a date"),
            _meeting_day_rule(meetings),
        ],
        "outcome": [
            Rule(
                "unknown outcome wording",
                lambda s: s.map(lambda v: outcome_of(v, extra_outcomes) is not None).astype(bool),
                explain=lambda v: (
                    f'unknown outcome wording (map it with --remarks-outcome "{v}=CODE")'
                ),
            )
        ],
        "organisation_id": [NO_CONTROL, ONE_LINE, VISIBLE],
        "supports": [count],
        "date": _optional_date("not a date"),
        "decided": _optional_date("not a date"),
    }


def check_remarks(
    table: RawTable,
    meetings: pd.DataFrame,
    extra_outcomes: Mapping[str, str] | None = None,
    links: pd.DataFrame | None = None,
) -> Checked:
    """Validate a remarks register against the checked ``meetings``. ``links`` (a
    platform's ``remark_id``, ``meeting_id`` pairs) replaces the table's own meeting
    column; a link to a meeting not in ``meetings`` rejects its remark."""
    require_columns(table, REQUIRED, "remarks")
    compare_as_unicode(table, ("remark_id", "meeting_id", "organisation_id"))
    frame = table.frame
    if links is not None and len(links):
        unknown = links[~links["meeting_id"].isin(set(meetings["meeting_id"]))]
        stray = unknown.groupby("remark_id")["meeting_id"].agg(", ".join)
        named = frame["remark_id"].map(stray.to_dict())
        frame["meeting_id"] = pd.Series(named, dtype=object).fillna("").astype(str)
    outcome = apply(table, remarks_rules(meetings, extra_outcomes))
    good = outcome.good
    remarks = pd.DataFrame({"remark_id": good["remark_id"], "text": good["text"]})
    for name in _TEXT:
        remarks[name] = good.get(name, pd.Series("", index=good.index))
    by_meeting = meetings.set_index("meeting_id")
    if links is None:
        meeting = _meeting_of(good, meetings)
    else:  # a platform's links: the first one is the remark's meeting
        first = links.drop_duplicates("remark_id").set_index("remark_id")["meeting_id"]
        meeting = good["remark_id"].map(first).fillna("").astype(str)
    for name in ("area", "territory"):
        written = good[name] if name in good else pd.Series("", index=good.index)
        if name in by_meeting:  # blank: the meeting's own (its name, else its code)
            own = by_meeting[name].astype(str)
            if f"{name}_name" in by_meeting:
                named = by_meeting[f"{name}_name"].astype(str)
                own = named.where(named != "", own)
            inherited = meeting.map(own.to_dict()).astype(object).fillna("")
            written = written.mask(written == "", inherited)
        codes, shown = codes_and_labels(written)
        remarks[name] = codes
        remarks[f"{name}_name"] = [shown.get(code, "") for code in codes]
    wording = good["outcome"] if "outcome" in good else pd.Series("", index=good.index)
    remarks["outcome"] = wording.map(lambda v: outcome_of(v, extra_outcomes))
    if "withdrawn" in good:
        withdrawn = ~good["withdrawn"].str.casefold().isin(FALSE_WORDS | {""})
        remarks["outcome"] = remarks["outcome"].mask(withdrawn, "withdrawn")
    remarks["outcome_name"] = wording
    for name in ("date", "decided"):
        remarks[name] = parse_dates(good[name]) if name in good else pd.NaT
    remarks["supports"] = (
        parse_counts(good["supports"]) if "supports" in good else pd.array([pd.NA] * len(good))
    )
    remarks["supports"] = remarks["supports"].astype("Int64")
    remarks["meeting_id"] = meeting
    remarks = remarks[list(COLUMNS)].reset_index(drop=True)
    if links is None:
        links = remarks.loc[remarks["meeting_id"] != "", ["remark_id", "meeting_id"]]
    else:
        links = links[links["remark_id"].isin(set(remarks["remark_id"]))]
    return Checked(
        remarks,
        outcome.rejected,
        no_duplicates(),
        rows_read(table),
        table.path,
        table.position_name,
        any_synthetic(table),
        unused=unused_columns(table, "remarks"),
        links=links.reset_index(drop=True),
    )


def _meeting_of(good: pd.DataFrame, meetings: pd.DataFrame) -> pd.Series:
    """Each kept remark's meeting: its ``meeting_id``, else the one meeting of its
    ``meeting_date``, else ``""`` (a written submission)."""
    meeting = good["meeting_id"] if "meeting_id" in good else pd.Series("", index=good.index)
    if "meeting_date" in good:
        days = parse_dates(good["meeting_date"]).dt.strftime("%Y-%m-%d")
        held = meetings.assign(day=meetings["date"].dt.strftime("%Y-%m-%d"))
        one = held.drop_duplicates("day", keep=False).set_index("day")["meeting_id"]
        meeting = meeting.mask(meeting == "", days.map(one).fillna(""))
    return meeting.fillna("").astype(str)


__all__ = ["COLUMNS", "check_remarks", "remarks_rules"]
