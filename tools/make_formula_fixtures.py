"""Make the fixtures of tests/data/formulas/: run from the repository's root.

    python tools/make_formula_fixtures.py           # write the files
    python tools/make_formula_fixtures.py --shown   # and print what LibreOffice shows in each

The CSV files are written here as an officer's export writes them (UTF-8,
formulas in the fields); ``arithmetic.xlsx`` by openpyxl, which stores no
formula's result, so that Excel computes each when the file is opened;
``shown/formats.xlsx`` by openpyxl, dates and texts in formats with literal
digits (in ``shown/``: tests/test_xlsx_stream.py does not hold them to
python-calamine, which reads them bare).
``--shown`` converts each to CSV with LibreOffice (``soffice --convert-to``,
which computes every formula on opening, and writes what each cell shows):
the answers in tests/data/formulas/README.md and the tests are those.
"""

from __future__ import annotations

import argparse
import re
import shutil
import struct
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from make_fidelity_fixtures import soffice as convert  # tools/ is on the path of its scripts

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "formulas"


def libreoffice_xls(book: Any, name: str) -> bytes:
    """LibreOffice's .xls of the openpyxl workbook ``book`` (saved as ``name``.xlsx first)."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{name}.xlsx"
        book.save(source)
        return convert(source, "xls", Path(folder)).read_bytes()


def with_result(data: bytes, row: int, column: int, stored: bytes, result: bytes) -> bytes:
    """``data``, an .xls, with the stored result of the FORMULA (0x0006) of the cell at ``row``
    and ``column`` (from 0), the 8 bytes ``stored``, put to the 8 bytes ``result``."""
    place = struct.pack("<HH", row, column)
    at = [
        m.start()
        for m in re.finditer(re.escape(place), data)
        if data[m.start() - 4 : m.start() - 2] == b"\x06\x00"
        and data[m.start() + 6 : m.start() + 14] == stored
    ]
    assert len(at) == 1, (row, column, at)
    return data[: at[0] + 6] + result + data[at[0] + 14 :]


#: LibreOffice's CSV filter writing each cell as shown (its formulas computed), in UTF-8.
SHOWN_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true"

#: Formulas that build a mobile number from the cells they name, or from literals by
#: arithmetic; each is computed by Excel and LibreOffice when the CSV is opened.
JOINED = '''序号,姓名,前段,后段,联系电话
1,张三,1381234,5678,=C2&D2
2,李四,6956170000,6956175678,=C3+D3
3,王五,,,"=+""1371234""&""5678"""
4,赵六,,,"=VALUE(""136"")*100000000+12345678"
5,钱七,6750000000,6762345678,=SUM(C6:D6)
6,孙八,1501234,5678,=C7*10000+D7
7,周九,0158,12345678,=C8&D8
8,吴十,1,2,=E9
'''

#: Formulas of amounts: computed, they show no number zfgk looks for (the file is clean).
AMOUNTS = """序号,姓名,面积,单价,租金,合计
1,张*,45.5,12,=C2*D2,=SUM(E2:E3)
2,李*,60,12.5,=C3*D3,"=ROUND(F2/2,0)"
"""

#: Formulas that cannot be computed here, one that may build a number (IFERROR): cannot check.
UNKNOWN = '''序号,姓名,前段,联系电话,备注
1,张*,1381234,"=IFERROR(C2&""5678"","""")",=E3
2,李*,1,=C3*2,=E2
'''

#: Formulas over dates: an ISO 8601 date is its serial number to both Excel and LibreOffice
#: (1937-10-17 is 13805); 1937/10/17 is a date or a text by the computer's locale.
DATES = '''序号,出生日期,号码,备注
1,1937-10-17,"=B2&""567890""",=B2*1
2,1937/10/17,"=B3&""567890""",
3,2026-03-01,=B4*1,
'''

#: Functions that build a mobile number (IFERROR, REPLACE, SUBSTITUTE, DATE, ^), and two that
#: build none (an error caught, a number masked by REPLACE).
FUNCTIONS = '''序号,姓名,前段,后段,号码
1,张三,1381234,5678,"=IFERROR(C2&D2,"""")"
2,李四,1234,,"=REPLACE(""13800005678"",4,4,C3)"
3,王五,1381234,5678,=C4*10^4+D4
4,赵六,1937,,"=DATE(C5,10,17)&""567890"""
5,钱七,,,"=SUBSTITUTE(""138x1234x5678"",""x"","""")"
6,孙八,1381234,0,"=IFERROR(C7/D7,""无"")"
7,周九,1381234,5678,"=REPLACE(C8&D8,4,4,""****"")"
'''

#: #VALUE! of MID, LEFT and RIGHT (a start below 1, a count below 0) caught by IFERROR, and
#: CONCATENATE's arguments left out (each an empty text).
CAUGHT = '''序号,前段,号码
1,1381234,"=IFERROR(MID(B2,0,1),"""")&B2&""5678"""
2,1381234,"=IFERROR(LEFT(B3,-1),"""")&B3&""5678"""
3,1381234,"=CONCATENATE(,B4,""5678"",)"
4,1381234,"=IFERROR(MID(B5,1,-1),""x"")"
5,1381234,"=IFERROR(RIGHT(B6,-1),B6*10000+5678)"
6,1381234,"=IFERROR(MID(B7,0,7)&""5678"",""无"")"
'''

#: Comparisons of a formula's "" (C2, C4) and of an empty cell (C3) with 0: a text is never a
#: number (""=0 is FALSE, ""<>0 TRUE), an empty cell is 0.
COMPARED = '''序号,前段,状态,号码
1,1381234,"=IF(A2=1,"""",1)","=IF(C2=0,B2&""5678"",""未登记"")"
2,1391234,,"=IF(C3=0,B3&""5678"",""未登记"")"
3,1371234,"=IF(A4=3,"""",1)","=IF(C4<>0,B4&""5678"",""无"")"
'''


def csv_files() -> None:
    for name, text in (
        ("joined.csv", JOINED),
        ("amounts.csv", AMOUNTS),
        ("unknown.csv", UNKNOWN),
        ("dates.csv", DATES),
        ("functions.csv", FUNCTIONS),
        ("compared.csv", COMPARED),
        ("caught.csv", CAUGHT),
    ):
        (OUT / name).write_text(text, encoding="utf-8", newline="\r\n")


def workbook() -> None:
    """arithmetic.xlsx: formulas of arithmetic over cells, no results stored."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    rows = [
        ["姓名", "前段", "后段", "联系电话"],
        ["张三", 1381234, 5678, "=B2*10000+C2"],
        ["李四", 6950000000, 6962345678, "=SUM(B3:C3)"],
        ["王五", 20000000000, 6287654322, "=B4-C4"],
        ["赵六", 1361234, 5678, "=B5*100000000/10000+C5"],
        ["钱七", 1501234.4, None, "=ROUND(B6,0)*10000+INT(5678.9)"],
        ["孙八", 3, 4, "=B7+C7"],
        ["周九", 110105194912310021, None, "=B8*1"],
    ]
    for row in rows:
        sheet.append(row)
    book.save(OUT / "arithmetic.xlsx")


def powers_book() -> None:
    """powers.xlsx: numbers built by a power of ten, no results stored (no literal of five
    digits says that they build one)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    rows = [
        ["姓名", "前段", "后段", "联系电话"],
        ["张三", 1381234, 5678, "=B2*10^4+C2"],
        ["李四", 1391234, 5678, "=B3*POWER(10,4)+C3"],
        ["王五", 1371234, 5678, "=PRODUCT(B4,100,100)+C4"],
        ["赵六", 12, 5, "=B5*POWER(10,4)+C5"],
    ]
    for row in rows:
        sheet.append(row)
    book.save(OUT / "powers.xlsx")


def compared_book() -> None:
    """compared.xlsx: compared.csv's rows in a book by openpyxl (no formula's result stored)."""
    import csv
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    for row in csv.reader(io.StringIO(COMPARED)):
        sheet.append([int(v) if v.isdigit() else (v or None) for v in row])
    book.save(OUT / "compared.xlsx")


def formats() -> None:
    """formats.xlsx: number formats that write digits of their own beside a date or a text."""
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["姓名", "号码"])
    cells = [
        ("张三", datetime.date(5678, 1, 2), '"1381234"yyyy'),
        ("李四", "19491231002X", '"110105"@'),
        ("王五", "5678", '0;-0;0;"1391234"@'),
        ("赵六", datetime.date(2026, 3, 1), 'yyyy"年"m"月"d"日"'),
        ("钱七", "备注", '"110105"@'),
        ("孙八", datetime.date(2026, 3, 1), 'yyyymmdd"001"'),
    ]
    for row, (name, value, code) in enumerate(cells, start=2):
        sheet.append([name, value])
        sheet.cell(row, 2).number_format = code
    (OUT / "shown").mkdir(exist_ok=True)  # read as shown, not as calamine reads them
    book.save(OUT / "shown" / "formats.xlsx")


def uncomputed_ods(name: str = "arithmetic") -> None:
    """arithmetic.ods (compared.ods): LibreOffice's .ods of arithmetic.xlsx (compared.xlsx), the
    formulas' stored results taken out (as a program that writes OpenDocument without computing
    leaves them)."""
    if shutil.which("soffice") is None:
        print(f"{name}.ods: soffice not found, kept as it is")
        return
    with tempfile.TemporaryDirectory() as folder:
        converted = convert(OUT / f"{name}.xlsx", "ods", Path(folder))
        with zipfile.ZipFile(converted) as source:
            members = [(info, source.read(info)) for info in source.infolist()]
    cell = re.compile(r'(<table:table-cell table:formula="[^"]*")[^>]*>(?:<text:p>[^<]*</text:p>)?')
    with zipfile.ZipFile(OUT / f"{name}.ods", "w") as target:
        for info, data in members:
            written = data
            if info.filename == "content.xml":
                written = cell.sub(r"\1>", data.decode("utf-8")).encode("utf-8")
            kind = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            target.writestr(info.filename, written, compress_type=kind)


def formats_converted() -> None:
    """shown/formats.xls and shown/formats.ods: LibreOffice's conversions of formats.xlsx."""
    if shutil.which("soffice") is None:
        print("shown/formats.xls, .ods: soffice not found, kept as they are")
        return
    for kind in ("xls", "ods"):
        convert(OUT / "shown" / "formats.xlsx", kind, OUT / "shown")


def current_engine() -> None:
    """current_engine.xlsx: tests/data/sheets/stored_result.xlsx saved as by the newest Excel
    (calcId 191029): Excel shows the stored results, computing none anew."""
    source = ROOT / "tests" / "data" / "sheets" / "stored_result.xlsx"
    with zipfile.ZipFile(source) as book:
        members = [(info, book.read(info)) for info in book.infolist()]
    with zipfile.ZipFile(OUT / "current_engine.xlsx", "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            written = data
            if info.filename == "xl/workbook.xml":
                written = data.replace(b'calcId="124519"', b'calcId="191029"')
                assert written != data
            target.writestr(info.filename, written)


def stale_arithmetic() -> None:
    """stale_arithmetic.xlsx and its twin current_arithmetic.xlsx: arithmetic formulas whose
    stored results were computed before the cells changed (as a program that fills a template
    in leaves them), saved by Excel 2007's engine (calcId 124519), which a newer Excel
    computes anew on opening; the twin as by the newest engine (191029), whose stored
    results show.  Written by openpyxl, the stored results put in by hand."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    rows = [
        ["姓名", "前段", "倍数", "后段", "号码"],
        ["张三", 1381234, 10000, 5678, "=B2*C2+D2"],  # Excel: 13812345678; stored: 15678
        ["李四", 12, 3, 5, "=B3*C3+D3"],  # 41, as stored: clean
        ["王五", 6906172839, 2, 0, "=(B4*C4)"],  # 13812345678; stored: 0
    ]
    for row in rows:
        sheet.append(row)
    with tempfile.TemporaryDirectory() as folder:
        written = Path(folder) / "book.xlsx"
        book.save(written)
        with zipfile.ZipFile(written) as source:
            members = [(info, source.read(info)) for info in source.infolist()]
    stored = {b"E2": b"15678", b"E3": b"41", b"E4": b"0"}
    for name, engine in (
        ("stale_arithmetic.xlsx", b"124519"),
        ("current_arithmetic.xlsx", b"191029"),
    ):
        with zipfile.ZipFile(OUT / name, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in members:
                changed = data
                if info.filename == "xl/workbook.xml":
                    changed = data.replace(
                        b'<calcPr calcId="124519" fullCalcOnLoad="1"/>',
                        b'<calcPr calcId="' + engine + b'"/>',
                    )
                    assert changed != data
                if info.filename == "xl/worksheets/sheet1.xml":
                    for cell, value in stored.items():
                        changed = re.sub(
                            rb'(<c r="' + cell + rb'"><f>[^<]*</f>)<v></v>',
                            rb"\1<v>" + value + rb"</v>",
                            changed,
                        )
                    assert changed.count(b"<v></v>") == 0
                target.writestr(info.filename, changed)


def uncomputed_xls() -> None:
    """shown/uncomputed.xls: LibreOffice's .xls of an openpyxl book whose C2 ``=A2*10000+B2``
    (12345678) is in the format ``"138"0``, C2's stored result then put to 0 (as a program
    that writes .xls without computing leaves it): Excel computes it and shows 13812345678."""
    import struct

    import openpyxl

    if shutil.which("soffice") is None:
        print("shown/uncomputed.xls: soffice not found, kept as it is")
        return
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["前段", "后段", "号码"])
    sheet.append([1234, 5678, "=A2*10000+B2"])
    sheet["C2"].number_format = '"138"0'
    data = libreoffice_xls(book, "uncomputed")
    # C2's result, the number 12345678, is zeroed
    data = with_result(data, 1, 2, struct.pack("<d", 12345678.0), bytes(8))
    (OUT / "shown" / "uncomputed.xls").write_bytes(data)


def shared_sheets() -> None:
    """shared_sheets.xlsx: shared formulas (as Excel writes a filled column) naming a cell of a
    sheet whose name is quoted, and looks like a cell's in part (2026-Q1, 底稿 A2) or whole (AB12),
    with no results stored; written by hand as Excel writes them.  The sheets the formulas
    would name if those names were moved with the cells (2026-Q2, AB13, 底稿 A3) exist."""
    sheets: dict[str, list[tuple[str, str | int]]] = {
        "名单": [
            ("A1", "姓名"),
            ("B1", "号码"),
            ("C1", "备用号码"),
            ("D1", "紧急联系电话"),
            ("A2", "张三"),
            ("B2", ('<f t="shared" ref="B2:B3" si="0">\'2026-Q1\'!A2&amp;"5678"</f>')),
            ("C2", ('<f t="shared" ref="C2:C3" si="1">\'AB12\'!A2&amp;"5678"</f>')),
            ("D2", ('<f t="shared" ref="D2:D3" si="2">\'底稿 A2\'!A2&amp;"5678"</f>')),
            ("A3", "李四"),
            ("B3", ('<f t="shared" si="0"/>')),
            ("C3", ('<f t="shared" si="1"/>')),
            ("D3", ('<f t="shared" si="2"/>')),
        ],
        "2026-Q1": [("A2", 1381234), ("A3", 1391234)],
        "2026-Q2": [("A2", 1), ("A3", 2)],
        "AB12": [("A2", 1371234), ("A3", 1361234)],
        "AB13": [("A2", 3), ("A3", 4)],
        "底稿 A2": [("A2", 1351234), ("A3", 1501234)],
        "底稿 A3": [("A2", 5), ("A3", 6)],
    }
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    sheet_type = relations + "/worksheet"
    with zipfile.ZipFile(OUT / "shared_sheets.xlsx", "w", zipfile.ZIP_DEFLATED) as book:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for n in range(1, len(sheets) + 1)
        )
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>",
        )
        book.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{relations}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        names = "".join(
            f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
            for n, name in enumerate(sheets, 1)
        )
        book.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" '
            f'xmlns:r="{relations}"><sheets>{names}</sheets>'
            '<calcPr calcId="191029"/></workbook>',
        )
        targets = "".join(
            f'<Relationship Id="rId{n}" Type="{sheet_type}" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(sheets) + 1)
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f"{targets}</Relationships>",
        )
        for n, cells in enumerate(sheets.values(), 1):
            rows: dict[str, list[str]] = {}
            for ref, value in cells:
                if isinstance(value, int):
                    cell = f'<c r="{ref}"><v>{value}</v></c>'
                elif value.startswith("<f"):
                    cell = f'<c r="{ref}">{value}</c>'
                else:
                    cell = f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
                rows.setdefault(ref[1:], []).append(cell)
            data = "".join(f'<row r="{r}">{"".join(c)}</row>' for r, c in rows.items())
            book.writestr(
                f"xl/worksheets/sheet{n}.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
                f"<sheetData>{data}</sheetData></worksheet>",
            )


def shared_text() -> None:
    """shared_text.xls: LibreOffice's .xls of an openpyxl book whose C2:C4 join A and B
    (``=A2&B2``): LibreOffice writes them as one shared formula, its SHRFMLA between C2's
    FORMULA and the STRING of C2's result."""
    import openpyxl

    if shutil.which("soffice") is None:
        print("shared_text.xls: soffice not found, kept as it is")
        return
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["前段", "后段", "号码"])
    for row, first in enumerate([1381234, 1391234, 1371234], start=2):
        sheet.append([first, 5678, f"=A{row}&B{row}"])
    (OUT / "shared_text.xls").write_bytes(libreoffice_xls(book, "shared_text"))


def shared_stale() -> None:
    """shared_stale.xls: LibreOffice's .xls of an openpyxl book whose C2:C4 compute
    ``=A2*10000+B2`` (one shared formula), each stored result then put by hand to the number
    15678 (stale, as a program filling a template in leaves it). LibreOffice computes every
    .xls formula on opening and shows 13812345678, 13912345678 and 120005."""
    import struct

    import openpyxl

    if shutil.which("soffice") is None:
        print("shared_stale.xls: soffice not found, kept as it is")
        return
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["前段", "后段", "号码"])
    for row, (first, last) in enumerate([(1381234, 5678), (1391234, 5678), (12, 5)], start=2):
        sheet.append([first, last, f"=A{row}*10000+B{row}"])
    data = libreoffice_xls(book, "shared_stale")
    assert b"\xbc\x04" in data  # a SHRFMLA record: the formulas are shared
    for row, shown_value in ((1, 13812345678.0), (2, 13912345678.0), (3, 120005.0)):
        shown = struct.pack("<d", shown_value)  # C(row+1)'s result, made stale
        data = with_result(data, row, 2, shown, struct.pack("<d", 15678.0))
    (OUT / "shared_stale.xls").write_bytes(data)


def shown() -> None:
    """Print each fixture as LibreOffice shows it (its formulas computed)."""
    if shutil.which("soffice") is None:
        print("soffice not found")
        return
    with tempfile.TemporaryDirectory() as folder:
        for path in sorted(OUT.rglob("*.*")):
            if path.suffix == ".md":
                continue
            filters = ["--infilter=CSV:44,34,76,1"] if path.suffix == ".csv" else []
            shown_csv = convert(path, SHOWN_CSV, Path(folder), *filters)
            print(f"== {path.name}")
            print(shown_csv.read_text("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shown", action="store_true", help="print what LibreOffice shows")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    csv_files()
    workbook()
    powers_book()
    uncomputed_ods()
    compared_book()
    uncomputed_ods("compared")
    formats()
    formats_converted()
    current_engine()
    stale_arithmetic()
    uncomputed_xls()
    shared_sheets()
    shared_text()
    shared_stale()
    if args.shown:
        shown()


if __name__ == "__main__":
    main()
