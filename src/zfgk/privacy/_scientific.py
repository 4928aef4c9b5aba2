"""ID numbers that a spreadsheet turned into numbers: ``6.20503200006097E+17``.

A list saved from Excel or LibreOffice as CSV (or pasted from a sheet)
writes an 18-digit ID number kept as a number in scientific notation: the
mantissa holds the number's first digits, up to 15 (Excel keeps no more),
and the exponent is 17.  The last digits are lost, but from the 7th digit on
the mantissa shows the birth date, which is personal data: such a number is
reported as an ID number, and masking hides the birth-date digits that the
mantissa shows (``6.20503********7E+17``), keeping its first six and what
follows.

Evidence asked for, so that amounts (``1.5E+3``, ``2.6E+05``) are never
taken: the exponent 17 (written ``E+17``, ``E+017`` as LibreOffice does, or
``e+17`` as Python does), a mantissa of at least 7 digits (with 6 or fewer,
as Excel shows one in a narrow column, ``6.20503E+17``, no birth-date digit
shows), first digits that are a region's (:func:`~zfgk.privacy._ids.region_ok`)
and a birth year in the 1900s or 2000s.
"""

from __future__ import annotations

from zfgk.privacy._ids import region_ok
from zfgk.privacy._text import SCIENTIFIC_ID

#: The index of the first birth-date digit.
_FIRST_BIRTH_DIGIT = 6


def has_scientific(text: str) -> bool:
    """Whether ``text`` may hold a number with the exponent 17 (a cheap test)."""
    return "+17" in text or "+017" in text


def scientific_ids(text: str) -> list[tuple[int, int, int, int, int]]:
    """(start, end, digits shown, start and end of the birth-date digits) of each ID number
    in scientific notation in ``text``.

    >>> from zfgk.privacy._scientific import scientific_ids
    >>> scientific_ids("身份证号 6.20503200006097E+17；金额 1.5E+3")
    [(5, 25, 15, 12, 20)]
    """
    found = []
    for m in SCIENTIFIC_ID.finditer(text):
        digits = m.group(1) + m.group(2)
        if not region_ok(digits) or not _birth_year_shown(digits[_FIRST_BIRTH_DIGIT:]):
            continue
        first = m.start(2) + _FIRST_BIRTH_DIGIT - 1  # the mantissa's digits after the point
        last = min(first + 8, m.end(2))
        found.append((m.start(), m.end(), len(digits), first, last))
    return found


def _birth_year_shown(birth: str) -> bool:
    """Whether the birth-date digits shown start as a year from 1900 to 2099 does."""
    return birth[:2] in ("19", "20") if len(birth) >= 2 else birth in ("1", "2")
