"""What every kind of personal number shares: its significant characters, and its mask characters."""

from __future__ import annotations

import re

from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_
from zfgk.patterns import FORMAT_CHARACTERS, MASK_CHARACTERS, VISIBLE_SEPARATORS, code_runs

#: Full-width digits and letters, and the full-width forms of the signs the
#: numbers use, mapped one character to one character, so that offsets in a
#: translated text are offsets in the original.
HALF_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "\u3000": " ",
        "＊": "*",
        "＋": "+",
        "（": "(",
        "）": ")",
    }
)


def char_class(chars: frozenset[str]) -> str:
    """A regular-expression class body matching exactly ``chars``, as ranges.

    >>> from zfgk.privacy._text import char_class
    >>> char_class(frozenset("abcx"))
    'a-cx'
    """
    return "".join(
        re.escape(chr(first))
        if first == last
        else f"{re.escape(chr(first))}-{re.escape(chr(last))}"
        for first, last in code_runs(chars)
    )


#: Class bodies of the visible separators and of the invisible format characters.
SEPARATOR_CLASS = char_class(VISIBLE_SEPARATORS)
FORMAT_CLASS = char_class(FORMAT_CHARACTERS)

#: Marks that are no format character (Unicode category Cf) but show nothing of their own
#: between two digits: the combining grapheme joiner (U+034F), the variation selectors
#: (U+FE00-FE0F, U+E0100-E01EF: a digit with U+FE0F is drawn as an emoji), the Hangul
#: fillers (U+115F, U+1160, U+3164, U+FFA0), Khmer's invisible vowels (U+17B4, U+17B5),
#: Mongolian's selectors (U+180B-180D, U+180F), and the enclosing keycap (U+20E3) that
#: makes ``1️⃣3️⃣8️⃣`` of 138.  Free text read by :func:`~zfgk.privacy.find_pii` is
#: read across them as across format characters; a field's value is judged by the
#: patterns of :mod:`zfgk.patterns`, which JSON Schemas share, and keeps to those.
HIDDEN_MARKS: frozenset[str] = frozenset(
    chr(c)
    for first, last in (
        (0x34F, 0x34F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180D), (0x180F, 0x180F),
        (0x20E3, 0x20E3), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0),
        (0xE0100, 0xE01EF),
    )
    for c in range(first, last + 1)
)  # fmt: skip
#: What free text may hide between the digits of a number: format characters and marks.
INVISIBLE = FORMAT_CHARACTERS | HIDDEN_MARKS
INVISIBLE_CLASS = char_class(INVISIBLE)
#: Any run of separators and format characters, for patterns that allow them between digits.
GAP = f"[{SEPARATOR_CLASS}{FORMAT_CLASS}]*"
_SEPARATORS = re.compile(f"[{SEPARATOR_CLASS}{FORMAT_CLASS}]+")

#: A number with the exponent 17 and at least 7 digits, as a spreadsheet writes an 18-digit
#: number it keeps as a number (``6.20503200006097E+17``; see :mod:`zfgk.privacy._scientific`).
SCIENTIFIC_ID = re.compile(r"(?<![0-9.\uff10-\uff19])([1-9])\.([0-9]{6,17})[eE]\+0?17(?![0-9])")

#: The characters that stand for a hidden digit, as a class body.
MASK_CLASS = char_class(MASK_CHARACTERS)


def compact(text: str) -> str:
    """``text`` without separators or format characters."""
    return _SEPARATORS.sub("", text)


def normalize(text: str) -> str:
    """A string stripped and turned half-width; anything else raises TypeError."""
    if not isinstance(text, str):
        raise TypeError(
            f"expected the number as a string, not {type(text).__name__}"
            + (
                "; a blank has nothing to mask (zfgk.mask_record keeps blanks)"
                if text is None
                else ""
            )
        )
    return text.strip().translate(HALF_WIDTH)


def strip_separators(text: str) -> str:
    """A number as its significant characters: half-width, without separators.

    Removes what people and programs put between digits
    (:data:`~zfgk.patterns.VISIBLE_SEPARATORS`: spaces of every kind, dashes,
    ``. / _ ·``; :data:`~zfgk.patterns.FORMAT_CHARACTERS`: zero-width and
    other invisible characters) and turns full-width digits and letters
    half-width.

    >>> from zfgk.privacy import strip_separators
    >>> strip_separators("110105\u00a019491231\u200b002X")
    '11010519491231002X'
    >>> strip_separators(" １３８．１２３４．５６７８ ")
    '13812345678'
    """
    return compact(text.strip().translate(HALF_WIDTH))


def check_mask_char(mask_char: str) -> None:
    """Refuse a mask character that :func:`zfgk.validate` would not read as a hidden digit.

    Only :data:`~zfgk.patterns.MASK_CHARACTERS` (``* ＊ × ● •``) are
    accepted, so that every number :func:`zfgk.mask_id` or
    :func:`zfgk.mask_phone` returns passes as masked, in zfgk and in the
    JSON Schemas.

    >>> from zfgk.privacy._text import check_mask_char
    >>> check_mask_char("#")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: mask_char must be one of * ＊ × ● • (the characters read as hidden digits), not '#'
    """
    if not isinstance(mask_char, str):
        raise TypeError(f"mask_char must be a string, not {type(mask_char).__name__}")
    if mask_char in MASK_CHARACTERS:
        return
    if len(mask_char) != 1:  # not repeated: it may be anything, a number included
        raise InvalidArgumentError.of(
            N_(
                "mask_char must be one of {allowed} (the characters read as hidden digits), "
                "not a text of {count} characters"
            ),
            allowed=" ".join(_MASK_ORDER),
            count=len(mask_char),
        )
    raise InvalidArgumentError.of(
        N_(
            "mask_char must be one of {allowed} (the characters read as hidden digits), "
            "not {mask_char!r}"
        ),
        allowed=" ".join(_MASK_ORDER),
        mask_char=mask_char,
    )


def check_bool(name: str, value: object) -> None:
    """Refuse an option that is not a bool (``legacy="no"`` would read as true).

    >>> from zfgk.privacy._text import check_bool
    >>> check_bool("legacy", "no")
    Traceback (most recent call last):
    ...
    TypeError: legacy must be a bool, not str
    """
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be a bool, not {type(value).__name__}")


_MASK_ORDER = sorted(MASK_CHARACTERS, key="*＊×●•".find)


def hide(chars: str, mask_char: str) -> str:
    """Mask every character, keeping mask characters that are already there.

    >>> from zfgk.privacy._text import hide
    >>> hide("12*4", "×")
    '××*×'
    """
    return "".join(ch if ch in MASK_CHARACTERS else mask_char for ch in chars)
