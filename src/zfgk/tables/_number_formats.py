"""A number as a sheet's number format shows it, where the format adds or moves digits (internal).

A cell holding the number 19491231002X's digits without its first six, in
the format ``"110105"000000000000``, shows a full ID number; ``0"5678"`` on
1381234 shows a mobile; ``0%`` on 138123456.78 and ``0,`` (thousands
scaled away) on 13812345678000 show 13812345678.  Excel and LibreOffice show
the formatted text; python-calamine (and the stream reader, which reads as
it does) gives the bare number.  :func:`adds_digits` says whether a format
can show digits its number does not hold where they stand (a literal with a
digit, a percent, a scaling comma); :func:`formatted` shows a number in it.
The parts a cell's format rarely has (conditions, fractions, exponents) are
not shown: :func:`formatted` gives None, and the reader keeps the number.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = [
    "about_shown",
    "adds_digits",
    "date_shown",
    "formatted",
    "largest_factor",
    "text_section",
    "text_shown",
]

_BRACKET = re.compile(r"\[[^\]]*\]")


def _sections(code: str) -> list[str]:
    """The sections of a format code, split at ``;`` outside quotes, escapes and brackets."""
    sections: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    brackets = 0
    for char in code:
        current.append(char)
        if escaped:
            escaped = False
        elif quoted:
            quoted = char != '"'
        elif char == '"':
            quoted = True
        elif char in "\\_*":
            escaped = True
        elif char == "[":
            brackets += 1
        elif char == "]":
            brackets = max(brackets - 1, 0)
        elif char == ";" and not brackets:
            current.pop()
            sections.append("".join(current))
            current = []
    sections.append("".join(current))
    return sections


def _tokens(section: str) -> list[tuple[str, str]] | None:
    """(kind, text) of each piece of a section: ``digit`` (0 # ?), ``point``, ``comma``,
    ``percent``, ``literal``; None for a piece not shown here (a condition, an exponent,
    a fraction, a text placeholder)."""
    found: list[tuple[str, str]] = []
    at = 0
    while at < len(section):
        char = section[at]
        if char == '"':
            end = section.find('"', at + 1)
            if end < 0:
                return None
            found.append(("literal", section[at + 1 : end]))
            at = end + 1
            continue
        if char == "\\" and at + 1 < len(section):
            found.append(("literal", section[at + 1]))
            at += 2
            continue
        if char == "_" and at + 1 < len(section):
            found.append(("literal", " "))
            at += 2
            continue
        if char == "*" and at + 1 < len(section):
            at += 2  # a fill: the column's width decides
            continue
        if char == "[":
            end = section.find("]", at)
            if end < 0:
                return None
            inside = section[at + 1 : end]
            if inside[:1] in "<>=":
                return None  # a condition
            if inside.startswith("$"):
                found.append(("literal", inside[1:].split("-", 1)[0]))
            at = end + 1
            continue
        if char in "0#?":
            found.append(("digit", char))
        elif char == ".":
            found.append(("point", char))
        elif char == ",":
            found.append(("comma", char))
        elif char == "%":
            found.append(("percent", char))
        elif char in "eE/@":
            return None
        else:
            found.append(("literal", char))
        at += 1
    return found


def adds_digits(code: str) -> bool:
    """Whether the number format ``code`` can show digits where its number does not hold them:
    a literal holding a digit (``"110105"0``, ``0\\5``), a percent, a comma scaling by a
    thousand.

    >>> from zfgk.tables._number_formats import adds_digits
    >>> [adds_digits(c) for c in ('"110105"000000000000', "0%", "0,", "#,##0.00", '0.00"元"')]
    [True, True, True, False, False]
    """
    if not any(ch in code for ch in '"\\%,['):
        return False
    for section in _sections(code):
        tokens = _tokens(
            _BRACKET.sub(lambda m: m.group() if m.group()[1:2] == "$" else "", section)
        )
        if tokens is None:  # a format not read here (General, an exponent, a condition)
            if _LITERAL_DIGIT.search(section):
                return True
            continue
        if any(kind == "literal" and any(ch.isdigit() for ch in text) for kind, text in tokens):
            return True
        if any(kind == "percent" for kind, _ in tokens) or _scaling(tokens):
            return True
    return False


def largest_factor(code: str) -> float | None:
    """What a format multiplies its number by at most (its percents, its scaling commas), or
    None if a literal of it holds a digit: a number that, so multiplied, stays under ten
    digits before its point cannot show a mobile number's run of digits.

    >>> from zfgk.tables._number_formats import largest_factor
    >>> largest_factor("0.00%"), largest_factor("0,;0%"), largest_factor('0"5678"')
    (100.0, 100.0, None)
    """
    factor = 1.0
    for section in _sections(code):
        tokens = _tokens(section)
        if tokens is None:
            continue
        if any(kind == "literal" and any(ch.isdigit() for ch in text) for kind, text in tokens):
            return None
        percents = sum(1 for kind, _ in tokens if kind == "percent")
        factor = max(factor, 100.0**percents / 1000.0 ** _scaling(tokens))
    return factor


def _scaling(tokens: list[tuple[str, str]]) -> int:
    """How many commas scale the number by a thousand: those right after the last digit
    placeholder of the integer part."""
    last = -1
    for index, (kind, _) in enumerate(tokens):
        if kind == "point":
            break
        if kind == "digit":
            last = index
    count = 0
    for kind, _ in tokens[last + 1 :]:
        if kind != "comma":
            break
        count += 1
    return count if last >= 0 else 0


#: A digit a format writes as it is: quoted (``"110105"``) or escaped (``\\5``).
_LITERAL_DIGIT = re.compile(r'"[^"]*[0-9][^"]*"|\\[0-9]')
#: The pieces of a format, for :func:`about_shown`: a quoted literal, an escaped character,
#: a bracket (a colour, a condition, a locale), and any other run (the number's own).
_PIECES = re.compile(r'"([^"]*)"|\\(.)|\[[^\]]*\]|([^"\\\[]+)')


def about_shown(value: str, code: str) -> str:
    """About what a number format not read by :func:`formatted` (General, an exponent, a
    condition) shows: its first section's literals in their places, the number where its
    own placeholders are. Enough to find a number its literals complete.

    >>> from zfgk.tables._number_formats import about_shown
    >>> about_shown("194912310021", '"110105"General'), about_shown("5678", '[>0]"1381234"0')
    ('110105194912310021', '13812345678')
    """
    out: list[str] = []
    placed = False
    for m in _PIECES.finditer(_sections(code)[0]):
        literal, escaped, placeholders = m.groups()
        if literal is not None or escaped is not None:
            out.append(literal if literal is not None else escaped)
        elif placeholders is not None and not placed:
            out.append(value)
            placed = True
    if not placed:
        out.append(value)
    return "".join(out)


def formatted(value: float, code: str) -> str | None:
    """``value`` as the number format ``code`` shows it; None for a format not shown here.

    >>> from zfgk.tables._number_formats import formatted
    >>> formatted(194912310021, '"110105"000000000000'), formatted(1381234, '0"5678"')
    ('110105194912310021', '13812345678')
    >>> formatted(138123456.78, "0%"), formatted(13812345678000, "0,"), formatted(-5, '0"元";(0)')
    ('13812345678%', '13812345678', '(5)')
    >>> formatted(1234.5, "#,##0.00"), formatted(7, "000"), formatted(0.25, "0.0%")
    ('1,234.50', '007', '25.0%')
    """
    sections = _sections(code)
    section = sections[0]
    sign = ""
    if value < 0 and len(sections) >= 2 and sections[1].strip():
        section, value = sections[1], -value
    elif value == 0 and len(sections) >= 3:
        section = sections[2]
    elif value < 0:
        sign, value = "-", -value
    if section.strip() in ("General", "G/通用格式", ""):
        return None
    tokens = _tokens(section)
    if tokens is None:
        return None
    scale = _scaling(tokens)
    percents = sum(1 for kind, _ in tokens if kind == "percent")
    point = next((i for i, (kind, _) in enumerate(tokens) if kind == "point"), len(tokens))
    whole = [i for i, (kind, _) in enumerate(tokens[:point]) if kind == "digit"]
    decimals = [i for i, (kind, _) in enumerate(tokens) if kind == "digit" and i > point]
    try:
        number = Decimal(repr(value)) * Decimal(100) ** percents / Decimal(1000) ** scale
        number = number.quantize(Decimal(1).scaleb(-len(decimals)), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return None
    integer, _, fraction = f"{number:f}".partition(".")
    integer = integer.lstrip("0")
    shown = [text if kind in {"literal", "percent"} else "" for kind, text in tokens]
    if point < len(tokens):
        shown[point] = "."
    grouped = any(
        kind == "comma" and whole and whole[0] < i < whole[-1] for i, (kind, _) in enumerate(tokens)
    )
    if whole:
        if grouped:
            zeros = sum(1 for i in whole if tokens[i][1] == "0")
            text = f"{int(integer or '0'):,}" if integer or zeros else ""
            shown[whole[0]] = text.rjust(zeros, "0") if len(text) < zeros else text
        else:
            digits = integer
            for position, index in enumerate(reversed(whole)):
                first = position == len(whole) - 1
                if first:
                    piece, digits = digits, ""
                else:
                    piece, digits = digits[-1:], digits[:-1]
                if not piece:
                    piece = {"0": "0", "#": "", "?": " "}[tokens[index][1]]
                shown[index] = piece
    elif integer:
        shown.insert(point, integer)  # no place for the whole digits: before the point
    if decimals:
        shown_digits = list(fraction.ljust(len(decimals), "0"))
        for position in range(len(decimals) - 1, -1, -1):
            placeholder = tokens[decimals[position]][1]
            if shown_digits[position] == "0" and placeholder != "0":
                shown_digits[position] = "" if placeholder == "#" else " "
            else:
                break
        for position, index in enumerate(decimals):
            offset = 1 if not whole and integer and index >= point else 0
            shown[index + offset] = shown_digits[position]
    return sign + "".join(shown)


#: An ``@`` outside quotes and escapes: where a section shows a cell's text.
_TEXT_PLACE = re.compile(r'"[^"]*"|\\.|(@)')


def _has_text_place(section: str) -> bool:
    return any(m.group(1) for m in _TEXT_PLACE.finditer(section))


def text_section(code: str) -> str | None:
    """The section of a number format that shows a text cell, if it writes a digit of its own
    there (``"110105"@``, ``0;-0;0;"身份证 110105"@``); None if it shows the text as it is.

    Excel shows a text cell by the fourth section, or by a section holding ``@``.

    >>> from zfgk.tables._number_formats import text_section
    >>> text_section('"110105"@'), text_section("@"), text_section('0;0;0;"138"@')
    ('"110105"@', None, '"138"@')
    >>> text_section('"110105"000000000000'), text_section('0"@1381234"')
    (None, None)
    """
    if '"' not in code and "\\" not in code:
        return None
    sections = _sections(code)
    if len(sections) >= 4:
        section = sections[3]
    else:
        section = next((s for s in sections if _has_text_place(s)), "")
    return section if _LITERAL_DIGIT.search(section) else None


def text_shown(text: str, section: str) -> str:
    """A cell's text as the format section :func:`text_section` found shows it: each ``@``
    the text, literals as written, brackets (a colour) and fills left out.

    >>> from zfgk.tables._number_formats import text_shown
    >>> text_shown("19491231002X", '"110105"@'), text_shown("5678", '[Red]"1381234"@_)')
    ('11010519491231002X', '13812345678 ')
    """
    out: list[str] = []
    at = 0
    while at < len(section):
        char = section[at]
        if char == '"':
            end = section.find('"', at + 1)
            end = len(section) if end < 0 else end
            out.append(section[at + 1 : end])
            at = end + 1
            continue
        if char in "\\_*" and at + 1 < len(section):
            out.append({"\\": section[at + 1], "_": " ", "*": ""}[char])
            at += 2
            continue
        if char == "[":
            end = section.find("]", at)
            at = len(section) if end < 0 else end + 1
            continue
        out.append(text if char == "@" else char)
        at += 1
    return "".join(out)


#: The pieces of a date format's section: a literal, an escape, a bracket, a run of one
#: date or time letter, or any other character.
_DATE_PIECES = re.compile(r'"([^"]*)"|\\(.)|_(.)|\*(.)|(\[[^\]]*\])|([yY]+|[mM]+|[dD]+)|(.)', re.S)


def date_shown(moment: date, code: str) -> str | None:
    """A date as a date format that writes a digit of its own shows it (``"1381234"yyyy``,
    ``yyyy年m月d日"0021"``): years, months and days in place, literals as written; None for a
    format holding a time, an AM/PM marker or a condition (not shown here).

    >>> from datetime import date
    >>> from zfgk.tables._number_formats import date_shown
    >>> date_shown(date(5678, 1, 2), '"1381234"yyyy'), date_shown(date(2026, 3, 1), 'yyyy-mm-dd')
    ('13812345678', '2026-03-01')
    >>> date_shown(date(2026, 3, 1), '"1381234"yyyy h:mm') is None
    True
    """
    if isinstance(moment, datetime) and (moment.hour or moment.minute or moment.second):
        return None
    out: list[str] = []
    for m in _DATE_PIECES.finditer(_sections(code)[0]):
        literal, escaped, space, _fill, bracket, letters, other = m.groups()
        if literal is not None or escaped is not None:
            out.append(literal if literal is not None else escaped)
        elif space is not None:
            out.append(" ")
        elif bracket is not None:
            if bracket[1:2] in "<>=hHmMsS":
                return None  # a condition, an elapsed time
        elif letters is not None:
            piece = _date_piece(moment, letters.lower())
            if piece is None:
                return None
            out.append(piece)
        elif other is not None:
            if other in "hHsSaA0#?@":
                return None  # a time, AM/PM, a number's placeholder
            out.append(other)
    return "".join(out)


def _date_piece(moment: date, letters: str) -> str | None:
    if letters[0] == "y":
        return f"{moment.year % 100:02d}" if len(letters) <= 2 else f"{moment.year:04d}"
    if letters[0] == "m":
        return {1: str(moment.month), 2: f"{moment.month:02d}"}.get(len(letters))
    if letters[0] == "d":
        return {1: str(moment.day), 2: f"{moment.day:02d}"}.get(len(letters))
    return None
