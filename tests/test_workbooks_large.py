"""A generated list of a few thousand rows, masked and marked as streams (issue 28, result 4).

The 200,000-row figures come from benchmarks/bench_workbooks.py; here the
book is small enough for the suite, written twice over: as Excel writes a
list (a shared strings table, styles on every cell: typed below) and by
openpyxl (inline strings).  Every cell is checked through python-calamine
and openpyxl; the answers (which cell holds which ID, its masked form) are
computed by the test from the row number, not by the room.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import python_calamine

from zfgk.workbooks import Mark, Severity, SheetEdits, edit_workbook

ROWS = 3000
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def id_of(row: int) -> str:
    """A distinct 18-character ID for each record row (the room does not check them)."""
    return f"5001{row % 90 + 10:02d}19{row % 80 + 10:02d}0101{row:04d}"[:18]


def masked(row: int) -> str:
    full = id_of(row)
    return full[:6] + "********" + full[-4:]


def excel_like(path: Path) -> Path:
    """A list as Excel writes one: shared strings, a style on every cell, a title merged."""
    strings: dict[str, int] = {}

    def s(text: str) -> int:
        return strings.setdefault(text, len(strings))

    rows = [f'<row r="1"><c r="A1" s="1" t="s"><v>{s("2026年退出名单")}</v></c></row>']
    rows.append(
        '<row r="2">'
        + "".join(
            f'<c r="{c}2" s="1" t="s"><v>{s(h)}</v></c>'
            for c, h in zip("ABCD", ["序号", "姓名", "身份证号", "项目"], strict=True)
        )
        + "</row>"
    )
    for r in range(3, ROWS + 3):
        rows.append(
            f'<row r="{r}" spans="1:4"><c r="A{r}" s="1"><v>{r - 2}</v></c>'
            f'<c r="B{r}" s="1" t="s"><v>{s("张" + "春梅秀英建国"[r % 6])}</v></c>'
            f'<c r="C{r}" s="1" t="s"><v>{s(id_of(r))}</v></c>'
            f'<c r="D{r}" s="1" t="s"><v>{s("民心佳园")}</v></c></row>'
        )
    sheet = (
        f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>{"".join(rows)}</sheetData>'
        '<mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells></worksheet>'
    )
    items = "".join(f"<si><t>{t}</t></si>" for t in strings)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="{MAIN}" count="{ROWS * 3 + 5}" uniqueCount="{len(strings)}">{items}</sst>',
        )
        z.writestr(
            "xl/styles.xml",
            f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>'
            '<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="49" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/></cellXfs></styleSheet>',
        )
    return path


def openpyxl_made(path: Path) -> Path:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("名单")
    sheet.append(["2026年退出名单"])
    sheet.append(["序号", "姓名", "身份证号", "项目"])
    for r in range(3, ROWS + 3):
        sheet.append([r - 2, "张" + "春梅秀英建国"[r % 6], id_of(r), "民心佳园"])
    book.save(path)
    return path


def read(path: Path) -> list[list[object]]:
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        rows: list[list[object]] = [list(row) for row in book.get_sheet_by_name("名单").to_python()]
        return rows
    finally:
        book.close()


def stream() -> Iterator[tuple[int, int, str]]:
    """The masked IDs, one at a time, in row order (a caller that streams its findings)."""
    for r in range(3, ROWS + 3):
        yield r, 3, masked(r)


def check_masked(source: Path, output: Path) -> None:
    before, after = read(source), read(output)
    assert len(after) == len(before) == ROWS + 2
    for r, (old, new) in enumerate(zip(before, after, strict=True), start=1):
        if r >= 3:
            assert (old[2], new[2]) == (id_of(r), masked(r)), r
            assert new[:2] + new[3:] == old[:2] + old[3:], r
        else:
            assert new == old
    with zipfile.ZipFile(output) as archive:
        everything = b"".join(archive.read(n) for n in archive.namelist())
    assert not any(id_of(r).encode() in everything for r in range(3, ROWS + 3, 7))


def test_every_id_of_an_excel_like_list_masked_from_a_stream(tmp_path: Path) -> None:
    source, output = excel_like(tmp_path / "名单.xlsx"), tmp_path / "公示.xlsx"
    done = edit_workbook(
        source, output, {"名单": SheetEdits(replace=stream(), merges=[(1, 1, 1, 4)])}
    )
    assert done.changed == ROWS
    check_masked(source, output)
    with zipfile.ZipFile(output) as archive:
        strings = archive.read("xl/sharedStrings.xml").decode()
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    # Each old ID's string blanked (no other cell used it), each new one added after the others.
    assert strings.count("<si><t/></si>") == ROWS
    assert re.search(r'<sst [^>]*count="' + str(ROWS * 3 + 5) + '"', strings)
    assert sheet.count(' s="1"') == ROWS * 4 + 5  # every cell keeps its style


def test_every_id_of_an_openpyxl_list_masked_and_marked(tmp_path: Path) -> None:
    source, output = openpyxl_made(tmp_path / "名单.xlsx"), tmp_path / "公示.xlsx"
    marks = ((r, 3, Mark(Severity.ERROR, "身份证号未隐藏")) for r in range(3, ROWS + 3))
    done = edit_workbook(
        source, output, {"名单": SheetEdits(replace=stream(), mark=marks, merges=())}
    )
    assert (done.changed, done.marked) == (ROWS, ROWS)
    check_masked(source, output)
    sheet = openpyxl.load_workbook(output)["名单"]
    commented = [c for row in sheet.iter_rows(min_col=3, max_col=3) for c in row if c.comment]
    assert len(commented) == ROWS
    assert {c.comment.text for c in commented} == {"身份证号未隐藏"}
    with zipfile.ZipFile(output) as archive:
        drawing = archive.read("xl/drawings/vmlDrawing1.vml").decode()
    ids = re.findall(r'id="_x0000_s(\d+)"', drawing)
    assert len(set(ids)) == ROWS  # a shape of its own for each comment
    blocks = re.search(r'data="([^"]+)"', drawing)
    assert blocks is not None
    assert {int(i) // 1024 for i in ids} == {int(b) for b in blocks[1].split(",")}
