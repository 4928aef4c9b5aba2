"""zfgk mask fails closed: other sheets, a first row that is no header, files it cannot rewrite."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import zfgk
from zfgk.cli import main

pytest.importorskip("python_calamine")
openpyxl = pytest.importorskip("openpyxl")

BOOK = Path(__file__).resolve().parent.parent / "examples" / "item22-exits.xlsx"


def test_a_chosen_sheet_does_not_leave_the_others_unmasked(tmp_path: Path) -> None:
    before = zfgk.scan_file(BOOK)
    assert {f.sheet for f in before.findings} == {"退出名单", "退出名单2"}
    out = tmp_path / "公示.xlsx"
    assert main(["mask", str(BOOK), "-o", str(out), "--item", "22", "--sheet", "退出名单"]) == 0
    assert zfgk.scan_file(out).findings == ()
    other = openpyxl.load_workbook(out)["退出名单2"]
    ids = [c.value for row in other.iter_rows() for c in row if isinstance(c.value, str)]
    masked = [v for v in ids if re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", v)]
    assert len(masked) == sum(1 for f in before.findings if f.sheet == "退出名单2")


def test_a_csv_without_a_header_has_its_first_row_masked_too(tmp_path: Path) -> None:
    source = tmp_path / "名单.csv"
    source.write_text(
        "张三,11010519491231002X,13812345678\n李四,110105198001010016,13912345678\n",
        encoding="utf-8",
    )
    out = tmp_path / "公示.csv"
    assert main(["mask", str(source), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == (
        "张三,110105********002X,138****5678\n李四,110105********0016,139****5678\n"
    )


def test_json_lines_are_refused_not_rewritten_as_csv(tmp_path: Path) -> None:
    source = tmp_path / "名单.txt"  # told by its content, whatever its name
    source.write_text('{"身份证号": "11010519491231002X"}\n', encoding="utf-8")
    out = tmp_path / "公示.txt"
    assert main(["mask", str(source), "-o", str(out)]) == 2
    assert not out.exists()
