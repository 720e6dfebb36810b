"""Finding the office's own column names in a file's header (analysis.sources.columns)."""

from __future__ import annotations

import unicodedata

import pytest

from analysis.errors import DataError
from analysis.sources.columns import fold, renames, slugify

DECOMPOSED = unicodedata.normalize("NFD", "Data de la sessió")  # "o" + combining accent


def test_fold_reads_a_header_as_people_do():
    assert fold("  Data   de la\tSESSIÓ ") == "data de la sessió"
    assert fold(DECOMPOSED) == fold("Data de la sessió")
    assert fold(2018) == "2018"


def test_an_exact_header_wins_over_a_folded_one():
    header = ["data", "Data", "Id"]
    assert renames({"date": "Data", "meeting_id": "Id"}, header, "meetings", "m.csv") == {
        "Data": ("date",),
        "Id": ("meeting_id",),
    }


def test_a_header_written_differently_is_found_by_its_folded_text():
    header = ["ID ", DECOMPOSED, "Àmbit"]
    mapping = {"meeting_id": "id", "date": "data de la sessió", "area": "ÀMBIT"}
    assert renames(mapping, header, "meetings", "m.csv") == {
        "ID ": ("meeting_id",),
        DECOMPOSED: ("date",),
        "Àmbit": ("area",),
    }


def test_a_missing_column_names_the_file_field_column_and_what_is_there():
    with pytest.raises(DataError) as error:
        renames({"date": "Fecha"}, ["Id", "Data"], "meetings", "m.csv")
    assert str(error.value) == (
        "m.csv: column 'Fecha' (mapped to field 'date') is not in the file; "
        "columns found: 'Id', 'Data'"
    )


def test_an_empty_header_says_none():
    with pytest.raises(DataError, match=r"is not in the file; columns found: none$"):
        renames({"date": "Data"}, [], "meetings", "m.csv")


def test_a_column_that_folds_onto_two_headers_is_ambiguous():
    with pytest.raises(DataError) as error:
        renames({"date": "DATA"}, ["data", "Data ", "Id"], "meetings", "m.csv")
    assert str(error.value) == (
        "m.csv: column 'DATA' (mapped to field 'date') matches several columns; "
        "columns found: 'data', 'Data ', 'Id'"
    )


def test_slugify_transliterates_polish_letters():
    assert slugify("Łąki, źródła i żółwie") == "laki-zrodla-i-zolwie"
