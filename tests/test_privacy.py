"""ID numbers, names and phones: against python-stdnum, hand-checked cases and properties."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zfgk
from zfgk import InvalidArgumentError, InvalidIdError, PersonalKind, PrivacyError
from zfgk.privacy import (
    find_pii,
    is_valid_id,
    mask_id,
    mask_name,
    mask_phone,
    may_hold_pii,
    parse_id,
    redact,
)

ric = pytest.importorskip("stdnum.cn.ric")
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def check_digit(first17: str) -> str:
    # written out from GB 11643: sum(a_i * W_i) mod 11 -> 1 0 X 9 8 7 6 5 4 3 2
    return "10X98765432"[sum(int(a) * w for a, w in zip(first17, WEIGHTS, strict=True)) % 11]


def stable_counties() -> list[str]:
    """Six-digit county codes that python-stdnum knows with no date range."""
    path = Path(ric.__file__).with_name("loc.dat")
    codes, province = [], ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if not line.startswith(" "):
            province = line.split()[0]
            continue
        code, _, rest = line.strip().partition(" ")
        if "[" not in rest and not code.endswith("00"):
            codes.append(province + code)
    return codes


def make_id(rng: random.Random, counties: list[str]) -> str:
    born = date(1900, 1, 1) + timedelta(
        days=rng.randrange((date(2025, 12, 31) - date(1900, 1, 1)).days)
    )
    first17 = f"{rng.choice(counties)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return first17 + check_digit(first17)


def mutations(number: str, rng: random.Random) -> list[str]:
    out = []
    i = rng.randrange(18)
    digit = rng.choice([c for c in "0123456789" if c != number[i]])
    out.append(number[:i] + digit + number[i + 1 :])  # one digit changed
    j = rng.randrange(17)
    if number[j] != number[j + 1]:
        out.append(number[:j] + number[j + 1] + number[j] + number[j + 2 :])  # transposition
    bad_date = number[:10] + rng.choice(["13", "00"]) + number[12:17]
    out.append(bad_date + check_digit(bad_date))  # impossible month, valid check digit
    bad_day = number[:12] + "32" + number[14:17]
    out.append(bad_day + check_digit(bad_day))
    bad_region = "99" + number[2:17]
    out.append(bad_region + check_digit(bad_region))  # no such province
    out.append(number[:17])  # too short
    out.append(number + "1")  # too long
    out.append(number[:17] + "Y")
    return out


def test_verdicts_agree_with_python_stdnum() -> None:
    rng = random.Random(11643)
    counties = stable_counties()
    cases = 0
    for _ in range(3000):
        number = make_id(rng, counties)
        for candidate in [number, *mutations(number, rng)]:
            assert is_valid_id(candidate) == ric.is_valid(candidate), "verdicts differ"
            cases += 1
    assert cases > 20000


def test_gb11643_examples() -> None:
    n = parse_id("11010519491231002X")  # GB 11643-1999's example
    assert n.region_code == "110105"
    assert n.birth_date == date(1949, 12, 31)
    assert n.sequence == "002"
    assert n.sex is zfgk.Sex.FEMALE
    assert n.check_digit == "X"
    # The standard's second example was born in 1880: zfgk rejects births before 1900.
    assert check_digit("44052418800101001") == "4"
    with pytest.raises(InvalidIdError) as err:
        parse_id("440524188001010014")
    assert err.value.reason == "birth_date"


@pytest.mark.parametrize(
    "written",
    [
        "11010519491231002X",
        "  11010519491231002X\n",
        "11010519491231002x",
        "110105 19491231 002X",
        "110105-19491231-002X",
        "110105\u300019491231\u3000002X",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５１９４９１２３１００２ｘ",
    ],
)
def test_written_forms(written: str) -> None:
    assert is_valid_id(written)
    assert parse_id(written).value == "11010519491231002X"
    assert mask_id(written) == "110105********002X"


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("1101051949123100", "length"),
        ("11010519491231002XX", "length"),
        ("1101051949123100AX", "characters"),
        ("110105194912310021", "check_digit"),
        ("110105199902300028", "check_digit"),
        ("110105491231002", "legacy"),
        ("11010518991231001X", "check_digit"),
    ],
)
def test_reasons(number: str, reason: str) -> None:
    with pytest.raises(InvalidIdError) as err:
        parse_id(number)
    assert err.value.reason == reason
    assert isinstance(err.value, ValueError)
    assert number not in str(err.value)
    assert number[6:14] not in str(err.value)
    assert number not in repr(err.value)


def _with_check(first17: str) -> str:
    return first17 + check_digit(first17)


def test_date_and_region_reasons() -> None:
    future = _with_check(f"110105{date.today().year + 1}0101001")
    for number, reason in [
        (_with_check("11010518991231001"), "birth_date"),
        (_with_check("11010519490230001"), "birth_date"),
        (future, "birth_date"),
        (_with_check("99010519491231002"), "region"),
        (_with_check("10010519491231002"), "region"),
    ]:
        with pytest.raises(InvalidIdError) as err:
            parse_id(number)
        assert err.value.reason == reason, number[:2]
    # residence permits of Hong Kong, Macao and Taiwan residents
    for prefix in ("810000", "820000", "830000"):
        assert is_valid_id(_with_check(f"{prefix}19900101001"))


def test_legacy_numbers() -> None:
    assert not is_valid_id("110105491231002")
    assert is_valid_id("110105491231002", legacy=True)
    n = parse_id("110105491231002", legacy=True)
    assert n.legacy
    assert n.value == "11010519491231002X"
    assert zfgk.upgrade_id("110105491231002") == "11010519491231002X"
    assert zfgk.upgrade_id("110105 491231 002") == "11010519491231002X"
    with pytest.raises(InvalidIdError) as err:
        zfgk.upgrade_id("110105491331002")
    assert err.value.reason == "birth_date"


def test_repr_hides_the_number() -> None:
    n = parse_id("11010519491231002X")
    for text in (repr(n), str(n)):
        assert "19491231" not in text
        assert "11010519491231002X" not in text
    assert n.masked == "110105********002X"


# -------------------------------------------------------------- mask_id


def test_mask_id_options() -> None:
    assert mask_id("11010519491231002X") == "110105********002X"
    assert mask_id("11010519491231002X", keep_start=3) == "110***********002X"
    assert mask_id("11010519491231002X", keep_start=1, keep_end=1) == "1****************X"
    assert mask_id("11010519491231002X", keep_start=0, keep_end=0) == "*" * 18
    assert mask_id("11010519491231002X", mask_char="●") == "110105●●●●●●●●002X"
    with pytest.raises(ValueError, match="mask_char"):  # validate would not read # as hidden
        mask_id("11010519491231002X", mask_char="#")
    assert mask_id("110105491231002") == "110105******002"
    with pytest.raises(InvalidArgumentError, match="birth date"):
        mask_id("11010519491231002X", keep_start=8)
    with pytest.raises(InvalidArgumentError, match="birth date"):
        mask_id("11010519491231002X", keep_end=5)
    with pytest.raises(InvalidArgumentError, match="birth date"):
        mask_id("110105491231002", keep_end=4)  # a 15-digit number's date ends 3 from the end
    with pytest.raises(InvalidArgumentError, match="birth date"):
        mask_id("11010519491231002X", keep_start=-1)
    with pytest.raises(ValueError, match="mask_char"):
        mask_id("11010519491231002X", mask_char="0")
    for wrong in ("6", 6.0, True, None):
        with pytest.raises(TypeError, match="keep_start must be an int"):
            mask_id("11010519491231002X", keep_start=wrong)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="keep_end must be an int, not str"):
        mask_id("11010519491231002X", keep_end="4")  # type: ignore[arg-type]


@pytest.mark.parametrize("mask_char", ["#", "0", "", "**", "x"])
def test_every_masking_function_refuses_the_same_mask_characters(mask_char: str) -> None:
    for mask in (mask_id, mask_phone):
        with pytest.raises(InvalidArgumentError, match="mask_char"):
            mask("11010519491231002X" if mask is mask_id else "13812345678", mask_char=mask_char)
    with pytest.raises(InvalidArgumentError, match="mask_char"):
        redact("电话 13812345678", mask_char=mask_char)
    with pytest.raises(InvalidArgumentError, match="mask_char"):
        redact("nothing to hide", mask_char=mask_char)  # refused before anything is read
    with pytest.raises(TypeError, match="mask_char must be a string"):
        redact("电话 13812345678", mask_char=None)  # type: ignore[arg-type]


@pytest.mark.parametrize("mask_char", ["*", "＊", "×", "●", "•"])
def test_redact_writes_every_mask_character(mask_char: str) -> None:
    assert redact("电话 13812345678，证 11010519491231002X", mask_char=mask_char) == (
        f"电话 138{mask_char * 4}5678，证 110105{mask_char * 8}002X"
    )


def test_mask_id_fails_closed() -> None:
    # ID-shaped but failing a check: still someone's data, masked all the same
    assert mask_id("110105194912310021") == "110105********0021"
    with pytest.raises(InvalidIdError):
        mask_id("110105194912310021", strict=True)
    for not_an_id in ("张三", "", "12345", "1101051949123100AB", "11010519491231002X1"):
        with pytest.raises(InvalidIdError) as err:
            mask_id(not_an_id)
        if not_an_id:
            assert not_an_id not in str(err.value)


def test_mask_id_already_masked() -> None:
    for masked in ("110105********002X", "110105 ******** 002X", "110***********002X"):
        assert mask_id(masked) == masked
    # partly masked with the birth date still showing: masked further
    assert mask_id("1101051949****002X") == "110105********002X"


ID_STRATEGY = st.builds(
    lambda region, born, seq: _with_check(f"{region}{born:%Y%m%d}{seq:03d}"),
    st.sampled_from(["110105", "500101", "140621", "810000", "650102"]),
    st.dates(date(1900, 1, 1), date(2025, 12, 31)),
    st.integers(0, 999),
)


@given(ID_STRATEGY, st.integers(0, 6), st.integers(0, 4))
def test_masking_ids_is_idempotent_and_hides_the_birth_date(
    number: str, keep_start: int, keep_end: int
) -> None:
    once = mask_id(number, keep_start=keep_start, keep_end=keep_end)
    assert mask_id(once, keep_start=keep_start, keep_end=keep_end) == once
    assert number[6:14] not in once
    assert once[6:14] == "********"
    assert once[:keep_start] == number[:keep_start]


# -------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张三", "张*"),
        ("王小明", "王**"),
        ("欧阳娜娜", "欧阳**"),
        ("司马相如", "司马**"),
        ("诸葛亮", "诸葛*"),
        ("上官婉儿", "上官**"),
        ("慕容复", "慕容*"),
        ("东方明珠", "东方**"),
        ("令狐冲", "令狐*"),
        ("司马", "司*"),
        ("张", "*"),
        ("  李 四 ", "李*"),
        ("阿依古丽·买买提", "阿***·***"),
        ("买买提•艾力", "买**•**"),
        ("玛丽・居里", "玛*・**"),
        ("约翰．史密斯", "约*．***"),
        ("John Smith", "J*** *****"),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


def test_mask_name_options() -> None:
    assert mask_name("王小明", keep_last=True) == "王*明"
    assert mask_name("欧阳娜娜", keep_last=True) == "欧阳*娜"
    assert mask_name("张三", keep_last=True) == "张*"
    assert mask_name("欧阳娜", keep_last=True) == "欧阳*"
    assert mask_name("王小明", mask_char="○") == "王○○"
    with pytest.raises(PrivacyError, match="empty"):
        mask_name("  ")


@given(st.text(alphabet="张王李欧阳司马诸葛小明娜·* ", min_size=1, max_size=8).filter(str.strip))
def test_masking_names_is_idempotent(name: str) -> None:
    once = mask_name(name)
    assert mask_name(once) == once


# -------------------------------------------------------------- phones


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("+86 138 1234 5678", "+86 138****5678"),
        ("+8613812345678", "+86 138****5678"),
        ("008613812345678", "+86 138****5678"),
        ("86-138-1234-5678", "+86 138****5678"),
        ("１３８１２３４５６７８", "138****5678"),
        ("023-63861234", "023-****1234"),
        ("(023)63861234", "023-****1234"),
        ("010 8888 6666", "010-****6666"),
        ("0351-7654321", "0351-***4321"),
        ("138****5678", "138****5678"),
        ("023-****1234", "023-****1234"),
        ("1381234**78", "138******78"),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("bad", ["12345", "请致电", "23812345678", "", "0231234"])
def test_mask_phone_refuses(bad: str) -> None:
    with pytest.raises(PrivacyError) as err:
        mask_phone(bad)
    if bad:
        assert bad not in str(err.value)


@given(st.from_regex(r"1[3-9]\d{9}", fullmatch=True))
def test_masking_phones_is_idempotent(phone: str) -> None:
    once = mask_phone(phone)
    assert mask_phone(once) == once
    assert phone[3:7] not in once[:3] + once[7:] or phone[3:7] in phone[:3] + phone[7:]
    assert once[3:7] == "****"


# ----------------------------------------------------------- free text

NOTICE = """关于2026年第三批公共租赁住房分配结果的公示

经审核，以下家庭符合公租房配租条件，现予公示（公示期 2026-10-12 至 2026-10-18）：
1. 张三，身份证号 11010519491231002X，房号 3-2-201，面积 56.8㎡，联系电话 13812345678；
2. 李四，身份证号：110105-19500101-0014，房号 5-1-1203，联系电话 138-1234-5679；
3. 王五，身份证号１１０１０５１９９００１０１００１７，电话+86 139 1234 5678；
4. 赵六，证件号码 110105 19800229 0018（原号码 110105800229001），手机 0086 15012345678；
5. 钱七，身份证 11010519900101001x，手机：150-1234-5678。
运营单位统一社会信用代码 91500000MA5U7AXX2P，另一家 915001037474897312，
监督电话 023-63861234，合同编号 2026100812345678901，金额 1234567.89 元。
已公示的号码 110105********002X 与 138****5678 不再重复。
"""


def test_corpus_has_no_leaks_after_redact() -> None:
    ids = re.findall(
        r"\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx]", NOTICE.translate(zfgk.privacy._text.HALF_WIDTH)
    )
    assert len(ids) >= 4
    out = redact(NOTICE)
    assert find_pii(out) == ()
    for number in (
        "11010519491231002X",
        "11010519500101001",
        "11010519900101001",
        "110105800229001",
    ):
        assert number not in re.sub(r"[ \-]", "", out.translate(zfgk.privacy._text.HALF_WIDTH))
    for phone in ("13812345678", "13812345679", "13912345678", "15012345678"):
        assert phone not in re.sub(r"[ \-+]", "", out)
    # what is not personal data stays
    for kept in (
        "91500000MA5U7AXX2P",
        "2026-10-12",
        "3-2-201",
        "56.8㎡",
        "023-63861234",
        "2026100812345678901",
        "1234567.89",
        "110105********002X",
        "138****5678",
    ):
        assert kept in out


def test_find_pii_kinds_and_spans() -> None:
    text = "张三 11010519491231002X 电话 13812345678"
    matches = find_pii(text)
    assert [m.kind for m in matches] == [PersonalKind.ID_NUMBER, PersonalKind.PHONE]
    assert text[matches[0].start : matches[0].end] == "11010519491231002X"
    assert "11010519491231002X" not in repr(matches)
    assert "13812345678" not in repr(matches)


def test_find_pii_skips_non_personal_runs() -> None:
    for text in (
        "统一社会信用代码 91500000MA5U7AXX2P",
        "订单号 1101051949123100291",
        "日期 2026-09-28，金额 13812345678.00 元",
        "房号 3-2-201",
        "110105491331002",  # 15 digits, impossible date
    ):
        assert find_pii(text) == (), text
    # 18 digits with a real date and region but a wrong check digit: a typo, hidden anyway
    assert len(find_pii("身份证 110105194912310021")) == 1
    # a valid number glued to a letter is a number all the same
    assert len(find_pii("编号A11010519491231002X")) == 1


@given(st.text(alphabet=st.characters(exclude_categories=["Nd"]), max_size=200))
def test_redact_leaves_text_without_digits_untouched(text: str) -> None:
    assert redact(text) == text


@settings(max_examples=200)
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="公示房号面积：，。 -", max_size=20),
            ID_STRATEGY,
            st.from_regex(r"1[3-9]\d{9}", fullmatch=True),
        ),
        max_size=8,
    )
)
def test_redact_changes_only_the_personal_spans(pieces: list[str]) -> None:
    text = "；".join(pieces)
    out = redact(text)
    matches = find_pii(text)
    assert len(out) == len(text)
    previous = 0
    for m in matches:
        assert out[previous : m.start] == text[previous : m.start]
        previous = m.end
    assert out[previous:] == text[previous:]
    assert find_pii(out) == ()


# What to mask in a table: zfgk.privacy.mask_plan, the library side of zfgk mask.


def test_mask_plan_reasons_and_kinds() -> None:
    from zfgk.privacy import MaskReason, mask_plan

    header = ["序号", "保障对象姓名", "身份证号（隐藏部分号码）", "手机号", "户主", "备注"]
    plan = mask_plan(header, item=zfgk.load("chongqing").item(19))
    assert [(c.index, c.kind, c.reason) for c in plan.columns.values()] == [
        (2, PersonalKind.ID_NUMBER, MaskReason.ID_NUMBERS)
    ]
    plan = mask_plan(header, names=True, phones=True, columns={"备注": PersonalKind.PHONE})
    assert [(c.index, c.reason) for c in plan.columns.values()] == [
        (1, MaskReason.NAMES),
        (2, MaskReason.ID_NUMBERS),
        (3, MaskReason.PHONES),
        (4, MaskReason.NAMES),
        (5, MaskReason.COLUMNS),
    ]
    item22 = zfgk.load("chongqing").item(22)
    (column,) = mask_plan(["证件号码"], item=item22).columns.values()
    assert (column.reason, column.field) == (MaskReason.ITEM, "身份证号")


def test_mask_plan_masks_cells_and_fails_closed() -> None:
    from zfgk.privacy import mask_plan

    plan = mask_plan(["姓名", "身份证号", "备注"], names=True)
    assert plan.mask(0, "欧阳娜娜") == "欧阳**"
    assert plan.mask(1, "110105 19491231 002x") == "110105********002X"
    assert plan.mask(2, "身份证 11010519491231002X") == "身份证 110105********002X"
    assert plan.mask(1, "") == ""
    with pytest.raises(PrivacyError) as caught:
        plan.mask(1, "不详")
    assert "不详" not in str(caught.value)


def test_mask_plan_refuses_columns_it_cannot_place() -> None:
    from zfgk.privacy import mask_plan

    with pytest.raises(zfgk.InvalidArgumentError, match="no column '地址'"):
        mask_plan(["姓名"], columns={"地址": PersonalKind.NAME})
    with pytest.raises(zfgk.InvalidArgumentError, match="cannot tell how to mask column '备注'"):
        mask_plan(["备注"], columns={"备注": None})
    with pytest.raises(zfgk.InvalidArgumentError, match="cannot tell"):
        mask_plan(["编号"], columns={"编号": PersonalKind.IDENTIFIER})


# Built by the 2023 rule (9, the province, the ISO 3166-1 numeric nationality code, the birth
# date, the sequence): no real card's number is published.  The check characters were worked by
# hand: 9*7 + 1*9 + 1*10 + 8*5 + 4*8 + 0*4 + 1*2 + 9*1 + 8*6 + 0*3 + 0*7 + 1*9 + 0*10 + 1*5
# + 0*8 + 0*4 + 1*2 = 229 = 20*11 + 9 -> "3"; for the second the sum is 356 = 32*11 + 4 -> "8".
FOREIGNERS = {
    "911840198001010013": ("11", "840", date(1980, 1, 1), zfgk.Sex.MALE),  # Beijing, USA
    "931392197506150028": ("31", "392", date(1975, 6, 15), zfgk.Sex.FEMALE),  # Shanghai, Japan
}
# Residence permits of Hong Kong, Macao and Taiwan residents (sums 146, 155, 164 by hand).
PERMITS = {
    "810000199001010019": zfgk.IdKind.HONG_KONG_RESIDENCE_PERMIT,
    "820000199001010010": zfgk.IdKind.MACAO_RESIDENCE_PERMIT,
    "830000199001010012": zfgk.IdKind.TAIWAN_RESIDENCE_PERMIT,
}


def test_foreigners_permanent_residence_cards_are_id_numbers() -> None:
    for number, (province, nationality, born, sex) in FOREIGNERS.items():
        assert check_digit(number[:17]) == number[17]
        assert is_valid_id(number)
        n = parse_id(number)
        assert n.kind is zfgk.IdKind.FOREIGN_PERMANENT_RESIDENT
        assert n.kind.value == "外国人永久居留身份证"
        assert (n.region_code[1:3], n.nationality_code) == (province, nationality)
        assert (n.birth_date, n.sex) == (born, sex)
        assert mask_id(number) == number[:6] + "*" * 8 + number[14:]
        assert mask_id(number, strict=True) == number[:6] + "*" * 8 + number[14:]
        spaced = f"{number[:6]} {number[6:14]} {number[14:]}"
        assert redact(f"外籍申请人，证件号码{spaced}。") == (
            f"外籍申请人，证件号码{number[:6]} ******** {number[14:]}。"
        )
        assert [m.kind for m in find_pii(f"编号00421{number}")] == [PersonalKind.ID_NUMBER]
        # python-stdnum (2.2) knows only citizens' address codes and rejects these cards.
        assert not ric.is_valid(number)


def test_foreigners_cards_are_checked_like_the_others() -> None:
    number = "911840198001010013"
    with pytest.raises(InvalidIdError) as err:
        parse_id(number[:17] + "4")
    assert err.value.reason == "check_digit"
    for first17 in ("98184019800101001", "99984019800101001", "90084019800101001"):
        # 9, then Hong Kong's code, or no province at all: not a card the mainland issues
        with pytest.raises(InvalidIdError) as err:
            parse_id(first17 + check_digit(first17))
        assert err.value.reason == "region"
    bad_date = "91184019801301001"
    with pytest.raises(InvalidIdError) as err:
        parse_id(bad_date + check_digit(bad_date))
    assert err.value.reason == "birth_date"


def test_parse_id_names_the_residence_permits() -> None:
    for number, kind in PERMITS.items():
        assert check_digit(number[:17]) == number[17]
        n = parse_id(number)
        assert (n.kind, n.nationality_code) == (kind, None)
        assert redact(number) == number[:6] + "*" * 8 + number[14:]
    assert parse_id("11010519491231002X").kind is zfgk.IdKind.RESIDENT
    assert parse_id("110105491231002", legacy=True).kind is zfgk.IdKind.RESIDENT


# ID numbers a spreadsheet turned into numbers (issue 19): 11010519491231002X kept as a
# number is 110105194912310000 after Excel's 15 digits, shown in scientific notation.


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        ("1.1010519491231E+17", "1.10105********E+17"),  # Excel's CSV (its trailing 0 dropped)
        ("1.1010519491231E+017", "1.10105********E+017"),  # LibreOffice's CSV
        ("1.10105194912310e+17", "1.10105********0e+17"),  # Python's str() of the float
        ("6.205032E+17", "6.20503*E+17"),  # a column wide enough for one birth-date digit
        ("6.2050320000609E+17", "6.20503********E+17"),  # 620503 20000609 …
    ],
)
def test_id_numbers_in_scientific_notation(written: str, masked: str) -> None:

    text = f"身份证号：{written}，电话 13812345678"
    id_match, phone = find_pii(text)
    assert (id_match.kind, text[id_match.start : id_match.end]) == (
        PersonalKind.ID_NUMBER,
        written,
    )
    assert phone.kind is PersonalKind.PHONE
    assert redact(text) == f"身份证号：{masked}，电话 138****5678"
    assert redact(written, mask_char="●") == masked.replace("*", "●")
    assert may_hold_pii(written)
    with pytest.raises(InvalidIdError, match="scientific notation") as caught:
        mask_id(written)
    assert written not in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "1.5E+3",
        "2.6E+05",
        "1.1E+17",
        "6.20503E+17",  # Excel's narrow column: the region only, no birth-date digit
        "1.23456789E+17",  # 123456 then 78…: no birth year
        "9.99999919E+17",  # 999…: no region
        "16.2050320000609E+17",  # not one digit before the point
        "6.2050320000609E+16",
        "6.2050320000609E+170",
        "3.1415926535E+10",
    ],
)
def test_other_numbers_in_scientific_notation_are_left(text: str) -> None:
    assert find_pii(f"金额 {text} 元") == ()
    assert redact(f"金额 {text} 元") == f"金额 {text} 元"


# A whole number a program holds as a float is written with ".0": Python's str() and
# pandas' to_csv write a mobile column with one blank cell so (the column becomes float64).
# The reader sees the whole number; only two decimals, or another digit, make an amount.


def test_whole_numbers_written_as_floats_are_read() -> None:
    mobile, legacy = str(float(13812345678)), str(float(110105491231002))
    assert (mobile, legacy) == ("13812345678.0", "110105491231002.0")  # Python's own writing
    text = f"联系电话：{mobile}；旧身份证：{legacy}；全角：１３８１２３４５６７８．０"
    assert [m.kind for m in find_pii(text)] == [
        PersonalKind.PHONE,
        PersonalKind.ID_NUMBER,
        PersonalKind.PHONE,
    ]
    assert redact(text) == (
        "联系电话：138****5678.0；旧身份证：110105******002.0；全角：１３８****５６７８．０"
    )
    assert redact("138 1234 5678.0", mask_char="●") == "138 ●●●● 5678.0"
    # amounts stay amounts: two decimals, or a digit other than 0
    for amount in ("13812345678.00", "13812345678.5", "13812345678.05", "12345678901.0"):
        assert find_pii(f"金额 {amount} 元") == ()
        assert redact(f"金额 {amount} 元") == f"金额 {amount} 元"


# Marks that show nothing between two digits but are no format character (Cf): a number
# written with them is read as a person reads it. The keycap form is how phones and
# chat apps write a digit as an emoji: digit, U+FE0F, U+20E3 (Unicode's emoji-sequences
# list, "keycap: 1" is 0031 FE0F 20E3).


@pytest.mark.parametrize(
    ("mark", "name"),
    [
        ("\u034f", "combining grapheme joiner"),
        ("\ufe0f", "variation selector 16"),
        ("\u3164", "Hangul filler"),
        ("\ufe0f\u20e3", "keycap"),
        ("\U000e0100", "variation selector 17"),
    ],
)
def test_numbers_read_across_marks_that_show_nothing(mark: str, name: str) -> None:
    mobile = mark.join("13812345678") + mark
    identity = mark.join("11010519491231002X")
    text = f"电话：{mobile}；身份证：{identity}。"
    assert [m.kind for m in find_pii(text)] == [PersonalKind.PHONE, PersonalKind.ID_NUMBER], name
    masked = redact(text)
    assert masked.replace(mark, "") == "电话：138****5678；身份证：110105********002X。", name
    assert masked.count(mark) == text.count(mark), name  # every mark kept where it was
    # a list numbered with keycaps is no number
    assert find_pii(f"{mark.join('123')}{mark} 申请 {mark.join('456')}{mark} 审核") == ()


def test_messages_hide_a_number_across_every_mark_find_pii_reads_across() -> None:
    # quiet() (layer 0) keeps its own copy of the class: it must not fall behind
    from zfgk._arguments import quiet
    from zfgk.privacy._text import INVISIBLE

    for mark in sorted(INVISIBLE):
        text = mark.join("13812345678")
        assert find_pii(text), f"U+{ord(mark):04X}"
        assert quiet(f"张三{text}") == "张三…", f"U+{ord(mark):04X}"


# A form's boxes, or a PDF whose letters are spaced out, write a mobile number one digit at
# a time: "1 3 8 1 2 3 4 5 6 7 8".  Eleven single digits, one separator apart, are read as a
# person reads them; a longer row of single digits (a table's row of small counts), or one
# whose columns are wider apart, is left.


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("电话：1 3 8 1 2 3 4 5 6 7 8。", "电话：1 3 8 * * * * 5 6 7 8。"),
        (
            "电话：１　３　８　１　２　３　４　５　６　７　８",
            "电话：１　３　８　*　*　*　*　５　６　７　８",
        ),
        ("Tel 1-3-8-1-2-3-4-5-6-7-8", "Tel 1-3-8-*-*-*-*-5-6-7-8"),
        ("编号 2026  1 3 8 1 2 3 4 5 6 7 8", "编号 2026  1 3 8 * * * * 5 6 7 8"),
    ],
)
def test_a_mobile_written_one_digit_at_a_time_is_read(text: str, masked: str) -> None:
    assert [m.kind for m in find_pii(text)] == [PersonalKind.PHONE]
    assert redact(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "各区户数 1 3 8 1 2 3 4 5 6 7 8 9",  # twelve single digits: a row of counts
        "各区户数 5 1 3 8 1 2 3 4 5 6 7 8",
        # eleven single counts among larger ones, one space apart
        "渝中区 12 1 3 8 1 2 3 4 5 6 7 8 45",
        "2026 1 3 8 1 2 3 4 5 6 7 8",
        "各区户数 1  3  8  1  2  3  4  5  6  7  8",  # columns two spaces apart
        "1 2 3 4 5 6 7 8 9 1 0",  # no mobile prefix
    ],
)
def test_rows_of_single_digits_stay(text: str) -> None:
    assert find_pii(text) == ()
    assert redact(text) == text


# A row of amounts one space apart is amounts: each "digits.decimals" from the start of the
# row is one, as the single amount is; what follows them is read as usual.


def test_a_row_of_amounts_stays_a_row_of_amounts() -> None:
    for text in (
        "金额 13812345678.00 13812345678.00 元",
        "金额 13812345678.00 13912345678.50 15012345678.5 元",
        "金额 13812345678.00 2026.01.05",
    ):
        assert find_pii(text) == (), text
        assert redact(text) == text, text
    # a mobile number after the amounts, and a whole number written as a float, are read
    assert redact("金额 13812345678.00 13912345678 元") == "金额 13812345678.00 139****5678 元"
    assert redact("13812345678.0 13912345678.0") == "138****5678.0 139****5678.0"
    # digits before the amount may be part of its number: read as before
    assert redact("138 1234 5678.00") == "138 **** 5678.00"


# Digits a person reads as digits though they are not 0-9 (nor their full-width forms):
# superscript, subscript, circled and "fancy text" digits.  Each style is written here from
# its Unicode code points, as the standard lays them out.

_STYLES = {
    "superscript": "⁰¹²³⁴⁵⁶⁷⁸⁹",
    "subscript": "".join(chr(0x2080 + d) for d in range(10)),
    "circled": "⓪" + "".join(chr(0x2460 + d - 1) for d in range(1, 10)),
    "negative circled": "⓿" + "".join(chr(0x2776 + d - 1) for d in range(1, 10)),
    "mathematical bold": "".join(chr(0x1D7CE + d) for d in range(10)),
    "mathematical monospace": "".join(chr(0x1D7F6 + d) for d in range(10)),
    "segmented": "".join(chr(0x1FBF0 + d) for d in range(10)),
}


@pytest.mark.parametrize("style", sorted(_STYLES))
def test_digits_drawn_otherwise_are_read(style: str) -> None:
    def drawn(digits: str) -> str:
        return "".join(_STYLES[style][int(d)] if d.isdigit() else d for d in digits)

    text = f"电话：{drawn('13812345678')}，身份证：{drawn('11010519491231002X')}。"
    assert [(m.kind, m.end - m.start) for m in find_pii(text)] == [
        (PersonalKind.PHONE, 11),
        (PersonalKind.ID_NUMBER, 18),
    ]
    assert redact(text) == (
        f"电话：{drawn('138')}****{drawn('5678')}，身份证：{drawn('110105')}********{drawn('002X')}。"
    )
    assert redact(text, mask_char="●").count("●") == 12
    assert may_hold_pii(drawn("13812345678"))
    # apart from the digits around them: a number and a footnote mark are two things
    assert redact(f"2026{drawn('13812345678')}") == f"2026{drawn('138')}****{drawn('5678')}"


def test_what_is_drawn_otherwise_and_no_number_stays() -> None:
    for text in (
        "面积 89.5m²，体积 12m³，单价 13812.50元/m²，共 12345678901 元",
        "①申请 ②审核 ③公示 ④签约 ⑤入住 ⑥退出 ⑦复核 ⑧归档 ⑨备案",
        "注¹ 注² 注³ 第⑴项",
    ):
        assert find_pii(text) == (), text
        assert redact(text) == text, text
    # a footnote mark after a number is no digit of it
    assert redact("电话13812345678¹。") == "电话138****5678¹。"


# Bidirectional controls show digits in another order than they are stored: under a
# right-to-left override (U+202E … U+202C) every character shows reversed; after a
# right-to-left mark, embedding or isolate, numbers apart show in reverse order, each
# number's digits in its own order (UAX #9: W7, N1, I2, L2).


def test_digits_shown_reversed_by_an_override_are_read() -> None:
    text = "电话\u202e87654321831\u202c。"  # shows 电话13812345678。
    assert [(m.kind, m.start, m.end) for m in find_pii(text)] == [(PersonalKind.PHONE, 3, 14)]
    # the digits shown 4th to 7th (1234) are stored 5th to 8th from the end
    assert redact(text) == "电话\u202e8765****831\u202c。"
    assert redact("\u202e8765 4321 831") == "\u202e8765 **** 831"
    assert redact("\u202e⁸⁷⁶⁵⁴³²¹⁸³¹\u202c") == "\u202e⁸⁷⁶⁵****⁸³¹\u202c"  # drawn otherwise too
    # the reach of an override ends with its line
    assert find_pii("\u202e1\n87654321831") == ()
    # an override inside a number: stored 138 8765 4321 (a mobile number, its 8765 hidden),
    # shown 138 1234 5678; once masked, 138 1234 **** shows
    text = "电话 138 \u202e8765 4321\u202c"
    assert [m.kind for m in find_pii(text)] == [PersonalKind.PHONE]
    assert redact(text) == "电话 138 \u202e**** 4321\u202c"


def test_numbers_shown_in_reverse_order_after_a_right_to_left_mark_are_read() -> None:
    for control in ("\u200f", "\u202b", "\u2067", "\u061c"):
        text = f"电话{control}5678 1234 138号"  # shows 电话138 1234 5678号
        assert [m.kind for m in find_pii(text)] == [PersonalKind.PHONE], repr(control)
        assert redact(text) == f"电话{control}5678 **** 138号", repr(control)
    # joined by a hyphen, a number shows as it is stored: no mobile number
    assert find_pii("\u202b5678-4321-831\u202c") == ()
    assert find_pii("5678 1234 138") == ()  # no control: as stored


_DRAWN_NUMBERS = ("13812345678", "11010519491231002X", "8613912345678", "5678 1234 138")
_DRAWN_PIECES = st.one_of(
    st.builds(
        lambda number, style: "".join(_STYLES[style][int(c)] if c.isdigit() else c for c in number),
        st.sampled_from(_DRAWN_NUMBERS),
        st.sampled_from(sorted(_STYLES)),
    ),
    st.sampled_from([*_DRAWN_NUMBERS, "87654321831", "2026"]),
    st.sampled_from(["\u202e", "\u202c", "\u200f", "\u202b", "\u2067", "\u2069", "\n", " ", "号"]),
)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.lists(_DRAWN_PIECES, max_size=8).map("".join))
def test_what_redact_leaves_of_unusual_text_reads_clean(text: str) -> None:
    masked = redact(text)
    assert len(masked) == len(text)
    assert find_pii(masked) == (), repr(text)
    assert (masked != text) == bool(find_pii(text)), repr(text)
