"""``zfgk mask`` on workbooks (issue 20, part 1): the same workbook, only the cells to hide changed.

The answers are hand-known: each ID cell's masked form from
``tests/data/officers/expected.json`` (written from the designs, not by a
masker), and for the workbooks made here, the masked forms worked out by
hand from the catalogue's rule (the eight birth-date digits of an ID number
hidden, a name's given name, a mobile number's middle four digits).
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import Font, PatternFill

import zfgk
from zfgk.cli import main
from zfgk.errors import InputError, InvalidArgumentError, PrivacyError
from zfgk.files import mask_file as mask_workbook
from zfgk.workbooks import mark_problems, mask_cells

OFFICERS = Path(__file__).parent / "data" / "officers"
EXPECTED = json.loads((OFFICERS / "expected.json").read_text(encoding="utf-8"))["files"]
CLEAN = EXPECTED["item22-clean.xlsx"]
SECOND = CLEAN["other_sheets"]["退出名单2"]
#: (sheet, cell) -> masked ID, both sheets of item22-clean.
MASKED = {
    **{("退出名单", cell): masked for cell, masked in CLEAN["masked_ids"].items()},
    **{("退出名单2", cell): masked for cell, masked in SECOND["masked_ids"].items()},
}
FULL_IDS = [
    r["身份证号"] for records in (CLEAN["records"], SECOND["records"]) for r in records.values()
]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["--lang", "en", *argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def values(path: Path) -> dict[tuple[str, str], Any]:
    """Every cell holding a value: (sheet, cell) -> value."""
    book = openpyxl.load_workbook(path)
    return {
        (sheet.title, cell.coordinate): cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }


def every_byte(path: Path) -> bytes:
    with zipfile.ZipFile(path) as z:
        return b"".join(z.read(name) for name in z.namelist())


@pytest.mark.parametrize(
    "name", ["item22-clean.xlsx", "item22-clean.lo.xlsx", "item22-clean.xls", "item22-clean.ods"]
)
def test_only_the_id_cells_change(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "公示.xlsx"
    status, _, err = run(capsys, "mask", str(OFFICERS / name), "-o", str(output), "--item", "22")
    assert status == 0, err
    before, after = values(OFFICERS / "item22-clean.xlsx"), values(output)
    assert set(after) == set(before)
    changed = {key for key in after if after[key] != before[key]}
    if name.endswith((".xls", ".ods")):  # converted: dates as dates, numbers as numbers
        changed = {k for k in changed if str(after[k]) != str(before[k])}
    assert changed == set(MASKED)
    assert {key: after[key] for key in MASKED} == MASKED
    data = every_byte(output)
    assert not [i for i in FULL_IDS if i.encode() in data]
    # The summary counts the cells masked in each sheet's ID column.
    assert "sheet 退出名单 (header row 2, records: 5): 身份证号: 5" in err
    assert "sheet 退出名单2 (header row 1, records: 3): 身份证号: 3" in err
    assert "8 cells changed" in err
    # The masked workbook passes the check of the item it publishes.
    assert run(capsys, "check", str(output), "--item", "22")[0] == 0


def test_styles_merges_widths_and_other_sheets_stay(tmp_path: Path) -> None:
    output = tmp_path / "公示.xlsx"
    mask_workbook(OFFICERS / "item22-clean.xlsx", output, item=zfgk.load("chongqing").item(22))
    old, new = (
        openpyxl.load_workbook(OFFICERS / "item22-clean.xlsx"),
        openpyxl.load_workbook(output),
    )
    assert new.sheetnames == old.sheetnames == CLEAN["sheet_names"]
    for sheet in old.sheetnames:
        a, b = old[sheet], new[sheet]
        assert sorted(map(str, a.merged_cells.ranges)) == sorted(map(str, b.merged_cells.ranges))
        assert {k: d.width for k, d in a.column_dimensions.items()} == {
            k: d.width for k, d in b.column_dimensions.items()
        }
        for row in a.iter_rows():
            for cell in row:
                other = b[cell.coordinate]
                assert (
                    cell.font.b,
                    cell.font.name,
                    cell.number_format,
                    cell.border.left.style,
                ) == (
                    other.font.b,
                    other.font.name,
                    other.number_format,
                    other.border.left.style,
                )
    assert sorted(map(str, new["退出名单"].merged_cells.ranges)) == CLEAN["merged"]


def test_one_sheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "公示.xlsx"
    status, _, err = run(
        capsys,
        "mask",
        str(OFFICERS / "item22-clean.xlsx"),
        "-o",
        str(output),
        "--item",
        "22",
        "--sheet",
        "2",
    )
    assert status == 0, err
    after = values(output)
    assert after[("退出名单2", "C2")] == "520425********039X"
    # Not chosen, but published with it: its columns are not masked, its full numbers are.
    assert after[("退出名单", "C3")] == CLEAN["masked_ids"]["C3"]
    assert "退出名单 (" not in err
    status, _, err = run(
        capsys, "mask", str(OFFICERS / "item22-clean.xlsx"), "-o", str(output), "--sheet", "名单3"
    )
    assert status == 2
    assert "no sheet '名单3'" in err
    assert "退出名单2" in err


@pytest.mark.parametrize(
    "name", ["item22-ids-as-numbers.xlsx", "item22-ids-as-numbers.xls", "item22-ids-as-numbers.ods"]
)
def test_ids_stored_as_numbers_are_refused_by_cell(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "公示.xlsx"
    status, out, err = run(capsys, "mask", str(OFFICERS / name), "-o", str(output), "--item", "22")
    assert status == 1
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []
    assert (
        "Sheet1!C2 (身份证号), Sheet1!C3 (身份证号), Sheet1!C4 (身份证号), Sheet1!C6 (身份证号): "
        "cannot mask: an ID number stored as a number"
    ) in err
    assert "C5" not in err  # the ID that stayed text can be masked
    for cell in EXPECTED[name]["numeric_id_cells"]:
        assert cell["typed"][:6] not in out + err
        assert cell["typed"][-4:] not in out + err


def test_xls_must_become_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(
        capsys, "mask", str(OFFICERS / "item22-clean.xls"), "-o", str(tmp_path / "公示.xls")
    )
    assert status == 2
    assert "a .xls workbook can be written only as .xlsx, not .xls" in err
    assert list(tmp_path.iterdir()) == []


def officer_list(path: Path) -> Path:
    """A list as officers make one: a merged title, two header rows, styles, a footer."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet["A1"] = "2026年第二批公共租赁住房自愿退出名单"
    sheet.merge_cells("A1:E1")
    for cell, text in {
        "A2": "序号",
        "B2": "原保障对象姓名",
        "C2": "证件信息",
        "E2": "联系电话",
    }.items():
        sheet[cell] = text
    sheet.merge_cells("C2:D2")
    sheet["C3"], sheet["D3"] = "身份证号", "证件类型"
    for merged in ("A2:A3", "B2:B3", "E2:E3"):
        sheet.merge_cells(merged)
    sheet.append([1, "许春梅", "44162219470406403X", "居民身份证", "13812345678"])
    sheet.append([2, "欧阳娜娜", "510903196510119454", "居民身份证", "0571-87654321"])
    sheet.append(["制表人：张三  联系电话：13987654321"])
    sheet.merge_cells("A6:E6")
    sheet["B4"].font = Font(name="宋体", bold=True)
    sheet["B4"].fill = PatternFill(fill_type="solid", fgColor="FFFF00")
    sheet.column_dimensions["C"].width = 24
    sheet.row_dimensions[4].height = 30
    book.save(path)
    return path


def test_a_titled_two_row_header_with_names_and_phones(tmp_path: Path) -> None:
    source = officer_list(tmp_path / "名单.xlsx")
    done = mask_workbook(source, tmp_path / "公示.xlsx", names=True, phones=True)
    (sheet,) = done.sheets
    assert sheet.header_rows == (2, 3)
    assert sheet.records == 2
    assert [(c.header, n) for c, n in sheet.columns] == [
        ("原保障对象姓名", 2),
        ("身份证号", 2),
        ("联系电话", 2),
    ]
    assert sheet.redacted == 1  # the mobile number in the signature footer
    after = openpyxl.load_workbook(done.path)["名单"]
    # By hand: the given name hidden, the 8 birth-date digits, the middle four of a mobile,
    # the last four of a fixed line.
    assert [[c.value for c in row] for row in after["B4:E5"]] == [
        ["许**", "441622********403X", "居民身份证", "138****5678"],
        ["欧阳**", "510903********9454", "居民身份证", zfgk.mask_phone("0571-87654321")],
    ]
    assert after["A6"].value == "制表人：张三  联系电话：139****4321"
    assert after["A1"].value == "2026年第二批公共租赁住房自愿退出名单"
    assert (after["B4"].font.b, after["B4"].fill.fgColor.rgb) == (True, "00FFFF00")
    assert after.column_dimensions["C"].width == 24
    assert after.row_dimensions[4].height == 30
    assert sorted(map(str, after.merged_cells.ranges)) == [
        "A1:E1",
        "A2:A3",
        "A6:E6",
        "B2:B3",
        "C2:D2",
        "E2:E3",
    ]


def test_without_item_names_stay_and_ids_go(tmp_path: Path) -> None:
    source = officer_list(tmp_path / "名单.xlsx")
    done = mask_workbook(source, tmp_path / "公示.xlsx")
    after = openpyxl.load_workbook(done.path)["名单"]
    assert (after["B4"].value, after["C4"].value, after["E4"].value) == (
        "许春梅",
        "441622********403X",
        "138****5678",  # a mobile number is masked in any cell, fail closed
    )
    assert after["E5"].value == "0571-87654321"  # a fixed line is published unless --phones


def test_a_value_that_cannot_be_masked_names_its_cell(tmp_path: Path) -> None:
    source = officer_list(tmp_path / "名单.xlsx")
    book = openpyxl.load_workbook(source)
    book["名单"]["C5"] = "不详"
    book.save(source)
    with pytest.raises(PrivacyError, match=r"名单!C5 \(身份证号\): cannot mask") as caught:
        mask_workbook(source, tmp_path / "公示.xlsx")
    assert "不详" not in str(caught.value)
    assert not (tmp_path / "公示.xlsx").exists()


def test_a_column_named_in_no_sheet(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="no column '户主'"):
        mask_workbook(OFFICERS / "item22-clean.xlsx", tmp_path / "o.xlsx", columns={"户主": None})


def test_bombs_are_refused_before_openpyxl_or_conversion(tmp_path: Path) -> None:
    """An .xlsx zip bomb (a part of 64 MiB of spaces) and an .ods that repeats a row into
    1.6 billion cells, both made here, are refused by the guard before they are inflated."""
    bomb = tmp_path / "bomb.xlsx"
    shutil.copy(OFFICERS / "item22-clean.xlsx", bomb)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/bomb.xml", "w") as f:
        for _ in range(64):
            f.write(b" " * (1 << 20))
    with pytest.raises(InputError, match=r"inflates .* times its size"):
        mask_cells(bomb, tmp_path / "o.xlsx", {})
    with pytest.raises(InputError, match=r"inflates .* times its size"):
        mask_workbook(bomb, tmp_path / "o.xlsx")
    with pytest.raises(InputError, match=r"inflates .* times its size"):
        mark_problems(tmp_path / "o.xlsx", [], [], workbook=bomb)
    # A billion laughs in the sheet openpyxl would parse: refused for declaring a document type.
    laughs = tmp_path / "laughs.xlsx"
    with zipfile.ZipFile(OFFICERS / "item22-clean.xlsx") as z:
        parts = {name: z.read(name) for name in z.namelist()}
    entities = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "lol" * 10}">' for i in range(1, 10)
    )
    sheet = parts["xl/worksheets/sheet1.xml"].decode().split("?>", 1)[-1]
    parts["xl/worksheets/sheet1.xml"] = f"<!DOCTYPE lolz [{entities}]>{sheet}".encode()
    with zipfile.ZipFile(laughs, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(InputError, match="declares a document type"):
        mask_cells(laughs, tmp_path / "o.xlsx", {})
    with zipfile.ZipFile(OFFICERS / "item22-clean.ods") as z:
        parts = {name: z.read(name) for name in z.namelist()}
    row = (
        '<table:table-row table:number-rows-repeated="100000"><table:table-cell '
        'table:number-columns-repeated="16000" office:value-type="string"><text:p>x</text:p>'
        "</table:table-cell></table:table-row>"
    )
    content = parts["content.xml"].decode().replace("</table:table>", row + "</table:table>", 1)
    parts["content.xml"] = content.encode()
    repeated = tmp_path / "repeated.ods"
    with zipfile.ZipFile(repeated, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    with pytest.raises(InputError, match="rows and 16000 columns"):
        mask_cells(repeated, tmp_path / "o.xlsx", {})
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "bomb.xlsx",
        "laughs.xlsx",
        "repeated.ods",
    ]


def test_a_csv_is_not_written_as_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys, "mask", str(OFFICERS / "item22-clean.csv"), "-o", str(tmp_path / "公示.xlsx")
    )
    assert status == 2
    assert "is a text file and is masked as text: write it to a .csv" in err
    assert list(tmp_path.iterdir()) == []
