"""A source table's header: the names staff and platforms give their columns, read as
the contract's fields.

Headers are matched case- and whitespace-insensitively, with Polish aliases (a remarks
register has some of its own); the user's mapping (:mod:`analysis.sources.columns`)
names the rest. Each column keeps its header as the file writes it, so that every
message names it in the file's own words; a missing required column is one line that
lists the headers as written and the option that maps them.
"""

from __future__ import annotations

from collections.abc import Iterable

from analysis.errors import DataError
from analysis.sources.columns import FIELDS
from analysis.sources.csv_reading import RawTable

#: Every field of the contract, whichever table it belongs to.
_ALL_FIELDS = {name for fields in FIELDS.values() for name in fields}

#: Polish headers accepted as aliases (after case and whitespace folding).
HEADER_ALIASES = {
    "id_spotkania": "meeting_id",
    "id_uczestnika": "participant_id",
    "id_organizacji": "organisation_id",
    "nazwa_organizacji": "organisation_name",
    "data": "date",
    "rodzaj": "kind",
    "obszar": "area",
    "tytul": "title",
    "tytuł": "title",
    "uczestnicy": "attendees",
    "organizacje": "organisations",
    "syntetyczne": "synthetic",
    "organization_id": "organisation_id",
    "organization_name": "organisation_name",
    # an office's own spreadsheet of meetings
    "data_spotkania": "date",
    "temat": "title",
    "temat_spotkania": "title",
    "nazwa_spotkania": "title",
    "tytuł_spotkania": "title",
    "dzielnica": "territory",
    "miejsce": "territory",
    "liczba_uczestników": "attendees",
    "liczba_uczestnikow": "attendees",
    "liczba_osób": "attendees",
    "liczba_organizacji": "organisations",
    "liczba_uwag": "contributions",
}


#: A remarks register's Polish headers (its "Data spotkania" names the meeting, where a
#: meetings table's names the meeting's own date).
REMARKS_ALIASES = {
    "lp": "remark_id",
    "nr": "remark_id",
    "treść_uwagi": "text",
    "treść": "text",
    "uwaga": "text",
    "podmiot_zgłaszający": "organisation_name",
    "zgłaszający": "organisation_name",
    "data_spotkania": "meeting_date",
    "id_spotkania": "meeting_id",
    "część_dokumentu": "section",
    "propozycja_zmiany": "proposed_change",
    "sposób_rozpatrzenia": "outcome",
    "uzasadnienie_stanowiska": "response",
    "uzasadnienie": "response",
    "data_zgłoszenia": "date",
    "data_rozpatrzenia": "decided",
    "liczba_głosów": "supports",
}


def role_aliases(header: Iterable[str], role: str, taken: Iterable[str] = ()) -> dict[str, str]:
    """``{header as written: field}`` for the headers a table of ``role`` names in its own
    way (:data:`REMARKS_ALIASES`), leaving alone the fields and headers in ``taken`` (the
    user's mapping wins).

    >>> role_aliases(["Lp.", "Treść uwagi", "Data spotkania"], "remarks")
    {'Lp.': 'remark_id', 'Treść uwagi': 'text', 'Data spotkania': 'meeting_date'}
    """
    aliases = REMARKS_ALIASES if role == "remarks" else {}
    taken = set(taken)
    found = {}
    for written in header:
        field = aliases.get(_folded(written).strip("._:"))
        if field and field not in taken and written not in taken:
            found[str(written)] = field
    return found


def _folded(name: object) -> str:
    return "_".join(str(name).strip().casefold().replace("-", "_").split())


def normalise_header(name: object) -> str:
    """``' Meeting ID '`` -> ``'meeting_id'``; Polish aliases map to the English names."""
    folded = _folded(name)
    return HEADER_ALIASES.get(folded, folded)


# --------------------------------------------------------------------------- reading


def fold_header(
    table: RawTable,
    renames: dict[str, str | tuple[str, ...]] | None = None,
    exclusive: Iterable[str] = (),
) -> RawTable:
    """Header cells folded to field names (:func:`normalise_header`), after ``renames``
    (header as written -> field, or several fields: the column is read once for each) has
    put the user's or a platform's names in place. A renamed header that names a field
    itself still holds it too (the user maps ``Temat`` to ``area``: it stays the title),
    unless it is ``exclusive`` (a table's own alias: a remarks register's ``Data
    spotkania`` is the meeting's date, not the remark's). Each column keeps its header as
    written in :attr:`RawTable.headers`, for messages in the file's own words."""
    renames = {w: (f,) if isinstance(f, str) else tuple(f) for w, f in (renames or {}).items()}
    mapped = {name for fields in renames.values() for name in fields}
    names, taken, headers = [], [], {}
    for position, written in enumerate(table.frame.columns):
        if written in renames:
            chosen = list(renames[written])
            own = normalise_header(written)  # a header that names a field holds it too
            if own in _ALL_FIELDS and own not in mapped and written not in exclusive:
                chosen.append(own)
        elif not str(written).strip():  # a blank header cell
            chosen = [f"(column {position + 1})"]
        elif normalise_header(written) in mapped:  # the mapping names another column
            chosen = [f"{written} (not used)"]
        else:
            chosen = [normalise_header(written)]
        for name in chosen:
            names.append(name)
            taken.append(position)
            headers.setdefault(name, str(written))
    seen = {n for n in names if names.count(n) > 1}
    if seen:
        raise DataError(f"{table.path}: the header repeats the column(s) {', '.join(sorted(seen))}")
    if len(taken) != table.frame.shape[1]:  # a column read for several fields
        table.frame = table.frame.iloc[:, taken].copy()
    table.frame.columns = names
    table.headers = headers
    return table


#: Words a header of each required field often holds (folded), for the example mapping
#: a missing-column message offers: a guess to edit, never applied by itself.
_HINTS = {
    "date": ("data", "date", "fecha", "datum", "dzień", "dia", "día"),
    "title": ("tytuł", "tytul", "temat", "title", "títol", "titulo", "título", "nazwa", "name"),
    "meeting_id": ("id", "kod", "code", "codi", "nr", "numer"),
    "participant_id": ("osoba", "uczestnik", "participant", "person", "persona"),
    "organisation_id": ("organiz", "entitat", "entidad", "podmiot"),
}


def _guess(field: str, headers: list[str]) -> str:
    """The first header whose words hold a hint for ``field`` (else ``COLUMN``)."""
    for header in headers:
        words = header.casefold().replace("_", " ").replace(".", " ").split()
        if any(w.startswith(hint) for w in words for hint in _HINTS.get(field, ())):
            return header
    return "COLUMN"


def require_columns(table: RawTable, required: Iterable[str], role: str = "") -> None:
    """A :class:`DataError` when a required field has no column: it lists the headers as
    the file writes them and shows the option that maps them, ready to edit."""
    missing = [c for c in required if c not in table.frame.columns]
    if not missing:
        return
    aliases = {c: [a for a, t in HEADER_ALIASES.items() if t == c] for c in missing}
    expected = "; ".join(f"{c} (or {', '.join(a)})" if a else c for c, a in aliases.items())
    fields = set(required) | set(HEADER_ALIASES.values())
    written = [table.header_of(c) for c in table.frame.columns]
    free = [table.header_of(c) for c in table.frame.columns if c not in fields]
    found = ", ".join(repr(h) for h in written) or "none"
    message = f"{table.path}: missing required column(s): {expected}; the file's columns: {found}"
    if role:
        example = " ".join(f'--{role}-column "{c}={_guess(c, free)}"' for c in missing)
        message += f"; say which column holds each field, e.g. {example}"
    raise DataError(message)
