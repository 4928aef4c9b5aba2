"""Digits beside hidden ones: what :func:`~zfgk.privacy.redact` leaves of a number.

A masked number shows some of its digits and hides the others under mask
characters (``138****5678``, ``110105********002X``).  A person reads the
digits that touch the hidden ones as part of that number, not as the end or
the start of another: in ``6.20503200006097 138****5678`` the 138 is the
masked mobile number's, and ``6.20503200006097 138`` is no ID number.  So a
run of digits that touches at least four mask characters, with a digit or an
X on their other side, does not end (or start) there for a number standing
apart (:func:`hidden_around`, read by :class:`~zfgk.privacy._runs.Run`): what
:func:`~zfgk.privacy.redact` writes reads clean, and a number whole beside a
note's star (``13812345678*``) is still found.  Unless those digits are an ID
number whole on their own (``1381234****11010519491231002X``:
a person reads it whole, whatever stands before the stars), which is found as any
is.  Eleven digits beside stars are not taken as a mobile number so: its test is
only its first two digits, which the region code and birth year of an ID number
glued after other digits pass as often as not (``19215420500********3078``).
"""

from __future__ import annotations

from zfgk.patterns import MASK_CHARACTERS
from zfgk.privacy._stretch import DIGITS, SIGNIFICANT, XS, _is_id18
from zfgk.privacy._text import INVISIBLE

#: The characters that stand for a hidden digit (:data:`~zfgk.patterns.MASK_CHARACTERS`).
MASKS = MASK_CHARACTERS
_DIGITS_X = frozenset(DIGITS + XS)
#: The fewest digits a masked number hides in one place (a mobile number's 4).
_FEWEST_HIDDEN = 4


def touches_mask(text: str, start: int, end: int) -> bool:
    """Whether a mask character touches the run ``text[start:end]`` (a cheap test).

    >>> from zfgk.privacy._hidden import touches_mask
    >>> touches_mask("138****5678", 0, 3), touches_mask("138 5678", 0, 3)
    (True, False)
    """
    return (start > 0 and text[start - 1] in MASKS) or text[end : end + 1] in MASKS


def hidden_around(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether the run ``text[start:end]`` starts, and whether it ends, with the digits a
    masked number shows beside its hidden ones (see :class:`~zfgk.privacy._runs.Run`).

    They touch at least four mask characters that a digit or an X touches on
    their other side (``138****5678``, ``110105********002X``): one to three
    stars are a note's mark or a product, and a number beside them is whole
    (``13812345678*``, ``13812345678*13912345678``).

    >>> from zfgk.privacy._hidden import hidden_around
    >>> text = "6.20503200006097 138****5678"
    >>> hidden_around(text, 0, 20), hidden_around(text, 24, 28)
    ((False, True), (True, False))
    >>> hidden_around("13812345678*", 0, 11)
    (False, False)
    >>> hidden_around("320114\u200b********186 5", 15, 18)  # a zero-width space shows nothing
    (True, False)
    """
    before = after = False
    if start > 0 and text[start - 1] in MASKS:
        i = start - 1
        while i > 0 and text[i - 1] in MASKS:
            i -= 1
        k = i  # (a zero-width character between the stars and the digits shows nothing)
        while k > 0 and text[k - 1] in INVISIBLE:
            k -= 1
        before = start - i >= _FEWEST_HIDDEN and k > 0 and text[k - 1] in _DIGITS_X
        if before:
            j = start
            while j < len(text) and text[j] in _DIGITS_X:
                j += 1
            before = not _whole(text[start:j])
    if text[end : end + 1] in MASKS:
        i = end + 1
        while text[i : i + 1] in MASKS:
            i += 1
        k = i
        while text[k : k + 1] and text[k] in INVISIBLE:
            k += 1
        after = i - end >= _FEWEST_HIDDEN and text[k : k + 1] in _DIGITS_X
        if after:
            j = end
            while j > 0 and text[j - 1] in _DIGITS_X:
                j -= 1
            after = not _whole(text[j:end])
    return before, after


def _whole(run: str) -> bool:
    """Whether a run of digits (and an X) that touches hidden ones is an ID number whole on
    its own, as a run standing apart is judged (a typo in its check digit tolerated where
    its region and birth date are right), which a person reads whole beside the stars
    (``1381234****11010519491231002X``).

    >>> from zfgk.privacy._hidden import _whole
    >>> _whole("11010519491231002X"), _whole("110105194912310021"), _whole("990000000000000000")
    (True, True, False)
    >>> _whole("13812345678")
    False
    """
    if len(run) != 18:
        return False
    sig = run.translate(SIGNIFICANT)
    return (
        len(sig) == 18
        and sig[:17].isdigit()
        and (sig[17].isdigit() or sig[17] == "X")
        and _is_id18(sig)
    )


def may_hold(shape: str, first: int, last: int, runs: list[tuple[int, int]]) -> bool:
    """Whether ``shape[first:last]``, what is left between the ``runs`` of digits hidden in
    a stretch of this shape, may hold a number (and is read again once they are hidden).

    It needs 11 digits; and with fewer than 18 in one group, a number in it
    would end or start where it touches hidden digits (``00421110105********002X``:
    see :func:`hidden_around`), which it does not.

    >>> from zfgk.privacy._hidden import may_hold
    >>> shape = "00000000000" + "00000000" + "0000"  # 5 + 18 digits: 11 left, then 8 hidden
    >>> may_hold(shape, 0, 11, [(11, 19)]), may_hold("000-0000" + "00000000", 0, 8, [(8, 16)])
    (False, False)
    >>> may_hold("0.00000000000000-000" + "0000", 0, 20, [(20, 24)])
    True
    """
    digits = shape.count("0", first, last)
    if digits < 11:  # (a mobile number's, the fewest)
        return False
    if digits >= 18 or digits != last - first:
        return True
    return not any(
        b - a >= _FEWEST_HIDDEN
        and (
            (b == first and shape[a - 1 : a] in ("0", "X"))
            or (a == last and shape[b : b + 1] in ("0", "X"))
        )
        for a, b in runs
    )
