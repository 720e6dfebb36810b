"""Decidim's open-data proposals export, read as a remarks register with no mapping.

Decidim publishes an organisation's proposals as ``<host>-open-data-proposals.csv``, alone
or inside ``<host>-open-data.zip`` beside the meetings (read it from there with
``read_raw(path, member="proposals")``). It is written like the meetings export
(:mod:`analysis.sources.decidim`): separated by ``;``, nested fields flattened by ``/``,
one column per language. Four shapes are in use, and all are read by header name:

- 0.27: ``supports``, ``category/name/<locale>``, ``scope/name/<locale>``; a withdrawn
  proposal's ``state`` is ``withdrawn``;
- 0.28 (and late 0.27): adds ``author/id``, ``author/name``, ``author/url`` and
  ``answered_at``;
- 0.29: ``votes`` instead of ``supports``, ``withdrawn`` and ``withdrawn_at``, and states an
  administrator made up (written as their token);
- 0.30: ``taxonomies/ids`` with ``taxonomies/<id>/<locale>`` instead of categories and
  scopes, and ``state_published_at``.

Fields taken (docs/data-contract.md §10): ``id`` -> ``remark_id``; the title and the body
-> ``text``; ``state`` -> ``outcome``, the token as written (``accepted``, ``rejected``,
``evaluating``, ``not_answered``, ``withdrawn``, blank, or a custom token the user maps);
``withdrawn`` = ``true`` or a ``withdrawn_at`` (or a ``withdrawn`` state) -> ``withdrawn``
``true``; the answer -> ``response``; ``supports`` or ``votes`` -> ``supports`` (a blank is
a count Decidim hides, kept blank, never 0); ``published_at`` -> ``date``;
``answered_at`` -> ``decided``; the category or first taxonomy -> ``area``; the scope ->
``territory``; ``meeting_urls`` -> the meetings (the first in ``meeting_id``, all of them
in the links table). An answer Decidim has not published (``state`` blank) is a draft:
its text and date are not taken. Authors are people's user names: they are never taken.

Texts are in ``locale`` when a row has one, else in the first language with text (as for
the meetings); Decidim's formula guard (a ``'`` before ``=``, ``+``, ``-`` or ``@``) is
removed, then markup is stripped (:func:`plain_text`).

>>> recognised(["id", "title/ca", "state", "supports", "meeting_urls"])
True
>>> recognised(["id", "title/ca", "start_time", "related_proposals"])  # meetings
False
>>> plain_text("<p>Trees &amp; benches.</p><p>Shade<br>in summer</p>")
'Trees & benches.\\nShade\\nin summer'
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from html.parser import HTMLParser

import pandas as pd

from analysis.errors import DataError
from analysis.sources.columns import FIELDS
from analysis.sources.decidim import GUARD, area_of, locales_of, translated
from analysis.sources.reading import RawTable

#: The remarks register's fields (docs/data-contract.md §10), the prepared table's columns.
COLUMNS = FIELDS["remarks"]
#: Columns every proposals export has and the meetings export has not.
_MARKS = ("id", "state", "meeting_urls")
#: The meeting's id in a meeting's URL: the path segment after ``/meetings/``.
_MEETING = re.compile(r"/meetings/([^/?#\s]+)")
#: A cell holding markup: a tag such as ``<p>``, ``</p>``, ``<br/>``, or a comment.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<!--")
#: Elements that end a line (paragraphs, line breaks, list items, headings, cells).
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
        "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
#: Elements whose content is not text.
_HIDDEN = frozenset({"script", "style", "template"})


def recognised(header: Sequence[str]) -> bool:
    """Whether a header is a Decidim proposals export: ``id``, ``state``, ``meeting_urls``
    and a ``title/<locale>`` (the meetings export has no ``state`` nor ``meeting_urls``)."""
    header = [str(h) for h in header]
    return all(m in header for m in _MARKS) and any(h.startswith("title/") for h in header)


class _Text(HTMLParser):
    """The text of an HTML fragment: one line per block, entities unescaped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(self.hidden - 1, 0)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:  # a line break in the source is a space, as a browser shows it
            self.parts.append(re.sub(r"\s+", " ", data))


def plain_text(value: str) -> str:
    """A cell's text with its markup stripped.

    "Stripped" means: when the cell holds a tag (``<p>``, ``</li>``, ``<br/>``), it is
    read as HTML: tags are removed, the content of ``<script>`` and ``<style>`` dropped,
    each paragraph, line break, list item, heading or table row ends a line, and a line
    break in the source is a space. Entities (``&amp;``, ``&lt;``, ``&nbsp;``) are
    unescaped in every cell, so a plain text's ``<`` or ``&`` stays as written. Then each
    line's runs of spaces become one space, lines are trimmed and blank lines dropped:
    paragraphs are separated by one line break (``\\n``).

    >>> plain_text("Rents < 500 € & more\\n\\n  second   paragraph ")
    'Rents < 500 € & more\\nsecond paragraph'
    """
    if _TAG.search(value):
        parser = _Text()
        parser.feed(value)
        parser.close()
        text = "".join(parser.parts)
    else:
        text = html.unescape(value)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _locale_check(header: Sequence[str], locale: str, path: object) -> None:
    found = sorted(
        {
            h.rsplit("/", 1)[-1]
            for prefix in ("title/", "body/", "answer/")
            for h in locales_of(header, prefix)
            if "machine" not in h
        }
    )
    if locale and locale not in found:
        raise DataError(
            f"{path}: --locale {locale!r} is not in this Decidim export; "
            f"its languages: {', '.join(found) or 'none'}"
        )


def _text(frame: pd.DataFrame, header: Sequence[str], prefix: str, locale: str) -> pd.Series:
    """Per row: a translated field's text, guard removed and markup stripped."""
    columns = locales_of(header, prefix)
    if not columns:
        return pd.Series("", index=frame.index, dtype=object)
    return translated(frame, columns, locale).map(plain_text).astype(object)


def _meeting_ids(urls: str) -> list[str]:
    """The meetings' ids in a ``meeting_urls`` cell (URLs separated by commas), each once.

    A URL with no ``/meetings/<id>`` is kept whole, so the check names it.

    >>> _meeting_ids("https://x.org/processes/p/f/5/meetings/11, https://x.org/f/5/meetings/12/")
    ['11', '12']
    """
    ids: list[str] = []
    for url in (u.strip() for u in urls.split(",")):
        if url:
            match = _MEETING.search(url)
            found = match.group(1) if match else url
            if found not in ids:
                ids.append(found)
    return ids


def prepare(table: RawTable, locale: str = "") -> tuple[RawTable, pd.DataFrame]:
    """The export as a remarks register of the contract, and its links to meetings.

    Returns a table whose columns are :data:`COLUMNS`, every cell text (``""`` when the
    export says nothing: the organisation, section and proposed-change fields are always
    blank), one row per proposal with the file's line numbers kept; and the links, a frame
    ``remark_id``, ``meeting_id`` with one row per meeting a proposal names (in file order).
    Raises :class:`DataError` when ``id`` or every ``title/<locale>`` is missing, or when
    ``locale`` is not a language of the export.
    """
    frame, header = table.frame, [str(h) for h in table.frame.columns]
    titles = locales_of(header, "title/")
    missing = [c for c in ("id",) if c not in header] + ([] if titles else ["title/<locale>"])
    if missing:
        raise DataError(
            f"{table.path}: looks like a Decidim proposals export but lacks the column(s) "
            f"{', '.join(missing)}"
        )
    _locale_check(header, locale, table.path)
    blank = pd.Series("", index=frame.index, dtype=object)

    def column(name: str) -> pd.Series:
        return frame[name].str.replace(GUARD, "", regex=True) if name in frame else blank

    title, body = _text(frame, header, "title/", locale), _text(frame, header, "body/", locale)
    text = (title + "\n" + body).str.strip("\n")  # one of them may be blank
    state = column("state")
    published = state != ""  # Decidim shows no state while an answer is a draft
    flagged = column("withdrawn").str.casefold() == "true"
    withdrawn = flagged | (column("withdrawn_at") != "") | (state == "withdrawn")
    votes = "supports" if "supports" in frame else "votes"
    links = [
        (remark, meeting)
        for remark, urls in zip(frame["id"], column("meeting_urls"), strict=True)
        for meeting in _meeting_ids(urls)
    ]
    links_frame = pd.DataFrame(links, columns=["remark_id", "meeting_id"], dtype=object)
    first: dict[str, str] = {}
    for remark, meeting in links:
        first.setdefault(remark, meeting)
    scopes = locales_of(header, "scope/name/")
    remarks = pd.DataFrame(
        {
            "remark_id": frame["id"],
            "text": text,
            "meeting_id": frame["id"].map(lambda remark: first.get(remark, "")),
            "area": area_of(frame, header, locale),
            "territory": translated(frame, scopes, locale) if scopes else blank,
            "outcome": state,
            "response": _text(frame, header, "answer/", locale).where(published, ""),
            "date": column("published_at"),
            "decided": column("answered_at").where(published, ""),
            "supports": column(votes),
            "withdrawn": withdrawn.map({True: "true", False: "false"}).astype(object),
        },
        index=frame.index,
    )
    for name in COLUMNS:
        if name not in remarks:
            remarks[name] = ""
    written = {
        "remark_id": "id",
        "meeting_id": "meeting_urls",
        "outcome": "state",
        "date": "published_at",
        "decided": "answered_at",
        "supports": votes,
    }
    prepared = RawTable(
        remarks[list(COLUMNS)].reset_index(drop=True),
        table.positions,
        table.position_name,
        table.path,
        table.malformed,
        headers={field: name for field, name in written.items() if name in frame},
    )
    return prepared, links_frame
