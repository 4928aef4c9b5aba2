"""What a workbook's formula shows when it only joins literals, and whether it may build a number.

A list exported from a system, or "masked" by hand, may hold a number as a
formula: ``="110105"&"19491231002X"``, ``=CONCATENATE("138","1234","5678")``,
``=TEXT(110105,"000000")&"19491231002X"``.  Excel and LibreOffice show the
number; the file's stored result may be missing (a file written by a
program) or 0.  :func:`evaluate` computes a formula made only of literals,
``&``, ``CONCATENATE``/``CONCAT``, ``TEXT`` and ``T``; :func:`may_build_number`
says whether any other formula could show a number, so that a reader that
cannot compute it says so rather than passing it.  Excel's (``A1``) and
OpenDocument's (``of:=``, arguments apart by ``;``) forms are both read.

:func:`header_text` reads the other code a workbook writes text in: a page
header or footer of Excel (``&L``, ``&"宋体,加粗"``, ``&12``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from zfgk.tables._formula_tokens import (
    CELL,
    LONGEST_FORMULA,
    MOST_CELLS,
    Reference,
    Shape,
    references,
    shaped,
)
from zfgk.tables._formula_tokens import Unknown as _Unknown
from zfgk.tables._formula_tokens import cells_of as _reference
from zfgk.tables._formula_values import (
    BLANK,
    Blank,
    Value,
    as_text,
)
from zfgk.tables._formula_values import (
    COMPARE as _COMPARE,
)
from zfgk.tables._formula_values import (
    FAILED as _FAILED,
)
from zfgk.tables._formula_values import (
    NUMBER_FUNCTIONS as _NUMBER_FUNCTIONS,
)
from zfgk.tables._formula_values import (
    WHOLE as _WHOLE,
)
from zfgk.tables._formula_values import (
    Error as _Error,
)
from zfgk.tables._formula_values import (
    as_number as _number,
)
from zfgk.tables._formula_values import (
    chosen as _chosen,
)
from zfgk.tables._formula_values import (
    compared as _compared,
)
from zfgk.tables._formula_values import (
    count as _count,
)
from zfgk.tables._formula_values import (
    date_serial as _date,
)
from zfgk.tables._formula_values import (
    decimal_number as _decimal,
)
from zfgk.tables._formula_values import (
    number_function as _number_function,
)
from zfgk.tables._formula_values import (
    power as _power,
)
from zfgk.tables._formula_values import (
    text_function as _text,
)
from zfgk.tables._places import column_letters, column_number
from zfgk.values import cell_text

__all__ = [
    "BLANK",
    "LONGEST_FORMULA",
    "Reference",
    "Resolve",
    "Value",
    "as_text",
    "compute",
    "evaluate",
    "header_text",
    "may_build_number",
    "moved",
    "needs_look",
    "references",
    "shown",
    "worth_judging",
]

#: What a referred cell holds: its text (:data:`BLANK` for an empty cell), its number (a Decimal) or
#: its truth value; None when that is not known (a formula whose result the file does not
#: hold, an error …).
Resolve = Callable[[Reference], "str | Decimal | bool | None"]

#: Functions whose result is text made of their arguments: any may show a number.
_TEXT_FUNCTIONS = frozenset(
    {
        "CONCATENATE",
        "CONCAT",
        "TEXTJOIN",
        "TEXT",
        "REPT",
        "CHAR",
        "UNICHAR",
        "LEFT",
        "RIGHT",
        "MID",
        "SUBSTITUTE",
        "REPLACE",
        "VALUE",
        "NUMBERVALUE",
        "FIXED",
        "DOLLAR",
        "T",
        "TRIM",
        "CLEAN",
        "UPPER",
        "LOWER",
        "PROPER",
        "BASE",
        "DECIMAL",
    }
)
_STRING = re.compile(r'"(?:[^"]|"")*"')
#: A power or product of two literal numbers (``10^4``, ``POWER(10,4)``, ``PRODUCT(B4,100,100)``):
#: a long number made of short ones.  (A power of a cell's value, ``C3^2``, is not.)
_LITERAL_POWER = re.compile(
    r"(?<![A-Za-z0-9_.$])\d+(?:\.\d+)?\s*\^\s*\(?\s*[-+]?\d"
    r"|(?i:POWER|PRODUCT)\s*\((?:[^()]*?[,;])?\s*\d+(?:\.\d+)?\s*[,;]\s*[-+]?\d"
)
#: A literal number this long may be a piece of a phone or ID number.
_LONG_NUMBER = re.compile(r"(?<![A-Za-z0-9_.$])\d{5,}")


_DEEPEST = 64  # how deep Excel's functions nest


#: The functions computed here: each gives an error where an argument is one, but IF (of the
#: branch it takes) and IFERROR; any other is not computed, its arguments not looked at.
_KNOWN = frozenset(
    {
        "SUM", "ROW", "COLUMN", "IF", "IFERROR", "VALUE", "INT", "ROUND", "ABS", "TEXTJOIN",
        "CONCATENATE", "CONCAT", "T", "TRIM", "TEXT", "LEFT", "RIGHT", "MID", "REPLACE",
        "SUBSTITUTE", "LEN", "DATE", "UPPER", "LOWER", "POWER",
    }
)  # fmt: skip


#: A text, or a sheet's name in quotes ('2026-Q1'!A2): what a shared formula's move keeps.
_QUOTED = re.compile(r'"(?:[^"]|"")*"|\'(?:[^\']|\'\')*\'')
_RELATIVE = re.compile(r"(?<![\w$.'\]])(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![\w(!])")


def moved(formula: str, rows: int, columns: int) -> str | None:
    """A shared formula as a cell ``rows`` down and ``columns`` right of its first cell holds
    it: its relative references moved, absolute (``$``) ones kept; None if one would leave
    the sheet.

    >>> from zfgk.tables._formulas import moved
    >>> moved('=A2&$B$2&"A1"&底稿!C$2', 3, 1)
    '=B5&$B$2&"A1"&底稿!D$2'
    >>> moved("='2026-Q1'!A2&'底稿 A2'!B2", 1, 0)
    "='2026-Q1'!A3&'底稿 A2'!B3"
    """
    gone = False

    def move(match: re.Match[str]) -> str:
        nonlocal gone
        column_fixed, letters, row_fixed, row = match.groups()
        column = column_number(letters) + (0 if column_fixed else columns)
        number = int(row) + (0 if row_fixed else rows)
        if not (1 <= column <= 16_384 and 1 <= number <= 1_048_576):
            gone = True
            return match.group()
        return f"{column_fixed}{column_letters(column)}{row_fixed}{number}"

    pieces = _QUOTED.split(formula)
    strings = _QUOTED.findall(formula)
    out = [_RELATIVE.sub(move, piece) for piece in pieces]
    joined = "".join(a + b for a, b in zip(out, [*strings, ""], strict=True))
    return None if gone else joined


class _Parser:
    def __init__(
        self,
        tokens: list[tuple[str, str]],
        written: list[str],
        resolve: Resolve | None = None,
        here: tuple[int, int] | None = None,
    ) -> None:
        self.tokens = tokens
        self.written = written  # the references of a shape's slots, as the formula writes them
        self.at = 0
        self.resolve = resolve
        self.here = here  # the formula's own cell (row, column), where known
        self.depth = 0  # of nested expressions
        self.cells = 0  # read so far
        #: empty texts (not an empty cell's :data:`BLANK`) read as a number so far: an empty
        #: cell is 0, but a formula's "" is #VALUE! (see :meth:`number`)
        self.empties = 0

    def cell(self, token: str) -> list[Value]:
        """The values of the cells a reference covers: a text, a number (a Decimal) or a
        truth value, as the cell holds it."""
        if self.resolve is None:
            raise _Unknown
        sheet, cells = _reference(token)
        self.cells += len(cells)
        if self.cells > MOST_CELLS:
            raise _Unknown
        values: list[Value] = []
        for row, column in cells:
            value = self.resolve((sheet, row, column))
            if value is None:
                raise _Unknown
            values.append(value)
        return values

    def reference(self, token: tuple[str, str] | None) -> str | None:
        """The reference a token is, as written; None if it is none."""
        if token is None:
            return None
        kind, value = token
        if kind == "slot":
            return self.written[int(value)]
        return value if kind == "ref" else None

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise _Unknown
        self.at += 1
        return token

    def expression(self) -> Value:
        """A comparison (Excel's lowest operators) of texts joined by ``&``."""
        self.depth += 1
        if self.depth > _DEEPEST:
            raise _Unknown
        value = self.joined()
        while (token := self.peek()) is not None and token[0] == "op" and token[1] in _COMPARE:
            self.take()
            value = _compared(value, token[1], self.joined())
        self.depth -= 1
        return value

    def joined(self) -> Value:
        """Texts joined by ``&``, each a sum."""
        value = self.sum()
        if self.peek() == ("op", "&"):
            joined = as_text(value)
            while self.peek() == ("op", "&"):
                self.take()
                joined += as_text(self.sum())
            value = joined
        return value

    def sum(self) -> Value:
        value = self.product()
        while (token := self.peek()) in (("op", "+"), ("op", "-")):
            self.take()
            right = self.number(self.product())
            value = (
                self.number(value) + right if token == ("op", "+") else self.number(value) - right
            )
        return value

    def product(self) -> Value:
        value = self.power()
        while (token := self.peek()) in (("op", "*"), ("op", "/")):
            self.take()
            right = self.number(self.power())
            if token == ("op", "*"):
                value = self.number(value) * right
            elif right == 0:
                raise _Error  # #DIV/0!
            else:
                value = self.number(value) / right
        return value

    def power(self) -> Value:
        """``^`` (after a sign: ``-2^2`` is 4), of a whole power, computed exactly."""
        value = self.unary()
        while self.peek() == ("op", "^"):
            self.take()
            value = _power(self.number(value), self.number(self.unary()))
        return value

    def unary(self) -> Value:
        token = self.peek()
        if token in (("op", "+"), ("op", "-")):
            self.take()
            self.depth += 1
            if self.depth > _DEEPEST:
                raise _Unknown
            value = self.unary()
            self.depth -= 1
            return value if token == ("op", "+") else -self.number(value)
        return self.term()

    def term(self) -> Value:
        kind, value = self.take()
        if kind == "string":
            return value[1:-1].replace('""', '"')
        if kind == "number":
            return _decimal(value)
        if kind == "bool":
            return value.upper() == "TRUE"
        if (kind, value) == ("op", "("):
            inner = self.expression()
            if self.take() != ("op", ")"):
                raise _Unknown
            return inner
        if kind == "name":
            return self.call(value.upper().removeprefix("_XLFN."))
        if kind in ("ref", "slot"):
            values = self.cell(self.reference((kind, value)) or "")
            if len(values) != 1:
                raise _Unknown  # a range outside CONCAT, TEXTJOIN and SUM spills or fails
            return values[0]
        raise _Unknown

    def place(self) -> tuple[int, int]:
        """(row, column) of ROW's or COLUMN's argument: a reference's first cell, or, with
        none, the formula's own cell."""
        if self.take() != ("op", "("):
            raise _Unknown
        token = self.take()
        if token == ("op", ")"):
            if self.here is None:
                raise _Unknown
            return self.here
        written = self.reference(token)
        if written is None or self.take() != ("op", ")"):
            raise _Unknown
        return _reference(written)[1][0]

    def arguments(self, ranges: bool = False, empty: bool = False) -> list[Value]:
        """The arguments of a call; with ``ranges``, a range's cells as arguments of their own;
        with ``empty``, an argument left out (``CONCATENATE(,"5678")``) an empty text."""
        return [value for argument in self.grouped(ranges, empty) for value in argument[1]]

    def grouped(self, ranges: bool, empty: bool = False) -> list[tuple[bool, list[Value]]]:
        """Each argument of a call: (whether it is a range or a cell, its values)."""
        if self.take() != ("op", "("):
            raise _Unknown
        found: list[tuple[bool, list[Value]]] = []
        if self.peek() == ("op", ")"):
            self.take()
            return found
        while True:
            token = self.peek()
            following = self.tokens[self.at + 1] if self.at + 1 < len(self.tokens) else None
            written = self.reference(token) if ranges else None
            if written is not None and following in (("op", ","), ("op", ";"), ("op", ")")):
                self.take()
                found.append((True, self.cell(written)))
            elif empty and token in (("op", ","), ("op", ";"), ("op", ")")):
                found.append((False, [""]))
            else:
                found.append((False, [self.expression()]))
            kind, value = self.take()
            if (kind, value) == ("op", ")"):
                return found
            if value not in (",", ";"):
                raise _Unknown

    def number(self, value: Value) -> Decimal:
        """``value`` as arithmetic reads it, an empty text counted (:attr:`empties`)."""
        if value == "" and value.__class__ is not Blank:
            self.empties += 1
        return _number(value)

    def guarded(self, *, sure: bool = False) -> object:
        """An argument's value, or _FAILED where it is an error (its tokens passed over).

        ``sure``: a value that read an empty text as a number is unknown (IFERROR's first
        argument: were that text a formula's ``""``, not an empty cell, it is #VALUE!).
        """
        start, depth, cells, empties = self.at, self.depth, self.cells, self.empties
        try:
            value = self.expression()
            if sure and self.empties != empties:
                raise _Unknown
            return value
        except _Error:
            self.at, self.depth, self.cells = start, depth, cells
            level = 0
            while (token := self.peek()) is not None:
                if level == 0 and token in (("op", ","), ("op", ";"), ("op", ")")):
                    return _FAILED
                level += token == ("op", "(")
                level -= token == ("op", ")")
                self.take()
            raise _Unknown from None

    def guarded_arguments(self, *, first: bool = False) -> list[object]:
        """The arguments of IF or IFERROR, each a value or _FAILED (``first``: the first
        one read as :meth:`guarded` reads it when ``sure``)."""
        if self.take() != ("op", "("):
            raise _Unknown
        found: list[object] = []
        while True:
            found.append(self.guarded(sure=first and not found))
            kind, value = self.take()
            if (kind, value) == ("op", ")"):
                return found
            if value not in (",", ";"):
                raise _Unknown

    def call(self, name: str) -> Value:
        if name not in _KNOWN:
            raise _Unknown  # its arguments not looked at (ISERROR(1/0) is no error)
        if name in ("IF", "IFERROR"):
            return _chosen(name, self.guarded_arguments(first=name == "IFERROR"))
        if name == "SUM":
            return self.total()
        if name in ("ROW", "COLUMN"):  # of the formula's own cell, or of the one named
            return Decimal(self.place()[0 if name == "ROW" else 1])
        if name in _NUMBER_FUNCTIONS:
            return _number_function(name, self.arguments())
        if name == "TEXTJOIN":
            values = [as_text(v) for v in self.arguments(ranges=True)]
            if len(values) < 3 or values[1].upper() not in ("TRUE", "FALSE", "1", "0"):
                raise _Unknown
            parts = values[2:]
            if values[1].upper() in ("TRUE", "1"):
                parts = [v for v in parts if v]
            return values[0].join(parts)
        given = self.arguments(ranges=name == "CONCAT", empty=name in ("CONCATENATE", "CONCAT"))
        if name == "T" and len(given) == 1:  # a text as it is; a number, a truth value ""
            return as_text(given[0]) if isinstance(given[0], str) else ""
        values = [as_text(v) for v in given]
        if name in ("CONCATENATE", "CONCAT"):
            return "".join(values)
        if name == "TRIM" and len(values) == 1:
            return " ".join(w for w in values[0].split(" ") if w)
        if name == "TEXT" and len(values) == 2:
            return _text(*values)
        if name in ("LEFT", "RIGHT") and len(values) in (1, 2):
            count = _count(values[1]) if len(values) == 2 else 1
            if name == "LEFT":
                return values[0][:count]
            return values[0][len(values[0]) - count :] if count else ""
        if name in ("UPPER", "LOWER", "LEN") and len(values) == 1:
            if name == "LEN":
                return Decimal(len(values[0]))
            return values[0].upper() if name == "UPPER" else values[0].lower()
        if name == "REPLACE" and len(values) == 4:
            start, count = _count(values[1]), _count(values[2])
            if start < 1:
                raise _Error  # #VALUE!
            return values[0][: start - 1] + values[3] + values[0][start - 1 + count :]
        if name == "SUBSTITUTE" and len(values) in (3, 4):
            text, old, new = values[:3]
            if len(values) == 3 or not old:
                return text.replace(old, new) if old else text
            nth = _count(values[3])
            if nth < 1:
                raise _Error  # #VALUE!
            at = -1
            for _ in range(nth):
                at = text.find(old, at + 1)
                if at < 0:
                    return text
            return text[:at] + new + text[at + len(old) :]
        if name == "DATE" and len(values) == 3:
            return _date(*values)
        if name == "MID" and len(values) == 3:
            start, count = _count(values[1]), _count(values[2])
            if start < 1:
                raise _Error  # #VALUE!, which IFERROR catches
            return values[0][start - 1 : start - 1 + count]
        raise _Unknown

    def total(self) -> Decimal:
        """SUM: its arguments added; a range's (or a cell's) texts and truth values skipped,
        as Excel skips them, a text written in the call read as a number."""
        result = Decimal(0)
        for from_cells, values in self.grouped(ranges=True):
            for value in values:
                if from_cells and (isinstance(value, bool) or not isinstance(value, Decimal)):
                    continue
                result += _number(value)
        return result


def evaluate(formula: str, resolve: Resolve | None = None) -> str | None:
    """What ``formula`` shows, if it is made of literals only (or, with ``resolve``, of
    literals and the cells it gives); else None.

    The functions read are ``&``, CONCATENATE, CONCAT and TEXTJOIN (a range's
    cells too), TEXT (of a number by a pattern for numbers, of a date serial by
    one of years, months and days), T, TRIM, LEFT, RIGHT and MID; and
    arithmetic: ``+ - * /``, a sign, SUM, VALUE, INT, ROUND and ABS, computed
    exactly.  A number shows as a cell of General format shows it (:func:`shown`).

    >>> from zfgk.tables._formulas import evaluate
    >>> evaluate('="110105"&"19491231002X"')
    '11010519491231002X'
    >>> evaluate('of:=CONCATENATE("138";"1234";"5678")'), evaluate('TEXT(1381234,"0")&5678')
    ('13812345678', '13812345678')
    >>> evaluate('=VALUE("138")*100000000+12345678'), evaluate('=+"1381234"&"5678"')
    ('13812345678', '13812345678')
    >>> evaluate("=A1&B1") is None, evaluate("=SUM(C2:C9)") is None
    (True, True)
    >>> cells = {(None, 2, 1): "1381234", ("底稿", 2, 2): "5678", (None, 3, 1): "110105194912"}
    >>> evaluate("=A2&底稿!B2", cells.get), evaluate('=MID(A3,7,4)&"年"', cells.get)
    ('13812345678', '1949年')
    >>> evaluate("=A2*10000+底稿!B2", cells.get), evaluate("=SUM(A2,底稿!B2)", cells.get)
    ('13812345678', '0')
    """
    value = compute(formula, resolve)
    if value is None:
        return None
    return shown(value)


def shown(value: Value) -> str:
    """A formula's value as its cell shows it in General format: a number as
    :func:`zfgk.values.cell_text` reads a number cell, whole up to 15 digits; past them as
    Excel and LibreOffice show it, in scientific form (the digits after the 15th are lost).

    >>> from decimal import Decimal
    >>> from zfgk.tables._formulas import shown
    >>> shown(Decimal("13812345678")), shown(Decimal("0.5")), shown(False)
    ('13812345678', '0.5', 'FALSE')
    >>> shown(Decimal("110105194912310021")), shown(Decimal("NaN"))
    ('1.1010519491231E+17', '#NUM!')
    """
    if isinstance(value, Decimal):
        if not value.is_finite():
            return "#NUM!"  # no number a cell holds (a NaN a file stores): never a fault
        if abs(value) >= _WHOLE:
            return as_text(value)
        return cell_text(float(value) if value else 0.0)
    return as_text(value)


def compute(
    formula: str,
    resolve: Resolve | None = None,
    here: str | None = None,
    shape: Shape | None = None,
) -> Value | None:
    """The value of ``formula`` (a text, a Decimal, a truth value), as :func:`evaluate`
    computes it; None if it cannot be.  ``here``: the formula's own cell (``"B7"``), which
    ``ROW()`` and ``COLUMN()`` without an argument give; ``shape``: its
    :func:`~zfgk.tables._formula_tokens.shaped`, where that is known.

    >>> from zfgk.tables._formulas import compute
    >>> compute("=1381234*10000+5678"), compute('="1"&2'), compute("=1/0")
    (Decimal('13812345678'), '12', None)
    >>> compute('="HT2026"&TEXT(ROW(),"00000")', here="A7"), compute("=ROW()")
    ('HT202600007', None)
    """
    try:
        place = CELL.fullmatch(here) if here else None
        own = (int(place.group(2)), column_number(place.group(1))) if place else None
        tokens, written = shaped(formula) if shape is None else shape
        if resolve is None and written and not _places(tokens):
            return None  # a cell read, none given (only ROW and COLUMN read no cell)
        parser = _Parser(tokens, written, resolve, own)
        value = parser.expression()
    except (_Unknown, ValueError, RecursionError, ArithmeticError):
        return None
    if parser.peek() is not None:
        return None
    return Decimal(0) if isinstance(value, Blank) else value  # =A1 over an empty cell shows 0


def _places(tokens: list[tuple[str, str]]) -> bool:
    """Whether a formula calls ROW or COLUMN (which read a cell's place, not what it holds)."""
    return any(
        kind == "name" and value.upper().removeprefix("_XLFN.") in ("ROW", "COLUMN")
        for kind, value in tokens
    )


def may_build_number(formula: str) -> bool:
    """Whether ``formula`` could show a phone or ID number it does not hold as one literal.

    It joins text (``&``, a text function), holds a literal with a digit in
    quotes, a literal number of five digits or more, or a power or product of
    two literal numbers (``10^4``, ``POWER(10,4)``), which make a long number
    of short ones.

    >>> from zfgk.tables._formulas import may_build_number
    >>> may_build_number("=A2&B2"), may_build_number('=CONCATENATE(A2,"0021")')
    (True, True)
    >>> may_build_number("=SUM(C2:C9)"), may_build_number("=B3*1.05"), may_build_number("=ROW()-1")
    (False, False, False)
    >>> may_build_number("=E2*10^4+B2"), may_build_number("=E2*POWER(10,4)+B2")
    (True, True)
    >>> may_build_number("=ROUND(PI()*C3^2,2)"), may_build_number("=PRODUCT(C7:E7)")
    (False, False)
    """
    strings = _STRING.findall(formula)
    if any(any(ch.isdigit() for ch in s) for s in strings):
        return True
    rest = _STRING.sub('""', formula)
    if "&" in rest or _LITERAL_POWER.search(rest) is not None:
        return True
    names = {n.upper().removeprefix("_XLFN.") for n in re.findall(r"([A-Za-z_][\w.]*)\s*\(", rest)}
    return bool(names & _TEXT_FUNCTIONS) or _LONG_NUMBER.search(rest) is not None


_ATTENTION = re.compile(r'["&(^]|(?<![A-Za-z0-9_.$])\d{5}')


def needs_look(formula: str) -> bool:
    """Whether a formula needs a closer look: it has a text, a ``&``, a function, a power or
    a long number; ``=E5*2`` does not (it can neither show a number of its own nor build one).

    >>> from zfgk.tables._formulas import needs_look
    >>> needs_look("=E10005*2"), needs_look("=SUM(E2:E9)"), needs_look('=A2&"0021"')
    (False, True, True)
    """
    return _ATTENTION.search(formula) is not None


def worth_judging(formula: str) -> bool:
    """Whether a formula's own text could hold a full number: eleven digits or more, or a
    number in scientific notation (``6.20503E+17``).

    >>> from zfgk.tables._formulas import worth_judging
    >>> worth_judging("=E1000*2"), worth_judging('=IF(A2="","","电话 13712345678")')
    (False, True)
    """
    return sum(ch.isdigit() for ch in formula) >= 11 or "E+" in formula.upper()


#: Excel's codes that only format the text around them: a font, its size, its colour, bold …
_HEADER_FORMAT = re.compile(
    r'&(?:"[^"]*"|K(?:[0-9A-Fa-f]{6}|\d\d[+-]\d{3})|[SXYBIUEHO]|\d{1,3}(?!\d))'
)
#: Codes that start a section (left, centre, right) or put a field (page, date, file …).
_HEADER_FIELD = re.compile(r"&[LCRPNDTFAZG]")


def header_text(code: str) -> str:
    """A page header or footer of Excel as printed: its codes (``&C``, ``&"宋体,加粗"``, ``&12``)
    taken out, the sections apart.

    >>> from zfgk.tables._formulas import header_text
    >>> header_text('&L&"宋体,加粗"&12制表人：张三&R&KFF0000电话 13812345678 第&P页')
    '制表人：张三 电话 13812345678 第 页'
    """
    parts = code.split("&&")  # a literal ampersand
    shown = [_HEADER_FIELD.sub(" ", _HEADER_FORMAT.sub("", part)) for part in parts]
    return " ".join("&".join(shown).split())
