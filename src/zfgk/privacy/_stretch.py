"""One stretch of digits read by its shape: where its numbers are, and what of them to hide.

A stretch (digits, and the gaps between them, as :mod:`zfgk.privacy._find`
finds it) is first reduced to its shape (:data:`SHAPE`: each digit ``0``,
each gap ``-``).  Notices repeat a few shapes, so what a shape decides is
worked out once and remembered (:func:`_plan`): which digit tests to run,
in which order, where each number would sit, which characters to hide.  A
stretch then costs a translation, a dictionary lookup and the tests of its
digits (check digit, region, birth date, a mobile number's prefix).  The
rules are :func:`zfgk.privacy._runs.iter_run`'s; the tests compare the two.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate, pairwise
from operator import itemgetter

from zfgk.model import PersonalKind
from zfgk.patterns import VISIBLE_SEPARATORS
from zfgk.privacy._ids import (
    _CHECK,
    PROVINCE_CODES,
    REGION_PREFIXES,
    born_digits_ok,
    verdict,
)
from zfgk.privacy._runs import (
    DECIMAL_POINT,
    FLOAT_ZERO,
    LEGACY_GROUPS,
    MOBILE_GROUPS,
    amount_groups,
    birth_ok,
    id18verdict,
    spaced_rows,
)
from zfgk.privacy._text import HALF_WIDTH, INVISIBLE

#: Digits, half- and full-width.
DIGITS = "0123456789\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"
#: The check character X, half- and full-width, upper and lower case.
XS = "Xx\uff38\uff58"
_ID, _PHONE = PersonalKind.ID_NUMBER, PersonalKind.PHONE
#: Half-width, without the invisible format characters: what is left are digits, X and separators.
_SIGNIFICANT = str.maketrans({**HALF_WIDTH, **{ord(c): None for c in INVISIBLE}})
#: The centuries of a birth date from 1900 to today (a glued number needs a real one).
_CENTURIES = frozenset({"19", "20"})
#: (shown, hidden) significant characters at the start of a number, by how many it has.
_HIDDEN = {18: (6, 8), 15: (6, 6), 11: (3, 4)}


def _sizes(bounds: tuple[int, ...], first: int, last: int) -> tuple[int, ...]:
    """The sizes of the groups of digits [first, last), cut at the visible gaps ``bounds``
    (in order: the ones inside are found by bisection, not by a walk over all of them, which
    made a line of a thousand numbers one space apart take minutes)."""
    inside = bounds[bisect_right(bounds, first) : bisect_left(bounds, last)]
    cuts = [first, *inside, last]
    return tuple(b - a for a, b in pairwise(cuts))


def _is_mobile(digits: str) -> bool:
    return digits[0] == "1" and digits[1] in "3456789"


#: The places :func:`_scan` tries in a stretch of a given shape: the starts of
#: 18-character numbers standing apart, then of glued ones; and the 15-digit and
#: mobile candidates (first, last, kind, the code that must come before, or "").
_Places = tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[int, int, PersonalKind, str], ...]]


@lru_cache(maxsize=1024)
def _places(
    stop: int, end: int, bounds: tuple[int, ...], amounts: int, spaced: tuple[int, ...]
) -> _Places:
    """What :func:`_scan` tries in a stretch, from its shape alone (see there).

    ``amounts``: the digits before this one are written as amounts
    (:func:`~zfgk.privacy._runs.amount_groups`); ``spaced``: where numbers
    written one digit at a time start (:func:`~zfgk.privacy._runs.spaced_rows`).
    """
    edges = {0, stop, *bounds}
    aligned = tuple(k for k in range(stop - 17) if k in edges and k + 18 in edges)
    glued = tuple(k for k in range(stop - 17) if not (k in edges and k + 18 in edges))
    short: list[tuple[int, int, PersonalKind, str]] = []
    if amounts < end:
        # Mobile and 15-digit numbers: from a group's start to a group's end.
        ends = {end, *bounds}
        for k in (0, *(b for b in bounds if b < end)):
            for first, last, kind, code in _short_candidates(k, end, edges):
                if last > end or last not in ends or first < amounts:
                    continue
                sizes = _sizes(bounds, first, last)
                if sizes in (LEGACY_GROUPS if kind is _ID else MOBILE_GROUPS) or (
                    kind is _PHONE and first in spaced
                ):
                    short.append((first, last, kind, code))
    return aligned, glued, tuple(short)


def _scan(sig: str, places: _Places) -> list[tuple[PersonalKind, int, int]]:
    """:func:`~zfgk.privacy._runs.iter_run`'s rules for a run with one stretch of digits.

    ``sig`` is the stretch's digits, then ``X`` when one follows them;
    ``places`` what :func:`_places` says to try in a stretch of its shape.
    """
    stop = len(sig)
    aligned, glued, short = places
    taken: list[tuple[PersonalKind, int, int]] = []

    def free(first: int, last: int) -> bool:
        return not any(a < last and first < b for _, a, b in taken)

    # 18-character numbers standing apart, then (below) glued ones.
    for k in aligned:
        if id18verdict(sig[k : k + 18], aligned=True) and free(k, k + 18):
            taken.append((_ID, k, k + 18))
    if taken and taken[0][1] == 0 and taken[0][2] == stop:
        return taken  # one number, the whole stretch
    for first, last, kind, code in short:
        if code and not sig.startswith(code, first - len(code)):
            continue
        digits = sig[first:last]
        if kind is _ID:
            if not _is_legacy(digits):
                continue
        elif not _is_mobile(digits):
            continue
        if free(first, last):
            taken.append((kind, first, last))
    for k in glued:
        # id18verdict(window, aligned=False), its cheapest tests first
        if sig[k + 6 : k + 8] in _CENTURIES and sig[k : k + 3] in REGION_PREFIXES:
            window = sig[k : k + 18]
            try:
                check = _CHECK[(2 * int(window[:17], 13)) % 11]
            except ValueError:  # an X before the last place: no ID number
                continue
            if check == window[17] and birth_ok(window) and free(k, k + 18):
                taken.append((_ID, k, k + 18))
    return taken


#: The reading of a stretch's significant characters by what its shape says to try.
scan = _scan


def _short_candidates(
    k: int, end: int, edges: set[int]
) -> list[tuple[int, int, PersonalKind, str]]:
    """The 15-digit and mobile numbers that may start at ``k``, as iter_run tries them.

    (first, last, kind, the country code that must stand just before ``first``, or "").
    """
    candidates = [(k, k + 15, _ID, ""), (k, k + 11, _PHONE, "")]
    if k + 4 < end and k + 4 not in edges:
        candidates.append((k + 4, k + 15, _PHONE, "0086"))
    if k + 2 < end and k + 2 not in edges:
        candidates.append((k + 2, k + 13, _PHONE, "86"))
    return candidates


#: A span of significant characters that a shape may hold: (kind, first, last).
_Span = tuple[PersonalKind, int, int]
#: A test of a stretch's significant characters, and the numbers it finds when it passes.
_Alternative = tuple[Callable[[str], bool], tuple[_Span, ...]]


def _is_id18(sig: str) -> bool:
    # id18verdict(sig, aligned=True), its tests in place (the commonest test of all)
    region = sig[:3] in REGION_PREFIXES
    if _CHECK[(2 * int(sig[:17], 13)) % 11] == sig[17]:  # check_digit(sig[:17])
        return region or birth_ok(sig)
    return region and birth_ok(sig)


def _is_legacy(sig: str) -> bool:
    """``verdict(sig, legacy=True) is None`` for 15 characters, told with strings."""
    if not sig.isascii():
        return verdict(sig, legacy=True) is None
    # a born 19YYMMDD is never after today: a real date from 1900 on, and the region
    return sig.isdigit() and sig[:2] in PROVINCE_CODES and born_digits_ok("19" + sig[6:12])


def _is_86_mobile(sig: str) -> bool:
    return sig.startswith("86") and _is_mobile(sig[2:])


def _is_0086_mobile(sig: str) -> bool:
    return sig.startswith("0086") and _is_mobile(sig[4:])


def _are_two_mobiles(sig: str) -> bool:
    return _is_mobile(sig) and _is_mobile(sig[11:])


@lru_cache(maxsize=1024)
def _alternatives(
    length: int, sizes: tuple[int, ...], x: bool, spaced: bool
) -> tuple[tuple[_Alternative, ...], bool]:
    """What :func:`_scan` finds in the shapes nearly every number has, by its shape alone.

    ``length``: the stretch's significant characters; ``sizes``: its groups
    of digits as visible gaps cut them; ``x``: whether it ends with an X;
    ``spaced``: whether it holds a number written one digit at a time.
    Returns the tests to try in order, each with what it finds when it
    passes; and whether, when none passes, the stretch holds nothing
    (otherwise :func:`_scan` reads it).
    """
    if length == 18:
        return ((_is_id18, ((_ID, 0, 18),)),), False
    if x:
        return (), False  # an X after a stretch that is not 17 digits long
    if length == 11:
        mobile = sizes in MOBILE_GROUPS or spaced
        return (((_is_mobile, ((_PHONE, 0, 11),)),) if mobile else ()), True
    found: list[_Alternative] = []
    if length == 15 and sizes in LEGACY_GROUPS:
        found.append((_is_legacy, ((_ID, 0, 15),)))
    for code, test in (("86", _is_86_mobile), ("0086", _is_0086_mobile)):
        skip = len(code)
        if length == 11 + skip and (
            sizes == (length,) or (sizes[0] == skip and sizes[1:] in MOBILE_GROUPS)
        ):
            found.append((test, ((_PHONE, skip, length),)))
    if sizes == (11, 11):
        found.append((_are_two_mobiles, ((_PHONE, 0, 11), (_PHONE, 11, 22))))
    return tuple(found), False


def _shortcut(sig: str, sizes: tuple[int, ...], spaced: bool) -> list[_Span] | None:
    """What :func:`_scan` finds in the shapes nearly every number has; None for the others.

    ``sizes``: the sizes of the groups of digits of ``sig`` as visible gaps cut them;
    ``spaced``: whether it holds a number written one digit at a time.
    """
    tests, nothing = _alternatives(len(sig), sizes, sig[-1] == "X", spaced)
    for test, spans in tests:
        if test(sig):
            return list(spans)
    return [] if nothing else None


#: A number placed in a stretch's own characters: (kind, start, end, significant
#: characters, start and end of the characters to hide, how many digits those hold).
Placed = tuple[PersonalKind, int, int, int, int, int, int]
#: A stretch's shape: each digit 0, an X as X, a decimal point ., each other visible gap
#: character -, each format character ~.
SHAPE = str.maketrans(
    {
        **dict.fromkeys(map(ord, DIGITS), "0"),
        **dict.fromkeys(map(ord, XS), "X"),
        **dict.fromkeys(map(ord, VISIBLE_SEPARATORS), "-"),
        **dict.fromkeys(map(ord, DECIMAL_POINT), "."),
        **dict.fromkeys(map(ord, INVISIBLE), "~"),
    }
)
#: A stretch's significant characters: half-width digits and a final X, nothing else.
SIGNIFICANT = _SIG = str.maketrans(
    {**_SIGNIFICANT, **dict.fromkeys(map(ord, VISIBLE_SEPARATORS)), ord("x"): "X"}
)
#: The UTF-8 of full-width digits (EF BC 90 to EF BC 99) made the digits 0-9 once their first
#: two bytes are deleted (see :func:`significant`).
_FULL_WIDTH_BYTES = bytes.maketrans(bytes(range(0x90, 0x9A)), b"0123456789")


def significant(digits: str) -> str:
    """``digits.translate(SIGNIFICANT)`` for the digits of a stretch, half- or full-width, and
    an X after them: what the tests read.

    Full-width digits are made half-width as UTF-8 bytes, by a table: several
    times faster than a string's translation, which looks up every character
    in a dictionary (an X after them is left to it: its bytes are another's).

    >>> from zfgk.privacy._stretch import significant
    >>> significant("１３８１２３４５６７８"), significant("11010519491231002x")
    ('13812345678', '11010519491231002X')
    """
    if digits.isascii():
        return digits if digits[-1] != "x" else digits.translate(_SIG)
    if digits[-1] in XS:
        return digits.translate(_SIG)
    return digits.encode().translate(_FULL_WIDTH_BYTES, b"\xef\xbc").decode()


#: A shape's plan: whether its characters are its significant ones, and the tests of
#: :func:`_alternatives` with what each finds, placed; and whether it holds nothing when
#: none passes.  None: a shape with format characters, read by :func:`_numbers_in`.
_Plan = tuple[
    Callable[[str], tuple[str, ...]] | None,
    tuple[tuple[Callable[[str], bool], tuple[Placed, ...]], ...],
    _Places | None,
    list[int],
    bool,
]
_PLANS: dict[str, _Plan | None] = {}
_GROUP = re.compile("[0X]+")


def _places_of(
    length: int, x: bool, sizes: tuple[int, ...], amounts: int, spaced: tuple[int, ...]
) -> _Places:
    """What :func:`_scan` tries in ``length`` significant characters (``x``: the last is X)
    cut into groups of ``sizes``, the first ``amounts`` of them written as amounts, numbers
    written one digit at a time starting at ``spaced``."""
    end = length - 1 if x else length
    return _places(length, end, tuple(accumulate(sizes[:-1])), amounts, spaced)


def _digit_groups(shape: str) -> tuple[list[int], list[bool], list[int]]:
    """The groups of digits of a stretch of this shape (format characters left out), an X
    apart: their sizes, whether each gap between two is one decimal point, and its width."""
    groups = [m.span() for m in _DIGIT_GROUP.finditer(shape)]
    gaps = [shape[b:c] for (_, b), (c, _) in pairwise(groups)]
    return [b - a for a, b in groups], [gap == "." for gap in gaps], [len(gap) for gap in gaps]


_DIGIT_GROUP = re.compile("0+")


def _plan(shape: str) -> _Plan | None:
    """The plan of a stretch of this shape (remembered; notices repeat their formats).

    (what picks its groups of digits out of it, None when it is one group; the
    tests of :func:`_alternatives`, each with what it finds placed in the
    stretch; what :func:`_scan` tries when none passes, None when nothing is
    to be found; where its significant characters are; whether it is written
    as an amount is.)  None for a shape with format characters, left to
    :func:`_numbers_in`.
    """
    if "~" in shape:
        return None  # zero-width characters, scattered anew in every number: not worth keeping
    positions = _positions(shape)
    groups = [m.span() for m in _GROUP.finditer(shape)]
    sizes = tuple(b - a for a, b in groups)
    x = shape[-1] == "X"
    digits, points, widths = _digit_groups(shape)
    amounts = amount_groups(digits, points, not x, None)
    if amounts is None:
        _PLANS[shape] = None
        return None  # an amount (.5) or a whole number as a float (.0): its digit decides
    after = amount_groups(digits, points, False, None)  # with letters after the stretch
    amount_end = sum(digits[:amounts])
    spaced = spaced_rows(digits, widths) if len(digits) >= 11 else ()
    tests: tuple[_Alternative, ...] = ()
    nothing = False
    if not amount_end:  # (the tests do not know amounts)
        tests, nothing = _alternatives(len(positions), sizes, x, bool(spaced))
    placed = [(test, tuple(place(span, positions) for span in spans)) for test, spans in tests]
    pick = itemgetter(*(slice(a, b) for a, b in groups)) if len(groups) > 1 else None
    places = None
    if not nothing and not (amount_end == len(positions) < 18):
        places = _places_of(len(positions), x, sizes, amount_end, spaced)
    if len(_PLANS) >= 4096:
        _PLANS.clear()
    plan = _PLANS[shape] = (pick, tuple(placed), places, positions, after != amounts)
    return plan


def plan_of(shape: str) -> _Plan | None:
    """The plan of a stretch of this shape (see :func:`_plan`), made once (a shape with no
    plan, an amount's or a float's, is remembered as such)."""
    try:
        return _PLANS[shape]
    except KeyError:
        return _plan(shape)


def place(span: _Span, positions: list[int]) -> Placed:
    """A number found in a stretch, placed in its characters (see :data:`Placed`)."""
    kind, first, last = span
    shown, hidden = _HIDDEN[last - first]
    a, b = positions[first + shown], positions[first + shown + hidden - 1] + 1
    return kind, positions[first], positions[last - 1] + 1, last - first, a, b, hidden


def _positions(shape: str) -> list[int]:
    """Where the significant characters (digits, X) of a stretch of this shape are."""
    return [i for i, c in enumerate(shape) if c in "0X"]


def _numbers_in(num: str, post: bool, shape: str) -> tuple[list[_Span], list[int]]:
    """(kind, first, last) in the significant characters of ``num``, a stretch of digits
    of this ``shape`` (:data:`SHAPE`), of each personal number in it, in order; and where
    its significant characters are in ``num``.

    ``post``: letters follow the stretch in its run.
    """
    positions = _positions(shape)
    sig = num.translate(_SIG)
    visible = shape.replace("~", "")
    sizes = tuple(len(group) for group in _GROUP.findall(visible))
    x = sig[-1] == "X"
    amount_end = 0
    spaced: tuple[int, ...] = ()
    if "." in visible or len(sizes) >= 11:  # (else no amount, nor a digit at a time)
        digits, points, widths = _digit_groups(visible)
        if "." in visible:
            starts = list(accumulate(digits))
            amounts = amount_groups(
                digits, points, not (post or x), lambda i: sig[starts[i] - 1] in FLOAT_ZERO
            )
            amount_end = sum(digits[: amounts or 0])
        if len(digits) >= 11:
            spaced = spaced_rows(digits, widths)
    found = None if amount_end else _shortcut(sig, sizes, bool(spaced))
    if found is None:
        if amount_end == len(sig) < 18:
            return [], positions
        found = _scan(sig, _places_of(len(sig), x, sizes, amount_end, spaced))
        if len(found) > 1:
            found.sort(key=lambda span: span[1])
    return found, positions


def placed_in(num: str, post: bool, shape: str) -> tuple[Placed, ...]:
    """Each personal number in ``num``, a stretch of digits of this ``shape``, placed in it.

    ``post``: letters follow the stretch in its run.  A shape with a plan is
    read by it; one without (format characters among the digits), or an
    amount with letters after it, by :func:`_numbers_in`.
    """
    plan = plan_of(shape)
    if plan is None or (post and plan[4]):
        found, positions = _numbers_in(num, post, shape)
        return tuple([place(span, positions) for span in found])
    pick, tests, places, positions, _ = plan
    sig = significant(num if pick is None else "".join(pick(num)))
    for test, numbers in tests:
        if test(sig):
            return numbers
    if places is None:
        return ()
    found = _scan(sig, places)
    if len(found) > 1:
        found.sort(key=lambda span: span[1])
    return tuple([place(span, positions) for span in found])
