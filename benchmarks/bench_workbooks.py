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

The fast ones are the median of three runs, openpyxl one run.  The large
book (2,000,000 rows on two sheets: a sheet ends at row 1,048,576) is given
to the room alone, then to ``zfgk mask``, ``zfgk check --json`` and ``zfgk
check --report``, one run each: their peak memory must not grow with the
rows as the rows themselves do (the problem rows of a check are kept on
disk; the shared strings, one per row here, are held).  Printed, never
asserted.
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
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO
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


#: The most records a sheet holds here (Excel's sheets end at row 1,048,576).
SHEET_ROWS = 1_000_000


def sheet_names(rows: int) -> list[str]:
    """The sheets a list of ``rows`` records is split over: 退出名单, 退出名单2 …"""
    count = max(1, -(-rows // SHEET_ROWS))
    return ["退出名单"] + [f"退出名单{n}" for n in range(2, count + 1)]


def write_book(path: Path, rows: int) -> None:
    """The officer's list of ``rows`` records, part by part as Excel writes it.

    Over several sheets (退出名单, 退出名单2 …) of at most :data:`SHEET_ROWS`
    records each, every sheet with the title, the header and the footer.
    """
    strings: dict[str, int] = {}

    def s(text: str) -> int:
        found = strings.get(text)
        if found is None:
            found = strings[text] = len(strings)
        return found

    names = sheet_names(rows)
    override = (
        '<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    )
    types = _TYPES.replace(
        override.format(n=1), "".join(override.format(n=n) for n in range(1, len(names) + 1))
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr(
            "_rels/.rels",
            f'{_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        sheets = "".join(
            f'<sheet name="{name}" sheetId="{n}" r:id="rId{n + 2}"/>'
            for n, name in enumerate(names, 1)
        )
        titles = "".join(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{n}">{name}!$2:$2</definedName>'
            for n, name in enumerate(names)
        )
        z.writestr(
            "xl/workbook.xml",
            f'{_DECL}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews><workbookView activeTab="0"/>'
            f"</bookViews><sheets>{sheets}</sheets><definedNames>{titles}</definedNames></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'{_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            + "".join(
                f'<Relationship Id="rId{n + 2}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, len(names) + 1)
            )
            + "</Relationships>",
        )
        z.writestr("xl/styles.xml", _STYLES)
        for n in range(len(names)):
            first, last = n * SHEET_ROWS, min((n + 1) * SHEET_ROWS, rows)
            with z.open(f"xl/worksheets/sheet{n + 1}.xml", "w", force_zip64=True) as f:
                _write_sheet(f, range(first, last), s, selected=n == 0)
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(
                f'{_DECL}<sst xmlns="{_MAIN}" count="{rows * 6 + 12 * len(names)}" '
                f'uniqueCount="{len(strings)}">'.encode()
            )
            texts = list(strings)
            for k in range(0, len(texts), 10_000):
                f.write(
                    "".join(f"<si><t>{escape(t)}</t></si>" for t in texts[k : k + 10_000]).encode()
                )
            f.write(b"</sst>")


def _write_sheet(f: IO[bytes], records: range, s: Callable[[str], int], *, selected: bool) -> None:
    """One sheet: the title, the header, the records ``records`` (numbered from 0), the footer."""
    columns = "ABCDEFGHIJ"
    epoch = datetime.date(1899, 12, 30)
    end = len(records) + 3
    tab = ' tabSelected="1"' if selected else ""
    f.write(
        (
            f'{_DECL}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><dimension ref="A1:J{end}"/>'
            f'<sheetViews><sheetView{tab} workbookViewId="0"><pane ySplit="2" topLeftCell="A3" '
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
    for r, i in enumerate(records, start=3):
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
    batch.append(f'<row r="{end}"><c r="A{end}" t="s"><v>{s("制表人：张三")}</v></c></row>')
    f.write("".join(batch).encode())
    f.write(
        b'</sheetData><mergeCells count="1"><mergeCell ref="A1:J1"/></mergeCells>'
        b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        b'<pageSetup paperSize="9" orientation="landscape"/></worksheet>'
    )


# The child reports its own peak memory from /proc (VmHWM is reset by exec).
PEAK = (
    "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')][0]; "
    "print(hwm.split()[1], file=sys.stderr)"
)
ZFGK = (
    "import sys; from zfgk.cli import main; code = main(sys.argv[1:]); " + PEAK + "; sys.exit(code)"
)
OPENPYXL = (
    "import sys, openpyxl\n"
    "book = openpyxl.load_workbook(sys.argv[1])\n"
    "book.save(sys.argv[2])\n" + PEAK + "\n"
)


def room(kind: str, source: Path, output: Path, rows: int) -> None:
    """The room alone (a child process): every ID cell masked, or marked with the summary.

    The cells come as generators in row order, one a sheet, as a caller that
    has read the list gives them; the time spent making them (the caller's
    part: the ID numbers' masked forms) is measured apart and printed with
    the process's peak memory.
    """
    from zfgk.workbooks import Mark, Severity, SheetEdits, Summary, edit_workbook

    spent = [0.0]
    mark = Mark(Severity.ERROR, "身份证号是完整的身份证号；第 22 项要求隐藏部分号码")

    def cells(first: int, last: int) -> Iterator[tuple[int, int, object]]:
        for r, i in enumerate(range(first, last), start=3):
            start = time.perf_counter()
            value = masked(i) if kind == "mask" else mark
            spent[0] += time.perf_counter() - start
            yield r, 3, value

    edits = {}
    for n, sheet in enumerate(sheet_names(rows)):
        found = cells(n * SHEET_ROWS, min((n + 1) * SHEET_ROWS, rows))
        merges = [(1, 1, 1, 10)]
        edits[sheet] = (
            SheetEdits(replace=found, merges=merges)  # type: ignore[arg-type]
            if kind == "mask"
            else SheetEdits(mark=found, merges=merges)  # type: ignore[arg-type]
        )
    summary = Summary("说明", [f"检查记录 {rows} 条"]) if kind == "report" else None
    start = time.perf_counter()
    done = edit_workbook(source, output, edits, summary=summary, comments_at_end=True)
    elapsed = time.perf_counter() - start
    assert (done.changed if kind == "mask" else done.marked) == rows
    with open("/proc/self/status", encoding="ascii") as status:
        hwm = next(line for line in status if line.startswith("VmHWM"))
    print(f"{elapsed - spent[0]:.3f} {hwm.split()[1]}", file=sys.stderr)


def run(argv: list[str], *, ok: tuple[int, ...] = (0, 1)) -> tuple[float, float]:
    """Seconds and peak megabytes of one whole process (the room's own time, for the room)."""
    start = time.perf_counter()
    result = subprocess.run(
        argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False
    )
    elapsed = time.perf_counter() - start
    if result.returncode not in ok or "Traceback" in result.stderr:
        raise SystemExit(f"{argv[2:6]} failed:\n{result.stderr}")
    last = result.stderr.split()
    if argv[1:3] == [__file__, "--room"]:
        return float(last[-2]), int(last[-1]) / 1024
    return elapsed, int(last[-1]) / 1024


def measure(argv: list[str], times: int) -> tuple[float, float]:
    """Median seconds and the highest peak of ``times`` runs."""
    runs = [run(argv) for _ in range(times)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def compare(rows: int, folder: Path, *, openpyxl: bool) -> None:
    book = folder / f"book-{rows}.xlsx"
    subprocess.run([sys.executable, __file__, "--write", str(rows), str(book)], check=True)
    size = book.stat().st_size / 1e6
    print(f"{rows:,} rows, {size:.1f} MB (.xlsx), on {datetime.date.today()}:")
    out = str(folder / "out.xlsx")
    python = sys.executable
    report = ["--item", "22", "--report", out]
    room = [python, __file__, "--room"]
    commands = {
        "zfgk check --json": [python, "-c", ZFGK, "check", str(book), "--item", "22", "--json"],
        "zfgk mask": [python, "-c", ZFGK, "mask", str(book), "-o", out, "--item", "22"],
        "zfgk check --report": [python, "-c", ZFGK, "check", str(book), *report],
        "room: mask every ID": [*room, "mask", str(book), out, str(rows)],
        "room: mark every ID, summary": [*room, "report", str(book), out, str(rows)],
    }
    run(commands["zfgk check --json"])  # warm the file cache
    found = {label: measure(argv, 3) for label, argv in commands.items()}
    if openpyxl:
        found["openpyxl load + save"] = run([python, "-c", OPENPYXL, str(book), out])
    check = found["zfgk check --json"][0]
    for label, (seconds, peak) in found.items():
        print(f"  {label:32} {seconds:7.2f} s  {seconds / check:5.2f}x check  {peak:7.0f} MB peak")


def large(rows: int, folder: Path) -> None:
    """The room alone, then mask, check and the report, on a book ten times as large."""
    book = folder / f"book-{rows}.xlsx"
    subprocess.run([sys.executable, __file__, "--write", str(rows), str(book)], check=True)
    sheets = len(sheet_names(rows))
    size = book.stat().st_size / 1e6
    print(f"{rows:,} rows on {sheets} sheets, {size:.1f} MB (.xlsx), one run each:")
    out = str(folder / "out.xlsx")
    python = sys.executable
    commands = {
        "room: mask every ID": [python, __file__, "--room", "mask", str(book), out, str(rows)],
        "room: mark every ID, summary": [
            *[python, __file__, "--room", "report"],
            *[str(book), out, str(rows)],
        ],
        "zfgk mask": [python, "-c", ZFGK, "mask", str(book), "-o", out, "--item", "22"],
        "zfgk check --json": [python, "-c", ZFGK, "check", str(book), "--item", "22", "--json"],
        "zfgk check --report": [
            *[python, "-c", ZFGK, "check", str(book), "--item", "22", "--report", out]
        ],
    }
    for label, argv in commands.items():
        seconds, peak = run(argv)
        print(f"  {label:32} {seconds:7.2f} s  {peak:7.0f} MB peak")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--no-large", action="store_true", help="skip the 2,000,000-row book")
    parser.add_argument("--no-openpyxl", action="store_true", help="skip openpyxl load + save")
    parser.add_argument("--write", nargs=2, metavar=("ROWS", "PATH"), help="only make a book")
    parser.add_argument(
        "--room", nargs=4, metavar=("KIND", "BOOK", "OUT", "ROWS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.write:
        write_book(Path(args.write[1]), int(args.write[0]))
        return 0
    if args.room:
        kind, book, out, rows = args.room
        room(kind, Path(book), Path(out), int(rows))
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
