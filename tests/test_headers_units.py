"""Issue 27, point 3: a column named with its unit (发放金额（元）, 面积（㎡）) is the field.

The answers are the catalogues' own field names: a header made of a field
and a unit must cover exactly what the field's own name covers, under every
item of both catalogues, and no field name may lose part of itself.
"""

from __future__ import annotations

import itertools

import pytest

import zfgk
from zfgk.headers import UNIT_NOTE, ColumnMatcher, column_key
from zfgk.model import normalize_text

CATALOGUES = [zfgk.load(name) for name in zfgk.catalogue_names()]
ITEMS = [item for catalogue in CATALOGUES for item in catalogue]
FIELD_NAMES = sorted({f.name for item in ITEMS for f in item.fields})
#: Units as officers' lists write them, in the brackets they use.
UNITS = ["（元）", "(元)", "（万元）", "（㎡）", "(m²)", "(平方米)", "（人）", "（户）", "（套）",
         "（元/月）", "（元/㎡·月）", "（单位：元）", "【平方米】", "（%）"]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("发放金额（元）", "发放金额"),
        ("面积（㎡）", "面积"),
        ("面积(平方米)", "面积"),
        ("家庭人口（人）", "家庭人口"),
        ("应缴租金（元/月）", "应缴租金"),
        (" 面积 （ ㎡ ） ", "面积"),
        ("竣工套数等（套）", "竣工套数"),
    ],
)
def test_the_issue_headers(header: str, field: str) -> None:
    assert column_key(header) == column_key(field)


def test_a_bracket_that_is_no_unit_stays() -> None:
    assert column_key("姓名（户主）") != column_key("姓名")
    assert column_key("面积（含公摊）") != column_key("面积")
    assert column_key("（元）") == "(元)"  # a unit alone is a name, not nothing
    assert column_key("面积元") == "面积元"  # a unit word not in brackets is part of the name


def test_no_field_name_is_cut() -> None:
    """Every field name and element text of both catalogues keeps its key whole."""
    for item in ITEMS:
        for text in [*(f.name for f in item.fields), *(e.text for e in item.elements)]:
            assert UNIT_NOTE.search(normalize_text(text).casefold()) is None, (item.number, text)


@pytest.mark.parametrize("item", ITEMS, ids=[f"{i.number}-{i.name}" for i in ITEMS])
def test_every_field_with_a_unit_matches_as_the_field(item: zfgk.Item) -> None:
    """Under this item, 'field（unit）' covers what 'field' covers, for every field of both catalogues."""
    matcher = ColumnMatcher(item)
    for name, unit in itertools.product(FIELD_NAMES, UNITS):
        assert matcher.match(name + unit) == matcher.match(name), (name + unit, item.number)


def test_the_unit_makes_no_other_field_match() -> None:
    """A field's own name matches none of an item's other fields once a unit is added."""
    for item in ITEMS:
        matcher = ColumnMatcher(item)
        for f in item.fields:
            covered = {matcher.slots[i].field.name for i in matcher.match(f.name + "（元）") or ()}
            assert covered == {f.name}, (item.number, f.name, covered)


def test_blank_amounts_under_a_unit_are_reported() -> None:
    """The issue's list: blank 发放金额（元） is ``empty 发放金额``, not a missing column."""
    item = zfgk.load("chongqing").item(26)
    record = {
        "保障对象姓名": "张三",
        "身份证号": "110105********002X",
        "发放金额（元）": "",
        "发放年度月份日期": "2026年9月",
        "发放方式": "转账",
    }
    report = zfgk.validate(item, record)
    assert [(p.code.value, p.field) for p in report.problems] == [("empty", "发放金额")]
