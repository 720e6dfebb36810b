"""The label catalogue: every word a reader sees, in Polish and English.

Split by what the words are for: :mod:`.names` (areas and meeting kinds),
:mod:`.wording` (charts, tables, headings), :mod:`.prose` (sentences and captions),
:mod:`.notes` (definitions, rejection reasons, alt text) and :mod:`.remarks` (the
remarks register's section and chart). :data:`TEXT` is all of
them but the names, keyed by label; a key may be in one part only.

Each entry is a pair (Polish, English). Sentences hold ``{placeholders}`` that
:func:`analysis.catalogue.labels.sentence` fills in the report's language; a placeholder's
format says how a value is written: ``{n:number}`` (1 234 / 1,234),
``{x:decimal}`` (one decimal), ``{s:share}`` (18,1%), ``{d:date}`` (25 maja
2018), ``{d:day_month}`` (25 maja), ``{name}`` as it is. Nothing outside this
package chooses words by language. A test checks that both languages have the
same placeholders.
"""

from __future__ import annotations

from analysis.catalogue.names import AREA_LABELS, KIND_LABELS, MEETING_KINDS, UNASSIGNED_LABEL
from analysis.catalogue.notes import NOTES
from analysis.catalogue.prose import PROSE
from analysis.catalogue.remarks import REMARKS
from analysis.catalogue.wording import WORDING

__all__ = ["AREA_LABELS", "KIND_LABELS", "MEETING_KINDS", "TEXT", "UNASSIGNED_LABEL"]


def _merged(*parts: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"label(s) in two parts of the catalogue: {sorted(twice)}")
        merged.update(part)
    return merged


#: Every label but the names of codes: key -> (Polish, English).
TEXT: dict[str, tuple[str, str]] = _merged(WORDING, PROSE, NOTES, REMARKS)
