"""What a workbook publishes outside its cells (comments, links, footers) is scanned, and stops mask."""

from __future__ import annotations

from pathlib import Path

import pytest

import zfgk
from zfgk.cli import main

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("python_calamine")


def book(
    path: Path, *, comment: str = "", link: str = "", footer: str = "", formula: str = ""
) -> Path:
    from openpyxl.comments import Comment

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet["A1"], sheet["B1"] = "姓名", "身份证号"
    sheet["A2"], sheet["B2"] = "张*", "110105********002X"
    if comment:
        sheet["A2"].comment = Comment(comment, "经办人")
    if link:
        sheet["A2"].hyperlink = link
    if footer:
        sheet.oddFooter.center.text = footer
    if formula:
        sheet["C2"] = formula  # openpyxl stores no value for it: only the formula shows it
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("options", "kind", "place"),
    [
        ({"comment": "核实 11010519491231002X"}, "id_number", "comment on 名单!A2"),
        ({"link": "tel:13812345678"}, "phone", "hyperlink on 名单!A2"),
        ({"footer": "联系 13912345678"}, "phone", "footer of sheet 名单"),
        ({"formula": '="电话 13712345678"'}, "phone", "formula on 名单!C2"),
    ],
)
def test_scan_finds_numbers_outside_the_cells(
    tmp_path: Path, options: dict[str, str], kind: str, place: str
) -> None:
    found = zfgk.scan_file(book(tmp_path / "名单.xlsx", **options))
    assert found.error is None
    assert [(f.kind.value, str(f.location)) for f in found.findings] == [(kind, place)]


def test_mask_names_a_place_with_two_numbers_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = book(tmp_path / "名单.xlsx", comment="核实 11010519491231002X 13812345678")
    assert main(["mask", str(source), "-o", str(tmp_path / "公示.xlsx")]) == 1
    assert capsys.readouterr().err.count("comment on 名单!A2") == 1


def test_a_note_shaped_like_a_guid_is_read(tmp_path: Path) -> None:
    # 35 characters of digits and hyphens were taken for a threaded comment's id, unread
    found = zfgk.scan_file(
        book(tmp_path / "名单.xlsx", comment="13812345678-13987654321-13712345678")
    )
    assert [f.kind.value for f in found.findings] == ["phone", "phone", "phone"]
    guid = "{6F9619FF-8B86-D011-B42D-00C04FC964FF}"  # an id as Excel writes it: passed over
    assert zfgk.scan_file(book(tmp_path / "id.xlsx", comment=guid)).findings == ()


def test_a_sheet_named_with_a_number_is_found_never_shown_and_not_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the name on the tab was never read, and every place in the sheet printed it whole
    path = tmp_path / "名单.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "张三11010519491231002X"
    workbook.active["B2"] = "13812345678"
    workbook.create_sheet("李四 139 1234 5678")  # a number written in groups: quiet too
    workbook.create_sheet("王五 138\u200b1234\ufe0f5678")  # and with marks that show nothing
    workbook.save(path)
    found = zfgk.scan_file(path)
    assert sorted((f.kind.value, str(f.location)) for f in found.findings) == [
        ("id_number", "name of sheet 张三…"),
        ("phone", "name of sheet 李四 …"),
        ("phone", "name of sheet 王五 …"),
        ("phone", "张三…!B2"),
    ]
    assert main(["check", str(path), "--item", "22", "--json"]) == 1
    out = capsys.readouterr().out
    assert "11010519491231002X" not in out
    assert '"name": "张三…"' in out
    out_path = tmp_path / "公示.xlsx"
    assert main(["mask", str(path), "-o", str(out_path)]) == 1
    err = capsys.readouterr().err
    assert "name of sheet 张三…" in err
    assert "11010519491231002X" not in err
    assert not out_path.exists()


def test_a_clean_book_has_no_finding(tmp_path: Path) -> None:
    assert zfgk.scan_file(book(tmp_path / "名单.xlsx", comment="已核实")).findings == ()


def test_mask_refuses_what_it_cannot_rewrite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = book(tmp_path / "名单.xlsx", comment="核实 11010519491231002X")
    out = tmp_path / "公示.xlsx"
    assert main(["mask", str(source), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "comment on 名单!A2" in err
    assert "11010519491231002X" not in err
    assert not out.exists()


def test_names_validations_and_charts_are_named_as_excel_shows_them(tmp_path: Path) -> None:
    from openpyxl.chart import BarChart, Reference
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "名单"
    sheet.append(["姓名", "面积"])
    sheet.append(["张*", 50])
    sheet.append(["李*", 60])
    validation = DataValidation(type="list", formula1='"15012345678,无"')
    validation.add("D2:D9")
    sheet.add_data_validation(validation)
    workbook.defined_names["联系人"] = DefinedName("联系人", attr_text='"13612345678"')
    chart = BarChart()
    chart.title = "咨询电话 13312345678"
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_row=3), titles_from_data=True)
    sheet.add_chart(chart, "E2")
    path = tmp_path / "名单.xlsx"
    workbook.save(path)
    found = zfgk.scan_file(path)
    assert found.error is None
    assert sorted((f.kind.value, str(f.location)) for f in found.findings) == [
        ("phone", "chart of sheet 名单"),
        ("phone", "data validation on 名单!D2:D9"),
        ("phone", "name 联系人"),
    ]
