"""Writing workbooks back (issues 20 and 28): cells masked in place, problems marked.

The answers come from ``tests/data/officers/expected.json`` and its README,
written by hand from the designs of the officers' workbooks: which cells hold
the ID numbers, each one's masked form, the merged ranges, the formulas, the
fonts, fills, borders and widths (tools/make_officer_fixtures.py).  The files
written are compared with their sources cell by cell through openpyxl, a
reader of its own, and part by part as zip members.
"""

from __future__ import annotations

import csv
import json
import os
import re
import zipfile
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast

import openpyxl
import pytest
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName

from zfgk._spill import CellSpill
from zfgk.errors import InputError, InvalidArgumentError, OutputError, PrivacyError, ZfgkError
from zfgk.workbooks import CellMark, Severity, mark_problems, mask_cells

OFFICERS = Path(__file__).parent / "data" / "officers"
EXPECTED = json.loads((OFFICERS / "expected.json").read_text(encoding="utf-8"))["files"]
CLEAN = EXPECTED["item22-clean.xlsx"]
SECOND = CLEAN["other_sheets"]["退出名单2"]
#: The looks of marks (issue 27, point 11): a clear red and yellow; a blank cell striped in a
#: dark red or yellow on white (and boxed), so that it stands out of a column of marks.
RED, YELLOW = "FFFF9999", "FFFFD966"
BLANK_RED, BLANK_YELLOW = "FFC00000", "FFBF8F00"
#: item22-clean's sheets, with the report's summary first (the list has a 说明 of its own).
REPORT_SHEETS = ["说明 (zfgk)", "退出名单", "退出名单2", "说明"]


def _key(sheet: str, cell: str) -> tuple[str, int, int]:
    """("退出名单", "C3") -> ("退出名单", 3, 3)."""
    column, row = openpyxl.utils.cell.coordinate_from_string(cell)
    return sheet, row, openpyxl.utils.cell.column_index_from_string(column)


#: Every ID cell of item22-clean, both sheets, to its masked form (expected.json).
CLEAN_MASKS = {
    **{_key("退出名单", cell): masked for cell, masked in CLEAN["masked_ids"].items()},
    **{_key("退出名单2", cell): masked for cell, masked in SECOND["masked_ids"].items()},
}
#: The full ID numbers of item22-clean, from the records of both sheets.
CLEAN_IDS = [
    record["身份证号"]
    for records in (CLEAN["records"], SECOND["records"])
    for record in records.values()
]


def _style(cell: Any) -> tuple[str, ...]:
    """Every style attribute of a cell, each in full (openpyxl's style proxies compare by identity)."""
    a = cell.alignment
    # An absent shrinkToFit or wrapText is false: openpyxl leaves a false one out of the file.
    alignment = (
        a.horizontal,
        a.vertical,
        a.textRotation,
        bool(a.wrapText),
        bool(a.shrinkToFit),
        a.indent,
        a.relativeIndent,
        bool(a.justifyLastLine),
        a.readingOrder,
    )
    return tuple(
        repr(style)
        for style in (
            cell.font,
            cell.fill,
            cell.border,
            alignment,
            cell.number_format,
            cell.protection,
        )
    )


def _cells(sheet: Any) -> dict[str, Any]:
    return {
        cell.coordinate: cell
        for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=sheet.max_column)
        for cell in row
    }


def _assert_same_sheet(before: Any, after: Any, changed: dict[str, str]) -> None:
    """``after`` is ``before`` but for the values of ``changed`` (cell -> new value)."""
    assert sorted(map(str, after.merged_cells.ranges)) == sorted(
        map(str, before.merged_cells.ranges)
    )
    widths = {k: (d.width, d.hidden) for k, d in before.column_dimensions.items()}
    assert {k: (d.width, d.hidden) for k, d in after.column_dimensions.items()} == widths
    heights = {k: d.height for k, d in before.row_dimensions.items() if d.height is not None}
    assert {k: d.height for k, d in after.row_dimensions.items() if d.height is not None} == heights
    assert after.page_setup.orientation == before.page_setup.orientation
    assert after.page_setup.fitToWidth == before.page_setup.fitToWidth
    assert after.freeze_panes == before.freeze_panes
    old, new = _cells(before), _cells(after)
    assert new.keys() == old.keys()
    for name, cell in old.items():
        assert _style(new[name]) == _style(cell), name
        assert new[name].value == changed.get(name, cell.value), name


@pytest.mark.parametrize("name", ["item22-clean.xlsx", "item22-clean.lo.xlsx"])
def test_masked_ids_and_nothing_else_changes(name: str, tmp_path: Path) -> None:
    source, output = OFFICERS / name, tmp_path / "公示.xlsx"
    written = mask_cells(source, output, CLEAN_MASKS)
    assert (written.path, written.cells, written.lost) == (output, 8, ())
    before, after = openpyxl.load_workbook(source), openpyxl.load_workbook(output)
    assert after.sheetnames == before.sheetnames == CLEAN["sheet_names"]
    _assert_same_sheet(before["退出名单"], after["退出名单"], CLEAN["masked_ids"])
    _assert_same_sheet(before["退出名单2"], after["退出名单2"], SECOND["masked_ids"])
    _assert_same_sheet(before["说明"], after["说明"], {})
    sheet = after["退出名单"]
    assert sheet["A1"].value == CLEAN["title"]
    assert sheet["C3"].value == "441622********403X"  # the README's table, by hand
    assert sheet["C3"].number_format == "@"
    assert [sheet[f"A{r}"].value for r in CLEAN["footer_rows"]] == ["制表人：张三"]
    assert sheet["J3"].value == datetime(2026, 8, 3)
    # Only the edited sheets and the shared strings were rewritten: every other part is the
    # source's, byte for byte and in its place (openpyxl rewrote them all).
    with zipfile.ZipFile(source) as before_zip, zipfile.ZipFile(output) as after_zip:
        names = [i.filename for i in before_zip.infolist()]
        assert [i.filename for i in after_zip.infolist()] == names
        changed = {n for n in names if before_zip.read(n) != after_zip.read(n)}
    strings = {"xl/sharedStrings.xml"} & set(
        names
    )  # openpyxl writes inline strings, LibreOffice not
    assert changed == {"xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", *strings}


@pytest.mark.parametrize("name", ["item22-clean.xlsx", "item22-clean.lo.xlsx", "item22-clean.xls"])
def test_no_full_id_remains_anywhere_in_the_file(name: str, tmp_path: Path) -> None:
    output = tmp_path / "公示.xlsx"
    mask_cells(OFFICERS / name, output, CLEAN_MASKS)
    with zipfile.ZipFile(output) as archive:
        content = b"".join(archive.read(part) for part in archive.namelist())
    assert len(CLEAN_IDS) == 8
    for full in CLEAN_IDS:
        assert full.encode() not in content
        assert full[:6].encode() + b"********" + full[-4:].encode() in content
    # The source really held them: the search finds what it looks for.
    with zipfile.ZipFile(OFFICERS / "item22-clean.xlsx") as archive:
        source = b"".join(archive.read(part) for part in archive.namelist())
    assert all(full.encode() in source for full in CLEAN_IDS)


def test_formulas_merges_and_a_covered_cell(tmp_path: Path) -> None:
    """item19-title-merged: G4 lies under G3:G5, so the range's value changes; E9's formula stays."""
    output = tmp_path / "out.xlsx"
    written = mask_cells(
        OFFICERS / "item19-title-merged.lo.xlsx", output, {("分配结果", 4, 7): "某小区"}
    )
    assert written.cells == 1
    before = openpyxl.load_workbook(OFFICERS / "item19-title-merged.lo.xlsx")["分配结果"]
    after_book = openpyxl.load_workbook(output)
    after = after_book["分配结果"]
    _assert_same_sheet(before, after, {"G3": "某小区"})
    assert sorted(map(str, after.merged_cells.ranges)) == ["A1:G1", "A9:D9", "G3:G5"]
    assert after["E9"].value == "=SUM(E3:E8)"


def test_two_values_for_one_merged_range_are_refused(tmp_path: Path) -> None:
    output = tmp_path / "out.xlsx"
    changes = {("分配结果", 3, 7): "甲", ("分配结果", 5, 7): "乙"}
    with pytest.raises(InvalidArgumentError, match="G3: two different new values"):
        mask_cells(OFFICERS / "item19-title-merged.xlsx", output, changes)
    assert not output.exists()


#: item22-clean's column widths as designed (tools/make_officer_fixtures.py), in characters.
DESIGNED_WIDTHS = {
    "A": 6,
    "B": 14,
    "C": 21,
    "D": 14,
    "E": 26,
    "F": 14,
    "G": 10,
    "H": 8,
    "I": 18,
    "J": 12,
}


@pytest.mark.parametrize(
    ("name", "merged"),
    # calamine gives no .ods merges: the guarded reader reads them from content.xml
    [("item22-clean.xls", ["A1:J1"]), ("item22-clean.ods", ["A1:J1"])],
)
def test_xls_and_ods_are_converted_to_xlsx_with_their_look(
    name: str, merged: list[str], tmp_path: Path
) -> None:
    """Issue 27, point 11: a masked .xls was a bare grid; now it keeps what can be read of its
    look, compared with the design the file was made from (tools/make_officer_fixtures.py:
    宋体, the title bold 16 on a row 30 points high, the header bold on grey D9D9D9, thin
    borders, the widths, formats @, 0.00 and yyyy-mm-dd, landscape one page wide)."""
    output = tmp_path / "公示.xlsx"
    done = mask_cells(OFFICERS / name, output, CLEAN_MASKS)
    assert done.cells == 8
    assert "formulas (their last values are kept)" in [str(m) for m in done.lost]
    book = openpyxl.load_workbook(output)
    assert book.sheetnames == CLEAN["sheet_names"]
    sheet = book["退出名单"]
    assert sorted(map(str, sheet.merged_cells.ranges)) == merged
    assert sheet["A1"].value == CLEAN["title"]
    for row, record in CLEAN["records"].items():
        assert sheet[f"B{row}"].value == record["原保障对象姓名"]
        assert sheet[f"C{row}"].value == CLEAN["masked_ids"][f"C{row}"]
        assert sheet[f"D{row}"].value == record["原租购项目名称"]
        assert sheet[f"J{row}"].value.date() == date.fromisoformat(record["退出日期"])
        assert sheet[f"J{row}"].number_format.replace("\\", "") == "yyyy-mm-dd"
        assert sheet[f"C{row}"].number_format == "@"
        assert sheet[f"H{row}"].number_format == "0.00"
        assert sheet[f"C{row}"].border.left.style == "thin"
    assert sheet["H3"].value == 45.6
    title, head = sheet["A1"], sheet["B2"]
    assert (title.font.b, title.font.sz, title.font.name) == (True, 16, "宋体")
    assert sheet.row_dimensions[1].height == pytest.approx(30, abs=0.05)
    assert (head.font.b, head.fill.fill_type, head.fill.fgColor.rgb[-6:]) == (
        True,
        "solid",
        "D9D9D9",
    )
    assert (head.border.top.style, head.alignment.horizontal) == ("thin", "center")
    assert sheet["B3"].fill.fill_type is None
    assert sheet["B3"].font.b is not True
    widths = {k: sheet.column_dimensions[k].width for k in DESIGNED_WIDTHS}
    assert widths == pytest.approx(DESIGNED_WIDTHS, abs=0.05)
    assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth) == ("landscape", 1)
    assert sheet["A9"].value == "制表人：张三"
    assert book["退出名单2"]["C4"].value == "533325********9669"
    assert book["说明"]["A1"].value == EXPECTED[name]["other_sheets"]["说明"]["cells"]["A1"]


def test_an_xlsb_is_converted_with_its_values_and_says_its_look_is_lost(tmp_path: Path) -> None:
    """Nothing reads an .xlsb's styles: values and merges are kept, the columns fitted."""
    from tests.xlsb import write_xlsb

    source = write_xlsb(
        tmp_path / "名单.xlsb", [(0, 0, 1.0), (0, 1, 45.5), (1, 0, 2.0), (1, 1, 58.25)]
    )
    output = tmp_path / "公示.xlsx"
    done = mask_cells(source, output, {("名单", 2, 2): "已隐藏"})
    lost = [str(m) for m in done.lost]
    assert any(m.startswith("fonts, fills, borders") for m in lost)
    sheet = openpyxl.load_workbook(output)["名单"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [[1, 45.5], [2, "已隐藏"]]
    assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth) == ("landscape", 1)


@pytest.mark.parametrize(
    ("source", "output"),
    [
        ("item22-clean.xls", "out.xls"),
        ("item22-clean.ods", "out.ods"),
        ("item22-clean.xlsx", "out.xlsm"),
        ("item22-clean.xlsx", "out.csv"),
        ("item22-clean.csv", "out.xlsx"),
    ],
)
def test_outputs_that_cannot_be_written_are_refused(
    source: str, output: str, tmp_path: Path
) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        mask_cells(OFFICERS / source, tmp_path / output, CLEAN_MASKS)
    assert source in str(caught.value) or output in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_sheet_names_it_and_the_sheets(tmp_path: Path) -> None:
    output = tmp_path / "out.xlsx"
    with pytest.raises(InvalidArgumentError) as caught:
        mask_cells(OFFICERS / "item22-clean.xlsx", output, {("Sheet1", 3, 3): "x"})
    assert "no sheet named 'Sheet1' (sheets: 退出名单, 退出名单2, 说明)" in str(caught.value)
    assert "没有名为 'Sheet1' 的工作表" in caught.value.localized("zh")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("row", "column"), [(0, 3), (3, 0), (1_048_577, 1), (1, 16_385)])
def test_a_cell_outside_any_sheet_is_refused(row: int, column: int, tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="rows count from 1"):
        mask_cells(
            OFFICERS / "item22-clean.xlsx", tmp_path / "o.xlsx", {("退出名单", row, column): ""}
        )


def test_a_missing_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    output = tmp_path / "没有" / "公示.xlsx"
    with pytest.raises(OutputError, match="cannot write the file: No such file or directory"):
        mask_cells(OFFICERS / "item22-clean.xlsx", output, CLEAN_MASKS)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "只读"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="Permission denied"):
            mask_cells(OFFICERS / "item22-clean.xlsx", folder / "公示.xlsx", CLEAN_MASKS)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_failed_rename_leaves_no_partial_file_and_the_old_output_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a read-only folder would, for a user who is not root: the rename is refused."""
    output = tmp_path / "公示.xlsx"
    output.write_bytes(b"the officer's earlier file")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match=r"公示\.xlsx: cannot write the file: Permission denied"):
        mask_cells(OFFICERS / "item22-clean.xlsx", output, CLEAN_MASKS)
    assert [p.name for p in tmp_path.iterdir()] == ["公示.xlsx"]
    assert output.read_bytes() == b"the officer's earlier file"


def test_a_full_disk_names_the_output_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parts written beside the output fill the disk: the error names the output (it
    was a bare "No space left on device", from the shared strings' temporary file)."""
    import errno
    import tempfile

    def full(*args: object, **kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "TemporaryFile", full)
    output = tmp_path / "公示.xlsx"
    with pytest.raises(
        OutputError, match=r"公示\.xlsx: cannot write the file: No space left on device"
    ):
        mask_cells(OFFICERS / "item22-clean.xlsx", output, CLEAN_MASKS)
    assert list(tmp_path.iterdir()) == []


def test_a_full_temporary_folder_is_not_blamed_on_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old values kept aside (zfgk._spill) fill the temporary folder, the output's disk
    has room: the error names the temporary folder, not the output."""
    import errno
    import tempfile

    from zfgk import _spill

    real = tempfile.TemporaryFile

    def temporary_folder_full(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("dir") is None:  # the spill's (the room's own are beside the output)
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "TemporaryFile", temporary_folder_full)
    monkeypatch.setattr(_spill, "BATCH", 1)  # every old value written to the file
    output = tmp_path / "公示.xlsx"
    with pytest.raises(OSError, match="No space left on device") as raised:
        mask_cells(OFFICERS / "item22-clean.xlsx", output, CLEAN_MASKS)
    assert not isinstance(raised.value, OutputError)
    assert raised.value.filename == tempfile.gettempdir()
    assert list(tmp_path.iterdir()) == []


def test_an_output_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "公示.xlsx").mkdir()
    with pytest.raises(OutputError, match="cannot write the file"):
        mask_cells(OFFICERS / "item22-clean.xlsx", tmp_path / "公示.xlsx", CLEAN_MASKS)
    assert [p.name for p in tmp_path.iterdir()] == ["公示.xlsx"]


def test_unreadable_sources(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such workbook"):
        mask_cells(tmp_path / "没有.xlsx", tmp_path / "o.xlsx", {})
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 truncated")
    with pytest.raises(InputError, match="damaged or truncated"):
        mask_cells(broken, tmp_path / "o.xlsx", {})
    broken_xls = tmp_path / "坏.xls"
    broken_xls.write_bytes(b"\xd0\xcf\x11\xe0 truncated")
    with pytest.raises(InputError, match="not a workbook"):  # too short to be one
        mask_cells(broken_xls, tmp_path / "o.xlsx", {})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["坏.xls", "坏.xlsx"]


def _workbook_with_id_in(tmp_path: Path, where: str) -> Path:
    """A sheet whose B2 holds an ID; the same ID also sits in ``where``."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["姓名", "身份证号"])
    sheet.append(["许春梅", CLEAN_IDS[0]])
    if where == "comment":
        sheet["A2"].comment = Comment(f"核对：{CLEAN_IDS[0]}", "科员")
    elif where == "page header":
        sheet.oddHeader.center.text = CLEAN_IDS[0]
    elif where == "defined name":
        book.defined_names["证号"] = DefinedName("证号", attr_text=f'"{CLEAN_IDS[0]}"')
    elif where == "another cell":
        sheet["C2"] = f"备注：{CLEAN_IDS[0]}"
    path = tmp_path / "名单.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("where", ["comment", "page header", "defined name"])
def test_an_old_value_left_outside_the_cells_stops_the_writing(where: str, tmp_path: Path) -> None:
    source = _workbook_with_id_in(tmp_path, where)
    output = tmp_path / "公示.xlsx"
    with pytest.raises(PrivacyError) as caught:
        mask_cells(source, output, {("名单", 2, 2): "441622********403X"})
    assert "the old value of 名单!B2 would remain in the written file" in str(caught.value)
    assert CLEAN_IDS[0] not in str(caught.value)
    assert not output.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.xlsx"]


@pytest.mark.parametrize("spilled", [False, True])
def test_an_old_value_is_found_in_any_batch_of_the_search(
    spilled: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many cells changed: their old values are kept on disk and searched for a few at a time;
    the one left in a comment is found in a later batch, and its cell named."""
    monkeypatch.setattr("zfgk._spill.BATCH", 3)
    monkeypatch.setattr("zfgk.workbooks._edit._SEARCHED_AT_ONCE", 2)
    ids = [*CLEAN_IDS, *CLEAN_IDS][:12]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["姓名", "身份证号"])
    for n, number in enumerate(ids):
        sheet.append([f"人{n}", f"{number} 号" if n % 2 else number])  # shared and not
    sheet["A2"].comment = Comment(f"核对：{ids[6]}", "科员")
    source = tmp_path / "名单.xlsx"
    book.save(source)
    spill, plain = CellSpill(), {}
    for row in range(2, len(ids) + 2):
        spill["名单", row, 2] = plain["名单", row, 2] = "441622********403X"
    changes = cast("Mapping[tuple[str, int, int], str]", spill) if spilled else plain
    output = tmp_path / "公示.xlsx"
    with pytest.raises(PrivacyError) as caught:
        mask_cells(source, output, changes)
    assert "the old value of 名单!B8 would remain in the written file" in str(caught.value)
    assert not output.exists()
    sheet["A2"].comment = None
    book.save(source)
    done = mask_cells(source, output, changes)
    assert done.cells == len(ids)
    cells = openpyxl.load_workbook(output)["名单"]
    assert {cells.cell(row, 2).value for row in range(2, len(ids) + 2)} == {"441622********403X"}


def test_cells_on_disk_of_a_sheet_that_is_not_there_are_refused(tmp_path: Path) -> None:
    """A sheet key that names no sheet is refused whether the cells come as a dict or not."""
    source = _workbook_with_id_in(tmp_path, "another cell")
    for key in (0, "别的表"):
        spill = CellSpill()
        spill[key, 2, 2] = "441622********403X"
        with pytest.raises(InvalidArgumentError, match="no sheet named"):
            mask_cells(
                source, tmp_path / "公示.xlsx", cast("Mapping[tuple[str, int, int], str]", spill)
            )
        spill.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名单.xlsx"]


def test_an_old_value_in_a_cell_left_unchanged_is_the_callers_choice(tmp_path: Path) -> None:
    source = _workbook_with_id_in(tmp_path, "another cell")
    output = tmp_path / "公示.xlsx"
    mask_cells(source, output, {("名单", 2, 2): "441622********403X"})
    sheet = openpyxl.load_workbook(output)["名单"]
    assert (sheet["B2"].value, sheet["C2"].value) == ("441622********403X", f"备注：{CLEAN_IDS[0]}")


def test_new_text_is_written_as_text(tmp_path: Path) -> None:
    """A new value that begins with "=" is not a formula; a number cell becomes text."""
    output = tmp_path / "o.xlsx"
    mask_cells(
        OFFICERS / "item22-ids-as-numbers.xlsx",
        output,
        {("Sheet1", 2, 3): "=1+1", ("Sheet1", 3, 3): "530824********5804"},
    )
    sheet = openpyxl.load_workbook(output)["Sheet1"]
    assert (sheet["C2"].data_type, sheet["C2"].value) == ("s", "=1+1")
    assert (sheet["C3"].data_type, sheet["C3"].value) == ("s", "530824********5804")


# --- mark_problems -------------------------------------------------------------------------


def test_marks_on_the_officers_sheet(tmp_path: Path) -> None:
    output = tmp_path / "问题.xlsx"
    marks = [
        CellMark(3, 3, "身份证号未隐藏出生日期（第7至14位）"),
        CellMark(5, 8, "面积不是两位小数", Severity.WARNING),
        CellMark(5, 8, "面积超出套型标准"),  # error and warning on one cell: red, both said
        CellMark(1, 4, "标题不是记录", Severity.WARNING),  # D1 lies under A1:J1
        CellMark(8, 3, "身份证号为空"),  # row 8 is blank: striped and boxed
    ]
    summary = ["检查记录 5 条：错误 3 个，警告 2 个", "第 1 行是标题，不是记录", "第 9 行是表尾"]
    assert mark_problems(output, marks, summary, workbook=OFFICERS / "item22-clean.xlsx") == output
    book = openpyxl.load_workbook(output)
    # The whole workbook, its summary first (说明 is the list's own sheet's name).
    assert book.sheetnames == REPORT_SHEETS
    assert book.active.title == "说明 (zfgk)"
    assert [bool(s.sheet_view.tabSelected) for s in book.worksheets] == [True, False, False, False]
    summary_sheet = book["说明 (zfgk)"]
    assert [summary_sheet.cell(row=r, column=1).value for r in range(1, 9)] == [
        *summary,
        None,
        "填充此颜色的单元格有错误，单元格批注说明是什么问题",
        "填充此颜色的单元格有警告，单元格批注说明是什么问题",
        "空白单元格以此颜色的斜线和边框标出的有错误，单元格批注说明是什么问题",
        "空白单元格以此颜色的斜线和边框标出的有警告，单元格批注说明是什么问题",
    ]
    assert summary_sheet["A5"].fill.fgColor.rgb == RED
    assert summary_sheet["A6"].fill.fgColor.rgb == YELLOW
    assert (summary_sheet["A7"].fill.patternType, summary_sheet["A7"].fill.fgColor.rgb) == (
        "lightUp",
        BLANK_RED,
    )
    listed = [summary_sheet.cell(row=r, column=1).value for r in range(10, 15)]
    assert listed == [
        "有问题的单元格（按工作表中的顺序）",
        "退出名单!A1  标题不是记录",
        "退出名单!C3  身份证号未隐藏出生日期（第7至14位）",
        "退出名单!H5  面积不是两位小数；面积超出套型标准",
        "退出名单!C8  身份证号为空",
    ]
    before = openpyxl.load_workbook(OFFICERS / "item22-clean.xlsx")["退出名单"]
    after = book["退出名单"]
    marked = {"C3": RED, "H5": RED, "A1": YELLOW, "C8": BLANK_RED}
    assert after["C3"].comment.text == "身份证号未隐藏出生日期（第7至14位）"
    assert after["H5"].comment.text == "面积不是两位小数\n面积超出套型标准"
    assert after["A1"].comment.text == "标题不是记录"
    assert all(after[c].comment.author == "zfgk" for c in marked)
    assert (after["C8"].fill.patternType, after["C8"].border.left.style) == ("lightUp", "medium")
    for name, cell in _cells(before).items():
        new = after[name]
        assert new.value == cell.value, name  # every value in its place
        if name in marked:
            assert new.fill.fgColor.rgb == marked[name]
            assert _style(new)[0] == _style(cell)[0]  # font
            if name != "C8":
                assert new.fill.fill_type == "solid"
                assert _style(new)[2:] == _style(cell)[2:]  # border, alignment, format, protection
        else:
            assert _style(new) == _style(cell), name
            assert new.comment is None, name
    assert sorted(map(str, after.merged_cells.ranges)) == CLEAN["merged"]
    # The other sheets are the officer's, part for part.
    with zipfile.ZipFile(OFFICERS / "item22-clean.xlsx") as a, zipfile.ZipFile(output) as b:
        for name in ("xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml", "xl/theme/theme1.xml"):
            assert a.read(name) == b.read(name)


def test_comment_boxes_grow_with_their_text_and_sit_beside_their_cell(tmp_path: Path) -> None:
    """Sizes and anchors worked out by hand from the sheet's widths (C 21, D 14, E 26, F 14
    characters: 7 pixels each plus 5) and heights (row 1 30 points = 40 pixels, others 20)."""
    output = tmp_path / "问题.xlsx"
    long = "；".join(["身份证号未隐藏出生日期"] * 8)
    marks = [CellMark(3, 3, "姓名为空"), CellMark(4, 3, long), CellMark(2, 10, "表头")]
    mark_problems(output, marks, [], workbook=OFFICERS / "item22-clean.xlsx")
    sheet = openpyxl.load_workbook(output)["退出名单"]
    assert (sheet["C3"].comment.text, sheet["C4"].comment.text) == ("姓名为空", long)
    assert sheet.page_setup.cellComments == "atEnd"
    with zipfile.ZipFile(output) as archive:
        vml = next(archive.read(n) for n in archive.namelist() if n.endswith(".vml")).decode()
    # 300 px wide; one line for the short text, five for 95 characters at 20 a line.
    assert "width:300px;height:30px" in vml
    assert "width:300px;height:102px" in vml
    anchors = re.findall(r"<\w+:Anchor>([^<]*)</\w+:Anchor>", vml)
    # From 15 px into the next column and 10 px into the row above, 315 px right and
    # (height + 10) px down: C3 ends in F (103 + 187 + 25), C4 five rows lower.
    assert sorted(anchors) == sorted(
        [
            "3, 15, 1, 10, 5, 25, 2, 20",
            "3, 15, 2, 10, 5, 25, 7, 12",
            "10, 15, 0, 10, 14, 59, 0, 40",  # J2: columns K-N of 64 px, row 1 of 40 px
        ]
    )


def test_the_officers_own_comment_stays_under_the_problem(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["姓名"])
    book.active.append(["许春梅"])
    book.active["A2"].comment = Comment("已电话核实", "科员")
    book.active.sheet_view.tabSelected = True
    source = tmp_path / "名单.xlsx"
    book.save(source)
    output = tmp_path / "问题.xlsx"
    mark_problems(output, [CellMark(2, 1, "姓名未隐藏")], [], workbook=source, language="en")
    report = openpyxl.load_workbook(output)
    assert report.sheetnames == ["Summary", "Sheet"]
    # The officer's sheet was the selected tab; two selected tabs would open grouped.
    assert openpyxl.load_workbook(source)["Sheet"].sheet_view.tabSelected is True
    assert [bool(s.sheet_view.tabSelected) for s in report.worksheets] == [True, False]
    assert report["Sheet"]["A2"].comment.text == "姓名未隐藏\n\n已电话核实"
    assert report["Summary"]["A2"].value == (
        "Cells filled this colour hold an error; the comment says which"
    )


def test_the_summary_sheet_yields_its_name_to_a_checked_sheet_of_that_name(tmp_path: Path) -> None:
    output = tmp_path / "问题.xlsx"
    mark_problems(output, [], ["不是表格"], workbook=OFFICERS / "item22-clean.xlsx", sheet="说明")
    book = openpyxl.load_workbook(output)
    assert book.sheetnames == REPORT_SHEETS
    assert (
        book["说明"]["A1"].value
        == EXPECTED["item22-clean.xlsx"]["other_sheets"]["说明"]["cells"]["A1"]
    )


def test_marks_on_a_sheet_built_from_csv_rows(tmp_path: Path) -> None:
    """item19-title-merged.csv: title on line 1, header on 2; rows stay on their lines."""
    with (OFFICERS / "item19-title-merged.csv").open(encoding="utf-8", newline="") as f:
        lines = list(enumerate(csv.reader(f), start=1))
    header = lines[1][1]
    rows = [(n, values) for n, values in lines if n >= 3]
    output = tmp_path / "问题.xlsx"
    marks = [CellMark(4, 7, "所在建设项目名称为空"), CellMark(6, 1, "空行", Severity.WARNING)]
    mark_problems(
        output, marks, ["第 4 行缺项目名称"], header=header, rows=rows, header_row=2, language="en"
    )
    book = openpyxl.load_workbook(output)
    assert book.sheetnames == ["Summary", "Sheet1"]
    sheet = book["Sheet1"]
    assert sheet["A1"].value is None
    assert [c.value for c in sheet[2]] == [
        "序号",
        "保障对象姓名",
        "保障性住房类型",
        "房号",
        "面积",
        "套型",
        "所在建设项目名称",
    ]
    assert sheet["A2"].font.b is True
    assert sheet.freeze_panes == "A3"
    assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth) == ("landscape", 1)
    assert (sheet["B3"].value, sheet["E3"].value, sheet["G3"].value) == ("张*", "45.60", "民心佳园")
    assert sheet["G4"].value is None
    assert sheet["A10"].value == "制表人：张三"
    # G4 is blank: striped in dark red and boxed, to stand out of a column of red cells.
    assert (sheet["G4"].fill.fgColor.rgb, sheet["G4"].comment.text) == (
        BLANK_RED,
        "所在建设项目名称为空",
    )
    assert sheet["A6"].fill.fgColor.rgb == BLANK_YELLOW  # a blank row: striped yellow
    marked = {"G4", "A6"}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.coordinate not in marked:
                assert cell.comment is None
                assert cell.fill.fgColor.rgb in ("00000000", "FFD9D9D9"), cell.coordinate


def test_a_report_from_an_xls_and_on_the_sheet_asked_for(tmp_path: Path) -> None:
    output = tmp_path / "问题.xlsx"
    mark_problems(
        output,
        [CellMark(2, 3, "身份证号未隐藏")],
        [],
        workbook=OFFICERS / "item22-clean.xls",
        sheet="退出名单2",
    )
    book = openpyxl.load_workbook(output)
    assert book.sheetnames == REPORT_SHEETS
    assert book["退出名单2"]["C2"].value == SECOND["records"]["2"]["身份证号"]
    assert book["退出名单2"]["C2"].fill.fgColor.rgb == RED


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"language": "fr"}, "unknown language 'fr'"),
        ({"output": "问题.csv"}, r"a report is written as \.xlsx, not \.csv"),
        ({"header": None}, "either from a workbook or from a header and rows"),
        ({"workbook": OFFICERS / "item22-clean.xlsx"}, "either from a workbook"),
        ({"marks": [CellMark(0, 1, "x")]}, "sheet 'Sheet1' has no row 0, column 1"),
        ({"header_row": 0}, "has no row 0"),
    ],
)
def test_reports_that_cannot_be_made(kwargs: dict[str, Any], message: str, tmp_path: Path) -> None:
    arguments: dict[str, Any] = {
        "output": "问题.xlsx",
        "marks": [],
        "summary": [],
        "header": ["姓名"],
        "rows": [(2, ["张*"])],
    }
    arguments.update(kwargs)
    arguments["output"] = tmp_path / arguments["output"]
    with pytest.raises(ZfgkError, match=message):
        mark_problems(**arguments)
    assert list(tmp_path.iterdir()) == []


def _as_xlsm(tmp_path: Path) -> Path:
    """item22-clean as a macro-enabled workbook: Excel's content type and a VBA project part."""
    path = tmp_path / "名单.xlsm"
    with (
        zipfile.ZipFile(OFFICERS / "item22-clean.xlsx") as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for part in source.namelist():
            content = source.read(part)
            if part == "[Content_Types].xml":
                content = content.replace(
                    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                ).replace(
                    b"</Types>",
                    b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
                    b"</Types>",
                )
            target.writestr(part, content)
        target.writestr("xl/vbaProject.bin", b"the officer's macros")
    return path


def test_an_xlsm_keeps_its_macros_as_xlsm_and_drops_them_as_xlsx(tmp_path: Path) -> None:
    source = _as_xlsm(tmp_path)
    mask_cells(source, tmp_path / "公示.xlsm", CLEAN_MASKS)
    mask_cells(source, tmp_path / "公示.xlsx", CLEAN_MASKS)
    with zipfile.ZipFile(tmp_path / "公示.xlsm") as kept:
        assert kept.read("xl/vbaProject.bin") == b"the officer's macros"
        assert b"macroEnabled" in kept.read("[Content_Types].xml")
    with zipfile.ZipFile(tmp_path / "公示.xlsx") as dropped:
        assert "xl/vbaProject.bin" not in dropped.namelist()
        assert b"macroEnabled" not in dropped.read("[Content_Types].xml")
    for name in ("公示.xlsm", "公示.xlsx"):
        sheet = openpyxl.load_workbook(tmp_path / name)["退出名单"]
        assert sheet["C7"].value == "110107********0586"


def test_the_search_for_old_values_finds_them_inside_and_across_each_other() -> None:
    from zfgk.workbooks._search import search as _search

    needles = {"张三".encode(), "张三丰".encode(), "三丰X".encode(), "李四".encode()}
    search = _search(needles)
    text = "<t>制表人：张三丰X</t>".encode()
    assert search.found(text) == {"张三".encode(), "张三丰".encode(), "三丰X".encode()}
    assert search.found(text, among=["三丰X".encode()]) == {"三丰X".encode()}
    assert search.found("<t>王五</t>".encode()) == set()
    ids = _search([b"441622194704064031", b"441622199306013237", b"510903196510119454"])
    assert ids.found(b"<v>441622199306013237</v><v>5109031965</v>") == {b"441622199306013237"}


def test_a_name_masked_in_its_cell_may_stay_in_a_footer_cell(tmp_path: Path) -> None:
    """item19-title-merged: the officer 张三 signs the footer (A10); a record's 张三 is masked."""
    output = tmp_path / "公示.xlsx"
    source = OFFICERS / "item19-title-merged.xlsx"
    book = openpyxl.load_workbook(source)
    book["分配结果"]["B3"] = "张三"
    changed = tmp_path / "名单.xlsx"
    book.save(changed)
    mask_cells(changed, output, {("分配结果", 3, 2): "张*"})
    sheet = openpyxl.load_workbook(output)["分配结果"]
    assert (sheet["B3"].value, sheet["A10"].value) == ("张*", "制表人：张三")


def test_a_hidden_sheet_of_an_xls_stays_hidden(tmp_path: Path) -> None:
    output = tmp_path / "公示.xlsx"
    source = Path(__file__).parent / "data" / "xlsx_edit" / "hidden-sheet.xls"
    mask_cells(source, output, {("名单", 2, 2): "441622********403X"})
    book = openpyxl.load_workbook(output)
    assert book.sheetnames == ["名单", "底稿"]
    assert [s.sheet_state for s in book.worksheets] == ["visible", "hidden"]
    assert book["名单"]["B2"].value == "441622********403X"
    assert book["底稿"]["A1"].value == "内部底稿"


def test_a_report_from_a_csv_file_as_a_workbook_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidArgumentError, match="give the header and the rows"):
        mark_problems(tmp_path / "问题.xlsx", [], [], workbook=OFFICERS / "item22-clean.csv")
    assert list(tmp_path.iterdir()) == []
