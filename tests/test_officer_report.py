"""``zfgk check FILE --item N --report REPORT.xlsx`` (issue 20, part 2): problems in the officer's sheet.

Which cells have which problem is known by hand from the designs
(``tests/data/officers/README.md``): item22-ids-as-numbers holds four ID
numbers as numbers (C2, C3, C4, C6) and one full ID as text (C5); the CSV
of item19-title-merged leaves G4 and G5 blank (a merge LibreOffice wrote
into G3 only); item22-clean holds eight full ID numbers.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from zfgk.cli import main
from zfgk.tables import read_table

OFFICERS = Path(__file__).parent / "data" / "officers"
EXPECTED = json.loads((OFFICERS / "expected.json").read_text(encoding="utf-8"))["files"]
#: The looks of marks (issue 27, point 11): red and yellow; a blank cell striped dark red.
RED, YELLOW, BLANK_RED = "FFFF9999", "FFFFD966", "FFC00000"


def check(capsys: pytest.CaptureFixture[str], lang: str, *argv: str) -> tuple[int, str]:
    status = main(["--lang", lang, "check", *argv])
    return status, capsys.readouterr().err


def marked(sheet: Any) -> dict[str, tuple[str, str]]:
    """Cells with a comment: cell -> (fill, comment)."""
    return {
        cell.coordinate: (cell.fill.fgColor.rgb, cell.comment.text)
        for row in sheet.iter_rows()
        for cell in row
        if cell.comment is not None
    }


def test_numbers_and_a_full_id_in_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = OFFICERS / "item22-ids-as-numbers.xlsx"
    report = tmp_path / "问题.xlsx"
    status, err = check(capsys, "zh", str(source), "--item", "22", "--report", str(report))
    assert status == 1
    assert str(report) in err
    book = openpyxl.load_workbook(report)
    assert book.sheetnames == ["说明", "Sheet1"]
    found = marked(book["Sheet1"])
    assert sorted(found) == ["C2", "C3", "C4", "C5", "C6"]
    for cell in ("C2", "C3", "C4", "C6"):
        assert found[cell][0] == RED
        assert "身份证号存的是数字而不是文本" in found[cell][1]
    assert found["C5"][0] == RED
    assert "身份证号是完整的身份证号" in found["C5"][1]
    # Only the problem cells changed: every other cell's value and fill is the source's.
    original = openpyxl.load_workbook(source)["Sheet1"]
    for row in original.iter_rows():
        for cell in row:
            copy = book["Sheet1"][cell.coordinate]
            assert copy.value == cell.value
            if cell.coordinate not in found:
                assert copy.fill.fgColor.rgb == cell.fill.fgColor.rgb
    summary = [c.value for c in book["说明"]["A"] if c.value]
    assert "身份证号  存为数字  4" in summary
    assert "身份证号  未隐藏  1" in summary
    assert any(line.startswith("Sheet1!C5  身份证号是完整的身份证号") for line in summary)


def test_no_full_id_in_a_comment_or_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The checked sheet keeps its cells; nothing the report adds repeats an ID number."""
    source = OFFICERS / "item22-clean.xlsx"
    report = tmp_path / "问题.xlsx"
    assert check(capsys, "en", str(source), "--item", "22", "--report", str(report))[0] == 1
    ids = [r["身份证号"] for r in EXPECTED["item22-clean.xlsx"]["records"].values()]
    with zipfile.ZipFile(report) as z:
        parts = {name: z.read(name).decode("utf-8") for name in z.namelist()}
    holding = {name for name, text in parts.items() for i in ids if i in text}
    # The checked sheet's own cells (its part keeps its name), and nothing else.
    assert holding == {"xl/worksheets/sheet1.xml"}
    for i in ids:  # each ID once, as the officer typed it: no comment or summary repeats it
        assert parts["xl/worksheets/sheet1.xml"].count(i) == 1
        assert i[:6] + i[-4:] not in "".join(parts.values())
    book = openpyxl.load_workbook(report)
    found = marked(book["退出名单"])
    assert sorted(found) == ["C3", "C4", "C5", "C6", "C7"]
    assert book.sheetnames == ["Summary", "退出名单", "退出名单2", "说明"]  # the whole workbook


def test_a_csv_keeps_its_rows_and_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "问题.xlsx"
    source = OFFICERS / "item19-title-merged.csv"
    assert check(capsys, "zh", str(source), "--item", "19", "--report", str(report))[0] == 1
    book = openpyxl.load_workbook(report)
    sheet = book["Sheet1"]
    assert [c.value for c in sheet[2]] == list(
        EXPECTED["item19-title-merged.csv"]["columns"].values()
    )
    assert sheet["D3"].value == "1-2-301"  # the record of row 3, in row 3
    assert sheet["D7"].value == "2-1-501"  # row 6 is the blank row
    assert all(c.value is None for c in sheet[6])
    found = marked(sheet)
    assert sorted(found) == ["G4", "G5"]
    assert found["G4"] == (BLANK_RED, "所在建设项目名称为空；第 19 项要求填写")
    summary = [c.value for c in book["说明"]["A"] if c.value]
    assert "提示：第 1 行：标题“2026年第三批公共租赁住房分配结果公示”，不是记录" in summary
    assert "提示：第 9 行：合计行（合计），不是记录" in summary
    assert "提示：第 10 行：表尾（制表人, 审核人, 日期），不是记录" in summary


def test_missing_columns_go_on_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.xlsx"
    source = OFFICERS / "item19-two-row-header.xlsx"
    check(capsys, "en", str(source), "--item", "22", "--report", str(report))
    book = openpyxl.load_workbook(report)
    assert book.sheetnames == ["Summary", "Sheet1"]
    summary = [c.value for c in book["Summary"]["A"] if c.value]
    assert any(line.startswith("header: missing 身份证号:") for line in summary)
    assert marked(book["Sheet1"]) == {}
    assert sorted(map(str, book["Sheet1"].merged_cells.ranges)) == sorted(
        EXPECTED["item19-two-row-header.xlsx"]["merged"]
    )


def test_warnings_are_yellow_and_json_lines_get_a_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "名单.csv"
    source.write_text(
        "序号,保障对象姓名,保障性住房类型,房号,面积,套型,所在建设项目名称\n"
        "1,张*,公共租赁住房,1-2-301,45.6,一室一厅,民心佳园,多出的一格\n",
        encoding="utf-8",
    )
    report = tmp_path / "问题.xlsx"
    check(capsys, "en", str(source), "--item", "19", "--report", str(report))
    found = marked(openpyxl.load_workbook(report)["Sheet1"])
    assert list(found) == ["H2"]
    assert found["H2"][0] == YELLOW
    lines = tmp_path / "名单.jsonl"
    lines.write_text(
        '{"保障对象姓名": "张*", "身份证号": "44162219470406403X"}\n', encoding="utf-8"
    )
    check(capsys, "en", str(lines), "--item", "19", "--report", str(report))
    sheet = openpyxl.load_workbook(report)["Sheet1"]
    assert [c.value for c in sheet[1]] == ["保障对象姓名", "身份证号"]
    assert sheet["B2"].value == "44162219470406403X"  # line 1 on row 2
    found = marked(sheet)
    assert found["B2"][0] == RED
    assert "44162219470406403X" not in found["B2"][1]


def test_a_list_that_starts_in_column_b(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Masked cells and marks land where the sheet shows them when column A is empty."""
    source = tmp_path / "名单.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B2"], sheet["C2"], sheet["D2"] = "序号", "原保障对象姓名", "身份证号"
    sheet["B3"], sheet["C3"], sheet["D3"] = 1, "许春梅", "44162219470406403X"
    sheet["B4"], sheet["C4"], sheet["D4"] = 2, "李淑珍", ""
    book.save(source)
    table = read_table(source)
    assert (table.header_rows, table.first_column) == ((2, 2), 2)
    assert [row for row, _ in table.lists()] == [3, 4]  # calamine pads rows 1-1, not columns
    report = tmp_path / "问题.xlsx"
    check(capsys, "en", str(source), "--item", "22", "--report", str(report))
    found = marked(openpyxl.load_workbook(report)["Sheet"])
    assert sorted(found) == ["D3", "D4"]  # a full ID; an empty required ID
    masked = tmp_path / "公示.xlsx"
    assert main(["mask", str(source), "-o", str(masked), "--item", "22"]) == 0
    after = openpyxl.load_workbook(masked)["Sheet"]
    assert (after["C3"].value, after["D3"].value) == ("许春梅", "441622********403X")


def test_the_report_never_replaces_the_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "名单.xlsx"
    source.write_bytes((OFFICERS / "item22-clean.xlsx").read_bytes())
    status, err = check(capsys, "en", str(source), "--item", "22", "--report", str(source))
    assert status == 2
    assert "the report would replace the file checked" in err
    assert source.read_bytes() == (OFFICERS / "item22-clean.xlsx").read_bytes()
