"""The merged ranges of an OpenDocument sheet, which python-calamine does not report.

They are read from the file's content.xml, streamed (the guard has refused
any part that declares a document type, so no entity is expanded).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

__all__ = ["ods_merges"]

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_NAME = _TABLE + "name"
_ROW = _TABLE + "table-row"
_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")
_ROWS_REPEATED = _TABLE + "number-rows-repeated"
_COLUMNS_REPEATED = _TABLE + "number-columns-repeated"
_ROWS_SPANNED = _TABLE + "number-rows-spanned"
_COLUMNS_SPANNED = _TABLE + "number-columns-spanned"

Merge = tuple[tuple[int, int], tuple[int, int]]


def _count(element: ElementTree.Element, attribute: str) -> int:
    try:
        return max(int(element.get(attribute, "1")), 1)
    except ValueError:
        return 1


def ods_merges(path: Path, sheet: str) -> list[Merge]:
    """The merged ranges of the sheet named ``sheet`` in the .ods file ``path``, from 0.

    As python-calamine gives them for .xlsx and .xls: ((first row, first
    column), (last row, last column)), inclusive.

    >>> import pathlib, tempfile, zipfile
    >>> from zfgk.tables._ods import ods_merges
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.ods"
    >>> t = 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    >>> content = (f'<office:document-content xmlns:office="o" {t}><table:table table:name="名单">'
    ...     '<table:table-row><table:table-cell table:number-columns-spanned="3"/>'
    ...     '<table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>'
    ...     '<table:table-row table:number-rows-repeated="2"><table:table-cell/>'
    ...     '<table:table-cell table:number-rows-spanned="4"/></table:table-row>'
    ...     '</table:table></office:document-content>')
    >>> with zipfile.ZipFile(path, "w") as z:
    ...     z.writestr("content.xml", content)
    >>> ods_merges(path, "名单")
    [((0, 0), (0, 2)), ((1, 1), (4, 1))]
    """
    merges: list[Merge] = []
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        inside = False
        row = 0
        for event, element in ElementTree.iterparse(content, events=("start", "end")):
            tag = element.tag
            if tag == _TABLE + "table":
                if event == "start":
                    inside = element.get(_NAME) == sheet
                elif inside:
                    break
                continue
            if not inside or event != "end":
                continue
            if tag == _ROW:
                column = 0
                for cell in element:
                    if cell.tag not in _CELLS:
                        continue
                    spans = (_count(cell, _ROWS_SPANNED), _count(cell, _COLUMNS_SPANNED))
                    if spans != (1, 1):  # a spanning cell is never repeated in a real file
                        last = (row + spans[0] - 1, column + spans[1] - 1)
                        merges.append(((row, column), last))
                    column += _count(cell, _COLUMNS_REPEATED)
                row += _count(element, _ROWS_REPEATED)
                element.clear()
    return merges
