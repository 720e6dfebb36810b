"""Reading a published consultation announcement (Polish text) into meetings and totals.

The parser reads the shape of the Kraków 2018 announcement, not its content:
meeting dates written ``D.MM.YYYY`` in brackets after each topic, a bulleted
list of sector meetings after "w obszarach:", thematic meetings with their
titles in „quotes”, a meeting for organisations new to the city and a general
("ogólnobranżowe") meeting; the period and totals in a sentence such as
"W okresie od 25 maja do 4 lipca 2018 r. odbyło się 11 spotkań …, w których
uczestniczyło łącznie 94 osoby, … przedstawicielami 72 … organizacji".
Another announcement of the same shape, with other dates, topics and totals,
is read the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.sources.columns import slugify

POLISH_MONTHS_GENITIVE = {
    "stycznia": 1,
    "lutego": 2,
    "marca": 3,
    "kwietnia": 4,
    "maja": 5,
    "czerwca": 6,
    "lipca": 7,
    "sierpnia": 8,
    "września": 9,
    "października": 10,
    "listopada": 11,
    "grudnia": 12,
}

_MONTH = "|".join(POLISH_MONTHS_GENITIVE)
_DATE_IN_BRACKETS = re.compile(r"\((\d{1,2})\.(\d{1,2})\.(\d{4})\)")
_PERIOD = re.compile(
    rf"od\s+(\d{{1,2}})(?:\s+({_MONTH}))?(?:\s+(\d{{4}}))?\s+do\s+(\d{{1,2}})\s+({_MONTH})\s+(\d{{4}})",
    re.IGNORECASE,
)
_MEETINGS_TOTAL = re.compile(r"(\d+)\s+spotka(?:ń|nia|nie)\b", re.IGNORECASE)
_PARTICIPANTS_TOTAL = re.compile(r"(\d+)\s+os(?:ób|oby|oba)\b", re.IGNORECASE)
_ORGANISATIONS_TOTAL = re.compile(r"(\d+)\s+(?:[^\W\d]+\s+){0,3}organizacj(?:i|e|a)\b", re.I)
_QUOTED_TITLE = re.compile(r"[„\"“]([^”\"“„]+)[”\"“]\s*$")
_NEWCOMERS = re.compile(r"nie\s+współpracował\w*\s+z\s+miastem", re.IGNORECASE)
_GENERAL = re.compile(r"ogólnobranżow", re.IGNORECASE)
_SECTOR_LIST_START = re.compile(r"w\s+obszarach\s*:", re.IGNORECASE)

NEWCOMERS_TITLE = "spotkanie dla organizacji, które nie współpracowały dotąd z miastem"
GENERAL_TITLE = "spotkanie ogólnobranżowe"


#: Titles as the 2018 announcement publishes them -> area code, for titles whose
#: code is not simply their transliterated slug.
PUBLISHED_TITLE_AREAS: dict[str, str] = {
    "kultura i sztuka": "culture",
    "pomoc społeczna i osoby z niepełnosprawnościami": "social-welfare",
    "wsparcie seniorów": "seniors",
    "rewitalizacja, przestrzeń, nowa huta": "revitalisation",
    "młodzież i edukacja": "youth-education",
    "sport, zdrowie, profilaktyka": "sport-health",
    "antydyskryminacja, mniejszości, prawa kobiet, prawa człowieka": "human-rights",
    "polityka lokalowa i zasady korzystania z mienia gminy": "premises",
    "tworzenie warunków do współpracy ngo i biznesu": "ngo-business",
}


def area_for_title(title: str) -> str:
    """The area code of a published meeting title (known titles first, else its slug)."""
    key = " ".join(title.split()).casefold()
    return PUBLISHED_TITLE_AREAS.get(key) or slugify(title)


class AnnouncementError(ValueError):
    """The announcement does not have the expected shape; the message says where."""


@dataclass(frozen=True)
class Announcement:
    meetings: pd.DataFrame  # meeting_id, date, kind, area, title
    #: what the text publishes: ``meetings``, ``participants``, ``organisations`` (counts),
    #: ``start`` and ``end`` (dates); :class:`analysis.consultation.PublishedTotals` holds them
    published: dict
    source: Path | None = None
    #: What the text names as consulted ("Wieloletniego Programu ... na lata 2019–2022"),
    #: in the genitive, as written; None when it names no programme.
    subject: str | None = None


#: "... do Wieloletniego Programu Współpracy ... na lata 2019-2022": the consulted programme.
_SUBJECT = re.compile(
    r"((?:Wieloletniego\s+|Rocznego\s+)?Programu\s+Współpracy\b.*?na\s+(?:lata|rok)\s+"
    r"\d{4}(?:\s*[-–]\s*\d{4})?)",
    re.DOTALL,
)


def _subject(text: str) -> str | None:
    match = _SUBJECT.search(text)
    if not match:
        return None
    words = " ".join(match.group(1).split())
    return re.sub(r"(\d{4})\s*[-–]\s*(\d{4})", "\\1–\\2", words)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _one_number(pattern: re.Pattern, text: str, what: str, source: str) -> int:
    match = pattern.search(text)
    if not match:
        raise AnnouncementError(f"{source}: no {what} found (expected e.g. {pattern.pattern!r})")
    return int(match.group(1))


def _period(text: str, source: str) -> tuple[dt.date, dt.date]:
    match = _PERIOD.search(text)
    if not match:
        raise AnnouncementError(
            f"{source}: no period found (expected 'od 25 maja do 4 lipca 2018' with Polish "
            "month names in the genitive)"
        )
    d1, m1, y1, d2, m2, y2 = match.groups()
    end = dt.date(int(y2), POLISH_MONTHS_GENITIVE[m2.lower()], int(d2))
    start_month = POLISH_MONTHS_GENITIVE[m1.lower()] if m1 else end.month
    start = dt.date(int(y1) if y1 else end.year, start_month, int(d1))
    if start > end:
        raise AnnouncementError(f"{source}: period starts {start} after it ends {end}")
    return start, end


def _classify(context: str, in_sector_list: bool) -> tuple[str, str] | None:
    """(kind, title) of the meeting whose date follows ``context``; None if unknown."""
    if _NEWCOMERS.search(context):
        return "newcomers", NEWCOMERS_TITLE
    if _GENERAL.search(context):
        return "general", GENERAL_TITLE
    quoted = _QUOTED_TITLE.search(context)
    if quoted:
        return "thematic", " ".join(quoted.group(1).split())
    if in_sector_list:
        title = " ".join(context.split()).strip(" ,;:-–")
        if title:
            return "sector", title
    return None


def parse_announcement(text: str, source: str = "<announcement>") -> Announcement:
    """Meetings and published totals from the text of an announcement.

    Raises :class:`AnnouncementError` naming the line when a dated meeting cannot
    be classified, or when the meetings found do not match the published count
    or period.
    """
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    start, end = _period(text, source)
    totals = {
        "meetings": _one_number(_MEETINGS_TOTAL, text, "number of meetings", source),
        "participants": _one_number(_PARTICIPANTS_TOTAL, text, "number of participants", source),
        "organisations": _one_number(_ORGANISATIONS_TOTAL, text, "number of organisations", source),
    }
    sector_from, sector_to = _sector_list_span(text)

    rows = []
    previous_end = 0
    for match in _DATE_IN_BRACKETS.finditer(text):
        day, month, year = (int(g) for g in match.groups())
        line = _line_of(text, match.start())
        try:
            date = dt.date(year, month, day)
        except ValueError as exc:
            raise AnnouncementError(
                f"{source}:{line}: invalid date {match.group(0)}: {exc}"
            ) from None
        # What stands before this date: from the previous date (or the list start).
        in_list = sector_from <= match.start() < sector_to
        if in_list:  # a list item is its own line
            context = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
        else:
            context = text[
                max(previous_end, sector_to if match.start() >= sector_to else 0) : match.start()
            ]
        kind_title = _classify(context, in_list)
        if kind_title is None:
            raise AnnouncementError(
                f"{source}:{line}: cannot tell what meeting is dated {match.group(0)} "
                f"(text before it: {' '.join(context.split())[-80:]!r})"
            )
        kind, title = kind_title
        area = {"newcomers": "newcomers", "general": "general"}.get(kind) or area_for_title(title)
        rows.append(
            {
                "meeting_id": f"{date.isoformat()}-{area}",
                "date": date,
                "kind": kind,
                "area": area,
                "title": title,
                "source_line": line,
            }
        )
        previous_end = match.end()

    if not rows:
        raise AnnouncementError(f"{source}: no meeting dates '(D.MM.YYYY)' found")
    meetings = pd.DataFrame(rows).sort_values(["date", "meeting_id"], kind="stable")
    meetings["date"] = pd.to_datetime(meetings["date"])
    meetings = meetings.drop(columns="source_line").reset_index(drop=True)
    duplicated = meetings["meeting_id"][meetings["meeting_id"].duplicated()]
    if not duplicated.empty:
        raise AnnouncementError(f"{source}: two meetings share the id {duplicated.iloc[0]!r}")
    if len(meetings) != totals["meetings"]:
        raise AnnouncementError(
            f"{source}: the text announces {totals['meetings']} meetings but "
            f"{len(meetings)} dated meetings were found"
        )
    first, last = meetings["date"].min().date(), meetings["date"].max().date()
    if (first, last) != (start, end):
        raise AnnouncementError(
            f"{source}: meetings run {first} to {last} but the published period is {start} to {end}"
        )
    return Announcement(meetings, {**totals, "start": start, "end": end}, subject=_subject(text))


_LIST_ITEM = re.compile(r"^[^\n.„]+\(\d{1,2}\.\d{1,2}\.\d{4}\)[ \t]*$")


def _sector_list_span(text: str) -> tuple[int, int]:
    """Where the list of sector meetings after "w obszarach:" starts and ends.

    The list is the run of lines, each a topic followed by its bracketed date;
    the first other non-blank line ends it. No list: an empty span at the end.
    """
    found = _SECTOR_LIST_START.search(text)
    if not found:
        return len(text), len(text)
    position = end = found.end()
    for line in text[found.end() :].splitlines(keepends=True):
        if line.strip():
            if not _LIST_ITEM.match(line.rstrip("\n")):
                break
            end = position + len(line)
        position += len(line)
    return found.end(), end


def read_announcement(path: str | Path) -> Announcement:
    """Parse an announcement file (UTF-8, with or without BOM)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AnnouncementError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise AnnouncementError(
            f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from None
    parsed = parse_announcement(text, source=str(path))
    return Announcement(parsed.meetings, parsed.published, source=path, subject=parsed.subject)
