"""``zfgk mask BOOK.xlsx --sheet S``: the other sheets are published too, so their full numbers are hidden."""

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
