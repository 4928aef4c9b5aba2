"""Personal numbers in free text: find them (:func:`find_pii`) and mask them in place (:func:`redact`).

Most of a text is skipped by one regular expression that looks for at least
11 digits read across separators.  A run of letters and digits around such a
stretch is read here when it is one stretch of digits with letters at most
before and after it, as nearly every number is written; any other run goes
to :func:`zfgk.privacy._runs.iter_run`, whose rules both follow (the tests
compare the two on every kind of run).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache, partial
from itertools import accumulate, pairwise
from operator import itemgetter

import attrs

from zfgk.model import PersonalKind
from zfgk.patterns import FORMAT_CHARACTERS, VISIBLE_SEPARATORS
from zfgk.privacy._ids import region_ok, verdict
from zfgk.privacy._runs import (
    DECIMAL_POINT,
    LEGACY_GROUPS,
    MOBILE_GROUPS,
    Run,
    id18verdict,
    iter_run,
)
from zfgk.privacy._scientific import has_scientific, scientific_ids
from zfgk.privacy._text import FORMAT_CLASS, HALF_WIDTH, SEPARATOR_CLASS, check_mask_char

#: The fewest digits a personal number has: 11, a mobile number's.
MIN_DIGITS = 11
_DIGIT = re.compile(r"\d")


def may_hold_pii(text: str) -> bool:
    """Whether ``text`` has room for a personal number: at least :data:`MIN_DIGITS` digits,
    or a number with the exponent 17 (an ID number a spreadsheet wrote as ``6.205032E+17``).

    A cheap test that callers with many short values (a table's cells) run
    before :func:`find_pii`, which applies it to every run of letters and
    digits itself.

    >>> from zfgk.privacy import may_hold_pii
    >>> may_hold_pii("房号 3-2-201"), may_hold_pii("电话 138 1234 5678")
    (False, True)
    """
    return (len(text) >= MIN_DIGITS and len(_DIGIT.findall(text)) >= MIN_DIGITS) or has_scientific(
        text
    )


_DIGITS = "0123456789\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19"
_LETTERS = "".join(
    chr(c) for first in (0x41, 0x61, 0xFF21, 0xFF41) for c in range(first, first + 26)
)
_XS = "Xx\uff38\uff58"
_GAP_CHARS = VISIBLE_SEPARATORS | FORMAT_CHARACTERS
#: What a run is made of: letters and digits (half- or full-width) and the gaps between them.
_RUN_CHARS = frozenset(_DIGITS + _LETTERS) | _GAP_CHARS
_D = "0-9\uff10-\uff19"
_L = "A-Za-z\uff21-\uff3a\uff41-\uff5a"
_G = f"[{SEPARATOR_CLASS}{FORMAT_CLASS}]"
#: At least 11 digits, read across separators: the only places a personal number can be.
_STRETCH = re.compile(
    # (a digit that follows a digit starts no stretch: the lookbehind saves the attempt)
    f"(?P<num>[{_D}](?<![{_D}][{_D}])(?:[{_D}]|{_G}++[{_D}]){{{MIN_DIGITS - 1},}}+)"
    f"(?:{_G}*+[{_D}{_L}])*+"  # and the rest of its run
)
#: A run that is one stretch of digits (and an X), with letters at most before and after it.
_ONE_STRETCH = re.compile(
    f"(?:[{_L}](?:{_G}*[{_L}])*{_G}*)?"
    f"(?P<num>[{_D}](?:{_G}*[{_D}])*(?:{_G}*[{_XS}])?)"
    f"(?P<post>{_G}*[{_L}](?:{_G}*[{_L}])*)?"
)
#: Half-width, without the invisible format characters: what is left are digits, X and separators.
_SIGNIFICANT = str.maketrans({**HALF_WIDTH, **{ord(c): None for c in FORMAT_CHARACTERS}})
_ID, _PHONE = PersonalKind.ID_NUMBER, PersonalKind.PHONE
#: The centuries of a birth date from 1900 to today (a glued number needs a real one).
_CENTURIES = frozenset({"19", "20"})
#: A run of letters and digits in half-width text, as the reference reader takes it.
_RUN = re.compile(f"[0-9A-Za-z](?:{_G}*[0-9A-Za-z])*")


@attrs.frozen
class PiiMatch:
    """Where a piece of personal data is in a text: its kind and span, not its value.

    >>> import zfgk
    >>> zfgk.find_pii("电话13812345678")
    (PiiMatch(kind=<PersonalKind.PHONE: 'phone'>, start=2, end=13),)
    """

    kind: PersonalKind
    start: int
    end: int


def _sizes(bounds: tuple[int, ...], first: int, last: int) -> tuple[int, ...]:
    """The sizes of the groups of digits [first, last), cut at the visible gaps ``bounds``."""
    cuts = [first, *(b for b in bounds if first < b < last), last]
    return tuple(b - a for a, b in pairwise(cuts))


def _is_mobile(digits: str) -> bool:
    return digits[0] == "1" and digits[1] in "3456789"


#: The places :func:`_scan` tries in a stretch of a given shape: the starts of
#: 18-character numbers standing apart, then of glued ones; and the 15-digit and
#: mobile candidates (first, last, kind, the code that must come before, or "").
_Places = tuple[tuple[int, ...], tuple[int, ...], tuple[tuple[int, int, PersonalKind, str], ...]]


@lru_cache(maxsize=1024)
def _places(stop: int, end: int, bounds: tuple[int, ...], decimal: bool) -> _Places:
    """What :func:`_scan` tries in a stretch, from its shape alone (see there)."""
    edges = {0, stop, *bounds}
    aligned = tuple(k for k in range(stop - 17) if k in edges and k + 18 in edges)
    glued = tuple(k for k in range(stop - 17) if not (k in edges and k + 18 in edges))
    short: list[tuple[int, int, PersonalKind, str]] = []
    if not decimal:
        # Mobile and 15-digit numbers: from a group's start to a group's end.
        ends = {end, *bounds}
        for k in (0, *(b for b in bounds if b < end)):
            for first, last, kind, code in _short_candidates(k, end, edges):
                if last > end or last not in ends:
                    continue
                sizes = _sizes(bounds, first, last)
                if sizes in (LEGACY_GROUPS if kind is _ID else MOBILE_GROUPS):
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
            if verdict(digits, legacy=True) is not None:
                continue
        elif not _is_mobile(digits):
            continue
        if free(first, last):
            taken.append((kind, first, last))
    for k in glued:
        window = sig[k : k + 18]
        if (
            window[6:8] in _CENTURIES
            and region_ok(window)
            and id18verdict(window, aligned=False)
            and free(k, k + 18)
        ):
            taken.append((_ID, k, k + 18))
    return taken


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
    return id18verdict(sig, aligned=True)


def _is_legacy(sig: str) -> bool:
    return verdict(sig, legacy=True) is None


def _is_86_mobile(sig: str) -> bool:
    return sig.startswith("86") and _is_mobile(sig[2:])


def _is_0086_mobile(sig: str) -> bool:
    return sig.startswith("0086") and _is_mobile(sig[4:])


def _are_two_mobiles(sig: str) -> bool:
    return _is_mobile(sig) and _is_mobile(sig[11:])


@lru_cache(maxsize=1024)
def _alternatives(
    length: int, sizes: tuple[int, ...], x: bool
) -> tuple[tuple[_Alternative, ...], bool]:
    """What :func:`_scan` finds in the shapes nearly every number has, by its shape alone.

    ``length``: the stretch's significant characters; ``sizes``: its groups
    of digits as visible gaps cut them; ``x``: whether it ends with an X.
    Returns the tests to try in order, each with what it finds when it
    passes; and whether, when none passes, the stretch holds nothing
    (otherwise :func:`_scan` reads it).
    """
    if length == 18:
        return ((_is_id18, ((_ID, 0, 18),)),), False
    if x:
        return (), False  # an X after a stretch that is not 17 digits long
    if length == 11:
        return (((_is_mobile, ((_PHONE, 0, 11),)),) if sizes in MOBILE_GROUPS else ()), True
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


def _shortcut(sig: str, sizes: tuple[int, ...]) -> list[_Span] | None:
    """What :func:`_scan` finds in the shapes nearly every number has; None for the others.

    ``sizes``: the sizes of the groups of digits of ``sig`` as visible gaps cut them.
    """
    tests, nothing = _alternatives(len(sig), sizes, sig[-1] == "X")
    for test, spans in tests:
        if test(sig):
            return list(spans)
    return [] if nothing else None


#: A number placed in a stretch's own characters: (kind, start, end, significant
#: characters, start and end of the characters to hide, how many digits those hold).
_Placed = tuple[PersonalKind, int, int, int, int, int, int]
#: A stretch's shape: each digit 0, an X as X, a decimal point ., each other visible gap
#: character -, each format character ~.
_SHAPE = str.maketrans(
    {
        **dict.fromkeys(map(ord, _DIGITS), "0"),
        **dict.fromkeys(map(ord, _XS), "X"),
        **dict.fromkeys(map(ord, VISIBLE_SEPARATORS), "-"),
        **dict.fromkeys(map(ord, DECIMAL_POINT), "."),
        **dict.fromkeys(map(ord, FORMAT_CHARACTERS), "~"),
    }
)
#: A stretch's significant characters: half-width digits and a final X, nothing else.
_SIG = str.maketrans({**_SIGNIFICANT, **dict.fromkeys(map(ord, VISIBLE_SEPARATORS)), ord("x"): "X"})
#: A shape's plan: whether its characters are its significant ones, and the tests of
#: :func:`_alternatives` with what each finds, placed; and whether it holds nothing when
#: none passes.  None: a shape with format characters, read by :func:`_numbers_in`.
_Plan = tuple[
    Callable[[str], tuple[str, ...]] | None,
    tuple[tuple[Callable[[str], bool], tuple[_Placed, ...]], ...],
    _Places | None,
    list[int],
    bool,
]
_PLANS: dict[str, _Plan | None] = {}
_GROUP = re.compile("[0X]+")


def _places_of(length: int, x: bool, sizes: tuple[int, ...], decimal: bool) -> _Places:
    """What :func:`_scan` tries in ``length`` significant characters (``x``: the last is X)
    cut into groups of ``sizes``."""
    return _places(length, length - 1 if x else length, tuple(accumulate(sizes[:-1])), decimal)


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
    tests, nothing = _alternatives(len(positions), sizes, x)
    placed = [(test, tuple(_place(span, positions) for span in spans)) for test, spans in tests]
    pick = itemgetter(*(slice(a, b) for a, b in groups)) if len(groups) > 1 else None
    decimal = (
        len(sizes) == 2 and sizes[1] <= 2 and not x and shape[groups[0][1] : groups[1][0]] == "."
    )
    places = None
    if not nothing and not (decimal and len(positions) < 18):
        places = _places_of(len(positions), x, sizes, decimal)
    if len(_PLANS) >= 4096:
        _PLANS.clear()
    plan = _PLANS[shape] = (pick, tuple(placed), places, positions, decimal)
    return plan


def _place(span: _Span, positions: list[int]) -> _Placed:
    """A number found in a stretch, placed in its characters (see :data:`_Placed`)."""
    kind, first, last = span
    shown, hidden = _HIDDEN[last - first]
    a, b = positions[first + shown], positions[first + shown + hidden - 1] + 1
    return kind, positions[first], positions[last - 1] + 1, last - first, a, b, hidden


def _planned(whole: str, shape: str, post: bool = False) -> tuple[_Placed, ...] | None:
    """The numbers in ``whole``, a stretch of digits (and an X) of this ``shape``, placed.

    None when the shape has no plan, or (``post``: letters follow the
    stretch) when it is written as an amount: :func:`_numbers_in` reads it.
    """
    plan = _PLANS.get(shape) or _plan(shape)
    if plan is None:
        return None
    pick, tests, places, positions, decimal = plan
    if post and decimal:
        return None
    sig = whole if pick is None else "".join(pick(whole))
    if not sig.isascii() or sig[-1] == "x":
        sig = sig.translate(_SIG)
    for test, numbers in tests:
        if test(sig):
            return numbers
    if places is None:
        return ()
    found = _scan(sig, places)
    if len(found) > 1:
        found.sort(key=lambda span: span[1])
    return tuple([_place(span, positions) for span in found])


def _positions(shape: str) -> list[int]:
    """Where the significant characters (digits, X) of a stretch of this shape are."""
    return [i for i, c in enumerate(shape) if c in "0X"]


def _numbers_in(num: str, post: bool, shape: str) -> tuple[list[_Span], list[int]]:
    """(kind, first, last) in the significant characters of ``num``, a stretch of digits
    of this ``shape`` (:data:`_SHAPE`), of each personal number in it, in order; and where
    its significant characters are in ``num``.

    ``post``: letters follow the stretch in its run.
    """
    positions = _positions(shape)
    sig = num.translate(_SIG)
    sizes = tuple(len(group) for group in _GROUP.findall(shape.replace("~", "")))
    found = _shortcut(sig, sizes)
    if found is None:
        decimal = (
            not post
            and len(sizes) == 2
            and sizes[1] <= 2
            and sig[-1] != "X"
            and num[positions[sizes[0] - 1] + 1 : positions[sizes[0]]].translate(_SIGNIFICANT)
            in DECIMAL_POINT
        )
        if decimal and len(sig) < 18:
            return [], positions
        found = _scan(sig, _places_of(len(sig), sig[-1] == "X", sizes, decimal))
        if len(found) > 1:
            found.sort(key=lambda span: span[1])
    return found, positions


def _placed_in(num: str, post: bool, shape: str) -> tuple[_Placed, ...]:
    """Each personal number in ``num``, a stretch of digits of this ``shape``, placed in it.

    ``post``: letters follow the stretch in its run.
    """
    numbers = _planned(num, shape, post)
    if numbers is None:
        found, positions = _numbers_in(num, post, shape)
        numbers = tuple([_place(span, positions) for span in found])
    return numbers


def _shifted(numbers: tuple[_Placed, ...], offset: int) -> list[_Placed]:
    """``numbers`` placed in a stretch, placed in the text where it starts at ``offset``."""
    if not offset:
        return list(numbers)
    return [
        (kind, offset + start, offset + end, size, offset + a, offset + b, hidden)
        for kind, start, end, size, a, b, hidden in numbers
    ]


def _read_run(text: str, start: int, end: int) -> list[_Placed]:
    """Each number in the run ``text[start:end]``, placed in ``text``."""
    m = _ONE_STRETCH.fullmatch(text, start, end)
    if m is None:
        run = Run(text[start:end].translate(HALF_WIDTH), start)
        spans = [_place(span, run.positions) for span in iter_run(run)]
        return sorted(spans, key=lambda span: span[1])
    num = m.group("num")
    numbers = _placed_in(num, m.group("post") is not None, num.translate(_SHAPE))
    return _shifted(numbers, m.start("num"))


def _match_spans(m: re.Match[str]) -> list[_Placed]:
    """The personal numbers of the run that ``m`` (of :data:`_STRETCH`) ends, placed in its text.

    ``m`` starts at the run's first stretch of 11 digits and ends where the
    run ends; the run may start before it, with letters or digits.
    """
    text = m.string
    start, end = m.span()
    num_end = m.end("num")
    first = start
    if start and text[start - 1] in _RUN_CHARS:
        while first and text[first - 1] in _RUN_CHARS:
            first -= 1
        while text[first] in _GAP_CHARS:
            first += 1
    if first == start and (end == num_end or (end == num_end + 1 and text[num_end] in _XS)):
        num = text[start:end]  # no letters around: read it here
        return _shifted(_placed_in(num, False, num.translate(_SHAPE)), start)
    return _read_run(text, first, end)


def _spans(text: str) -> list[_Placed]:
    """Every personal number in ``text``, placed (see :data:`_Placed`), in order."""
    spans: list[_Placed] = []
    for m in _STRETCH.finditer(text):
        spans.extend(_match_spans(m))
    return spans


def _iter_spans_slowly(text: str) -> Iterator[tuple[PersonalKind, int, int, int]]:
    """As :func:`_iter_spans`, every run read by the reference reader (for the tests)."""
    half = text.translate(HALF_WIDTH)
    for m in _RUN.finditer(half):
        chunk = m.group()
        if not may_hold_pii(chunk):
            continue
        run = Run(chunk, m.start())
        spans = [
            (kind, run.positions[first], run.positions[last - 1] + 1, last - first)
            for kind, first, last in iter_run(run)
        ]
        yield from sorted(spans, key=lambda span: span[1])


def find_pii(text: str) -> tuple[PiiMatch, ...]:
    """Spans of unmasked ID numbers and mobile numbers in free text, in order.

    Numbers are found however they were pasted: with any space (the
    no-break, narrow and thin spaces of Word, Excel and web pages), dash,
    dot, slash, underscore or middle dot between any of the digits, with
    zero-width and other invisible characters among them
    (:data:`VISIBLE_SEPARATORS`, :data:`FORMAT_CHARACTERS`), in full-width
    digits, and glued to letters.

    - An 18-character ID number standing apart from other digits is
      reported when its birth date is real and its check digit or its
      province is right: a typo is still someone's number.
    - One glued to other digits (``档案编号00421`` + number, number +
      ``0001``) is found in any 18-character window of the digits that
      passes the check digit, the birth-date and the province tests.
    - Mobile numbers (with or without +86/0086) and first-generation
      15-digit numbers have no check digit, so they are reported only
      where they stand apart from other digits, grouped as people write
      them (3-4-4, 3-8, 7-4; 6-6-3, 6-9, 12-3): a bank account grouped
      4-4-4-4-3 is not a phone number.
    - An ID number that a spreadsheet wrote in scientific notation
      (``6.20503200006097E+17``, ``E+017``) is reported when its mantissa
      shows a birth-date digit (see :mod:`zfgk.privacy._scientific`).

    What is not personal data stays: 统一社会信用代码, bank accounts, dates,
    amounts (``13812345678.00``), office landlines, house numbers.

    >>> import zfgk
    >>> text = "身份证 110105\u00a019491231\u00a0002X 手机 +86 138 1234 5678 信用代码 91500000MA5U7AXX2P"
    >>> [(m.kind.value, m.start, m.end) for m in zfgk.find_pii(text)]
    [('id_number', 4, 24), ('phone', 32, 45)]
    >>> [m.kind.value for m in zfgk.find_pii("档案编号0042111010519491231002X，ID13812345678B")]
    ['id_number', 'phone']
    """
    spans = _spans(text)
    if has_scientific(text):
        spans = _with_scientific(text, spans)
    return tuple(PiiMatch(kind, start, end) for kind, start, end, *_ in spans)


def _with_scientific(text: str, spans: list[_Placed]) -> list[_Placed]:
    """``spans`` and the ID numbers in scientific notation in ``text``, in order.

    A number in scientific notation is one number: what the reader of
    stretches found inside one is left out.
    """
    found = [
        (_ID, start, end, size, first, last, last - first)
        for start, end, size, first, last in scientific_ids(text)
    ]
    if not found:
        return spans
    kept = [s for s in spans if not any(f[1] < s[2] and s[1] < f[2] for f in found)]
    return sorted(kept + found, key=lambda span: span[1])


#: (shown, hidden) significant characters at the start of a span, by how many it has.
_HIDDEN = {18: (6, 8), 15: (6, 6), 11: (3, 4)}


def redact(text: str, *, mask_char: str = "*") -> str:
    """The text with every ID number and mobile number found by :func:`find_pii` masked.

    Each span is masked in place, keeping its separators; everything else is
    left exactly as it was.

    >>> import zfgk
    >>> zfgk.redact("张三 110105-19491231-002X，13812345678；房号 3-2-201，面积 89.5㎡")
    '张三 110105-********-002X，138****5678；房号 3-2-201，面积 89.5㎡'

    ``mask_char`` is one of the characters read as a hidden digit
    (:data:`~zfgk.patterns.MASK_CHARACTERS`), as for :func:`zfgk.mask_id`:

    >>> zfgk.redact("13812345678", mask_char="●")
    '138●●●●5678'
    >>> zfgk.redact("13812345678", mask_char="#")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: mask_char must be one of * ＊ × ● • (the characters read as hidden digits), not '#'
    """
    if mask_char != "*":
        check_mask_char(mask_char)
    if has_scientific(text):
        text = _mask_scientific(text, mask_char)
    return _STRETCH.sub(
        _mask_run if mask_char == "*" else partial(_mask_run, mask_char=mask_char), text
    )


def _mask_run(m: re.Match[str], mask_char: str = "*") -> str:
    """What :func:`redact` puts in place of the run that ``m`` (of :data:`_STRETCH`) ends.

    A stretch of digits (and an X) standing on its own, as nearly every
    number is written, is read here; any other run by :func:`_mask_read`.
    """
    whole = m.group()
    num_end = m.end(1)
    text = m.string
    start = m.start()
    while start and text[start - 1] in _GAP_CHARS:
        start -= 1
    if (start and text[start - 1] in _RUN_CHARS) or (
        num_end != m.end() and (num_end + 1 != m.end() or whole[-1] not in _XS)
    ):
        return _mask_read(m, mask_char)  # letters in the run
    shape = "0" * len(whole) if whole.isdigit() else whole.translate(_SHAPE)
    numbers = _placed_in(whole, False, shape)
    if len(numbers) == 1:
        _, _, _, _, a, b, hidden = numbers[0]
        if b - a == hidden:
            return whole[:a] + mask_char * hidden + whole[b:]
        return whole[:a] + whole[a:b].translate(_table(mask_char)) + whole[b:]
    return _mask_placed(whole, numbers, mask_char) if numbers else whole


def _mask_scientific(text: str, mask_char: str) -> str:
    """``text`` with the birth-date digits of each ID number in scientific notation hidden."""
    parts: list[str] = []
    position = 0
    for _, _, _, first, last in scientific_ids(text):
        parts.append(text[position:first])
        parts.append(mask_char * (last - first))
        position = last
    parts.append(text[position:])
    return "".join(parts)


@lru_cache(maxsize=16)
def _table(mask_char: str) -> dict[int, str]:
    """The table that hides every digit, half- or full-width, under ``mask_char``."""
    return str.maketrans(dict.fromkeys(_DIGITS, mask_char))


def _mask_placed(whole: str, numbers: Sequence[_Placed], mask_char: str, position: int = 0) -> str:
    """``whole[position:]`` with the digits to hide of each of ``numbers`` hidden."""
    parts: list[str] = []
    for _, _, _, _, a, b, _ in numbers:
        parts.append(whole[position:a])
        parts.append(whole[a:b].translate(_table(mask_char)))
        position = b
    parts.append(whole[position:])
    return "".join(parts)


def _mask_read(m: re.Match[str], mask_char: str) -> str:
    """The run of ``m`` with every personal number in it masked, read fully."""
    numbers = _match_spans(m)
    if not numbers:
        return m.group()
    return _mask_placed(m.group(), _shifted(tuple(numbers), -m.start()), mask_char)
