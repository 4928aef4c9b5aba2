"""Each judgement taken on the sources, pinned against the source lines it reads.

The quoted lines are copied from tools/sources/*.txt; the first test checks
that they are there, so a changed source fails here before anything else.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import zfgk
from zfgk.cli import main

SOURCES = Path(__file__).resolve().parent.parent / "tools" / "sources"

# 公开依据 of Shanyin items 3, 4 and 5 (lines 4, 5 and 7 of shanyin.txt).
ROW3_BASIS = (
    "<p>《中华人民共和国政府信息公开条例》</p> <p>《中共中央办公厅国务院办公厅印发〈关于全面推进政务公开工作的意见〉的通知》</p> "
    "<p>《国务院办公厅印发〈关于全面推进政务公开工作的意见〉实施细则的通知》</p> "
    "<p>《山西省人民政府办公厅关于全面推进基层政务公开标准化规范化进一步做好政务公开工作的实施意见》</p>"
)
ROW4_BASIS = "<p>《山西省政府信息公开规定》</p> <p>《山西省住房和城乡建设厅关于印发〈政府信息公开实施办法〉的通知》</p>"
ROW5_BASIS = "《朔州市人民政府办公室关于印发朔州市全面推进基层政务公开标准化规范化实施方案的通知》"
# The end of row 8's and the start of row 9's 公开依据.
ROW8_TAIL = (
    "《住房城乡建设部办公厅关于做好2012年住房保障信息公开工作的通知》\t信息形成（变更）20个工作日内"
)
ROW9_HEAD = "\t《住房和城乡建设部办公厅关于进一步加强住房保障信息公开工作的通知》 《国务院办公厅关于推进公共资源配置领域政府信息公开的意见》"
# Items 18 and 20's content: one entry the extraction split with a second ●.
ANNOUNCEMENT = "●公告名称 ●发布部门 ●发布日期 ●正文，包括时间地点 ●流程注意事项等"
# Items 41 and 42: the category with a space inside, and 41's blank cells.
ROW41 = "41\t回应 关切\t互动回应\t"
ROW42 = "42\t评价 结果\t上级评价表彰情况\t"
# The time limits in the sources' own words.
CHONGQING_LIMIT = "信息获取（形成变更）20个工作日内"
SHANYIN_LIMIT = "信息形成（变更）20个工作日内"

CONDITION = "《中华人民共和国政府信息公开条例》"


@pytest.fixture(scope="module")
def sy() -> zfgk.Catalogue:
    return zfgk.load("shanyin")


@pytest.fixture(scope="module")
def cq() -> zfgk.Catalogue:
    return zfgk.load("chongqing")


def test_quoted_lines_are_in_the_sources() -> None:
    shanyin = (SOURCES / "shanyin.txt").read_text(encoding="utf-8")
    for quoted in (ROW3_BASIS, ROW4_BASIS, ROW5_BASIS, ROW8_TAIL, ROW9_HEAD, ANNOUNCEMENT):
        assert quoted in shanyin
    assert ROW41 in shanyin
    assert ROW42 in shanyin
    assert SHANYIN_LIMIT in shanyin
    assert CHONGQING_LIMIT in (SOURCES / "chongqing.txt").read_text(encoding="utf-8")


# --------------------------------------------------------------- 1. 公开依据


def test_items_3_to_5_share_one_list(sy: zfgk.Catalogue, cq: zfgk.Catalogue) -> None:
    assert sy.item(3).basis == sy.item(4).basis == sy.item(5).basis
    basis = sy.item(4).basis
    assert len(basis) == 4 + 2 + 1  # rows 3, 4 and 5
    assert basis[0] == CONDITION  # item 4 has the 条例 itself
    assert basis[-1] == ROW5_BASIS
    assert basis[:3] == cq.item(4).basis  # the national part is Chongqing's list
    # national, then 山西, then 朔州
    assert [b[1:3] for b in basis[3:]] == ["山西", "山西", "山西", "朔州"]


def test_items_8_to_12_share_one_list(sy: zfgk.Catalogue, cq: zfgk.Catalogue) -> None:
    lists = {sy.item(n).basis for n in range(8, 13)}
    assert len(lists) == 1
    (basis,) = lists
    assert len(basis) == 4 + 7 + 5  # rows 8, 9 and 10
    assert basis[0] == CONDITION  # items 9–12 have the 条例 too
    assert "《经济适用住房管理办法》" in sy.item(12).basis
    assert "《公共租赁住房管理办法》" in sy.item(12).basis
    # rows 8 and 9 run on in the Chongqing order
    assert basis[3] == "《住房城乡建设部办公厅关于做好2012年住房保障信息公开工作的通知》"
    assert basis[4] == "《住房和城乡建设部办公厅关于进一步加强住房保障信息公开工作的通知》"
    assert [b.replace("和城乡", "城乡") for b in basis[3:5]] == list(cq.item(8).basis[3:5])


def test_items_6_7_and_41_to_43_are_joined(sy: zfgk.Catalogue) -> None:
    assert sy.item(6).basis == sy.item(7).basis
    assert len(sy.item(6).basis) == 4 + 10
    assert sy.item(41).basis == sy.item(42).basis == sy.item(43).basis
    assert len(sy.item(41).basis) == 2 + 4
    assert sy.item(41).basis[2] == "《国务院办公厅关于印发 2018 年政务公开工作要点的通知》"


def test_whole_cells_stay_alone(sy: zfgk.Catalogue) -> None:
    # Items 17 and 21 each list national, 山西 and 朔州 documents in their own row.
    for number, count in ((17, 14), (21, 6)):
        item = sy.item(number)
        assert len(item.basis) == count
        assert "basis" not in item.inferred_attributes()
        assert item.basis[-1].startswith("《朔州")


def test_every_joined_basis_is_listed_and_explained(sy: zfgk.Catalogue) -> None:
    for number in (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 19, 20, 41, 42, 43):
        item = sy.item(number)
        (note,) = [i.note.text for i in item.inferred if i.attribute == "basis"]
        assert "Why: " in note
        own = item.source_cells[4].text
        for basis in item.basis:
            assert basis in own or basis in note, (number, basis)
    note = next(i.note.text for i in sy.item(4).inferred if i.attribute == "basis")
    assert "items 3–5" in note
    assert CONDITION in note
    assert "《山西省政府信息公开规定》" not in note.split("Joined from")[1]  # its own


# ------------------------------------------------------------ 2. items 18, 20


@pytest.mark.parametrize("number", [18, 20])
def test_announcement_is_one_entry(sy: zfgk.Catalogue, cq: zfgk.Catalogue, number: int) -> None:
    item = sy.item(number)
    assert [e.text for e in item.elements] == [
        "公告名称",
        "发布部门",
        "发布日期",
        "正文，包括时间地点 ●流程注意事项等",
    ]
    assert [f.name for f in item.fields] == [f.name for f in cq.item(number).fields]
    assert "流程注意事项" not in [f.name for f in item.fields]
    assert any(i.attribute == "elements" and "artefact" in i.note.text for i in item.inferred)
    record = {"公告名称": "选房公告", "发布部门": "山阴县住建局", "发布日期": "2026-09-28"}
    assert zfgk.validate(item, {**record, "正文": "……"}).ok


# ----------------------------------------------------------- 3. no time limit


def test_item_deadline(sy: zfgk.Catalogue, cq: zfgk.Catalogue) -> None:
    assert cq.item(19).deadline(date(2026, 9, 28)) == date(2026, 10, 30)
    with pytest.raises(zfgk.DeadlineUnknownError, match="item 41") as info:
        sy.item(41).deadline(date(2026, 9, 28))
    assert info.value.item == 41
    assert isinstance(info.value, LookupError)


def test_cli_and_audit_say_deadline_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "2026-09-28", "--item", "41", "-c", "shanyin"]) == 2
    assert "--days" in capsys.readouterr().err
    assert (
        main(["due", "2026-09-28", "--item", "41", "-c", "shanyin", "--days", "5", "--lang", "zh"])
        == 0
    )
    assert "2026-10-10（星期六）" in capsys.readouterr().out  # day 5: the make-up Saturday
    report = zfgk.audit_publication(
        zfgk.Publication(zfgk.load("shanyin").item(41), date(2026, 9, 28))
    )
    assert [p.code.value for p in report.problems] == ["deadline-unknown"]


# --------------------------------------------------------------- 4. masking


def _mask(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, *options: str
) -> tuple[str, str]:
    src = tmp_path / "in.csv"
    src.write_text(text, encoding="utf-8")
    dst = tmp_path / "out.csv"
    code = main(["mask", str(src), "-o", str(dst), *options])
    err = capsys.readouterr().err
    assert code == 0, err
    return dst.read_text(encoding="utf-8"), err


def test_mask_item_19_publishes_names(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = "保障对象姓名,房号,备注\n张三,3-2-201,电话13812345678\n"
    out, err = _mask(capsys, tmp_path, text, "--item", "19")
    assert out == "保障对象姓名,房号,备注\n张三,3-2-201,电话138****5678\n"
    assert "publishes 保障对象姓名" in err
    out, _ = _mask(capsys, tmp_path, text, "--item", "19", "--names")
    assert out.splitlines()[1].startswith("张*,")


def test_mask_item_32_keeps_the_office_phone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = "负责人姓名,办公地址,联系电话\n王五,渝中区,023-63861234\n赵六,渝北区,13912345678\n"
    out, _ = _mask(capsys, tmp_path, text, "--item", "32")
    assert out.splitlines()[1] == "王五,渝中区,023-63861234"
    assert out.splitlines()[2] == "赵六,渝北区,139****5678"  # a mobile is masked anywhere
    out, _ = _mask(capsys, tmp_path, text, "--item", "32", "--phones")
    assert out.splitlines()[1] == "王五,渝中区,023-****1234"


def test_mask_item_22_hides_the_id_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = "原保障对象姓名,身份证号(隐藏部分号码)\n张三,11010519491231002X\n"
    out, err = _mask(capsys, tmp_path, text, "--item", "22")
    assert out == "原保障对象姓名,身份证号(隐藏部分号码)\n张三,110105********002X\n"
    assert "item 22 requires 身份证号 partly hidden" in err


def test_mask_without_item_says_what_it_does(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = "姓名,证件号码,说明\n张三,11010519491231002X,另一证件 110105194912310037\n"
    out, err = _mask(capsys, tmp_path, text)
    assert out.splitlines()[1] == "张三,110105********002X,另一证件 110105********0037"
    assert "no --item given" in err
    assert "names and fixed-line phones" in err


# ----------------------------------------------- 5. search, quotes, small ones


def test_search_by_law_citation(cq: zfgk.Catalogue, capsys: pytest.CaptureFixture[str]) -> None:
    cited = cq.search("政府信息公开条例")
    assert len(cited) == sum(CONDITION in i.basis for i in cq) == 16
    assert [i.number for i in cq.search(basis="2020年政务公开工作要点")] == [43]
    assert cq.search("住房保障行政主管部门") == cq.items  # 公开主体
    assert main(["items", "--basis", "2019年政务公开工作要点"]) == 0
    assert [line.split()[0] for line in capsys.readouterr().out.splitlines()] == ["7", "42"]


def test_due_quotes_each_items_own_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "2026-09-28", "--item", "19", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert CHONGQING_LIMIT in out
    assert "信息获取（形成变更）于 2026-09-28" in out
    assert "形成或变更" not in out
    assert main(["due", "2026-09-28", "--item", "19", "-c", "shanyin", "--lang", "zh"]) == 0
    assert "信息形成(变更)于 2026-09-28" in capsys.readouterr().out
    assert main(["due", "2026-09-28", "--lang", "zh"]) == 0
    assert "起算日 2026-09-28" in capsys.readouterr().out


def test_category_spaces_are_noted(sy: zfgk.Catalogue) -> None:
    for number, written in ((41, "回应 关切"), (42, "评价 结果")):
        item = sy.item(number)
        assert item.source_cells[1].text == written
        assert item.category == written.replace(" ", "")
        (note,) = [i.note.text for i in item.inferred if i.attribute == "category"]
        assert repr(written) in note


def test_chongqing_entries_are_numbered_not_marked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "19", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "1. 保障对象姓名" in out
    assert "●" not in out
    assert main(["show", "19", "-c", "shanyin", "--lang", "zh"]) == 0
    assert "● 保障对象姓名" in capsys.readouterr().out


def test_unknown_subjects_are_none(sy: zfgk.Catalogue, capsys: pytest.CaptureFixture[str]) -> None:
    assert sy.item(41).subjects is None
    assert sy.item(42).subjects == ("山阴县住建局",)
    assert main(["show", "41", "-c", "shanyin", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["subjects"] is None
