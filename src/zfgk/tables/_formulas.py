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

__all__ = ["evaluate", "header_text", "may_build_number", "needs_look", "worth_judging"]

_TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:[^"]|"")*")|(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)'
    r"|(?P<name>(?:_xlfn\.)?[A-Za-z][A-Za-z0-9_.]*)\s*(?=\()|(?P<op>[&(),;+-]))"
)
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
#: A literal number this long may be a piece of a phone or ID number.
_LONG_NUMBER = re.compile(r"(?<![A-Za-z0-9_.$])\d{5,}")


class _Unknown(Exception):
    """The formula is not made of literals only."""


def _tokens(formula: str) -> list[tuple[str, str]]:
    text = formula.strip()
    if text.startswith("of:"):
        text = text[3:]
    text = text.lstrip("=").strip()
    found: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        m = _TOKEN.match(text, position)
        if m is None or m.end() == position:
            if text[position:].strip():
                raise _Unknown
            break
        kind = m.lastgroup or ""
        found.append((kind, m.group(kind)))
        position = m.end()
    return found


def _number_text(literal: str) -> str:
    value = float(literal)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return literal


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens = tokens
        self.at = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise _Unknown
        self.at += 1
        return token

    def expression(self) -> str:
        value = self.term()
        while self.peek() == ("op", "&"):
            self.take()
            value += self.term()
        return value

    def term(self) -> str:
        kind, value = self.take()
        if kind == "string":
            return value[1:-1].replace('""', '"')
        if kind == "number":
            return _number_text(value)
        if (kind, value) == ("op", "("):
            inner = self.expression()
            if self.take() != ("op", ")"):
                raise _Unknown
            return inner
        if kind == "name":
            return self.call(value.upper().removeprefix("_XLFN."))
        raise _Unknown

    def arguments(self) -> list[str]:
        if self.take() != ("op", "("):
            raise _Unknown
        values: list[str] = []
        if self.peek() == ("op", ")"):
            self.take()
            return values
        while True:
            values.append(self.expression())
            kind, value = self.take()
            if (kind, value) == ("op", ")"):
                return values
            if value not in (",", ";"):
                raise _Unknown

    def call(self, name: str) -> str:
        values = self.arguments()
        if name in ("CONCATENATE", "CONCAT"):
            return "".join(values)
        if name == "T" and len(values) == 1:
            return values[0]
        if name == "TEXT" and len(values) == 2:
            return _text(*values)
        raise _Unknown


def _text(value: str, pattern: str) -> str:
    """``TEXT(value, pattern)`` for the patterns that show a whole number as it is."""
    if pattern in ("@", "General", "G/通用格式", "0", "#", "#0"):
        return value
    if pattern and set(pattern) == {"0"} and value.isdigit():
        return value.zfill(len(pattern))
    raise _Unknown


def evaluate(formula: str) -> str | None:
    """What ``formula`` shows, if it is made of literals only; else None.

    >>> from zfgk.tables._formulas import evaluate
    >>> evaluate('="110105"&"19491231002X"')
    '11010519491231002X'
    >>> evaluate('of:=CONCATENATE("138";"1234";"5678")'), evaluate('TEXT(1381234,"0")&5678')
    ('13812345678', '13812345678')
    >>> evaluate("=A1&B1") is None, evaluate("=SUM(C2:C9)") is None
    (True, True)
    """
    try:
        parser = _Parser(_tokens(formula))
        value = parser.expression()
    except (_Unknown, ValueError):
        return None
    return value if parser.peek() is None else None


def may_build_number(formula: str) -> bool:
    """Whether ``formula`` could show a phone or ID number it does not hold as one literal.

    It joins text (``&``, a text function), holds a literal with a digit in
    quotes, or a literal number of five digits or more.

    >>> from zfgk.tables._formulas import may_build_number
    >>> may_build_number("=A2&B2"), may_build_number('=CONCATENATE(A2,"0021")')
    (True, True)
    >>> may_build_number("=SUM(C2:C9)"), may_build_number("=B3*1.05"), may_build_number("=ROW()-1")
    (False, False, False)
    """
    strings = _STRING.findall(formula)
    if any(any(ch.isdigit() for ch in s) for s in strings):
        return True
    rest = _STRING.sub('""', formula)
    if "&" in rest:
        return True
    names = {n.upper().removeprefix("_XLFN.") for n in re.findall(r"([A-Za-z_][\w.]*)\s*\(", rest)}
    return bool(names & _TEXT_FUNCTIONS) or _LONG_NUMBER.search(rest) is not None


_ATTENTION = re.compile(r'["&(]|(?<![A-Za-z0-9_.$])\d{5}')


def needs_look(formula: str) -> bool:
    """Whether a formula needs a closer look: it has a text, a ``&``, a function or a long
    number; ``=E5*2`` does not (it can neither show a number of its own nor build one).

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
