"""Make tests/data/xlsx_stream/: workbooks that hold every kind of cell value, for the streaming
.xlsx reader's agreement with python-calamine (tests/test_xlsx_stream.py).

- ``kinds.xlsx``: written by openpyxl: numbers, text with entities and line ends, rich
  text, truth values, formulas with and without a stored result, dates, times, date
  and times and durations in built-in and custom formats (Chinese ones too), an ID
  number stored as a number, a merged title and a merged column, a gap of rows, a
  hidden and a very hidden sheet, a chart sheet;
- ``kinds.lo.xlsx``: the same book saved again by LibreOffice Calc (shared strings,
  its own styles, rows with spans), when ``soffice`` is on the PATH;
- ``hand.xlsx``: XML as other programs write it, made here part by part: tags with a
  namespace prefix (``x:c``), cells without a reference, attributes in another
  order, phonetic runs, inline strings, a formula's string, an error, a cell of type
  ``d``, the 1904 date system, an empty ``<row/>``, rows left out.

Run: python tools/make_xlsx_stream_fixtures.py
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.chart import BarChart, Reference

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "xlsx_stream"


def kinds(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet["B1"] = "2026年第三批公租房分配结果"
    sheet.merge_cells("B1:F1")
    for column, name in zip("BCDEF", ("序号", "姓名", "身份证号", "日期", "备注"), strict=True):
        sheet[f"{column}2"] = name
    rows = [
        (1, "张 & <三>", 44162219470406403, datetime.date(2026, 9, 28), "line1\nline2"),
        (2.5, "李四", "440106199001011234", datetime.datetime(2026, 9, 28, 13, 5, 7), True),
        (-0.1, "=1/0", "=2*3", datetime.time(13, 5), "  spaced  "),
        (
            1e20,
            CellRichText(["富", TextBlock(InlineFont(b=True), "文本")]),
            6.20503e17,
            datetime.timedelta(hours=30),
            "_x000D_x",
        ),
    ]
    for offset, row in enumerate(rows, start=3):
        for column, value in zip("BCDEF", row, strict=True):
            sheet[f"{column}{offset}"] = value
    formats = [
        "yyyy年m月d日",
        "0.00%",
        "[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy",
        '"m"0',
        "[h]:mm:ss",
        "yyyy/m/d h:mm",
        "m/d/yy",
        "@",
        "0_ ;[Red]\\-0\\ ",
        "#,##0*y",
        "[DBNum1][$-804]m月d日",
        "h:mm AM/PM",
        "mm:ss.0",
        "General",
    ]
    for offset, code in enumerate(formats, start=8):
        cell = sheet[f"E{offset}"]
        cell.value = 45000.5 if offset % 2 else 45000
        cell.number_format = code
    # Built-in formats by number, as Excel stores them.
    for offset, number in enumerate((14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47), start=22):
        cell = sheet[f"D{offset}"]
        cell.value = 0.25 + offset
        cell.number_format = openpyxl.styles.numbers.BUILTIN_FORMATS[number]
    sheet["B40"] = "合计"  # after a gap of rows
    sheet.merge_cells("G3:G5")
    sheet["G3"] = "民心佳园"
    sheet["H45"] = None
    hidden = book.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    hidden["A1"], hidden["C3"] = "备用", 13812345678
    very = book.create_sheet("深藏")
    very.sheet_state = "veryHidden"
    very["B2"] = "x"
    chart = BarChart()
    chart.add_data(Reference(hidden, min_col=3, min_row=3, max_row=3))
    book.create_chartsheet("图").add_chart(chart)
    book.save(path)


_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
</Types>"""
_ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
_WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr date1904="1"/>
<x:sheets><x:sheet name="名单" sheetId="1" r:id="rId1"/></x:sheets>
</x:workbook>"""
_WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
_STRINGS = """<?xml version="1.0" encoding="UTF-8"?>
<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<x:si><x:t>序号</x:t></x:si>
<x:si><x:r><x:t>姓</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">名 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>xing</x:t></x:rPh></x:si>
<x:si><x:t>张三 &amp; 李四</x:t><x:phoneticPr fontId="1"/></x:si>
<x:si/>
</x:sst>"""
_STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<x:styleSheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></x:numFmts>
<x:cellXfs count="3"><x:xf numFmtId="0"/><x:xf numFmtId="164" applyNumberFormat="1"/><x:xf numFmtId="14"/></x:cellXfs>
</x:styleSheet>"""
_SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:dimension ref="A1:E9"/>
<x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c t="s" r="B1"><x:v>1</x:v></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>日期</x:t></x:is></x:c></x:row>
<x:row r="2" spans="1:5"><x:c r="A2"><x:v>1</x:v></x:c><x:c s="0" t="s" r="B2"><x:v>2</x:v></x:c><x:c r="C2" s="1"><x:v>45000</x:v></x:c><x:c r="D2" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab &lt;c&gt;</x:v></x:c></x:row>
<x:row r="3"/>
<x:row><x:c><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c><x:c s="2"><x:v>1.5</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>
<x:row r="6"><x:c r="B6" t="inlineStr"><x:is><x:r><x:t>内</x:t></x:r><x:r><x:t>联</x:t></x:r><x:rPh><x:t>nei</x:t></x:rPh></x:is></x:c><x:c r="E6" t="d"><x:v>2026-09-28T10:30:00</x:v></x:c></x:row>
<x:row r="9"><x:c r="A9" t="inlineStr"><x:is><x:t>制表人：王五</x:t></x:is></x:c></x:row>
</x:sheetData>
<x:mergeCells count="1"><x:mergeCell ref="A9:C9"/></x:mergeCells>
</x:worksheet>"""


def hand(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", _CONTENT_TYPES)
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        book.writestr("xl/sharedStrings.xml", _STRINGS)
        book.writestr("xl/styles.xml", _STYLES)
        book.writestr("xl/worksheets/sheet1.xml", _SHEET)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    kinds(OUT / "kinds.xlsx")
    hand(OUT / "hand.xlsx")
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice is not on the PATH: kinds.lo.xlsx not made")
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "kinds.lo.xlsx"
        shutil.copy(OUT / "kinds.xlsx", source)
        out = Path(folder) / "out"
        subprocess.run(
            [soffice, "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
            check=True,
            capture_output=True,
        )
        shutil.copy(out / "kinds.lo.xlsx", OUT / "kinds.lo.xlsx")


if __name__ == "__main__":
    main()
