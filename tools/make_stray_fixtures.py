"""Make tests/data/stray/: a clean .odt and .ods, and an Excel 97-2003 .xls, written by LibreOffice.

tests/test_stray_members.py puts files of text (a note, a table, JSON) and
a workbook into copies of them, as it does into the .xlsx and .docx that
openpyxl and python-docx write, and expects each number there found.
``backup.xls`` is such a workbook in the old binary format (an OLE file):
sheet 联系人, B2 the mobile number 13812345678.

Run: ``python tools/make_stray_fixtures.py`` (needs python-docx, openpyxl
and LibreOffice's ``soffice``); ``--xls`` makes ``backup.xls`` alone.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import openpyxl

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "stray"


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        document = docx.Document()
        document.add_paragraph("公租房配租结果公示")
        document.add_paragraph("张三 民心佳园 2-1-301")
        document.save(str(folder / "clean.docx"))
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["姓名", "小区"])
        sheet.append(["张三", "民心佳园"])
        book.save(folder / "clean.xlsx")
        for source, kind in (("clean.docx", "odt"), ("clean.xlsx", "ods")):
            subprocess.run(
                ["soffice", "--headless", "--convert-to", kind, "--outdir", str(OUT), source],
                cwd=folder,
                check=True,
                capture_output=True,
            )


def backup_xls() -> None:
    """backup.xls: 联系人!B2 holds 13812345678, saved by LibreOffice as Excel 97-2003."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "联系人"
        sheet.append(["姓名", "电话"])
        sheet.append(["张三", "13812345678"])
        book.save(folder / "backup.xlsx")
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "xls", "--outdir", str(OUT), "backup.xlsx"],
            cwd=folder,
            check=True,
            capture_output=True,
        )


if __name__ == "__main__":
    if "--xls" not in sys.argv[1:]:
        main()
    backup_xls()
