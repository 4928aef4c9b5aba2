"""What an Excel binary workbook (.xlsb) publishes beside its cells' values (internal).

python-calamine reads an .xlsb file's cells.  Its comments and page headers
and footers are BIFF12 records ([MS-XLSB]): a sheet's ``BrtBeginHeaderFooter``
(six nullable wide strings), a comments part's ``BrtBeginComment`` (the
cell) and ``BrtCommentText`` (its text).  Its drawings, charts and
properties are XML, read as an .xlsx's are.  The sheets' names come from
the workbook part's ``BrtBundleSh`` records and the relationships.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
from collections.abc import Iterator
from xml.etree import ElementTree

from zfgk.tables._formulas import header_text
from zfgk.tables._places import WorkbookPart, cell_name

__all__ = ["xlsb_parts"]

_BUNDLE_SHEET, _HEADER_FOOTER = 156, 479
_BEGIN_COMMENT, _COMMENT_TEXT = 631, 632
_SHORTEST = 7
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
#: BrtBeginHeaderFooter as its type is written (479, in base 128).
_HEADER_MARK = b"\xdf\x03"
_HEADERS = ("header", "footer", "header", "footer", "header", "footer")


def _varint(data: bytes, at: int, most: int) -> tuple[int, int]:
    value = shift = 0
    for index in range(at, min(at + most, len(data))):
        value |= (data[index] & 0x7F) << shift
        shift += 7
        if not data[index] & 0x80:
            return value, index + 1
    raise struct.error("a record cut short")


def records(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(type, body) of each BIFF12 record of ``data``, to a record cut short.

    >>> from zfgk.tables._xlsb_parts import records
    >>> list(records(bytes([0x9C, 0x01, 2, 7, 8, 5, 0])))
    [(156, b'\\x07\\x08'), (5, b'')]
    """
    at = 0
    while at < len(data):
        try:
            kind, at = _varint(data, at, 2)
            size, at = _varint(data, at, 4)
        except struct.error:
            return
        if at + size > len(data):
            return
        yield kind, data[at : at + size]
        at += size


def _wide(data: bytes, at: int, nullable: bool = False) -> tuple[str | None, int]:
    (count,) = struct.unpack_from("<I", data, at)
    if nullable and count == 0xFFFFFFFF:
        return None, at + 4
    end = at + 4 + 2 * count
    if end > len(data):
        raise struct.error("a string past its record")
    return data[at + 4 : end].decode("utf-16-le", "replace"), end


def _rels(archive: zipfile.ZipFile, member: str) -> dict[str, str]:
    folder, base = posixpath.split(member)
    try:
        root = ElementTree.fromstring(archive.read(posixpath.join(folder, "_rels", base + ".rels")))
    except (KeyError, ElementTree.ParseError):
        return {}  # no relationships (a broken part is said by the reader of the XML parts)
    return {
        rel.get("Id", ""): posixpath.normpath(posixpath.join(folder, rel.get("Target", "")))
        for rel in root.iter(_PACKAGE_RELS)
        if rel.get("TargetMode") != "External"
    }


def headers_footers(data: bytes) -> Iterator[tuple[str, str]]:
    """(``header`` or ``footer``, text) of a sheet part's ``BrtBeginHeaderFooter``.

    The record is found by its type's bytes and taken only where its six
    strings fill it exactly, so the bytes of a cell cannot pass for it.
    """
    at = data.find(_HEADER_MARK)
    while at >= 0:
        try:
            size, body = _varint(data, at + 2, 4)
            position, end = body + 2, body + size
            texts: list[tuple[str, str]] = []
            for part in _HEADERS:
                text, position = _wide(data, position, nullable=True)
                if text:
                    texts.append((part, text))
            if position == end:
                yield from texts
                return
        except struct.error:
            pass
        at = data.find(_HEADER_MARK, at + 1)


def _comments(data: bytes) -> Iterator[tuple[str | None, str]]:
    """(cell, text) of each comment of a comments part."""
    cell = None
    for kind, body in records(data):
        if kind == _BEGIN_COMMENT and len(body) >= 16:
            first_row, _, first_column, _ = struct.unpack_from("<IIII", body, 0)
            cell = cell_name(first_row, first_column)
        elif kind == _COMMENT_TEXT and len(body) >= 5:
            text, _ = _wide(body, 1)
            yield cell, text or ""


def xlsb_parts(archive: zipfile.ZipFile) -> Iterator[WorkbookPart]:
    """The comments, headers and footers of the .xlsb open in ``archive``, with their places.

    (Its XML parts are read by :func:`zfgk.tables._parts.workbook_parts`.)
    """
    names = set(archive.namelist())
    if "xl/workbook.bin" not in names:
        return
    rels = _rels(archive, "xl/workbook.bin")
    for kind, body in records(archive.read("xl/workbook.bin")):
        if kind != _BUNDLE_SHEET or len(body) < 8:
            continue
        try:
            relation, at = _wide(body, 8, nullable=True)
            sheet, _ = _wide(body, at)
        except struct.error:
            continue
        member = rels.get(relation or "")
        if member is None or member not in names:
            continue
        for part, text in headers_footers(archive.read(member)):
            shown = header_text(text)
            if len(shown) >= _SHORTEST:
                yield WorkbookPart(shown, part, sheet)
        for target in _rels(archive, member).values():
            if posixpath.basename(target).startswith("comments") and target in names:
                for cell, text in _comments(archive.read(target)):
                    if len(text) >= _SHORTEST:
                        yield WorkbookPart(text, "comment", sheet, cell)
