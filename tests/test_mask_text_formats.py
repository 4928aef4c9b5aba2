"""Masking a text cell whose number format writes digits of its own beside the text.

Excel and LibreOffice show a text cell through the text section of its number format (the
fourth section, or the one holding ``@``): ``"110105"@`` shows the text ``19491231002X``
as ``11010519491231002X``.  A masked value written under that format would show the
literal twice (``110105110105********002X``); the masked cell is given the text format
``@`` instead (numFmtId 49, built into every program), its font, fill and border kept.
A format without a text section (a date's ``"1381234"yyyy``) shows a text as it is, so
such a cell keeps its style.  LibreOffice's rendering of the masked book was looked at
(2026-12-07): 李四 ``110105********002X``, 王五 ``139****5678``, 张三 ``138****5678``.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Font, PatternFill

from zfgk.files import mask_file, scan_file

CELLS = [
    ("张三", datetime.date(5678, 1, 2), '"1381234"yyyy'),
    ("李四", "19491231002X", '"110105"@'),
    ("王五", "5678", '0;-0;0;"1391234"@'),
    ("钱七", "备注", '"110105"@'),
]


def _book(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["姓名", "号码"])
    for row, (name, value, code) in enumerate(CELLS, start=2):
        sheet.append([name, value])
        cell = sheet.cell(row, 2)
        cell.number_format = code
        cell.font = Font(bold=True, color="FF0000FF")
        cell.fill = PatternFill("solid", fgColor="FFFFFF00")
    book.save(path)


def test_a_masked_text_is_shown_without_the_formats_digits(tmp_path: Path) -> None:
    source, output = tmp_path / "名单.xlsx", tmp_path / "masked.xlsx"
    _book(source)
    mask_file(source, output)
    sheet = openpyxl.load_workbook(output)["名单"]
    shown = {
        sheet.cell(row, 1).value: (sheet.cell(row, 2).value, sheet.cell(row, 2).number_format)
        for row in range(2, 6)
    }
    assert shown == {
        "张三": ("138****5678", '"1381234"yyyy'),  # no text section: the text as it is
        "李四": ("110105********002X", "@"),
        "王五": ("139****5678", "@"),
        "钱七": ("备注", '"110105"@'),  # not changed: its style stays
    }
    for row in range(2, 6):
        cell = sheet.cell(row, 2)
        assert (cell.font.b, cell.font.color.rgb, cell.fill.fgColor.rgb) == (
            True,
            "FF0000FF",
            "FFFFFF00",
        )
    assert scan_file(output).findings == ()
