"""A cell read as Excel and LibreOffice show it: a CSV formula of literals, computed.

The fixtures of tests/data/sheets/shown/ are made by tools/make_workbook_fixtures.py;
the answers are what LibreOffice shows for them (tests/data/sheets/README.md: the file
converted to PDF, read with pdftotext).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zfgk.errors import ZfgkError
from zfgk.files import mask_file, scan_file
from zfgk.tables import read_table
from zfgk.tables._number_formats import formatted
from zfgk.tables._xlsx import xlsx_sheets

DATA = Path(__file__).parent / "data" / "sheets" / "shown"


def test_csv_formula_cells_are_read_as_computed() -> None:
    result = scan_file(DATA / "formula_cells.csv")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("id_number", "row 2, column B"),  # ="110105"&"19491231002X"
        ("phone", "row 2, column C"),  # ="13812345678"
        ("phone", "row 4, column C"),  # =138&12345678
    ]


def test_csv_formula_cells_are_masked_as_the_text_they_show(tmp_path: Path) -> None:
    out = tmp_path / "公示.csv"
    mask_file(DATA / "formula_cells.csv", out)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1] == "张*,110105********002X,138****5678,"
    assert lines[3] == "王*,110105********0031,138****5678,"
    # The masked and the office number's formulas are kept as they were.
    source = (DATA / "formula_cells.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[2] == source[2]
    assert lines[4] == source[4]
    assert scan_file(out).verdict.value == "clean"


def test_number_formats_that_add_digits_are_read_as_shown() -> None:
    result = scan_file(DATA / "number_formats.xlsx")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("id_number", "名单!B2"),  # "110105"000000000000 on 194912310021
        ("phone", "名单!B3"),  # 0"5678" on 1381234
        ("phone", "名单!B4"),  # "1391234"0 on 5678
        ("phone", "名单!B5"),  # 0% on 138123456.78: 13812345678%
        ("phone", "名单!B6"),  # 0, on 13812345678000
    ]


def test_number_formats_that_add_digits_are_masked_as_text(tmp_path: Path) -> None:
    out = tmp_path / "公示.xlsx"
    mask_file(DATA / "number_formats.xlsx", out)
    # What LibreOffice shows of the output (README.md), read back by zfgk.
    rows = dict(read_table(out).lists())
    assert [rows[n][1] for n in range(2, 10)] == [
        "110105********0021",
        "138****5678",
        "139****5678",
        "138****5678%",
        "138****5678",
        "0.256",  # 25.6%: calamine's number, kept
        "1234.5",
        "5678",  # "138****"0: masked by its format
    ]
    assert scan_file(out).verdict.value == "clean"


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (194912310021, '"110105"000000000000', "110105194912310021"),
        (1381234, '0"5678"', "13812345678"),
        (138123456.78, "0%", "13812345678%"),
        (13812345678000, "0,", "13812345678"),
        (13812345678, "000-0000-0000", "138-1234-5678"),
        (1234.5, "#,##0.00", "1,234.50"),
        (0.5, "0.##", "0.5"),
        (-5, '0"元";(0)', "(5)"),
        (0, '0;-0;"零"', "零"),
        (1500, "[$¥-804]#,##0", "¥1,500"),
        (1, '[Red]0"号"', "1号"),
        (5, "[>100]0;0.0", None),  # a condition: not shown here
        (5, "0.0E+00", None),
    ],
)
def test_formatted_as_libreoffice_shows(value: float, code: str, shown: str | None) -> None:
    assert formatted(value, code) == shown


def test_an_excel_4_macro_sheet_is_read_and_masked(tmp_path: Path) -> None:
    # LibreOffice shows 宏1 as a sheet: A1 联系人 13812345678, A2 11010519491231 (README.md).
    result = scan_file(DATA / "macro_sheet.xlsm")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [("phone", "宏1!A1")]
    out = tmp_path / "公示.xlsm"
    mask_file(DATA / "macro_sheet.xlsm", out)
    assert scan_file(out).verdict.value == "clean"
    sheets = {s.name: list(s.rows()) for s in xlsx_sheets(out)}
    assert sheets["宏1"] == [(1, ["联系人 138****5678"]), (2, ["11010519491231"])]


def test_a_sheet_in_utf16_is_read(tmp_path: Path) -> None:
    # LibreOffice reads the sheet: B2 13812345678 (a text), B3 13912345678 (a number).
    result = scan_file(DATA / "utf16_sheet.xlsx")
    assert result.error is None
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "名单!B2"),
        ("phone", "名单!B3"),
    ]
    # The editor writes UTF-8 sheets only: it refuses, and writes nothing.
    out = tmp_path / "公示.xlsx"
    with pytest.raises(ZfgkError):
        mask_file(DATA / "utf16_sheet.xlsx", out)
    assert not out.exists()
