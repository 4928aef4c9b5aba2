"""``zfgk check`` on lists as officers make them, in every format office software saves.

The files are tests/data/officers/ (made with openpyxl and LibreOffice; see
its README.md); the answers (which rows are titles, header, records, blank
rows and footers; which ID cells hold numbers) are its hand-written
expected.json and the README's tables, never this code's own output.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.test_tables_hostile import LAUGHS, SHEET, rewrite, sheet_xml, workbook
from zfgk.cli import main

OFFICERS = Path(__file__).parent / "data" / "officers"
EXPECTED: dict[str, Any] = json.loads((OFFICERS / "expected.json").read_text(encoding="utf-8"))[
    "files"
]
WORKBOOKS = (".xlsx", ".lo.xlsx", ".xls", ".ods")
FORMATS = (*WORKBOOKS, ".csv")


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, Any]]]:
    """``zfgk check … --json``: the exit status and the JSON lines."""
    code = main(["check", *argv, "--json"])
    out, err = capsys.readouterr()
    assert not err, err
    return code, [json.loads(line) for line in out.splitlines()]


def text(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["check", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def rows_of(lines: list[dict[str, Any]]) -> dict[int, list[tuple[str, str]]]:
    """Row → (code, field) of each problem."""
    return {
        line["row"]: [(p["code"], p["field"]) for p in line["problems"]]
        for line in lines
        if "row" in line
    }


def notes(summary: dict[str, Any]) -> list[tuple[str, int, int]]:
    return [(n["kind"], n["first_row"], n["last_row"]) for n in summary["notes"]]


def skipped(answer: dict[str, Any]) -> list[tuple[str, int, int]]:
    """The notes a file's answers call for: its titles, its footer rows (a total named as such)."""
    found = [("title", row, row) for row in answer["title_rows"]]
    for row in answer["footer_rows"]:
        first = next(v for v in answer["footer_cells"][str(row)].values() if v.strip())
        kind = "total" if first.replace(" ", "") in ("合计", "总计", "小计") else "footer"
        found.append((kind, row, row))
    return found


def summary_agrees(summary: dict[str, Any], answer: dict[str, Any]) -> None:
    """The summary of the answer's sheet (the first read as records) agrees with the answer."""
    (sheet,) = [
        s for s in summary["sheets"] if s["name"] == answer.get("sheet") or s["name"] is None
    ]
    assert sheet["records"] is True
    assert sheet["rows"] == len(answer["records"])
    assert sheet["blank_rows"] == len(answer["blank_rows"])
    assert summary["header_rows"] == [answer["header_rows"][0], answer["header_rows"][-1]]
    assert notes(summary) == skipped(answer)
    assert all(p["field"] != "序号" for p in summary["header_problems"])


@pytest.mark.parametrize("suffix", WORKBOOKS)
def test_title_merged_project_names_footer(capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    name = "item19-title-merged" + suffix
    code, lines = check(capsys, str(OFFICERS / name), "--item", "19")
    summary = lines[-1]["summary"]
    assert code == 0, lines
    summary_agrees(summary, EXPECTED[name])
    assert summary["sheet"] == EXPECTED[name]["sheet"]
    assert (summary["rows_with_problems"], summary["header_problems"]) == (0, [])
    # G4 and G5 read 民心佳园 from the merge: not blank.
    assert rows_of(lines) == {}


@pytest.mark.parametrize("name", ["item19-title-merged.csv", "item19-excel-blank-columns.csv"])
def test_title_merged_saved_as_csv(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, lines = check(capsys, str(OFFICERS / name), "--item", "19")
    summary = lines[-1]["summary"]
    summary_agrees(summary, EXPECTED[name])
    assert summary["header_problems"] == []
    # A CSV has no merges: the cells under 民心佳园 are blank, and that is a problem.
    assert EXPECTED["item19-title-merged.xlsx"]["merge_filled_cells"] == ["G4", "G5"]
    assert rows_of(lines) == {
        4: [("empty", "所在建设项目名称")],
        5: [("empty", "所在建设项目名称")],
    }
    assert code == 1


def test_the_text_report_names_the_rows_that_are_not_records(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = text(capsys, str(OFFICERS / "item19-title-merged.xls"), "--item", "19")
    assert code == 0
    assert out.splitlines() == [
        f"{OFFICERS / 'item19-title-merged.xls'}, sheet 分配结果: item 19 分配结果 (chongqing)",
        "  note: row 1: title 2026年第三批公共租赁住房分配结果公示, not a record",
        "  note: row 9: total (合计), not a record",
        "  note: row 10: footer (制表人, 审核人, 日期), not a record",
        "  rows read: 5; rows with problems: 0; blank rows: 1",
        "  OK",
    ]
    code, out, _ = text(capsys, str(OFFICERS / "item19-title-merged.ods"), "--item", "19")
    assert "序号" not in out


@pytest.mark.parametrize("suffix", FORMATS)
def test_two_header_rows(capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    name = "item19-two-row-header" + suffix
    code, lines = check(capsys, str(OFFICERS / name), "--item", "19")
    summary = lines[-1]["summary"]
    assert code == 0, lines
    summary_agrees(summary, EXPECTED[name])
    assert summary["header_problems"] == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_footer_like_cell_in_the_data_is_a_record(
    capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    name = "item19-note-in-data" + suffix
    code, lines = check(capsys, str(OFFICERS / name), "--item", "19")
    summary = lines[-1]["summary"]
    assert code == 0, lines
    summary_agrees(summary, EXPECTED[name])
    # 备注 is not a field of item 19 (a warning); 序号 is the running number.
    assert [(p["code"], p["field"]) for p in summary["header_problems"]] == [("unknown", "备注")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_id_numbers_stored_as_numbers(capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    name = "item22-ids-as-numbers" + suffix
    code, lines = check(capsys, str(OFFICERS / name), "--item", "22")
    summary = lines[-1]["summary"]
    assert code == 1
    summary_agrees(summary, EXPECTED[name])
    # The README: C2, C3, C4 and C6 hold numbers (the CSV: 6.20503200006097E+017);
    # C5 (…810X) stayed text, a full ID number.
    numbers = [2, 3, 4, 6]
    if suffix != ".csv":
        assert [c["row"] for c in EXPECTED[name]["numeric_id_cells"]] == numbers
    problems = rows_of(lines)
    assert problems == {
        **{row: [("stored-as-number", "身份证号")] for row in numbers},
        5: [("unmasked", "身份证号")],
    }
    messages = {
        p["message"]
        for line in lines
        if "row" in line
        for p in line["problems"]
        if p["code"] == "stored-as-number"
    }
    assert len(messages) == 1
    for message in messages:
        assert "15 significant digits" in message
        assert "format the column as text" in message
        assert "full ID number" not in message
    assert not any(c["typed"] in json.dumps(lines) for c in EXPECTED[name]["numeric_id_cells"])


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_id_column_of_numbers_that_is_not_a_field(
    capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    """Item 19 has no ID field; a 身份证号 column of numbers still shows 15 digits of each."""
    name = "item22-ids-as-numbers" + suffix
    code, lines = check(
        capsys, str(OFFICERS / name), "--item", "19", "--alias", "原保障对象姓名=保障对象姓名"
    )
    assert code == 1
    problems = rows_of(lines)
    assert {row: [p for p in found if p[1] == "身份证号"] for row, found in problems.items()} == {
        2: [("stored-as-number", "身份证号")],
        3: [("stored-as-number", "身份证号")],
        4: [("stored-as-number", "身份证号")],
        5: [("unmasked", "身份证号")],
        6: [("stored-as-number", "身份证号")],
    }


def test_stored_as_number_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    path = OFFICERS / "item22-ids-as-numbers.xlsx"
    code, out, _ = text(capsys, str(path), "--item", "22", "--lang", "zh")
    assert code == 1
    assert "第 2 行" in out
    assert "身份证号存的是数字而不是文本" in out
    assert "15 位有效数字" in out
    main(["--lang", "en", "items"])  # the language back, for the tests after this one
    capsys.readouterr()


@pytest.mark.parametrize("suffix", FORMATS)
def test_sheets_of_a_workbook(capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    name = "item22-clean" + suffix
    code, lines = check(capsys, str(OFFICERS / name), "--item", "22")
    answer = EXPECTED[name]
    summary = lines[-1]["summary"]
    summary_agrees(summary, answer)
    assert code == 1
    if suffix == ".csv":
        # Full ID numbers, kept for masking: every record is unmasked.
        assert set(rows_of(lines)) == set(map(int, answer["records"]))
        return
    # Both batches are the item's lists: every record of both is checked; 说明 is searched.
    other = answer["other_sheets"]["退出名单2"]
    assert [(s["name"], s["records"]) for s in summary["sheets"]] == [
        ("退出名单", True),
        ("退出名单2", True),
        ("说明", False),
    ]
    assert summary["rows"] == len(answer["records"]) + len(other["records"])
    assert {(line["sheet"], line["row"]) for line in lines if "row" in line} == {
        *(("退出名单", int(row)) for row in answer["records"]),
        *(("退出名单2", int(row)) for row in other["records"]),
    }
    for chosen in ("2", "退出名单2"):
        code, lines = check(capsys, str(OFFICERS / name), "--item", "22", "--sheet", chosen)
        summary = lines[-1]["summary"]
        assert summary["sheet"] == "退出名单2"
        assert summary["rows"] == len(other["records"])
        assert set(rows_of(lines)) == set(map(int, other["records"]))
        assert next((s["name"], s["records"]) for s in summary["sheets"]) == ("退出名单", False)


def test_header_row_forced(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--header-row names the header when nothing tells it: a header of no known names."""
    path = tmp_path / "list.xlsx"
    book = openpyxl.Workbook()
    for row in (["2026年公示"], ["说明：单位：平方米"], ["户号", "户主"], ["1-101", "张*"]):
        book.active.append(row)
    book.save(path)
    code, lines = check(
        capsys, str(path), "--item", "19", "--header-row", "3", "--alias", "户号=房号"
    )
    summary = lines[-1]["summary"]
    assert summary["header_rows"] == [3, 3]
    assert notes(summary) == [("title", 1, 2)]
    assert summary["rows"] == 1
    assert code == 1  # 户号 is 房号, 户主 the name; the rest is missing


def test_a_header_and_no_records(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["2026年第三批公共租赁住房分配结果公示"])
    book.active.append(
        ["序号", "保障对象姓名", "保障性住房类型", "房号", "面积", "套型", "所在建设项目名称"]
    )
    book.active.append([])
    book.active.append(["制表人：张三", None, None, "审核人：李四"])
    book.save(path)
    code, lines = check(capsys, str(path), "--item", "19")
    summary = lines[-1]["summary"]
    assert (code, summary["rows"], summary["no_records"], summary["ok"]) == (1, 0, True, False)
    assert notes(summary) == [("title", 1, 1), ("footer", 4, 4)]
    code, out, _ = text(capsys, str(path), "--item", "19")
    assert "the file holds no records: nothing was checked" in out


def hostile(tmp_path: Path) -> dict[str, Path]:
    """A zip bomb, an XML bomb and a truncated workbook (made as tests/test_tables_hostile)."""
    src = workbook(tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    shutil.copy(src, bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/bomb.xml", "w") as f:
        for _ in range(64):
            f.write(b" " * (1 << 20))
    laughs = rewrite(src, tmp_path / "laughs.xlsx", {SHEET: (LAUGHS + sheet_xml(src)).encode()})
    truncated = tmp_path / "truncated.xls"
    data = (OFFICERS / "item22-clean.xls").read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    return {"inflates": bomb, "document type": laughs, "damaged or truncated": truncated}


def test_hostile_files_end_in_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for reason, path in hostile(tmp_path).items():
        code, out, err = text(capsys, str(path), "--item", "19")
        assert (code, out) == (2, "")
        assert err.startswith(f"zfgk: error: {path}: "), err
        assert reason in err
        assert err.count("\n") == 1
