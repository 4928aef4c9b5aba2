"""The extent of an Excel binary (.xlsb) sheet, from its BIFF12 records, streamed.

As for .xls (see ``_biff``): a reader allocates every cell between a
sheet's first and last, and aborts the process when a single cell sits at
XFD1048576.  The records are walked a chunk at a time; only the first bytes
of each are looked at, so a record declaring a huge size costs no memory.
"""

from __future__ import annotations

import struct
from typing import IO

__all__ = ["xlsb_extent"]

_ROW_HEADER = 0
#: Cell records (BrtCellBlank … BrtFmlaError, BrtShortBlank … BrtShortIsst, BrtCellRString):
#: each starts with its column.
_CELLS = frozenset(range(1, 19)) | {62}
_CHUNK = 1 << 20


def _varint(buffer: bytes, position: int, most: int) -> tuple[int, int] | None:
    """The little-endian base-128 number at ``position`` of at most ``most`` bytes, and its end."""
    value = shift = 0
    for index in range(position, min(position + most, len(buffer))):
        byte = buffer[index]
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, index + 1
    return None


def xlsb_extent(part: IO[bytes]) -> tuple[int, int]:
    """(rows, columns) the cells of the BIFF12 sheet stream ``part`` span.

    >>> import io, struct
    >>> from zfgk.formats._biff12 import xlsb_extent
    >>> row = bytes([0, 25]) + struct.pack("<I", 41) + bytes(21)  # BrtRowHdr of row 42
    >>> cell = bytes([5, 16]) + struct.pack("<IId", 6, 0, 1.5)  # BrtCellReal in column G
    >>> xlsb_extent(io.BytesIO(row + cell))
    (42, 7)
    """
    buffer = b""
    position = 0
    row = rows = columns = 0
    ended = False
    while True:
        if len(buffer) - position < 16 and not ended:
            more = part.read(_CHUNK)
            ended = not more
            buffer, position = buffer[position:] + more, 0
        kind = _varint(buffer, position, 2)
        size = None if kind is None else _varint(buffer, kind[1], 4)
        if kind is None or size is None:
            return rows, columns  # the end (or a record cut short: calamine will say so)
        body = size[1]
        if body + 4 <= len(buffer):
            if kind[0] == _ROW_HEADER and size[0] >= 4:
                row = struct.unpack_from("<I", buffer, body)[0]
            elif kind[0] in _CELLS and size[0] >= 4:
                column = struct.unpack_from("<I", buffer, body)[0]
                rows, columns = max(rows, row + 1), max(columns, column + 1)
        skip = body + size[0] - len(buffer)
        if skip <= 0:
            position = body + size[0]
            continue
        while skip > 0 and not ended:  # a record longer than the buffer: read past it
            skipped = len(part.read(min(skip, _CHUNK)))
            ended = skipped == 0
            skip -= skipped
        buffer, position = b"", 0
        if ended:
            return rows, columns
