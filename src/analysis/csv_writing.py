"""Tables written as CSV: pandas' bytes, written fast when the table is large.

``frame.to_csv(index=False)`` formats every row in Python: about 2 s for the million
rows of a large register's attendance table. Most processed tables hold only text,
whole numbers and true/false, and no cell that needs quoting; Arrow's CSV writer
writes those in C++, and for them its output is byte for byte what pandas writes
(``tests/test_csv_writing.py`` compares the two on random tables of hostile text).
Any other table (dates, decimals, mixed objects, a single column, or a cell holding
``"``, ``,`` or a line break, which pandas quotes) is written by pandas itself.

>>> import pandas as pd
>>> frame = pd.DataFrame({"id": ["m1", None], "n": [3, 4], "ok": [True, False]})
>>> csv_bytes(frame)
b'id,n,ok\\nm1,3,True\\n,4,False\\n'
>>> csv_bytes(frame.assign(id=["a,b", "c"])) == frame.assign(id=["a,b", "c"]).to_csv(
...     index=False).encode()
True
"""

from __future__ import annotations

import io
from typing import BinaryIO

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

__all__ = ["csv_bytes", "write_csv"]


def csv_bytes(frame: pd.DataFrame, line_end: str = "\n") -> bytes:
    """``frame.to_csv(index=False, lineterminator=line_end)`` as UTF-8 bytes."""
    buffer = io.BytesIO()
    write_csv(frame, buffer, line_end)
    return buffer.getvalue()


def write_csv(frame: pd.DataFrame, handle: BinaryIO, line_end: str = "\n") -> None:
    """Write :func:`csv_bytes` to ``handle``, a binary file opened for writing at its
    start; a large table's rows go to the file as Arrow formats them, batch by batch."""
    table = _arrow_table(frame)
    if table is not None:
        handle.write(frame.iloc[:0].to_csv(index=False, lineterminator=line_end).encode())
        options = pa_csv.WriteOptions(include_header=False, quoting_style="none", eol=line_end)
        try:
            pa_csv.write_csv(table, handle, options)
            return
        except pa.ArrowInvalid:  # a cell holds a quote, a comma or a line break
            handle.seek(0)
            handle.truncate()
    handle.write(frame.to_csv(index=False, lineterminator=line_end).encode("utf-8"))


def _arrow_table(frame: pd.DataFrame) -> pa.Table | None:
    """The frame as Arrow columns that print as pandas prints them, or None when
    pandas must write it."""
    if frame.shape[1] < 2:  # pandas writes a lone empty cell as ""
        return None
    try:
        columns = [_as_arrow(column) for _, column in frame.items()]
    except pa.ArrowException:  # a kind Arrow cannot take as it is (e.g. a sparse column)
        return None
    if any(column is None for column in columns):
        return None
    return pa.table(columns, names=[str(i) for i in range(len(columns))])


def _as_arrow(column: pd.Series) -> pa.Array | pa.ChunkedArray | None:
    """The column as Arrow text or whole numbers that print as pandas prints them;
    None for a kind pandas formats its own way (dates, decimals, objects)."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        if not isinstance(dtype.categories.dtype, pd.StringDtype):
            return None
        names = pa.array(dtype.categories.to_numpy(dtype=object), pa.large_string())
        codes = column.cat.codes.to_numpy()
        return pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), names)
    if isinstance(dtype, pd.StringDtype):
        return pa.Array.from_pandas(column).cast(pa.large_string())
    if pd.api.types.is_bool_dtype(dtype):
        return pc.if_else(pa.Array.from_pandas(column), "True", "False")
    if pd.api.types.is_integer_dtype(dtype):
        return pa.Array.from_pandas(column)
    return None
