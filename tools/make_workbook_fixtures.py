"""Make the workbook fixtures of tests/data/sheets/ (issue 25): run from the repository's root.

    python tools/make_workbook_fixtures.py

``parts.xlsx``, ``parts.xls`` and ``parts.ods`` are LibreOffice's
conversions of tools/sheets_parts.fods (a comment split over spans, a
page header and footer, a text box, a validity list, a named expression,
a formula of literals, the document's keywords); the others are written by
openpyxl, and two are then changed as other software leaves files (a
string no cell uses, a workbook embedded, a formula without its result).
What each holds is in tests/data/sheets/README.md: the tests' answers.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "sheets"
SOURCE = Path(__file__).resolve().parent / "sheets_parts.fods"


def libreoffice() -> None:
    """parts.xlsx, parts.xls, parts.ods: LibreOffice's own writing of one sheet's parts."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("parts.*: soffice not found, kept as they are")
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "parts.fods"
        shutil.copy(SOURCE, source)
        for kind in ("xlsx", "xls", "ods"):
            subprocess.run(
                [soffice, "--headless", "--convert-to", kind, "--outdir", folder, str(source)],
                check=True,
                capture_output=True,
                timeout=300,
            )
            shutil.copy(Path(folder) / f"parts.{kind}", OUT / f"parts.{kind}")


def sheet_named() -> None:
    """sheet_named.xls, sheet_named.ods: LibreOffice's conversions of a book whose second sheet
    is named after a person, with her ID number (GB 11643's example); no cell holds one."""
    import openpyxl

    soffice = shutil.which("soffice")
    if soffice is None:
        print("sheet_named.*: soffice not found, kept as they are")
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "sheet_named.xlsx"
        book = openpyxl.Workbook()
        book.active.title = "名单"
        book.active.append(["姓名", "身份证号"])
        book.active.append(["张*", "110105********002X"])
        book.create_sheet("张三11010519491231002X")["A1"] = "核实记录"
        book.save(source)
        for kind in ("xls", "ods"):
            subprocess.run(
                [soffice, "--headless", "--convert-to", kind, "--outdir", folder, str(source)],
                check=True,
                capture_output=True,
                timeout=300,
            )
            shutil.copy(Path(folder) / f"sheet_named.{kind}", OUT / f"sheet_named.{kind}")


def _rewrite(path: Path, changes: dict[str, bytes]) -> None:
    """``path`` with the members in ``changes`` replaced or added, every other member kept."""
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            if info.filename not in changes:
                new.writestr(info, old.read(info))
        for name, content in changes.items():
            new.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)


def formulas() -> None:
    """openpyxl writes formulas without their results, as programs that export lists do."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["身份证号", "前14位", "合计"])
    sheet["A2"] = '="110105"&"19491231002X"'  # literals: shows 11010519491231002X
    sheet["B3"] = "11010519491231"
    sheet["A3"] = '=B3&"002X"'  # built from a cell, no stored result: cannot check
    sheet["C2"], sheet["C3"] = 50, 60
    sheet["C4"] = "=SUM(C2:C3)"  # builds no number
    sheet["A5"] = '=TEXT(1381234,"0")&"5678"'  # literals: shows 13812345678
    book.save(OUT / "formulas.xlsx")


def references() -> None:
    """Formulas without results that build numbers from cells, on their sheet and a hidden one
    (openpyxl, as an integrator's export writes them); one the book holds a stale result of."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    hidden = book.create_sheet("底稿")
    hidden.sheet_state = "hidden"
    sheet.append(["前", "后", "身份证号", "电话", "号段", "尾号"])
    sheet["A2"], sheet["B2"] = "11010519", "491231002X"
    sheet["C2"] = "=CONCATENATE(A2,B2)"  # shows 11010519491231002X
    sheet["E2"], sheet["F2"] = 1381234, 5678  # numbers
    sheet["D2"] = '=TEXT(E2,"0")&F2'  # shows 13812345678
    hidden["A2"], hidden["B2"] = "1391234", "5678"
    sheet["A3"] = "=底稿!A2&底稿!B2"  # shows 13912345678
    hidden["C2"] = "1501234号"
    sheet["A4"] = "=LEFT(底稿!C2,7)"  # shows 1501234
    sheet["B4"] = '=A4&"5678"'  # a formula over a formula: shows 15012345678
    sheet["A6"], sheet["B6"] = "110105", "********002X"
    sheet["C6"] = "=CONCATENATE(A6,B6)"  # shows 110105********002X: masked
    sheet["B7"] = "1381234"
    sheet["C7"] = '=IF(B7="","",B7&"5678")'  # not computed by zfgk: cannot check
    sheet["E9"], sheet["E10"] = 50, 60
    sheet["E11"] = "=SUM(E9:E10)"
    sheet["E12"] = "=E9*1.05"
    sheet["E13"] = "=DATE(2026,9,28)+20"
    book.save(OUT / "references.xlsx")

    # The same cells, C2's result stored as the masked number, and the book asking Excel to
    # compute every formula on opening (fullCalcOnLoad): the stored result is not what shows.
    stale = OUT / "stale_result.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet["A2"], sheet["B2"] = "11010519", "491231002X"
    sheet["C2"] = "=CONCATENATE(A2,B2)"
    book.save(stale)
    with zipfile.ZipFile(stale) as archive:
        cells = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
    cells = cells.replace(
        '<c r="C2"><f>CONCATENATE(A2,B2)</f><v></v></c>',
        '<c r="C2" t="str"><f>CONCATENATE(A2,B2)</f><v>110105********002X</v></c>',
    )
    assert "110105********002X" in cells
    assert 'fullCalcOnLoad="1"' in workbook
    _rewrite(stale, {"xl/worksheets/sheet1.xml": cells.encode("utf-8")})
    trusted = OUT / "stored_result.xlsx"  # the same, without fullCalcOnLoad: the result shows
    shutil.copy(stale, trusted)
    _rewrite(
        trusted,
        {"xl/workbook.xml": workbook.replace(' fullCalcOnLoad="1"', "").encode("utf-8")},
    )


def csv_formulas() -> None:
    """A CSV whose cells hold formulas of literals, as exports write numbers to keep them text."""
    folder = OUT / "shown"
    folder.mkdir(exist_ok=True)
    lines = [
        "姓名,身份证号,联系电话,备注",
        '张*,="110105"&"19491231002X",="13812345678",',  # unquoted, as most exports write
        '李*,"=""110105""&""********002X""","=""139****5678""",已隐藏',  # quoted: masked
        "王*,110105********0031,=138&12345678,",  # no quotes at all
        '赵*,110105********0047,"=""0571-8765""&""4321""",办公电话',  # a fixed line
    ]
    (folder / "formula_cells.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))


def number_formats() -> None:
    """Numbers whose number format adds or moves digits (openpyxl, as a system styles them)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["说明", "值"])
    rows = [
        ("ID 前六位为格式", 194912310021, '"110105"000000000000'),
        ("手机 尾号为格式", 1381234, '0"5678"'),
        ("手机 前缀为格式", 5678, '"1391234"0'),
        ("百分比", 138123456.78, "0%"),  # Excel's built-in format 9
        ("千位缩放", 13812345678000, "0,"),
        ("普通百分比", 0.256, "0.0%"),
        ("金额", 1234.5, "#,##0.00"),
        ("已隐藏", 5678, '"138****"0'),
    ]
    for row, (label, value, code) in enumerate(rows, start=2):
        sheet.cell(row, 1, label)
        sheet.cell(row, 2, value).number_format = code
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 30
    book.save(OUT / "shown" / "number_formats.xlsx")


def number_formats_converted() -> None:
    """number_formats.xls, number_formats.ods: LibreOffice's conversions of
    shown/number_formats.xlsx (its number formats kept)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("number_formats.*: soffice not found, kept as they are")
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "number_formats.xlsx"
        shutil.copy(OUT / "shown" / "number_formats.xlsx", source)
        for kind in ("xls", "ods"):
            subprocess.run(
                [soffice, "--headless", "--convert-to", kind, "--outdir", folder, str(source)],
                check=True,
                capture_output=True,
                timeout=300,
            )
            shutil.copy(Path(folder) / f"number_formats.{kind}", OUT / f"number_formats.{kind}")


def macro_sheet() -> None:
    """An .xlsm with a hidden Excel 4 macro sheet 宏1 holding a mobile number in a cell (the
    openpyxl book's package, the macro sheet added as Excel writes one)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["姓名"])
    sheet.append(["张*"])
    buffer = io.BytesIO()
    book.save(buffer)
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    cells = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<xm:macrosheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'xmlns:r="{relationships}" '
        'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>联系人 13812345678</t></is></c></row>'
        '<row r="2"><c r="A2"><v>11010519491231</v></c></row>'
        "</sheetData></xm:macrosheet>"
    )
    target = OUT / "shown" / "macro_sheet.xlsm"
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info).decode("utf-8")
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    "</Types>",
                    '<Override PartName="/xl/macrosheets/sheet2.xml" '
                    'ContentType="application/vnd.ms-excel.macrosheet+xml"/></Types>',
                )
            elif info.filename == "xl/workbook.xml":
                data = data.replace(
                    "</sheets>",
                    f'<sheet name="宏1" sheetId="2" state="hidden" xmlns:r="{relationships}" '
                    'r:id="rId9"/></sheets>',
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    "</Relationships>",
                    '<Relationship Id="rId9" Type="http://schemas.microsoft.com/office/2006/'
                    'relationships/xlMacrosheet" Target="macrosheets/sheet2.xml"/></Relationships>',
                )
            out.writestr(info, data.encode("utf-8"))
        out.writestr("xl/macrosheets/sheet2.xml", cells, compress_type=zipfile.ZIP_DEFLATED)


_ODS_EXTRAS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" \
xmlns:xlink="http://www.w3.org/1999/xlink" \
office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="名单">
<table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p></table:table-cell>\
<table:table-cell office:value-type="string"><text:p>联系</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>张*</text:p></table:table-cell>\
<table:table-cell office:value-type="string"><text:p>\
<text:a xlink:type="simple" xlink:href="tel:13812345678">致电</text:a></text:p></table:table-cell>\
</table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>李*</text:p>\
<draw:frame draw:z-index="0" svg:width="6cm" svg:height="1cm" svg:x="0.5cm" svg:y="0.1cm" \
table:end-cell-address="名单.D3" table:end-x="0cm" table:end-y="0cm">\
<draw:text-box><text:p>咨询 137<text:span>1234</text:span>5678</text:p></draw:text-box>\
</draw:frame></table:table-cell>\
<table:table-cell office:value-type="string"><text:p>见图</text:p>\
<draw:frame draw:z-index="1" svg:width="8cm" svg:height="3cm" svg:x="0cm" svg:y="0cm" \
table:end-cell-address="名单.F8" table:end-x="0cm" table:end-y="0cm">\
<draw:image><office:binary-data>{picture}</office:binary-data></draw:image></draw:frame>\
</table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document>
"""


def ods_extras() -> None:
    """extras.ods: LibreOffice's writing of a sheet whose cells hold a tel: link, a text box
    anchored to a cell, and a picture (900 x 300 pixels: LARGE) of a mobile number."""
    import base64

    from PIL import Image, ImageDraw, ImageFont

    soffice = shutil.which("soffice")
    if soffice is None:
        print("extras.ods: soffice not found, kept as it is")
        return
    picture = Image.new("RGB", (900, 300), "white")
    font = ImageFont.load_default(size=72)
    ImageDraw.Draw(picture).text((40, 100), "13612345678", fill="black", font=font)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    source = _ODS_EXTRAS.format(picture=base64.b64encode(buffer.getvalue()).decode("ascii"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "extras.fods"
        path.write_text(source, encoding="utf-8")
        subprocess.run(
            [soffice, "--headless", "--convert-to", "ods", "--outdir", folder, str(path)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.copy(Path(folder) / "extras.ods", OUT / "extras.ods")


def links() -> None:
    """links.xls, links.ods: LibreOffice's conversions of an openpyxl book whose cells link to
    tel: and mailto: addresses holding mobile numbers, with a chart titled with one."""
    import openpyxl
    from openpyxl.chart import BarChart, Reference

    soffice = shutil.which("soffice")
    if soffice is None:
        print("links.*: soffice not found, kept as they are")
        return
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "links.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "名单"
        for row in (["姓名", "联系", "户数"], ["张*", "致电", 3], ["李*", "邮件", 4]):
            sheet.append(row)
        sheet["B2"].hyperlink = "tel:13812345678"
        sheet["B3"].hyperlink = "mailto:13912345678@139.com"
        chart = BarChart()
        chart.title = "咨询电话 13712345678"
        chart.add_data(Reference(sheet, min_col=3, min_row=1, max_row=3), titles_from_data=True)
        sheet.add_chart(chart, "E2")
        book.save(source)
        for kind in ("xls", "ods"):
            subprocess.run(
                [soffice, "--headless", "--convert-to", kind, "--outdir", folder, str(source)],
                check=True,
                capture_output=True,
                timeout=300,
            )
            shutil.copy(Path(folder) / f"links.{kind}", OUT / f"links.{kind}")


def utf16_sheet() -> None:
    """An openpyxl book whose sheet's XML is rewritten in UTF-16 (the package format allows
    UTF-8 or UTF-16 for any XML part; LibreOffice reads it)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    for row in (["姓名", "电话"], ["张*", "13812345678"], ["李*", 13912345678]):
        sheet.append(row)
    target = OUT / "shown" / "utf16_sheet.xlsx"
    book.save(target)
    with zipfile.ZipFile(target) as archive:
        cells = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    declaration = '<?xml version="1.0" encoding="UTF-16"?>\n'
    _rewrite(target, {"xl/worksheets/sheet1.xml": (declaration + cells).encode("utf-16")})


def contacts() -> bytes:
    """An .xlsx (openpyxl) whose sheet 联系人 holds the mobile number 13912345678 in B2: the
    workbook carried inside other files (embedded here, attached to a PDF)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "联系人"
    book.active.append(["姓名", "电话"])
    book.active.append(["李四", "13912345678"])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def orphans_and_embedded() -> None:
    """A clean list whose sharedStrings.xml keeps a string no cell uses (as after deleting a
    row in some tools) and which embeds a workbook in xl/embeddings holding a mobile number."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "名单"
    book.active.append(["姓名", "身份证号"])
    book.active.append(["张*", "110105********002X"])
    path = OUT / "orphans_embedded.xlsx"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        types = archive.read("[Content_Types].xml").decode("utf-8")
    # openpyxl writes its strings inline: the table of shared strings is added, with one
    # string that no cell uses.
    assert "xl/sharedStrings.xml" not in names
    strings = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        "<si><t>王五 130801194803078184</t></si></sst>"
    )
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    )
    types = types.replace(
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/><Default Extension="xlsx" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/></Types>',
    )
    _rewrite(
        path,
        {
            "xl/sharedStrings.xml": strings.encode("utf-8"),
            "xl/_rels/workbook.xml.rels": rels.encode("utf-8"),
            "[Content_Types].xml": types.encode("utf-8"),
            "xl/embeddings/Microsoft_Excel_Worksheet.xlsx": contacts(),
        },
    )


def uncomputed_ods() -> None:
    """parts.ods with the stored result of its formula 待核!B9 taken out, as a program that
    writes OpenDocument without computing leaves it."""
    path = OUT / "parts.ods"
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode("utf-8")
    cell = re.search(
        r'<table:table-cell table:formula="of:=\[\.B2\][^>]*>.*?</table:table-cell>', content
    )
    if cell is None:
        raise SystemExit("parts.ods: the formula of row 9 is not where it was")
    content = content.replace(
        cell.group(), '<table:table-cell table:formula="of:=[.B2]&amp;&quot;0021&quot;"/>'
    )
    target = OUT / "uncomputed.ods"
    shutil.copy(path, target)
    _rewrite(target, {"content.xml": content.encode("utf-8")})


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    libreoffice()
    sheet_named()
    formulas()
    references()
    csv_formulas()
    number_formats()
    number_formats_converted()
    macro_sheet()
    ods_extras()
    links()
    utf16_sheet()
    orphans_and_embedded()
    uncomputed_ods()


if __name__ == "__main__":
    main()
