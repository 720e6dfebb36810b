"""A platform's proposals as a remarks register: Decidim's export in its four shapes, the
open-data ``.zip``, and CONSUL Democracy's CSV through a mapping.

The fixtures in tests/data/sources/ were written by hand from the platforms' serializers
(research notes: which columns each version writes, ``;``, ``/``-flattened, one column per
language, ``'`` before a text starting with ``=``, ``+``, ``-`` or ``@``). Every expected
cell below is worked out from those files by hand, in the comments; none is copied from
the code's output.

- ``decidim-0.27-proposals.csv``: ``supports``, ``category/…``, ``scope/…``; a withdrawal
  is ``state`` = ``withdrawn``; no authors, no ``answered_at`` (an early 0.27.x).
- ``decidim-0.28-proposals.csv``: adds ``author/id``, ``author/name``, ``author/url``
  after ``id`` and ``answered_at`` after the answers; bodies as plain text.
- ``decidim-0.29-proposals.csv``: ``votes`` (one hidden: blank), ``withdrawn``,
  ``withdrawn_at``, a custom state token (``en_estudi``).
- ``decidim-0.30-proposals.csv``: ``taxonomies/ids`` with ``taxonomies/<id>/<locale>``
  (no category, no scope), ``state_published_at``, ``created_at`` ...; locales en, es.

The 0.27 to 0.29 proposals link to meetings of ``decidim-0.27-meetings.csv`` (Decidim's
meetings export has one shape up to 0.29; the same organisation, upgraded), the 0.30
proposals to ``decidim-0.30-meetings.csv``.

CONSUL Democracy has no public proposals CSV (its 2019 public download was removed; its
admin CSV holds the author's e-mail and translated headers). ``consul-proposals.csv`` is
in the shape of that 2019 download, the one CONSUL CSV whose headers are its database's
column names: ``id,title,summary,cached_votes_up,created_at,retired_at,retired_reason,
geozone_id`` (the names of the proposals table and of the GraphQL API's fields), separated
by ``,``, times as Ruby writes them (``2019-03-04 10:11:12 +0100``), a blank for nil, no
formula guard. Assumed, not seen in a real file: the column choice and order (an admin
picked them) and the time form.
"""

from __future__ import annotations

import zipfile

import pandas as pd
import pytest

from analysis.errors import DataError
from analysis.sources import decidim, proposals
from analysis.sources.columns import renames
from analysis.sources.headers import fold_header
from analysis.sources.proposals import plain_text, prepare, recognised
from analysis.sources.reading import read_raw
from analysis.validation.meetings import check_meetings
from analysis.validation.remarks import check_remarks
from tests.conftest import TEST_DATA

SOURCES = TEST_DATA / "sources"
PROPOSALS = {v: SOURCES / f"decidim-{v}-proposals.csv" for v in ("0.27", "0.28", "0.29", "0.30")}
MEETINGS = {
    "0.27": SOURCES / "decidim-0.27-meetings.csv",
    "0.28": SOURCES / "decidim-0.27-meetings.csv",
    "0.29": SOURCES / "decidim-0.27-meetings.csv",
    "0.30": SOURCES / "decidim-0.30-meetings.csv",
}
CONSUL = SOURCES / "consul-proposals.csv"
#: The remarks register's fields, docs/data-contract.md §10, in this order.
CONTRACT = [
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
]
#: Fields a Decidim export never fills (authors are people: never an organisation).
ALWAYS_BLANK = [
    "organisation_id",
    "organisation_name",
    "meeting_date",
    "section",
    "proposed_change",
    "synthetic",
]
SHOWN = (
    "text",
    "meeting_id",
    "area",
    "territory",
    "outcome",
    "response",
    "date",
    "decided",
    "supports",
    "withdrawn",
)
P27 = "https://participa.example.org/processes/pam-2016/f/5/meetings/"

# Each proposal: its line in the file, then the fields of SHOWN. The text is the title, a
# line break, the body; the guard removed, markup stripped, one line per paragraph.
EXPECTED = {
    "0.27": {
        # the body's <p>…</p><p>…</p> is two lines, &amp; is &; links to meetings 11 and 12
        "101": (2, "Més arbres al carrer Gran\nPlantar arbres & posar bancs.\nCal ombra a "
                "l'estiu.", "11", "Medi ambient", "Sant Andreu", "accepted",
                "Acceptada: s'inclou al PAM.", "2016-02-10 09:15:00 UTC", "", "12", "false"),
        # the title '=1+1 is =1+1
        "102": (3, "=1+1\nUn carril bici per sentit.", "15", "Mobilitat", "Gràcia",
                "rejected", "No és viable & no hi ha pressupost.", "2016-02-26 10:00:00 UTC",
                "", "0", "false"),
        # a plain, quoted body over lines 4 and 5: its line break kept
        "106": (4, "Fonts d'aigua\nMés fonts als parcs,\ni que funcionin a l'estiu.", "",
                "Medi ambient", "Sant Andreu", "not_answered", "", "2016-03-08 11:00:00 UTC",
                "", "2", "false"),
        # only a Spanish title and body; &nbsp; a space; no category, no scope
        "103": (6, "Más bancos en la plaza\nBancos nuevos y fuentes.", "", "", "",
                "evaluating", "", "2016-03-01 12:30:00 UTC", "", "5", "false"),
        # state withdrawn: withdrawn
        "104": (7, "Horts al terrat\nRetirada per l'autora.", "", "Medi ambient", "Gràcia",
                "withdrawn", "", "2016-03-05 08:00:00 UTC", "", "3", "true"),
        # no state: the answer is a draft, not taken
        "105": (8, "Zona 30 a Sant Andreu\nMenys cotxes.", "13", "Mobilitat", "Sant Andreu",
                "", "", "2016-03-04 17:45:00 UTC", "", "7", "false"),
    },
    "0.28": {
        # '+ is +; the body's '---- heading underline is ----, its blank line dropped; the
        # answer's two <p> (a line break between them in the cell) are two lines
        "121": (2, "+ bicis, - cotxes\n-----------------\nCarrils bici\n-----------------\n"
                "Un carril per sentit & voreres amples.", "12", "Mobilitat", "Gràcia",
                "accepted", "Acceptada.\nS'executarà el 2017.", "2016-02-20 09:00:00 UTC",
                "2016-04-01 10:00:00 UTC", "40", "false"),
        # the city's own proposal: its author (the city) is not an organisation_name
        "122": (8, "Pla d'arbrat\nPlantar 500 arbres.", "11", "Medi ambient", "Sant Andreu",
                "evaluating", "", "2016-02-11 08:30:00 UTC", "", "9", "false"),
        "123": (9, "Metro fins a Gràcia\nAllargar la línia 4.", "", "", "Gràcia", "rejected",
                "No és competència municipal.", "2016-03-03 19:10:00 UTC",
                "2016-03-20 12:00:00 UTC", "0", "false"),
        "124": (10, "Més papereres\nPapereres a cada cantonada.", "13", "Medi ambient",
                "Sant Andreu", "withdrawn", "", "2016-03-02 07:45:00 UTC", "", "1", "true"),
        # a draft answer and its answered_at: neither taken
        "125": (11, "Carril bus\nUn carril bus en la Travessera.", "", "Mobilitat", "Gràcia",
                "", "", "2016-03-09 13:00:00 UTC", "", "6", "false"),
    },
    "0.29": {
        # '@ is @; the body's blank line dropped; &mdash; is —
        "141": (2, "@ajuntament: més llum als parcs\nFanals nous al parc de la Pegaso.\n"
                "I més manteniment.", "11", "Medi ambient", "Sant Andreu", "accepted",
                "Sí — s'hi posaran 20 fanals.", "2016-02-12 10:00:00 UTC",
                "2016-04-02 11:00:00 UTC", "25", "false"),
        # a custom state, as written; votes hidden: blank, not 0
        "142": (5, "Semàfors intel·ligents\nSemàfors que prioritzin els vianants.", "12",
                "Mobilitat", "Gràcia", "en_estudi", "En estudi pels serveis tècnics.",
                "2016-02-27 16:20:00 UTC", "2016-03-15 09:30:00 UTC", "", "false"),
        # withdrawn = true (withdrawn_at given); the state stays not_answered
        "143": (6, "Compostatge comunitari\nUn compostador per illa.", "", "Medi ambient",
                "Gràcia", "not_answered", "", "2016-03-01 09:00:00 UTC", "", "4", "true"),
        # answer only in Spanish: &lt;es&gt; is <es>
        "144": (7, "Aparcamiento gratuito\nAparcar gratis en el centro.", "", "", "",
                "rejected", "No <es> posible.", "2016-03-06 18:00:00 UTC",
                "2016-03-28 13:00:00 UTC", "0", "false"),
        "145": (8, "Bicing a Sant Andreu\nEstacions de bicicleta pública.", "15", "Mobilitat",
                "Sant Andreu", "", "", "2016-03-16 12:00:00 UTC", "", "8", "false"),
        "146": (9, "Refugis climàtics\nEspais frescos a l'estiu.", "", "Medi ambient",
                "Sant Andreu", "evaluating", "", "2016-03-18 08:00:00 UTC", "", "3", "false"),
    },
    "0.30": {
        # '- is -; the body's list items keep their * (Decidim's plain text), lines 2-5
        "161": (2, "-5% rent for young tenants\nCap rents for people under 30.\n"
                "* in every district\n* for five years", "201", "Housing", "", "accepted",
                "Accepted & budgeted.", "2025-04-03 08:00:00 UTC", "2025-05-09 16:00:00 UTC",
                "31", "false"),
        # taxonomy 34 (its columns last in the header): Youth; votes hidden
        "162": (6, "Skate park\nA skate park near the river.", "203", "Youth", "",
                "rejected", "No space left.", "2025-05-07 10:30:00 UTC",
                "2025-05-11 15:00:00 UTC", "", "false"),
        # taxonomies 21, 34: the first column group with a name, 21's Housing
        "163": (7, "Más vivienda pública\nAlquiler social y cooperativas.", "", "Housing", "",
                "evaluating", "Under study.", "2025-04-16 09:00:00 UTC",
                "2025-05-02 11:00:00 UTC", "12", "false"),
        "164": (8, "Night buses\nMore night buses at weekends.", "", "", "", "not_answered",
                "", "2025-04-10 20:00:00 UTC", "", "2", "true"),
        "165": (9, "Open day at the town hall\nA yearly open day.", "205", "Housing", "", "",
                "", "2025-04-25 14:00:00 UTC", "", "5", "false"),
    },
}  # fmt: skip
LINKS = {
    "0.27": [("101", "11"), ("101", "12"), ("102", "15"), ("105", "13")],
    "0.28": [("121", "12"), ("121", "15"), ("122", "11"), ("124", "13")],
    "0.29": [("141", "11"), ("141", "13"), ("142", "12"), ("145", "15")],
    "0.30": [("161", "201"), ("161", "202"), ("162", "203"), ("165", "205")],
}


def _prepared(version: str, locale: str = ""):
    return prepare(read_raw(PROPOSALS[version]), locale)


def _cells(table) -> dict:
    frame = table.frame
    return {
        row["remark_id"]: (line, *(row[f] for f in SHOWN))
        for line, row in zip(table.positions.tolist(), frame.to_dict("records"), strict=True)
    }


# --------------------------------------------------------------------------- recognition


@pytest.mark.parametrize("version", PROPOSALS)
def test_each_proposals_shape_is_recognised(version):
    assert recognised(list(read_raw(PROPOSALS[version]).frame.columns))


@pytest.mark.parametrize(
    "path",
    [MEETINGS["0.27"], MEETINGS["0.30"], SOURCES / "catalan-meetings.csv", CONSUL],
    ids=lambda p: p.name,
)
def test_meetings_exports_and_other_tables_are_not_proposals(path):
    assert not recognised(list(read_raw(path).frame.columns))


def test_an_offices_remarks_sheet_is_not_a_proposals_export():
    office = ["Lp.", "Podmiot zgłaszający", "Data spotkania", "Treść uwagi", "Sposób rozpatrzenia"]
    assert not recognised(office)
    assert not recognised(CONTRACT)
    # the columns that only a proposals export has, but no title in any language
    assert not recognised(["id", "state", "meeting_urls", "body/ca"])


# --------------------------------------------------------------------------- each shape


@pytest.mark.parametrize("version", PROPOSALS)
def test_prepare_gives_the_contract_columns_and_the_hand_worked_cells(version):
    table, _ = _prepared(version)
    assert list(table.frame.columns) == CONTRACT
    assert _cells(table) == EXPECTED[version]
    assert table.position_name == "line"
    assert table.path == PROPOSALS[version]
    for name in ALWAYS_BLANK:
        assert set(table.frame[name]) == {""}, name
    assert table.frame.map(lambda v: isinstance(v, str)).all().all()


@pytest.mark.parametrize("version", PROPOSALS)
def test_links_name_every_meeting_and_those_meetings_are_in_the_meetings_export(version):
    table, links = _prepared(version)
    assert list(links.columns) == ["remark_id", "meeting_id"]
    assert list(links.itertuples(index=False, name=None)) == LINKS[version]
    # meeting_id holds the first link
    first = dict(reversed(LINKS[version]))
    assert dict(zip(table.frame["remark_id"], table.frame["meeting_id"], strict=True)) == {
        rid: first.get(rid, "") for rid in EXPECTED[version]
    }
    meetings, _ = decidim.prepare(read_raw(MEETINGS[version]))
    assert set(links["meeting_id"]) <= set(meetings.frame["meeting_id"])


@pytest.mark.parametrize("version", ["0.28", "0.29", "0.30"])
def test_author_names_are_never_taken(version):
    raw = read_raw(PROPOSALS[version]).frame
    people = {
        name
        for column in ("author/name", "endorsements/user_endorsements")
        for cell in raw[column]
        for name in [cell, *cell.split(", ")]
        if name
    }
    assert people  # the fixture has authors to leave out
    table, _ = _prepared(version)
    for cell in table.frame.to_numpy().ravel():
        assert not any(name in cell for name in people), cell
    assert not any("author" in h for h in table.headers.values())


def test_messages_name_the_columns_as_the_export_writes_them():
    table, _ = _prepared("0.29")
    assert table.headers == {
        "remark_id": "id",
        "meeting_id": "meeting_urls",
        "outcome": "state",
        "date": "published_at",
        "decided": "answered_at",
        "supports": "votes",
    }
    assert _prepared("0.27")[0].headers["supports"] == "supports"
    assert "decided" not in _prepared("0.27")[0].headers  # no answered_at in that shape


def test_a_locale_picks_the_language_and_falls_back_per_field():
    table, _ = _prepared("0.27", "es")
    cells = table.frame.set_index("remark_id")
    # 101: no Spanish title nor body: Catalan; the Spanish answer and category
    assert cells.loc["101", "text"].startswith("Més arbres al carrer Gran\n")
    assert cells.loc["101", "response"] == "Aceptada: se incluye en el PAM."
    assert cells.loc["101", "area"] == "Medio ambiente"
    # 106: a Spanish title, a Catalan body
    expected = "Fuentes de agua\nMés fonts als parcs,\ni que funcionin a l'estiu."
    assert cells.loc["106", "text"] == expected
    # 102: the Spanish answer is blank: the Catalan one
    assert cells.loc["102", "response"] == "No és viable & no hi ha pressupost."
    table, _ = _prepared("0.30", "es")
    cells = table.frame.set_index("remark_id")
    assert cells.loc["161", "response"] == "Aceptada y presupuestada."
    assert cells.loc["162", "text"] == "Parque de skate\nUn parque de skate junto al río."
    assert cells.loc["162", "area"] == "Juventud"
    with pytest.raises(
        DataError, match="--locale 'fr' is not in this Decidim export; its languages: ca, es"
    ):
        _prepared("0.27", "fr")


def test_the_guard_is_removed_only_before_a_formula_sign(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(
        "id;title/en;body/en;state;meeting_urls;votes\n"
        "1;'=A1;'-- a list;;;3\n"
        "2;'quoted';'+ more;;;\n"
        "3;-no guard here;<p>'=kept: not at the start of the cell</p>;;;\n",
        encoding="utf-8",
    )
    table, links = prepare(read_raw(path))
    assert table.frame["text"].tolist() == [
        "=A1\n-- a list",
        "'quoted'\n+ more",
        "-no guard here\n'=kept: not at the start of the cell",
    ]
    assert table.frame["supports"].tolist() == ["3", "", ""]
    assert table.positions.tolist() == [2, 3, 4]
    assert links.empty and list(links.columns) == ["remark_id", "meeting_id"]


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        ("<p>One &amp; two.</p><p>Three</p>", "One & two.\nThree"),
        ("<p>Hello <b>bold</b> world<br>next<br/>line</p>", "Hello bold world\nnext\nline"),
        ("<ul>\n<li>first</li>\n<li>second</li>\n</ul>", "first\nsecond"),
        ("<p>a\nb</p>", "a b"),  # a line break in HTML source is a space
        ("<h2>Title</h2><script>alert(1)</script><style>p{}</style>Body", "Title\nBody"),
        ("<p>x&nbsp;&nbsp;y &lt;tag&gt; &#8364;5</p>", "x y <tag> €5"),
        ("Rents < 500 € & more\r\n\r\n  next   paragraph ", "Rents < 500 € & more\nnext paragraph"),
        ("a &amp; b", "a & b"),  # entities are unescaped in plain text too
        ("", ""),
    ],
)
def test_markup_is_stripped_to_plain_text(cell, text):
    assert plain_text(cell) == text


def test_an_export_without_an_id_or_a_title_is_one_line(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("id;body/en;state;meeting_urls\n1;x;;\n", encoding="utf-8")
    with pytest.raises(
        DataError, match=r"looks like a Decidim proposals export but lacks the column\(s\) title"
    ):
        prepare(read_raw(path))


def test_a_meeting_url_is_read_by_its_path_and_an_odd_one_is_kept_whole(tmp_path):
    path = tmp_path / "p.csv"
    urls = (
        "https://x.org/en/processes/p/f/5/meetings/11?locale=en, "
        "https://x.org/processes/p/f/5/meetings/11/, https://x.org/processes/p/f/5/results/7"
    )
    path.write_text(f"id;title/en;state;meeting_urls\n9;t;;{urls}\n", encoding="utf-8")
    _, links = prepare(read_raw(path))
    # the same meeting twice is one link; a URL naming no meeting is kept, so a check names it
    assert links.values.tolist() == [["9", "11"], ["9", "https://x.org/processes/p/f/5/results/7"]]


# --------------------------------------------------------------------------- checked


def test_prepared_proposals_pass_the_remarks_check_with_their_links():
    meetings = check_meetings(decidim.prepare(read_raw(MEETINGS["0.29"]))[0]).table
    table, links = _prepared("0.29")
    checked = check_remarks(table, meetings, None, links)
    # en_estudi is no outcome until the user maps it: line 5, the column as written
    assert checked.rejected[["line", "column", "field", "value"]].values.tolist() == [
        [5, "state", "outcome", "en_estudi"]
    ]
    table, links = _prepared("0.29")
    checked = check_remarks(table, meetings, {"en_estudi": "pending"}, links)
    assert checked.rejected.empty
    remarks = checked.table.set_index("remark_id")
    assert remarks["outcome"].to_dict() == {
        "141": "accepted",
        "142": "pending",
        "143": "withdrawn",  # withdrawn = true
        "144": "rejected",
        "145": "pending",
        "146": "pending",
    }
    assert pd.isna(remarks.loc["142", "supports"])  # hidden, not 0
    assert remarks["supports"].sum() == 25 + 4 + 0 + 8 + 3


# --------------------------------------------------------------------------- the .zip


def test_the_proposals_are_read_from_the_open_data_zip_beside_the_meetings(tmp_path):
    archive = tmp_path / "decidim.example.org-open-data.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(MEETINGS["0.30"], "decidim.example.org-open-data-meetings.csv")
        zipped.write(PROPOSALS["0.30"], "decidim.example.org-open-data-proposals.csv")
        zipped.writestr("decidim.example.org-open-data-proposal_comments.csv", "id;body/en\n")
        zipped.writestr("decidim.example.org-open-data-meeting_comments.csv", "id;body/en\n")
        zipped.writestr("README.md", "# Open data\n")
    raw = read_raw(archive, member="proposals")
    assert recognised(list(raw.frame.columns))
    table, links = prepare(raw)
    assert table.path == archive / "decidim.example.org-open-data-proposals.csv"
    assert _cells(table) == EXPECTED["0.30"]
    # the meetings, from the same archive as before
    meetings, _ = decidim.prepare(read_raw(archive))
    assert meetings.frame["meeting_id"].tolist() == ["201", "202", "203", "205"]
    assert set(links["meeting_id"]) <= set(meetings.frame["meeting_id"])


def test_a_zip_without_one_proposals_table_says_so(tmp_path):
    archive = tmp_path / "x.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("x-meetings.csv", "id\n1\n")
        zipped.writestr("x-proposal_comments.csv", "id\n2\n")
    with pytest.raises(DataError) as caught:
        read_raw(archive, member="proposals")
    assert str(caught.value) == (
        f"{archive}: expected one CSV table (or one named *proposals*) in the archive; "
        "found: x-meetings.csv, x-proposal_comments.csv"
    )


# --------------------------------------------------------------------------- CONSUL


def test_consul_proposals_are_read_through_a_mapping():
    mapping = {
        "remark_id": "id",
        "text": "title",
        "supports": "cached_votes_up",
        "date": "created_at",
        "withdrawn": "retired_at",
    }
    raw = read_raw(CONSUL)
    # as validation/loading.py reads a table with the user's mapping
    table = fold_header(raw, renames(mapping, raw.frame.columns, "remarks", raw.path))
    # ``title`` names a field of the meetings table too, so it is also kept as ``title``;
    # the columns no field reads keep their names
    assert list(table.frame.columns) == [
        "remark_id",
        "text",
        "title",
        "summary",
        "supports",
        "date",
        "withdrawn",
        "retired_reason",
        "geozone_id",
    ]
    assert table.header_of("withdrawn") == "retired_at"
    assert table.positions.tolist() == [2, 3, 4, 5]
    columns = ["remark_id", "text", "supports", "date", "withdrawn"]
    assert table.frame[columns].values.tolist() == [
        ["1", "Más carriles bici", "152", "2019-03-04 10:11:12 +0100", ""],
        ["2", "Más zonas verdes", "87", "2019-03-05 18:00:00 +0100", ""],
        # retired: withdrawn is the date it was retired
        ["3", "Wifi gratis en bibliotecas", "0", "2019-03-07 09:30:00 +0100",
         "2019-04-01 12:00:00 +0200"],
        # CONSUL writes no guard, and nothing is removed: the title as written
        ["4", "=SUM(A1)", "3", "2019-03-09 20:45:00 +0100", ""],
    ]  # fmt: skip
    assert not proposals.recognised(list(raw.frame.columns))
