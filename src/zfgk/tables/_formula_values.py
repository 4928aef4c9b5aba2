"""The values of a formula's pieces, and the functions of Excel computed on them (internal).

A number is a Decimal, kept exact until it is shown (:func:`as_text`); a
text, a truth value.  Where Excel shows an error for certain (``1/0``, a text
without a digit read as a number) :class:`Error` is raised, which IFERROR
catches; where zfgk cannot tell, :class:`~zfgk.tables._formula_tokens.Unknown`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, Context, Decimal, InvalidOperation

from zfgk.tables._formula_tokens import Unknown as _Unknown
from zfgk.tables._number_formats import formatted

__all__ = [
    "BLANK",
    "COMPARE",
    "FAILED",
    "NUMBER_FUNCTIONS",
    "WHOLE",
    "Blank",
    "Error",
    "Value",
    "as_number",
    "as_text",
    "chosen",
    "compared",
    "count",
    "date_serial",
    "decimal_number",
    "number_function",
    "power",
    "text_function",
]

#: What a formula's piece is: a text, a number, or a truth value.
Value = str | Decimal | bool


class Blank(str):
    """What an empty cell holds: ``""`` to a join and 0 to arithmetic, as a text ``""`` is;
    but beside a number in a comparison it is 0 (a text, a formula's ``""`` too, never equals
    a number), beside a truth value FALSE.

    >>> from zfgk.tables._formula_values import BLANK
    >>> BLANK == "", BLANK + "5678"
    (True, '5678')
    """

    __slots__ = ()


#: The value of a cell with nothing in it (each reader of cells gives this one).
BLANK = Blank()


class Error(_Unknown):
    """An error Excel shows for certain (#DIV/0!, #VALUE! of a text without a digit read as a
    number): IFERROR gives its second argument for it."""


#: What an argument that is an error is, where IF and IFERROR look at it.
FAILED = object()
#: A text Excel reads as a number where arithmetic wants one (``"138"*1`` is 138).
_NUMERIC = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
#: What Excel and LibreOffice pass over around a number written as a text: spaces, NBSPs (a
#: tab, a line break, an ideographic space are #VALUE! to LibreOffice).
_AROUND = " \u00a0"
#: Enough digits for any sum of Excel's numbers, kept exact until it is shown.
_CONTEXT = Context(prec=60, rounding=ROUND_HALF_UP)
#: Past this a number is not Excel's (its largest is 9.99999999999999E+307).
_LARGEST = Decimal("1E308")
NUMBER_FUNCTIONS = frozenset({"VALUE", "INT", "ROUND", "ABS", "POWER"})


def decimal_number(text: str) -> Decimal:
    """A literal number of a formula, exactly; Unknown past Excel's largest.

    >>> from zfgk.tables._formula_values import decimal_number
    >>> decimal_number("1381234.50")
    Decimal('1381234.50')
    """
    try:
        number = _CONTEXT.create_decimal(text)
    except InvalidOperation:
        raise _Unknown from None
    if not number.is_finite() or abs(number) >= _LARGEST:
        raise _Unknown
    return number


def as_number(value: Value) -> Decimal:
    """A value as arithmetic reads it: a truth value is 1 or 0, an empty cell
    (:data:`BLANK`) 0, a text that is a number (ASCII digits, spaces or NBSPs around) that
    number; any other text (a formula's ``""``, spaces) #VALUE!, one with other digits
    (full-width, or a line break beside) unknown.

    >>> from zfgk.tables._formula_values import BLANK, as_number
    >>> as_number(True), as_number(BLANK), as_number(" 138\u00a0")
    (Decimal('1'), Decimal('0'), Decimal('138'))
    >>> as_number("")
    Traceback (most recent call last):
    ...
    zfgk.tables._formula_values.Error
    >>> as_number("１３８")
    Traceback (most recent call last):
    ...
    zfgk.tables._formula_tokens.Unknown
    """
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        if abs(value) >= _LARGEST:
            raise _Unknown  # #NUM!
        return _CONTEXT.plus(value)
    if value.__class__ is Blank:
        return Decimal(0)
    text = value.strip(_AROUND)
    if not text:
        raise Error  # #VALUE!: an empty text or one of spaces is no number (an empty cell is 0)
    if _NUMERIC.fullmatch(text) is None:
        if not any(ch.isdigit() for ch in text):
            raise Error  # #VALUE!: no number ("1,234", "50%" and dates are, to Excel)
        raise _Unknown
    return decimal_number(text)


COMPARE = frozenset({"=", "<>", "<", ">", "<=", ">="})


def _order(value: Value) -> tuple[int, Decimal | str | bool]:
    """How Excel orders values of different kinds: numbers, then texts (case aside), then
    truth values."""
    if isinstance(value, bool):
        return 2, value
    if isinstance(value, Decimal):
        return 0, value
    return 1, value.casefold()


def _beside(other: Value) -> Value:
    """An empty cell's value beside ``other`` in a comparison: 0, FALSE or ``""``."""
    if isinstance(other, bool):
        return False
    return Decimal(0) if isinstance(other, Decimal) else ""


def compared(left: Value, operator: str, right: Value) -> bool:
    """``left operator right`` as Excel compares: an empty cell (:data:`BLANK`) beside a number
    is 0, beside a truth value FALSE; a text (``""`` too) is never a number, and after every
    number in order.

    >>> from decimal import Decimal
    >>> from zfgk.tables._formula_values import BLANK, compared
    >>> compared(BLANK, "=", Decimal(0)), compared("", "=", Decimal(0)), compared("", ">", Decimal(9))
    (True, False, True)
    >>> compared(BLANK, "=", ""), compared(BLANK, "=", False), compared("B", ">", "a")
    (True, True, True)
    """
    if isinstance(left, Blank):
        left = _beside(right)
    if isinstance(right, Blank):
        right = _beside(left)
    a, b = _order(left), _order(right)
    if operator == "=":
        return a == b
    if operator == "<>":
        return a != b
    less = a[0] < b[0] if a[0] != b[0] else a[1] < b[1]  # type: ignore[operator]
    if operator == "<":
        return less
    if operator == ">=":
        return not less
    greater = a != b and not less
    return greater if operator == ">" else not greater


def chosen(name: str, arguments: list[object]) -> Value:
    """IF's branch taken, or IFERROR's value (its second argument where the first is an
    error); an error where what is given is one.

    >>> from zfgk.tables._formula_values import FAILED, chosen
    >>> chosen("IFERROR", [FAILED, "无"]), chosen("IF", [False, FAILED, "x"])
    ('无', 'x')
    """
    if name == "IFERROR":
        if len(arguments) != 2:
            raise _Unknown
        chosen = arguments[1] if arguments[0] is FAILED else arguments[0]
    else:
        if len(arguments) not in (2, 3) or arguments[0] is FAILED:
            raise _Unknown if len(arguments) not in (2, 3) else Error
        condition = arguments[0]
        assert isinstance(condition, (str, Decimal, bool))
        if _truth(condition):
            chosen = arguments[1]
        else:
            chosen = arguments[2] if len(arguments) == 3 else False
    if chosen is FAILED:
        raise Error
    assert isinstance(chosen, (str, Decimal, bool))
    return chosen


def power(base: Decimal, exponent: Decimal) -> Decimal:
    """``base ^ exponent`` of a whole exponent (up to 1024 either way): exactly as a Decimal.

    >>> from decimal import Decimal
    >>> from zfgk.tables._formula_values import power
    >>> power(Decimal(10), Decimal(4)), power(Decimal(2), Decimal(-2))
    (Decimal('10000'), Decimal('0.25'))
    """
    if exponent != exponent.to_integral_value() or abs(exponent) > 1024:
        raise _Unknown  # a root: computed by Excel in binary, not here
    if base == 0 and exponent <= 0:
        raise Error  # #NUM! (0^0), #DIV/0! (0^-1)
    return as_number(_CONTEXT.power(base, int(exponent)))


def date_serial(year: str, month: str, day: str) -> Decimal:
    """DATE(year, month, day): its serial (a month or day past its end carried on, as Excel
    does); Unknown before 1900-03-01, where Excel's serials are LibreOffice's less one.

    >>> from zfgk.tables._formula_values import date_serial
    >>> date_serial("1937", "10", "17"), date_serial("2026", "14", "1")
    (Decimal('13805'), Decimal('46419'))
    """
    try:
        y, m, d = (int(Decimal(v)) for v in (year, month, day))
    except (ArithmeticError, ValueError):
        raise _Unknown from None
    if 0 <= y < 1900:
        y += 1900
    if not 1900 <= y <= 9999 or abs(m) > 120_000 or abs(d) > 3_000_000:
        raise _Unknown  # #NUM!, or past what is read here
    y, m = y + (m - 1) // 12, (m - 1) % 12 + 1
    try:
        when = date(y, m, 1) + timedelta(days=d - 1)
    except (ValueError, OverflowError):
        raise _Unknown from None
    if when < date(1900, 3, 1):
        raise _Unknown
    return Decimal((when - date(1899, 12, 30)).days)


def _truth(value: Value) -> bool:
    """A condition as IF reads it: a number other than 0, TRUE; a text is #VALUE!."""
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return value != 0
    if value.upper() in ("TRUE", "FALSE"):
        return value.upper() == "TRUE"
    if value == "":
        return False  # an empty cell
    raise _Unknown


def number_function(name: str, values: list[Value]) -> Decimal:
    """VALUE, INT, ROUND, ABS and POWER of numbers.

    >>> from decimal import Decimal
    >>> from zfgk.tables._formula_values import number_function
    >>> number_function("ROUND", [Decimal("2.5"), Decimal(0)]), number_function("INT", ["-1.5"])
    (Decimal('3'), Decimal('-2'))
    >>> number_function("POWER", [Decimal(10), Decimal(4)])
    Decimal('10000')
    """
    if name == "POWER" and len(values) == 2:
        return power(as_number(values[0]), as_number(values[1]))
    if name == "VALUE" and len(values) == 1:
        if isinstance(values[0], bool):
            raise _Unknown  # #VALUE!
        return as_number(values[0])
    if name == "INT" and len(values) == 1:
        return as_number(values[0]).to_integral_value(rounding=ROUND_FLOOR, context=_CONTEXT)
    if name == "ABS" and len(values) == 1:
        return abs(as_number(values[0]))
    if name == "ROUND" and len(values) == 2:
        places = as_number(values[1])
        places = places.to_integral_value(rounding=ROUND_DOWN)
        if abs(places) > 30:
            raise _Unknown
        step = Decimal(1).scaleb(-int(places))
        return as_number(values[0]).quantize(step, rounding=ROUND_HALF_UP, context=_CONTEXT)
    raise _Unknown


def as_text(value: Value) -> str:
    """A value as ``&`` joins it (and as a text function reads it): a number in Excel's
    General form of up to 15 significant digits (``1.10105194912310E+17`` written as
    ``1.1010519491231E+17`` past 15 whole digits), a truth value as TRUE or FALSE.

    >>> from decimal import Decimal
    >>> from zfgk.tables._formulas import as_text
    >>> as_text(Decimal("13812345678")), as_text(Decimal("197319.1428571428571")), as_text(True)
    ('13812345678', '197319.142857143', 'TRUE')
    >>> as_text(Decimal("110105194912310021")), as_text("0138")
    ('1.1010519491231E+17', '0138')
    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return "" if value.__class__ is Blank else value
    if not value:
        return "0"
    rounded = _CONTEXT.create_decimal(format(value, ".15g"))
    if abs(rounded) < WHOLE:
        text = format(rounded, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    mantissa, _, exponent = format(rounded, ".14E").partition("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{exponent[0]}{int(exponent[1:]):02d}"


#: From here on Excel joins a number in scientific form.
WHOLE = Decimal(10) ** 15


def count(text: str) -> int:
    """A count of characters as LEFT, RIGHT, MID and REPLACE read it (a number, its fraction
    dropped); one below 0 is #VALUE! (:class:`Error`, which IFERROR catches).

    >>> from zfgk.tables._formula_values import count
    >>> count("4.9")
    4
    >>> count("-1")
    Traceback (most recent call last):
    ...
    zfgk.tables._formula_values.Error
    """
    try:
        count = int(float(text))
    except (ValueError, OverflowError):
        raise _Unknown from None
    if count < 0:
        raise Error  # #VALUE!
    return count


def text_function(value: str, pattern: str) -> str:
    """``TEXT(value, pattern)``: a number by a pattern for numbers (a fraction rounded half
    away from zero by ``0``, ``#``, ``#0``: ``TEXT(1381234.5,"0")`` is 1381235; ``#,##0.00``,
    ``0%``, ``000000``), a date serial by a pattern of years, months and days.

    >>> from zfgk.tables._formula_values import text_function
    >>> text_function("1381234.5", "0"), text_function("13805", "yyyy-mm-dd")
    ('1381235', '1937-10-17')
    """
    if pattern in ("0", "#", "#0"):
        try:
            number = Decimal(value)
        except InvalidOperation:
            return value  # a text: shown as it is
        if not number.is_finite():
            raise _Unknown
        try:
            return str(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        except InvalidOperation:  # more digits than the context holds
            raise _Unknown from None
    if pattern in ("@", "General", "G/通用格式"):
        return value
    try:
        serial = float(value)
    except ValueError:
        return value  # a text is shown as it is by a pattern for numbers or dates
    if _DATE_PATTERN.fullmatch(pattern):
        return _date_text(serial, pattern)
    shown = formatted(serial, pattern)  # "#,##0.00", "0%", "000000" …
    if shown is not None:
        return shown
    if pattern and set(pattern) == {"0"} and value.isdigit():
        return value.zfill(len(pattern))
    raise _Unknown


#: A date pattern of years, months and days with their separators (``yyyy-mm-dd``,
#: ``yyyy年m月d日``, ``yyyymmdd``).
_DATE_PATTERN = re.compile(r"(?:yyyy|yy|mm|m|dd|d|[-/.年月日 ])+", re.IGNORECASE)
_DATE_PART = re.compile(r"yyyy|yy|mm|m|dd|d", re.IGNORECASE)


def _date_text(serial: float, pattern: str) -> str:
    """A date serial (Excel's 1900 system) as a date pattern shows it."""
    if not 1 <= serial < 2_958_466:
        raise _Unknown
    day = date(1899, 12, 30) + timedelta(days=int(serial))  # (serial 60, 1900-02-29, is none)
    parts = {
        "yyyy": f"{day.year:04d}",
        "yy": f"{day.year % 100:02d}",
        "mm": f"{day.month:02d}",
        "m": str(day.month),
        "dd": f"{day.day:02d}",
        "d": str(day.day),
    }
    return _DATE_PART.sub(lambda m: parts[m.group().lower()], pattern)
