"""What python-calamine does not say of an OpenDocument sheet: its merges, and its true extent.

Both come from the file's content.xml, read as a stream before calamine
parses it (the guard has refused any part that declares a document type,
so no entity is expanded).  The extent counts repeated cells and rows
(``number-columns-repeated``), which a reader materializes when they hold a
value: a few bytes can stand for a billion cells.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

import attrs

__all__ = ["OdsSheet", "ods_sheets"]

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_SHEET = _TABLE + "table"
_NAME = _TABLE + "name"
_ROW = _TABLE + "table-row"
_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")
_VALUE_TYPE = _OFFICE + "value-type"
_ROWS_REPEATED = _TABLE + "number-rows-repeated"
_COLUMNS_REPEATED = _TABLE + "number-columns-repeated"
_ROWS_SPANNED = _TABLE + "number-rows-spanned"
_COLUMNS_SPANNED = _TABLE + "number-columns-spanned"

Merge = tuple[tuple[int, int], tuple[int, int]]


@attrs.define
class OdsSheet:
    """A sheet's merged ranges (from 0, inclusive) and the rows and columns its values span."""

    merges: list[Merge] = attrs.Factory(list)
    rows: int = 0
    columns: int = 0


def _count(element: ElementTree.Element, attribute: str) -> int:
    try:
        return max(int(element.get(attribute, "1")), 1)
    except ValueError:
        return 1


def _row(element: ElementTree.Element, row: int, sheet: OdsSheet) -> None:
    """Add one table-row (and its repeats) to ``sheet``."""
    column = 0
    filled = False
    for cell in element:
        if cell.tag not in _CELLS:
            continue
        repeat = _count(cell, _COLUMNS_REPEATED)
        spans = (_count(cell, _ROWS_SPANNED), _count(cell, _COLUMNS_SPANNED))
        if spans != (1, 1):  # a spanning cell is never repeated in a real file
            sheet.merges.append(((row, column), (row + spans[0] - 1, column + spans[1] - 1)))
        if cell.get(_VALUE_TYPE) is not None or len(cell):
            filled = True
            sheet.columns = max(sheet.columns, column + repeat)
        column += repeat
    if filled:
        sheet.rows = max(sheet.rows, row + _count(element, _ROWS_REPEATED))


def ods_sheets(path: Path) -> dict[str, OdsSheet]:
    """Each sheet of the .ods file ``path`` by name: its merges and extent.

    Merges are as python-calamine gives them for .xlsx and .xls:
    ((first row, first column), (last row, last column)), from 0, inclusive.

    >>> import pathlib, tempfile, zipfile
    >>> from zfgk.tables._ods import ods_sheets
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.ods"
    >>> ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    ...       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
    >>> content = (f'<office:document-content {ns}><table:table table:name="名单">'
    ...     '<table:table-row><table:table-cell table:number-columns-spanned="3" '
    ...     'office:value-type="string"/><table:covered-table-cell table:number-columns-repeated="2"/>'
    ...     '</table:table-row><table:table-row table:number-rows-repeated="2"><table:table-cell/>'
    ...     '<table:table-cell table:number-rows-spanned="4" office:value-type="float"/></table:table-row>'
    ...     '<table:table-row table:number-rows-repeated="1048570"><table:table-cell '
    ...     'table:number-columns-repeated="1024"/></table:table-row>'
    ...     '</table:table></office:document-content>')
    >>> with zipfile.ZipFile(path, "w") as z:
    ...     z.writestr("content.xml", content)
    >>> ods_sheets(path)
    {'名单': OdsSheet(merges=[((0, 0), (0, 2)), ((1, 1), (4, 1))], rows=3, columns=2)}
    """
    sheets: dict[str, OdsSheet] = {}
    sheet: OdsSheet | None = None
    row = 0
    parents: list[ElementTree.Element] = []
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        for event, element in ElementTree.iterparse(content, events=("start", "end")):
            if event == "start":
                parents.append(element)
                if element.tag == _SHEET:
                    sheet = sheets.setdefault(element.get(_NAME, ""), OdsSheet())
                    row = 0
                continue
            parents.pop()
            if element.tag == _ROW and sheet is not None:
                _row(element, row, sheet)
                row += _count(element, _ROWS_REPEATED)
                element.clear()
                if parents:  # let the row go: a sheet may have a million of them
                    parents[-1].remove(element)
            elif element.tag == _SHEET:
                sheet = None
    return sheets
