"""Workbooks publish more than their cells: every part read, with its place, or said unread (issue 25).

The fixtures of tests/data/sheets/ were made by LibreOffice and openpyxl
(tools/make_workbook_fixtures.py); the answers are copied from
tests/data/sheets/README.md.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from zfgk.cli import main
from zfgk.errors import ZfgkError
from zfgk.files import mask_file, scan_file
from zfgk.tables import embedded_files
from zfgk.tables._formulas import evaluate, header_text, may_build_number
from zfgk.tables._xls_parts import _Reader
from zfgk.tables._xls_tokens import evaluate_tokens as _evaluate

pytest.importorskip("python_calamine")

DATA = Path(__file__).parent / "data" / "sheets"

#: Beside the cells, in every one of parts.xlsx, parts.xls and parts.ods.
PARTS = {
    ("phone", "comment on 名单!C7"),
    ("id_number", "header of sheet 名单"),
    ("phone", "footer of sheet 名单"),
    ("phone", "name 联系人电话"),
    ("id_number", "formula on 名单!B8"),
    ("phone", "properties"),
}


def found(name: str) -> set[tuple[str, str]]:
    result = scan_file(DATA / name)
    assert result.error is None
    return {(f.kind.value, str(f.location)) for f in result.findings}


def test_xlsx_parts_are_named_as_a_person_finds_them() -> None:
    assert found("parts.xlsx") == PARTS | {
        ("id_number", "名单!B8"),  # the stored result of the formula
        ("phone", "drawing on 名单!F3"),
        ("phone", "data validation on 名单!D2"),
    }


def test_xls_comments_headers_footers_and_text_boxes_are_read() -> None:
    assert found("parts.xls") == PARTS | {
        ("phone", "drawing of sheet 名单"),
        ("phone", "data validation on 名单!D2"),
    }


def test_ods_annotations_master_pages_and_frames_are_read() -> None:
    assert found("parts.ods") == PARTS | {
        ("id_number", "名单!B8"),
        ("phone", "drawing of sheet 名单"),
        ("phone", "data validation on 名单!D2"),
    }


def test_formulas_of_literals_are_computed_and_unknown_ones_unread() -> None:
    result = scan_file(DATA / "formulas.xlsx")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("id_number", "formula on 名单!A2"),
        ("phone", "formula on 名单!A5"),
        ("id_number", "formula on 名单!A3"),  # B3&"002X", computed from B3
    ]
    assert result.unread == ()
    assert result.verdict.value == "found"


def test_formulas_without_results_are_computed_from_the_cells_they_name() -> None:
    # The answers are LibreOffice's (README.md): it computes each formula on opening.
    result = scan_file(DATA / "references.xlsx")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("id_number", "formula on 名单!C2"),  # CONCATENATE(A2,B2)
        ("phone", "formula on 名单!D2"),  # TEXT(E2,"0")&F2 over numbers
        ("phone", "formula on 名单!A3"),  # 底稿!A2&底稿!B2, a hidden sheet
        ("phone", "formula on 名单!B4"),  # A4&"5678", A4 itself LEFT(底稿!C2,7)
        ("phone", "formula on 名单!C7"),  # IF(B7="","",B7&"5678")
    ]
    # C6 joins a masked number (clean); SUM, E9*1.05 and DATE()+20 build none
    assert result.unread == ()


def test_a_stored_result_is_not_trusted_when_the_book_asks_to_compute_on_opening() -> None:
    result = scan_file(DATA / "stale_result.xlsx")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("id_number", "formula on 名单!C2")
    ]
    # Without fullCalcOnLoad, but saved by Excel 2007's engine (calcId 124519): a newer
    # Excel computes every formula anew when it opens it ([MS-XLS] RecalcId, ECMA-376
    # calcPr), and shows the ID; saved by the newest engine (191029), the stored text shows
    stored = scan_file(DATA / "stored_result.xlsx")
    assert [(f.kind.value, str(f.location)) for f in stored.findings] == [
        ("id_number", "formula on 名单!C2")
    ]
    current = Path(__file__).parent / "data" / "formulas" / "current_engine.xlsx"
    assert scan_file(current).verdict.value == "clean"


def test_an_ods_formula_without_its_result_is_computed_from_its_cells() -> None:
    # B9 =B2&"0021" over the masked B2: LibreOffice shows 110105********002X0021 (README.md),
    # no number; it was unread while zfgk could not read the cells it names
    result = scan_file(DATA / "uncomputed.ods")
    assert result.unread == ()
    assert "formula on 名单!B9" not in {str(f.location) for f in result.findings}


def test_xls_hyperlinks_and_chart_texts_are_read() -> None:
    assert found("links.xls") == {
        ("phone", "hyperlink on 名单!B2"),  # tel:13812345678
        ("phone", "hyperlink on 名单!B3"),  # mailto:13912345678@139.com
        ("phone", "chart of sheet 名单"),  # its title
    }


def test_ods_links_and_what_is_anchored_to_a_cell_are_read() -> None:
    assert found("links.ods") == {
        ("phone", "hyperlink on 名单!B2"),
        ("phone", "hyperlink on 名单!B3"),
        ("phone", "Object 1/content.xml"),  # the chart, an object of its own
    }
    result = scan_file(DATA / "extras.ods")
    places = {(f.kind.value, str(f.location)) for f in result.findings}
    assert {
        ("phone", "名单!A3"),  # the text box's text, as python-calamine reads the cell
        ("phone", "hyperlink on 名单!B2"),
        ("phone", "drawing on 名单!A3"),  # the text box anchored to the cell
    } <= places
    # The picture of 13612345678 (900 x 300 pixels): OCR'd with the ocr extra, else unread.
    pictures = [f for f in result.findings if "Pictures/" in str(f.location)]
    unread = [g for g in result.unread if "Pictures/" in str(g.location)]
    assert len(pictures) + len(unread) == 1
    (name, data), *others = embedded_files(DATA / "extras.ods", media=True)
    assert name.startswith("Pictures/")
    assert data.startswith(b"\x89PNG")
    assert others == []


def test_orphan_shared_strings_and_embedded_workbooks_are_read() -> None:
    assert found("orphans_embedded.xlsx") == {
        ("id_number", "xl/sharedStrings.xml"),
        ("phone", "xl/embeddings/Microsoft_Excel_Worksheet.xlsx: 联系人!B2"),
    }


#: Fixtures that are clean (none now: stored_result.xlsx's formula is computed anew by Excel).
CLEAN: set[str] = set()


@pytest.mark.parametrize(
    "name", sorted(p.name for p in DATA.glob("*.*") if p.suffix != ".md" and p.name not in CLEAN)
)
def test_scan_never_passes_and_mask_refuses_naming_the_place(name: str, tmp_path: Path) -> None:
    assert main(["scan", str(DATA / name)]) != 0
    out = tmp_path / "公示.xlsx"
    with pytest.raises(ZfgkError) as refused:
        mask_file(DATA / name, out)
    message = str(refused.value)
    assert "nothing" in message
    assert "13812345678" not in message
    assert "11010519491231002X" not in message
    assert not out.exists()


# ------------------------------------------------------------------ the rules, by hand


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        ('="110105"&"19491231002X"', "11010519491231002X"),
        ('=CONCATENATE("138","1234","5678")', "13812345678"),
        ('of:=CONCATENATE("138";"1234";"5678")', "13812345678"),
        ('=TEXT(110105,"000000")&"19491231002X"', "11010519491231002X"),
        ('=_xlfn.CONCAT("1","2")', "12"),
        ('="say ""hi"""', 'say "hi"'),
        ("=A1&B1", None),
        ("=SUM(C2:C9)", None),
        ('=TEXT(1.5,"0.00")', "1.50"),  # as Excel shows it
    ],
)
def test_evaluate(formula: str, shown: str | None) -> None:
    assert evaluate(formula) == shown


@pytest.mark.parametrize(
    ("formula", "builds"),
    [
        ("=A2&B2", True),
        ('=LEFT(A2,6)&"19491231"', True),
        ("=MID(A2,1,6)", True),
        ("=A2*100000", True),
        ("=SUM(C2:C9)", False),
        ("=B3*1.05", False),
        ('=IF(A2="","否","是")', False),
    ],
)
def test_may_build_number(formula: str, builds: bool) -> None:
    assert may_build_number(formula) is builds


def test_xls_formula_tokens() -> None:
    # ="110105"&"19491231002X" as BIFF8 writes it: ptgStr, ptgStr, ptgConcat
    def string(text: str) -> bytes:
        return b"\x17" + bytes([len(text), 0]) + text.encode("latin-1")

    assert _evaluate(string("110105") + string("19491231002X") + b"\x08") == (
        "11010519491231002X",
        True,
    )
    # =A1&"0021": ptgRef A1, ptgStr, ptgConcat
    reference = b"\x24" + struct.pack("<HH", 0, 0xC000)
    assert _evaluate(reference + string("0021") + b"\x08") == (None, True)
    # =SUM(A1:A3): ptgArea, ptgFuncVar(4)
    area = b"\x25" + struct.pack("<HHHH", 0, 2, 0xC000, 0xC000)
    assert _evaluate(area + b"\x22\x01" + struct.pack("<H", 4)) == (None, False)


def test_header_codes_are_taken_out() -> None:
    assert header_text("&C联系 139&B1234&B5678") == "联系 13912345678"
    assert header_text("&L制表人&R第&P页 共&N页") == "制表人 第 页 共 页"
    assert header_text("A&&B") == "A&B"


def test_a_damaged_part_beside_the_cells_is_a_clear_error(tmp_path: Path) -> None:
    import zipfile

    damaged = tmp_path / "名单.ods"
    with zipfile.ZipFile(DATA / "parts.ods") as old, zipfile.ZipFile(damaged, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, data[: len(data) // 2] if info.filename == "styles.xml" else data)
    result = scan_file(damaged)
    assert result.verdict.value == "cannot-check"
    assert "damaged or truncated workbook" in str(result.error)


def test_xlsb_comments_headers_and_footers_are_read(tmp_path: Path) -> None:
    """An .xlsb written record by record as [MS-XLSB] lays them out (no software here writes
    .xlsb): a header and footer on sheet 名单, a comment on its C7."""
    import zipfile

    from .xlsb import _wide, record, write_xlsb

    path = write_xlsb(tmp_path / "名单.xlsb", [(0, 0, 1.0), (6, 2, 2.0)])
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    null = struct.pack("<I", 0xFFFFFFFF)
    header_footer = record(
        479,
        struct.pack("<H", 0)
        + _wide("&C制表人 11010519491231002X")
        + _wide("&R电话 13812345678")
        + null * 4,
    )
    sheet = members["xl/worksheets/sheet1.bin"]
    end = record(146) + record(130)  # BrtEndSheetData, BrtEndSheet: the header goes between
    assert sheet.endswith(end)
    members["xl/worksheets/sheet1.bin"] = (
        sheet[: -len(end)] + record(146) + header_footer + record(130)
    )
    members["xl/worksheets/_rels/sheet1.bin.rels"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        b'schemas.openxmlformats.org/officeDocument/2006/relationships/comments" '
        b'Target="../comments1.bin"/></Relationships>'
    )
    members["xl/comments1.bin"] = (
        record(628)
        + record(631, struct.pack("<IIII", 6, 6, 2, 2) + bytes(16))
        + record(632, b"\x00" + _wide("核实电话 13912345678"))
        + record(632 + 1)
        + record(629)
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    result = scan_file(path)
    assert result.error is None
    assert sorted((f.kind.value, str(f.location)) for f in result.findings) == [
        ("id_number", "header of sheet 名单"),
        ("phone", "comment on 名单!C7"),
        ("phone", "footer of sheet 名单"),
    ]


def test_xls_shared_strings_no_cell_shows_are_read() -> None:
    """BIFF8 records by hand: an SST of two strings, the second split by a CONTINUE record
    that switches to two-byte characters; one LABELSST shows the first only."""
    from zfgk.tables._xls_parts import _Reader

    def record(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    second = "王五 130801194803078184"
    sst = (
        struct.pack("<II", 2, 2)
        + struct.pack("<HB", 3, 0)
        + b"abc"
        + struct.pack("<HB", len(second), 1)
        + second[:4].encode("utf-16-le")
    )
    stream = (
        record(0x0809, struct.pack("<HH", 0x0600, 0x0005))  # the globals
        + record(0x00FC, sst)
        + record(0x003C, b"\x01" + second[4:].encode("utf-16-le"))
        + record(0x000A, b"")
        + record(0x0809, struct.pack("<HH", 0x0600, 0x0010))  # a worksheet
        + record(0x00FD, struct.pack("<HHHI", 0, 0, 15, 0))
        + record(0x000A, b"")
    )
    assert [(p.text, p.part) for p in _Reader(stream).parts()] == [(second, "shared strings (SST)")]


@pytest.mark.parametrize("name", ["sheet_named.xls", "sheet_named.ods"])
def test_a_sheet_named_after_a_person_is_found_in_xls_and_ods(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # LibreOffice's .xls and .ods of a book whose second tab is 张三11010519491231002X
    # (tests/data/sheets/README.md): the .xls was clean, the .ods found only by the
    # header's sheet-name field
    assert ("id_number", "name of sheet 张三…") in found(name)
    assert main(["mask", str(DATA / name), "-o", str(tmp_path / "out.xlsx")]) == 1
    err = capsys.readouterr().err
    assert "name of sheet 张三…" in err
    assert "11010519491231002X" not in err
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize(
    ("formula", "shown"),
    [
        ("=CONCATENATE(A2,B2)", "11010519491231002X"),
        ('=TEXT(E2,"0")', "13812345678"),
        ("=底稿!A2&'底稿'!$B$2", "13912345678"),
        ('=_xlfn.TEXTJOIN("",TRUE,A2:B2)', "11010519491231002X"),
        ("=_xlfn.CONCAT(A2:B2)", "11010519491231002X"),
        ('=LEFT(E2,3)&"****"&RIGHT(E2,4)', "138****5678"),
        ("=MID(A2,7,2)", "19"),
        ("=CONCATENATE(A2:B2)", None),  # a range outside CONCAT spills: not computed
        ("=A2&Z9", "11010519"),  # an empty cell joins as nothing
        ("=A2&G7", None),  # a cell whose value is not known (a formula without result)
        ("=[1]Sheet1!A2", None),  # another workbook
        ("=SUM(E2:E3)", "0"),  # E2 holds a text here: SUM skips it, as Excel does
    ],
)
def test_evaluate_with_cells(formula: str, shown: str | None) -> None:
    cells = {
        (None, 2, 1): "11010519",
        (None, 2, 2): "491231002X",
        (None, 2, 5): "13812345678",
        ("底稿", 2, 1): "1391234",
        ("底稿", 2, 2): "5678",
    }

    def resolve(reference: tuple[str | None, int, int]) -> str | None:
        if reference == (None, 7, 7):
            return None
        return cells.get(reference, "")

    assert evaluate(formula, resolve) == shown


def test_xls_macro_sheet_cells_and_records_after_a_chart_are_read() -> None:
    # A Workbook stream as BIFF8 lays it out (by hand, from [MS-XLS]): the globals name a
    # worksheet and an Excel 4 macro sheet; the worksheet holds a chart substream, then a
    # hyperlink; the macro sheet a LABEL, a NUMBER and an RK cell.
    def record(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body

    def bof(kind: int) -> bytes:
        return record(0x0809, struct.pack("<HH", 0x0600, kind) + bytes(12))

    def boundsheet(position: int, kind: int, name: str) -> bytes:
        raw = name.encode("utf-16-le")
        return record(0x0085, struct.pack("<IBBBB", position, 0, kind, len(name), 1) + raw)

    def label(row: int, column: int, text: str) -> bytes:
        head = struct.pack("<HHHHB", row, column, 15, len(text), 1)
        return record(0x0204, head + text.encode("utf-16-le"))

    link = "tel:13812345678".encode("utf-16-le") + b"\0\0"
    sheet = (
        bof(0x0010)
        + bof(0x0020)  # an embedded chart
        + record(0x100D, struct.pack("<HBB", 0, 7, 0) + b"ab12345")
        + record(0x000A, b"")
        + record(0x01B8, struct.pack("<HHHH", 1, 1, 1, 1) + bytes(24) + link)
        + record(0x000A, b"")
    )
    macro = (
        bof(0x0040)
        + label(0, 0, "联系人 13912345678")
        + record(0x0203, struct.pack("<HHHd", 1, 0, 15, 13712345678.0))
        + record(0x027E, struct.pack("<HHHI", 2, 0, 15, (12345678 << 2) | 0x02))
        + record(0x000A, b"")
    )
    names_size = len(boundsheet(0, 0, "名单")) + len(boundsheet(0, 1, "宏1"))
    start = len(bof(0x0005)) + names_size + len(record(0x000A, b""))
    stream = (
        bof(0x0005)
        + boundsheet(start, 0, "名单")
        + boundsheet(start + len(sheet), 1, "宏1")
        + record(0x000A, b"")
        + sheet
        + macro
    )
    parts = {(p.text, p.part, p.sheet, p.cell) for p in _Reader(stream).parts()}
    assert parts == {
        ("tel:13812345678", "hyperlink", "名单", "B2"),  # after the chart: still the sheet's
        ("ab12345", "chart", "名单", None),
        ("联系人 13912345678", "macro sheet", "宏1", "A1"),
        ("13712345678", "macro sheet", "宏1", "A2"),
        ("12345678", "macro sheet", "宏1", "A3"),  # an RK integer
    }


def test_a_shared_formula_without_results_is_computed_in_each_cell(tmp_path: Path) -> None:
    # Excel writes a formula filled down once, in its first cell (ECMA-376 18.3.1.40); the
    # others name it by its index. Without results (a program's writing), C3 shows A3&B3.
    import openpyxl

    path = tmp_path / "名单.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "名单"
    book.active.append(["前", "后", "合"])
    book.active.append(["110105", "********002X"])
    book.active.append(["1381234", "5678"])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    cells = members["xl/worksheets/sheet1.xml"].decode("utf-8")
    cells = cells.replace(
        '</row><row r="3">',
        '<c r="C2"><f t="shared" ref="C2:C3" si="0">A2&amp;B2</f></c></row><row r="3">',
    ).replace("</row></sheetData>", '<c r="C3"><f t="shared" si="0"/></c></row></sheetData>')
    assert cells.count("<f ") == 2
    members["xl/worksheets/sheet1.xml"] = cells.encode("utf-8")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    result = scan_file(path)
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "formula on 名单!C3")  # C2 shows 110105********002X: masked
    ]
    assert result.unread == ()


@pytest.mark.parametrize("name", ["number_formats.xls", "number_formats.ods"])
def test_xls_and_ods_numbers_whose_formats_add_digits_are_read(name: str) -> None:
    # LibreOffice shows them as in shown/number_formats.xlsx (README.md); calamine gives the
    # bare numbers, so they are read beside the cells and named by their format.
    assert found(name) == {
        ("id_number", "number format on 名单!B2"),  # "110105"000000000000
        ("phone", "number format on 名单!B3"),  # 0"5678"
        ("phone", "number format on 名单!B4"),  # "1391234"0
        ("phone", "number format on 名单!B5"),  # 0%
        ("phone", "number format on 名单!B6"),  # 0,
    }


def test_formulas_past_excels_limits_are_not_computed_and_not_a_crash() -> None:
    # a review's crafted formulas: nested past Python's recursion (the whole run stopped),
    # and one of thousands of references (it ran for minutes): unknown, so not read
    from zfgk.tables._formulas import evaluate, references

    deep = "=" + "(" * 3000 + '"13812345678"' + ")" * 3000
    assert evaluate(deep) is None
    wide = "=" + "&".join(f"A{row}" for row in range(1, 3000))
    assert references(wide) == []
    assert evaluate(wide, lambda reference: "1") is None


def test_text_rounds_a_fraction_as_excel_shows_it() -> None:
    # TEXT(x,"0") shows x rounded half away from zero (LibreOffice: 13812345678)
    from zfgk.tables._formulas import evaluate

    assert evaluate('=TEXT(1381234.5,"0")&"678"') == "1381235678"
    assert evaluate('=TEXT(13812345677.6,"#")') == "13812345678"
    assert evaluate('=TEXT(2.5,"0")') == "3"  # half away from zero, not to even
    assert evaluate('=TEXT("号","0")') == "号"


@pytest.mark.parametrize("code", ['"110105"General', '[>0]"110105"000000000000'])
def test_a_number_format_not_read_here_still_shows_its_literals(tmp_path: Path, code: str) -> None:
    # General and a condition are formats zfgk does not render: the number was read bare,
    # though LibreOffice shows 110105194912310021 (a review's finding)
    openpyxl = pytest.importorskip("openpyxl")
    from zfgk import scan_file

    book = openpyxl.Workbook()
    book.active["A1"] = "身份证号"
    book.active["A2"] = 194912310021
    book.active["A2"].number_format = code
    path = tmp_path / "名单.xlsx"
    book.save(path)
    assert [f.kind.value for f in scan_file(path).findings] == ["id_number"]


def test_text_of_dates_and_amounts_is_computed_not_cannot_check() -> None:
    # programs write TEXT(date,…) and TEXT(amount,…) into ordinary books: computed as
    # LibreOffice shows them (serial 45352 is 2024-03-01), they were "cannot check"
    from zfgk.tables._formulas import evaluate

    assert evaluate('=TEXT(45352,"yyyy-mm-dd")') == "2024-03-01"
    assert evaluate('=TEXT(45352,"yyyy年m月d日")') == "2024年3月1日"
    assert evaluate('=TEXT(45352,"yyyymmdd")&"0001"') == "202403010001"
    assert evaluate('=TEXT(1234.5,"#,##0.00")') == "1,234.50"
    assert evaluate('=TEXT(0.25,"0%")') == "25%"
    assert evaluate('="110105"&TEXT(194912310021,"000000000000")') == "110105194912310021"
