"""Embedding zfgk in a housing system: mask_record, one alias map, ignore=, errors at the call."""

from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zfgk
from zfgk.cli import main
from zfgk.headers import ColumnMatcher
from zfgk.values import ValueKind, read_value

ROOT = Path(__file__).resolve().parent.parent
CQ = zfgk.load("chongqing")
ITEM19 = CQ.item(19)
ITEM22 = CQ.item(22)
GOOD19 = {
    "保障对象姓名": "张*",
    "保障性住房类型": "公租房",
    "房号": "1-1-101",
    "面积": "45.6",
    "套型": "一室一厅",
    "所在建设项目名称": "民心佳园",
}
FULL_ID = "11010519491231002X"  # GB 11643's own example: check digit X


def codes(report: zfgk.Report) -> list[tuple[str, str]]:
    return [(p.code.value, p.field) for p in report.problems]


# ---------------------------------------------------------------- mask_record


def test_mask_record_keeps_keys_order_and_types() -> None:
    record = {
        "id": 42,
        "身份证号": FULL_ID,
        "保障对象姓名": "张三",
        "备注": "电话 13812345678，复核 11010519491231002X",
        "面积": 56.8,
        "联系电话": "023-63861234",
    }
    masked = zfgk.mask_record(ITEM19, record)
    assert list(masked) == list(record)
    assert masked == {
        "id": 42,
        "身份证号": "110105********002X",
        "保障对象姓名": "张三",  # item 19 publishes the name
        "备注": "电话 138****5678，复核 110105********002X",
        "面积": 56.8,
        "联系电话": "023-63861234",  # an office line: published unless phones=True
    }
    assert record["身份证号"] == FULL_ID  # a new record; the caller's is untouched
    more = zfgk.mask_record(ITEM19, record, names=True, phones=True)
    assert (more["保障对象姓名"], more["联系电话"]) == ("张*", "023-****1234")


def test_mask_record_masks_what_the_item_hides_under_an_alias() -> None:
    masked = zfgk.mask_record(
        ITEM22, {"Owner": "张三", "SFZ": FULL_ID}, aliases={"sfz": "身份证号"}
    )
    assert masked == {"Owner": "张三", "SFZ": "110105********002X"}


@pytest.mark.parametrize("blank", [None, "", "  ", "\u200b", float("nan")])
def test_blanks_stay_blank(blank: object) -> None:
    masked = zfgk.mask_record(ITEM22, {"身份证号": blank, "备注": blank})
    assert masked["身份证号"] is blank
    assert masked["备注"] is blank


@pytest.mark.parametrize(
    "value", ["不详", 110105194912310021, 1.1010519491231002e17, [FULL_ID], {"号码": FULL_ID}]
)
def test_what_cannot_be_masked_truthfully_raises_naming_the_field(value: object) -> None:
    with pytest.raises(zfgk.PrivacyError) as caught:
        zfgk.mask_record(ITEM22, {"原保障对象姓名": "张三", "身份证号": value})
    message = str(caught.value)
    assert "身份证号" in message
    assert "110105" not in message
    assert "不详" not in message
    assert "身份证号" in caught.value.localized("zh")


def test_a_list_anywhere_cannot_be_masked() -> None:
    with pytest.raises(zfgk.PrivacyError, match="备注"):
        zfgk.mask_record(ITEM19, {"备注": ["电话 13812345678"]})


def test_mask_records_streams_with_the_options_checked_at_the_call() -> None:
    read = []

    def rows() -> Any:
        for n in range(3):
            read.append(n)
            yield {"身份证号": FULL_ID, "n": n}

    stream = zfgk.mask_records(ITEM22, rows())
    assert read == []  # nothing read until asked
    assert next(stream) == {"身份证号": "110105********002X", "n": 0}
    assert read == [0]
    assert [r["n"] for r in stream] == [1, 2]
    with pytest.raises(TypeError, match=r"item must be a zfgk\.Item"):
        UNTYPED.mask_records(22, [])
    with pytest.raises(TypeError, match="records must be an iterable"):
        UNTYPED.mask_records(ITEM22, {"身份证号": FULL_ID})


def test_mask_record_is_what_zfgk_mask_writes(tmp_path: Path) -> None:
    """The library and the command line give the same cells, value for value."""
    source = tmp_path / "in.csv"
    rows = [
        ["序号", "姓名", "身份证号", "保障性住房类型", "房号面积套型", "所在建设项目名称", "备注"],
        ["1", "张三", FULL_ID, "公租房", "1-2-301 45.60 一室一厅", "民心佳园", ""],
        ["2", "李四", "110105 19500101 001x", "公租房", "1-2-302", "民心佳园", "手机13812345678"],
        ["3", "王五", "110105********0017", "", "", "", "复核 110105199001010017"],
        ["4", "赵六", "", "公租房", "3-1-1202", "民心佳园", "电话 023-63861234"],
    ]
    with source.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    out = tmp_path / "out.csv"
    for extra in ([], ["--names"]):
        assert main(["mask", str(source), "-o", str(out), "--item", "19", *extra]) == 0
        with out.open(encoding="utf-8", newline="") as f:
            written = list(csv.reader(f))
        header = rows[0]
        records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
        ours = zfgk.mask_records(ITEM19, records, names=bool(extra))
        assert [list(r.values()) for r in ours] == written[1:]
    assert written[1][1:3] == ["张*", "110105********002X"]
    assert written[2][2] == "110105********001X"
    assert written[2][6] == "手机138****5678"
    assert written[3][6] == "复核 110105********0017"


def test_zfgk_mask_and_mask_record_refuse_the_same_value(tmp_path: Path) -> None:
    source = ROOT / "examples/item19-allocation-mistakes.csv"
    assert main(["mask", str(source), "-o", str(tmp_path / "out.csv"), "--item", "19"]) == 1
    with source.open(encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    with pytest.raises(zfgk.PrivacyError, match="身份证号"):
        list(zfgk.mask_records(ITEM19, records))


# ------------------------------------------------------- one alias map, ignore=

SYSTEM_ALIASES = {
    "name": "保障对象姓名",
    "old_name": "原保障对象姓名",
    "sfz": "身份证号",
    "kind": "保障性住房类型",
    "project": "所在建设项目名称",
}


def test_one_alias_map_serves_every_item() -> None:
    record19 = {"Name": "张*", "KIND": "公租房", "房号面积套型": "1-1-101 45.6 一室一厅"}
    record19["ｐｒｏｊｅｃｔ"] = "民心佳园"
    assert zfgk.Validator(ITEM19, SYSTEM_ALIASES)(record19).ok
    assert zfgk.validate(ITEM19, record19, aliases=SYSTEM_ALIASES).ok
    record22 = {
        "OLD_NAME": "张*",
        " Sfz ": "110105********002X",
        "原租购项目名称、地址、类型、套型、面积等": "民心佳园",
        "原享受补贴面积标准": "45",
    }
    assert zfgk.validate(ITEM22, record22, aliases=SYSTEM_ALIASES).ok
    with pytest.raises(zfgk.InvalidArgumentError, match="old_name"):
        zfgk.Validator(ITEM19, SYSTEM_ALIASES, strict=True)
    assert ColumnMatcher(ITEM19, SYSTEM_ALIASES).unused_aliases == ("old_name", "sfz")


def test_ignore_names_keys_that_are_not_fields() -> None:
    record = {**GOOD19, "id": 17, "Created_At": "2026-09-28 10:00:00"}
    assert codes(zfgk.validate(ITEM19, record)) == [("unknown", "id"), ("unknown", "Created_At")]
    assert zfgk.validate(ITEM19, record, ignore=["ID", "created_at"]).problems == ()
    reports = zfgk.validate_many(ITEM19, [record], ignore={"id", "created_at"})
    assert [r.problems for r in reports] == [()]
    # ignored, not trusted: a full number in it is still unmasked
    leaky = {**record, "id": "13812345678"}
    assert codes(zfgk.validate(ITEM19, leaky, ignore=["id", "created_at"])) == [("unmasked", "id")]
    assert zfgk.mask_record(ITEM19, leaky, ignore=["id"])["id"] == "138****5678"
    with pytest.raises(TypeError, match="not a string"):
        zfgk.validate(ITEM19, record, ignore="id")


def test_check_ignore_option_and_rows_with_errors_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = "id,created_at,保障对象姓名,保障性住房类型,房号,面积,套型,所在建设项目名称,备注\n"
    good = "1,2026-09-28,张*,公租房,1-1-101,45.6,一室一厅,民心佳园,{note}\n"
    rows = [good.format(note="有备注") for _ in range(25)]
    rows.append(good.format(note="").replace("公租房", ""))  # row 27: the one that fails
    path = tmp_path / "export.csv"
    path.write_text(header + "".join(rows), encoding="utf-8")
    # a file's header notes the columns that are not fields once, not row by row
    assert main(["check", str(path), "--item", "19", "--show", "3"]) == 1
    out = capsys.readouterr().out
    assert "column id is not a field" in out
    assert "first 1 rows with problems:" in out
    assert "row 27: empty 保障性住房类型" in out
    assert (
        main(["check", str(path), "--item", "19", "--ignore", "id,created_at", "--ignore", "备注"])
        == 1
    )
    out = capsys.readouterr().out
    assert "is not a field" not in out
    # records as JSON Lines: every row warns about its keys; the failing row comes first
    lines = tmp_path / "export.jsonl"
    records = [
        {"id": n, **GOOD19, **({"保障性住房类型": ""} if n == 24 else {})} for n in range(1, 26)
    ]
    lines.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    assert main(["check", str(lines), "--item", "19", "--show", "3"]) == 1
    out = capsys.readouterr().out
    shown = [line.strip().split(":")[0] for line in out.splitlines() if "  row " in line]
    assert shown == ["row 24", "row 24", "row 1", "row 2"], out
    assert "row 24: empty 保障性住房类型" in out
    assert main(["check", str(lines), "--item", "19", "--ignore", "id"]) == 1
    out = capsys.readouterr().out
    assert "unknown" not in out


def test_mask_ignore_option(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("身份证号,备注\n11010519491231002X,x\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["mask", str(source), "-o", str(out), "--item", "22", "--ignore", "备注"]) == 0
    assert out.read_text(encoding="utf-8") == "身份证号,备注\n110105********002X,x\n"


# ----------------------------------------------------------- errors at the call

#: zfgk, called as an untyped caller would: with whatever it has.
UNTYPED: Any = zfgk


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: UNTYPED.validate(ITEM19, None), "record must be a mapping"),
        (lambda: UNTYPED.validate(19, {}), r"item must be a zfgk\.Item"),
        (lambda: UNTYPED.Validator(19), r"item must be a zfgk\.Item"),
        (lambda: UNTYPED.validate_many(ITEM19, None), "records must be an iterable"),
        (lambda: UNTYPED.validate(ITEM19, {}, aliases=["name"]), "aliases must be a mapping"),
        (lambda: UNTYPED.validate(ITEM19, {}, aliases={"name": 3}), "aliases must map"),
        (lambda: UNTYPED.mask_record(ITEM19, None), "record must be a mapping"),
        (lambda: UNTYPED.mask_record("19", {}), r"item must be a zfgk\.Item"),
        (lambda: UNTYPED.mask_id(None), "a blank has nothing to mask"),
        (lambda: UNTYPED.mask_phone(13812345678), "expected the number as a string, not int"),
        (lambda: UNTYPED.mask_name(None), "expected the name as a string, not NoneType"),
        (lambda: UNTYPED.mask_id(FULL_ID, mask_char=1), "mask_char must be a string"),
    ],
)
def test_wrong_types_raise_type_error_saying_what_was_expected(call: Any, expected: str) -> None:
    with pytest.raises(TypeError, match=expected):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: zfgk.mask_id(FULL_ID, mask_char="#"),
        lambda: zfgk.mask_phone("13812345678", mask_char="xx"),
        lambda: zfgk.mask_name("张三", mask_char="**"),
        lambda: zfgk.validate(ITEM19, {}, aliases={"户主": "户主编号"}, strict=True),
    ],
)
def test_wrong_values_raise_a_zfgk_error(call: Any) -> None:
    with pytest.raises(zfgk.ZfgkError) as caught:
        call()
    assert isinstance(caught.value, ValueError)


# --------------------------------------------------- properties over the API

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=30),
    st.sampled_from(
        [FULL_ID, "13812345678", "手机 138 1234 5678", "不详", "\u200b", "110105********002X"]
    ),
)
VALUES = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=2),
    st.dictionaries(st.text(max_size=5), SCALARS, max_size=2),
)
KEYS = st.one_of(
    st.sampled_from(["身份证号", "保障对象姓名", "姓名", "备注", "联系电话", "Name", "面积", "id"]),
    st.text(max_size=8),
    st.integers(),
)
ANYTHING = st.one_of(VALUES, st.sets(st.integers(), max_size=2), st.just(ITEM19), st.builds(object))


@settings(max_examples=200, deadline=None)
@given(record=st.dictionaries(KEYS, VALUES, max_size=6))
def test_validate_judges_any_record(record: dict[Any, Any]) -> None:
    report = zfgk.validate(ITEM19, record)
    assert all(isinstance(p, zfgk.Problem) for p in report.problems)
    assert (
        zfgk.validate(ITEM22, record, aliases={"Name": "原保障对象姓名"}, ignore=["id"]) is not None
    )


@settings(max_examples=200, deadline=None)
@given(record=st.dictionaries(KEYS, VALUES, max_size=6), names=st.booleans(), phones=st.booleans())
def test_mask_record_masks_or_refuses_never_leaks(
    record: dict[Any, Any], names: bool, phones: bool
) -> None:
    try:
        masked = zfgk.mask_record(ITEM22, record, names=names, phones=phones)
    except zfgk.PrivacyError as e:
        refused = str(e)
        masked = None
    if masked is None:  # refused, and the message holds none of the numbers (keys it may name)
        keys = " ".join(map(str, record))
        numbers = [str(v) for v in record.values() if sum(c.isdigit() for c in str(v)) >= 6]
        assert all(n not in refused for n in numbers if n not in keys)
        return
    assert list(masked) == list(record)
    for value in masked.values():
        kind, text = read_value(value)
        assert not zfgk.find_pii(text), "a full number passed through"
        assert kind is not ValueKind.OTHER


@settings(max_examples=300, deadline=None)
@given(item=ANYTHING, record=ANYTHING, aliases=ANYTHING, ignore=ANYTHING, strict=ANYTHING)
def test_only_documented_exceptions_escape(
    item: Any, record: Any, aliases: Any, ignore: Any, strict: Any
) -> None:
    calls: list[Callable[[], object]] = [
        lambda: zfgk.validate(item, record, aliases=aliases, ignore=ignore, strict=strict),
        lambda: list(zfgk.validate_many(item, [record], aliases=aliases, ignore=ignore)),
        lambda: zfgk.mask_record(item, record, aliases=aliases, ignore=ignore),
        lambda: list(zfgk.mask_records(item, [record], ignore=ignore)),
        lambda: zfgk.mask_id(record),
        lambda: zfgk.mask_id(FULL_ID, mask_char=record),
        lambda: zfgk.mask_name(record),
        lambda: zfgk.mask_phone(record),
    ]
    for call in calls:
        with contextlib.suppress(TypeError, zfgk.ZfgkError):
            call()


def test_aliases_that_are_one_key_must_agree() -> None:
    same = {"Name": "保障对象姓名", "name": "保障对象姓名"}
    assert zfgk.validate(ITEM19, {"NAME": "张*"}, aliases=same).problems[0].code.value == "missing"
    with pytest.raises(zfgk.InvalidArgumentError, match="'Name' and 'ｎａｍｅ' are one key"):
        zfgk.Validator(ITEM19, {"Name": "保障对象姓名", "ｎａｍｅ": "房号"})
