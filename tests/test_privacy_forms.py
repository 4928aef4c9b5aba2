"""ID and mobile numbers in every form people paste them in, and what must stay.

Numbers come from sources nobody on the project wrote: python-stdnum's own
test vectors for ``cn.ric`` (tests/test_cn_ric.doctest), the example of GB
11643, and Faker's ``zh_CN`` provider.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from faker import Faker
from hypothesis import given, settings
from hypothesis import strategies as st

import zfgk
from tests.pii_corpus import id_forms, legacy_forms, measure, mobile_forms, notices
from zfgk import PersonalKind
from zfgk.cli import main
from zfgk.privacy import (
    FORMAT_CHARACTERS,
    VISIBLE_SEPARATORS,
    find_pii,
    is_valid_id,
    mask_id,
    parse_id,
    redact,
    strip_separators,
)

#: Valid numbers from python-stdnum's tests/test_cn_ric.doctest, and GB 11643's example.
STDNUM_VECTORS = (
    "360426199101010071",
    "44011320141005001X",
    "412723199010050012",
    "110102199101010078",
    "120110198012010073",
    "120110199212010072",
    "11010519491231002X",
)


def faker_ids(count: int) -> list[str]:
    fake = Faker("zh_CN")
    fake.seed_instance(11643)
    return [fake.ssn().upper() for _ in range(count)]


def faker_mobiles(count: int) -> list[str]:
    fake = Faker("zh_CN")
    fake.seed_instance(13800)
    return [fake.phone_number() for _ in range(count)]


IDS = (*STDNUM_VECTORS, *faker_ids(60))


def test_the_sources_are_valid() -> None:
    assert all(is_valid_id(n) for n in IDS)
    assert all(len(m) == 11 and m[0] == "1" for m in faker_mobiles(50))


def test_separator_sets_cover_this_pythons_unicode() -> None:
    categories = {"Zs": VISIBLE_SEPARATORS, "Pd": VISIBLE_SEPARATORS, "Cf": FORMAT_CHARACTERS}
    for code in range(sys.maxunicode + 1):
        wanted = categories.get(unicodedata.category(chr(code)))
        if wanted is not None:
            assert chr(code) in wanted, f"U+{code:04X} ({unicodedata.unidata_version})"
    assert {".", "/", "_", "·", "-"} <= VISIBLE_SEPARATORS


def hidden_digits(number: str) -> str:
    return number[6:14] if len(number) == 18 else number[6:12]


def assert_hidden(text: str, before: str, written: str, number: str, kind: PersonalKind) -> None:
    """The number, written as ``written`` after ``before`` in ``text``, is found and masked."""
    start = text.index(before + written) + len(before)
    end = start + len(written)
    matches = [m for m in find_pii(text) if m.start < end and start < m.end]
    assert [m.kind for m in matches] == [kind], (kind, repr(written))
    assert (matches[0].start, matches[0].end) == (start, end), repr(written)
    out = strip_separators(redact(text)[start:end])
    positions = range(6, 14) if len(number) == 18 else range(6, 12)
    if kind is PersonalKind.PHONE:
        positions = range(3, 7)
    assert all(out[i] == "*" for i in positions), repr(written)
    assert sum(ch == "*" for ch in out) == len(positions)


@pytest.mark.parametrize("form", sorted(id_forms(__import__("random").Random(0))))
def test_every_id_form_is_found_and_masked(form: str) -> None:
    import random

    forms = id_forms(random.Random(form))
    for number in IDS:
        before, written, after = forms[form](number)
        text = f"身份证号{before}{written}{after}，请核对。"
        assert_hidden(text, "身份证号" + before, written, number, PersonalKind.ID_NUMBER)


@pytest.mark.parametrize("form", sorted(mobile_forms(__import__("random").Random(0))))
def test_every_mobile_form_is_found_and_masked(form: str) -> None:
    import random

    forms = mobile_forms(random.Random(form))
    for number in faker_mobiles(40):
        before, written, after = forms[form](number)
        text = f"联系电话：{before}{written}{after}。"
        assert_hidden(text, "联系电话：" + before, written, number, PersonalKind.PHONE)


@pytest.mark.parametrize("form", sorted(legacy_forms(__import__("random").Random(0))))
def test_every_legacy_form_is_found_and_masked(form: str) -> None:
    import random

    forms = legacy_forms(random.Random(form))
    olds = [n[:6] + n[8:17] for n in IDS if n[6:8] == "19"]
    assert len(olds) > 20
    for number in olds:
        before, written, after = forms[form](number)
        text = f"原证件号码 {before}{written}{after} 。"
        assert_hidden(text, "原证件号码 " + before, written, number, PersonalKind.ID_NUMBER)


def test_the_forms_named_in_the_issue() -> None:
    number = "11010519491231002X"
    for text in (
        "110105\u00a019491231\u00a0002X",
        "110105\u202f19491231\u2009002X",
        "110105.19491231.002X",
        "1101\u200b0519\u20604912\ufeff31002X",
        "档案编号0042111010519491231002X",
        "11010519491231002X0001",
        "ID11010519491231002XB",
        "110105 1949 1231 002X",
    ):
        out = redact(text)
        assert "19491231" not in strip_separators(out), text
        assert number not in strip_separators(out), text


def test_what_must_stay_stays() -> None:
    for text in (
        "统一社会信用代码 91500000MA5U7AXX2P",
        "开户账号 6222 0212 3456 7890 123",
        "开户账号 6222021234567890123",
        "合同 2026100812345678901",
        "日期 2026-09-28，2026.09.28，2026/9/28",
        "金额 13812345678.00 元，1,234,567.89 元",
        "监督电话 023-63861234，(0351)7654321，023 6386 1234",
        "房号 3-2-201，面积 89.5㎡",
        "110105491331002",  # 15 digits, impossible date
    ):
        assert redact(text) == text, text


def test_a_corpus_of_notices_leaks_nothing_and_keeps_everything() -> None:
    corpus = list(notices(1000))
    figures = measure(redact, corpus)
    assert figures.notices == 1000
    assert figures.personal > 7000
    assert figures.kept_values == 7000
    assert figures.leaked == 0, figures.leaks_by_form
    assert figures.over_masked == 0, figures.over_masked_by_kind
    forms = {p.form for n in corpus for p in n.pieces if p.personal}
    assert len(forms) >= 25  # every form of the three kinds


def test_parse_and_mask_accept_every_separator() -> None:
    for text in (
        "110105\u00a019491231\u00a0002X",
        "1101.0519.4912.3100.2x",
        "110105\u200b19491231002X",
    ):
        assert parse_id(text).value == "11010519491231002X"
        assert mask_id(text) == "110105********002X"


def test_scan_check_and_validate_use_the_same_finder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    leaky = "11010519491231002X".replace("1949", "1949\u200b").replace("110105", "110105\u00a0")
    page = tmp_path / "page.txt"
    page.write_text(f"公示\n{leaky}\n", encoding="utf-8")
    assert main(["scan", str(page)]) == 1
    assert capsys.readouterr().out == f"{page}:2: unmasked ID number\n"
    export = tmp_path / "export.csv"
    export.write_text(
        "保障对象姓名,保障性住房类型,房号,面积,套型,所在建设项目名称,备注\n"
        f"张三,公租房,1-1-101,50,一室,民心佳园,证件{leaky}\n",
        encoding="utf-8",
    )
    assert main(["check", str(export), "--item", "19", "--json"]) == 1
    assert '"code": "unmasked", "field": "备注"' in capsys.readouterr().out
    item = zfgk.load("chongqing").item(22)
    report = zfgk.validate(item, {"身份证号": leaky.replace("\u00a0", ".")})
    assert ("unmasked", "身份证号") in [(p.code.value, p.field) for p in report.problems]


# The reader of free text takes the usual runs itself and hands the others to the reference
# reader (zfgk.privacy._runs.iter_run); on every text the two must agree.
_NUMBERS = (
    *IDS,
    *(n[:6] + n[8:17] for n in IDS if n[6:8] == "19"),
    *faker_mobiles(20),
    *("86" + m for m in faker_mobiles(5)),
    *("0086" + m for m in faker_mobiles(5)),
)
_SEPARATORS = [" ", "-", ".", "．", "/", "\u00a0", "\u200b", "\u2060", " - ", " \u200b"]


@st.composite
def _written(draw: st.DrawFn) -> str:
    """A personal number with separators at random places, a digit changed now and then."""
    number = list(draw(st.sampled_from(_NUMBERS)))
    if draw(st.booleans()):
        i = draw(st.integers(0, len(number) - 1))
        number[i] = draw(st.sampled_from("0123456789X"))
    for i in sorted(draw(st.sets(st.integers(1, len(number) - 1), max_size=4)), reverse=True):
        number.insert(i, draw(st.sampled_from(_SEPARATORS)))
    return "".join(number)


@st.composite
def _one_digit_at_a_time(draw: st.DrawFn) -> str:
    """Digits written one at a time (a form's boxes, a letter-spaced PDF): a mobile number,
    or 10 to 12 digits, one separator apart, now and then two."""
    digits = draw(
        st.one_of(
            st.sampled_from(faker_mobiles(5)), st.text("0123456789", min_size=10, max_size=12)
        )
    )
    gaps = [draw(st.sampled_from([" ", " ", "\u3000", "-", ".", "  ", " \u200b"])) for _ in digits]
    return "".join(d + g for d, g in zip(digits, gaps, strict=True)).rstrip(" .-\u3000\u200b")


_PIECES = st.one_of(
    _written(),
    _one_digit_at_a_time(),
    st.sampled_from(["13812345678.00 ", "13812345678.5 ", "13812345678.0 ", "2026.01 "]),
    st.sampled_from(["86", "0086", "+86", "X", "x", "Ｘ", "ID", "B", "ext", ".00", "0", "12"]),
    st.text(alphabet="0123456789１３８", min_size=1, max_size=22),
    st.sampled_from([*_SEPARATORS, "，", "号"]),
)


def _both(text: str) -> tuple[list[object], list[object]]:
    from zfgk.privacy._find import _iter_spans_slowly, _spans

    return [span[:4] for span in _spans(text)], list(_iter_spans_slowly(text))


@pytest.mark.thorough
@settings(max_examples=800, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join))
def test_the_fast_reader_agrees_with_the_reference_reader(text: str) -> None:
    fast, reference = _both(text)
    assert fast == reference, repr(text)


@pytest.mark.thorough
def test_the_fast_reader_agrees_on_the_notice_corpus() -> None:
    for notice in notices(1500, seed=7):
        fast, reference = _both(notice.text)
        assert fast == reference, repr(notice.text)


def _redact_slowly(text: str, mask_char: str = "*") -> str:
    """Each number the reference reader finds, its hidden digits (GB/T 35273: the birth date
    of an ID number, the 4th to 7th digits of a mobile number) replaced one by one; and read
    again, until the reference reader finds nothing (hiding digits may show a number)."""
    from zfgk.privacy._find import _iter_spans_slowly

    while True:
        out = list(text)
        for _, start, end, size in _iter_spans_slowly(text):
            shown, hidden = {18: (6, 8), 15: (6, 6), 11: (3, 4)}[size]
            index = 0
            for i in range(start, end):
                if text[i] in "0123456789０１２３４５６７８９XxＸｘ":
                    if shown <= index < shown + hidden:
                        out[i] = mask_char
                    index += 1
        if "".join(out) == text:
            return text
        text = "".join(out)


@pytest.mark.thorough
@settings(max_examples=800, deadline=None)
@given(st.lists(_PIECES, max_size=10).map("".join), st.sampled_from(["*", "●"]))
def test_redact_agrees_with_the_reference_reader(text: str, mask_char: str) -> None:
    assert redact(text, mask_char=mask_char) == _redact_slowly(text, mask_char), repr(text)


@pytest.mark.thorough
def test_redact_agrees_with_the_reference_reader_on_the_notice_corpus() -> None:
    for notice in notices(1500, seed=11):
        assert redact(notice.text) == _redact_slowly(notice.text), repr(notice.text)


@pytest.mark.parametrize(
    "text",
    [
        "13812345678/13912 345678",
        "13812345678/13912345678",
        "13812345678/1391234567",
        "8613812345678",
        "86 138 1234 5678",
        "0086 138 1234 5678",
        "0086 13812345678",
        "008613812345678",
        "110105 491231 002",
        "110105491231 00 2",
        "13812345678.00",
        "13812345678.00B",
        "A13812345678.0",
        "11010519491231002 X",
        "11010519491231002XB",
        "1101051949123100.21",
        "0042111010519491231002X",
        "6222 0212 3456 7890 123",
        "110105194912310021 110105194912310021",
        "861300000000X",
        "008613000000000X",
        "13812345678 1381234567X",
        "1 3 8 1 2 3 4 5 6 7 8",
        "1 3 8 1 2 3 4 5 6 7 8 9",
        "2026 1 3 8 1 2 3 4 5 6 7 8 1391",
        "1 3 8 1 2 3 4 5 6 7 8X",
        "1.3 8 1 2 3 4 5 6 7 8",
        "1 3 8 1 2 3 4 5 6 7  8",
        "1 3 8 1 2 3 4 5 6 7 8.00",
        "13812345678.00 13812345678.00",
        "13812345678.00 13812345678.00 13912345678",
        "13812345678.5 13812345678.0",
        "13812345678.00 2026.01.05",
        "138 1234 5678.00 13812345678.00",
        "1101051949123100.21 13812345678",
    ],
)
def test_the_fast_reader_agrees_on_awkward_runs(text: str) -> None:
    for context in ("{}", "号{}。", "号 {} 。", "ID{}B"):
        fast, reference = _both(context.format(text))
        assert fast == reference, context.format(text)
        assert redact(context.format(text)) == _redact_slowly(context.format(text))
