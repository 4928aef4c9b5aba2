"""Every command reads a table the same way: the header under a title, footers not records.

``zfgk check`` is tested on the officers' files in tests/test_check_officers.py;
here, the publication logs of ``zfgk audit`` and the catalogue sheets of
``load_file`` read through the same :func:`zfgk.tables.read_table`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

import zfgk
from zfgk import spreadsheet
from zfgk.audit import LogAudit


def test_a_log_under_a_title_with_a_footer(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2026年保障性住房政务公开台账"])
    sheet.merge_cells("A1:D1")
    sheet.append(["事项", "形成日期", "发布日期", "渠道"])
    sheet.append([19, "2026-09-28", "2026-11-03", "政府网站;两微一端"])
    sheet.append([])
    sheet.append(["制表人：张三", None, "日期：2026年11月23日"])
    book.save(path)
    audited = LogAudit(path, zfgk.load("chongqing"), today=date(2026, 11, 23))
    # 2026-09-28 + 20 working days is 2026-10-30 (国庆 8 days off, 10-11 a make-up workday).
    assert [(e.row, e.item, [p.code.value for p in e.problems]) for e in audited] == [
        (3, 19, ["late"])
    ]
    summary = audited.to_dict()
    assert (summary["rows"], summary["blank_rows"]) == (1, 1)


def test_a_catalogue_sheet_under_a_title(tmp_path: Path) -> None:
    plain = tmp_path / "目录.csv"
    spreadsheet.write(zfgk.load("shanyin"), plain)
    titled = tmp_path / "县目录.csv"
    titled.write_text(
        "山阴县保障性住房领域基层政务公开标准目录,,,\n" + plain.read_text(encoding="utf-8-sig"),
        encoding="utf-8-sig",
    )
    loaded = zfgk.load_file(titled)
    assert [i.number for i in loaded.items] == [i.number for i in zfgk.load("shanyin").items]
