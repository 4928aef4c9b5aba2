"""Formulas that build a number from cells or by arithmetic: in a CSV, in an .xlsx without results.

The answers are LibreOffice's: it computes each formula when it opens the
file (tests/data/formulas/README.md, ``tools/make_formula_fixtures.py --shown``).
Before, ``=C2&D2`` in a CSV and ``=B2*10000+C2`` in an .xlsx without results
were read as their text or skipped: a file showing mobile numbers was clean.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from zfgk import mask_file, scan_file
from zfgk.tables import read_table
from zfgk.tables._formulas import BLANK, as_text, evaluate

DATA = Path(__file__).parent / "data" / "formulas"


def found(path: Path) -> list[tuple[str, str]]:
    return [(f.kind.value, str(f.location)) for f in scan_file(path).findings]


def test_csv_formulas_naming_cells_are_computed_as_libreoffice_shows_them() -> None:
    result = scan_file(DATA / "joined.csv")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", f"row {row}, column E") for row in range(2, 9)
    ]
    assert result.unread == ()  # E9 refers to itself (Err:522): builds no number
    table = read_table(DATA / "joined.csv")
    shown = [values[4] for _, values in table.lists()]
    assert shown == [
        "13812345678",
        "13912345678",
        "13712345678",
        "13612345678",
        "13512345678",
        "15012345678",
        "15812345678",  # 0158 is read as the number 158, as LibreOffice reads it
        "=E9",
    ]


def test_csv_formulas_of_amounts_are_computed_and_clean() -> None:
    result = scan_file(DATA / "amounts.csv")
    assert (result.findings, result.unread) == ((), ())
    rows = [values[4:] for _, values in read_table(DATA / "amounts.csv").lists()]
    assert rows == [["546", "1296"], ["750", "648"]]


def test_a_csv_formula_not_computed_that_may_build_a_number_is_unread(tmp_path: Path) -> None:
    # unknown.csv's D2 =IFERROR(C2&"5678","") is computed now: 13812345678, as LibreOffice
    # shows it (README.md); IFNA is not computed here
    result = scan_file(DATA / "unknown.csv")
    assert [str(f.location) for f in result.findings] == ["row 2, column D"]
    assert result.unread == ()
    path = tmp_path / "名单.csv"
    path.write_text('姓名,号段,电话\n张*,1381234,"=IFNA(B2&""5678"","""")"\n', encoding="utf-8")
    result = scan_file(path)
    assert result.findings == ()
    assert [str(gap.location) for gap in result.unread] == ["row 2, column C"]


def test_masking_a_csv_writes_what_the_formula_shows_masked(tmp_path: Path) -> None:
    out = tmp_path / "公示.csv"
    mask_file(DATA / "joined.csv", out)
    lines = out.read_text("utf-8").splitlines()
    assert lines[1] == "1,张三,1381234,5678,138****5678"
    assert lines[8] == "8,吴十,1,2,=E9"
    assert found(out) == []


def test_xlsx_arithmetic_without_results_is_computed() -> None:
    assert found(DATA / "arithmetic.xlsx") == [
        ("id_number", "名单!B8"),
        ("phone", "formula on 名单!D2"),
        ("phone", "formula on 名单!D3"),
        ("phone", "formula on 名单!D4"),
        ("phone", "formula on 名单!D5"),
        ("phone", "formula on 名单!D6"),
        ("id_number", "formula on 名单!D8"),  # 1.1010519491231E+17, as B8: digits lost
    ]
    findings = scan_file(DATA / "arithmetic.xlsx").findings
    assert [f.stored_as_number for f in findings if f.kind.value == "id_number"] == [True, True]


def _chain(path: Path, rows: int, backwards: bool) -> Path:
    """A CSV whose column B is a chain of formulas ending in ="1381234"&"5678"."""
    lines = ["序号,电话"]
    for row in range(2, rows + 2):
        end = row == (rows + 1 if backwards else 2)
        following = row + 1 if backwards else row - 1
        formula = '"=""1381234""&""5678"""' if end else f'=B{following}&""'
        lines.append(f"{row - 1},{formula}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_long_chain_of_csv_formulas_is_computed_or_unread_never_passed(tmp_path: Path) -> None:
    # LibreOffice shows 13812345678 in every cell of both; down the rows each formula
    # names one already computed; up them, the first ones pass the depth followed (16):
    # not computed, and named
    down = scan_file(_chain(tmp_path / "down.csv", 40, backwards=False))
    assert len(down.findings) == 40
    assert down.unread == ()
    up = scan_file(_chain(tmp_path / "up.csv", 40, backwards=True))
    assert len(up.findings) + len(up.unread) == 40
    assert up.unread
    assert str(up.unread[0].location) == "row 2, column B"


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        # each as LibreOffice shows it (B2 is 1381234, C2 5678; a CSV opened in it)
        ("=B2/7", "197319.142857143"),
        ("=ROUND(B2/7,2)", "197319.14"),
        ("=INT(B2/3)", "460411"),
        ("=-B2", "-1381234"),
        ('=0021&"5678"', "215678"),  # a number literal loses its zeros
        ("=B2*10000+C2", "13812345678"),
        ("=(B2+1)*2", "2762470"),
        ("=2+3*4-6/3", "12"),
        ('="138"*1&C2', "1385678"),
        ("=1/0", None),  # #DIV/0!
        ('="x"+1', None),  # #VALUE!
        ("=B2^2", "1907807362756"),  # a whole power: computed exactly
        ("=Z9+1", "1"),  # an empty cell is 0
        ("=TRUE+1", "2"),
        ("=SUM(B2,C2,1)", "1386913"),
    ],
)
def test_arithmetic_as_libreoffice_computes_it(formula: str, shown: str | None) -> None:
    cells: dict[tuple[str | None, int, int], Decimal] = {
        (None, 2, 2): Decimal(1381234),
        (None, 2, 3): Decimal(5678),
    }
    assert evaluate(formula, lambda reference: cells.get(reference, BLANK)) == shown


def test_numbers_join_as_excel_writes_them() -> None:
    # LibreOffice: =K2&"" over 138123400000000000 is 1.381234E+017 (Excel: 1.381234E+17)
    assert as_text(Decimal("138123400000000000")) == "1.381234E+17"
    assert as_text(Decimal("13812345678")) == "13812345678"
    assert evaluate('=138123400000000000&""') == "1.381234E+17"
    # exact: 18 digits are not rounded through a float before they are shown
    assert evaluate("=110105194912310021-110105194912310020") == "1"


def test_formats_that_write_digits_beside_a_date_or_a_text_are_read_as_shown() -> None:
    # LibreOffice shows 13812345678, 11010519491231002X, 13912345678 (README.md); the
    # date and the texts were read bare, and B3's 19491231002X taken for a mobile number
    assert found(DATA / "shown" / "formats.xlsx") == [
        ("phone", "名单!B2"),
        ("id_number", "名单!B3"),
        ("phone", "名单!B4"),
    ]
    shown = [values[1] for _, values in read_table(DATA / "shown" / "formats.xlsx").lists()]
    assert shown == [
        "13812345678",
        "11010519491231002X",
        "13912345678",
        "2026-03-01",  # no digits of the format's own: read as calamine reads it
        "备注",
        "20260301001",
    ]


def test_ods_formulas_without_results_are_computed_from_their_cells() -> None:
    # LibreOffice's .ods of arithmetic.xlsx, the stored results taken out: it shows the same
    assert found(DATA / "arithmetic.ods") == found(DATA / "arithmetic.xlsx")


def test_an_ods_formula_without_result_that_cannot_be_computed_is_unread(tmp_path: Path) -> None:
    # IFNA is not computed here; LibreOffice shows 13812345678 (B2 is 1381234, C2 5678)
    path = tmp_path / "名单.ods"
    with zipfile.ZipFile(DATA / "arithmetic.ods") as source, zipfile.ZipFile(path, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "content.xml":
                data = data.replace(b'"of:=[.B2]*10000+[.C2]"', b'"of:=IFNA([.B2]&amp;[.C2];0)"')
            out.writestr(info, data)
    result = scan_file(path)
    assert [str(gap.location) for gap in result.unread] == ["formula on 名单!D2"]


@pytest.mark.parametrize("name", ["formats.xls", "formats.ods"])
def test_xls_and_ods_formats_beside_a_date_or_a_text_are_read_as_shown(name: str) -> None:
    # LibreOffice's conversions of formats.xlsx: it shows what it shows for that (README.md);
    # python-calamine gives the date and the texts bare, so they are read beside the cells
    parts = [where for kind, where in found(DATA / "shown" / name) if "format" in where]
    assert parts == [
        "number format on 名单!B2",  # "1381234"yyyy
        "number format on 名单!B3",  # "110105"@
        "number format on 名单!B4",  # 0;-0;0;"1391234"@
    ]
    kinds = {where: kind for kind, where in found(DATA / "shown" / name)}
    assert kinds["number format on 名单!B3"] == "id_number"


def test_a_number_computed_shows_in_its_cells_format(tmp_path: Path) -> None:
    # openpyxl stores no results; LibreOffice shows C2 (A2*1 in 0"5678") and D2 (B2+0, the
    # serial of 5678-01-02, in "1381234"yyyy) as 13812345678 each
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["前", "数", "合", "日"])
    sheet.append([1381234, 1379890, "=A2*1", "=B2+0"])
    sheet["C2"].number_format = '0"5678"'
    sheet["D2"].number_format = '"1381234"yyyy'
    path = tmp_path / "名单.xlsx"
    book.save(path)
    assert found(path) == [("phone", "formula on 名单!C2"), ("phone", "formula on 名单!D2")]


def test_xls_formulas_stored_as_0_are_computed_from_their_sheet() -> None:
    # A Workbook stream as a program writing .xls lays it out (xlwt stores every formula's
    # result as 0; Excel computes them on opening), by hand from [MS-XLS]: D2 =B2*10000+C2
    # over 1381234 and 5678 shows 13812345678, D3 =SUM(B3:C3) over 6950000000 and
    # 6962345678 shows 13912345678, D4 =B4+C4 over 3 and 4 shows 7; D5 =IF(...) is not read
    import struct

    from zfgk.tables._xls_parts import _Reader

    def record(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    def bof(kind: int) -> bytes:
        return record(0x0809, struct.pack("<HH", 0x0600, kind) + bytes(12))

    def number(row: int, column: int, value: float) -> bytes:
        return record(0x0203, struct.pack("<HHHd", row, column, 15, value))

    def formula(row: int, column: int, tokens: bytes) -> bytes:
        head = struct.pack("<HHHdHIH", row, column, 15, 0.0, 0, 0, len(tokens))
        return record(0x0006, head + tokens)

    def ref(row: int, column: int) -> bytes:
        return b"\x24" + struct.pack("<HH", row, column | 0xC000)

    area = b"\x25" + struct.pack("<HHHH", 2, 2, 1, 2)
    sheet = (
        bof(0x0010)
        + number(1, 1, 1381234)
        + number(1, 2, 5678)
        + formula(
            1, 3, ref(1, 1) + b"\x1e" + struct.pack("<H", 10000) + b"\x05" + ref(1, 2) + b"\x03"
        )
        + number(2, 1, 6950000000)
        + number(2, 2, 6962345678)
        + formula(2, 3, area + b"\x19\x10\x00\x00")  # tAttrSum
        + number(3, 1, 3)
        + number(3, 2, 4)
        + formula(3, 3, ref(3, 1) + ref(3, 2) + b"\x03")
        + formula(4, 3, ref(1, 1) + b"\x19\x02\x00\x00" + ref(1, 2) + b"\x17\x04\x005678\x08")
        + record(0x000A, b"")
    )
    raw = "名单".encode("utf-16-le")
    name = record(0x0085, struct.pack("<IBBBB", 0, 0, 0, 2, 1) + raw)
    start = len(bof(0x0005)) + len(name) + len(record(0x000A, b""))
    name = record(0x0085, struct.pack("<IBBBB", start, 0, 0, 2, 1) + raw)
    stream = bof(0x0005) + name + record(0x000A, b"") + sheet
    parts = [(p.text, p.sheet, p.cell, p.unread) for p in _Reader(stream).parts()]
    computed = [p for p in parts if p[2] is not None and p[2].startswith("D")]
    assert sorted(computed, key=lambda p: str(p[2])) == [
        ("13812345678", "名单", "D2", False),
        ("13912345678", "名单", "D3", False),
        ("", "名单", "D5", True),  # IF: not computed, and it joins a text of digits
    ]


def test_csv_numbers_with_thousands_or_spaces_join_as_numbers(tmp_path: Path) -> None:
    # LibreOffice opening this CSV shows 13812345678 in C2, C3 and C4: it reads
    # "1,381,234" and " 1381234" as the number 1381234
    path = tmp_path / "名单.csv"
    path.write_text(
        'a,b,c\n"1,381,234",5678,=A2&B2\n 1381234,5678,=A3&B3\n1381234 ,5678,=A4*10000+B4\n',
        encoding="utf-8",
    )
    assert [values[2] for _, values in read_table(path).lists()] == ["13812345678"] * 3


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        # as LibreOffice computes each in a CSV (B2 is 1381234, B7 empty; it writes a truth
        # value as 1 or 0 there)
        ('=IF(B2="","",B2&"5678")', "13812345678"),
        ('=IF(B7="","",B7&"5678")', ""),
        ("=IF(B2>1,1,2)", "1"),
        ('=IF(B2<>0,"x")', "x"),
        ("=B7=0", "TRUE"),
        ('=B7=""', "TRUE"),
        ("=B7=FALSE", "TRUE"),
        ('=""=0', "FALSE"),  # a text is never a number
        ('=""<>0', "TRUE"),
        ('=""<1', "FALSE"),  # and is after every number
        ('=IF(""=0,"x","y")', "y"),
        ('=""=B7', "TRUE"),
        ("=B7", "0"),  # an empty cell named alone shows 0
        ("=2>=2", "TRUE"),
        ('=1<"a"', "TRUE"),  # a number sorts before a text
        ('=IF("x",1,2)', None),  # #VALUE!
        # Excel's rules where LibreOffice's differ: texts compared case aside (LibreOffice's
        # default compares case), IF without its third argument FALSE
        ('="a"="A"', "TRUE"),
        ("=IF(0,1)", "FALSE"),
    ],
)
def test_if_and_comparisons(formula: str, shown: str | None) -> None:
    cells: dict[tuple[str | None, int, int], Decimal] = {(None, 2, 2): Decimal(1381234)}
    assert evaluate(formula, lambda reference: cells.get(reference, BLANK)) == shown


def test_a_csv_of_many_formulas_it_cannot_compute_names_the_first_hundred(tmp_path: Path) -> None:
    # One line a cell made 110,000 lines for a list of 110,000 rows: the first 100 are
    # named, then one line says the rest from its row on.
    path = tmp_path / "名单.csv"
    rows = [f'张三{n},1381234,"=IFNA(B{n}&""5678"","""")"' for n in range(2, 152)]
    path.write_text("姓名,号段,电话\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = scan_file(path)
    assert result.verdict.value == "cannot-check"
    assert len(result.unread) == 101
    assert [str(g.location) for g in result.unread[:2]] == ["row 2, column C", "row 3, column C"]
    last = result.unread[-1]
    assert str(last.location) == "row 102, column C"
    assert "from row 102 on they are not named one by one" in last.describe("en")


def test_row_and_column_are_the_formulas_own_cell(tmp_path: Path) -> None:
    # A program numbers its rows with ROW(): HT202600002 … (9 digits: no number). It was
    # "cannot check" in a book without results; a number built from ROW() is found.
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["合同编号", "备注"])
    for _ in range(3):
        sheet.append(['="HT2026"&TEXT(ROW(),"00000")', "=COLUMN()*10"])
    path = tmp_path / "合同.xlsx"
    book.save(path)
    assert scan_file(path).verdict.value == "clean"
    sheet["C5"] = '="1381234"&TEXT(ROW()+5673,"0000")'  # row 5: 1381234 and 5678
    book.save(path)
    result = scan_file(path)
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "formula on Sheet!C5")
    ]
    csv = tmp_path / "名单.csv"
    csv.write_text('姓名,电话\n张三,"=""1381234""&(ROW()+5676)"\n', encoding="utf-8")
    assert [f.kind.value for f in scan_file(csv).findings] == ["phone"]


def test_a_text_of_spaces_or_a_formulas_empty_text_is_no_zero_to_iferror(tmp_path: Path) -> None:
    # Excel and LibreOffice: " "*1 and a formula's ""+0 are #VALUE!, so IFERROR gives its
    # second argument, B2&C2: LibreOffice shows 13812345678 in D2 (a reviewer's files,
    # 2026-12-07), and 13812345678 in D3 likewise.  Only an empty cell is 0.
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["甲", "前", "后", "号码"])
    sheet.append([" ", "1381234", "5678", "=IFERROR(A2*1,B2&C2)"])
    sheet.append(['=""', "1381234", "5678", "=IFERROR(A3+0,B3&C3)"])
    path = tmp_path / "名单.xlsx"
    book.save(path)
    result = scan_file(path)
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "formula on 名单!D2"),
        ("phone", "formula on 名单!D3"),
    ]
    assert result.unread == ()


def test_a_power_of_ten_in_an_xlsx_without_results_is_computed_or_unread() -> None:
    # LibreOffice shows D2 =B2*10^4+C2 13812345678, D3 =B3*POWER(10,4)+C3 13912345678 and
    # D4 =PRODUCT(B4,100,100)+C4 13712345678 (PRODUCT is not computed here: cannot check),
    # D5 120005. Before, D3 and D4 were clean: no literal of five digits, no join
    result = scan_file(DATA / "powers.xlsx")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "formula on 名单!D2"),
        ("phone", "formula on 名单!D3"),
    ]
    assert [str(gap.location) for gap in result.unread] == ["formula on 名单!D4"]
