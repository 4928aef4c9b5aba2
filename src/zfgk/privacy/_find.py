"""Personal numbers in free text: find them (:func:`find_pii`) and mask them in place (:func:`redact`).

Most of a text is skipped by one regular expression that looks for at least
11 digits read across separators.  A run of letters and digits around such a
stretch is read by its shape (:mod:`zfgk.privacy._stretch`) when it is one
stretch of digits with letters at most before and after it, as nearly every
number is written; any other run goes to
:func:`zfgk.privacy._runs.iter_run`, whose rules both follow (the tests
compare the two on every kind of run).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache, partial
from sys import getsizeof

import attrs

from zfgk.model import PersonalKind
from zfgk.patterns import VISIBLE_SEPARATORS
from zfgk.privacy._hidden import MASKS as _MASKS
from zfgk.privacy._hidden import hidden_around as _hidden_around
from zfgk.privacy._hidden import may_hold as _may_hold
from zfgk.privacy._hidden import touches_mask as _touches_mask
from zfgk.privacy._runs import Run, iter_run
from zfgk.privacy._scientific import has_scientific, scientific_ids
from zfgk.privacy._shown import ODD, ODD_CLASS, RIGHT_TO_LEFT, WIDE, oddities, readings, unusual
from zfgk.privacy._stretch import (
    DIGITS,
    SHAPE,
    XS,
    Placed,
    _is_0086_mobile,
    _is_86_mobile,
    _is_mobile,
    _Places,
    _Plan,
    place,
    placed_in,
    plan_of,
    scan,
    significant,
)
from zfgk.privacy._text import (
    HALF_WIDTH,
    INVISIBLE,
    INVISIBLE_CLASS,
    MASK_CLASS,
    SEPARATOR_CLASS,
    char_class,
    check_mask_char,
)

#: The fewest digits a personal number has: 11, a mobile number's.
MIN_DIGITS = 11
#: At least MIN_DIGITS digits anywhere, matched from the start in one pass (no list made).
_odd = ODD.search
_ENOUGH_DIGITS = re.compile(rf"(?:\D*+\d){{{MIN_DIGITS}}}")


def may_hold_pii(text: str) -> bool:
    """Whether ``text`` has room for a personal number: at least :data:`MIN_DIGITS` digits,
    or a number with the exponent 17 (an ID number a spreadsheet wrote as ``6.205032E+17``),
    or digits drawn otherwise or a right-to-left control (:mod:`zfgk.privacy._shown`).

    A cheap test that callers with many short values (a table's cells) run
    before :func:`find_pii`, which applies it to every run of letters and
    digits itself.

    >>> from zfgk.privacy import may_hold_pii
    >>> may_hold_pii("房号 3-2-201"), may_hold_pii("电话 138 1234 5678")
    (False, True)
    """
    if len(text) < MIN_DIGITS:
        return has_scientific(text)
    return (
        _ENOUGH_DIGITS.match(text) is not None
        or _odd(text) is not None  # digits drawn otherwise, a control, or +17
        or (getsizeof(text) - 4 * len(text) >= WIDE and unusual(text))
    )


_LETTERS = "".join(
    chr(c) for first in (0x41, 0x61, 0xFF21, 0xFF41) for c in range(first, first + 26)
)
_GAP_CHARS = VISIBLE_SEPARATORS | INVISIBLE
#: What a run is made of: letters and digits (half- or full-width) and the gaps between them.
_RUN_CHARS = frozenset(DIGITS + _LETTERS) | _GAP_CHARS
_D = "0-9\uff10-\uff19"
_L = "A-Za-z\uff21-\uff3a\uff41-\uff5a"
_G = f"[{SEPARATOR_CLASS}{INVISIBLE_CLASS}]"
#: After a run: an empty group ``hid`` where a mask character follows it (``138****5678``:
#: see :func:`_hidden_around`), told by the match's ``lastindex`` (2, not 1).  (Written as
#: a branch with an empty alternative, not as an optional group, which the regular
#: expression engine tries with a repeat's bookkeeping at the end of every match.)
_HID = f"(?:(?P<hid>)(?=[{MASK_CLASS}])|)"
#: At least 11 digits, read across separators: the only places a personal number can be.
_STRETCH = re.compile(
    # (a digit that follows a digit starts no stretch: the lookbehind saves the attempt)
    f"(?P<num>[{_D}](?<![{_D}][{_D}])(?:[{_D}]|{_G}++[{_D}]){{{MIN_DIGITS - 1},}}+)"
    f"(?:{_G}*+[{_D}{_L}])*+" + _HID  # and the rest of its run
)
_G_LTR = f"[{SEPARATOR_CLASS}{char_class(INVISIBLE - frozenset(RIGHT_TO_LEFT))}]"
#: :data:`_STRETCH` as :func:`find_pii` and :func:`redact` first read a text, in the same
#: pass telling an unusual one (:func:`~zfgk.privacy._shown.oddities`): it also matches
#: alone each character that makes a text unusual, a right-to-left control (never read
#: across here) included, and the exponent of a number in scientific notation (``+17``,
#: ``+017``); a match without its ``num`` group is one of those.  On any other text it
#: matches as :data:`_STRETCH` does, at the cost of a larger class for the first character.
_FIRST_READ = re.compile(
    f"[{_D}{ODD_CLASS}+](?<![{_D}][{_D}])"
    f"(?:(?<=[{_D}])(?P<num>(?:[{_D}]|{_G_LTR}++[{_D}]){{{MIN_DIGITS - 1},}}+)"
    f"(?:{_G_LTR}*+[{_D}{_L}])*+{_HID}"
    f"|(?<=\\+)0?17|(?<=[{ODD_CLASS}]))"
)


class _Unusual(Exception):
    """Raised where the first reading of a text meets what makes it unusual."""


#: A run that is one stretch of digits (and an X), with letters at most before and after it.
#: (Possessive: no part of it can match what a later part needs, a gap aside, and a run of
#: gaps is only ever followed by the character after it.)
_ONE_STRETCH = re.compile(
    f"(?:[{_L}](?:{_G}*+[{_L}])*+{_G}*+)?"
    f"(?P<num>[{_D}](?:{_G}*+[{_D}])*+(?:{_G}*+[{XS}])?)"
    f"(?P<post>{_G}*+[{_L}](?:{_G}*+[{_L}])*+)?"
)
_ID = PersonalKind.ID_NUMBER
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


def _shifted(numbers: tuple[Placed, ...], offset: int) -> list[Placed]:
    """``numbers`` placed in a stretch, placed in the text where it starts at ``offset``."""
    if not offset:
        return list(numbers)
    return [
        (kind, offset + start, offset + end, size, offset + a, offset + b, hidden)
        for kind, start, end, size, a, b, hidden in numbers
    ]


def _read_run(text: str, start: int, end: int, origin: int) -> list[Placed]:
    """Each number in the run ``text[start:end]``, placed in ``text[origin:]``."""
    hidden = _hidden_around(text, start, end) if _touches_mask(text, start, end) else (False, False)
    m = None if any(hidden) else _ONE_STRETCH.fullmatch(text, start, end)
    if m is None:
        run = Run(text[start:end].translate(HALF_WIDTH), start - origin, *hidden)
        spans = [place(span, run.positions) for span in iter_run(run)]
        return sorted(spans, key=lambda span: span[1])
    num = m.group("num")
    numbers = placed_in(num, m.group("post") is not None, num.translate(SHAPE))
    return _shifted(numbers, m.start("num") - origin)


def _match_spans(m: re.Match[str], origin: int = 0) -> list[Placed]:
    """The personal numbers of the run that ``m`` (of :data:`_STRETCH`) ends, placed in its
    text from ``origin`` on.

    ``m`` starts at the run's first stretch of 11 digits and ends where the
    run ends; the run may start before it, with letters or digits.
    """
    text = m.string
    start, end = m.span()
    num_end = m.end("num")
    if num_end < 0:  # what makes a text unusual (a match of _FIRST_READ)
        raise _Unusual
    first = start
    if start and text[start - 1] in _RUN_CHARS:
        while first and text[first - 1] in _RUN_CHARS:
            first -= 1
        while text[first] in _GAP_CHARS:
            first += 1
    if first == start and (end == num_end or (end == num_end + 1 and text[num_end] in XS)):
        num = text[start:end]  # no letters around: read it here
        if m.lastindex == 1 and not (start and text[start - 1] in _MASKS):  # no mask around
            return _shifted(placed_in(num, False, num.translate(SHAPE)), start - origin)
        if _beside_hidden(text, start, end):
            return []
    return _read_run(text, first, end, origin)


def _beside_hidden(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, a stretch standing alone that a mask character touches,
    is one group of fewer than 18 digits beside hidden ones, which holds no number: a
    number in it would end or start where it touches them (see :func:`~zfgk.privacy._hidden.may_hold`).
    """
    return end - start < 18 and text[start:end].isdigit() and any(_hidden_around(text, start, end))


def _spans(text: str) -> list[Placed]:
    """Every personal number in ``text``, placed (see :data:`Placed`), in order."""
    spans: list[Placed] = []
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
        start, end = m.span()
        run = Run(chunk, start, *_hidden_around(half, start, end))
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
    (:data:`VISIBLE_SEPARATORS`, :data:`FORMAT_CHARACTERS`, and marks that
    show nothing between digits: variation selectors, the combining
    grapheme joiner, Hangul fillers, the keycap of ``1️⃣``), in full-width
    digits, and glued to letters.  A whole number written as a float
    (``13812345678.0``) is the number.

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
      4-4-4-4-3 is not a phone number.  A mobile number written one digit
      at a time (``1 3 8 1 2 3 4 5 6 7 8``, a form's boxes or a
      letter-spaced PDF) is read: exactly eleven single digits, one
      separator apart.
    - Digits that touch a masked number's hidden ones (``138****5678``) are
      that number's: no number standing apart ends or starts there
      (``6.20503200006097 138****5678`` holds none), so that what
      :func:`redact` writes reads clean (see :mod:`zfgk.privacy._hidden`).
    - Digits drawn otherwise are read as digits (superscript ``¹³⁸``,
      circled ``①③⑧``, mathematical ``𝟏𝟑𝟖``, the digits of other scripts:
      Arabic-Indic ``١٣٨``, Devanagari ``१३८``), apart from the digits 0-9
      around them; and digits as bidirectional controls show them (a
      right-to-left override shows ``87654321831`` as ``13812345678``),
      as well as in the order they are stored (see
      :mod:`zfgk.privacy._shown`).
    - An ID number that a spreadsheet wrote in scientific notation
      (``6.20503200006097E+17``, ``E+017``) is reported when its mantissa
      shows a birth-date digit (see :mod:`zfgk.privacy._scientific`).

    What is not personal data stays: 统一社会信用代码, bank accounts, dates,
    amounts (``13812345678.00``, and a row of them one space apart), office
    landlines, house numbers.

    >>> import zfgk
    >>> text = "身份证 110105\u00a019491231\u00a0002X 手机 +86 138 1234 5678 信用代码 91500000MA5U7AXX2P"
    >>> [(m.kind.value, m.start, m.end) for m in zfgk.find_pii(text)]
    [('id_number', 4, 24), ('phone', 32, 45)]
    >>> [m.kind.value for m in zfgk.find_pii("档案编号0042111010519491231002X，ID13812345678B")]
    ['id_number', 'phone']
    """
    _check_text(text)
    if getsizeof(text) - 4 * len(text) < WIDE:  # no character past U+FFFF
        try:
            return tuple(
                PiiMatch(kind, start, end)
                for m in _FIRST_READ.finditer(text)
                for kind, start, end, *_ in _match_spans(m)
            )
        except _Unusual:
            pass
    spans = _spans(text)
    scientific, odd = oddities(text)
    if scientific:
        spans = _with_scientific(text, spans)
    found = [(kind, start, end) for kind, start, end, *_ in spans]
    if odd:
        found = _with_readings(text, found)
    return tuple(PiiMatch(kind, start, end) for kind, start, end in found)


def _check_text(text: object) -> None:
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, not {type(text).__name__}")


def _read_otherwise(text: str) -> Iterator[tuple[PersonalKind, list[int], list[int]]]:
    """Each number in the other readings of ``text`` (:func:`~zfgk.privacy._shown.readings`):
    its kind, where its characters are in ``text``, and where its digits to hide are."""
    for read, where in readings(text):
        for kind, start, end, _, a, b, _ in _spans(read):
            hidden = [i for i in range(a, b) if read[i] in DIGITS]
            if where is None:
                yield kind, list(range(start, end)), hidden
            else:
                yield kind, [where[i] for i in range(start, end)], [where[i] for i in hidden]


def _with_readings(
    text: str, found: list[tuple[PersonalKind, int, int]]
) -> list[tuple[PersonalKind, int, int]]:
    """``found`` and the numbers that the other readings of ``text`` find apart from them."""
    for kind, chars, _ in _read_otherwise(text):
        start, end = min(chars), max(chars) + 1
        if not any(a < end and start < b for _, a, b in found):
            found.append((kind, start, end))
    return sorted(found, key=lambda span: span[1])


def _with_scientific(text: str, spans: list[Placed]) -> list[Placed]:
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


def redact(text: str, *, mask_char: str = "*") -> str:
    """The text with every ID number and mobile number found by :func:`find_pii` masked.

    Each span is masked in place, keeping its separators; everything else is
    left exactly as it was.  What is left is read again, and a number that
    hiding another one shows whole is masked too: the result reads clean
    (``find_pii(redact(text)) == ()``).

    >>> import zfgk
    >>> zfgk.redact("张三 110105-19491231-002X，13812345678；房号 3-2-201，面积 89.5㎡")
    '张三 110105-********-002X，138****5678；房号 3-2-201，面积 89.5㎡'
    >>> zfgk.redact("6.20503200006097 138 1234 5678")  # an ID number (a typo), then a mobile
    '6.20503********7 138 **** 5678'

    ``mask_char`` is one of the characters read as a hidden digit
    (:data:`~zfgk.patterns.MASK_CHARACTERS`), as for :func:`zfgk.mask_id`:

    >>> zfgk.redact("13812345678", mask_char="●")
    '138●●●●5678'
    >>> zfgk.redact("13812345678", mask_char="#")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: mask_char must be one of * ＊ × ● • (the characters read as hidden digits), not '#'
    """
    _check_text(text)
    if mask_char != "*":
        check_mask_char(mask_char)
    mask = _mask_run if mask_char == "*" else partial(_mask_run, mask_char=mask_char)
    if getsizeof(text) - 4 * len(text) < WIDE:  # no character past U+FFFF
        try:
            return _FIRST_READ.sub(mask, text)
        except _Unusual:
            pass
    scientific, odd = oddities(text)
    masked = _STRETCH.sub(mask, _mask_scientific(text, mask_char) if scientific else text)
    # Read otherwise what is left, until nothing is: hiding digits may show a number that
    # was not there (a number apart, now cut from a longer one, shown in reverse order).
    # Each round hides at least one digit more, or ends.
    while odd:
        chars = list(masked)
        for _, _, hidden in _read_otherwise(masked):
            for i in hidden:
                chars[i] = mask_char
        again = "".join(chars)
        if again == masked:
            break
        masked = _STRETCH.sub(mask, again)
    return masked


def _mask_run(m: re.Match[str], mask_char: str = "*") -> str:
    """What :func:`redact` puts in place of the run that ``m`` (of :data:`_STRETCH`) ends.

    A stretch of digits (and an X) standing on its own, as nearly every
    number is written, is masked by what its shape compiles to
    (:func:`_masker`); any other run is read by :func:`_mask_read`.
    """
    whole = m.group()
    start = m.start()
    if start:
        text = m.string
        if text[start - 1] in _RUN_CHARS:
            while start and text[start - 1] in _GAP_CHARS:
                start -= 1
            if start and text[start - 1] in _RUN_CHARS:  # letters or digits before, in the run
                return _mask_shown(m, _mask_glued(m, mask_char), mask_char)
        elif text[start - 1] in _MASKS:  # hidden digits before (see _hidden_around)
            if _beside_hidden(text, start, m.end()):
                return whole
            return _mask_shown(m, _mask_read(m, mask_char), mask_char)
    after = m.end() - m.end(1)  # what the run has after its stretch of digits
    if after and (after != 1 or whole[-1] not in XS):
        return _mask_shown(m, _mask_glued(m, mask_char), mask_char)  # letters after
    if m.lastindex == 2:  # a mask character after: hidden digits (see _hidden_around)
        if _beside_hidden(m.string, m.start(), m.end()):
            return whole
        return _mask_shown(m, _mask_read(m, mask_char), mask_char)
    masker = _MASKERS.get(key := whole.encode().translate(_SHAPE_BYTES)) or _masker(key, whole)
    return masker(whole, mask_char)  # (and what it shows read again: see _hider)


def _mask_shown(m: re.Match[str], masked: str, mask_char: str) -> str:
    """``masked``, what the run of ``m`` became, with what hiding its digits shows masked too.

    Hiding the digits of one number may show another where the reader took
    that one instead: ``6.20503200006097 138 1234 5678`` is read as an ID
    number, and once its birth date is hidden, ``138 1234 5678`` is a mobile
    number that a person sees whole.  What is left is read as :func:`redact`
    reads a text (with what is on either side of the run: mask characters,
    then one character), until nothing is found: each round hides at least
    one digit more, or ends.
    """
    if (
        masked == m.group()
        or len(masked) - masked.count(mask_char) < MIN_DIGITS
        or _STRETCH.search(masked) is None
    ):
        return masked
    text = m.string
    start, end = m.span()
    first, last = start, end  # and the mask characters around the run, and one more
    while first and text[first - 1] in _MASKS:
        first -= 1
    while text[last : last + 1] in _MASKS:
        last += 1
    before, after = text[max(first - 1, 0) : start], text[end : last + 1]
    again = _STRETCH.sub(partial(_mask_run, mask_char=mask_char), before + masked + after)
    return again[len(before) : len(again) - len(after)]


def _mask_glued(m: re.Match[str], mask_char: str) -> str:
    """The run of ``m`` (of :data:`_STRETCH`), which has letters or digits before its
    stretch or letters after it, masked.

    A run of one stretch of digits with letters at most before and after it
    (:data:`_ONE_STRETCH`) is read as the stretch alone is (as
    :func:`_read_run` does), unless letters follow a shape written as an
    amount is; any other by :func:`_mask_read`.
    """
    if m.end(1) < 0:  # what makes a text unusual (a match of _FIRST_READ)
        raise _Unusual
    text = m.string
    start, end = m.span()
    first = start
    while first and text[first - 1] in _RUN_CHARS:
        first -= 1
    while text[first] in _GAP_CHARS:
        first += 1
    one = None if _touches_mask(text, first, end) else _ONE_STRETCH.fullmatch(text, first, end)
    if one is None or one.start("num") != start:
        return _mask_read(m, mask_char)  # digits before, or a mask: the reference reader's
    num = one.group("num")
    key = num.encode().translate(_SHAPE_BYTES)
    if one.group("post") is not None:
        otherwise = _OTHERWISE_AFTER.get(key)
        if otherwise is None:
            otherwise = _otherwise_after(key, num)
        if otherwise:  # read otherwise with letters after (see placed_in)
            return _mask_read(m, mask_char)
    masked = (_MASKERS.get(key) or _masker(key, num))(num, mask_char)
    return masked + text[one.end("num") : end]


#: For each shape of stretch met with letters after it (its key: see :data:`_SHAPE_BYTES`),
#: whether it is read otherwise then: no plan, or one written as an amount is.
_OTHERWISE_AFTER: dict[bytes, bool] = {}


def _otherwise_after(key: bytes, num: str) -> bool:
    """Whether a stretch ``num`` with letters after it is read otherwise than alone (see
    :func:`~zfgk.privacy._stretch.placed_in`), remembered in :data:`_OTHERWISE_AFTER`."""
    plan = plan_of(num.translate(SHAPE))
    if len(_OTHERWISE_AFTER) >= 4096:
        _OTHERWISE_AFTER.clear()
    otherwise = _OTHERWISE_AFTER[key] = plan is None or plan[4]
    return otherwise


def _shape_bytes() -> bytes:
    """The table of :data:`_SHAPE_BYTES`; checked: no two characters of a stretch of
    different shapes are the same bytes once translated."""
    table = bytearray(range(256))
    for c in range(128):
        table[c] = ord(chr(c).translate(SHAPE))
    table[0x90:0x9A] = b"\x90" * 10  # the last bytes of the full-width digits, U+FF10-FF19
    seen: dict[bytes, str] = {}
    for ch in {*DIGITS, *XS, *_GAP_CHARS}:
        shape = seen.setdefault(ch.encode().translate(table), ch.translate(SHAPE))
        if shape != ch.translate(SHAPE):  # pragma: no cover - a change of the character sets
            raise AssertionError(f"U+{ord(ch):04X} has the bytes of a character shaped {shape}")
    return bytes(table)


#: A stretch's UTF-8 translated by this table is the key of its shape (:data:`SHAPE`):
#: each digit of either width the same, as each X and each visible separator are, every
#: other character its own bytes.  Since UTF-8 is read one way only and no two characters of
#: different shapes come out the same, the key tells the shape; made several times faster
#: than the shape is, as bytes are translated by a table and a string by a dictionary.
_SHAPE_BYTES = _shape_bytes()
#: Masks a stretch standing alone, its shape known (its characters, the mask character).
_Masker = Callable[[str, str], str]
#: For each shape of stretch seen standing alone (its key: see :data:`_SHAPE_BYTES`),
#: what :func:`_masker` compiled it to.  A stretch of the shapes nearly every number has (one test, one number: an ID number, a mobile number,
#: however grouped) costs its test and the slicing that masks it.
_MASKERS: dict[bytes, _Masker] = {}


def _masker(key: bytes, whole: str) -> _Masker:
    """What a stretch of this shape standing alone becomes, compiled from its plan
    (:func:`~zfgk.privacy._stretch.plan_of`) and remembered in :data:`_MASKERS`.

    It reads the stretch as :func:`~zfgk.privacy._stretch.placed_in` does and
    masks the hidden digits of each number found, as :func:`_mask_placed` does.
    """
    if _FORMAT_SPLIT.search(whole):  # zero-width characters, anew in every number: not kept
        return _mask_formatted
    shape = whole.translate(SHAPE)
    plan = plan_of(shape)
    masker: _Masker
    if plan is None:  # a point and one digit: whether it is an amount, the digit says
        masker = _mask_read_alone
    elif not (tests := plan[1]) and plan[2] is None:
        masker = _as_it_is  # no test, nothing to read: no number
    elif len(tests) == 1 and len(tests[0][1]) == 1 and tests[0][0] in _PREFIXES:
        masker = _prefixed(shape, tests[0][0], plan[3], _hider(shape, tests[0][1]), plan[2])
    else:
        masker = _tested(shape, plan)
    if len(_MASKERS) >= 4096:
        _MASKERS.clear()
    _MASKERS[key] = masker
    return masker


def _significant(pick: Callable[[str], tuple[str, ...]] | None) -> Callable[[str], str]:
    """What reads the significant characters of a stretch whose groups ``pick`` picks."""
    if pick is None:
        return significant

    def read(whole: str) -> str:
        digits = "".join(pick(whole))
        if digits.isascii() and digits[-1] != "x":  # (significant's commonest case, here)
            return digits
        return significant(digits)

    return read


def _hider(shape: str, numbers: Sequence[Placed]) -> _Masker:
    """What hides the hidden digits of ``numbers`` in a stretch of this shape: every digit
    from the start to the end of each number's characters to hide (:data:`Placed`)."""
    hidden = [i for _, _, _, _, a, b, _ in numbers for i in range(a, b) if shape[i] == "0"]
    runs: list[tuple[int, int]] = []  # (start, end) of each run of digits to hide
    for i in hidden:
        if runs and runs[-1][1] == i:
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    cuts = [0, *(i for run in runs for i in run), len(shape)]
    if any(_may_hold(shape, a, b, runs) for a, b in zip(cuts[::2], cuts[1::2], strict=True)):
        hide = _hider_of_runs(runs, numbers)
        return lambda whole, mask_char: _read_again(hide(whole, mask_char), mask_char)
    return _hider_of_runs(runs, numbers)


def _hider_of_runs(runs: list[tuple[int, int]], numbers: Sequence[Placed]) -> _Masker:
    """What hides the digits of ``runs`` (start, end) of a stretch, those of ``numbers``."""
    if len(runs) == 1:
        ((a, b),) = runs
        n = b - a

        def hide(whole: str, mask_char: str) -> str:
            return whole[:a] + mask_char * n + whole[b:]

        return hide
    if len(runs) == 2:
        (a, b), (c, d) = runs
        n, k = b - a, d - c

        def hide_two(whole: str, mask_char: str) -> str:
            return whole[:a] + mask_char * n + whole[b:c] + mask_char * k + whole[d:]

        return hide_two

    def hide_all(whole: str, mask_char: str) -> str:
        return _mask_placed(whole, numbers, mask_char)

    return hide_all


def _tested(shape: str, plan: _Plan) -> _Masker:
    """:func:`_masker` of a shape read by the tests of its plan, then by its places."""
    pick, tests, places, positions, _ = plan
    read = _significant(pick)
    hiders = [(test, _hider(shape, numbers)) for test, numbers in tests]
    mask_scanned = None if places is None else _scanner(shape, places, positions)
    if not hiders:
        assert mask_scanned is not None
        scan_only = mask_scanned

        def scanned(whole: str, mask_char: str) -> str:
            return scan_only(whole, mask_char, read(whole))

        return scanned
    if len(hiders) == 1:
        ((test, hide),) = hiders

        def tested_once(whole: str, mask_char: str) -> str:
            sig = read(whole)
            if test(sig):
                return hide(whole, mask_char)
            if mask_scanned is None:
                return whole
            return mask_scanned(whole, mask_char, sig)

        return tested_once

    def tested(whole: str, mask_char: str) -> str:
        sig = read(whole)
        for test, hide in hiders:
            if test(sig):
                return hide(whole, mask_char)
        if mask_scanned is None:
            return whole
        return mask_scanned(whole, mask_char, sig)

    return tested


def _scanner(shape: str, places: _Places, positions: list[int]) -> Callable[[str, str, str], str]:
    """What masks a stretch of this shape by the numbers that
    :func:`~zfgk.privacy._stretch.scan` finds in its significant characters (the stretch,
    the mask character, its significant characters).

    The numbers found in one shape are few sets (an ID number glued after two
    or five digits, ...): each set is compiled by :func:`_hider` once, with what
    it decides of the shape (whether what is left is read again).
    """
    hiders: dict[tuple[tuple[PersonalKind, int, int], ...], _Masker] = {}

    def mask_scanned(whole: str, mask_char: str, sig: str) -> str:
        found = scan(sig, places)
        if not found:
            return whole
        if len(found) > 1:
            found.sort(key=lambda span: span[1])
        key = tuple(found)
        hide = hiders.get(key)
        if hide is None:
            if len(hiders) >= 64:
                hiders.clear()
            hide = hiders[key] = _hider(shape, [place(span, positions) for span in found])
        return hide(whole, mask_char)

    return mask_scanned


def _read_again(masked: str, mask_char: str) -> str:
    """``masked``, a stretch standing alone once its numbers are masked, with what that
    shows masked too (see :func:`_mask_shown`)."""
    if len(masked) - masked.count(mask_char) < MIN_DIGITS:
        return masked
    for m in _STRETCH.finditer(masked):
        found = m.group()
        # one group of fewer than 18 digits that touches hidden digits holds no number (see
        # _may_hold); anything else is read again
        if not (len(found) < 18 and found.isdigit() and any(_hidden_around(masked, *m.span()))):
            return _STRETCH.sub(partial(_mask_run, mask_char=mask_char), masked)
    return masked


_FULL = str.maketrans("0123456789", "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19")
#: The tests of a mobile number's prefix, as the digits each significant character may be
#: (half- or full-width): a stretch's own characters are tested, without reading them.
_PREFIXES: dict[Callable[[str], bool], tuple[str, ...]] = {
    test: tuple(d + d.translate(_FULL) for d in prefix)
    for test, prefix in (
        (_is_mobile, ("1", "3456789")),
        (_is_86_mobile, ("8", "6", "1", "3456789")),
        (_is_0086_mobile, ("0", "0", "8", "6", "1", "3456789")),
    )
}


def _prefixed(
    shape: str,
    test: Callable[[str], bool],
    positions: list[int],
    hide: _Masker,
    places: _Places | None,
) -> _Masker:
    """:func:`_masker` of a shape whose one test is a mobile number's prefix
    (:data:`_PREFIXES`), tested on the stretch's characters where its digits are."""
    checks = tuple(zip(positions, _PREFIXES[test], strict=False))
    if places is not None:  # the prefix fails: read by the places of the shape
        return _tested(shape, plan_of(shape))  # type: ignore[arg-type]
    if len(checks) == 2:
        ((p, first), (q, second)) = checks

        def mobile(whole: str, mask_char: str) -> str:
            if whole[p] in first and whole[q] in second:
                return hide(whole, mask_char)
            return whole

        return mobile

    def prefixed(whole: str, mask_char: str) -> str:
        for i, allowed in checks:
            if whole[i] not in allowed:
                return whole
        return hide(whole, mask_char)

    return prefixed


#: Runs of format characters, kept in the result of :func:`re.Pattern.split`.
_FORMAT_SPLIT = re.compile(f"([{INVISIBLE_CLASS}]+)")


def _mask_read_alone(whole: str, mask_char: str) -> str:
    """``whole``, a stretch standing alone of a shape without a plan, read and masked."""
    numbers = placed_in(whole, False, whole.translate(SHAPE))
    return _read_again(_mask_placed(whole, numbers, mask_char), mask_char) if numbers else whole


def _mask_formatted(whole: str, mask_char: str) -> str:
    """``whole``, a stretch standing alone with format characters among its digits, masked as the same stretch without them is, the format characters
    kept: they are neither digits nor gaps, and a stretch is read without them."""
    parts = _FORMAT_SPLIT.split(whole)  # characters, format characters, characters, ...
    inner = "".join(parts[::2])
    key = inner.encode().translate(_SHAPE_BYTES)
    masked = (_MASKERS.get(key) or _masker(key, inner))(inner, mask_char)
    if masked == inner:
        return whole
    done = 0  # characters of ``masked`` placed
    for i in range(0, len(parts), 2):
        size = len(parts[i])
        parts[i] = masked[done : done + size]
        done += size
    return "".join(parts)


def _as_it_is(whole: str, mask_char: str) -> str:
    return whole


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
    return str.maketrans(dict.fromkeys(DIGITS, mask_char))


def _mask_placed(whole: str, numbers: Sequence[Placed], mask_char: str, position: int = 0) -> str:
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
    numbers = _match_spans(m, m.start())
    return _mask_placed(m.group(), numbers, mask_char) if numbers else m.group()
