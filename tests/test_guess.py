"""Issue 27, point 7: which item is this list?  The item from the header, search by officers' words.

The answers are independent of the scoring: an item's own field names must
bring back that item, or, where the catalogue has several items with the
very same fields (compared as sets of names, not by the scorer), a refusal
naming exactly those; lists as officers head them are judged by hand.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

import zfgk
from zfgk.catalogues import search
from zfgk.cli import main
from zfgk.guess import Certainty, better_items, better_message, fit, guess_item
from zfgk.words import meant_items, officers_words

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = [zfgk.load(name) for name in zfgk.catalogue_names()]
#: A subsidy list as the issue's officer heads it (item 26, 租赁补贴发放), units included.
SUBSIDY = ["序号", "保障对象姓名", "身份证号", "发放金额（元）", "发放年度月份日期", "发放方式"]
LATIN_WORD = re.compile(r"\b[A-Za-z]{2,}\b")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def same_fields(catalogue: zfgk.Catalogue, item: zfgk.Item) -> set[int]:
    """The items whose set of field names is this item's (the item itself included)."""
    names = {f.name for f in item.fields}
    return {other.number for other in catalogue if {f.name for f in other.fields} == names}


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda c: c.name)
def test_every_items_own_header_brings_it_back(catalogue: zfgk.Catalogue) -> None:
    for item in catalogue:
        header = [f.name for f in item.fields]
        twins = same_fields(catalogue, item)
        if len(twins) == 1:
            guess = guess_item(header, catalogue=catalogue)
            assert guess.item == item
            assert guess.score == pytest.approx(1.0)
        else:
            with pytest.raises(zfgk.AmbiguousItemError) as info:
                guess_item(header, catalogue=catalogue)
            assert set(info.value.candidates) == twins, item.number
        # Its title names it: chosen among its twins, never against the header.
        assert (
            guess_item(header, catalogue=catalogue, title=f"2026年第三批{item.name}公示").item
            == item
        )


def test_the_issue_subsidy_list_is_item_26() -> None:
    guess = guess_item(SUBSIDY)
    assert (guess.item.number, guess.certainty) == (26, Certainty.SURE)
    assert dict(guess.fit.columns)["发放金额（元）"] == ("发放金额",)
    assert [c for c, _ in guess.fit.columns] == SUBSIDY[1:]  # 序号 is no field
    assert guess.fit.missing == ()
    said = guess.message.localized("zh")
    assert said.startswith("第 26 项 租赁补贴发放 最符合表头（把握很大）：列 保障对象姓名、")
    assert LATIN_WORD.findall(said) == []
    assert guess.to_dict()["item"] == 26


def test_the_bundled_example_is_item_19() -> None:
    with (ROOT / "examples" / "item19-allocation.csv").open(encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    guess = guess_item(header)
    assert guess.item.number == 19
    assert guess.certainty is Certainty.SURE


def test_a_partial_list_is_still_chosen_but_less_surely() -> None:
    """Three of item 19's columns, 房号面积套型 as one: 19, not as sure as a whole list."""
    guess = guess_item(["姓名", "房号面积套型", "备注"])
    assert guess.item.number == 19
    assert guess.certainty is not Certainty.SURE
    assert guess.fit.missing == ("保障性住房类型", "所在建设项目名称")


def test_equals_are_refused_and_the_title_chooses() -> None:
    header = ["原保障对象姓名", "身份证号", "原租购项目名称", "地址", "类型", "套型", "面积"]
    with pytest.raises(zfgk.AmbiguousItemError) as info:
        guess_item(header)
    assert info.value.candidates == (22, 23, 24, 25)
    said = info.value.localized("zh")
    assert "22 自愿退出、23 到期退出、24 不符合条件退出、25 违规处罚退出" in said
    assert " and " not in said
    assert guess_item(header, title="关于2026年公租房到期退出的公示").item.number == 23
    chosen = guess_item(header, title="关于2026年公租房到期退出的公示")
    assert chosen.by_title
    assert chosen.certainty is Certainty.UNSURE
    # A title that names none of the equals, or two of them, does not choose.
    for title in ("2026年第三批名单", "自愿退出和到期退出名单"):
        with pytest.raises(zfgk.AmbiguousItemError):
            guess_item(header, title=title)


def test_no_field_at_all() -> None:
    with pytest.raises(zfgk.UnknownItemError, match="序号、备注"):
        guess_item(["序号", "备注", None, ""])  # blank and empty cells are no columns


def test_aliases_count_as_check_counts_them() -> None:
    plain = guess_item(["户主", "户号", "住房类型", "所在小区"])
    aliases = {"户号": "房号", "住房类型": "保障性住房类型", "所在小区": "所在建设项目名称"}
    with_aliases = guess_item(["户主", "户号", "住房类型", "所在小区"], aliases=aliases)
    assert with_aliases.item.number == 19
    assert with_aliases.score > plain.score


def test_a_given_item_that_fits_badly_names_the_one_that_fits() -> None:
    """The issue: --item 19 on a subsidy list lists five missing columns and no hint of 26."""
    cat = zfgk.load("chongqing")
    better = better_items(cat.item(19), SUBSIDY, catalogue=cat)
    assert [f.item.number for f in better] == [26]
    said = better_message(cat.item(19), better)
    assert str(said).startswith("the list fits item 26 租赁补贴发放 better (5 of its 5 fields")
    assert said.localized("zh").startswith("这份名单更符合第 26 项 租赁补贴发放")
    assert better_items(cat.item(26), SUBSIDY, catalogue=cat) == ()
    # Equals: a 22 list given as 23 fits as well; no hint.
    exits = ["原保障对象姓名", "身份证号", "原租购项目名称"]
    assert better_items(cat.item(23), exits, catalogue=cat) == ()


def test_fit_counts_optional_fields_half() -> None:
    """Shanyin marks 审核未通过原因等 of item 14 optional (○): finding it adds less."""
    item = zfgk.load("shanyin").item(14)
    required = [f.name for e in item.elements if e.required for f in e.fields]
    optional = [f.name for e in item.elements if not e.required for f in e.fields]
    assert optional  # the source marks some ○
    whole = fit(item, required + optional)
    assert whole.score == pytest.approx(1.0)
    without = fit(item, required)
    weight = len(required) / (len(required) + 0.5 * len(optional))
    assert without.score == pytest.approx(2 * weight / (1 + weight))


# ------------------------------------------------------------ search


def test_search_finds_what_officers_call_it(capsys: pytest.CaptureFixture[str]) -> None:
    cat = zfgk.load("chongqing")
    assert 19 in [i.number for i in search(cat, "配租")]
    assert [i.number for i in search(cat, "配租")] == [17, 19, 20, 21]  # 17, 20, 21 say 配租
    assert [i.number for i in search(cat, "租补")] == [15, 26]
    assert [i.number for i in search(cat, "退出")] == [i.number for i in cat.search("退出")]
    code, out, _ = run(capsys, "items", "配租")
    assert code == 0
    assert "19  配给管理  分配结果" in out.splitlines()
    # basis= still keeps only the items citing the document
    assert [i.number for i in search(cat, "配租", basis="2019年政务公开工作要点")] == []


def test_the_words_table_is_built_from_its_source() -> None:
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "tools" / "build_data.py")
    assert spec is not None
    assert spec.loader is not None
    build_data: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules["build_data"] = build_data
    spec.loader.exec_module(build_data)
    packaged = ROOT / "src" / "zfgk" / "data" / "words" / "officers.json"
    assert build_data.render_words() == packaged.read_text(encoding="utf-8"), (
        "run python tools/build_data.py"
    )
    names = {i.name for c in CATALOGUES for i in c}
    data = json.loads(packaged.read_text(encoding="utf-8"))
    for entry in data["words"]:
        assert set(entry["items"]) <= names
        assert entry["source"]
    assert officers_words()["配租"] == ("分配结果",)
    assert meant_items("") == frozenset()


# ------------------------------------------------- the command line's words


def test_a_name_that_is_no_item_offers_choices_in_chinese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "show", "公租房租赁补贴", "--lang", "zh")
    assert code == 2
    assert "是否要找 " in err
    assert re.search(r"是否要找 .*、.* 或 .*？", err)
    assert " or " not in err
    code, _, err = run(capsys, "show", "公租房租赁补贴", "--lang", "en")
    assert "did you mean " in err
    assert " or 26 租赁补贴发放?" in err


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_show_says_its_option_not_pythons(capsys: pytest.CaptureFixture[str], lang: str) -> None:
    code, _, err = run(capsys, "show", "自愿退出", "--lang", lang)
    assert code == 2
    assert "--category 配后管理" in err
    assert "--category 办事指南" in err
    assert "category=" not in err
    code, out, _ = run(capsys, "show", "自愿退出", "--category", "办事指南", "--lang", lang)
    assert code == 0
    assert "38" in out.splitlines()[0]


def test_schema_of_an_ambiguous_name_says_the_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "schema", "自愿退出", "--lang", "en")
    assert code == 2
    assert err.strip().endswith("give its number: 22 or 38")
