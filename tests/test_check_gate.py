"""``zfgk check`` is the gate before publishing (issue 24): it passes a file only if ``zfgk scan`` does.

Each workbook here is made by openpyxl as the officers' own tools make
them: a 填表说明 sheet before the list, two batches on two sheets, a hidden
and a very hidden sheet, a comment, a page header, a data validation list,
a defined name, a column that is no field, a title and a footer.  The
numbers are GB 11643's example 11010519491231002X and the mobile
13812345678; where each is, is written here by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from zfgk.cli import main
from zfgk.files import Verdict, check_file, scan_file

openpyxl = pytest.importorskip("openpyxl")

HEADER = ["序号", "保障对象姓名", "保障性住房类型", "房号", "面积", "套型", "所在建设项目名称"]
ROWS = [
    [1, "张*", "公租房", "1-1-101", 50.5, "一室一厅", "民心佳园"],
    [2, "李*", "公租房", "1-1-102", 45, "一室", "民心佳园"],
]
ID, MOBILE = "11010519491231002X", "13812345678"


def book(path: Path, build: Any) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "分配结果"
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append(row)
    build(workbook)
    workbook.save(path)
    return path


def places(result: Any) -> list[str]:
    return [str(f.location) for f in result.findings]


def test_a_clean_list_passes(tmp_path: Path) -> None:
    path = book(tmp_path / "名单.xlsx", lambda wb: None)
    assert check_file(path, item=19).verdict is Verdict.CLEAN
    assert scan_file(path).verdict is Verdict.CLEAN


def test_an_instructions_sheet_first_and_the_list_after(tmp_path: Path) -> None:
    def build(wb: Any) -> None:
        notes = wb.create_sheet("填表说明", 0)
        notes["A1"] = "请按以下要求填写：身份证号须隐藏出生日期；联系电话不得公开。"

    result = check_file(book(tmp_path / "名单.xlsx", build), item=19)
    assert [(s.name, s.records) for s in result.sheets] == [("填表说明", False), ("分配结果", True)]
    assert result.record_count == 2
    assert result.verdict is Verdict.CLEAN


def test_two_batches_are_both_checked(tmp_path: Path) -> None:
    def build(wb: Any) -> None:
        second = wb.create_sheet("第二批")
        second.append(HEADER)
        second.append([1, "王*", "公租房", "2-1-101", "", "一室", "康居苑"])  # 面积 blank

    result = check_file(book(tmp_path / "名单.xlsx", build), item=19)
    assert result.record_count == 3
    assert [(r.sheet, r.row, [p.code.value for p in r.report.problems]) for r in result.rows] == [
        ("第二批", 2, ["empty"])
    ]
    assert result.verdict is Verdict.FOUND


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_is_published_too(tmp_path: Path, state: str) -> None:
    def build(wb: Any) -> None:
        backup = wb.create_sheet("备份")
        backup["B2"] = f"联系电话 {MOBILE}"
        backup.sheet_state = state

    path = book(tmp_path / "名单.xlsx", build)
    result = check_file(path, item=19)
    assert places(result) == ["备份!B2"] == places(scan_file(path))
    assert result.verdict is Verdict.FOUND
    assert [(s.name, s.state, s.records) for s in result.sheets][1] == ("备份", state, False)


def test_a_column_that_is_no_field_is_searched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's list: an extra column 联系电话 holding full mobiles passed check in 0.2."""
    path = tmp_path / "名单.csv"
    lines = [",".join([*HEADER, "联系电话"])]
    lines += [",".join([*map(str, row), MOBILE]) for row in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["check", str(path), "--item", "19", "--json"]) == 1
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [
        (line["row"], [(p["code"], p["field"]) for p in line["problems"]]) for line in out[:-1]
    ] == [
        (2, [("unmasked", "联系电话")]),
        (3, [("unmasked", "联系电话")]),
    ]
    assert [p["code"] for p in out[-1]["summary"]["header_problems"]] == ["unknown"]
    assert main(["scan", str(path)]) == 1


def test_a_title_and_a_footer_are_findings_in_their_cells(tmp_path: Path) -> None:
    def build(wb: Any) -> None:
        sheet = wb["分配结果"]
        sheet.insert_rows(1)
        sheet["A1"] = f"2026年第三批公租房分配结果公示（咨询电话 {MOBILE}）"
        sheet.append([])
        sheet.append([f"制表人：王五 {ID}", None, "审核人：李四"])

    path = book(tmp_path / "名单.xlsx", build)
    result = check_file(path, item=19)
    assert places(result) == ["分配结果!A1", "分配结果!A6"] == places(scan_file(path))
    assert (
        result.rows == ()
    )  # no record has a problem: the findings are the title's and the footer's
    assert result.verdict is Verdict.FOUND


def test_a_comment_and_a_page_header_are_published_too(tmp_path: Path) -> None:
    from openpyxl.comments import Comment

    def build(wb: Any) -> None:
        sheet = wb["分配结果"]
        sheet["B2"].comment = Comment(f"已核实，电话 {MOBILE}", "经办人")
        sheet.oddHeader.center.text = f"经办人身份证 {ID}"

    path = book(tmp_path / "名单.xlsx", build)
    result = check_file(path, item=19)
    assert sorted(places(result)) == ["comment on 分配结果!B2", "header of sheet 分配结果"]
    assert result.findings == scan_file(path).findings
    assert result.verdict is Verdict.FOUND


def test_a_data_validation_list_and_a_defined_name_are_published_too(tmp_path: Path) -> None:
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    def build(wb: Any) -> None:
        sheet = wb["分配结果"]
        rule = DataValidation(type="list", formula1=f'"{MOBILE},无"')
        sheet.add_data_validation(rule)
        rule.add("H2:H3")
        wb.defined_names["经办人电话"] = DefinedName("经办人电话", attr_text=f'"{ID}"')

    path = book(tmp_path / "名单.xlsx", build)
    result = check_file(path, item=19)
    assert sorted(places(result)) == ["data validation on 分配结果!H2:H3", "name 经办人电话"]
    assert result.findings == scan_file(path).findings
    assert result.verdict is Verdict.FOUND


def test_the_report_marks_the_title_and_footer_cells(tmp_path: Path) -> None:
    def build(wb: Any) -> None:
        sheet = wb["分配结果"]
        sheet.insert_rows(1)
        sheet["A1"] = f"分配结果公示（咨询电话 {MOBILE}）"

    path = book(tmp_path / "名单.xlsx", build)
    report = check_file(path, item=19).write_report(tmp_path / "问题.xlsx", lang="zh")
    marked = openpyxl.load_workbook(report)["分配结果"]
    assert marked["A1"].comment is not None
    assert "手机号" in marked["A1"].comment.text
    assert MOBILE not in marked["A1"].comment.text


def test_the_report_marks_every_sheet_and_keeps_the_others(tmp_path: Path) -> None:
    """A finding on a hidden sheet and a problem in the list: both marked, every sheet kept."""

    def build(wb: Any) -> None:
        wb["分配结果"]["D3"] = None  # 房号 blank in row 3
        backup = wb.create_sheet("备份")
        backup["B2"] = f"联系电话 {MOBILE}"
        backup.sheet_state = "hidden"

    path = book(tmp_path / "名单.xlsx", build)
    report = check_file(path, item=19).write_report(tmp_path / "问题.xlsx", lang="zh")
    marked = openpyxl.load_workbook(report)
    assert marked.sheetnames == ["说明", "分配结果", "备份"]
    assert marked["分配结果"]["D3"].comment is not None
    assert "房号为空" in marked["分配结果"]["D3"].comment.text
    assert "手机号" in marked["备份"]["B2"].comment.text
    assert marked["备份"]["B2"].value == f"联系电话 {MOBILE}"  # a report marks, never masks


def test_rows_with_the_same_problem_share_one_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A column blank in every row: each row is kept with its place, and one report for all
    (a list of a million such rows holds one); past the reports kept to share, each row keeps
    its own, equal to what it would have been."""
    path = tmp_path / "名单.csv"
    lines = [",".join(HEADER)]
    lines += [
        f"{n},张*,公租房,1-1-{n},{'' if n % 3 else 50},一室一厅,民心佳园" for n in range(1, 61)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_file(path, item=19)
    assert [r.row for r in result.rows] == [n + 1 for n in range(1, 61) if n % 3]
    assert len({id(r.report) for r in result.rows}) == 1
    monkeypatch.setattr("zfgk.files._check._SHARED_REPORTS", 0)
    unshared = check_file(path, item=19)
    reports = [r.report for r in unshared.rows]  # (held: a freed object's id is reused)
    assert len({id(report) for report in reports}) == len(reports)
    assert unshared.rows == result.rows
