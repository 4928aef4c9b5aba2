"""The text of a workbook cell as the sheet shows it, with the value it holds kept."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

__all__ = ["CellText", "cell_text", "is_number", "number_shown"]

#: Excel keeps 15 significant digits of a number.
_EXCEL_DIGITS = 15
_WHOLE_LIMIT = 10**_EXCEL_DIGITS
#: A number as Excel shows (and saves to CSV) one too long for its column: 6.20503E+17.
_SCIENTIFIC = re.compile(r"\s*[0-9](?:\.[0-9]+)?[eE]\+?0*[0-9]{1,3}\s*")


class CellText(str):
    """The text of a cell that holds a number, a date or a truth value; ``value`` is that value.

    It is a ``str`` as every other cell, so code that reads text reads it;
    code that cares (an ID number Excel turned into a number) looks at
    ``value``.

    >>> from zfgk.tables import CellText
    >>> cell = CellText("50", 50.0)
    >>> cell, cell.value, cell == "50"
    ('50', 50.0, True)
    """

    value: object

    def __new__(cls, text: str, value: object) -> CellText:
        """The text ``text`` of a cell whose value is ``value``."""
        self = super().__new__(cls, text)
        self.value = value
        return self

    def __reduce__(self) -> tuple[type[CellText], tuple[str, object]]:
        return CellText, (str(self), self.value)


_new_text = str.__new__


def _cell(text: str, value: object) -> CellText:
    """A :class:`CellText`, made without a call through ``CellText.__new__`` (many are made)."""
    cell: CellText = _new_text(CellText, text)
    cell.value = value
    return cell


def _number(value: float) -> str:
    if value.is_integer() and abs(value) < _WHOLE_LIMIT:
        return str(int(value))
    text = repr(value)
    if len(text) <= _EXCEL_DIGITS and "e" not in text:
        return text  # the shortest form, with fewer digits than Excel keeps: as Excel shows it
    # As Excel shows it: 15 significant digits, never an exponent.
    return format(Decimal(f"{value:.{_EXCEL_DIGITS}g}"), "f")


def cell_text(value: object) -> str:
    """The text of a cell's value as a person reads the sheet.

    A whole number reads without ``.0``; a number has at most Excel's 15
    significant digits; a date (or a date and time at midnight) reads as an
    ISO date.  Anything but text keeps its value (:class:`CellText`).

    >>> import datetime
    >>> from zfgk.tables import cell_text
    >>> cell_text(50.0), cell_text(45.6), cell_text(6.20503200006097e+17), cell_text(7)
    ('50', '45.6', '620503200006097000', '7')
    >>> cell_text(datetime.datetime(2026, 9, 28)), cell_text(datetime.date(2026, 9, 28))
    ('2026-09-28', '2026-09-28')
    >>> cell_text(True), cell_text(""), cell_text(None)
    ('TRUE', '', '')
    """
    kind = type(value)
    if kind is str:
        return value  # type: ignore[return-value]
    if kind is float:
        return _cell(_number(value), value)  # type: ignore[arg-type]
    if value is None:
        return ""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        return CellText("TRUE" if value else "FALSE", value)
    if isinstance(value, int):
        return _cell(str(value), value)
    if isinstance(value, float):
        return _cell(_number(value), value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return CellText(value.date().isoformat(), value)
        return CellText(value.isoformat(sep=" "), value)
    if isinstance(value, datetime.date | datetime.time):
        return CellText(value.isoformat(), value)
    return CellText(str(value), value)


def is_number(cell: str) -> bool:
    """Whether the cell held a number in its workbook (not text that looks like one).

    >>> from zfgk.tables import cell_text, is_number
    >>> is_number(cell_text(5.30824199105145e+17)), is_number("530824199105145000")
    (True, False)
    """
    return (
        isinstance(cell, CellText)
        and isinstance(cell.value, int | float)
        and not isinstance(cell.value, bool)
    )


def number_shown(cell: str) -> bool:
    """Whether a cell holds a number as Excel keeps one, so digits past the 15th are lost.

    A number cell of a workbook, or text in Excel's scientific notation, as
    a CSV saved from the sheet holds such a cell (``6.20503E+17``).

    >>> from zfgk.tables import cell_text, number_shown
    >>> number_shown(cell_text(6.20503200006097e+17)), number_shown("6.20503200006097E+017")
    (True, True)
    >>> number_shown("620503200006097594"), number_shown("45.6")
    (False, False)
    """
    return is_number(cell) or _SCIENTIFIC.fullmatch(cell) is not None
