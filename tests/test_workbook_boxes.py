"""A workbook that writes a number one digit per cell, as a form's boxes, is read across them.

An application form kept as a workbook gives an ID number eighteen narrow cells and a
mobile number eleven; Excel and WPS show each row as one number.  The answers are by hand:
E2:O2 show 13812345678, B3:S3 show 11010519491231002X (its check digit worked out with
GB 11643's weights), and masking hides the digits GB/T 35273 hides, each in its own box.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from zfgk.files import Verdict, check_file, mask_file, scan_file

pytest.importorskip("python_calamine")

MOBILE, ID = "13812345678", "11010519491231002X"


def _form(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "申请表"
    sheet.append(["公共租赁住房申请表"])
    sheet.append(["申请人", "张三", "", "联系电话", *MOBILE])
    sheet.append(["身份证号码", *ID])
    sheet.append(["家庭人口", 3, "月收入", 2500, "面积", 45, "楼栋", 2, "单元", 1, "房号", 301])
    book.save(path)
    return path


def _places(findings: object) -> list[tuple[str, str]]:
    return [(f.kind.value, str(f.location)) for f in findings]  # type: ignore[attr-defined]


def test_scan_and_check_read_a_number_across_its_boxes(tmp_path: Path) -> None:
    path = _form(tmp_path / "申请表.xlsx")
    expected = [("phone", "申请表!E2"), ("id_number", "申请表!B3")]
    assert _places(scan_file(path).findings) == expected
    assert _places(check_file(path, item=19).findings) == expected


def test_masking_hides_each_digit_in_its_box(tmp_path: Path) -> None:
    out = tmp_path / "申请表-隐藏.xlsx"
    mask_file(_form(tmp_path / "申请表.xlsx"), out)
    assert scan_file(out).verdict is Verdict.CLEAN
    rows = [list(r) for r in openpyxl.load_workbook(out).active.iter_rows(values_only=True)]
    assert "".join(str(v) for v in rows[1][4:15]) == "138****5678"
    assert "".join(str(v) for v in rows[2][1:19]) == "110105********002X"
    assert rows[3][:12] == [
        "家庭人口",
        3,
        "月收入",
        2500,
        "面积",
        45,
        "楼栋",
        2,
        "单元",
        1,
        "房号",
        301,
    ]


@pytest.mark.parametrize(
    "row",
    [
        [*"12345678901"],  # eleven digits, no mobile number (12…)
        ["2026", "09", "28", "3", "45"],  # a date and counts side by side
        [
            "110105",
            "19491231",
            "0021",
        ],  # an ID's shape in boxes of several digits, wrong check digit
        ["1", "3", "8", "1234", "5678"],  # several digits in a box: only a valid ID counts
    ],
)
def test_digits_side_by_side_that_make_no_number_stay_clean(tmp_path: Path, row: list[str]) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["统计"])
    sheet.append(["合计", *row])
    path = tmp_path / "统计.xlsx"
    book.save(path)
    assert scan_file(path).verdict is Verdict.CLEAN
