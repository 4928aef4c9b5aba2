"""Personal numbers in free text: find them (:func:`find_pii`) and mask them in place (:func:`redact`)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from zfgk.model import PersonalKind
from zfgk.privacy._ids import PROVINCE_CODES, birth_date, check_digit, verdict
from zfgk.privacy._text import FORMAT_CLASS, HALF_WIDTH, SEPARATOR_CLASS

#: The fewest digits a personal number has: 11, a mobile number's.
MIN_DIGITS = 11
_DIGIT = re.compile(r"\d")


def may_hold_pii(text: str) -> bool:
    """Whether ``text`` has room for a personal number: at least :data:`MIN_DIGITS` digits.

    A cheap test that callers with many short values (a table's cells) run
    before :func:`find_pii`, which applies it to every run of letters and
    digits itself.

    >>> from zfgk.privacy import may_hold_pii
    >>> may_hold_pii("房号 3-2-201"), may_hold_pii("电话 138 1234 5678")
    (False, True)
    """
    return len(text) >= MIN_DIGITS and len(_DIGIT.findall(text)) >= MIN_DIGITS


# A run: letters and digits, possibly with separators or format characters
# between them.  Personal numbers are looked for inside runs.
_RUN = re.compile(f"[0-9A-Za-z](?:[{SEPARATOR_CLASS}{FORMAT_CLASS}]*[0-9A-Za-z])*")
_CF_ONLY = re.compile(f"[{FORMAT_CLASS}]+")
_ALNUM_BLOCK = re.compile("[0-9A-Za-z]+")
_DECIMAL_POINT = frozenset(".．")


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


def _birth_ok(significant: str) -> bool:
    """Whether the birth-date digits of an 18-character candidate are a real date."""
    born = birth_date(
        int(significant[6:10]), int(significant[10:12]), int(significant[12:14]), None
    )
    return born is not None


def _id18verdict(significant: str, *, aligned: bool) -> bool:
    """Whether an 18-character candidate is to be treated as an ID number.

    Standing on its own (``aligned``: its ends are the ends of its digits,
    or separators), a number with a real birth date is masked when its check
    digit matches or its region is a province (a typo is still someone's
    number), and so is one whose check digit and region match.  Glued to
    other digits, it must pass the check digit, the birth-date and the
    region tests, which a digit string of another kind rarely does.
    """
    check = check_digit(significant[:17]) == significant[17]
    region = significant[:2] in PROVINCE_CODES
    if not aligned:
        return check and region and _birth_ok(significant)
    if check:
        return region or _birth_ok(significant)
    return region and _birth_ok(significant)


class _Run:
    """The letters and digits of a run, with their positions and the gaps between them."""

    __slots__ = ("boundary", "chars", "decimal", "positions")

    def __init__(self, text: str, offset: int) -> None:
        chars: list[str] = []
        positions: list[int] = []
        boundary: list[bool] = []  # a visible separator before chars[k]
        previous = 0
        for block in _ALNUM_BLOCK.finditer(text):
            first, last = block.span()
            gap = text[previous:first]
            boundary.append(bool(gap) and bool(_CF_ONLY.sub("", gap)))
            boundary.extend([False] * (last - first - 1))
            chars.append(block.group())
            positions.extend(range(offset + first, offset + last))
            previous = last
        self.chars = "".join(chars)
        self.positions = positions
        self.boundary = boundary
        self.decimal = [False] * len(self.chars)  # part of a number with a decimal fraction
        self._mark_decimals(text, offset)

    def _mark_decimals(self, text: str, offset: int) -> None:
        """Mark ``12345678901.00`` as an amount: a point, then 1 or 2 digits that end the run."""
        k = len(self.chars)
        tail = 0  # the digits after the last gap
        while tail < k and self.chars[k - 1 - tail].isdigit():
            tail += 1
            if self.boundary[k - tail]:
                break
        if not 1 <= tail <= 2 or tail == k or not self.boundary[k - tail]:
            return
        gap = text[self.positions[k - tail - 1] - offset + 1 : self.positions[k - tail] - offset]
        if _CF_ONLY.sub("", gap) not in _DECIMAL_POINT:
            return
        start = k - tail - 1
        while start > 0 and self.chars[start - 1].isdigit() and not self.boundary[start]:
            start -= 1
        if start > 0 and self.chars[start - 1].isdigit():
            return  # digits in several groups, then .2: not an amount (110105.491231.2)
        for i in range(start, k):
            self.decimal[i] = True

    def stretches(self) -> Iterator[tuple[int, int]]:
        """(start, end) of each maximal stretch of digits, read across separators."""
        chars = self.chars
        i, n = 0, len(chars)
        while i < n:
            if not chars[i].isdigit():
                i += 1
                continue
            j = i
            while j < n and chars[j].isdigit():
                j += 1
            yield i, j
            i = j

    def at_boundary(self, k: int, start: int, end: int) -> bool:
        """Whether position ``k`` of a stretch [start, end) is one of its ends or after a gap."""
        return k in (start, end) or self.boundary[k]


# How people write the groups of a number that has no check digit; digits
# grouped otherwise (a bank account's 4-4-4-4-3) are not read as one.
_MOBILE_GROUPS = frozenset({(11,), (3, 4, 4), (3, 8), (7, 4)})
_LEGACY_GROUPS = frozenset({(15,), (6, 6, 3), (6, 9), (12, 3)})


def _length_of(kind: PersonalKind) -> int:
    """11 for a mobile number, 15 for a first-generation ID number."""
    return 11 if kind is PersonalKind.PHONE else 15


def _group_sizes(run: _Run, first: int, last: int) -> tuple[int, ...]:
    sizes = []
    size = 0
    for k in range(first, last):
        if k > first and run.boundary[k]:
            sizes.append(size)
            size = 0
        size += 1
    sizes.append(size)
    return tuple(sizes)


def _iter_run(run: _Run) -> Iterator[tuple[PersonalKind, int, int]]:
    """(kind, first, last + 1) in the run's characters of every personal number in it.

    Strongest evidence first: 18-character ID numbers that stand apart from
    other digits; then mobile and 15-digit numbers, which have no check
    digit and are read only where they stand apart and are grouped as people
    write them; last, ID numbers glued to other digits, wherever still free.
    """
    chars = run.chars
    taken: list[tuple[int, int]] = []

    def free(first: int, last: int) -> bool:
        return not any(a < last and first < b for a, b in taken)

    stretches = list(run.stretches())
    glued: list[tuple[int, int]] = []
    for start, end in stretches:
        stop = end + 1 if end < len(chars) and chars[end] in "Xx" else end
        for k in range(start, stop - 17):
            candidate = chars[k : k + 18].upper()
            if not candidate[:17].isdigit():
                continue
            if run.at_boundary(k, start, stop) and run.at_boundary(k + 18, start, stop):
                if _id18verdict(candidate, aligned=True) and free(k, k + 18):
                    taken.append((k, k + 18))
                    yield PersonalKind.ID_NUMBER, k, k + 18
            elif _id18verdict(candidate, aligned=False):
                glued.append((k, k + 18))
    for start, end in stretches:
        if any(run.decimal[start:end]):
            continue  # an amount such as 13812345678.00
        for k in range(start, end):
            if not run.at_boundary(k, start, end):
                continue
            candidates = [(k, k + 15, PersonalKind.ID_NUMBER), (k, k + 11, PersonalKind.PHONE)]
            for code in ("0086", "86"):
                n0 = k + len(code)
                if chars.startswith(code, k) and n0 < end and not run.boundary[n0]:
                    candidates.append((n0, n0 + 11, PersonalKind.PHONE))
            for first, last, kind in candidates:
                if last > end or not run.at_boundary(last, start, end) or not free(first, last):
                    continue
                groups = _group_sizes(run, first, last)
                if groups not in (_LEGACY_GROUPS if _length_of(kind) == 15 else _MOBILE_GROUPS):
                    continue
                digits = chars[first:last]
                if kind is PersonalKind.ID_NUMBER:
                    if verdict(digits, legacy=True) is not None:
                        continue
                elif not (digits[0] == "1" and digits[1] in "3456789"):
                    continue
                taken.append((first, last))
                yield kind, first, last
    for first, last in glued:
        if free(first, last):
            taken.append((first, last))
            yield PersonalKind.ID_NUMBER, first, last


def _iter_pii(text: str) -> Iterator[PiiMatch]:
    half = text.translate(HALF_WIDTH)
    for m in _RUN.finditer(half):
        chunk = m.group()
        if not may_hold_pii(chunk):
            continue
        run = _Run(chunk, m.start())
        for kind, first, last in _iter_run(run):
            yield PiiMatch(kind, run.positions[first], run.positions[last - 1] + 1)


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

    What is not personal data stays: 统一社会信用代码, bank accounts, dates,
    amounts (``13812345678.00``), office landlines, house numbers.

    >>> import zfgk
    >>> text = "身份证 110105\u00a019491231\u00a0002X 手机 +86 138 1234 5678 信用代码 91500000MA5U7AXX2P"
    >>> [(m.kind.value, m.start, m.end) for m in zfgk.find_pii(text)]
    [('id_number', 4, 24), ('phone', 32, 45)]
    >>> [m.kind.value for m in zfgk.find_pii("档案编号0042111010519491231002X，ID13812345678B")]
    ['id_number', 'phone']
    """
    return tuple(sorted(_iter_pii(text), key=lambda m: m.start))


def _mask_span(span: str, kind: PersonalKind, mask_char: str) -> str:
    """Mask the significant characters of a span in place, keeping its separators."""
    half = span.translate(HALF_WIDTH)
    positions = [i for i, ch in enumerate(half) if ch.isdigit() or ch in "Xx"]
    if kind is PersonalKind.ID_NUMBER:
        n = len(positions)
        hidden = set(positions[6 : n - (4 if n == 18 else 3)])
    else:  # the last 11 digits are the mobile number: hide its 4th to 7th
        hidden = set(positions[-11:][3:7])
    return "".join(mask_char if i in hidden else ch for i, ch in enumerate(span))


def redact(text: str, *, mask_char: str = "*") -> str:
    """The text with every ID number and mobile number found by :func:`find_pii` masked.

    Each span is masked in place, keeping its separators; everything else is
    left exactly as it was.

    >>> import zfgk
    >>> zfgk.redact("张三 110105-19491231-002X，13812345678；房号 3-2-201，面积 89.5㎡")
    '张三 110105-********-002X，138****5678；房号 3-2-201，面积 89.5㎡'
    """
    matches = find_pii(text)
    if not matches:
        return text
    parts: list[str] = []
    position = 0
    for m in matches:
        parts.append(text[position : m.start])
        parts.append(_mask_span(text[m.start : m.end], m.kind, mask_char))
        position = m.end
    parts.append(text[position:])
    return "".join(parts)
