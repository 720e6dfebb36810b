"""Sections as HTML: one Jinja2 environment, autoescaping on, formatting as filters.

As nbconvert does for its exporters, Python registers the filters (numbers,
dates, catalogue words, table cells) on one environment and the markup lives in
templates (``templates/report/section.html.j2`` and ``macros.html.j2``).
Autoescaping decides escaping once: no text from the data reaches the page
unescaped, and no Python builds HTML.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import jinja2
import pandas as pd

from analysis.catalogue import TEXT
from analysis.catalogue.labels import (
    Text,
    format_date,
    format_number,
    format_share,
    format_signed,
    text,
)
from analysis.views.blocks import ChartSpec, Folded, ItemList, KeyFigures, Paragraph, Table

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "report"


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value))


@jinja2.pass_context
def sentence(context, value: Text | str) -> str:
    """A catalogue entry in the page's language: a :class:`Text` or a key."""
    lang = context["lang"]
    return value.sentence(lang) if isinstance(value, Text) else text(value, lang)


@jinja2.pass_context
def number(context, value: object, decimals: int = 0) -> str:
    return "–" if _missing(value) else format_number(value, context["lang"], decimals)


@jinja2.pass_context
def date(context, value: object, style: str = "long") -> str:
    return "–" if _missing(value) else format_date(value, context["lang"], style)


@jinja2.pass_context
def cell(context, value: object, kind: str) -> str:
    """One table cell as text, by its column's kind (blank: "–")."""
    lang = context["lang"]
    if _missing(value):
        return "–"
    if kind == "int":
        return format_number(value, lang)
    if kind == "decimal":
        return format_number(value, lang, decimals=1)
    if kind == "signed":
        return format_signed(int(value), lang)
    if kind == "share":
        return format_share(value, lang)
    if kind == "date":  # in full, as every date of a page: 9 lutego 2016 / 9 February 2016
        return format_date(value, lang)
    if kind == "label":  # a catalogue key (status, measure, reason), else as written
        return text(str(value), lang) if str(value) in TEXT else str(value)
    if kind == "value":  # a reconciliation value: a count or a date
        if isinstance(value, (dt.date, pd.Timestamp)):
            return format_date(value, lang)
        return format_number(value, lang)
    return str(value)


def block_type(block: object) -> str:
    """The macro that draws a block."""
    for kind, name in (
        (Table, "table"),
        (ChartSpec, "chart"),
        (Paragraph, "paragraph"),
        (KeyFigures, "key_figures"),
        (ItemList, "item_list"),
        (Folded, "folded"),
    ):
        if isinstance(block, kind):
            return name
    raise TypeError(f"no template for {type(block).__name__}")


FILTERS = {
    "sentence": sentence,
    "number": number,
    "date": date,
    "cell": cell,
    "block_type": block_type,
}


@cache
def environment() -> jinja2.Environment:
    """The one environment of the report sections (autoescape on, strict undefined)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(FILTERS)
    return env


def render_section(section, lang: str, charts: dict, csv_prefix: str | None) -> str:
    """A section's HTML. ``charts`` maps each ChartSpec's ``name`` to its DrawnChart;
    ``csv_prefix`` (``tables/<report>-``) links each table's CSV, None links none."""
    if section is None:
        return ""
    template = environment().get_template("section.html.j2")
    return template.render(section=section, lang=lang, charts=charts, csv_prefix=csv_prefix)
