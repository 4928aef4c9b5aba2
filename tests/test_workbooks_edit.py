"""The streaming editor on sheets written by hand, in every form SpreadsheetML allows.

Each workbook here is typed part by part (what Excel, LibreOffice, WPS or
a program might write: prefixes, rows and cells without references, inline
strings, a shared string used twice, shared formulas …); the answer of each
test is what the XML must then say, worked out by hand, and the file is read
back by openpyxl and python-calamine.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from zfgk.errors import InputError, InvalidArgumentError, PrivacyError
from zfgk.workbooks import Mark, Severity, SheetEdits, Summary, edit_workbook, mask_cells

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def types(strings: bool, second: bool) -> str:
    """[Content_Types].xml naming the parts there are."""
    overrides = [("/xl/workbook.xml", "sheet.main"), ("/xl/worksheets/sheet1.xml", "worksheet")]
    overrides += [("/xl/worksheets/sheet2.xml", "worksheet")] if second else []
    overrides += [("/xl/sharedStrings.xml", "sharedStrings")] if strings else []
    overrides += [("/xl/styles.xml", "styles")]
    return (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(
            f'<Override PartName="{p}" ContentType="{OFFICE}.{t}+xml"/>' for p, t in overrides
        )
        + "</Types>"
    )


STYLES = (
    f'<styleSheet xmlns="{MAIN}"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    "</styleSheet>"
)


def book(
    path: Path,
    sheet: str,
    strings: list[str] | None = None,
    *,
    second: str | None = None,
    workbook_extra: str = "",
    parts: dict[str, str | bytes] | None = None,
) -> Path:
    """A workbook of one or two sheets (名单, 说明) whose XML is given."""
    sheets = '<sheet name="名单" sheetId="1" r:id="rId1"/>'
    rels = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    if second is not None:
        sheets += '<sheet name="说明" sheetId="2" r:id="rId2"/>'
        rels += f'<Relationship Id="rId2" Type="{REL}/worksheet" Target="worksheets/sheet2.xml"/>'
    rels += f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>'
    if strings is not None:
        rels += f'<Relationship Id="rId4" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types(strings is not None, second is not None))
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{sheets}</sheets>{workbook_extra}</workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if second is not None:
            z.writestr("xl/worksheets/sheet2.xml", second)
        z.writestr("xl/styles.xml", STYLES)
        if strings is not None:
            items = "".join(f"<si><t>{s}</t></si>" for s in strings)
            z.writestr(
                "xl/sharedStrings.xml",
                f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>',
            )
        for name, data in (parts or {}).items():
            z.writestr(name, data)
    return path


def worksheet(rows: str, tail: str = "", head: str = "", prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    declaration = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    return (
        f'<{p}worksheet {declaration} xmlns:r="{REL}">{head}<{p}sheetData>{rows}</{p}sheetData>'
        f"{tail}</{p}worksheet>"
    )


def part(path: Path, name: str = "xl/worksheets/sheet1.xml") -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def values(path: Path, sheet: str = "名单") -> list[list[object]]:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        rows: list[list[object]] = [
            list(row) for row in workbook.get_sheet_by_name(sheet).to_python()
        ]
        return rows
    finally:
        workbook.close()


ID, MASKED = "44162219470406403X", "441622********403X"


def test_a_shared_string_another_cell_shows_is_kept_and_one_no_cell_shows_is_blanked(
    tmp_path: Path,
) -> None:
    """B2 and B3 share string 1; C2 alone uses string 2.  Masking B2 and C2: B3 still shows
    string 1 (kept), string 2 is gone (blanked), the new texts are strings 3 and 4."""
    source = book(
        tmp_path / "a.xlsx",
        worksheet(
            '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
            '<row r="2"><c r="B2" t="s"><v>1</v></c><c r="C2" s="1" t="s"><v>2</v></c></row>'
            '<row r="3"><c r="B3" t="s"><v>1</v></c></row>'
        ),
        ["姓名", "许春梅", ID],
    )
    out = tmp_path / "b.xlsx"
    mask_cells(source, out, {("名单", 2, 2): "许*", ("名单", 2, 3): MASKED})
    assert part(out, "xl/sharedStrings.xml").endswith(
        '<sst xmlns="' + MAIN + '" count="3" uniqueCount="5"><si><t>姓名</t></si>'
        "<si><t>许春梅</t></si><si><t/></si><si><t>许*</t></si>"
        f"<si><t>{MASKED}</t></si></sst>"
    )
    assert '<c r="B2" t="s"><v>3</v></c><c r="C2" s="1" t="s"><v>4</v></c>' in part(out)
    assert values(out) == [["姓名", "", ""], ["", "许*", MASKED], ["", "许春梅", ""]]


def test_rows_and_cells_without_references_and_a_prefix(tmp_path: Path) -> None:
    """Rows and cells may leave out r (each follows the last); elements may carry a prefix."""
    rows = (
        '<x:row><x:c t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c>'
        '<x:c t="inlineStr"><x:is><x:t>身份证号</x:t></x:is></x:c></x:row>'
        f'<x:row><x:c t="inlineStr"><x:is><x:t>许春梅</x:t></x:is></x:c><x:c s="1" t="inlineStr"><x:is><x:t>{ID}</x:t></x:is></x:c></x:row>'
    )
    source = book(tmp_path / "a.xlsx", worksheet(rows, prefix="x"))
    out = tmp_path / "b.xlsx"
    mask_cells(source, out, {("名单", 2, 2): MASKED})
    # No shared strings table: the new text is an inline string, with the sheet's prefix.
    assert f'<x:c s="1" t="inlineStr"><x:is><x:t>{MASKED}</x:t></x:is></x:c>' in part(out)
    assert values(out) == [["姓名", "身份证号"], ["许春梅", MASKED]]
    assert openpyxl.load_workbook(out)["名单"]["B2"].value == MASKED


def test_marks_make_the_cells_and_rows_that_are_not_there_in_their_place(tmp_path: Path) -> None:
    """Row 2 lacks B2; rows 3 and 5 are missing; a cell after the last row; a row of spans."""
    source = book(
        tmp_path / "a.xlsx",
        worksheet(
            '<row r="2" spans="1:1"><c r="A2" t="inlineStr"><is><t>甲</t></is></c>'
            '<c r="C2" t="inlineStr"><is><t>丙</t></is></c></row>'
            '<row r="4"><c r="A4" t="inlineStr"><is><t>丁</t></is></c></row>'
        ),
    )
    out = tmp_path / "b.xlsx"
    marks = [
        (2, 2, Mark(Severity.ERROR, "乙为空")),
        (3, 1, Mark(Severity.WARNING, "空行")),
        (5, 4, Mark(Severity.ERROR, "表尾")),
        (2, 5, Mark(Severity.ERROR, "E2 为空")),
    ]
    done = edit_workbook(source, out, {"名单": SheetEdits(mark=marks)})
    assert done.marked == 4
    xml = part(out)
    cells = re.findall(r'<c r="([A-Z]+\d+)"', xml)
    assert cells == ["A2", "B2", "C2", "E2", "A3", "A4", "D5"]
    assert re.search(r'<row r="2" spans="1:5">', xml)  # the spans widened to E
    sheet = openpyxl.load_workbook(out)["名单"]
    assert sheet["B2"].comment.text == "乙为空"
    assert sheet["A3"].comment.text == "空行"
    assert (sheet["D5"].fill.patternType, sheet["D5"].fill.fgColor.rgb) == ("lightUp", "FFC00000")
    # calamine reads from the first row with a value (row 2), as wide as the values reach.
    assert values(out) == [["甲", "", "丙"], ["", "", ""], ["丁", "", ""]]


def test_an_empty_sheet_gets_rows(tmp_path: Path) -> None:
    source = book(tmp_path / "a.xlsx", f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>')
    out = tmp_path / "b.xlsx"
    edit_workbook(source, out, {"名单": SheetEdits(replace=[(2, 2, "新")])})
    assert (
        '<sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>新</t></is></c></row></sheetData>'
        in part(out)
    )


def test_a_covered_cell_stands_for_the_first_cell_of_its_merged_range(tmp_path: Path) -> None:
    rows = (
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>标题 {ID}</t></is></c><c r="B1"/><c r="C1"/></row>'
        '<row r="2"><c r="A2"><v>1</v></c></row>'
    )
    tail = '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>'
    source = book(tmp_path / "a.xlsx", worksheet(rows, tail))
    out = tmp_path / "b.xlsx"
    # A reader that spreads merged values gives the title in A1, B1 and C1: all three masked.
    title = f"标题 {MASKED}"
    edit_workbook(
        source, out, {"名单": SheetEdits(replace=[(1, 2, title), (1, 3, title), (1, 1, title)])}
    )
    assert values(out)[0] == [title]  # B1 and C1 empty: the range shows A1's text
    with pytest.raises(InvalidArgumentError, match="A1: two different new values"):
        edit_workbook(source, out, {"名单": SheetEdits(replace=[(1, 1, "甲"), (1, 3, "乙")])})


def test_cells_given_as_a_stream_must_come_in_row_order(tmp_path: Path) -> None:
    source = book(tmp_path / "a.xlsx", worksheet('<row r="1"><c r="A1"><v>1</v></c></row>'))
    out = tmp_path / "b.xlsx"

    def backwards() -> Iterator[tuple[int, int, str]]:
        yield 3, 1, "c"
        yield 2, 1, "b"

    with pytest.raises(
        InvalidArgumentError, match=r"名单!A2: the cells of a sheet must come in row order"
    ):
        edit_workbook(source, out, {"名单": SheetEdits(replace=backwards(), merges=())})
    assert not out.exists()
    # A list is sorted.
    edit_workbook(source, out, {"名单": SheetEdits(replace=[(3, 1, "c"), (2, 1, "b")])})
    assert values(out) == [[1.0], ["b"], ["c"]]


def test_a_summary_comes_first_and_the_names_of_a_sheet_follow_it(tmp_path: Path) -> None:
    extra = (
        '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="0">名单!$1:$1</definedName>'
        '<definedName name="_xlnm.Print_Area" localSheetId="1">说明!$A$1:$A$9</definedName></definedNames>'
    )
    first = worksheet(
        '<row r="1"><c r="A1"><v>1</v></c></row>',
        head='<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>',
    )
    second = worksheet(
        '<row r="1"><c r="A1"><v>2</v></c></row>',
        head='<sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>',
    )
    source = book(tmp_path / "a.xlsx", first, second=second, workbook_extra=extra)
    out = tmp_path / "b.xlsx"
    edit_workbook(source, out, {"名单": SheetEdits()}, summary=Summary("Summary", ["a line"], "en"))
    workbook = part(out, "xl/workbook.xml")
    assert re.findall(r'<sheet name="([^"]+)"', workbook) == ["Summary", "名单", "说明"]
    assert 'localSheetId="1">名单!$1:$1' in workbook
    assert 'localSheetId="2">说明!' in workbook
    loaded = openpyxl.load_workbook(out)
    assert loaded.sheetnames == ["Summary", "名单", "说明"]
    # One tab selected, the summary's: two would open grouped, an edit hitting both.
    assert [bool(s.sheet_view.tabSelected) for s in loaded.worksheets] == [True, False, False]
    assert loaded["名单"].print_title_rows == "$1:$1"
    assert loaded["Summary"]["A1"].value == "a line"
    assert loaded["Summary"].page_setup.orientation == "portrait"


def test_a_shared_formula_whose_first_cell_is_replaced_is_written_in_full(tmp_path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1"><v>2</v></c><c r="B1"><f>A1*2</f><v>4</v></c>'
        '<c r="C1"><f t="shared" ref="C1:C3" si="0">B1+1</f><v>5</v></c></row>'
        '<row r="2"><c r="C2"><f t="shared" si="0"/><v>5</v></c></row>'
        '<row r="3"><c r="C3"><f t="shared" si="0"/><v>5</v></c></row>'
    )
    chain = (
        f'<calcChain xmlns="{MAIN}"><c r="B1" i="1"/><c r="C1"/><c r="C2"/><c r="C3"/></calcChain>'
    )
    source = book(tmp_path / "a.xlsx", worksheet(rows), parts={"xl/calcChain.xml": chain})
    out = tmp_path / "b.xlsx"
    edit_workbook(source, out, {"名单": SheetEdits(replace=[(1, 2, "四"), (1, 3, "五")])})
    sheet = openpyxl.load_workbook(out)["名单"]
    # B1 and C1 hold text; C2 and C3 keep C1's formula, moved down (B2+1, B3+1: by hand).
    assert [sheet["B1"].value, sheet["C1"].value, sheet["C2"].value, sheet["C3"].value] == [
        "四",
        "五",
        "=B2+1",
        "=B3+1",
    ]


def test_the_calculation_chain_loses_only_the_formulas_gone(tmp_path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>A1*2</f><v>4</v></c></row>'
        '<row r="2"><c r="A2"><f>B1+1</f><v>5</v></c></row>'
    )
    chain = f'<calcChain xmlns="{MAIN}"><c r="A1" i="1"/><c r="B1"/><c r="A2"/></calcChain>'
    source = tmp_path / "a.xlsx"
    book(source, worksheet(rows), parts={"xl/calcChain.xml": chain})
    # Give the chain its relationship, as Excel does.
    with zipfile.ZipFile(source) as z:
        items = {n: z.read(n) for n in z.namelist()}
    items["xl/_rels/workbook.xml.rels"] = items["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rId9" Type="{REL}/calcChain" Target="calcChain.xml"/></Relationships>'.encode(),
    )
    with zipfile.ZipFile(source, "w") as z:
        for name, data in items.items():
            z.writestr(name, data)
    out = tmp_path / "b.xlsx"
    edit_workbook(source, out, {"名单": SheetEdits(replace=[(1, 1, "二")])})
    # A1 carried the sheet's number: the next entry takes it.
    assert part(out, "xl/calcChain.xml") == (
        f'<calcChain xmlns="{MAIN}"><c r="B1" i="1"/><c r="A2"/></calcChain>'
    )


def test_an_officers_comment_stays_and_shapes_get_ids_of_their_own(tmp_path: Path) -> None:
    comments = (
        f'<comments xmlns="{MAIN}"><authors><author>科员</author></authors><commentList>'
        '<comment ref="A1" authorId="0"><text><t>已核实</t></text></comment></commentList></comments>'
    )
    vml = (
        '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit">'
        '<o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202"/>'
        '<v:shape id="_x0000_s1025" type="#_x0000_t202"><x:ClientData ObjectType="Note">'
        "<x:Row>0</x:Row><x:Column>0</x:Column></x:ClientData></v:shape></xml>"
    )
    sheet_rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/comments" Target="../comments1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/vmlDrawing" Target="../drawings/vmlDrawing1.vml"/>'
        "</Relationships>"
    )
    rows = '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>'
    source = book(
        tmp_path / "a.xlsx",
        worksheet(rows, '<legacyDrawing r:id="rId2"/>'),
        parts={
            "xl/comments1.xml": comments,
            "xl/drawings/vmlDrawing1.vml": vml,
            "xl/worksheets/_rels/sheet1.xml.rels": sheet_rels,
        },
    )
    with zipfile.ZipFile(source) as z:
        types = z.read("[Content_Types].xml").replace(
            b"</Types>",
            b'<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
            b'<Override PartName="/xl/comments1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/></Types>',
        )
        items = {n: z.read(n) for n in z.namelist()}
    items["[Content_Types].xml"] = types
    with zipfile.ZipFile(source, "w") as z:
        for name, data in items.items():
            z.writestr(name, data)
    out = tmp_path / "b.xlsx"
    marks = [(1, 1, Mark(Severity.ERROR, "值有误")), (1, 2, Mark(Severity.WARNING, "请核对"))]
    edit_workbook(source, out, {"名单": SheetEdits(mark=marks)})
    sheet = openpyxl.load_workbook(out)["名单"]
    assert sheet["A1"].comment.text == "值有误\n\n已核实"
    assert sheet["B1"].comment.text == "请核对"
    drawing = part(out, "xl/drawings/vmlDrawing1.vml")
    assert 'data="1,2"' in drawing  # the new shape's block
    assert re.findall(r'id="(_x0000_s\d+)"', drawing) == ["_x0000_s1025", "_x0000_s2049"]
    assert part(out).count("legacyDrawing") == 1  # the sheet's own, not a second


def test_an_xlsm_keeps_its_macros_byte_for_byte(tmp_path: Path) -> None:
    source = book(
        tmp_path / "a.xlsm",
        worksheet(f'<row r="1"><c r="A1" t="inlineStr"><is><t>{ID}</t></is></c></row>'),
        parts={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0 the officer's macros"},
    )
    out = tmp_path / "b.xlsm"
    mask_cells(source, out, {("名单", 1, 1): MASKED})
    with zipfile.ZipFile(source) as a, zipfile.ZipFile(out) as b:
        assert a.read("xl/vbaProject.bin") == b.read("xl/vbaProject.bin")
        assert a.getinfo("xl/vbaProject.bin").CRC == b.getinfo("xl/vbaProject.bin").CRC


def test_a_strict_workbook_is_refused_with_what_to_do(tmp_path: Path) -> None:
    source = book(tmp_path / "a.xlsx", worksheet(""))
    with zipfile.ZipFile(source) as z:
        items = {n: z.read(n) for n in z.namelist()}
    items["xl/workbook.xml"] = items["xl/workbook.xml"].replace(
        MAIN.encode(), b"http://purl.oclc.org/ooxml/spreadsheetml/main"
    )
    with zipfile.ZipFile(source, "w") as z:
        for name, data in items.items():
            z.writestr(name, data)
    with pytest.raises(InputError, match="ISO strict form"):
        edit_workbook(source, tmp_path / "b.xlsx", {})


def test_progress_is_told_and_ctrl_c_leaves_nothing(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(1, 25_001))
    source = book(tmp_path / "a.xlsx", worksheet(rows))
    out = tmp_path / "b.xlsx"
    seen: list[int] = []
    edit_workbook(source, out, {"名单": SheetEdits(replace=[(3, 1, "三")])}, progress=seen.append)
    assert seen == [10_000, 20_000]

    def interrupt(rows: int) -> None:
        raise KeyboardInterrupt

    out.unlink()
    with pytest.raises(KeyboardInterrupt):
        edit_workbook(source, out, {"名单": SheetEdits(replace=[(3, 1, "三")])}, progress=interrupt)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]  # no output, no temporary


def test_a_value_left_in_a_part_that_is_not_a_cell_stops_the_writing(tmp_path: Path) -> None:
    """The header of the printed page names the ID: masking its cell would leave it there."""
    rows = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
    tail = f"<headerFooter><oddHeader>&amp;C{ID}</oddHeader></headerFooter>"
    source = book(tmp_path / "a.xlsx", worksheet(rows, tail), [ID])
    out = tmp_path / "b.xlsx"
    with pytest.raises(
        PrivacyError, match=r"old value of 名单!A1 would remain .*sheet1\.xml"
    ) as caught:
        mask_cells(source, out, {("名单", 1, 1): MASKED})
    assert ID not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx"]


@pytest.mark.skipif(os.name != "posix", reason="the temporary files' folder")
def test_the_temporary_files_go_beside_the_output_and_away(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    source = book(tmp_path / "a.xlsx", worksheet('<row r="1"><c r="A1"><v>1</v></c></row>'))
    edit_workbook(
        source, folder / "b.xlsx", {"名单": SheetEdits(mark=[(1, 1, Mark(Severity.ERROR, "x"))])}
    )
    assert [p.name for p in folder.iterdir()] == ["b.xlsx"]
