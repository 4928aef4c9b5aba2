"""The compiled masking of :func:`zfgk.redact` answers as the code it replaced and as the rules.

``redact`` compiles each shape of stretch it meets into a masker
(:func:`zfgk.privacy._find._masker`), keys shapes by bytes
(:data:`zfgk.privacy._find._SHAPE_BYTES`), reads zero-width and letter-glued
runs as their stretch alone, and tells the birth date of 15-digit numbers
and the tests of glued ID numbers with strings.  Three answers are compared
on hypothesis-drawn texts mixing every form numbers are pasted in:

- ``_old_redact``: the code of 0.3.0 (``_find.py`` at commit c24ed80), kept
  here as it was, on the readers of stretches it called;
- ``_redact_by_rules``: each number the reference reader
  (:func:`zfgk.privacy._runs.iter_run`, the contract of both) finds, its
  hidden digits replaced one by one, as GB/T 35273 says;
- ``zfgk.redact`` itself.

Hiding digits may show a number (a mobile number that the reader took the
first digits of for an ID number): ``redact`` reads again what it leaves, so
it is compared with ``_redact_by_rules`` applied until nothing is left, and
with 0.3.0 where what 0.3.0 wrote holds no number.

``find_pii`` is compared with the reference reader the same way, and the
string-told tests with the definitions they replace (``verdict``,
``id18verdict``) on drawn digits.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import lru_cache, partial

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import zfgk
from tests.pii_corpus import _account, _uscc, notices
from zfgk.privacy import _find
from zfgk.privacy._ids import REGION_PREFIXES, verdict
from zfgk.privacy._runs import Run, id18verdict, iter_run
from zfgk.privacy._scientific import has_scientific, scientific_ids
from zfgk.privacy._stretch import (
    DIGITS,
    SHAPE,
    SIGNIFICANT,
    XS,
    Placed,
    _is_id18,
    _is_legacy,
    place,
    placed_in,
    plan_of,
    scan,
    significant,
)
from zfgk.privacy._text import HALF_WIDTH

# --- 0.3.0's redact, as it was (src/zfgk/privacy/_find.py at c24ed80) -------------------

_D, _L, _G = _find._D, _find._L, _find._G
_RUN_CHARS, _GAP_CHARS, _STRETCH = _find._RUN_CHARS, _find._GAP_CHARS, _find._STRETCH
_OLD_ONE_STRETCH = re.compile(
    f"(?:[{_L}](?:{_G}*[{_L}])*{_G}*)?"
    f"(?P<num>[{_D}](?:{_G}*[{_D}])*(?:{_G}*[{XS}])?)"
    f"(?P<post>{_G}*[{_L}](?:{_G}*[{_L}])*)?"
)


def _shifted(numbers: tuple[Placed, ...], offset: int) -> list[Placed]:
    if not offset:
        return list(numbers)
    return [
        (kind, offset + start, offset + end, size, offset + a, offset + b, hidden)
        for kind, start, end, size, a, b, hidden in numbers
    ]


def _read_run(text: str, start: int, end: int, origin: int) -> list[Placed]:
    m = _OLD_ONE_STRETCH.fullmatch(text, start, end)
    if m is None:
        run = Run(text[start:end].translate(HALF_WIDTH), start - origin)
        spans = [place(span, run.positions) for span in iter_run(run)]
        return sorted(spans, key=lambda span: span[1])
    num = m.group("num")
    numbers = placed_in(num, m.group("post") is not None, num.translate(SHAPE))
    return _shifted(numbers, m.start("num") - origin)


def _match_spans(m: re.Match[str], origin: int = 0) -> list[Placed]:
    text = m.string
    start, end = m.span()
    num_end = m.end("num")
    first = start
    if start and text[start - 1] in _RUN_CHARS:
        while first and text[first - 1] in _RUN_CHARS:
            first -= 1
        while text[first] in _GAP_CHARS:
            first += 1
    if first == start and (end == num_end or (end == num_end + 1 and text[num_end] in XS)):
        num = text[start:end]
        return _shifted(placed_in(num, False, num.translate(SHAPE)), start - origin)
    return _read_run(text, first, end, origin)


def _old_redact(text: str, mask_char: str = "*") -> str:
    if has_scientific(text):
        text = _mask_scientific(text, mask_char)
    return _STRETCH.sub(partial(_mask_run, mask_char=mask_char), text)


def _mask_run(m: re.Match[str], mask_char: str = "*") -> str:
    whole = m.group()
    start = m.start()
    if start:
        text = m.string
        if text[start - 1] in _RUN_CHARS:
            while start and text[start - 1] in _GAP_CHARS:
                start -= 1
            if start and text[start - 1] in _RUN_CHARS:
                return _mask_read(m, mask_char)
    after = m.end() - m.end(1)
    if after and (after != 1 or whole[-1] not in XS):
        return _mask_read(m, mask_char)
    shape = "0" * len(whole) if whole.isdigit() else whole.translate(SHAPE)
    masker = _MASKERS.get(shape) or _masker(shape)
    return masker(whole, mask_char)


def _mask_alone(whole: str, mask_char: str, shape: str) -> str:
    numbers = placed_in(whole, False, shape)
    if len(numbers) == 1:
        _, _, _, _, a, b, hidden = numbers[0]
        if b - a == hidden:
            return whole[:a] + mask_char * hidden + whole[b:]
        return whole[:a] + whole[a:b].translate(_table(mask_char)) + whole[b:]
    return _mask_placed(whole, numbers, mask_char) if numbers else whole


_MASKERS: dict[str, Callable[[str, str], str]] = {}


def _masker(shape: str) -> Callable[[str, str], str]:
    general = partial(_mask_alone, shape=shape)
    plan = plan_of(shape)
    if plan is not None and not plan[1] and plan[2] is None:
        masker: Callable[[str, str], str] = _as_it_is
    elif plan is not None and not plan[1]:
        pick, _, places, _, _ = plan

        def masker(whole: str, mask_char: str) -> str:
            sig = whole if pick is None else "".join(pick(whole))
            if not sig.isascii() or sig[-1] == "x":
                sig = sig.translate(SIGNIFICANT)
            return general(whole, mask_char) if scan(sig, places) else whole  # type: ignore[arg-type]

    elif plan is None or len(plan[1]) != 1 or len(plan[1][0][1]) != 1:
        masker = general
    else:
        pick, ((test, ((_, _, _, _, a, b, hidden),)),), places, _, _ = plan
        every = b - a == hidden

        def masker(whole: str, mask_char: str) -> str:
            sig = whole if pick is None else "".join(pick(whole))
            if not sig.isascii() or sig[-1] == "x":
                sig = sig.translate(SIGNIFICANT)
            if test(sig):
                if every:
                    return whole[:a] + mask_char * hidden + whole[b:]
                return whole[:a] + whole[a:b].translate(_table(mask_char)) + whole[b:]
            return whole if places is None else general(whole, mask_char)

    _MASKERS[shape] = masker
    return masker


def _as_it_is(whole: str, mask_char: str) -> str:
    return whole


def _mask_scientific(text: str, mask_char: str) -> str:
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
    return str.maketrans(dict.fromkeys(DIGITS, mask_char))


def _mask_placed(whole: str, numbers: Sequence[Placed], mask_char: str, position: int = 0) -> str:
    parts: list[str] = []
    for _, _, _, _, a, b, _ in numbers:
        parts.append(whole[position:a])
        parts.append(whole[a:b].translate(_table(mask_char)))
        position = b
    parts.append(whole[position:])
    return "".join(parts)


def _mask_read(m: re.Match[str], mask_char: str) -> str:
    numbers = _match_spans(m, m.start())
    return _mask_placed(m.group(), numbers, mask_char) if numbers else m.group()


# --- the rules: the reference reader's numbers, their hidden digits replaced one by one ---

_HIDDEN = {18: (6, 8), 15: (6, 6), 11: (3, 4)}  # GB/T 35273: the birth date; the 4th-7th digit


def _redact_by_rules(text: str, mask_char: str = "*") -> str:
    out = list(text)
    for match in scientific_ids(text) if has_scientific(text) else []:
        for i in range(match[3], match[4]):
            out[i] = mask_char
    inside = [(s, e) for s, e, *_ in scientific_ids(text)] if has_scientific(text) else []
    for _, start, end, size in _find._iter_spans_slowly(text):
        if any(s < end and start < e for s, e in inside):
            continue  # a number in scientific notation is one number
        shown, hidden = _HIDDEN[size]
        index = 0
        for i in range(start, end):
            if text[i] in DIGITS or text[i] in XS:
                if shown <= index < shown + hidden and text[i] in DIGITS:
                    out[i] = mask_char
                index += 1
    return "".join(out)


# --- texts mixing every form --------------------------------------------------------------

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643


def _with_check(first17: str) -> str:
    return (
        first17
        + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]
    )


_REGIONS = sorted(REGION_PREFIXES)
_SPACES = [" ", "\u00a0", "\u202f", "\u2009", "\u3000", "\u2002"]
_SEPARATORS = [*_SPACES, "-", ".", "/", "_", "·", "–", "－", "．", " - ", "  "]
_ZERO_WIDTH = ["\u200b", "\u2060", "\ufeff", "\u200c", "\u00ad"]
_FULL = str.maketrans({str(i): chr(0xFF10 + i) for i in range(10)} | {"X": "Ｘ", "x": "ｘ"})


@st.composite
def _born(draw: st.DrawFn) -> str:
    """A birth date, usually real, now and then impossible or in the future."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(["19000229", "20000229", "19991301", "19490000", "20990101"]))
    day = date(1900, 1, 1) + timedelta(days=draw(st.integers(0, 46000)))
    return day.strftime("%Y%m%d")


@st.composite
def _id18(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(_REGIONS)) + f"{draw(st.integers(0, 999)):03d}"
    number = _with_check(region + draw(_born()) + f"{draw(st.integers(0, 999)):03d}")
    if draw(st.integers(0, 4)) == 0:  # a typo: a digit changed
        i = draw(st.integers(0, 17))
        typo = draw(st.sampled_from("0123456789X" if i == 17 else "0123456789"))
        number = number[:i] + typo + number[i + 1 :]
    return number


@st.composite
def _id15(draw: st.DrawFn) -> str:
    region = draw(st.sampled_from(["11", "50", "44", "00", "99", "81"]))
    born = draw(_born())
    return (
        region + f"{draw(st.integers(0, 9999)):04d}" + born[2:] + f"{draw(st.integers(0, 999)):03d}"
    )


def _digits(size: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=size, max_size=size)


_MOBILE = st.builds(
    lambda a, b, c: "1" + a + b, st.sampled_from("0123456789"), _digits(9), st.none()
)
_NUMBER = st.one_of(
    _id18(),
    _id15(),
    _MOBILE,
    st.builds("".join, st.tuples(st.sampled_from(["86", "0086", "+86", "+86 "]), _MOBILE)),
    st.builds(lambda seed: _uscc(random.Random(seed)), st.integers(0, 10**6)),
    st.builds(lambda seed: _account(random.Random(seed)), st.integers(0, 10**6)),
    st.builds(lambda a, b: f"{a}.{b}", _digits(11), _digits(2)),  # an amount
    st.builds(lambda a, b: f"{a}.{b}", st.integers(10**8, 10**16), _digits(1)),
    st.builds(lambda a, b: f"0{a}-{b}", _digits(2), _digits(8)),  # a landline
    st.builds(lambda a, b: f"(0{a}){b}", _digits(3), _digits(7)),
    st.builds(
        lambda y, m, d: f"{y}-{m:02d}-{d:02d}",
        st.integers(2015, 2026),
        st.integers(1, 12),
        st.integers(1, 28),
    ),
    st.text(alphabet="0123456789", min_size=1, max_size=26),
)


@st.composite
def _written(draw: st.DrawFn) -> str:
    """A number as people paste it: grouped by separators, zero-width characters among its
    digits, full-width, lower-case x, glued to letters or other digits."""
    number: str = draw(_NUMBER)
    how = draw(st.integers(0, 9))
    if how <= 2 and len(number) > 4:  # grouped: 6-8-4, 3-4-4, 4-4-4-4-2 or anywhere
        cuts = draw(
            st.one_of(
                st.sampled_from([(6, 14), (3, 7), (4, 8, 12, 16), (6, 10, 14), (6, 12), (2, 5, 9)]),
                st.sets(st.integers(1, len(number) - 1), max_size=4).map(sorted),
            )
        )
        sep = draw(st.sampled_from(_SEPARATORS))
        pieces, last = [], 0
        for cut in (c for c in cuts if c < len(number)):
            pieces.append(number[last:cut])
            last = cut
        pieces.append(number[last:])
        number = (sep if draw(st.booleans()) else draw(st.sampled_from(_SEPARATORS))).join(pieces)
    elif how == 3:  # zero-width characters inside
        chars = list(number)
        for i in sorted(
            draw(st.sets(st.integers(1, max(1, len(chars) - 1)), max_size=5)), reverse=True
        ):
            chars.insert(i, draw(st.sampled_from(_ZERO_WIDTH)))
        number = "".join(chars)
    elif how == 4:
        number = number.translate(_FULL)
    elif how == 5:
        number = number.lower()
    if draw(st.integers(0, 4)) == 0:
        number = draw(st.sampled_from(["ID", "Tel", "档案编号00421", "X", "A1", "+"])) + number
    if draw(st.integers(0, 4)) == 0:
        number += draw(st.sampled_from(["B", "ext", "0001", "X", "x", ".00", "Ｘ", " X"]))
    return number


_FILLER = st.sampled_from(
    ["，", "；", "身份证号", "联系电话", " ", "\u00a0", "\n", "号", "元", "。", "(", "：", "E+17"]
)
_TEXTS = st.lists(st.one_of(_written(), _FILLER), max_size=12).map("".join)


def _until_clean(text: str, mask_char: str) -> str:
    """:func:`_redact_by_rules` again on what it leaves, until that holds no number: hiding
    the digits of one number may show another whole (what the reference reader took for
    an ID number leaves a mobile number standing apart)."""
    while (again := _redact_by_rules(text, mask_char)) != text:
        text = again
    return text


def _agree(text: str, mask_char: str) -> None:
    got = zfgk.redact(text, mask_char=mask_char)
    old = _old_redact(text, mask_char)
    if not list(_find._iter_spans_slowly(old)):  # (else 0.3.0 left a number in what it wrote)
        assert got == old, repr(text)
    assert got == _until_clean(text, mask_char), repr(text)
    spans = [(m.kind, m.start, m.end) for m in zfgk.find_pii(text)]
    if not has_scientific(text):
        assert spans == [s[:3] for s in _find._iter_spans_slowly(text)], repr(text)


@pytest.mark.thorough
@settings(max_examples=500, deadline=None)
@given(_TEXTS, st.sampled_from(["*", "●", "＊"]))
def test_redact_answers_as_the_old_code_and_the_rules(text: str, mask_char: str) -> None:
    _agree(text, mask_char)


def test_redact_answers_as_the_old_code_on_the_notice_corpus() -> None:
    for notice in notices(300, seed=30):
        _agree(notice.text, "*")


@pytest.mark.parametrize(
    "text",
    [
        "身份证号110105194912310021，电话138 1234 5678；",  # the check digit wrong, region right
        "110105194912310021 11010519491231002x 11010519491231002Ｘ",
        "１３８\u00a0１２３４\u00a0５６７８ 1１0１05-19491231-002X",
        "1381\u200b2345\u2060678 110105\u200b19491231\u00ad002X",
        "Tel13812345678ext ID11010519491231002XB A13812345678.00 13812345678.00B",
        "11010519491231002X0001 档案编号0042111010519491231002X",
        "110105491231002 110105-491231-002 110105 491231 002 500000000000000",
        "023-61234567 (0351)2123456 0086-13812345678 +8613812345678 +86 138 1234 5678",
        "13812345678/13912345678 1381234567X 6.20503200006097E+17",
    ],
)
def test_redact_answers_as_the_old_code_on_written_forms(text: str) -> None:
    for mask_char in ("*", "•"):
        _agree(text, mask_char)


@settings(max_examples=400, deadline=None)
@given(_id15(), st.sampled_from(["", "1", "5", "x"]))
def test_legacy_test_told_with_strings_is_verdict(number: str, change: str) -> None:
    if change:
        number = number[:7] + change + number[8:]
    assert _is_legacy(number) == (verdict(number, legacy=True) is None)
    full = number.translate(_FULL)
    assert _is_legacy(full) == (verdict(full, legacy=True) is None)


@settings(max_examples=400, deadline=None)
@given(_id18())
@example("81500012000108007X")  # glued, the X inside a window: once a ValueError
def test_id_tests_told_with_strings_are_id18verdict(number: str) -> None:
    assert _is_id18(number) == id18verdict(number, aligned=True)
    # a glued number: the window read inside a longer stretch of digits
    glued = "1" + number + "0"
    spans = placed_in(glued, False, glued.translate(SHAPE))
    found = [s for s in spans if s[1:3] == (1, 19)]
    assert bool(found) == (id18verdict(number, aligned=False) and number[6:8] in ("19", "20"))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(sorted({*DIGITS, *XS, *_find._GAP_CHARS})), min_size=1, max_size=24)
)
def test_the_byte_key_of_a_stretch_tells_its_shape(chars: list[str]) -> None:
    """Two stretches with the same key have the same shape (the key is what the cache of
    compiled maskers is looked up by)."""
    text = "".join(chars)
    rng = random.Random(len(text))
    # the same key, each character swapped for another of the same bytes once translated
    by_key: dict[bytes, list[str]] = {}
    for ch in sorted({*DIGITS, *XS, *_find._GAP_CHARS}):
        by_key.setdefault(ch.encode().translate(_find._SHAPE_BYTES), []).append(ch)
    other = "".join(rng.choice(by_key[c.encode().translate(_find._SHAPE_BYTES)]) for c in text)
    key = text.encode().translate(_find._SHAPE_BYTES)
    assert other.encode().translate(_find._SHAPE_BYTES) == key
    assert other.translate(SHAPE) == text.translate(SHAPE)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=DIGITS, min_size=1, max_size=23), st.sampled_from(["", *XS]))
def test_significant_characters_read_as_bytes_are_the_translation(digits: str, x: str) -> None:
    """Full-width digits made half-width by a table of UTF-8 bytes, as the string
    translation (SIGNIFICANT, the definition) makes them, an X after them too."""
    assert significant(digits + x) == (digits + x).translate(SIGNIFICANT)
    assert significant(digits) == "".join(str(DIGITS.index(c) % 10) for c in digits)


def test_the_shape_of_a_stretch_with_letters_after_is_planned_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whether a stretch with letters after it is read as it is alone is told once a shape
    (remembered by its byte key, as the maskers are), not by translating every stretch."""
    planned: list[str] = []
    original = plan_of  # (what _find calls: it imports it from _stretch)

    def spy(shape: str) -> object:
        planned.append(shape)
        return original(shape)

    monkeypatch.setattr(_find, "plan_of", spy)
    # GB 11643's check digits (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11)
    assert zfgk.redact("号ID11010519491231002XB") == "号ID110105********002XB"
    assert zfgk.redact("号ID110105194912310011B") == "号ID110105********0011B"
    planned.clear()
    # the same shapes, other digits
    assert zfgk.redact("号ID44010619900101003XB，ID440106199001010013C") == (
        "号ID440106********003XB，ID440106********0013C"
    )
    assert planned == []
