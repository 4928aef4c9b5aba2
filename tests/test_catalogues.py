"""Both packaged catalogues against values read by hand from the sources."""

from __future__ import annotations

import pytest

import zfgk
from tests.expected import CHONGQING, SHANYIN, SHANYIN_BASIS_COUNT
from zfgk import Audience, Channel, Level, Mode, PersonalKind

CODES = {
    "W": Channel.GOVERNMENT_WEBSITE,
    "M": Channel.WECHAT_WEIBO_APP,
    "R": Channel.PUBLIC_READING_POINT,
    "S": Channel.GOVERNMENT_SERVICE_CENTRE,
    "B": Channel.CONVENIENCE_SERVICE_STATION,
}


@pytest.fixture(scope="module")
def cq() -> zfgk.Catalogue:
    return zfgk.load("chongqing")


@pytest.fixture(scope="module")
def sy() -> zfgk.Catalogue:
    return zfgk.load("shanyin")


def test_names() -> None:
    assert zfgk.catalogue_names() == ("chongqing", "shanyin")


def test_chongqing_shape(cq: zfgk.Catalogue) -> None:
    assert len(cq) == 43
    assert cq.complete
    assert cq.numbers == tuple(range(1, 44))
    assert cq.categories == (
        "法规政策",
        "重大决策",
        "规划计划",
        "建设管理",
        "配给管理",
        "配后管理",
        "办事指南",
        "政策解读",
        "回应关切",
        "评价结果",
    )


@pytest.mark.parametrize("number", sorted(CHONGQING))
def test_chongqing_item(cq: zfgk.Catalogue, number: int) -> None:
    category, name, fields, channels, n_basis, last_basis = CHONGQING[number]
    item = cq.item(number)
    assert item.number == number
    assert item.category == category
    assert item.name == name
    assert tuple(f.name for f in item.fields) == fields
    assert all(e.required for e in item.elements), "Chongqing marks nothing optional"
    assert item.channels == frozenset(CODES[c] for c in channels)
    assert len(item.basis) == n_basis
    assert item.basis[-1] == last_basis
    assert all(b.startswith("《") and b.endswith("》") for b in item.basis)
    assert item.time_limit is not None
    assert item.time_limit.text == "信息获取（形成变更）20个工作日内"
    assert item.time_limit.working_days == 20
    assert item.subjects == ("市、区县人民政府住房保障行政主管部门",)
    assert item.inferred == ()
    if number == 43:
        assert item.audiences is None
        assert item.modes is None
        assert item.levels is None
    else:
        assert item.audiences == frozenset({Audience.PUBLIC})
        assert item.modes == frozenset({Mode.ACTIVE})
        assert item.levels == frozenset({Level.CITY, Level.COUNTY})


def test_chongqing_quirks(cq: zfgk.Catalogue) -> None:
    # 二级事项 wrapped inside the cell
    assert cq.item(3).name == "决策前预公开"
    assert cq.item(3).source_cells[2].text == "决策前预\n公开"
    # Item 5's content cell begins with an empty line; one sentence, open list
    (e5,) = cq.item(5).elements
    assert e5.text == "保障性住房领域方案公示公告通知等"
    assert e5.open
    # Items 41 and 43 are sentences, not lists
    assert len(cq.item(41).elements) == 1
    assert cq.item(43).elements[0].text == "公众对保障性住房工作满意度评价"
    # Item 32: the stray space stays in the text, not in the field name
    e32 = cq.item(32).elements[2]
    assert e32.text == "运营承接主体统一社 会信用代码"
    assert e32.fields[0].name == "运营承接主体统一社会信用代码"
    # Items 7 and 42 cite the 2019 工作要点, item 43 the 2020 one
    assert "2019年" in cq.item(7).basis[-1]
    assert "2019年" in cq.item(42).basis[-1]
    assert "2020年" in cq.item(43).basis[-1]
    assert "2018年" in cq.item(41).basis[-1]
    # Item 21 writes ﹝隐藏部分号码﹞ with other brackets; still masked
    e21 = cq.item(21).elements[0]
    assert "﹝隐藏部分号码﹞" in e21.text
    assert [(f.name, f.personal, f.masked) for f in e21.fields] == [
        ("保障对象编号", PersonalKind.IDENTIFIER, False),
        ("姓名", PersonalKind.NAME, False),
        ("身份证号", PersonalKind.ID_NUMBER, True),
    ]
    # Item 43 has no marks at all
    assert len(cq.item(43).source_cells) == 8
    assert any("43" in n.text for n in cq.notes)


def test_compound_elements(cq: zfgk.Catalogue) -> None:
    e = cq.item(19).elements[2]
    assert e.text == "房号面积套型"
    assert [f.name for f in e.fields] == ["房号", "面积", "套型"]
    assert e.note is not None
    assert "judgement" in e.note

    e = cq.item(14).elements[1]
    assert e.text == "审核结果：申请对象姓名、身份证号(隐藏部分号码)、申请房源类型"
    assert [(f.name, f.personal, f.masked) for f in e.fields] == [
        ("申请对象姓名", PersonalKind.NAME, False),
        ("身份证号", PersonalKind.ID_NUMBER, True),
        ("申请房源类型", None, False),
    ]

    e = cq.item(22).elements[1]
    assert e.text == "原租购项目名称、地址、类型、套型、面积等"
    assert [f.name for f in e.fields] == ["原租购项目名称", "地址", "类型", "套型", "面积"]
    assert e.open


def test_personal_fields(cq: zfgk.Catalogue) -> None:
    masked = {n for n in cq.numbers if any(f.masked for f in cq.item(n).fields)}
    assert masked == {14, 15, 16, 21, 22, 23, 24, 25, 26, 27, 28, 31}
    for n in masked:
        (id_field,) = [f for f in cq.item(n).fields if f.personal is PersonalKind.ID_NUMBER]
        assert id_field.masked
    assert [f.name for f in cq.item(32).personal_fields] == ["负责人姓名"]
    # Government hotlines are not personal data
    assert cq.item(33).personal_fields == ()
    assert [(f.name, f.personal) for f in cq.item(30).personal_fields] == [
        ("联系人", PersonalKind.NAME),
        ("联系方式", PersonalKind.PHONE),
    ]


def test_shanyin_shape(sy: zfgk.Catalogue) -> None:
    assert not sy.complete
    assert sy.numbers == (*range(3, 22), 41, 42, 43)
    assert sy.missing_numbers == (1, 2, *range(22, 41))
    assert sy.coverage == "3–21, 41–43"
    assert "回应关切" in sy.categories  # the stray space of "回应 关切" is gone
    assert any("items 1–2" in n.text for n in sy.notes)


@pytest.mark.parametrize("number", sorted(SHANYIN))
def test_shanyin_item(sy: zfgk.Catalogue, number: int) -> None:
    category, name, required, optional = SHANYIN[number]
    item = sy.item(number)
    assert item.category == category
    assert item.name == name
    assert tuple(f.name for e in item.elements if e.required for f in e.fields) == required
    assert tuple(f.name for e in item.elements if not e.required for f in e.fields) == optional
    assert all(e.marker == ("●" if e.required else "○") for e in item.elements)
    assert len(item.basis) == SHANYIN_BASIS_COUNT[number]
    if number != 41:
        assert item.subjects == ("山阴县住建局",)
        assert item.time_limit is not None
        assert item.time_limit.working_days == 20
        assert item.channels == frozenset(
            {
                Channel.GOVERNMENT_WEBSITE,
                Channel.RADIO_TV,
                Channel.GOVERNMENT_SERVICE_CENTRE,
                Channel.COMMUNITY_BULLETIN_BOARD,
            }
        )
        # every Shanyin mark is a reading of unreliable cells, so it is flagged
        assert {"audiences", "modes", "levels"} <= item.inferred_attributes()


def test_shanyin_inherited_content(sy: zfgk.Catalogue) -> None:
    for n in (15, 16):
        item = sy.item(n)
        assert [e.text for e in item.elements] == [e.text for e in sy.item(14).elements]
        assert all(e.inherited_from == 14 for e in item.elements)
        assert "elements" in item.inferred_attributes()
        assert item.source_cells[3].text == ""
    assert all(e.inherited_from is None for e in sy.item(14).elements)


def test_shanyin_merged_cells(sy: zfgk.Catalogue) -> None:
    # 公开依据 split over rows 13 and 14 mid-title: joined again
    joined = "《国务院办公厅关于推进公共资源配置领域政府信息公开的意见》"
    for n in (13, 14, 15, 16):
        assert joined in sy.item(n).basis
        assert "basis" in sy.item(n).inferred_attributes()
    # 8–12 carry rows 8, 9 and 10 together
    assert sy.item(11).basis == sy.item(8).basis == sy.item(9).basis
    assert sy.item(9).basis[0] == "《中华人民共和国政府信息公开条例》"
    assert (
        sy.item(9).basis[-1]
        == "《朔州市人民政府办公室关于印发朔州市全面推进基层政务公开标准化规范化实施方案的通知》"
    )
    # 18–20: one cell over three rows
    assert sy.item(18).basis == sy.item(20).basis
    assert "《山西省住房和城乡建设厅关于印发<政府信息公开实施办法>的通知》" in sy.item(19).basis
    # the channel cell split as "社区/企事业" + "单位公示栏"
    assert Channel.COMMUNITY_BULLETIN_BOARD in (sy.item(14).channels or ())
    # stray spaces in the time limit cell are kept in its text
    limit = sy.item(42).time_limit
    assert limit is not None
    assert limit.text == "信息形成 (变更) 20 个工作日内"
    assert limit.trigger == "信息形成(变更)"


def test_shanyin_item_43(sy: zfgk.Catalogue) -> None:
    item = sy.item(43)
    assert item.source_cells[1].text == ""
    assert item.category == "评价结果"
    (inference,) = [i for i in item.inferred if i.attribute == "category"]
    assert inference.from_item == 42


def test_shanyin_item_41_unknowns(sy: zfgk.Catalogue) -> None:
    item = sy.item(41)
    assert item.time_limit is None
    assert item.channels is None
    assert item.subjects is None
    assert item.audiences is None
    assert item.modes is None
    assert item.levels is None
    assert {"time_limit", "channels", "subjects"} <= item.inferred_attributes()


def test_shanyin_marks_raw_cells_kept(sy: zfgk.Catalogue) -> None:
    cells = sy.item(19).source_cells
    assert len(cells) == 15
    assert [c.text for c in cells[8:]] == ["√", "", "√", "", "", "", "√"]


# ------------------------------------------------------------------ lookup


def test_lookup_by_name_and_number(cq: zfgk.Catalogue) -> None:
    assert cq.item("分配结果") is cq.item(19)
    assert cq.item(" 分配 结果 ") is cq.item(19)
    assert cq.item("19") is cq.item(19)
    assert cq.item("不符合条件退出").number == 24
    assert cq.item("自愿退出", category="配后管理").number == 22
    assert cq.item("自愿退出", category="办事指南").number == 38


def test_ambiguous(cq: zfgk.Catalogue) -> None:
    with pytest.raises(zfgk.AmbiguousItemError) as err:
        cq.item("自愿退出")
    assert "22 (配后管理)" in str(err.value)
    assert "38 (办事指南)" in str(err.value)
    assert err.value.candidates == (22, 38)
    assert isinstance(err.value, LookupError)


def test_unknown(cq: zfgk.Catalogue, sy: zfgk.Catalogue) -> None:
    with pytest.raises(zfgk.UnknownItemError, match="did you mean 分配结果"):
        cq.item("分配结构")
    with pytest.raises(LookupError, match="no item 44 in the chongqing catalogue"):
        cq.item(44)
    with pytest.raises(
        zfgk.UnknownItemError,
        match=r"not in the shanyin catalogue: its source is partial and gives only items 3–21, 41–43",
    ):
        sy.item(25)
    with pytest.raises(zfgk.UnknownItemError, match="partial"):
        sy.item("法律法规")
    with pytest.raises(zfgk.UnknownItemError, match="is in category 配给管理, not 办事指南"):
        cq.item(19, category="办事指南")
    with pytest.raises(zfgk.UnknownItemError, match="items of that name: 22"):
        cq.item("自愿退出", category="评价结果")
    with pytest.raises(TypeError):
        cq.item(True)
    with pytest.raises(zfgk.UnknownCatalogueError, match="did you mean 'shanyin'"):
        zfgk.load("shanyn")


def test_search(cq: zfgk.Catalogue, sy: zfgk.Catalogue) -> None:
    assert [i.number for i in cq.search("退出")] == [22, 23, 24, 25, 38]
    assert [i.number for i in cq.search("配后 管理")][:2] == [21, 22]
    assert [i.number for i in cq.search("房号")] == [19]
    assert [i.number for i in sy.search("回应关切")] == [41]
    assert cq.search("不存在的内容") == ()
    assert len(cq.search("")) == 43


def test_iteration_and_membership(cq: zfgk.Catalogue) -> None:
    assert [i.number for i in cq] == list(range(1, 44))
    assert 19 in cq
    assert cq.item(19) in cq
    assert 0 not in cq
    assert "19" not in cq


def test_enums_take_labels() -> None:
    assert Channel("政府网站") is Channel.GOVERNMENT_WEBSITE
    assert Channel.GOVERNMENT_WEBSITE.value == "政府网站"
    assert Audience("全社会") is Audience.PUBLIC
    assert Mode("依申请") is Mode.ON_REQUEST
    assert Level("乡级") is Level.TOWNSHIP


def test_frozen_and_public_values_immutable(cq: zfgk.Catalogue) -> None:
    import attrs

    item = cq.item(19)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        item.name = "x"  # type: ignore[misc]
    assert isinstance(item.elements, tuple)
    assert isinstance(item.channels, frozenset)
    assert isinstance(cq.items, tuple)
