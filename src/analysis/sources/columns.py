"""Which column of a source file holds which field of the data contract.

A meetings table or a register keeps the office's own headers, in any language:
``--meetings-column date=Data`` says that the column written ``Data`` holds the
field ``date``. A mapping is a plain ``{field: column}`` dict (the notebooks take
it as a parameter); :func:`parse_assignments` makes one from the command line's
``FIELD=COLUMN`` strings, and :func:`renames` turns it into the header renames
for one file, failing with one line when a mapped column is not there.

>>> parse_assignments(["date=Data de la sessió", "area = Àmbit"], "meetings")
{'date': 'Data de la sessió', 'area': 'Àmbit'}
>>> renames({"date": "data de la sessió"}, ["Id", "Data de la sessió"], "meetings", "m.csv")
{'Data de la sessió': ('date',)}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from analysis.errors import DataError, ParameterError

#: The fields of each table of the contract (docs/data-contract.md).
FIELDS: dict[str, tuple[str, ...]] = {
    "meetings": (
        "meeting_id",
        "date",
        "kind",
        "area",
        "title",
        "territory",
        "attendees",
        "organisations",
        "organisation_names",
        "contributions",
    ),
    "register": (
        "meeting_id",
        "participant_id",
        "organisation_id",
        "organisation_name",
        "synthetic",
    ),
    "organisations": ("organisation_id", "organisation_name", "area"),
    "remarks": (
        "remark_id",
        "text",
        "organisation_id",
        "organisation_name",
        "meeting_id",
        "meeting_date",
        "area",
        "territory",
        "section",
        "proposed_change",
        "outcome",
        "response",
        "date",
        "decided",
        "supports",
        "withdrawn",
        "synthetic",
    ),
}


def check_mapping(mapping: Mapping[str, str], role: str) -> dict[str, str]:
    """The mapping with every FIELD checked against the contract's fields of ``role``."""
    known = FIELDS[role]
    for name, column in mapping.items():
        if name not in known:
            raise ParameterError(
                f"--{role}-column {name}={column}: unknown field {name!r}; "
                f"fields of the {role} table: {', '.join(known)}"
            )
        if not isinstance(column, str) or not column.strip():
            raise ParameterError(f"--{role}-column {name}=: the column name is empty")
    return dict(mapping)  # one column may hold several fields (a title that is the area)


def parse_assignments(assignments: Iterable[str], role: str) -> dict[str, str]:
    """``["FIELD=COLUMN", ...]`` -> ``{field: column}``; a repeated FIELD is an error."""
    mapping: dict[str, str] = {}
    for assignment in assignments:
        if "=" not in assignment:
            raise ParameterError(f"--{role}-column {assignment!r}: expected FIELD=COLUMN")
        name, column = (part.strip() for part in assignment.split("=", 1))
        if name in mapping:
            raise ParameterError(f"--{role}-column: field {name!r} is mapped twice")
        mapping[name] = column
    return check_mapping(mapping, role)


def slugify(text: str) -> str:
    """A lower-case ASCII code for a title: ``'Ochrona środowiska'`` -> ``'ochrona-srodowiska'``."""
    text = text.replace("ł", "l").replace("Ł", "L")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def fold(text: str) -> str:
    """A header compared as people read it: NFC, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def renames(
    mapping: Mapping[str, str], header: Iterable[str], role: str, path: object
) -> dict[str, tuple[str, ...]]:
    """``{header as written: (field, ...)}`` for one file's header (a column mapped to
    several fields is read once for each).

    A column is found by its exact text, else by its folded text (:func:`fold`). A
    mapped column missing from the file is a :class:`DataError` naming the field,
    the column and the columns that are there.
    """
    header = [str(h) for h in header]
    by_fold: dict[str, list[str]] = {}
    for written in header:
        by_fold.setdefault(fold(written), []).append(written)
    found: dict[str, tuple[str, ...]] = {}
    for name, column in check_mapping(mapping, role).items():
        if column in header:
            found[column] = (*found.get(column, ()), name)
            continue
        candidates = by_fold.get(fold(column), [])
        if len(candidates) != 1:
            listed = ", ".join(repr(h) for h in header) or "none"
            problem = "is not in the file" if not candidates else "matches several columns"
            raise DataError(
                f"{path}: column {column!r} (mapped to field {name!r}) {problem}; "
                f"columns found: {listed}"
            )
        found[candidates[0]] = (*found.get(candidates[0], ()), name)
    return found
