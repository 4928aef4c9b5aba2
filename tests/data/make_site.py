"""Make the binary files of the site fixture (tests/data/site/), as Word and Excel make them.

Run by hand from the repository's root when they must change::

    python3 tests/data/make_site.py

It needs python-docx and openpyxl; the tests read the committed files.
``attachments/pages.pdf`` is a copy of ``tests/data/documents/pages_labelled.pdf``
(made by LibreOffice: see ``tests/data/documents/make_fixtures.py``).  The ID
numbers are valid (MOD 11-2 check digit) but invented; the mobiles too.
"""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

HERE = Path(__file__).resolve().parent / "site"


def notice() -> None:
    """A .docx whose ID number Word split over runs of different formatting (paragraph 2)."""
    document = docx.Document()
    document.add_paragraph("关于2023年公租房退出名单的通知")
    p = document.add_paragraph("经办人身份证号：")
    p.add_run("53070119").bold = True
    p.add_run("4804204276").italic = True
    document.add_paragraph("联系电话：023-63612345")
    document.save(str(HERE / "attachments" / "notice.docx"))


def workbook() -> None:
    """Three sheets: one clean, one with a title over its header, one hidden."""
    book = openpyxl.Workbook()
    staying = book.active
    staying.title = "入住名单"
    for row in (["姓名", "身份证号", "联系电话"], ["张*", "430482********5682", "159****9294"]):
        staying.append(row)
    leaving = book.create_sheet("退出名单")
    for row in (
        ["2023年公租房退出名单"],
        ["姓名", "身份证号", "联系电话"],
        ["赵*", "330603********6543", "193****9187"],
        ["钱*", "441283199809187611", "15803107671"],
    ):
        leaving.append(row)
    leaving.merge_cells("A1:C1")
    hidden = book.create_sheet("备份")
    hidden["A1"] = "联系人 13276427744"
    hidden.sheet_state = "hidden"
    book.save(HERE / "attachments" / "名单.xlsx")


if __name__ == "__main__":
    notice()
    workbook()
