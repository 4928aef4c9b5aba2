"""Make the workbooks of tests/data/workbooks: what openpyxl drops or rewrites, as office software writes it.

    python tools/make_fidelity_fixtures.py            # writes tests/data/workbooks/
    python tools/make_fidelity_fixtures.py --render   # and renders each one through LibreOffice

Three small lists of item 22 (自愿退出), each holding the parts a rebuild
through openpyxl loses or renumbers (issue 28, required result 3):

- ``excel.xlsx``: written part by part as Excel 2016 writes them (the XML
  is typed here, by hand): a seal (a PNG in a drawing), a bar chart with
  its cached values, data validation (a list, and an x14 list from another
  sheet in the extension list), conditional formatting (a rule and an x14
  data bar), frozen panes, print titles and a print area, a defined name,
  a shared formula and its calculation chain, an officer's comment, printer
  settings (a binary part), custom document properties, a theme.
- ``libreoffice.xlsx``: ``excel.xlsx`` opened and saved again by
  LibreOffice (``soffice --headless --convert-to xlsx``): the same content
  as LibreOffice writes it (its own styles, drawings and names).
- ``wps.xlsx``: written as WPS Office writes a list (by hand: WPS cannot be
  run here): a picture in a cell (``xl/cellimages.xml`` and a
  ``DISPIMG`` formula, which nothing but WPS reads), WPS's custom
  properties (``KSOProductBuildVer``, ``ICV``), 宋体 12 and its default
  widths.

The cells are the same in all three (``DESIGN`` below): the tests read
their answers from it, and the ID numbers are the officers' fixtures'
(valid numbers made with Faker, tests/data/officers/README.md).
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "workbooks"
#: The zip entries' date: the files are the same on every run.
STAMP = (2026, 9, 28, 9, 30, 0)

TITLE = "2026年第二批公共租赁住房自愿退出名单公示"
HEADER = ["序号", "原保障对象姓名", "身份证号", "原租购项目名称", "面积", "退出日期"]
#: Rows 3-7: 序号, 姓名, 身份证号, 项目, 面积, 退出日期 (an Excel date serial).
RECORDS = [
    (1, "许春梅", "44162219470406403X", "民心佳园", 45.6, 46237),
    (2, "李淑珍", "510903196510119454", "民心佳园", 58.2, 46249),
    (3, "陈阳", "510681199306013237", "康居苑", 40.0, 46254),
    (4, "袁秀英", "32111219991127254X", "康居苑", 62.35, 46266),
    (5, "詹彬", "110107197010110586", "惠民家园", 38.5, 46275),
]
FOOTER = "制表人：张三"
NOTE = "已电话核实"  # the officer's comment on B3

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'


def seal_png(size: int = 96) -> bytes:
    """A red seal: a ring and a star, drawn pixel by pixel (no imaging library needed)."""
    rows = []
    centre = (size - 1) / 2
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            dx, dy = x - centre, y - centre
            distance = (dx * dx + dy * dy) ** 0.5
            ring = size * 0.40 <= distance <= size * 0.47
            star = abs(dx) + abs(dy) * 0.6 < size * 0.14 or abs(dy) + abs(dx) * 0.6 < size * 0.14
            row += bytes((220, 30, 30, 255)) if ring or star else bytes((255, 255, 255, 0))
        rows.append(bytes(row))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">2I5B", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
        + chunk(b"IEND", b"")
    )


def write_zip(path: Path, parts: list[tuple[str, bytes | str]]) -> None:
    """The parts, in this order, deflated, with a fixed date."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


class Strings:
    """The shared strings table, filled in the order the cells use them."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.count = 0

    def __call__(self, text: str) -> int:
        self.count += 1
        if text not in self.items:
            self.items.append(text)
        return self.items.index(text)

    def xml(self) -> str:
        body = "".join(f"<si><t>{escape(t)}</t></si>" for t in self.items)
        return (
            f'{DECL}<sst xmlns="{MAIN}" count="{self.count}" uniqueCount="{len(self.items)}">'
            f"{body}</sst>"
        )


# --- excel.xlsx ----------------------------------------------------------------------------------

EXCEL_TYPES = f"""{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/><Default Extension="png" ContentType="image/png"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/><Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/><Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>"""

ROOT_RELS = f"""{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>"""

APP = f"""{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>{{application}}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant><vt:variant><vt:lpstr>命名范围</vt:lpstr></vt:variant><vt:variant><vt:i4>3</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="5" baseType="lpstr"><vt:lpstr>退出名单</vt:lpstr><vt:lpstr>说明</vt:lpstr><vt:lpstr>退出名单!Print_Area</vt:lpstr><vt:lpstr>退出名单!Print_Titles</vt:lpstr><vt:lpstr>项目列表</vt:lpstr></vt:vector></TitlesOfParts><Company>渝北区住房保障科</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>"""

CORE = f"""{DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>自愿退出名单</dc:title><dc:creator>住房保障科</dc:creator><cp:lastModifiedBy>住房保障科</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2026-09-28T01:30:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-09-28T01:30:00Z</dcterms:modified></cp:coreProperties>"""

CUSTOM = f"""{DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">{{properties}}</Properties>"""

EXCEL_CUSTOM = CUSTOM.format(
    properties='<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="批次"><vt:lpwstr>2026年第二批</vt:lpwstr></property>'
)

WORKBOOK = f"""{DECL}<workbook xmlns="{MAIN}" xmlns:r="{REL}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/><xr:revisionPtr revIDLastSave="0" documentId="8_{{4F0B2C3A-7D0E-4F7A-9F3B-2A6F1C9E5D10}}" xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" xr10:uidLastSave="{{00000000-0000-0000-0000-000000000000}}"/><bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840" activeTab="0" xr2:uid="{{B2A6C8E4-1F3D-4E5A-8C7B-9D0E2F4A6B81}}"/></bookViews><sheets><sheet name="退出名单" sheetId="1" r:id="rId1"/><sheet name="说明" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">退出名单!$A$1:$F$24</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">退出名单!$2:$2</definedName><definedName name="项目列表">说明!$A$3:$A$5</definedName></definedNames><calcPr calcId="191029"/><extLst><ext uri="{{140A7094-0E35-4892-8432-C4D2E57EDEB5}}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><x15:workbookPr chartTrackingRefBase="1"/></ext></extLst></workbook>"""

WORKBOOK_RELS = f"""{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""

#: A theme as Excel writes its default one (colours and fonts), shortened to what it needs.
THEME = f"""{DECL}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office 主题"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface="等线 Light" panose="020F0302020204030204"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="等线 Light"/></a:majorFont><a:minorFont><a:latin typeface="等线" panose="020F0502020204030204"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="等线"/></a:minorFont></a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"""

#: Styles: 0 default; 1 the title (bold 16, centred); 2 the header (bold, grey, boxed); 3 text boxed;
#: 4 an area 0.00 boxed; 5 a date yyyy-mm-dd boxed; 6 a whole number boxed.  dxf 0: the rule's red.
STYLES = f"""{DECL}<styleSheet xmlns="{MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2 xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="3" x14ac:knownFonts="1"><font><sz val="11"/><color theme="1"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font><font><b/><sz val="16"/><color theme="1"/><name val="宋体"/><family val="3"/><charset val="134"/></font><font><b/><sz val="11"/><color theme="1"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right><top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"><alignment vertical="center"/></xf><xf numFmtId="2" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"><alignment vertical="center"/></xf><xf numFmtId="176" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"><alignment vertical="center"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"><alignment horizontal="center" vertical="center"/></xf></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles><dxfs count="1"><dxf><font><color rgb="FF9C0006"/></font><fill><patternFill><bgColor rgb="FFFFC7CE"/></patternFill></fill></dxf></dxfs><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/><extLst><ext uri="{{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext></extLst></styleSheet>"""


def sheet_rows(strings: Strings, formulas: bool) -> str:
    """退出名单's rows: the title (merged A1:F1), the header, five records, a sum, the footer."""
    rows = [
        f'<row r="1" spans="1:6" ht="30" customHeight="1"><c r="A1" s="1" t="s"><v>{strings(TITLE)}</v></c>'
        + "".join(f'<c r="{c}1" s="1"/>' for c in "BCDEF")
        + "</row>",
        '<row r="2" spans="1:6">'
        + "".join(
            f'<c r="{c}2" s="2" t="s"><v>{strings(h)}</v></c>'
            for c, h in zip("ABCDEF", HEADER, strict=True)
        )
        + "</row>",
    ]
    for r, (n, name, number, project, area, day) in enumerate(RECORDS, start=3):
        if formulas and r == 3:
            first = f'<c r="A{r}" s="6"><f>ROW()-2</f><v>{n}</v></c>'
        elif formulas and r == 4:  # A4:A7 share A3+1, written once, in A4 (as Excel fills down)
            first = f'<c r="A{r}" s="6"><f t="shared" ref="A4:A7" si="0">A3+1</f><v>{n}</v></c>'
        elif formulas:
            first = f'<c r="A{r}" s="6"><f t="shared" si="0"/><v>{n}</v></c>'
        else:
            first = f'<c r="A{r}" s="6"><v>{n}</v></c>'
        rows.append(
            f'<row r="{r}" spans="1:6">{first}'
            f'<c r="B{r}" s="3" t="s"><v>{strings(name)}</v></c>'
            f'<c r="C{r}" s="3" t="s"><v>{strings(number)}</v></c>'
            f'<c r="D{r}" s="3" t="s"><v>{strings(project)}</v></c>'
            f'<c r="E{r}" s="4"><v>{area}</v></c>'
            f'<c r="F{r}" s="5"><v>{day}</v></c></row>'
        )
    total = sum(r[4] for r in RECORDS)
    rows.append(
        f'<row r="8" spans="1:6"><c r="A8" s="6"/><c r="B8" s="3"/><c r="C8" s="3"/>'
        f'<c r="D8" s="3" t="s"><v>{strings("合计")}</v></c>'
        + (
            f'<c r="E8" s="4"><f>SUM(E3:E7)</f><v>{total:g}</v></c>'
            if formulas
            else f'<c r="E8" s="4"><v>{total:g}</v></c>'
        )
        + '<c r="F8" s="5"/></row>'
    )
    rows.append(f'<row r="9" spans="1:6"><c r="A9" t="s"><v>{strings(FOOTER)}</v></c></row>')
    return "".join(rows)


def excel_sheet1(strings: Strings) -> str:
    return (
        f'{DECL}<worksheet xmlns="{MAIN}" xmlns:r="{REL}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" '
        'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
        'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
        'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" '
        'xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" '
        'xr:uid="{5E2B7C1A-3D4F-4A6B-8C9D-0E1F2A3B4C5D}">'
        '<sheetPr><tabColor rgb="FFC00000"/><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:F9"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="C3" sqref="C3"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="14.25" x14ac:dyDescent="0.2"/>'
        '<cols><col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2" width="14" customWidth="1"/>'
        '<col min="3" max="3" width="21" customWidth="1"/><col min="4" max="4" width="14" customWidth="1"/>'
        '<col min="5" max="5" width="9" customWidth="1"/><col min="6" max="6" width="12" customWidth="1"/></cols>'
        f"<sheetData>{sheet_rows(strings, formulas=True)}</sheetData>"
        '<mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells>'
        '<conditionalFormatting sqref="E3:E7"><cfRule type="cellIs" dxfId="0" priority="2" operator="greaterThan"><formula>60</formula></cfRule></conditionalFormatting>'
        '<conditionalFormatting sqref="E3:E7"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/><cfvo type="max"/><color rgb="FF638EC6"/></dataBar>'
        '<extLst><ext uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:id>{7C1D9E2A-4B3F-4E8A-9D6C-1A2B3C4D5E6F}</x14:id></ext></extLst></cfRule></conditionalFormatting>'
        '<dataValidations count="1"><dataValidation type="decimal" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="输入有误" error="须在 0 到 200 之间" sqref="E3:E7"><formula1>0</formula1><formula2>200</formula2></dataValidation></dataValidations>'
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToHeight="0" r:id="rId1"/>'
        "<headerFooter><oddFooter>&amp;C第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>"
        '<drawing r:id="rId2"/><legacyDrawing r:id="rId3"/>'
        '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="dataBar" id="{7C1D9E2A-4B3F-4E8A-9D6C-1A2B3C4D5E6F}"><x14:dataBar minLength="0" maxLength="100" gradient="0"><x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/><x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule><xm:sqref>E3:E7</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext>'
        '<ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"><x14:formula1><xm:f>说明!$A$3:$A$5</xm:f></x14:formula1><xm:sqref>D3:D7</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>'
        "</worksheet>"
    )


def excel_sheet2(strings: Strings) -> str:
    lines = [
        "本表按《保障性住房领域政务公开标准目录》第 22 项公开。",
        "项目",
        *sorted({r[3] for r in RECORDS}),
    ]
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>{strings(text)}</v></c></row>'
        for r, text in enumerate(lines, 1)
    )
    return (
        f'{DECL}<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:A5"/>'
        '<sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="14.25"/>'
        '<cols><col min="1" max="1" width="60" customWidth="1"/></cols>'
        f"<sheetData>{rows}</sheetData>"
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
    )


SHEET1_RELS = f"""{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings" Target="../printerSettings/printerSettings1.bin"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments1.xml"/></Relationships>"""

DRAWING = f"""{DECL}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>4</xdr:col><xdr:colOff>300000</xdr:colOff><xdr:row>8</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>5</xdr:col><xdr:colOff>500000</xdr:colOff><xdr:row>13</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="公章" descr="渝北区住房和城乡建设委员会公章"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="{REL}" r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="4000000" y="1800000"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:twoCellAnchor><xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>10</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>24</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="{REL}" r:id="rId2"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>"""

DRAWING_RELS = f"""{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/image1.png"/></Relationships>"""


def chart() -> str:
    """A bar chart of the areas by project row, its caches holding the cells' values (not names)."""
    numbers = "".join(f'<c:pt idx="{i}"><c:v>{r[4]:g}</c:v></c:pt>' for i, r in enumerate(RECORDS))
    labels = "".join(f'<c:pt idx="{i}"><c:v>{r[0]}</c:v></c:pt>' for i, r in enumerate(RECORDS))
    return (
        f'{DECL}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        f'xmlns:r="{REL}"><c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>退出住房面积</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>'
        '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        '<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>退出名单!$E$2</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>面积</c:v></c:pt></c:strCache></c:strRef></c:tx>'
        f'<c:cat><c:numRef><c:f>退出名单!$A$3:$A$7</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="5"/>{labels}</c:numCache></c:numRef></c:cat>'
        f'<c:val><c:numRef><c:f>退出名单!$E$3:$E$7</c:f><c:numCache><c:formatCode>0.00</c:formatCode><c:ptCount val="5"/>{numbers}</c:numCache></c:numRef></c:val></c:ser>'
        '<c:gapWidth val="150"/><c:axId val="100"/><c:axId val="200"/></c:barChart>'
        '<c:catAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="200"/></c:catAx>'
        '<c:valAx><c:axId val="200"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="100"/></c:valAx></c:plotArea>'
        '<c:plotVisOnly val="1"/></c:chart></c:chartSpace>'
    )


COMMENTS = f"""{DECL}<comments xmlns="{MAIN}"><authors><author>住房保障科</author></authors><commentList><comment ref="B3" authorId="0" shapeId="0"><text><r><rPr><b/><sz val="9"/><color indexed="81"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t>住房保障科:</t></r><r><rPr><sz val="9"/><color indexed="81"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t xml:space="preserve">
{NOTE}</t></r></text></comment></commentList></comments>"""

VML = """<xml xmlns:v="urn:schemas-microsoft-com:vml"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel">
 <o:shapelayout v:ext="edit">
  <o:idmap v:ext="edit" data="1"/>
 </o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"
  path="m,l,21600r21600,l21600,xe">
  <v:stroke joinstyle="miter"/>
  <v:path gradientshapeok="t" o:connecttype="rect"/>
 </v:shapetype><v:shape id="_x0000_s1025" type="#_x0000_t202" style='position:absolute;
  margin-left:123pt;margin-top:28.5pt;width:108pt;height:59.25pt;z-index:1;
  visibility:hidden' fillcolor="#ffffe1" o:insetmode="auto">
  <v:fill color2="#ffffe1"/>
  <v:shadow on="t" color="black" obscured="t"/>
  <v:path o:connecttype="none"/>
  <v:textbox style='mso-direction-alt:auto'>
   <div style='text-align:left'></div>
  </v:textbox>
  <x:ClientData ObjectType="Note">
   <x:MoveWithCells/>
   <x:SizeWithCells/>
   <x:Anchor>
    2, 15, 1, 10, 4, 15, 5, 18</x:Anchor>
   <x:AutoFill>False</x:AutoFill>
   <x:Row>2</x:Row>
   <x:Column>1</x:Column>
  </x:ClientData>
 </v:shape></xml>"""


def calc_chain() -> str:
    cells = [
        '<c r="E8" i="1"/>',
        '<c r="A3"/>',
        '<c r="A4"/>',
        '<c r="A5"/>',
        '<c r="A6"/>',
        '<c r="A7"/>',
    ]
    return f'{DECL}<calcChain xmlns="{MAIN}">{"".join(cells)}</calcChain>'


#: What a printer driver leaves in printerSettings1.bin (a DEVMODE): here its first bytes only.
PRINTER = (
    "HP LaserJet Pro MFP M428".encode("utf-16-le").ljust(64, b"\0")
    + bytes([0x01, 0x04, 0x00, 0x06, 0xDC, 0x00, 0x00, 0x00, 0x01, 0x00, 0x09, 0x00])
    + bytes(140)
)


def excel_book(path: Path) -> None:
    strings = Strings()
    sheet1 = excel_sheet1(strings)
    sheet2 = excel_sheet2(strings)
    write_zip(
        path,
        [
            ("[Content_Types].xml", EXCEL_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("docProps/app.xml", APP.format(application="Microsoft Excel")),
            ("docProps/core.xml", CORE),
            ("docProps/custom.xml", EXCEL_CUSTOM),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet1),
            ("xl/worksheets/sheet2.xml", sheet2),
            ("xl/theme/theme1.xml", THEME),
            ("xl/styles.xml", STYLES),
            ("xl/sharedStrings.xml", strings.xml()),
            ("xl/drawings/drawing1.xml", DRAWING),
            ("xl/drawings/_rels/drawing1.xml.rels", DRAWING_RELS),
            ("xl/media/image1.png", seal_png()),
            ("xl/charts/chart1.xml", chart()),
            ("xl/comments1.xml", COMMENTS),
            ("xl/drawings/vmlDrawing1.vml", VML),
            ("xl/worksheets/_rels/sheet1.xml.rels", SHEET1_RELS),
            ("xl/printerSettings/printerSettings1.bin", PRINTER),
            ("xl/calcChain.xml", calc_chain()),
        ],
    )


# --- wps.xlsx ------------------------------------------------------------------------------------

WPS_TYPES = f"""{DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/cellimages.xml" ContentType="application/vnd.wps-officedocument.cellimage+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/><Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>"""

WPS_WORKBOOK = f"""{DECL}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr/><bookViews><workbookView windowWidth="28800" windowHeight="12360"/></bookViews><sheets><sheet name="退出名单" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">退出名单!$2:$2</definedName></definedNames><calcPr calcId="144525"/></workbook>"""

WPS_WORKBOOK_RELS = f"""{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId5" Type="http://www.wps.cn/officeDocument/2020/cellImage" Target="cellimages.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""

WPS_CUSTOM = CUSTOM.format(
    properties='<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="ICV"><vt:lpwstr>8E2C5B1F0A3D4E6B9C7D1A2B3C4D5E6F_12</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.17827</vt:lpwstr></property>'
)

IMAGE_ID = "ID_3F2A1B0C9D8E4F7A6B5C4D3E2F1A0B9C"
CELL_IMAGES = f"""{DECL}<etc:cellImages xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:r="{REL}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"><etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="2" name="{IMAGE_ID}" descr="公章"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic></etc:cellImage></etc:cellImages>"""

CELL_IMAGES_RELS = f"""{DECL}<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.png"/></Relationships>"""

WPS_STYLES = f"""{DECL}<styleSheet xmlns="{MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" mc:Ignorable="x14ac"><numFmts count="5"><numFmt numFmtId="176" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="41" formatCode="_ * #,##0_ ;_ * \\-#,##0_ ;_ * &quot;-&quot;_ ;_ @_ "/><numFmt numFmtId="42" formatCode="_ &quot;￥&quot;* #,##0_ ;_ &quot;￥&quot;* \\-#,##0_ ;_ &quot;￥&quot;* &quot;-&quot;_ ;_ @_ "/><numFmt numFmtId="43" formatCode="_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * &quot;-&quot;??_ ;_ @_ "/><numFmt numFmtId="44" formatCode="_ &quot;￥&quot;* #,##0.00_ ;_ &quot;￥&quot;* \\-#,##0.00_ ;_ &quot;￥&quot;* &quot;-&quot;??_ ;_ @_ "/></numFmts><fonts count="3"><font><sz val="12"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="16"/><name val="宋体"/><charset val="134"/></font><font><b/><sz val="12"/><name val="宋体"/><charset val="134"/></font></fonts><fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs><cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf><xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf><xf numFmtId="2" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf><xf numFmtId="176" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf></cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>"""


def wps_sheet(strings: Strings) -> str:
    rows = sheet_rows(strings, formulas=False).replace('</row><row r="9"', '</row><row r="9"')
    image_row = (
        f'<row r="11" spans="1:6" ht="72" customHeight="1"><c r="A11" t="s"><v>{strings("单位盖章")}</v></c>'
        f'<c r="B11" t="str"><f>_xlfn.DISPIMG("{IMAGE_ID}",1)</f><v>=DISPIMG("{IMAGE_ID}",1)</v></c></row>'
    )
    return (
        f'{DECL}<worksheet xmlns="{MAIN}" xmlns:r="{REL}" xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:F11"/>'
        '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A3" sqref="A3"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultColWidth="9" defaultRowHeight="14.25" outlineLevelCol="5"/>'
        '<cols><col min="1" max="1" width="6.5" customWidth="1"/><col min="2" max="2" width="14.25" customWidth="1"/>'
        '<col min="3" max="3" width="21.375" customWidth="1"/><col min="4" max="4" width="14.25" customWidth="1"/>'
        '<col min="5" max="5" width="9" customWidth="1"/><col min="6" max="6" width="12.375" customWidth="1"/></cols>'
        f"<sheetData>{rows}{image_row}</sheetData>"
        '<mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells>'
        '<pageMargins left="0.751388888888889" right="0.751388888888889" top="1" bottom="1" header="0.5" footer="0.5"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToHeight="0" horizontalDpi="600"/>'
        "<headerFooter/></worksheet>"
    )


def wps_book(path: Path) -> None:
    strings = Strings()
    sheet = wps_sheet(strings)
    write_zip(
        path,
        [
            ("[Content_Types].xml", WPS_TYPES),
            ("_rels/.rels", ROOT_RELS),
            (
                "docProps/app.xml",
                APP.format(application="WPS 表格").replace("<vt:i4>2</vt:i4>", "<vt:i4>1</vt:i4>"),
            ),
            ("docProps/core.xml", CORE),
            ("docProps/custom.xml", WPS_CUSTOM),
            ("xl/workbook.xml", WPS_WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WPS_WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet),
            ("xl/theme/theme1.xml", THEME),
            ("xl/styles.xml", WPS_STYLES),
            ("xl/sharedStrings.xml", strings.xml()),
            ("xl/cellimages.xml", CELL_IMAGES),
            ("xl/_rels/cellimages.xml.rels", CELL_IMAGES_RELS),
            ("xl/media/image1.png", seal_png()),
        ],
    )


# --- libreoffice.xlsx ----------------------------------------------------------------------------


def soffice(source: Path, target: str, folder: Path, *options: str) -> Path:
    """``soffice --headless --convert-to`` with a profile of its own (and ``options`` before
    the conversion, an ``--infilter=``); the file it made."""
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                *options,
                "--convert-to",
                target,
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return folder / (source.stem + "." + target.split(":", maxsplit=1)[0])


def libreoffice_book(excel: Path, path: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="fixtures-"))
    try:
        made = soffice(excel, "xlsx", work)
        shutil.move(made, path)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--render", action="store_true", help="render each file through LibreOffice"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    excel_book(args.out / "excel.xlsx")
    wps_book(args.out / "wps.xlsx")
    libreoffice_book(args.out / "excel.xlsx", args.out / "libreoffice.xlsx")
    for name in ("excel.xlsx", "libreoffice.xlsx", "wps.xlsx"):
        print(f"{args.out / name}: {(args.out / name).stat().st_size} bytes")
    if args.render:
        render = Path(__file__).with_name("render_workbook.py")
        for name in ("excel.xlsx", "libreoffice.xlsx", "wps.xlsx"):
            subprocess.run(
                [sys.executable, str(render), str(args.out / name), "--out", f"/tmp/render-{name}"],
                check=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
