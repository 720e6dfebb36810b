"""Tables written by Arrow are byte for byte what pandas writes (analysis.csv_writing)."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.csv_writing import _arrow_table, csv_bytes

#: text a register may hold: Polish letters, spaces, formula starts; and what CSV must quote
PLAIN = st.one_of(st.none(), st.text(alphabet="ał =+-@\t;'", max_size=4))
HOSTILE = st.one_of(st.none(), st.text(alphabet='ał =+-@\t,;"\n\r', max_size=4))
ROWS_ONLY = pa_csv.WriteOptions(include_header=False, quoting_style="none")
KINDS = ["str", "category", "Int64", "int64", "bool", "boolean", "float", "object", "date"]
KINDS += ["sparse int", "sparse bool"]


def _column(kind: str, cells: list, rows: int) -> pd.Series:
    numbers = [None if c is None else len(c) - 2 for c in cells]  # negatives too
    if kind == "str":
        return pd.Series(cells, dtype="str")
    if kind == "category":
        return pd.Series(cells, dtype="str").astype("category")
    if kind == "Int64":
        return pd.Series(numbers, dtype="Int64")
    if kind == "int64":
        return pd.Series([n or 0 for n in numbers], dtype="int64")
    if kind == "bool":
        return pd.Series([bool(c) for c in cells], dtype=bool)
    if kind == "boolean":
        return pd.Series([None if c is None else bool(c) for c in cells], dtype="boolean")
    if kind == "float":
        return pd.Series([None if n is None else n / 3 for n in numbers], dtype=float)
    if kind == "sparse int":
        return pd.Series(pd.arrays.SparseArray([n or 0 for n in numbers], dtype="int64"))
    if kind == "sparse bool":
        return pd.Series(pd.arrays.SparseArray([bool(c) for c in cells], dtype=bool))
    if kind == "object":
        return pd.Series(cells, dtype=object)
    return pd.Series(pd.date_range("2018-05-25", periods=rows, freq="D"))


@st.composite
def tables(draw) -> pd.DataFrame:
    rows = draw(st.integers(0, 6))
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=4))
    text = draw(st.sampled_from([PLAIN, PLAIN, HOSTILE]))  # mostly tables Arrow writes
    data = {}
    for i, kind in enumerate(kinds):
        cells = draw(st.lists(text, min_size=rows, max_size=rows))
        data[f"{kind} {i}"] = _column(kind, cells, rows)
    return pd.DataFrame(data)


@given(tables(), st.sampled_from(["\n", "\r\n"]))
def test_any_table_is_written_as_pandas_writes_it(frame, line_end):
    assert csv_bytes(frame, line_end) == frame.to_csv(index=False, lineterminator=line_end).encode()


def test_a_register_sized_table_of_text_numbers_and_flags_is_written_by_arrow():
    frame = pd.DataFrame(
        {
            "meeting_id": pd.Series(["m1", "m2", None] * 1000, dtype="str").astype("category"),
            "participant_id": pd.Series(["P1", "'=P2", "Łucja B."] * 1000, dtype="str"),
            "meetings": pd.Series([1, None, 30] * 1000, dtype="Int64"),
            "synthetic": np.ones(3000, dtype=bool),
        }
    )
    assert _arrow_table(frame) is not None  # the fast route takes it
    text = csv_bytes(frame).decode()
    assert text.startswith("meeting_id,participant_id,meetings,synthetic\nm1,P1,1,True\n")
    assert text.endswith("m2,'=P2,,True\n,Łucja B.,30,True\n")
    assert text.count("\n") == 3001


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"a": ["x", "y, z"], "b": [1, 2]}),  # a cell pandas quotes
        pd.DataFrame({"a": ["x", 'say "hi"'], "b": [1, 2]}),
        pd.DataFrame({"a": ["x", "two\nlines"], "b": [1, 2]}),
    ],
)
def test_a_cell_pandas_quotes_sends_the_whole_table_back_to_pandas(frame):
    with pytest.raises(pa.ArrowInvalid):  # what makes the writer start again with pandas
        pa_csv.write_csv(_arrow_table(frame), io.BytesIO(), ROWS_ONLY)
    assert csv_bytes(frame) == frame.to_csv(index=False, lineterminator="\n").encode()


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"a": ["x", ""]}),  # one column: pandas writes "" for an empty cell
        pd.DataFrame({"a": ["x", "y"], "b": [0.5, 1.0]}),  # decimals: pandas' own digits
        pd.DataFrame({"a": ["x", "y"], "d": pd.to_datetime(["2018-05-25", "2018-07-04"])}),
        pd.DataFrame({"a": ["x", "y"], "n": pd.arrays.SparseArray([0, 3])}),  # not for Arrow
        pd.DataFrame({"a": ["x", "y"], "b": pd.arrays.SparseArray([False, True])}),
    ],
)
def test_tables_arrow_would_print_otherwise_are_written_by_pandas(frame):
    assert _arrow_table(frame) is None
    assert csv_bytes(frame) == frame.to_csv(index=False, lineterminator="\n").encode()
