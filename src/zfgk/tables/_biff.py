"""The extent of the sheets of an Excel 97–2003 workbook (.xls), read before calamine.

A reader allocates every cell between a sheet's first and last, so one cell
at IV65536 costs a gigabyte.  This reads the OLE2 compound file just far
enough to find its Workbook stream, then walks the BIFF records of each
worksheet for the cells' rows and columns.  Every length and chain in the
file is checked against the file's size, so a hostile file cannot send it
looping or reading past the end.
"""

from __future__ import annotations

import mmap
import struct
from pathlib import Path
from typing import NamedTuple

__all__ = ["BrokenFile", "CompoundEntry", "CompoundFile", "xls_extent"]

_END = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA
#: Records of one cell: (row, column) lead their data.
_CELLS = frozenset({0x0203, 0x027E, 0x00FD, 0x0204, 0x0201, 0x0006, 0x0205, 0x00D6})
#: Records of a run of cells in one row: the last column ends their data.
_RUNS = frozenset({0x00BD, 0x00BE})
_BOF, _EOF, _WORKSHEET = 0x0809, 0x000A, 0x0010


class BrokenFile(ValueError):
    """The compound file is not what it says (a truncated or crafted .xls)."""


class CompoundEntry(NamedTuple):
    """An entry of a compound file's directory: a stream (kind 2), a storage (1), the root
    (5); its siblings and first child by index; its first sector and size."""

    name: str
    kind: int
    left: int
    right: int
    child: int
    start: int
    size: int


class _Compound:
    """An OLE2 compound file (an .xls, a .doc), read as far as its streams: every length
    and chain checked against the file's size (:class:`BrokenFile` otherwise).

    >>> from zfgk.tables import BrokenFile, CompoundFile
    >>> try:
    ...     CompoundFile(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(600))
    ... except BrokenFile as e:
    ...     print(e)
    unknown sector sizes
    """

    def __init__(self, data: mmap.mmap | bytes) -> None:
        self.data = data
        self._entries: list[CompoundEntry] | None = None
        self._mini: tuple[list[int], bytes] | None = None  # the mini FAT and mini stream
        if len(data) < 512:
            raise BrokenFile("shorter than its header")
        shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
        if shift not in (9, 12) or mini_shift != 6:
            raise BrokenFile("unknown sector sizes")
        self.size = 1 << shift
        self.sectors = (len(data) - 512) // self.size + 1
        (fat_count, self.directory, _, self.cutoff, self.mini_fat, _mini_count) = (
            struct.unpack_from("<IIIIII", data, 0x2C)
        )
        difat_first, difat_count = struct.unpack_from("<II", data, 0x44)
        fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
        sector = difat_first
        per = self.size // 4 - 1
        for _ in range(min(difat_count, self.sectors)):
            if sector > _MAX_SECTOR:
                break
            entries = struct.unpack_from(f"<{per + 1}I", self._sector(sector))
            fat_sectors += entries[:per]
            sector = entries[per]
        fat: list[int] = []
        for sector in fat_sectors[: min(fat_count, self.sectors)]:
            if sector <= _MAX_SECTOR:
                fat += struct.unpack_from(f"<{self.size // 4}I", self._sector(sector))
        self.fat = fat

    def _sector(self, number: int) -> bytes:
        start = (number + 1) * self.size
        if number >= self.sectors or start + self.size > len(self.data):
            raise BrokenFile("a sector past the end of the file")
        return bytes(self.data[start : start + self.size])

    def _chain(self, first: int, table: list[int]) -> list[int]:
        chain: list[int] = []
        sector = first
        while sector <= _MAX_SECTOR:
            if sector >= len(table) or len(chain) > len(table):
                raise BrokenFile("a broken sector chain")
            chain.append(sector)
            sector = table[sector]
        return chain

    def entries(self) -> list[CompoundEntry]:
        """The directory's entries, in their order (the root first), read once."""
        if self._entries is None:
            directory = b"".join(self._sector(s) for s in self._chain(self.directory, self.fat))
            found = []
            for offset in range(0, len(directory) - 127, 128):
                length, kind = struct.unpack_from("<HB", directory, offset + 64)
                left, right, child = struct.unpack_from("<III", directory, offset + 68)
                start, size = struct.unpack_from("<IQ", directory, offset + 116)
                name = directory[offset : offset + min(length, 64)].decode("utf-16-le", "replace")
                found.append(
                    CompoundEntry(name.rstrip("\x00"), kind, left, right, child, start, size)
                )
            self._entries = found
        return self._entries

    def stream(self, name: str) -> bytes | None:
        """The stream called ``name`` (case-insensitive), or None."""
        for entry in self.entries():
            if entry.kind == 2 and entry.name.lower() == name.lower():
                return self.read(entry)
        return None

    def read(self, entry: CompoundEntry) -> bytes:
        """The bytes of a stream entry (a small one from the mini stream, read once)."""
        if entry.size > len(self.data) * 8:
            raise BrokenFile("a stream larger than the file")
        if entry.size >= self.cutoff:
            data = b"".join(self._sector(s) for s in self._chain(entry.start, self.fat))
            return data[: entry.size]
        if self._mini is None:
            entries = self.entries()
            root = next((e for e in entries if e.kind == 5), None)
            table: list[int] = []
            for sector in self._chain(self.mini_fat, self.fat):
                table += struct.unpack_from(f"<{self.size // 4}I", self._sector(sector))
            mini = b""
            if root is not None:
                mini = b"".join(self._sector(s) for s in self._chain(root.start, self.fat))
                mini = mini[: root.size]
            self._mini = table, mini
        table, mini = self._mini
        parts = [mini[s * 64 : s * 64 + 64] for s in self._chain(entry.start, table)]
        return b"".join(parts)[: entry.size]


#: The compound file reader, as the other rooms use it (a .doc's streams).
CompoundFile = _Compound


def _sheets(stream: bytes) -> list[tuple[int, int]]:
    """(rows, columns) each worksheet's cells span, from the BIFF records."""
    found: list[tuple[int, int]] = []
    rows = columns = 0
    inside = False
    position, end = 0, len(stream) - 4
    while position <= end:
        kind, length = struct.unpack_from("<HH", stream, position)
        body = position + 4
        position = body + length
        if kind == _BOF and length >= 4:
            inside = struct.unpack_from("<H", stream, body + 2)[0] == _WORKSHEET
            rows = columns = 0
        elif not inside or position > len(stream):
            continue
        elif kind in _CELLS and length >= 4:
            row, column = struct.unpack_from("<HH", stream, body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind in _RUNS and length >= 6:
            row = struct.unpack_from("<H", stream, body)[0]
            last = struct.unpack_from("<H", stream, position - 2)[0]
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        elif kind == _EOF:
            found.append((rows, columns))
            inside = False
    return found


def xls_extent(path: Path) -> tuple[int, int]:
    """The largest (rows, columns) any worksheet of the .xls file ``path`` spans.

    :class:`BrokenFile` if the file is not a sound compound file.

    >>> import pathlib, tempfile
    >>> from zfgk.tables._biff import BrokenFile, xls_extent
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "cut.xls"
    >>> _ = path.write_bytes(b"\\xd0\\xcf\\x11\\xe0\\xa1\\xb1\\x1a\\xe1" + bytes(100))
    >>> try:
    ...     xls_extent(path)
    ... except BrokenFile as e:
    ...     print(e)
    shorter than its header
    """
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        compound = _Compound(data)
        stream = compound.stream("Workbook") or compound.stream("Book")
        if stream is None:
            raise BrokenFile("no Workbook stream")
        sheets = _sheets(stream)
    return max(sheets, key=lambda s: s[0] * s[1], default=(0, 0))
