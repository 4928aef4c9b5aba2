"""Numbers a person reads that are not stored as they are read: other digits, other orders.

:func:`~zfgk.privacy.find_pii` reads the digits ``0-9`` and their full-width
forms in the order they are stored.  A person also reads:

- digits drawn otherwise (:data:`SHOWN_DIGITS`): superscript ``¹³⁸``,
  subscript ``₁₃₈``, circled ``①③⑧`` and their dingbat forms ``❶➀➊``,
  the mathematical ``𝟏𝟑𝟖`` of "fancy text" generators, segmented ``🯱🯳🯸``;
  the decimal digits of other scripts (Arabic-Indic ``١٣٨``, Devanagari ``१३८``);
- digits that bidirectional controls put in another order on the screen:
  under a right-to-left override (U+202E … U+202C) every character shows
  in reverse (``87654321831`` shows ``13812345678``); after a right-to-left
  mark, embedding or isolate (U+200F, U+061C, U+202B, U+2067), numbers
  apart show in reverse order (``5678 1234 138`` shows ``138 1234 5678``).

Both are rare, so a text is read so only where one of these characters is
(:func:`oddities`; :func:`~zfgk.privacy.find_pii` and
:func:`~zfgk.privacy.redact` tell it in the pass that finds the stretches
of digits, a character past U+FFFF by the size of the string), and
each such reading (:func:`readings`) is the text itself, of the same
length, its characters moved or digits drawn as ``0-9``: what is found in
it is found in the text, at the characters it was read from.

The readings of bidirectional text are wider than the Unicode bidirectional
algorithm (UAX #9) and read each line from a control on: they never miss a
number the algorithm shows, and may read one it does not where a text holds
such a control, which published Chinese text does not.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable

from zfgk.patterns import VISIBLE_SEPARATORS
from zfgk.privacy._text import INVISIBLE, char_class

#: The zero of each script's ten decimal digits (Unicode category Nd) other than 0-9 and
#: the full-width ones, as far as Unicode 16: Arabic-Indic ``٠``, extended Arabic-Indic
#: ``۰``, Devanagari ``०``, Bengali, Thai, Tibetan, Myanmar, Khmer, Mongolian, ... (the
#: mathematical ones are below).  The digits this Python's Unicode does not know are left;
#: a test checks the list against every Nd character this Python knows.
_DECIMAL_ZEROS = (
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
    0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50,
    0xABF0, 0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0,
    0x11450, 0x114D0, 0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950,
    0x11BF0, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50,
    0x16D70, 0x1CCF0, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950,
)  # fmt: skip
#: Characters a person reads as a digit, other than 0-9 and their full-width forms: every
#: character that NFKC makes one digit (superscripts, subscripts, circled, mathematical,
#: segmented), the other circled digits (dingbats, double and negative circles), and the
#: decimal digits of other scripts (``١٣٨`` is 138 to whoever reads Arabic).
#: Parenthesized ``⑴`` and ``⒈`` are left: they number lists.
SHOWN_DIGITS: dict[str, str] = {
    chr(c): str(int(unicodedata.numeric(chr(c))))
    for first, last in (
        (0xB2, 0xB3), (0xB9, 0xB9), (0x2070, 0x2070), (0x2074, 0x2079), (0x2080, 0x2089),
        (0x2460, 0x2468), (0x24EA, 0x24EA), (0x24F5, 0x24FD), (0x24FF, 0x24FF),
        (0x2776, 0x277E), (0x2780, 0x2788), (0x278A, 0x2792), (0x1D7CE, 0x1D7FF),
        (0x1F10B, 0x1F10C), (0x1FBF0, 0x1FBF9),
    )
    for c in range(first, last + 1)
} | {
    chr(zero + d): str(d)
    for zero in _DECIMAL_ZEROS
    for d in range(10)
    if unicodedata.decimal(chr(zero + d), None) == d
}  # fmt: skip
#: Right-to-left override, and the controls after which numbers apart show in reverse order.
_OVERRIDE = "\u202e"
RIGHT_TO_LEFT = "\u200f\u061c\u202b\u2067" + _OVERRIDE
#: What ends the reach of a control: the pop of an embedding or override, of an isolate,
#: and the end of a line.
_OVERRIDES = re.compile(_OVERRIDE)
_CONTROLS = re.compile(f"[{RIGHT_TO_LEFT}]")
_POP = re.compile("[\u202c\u2069\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_D = "0-9\uff10-\uff19"
#: What joins the digits of one number: the separators that are no space, and marks.
_JOINS = char_class(frozenset(c for c in VISIBLE_SEPARATORS | INVISIBLE if not c.isspace()))
#: A number apart, with its groups if spaces cut it, which right-to-left text shows in reverse
#: order (each number its own way): numbers one or more spaces apart.
_NUMBERS_APART = re.compile(
    f"[{_D}](?:[{_D}{_JOINS}]|[^\\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+(?=[{_D}]))*"
)
_SPACES = re.compile(r"(\s+)")


#: The class body of the characters below U+10000 that make a text unusual.
ODD_CLASS = char_class(
    frozenset({c for c in SHOWN_DIGITS if ord(c) < 0x10000} | set(RIGHT_TO_LEFT))
)
#: One of the characters below U+10000 that make a text unusual, or the exponent of a number in
#: scientific notation (:func:`zfgk.privacy._scientific.has_scientific`): one pass for both.
ODD = re.compile(f"[{ODD_CLASS}+](?:(?<!\\+)|(?<=\\+)0?17)")
_ASTRAL_DIGITS = re.compile(
    f"[{char_class(frozenset(c for c in SHOWN_DIGITS if ord(c) >= 0x10000))}]"
)
#: The size of a string of four-byte characters, four bytes a character aside (CPython's
#: compact strings): a string smaller than this plus 4 bytes a character has none.
WIDE = sys.getsizeof("\U00010000") - 4


def has_astral(text: str) -> bool:
    """Whether ``text`` may hold a character past U+FFFF (told by its size: a cheap test).

    >>> from zfgk.privacy._shown import has_astral
    >>> has_astral("电话 138"), has_astral("电话 𝟏𝟑𝟖")
    (False, True)
    """
    return sys.getsizeof(text) - 4 * len(text) >= WIDE


def oddities(text: str) -> tuple[bool, bool]:
    """Whether ``text`` may hold a number in scientific notation with the exponent 17
    (:func:`~zfgk.privacy._scientific.has_scientific`), and whether it holds digits drawn
    otherwise or a right-to-left control: one pass for both.

    >>> from zfgk.privacy._shown import oddities
    >>> oddities("电话 138 1234 5678"), oddities("电话 ¹³⁸¹²³⁴⁵⁶⁷⁸"), oddities("\u202e8765 6.2E+17")
    ((False, False), (False, True), (True, True))
    """
    m = ODD.search(text)
    scientific = odd = False
    while m is not None:
        if m.group()[0] == "+":
            scientific = True
        else:
            odd = True
        if scientific and odd:
            return True, True
        m = ODD.search(text, m.end())
    if not odd and has_astral(text):
        odd = _ASTRAL_DIGITS.search(text) is not None
    return scientific, odd


def unusual(text: str) -> bool:
    """Whether ``text`` holds digits drawn otherwise or a right-to-left control.

    >>> from zfgk.privacy._shown import unusual
    >>> unusual("电话 138 1234 5678"), unusual("电话 ¹³⁸¹²³⁴⁵⁶⁷⁸"), unusual("\u202e87654321831")
    (False, True, True)
    """
    return oddities(text)[1]


#: 0-9 and their full-width forms become a character that is no digit, letter or gap: a
#: number drawn otherwise is read apart from the digits around it (a footnote's ``¹``).
_APART = str.maketrans(
    {**dict.fromkeys(map(ord, "0123456789\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"), "#"),
     **{ord(c): d for c, d in SHOWN_DIGITS.items()}}
)  # fmt: skip


def readings(text: str) -> list[tuple[str, list[int] | None]]:
    """The other readings of ``text`` (see the module): each the read text, as long as
    ``text``, and where each of its characters is in ``text`` (None: in its own place).

    >>> from zfgk.privacy._shown import readings
    >>> readings("电话①③⑧")
    [('电话138', None)]
    >>> [read for read, _ in readings("电话\u202e8765 4321 831\u202c")]
    ['电话\u202e138 1234 5678\u202c', '电话\u202e831 4321 8765\u202c']
    """
    found: list[tuple[str, list[int] | None]] = []
    texts = [text]  # and the digits drawn otherwise, drawn 0-9, reordered as well
    if any(c in SHOWN_DIGITS for c in text):
        texts.append(text.translate(_APART))
        found.append((texts[-1], None))
    for read in texts:
        if _OVERRIDE in text:
            found.append(_moved(read, _OVERRIDE, _reversed))
        if any(c in text for c in RIGHT_TO_LEFT):
            found.append(_moved(read, RIGHT_TO_LEFT, _apart_reversed))
    return found


def _reversed(text: str, start: int, end: int) -> list[int]:
    """Where each character of ``text[start:end]`` shown right to left comes from."""
    return list(range(end - 1, start - 1, -1))


def _apart_reversed(text: str, start: int, end: int) -> list[int]:
    """Where each character of ``text[start:end]`` comes from when its numbers apart (and
    the spaces between them) show in reverse order, each number's own digits in order."""
    order = list(range(start, end))
    for m in _NUMBERS_APART.finditer(text, start, end):
        parts: list[range] = []  # each number and each space between two, in order
        position = m.start()
        for part in _SPACES.split(m.group()):
            parts.append(range(position, position + len(part)))
            position += len(part)
        order[m.start() - start : m.end() - start] = [i for part in reversed(parts) for i in part]
    return order


def _moved(
    text: str, controls: str, reorder: Callable[[str, int, int], list[int]]
) -> tuple[str, list[int]]:
    """``text`` with what follows each of ``controls`` to the end of its reach reordered."""
    where = list(range(len(text)))
    position = 0
    find = _OVERRIDES.search if controls == _OVERRIDE else _CONTROLS.search
    while (control := find(text, position)) is not None:
        start = control.start()
        pop = _POP.search(text, start + 1)
        end = pop.start() if pop else len(text)
        where[start + 1 : end] = reorder(text, start + 1, end)
        position = end
    return "".join(text[i] for i in where), where
