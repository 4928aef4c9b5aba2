"""The reference reader of a run of letters and digits: every personal number in it.

:mod:`zfgk.privacy._find` reads the usual runs (one stretch of digits, with
letters at most before and after it) itself, faster, and hands every other
run to :func:`iter_run`, whose rules are the contract both follow.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise

from zfgk.model import PersonalKind
from zfgk.privacy._ids import birth_date, born_digits_ok, check_digit, region_ok, verdict
from zfgk.privacy._text import INVISIBLE_CLASS

_CF_ONLY = re.compile(f"[{INVISIBLE_CLASS}]+")
_ALNUM_BLOCK = re.compile("[0-9A-Za-z]+")
DECIMAL_POINT = frozenset(".．")
#: The one digit after the point of a whole number written as a float (``13812345678.0``).
FLOAT_ZERO = frozenset("0０")


def birth_ok(significant: str) -> bool:
    """Whether the birth-date digits of an 18-character candidate are a real date."""
    born = significant[6:14]
    if born.isascii() and born.isdigit():
        return born_digits_ok(born)
    born_on = birth_date(int(born[:4]), int(born[4:6]), int(born[6:]), None)
    return born_on is not None


def id18verdict(significant: str, *, aligned: bool) -> bool:
    """Whether an 18-character candidate is to be treated as an ID number.

    Standing on its own (``aligned``: its ends are the ends of its digits,
    or separators), a number with a real birth date is masked when its check
    digit matches or its region is a province (a typo is still someone's
    number), and so is one whose check digit and region match.  Glued to
    other digits, it must pass the check digit, the birth-date and the
    region tests, which a digit string of another kind rarely does.

    >>> from zfgk.privacy._runs import id18verdict
    >>> id18verdict("110105194912310021", aligned=True), id18verdict("110105194912310021", aligned=False)
    (True, False)
    """
    check = check_digit(significant[:17]) == significant[17]
    region = region_ok(significant)
    if not aligned:
        return check and region and birth_ok(significant)
    if check:
        return region or birth_ok(significant)
    return region and birth_ok(significant)


def amount_groups(
    sizes: Sequence[int],
    points: Sequence[bool],
    ends_run: bool,
    zero: Callable[[int], bool] | None,
) -> int | None:
    """How many of a stretch's first groups of digits are written as amounts.

    An amount is a group, a decimal point, then 1 or 2 decimals
    (``13812345678.00``).  Amounts are read from the stretch's start, one
    after another (``13812345678.00 13812345678.00``, a row of amounts one
    space apart): a group after other digits (``138 1234 5678.00``) starts
    none, as the digits before it may be part of its number.  The decimals
    of an amount end the run (``13812345678.00``), or a gap that is no
    decimal point follows them inside the stretch.  A lone ``.0`` is no
    amount: it is how a program writes a whole number it holds as a float
    (pandas' ``13812345678.0``), and the number is still there to read.

    ``sizes``: the stretch's groups of digits; ``points``: whether the gap
    after each group but the last is one decimal point; ``ends_run``: the
    last group ends the run (no letter, no X after it); ``zero(i)``: whether
    group ``i`` (of one digit) is ``0``, None when the digits are not known
    (then None is returned where the digit decides).

    >>> from zfgk.privacy._runs import amount_groups
    >>> amount_groups((11, 2, 11, 2), (True, False, True), True, None)
    4
    >>> amount_groups((3, 4, 4, 2), (False, False, True), True, None)
    0
    """
    done, count = 0, len(sizes)
    while done + 1 < count and points[done] and sizes[done + 1] <= 2:
        if done + 2 == count:
            if not ends_run:
                break
        elif points[done + 1]:
            break  # 2026.01.05: a date, or digits grouped by points
        if sizes[done + 1] == 1:
            if zero is None:
                return None
            if zero(done + 1):
                break
        done += 2
    return done


def spaced_rows(sizes: Sequence[int], widths: Sequence[int]) -> tuple[int, ...]:
    """Where each number written one digit at a time starts, in a stretch's digits.

    A form or a letter-spaced PDF writes ``1 3 8 1 2 3 4 5 6 7 8``: eleven
    single digits with one separator between each two.  Exactly eleven, and
    set apart from any other digits of the stretch by a wider gap: a longer
    row of single digits, or eleven among other counts one separator apart
    (``12 1 3 8 1 2 3 4 5 6 7 8 45``, a table's row of small counts), is none.

    ``sizes``: the stretch's groups of digits; ``widths``: the visible
    characters of the gap after each group but the last.

    >>> from zfgk.privacy._runs import spaced_rows
    >>> spaced_rows((1,) * 11, (1,) * 10), spaced_rows((1,) * 12, (1,) * 11)
    ((0,), ())
    >>> spaced_rows((4,) + (1,) * 11, (2,) + (1,) * 10), spaced_rows((4,) + (1,) * 11, (1,) * 11)
    ((4,), ())
    """
    rows: list[int] = []
    first = digit = start = 0  # the current row of single digits: its first group, digit
    for i, size in enumerate([*sizes, 0]):
        if size == 1:
            if i == 0 or sizes[i - 1] != 1:
                first, start = i, digit
        elif (
            i
            and sizes[i - 1] == 1
            and i - first == 11
            and all(width == 1 for width in widths[first : i - 1])
            and (first == 0 or widths[first - 1] > 1)  # apart from the digits before
            and (i == len(sizes) or widths[i - 1] > 1)  # and after
        ):
            rows.append(start)
        digit += size
    return tuple(rows)


class Run:
    """The letters and digits of a run, with their positions and the gaps between them.

    ``hidden_before``, ``hidden_after``: a mask character (``*``) touches the
    run's first or last character.  A digit glued to a mask character is a
    digit of a number whose other digits are hidden (``138****5678``), so the
    run's digits do not end there: a number standing apart neither starts
    nor ends at that digit (``6.20503200006097 138****5678`` holds no ID
    number, and what :func:`~zfgk.privacy.redact` leaves reads clean).
    """

    __slots__ = (
        "boundary",
        "chars",
        "decimal",
        "gaps",
        "hidden_after",
        "hidden_before",
        "positions",
    )

    def __init__(
        self, text: str, offset: int, hidden_before: bool = False, hidden_after: bool = False
    ) -> None:
        chars: list[str] = []
        positions: list[int] = []
        boundary: list[bool] = []  # a visible separator before chars[k]
        gaps: list[str] = []  # the visible separators before chars[k]
        previous = 0
        for block in _ALNUM_BLOCK.finditer(text):
            first, last = block.span()
            gap = _CF_ONLY.sub("", text[previous:first])
            boundary.append(bool(gap))
            boundary.extend([False] * (last - first - 1))
            gaps.append(gap)
            gaps.extend([""] * (last - first - 1))
            chars.append(block.group())
            positions.extend(range(offset + first, offset + last))
            previous = last
        self.chars = "".join(chars)
        self.hidden_before = hidden_before and self.chars[:1].isdigit()
        self.hidden_after = hidden_after and self.chars[-1:].isdigit()
        self.positions = positions
        self.boundary = boundary
        self.gaps = gaps
        self.decimal = [False] * len(self.chars)  # part of a number written as an amount
        for start, end in self.stretches():
            self._mark_amounts(start, end)

    def groups(self, start: int, end: int) -> list[tuple[int, int]]:
        """(first, last + 1) of each group of digits of the stretch [start, end)."""
        cuts = [start, *(k for k in range(start + 1, end) if self.boundary[k]), end]
        return list(pairwise(cuts))

    def _mark_amounts(self, start: int, end: int) -> None:
        """Mark the amounts that the stretch [start, end) starts with (:func:`amount_groups`)."""
        groups = self.groups(start, end)
        if len(groups) < 2:
            return
        done = amount_groups(
            [b - a for a, b in groups],
            [self.gaps[a] in DECIMAL_POINT for a, _ in groups[1:]],
            end == len(self.chars),
            lambda i: self.chars[groups[i][0]] in FLOAT_ZERO,
        )
        if done:
            for i in range(start, groups[done - 1][1]):
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

    def spaced(self, start: int, end: int) -> tuple[int, ...]:
        """Where each number written one digit at a time starts in the stretch [start, end)
        (:func:`spaced_rows`), as positions in the run's characters."""
        groups = self.groups(start, end)
        if len(groups) < 11:
            return ()
        rows = spaced_rows([b - a for a, b in groups], [len(self.gaps[a]) for a, _ in groups[1:]])
        return tuple(start + row for row in rows)

    def at_boundary(self, k: int, start: int, end: int) -> bool:
        """Whether position ``k`` of a stretch [start, end) is one of its ends or after a gap
        (an end that touches a mask character is none)."""
        if k in (start, end):
            return not (
                (k == 0 and self.hidden_before) or (k == len(self.chars) and self.hidden_after)
            )
        return self.boundary[k]


# How people write the groups of a number that has no check digit; digits
# grouped otherwise (a bank account's 4-4-4-4-3) are not read as one.
MOBILE_GROUPS = frozenset({(11,), (3, 4, 4), (3, 8), (7, 4)})
LEGACY_GROUPS = frozenset({(15,), (6, 6, 3), (6, 9), (12, 3)})


def _length_of(kind: PersonalKind) -> int:
    """11 for a mobile number, 15 for a first-generation ID number."""
    return 11 if kind is PersonalKind.PHONE else 15


def _group_sizes(run: Run, first: int, last: int) -> tuple[int, ...]:
    sizes = []
    size = 0
    for k in range(first, last):
        if k > first and run.boundary[k]:
            sizes.append(size)
            size = 0
        size += 1
    sizes.append(size)
    return tuple(sizes)


def iter_run(run: Run) -> Iterator[tuple[PersonalKind, int, int]]:
    """(kind, first, last + 1) in the run's characters of every personal number in it.

    Strongest evidence first: 18-character ID numbers that stand apart from
    other digits; then mobile and 15-digit numbers, which have no check
    digit and are read only where they stand apart and are grouped as people
    write them; last, ID numbers glued to other digits, wherever still free.

    >>> from zfgk.privacy._runs import Run, iter_run
    >>> [(kind.value, first, last) for kind, first, last in iter_run(Run("ID13812345678 2026", 0))]
    [('phone', 2, 13)]
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
                if id18verdict(candidate, aligned=True) and free(k, k + 18):
                    taken.append((k, k + 18))
                    yield PersonalKind.ID_NUMBER, k, k + 18
            elif id18verdict(candidate, aligned=False):
                glued.append((k, k + 18))
    for start, end in stretches:
        spaced = run.spaced(start, end)
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
                if any(run.decimal[first:last]):
                    continue  # an amount such as 13812345678.00
                groups = _group_sizes(run, first, last)
                if groups not in (LEGACY_GROUPS if _length_of(kind) == 15 else MOBILE_GROUPS) and (
                    kind is not PersonalKind.PHONE or first not in spaced
                ):
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
