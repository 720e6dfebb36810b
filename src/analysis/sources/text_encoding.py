"""Which text a file's bytes hold: UTF-8 (with or without BOM), UTF-16 with its BOM
(Excel's "Unicode text"), else Windows-1250, as staff's CSV files come.

>>> decode("Kraków".encode("cp1250")), utf8_bytes(b"\\xef\\xbb\\xbfa;b")
('Kraków', b'a;b')
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

__all__ = ["decode", "utf8_bytes"]


def decode(data: bytes) -> str:
    """Text of a CSV file: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's
    "Unicode text"), else Windows-1250; UTF-16 without a BOM is refused by name."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    head = data[:400]
    if head and head.count(b"\x00") * 3 > len(head):  # every other byte zero
        raise ValueError("it looks like UTF-16 without a byte-order mark; save it as UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1250")


def utf8_bytes(data: bytes) -> bytes:
    """The file's bytes as UTF-8 without BOM (decoded as :func:`decode` says)."""
    if data.startswith(b"\xef\xbb\xbf"):
        body = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:400]:
        return decode(data).encode("utf-8")
    else:
        body = data
    return body if _valid_utf8(body) else decode(data).encode("utf-8")


def _valid_utf8(body: bytes) -> bool:
    """Whether ``body`` is UTF-8, checked by Arrow without decoding it into a str."""
    offsets = pa.py_buffer(np.array([0, len(body)], dtype=np.int64))
    whole = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(body)])
    try:
        whole.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True
