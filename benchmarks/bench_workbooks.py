"""Masking and marking a 200,000-row .xlsx: zfgk.workbooks against openpyxl load + save (issue 28).

    pip install '.[xlsx]'
    python benchmarks/bench_workbooks.py                 # 200,000 rows, then 2,000,000 (the room)
    python benchmarks/bench_workbooks.py --rows 50000 --no-large
    python benchmarks/bench_workbooks.py --write 200000 BOOK.xlsx   # only make the book

The book is an officer's list of item 22 (自愿退出) as Excel writes one: a
merged title, a header on grey, ten columns with a style on every cell,
names, ID numbers and project names in a shared strings table, areas and
dates as numbers, a footer; the ID numbers all different and well formed
(written by this script, never committed).  Each measurement is a whole
process (its peak memory is its own, read from /proc), run in turn:

- ``zfgk check --item 22 --json``: the reading every task starts from;
- ``zfgk mask --item 22 -o OUT`` and ``zfgk check --item 22 --report OUT``:
  the commands as they are on this branch (their reading, then the room);
- the room alone: :func:`zfgk.workbooks.edit_workbook` given the masked IDs
  (or a mark on every ID cell, with the summary sheet) as a stream in row
  order, as a caller that has read the sheet once gives them: the cost of
  writing the result;
- openpyxl ``load_workbook`` + ``save``: what ``mask`` and ``--report``
  did before (issue 28: 83 s and 1.5 GB).

The fast ones are the median of three runs, openpyxl one run.  With the
large book (2,000,000 rows, over the cells ``check`` reads) only the room
runs: its peak memory must not grow with the rows.  Printed, never asserted.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

TITLE = "2026年第二批公共租赁住房自愿退出名单"
HEADER = [
    "序号",
    "原保障对象姓名",
    "身份证号",
    "原租购项目名称",
    "地址",
    "类型",
    "套型",
    "面积",
    "原享受补贴面积标准",
    "退出日期",
]
PROJECTS = ["民心佳园", "康居苑", "惠民家园"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "春梅建国秀英志强丽娟海燕国华明玉德胜文杰红霞晓东俊峰婷婷桂兰玉兰凤英秀兰淑珍永刚小军伟平"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"


def id_number(i: int) -> str:
    """The i-th record's ID number: distinct, its check digit right (GB 11643)."""
    born = datetime.date(1940, 1, 1) + datetime.timedelta(days=(i // 1000) * 7 + i % 7)
    body = f"5001{(i % 90) + 10:02d}{born:%Y%m%d}{i % 1000:03d}"
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


def masked(i: int) -> str:
    full = id_number(i)
    return full[:6] + "********" + full[-4:]


def name(i: int) -> str:
    return SURNAMES[i % 100] + GIVEN[(i // 100) % len(GIVEN)] + GIVEN[(i // 5000) % len(GIVEN)]


_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = (
    f'{_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_STYLES = (
    f'{_DECL}<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>'
    '<font><b/><sz val="16"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill></fills>'
    '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
    '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right>'
    '<top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>'
    '<xf numFmtId="0" fontId="0" fillId="2" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>'
    '<xf numFmtId="2" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


def write_book(path: Path, rows: int) -> None:
    """The officer's list of ``rows`` records, part by part as Excel writes it."""
    strings: dict[str, int] = {}

    def s(text: str) -> int:
        found = strings.get(text)
        if found is None:
            found = strings[text] = len(strings)
        return found

    columns = "ABCDEFGHIJ"
    epoch = datetime.date(1899, 12, 30)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr(
            "_rels/.rels",
            f'{_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'{_DECL}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView activeTab="0"/></bookViews>'
            '<sheets><sheet name="退出名单" sheetId="1" r:id="rId1"/></sheets><definedNames>'
            '<definedName name="_xlnm.Print_Titles" localSheetId="0">退出名单!$2:$2</definedName>'
            "</definedNames></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        z.writestr("xl/styles.xml", _STYLES)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(
                (
                    f'{_DECL}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="A1:J{rows + 3}"/>'
                    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="2" topLeftCell="A3" '
                    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="14.25"/>'
                    '<cols><col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2" width="12" customWidth="1"/>'
                    '<col min="3" max="3" width="21" customWidth="1"/><col min="4" max="5" width="14" customWidth="1"/>'
                    '<col min="6" max="9" width="10" customWidth="1"/><col min="10" max="10" width="12" customWidth="1"/></cols>'
                    f'<sheetData><row r="1" ht="30" customHeight="1"><c r="A1" s="1" t="s"><v>{s(TITLE)}</v></c></row>'
                    '<row r="2">'
                    + "".join(
                        f'<c r="{c}2" s="2" t="s"><v>{s(h)}</v></c>'
                        for c, h in zip(columns, HEADER, strict=True)
                    )
                    + "</row>"
                ).encode()
            )
            batch = []
            for i in range(rows):
                r = i + 3
                project = PROJECTS[i % 3]
                day = (datetime.date(2026, 1, 1) + datetime.timedelta(days=i % 300) - epoch).days
                batch.append(
                    f'<row r="{r}"><c r="A{r}" s="3"><v>{i + 1}</v></c><c r="B{r}" s="3" t="s"><v>{s(name(i))}</v></c>'
                    f'<c r="C{r}" s="3" t="s"><v>{s(id_number(i))}</v></c><c r="D{r}" s="3" t="s"><v>{s(project)}</v></c>'
                    f'<c r="E{r}" s="3" t="s"><v>{s(project + "1号")}</v></c><c r="F{r}" s="3" t="s"><v>{s("公共租赁住房")}</v></c>'
                    f'<c r="G{r}" s="3" t="s"><v>{s("一室一厅")}</v></c><c r="H{r}" s="4"><v>{45 + i % 20}.5</v></c>'
                    f'<c r="I{r}" s="4"><v>50</v></c><c r="J{r}" s="5"><v>{day}</v></c></row>'
                )
                if len(batch) >= 5000:
                    f.write("".join(batch).encode())
                    batch.clear()
            r = rows + 3
            batch.append(f'<row r="{r}"><c r="A{r}" t="s"><v>{s("制表人：张三")}</v></c></row>')
            f.write("".join(batch).encode())
            f.write(
                b'</sheetData><mergeCells count="1"><mergeCell ref="A1:J1"/></mergeCells>'
                b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
                b'<pageSetup paperSize="9" orientation="landscape"/></worksheet>'
            )
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(
                f'{_DECL}<sst xmlns="{_MAIN}" count="{rows * 6 + 12}" uniqueCount="{len(strings)}">'.encode()
            )
            texts = list(strings)
            for k in range(0, len(texts), 10_000):
                f.write(
                    "".join(f"<si><t>{escape(t)}</t></si>" for t in texts[k : k + 10_000]).encode()
                )
            f.write(b"</sst>")


# The child reports its own peak memory from /proc (VmHWM is reset by exec).
PEAK = (
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]; "
    "print(hwm.split()[1], file=sys.stderr)"
)
ZFGK = (
    "import sys; from zfgk.cli import main; code = main(sys.argv[1:]); " + PEAK + "; sys.exit(code)"
)
ROOM_MASK = (
    "import sys\n"
    "from pathlib import Path\n"
    "sys.path.insert(0, sys.argv[4])\n"
    "from bench_workbooks import masked\n"
    "from zfgk.workbooks import SheetEdits, edit_workbook\n"
    "rows = int(sys.argv[3])\n"
    "cells = ((i + 3, 3, masked(i)) for i in range(rows))\n"
    "done = edit_workbook(Path(sys.argv[1]), Path(sys.argv[2]),\n"
    "    {'退出名单': SheetEdits(replace=cells, merges=[(1, 1, 1, 10)])})\n"
    "assert done.changed == rows\n" + PEAK + "\n"
)
ROOM_REPORT = (
    "import sys\n"
    "from pathlib import Path\n"
    "from zfgk.workbooks import Mark, Severity, SheetEdits, Summary, edit_workbook\n"
    "rows = int(sys.argv[3])\n"
    "mark = Mark(Severity.ERROR, '身份证号是完整的身份证号；第 22 项要求隐藏部分号码')\n"
    "cells = ((i + 3, 3, mark) for i in range(rows))\n"
    "done = edit_workbook(Path(sys.argv[1]), Path(sys.argv[2]),\n"
    "    {'退出名单': SheetEdits(mark=cells, merges=[(1, 1, 1, 10)])},\n"
    "    summary=Summary('说明', [f'检查记录 {rows} 条：错误 {rows} 个']), comments_at_end=True)\n"
    "assert done.marked == rows\n" + PEAK + "\n"
)
OPENPYXL = (
    "import sys, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1])\n"
    "book.save(sys.argv[2])\n" + PEAK + "\n"
)


def run(argv: list[str]) -> tuple[float, float]:
    """Seconds and peak megabytes of one whole process."""
    start = time.perf_counter()
    result = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{argv[2:5]} failed:\n{result.stderr}")
    return elapsed, int(result.stderr.split()[-1]) / 1024


def measure(argv: list[str], times: int) -> tuple[float, float]:
    """Median seconds and the highest peak of ``times`` runs."""
    runs = [run(argv) for _ in range(times)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def compare(rows: int, folder: Path, *, openpyxl: bool) -> None:
    book = folder / f"book-{rows}.xlsx"
    subprocess.run([sys.executable, __file__, "--write", str(rows), str(book)], check=True)
    size = book.stat().st_size / 1e6
    print(f"{rows:,} rows, {size:.1f} MB (.xlsx), on {datetime.date.today()}:")
    here = str(Path(__file__).resolve().parent)
    out = str(folder / "out.xlsx")
    python = sys.executable
    report = ["--item", "22", "--report", out]
    commands = {
        "zfgk check --json": [python, "-c", ZFGK, "check", str(book), "--item", "22", "--json"],
        "zfgk mask": [python, "-c", ZFGK, "mask", str(book), "-o", out, "--item", "22"],
        "zfgk check --report": [python, "-c", ZFGK, "check", str(book), *report],
        "room: mask every ID": [python, "-c", ROOM_MASK, str(book), out, str(rows), here],
        "room: mark every ID, summary": [python, "-c", ROOM_REPORT, str(book), out, str(rows)],
    }
    run(commands["zfgk check --json"])  # warm the file cache
    found = {label: measure(argv, 3) for label, argv in commands.items()}
    if openpyxl:
        found["openpyxl load + save"] = run([python, "-c", OPENPYXL, str(book), out])
    check = found["zfgk check --json"][0]
    for label, (seconds, peak) in found.items():
        print(f"  {label:32} {seconds:7.2f} s  {seconds / check:5.2f}x check  {peak:7.0f} MB peak")


def large(rows: int, folder: Path) -> None:
    """The room alone on a book too large for check (its cells over what check reads)."""
    book = folder / f"book-{rows}.xlsx"
    subprocess.run([sys.executable, __file__, "--write", str(rows), str(book)], check=True)
    print(f"{rows:,} rows, {book.stat().st_size / 1e6:.1f} MB (.xlsx), the room alone:")
    out = str(folder / "out.xlsx")
    here = str(Path(__file__).resolve().parent)
    for label, code, extra in (
        ("room: mask every ID", ROOM_MASK, [here]),
        ("room: mark every ID, summary", ROOM_REPORT, []),
    ):
        seconds, peak = run([sys.executable, "-c", code, str(book), out, str(rows), *extra])
        print(f"  {label:32} {seconds:7.2f} s  {peak:7.0f} MB peak")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--no-large", action="store_true", help="skip the 2,000,000-row book")
    parser.add_argument("--no-openpyxl", action="store_true", help="skip openpyxl load + save")
    parser.add_argument("--write", nargs=2, metavar=("ROWS", "PATH"), help="only make a book")
    args = parser.parse_args(argv)
    if args.write:
        write_book(Path(args.write[1]), int(args.write[0]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        compare(args.rows, folder, openpyxl=not args.no_openpyxl)
        if not args.no_large:
            (folder / f"book-{args.rows}.xlsx").unlink()
            large(args.rows * 10, folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
