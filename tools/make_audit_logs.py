"""Build the publication logs in tests/data/audit-logs/ (issue 27, point 1).

An officer keeps a log of publications in LibreOffice Calc: a title over
the table, then 序号 (the log's running number), 事项 (the item, by number or
name), 形成日期 and 发布日期 as date cells, 渠道 and 网址.  The design is
written once with openpyxl, then LibreOffice saves it as ``NAME.xlsx`` and
``NAME.csv`` (UTF-8, cells as shown), the two files the tests read.

The tests do not run this script and need no LibreOffice: the files are
committed, and the answers are counted by hand in tests/test_audit_logs.py.

Usage (needs LibreOffice: ``apt-get install libreoffice-calc-nogui``)::

    python3 tools/make_audit_logs.py [OUTDIR]
"""

from __future__ import annotations

import datetime
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from make_officer_fixtures import CSV_FILTER, soffice  # tools/ is on the path of its scripts
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "audit-logs"

SAVED = datetime.datetime(2026, 11, 23, 9, 30)
"""The workbook's creation time, fixed so that a rebuild changes no metadata."""

GOV = "https://zfcxjw.cq.gov.cn/zwgk/"

#: 序号 counts the log's rows (1, 2, 3 …); 事项 names the item, by number or by name.
NUMBERED: dict[str, Any] = {
    "title": "2026年保障性住房领域政务公开记录",
    "header": ["序号", "事项", "形成日期", "发布日期", "渠道", "网址"],
    "rows": [
        [
            1,
            19,
            datetime.date(2026, 9, 28),
            datetime.date(2026, 10, 30),
            "政府网站;两微一端",
            GOV + "19-3.html",
        ],
        [
            2,
            "分配结果",
            datetime.date(2026, 9, 28),
            datetime.date(2026, 11, 3),
            "政府网站、两微一端",
            GOV + "19-4.html",
        ],
        [
            3,
            22,
            datetime.date(2026, 9, 28),
            datetime.date(2026, 10, 20),
            "政府网站",
            GOV + "22-2.html",
        ],
        [4, 13, datetime.date(2026, 10, 10), None, None, None],
    ],
}

DESIGNS = {"log-numbered": NUMBERED}


def workbook(design: dict[str, Any], path: Path) -> None:
    """The log as the officer typed it: a merged title, the header, dates as date cells."""
    header, rows = design["header"], design["rows"]
    wb = Workbook()
    wb.properties.creator = "区住房保障中心"
    wb.properties.created = wb.properties.modified = SAVED
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws["A1"] = design["title"]
    ws["A1"].font = Font(name="宋体", size=14, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row)
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    for column, width in zip("ABCDEF", (6, 10, 12, 12, 20, 40), strict=True):
        ws.column_dimensions[column].width = width
    wb.save(path)


def build(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, design in DESIGNS.items():
            typed = work / f"{name}.xlsx"
            workbook(design, typed)
            for target, suffix in (("xlsx:Calc MS Excel 2007 XML", ".xlsx"), (CSV_FILTER, ".csv")):
                dest = out / f"{name}{suffix}"
                shutil.move(soffice(typed, target, work), dest)
                made.append(dest)
    return made


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(path)
