"""Decidim's open-data meetings export, read with no column mapping.

Decidim (the participation platform of many cities) publishes every meeting of
an organisation as ``<host>-open-data-meetings.csv``, alone or inside
``<host>-open-data.zip``: separated by ``;``, with nested fields flattened by
``/`` and one column per language (``title/ca``, ``title/es``). Two shapes are
in use, and both are read:

- up to 0.29: ``category/name/<locale>`` (the theme) and ``scope/name/<locale>``
  (the district), ``published``;
- from 0.30: ``taxonomies/ids`` with ``taxonomies/<id>/<locale>`` (also read
  as ``taxonomies/name/<locale>``), ``withdrawn``, ``type_of_meeting``.

Fields taken: ``id`` -> ``meeting_id``, ``start_time`` -> ``date`` (the date as
written, time and zone ignored), ``title``, the category or first taxonomy ->
``area``, the scope -> ``territory``, ``attendees``, ``contributions``,
``organizations`` (or ``attending_organizations``) -> ``organisation_names``,
``type_of_meeting`` -> ``kind``. Decidim writes an attendance or contributions
count that nobody filled in (no closing report yet) as ``0``; such a ``0`` is read
as unknown. Withdrawn and unpublished meetings are left out and listed. Decidim
puts ``'`` before a text starting with ``=``, ``+``, ``-`` or ``@``; that mark is
removed, so the text reads as its author wrote it (our own CSV outputs neutralise
such text again).

>>> recognised(["id", "title/en", "start_time", "attendees"])
True
>>> recognised(["meeting_id", "date", "title"])
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from analysis.errors import DataError
from analysis.sources.reading import RawTable

NEEDED = ("id", "start_time")
_MARKS = ("title/", "category/", "taxonomies/", "scope/", "participatory_space/", "component/")
#: Decidim's formula guard: a ``'`` before ``=``, ``+``, ``-`` or ``@``.
GUARD = re.compile(r"^'(?=[=+\-@])")


def recognised(header: Sequence[str]) -> bool:
    """Whether a header is Decidim's (its flattened, per-language columns)."""
    return any(str(h).startswith(_MARKS) for h in header)


def locales_of(header: Sequence[str], prefix: str) -> list[str]:
    """The columns ``<prefix><locale>`` in header order, machine translations last."""
    own = [h for h in header if h.startswith(prefix) and "/" not in h[len(prefix) :]]
    machine = [h for h in header if h.startswith(f"{prefix}machine_translations/")]
    return own + machine


def translated(frame: pd.DataFrame, columns: list[str], locale: str) -> pd.Series:
    """Per row: the text in ``locale`` if it has one, else the first column with text."""
    if locale:
        preferred = [c for c in columns if c.rsplit("/", 1)[-1] == locale and "machine" not in c]
        columns = preferred + [c for c in columns if c not in preferred]
    result = pd.Series("", index=frame.index, dtype=object)
    for column in reversed(columns):  # the first column with text wins
        text = frame[column]
        result = result.mask(text != "", text)
    return result.str.replace(GUARD, "", regex=True)


def _taxonomy_columns(header: Sequence[str]) -> list[list[str]]:
    """Groups of per-language columns, one group per taxonomy, in header order."""
    named = locales_of(header, "taxonomies/name/")
    groups: dict[str, list[str]] = {}
    for h in header:
        match = re.fullmatch(r"taxonomies/(\d+)/([^/]+)", h)
        if match:
            groups.setdefault(match.group(1), []).append(h)
    return ([named] if named else []) + list(groups.values())


def area_of(frame: pd.DataFrame, header: Sequence[str], locale: str) -> pd.Series:
    """The category's name, else the first of the meeting's taxonomies with a name."""
    groups = [locales_of(header, "category/name/")]
    if "category/name" in header:  # a meeting without category, when it came first
        groups[0].append("category/name")
    groups += _taxonomy_columns(header)
    area = pd.Series("", index=frame.index, dtype=object)
    ids = frame.get("taxonomies/ids")
    for group in reversed([g for g in groups if g]):
        if ids is not None and (match := re.fullmatch(r"taxonomies/(\d+)/.*", group[0])):
            # a taxonomy column only counts for the meetings that list its id
            number = match.group(1)
            listed = ids.str.split(r",\s*").map(lambda xs, n=number: n in xs)
            text = translated(frame, group, locale).where(listed, "")
        else:
            text = translated(frame, group, locale)
        area = area.mask(text != "", text)
    return area


def _check_locale(header: Sequence[str], locale: str, path: object) -> None:
    titles = locales_of(header, "title/")
    found = sorted({h.rsplit("/", 1)[-1] for h in titles if "machine" not in h})
    if locale and locale not in found:
        raise DataError(
            f"{path}: --locale {locale!r} is not in this Decidim export; "
            f"its languages: {', '.join(found) or 'none'}"
        )


def prepare(table: RawTable, locale: str = "") -> tuple[RawTable, pd.DataFrame]:
    """The export as a meetings table of the contract, and the meetings left out.

    Raises :class:`DataError` when a column the report needs is missing.
    """
    frame, header = table.frame, [str(h) for h in table.frame.columns]
    titles = locales_of(header, "title/")
    missing = [c for c in NEEDED if c not in header] + ([] if titles else ["title/<locale>"])
    if missing:
        raise DataError(
            f"{table.path}: looks like a Decidim export but lacks the column(s) "
            f"{', '.join(missing)}"
        )
    _check_locale(header, locale, table.path)
    meetings = pd.DataFrame(
        {
            "meeting_id": frame["id"],
            "date": frame["start_time"],
            "title": translated(frame, titles, locale),
            "area": area_of(frame, header, locale),
        },
        index=frame.index,
    )
    scopes = locales_of(header, "scope/name/")
    if scopes:
        meetings["territory"] = translated(frame, scopes, locale)
    for source, name in (
        ("attendees", "attendees"),
        ("contributions", "contributions"),
        ("organizations", "organisation_names"),
        ("attending_organizations", "organisation_names"),
        ("type_of_meeting", "kind"),
    ):
        if source in frame and name not in meetings:
            meetings[name] = frame[source].str.replace(GUARD, "", regex=True)
    for name in ("attendees", "contributions"):
        # Decidim writes a count nobody filled in (no closing report yet) as 0
        if name in meetings:
            meetings[name] = meetings[name].mask(meetings[name].str.strip() == "0", "")
    reason = pd.Series("", index=frame.index, dtype=object)
    if "published" in frame:
        reason = reason.mask(frame["published"].str.casefold() == "false", "not published")
    if "withdrawn" in frame:
        reason = reason.mask(frame["withdrawn"].str.casefold() == "true", "withdrawn")
    out = reason != ""
    left_out = pd.DataFrame(
        {
            "file": str(table.path),
            "line": table.positions[out.to_numpy()],
            "meeting_id": meetings.loc[out, "meeting_id"].to_numpy(),
            "title": meetings.loc[out, "title"].to_numpy(),
            "reason": reason[out].to_numpy(),
        }
    )
    kept = ~out.to_numpy()
    prepared = RawTable(
        meetings.loc[kept].reset_index(drop=True),
        table.positions[kept],
        table.position_name,
        table.path,
        table.malformed,
    )
    return prepared, left_out
