"""Character sets and portable regular expressions for the values of personal fields.

:func:`zfgk.validate` judges an ID-number or phone field with these
patterns, and :meth:`zfgk.Item.json_schema` puts the same patterns in the
JSON Schemas it writes, so that a record's verdict is the same in zfgk and
in any JSON Schema validator.  Each pattern is written so that Python's
``re`` and ECMA-262 (JavaScript, and JSON Schema's ``pattern``) read it
alike: ``\\uXXXX`` escapes, character classes and groups only, no ``\\s``,
``\\d`` or ``\\w`` (which the two define differently), no character outside
the Basic Multilingual Plane.

>>> import re
>>> from zfgk.patterns import MASKED_ID
>>> bool(re.fullmatch(MASKED_ID, "110105********002X")), bool(re.fullmatch(MASKED_ID, "11010519491231002X"))
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "BLANK",
    "FIELD_SEPARATORS",
    "FORMAT_CHARACTERS",
    "FULL_ID",
    "MASKED_ID",
    "MASKED_PHONE",
    "MASK_CHARACTERS",
    "NOT_BLANK",
    "PHONE",
    "VISIBLE_SEPARATORS",
    "WHITESPACE",
    "anchored",
]


def _ranges(*spans: tuple[int, int] | int) -> frozenset[str]:
    return frozenset(
        chr(c)
        for span in spans
        for c in (range(span, span + 1) if isinstance(span, int) else range(span[0], span[1] + 1))
    )


#: Characters people put between the digits of a number, or that come with
#: it when it is copied: every space (Unicode category Zs: the no-break
#: space of Word, Excel and web pages, the narrow and thin spaces, the
#: ideographic space), every dash (Pd), and ``. / _ · ・ ‧`` with their
#: full-width forms.  Up to Unicode 15.1.
VISIBLE_SEPARATORS: frozenset[str] = _ranges(
    # Zs
    0x20, 0xA0, 0x1680, (0x2000, 0x200A), 0x202F, 0x205F, 0x3000,
    # Pd
    0x2D, 0x58A, 0x5BE, 0x1400, 0x1806, (0x2010, 0x2015), 0x2E17, 0x2E1A, (0x2E3A, 0x2E3B),
    0x2E40, 0x2E5D, 0x301C, 0x3030, 0x30A0, (0xFE31, 0xFE32), 0xFE58, 0xFE63, 0xFF0D, 0x10EAD,
    # . / _ · ・ ‧ ． ／ ＿
    0x2E, 0x2F, 0x5F, 0xB7, 0x30FB, 0x2027, 0xFF0E, 0xFF0F, 0xFF3F,
)  # fmt: skip

#: Invisible format characters (Unicode category Cf: zero-width space,
#: word joiner, byte-order mark, soft hyphen, direction marks …), which text
#: copied from web pages and chat apps carries between digits.  Up to
#: Unicode 15.1.
FORMAT_CHARACTERS: frozenset[str] = _ranges(
    0xAD, (0x600, 0x605), 0x61C, 0x6DD, 0x70F, (0x890, 0x891), 0x8E2, 0x180E, (0x200B, 0x200F),
    (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), 0xFEFF, (0xFFF9, 0xFFFB), 0x110BD,
    0x110CD, (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), 0xE0001,
    (0xE0020, 0xE007F),
)  # fmt: skip

#: What Python's ``str.isspace`` calls whitespace: a value of only these is blank.
WHITESPACE: frozenset[str] = _ranges(
    (0x9, 0xD), (0x1C, 0x20), 0x85, 0xA0, 0x1680, (0x2000, 0x200A), 0x2028, 0x2029, 0x202F,
    0x205F, 0x3000,
)  # fmt: skip

#: Characters that stand for a hidden digit in a masked number.
MASK_CHARACTERS: frozenset[str] = frozenset("*＊×●•")


def code_runs(chars: Iterable[str]) -> list[tuple[int, int]]:
    """The code points of ``chars`` as sorted runs of consecutive ones, ``(first, last)``.

    >>> from zfgk.patterns import code_runs
    >>> code_runs("dcabx")
    [(97, 100), (120, 120)]
    """
    runs: list[tuple[int, int]] = []
    for code in sorted(set(map(ord, chars))):
        if runs and code == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return runs


def _class(chars: frozenset[str] | str, *, negate: bool = False) -> str:
    """A portable character class: BMP characters only, as \\uXXXX escapes and ranges."""
    parts = [
        f"\\u{first:04x}" if first == last else f"\\u{first:04x}-\\u{last:04x}"
        for first, last in code_runs(c for c in chars if ord(c) <= 0xFFFF)
    ]
    return f"[{'^' if negate else ''}{''.join(parts)}]"


#: The separators a personal field's value may hold between its digits: those
#: of :data:`VISIBLE_SEPARATORS` and :data:`FORMAT_CHARACTERS` that Chinese
#: text and its software use (spaces, dashes, ``. / _ ·``, zero-width and
#: direction marks: the whole General Punctuation block; the CJK and
#: full-width forms), kept short so that a schema's patterns stay readable.
FIELD_SEPARATORS: frozenset[str] = _ranges(
    0x20, (0x2D, 0x2F), 0x5F, 0xA0, 0xAD, 0xB7, (0x2000, 0x206F), 0x3000, 0x301C, 0x3030,
    0x30A0, 0x30FB, (0xFE31, 0xFE32), 0xFE58, 0xFE63, 0xFEFF, (0xFF0D, 0xFF0F), 0xFF3F,
)  # fmt: skip

_DIGITS = "0123456789０１２３４５６７８９"
#: Separators, any number, between two characters of a number.
_GAP = _class(FIELD_SEPARATORS) + "*"
#: Whitespace or separators, any number, around the whole number.
_MARGIN = _class(WHITESPACE | FIELD_SEPARATORS) + "*"
_DIGIT = _class(_DIGITS)
_DIGIT_OR_MASK = _class(_DIGITS + "".join(MASK_CHARACTERS))
_MASK = _class(MASK_CHARACTERS)
#: The last character of an 18-character ID number: a digit or X.
_CHECK_CHAR = _class(_DIGITS + "XxＸｘ")
_CHECK_CHAR_OR_MASK = _class(_DIGITS + "XxＸｘ" + "".join(MASK_CHARACTERS))


def _spaced(char_class: str, count: int) -> str:
    """``count`` characters of a class, each possibly followed by separators."""
    return f"(?:{char_class}{_GAP}){{{count}}}"


def anchored(pattern: str) -> str:
    """The pattern matching a whole value: for JSON Schema, whose ``pattern`` searches.

    >>> import re
    >>> from zfgk.patterns import PHONE, anchored
    >>> bool(re.search(anchored(PHONE), "电话 13812345678")), bool(re.search(anchored(PHONE), "138 1234 5678"))
    (False, True)
    """
    return f"^(?:{pattern})$"


#: A value that is blank: empty, or whitespace only (as ``str.isspace``).
BLANK = _class(WHITESPACE) + "*"
#: A value that is not blank (a search, not a whole match: one character that is not whitespace).
NOT_BLANK = _class(WHITESPACE, negate=True)

#: A masked ID number: 18 or 15 characters with every birth-date digit hidden
#: (the other digits may show or be hidden too), separators anywhere.
MASKED_ID = (
    f"{_MARGIN}(?:"
    f"{_spaced(_DIGIT_OR_MASK, 6)}{_spaced(_MASK, 8)}{_spaced(_DIGIT_OR_MASK, 3)}"
    f"{_CHECK_CHAR_OR_MASK}"
    f"|{_spaced(_DIGIT_OR_MASK, 6)}{_spaced(_MASK, 6)}{_spaced(_DIGIT_OR_MASK, 2)}"
    f"{_DIGIT_OR_MASK}"
    f"){_MARGIN}"
)
#: A full ID number: 18 or 15 digits (the last may be X), nothing hidden.
#: The shape only: JSON Schema cannot check the check digit or the birth date.
FULL_ID = f"{_MARGIN}(?:{_spaced(_DIGIT, 17)}{_CHECK_CHAR}|{_spaced(_DIGIT, 14)}{_DIGIT}){_MARGIN}"

_COUNTRY = f"(?:(?:[+\\uff0b]|0{_GAP}0{_GAP})?8{_GAP}6{_GAP})?"
_MOBILE_HEAD = f"1{_GAP}[3-9\\uff13-\\uff19]{_GAP}"
_AREA = f"[(\\uff08]?0{_GAP}(?:{_DIGIT}{_GAP}){{1,2}}{_DIGIT}[)\\uff09]?{_GAP}"
#: A phone number, masked or not: a mobile number (with or without +86 or
#: 0086), or a fixed line with its area code and a 7- or 8-digit number.
PHONE = (
    f"{_MARGIN}(?:{_COUNTRY}{_MOBILE_HEAD}{_spaced(_DIGIT_OR_MASK, 8)}{_DIGIT_OR_MASK}"
    f"|{_AREA}{_spaced(_DIGIT_OR_MASK, 6)}(?:{_DIGIT_OR_MASK}{_GAP})?{_DIGIT_OR_MASK}){_MARGIN}"
)
#: A masked phone number: the 4th to 7th digits of a mobile number hidden, or
#: every digit of a fixed line's number but its last four.
MASKED_PHONE = (
    f"{_MARGIN}(?:"
    f"{_COUNTRY}{_MOBILE_HEAD}{_DIGIT_OR_MASK}{_GAP}{_spaced(_MASK, 4)}"
    f"{_spaced(_DIGIT_OR_MASK, 3)}{_DIGIT_OR_MASK}"
    f"|{_AREA}{_spaced(_MASK, 3)}(?:{_MASK}{_GAP})?{_spaced(_DIGIT_OR_MASK, 3)}{_DIGIT_OR_MASK}"
    f"){_MARGIN}"
)
