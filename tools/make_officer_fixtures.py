"""Build the officers' workbooks in tests/data/officers/ (issues 18 and 20).

Each design is written once with openpyxl as ``NAME.xlsx`` (styles, merges,
a formula, as an officer's Excel sheet has them), then LibreOffice converts
that file to ``NAME.lo.xlsx``, ``NAME.xls``, ``NAME.ods`` and ``NAME.csv``
(UTF-8, first sheet, cells as shown).  ``item19-excel-blank-columns.csv`` is
written byte by byte as Excel's "CSV UTF-8" saves such a sheet.

The tests do not run this script and need no LibreOffice: the files are
committed.  The answers (header row, records, merges ...) are written by
hand in tests/data/officers/expected.json and README.md; run this again
only to rebuild the files, then check them against those answers.

Usage (needs LibreOffice: ``apt-get install libreoffice-calc-nogui``)::

    python3 tools/make_officer_fixtures.py [OUTDIR]

The ID numbers are valid 18-digit numbers made once with Faker (zh_CN
``ssn()``, seed 20260928) and written here literally, so that a newer
Faker cannot change the files.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import python_calamine
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "officers"

CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1"
"""Comma, double quote, UTF-8 (76), start at line 1; cells as shown."""

ITEM19 = ["序号", "保障对象姓名", "保障性住房类型", "房号", "面积", "套型", "所在建设项目名称"]
ITEM22 = [
    "序号",
    "原保障对象姓名",
    "身份证号",
    "原租购项目名称",
    "地址",
    "类型",
    "套型",
    "面积",
    "原享受补贴面积标准",
]
TITLE19 = "2026年第三批公共租赁住房分配结果公示"
TITLE22 = "2026年第二批公共租赁住房自愿退出名单公示"
FONT = "宋体"
SAVED = datetime.datetime(2026, 9, 28, 9, 30)
"""The workbooks' creation time, fixed so that a rebuild changes no metadata."""

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9D9D9")
TOTAL_FILL = PatternFill("solid", fgColor="FFF2CC")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

Row = Sequence[object]


def title(ws: Worksheet, text: str, last_col: str) -> None:
    """Row 1: the list's title, merged across the table, large and bold."""
    ws["A1"] = text
    ws["A1"].font = Font(name=FONT, size=16, bold=True)
    ws["A1"].alignment = CENTER
    ws.merge_cells(f"A1:{last_col}1")
    ws.row_dimensions[1].height = 30


def boxed_row(ws: Worksheet, row: int, values: Row, *, header: bool = False) -> None:
    """Write values from column A with borders; a header is bold on grey."""
    for col, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=col)
        if value is not None:
            cell.value = value
        cell.border = BOX
        cell.font = Font(name=FONT, size=11, bold=header)
        if header:
            cell.fill = HEAD_FILL
            cell.alignment = CENTER


def widths(ws: Worksheet, cols: Mapping[str, float]) -> None:
    """Column widths, and the page set as officers print a list: landscape, one page wide."""
    for letter, width in cols.items():
        ws.column_dimensions[letter].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def number_format(ws: Worksheet, cells: str, fmt: str) -> None:
    for row in ws[cells]:
        for cell in row:
            cell.number_format = fmt


def item19_title_merged(wb: Workbook) -> None:
    """Title, header, a project merged down three rows, a blank row, 合计, signatures."""
    ws = wb.active
    ws.title = "分配结果"
    title(ws, TITLE19, "G")
    boxed_row(ws, 2, ITEM19, header=True)
    boxed_row(ws, 3, [1, "张*", "公共租赁住房", "1-2-301", 45.6, "一室一厅", "民心佳园"])
    boxed_row(ws, 4, [2, "李**", "公共租赁住房", "1-2-302", 45.6, "一室一厅", None])
    boxed_row(ws, 5, [3, "欧阳**", "公共租赁住房", "3-1-1201", 58.2, "两室一厅", None])
    boxed_row(ws, 6, [None] * 7)  # the blank row an officer left inside the data
    boxed_row(ws, 7, [4, "王*", "公共租赁住房", "2-1-501", 50, "两室一厅", "康居苑"])
    boxed_row(ws, 8, [5, "赵*", "公共租赁住房", "2-1-502", 62.35, "三室一厅", "康居苑"])
    ws.merge_cells("G3:G5")
    ws["G3"].alignment = CENTER
    boxed_row(ws, 9, ["合计", None, None, None, "=SUM(E3:E8)", None, None])
    ws.merge_cells("A9:D9")
    for cell in ws[9]:
        cell.fill = TOTAL_FILL
        cell.font = Font(name=FONT, size=11, bold=True)
    ws["A9"].alignment = CENTER
    number_format(ws, "E3:E9", "0.00")
    ws["A10"] = "制表人：张三"
    ws["D10"] = "审核人：李四"
    ws["F10"] = "日期：2026年9月28日"
    widths(ws, {"A": 6, "B": 14, "C": 16, "D": 11, "E": 9, "F": 10, "G": 20})
    ws.freeze_panes = "A3"


def item19_two_row_header(wb: Workbook) -> None:
    """Title; 房屋信息 merged across over 房号/面积/套型; other headers merged down; a 注 footer."""
    ws = wb.active
    ws.title = "Sheet1"  # the name Excel and WPS give a new sheet
    title(ws, TITLE19, "G")
    boxed_row(
        ws,
        2,
        ["序号", "保障对象姓名", "保障性住房类型", "房屋信息", None, None, "所在建设项目名称"],
        header=True,
    )
    boxed_row(ws, 3, [None, None, None, "房号", "面积", "套型", None], header=True)
    for col in "ABCG":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("D2:F2")
    boxed_row(ws, 4, [1, "陈*", "公共租赁住房", "5-1-101", 38.5, "一室", "惠民家园"])
    boxed_row(ws, 5, [2, "刘**", "公共租赁住房", "5-1-102", 38.5, "一室", "惠民家园"])
    boxed_row(ws, 6, [3, "周*", "公共租赁住房", "5-2-201", 52, "一室一厅", "惠民家园"])
    boxed_row(ws, 7, [4, "吴*", "公共租赁住房", "7-3-0302", 64.8, "两室一厅", "龙湖新苑"])
    ws["A8"] = "注：公示期为2026年9月28日至10月9日。"
    ws.merge_cells("A8:G8")
    widths(ws, {"A": 6, "B": 14, "C": 16, "D": 11, "E": 9, "F": 10, "G": 20})


def item19_note_in_data(wb: Workbook) -> None:
    """No title; 备注 cells reading 注：… and 说明：… inside records; an ASCII-colon footer."""
    ws = wb.active
    ws.title = "分配结果"
    boxed_row(ws, 1, [*ITEM19, "备注"], header=True)
    boxed_row(ws, 2, [1, "孙*", "公共租赁住房", "8-1-101", 45, "一室一厅", "阳光小区", None])
    boxed_row(
        ws, 3, [2, "马**", "公共租赁住房", "8-1-102", 45, "一室一厅", "阳光小区", "注：已核实"]
    )
    boxed_row(ws, 4, [3, "朱*", "公共租赁住房", "8-2-301", 60.5, "两室一厅", "阳光小区", None])
    boxed_row(
        ws, 5, [4, "胡*", "公共租赁住房", "8-2-302", 60.5, "两室一厅", "阳光小区", "说明：调换房源"]
    )
    ws["A6"] = "制表人:王五"
    ws["E6"] = "日期:2026-09-28"
    widths(ws, {"A": 6, "B": 14, "C": 16, "D": 11, "E": 9, "F": 10, "G": 14, "H": 16})


def id22_row(
    n: int, name: str, ident: object, place: tuple[str, str], *, rooms: str, area: float
) -> list[object]:
    """A row of item 22: number, name, ID, project and address, type, rooms, area, standard."""
    return [n, name, ident, *place, "公共租赁住房", rooms, area, "人均15平方米"]


MINXIN = ("民心佳园", "重庆市渝北区民心路1号")
KANGJU = ("康居苑", "重庆市江北区康居路8号")
HUIMIN = ("惠民家园", "重庆市南岸区惠民大道66号")


def item22_ids_as_numbers(wb: Workbook) -> None:
    """IDs typed into a General column: Excel kept 15 digits as a number; the X ones stay text."""
    ws = wb.active
    ws.title = "Sheet1"
    boxed_row(ws, 1, ITEM22, header=True)
    # What Excel stores for 620503200006097594 typed into a General cell:
    # the first 15 significant digits, the rest zeros, as a double.
    boxed_row(ws, 2, id22_row(1, "吴佳", 620503200006097000.0, MINXIN, rooms="一室一厅", area=45.6))
    boxed_row(
        ws, 3, id22_row(2, "蔡玉珍", 530824199105145000.0, MINXIN, rooms="两室一厅", area=58.2)
    )
    boxed_row(ws, 4, id22_row(3, "简波", 130527196706034000.0, KANGJU, rooms="一室一厅", area=40))
    boxed_row(
        ws, 5, id22_row(4, "吴秀华", "62122519471225810X", KANGJU, rooms="两室一厅", area=62.35)
    )
    boxed_row(ws, 6, id22_row(5, "张淑兰", 331100199201148000.0, HUIMIN, rooms="一室", area=38.5))
    widths(ws, {"A": 6, "B": 14, "C": 12, "D": 14, "E": 26, "F": 14, "G": 10, "H": 8, "I": 18})


def item22_clean(wb: Workbook) -> None:
    """Full IDs as text, a title, a blank row and signatures; sheets 退出名单2 and 说明."""
    ws = wb.active
    ws.title = "退出名单"
    title(ws, TITLE22, "J")
    boxed_row(ws, 2, [*ITEM22, "退出日期"], header=True)
    rows = [
        id22_row(1, "许春梅", "44162219470406403X", MINXIN, rooms="一室一厅", area=45.6),
        id22_row(2, "李淑珍", "510903196510119454", MINXIN, rooms="两室一厅", area=58.2),
        id22_row(3, "陈阳", "510681199306013237", KANGJU, rooms="一室一厅", area=40),
        id22_row(4, "袁秀英", "32111219991127254X", KANGJU, rooms="两室一厅", area=62.35),
        id22_row(5, "詹彬", "110107197010110586", HUIMIN, rooms="一室", area=38.5),
    ]
    dates = [(2026, 8, 3), (2026, 8, 15), (2026, 8, 20), (2026, 9, 1), (2026, 9, 10)]
    for i, (row, day) in enumerate(zip(rows, dates, strict=True), start=3):
        boxed_row(ws, i, [*row, datetime.date(*day)])
    number_format(ws, "C3:C7", "@")
    number_format(ws, "H3:H7", "0.00")
    number_format(ws, "J3:J7", "yyyy-mm-dd")
    ws["A9"] = "制表人：张三"
    ws["D9"] = "审核人：李四"
    ws["H9"] = "日期：2026年9月28日"
    cols = {"A": 6, "B": 14, "C": 21, "D": 14, "E": 26, "F": 14, "G": 10, "H": 8, "I": 18, "J": 12}
    widths(ws, cols)

    ws2 = wb.create_sheet("退出名单2")
    boxed_row(ws2, 1, [*ITEM22, "退出日期"], header=True)
    more = [
        id22_row(1, "赵龙", "52042519551127039X", HUIMIN, rooms="一室", area=38.5),
        id22_row(2, "孟东", "610403193808043096", HUIMIN, rooms="一室一厅", area=45),
        id22_row(3, "陈琳", "533325196601229669", MINXIN, rooms="两室一厅", area=58.2),
    ]
    for i, row in enumerate(more, start=2):
        boxed_row(ws2, i, [*row, datetime.date(2026, 9, 15)])
    number_format(ws2, "C2:C4", "@")
    number_format(ws2, "H2:H4", "0.00")
    number_format(ws2, "J2:J4", "yyyy-mm-dd")
    widths(ws2, cols)

    ws3 = wb.create_sheet("说明")
    ws3["A1"] = "本表由区住房保障中心编制，身份证号公开前须隐藏出生日期（第7至14位）。"
    ws3.column_dimensions["A"].width = 70


DESIGNS: dict[str, Callable[[Workbook], None]] = {
    "item19-title-merged": item19_title_merged,
    "item19-two-row-header": item19_two_row_header,
    "item19-note-in-data": item19_note_in_data,
    "item22-ids-as-numbers": item22_ids_as_numbers,
    "item22-clean": item22_clean,
}

EXCEL_CSV_NAME = "item19-excel-blank-columns.csv"
EXCEL_CSV_ROWS = [
    [TITLE19, "", "", "", "", "", "", "", "", ""],
    [*ITEM19, "", "", ""],
    ["1", "张*", "公共租赁住房", "1-2-301", "45.60", "一室一厅", "民心佳园", "", "", ""],
    ["2", "李**", "公共租赁住房", "1-2-302", "45.60", "一室一厅", "", "", "", ""],
    ["3", "欧阳**", "公共租赁住房", "3-1-1201", "58.20", "两室一厅", "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", ""],
    ["4", "王*", "公共租赁住房", "2-1-501", "50.00", "两室一厅", "康居苑", "", "", ""],
    ["5", "赵*", "公共租赁住房", "2-1-502", "62.35", "三室一厅", "康居苑", "", "", ""],
    ["合计", "", "", "", "261.75", "", "", "", "", ""],
    ["制表人：张三", "", "", "审核人：李四", "", "日期：2026年9月28日", "", "", "", ""],
]


def excel_csv() -> bytes:
    """item19-title-merged as Excel's "CSV UTF-8 (Comma delimited)" saves it.

    The sheet's used range reaches column J (the officer once formatted
    H:J), so every line ends in three empty cells; a merged cell's value
    sits in its first cell only; numbers are written as shown ("45.60");
    Excel writes a byte-order mark and CR LF, and no quotes where none are
    needed.
    """
    text = "".join(",".join(row) + "\r\n" for row in EXCEL_CSV_ROWS)
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def soffice(src: Path, target: str, workdir: Path) -> Path:
    """Convert src with LibreOffice into workdir; return the file it wrote."""
    outdir = workdir / target.split(":", maxsplit=1)[0]
    outdir.mkdir(exist_ok=True)
    profile = (workdir / "profile").as_uri()
    cmd = ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target]
    subprocess.run([*cmd, "--outdir", str(outdir), str(src)], check=True, capture_output=True)
    (made,) = outdir.glob(src.stem + ".*")
    return made


def build(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, design in DESIGNS.items():
            wb = Workbook()
            wb.properties.creator = "区住房保障中心"
            wb.properties.created = wb.properties.modified = SAVED
            design(wb)
            xlsx = out / f"{name}.xlsx"
            wb.save(xlsx)
            made.append(xlsx)
            for target, suffix in (
                ("xlsx", ".lo.xlsx"),
                ("xls", ".xls"),
                ("ods", ".ods"),
                (CSV_FILTER, ".csv"),
            ):
                dest = out / f"{name}{suffix}"
                shutil.move(soffice(xlsx, target, work), dest)
                made.append(dest)
    excel = out / EXCEL_CSV_NAME
    excel.write_bytes(excel_csv())
    made.append(excel)
    return made


# --- checking the files against the hand-written answers (expected.json) ---

Cells = dict[str, str]
"""A sheet's non-empty cells as {"A1": text}."""


def a1(row: int, col: int) -> str:
    """1-based row and column as an A1 reference (columns A to Z suffice here)."""
    return f"{chr(ord('A') + col - 1)}{row}"


def as_read(value: object) -> str:
    """A cell value as issue 18 reads it: numbers shortest, whole numbers bare, dates ISO."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def excel_digits(value: float) -> str:
    """An ID number stored as a double, as Excel shows it in a wide Number column."""
    return str(int(decimal.Decimal(format(value, ".15g"))))


def sheet_names(path: Path) -> list[str]:
    return list(python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names)


def calamine_sheet(path: Path, sheet: str) -> tuple[dict[str, object], list[str] | None]:
    """Raw non-empty values by A1 reference, and merged ranges (None: not told)."""
    ws = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet)
    raw: dict[str, object] = {}
    for r, row in enumerate(ws.to_python(skip_empty_area=False), start=1):
        raw.update({a1(r, c): v for c, v in enumerate(row, start=1) if v != ""})
    ranges = ws.merged_cell_ranges
    if ranges is None:
        return raw, None
    return raw, [f"{a1(r0 + 1, c0 + 1)}:{a1(r1 + 1, c1 + 1)}" for (r0, c0), (r1, c1) in ranges]


def csv_sheet(path: Path) -> dict[str, object]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return {a1(r, c): v for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1) if v}


def ods_merges(path: Path, sheet: str) -> list[str]:
    """Merged ranges of an .ods sheet, from content.xml's spanned attributes."""
    t = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("content.xml"))
    table = next(x for x in root.iter(t + "table") if x.get(t + "name") == sheet)
    merged: list[str] = []
    for r, row in enumerate(table.iter(t + "table-row"), start=1):
        c = 1
        for cell in row:
            cols = int(cell.get(t + "number-columns-spanned", "1"))
            rows = int(cell.get(t + "number-rows-spanned", "1"))
            if cols > 1 or rows > 1:
                merged.append(f"{a1(r, c)}:{a1(r + rows - 1, c + cols - 1)}")
            c += int(cell.get(t + "number-columns-repeated", "1"))
    return merged


def header_cells(answer: Any) -> Cells:
    """The title and header cells; with two header rows a grouped column's name is below."""
    want: Cells = {f"A{row}": answer["title"] for row in answer["title_rows"]}
    top, low = answer["header_rows"][0], answer["header_rows"][-1]
    grouped: set[str] = set()
    for span, name in answer.get("group_headers", {}).items():
        first, last = span.split(":")
        want[first] = name
        grouped.update(chr(c) for c in range(ord(first[0]), ord(last[0]) + 1))
    for col, name in answer["columns"].items():
        want[f"{col}{low if col in grouped else top}"] = name
    return want


def wanted_cells(answer: Any, cached: Any) -> Cells:
    """Every non-empty cell a reader must see, by the hand-written answer."""
    want = header_cells(answer) if "columns" in answer else {}
    letters = {name: col for col, name in answer.get("columns", {}).items()}
    skip = set(answer.get("merge_filled_cells", []))
    for row, record in answer.get("records", {}).items():
        for name, value in record.items():
            if value and letters[name] + row not in skip:
                want[letters[name] + row] = value
    for row, footer in answer.get("footer_cells", {}).items():
        want.update({col + row: value for col, value in footer.items()})
    want.update(answer.get("cells", {}))
    for cell, value in (cached or {}).items():
        if value is None:
            del want[cell]
    return want


def check_sheet(path: Path, sheet: str | None, answer: Any, cached: Any) -> list[str]:
    """Differences between what the readers see in one sheet and the answer."""
    raw, merged = (csv_sheet(path), []) if sheet is None else calamine_sheet(path, sheet)
    if path.suffix == ".csv":
        merged = []
    elif path.suffix == ".ods":
        assert merged is None, "python-calamine now tells the merges of an .ods"
        merged = ods_merges(path, sheet or "")
    elif path.suffix == ".xlsx":
        ws = openpyxl.load_workbook(path)[sheet or ""]
        assert sorted(merged or []) == sorted(str(r) for r in ws.merged_cells.ranges)
    numbers = {d["cell"]: d for d in answer.get("numeric_id_cells", [])}
    seen = {cell: as_read(v) for cell, v in raw.items() if cell not in numbers}
    want = {k: v for k, v in wanted_cells(answer, cached).items() if k not in numbers}
    keys = sorted(set(seen) | set(want))
    errors = [
        f"{k}: read {seen.get(k)!r}, want {want.get(k)!r}"
        for k in keys
        if seen.get(k) != want.get(k)
    ]
    for cell, d in numbers.items():
        value = raw.get(cell)
        digits = answer["records"][cell[1:]][d["column"]]
        if not isinstance(value, float) or value != d["value"] or excel_digits(value) != digits:
            shown = excel_digits(value) if isinstance(value, float) else value
            errors.append(f"{cell}: read {value!r} ({shown}), want {d['value']!r} ({digits})")
    errors += check_merge_filled(answer, merged or [], seen)
    errors += check_rows(answer, {int(cell[1:]) for cell in raw})
    if sorted(merged or []) != sorted(answer.get("merged", [])):
        errors.append(f"merged: read {merged}, want {answer.get('merged')}")
    return errors


def check_merge_filled(answer: Any, merged: list[str], seen: Cells) -> list[str]:
    """A cell filled from a merge holds the value of its range's first cell."""
    letters = {name: col for col, name in answer.get("columns", {}).items()}
    filled = {
        letters[k] + row: v for row, r in answer.get("records", {}).items() for k, v in r.items()
    }
    errors = []
    for cell in answer.get("merge_filled_cells", []):
        spans = [span for span in merged if covers(span, cell)]
        if len(spans) != 1 or seen.get(spans[0].split(":")[0]) != filled[cell]:
            errors.append(f"{cell}: not filled with {filled[cell]!r} by a merged range")
    return errors


def check_rows(answer: Any, rows_seen: set[int]) -> list[str]:
    """Title, header, record, footer and blank rows: footers as given, blank rows empty, no others."""
    footer = {int(r) for r in answer.get("footer_cells", {})}
    kinds = [answer.get(k, []) for k in ("title_rows", "header_rows", "footer_rows")]
    known = {r for rows in kinds for r in rows} | {int(r) for r in answer.get("records", {})}
    errors = []
    if footer != set(answer.get("footer_rows", [])):
        errors.append(f"footer rows {sorted(footer)} differ from {answer.get('footer_rows')}")
    if rows_seen & set(answer.get("blank_rows", [])):
        errors.append(f"blank rows {answer['blank_rows']} hold cells")
    if "columns" in answer and rows_seen - known:
        errors.append(
            f"rows {sorted(rows_seen - known)} are neither title, header, record nor footer"
        )
    return errors


def covers(span: str, cell: str) -> bool:
    first, last = span.split(":")
    return first[0] <= cell[0] <= last[0] and int(first[1:]) <= int(cell[1:]) <= int(last[1:])


def csv_bytes(data: bytes) -> tuple[str, str]:
    """A CSV's encoding and line ending, named as expected.json names them."""
    data.decode("utf-8")
    bom = (
        "utf-8 with byte-order mark"
        if data.startswith(b"\xef\xbb\xbf")
        else "utf-8, no byte-order mark"
    )
    return bom, "CRLF" if b"\r\n" in data else "LF"


def check(out: Path) -> int:
    """Compare every file with expected.json; print what differs; 0 when nothing does."""
    expected = json.loads((out / "expected.json").read_text(encoding="utf-8"))
    failures = 0
    for name, answer in expected["files"].items():
        path = out / name
        if path.suffix != ".csv" and sheet_names(path) != answer["sheet_names"]:
            print(f"{name}: sheet names {sheet_names(path)}")
            failures += 1
        if path.suffix == ".csv" and csv_bytes(path.read_bytes()) != (
            answer["encoding"],
            answer["line_ending"],
        ):
            print(f"{name}: encoding or line ending differs")
            failures += 1
        sheets = [(answer["sheet"], answer), *answer.get("other_sheets", {}).items()]
        for sheet, sheet_answer in sheets:
            errors = check_sheet(path, sheet, sheet_answer, answer.get("formula_cached_values"))
            failures += len(errors)
            print(f"{name} [{sheet}]: " + ("; ".join(errors) if errors else "as expected"))
    return 1 if failures else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--check"]:
        sys.exit(check(Path(args[1]) if len(args) > 1 else OUT))
    for path in build(Path(args[0]) if args else OUT):
        print(f"{path.stat().st_size:6d}  {path}")
