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
from collections.abc import Iterator
from functools import lru_cache, partial
from itertools import accumulate, pairwise

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
#: What cuts a stretch (half-width, without format characters) into groups: visible gaps.
_CUT = re.compile(f"[{SEPARATOR_CLASS}]+")
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


def _sizes(bounds: list[int], first: int, last: int) -> tuple[int, ...]:
    """The sizes of the groups of digits [first, last), cut at the visible gaps ``bounds``."""
    cuts = [first, *(b for b in bounds if first < b < last), last]
    return tuple(b - a for a, b in pairwise(cuts))


def _is_mobile(digits: str) -> bool:
    return digits[0] == "1" and digits[1] in "3456789"


def _scan(sig: str, bounds: list[int], decimal: bool) -> list[tuple[PersonalKind, int, int]]:
    """:func:`~zfgk.privacy._runs.iter_run`'s rules for a run with one stretch of digits.

    ``sig`` is the stretch's digits, then ``X`` when one follows them;
    ``bounds`` the (sorted) indexes in ``sig`` after a visible gap;
    ``decimal`` whether the run ends as an amount does (``13812345678.00``).
    """
    stop = len(sig)
    end = stop - 1 if sig[-1] == "X" else stop
    taken: list[tuple[PersonalKind, int, int]] = []

    def free(first: int, last: int) -> bool:
        return not any(a < last and first < b for _, a, b in taken)

    # 18-character numbers standing apart, then (below) glued ones.
    glued: list[int] = []
    edges = {0, stop, *bounds}
    for k in range(stop - 17):
        window = sig[k : k + 18]
        if k in edges and k + 18 in edges:
            if id18verdict(window, aligned=True) and free(k, k + 18):
                taken.append((_ID, k, k + 18))
        elif window[6:8] in _CENTURIES and region_ok(window) and id18verdict(window, aligned=False):
            glued.append(k)
    if taken and taken[0][1] == 0 and taken[0][2] == stop:
        return taken  # one number, the whole stretch
    if not decimal:
        # Mobile and 15-digit numbers: from a group's start to a group's end.
        ends = {end, *bounds}
        for k in (0, *(b for b in bounds if b < end)):
            if k + 11 not in ends and k + 13 not in ends and k + 15 not in ends:
                continue  # every candidate from k ends 11, 13 or 15 digits on
            for first, last, kind in _short_candidates(sig, k, end, edges):
                if last > end or last not in ends or not free(first, last):
                    continue
                digits = sig[first:last]
                if kind is _ID:
                    if (
                        _sizes(bounds, first, last) not in LEGACY_GROUPS
                        or verdict(digits, legacy=True) is not None
                    ):
                        continue
                elif not _is_mobile(digits) or _sizes(bounds, first, last) not in MOBILE_GROUPS:
                    continue
                taken.append((kind, first, last))
    for k in glued:
        if free(k, k + 18):
            taken.append((_ID, k, k + 18))
    return taken


def _short_candidates(
    sig: str, k: int, end: int, edges: set[int]
) -> list[tuple[int, int, PersonalKind]]:
    """The 15-digit and mobile numbers that may start at ``k``, as iter_run tries them."""
    candidates = [(k, k + 15, _ID), (k, k + 11, _PHONE)]
    if sig.startswith("86", k + 2) and sig.startswith("00", k):
        if k + 4 < end and k + 4 not in edges:
            candidates.append((k + 4, k + 15, _PHONE))
    elif sig.startswith("86", k) and k + 2 < end and k + 2 not in edges:
        candidates.append((k + 2, k + 13, _PHONE))
    return candidates


def _gap(num: str, digits: int) -> str:
    """The gap after the first ``digits`` digits of ``num``, without format characters."""
    start = _at(num, digits - 1) + 1
    return num[start : _at(num, digits)].translate(_SIGNIFICANT)


@lru_cache(maxsize=64)
def _skip(count: int) -> re.Pattern[str]:
    """``count`` significant characters, each with the gap after it."""
    return re.compile(f"(?:[{_D}{_XS}][^{_D}{_XS}]*){{{count}}}")  # within a stretch


def _at(num: str, index: int) -> int:
    """Where significant character ``index`` of ``num`` is."""
    m = _skip(index).match(num)
    assert m is not None
    return m.end()


def _shortcut(sig: str, groups: list[str]) -> list[tuple[PersonalKind, int, int]] | None:
    """What :func:`_scan` finds in the shapes nearly every number has; None for the others.

    ``groups``: the digits of ``sig`` as they are cut by visible gaps.
    """
    length = len(sig)
    if length == 18:
        return [(_ID, 0, 18)] if id18verdict(sig, aligned=True) else None
    if sig[-1] == "X":
        return None  # an X after a stretch that is not 17 digits long
    sizes = tuple(map(len, groups))
    if length == 11:
        return [(_PHONE, 0, 11)] if sizes in MOBILE_GROUPS and _is_mobile(sig) else []
    if length == 15 and sizes in LEGACY_GROUPS and verdict(sig, legacy=True) is None:
        return [(_ID, 0, 15)]
    for code in ("86", "0086"):
        skip = len(code)
        if (
            length == 11 + skip
            and sig.startswith(code)
            and _is_mobile(sig[skip:])
            and (sizes == (length,) or (sizes[0] == skip and sizes[1:] in MOBILE_GROUPS))
        ):
            return [(_PHONE, skip, length)]
    if sizes == (11, 11) and _is_mobile(sig) and _is_mobile(sig[11:]):
        return [(_PHONE, 0, 11), (_PHONE, 11, 22)]
    return None


def _numbers_in(num: str, post: bool) -> tuple[list[tuple[PersonalKind, int, int]], int, list[str]]:
    """(kind, first, last) in the significant characters of ``num``, a stretch of digits,
    of each personal number in it, in order; how many significant characters it has; and
    its groups of digits, or an empty list when they are not ``num``'s own characters.

    ``post``: letters follow the stretch in its run.
    """
    plain = num.isascii() or max(num) < "\xad"  # no format character, no full-width digit
    if plain:
        groups = [num] if num.isdigit() else _CUT.split(num)
    else:
        groups = _CUT.split(num)
        if not "".join(groups).isascii():  # format characters or full-width digits
            groups = _CUT.split(num.translate(_SIGNIFICANT))
            plain = False
        else:
            plain = True
    sig = "".join(groups)
    if sig[-1] == "x":
        sig = sig[:-1] + "X"
    found = _shortcut(sig, groups)
    if found is None:
        sizes = tuple(map(len, groups))
        decimal = (
            not post
            and len(sizes) == 2
            and sizes[1] <= 2
            and groups[1].isdigit()
            and (num[sizes[0] : -sizes[1]] if plain else _gap(num, sizes[0])) in DECIMAL_POINT
        )
        if decimal and len(sig) < 18:
            return [], len(sig), []
        found = _scan(sig, list(accumulate(sizes[:-1])), decimal)
        if len(found) > 1:
            found.sort(key=lambda span: span[1])
    return found, len(sig), groups if plain else []


def _read_stretch(
    num: str, post: bool, offset: int, spans: list[tuple[PersonalKind, int, int, int]]
) -> None:
    """Add to ``spans`` each personal number in ``num``, a stretch of digits at ``offset``."""
    found, length, _ = _numbers_in(num, post)
    for kind, first, last in found:
        start = offset if first == 0 else offset + _at(num, first)
        end = offset + (len(num) if last == length else _at(num, last - 1) + 1)
        spans.append((kind, start, end, last - first))


def _read_run(text: str, start: int, end: int) -> list[tuple[PersonalKind, int, int, int]]:
    """(kind, start, end, significant characters) in ``text`` of each number in a run."""
    spans: list[tuple[PersonalKind, int, int, int]] = []
    m = _ONE_STRETCH.fullmatch(text, start, end)
    if m is None:
        run = Run(text[start:end].translate(HALF_WIDTH), start)
        for kind, first, last in iter_run(run):
            spans.append((kind, run.positions[first], run.positions[last - 1] + 1, last - first))
        return sorted(spans, key=lambda span: span[1])
    _read_stretch(m.group("num"), m.group("post") is not None, m.start("num"), spans)
    return spans


def _match_spans(m: re.Match[str], spans: list[tuple[PersonalKind, int, int, int]]) -> None:
    """Add to ``spans`` the personal numbers of the run that ``m`` (of :data:`_STRETCH`) ends.

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
        _read_stretch(text[start:end], False, start, spans)  # no letters around: read it here
    else:
        spans.extend(_read_run(text, first, end))


def _spans(text: str) -> list[tuple[PersonalKind, int, int, int]]:
    """(kind, start, end, significant characters) of every personal number, in order."""
    spans: list[tuple[PersonalKind, int, int, int]] = []
    for m in _STRETCH.finditer(text):
        _match_spans(m, spans)
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

    What is not personal data stays: 统一社会信用代码, bank accounts, dates,
    amounts (``13812345678.00``), office landlines, house numbers.

    >>> import zfgk
    >>> text = "身份证 110105\u00a019491231\u00a0002X 手机 +86 138 1234 5678 信用代码 91500000MA5U7AXX2P"
    >>> [(m.kind.value, m.start, m.end) for m in zfgk.find_pii(text)]
    [('id_number', 4, 24), ('phone', 32, 45)]
    >>> [m.kind.value for m in zfgk.find_pii("档案编号0042111010519491231002X，ID13812345678B")]
    ['id_number', 'phone']
    """
    return tuple(PiiMatch(kind, start, end) for kind, start, end, _ in _spans(text))


#: (shown, hidden) significant characters at the start of a span, by how many it has.
_HIDDEN = {18: (6, 8), 15: (6, 6), 11: (3, 4)}


@lru_cache(maxsize=64)
def _masker(size: int, mask_char: str) -> tuple[re.Pattern[str], dict[int, str]]:
    """The pattern of a span's shown and hidden parts, and the table that hides digits."""
    shown, hidden = _HIDDEN[size]
    significant = f"[^{_D}{_XS}]*[{_D}{_XS}]"  # within a span, what is not significant is a gap
    pattern = re.compile(f"((?:{significant}){{{shown}}})((?:{significant}){{{hidden}}})")
    return pattern, str.maketrans(dict.fromkeys(_DIGITS, mask_char))


def redact(text: str, *, mask_char: str = "*") -> str:
    """The text with every ID number and mobile number found by :func:`find_pii` masked.

    Each span is masked in place, keeping its separators; everything else is
    left exactly as it was.

    >>> import zfgk
    >>> zfgk.redact("张三 110105-19491231-002X，13812345678；房号 3-2-201，面积 89.5㎡")
    '张三 110105-********-002X，138****5678；房号 3-2-201，面积 89.5㎡'
    """
    return _STRETCH.sub(
        _mask_run if mask_char == "*" else partial(_mask_run, mask_char=mask_char), text
    )


def _mask_whole(num: str, size: int, mask_char: str) -> str:
    """``num``, a number of ``size`` significant characters and gaps, masked in place."""
    shown, hidden = _HIDDEN[size]
    if len(num) == size:
        return num[:shown] + mask_char * hidden + num[shown + hidden :]
    pattern, table = _masker(size, mask_char)
    m = pattern.match(num)
    assert m is not None
    return num[: m.end(1)] + m.group(2).translate(table) + num[m.end(2) :]


def _mask_run(m: re.Match[str], mask_char: str = "*") -> str:
    """What :func:`redact` puts in place of the run that ``m`` (of :data:`_STRETCH`) ends.

    A stretch of digits (and an X) standing on its own, as nearly every
    number is written, is read here; any other run by :func:`_mask_read`.
    """
    whole = m.group()
    extra = m.end() - m.end("num")
    text = m.string
    start = m.start()
    while start and text[start - 1] in _GAP_CHARS:
        start -= 1
    if (extra and (extra != 1 or whole[-1] not in _XS)) or (
        start and text[start - 1] in _RUN_CHARS
    ):
        return _mask_read(m, mask_char)  # letters in the run
    found, length, groups = _numbers_in(whole, False)
    if not found:
        return whole
    if len(found) == 1 and found[0][1] == 0 and found[0][2] == length:
        if groups and len(groups) > 1:
            masked = _mask_in_group(whole, groups, length, mask_char)
            if masked is not None:
                return masked
        return _mask_whole(whole, length, mask_char)
    parts: list[str] = []
    position = 0
    for _, first, last in found:
        start = 0 if first == 0 else _at(whole, first)
        end = len(whole) if last == length else _at(whole, last - 1) + 1
        parts.append(whole[position:start])
        parts.append(_mask_whole(whole[start:end], last - first, mask_char))
        position = end
    parts.append(whole[position:])
    return "".join(parts)


def _mask_in_group(num: str, groups: list[str], size: int, mask_char: str) -> str | None:
    """``num`` masked when the digits to hide are all in one of its ``groups``, else None.

    ``groups`` are ``num``'s own characters, cut at gaps without digits, so
    that a group is found where it is by looking for it after the one before.
    """
    shown, hidden = _HIDDEN[size]
    position = index = 0
    for group in groups:
        position = num.find(group, position)
        if index + len(group) > shown:  # the first digit to hide is in this group
            if index + len(group) < shown + hidden:
                return None
            cut = position + shown - index
            return num[:cut] + mask_char * hidden + num[cut + hidden :]
        position += len(group)
        index += len(group)
    return None


def _mask_read(m: re.Match[str], mask_char: str) -> str:
    """The run of ``m`` with every personal number in it masked, read fully."""
    spans: list[tuple[PersonalKind, int, int, int]] = []
    _match_spans(m, spans)
    if not spans:
        return m.group()
    text = m.string
    parts: list[str] = []
    position = m.start()
    for _, start, end, size in spans:
        parts.append(text[position:start])
        parts.append(_mask_whole(text[start:end], size, mask_char))
        position = end
    parts.append(text[position : m.end()])
    return "".join(parts)
