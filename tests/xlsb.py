"""Excel binary workbooks (.xlsb) written record by record, for tests (no Excel here).

The least a reader needs: the package's content types and relationships, a
workbook.bin naming one sheet, and the sheet's BIFF12 records (its
dimension, a row header before each row's cells, numbers as BrtCellReal).
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/vnd.ms-excel.worksheet"/>'
    "</Types>"
)
_RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _relationships(kind: str, target: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_RELATIONS}{kind}" Target="{target}"/></Relationships>'
    )


def record(kind: int, data: bytes = b"") -> bytes:
    """One BIFF12 record: its type and size as base-128 numbers, then its data."""
    out = bytearray([kind] if kind < 0x80 else [(kind & 0x7F) | 0x80, kind >> 7])
    size = len(data)
    while True:
        out.append((size & 0x7F) | (0x80 if size >> 7 else 0))
        size >>= 7
        if not size:
            return bytes(out) + data


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def write_xlsb(path: Path, cells: Iterable[tuple[int, int, float]], sheet: str = "名单") -> Path:
    """An .xlsb whose one sheet holds ``cells`` (row, column, number), counted from 0."""
    ordered = sorted(cells)
    book = (
        record(131)
        + record(143)
        + record(156, struct.pack("<II", 0, 1) + _wide("rId1") + _wide(sheet))
        + record(144)
        + record(132)
    )
    last = (max(r for r, _, _ in ordered), max(c for _, c, _ in ordered))
    body = record(129) + record(148, struct.pack("<IIII", 0, last[0], 0, last[1])) + record(145)
    current = None
    for row, column, value in ordered:
        if row != current:
            body += record(0, struct.pack("<I", row) + bytes(21))
            current = row
        body += record(5, struct.pack("<IId", column, 0, value))
    body += record(146) + record(130)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _relationships("officeDocument", "xl/workbook.bin"))
        z.writestr("xl/workbook.bin", book)
        z.writestr(
            "xl/_rels/workbook.bin.rels", _relationships("worksheet", "worksheets/sheet1.bin")
        )
        z.writestr("xl/worksheets/sheet1.bin", body)
    return path
