"""Issue 28, result 3: after an edit, every part but those it must change is the source's, byte for byte.

The workbooks of tests/data/workbooks hold what openpyxl drops or rewrites
(tools/make_fidelity_fixtures.py): a seal, a chart, x14 data validation and
data bars, print titles and area, defined names, a shared formula and its
calculation chain, an officer's comment, printer settings, custom
properties; LibreOffice's copy of that list; a WPS list with a picture in a
cell.  Their cells are the design in the script (``DESIGN`` below copies
it): the answers are read from there, the masked forms written by hand.
Each written file is compared with its source part by part, as the zip
stores them (compressed bytes, CRC, order), and read back by openpyxl and
python-calamine, readers of their own.  (The pictures LibreOffice renders of
them were compared by eye: ``tools/render_workbook.py``.)
"""

from __future__ import annotations

import re
import struct
import warnings
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from zfgk.errors import PrivacyError
from zfgk.workbooks import CellMark, Severity, SheetEdits, edit_workbook, mark_problems, mask_cells

BOOKS = Path(__file__).parent / "data" / "workbooks"
NAMES = ["excel.xlsx", "libreoffice.xlsx", "wps.xlsx"]
#: The ID numbers in C3:C7 and their masked forms (the 8 birth-date digits hidden), by hand.
IDS = {
    3: ("44162219470406403X", "441622********403X"),
    4: ("510903196510119454", "510903********9454"),
    5: ("510681199306013237", "510681********3237"),
    6: ("32111219991127254X", "321112********254X"),
    7: ("110107197010110586", "110107********0586"),
}
MASKS = {("退出名单", row, 3): masked for row, (_, masked) in IDS.items()}
SHEET, STRINGS = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"


def stored(path: Path) -> dict[str, tuple[int, int, bytes]]:
    """Each part as the zip stores it: (CRC, size, compressed bytes), in the zip's order."""
    parts = {}
    with zipfile.ZipFile(path) as archive, path.open("rb") as f:
        for info in archive.infolist():
            f.seek(info.header_offset)
            header = f.read(30)
            name_length, extra_length = struct.unpack_from("<HH", header, 26)
            f.seek(info.header_offset + 30 + name_length + extra_length)
            parts[info.filename] = (info.CRC, info.file_size, f.read(info.compress_size))
    return parts


def cells(path: Path, sheet: str = "退出名单") -> list[list[object]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        rows: list[list[object]] = [list(row) for row in book.get_sheet_by_name(sheet).to_python()]
        return rows
    finally:
        book.close()


def styles_of(path: Path) -> dict[str, str]:
    """Each cell's style index in 退出名单 (its ``s``), read from the part itself."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(SHEET).decode("utf-8")
    found = {}
    for m in re.finditer(r'<c r="([A-Z]+[0-9]+)"[^>]*>', xml):
        style = re.search(r'\ss="(\d+)"', m[0])
        found[m[1]] = style[1] if style is not None else "0"
    return found


def openpyxl_reads(path: Path) -> set[str]:
    """openpyxl opens the file; the warnings it gives (what it would drop)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        openpyxl.load_workbook(path)
    return {str(w.message) for w in caught}


@pytest.mark.parametrize("name", NAMES)
def test_masking_changes_the_cells_and_the_strings_and_nothing_else(
    name: str, tmp_path: Path
) -> None:
    source, output = BOOKS / name, tmp_path / "公示.xlsx"
    done = mask_cells(source, output, MASKS)
    assert (done.cells, done.lost) == (5, ())
    before, after = stored(source), stored(output)
    assert list(after) == list(before)  # the same parts, in the same order
    changed = {part for part in before if before[part] != after[part]}
    assert changed == {SHEET, STRINGS}
    # Every cell shows what it showed, but the IDs, now masked; every style index is kept.
    expected = cells(source)
    for row, (full, masked) in IDS.items():
        assert expected[row - 1][2] == full
        expected[row - 1][2] = masked
    assert cells(output) == expected
    assert styles_of(output) == styles_of(source)
    # No full ID number anywhere in the file, in any part.
    with zipfile.ZipFile(output) as archive:
        everything = b"".join(archive.read(part) for part in archive.namelist())
    for full, _ in IDS.values():
        assert full.encode() not in everything
    # openpyxl reads it as it reads the source (and would drop the same extensions).
    assert openpyxl_reads(output) == openpyxl_reads(source)


@pytest.mark.parametrize("name", NAMES)
def test_a_report_marks_cells_and_keeps_every_other_part(name: str, tmp_path: Path) -> None:
    source, output = BOOKS / name, tmp_path / "问题.xlsx"
    marks = [
        CellMark(3, 3, "身份证号未隐藏出生日期"),
        CellMark(3, 2, "姓名须隐藏", Severity.WARNING),
        CellMark(8, 3, "身份证号为空"),  # C8 is blank in the 合计 row
    ]
    mark_problems(output, marks, ["检查 5 条记录"], workbook=source)
    before, after = stored(source), stored(output)
    assert list(after)[: len(before)] == list(before)  # the source's parts first, in order
    changed = {part for part in before if before[part] != after[part]}
    allowed = {
        SHEET,
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "[Content_Types].xml",
        "xl/comments1.xml",
        "xl/drawings/vmlDrawing1.vml",
    }
    assert SHEET in changed
    assert changed <= allowed
    untouched = set(before) - allowed
    assert untouched
    assert all(before[p] == after[p] for p in untouched)
    book = openpyxl.load_workbook(output)
    # The summary first: 说明, or 说明 (zfgk) where the list has a 说明 of its own.
    own = openpyxl.load_workbook(source).sheetnames
    assert book.sheetnames == ["说明 (zfgk)" if "说明" in own else "说明", *own]
    sheet = book["退出名单"]
    assert sheet["C3"].fill.fgColor.rgb == "FFFF9999"
    assert sheet["B3"].fill.fgColor.rgb == "FFFFD966"
    assert (sheet["C8"].fill.patternType, sheet["C8"].border.bottom.style) == ("lightUp", "medium")
    assert sheet["C3"].comment.text == "身份证号未隐藏出生日期"
    if name == "wps.xlsx":  # no comment of its own: the part is new
        assert sheet["B3"].comment.text == "姓名须隐藏"
    else:  # the officer's comment stays, under the problem
        assert sheet["B3"].comment.text == "姓名须隐藏\n\n住房保障科:\n已电话核实"
    assert cells(output) == cells(source)  # no value changed


def test_a_shared_formula_whose_first_cell_is_replaced_is_written_out_in_the_others(
    tmp_path: Path,
) -> None:
    """excel.xlsx: A4:A7 share A3+1, written in A4; A4 replaced, A5:A7 keep their formulas
    (A4+1, A5+1, A6+1, by hand) and the calculation chain forgets A4, nothing else."""
    output = tmp_path / "公示.xlsx"
    mask_cells(BOOKS / "excel.xlsx", output, {("退出名单", 4, 1): "二"})
    sheet = openpyxl.load_workbook(output)["退出名单"]
    assert [sheet[f"A{r}"].value for r in range(3, 8)] == [
        "=ROW()-2",
        "二",
        "=A4+1",
        "=A5+1",
        "=A6+1",
    ]
    with zipfile.ZipFile(output) as archive:
        chain = archive.read("xl/calcChain.xml").decode()
    assert re.findall(r"<c [^>]*/>", chain) == [
        '<c r="E8" i="1"/>',
        '<c r="A3"/>',
        '<c r="A5"/>',
        '<c r="A6"/>',
        '<c r="A7"/>',
    ]


def test_an_old_value_left_in_a_chart_stops_the_writing(tmp_path: Path) -> None:
    """excel.xlsx's chart caches the header 面积 (E2): masking it would leave it in the chart."""
    output = tmp_path / "公示.xlsx"
    with pytest.raises(PrivacyError) as caught:
        mask_cells(BOOKS / "excel.xlsx", output, {("退出名单", 2, 5): "**"})
    message = str(caught.value)
    assert "the old value of 退出名单!E2 would remain" in message
    assert "xl/charts/chart1.xml" in message
    assert list(tmp_path.iterdir()) == []


def test_texts_that_must_be_gone_are_looked_for_in_every_part_but_cells(tmp_path: Path) -> None:
    """``gone``: the company in docProps/app.xml is not a cell; 民心佳园 in cells is the caller's."""
    output = tmp_path / "公示.xlsx"
    edits = {"退出名单": SheetEdits(replace=[(3, 3, "441622********403X")])}
    with pytest.raises(PrivacyError, match=r"docProps/app\.xml"):
        edit_workbook(BOOKS / "excel.xlsx", output, edits, gone=["渝北区住房保障科"])
    assert not output.exists()
    edit_workbook(BOOKS / "excel.xlsx", output, edits, gone=["民心佳园", IDS[3][0]])
    assert cells(output)[2][2] == "441622********403X"


def test_a_text_that_must_be_gone_is_blanked_where_no_cell_shows_it(tmp_path: Path) -> None:
    """A shared string no cell shows holds a text of ``gone``: blanked, with cells replaced or
    not (with none, the strings were copied as they were and the text kept)."""
    with zipfile.ZipFile(BOOKS / "excel.xlsx") as book:
        parts = {info: book.read(info.filename) for info in book.infolist()}
    source = tmp_path / "名单.xlsx"
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as book:
        orphan = "<si><t>孤儿里的旧身份证号</t></si></sst>".encode()
        for info, data in parts.items():
            strings = info.filename == "xl/sharedStrings.xml"
            book.writestr(info, data.replace(b"</sst>", orphan) if strings else data)
    output = tmp_path / "公示.xlsx"
    replaced = {"退出名单": SheetEdits(replace=[(3, 3, "441622********403X")])}
    for edits in ({}, replaced):
        edit_workbook(source, output, edits, gone=["孤儿里的旧身份证号"])
        with zipfile.ZipFile(output) as book:
            assert "孤儿里的旧身份证号".encode() not in book.read("xl/sharedStrings.xml")
        assert cells(output)[2][2] == ("441622********403X" if edits else cells(source)[2][2])


def test_a_picture_in_a_wps_cell_is_kept(tmp_path: Path) -> None:
    """wps.xlsx: B11 shows a picture through DISPIMG and xl/cellimages.xml, which only WPS reads."""
    output = tmp_path / "公示.xlsx"
    mask_cells(BOOKS / "wps.xlsx", output, MASKS)
    with zipfile.ZipFile(BOOKS / "wps.xlsx") as a, zipfile.ZipFile(output) as b:
        for part in ("xl/cellimages.xml", "xl/_rels/cellimages.xml.rels", "xl/media/image1.png"):
            assert a.read(part) == b.read(part)
        sheet = b.read(SHEET).decode()
    assert '<c r="B11" t="str"><f>_xlfn.DISPIMG(' in sheet
