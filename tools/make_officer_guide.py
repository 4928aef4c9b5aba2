"""Build the lists and the pictures of the officers' task guide (docs/officers.md).

    python3 tools/make_officer_guide.py             # the two lists in examples/补贴发放公示/
    python3 tools/make_officer_guide.py --pictures  # and the PNGs in docs/_static/officers/

The lists are a 公租房租赁补贴发放 (item 26) notice as a district bureau keeps
it in Excel: a title row, the header with a unit (发放金额（元）), the
records, a 联系电话 column the catalogue does not publish, and the 制表人
footer. ``租赁补贴发放名单.xlsx`` is the list before the officer's fixes (one
amount left blank); ``改正后/租赁补贴发放名单.xlsx`` the same list with the
amount filled in, as the guide's second step leaves it.  The ID numbers are
valid numbers made once with Faker (zh_CN ``ssn()``, seed 20261206), the
names and mobile numbers Faker's too, written here literally so that a newer
Faker cannot change the files.

``--pictures`` runs the guide's commands in Chinese (``zfgk check --report``
and ``zfgk mask``) on the lists, has LibreOffice print the report and the
masked list to PDF, draws their pages with pdftoppm and writes the sheets
as PNG, cut to what is printed: what an officer sees on opening them.  It
needs LibreOffice (``apt-get install libreoffice-calc-nogui
fonts-wqy-zenhei``) and poppler-utils; the tests need neither: the files are
committed, and the console examples of docs/officers.md check the commands'
output.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_workbook import read_ppm, to_pages, to_pdf, write_png

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "examples" / "补贴发放公示"
PICTURES = ROOT / "docs" / "_static" / "officers"
TITLE = "渝北区2026年第三季度公共租赁住房租赁补贴发放情况公示"
HEADER = [
    "序号",
    "保障对象姓名",
    "身份证号",
    "发放金额（元）",
    "发放年度月份日期",
    "发放方式",
    "联系电话",
]
ROWS = [
    ["吴琴", "652302195508061459", "1260.00", "2026年9月", "银行代发", "17867620029"],
    ["朱军", "630122196002045631", "980.00", "2026年9月", "银行代发", "13504317571"],
    ["全玲", "420112200611044076", "1260.00", "2026年9月", "银行代发", "18510201920"],
    ["邵斌", "511502196402085261", "", "2026年9月", "银行代发", "18973263695"],
    ["马俊", "620523194407238463", "735.00", "2026年9月", "银行代发", "18312735830"],
]
FIXED_AMOUNT = "1050.00"  # the amount the officer fills in for 邵斌 (row 6 of the sheet)
FOOTER = ["制表人：周梅", "", "", "审核人：", "", "日期：2026年10月9日", ""]


def write_list(path: Path, rows: list[list[str]]) -> None:
    """The list as the bureau's sheet has it: title merged over the columns, borders, widths."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "补贴发放"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(HEADER)
    for number, row in enumerate(rows, 1):
        name, id_number, amount, month, way, phone = row
        sheet.append(
            [number, name, id_number, float(amount) if amount else None, month, way, phone]
        )
    sheet.append(FOOTER)
    thin = Side(style="thin")
    for line in sheet.iter_rows(min_row=2, max_row=2 + len(rows)):
        for cell in line:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for line in sheet.iter_rows(min_row=3, max_row=2 + len(rows), min_col=4, max_col=4):
        line[0].number_format = "0.00"
    for column, width in zip("ABCDEFG", (6, 12, 22, 14, 16, 10, 14), strict=True):
        sheet.column_dimensions[column].width = width
    # Printed on one landscape page wide, as such a notice is posted.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def lists() -> tuple[Path, Path]:
    """The list before and after the officer's fix."""
    before = FOLDER / "租赁补贴发放名单.xlsx"
    after = FOLDER / "改正后" / "租赁补贴发放名单.xlsx"
    write_list(before, ROWS)
    fixed = [[*row[:2], row[2] or FIXED_AMOUNT, *row[3:]] for row in ROWS]
    write_list(after, fixed)
    return before, after


def zfgk(*words: str, cwd: Path) -> None:
    """A zfgk command as an officer's Chinese Windows runs it (exit 0 or 1: it ran)."""
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "zfgk", *words], cwd=cwd, env=env, check=False)
    if result.returncode not in (0, 1):
        raise SystemExit(f"zfgk {' '.join(words)} exited with {result.returncode}")


def trimmed(page: Path, out: Path, margin: int = 12) -> None:
    """``page`` (PPM) written as PNG, cut to the box of its non-white pixels."""
    width, height, rgb = read_ppm(page)
    rows = [rgb[y * width * 3 : (y + 1) * width * 3] for y in range(height)]
    white = b"\xff" * (width * 3)
    used = [y for y, row in enumerate(rows) if row != white]
    left = min(
        (next(x for x in range(width) if row[x * 3 : x * 3 + 3] != b"\xff\xff\xff"))
        for row in rows
        if row != white
    )
    right = max(
        (next(x for x in range(width - 1, -1, -1) if row[x * 3 : x * 3 + 3] != b"\xff\xff\xff"))
        for row in rows
        if row != white
    )
    top, bottom = max(used[0] - margin, 0), min(used[-1] + margin, height - 1)
    left, right = max(left - margin, 0), min(right + margin, width - 1)
    cut = b"".join(row[left * 3 : (right + 1) * 3] for row in rows[top : bottom + 1])
    write_png(out, right - left + 1, bottom - top + 1, cut)


def pictures(before: Path, after: Path) -> None:
    """The report of the first check and the masked list, as LibreOffice prints them."""
    PICTURES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        # In the officer's folder, by the names the guide types.
        (work / "改正后").mkdir()
        shutil.copy(before, work / before.name)
        shutil.copy(after, work / "改正后" / after.name)
        zfgk("check", before.name, "--report", "问题.xlsx", cwd=work)
        zfgk("mask", after.name, "-o", "../租赁补贴发放名单-公示.xlsx", cwd=work / "改正后")
        shown = {"report": work / "问题.xlsx", "masked": work / "租赁补贴发放名单-公示.xlsx"}
        for name, book in shown.items():
            pdf = to_pdf(book, work)
            for number, page in enumerate(to_pages(pdf, work, name, dpi=80), 1):
                trimmed(page, PICTURES / f"{name}-{number}.png")
                print(f"wrote {(PICTURES / f'{name}-{number}.png').relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", action="store_true", help="also draw the PNGs (LibreOffice)")
    args = parser.parse_args(argv)
    before, after = lists()
    print(f"wrote {before.relative_to(ROOT)} and {after.relative_to(ROOT)}")
    if args.pictures:
        pictures(before, after)
    return 0


if __name__ == "__main__":
    sys.exit(main())
