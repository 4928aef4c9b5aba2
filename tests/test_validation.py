"""Record validation: every code on both catalogues, matching rules, and no leaked values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zfgk
from zfgk import validate, validate_many

CQ = zfgk.load("chongqing")
SY = zfgk.load("shanyin")

ITEM19 = {
    "保障对象姓名": "张*",
    "保障性住房类型": "公共租赁住房",
    "房号": "1-2-301",
    "面积": "45.60",
    "套型": "一室一厅",
    "所在建设项目名称": "民心佳园",
}


def codes(report: zfgk.Report) -> list[tuple[str, str]]:
    return [(p.code.value, p.field) for p in report.problems]


def test_complete_record_passes() -> None:
    report = validate(CQ.item(19), ITEM19)
    assert report.ok
    assert report.problems == ()


def test_missing_and_empty() -> None:
    record = dict(ITEM19)
    del record["套型"]
    record["面积"] = "  "
    report = validate(CQ.item(19), record)
    assert not report.ok
    assert codes(report) == [("empty", "面积"), ("missing", "套型")]


def test_compound_column_covers_its_fields() -> None:
    record = {k: v for k, v in ITEM19.items() if k not in ("房号", "面积", "套型")}
    record["房号面积套型"] = "1-2-301 45.60 一室一厅"
    assert validate(CQ.item(19), record).ok
    record["房号面积套型"] = ""
    assert codes(validate(CQ.item(19), record)) == [
        ("empty", "房号"),
        ("empty", "面积"),
        ("empty", "套型"),
    ]


def test_whole_element_text_with_punctuation_variants() -> None:
    record = {
        "原保障对象姓名": "张*",
        "身份证号（隐藏部分号码）": "110105********002X",
        "原租购项目名称、地址、类型、套型、面积等": "民心佳园 …",
        "原享受补贴面积标准等": "45",
    }
    assert validate(CQ.item(22), record).ok
    record["原租购项目名称,地址,类型,套型,面积"] = record.pop(
        "原租购项目名称、地址、类型、套型、面积等"
    )
    # ASCII commas are not the source's 、: the column is unknown, the fields missing
    assert ("missing", "原租购项目名称") in codes(validate(CQ.item(22), record))


def test_fullwidth_and_whitespace_in_keys() -> None:
    record = {f" {k} ": v for k, v in ITEM19.items()}
    assert validate(CQ.item(19), record).ok
    assert validate(
        CQ.item(36),
        {
            "租金标准": "1",
            "缴纳方式时限": "x",
            "受理（办理）机构": "y",
            "咨询电话": "023-63861234",
            "监督电话": "023-63861235",
        },
    ).ok
    assert validate(
        CQ.item(36),
        {
            "租金标准": "1",
            "缴纳方式时限": "x",
            "受理(办理)机构": "y",
            "咨询电话监督电话": "023-63861234",
        },
    ).ok


def test_aliases() -> None:
    record = dict(ITEM19)
    record["承租人"] = record.pop("保障对象姓名")
    assert codes(validate(CQ.item(19), record)) == [
        ("unknown", "承租人"),
        ("missing", "保障对象姓名"),
    ]
    assert validate(CQ.item(19), record, aliases={"承租人": "保障对象姓名"}).ok
    # one alias map for a whole system: a target the item lacks is left out ...
    lenient = validate(CQ.item(19), record, aliases={"承租人": "保障对象姓名", "x": "姓名拼音"})
    assert lenient.ok
    # ... unless strict=True asks for the mistake to be an error
    with pytest.raises(ValueError, match="not a field of item 19"):
        validate(CQ.item(19), record, aliases={"承租人": "姓名拼音"}, strict=True)


def test_builtin_aliases() -> None:
    record = dict(ITEM19)
    record["姓名"] = record.pop("保障对象姓名")
    assert validate(CQ.item(19), record).ok
    exit_record = {
        "姓名": "张*",
        "证件号码": "110105********002X",
        "原租购项目名称、地址、类型、套型、面积等": "…",
        "原享受补贴面积标准": "45",
    }
    assert validate(CQ.item(23), exit_record).ok


def test_unmasked_id() -> None:
    record = {
        "申请受理": "已受理",
        "申请对象姓名": "张*",
        "身份证号": "11010519491231002X",
        "申请房源类型": "公租房",
        "是否审核通过": "是",
    }
    report = validate(CQ.item(14), record)
    assert codes(report) == [("unmasked", "身份证号")]
    record["身份证号"] = "110105 19491231 002x"
    assert codes(validate(CQ.item(14), record)) == [("unmasked", "身份证号")]
    record["身份证号"] = "110105194912310021"  # a typo: still someone's number
    assert codes(validate(CQ.item(14), record)) == [("unmasked", "身份证号")]
    record["身份证号"] = "110105********002X"
    assert validate(CQ.item(14), record).ok
    record["身份证号"] = "110***********002X"
    assert validate(CQ.item(14), record).ok


def test_invalid_id() -> None:
    base = {
        "原保障对象姓名": "张*",
        "原租购项目名称": "a",
        "地址": "b",
        "类型": "c",
        "套型": "d",
        "面积": "e",
        "原享受补贴面积标准": "f",
    }
    for value in ("不详", "1101051949", "110105********00AB", "11010519491231X02X"):
        report = validate(CQ.item(24), {**base, "身份证号": value})
        assert codes(report) == [("invalid", "身份证号")], value
    # masked too little: the birth year shows; that is unmasked, not invalid
    for value in ("1101051949****002X", "110105*9491231002X", "110105 1949** ** 002X"):
        report = validate(CQ.item(24), {**base, "身份证号": value})
        assert codes(report) == [("unmasked", "身份证号")], value


def test_id_number_leaked_into_another_field() -> None:
    record = dict(ITEM19)
    record["所在建设项目名称"] = "民心佳园（户主身份证 11010519491231002X）"
    assert codes(validate(CQ.item(19), record)) == [("unmasked", "所在建设项目名称")]
    record = dict(ITEM19, 备注="复核 11010519491231002X")
    assert codes(validate(CQ.item(19), record)) == [("unknown", "备注"), ("unmasked", "备注")]


def test_unknown_is_a_warning() -> None:
    report = validate(CQ.item(19), dict(ITEM19, 序号="1"))
    assert report.ok
    assert codes(report) == [("unknown", "序号")]
    assert report.warnings == report.problems


def test_shanyin_optional_fields() -> None:
    required_only = {
        "申请受理": "已受理",
        "审核结果：申请对象姓名身份证号(隐藏部分号码)申请房源类型": "…",
    }
    record = {
        "申请受理": "已受理",
        "申请对象姓名": "张*",
        "身份证号": "110105********002X",
        "申请房源类型": "公租房",
    }
    item = SY.item(14)
    assert validate(item, record).ok  # ○ 是否审核通过, 审核未通过原因 may be left out
    assert validate(item, dict(record, 是否审核通过="")).ok  # and may be blank
    assert validate(item, required_only).ok
    # the same item in Chongqing requires 是否审核通过
    assert codes(validate(CQ.item(14), record)) == [("missing", "是否审核通过")]
    # Shanyin 15 inherits 14's content, optional marks included
    assert validate(SY.item(15), record).ok


def test_every_item_of_both_catalogues() -> None:
    for catalogue in (CQ, SY):
        for item in catalogue:
            full = {f.name: _good_value(f) for f in item.fields}
            assert validate(item, full).ok, (catalogue.name, item.number)
            report = validate(item, {})
            required = [f.name for e in item.elements if e.required for f in e.fields]
            assert codes(report) == [("missing", name) for name in required]


def _good_value(f: zfgk.Field) -> str:
    if f.personal is zfgk.PersonalKind.ID_NUMBER:
        return "110105********002X"
    if f.personal is zfgk.PersonalKind.PHONE:
        return "138****5678"
    return "某值"


def test_phone_fields() -> None:
    base = {
        "维修内容": "a",
        "维修标准": "b",
        "维修资金来源渠道": "c",
        "维修单位名称": "d",
        "联系人": "张*",
    }
    assert validate(CQ.item(30), dict(base, 联系方式="13812345678")).ok  # not required masked
    assert codes(validate(CQ.item(30), dict(base, 联系方式="请来电"))) == [("invalid", "联系方式")]


def test_validate_many_reuses_the_checks() -> None:
    records = [ITEM19, {}, dict(ITEM19, 面积="")]
    assert [r.ok for r in validate_many(CQ.item(19), records)] == [True, False, False]


names = st.text(alphabet="张王李欧阳小明娜", min_size=1, max_size=4)
ids = st.from_regex(r"[1-6][0-9]{16}[0-9X]", fullmatch=True)
phones = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@pytest.mark.thorough
@settings(max_examples=300)
@given(
    st.dictionaries(
        st.sampled_from(["申请对象姓名", "身份证号", "申请受理", "备注", "联系电话", "姓名"]),
        st.one_of(names, ids, phones, st.just("")),
    )
)
def test_no_value_appears_in_any_report(record: dict[str, str]) -> None:
    report = validate(CQ.item(14), record)
    rendered = repr(report) + "".join(p.message + p.field for p in report.problems)
    for key, value in record.items():
        if value and value != key and len(value) >= 2:
            assert value not in rendered.replace(key, "")


def test_validate_keeps_compiled_checks_bounded_and_per_item() -> None:
    import gc
    import threading

    import attrs

    from zfgk import validation

    item = zfgk.load("chongqing").item(19)
    record = {f.name: "x" for f in item.fields}
    assert zfgk.validate(item, record).ok
    assert validation._validator(item, None) is validation._validator(item, None)
    assert validation._validator(item, {"户主": "保障对象姓名"}) is not validation._validator(
        item, None
    )
    # A new item object, even at a reused address, gets checks of its own.  The cache
    # is keyed by id(): an entry left under this item's address by another item (as
    # when an item is freed and a new one allocated where it was) is not taken.
    one = attrs.evolve(item, elements=item.elements[:1])
    assert zfgk.validate(one, {"保障对象姓名": "张*"}).ok
    (key,) = [k for k in validation._cache if k[0] == id(one)]
    validation._cache[(id(item), *key[1:])] = validation._cache[key]
    assert not zfgk.validate(item, {"保障对象姓名": "张*"}).ok  # 房号 and the rest still required
    assert validation._cache[(id(item), *key[1:])][0]() is item
    del one
    # The same through real reuse of addresses, a few times (a young collection frees them).
    for _ in range(5):
        other = attrs.evolve(item, elements=item.elements[:1])
        assert zfgk.validate(other, {"保障对象姓名": "张*"}).ok
        del other
        gc.collect(0)
    assert not zfgk.validate(item, {"保障对象姓名": "张*"}).ok
    # Bounded: many aliases, never more than CACHE_SIZE entries.
    for n in range(validation.CACHE_SIZE + 50):
        zfgk.validate(item, record, aliases={f"列{n}": "房号"})
    assert len(validation._cache) <= validation.CACHE_SIZE
    # Shared by threads, with the same verdicts.
    results: list[bool] = []

    def work() -> None:
        for n in range(200):
            results.append(zfgk.validate(item, record, aliases={f"列{n % 300}": "房号"}).ok)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 1600


# One table of headers (zfgk.headers) serves check, validate and mask: walk it.

# What each header of the table holds, written out here independently of it.
EXPECTED_KINDS = {
    "姓名": "name",
    "名字": "name",
    "户主": "name",
    "户主姓名": "name",
    "申请人": "name",
    "申请人姓名": "name",
    "身份证": "id_number",
    "身份证号": "id_number",
    "身份证号码": "id_number",
    "公民身份号码": "id_number",
    "证件号码": "id_number",
    "证件号": "id_number",
    "手机": "phone",
    "手机号": "phone",
    "手机号码": "phone",
    "电话": "phone",
    "电话号码": "phone",
    "联系电话": "phone",
    "联系方式": "phone",
}


def test_the_header_table_is_the_union_of_the_old_two() -> None:
    from zfgk.headers import BUILTIN_ALIASES

    assert {alias: kind.value for alias, kind in BUILTIN_ALIASES.items()} == EXPECTED_KINDS


def _item_with_one(kind: zfgk.PersonalKind) -> tuple[zfgk.Item, zfgk.Field]:
    for item in CQ:
        of_kind = [f for f in item.fields if f.personal is kind]
        if len(of_kind) == 1:
            return item, of_kind[0]
    raise AssertionError(f"no item with exactly one {kind} field")


@pytest.mark.parametrize("alias", sorted(EXPECTED_KINDS))
@pytest.mark.parametrize("written", ["{}", " {} ", "{}（隐藏部分号码）", "{}等"])
def test_check_validate_and_mask_read_every_header_alike(alias: str, written: str) -> None:
    from zfgk.privacy import mask_plan

    kind = zfgk.PersonalKind(EXPECTED_KINDS[alias])
    header = written.format(alias)
    item, field = _item_with_one(kind)
    # check and validate: the column is the item's one field of that kind
    validator = zfgk.Validator(item)
    assert validator.fields_for(header) == (field,)
    assert field.name not in [p.field for p in validator.missing_columns([header])]
    assert ("unknown", header) not in codes(validate(item, {header: "x"}))
    # mask: the same kind, with the item and without one
    for with_item in (item, None):
        plan = mask_plan(["序号", header], item=with_item, names=True, phones=True)
        assert [(i, c.kind) for i, c in plan.columns.items()] == [(1, kind)]


def test_a_list_headed_zhengjianhao_is_understood_by_check_and_mask() -> None:
    from zfgk.privacy import mask_plan

    item = CQ.item(22)
    record = {
        "原保障对象姓名": "张*",
        "证件号": "11010519491231002X",
        "原租购项目名称、地址、类型、套型、面积等": "民心佳园 1-1-101",
        "原享受补贴面积标准": "45",
    }
    assert codes(validate(item, record)) == [("unmasked", "身份证号")]
    plan = mask_plan(list(record), item=item)
    masked = {name: plan.mask(i, value) for i, (name, value) in enumerate(record.items())}
    assert masked["证件号"] == "110105********002X"
    assert validate(item, masked).ok


def test_tally_adds_up_reports() -> None:
    from zfgk.problems import Tally

    item = CQ.item(19)
    tally = Tally()
    reports = [
        validate(item, ITEM19),  # passes
        validate(item, {**ITEM19, "面积": ""}),  # fails: empty
        validate(item, {**ITEM19, "备注": "无"}),  # a warning only
        validate(item, {**ITEM19, "面积": " ", "备注": "无"}),  # fails
    ]
    for report in reports:
        tally.add(report)
    assert (tally.failed, tally.warned) == (2, 1)
    assert tally.by_field_and_code() == [("备注", "unknown", 2), ("面积", "empty", 2)]
    assert not tally.ok(records=4)
    clean = Tally()
    clean.add(reports[0])
    clean.add(reports[2])
    assert clean.ok(records=2)
    assert not clean.ok(records=0)
    missing = validate(item, {}).problems[:1]
    assert not clean.ok(records=2, header=missing)
