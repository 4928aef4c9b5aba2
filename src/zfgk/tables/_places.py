"""The place of a text a workbook holds beside its cells' values (internal).

Shared by the readers of .xlsx (:mod:`zfgk.tables._parts`), .xls
(:mod:`zfgk.tables._xls_parts`) and .ods (:mod:`zfgk.tables._ods_parts`).
``tables`` sits below ``documents``: the document reader turns each into a
:class:`zfgk.documents.Location`.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["WorkbookPart", "cell_name", "column_letters", "column_number"]


class WorkbookPart(NamedTuple):
    """A text of a workbook outside its cells' values, and its place.

    ``part`` is a part word (``comment``, ``header``, ``footer``,
    ``hyperlink``, ``formula``, ``data validation``, ``drawing``, ``chart``,
    ``properties``), ``name 打印区域`` for a defined name, or the member of
    the package (``xl/pivotCache/…``, ``content.xml``); ``sheet`` and
    ``cell`` (a cell or a range) where they apply.  ``unread``: the text is
    a formula that may build a number and whose result the file does not
    hold.
    """

    text: str
    part: str
    sheet: str | None = None
    cell: str | None = None
    unread: bool = False


def cell_name(row: int, column: int) -> str:
    """The name of the cell at ``row`` and ``column``, both counted from 0.

    >>> from zfgk.tables._places import cell_name
    >>> cell_name(6, 2), cell_name(0, 27)
    ('C7', 'AB1')
    """
    return f"{column_letters(column + 1)}{row + 1}"


def column_letters(column: int) -> str:
    """The letters of a column counted from 1: 28 is AB.

    >>> from zfgk.tables._places import column_letters
    >>> column_letters(1), column_letters(28), column_letters(16384)
    ('A', 'AB', 'XFD')
    """
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_number(letters: str | bytes) -> int:
    """The number of a column from its letters (text or ASCII bytes): AB is 28.

    >>> from zfgk.tables._places import column_number
    >>> column_number("AB"), column_number("xfd"), column_number(b"C")
    (28, 16384, 3)
    """
    number = 0
    for letter in letters.upper().encode() if isinstance(letters, str) else letters.upper():
        number = number * 26 + letter - 64
    return number
