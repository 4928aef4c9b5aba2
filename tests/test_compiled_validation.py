"""The generated checks of validation agree with the general ones, value for value.

A :class:`~zfgk.Validator` judges a dict whose keys it has seen in that
order with a check generated for them (``zfgk.validation._compiled``), and a
row of a file with one generated for its header; the general code
(:meth:`Validator._general`, :meth:`HeaderChecker._general`) is the reference.
tests/conftest.py runs :func:`agreeing_validators` around the whole session,
so that every record and row of every test is judged both ways; the tests
here draw the rest: every item of both catalogues, options, and values that
mix blanks, floats, NaN, ID numbers full, masked and masked too little,
mobile numbers, separators, scientific notation and keys that are no field.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zfgk
from tests.agreement import _outcome
from zfgk.validation import HeaderChecker, Validator
from zfgk.validation import _compiled as compiled
from zfgk.validation._header import _row_kind
from zfgk.values import cell_text

ITEMS = [item for name in zfgk.catalogue_names() for item in zfgk.load(name)]
# Items with personal fields (ID numbers, names, a phone) drawn four times as often.
WEIGHTED_ITEMS = [i for i in ITEMS for _ in range(4 if any(f.personal for f in i.fields) else 1)]
# The generated checks themselves (tests/conftest.py wraps them for the session).
_PLAN = Validator._plan
_HEADER_INIT = HeaderChecker.__init__


def _generated(validator: Validator, record: dict[Any, Any]) -> Any:
    """The outcome of the check generated for ``record``'s keys, called directly."""
    return _outcome(_PLAN(validator, tuple(record), at_once=True), record)


def _row_generated(check: HeaderChecker, cells: list[str]) -> Any:
    """The outcome of the check generated for a header, called directly."""
    kinds = [_row_kind(*entry[2:]) for entry in check._plan]
    slow = [partial(check._cell, entry) for entry in check._plan]
    return _outcome(compiled.row_check(kinds, slow, check._general), cells)


# Values as records hold them: the text of CSV readers and forms, pandas' numbers and
# missing values, numbers pasted every way.
_DIGITS = "0123456789"
_SEPARATORS = [" ", "-", "\u00a0", "\u200b", "\u3000", ".", "/", "—", "－", "·"]
ID_FULL = "11010519491231002X"
ID_MASKED = ["110105********002X", "110105 **** **** 002X"]
ID_PARTIAL = ["1101051949****002X", "11010519491231****"]  # a birth-date digit shows


def _spread(text: str, seps: list[str]) -> str:
    """``text`` with separators between some of its characters."""
    out = []
    for i, c in enumerate(text):
        out.append(c)
        if seps and i < len(text) - 1:
            out.append(seps[i % len(seps)])
    return "".join(out)


@st.composite
def numbers(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["id", "mobile", "landline", "masked-id", "partial", "sci"]))
    if kind == "id":
        text = draw(st.sampled_from([ID_FULL, "110105194912310021", "440524188001010014"]))
    elif kind == "mobile":
        text = (
            "1" + draw(st.sampled_from("3456789")) + draw(st.text(_DIGITS, min_size=9, max_size=9))
        )
        text = draw(st.sampled_from(["", "+86", "0086", "+86 "])) + text
    elif kind == "landline":
        text = "023-6388" + draw(st.text(_DIGITS, min_size=4, max_size=4))
    elif kind == "masked-id":
        text = draw(st.sampled_from(ID_MASKED + ID_PARTIAL))
    elif kind == "partial":
        text = "110105" + draw(st.text("0123456789*", min_size=8, max_size=8)) + "002X"
    else:
        mantissa = draw(st.text(_DIGITS, min_size=1, max_size=14))
        text = f"6.{mantissa}E+{draw(st.sampled_from(['17', '017', '5']))}"
    if draw(st.booleans()):
        text = _spread(text, draw(st.lists(st.sampled_from(_SEPARATORS), max_size=3)))
    if draw(st.booleans()):
        text = (
            draw(st.sampled_from(["电话", "身份证 ", "", "No."]))
            + text
            + draw(st.sampled_from(["", "；", "号", "0001"]))
        )
    return text


# Clean values of each kind of field, as a record of the item holds them.
CLEAN = {
    "id": [
        *ID_MASKED,
        "１１０１０５＊＊＊＊＊＊＊＊００２Ｘ",
        " 110105-********-002X ",
        "110105******002",
    ],
    "phone": [
        "13812345678",
        "138 1234 5678",
        "+86 138-1234-5678",
        "023-63881234",
        "(023)6388-1234",
    ],
    "name": ["张*", "欧阳**", "张三", "王小明"],
    "plain": [
        "民心佳园",
        "45.60",
        "1-2-301",
        "2026-09-28",
        "公共租赁住房小区三期工程建设项目",
        "91500000MA5U7AXX2P",
        "13812345678.00",
        "共 12 套，面积 56.8㎡",
    ],
    "other": ["民心佳园", "无", ""],
}
# Values of each kind of field on both sides of the line: the clean ones, and ones just
# over it (the general code must see them).
_OVER = {
    "id": [*ID_PARTIAL, ID_FULL, "110105491231002", "6.20503200006097E+17", "不详"],
    "phone": [
        "138****5678",
        "0086 138****5678",
        "008613812345678",
        "023-****1234",
        "请来电",
        "138123456789",
        "1.38123E+10",
    ],
    "name": ["Zhang San", "+17", "张 13812345678"],
    "plain": ["1.5E+3", "账号 6222 0202 0000 1234 567", "备注：电话 13812345678"],
    # keys that are no field (备注, 配偶身份证号, 手机号 …)
    "other": ["1.5E+3", "6.2E+17", "13812345678", "110105********002X", *ID_PARTIAL, ID_FULL],
}
NEAR = {kind: CLEAN[kind] + _OVER[kind] for kind in CLEAN}
#: Odd texts: blanks of every kind, scientific notation, numbers in text.
ODD = [
    "",
    " ",
    "\u200b",
    "\u3000 ",
    "\u200b无",
    "+17",
    "1.5E+17",
    "6.205032E+17",
    "6.20503200006097E+17",
    "x" * 30,
    ID_FULL,
    "138 1234 5678",
    "电话13812345678",
]
TRICKY = st.one_of(
    st.sampled_from(ODD),
    st.text(max_size=14),
    st.text(alphabet="0123456789 -*X+eE.", max_size=24),
    numbers(),
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**19), max_value=10**19),
    st.sampled_from(
        [float("nan"), 13812345678.0, 6.20503200006097e17, 56.8, 7, True, Decimal("45.6")]
    ),
    st.sampled_from([[], ["张*"], {}, {"a": 1}, b"", b"13812345678", (), set()]),
    st.sampled_from([13812345678, 110105194912310021, -1000000000, 9999999999, 10000000000]),
)
#: Python values as records from pandas and forms hold them.
OBJECTS = [None, float("nan"), 13812345678.0, 56.8, 7, 13812345678, True, [], ["张*"], 1.5e17]
EXTRA_KEYS = [
    "备注",
    "id",
    "ID",
    "created_at",
    "序号",
    "联系电话",
    "手机号",
    "配偶身份证号",
    "身份证号",
    "姓名",
    "13812345678",
    "户主",
    "证件号码",
    "Owner",
]


def _kind_of(f: zfgk.Field | None) -> str:
    if f is None:
        return "other"
    if f.personal is None:
        return "plain"
    if f.personal is zfgk.PersonalKind.ID_NUMBER:
        return "id"
    if f.personal is zfgk.PersonalKind.PHONE:
        return "phone"
    return "name"


@st.composite
def cases(
    draw: st.DrawFn, *, text_only: bool = False
) -> tuple[zfgk.Item, dict[str, Any], dict[str, Any]]:
    """An item, options, and a record of it with keys that are fields (or an element's whole
    text, or no field), its values clean but for a few."""
    item = draw(st.sampled_from(WEIGHTED_ITEMS))
    by_name = {f.name: f for f in item.fields}
    keys = [f.name for f in item.fields if draw(st.integers(0, 9)) < 8]
    compound = [e.text for e in item.elements if len(e.fields) > 1]
    whole = draw(st.booleans())  # an element's whole text as a key (房号面积套型)
    if compound and whole:
        keys.append(draw(st.sampled_from(compound)))
    keys += draw(st.lists(st.sampled_from(EXTRA_KEYS) | st.text(max_size=6), max_size=3))
    if draw(st.booleans()):
        keys = draw(st.permutations(keys))
    keys = list(dict.fromkeys(keys))
    options: dict[str, Any] = {}
    if draw(st.booleans()):
        options["ignore"] = [k for k in keys if k not in by_name and draw(st.booleans())]
    if draw(st.booleans()) and by_name:
        names = list(by_name)
        options["aliases"] = {"户主": names[0], "Owner": names[-1]}
    tricky = st.one_of(
        numbers(), st.sampled_from(["", " ", "\u200b", "6.2E+17", "1E+5"]), st.text(max_size=12)
    )
    # A clean record, then some of its values changed: none, one (the line of each check is
    # found one value at a time), a few, or all.
    record: dict[str, Any] = {
        key: draw(st.sampled_from(CLEAN[_kind_of(by_name.get(key))])) for key in keys
    }
    changed = draw(st.sampled_from([0, 1, 1, 1, 2, len(keys)]))
    for key in draw(st.permutations(keys))[:changed]:
        roll = draw(st.integers(0, 9))
        if roll < 5:
            record[key] = draw(st.sampled_from(NEAR[_kind_of(by_name.get(key))]))
        elif roll == 5:
            record[key] = draw(st.sampled_from([v for values in NEAR.values() for v in values]))
        elif roll == 6 and not text_only:
            record[key] = draw(st.sampled_from(OBJECTS))
        elif roll == 7:
            record[key] = draw(numbers())
        else:
            record[key] = draw(tricky if text_only else TRICKY)
    return item, options, record


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_generated_record_checks_agree_with_the_general_one(case: Any) -> None:
    item, options, record = case
    validator = Validator(item, options.get("aliases"), ignore=options.get("ignore", ()))
    expected = _outcome(validator._general, record)
    assert _generated(validator, record) == expected
    # and through validate(), cached, called twice (the second time from its kept check)
    for _ in range(2):
        assert _outcome(partial(zfgk.validate, **options), item, record) == expected


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(text_only=True), st.data())
def test_generated_row_checks_agree_with_the_general_one(case: Any, data: st.DataObject) -> None:
    item, options, record = case
    validator = Validator(item, options.get("aliases"), ignore=options.get("ignore", ()))
    header = [str(key) for key in record]
    check = validator.for_header(header)
    cells = [str(value) for value in record.values()]
    # now and then a cell short or over, and a workbook's number cell (CellText: a number shown)
    if data.draw(st.integers(0, 5)) == 0:
        cells = cells[:-1] if data.draw(st.booleans()) else [*cells, data.draw(numbers())]
    if cells and data.draw(st.integers(0, 3)) == 0:
        where = data.draw(st.integers(0, len(cells) - 1))
        cells[where] = cell_text(
            data.draw(st.sampled_from([6.20503200006097e17, 13812345678.0, 45.6, 7]))
        )
    assert _row_generated(check, cells) == _outcome(check._general, cells)


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: f"{i.number}")
def test_every_item_takes_the_generated_path_on_a_clean_record(item: zfgk.Item) -> None:
    """A clean record of every item is vouched for by the generated check alone: its columns'
    general checks are never called."""
    validator = Validator(item)
    record = {f.name: _clean(f) for f in item.fields}
    calls: list[tuple[Any, ...]] = []
    original = validator._known_value

    def general(*args: Any) -> None:
        calls.append(args)
        original(*args)

    validator._known_value = general  # type: ignore[method-assign,assignment]
    assert _PLAN(validator, tuple(record), at_once=True)(record).ok
    assert calls == []


def _clean(f: zfgk.Field) -> str:
    if f.personal is zfgk.PersonalKind.ID_NUMBER:
        return "110105********002X"
    if f.personal is zfgk.PersonalKind.PHONE:
        return "13812345678"  # item 30 publishes its 联系方式: a mobile number is allowed
    return "张*" if f.personal else "民心佳园"


def test_the_generated_source_holds_no_text_of_a_record() -> None:
    source = compiled._record_source(["plain", "id", "other"], True)
    assert "民心佳园" not in source
    assert "'" not in source
    shapes = len(compiled._record_factories)
    for item in ITEMS[:5]:
        zfgk.validate(item, {f.name: "民心佳园" for f in item.fields})
    assert len(compiled._record_factories) <= shapes + 5


def test_plans_are_bounded_per_validator() -> None:
    from zfgk.validation._validator import PLANS_KEPT

    validator = Validator(zfgk.load("chongqing").item(19))
    for n in range(PLANS_KEPT * 2):
        validator({f"列{n}": "x"})
        assert len(validator._plans) <= PLANS_KEPT


def test_non_dict_records_and_odd_keys_take_the_general_path() -> None:
    from collections import OrderedDict
    from types import MappingProxyType

    item = zfgk.load("chongqing").item(19)
    validator = Validator(item)
    record: dict[Any, Any] = {"保障对象姓名": "张*", 7: "13812345678", ("a",): None}
    for shaped in (record, OrderedDict(record), MappingProxyType(record)):
        assert validator(shaped) == validator._general(record)
    assert [p.code.value for p in validator(record).problems][:3] == [
        "unknown",
        "unmasked",
        "unknown",
    ]


# Every kind of column, required and optional, each judged alone on every value of a pool:
# a check that vouches for a value the general code finds fault with is caught here on
# that value, whatever the other columns hold.
def _every_kind_item() -> zfgk.Item:
    import attrs

    from zfgk.model import Element, Field

    kinds = [
        ("名称", None, False),
        ("姓名", zfgk.PersonalKind.NAME, False),
        ("编号", zfgk.PersonalKind.IDENTIFIER, False),
        ("身份证号", zfgk.PersonalKind.ID_NUMBER, True),
        ("证件号", zfgk.PersonalKind.ID_NUMBER, False),
        ("联系方式", zfgk.PersonalKind.PHONE, False),
        ("手机号", zfgk.PersonalKind.PHONE, True),
    ]
    elements = [
        Element(
            f"{name}{'' if required else '（选填）'}",
            (Field(f"{name}{'' if required else '2'}", kind, masked),),
            required,
        )
        for required in (True, False)
        for name, kind, masked in kinds
    ]
    elements.append(Element("房号面积", (Field("房号"), Field("面积")), True))
    return attrs.evolve(zfgk.load("chongqing").item(19), elements=tuple(elements))


def _pool() -> list[Any]:
    """Values on every side of every check's line, and the numbers of numbers() every way."""
    values: list[Any] = [v for kind in (CLEAN, NEAR) for vs in kind.values() for v in vs]
    values += [
        *OBJECTS,
        *ODD,
        "+017",
        "1E+5",
        "6.20503200006097e+17",
        "138-1234-5678",
        "138 1234 5678 ",
        "0086 138 1234 5678",
        "+86 (0)138 1234 5678",
        "110105 19491231 002X",
        "１１０１０５１９４９１２３１００２Ｘ",
        "11010519491231002x",
        "110105****1231002X",
        "110105********002",
        "110105*******002X",
        "138****567",
        "138*****5678",
        "023-6388-1234",
        "0231-6388123",
        "(023)****1234",
        "13800000000",
        "1234567890",
        "12345678901",
        "+8613812345678",
        "+8613800000000000",
        float("inf"),
        -0.0,
        1e10,
        9999999999.0,
        0.30000000000000004,
        1e-7,
        -1000000001,
        -999999999,
        12345678901234567890,
        False,
        b"x",
        (1,),
        {"a"},
    ]
    return values


KINDS_ITEM = _every_kind_item()
POOL = _pool()


@pytest.mark.parametrize("ignore", [(), ("备注", "id", "配偶身份证号", "手机", "证件号码")])
def test_each_kind_of_column_alone_on_every_value(ignore: tuple[str, ...]) -> None:
    validator = Validator(KINDS_ITEM, ignore=ignore)
    keys = [e.text for e in KINDS_ITEM.elements] + [f.name for f in KINDS_ITEM.fields]
    keys += ["备注", "id", "配偶身份证号", "手机", "证件号码", "13812345678", "序号"]
    for key in keys:
        for value in POOL:
            record = {key: value}
            assert _generated(validator, record) == _outcome(validator._general, record), (
                key,
                value,
            )
        check = validator.for_header([key])
        cells = [value for value in POOL if isinstance(value, str)]
        cells += [cell_text(n) for n in (6.20503200006097e17, 13812345678.0, 45.6, 7, 1.5e17)]
        for cell in cells:
            assert _row_generated(check, [cell]) == _outcome(check._general, [cell]), (key, cell)
    # every kind of column was there
    from zfgk.validation._validator import _kind

    columns = {key: validator._column(key) for key in keys}
    kinds = {_kind(c) if c else validator._other_kind(k) for k, c in columns.items()}
    assert kinds == set(compiled.FAST_VALUE) - ({"ignored"} if not ignore else set())
    rows = {_row_kind(*e[2:]) for e in validator.for_header(keys)._plan}
    assert rows == set(compiled.FAST_ROW) - {"other"}
