"""Phone numbers: mobile numbers and fixed lines, masked in the middle."""

from __future__ import annotations

import re
from functools import cache

from zfgk.errors import PrivacyError
from zfgk.i18n import N_
from zfgk.privacy._text import GAP, MASK_CLASS, check_mask_char, hide, normalize


@cache
def _phone_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The mobile and fixed-line patterns, compiled on first use (they cost import time)."""
    mobile = re.compile(
        rf"(?P<cc>(?:\+|00)?86{GAP})?(1{GAP}[3-9]{GAP}\d)"
        rf"{GAP}(\d{GAP}\d{GAP}\d{GAP}\d){GAP}(\d{GAP}\d{GAP}\d{GAP}\d)"
    )
    fixed = re.compile(rf"\(?(0\d{{2,3}})\)?{GAP}(\d{{3,4}}){GAP}(\d{{4}})")
    return mobile, fixed


_ANY_MASK = re.compile(f"[{MASK_CLASS}]")


def mask_phone(text: str, *, mask_char: str = "*") -> str:
    """Hide the middle of a phone number.

    Mobile numbers keep their first 3 and last 4 digits; a country code
    written as ``+86``, ``0086`` or ``86`` is kept as ``+86``.  Fixed lines
    keep their area code and last 4 digits.  Separators are normalized.

    >>> import zfgk
    >>> zfgk.mask_phone("13812345678"), zfgk.mask_phone("+86 138 1234 5678")
    ('138****5678', '+86 138****5678')
    >>> zfgk.mask_phone("023-63861234"), zfgk.mask_phone("(0351) 765 4321")
    ('023-****1234', '0351-***4321')

    Already-masked numbers come back unchanged, and partly masked ones are
    masked further; anything that is not a phone number raises
    :class:`~zfgk.PrivacyError`.

    >>> zfgk.mask_phone("138****5678"), zfgk.mask_phone("1381234**78")
    ('138****5678', '138******78')
    >>> zfgk.mask_phone("8888")
    Traceback (most recent call last):
    ...
    zfgk.errors.PrivacyError: cannot mask: not a mobile number or a fixed line with an area code
    """
    check_mask_char(mask_char)
    normalized = normalize(text)
    was_masked = bool(_ANY_MASK.search(normalized))
    probe = _ANY_MASK.sub("0", normalized)  # the shape, with mask characters as digits
    mobile, fixed = _phone_patterns()
    m = mobile.fullmatch(probe)
    if m:
        number = "".join(normalized[slice(*m.span(g))] for g in (2, 3, 4))
        prefix = "+86 " if m.group("cc") else ""
        result = prefix + number[:3] + hide(number[3:7], mask_char) + number[7:]
        return text if was_masked and result == prefix + number else result
    m = fixed.fullmatch(probe)
    if m and 7 <= len(m.group(2) + m.group(3)) <= 8:
        area = normalized[slice(*m.span(1))]
        local = normalized[slice(*m.span(2))] + normalized[slice(*m.span(3))]
        result = f"{area}-{hide(local[:-4], mask_char)}{local[-4:]}"
        return text if was_masked and result == f"{area}-{local}" else result
    raise PrivacyError.of(N_("cannot mask: not a mobile number or a fixed line with an area code"))
