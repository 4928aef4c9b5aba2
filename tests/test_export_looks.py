"""Issue 27, point 11: ``zfgk export`` shows every line of a multi-line cell, in LibreOffice too.

The evidence is LibreOffice's own print of the export (tests/data/export/,
made by tools/make_export_fixtures.py): every line of every 公开内容 and
公开依据 cell is in its text.  The committed workbook is what ``zfgk export``
writes now (row heights, page setup), so the evidence is about this code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import zfgk
from zfgk.spreadsheet import COLUMNS, rows, write
from zfgk.spreadsheet._write import line_count, row_height

openpyxl = pytest.importorskip("openpyxl")

DATA = Path(__file__).resolve().parent / "data" / "export"
SPACE = re.compile(r"\s+")
#: The default height of a row (points) in Excel and LibreOffice: one line of 11-point text.
DEFAULT_ROW = 15.0


def test_libreoffice_prints_every_line_of_every_cell() -> None:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(DATA / "chongqing.pdf")
    # Wrapped lines break anywhere: compare without whitespace.
    printed = SPACE.sub("", "".join(page.extract_text() for page in reader.pages))
    content, basis = COLUMNS.index("公开内容"), COLUMNS.index("公开依据")
    lines = 0
    for row in list(rows(zfgk.load("chongqing")))[1:]:
        for cell in (row[content], row[basis]):
            for line in str(cell).splitlines():
                assert SPACE.sub("", line) in printed, (row[0], line)
                lines += 1
    assert lines > 400  # 43 items, most with several entries and bases
    assert "2.文号" in printed  # the second line of item 1, which LibreOffice used to cut


def _looks(path: Path) -> tuple[list[float | None], str, int | None, str | None]:
    sheet = openpyxl.load_workbook(path).active
    heights = [sheet.row_dimensions[r].height for r in range(1, sheet.max_row + 1)]
    return (
        heights,
        sheet.page_setup.orientation,
        sheet.page_setup.fitToWidth,
        sheet.print_title_rows,
    )


def test_the_committed_workbook_is_what_export_writes_now(tmp_path: Path) -> None:
    fresh = tmp_path / "chongqing.xlsx"
    write(zfgk.load("chongqing"), fresh)
    assert _looks(fresh) == _looks(DATA / "chongqing.xlsx")


def test_every_row_is_as_tall_as_its_lines(tmp_path: Path) -> None:
    """A row is at least a default line per line its 公开内容 and 公开依据 cells hold."""
    path = tmp_path / "shanyin.xlsx"
    write(zfgk.load("shanyin"), path)
    heights, orientation, fit_width, titles = _looks(path)
    assert (orientation, fit_width, titles) == ("landscape", 1, "$1:$1")
    sheet = openpyxl.load_workbook(path).active
    for number in range(2, sheet.max_row + 1):
        content = sheet.cell(number, COLUMNS.index("公开内容") + 1).value or ""
        basis = sheet.cell(number, COLUMNS.index("公开依据") + 1).value or ""
        explicit = max(content.count("\n"), basis.count("\n")) + 1
        height = heights[number - 1]
        assert height is not None
        assert height >= explicit * DEFAULT_ROW, (number, height, explicit)


def test_line_count_by_hand() -> None:
    # Three entries, each short: three lines.
    assert line_count("1. 文件名称\n2. 文号\n3. 发布部门", 44) == 3
    # 30 Chinese characters are 60 widths of "0"; a 44-wide column holds under 40 a line.
    assert line_count("决" * 30, 44) == 2
    assert line_count("决" * 19, 44) == 1  # 38 widths
    assert line_count("", 10) == 1
    # The tallest cell of the row decides; the hidden data column is not passed in.
    assert row_height(["1", "a\nb", "c\nd\ne\nf"], [6, 10, 16]) == 4 * DEFAULT_ROW + 3
