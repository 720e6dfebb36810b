"""A consultation's sources read and checked, each as its role needs (the uncached path).

The meetings come from a table, a Decidim open-data export or a published announcement;
the register and the organisations table from tables. Each is read by
:mod:`analysis.sources`, its headers renamed by the user's mapping, and checked by
:mod:`analysis.validation.schemas`. Nothing is dropped silently: a row that fails a
check is kept with its reason in :attr:`Checked.rejected`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from analysis.errors import DataError
from analysis.sources import decidim, proposals
from analysis.sources.announcement import AnnouncementError, read_announcement
from analysis.sources.columns import renames
from analysis.sources.headers import fold_header, role_aliases
from analysis.sources.reading import RawTable, empty_rejects, read_raw, read_table
from analysis.validation.meetings import check_meetings, no_meetings
from analysis.validation.remarks import check_remarks
from analysis.validation.schemas import (
    Checked,
    check_organisations,
    check_register,
    no_duplicates,
)


def load_meetings(
    path: str | Path, columns: Mapping[str, str] | None = None, locale: str = ""
) -> tuple[Checked, dict | None, str | None]:
    """Meetings from a table or a published announcement (``.txt``).

    Returns the checked meetings, the published totals (an announcement's
    :attr:`~analysis.sources.announcement.Announcement.published`, else None) and what
    the source names as consulted (else None). ``columns`` maps fields to the file's own
    headers; without it, a Decidim open-data export is recognised by its header
    (``locale`` picks the language of its texts).
    """
    path = Path(path)
    if path.suffix.lower() == ".txt" and path.is_file() and not columns:
        try:
            announcement = read_announcement(path)
        except AnnouncementError as exc:
            raise DataError(str(exc)) from None
        meetings = announcement.meetings
        checked = Checked(meetings, empty_rejects(), no_duplicates(), len(meetings), path)
        return checked, announcement.published, announcement.subject
    table = read_raw(path)
    header = list(table.frame.columns)
    left_out = None
    if columns:
        table = fold_header(table, renames(columns, header, "meetings", table.path))
    elif proposals.recognised(header):
        raise DataError(
            f"{table.path}: this is a Decidim proposals export, not meetings; give it as "
            "--remarks (and the meetings export as --meetings)"
        )
    elif decidim.recognised(header):
        table, left_out = decidim.prepare(table, locale)
    else:
        table = fold_header(table)
    checked = check_meetings(table)
    if left_out is not None:
        checked.left_out = left_out
        checked.rows_read += len(left_out)
    return checked, None, None


def load_remarks(
    path: str | Path,
    meetings: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    outcomes: Mapping[str, str] | None = None,
    locale: str = "",
) -> Checked:
    """A remarks register read and checked against the checked ``meetings``: its headers
    as the contract's, its Polish aliases (``Lp.``, ``Treść uwagi``, ``Data spotkania``,
    ...) or the user's ``columns``; ``outcomes`` maps more wordings to outcomes. Without a
    mapping, a Decidim proposals export (alone, or in the open-data ``.zip`` beside the
    meetings) is recognised and read in its own shape, ``locale`` choosing its texts'."""
    table = read_raw(path, member="proposals")
    header = [str(h) for h in table.frame.columns]
    if not columns and proposals.recognised(header):
        prepared, links = proposals.prepare(table, locale)
        return check_remarks(prepared, meetings, outcomes, links)
    mapped = renames(columns, header, "remarks", table.path) if columns else {}
    taken = {*mapped, *(f for fields in mapped.values() for f in fields)}
    aliases = role_aliases(header, "remarks", taken)
    table = fold_header(table, {**aliases, **mapped}, exclusive=aliases)
    return check_remarks(table, meetings, outcomes)


def load_table(path: str | Path, columns: Mapping[str, str] | None, role: str) -> RawTable:
    table = read_raw(path)
    if not columns:
        return fold_header(table)
    return fold_header(table, renames(columns, table.frame.columns, role, table.path))


def validate_sources(given: dict, sums: dict, settings: Mapping) -> dict:
    """Read and check each source (``given``: role -> path; ``sums``: role -> SHA-256;
    ``settings``: the column mappings, the locale, the remarks' outcome wordings); the parts
    of a :class:`~analysis.consultation.Consultation`."""
    if "meetings" in given:
        meetings_checked, announced, subject = load_meetings(
            given["meetings"], settings.get("meetings_columns"), settings.get("locale", "")
        )
        synthetic = meetings_checked.synthetic
        sources = [["meetings", given["meetings"], sums["meetings"], synthetic]]
    else:  # a consultation held online: its remarks alone
        meetings_checked, announced, subject, sources = no_meetings(), None, None, []
    checks = {"meetings": meetings_checked}
    organisation_ids = None
    if "organisations" in given:
        checks["organisations"] = check_organisations(read_table(given["organisations"]))
        organisation_ids = checks["organisations"].table["organisation_id"].tolist()
        sources.append(["organisations", given["organisations"], sums["organisations"], False])
    if "register" in given:
        checks["register"] = check_register(
            load_table(given["register"], settings.get("register_columns"), "register"),
            meetings_checked.table["meeting_id"],
            organisation_ids,
        )
        synthetic = checks["register"].synthetic
        sources.append(["register", given["register"], sums["register"], synthetic])
    if "remarks" in given:
        checks["remarks"] = load_remarks(
            given["remarks"],
            meetings_checked.table,
            settings.get("remarks_columns"),
            settings.get("remarks_outcomes"),
            settings.get("locale", ""),
        )
        synthetic = checks["remarks"].synthetic
        sources.append(["remarks", given["remarks"], sums["remarks"], synthetic])
    return {"checks": checks, "sources": sources, "announced": announced, "subject": subject}
