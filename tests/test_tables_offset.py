"""A sheet whose used area starts below row 1 and right of column A keeps the sheet's row numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from zfgk.tables import read_table, workbook_cells

pytest.importorskip("python_calamine")

DATA = Path(__file__).parent / "data" / "offset"
KNOWN = {"保障对象姓名", "房号", "所在建设项目名称"}


@pytest.mark.parametrize("name", ["starts-at-c3.xlsx", "starts-at-c3.xls", "starts-at-c3.ods"])
def test_rows_are_numbered_as_the_sheet_shows_them(name: str) -> None:
    table = read_table(DATA / name, known=KNOWN)
    assert table.header == ["保障对象姓名", "房号", "所在建设项目名称"]
    assert table.header_rows == (3, 3)
    assert list(table.rows()) == [
        (4, {"保障对象姓名": "张*", "房号": "1-101", "所在建设项目名称": "某小区"}),
        (5, {"保障对象姓名": "李*", "房号": "1-102", "所在建设项目名称": "某小区"}),
    ]


@pytest.mark.parametrize("name", ["starts-at-c3.xlsx", "starts-at-c3.xls", "starts-at-c3.ods"])
def test_cells_are_placed_as_the_sheet_shows_them(name: str) -> None:
    cells = {(row, column): text for _, row, column, text in workbook_cells(DATA / name)}
    assert cells == {
        (3, 3): "保障对象姓名",
        (3, 4): "房号",
        (3, 5): "所在建设项目名称",
        (4, 3): "张*",
        (4, 4): "1-101",
        (4, 5): "某小区",
        (5, 3): "李*",
        (5, 4): "1-102",
    }
