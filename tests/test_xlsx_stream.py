"""The streaming .xlsx reader (zfgk.tables._xlsx) against python-calamine, a second reader.

Every workbook the tests hold (made by Excel-shaped writers, openpyxl, LibreOffice,
WPS, and by hand as other programs write XML) must read the same both ways: the
sheets, their states, first columns and merged ranges, and every row's texts and the
types and values they keep.  The date rules are held to calamine's own test cases and
to a sweep of serial numbers in every kind of date format, in both date systems.
"""

from __future__ import annotations

import datetime
import itertools
import random
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest

from zfgk._spill import Spill
from zfgk.errors import InputError
from zfgk.tables import stream_sheets
from zfgk.tables._parts import workbook_parts
from zfgk.tables._workbooks import _guarded, _merges, _open
from zfgk.tables._xlsx import (
    CellFormat,
    SharedStringsOnDisk,
    _Book,
    _split_rows,
    date_format,
    excel_date,
    xlsx_sheets,
)

pytest.importorskip("python_calamine")
openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
BOOKS = sorted(
    p
    for folder in (DATA, ROOT / "examples")
    for p in folder.rglob("*.xls[xm]")
    if not p.name.startswith("~$")
    # numbers whose formats add digits: read as the sheet shows them, not as calamine reads
    # them (test_workbook_shown.py holds them to what LibreOffice shows)
    and p.parent.name != "shown"
)

Row = tuple[int, list[tuple[str, str, object]]]


def _cells(values: Iterable[str]) -> list[tuple[str, str, object]]:
    """Each cell's text, the type of the value it keeps, and that value; trailing blanks cut."""
    cells = [
        (str(v), type(getattr(v, "value", v)).__name__, getattr(v, "value", v)) for v in values
    ]
    while cells and cells[-1][0] == "":
        cells.pop()
    return cells


def _rows(rows: Iterable[tuple[int, Sequence[str]]]) -> list[Row]:
    found = [(number, _cells(values)) for number, values in rows]
    while found and not found[-1][1]:
        found.pop()  # calamine's rows stop at the last value, this reader's too
    return found


def calamine_sheets(path: Path) -> Iterator[tuple[str, str, int, tuple[object, ...], list[Row]]]:
    """The sheets as python-calamine reads them (what zfgk read every .xlsx with before)."""
    calamine, workbook, ods = _open(path)
    states = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}
    try:
        for meta in workbook.sheets_metadata:
            if str(meta.typ).rsplit(".", 1)[-1] != "WorkSheet":
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            merges = _merges(path, sheet, ods)
            width = sheet.end[1] if sheet.end is not None else 0
            clipped = tuple((a, (r, min(c, width))) for a, (r, c) in merges)  # as rows spread them
            first = sheet.start[1] + 1 if sheet.start is not None else 1
            state = states[str(meta.visible).rsplit(".", 1)[-1]]
            rows = _rows(_guarded(path, calamine, sheet, merges))
            yield meta.name, state, first, clipped, rows
    finally:
        workbook.close()


def streamed_sheets(path: Path) -> list[tuple[str, str, int, tuple[object, ...], list[Row]]]:
    return [(s.name, s.state, s.first_column, s.merges, _rows(s.rows())) for s in xlsx_sheets(path)]


@pytest.mark.parametrize("path", BOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_workbook_reads_as_calamine_reads_it(path: Path) -> None:
    assert streamed_sheets(path) == list(calamine_sheets(path))


@pytest.mark.parametrize(
    "path",
    [p for p in BOOKS if p.parent.name == "xlsx_stream" or "officers" in p.parts],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_a_workbook_read_in_tiny_chunks_reads_the_same(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sheets and shared strings read 61 bytes at a time: every tag, item and character of
    UTF-8 is cut somewhere, and the rows, texts and parts read are those read whole."""
    whole = streamed_sheets(path)
    parts = [(p.text, p.part, p.sheet) for p in workbook_parts(path)]
    monkeypatch.setattr("zfgk.tables._xlsx._CHUNK", 61)
    assert streamed_sheets(path) == whole
    assert [(p.text, p.part, p.sheet) for p in workbook_parts(path)] == parts
    # And the shared strings past their first 40 characters kept on disk, three a piece, two
    # held (those of the chunks read before: written a chunk at a time).
    monkeypatch.setattr("zfgk.tables._xlsx.KEPT_CHARACTERS", 40)
    monkeypatch.setattr("zfgk.tables._xlsx._PIECE", 3)
    monkeypatch.setattr("zfgk.tables._xlsx._PIECES_HELD", 2)
    assert streamed_sheets(path) == whole


def test_the_books_cover_every_kind_of_cell() -> None:
    # The fixtures made for this reader are among the books compared above, and hold what
    # they were made to hold (tools/make_xlsx_stream_fixtures.py).
    made = {p.name for p in BOOKS if p.parent.name == "xlsx_stream"}
    assert {"kinds.xlsx", "kinds.lo.xlsx", "hand.xlsx"} <= made
    kinds = {
        kind
        for sheet in streamed_sheets(DATA / "xlsx_stream" / "kinds.xlsx")
        for _, cells in sheet[4]
        for _, kind, _ in cells
    }
    assert kinds == {"str", "float", "bool", "date", "datetime", "time", "timedelta"}
    hand = streamed_sheets(DATA / "xlsx_stream" / "hand.xlsx")
    assert hand[0][4][:2] == [
        (1, [("序号", "str", "序号"), ("姓名 ", "str", "姓名 "), ("日期", "str", "日期")]),
        (
            2,
            [
                ("1", "float", 1.0),
                ("张三 & 李四", "str", "张三 & 李四"),
                ("2027-03-16", "date", datetime.date(2027, 3, 16)),  # 45000 in the 1904 system
                ("ab <c>", "str", "ab <c>"),
            ],
        ),
    ]


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        # python-calamine's own cases (formats.rs, ported there from openpyxl's tests)
        ("DD/MM/YY", "date"),
        ("H:MM:SS;@", "date"),
        ("#,##0\\ [$\\u20bd-46D]", "number"),
        ('m"M"d"D";@', "date"),
        ("[h]:mm:ss", "duration"),
        ('"Y: "0.00"m";"Y: "-0.00"m";"Y: <num>m";@', "number"),
        ('"$"#,##0_);[Red]("$"#,##0)', "number"),
        ('[$-404]e"\\xfc"m"\\xfc"d"\\xfc"', "date"),
        ("0_ ;[Red]\\-0\\ ", "number"),
        ("\\Y000000", "number"),
        ('#,##0.0####" YMD"', "number"),
        ("[h]", "duration"),
        ("[ss]", "duration"),
        ("[s].000", "duration"),
        ("[m]", "duration"),
        ("[mm]", "duration"),
        ("[Blue]\\+[h]:mm;[Red]\\-[h]:mm;[Green][h]:mm", "duration"),
        ("[>=100][Magenta][s].00", "duration"),
        ("[h]:mm;[=0]\\-", "duration"),
        ("[>=100][Magenta].00", "number"),
        ("[>=100][Magenta]General", "number"),
        ("ha/p\\\\m", "date"),
        ('#,##0.00\\ _M"H"_);[Red]#,##0.00\\ _M"S"_)', "number"),
        ("#,##0*y", "number"),
        ('0"x"*d', "number"),
        ("*-#,##0", "number"),
        ("*-yyyy-mm-dd", "date"),
        # the formats of Chinese lists
        ('yyyy"年"m"月"d"日"', "date"),
        ("[DBNum1][$-804]m月d日", "date"),
        ("上午/下午h时mm分", "date"),
        ("0.00_);[Red]\\(0.00\\)", "number"),
        ("@", "number"),
    ],
)
def test_a_format_shows_what_calamine_says_it_shows(code: str, kind: str) -> None:
    assert date_format(code) is CellFormat(kind)


def _serials() -> list[float]:
    whole = [1, 2, 59, 60, 61, 62, 365, 36526, 45000, 46293, 2958465]
    parts = [0.0001, 0.25, 0.5, 0.54521990741, 0.999988, 0.9999999]
    return [*whole, *parts, *(w + p for w in whole for p in parts), 0.0, -1.0, 3e6]


def _sweep_book(path: Path, date1904: bool) -> None:
    """Every serial in a date, a date-and-time, a time and a duration format."""
    book = openpyxl.Workbook()
    sheet = book.active
    if date1904:
        book.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    for row, serial in enumerate(_serials(), start=1):
        for column, code in enumerate(("yyyy-mm-dd", "yyyy/m/d h:mm:ss", "h:mm", "[h]:mm"), 1):
            cell = sheet.cell(row, column, serial)
            cell.number_format = code
    book.save(path)


@pytest.mark.parametrize("date1904", [False, True])
def test_serial_numbers_read_as_calamine_reads_them(tmp_path: Path, date1904: bool) -> None:
    path = tmp_path / "serials.xlsx"
    _sweep_book(path, date1904)
    with zipfile.ZipFile(path) as book:
        assert (b'date1904="1"' in book.read("xl/workbook.xml")) is date1904
    assert streamed_sheets(path) == list(calamine_sheets(path))


def test_excel_dates_as_excel_shows_them() -> None:
    # Hand-checked against Excel: 1 is 1900-01-01, 59 is 1900-02-28, 61 is 1900-03-01
    # (Excel counts a 29 February 1900), 45000 is 2023-03-15.
    assert excel_date(1.0) == datetime.date(1900, 1, 1)
    assert excel_date(59.0) == datetime.date(1900, 2, 28)
    assert excel_date(61.0) == datetime.date(1900, 3, 1)
    assert excel_date(45000.0) == datetime.date(2023, 3, 15)
    assert excel_date(45000.75) == datetime.datetime(2023, 3, 15, 18)
    assert excel_date(0.0, date1904=True) == datetime.time(0)
    assert excel_date(1.0, date1904=True) == datetime.date(1904, 1, 2)


# ------------------------------------------------------------------ streaming


def test_rows_that_cross_the_chunks_read_as_calamine_reads_them(tmp_path: Path) -> None:
    # About 3 MB of sheet XML: rows and cells cut by the 1 MB chunks, numbers repeated past
    # the cache of 4,096, text with entities, merged cells down a column, a gap of rows.
    path = tmp_path / "big.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    sheet.append(["序号", "姓名", "面积", "备注 & 说明"])
    for i in range(1, 30001):
        sheet.append([i, f"张{i}<{i % 7}>", 40 + (i % 5000) / 100, "" if i % 3 else "是"])
    for _ in range(3):
        sheet.append([])
    sheet.append(["制表人：王五"])
    book.save(path)
    streamed = streamed_sheets(path)
    assert streamed == list(calamine_sheets(path))
    assert len(streamed[0][4]) == 30005


def test_shared_strings_kept_on_disk_read_as_calamine_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the characters kept in memory (made few here), a book's shared strings are read
    from disk a piece at a time, the pieces read last held: names in the order written, the
    same two types repeated from the first piece, and notes in the reverse order."""
    monkeypatch.setattr("zfgk.tables._xlsx._CHUNK", 997)  # read in chunks: 2,000 kept first
    monkeypatch.setattr("zfgk.tables._xlsx.KEPT_CHARACTERS", 2000)
    monkeypatch.setattr("zfgk.tables._xlsx._PIECE", 64)
    monkeypatch.setattr("zfgk.tables._xlsx._PIECES_HELD", 4)
    count = 3000
    texts = ["公租房", "廉租房 &amp; 其他"]
    texts += [f"张{i}" for i in range(count)] + [f"备注{i}" for i in range(count)]
    strings = "".join(f"<si><t>{t}</t></si>" for t in texts)
    rows = "".join(
        f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{2 + i}</v></c>'
        f'<c r="B{i + 1}" t="s"><v>{i % 2}</v></c>'
        f'<c r="C{i + 1}" t="s"><v>{2 + 2 * count - 1 - i}</v></c></row>'
        for i in range(count)
    )
    path = _book(tmp_path, f"<sheetData>{rows}</sheetData>", strings)
    with zipfile.ZipFile(path) as archive:
        on_disk = _Book(path, archive).strings
    assert isinstance(on_disk, SharedStringsOnDisk)
    assert len(on_disk) == len(texts)
    streamed = streamed_sheets(path)
    assert streamed == list(calamine_sheets(path))
    number, cells = streamed[0][4][-1]
    assert (number, [text for text, _, _ in cells]) == (3000, ["张2999", "廉租房 & 其他", "备注0"])
    with pytest.raises(IndexError):
        on_disk[len(on_disk)]
    with pytest.raises(IndexError):
        on_disk[-1]


def _read_all(path: Path) -> None:
    for found in stream_sheets(path):
        list(found.rows)


@pytest.mark.parametrize("on_disk", [False, True], ids=["strings in memory", "on disk"])
def test_what_cannot_be_read_is_said_as_a_damaged_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, on_disk: bool
) -> None:
    if on_disk:
        monkeypatch.setattr("zfgk.tables._xlsx.KEPT_CHARACTERS", 0)
        monkeypatch.setattr("zfgk.tables._xlsx._PIECE", 2)
    source = DATA / "xlsx_stream" / "hand.xlsx"
    with zipfile.ZipFile(source) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    cases = {
        "rows-out-of-order.xlsx": sheet.replace(b'<x:row r="9">', b'<x:row r="2">'),
        "missing-string.xlsx": sheet.replace(b"<x:v>3</x:v>", b"<x:v>99</x:v>"),
        # (a slice from the end would read the last string, or none)
        "negative-string.xlsx": sheet.replace(b"<x:v>3</x:v>", b"<x:v>-1</x:v>"),
        "negative-string-2.xlsx": sheet.replace(b"<x:v>3</x:v>", b"<x:v>-2</x:v>"),
        "not-a-number.xlsx": sheet.replace(b"<x:v>1.5</x:v>", b"<x:v>1,5</x:v>"),
    }
    for name, changed in cases.items():
        assert changed != sheet, name
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
            for part, data in parts.items():
                book.writestr(part, changed if part == "xl/worksheets/sheet1.xml" else data)
        with pytest.raises(InputError, match="damaged or truncated workbook"):
            _read_all(path)


# ------------------------------------------------------------------ odd XML (a review's cases)

_STRINGS_HEAD = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
_SHEET_HEAD = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'


def _book(tmp_path: Path, cells: str, strings: str = "", name: str = "odd.xlsx") -> Path:
    """hand.xlsx with its sheet's cells and its shared strings replaced."""
    source = DATA / "xlsx_stream" / "hand.xlsx"
    with zipfile.ZipFile(source) as book:
        parts = {n: book.read(n) for n in book.namelist()}
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'date1904="1"', b"")
    parts["xl/worksheets/sheet1.xml"] = f"{_SHEET_HEAD}{cells}</worksheet>".encode()
    parts["xl/sharedStrings.xml"] = f"{_STRINGS_HEAD}{strings}</sst>".encode()
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for part, data in parts.items():
            book.writestr(part, data)
    return path


@pytest.mark.parametrize(
    ("cells", "strings"),
    [
        # cells out of order, and a cell named twice (the last value kept, as calamine keeps it)
        (
            '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c>'
            '<c r="B1"><v>2</v></c><c r="D1"><v>4</v></c></row></sheetData>',
            "",
        ),
        (
            '<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c>'
            '<c r="B1"><v>9</v></c></row></sheetData>',
            "",
        ),
        # quoting and spacing of attributes
        (
            "<sheetData><row r='1'><c r='B1'><v>1</v></c></row><row r = '3'>"
            "<c r='B3'><v>3</v></c><c r='C3'><v>4</v></c></row></sheetData>"
            "<mergeCells><mergeCell ref='B3:C4'/></mergeCells>",
            "",
        ),
        # an inline string in a cell whose type says otherwise: text, as calamine reads it,
        # in a row in order and in a row with gaps
        (
            '<sheetData><row r="1"><c r="A1"><is><t>x</t></is></c><c r="B1" t="str">'
            '<is><t>y</t></is></c><c r="C1" t="s"><is><t>w</t></is></c></row>'
            '<row r="2"><c r="A2"><is><t>x2</t></is></c><c r="C2" t="n"><is><t>z</t></is></c>'
            '<c r="E2" t="b"><is><t>&amp;q</t></is></c></row></sheetData>',
            "",
        ),
        # a shared string item with attributes; a prefix with a hyphen
        (
            '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
            "</row></sheetData>",
            "<si ><t>张三</t></si><si><t>李四</t></si><si><t>王五</t></si>",
        ),
    ],
)
def test_odd_but_valid_xml_reads_as_calamine_reads_it(
    tmp_path: Path, cells: str, strings: str
) -> None:
    path = _book(tmp_path, cells, strings)
    assert streamed_sheets(path) == list(calamine_sheets(path))


def test_an_inline_string_cell_holding_a_value_is_read_by_its_value(tmp_path: Path) -> None:
    """``t="inlineStr"`` with ``<v>`` in place of ``<is>``: calamine reads it as blank; zfgk
    reads the value, in a row in order and in one with gaps, so that a number written so is
    checked and masked, not passed over."""
    path = _book(
        tmp_path,
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><v>110101199003077777</v></c>'
        '<c r="B1"><v>5</v></c></row><row r="2"><c r="B2" t="inlineStr"><v>13812345678</v>'
        "</c></row></sheetData>",
    )
    (sheet,) = xlsx_sheets(path)
    assert [(n, list(v)) for n, v in sheet.rows()] == [
        (1, ["110101199003077777", "5"]),
        (2, ["", "13812345678"]),
    ]


@pytest.mark.parametrize(
    ("cells", "strings"),
    [
        # what the reader's patterns would misread is refused, never read wrong
        ('<sheetData><row r="1"><c r="A1"><v>1</v ></c></row></sheetData>', ""),
        (
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[110101199001011234]]>'
            "</t></is></c></row></sheetData>",
            "",
        ),
        ('<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v>', ""),
        (
            '<sheetData><row r="1"><c r="A1"><v>1</v></c><row r="2"><c r="A2"><v>2</v></c></row>'
            "</sheetData>",
            "",
        ),
        (
            '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>',
            "<si><t><!-- x -->张三</t></si>",
        ),
    ],
)
def test_xml_the_reader_cannot_read_is_a_damaged_workbook(
    tmp_path: Path, cells: str, strings: str
) -> None:
    with pytest.raises(InputError, match="damaged or truncated workbook"):
        _read_all(_book(tmp_path, cells, strings))


_ROW_PIECES = (
    '<row r="1"><c r="A1"><v>1</v></c></row>',
    '<row r="2" spans="1:3" ht="20"><c r="A2" t="s"><v>0</v></c><c r="C2"><v>3</v></c></row>',
    '<row r="3"/>',
    "<row r='4' />",
    "<row><c><v>5</v></c></row>",
    '<row r="6"></row>',
    "\n  ",
    "<rowBreaks count='1'><brk id='5'/></rowBreaks>",
    '</row><row r="7"><c r="A7"><v>7</v></c></row>',
    '<row r="8"><c r="A8"><v>8</v></c><row r="9"><c r="A9"><v>9</v></c></row>',
    "<sheetData>",
    "</sheetData><mergeCells/>",
)


@pytest.mark.parametrize("prefix", ["", "x:"])
def test_rows_are_cut_as_the_row_pattern_finds_them(prefix: str) -> None:
    """The cut at each row's end tag gives what the regular expression it stands in for
    gives, on every order of plain and odd pieces (the expression is the second reader)."""
    p = prefix.replace(":", r"\:")
    rows = re.compile(
        "<" + p + r"row\b([^>]*?)(?:/>|>([^<]*(?:<(?!/" + p + r"row>)[^<]*)*)</" + p + "row>)"
    )
    pieces = [
        piece.replace("<row", f"<{prefix}row").replace("</row", f"</{prefix}row")
        for piece in _ROW_PIECES
    ]
    draw = random.Random(20261206)
    texts = ["".join(pair) for pair in itertools.product(pieces, repeat=2)]
    texts += ["".join(draw.choices(pieces, k=8)) for _ in range(300)]
    for text in texts:
        end = "</" + prefix + "row>"
        for cut in {text.rfind(end) + len(end) if end in text else 0, len(text)}:
            assert _split_rows(text, cut, prefix, rows) == rows.findall(text, 0, cut), text


@pytest.mark.parametrize("index", ["-1", "-2", "2"])
@pytest.mark.parametrize("on_disk", [False, True], ids=["strings in memory", "on disk"])
def test_a_shared_string_that_is_not_there_is_a_damaged_workbook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, index: str, on_disk: bool
) -> None:
    """A cell in order (the quick reader's) naming a string before the first or after the
    last: never the string a slice from the end would give."""
    if on_disk:
        monkeypatch.setattr("zfgk.tables._xlsx.KEPT_CHARACTERS", 0)
    cells = (
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
        f'<c r="B1" t="s"><v>{index}</v></c></row></sheetData>'
    )
    path = _book(tmp_path, cells, "<si><t>甲</t></si><si><t>乙</t></si>")
    with pytest.raises(InputError, match="damaged or truncated workbook"):
        _read_all(path)


def test_strings_written_a_column_at_a_time_are_each_read_from_disk_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A table whose shared strings were written column by column (as pandas writes a
    frame) reads each row from as many pieces as it has columns, and a column of one
    repeated text from the first piece: with as many held, the pieces in use stay held (the
    one used longest ago is let go), and each piece is read from disk once."""
    monkeypatch.setattr("zfgk.tables._xlsx.KEPT_CHARACTERS", 0)
    monkeypatch.setattr("zfgk.tables._xlsx._PIECE", 16)
    monkeypatch.setattr("zfgk.tables._xlsx._PIECES_HELD", 5)
    rows, columns = 192, 4  # (each piece of one column)
    strings = "".join(f"<si><t>{c}-{r}</t></si>" for c in range(columns) for r in range(rows))
    body = "".join(
        f'<row r="{r + 1}">'
        + "".join(
            f'<c r="{"ABCD"[c]}{r + 1}" t="s"><v>{c * rows + r}</v></c>' for c in range(columns)
        )
        + f'<c r="E{r + 1}" t="s"><v>0</v></c></row>'
        for r in range(rows)
    )
    path = _book(tmp_path, f"<sheetData>{body}</sheetData>", strings)
    loads: list[int] = []
    load = Spill._load

    def counted(self: Spill[tuple[str, bytes]], number: int) -> list[tuple[str, bytes]]:
        loads.append(number)
        return load(self, number)

    monkeypatch.setattr(Spill, "_load", counted)
    (sheet,) = streamed_sheets(path)
    assert [[text for text, _, _ in cells] for _, cells in sheet[4]] == [
        [*(f"{c}-{r}" for c in range(columns)), "0-0"] for r in range(rows)
    ]
    assert sorted(loads) == list(range(rows * columns // 16))
