"""What an .xlsx or .xlsm publishes outside its cells' values (internal).

Comments, hyperlinks (a ``tel:`` link), page headers and footers, defined
names, formulas and the document's properties travel with a workbook but
are not cells: python-calamine does not read them.  :func:`workbook_parts`
gives their texts, part by part, for the checks that search them.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

from zfgk.errors import InputError
from zfgk.formats import check_zip
from zfgk.i18n import N_

__all__ = ["workbook_parts"]

#: Parts whose texts are the cells' values, read as cells.
_CELL_PARTS = frozenset({"xl/sharedStrings.xml"})
#: A sheet's cells, and the formulas among them.
_SHEET_DATA_START = re.compile(rb"<(?:\w+:)?sheetData\b")
_SHEET_DATA_END = re.compile(rb"</(?:\w+:)?sheetData>|<(?:\w+:)?sheetData\b[^>]*/>")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]*)</(?:\w+:)?f>")
#: A text shorter than this cannot show a birth date's digits.
_SHORTEST = 7


def workbook_parts(path: Path) -> Iterator[tuple[str, str]]:
    """(part, text) of each text and attribute value of an .xlsx outside its cells' values.

    The zip is checked first (:func:`~zfgk.tables.check_zip`: no bomb, no
    entity declarations).  Texts shorter than seven characters are left out.

    >>> import pathlib, tempfile
    >>> import openpyxl
    >>> from openpyxl.comments import Comment
    >>> from zfgk.tables._parts import workbook_parts
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "名单.xlsx"
    >>> book = openpyxl.Workbook()
    >>> book.active["A1"] = "张*"
    >>> book.active["A1"].comment = Comment("已核实 电话 13812345678", "经办人")
    >>> book.save(path)
    >>> [part for part, text in workbook_parts(path) if "13812345678" in text]
    ['xl/comments/comment1.xml']
    """
    check_zip(path)
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = info.filename
            if name in _CELL_PARTS or not name.endswith((".xml", ".rels")):
                continue
            data = archive.read(info)  # bounded: check_zip has read the declared sizes
            if name.startswith("xl/worksheets/"):
                data, formulas = _without_cells(data)
                yield from ((name, text) for text in formulas if len(text) >= _SHORTEST)
            try:
                root = ElementTree.fromstring(data)
            except ElementTree.ParseError:
                raise InputError.of(
                    N_("{path}: the part {part} of the workbook is not well-formed XML"),
                    path=path,
                    part=name,
                ) from None
            for element in root.iter():
                if element.text and len(element.text) >= _SHORTEST:
                    yield name, element.text
                for value in element.attrib.values():
                    if len(value) >= _SHORTEST:
                        yield name, value


def _without_cells(data: bytes) -> tuple[bytes, list[str]]:
    """A sheet's XML without its cells (read as cells), and the texts of its formulas.

    Cutting the cells out with one search keeps a sheet of 200,000 rows from being
    parsed element by element a second time.
    """
    start, end = _SHEET_DATA_START.search(data), _sheet_data_end(data)
    if start is None or end is None or end.start() < start.start():
        return data, []
    cells = data[start.start() : end.end()]
    formulas = []
    if b"<f" in cells or b":f" in cells:  # else no formula can be there: no search
        formulas = [
            html.unescape(m.group(1).decode("utf-8", "replace")) for m in _FORMULA.finditer(cells)
        ]
    return data[: start.start()] + data[end.end() :], formulas


def _sheet_data_end(data: bytes) -> re.Match[bytes] | None:
    """``_SHEET_DATA_END.search(data)``, found by its word: every match holds "sheetData" after
    the tag's ``<``, so the regular expression is tried only where the word is (a search of
    the whole pattern tries every tag of the sheet's cells)."""
    position = 0
    while (word := data.find(b"sheetData", position)) >= 0:
        bracket = data.rfind(b"<", 0, word)
        if bracket >= 0 and (found := _SHEET_DATA_END.match(data, bracket)) is not None:
            return found
        position = word + 1
    return None
