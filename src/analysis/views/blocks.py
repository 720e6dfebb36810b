"""What a report section is made of, as data: tables, charts, sentences, key figures.

A section function returns a :class:`Section` holding these blocks; nothing in
them is HTML or formatted text. Captions and sentences are
:class:`~analysis.catalogue.labels.Text` (a catalogue key and its values), column headers
are catalogue keys, charts are :class:`ChartSpec` (what to draw, from which
frame). The templates in ``templates/report/`` turn blocks into HTML in the
report's language; :mod:`analysis.views.outputs` writes the tables and charts
as files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.catalogue.labels import Text

#: How a column's values are written (see the ``cell`` filter in views.render).
COLUMN_KINDS = frozenset({"text", "int", "decimal", "signed", "share", "date", "label", "value"})
#: Kinds written as numbers: right-aligned.
NUMERIC = frozenset({"int", "decimal", "signed", "share", "value"})


@dataclass(frozen=True)
class Column:
    """One column of a table: the frame's column, its header (a catalogue key) and how its
    values are written (``label``: a catalogue key such as a status, said in the language)."""

    key: str
    header: str
    kind: str = "int"

    def __post_init__(self):
        if self.kind not in COLUMN_KINDS:
            raise ValueError(f"column {self.key!r}: unknown kind {self.kind!r}")

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC


@dataclass
class Table:
    """A table shown in the report; ``name`` names its CSV (``tables/<report>-<name>.csv``),
    which holds ``frame`` whole (every column, not only the shown ones); None: no CSV.

    ``shown``: the page shows only the frame's first rows, with ``note`` under the table
    saying so (the CSV still holds every row); None: every row."""

    name: str | None
    caption: Text
    columns: list[Column]
    frame: pd.DataFrame
    shown: int | None = None
    note: Text | None = None

    @property
    def rows(self) -> list[dict]:
        return self.frame.head(self.shown).to_dict("records")


@dataclass
class ChartSpec:
    """A chart to draw: ``builder`` names a chart function of views.charts, ``data`` its
    arguments (frames and options); ``name`` is the file stem after the report's name."""

    name: str
    builder: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Paragraph:
    text: Text


@dataclass
class KeyFigures:
    """Headline figures: (catalogue key, number or None) pairs."""

    items: list[tuple[str, Any]]


@dataclass
class ItemList:
    """A bulleted list of sentences (definitions)."""

    items: list[Text]


@dataclass
class Folded:
    """Blocks kept whole but folded away, opened by a click on ``summary``."""

    summary: Text
    blocks: list
    csv: str | None = None  # the table whose CSV holds these rows, when theirs has none

    @property
    def tables(self) -> list[str]:
        """The names of the tables whose CSV holds its rows: print and PDF link these
        instead of laying the long list out on paper."""
        if self.csv is not None:
            return [self.csv]
        return [b.name for b in self.blocks if isinstance(b, Table) and b.name is not None]


@dataclass
class Section:
    """One part of a report: a heading (catalogue key, also its anchor) and its blocks."""

    heading: str
    blocks: list = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.heading.replace("_", "-")

    def tables(self) -> list[Table]:
        return [b for b in _walk(self.blocks) if isinstance(b, Table)]

    def charts(self) -> list[ChartSpec]:
        return [b for b in _walk(self.blocks) if isinstance(b, ChartSpec)]


def _walk(blocks: list):
    for block in blocks:
        if isinstance(block, Folded):
            yield from _walk(block.blocks)
        else:
            yield block
