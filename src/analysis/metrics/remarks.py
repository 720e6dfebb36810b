"""Statistics of the remarks register (docs/data-contract.md §10): pure functions over its
clean tables, the remarks (one row per remark) and the links (``remark_id``, ``meeting_id``).

Definitions, once:

- a *remark* is one row of the remarks table; a *link* says at which meeting it was raised
  (a platform's proposal may name several: it counts once for each meeting, and once in
  every other figure);
- a *written submission* was raised at no meeting: its ``meeting_id`` is blank;
- a remark is *decided* when answered: accepted, partly accepted, rejected, explained or
  already covered (not withdrawn, not pending);
- the *acceptance rate* is (accepted + partly accepted) ÷ (accepted + partly accepted +
  rejected); that sum, its *denominator*, is always given with it; none (None) when it is
  0. Explained, already covered, withdrawn and pending remarks are counted, not rated;
- *supports* are summed over the remarks that give them: None when none does;
- a remark's *month* is that of its ``date``, else of its *first meeting* (the earliest
  by date of the meetings it is linked to); one with neither is *undated*;
- a remark's *submitter* is an organisation, known by its ``organisation_id``, else by
  its ``organisation_name`` folded for case and spacing; a remark with neither comes from
  a *private person*.

Every function takes frames, never changes them, and returns new values.

>>> remarks = pd.DataFrame({"remark_id": ["1", "2", "3", "4"],
...     "outcome": ["accepted", "rejected", "partly_accepted", "pending"],
...     "area": ["culture", "culture", "sport", "sport"], "meeting_id": ["m1", "", "m1", "m1"],
...     "supports": pd.array([3, None, 2, None], dtype="Int64")})
>>> totals(remarks)
{'remarks': 4, 'decided': 3, 'supports': 5, 'without_meeting': 1}
>>> acceptance_rate(remarks)  # (1 + 1) / (1 + 1 + 1)
(0.6666666666666666, 3)
>>> outcomes_by_area(remarks)[["area", "accepted", "rejected", "remarks", "denominator"]]
      area  accepted  rejected  remarks  denominator
0  culture         1         1        2            2
1    sport         0         0        2            1
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analysis.validation import UNASSIGNED
from analysis.validation.outcomes import ACCEPTED, DECIDED, OUTCOMES, RATED

Frame = pd.DataFrame
Links = pd.DataFrame | None  # None: each remark's ``meeting_id`` is its one link


def _text(frame: Frame, column: str) -> pd.Series:
    """A column as trimmed text, ``""`` for blank or absent (categorical or not)."""
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    values = frame[column].astype(object)
    return values.where(values.notna(), "").astype(str).str.strip()


def _supports(remarks: Frame) -> pd.Series:
    if "supports" not in remarks:
        return pd.Series(pd.NA, index=remarks.index, dtype="Int64")
    return remarks["supports"].astype("Int64")


def fold_name(names: pd.Series) -> pd.Series:
    """Names as compared: lower case, runs of spaces as one.

    >>> fold_name(pd.Series(["  Fundacja   ABC ", "fundacja abc"])).tolist()
    ['fundacja abc', 'fundacja abc']
    """
    return names.astype(str).str.split().str.join(" ").str.casefold()


def _counts(outcomes: pd.Series) -> dict[str, int]:
    found = outcomes.value_counts()
    return {code: int(found.get(code, 0)) for code in OUTCOMES}


def _with_rate(frame: Frame) -> Frame:
    """``frame`` (a count column per rated outcome) with its ``denominator`` and
    ``acceptance_rate`` (NaN when the denominator is 0)."""
    denominator = frame[list(RATED)].sum(axis=1).astype("int64")
    rate = (frame[list(ACCEPTED)].sum(axis=1) / denominator).where(denominator > 0)
    return frame.assign(denominator=denominator, acceptance_rate=rate.astype(float))


def _most_first(frame: Frame, name: str) -> Frame:
    """Most ``remarks`` first, then by ``name``."""
    frame = frame.astype({"remarks": "int64"})
    ordered = frame.sort_values(["remarks", name], ascending=[False, True], kind="stable")
    return ordered.reset_index(drop=True)


def _dates(remarks: Frame) -> pd.Series:
    if "date" not in remarks:
        return pd.Series(pd.NaT, index=remarks.index, dtype="datetime64[ns]")
    return remarks["date"].astype("datetime64[ns]")


def _links(remarks: Frame, links: Links) -> Frame:
    """The links of ``remarks`` (without a links table: their ``meeting_id``), each once."""
    links = remarks[["remark_id", "meeting_id"]] if links is None else links
    out = pd.DataFrame(
        {"remark_id": _text(links, "remark_id"), "meeting_id": _text(links, "meeting_id")}
    )
    out = out[(out["meeting_id"] != "") & out["remark_id"].isin(_text(remarks, "remark_id"))]
    return out.drop_duplicates().reset_index(drop=True)


def totals(remarks: Frame) -> dict[str, int | None]:
    """Remarks, decided remarks, supports summed (None: none given), written submissions."""
    supports = _supports(remarks)
    return {
        "remarks": len(remarks),
        "decided": int(_text(remarks, "outcome").isin(DECIDED).sum()),
        "supports": None if supports.isna().all() else int(supports.sum()),
        "without_meeting": int((_text(remarks, "meeting_id") == "").sum()),
    }


def acceptance_rate(remarks: Frame) -> tuple[float | None, int]:
    """The acceptance rate (None when its denominator is 0) and its denominator."""
    counts = _counts(_text(remarks, "outcome"))
    denominator = sum(counts[code] for code in RATED)
    accepted = sum(counts[code] for code in ACCEPTED)
    return (accepted / denominator if denominator else None), denominator


def by_outcome(remarks: Frame) -> Frame:
    """Every outcome, in :data:`OUTCOMES` order: its remarks and their share of all (NaN
    when there is no remark)."""
    counts = _counts(_text(remarks, "outcome"))
    frame = pd.DataFrame({"outcome": OUTCOMES, "remarks": pd.array(list(counts.values()), "int64")})
    return frame.assign(share=frame["remarks"] / len(remarks) if len(remarks) else float("nan"))


def outcomes_by_area(remarks: Frame) -> Frame:
    """Per area of the remarks: one count per outcome, remarks, decided, the acceptance
    rate (NaN: none) and its denominator, its name as written; most remarks first, then
    by area."""
    area, outcome = _text(remarks, "area"), _text(remarks, "outcome")
    counts = pd.DataFrame({code: (outcome == code).astype("int64") for code in OUTCOMES})
    counts.insert(0, "area", area.to_numpy())
    frame = counts.groupby("area", sort=True).sum().reset_index()
    written = _written_names(area, _text(remarks, "area_name"))
    frame["area_name"] = pd.Series([written.get(a, "") for a in frame["area"]], dtype=object)
    frame["remarks"] = frame[list(OUTCOMES)].sum(axis=1).astype("int64")
    frame["decided"] = frame[list(DECIDED)].sum(axis=1).astype("int64")
    return _most_first(_with_rate(frame), "area")


def by_meeting(remarks: Frame, links: Links, meetings: Frame) -> Frame:
    """Every meeting of ``meetings`` (by date, then id) with the remarks raised there."""
    raised = _links(remarks, links)["meeting_id"].value_counts()
    columns = [c for c in ("meeting_id", "date", "title", "area") if c in meetings]
    frame = meetings[columns].copy()
    frame["meeting_id"] = _text(frame, "meeting_id")
    frame = frame.sort_values(["date", "meeting_id"], kind="stable").reset_index(drop=True)
    frame["remarks"] = frame["meeting_id"].map(raised).fillna(0).astype("int64")
    return frame


def months(remarks: Frame, links: Links, meetings: Frame) -> pd.Series:
    """Each remark's month ``YYYY-MM`` (of its date, else of its first meeting), ``""``
    when undated; by the remarks' index."""
    dates = meetings.set_index(_text(meetings, "meeting_id"))["date"]
    linked = _links(remarks, links)
    by_day = linked["meeting_id"].map(dates.to_dict())  # a dict: no meetings maps too
    linked = linked.assign(date=pd.to_datetime(by_day).astype("datetime64[ns]"))
    first = linked.groupby("remark_id")["date"].min().reindex(_text(remarks, "remark_id"))
    day = _dates(remarks).fillna(pd.Series(first.to_numpy(), remarks.index, "datetime64[ns]"))
    return day.dt.strftime("%Y-%m").fillna("")


def by_month(remarks: Frame, links: Links, meetings: Frame) -> Frame:
    """Per month (``YYYY-MM``, in order): remarks and supports summed (NA when none of the
    month's remarks gives them). Undated remarks are left out (:func:`months` says ``""``)."""
    month = months(remarks, links, meetings)
    frame = pd.DataFrame({"month": month, "supports": _supports(remarks)})[month != ""]
    grouped = frame.groupby("month", sort=True).agg(
        remarks=("month", "size"), supports=("supports", lambda s: s.sum(min_count=1))
    )
    return grouped.reset_index().astype({"remarks": "int64", "supports": "Int64"})


def _written_names(codes: pd.Series, names: pd.Series) -> dict[str, str]:
    """Each code's first non-blank name as written."""
    pairs = pd.DataFrame({"code": codes, "name": names})
    pairs = pairs[pairs["name"] != ""].drop_duplicates("code")
    return dict(zip(pairs["code"], pairs["name"], strict=True))


def by_territory(remarks: Frame) -> Frame | None:
    """Per territory: its name as written, remarks; most first, then by territory. None
    when no remark names one."""
    territory = _text(remarks, "territory").replace("", UNASSIGNED)
    if (territory == UNASSIGNED).all():
        return None
    frame = territory.value_counts().rename_axis("territory").reset_index(name="remarks")
    written = _written_names(territory, _text(remarks, "territory_name"))
    frame.insert(1, "territory_name", [written.get(t, "") for t in frame["territory"]])
    return _most_first(frame, "territory")


def _submitters(remarks: Frame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """Each remark's organisation id, name, and folded name (``""`` when it has an id)."""
    ident, name = _text(remarks, "organisation_id"), _text(remarks, "organisation_name")
    return ident, name, fold_name(name).where(ident == "", "")


def private_persons(remarks: Frame) -> int:
    """Remarks from private persons (no organisation id, no name)."""
    ident, name, _ = _submitters(remarks)
    return int(((ident == "") & (name == "")).sum())


def by_organisation(remarks: Frame) -> Frame:
    """Per named organisation: its id (``""`` if none), its first name as written (else its
    id), remarks, accepted, partly accepted, rejected, the acceptance rate (NaN: none) and
    its denominator; most remarks first, then by name. Private persons are left out."""
    ident, name, folded = _submitters(remarks)
    outcome = _text(remarks, "outcome")
    frame = pd.DataFrame({"organisation_id": ident, "key": folded, "organisation_name": name})
    frame = frame.assign(**{code: outcome == code for code in RATED})[(ident != "") | (name != "")]
    shown = frame.assign(organisation_name=frame["organisation_name"].replace("", pd.NA))
    grouped = shown.groupby(["organisation_id", "key"], sort=True).agg(
        organisation_name=("organisation_name", "first"),
        remarks=("organisation_name", "size"),
        **{code: (code, "sum") for code in RATED},
    )
    grouped = grouped.reset_index().drop(columns="key").astype(dict.fromkeys(RATED, "int64"))
    grouped["organisation_name"] = (
        grouped["organisation_name"].fillna(grouped["organisation_id"]).astype(str)
    )
    return _most_first(_with_rate(grouped), "organisation_name")


def attended(remarks: Frame, attendance: Frame | None) -> dict[str, int] | None:
    """Remarks from organisations that attended any meeting of the register (matched by
    ``organisation_id``, else by name folded for case and spacing) and from those that
    did not; private persons in neither. None without a register."""
    if attendance is None:
        return None
    ident, name, folded = _submitters(remarks)
    ids = set(_text(attendance, "organisation_id")) - {""}
    names = set(fold_name(_text(attendance, "organisation_name"))) - {""}
    came = ((ident != "") & ident.isin(ids)) | ((folded != "") & folded.isin(names))
    named = (ident != "") | (name != "")
    return {"attended": int((came & named).sum()), "not_attended": int((~came & named).sum())}


def select_remarks(
    remarks: Frame,
    links: Links,
    meetings: Frame,
    areas: Iterable[str] | None = None,
    start: dt.date | str | None = None,
    end: dt.date | str | None = None,
) -> tuple[Frame, Frame]:
    """The remarks of ``areas`` (by the remark's own ``area``) between ``start`` and ``end``
    (inclusive): raised at a meeting held then, or, for a written submission, dated then;
    and their links."""
    keep = pd.Series(True, index=remarks.index)
    if areas:
        keep &= _text(remarks, "area").isin(list(areas))
    if start is not None or end is not None:
        low = pd.Timestamp(start) if start is not None else pd.Timestamp.min
        high = pd.Timestamp(end) if end is not None else pd.Timestamp.max
        held = meetings[(meetings["date"] >= low) & (meetings["date"] <= high)]
        linked = _links(remarks, links)
        at_held = linked.loc[linked["meeting_id"].isin(_text(held, "meeting_id")), "remark_id"]
        own = _dates(remarks)
        written = (_text(remarks, "meeting_id") == "") & (own >= low) & (own <= high)
        keep &= _text(remarks, "remark_id").isin(at_held) | written
    chosen = remarks.loc[keep].reset_index(drop=True)
    return chosen, _links(chosen, links)


@dataclass
class RemarksStatistics:
    """Every remarks statistic of one selection (:func:`remarks_statistics`)."""

    totals: dict[str, int | None]
    acceptance_rate: tuple[float | None, int]
    by_outcome: pd.DataFrame
    by_area: pd.DataFrame
    by_meeting: pd.DataFrame
    by_month: pd.DataFrame
    undated: int  # remarks with no month: neither a date nor a meeting
    by_territory: Frame | None
    by_organisation: pd.DataFrame
    private_persons: int
    attended: dict[str, int] | None


def remarks_statistics(
    remarks: Frame,
    links: Links,
    meetings: Frame,
    attendance: Frame | None = None,
    listed: Frame | None = None,
) -> RemarksStatistics:
    """All the statistics of ``remarks`` at once. ``meetings`` gives the meetings' dates
    (all of them: a remark may be raised at a meeting outside the selection), ``listed``
    the meetings :func:`by_meeting` lists (default: ``meetings``); ``attendance`` the
    register whose organisations :func:`attended` looks for (None: no register)."""
    return RemarksStatistics(
        totals=totals(remarks),
        acceptance_rate=acceptance_rate(remarks),
        by_outcome=by_outcome(remarks),
        by_area=outcomes_by_area(remarks),
        by_meeting=by_meeting(remarks, links, meetings if listed is None else listed),
        by_month=by_month(remarks, links, meetings),
        undated=int((months(remarks, links, meetings) == "").sum()),
        by_territory=by_territory(remarks),
        by_organisation=by_organisation(remarks),
        private_persons=private_persons(remarks),
        attended=attended(remarks, attendance),
    )
