"""What a value in a record is: blank, a scalar read as text, or something else.

Records come from everywhere: a CSV reader's strings, a web form's JSON, a
DataFrame's ``to_dict("records")`` with its NaN, ``pd.NA`` and ``NaT``.
:func:`zfgk.validate` and :func:`zfgk.mask_record` read every value through
:func:`read_value`, so that a blank is blank to both.

Blank: None; a float NaN (numpy's too); pandas' ``NA`` and ``NaT``
(recognised without importing pandas); a string of only whitespace and
invisible format characters (:data:`BLANK_CHARACTERS`: spaces of every kind,
the zero-width space, the byte-order mark …); an empty list, tuple, set,
dict or array.  Any other container is not a value a field can hold.

>>> from zfgk.values import ValueKind, read_value
>>> [read_value(v)[0].value for v in (None, float("nan"), "\\u200b", [], "张*", 12, ["张*"])]
['blank', 'blank', 'blank', 'blank', 'text', 'text', 'other']
>>> read_value(56.8)
(<ValueKind.TEXT: 'text'>, '56.8')
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Mapping, Set
from decimal import Decimal

from zfgk.patterns import FORMAT_CHARACTERS, WHITESPACE

__all__ = [
    "BLANK_CHARACTERS",
    "CellText",
    "ValueKind",
    "blank_text",
    "cell_text",
    "is_blank",
    "is_number",
    "number_shown",
    "read_value",
    "whole_number",
]

#: A string of only these characters is blank: whitespace (``str.isspace``,
#: every Unicode space among it) and the invisible format characters
#: (Unicode category Cf: zero-width space, word joiner, byte-order mark …).
BLANK_CHARACTERS: frozenset[str] = WHITESPACE | FORMAT_CHARACTERS
_BLANK_TABLE = dict.fromkeys(map(ord, BLANK_CHARACTERS))


class ValueKind(enum.Enum):
    """What :func:`read_value` found: a blank, a scalar (with its text), or something else."""

    BLANK = "blank"
    TEXT = "text"
    OTHER = "other"
    """A container with something in it (a list, a dict …): no field holds one."""


#: The types whose text is their value: read as ``str(value)``.
_SCALARS = (int, float, Decimal)
#: The type names of pandas' missing values (``pd.NA``, ``pd.NaT``), recognised without
#: importing pandas (their module differs between versions).
_PANDAS_MISSING = frozenset({"NAType", "NaTType"})


def blank_text(text: str) -> bool:
    """Whether a string is blank: only :data:`BLANK_CHARACTERS`, or nothing.

    Fast on the common case: a string with a printable character that is
    not a space is not blank.

    >>> from zfgk.values import blank_text
    >>> blank_text(" \u3000"), blank_text("\u200b\ufeff"), blank_text("\u200b无")
    (True, True, False)
    """
    if not text.strip():
        return True
    return not text.isprintable() and not text.translate(_BLANK_TABLE)


def _is_nan(value: object) -> bool:
    """Whether a value is not equal to itself (NaN of every kind), never raising."""
    try:
        return bool(value != value)  # noqa: PLR0124 - the test for NaN
    except Exception:  # an object whose comparison cannot be a truth value
        return False


def read_value(value: object) -> tuple[ValueKind, str]:
    """The kind of a record's value, and its text (``""`` unless the kind is TEXT).

    A string is its own text (not stripped); a number reads as a sheet shows
    it (:func:`cell_text`: ``13812345678.0``, as pandas holds a phone in a
    column with blanks, reads ``13812345678``; a number past Excel's 15
    digits shows only those), keeping its value (:class:`CellText`); a date
    or any other scalar reads as ``str(value)``.

    >>> from zfgk.values import read_value
    >>> read_value(" 民心佳园 ")
    (<ValueKind.TEXT: 'text'>, ' 民心佳园 ')
    >>> read_value("\\ufeff\\u3000"), read_value({})
    ((<ValueKind.BLANK: 'blank'>, ''), (<ValueKind.BLANK: 'blank'>, ''))
    >>> read_value({"房号": "1-1-101"})
    (<ValueKind.OTHER: 'other'>, '')
    >>> read_value(13812345678.0), read_value(56.8), read_value(1.1010519491231002e17)
    ((<ValueKind.TEXT: 'text'>, '13812345678'), (<ValueKind.TEXT: 'text'>, '56.8'), (<ValueKind.TEXT: 'text'>, '110105194912310000'))
    """
    if isinstance(value, str):
        return (ValueKind.BLANK, "") if blank_text(value) else (ValueKind.TEXT, value)
    if value is None:
        return ValueKind.BLANK, ""
    if isinstance(value, bool):
        return ValueKind.TEXT, str(value)
    if isinstance(value, int):
        return ValueKind.TEXT, _cell(str(value), value)
    if isinstance(value, float):
        return (ValueKind.BLANK, "") if _is_nan(value) else (ValueKind.TEXT, cell_text(value))
    if isinstance(value, _SCALARS):
        return (ValueKind.BLANK, "") if _is_nan(value) else (ValueKind.TEXT, str(value))
    kind = type(value)
    if kind.__name__ in _PANDAS_MISSING and kind.__module__.startswith("pandas"):
        return ValueKind.BLANK, ""
    if isinstance(value, (bytes, bytearray, Mapping, Set, list, tuple)) or _is_array(value):
        return (ValueKind.OTHER, "") if _has_items(value) else (ValueKind.BLANK, "")
    if _is_nan(value):  # numpy's float32 NaN and other scalars unequal to themselves
        return ValueKind.BLANK, ""
    return ValueKind.TEXT, str(value)


def _is_array(value: object) -> bool:
    """An array-like container (numpy's ndarray, a pandas Series): it has a length and a shape."""
    return hasattr(value, "__len__") and hasattr(value, "shape")


def _has_items(value: object) -> bool:
    try:
        return len(value) > 0  # type: ignore[arg-type]
    except TypeError:  # a 0-d array: a scalar in a box
        return True


def is_blank(value: object) -> bool:
    """Whether a value counts as blank (see the module's documentation).

    >>> from zfgk.values import is_blank
    >>> is_blank(float("nan")), is_blank(" \\u200b "), is_blank(0), is_blank("无")
    (True, True, False, False)
    """
    return read_value(value)[0] is ValueKind.BLANK


# ------------------------------------------------------------------ cells

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

    >>> from zfgk.values import CellText
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


def whole_number(digits: str) -> CellText:
    """The text of a cell that stores the whole number ``digits`` (ASCII, under 16 digits, no
    leading zero): what :func:`cell_text` makes of its value, without reading it twice.

    >>> from zfgk.values import cell_text, whole_number
    >>> whole_number("200003") == cell_text(200003.0), whole_number("200003").value
    (True, 200003.0)
    """
    return _cell(digits, float(digits))


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
    >>> from zfgk.values import cell_text
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

    >>> from zfgk.values import cell_text, is_number
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

    >>> from zfgk.values import cell_text, number_shown
    >>> number_shown(cell_text(6.20503200006097e+17)), number_shown("6.20503200006097E+017")
    (True, True)
    >>> number_shown("620503200006097594"), number_shown("45.6")
    (False, False)
    """
    return is_number(cell) or _SCIENTIFIC.fullmatch(cell) is not None
