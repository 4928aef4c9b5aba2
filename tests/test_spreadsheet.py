"""Catalogues as officers keep them: export to .xlsx/.csv/.json and load back (issue 13, part 1).

The expected cells are copied from the sources (``../shared/seeds``): the
Chongqing table's item 19 (分配结果) and the Shanyin table's item 14.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import zfgk
from zfgk import spreadsheet
from zfgk.cli import main
from zfgk.model import Note

# The columns the issue asks for, in the source table's order.
SOURCE_COLUMNS = [
    "序号",
    "一级事项",
    "二级事项",
    "公开内容",
    "公开依据",
    "公开时限",
    "公开主体",
    "公开渠道和载体",
    "公开对象",
    "公开方式",
    "公开层级",
]
CATALOGUES = ("chongqing", "shanyin")


def export(tmp_path: Path, catalogue: str, suffix: str) -> Path:
    path = tmp_path / f"{catalogue}{suffix}"
    assert main(["export", catalogue, "-o", str(path), "--lang", "en"]) == 0
    return path


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
@pytest.mark.parametrize("name", CATALOGUES)
def test_export_then_load_gives_back_equal_items(tmp_path: Path, name: str, suffix: str) -> None:
    path = export(tmp_path, name, suffix)
    loaded = zfgk.load_file(path)
    packaged = zfgk.load(name)
    assert loaded == packaged
    assert [i.number for i in loaded] == [i.number for i in packaged]
    assert zfgk.diff(packaged, loaded).same


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "Excel in China needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))


def test_csv_has_the_source_columns_and_cells(tmp_path: Path) -> None:
    rows = read_csv(export(tmp_path, "chongqing", ".csv"))
    assert rows[0] == [*SOURCE_COLUMNS, "zfgk数据"]
    assert len(rows) == 1 + 43
    row = dict(zip(rows[0], rows[19], strict=True))
    assert row["序号"] == "19"
    assert row["一级事项"] == "配给管理"
    assert row["二级事项"] == "分配结果"
    # The Chongqing source numbers its entries (1．…) rather than marking them.
    assert row["公开内容"].splitlines() == [
        "1. 保障对象姓名",
        "2. 保障性住房类型",
        "3. 房号面积套型",
        "4. 所在建设项目名称等",
    ]
    assert row["公开依据"].splitlines()[0] == "《中华人民共和国政府信息公开条例》"
    assert len(row["公开依据"].splitlines()) == 7
    assert row["公开时限"] == "信息获取（形成变更）20个工作日内"
    assert row["公开主体"] == "市、区县人民政府住房保障行政主管部门"
    assert row["公开渠道和载体"].splitlines() == ["政府网站", "两微一端"]
    assert (row["公开对象"], row["公开方式"], row["公开层级"]) == ("全社会", "主动", "市级、县级")


def test_csv_keeps_shanyin_marks(tmp_path: Path) -> None:
    rows = read_csv(export(tmp_path, "shanyin", ".csv"))
    row = next(dict(zip(rows[0], r, strict=True)) for r in rows[1:] if r[0] == "14")
    assert row["公开内容"].splitlines() == [
        "● 申请受理",
        "● 审核结果：申请对象姓名身份证号(隐藏部分号码)申请房源类型",
        "○ 是否审核通过",
        "○ 审核未通过原因等",
    ]
    assert row["公开主体"] == "山阴县住建局"
    assert row["公开渠道和载体"].splitlines() == [
        "政府网站",
        "广播电视",
        "政务服务中心",
        "社区/企事业单位公示栏",
    ]
    assert (row["公开对象"], row["公开方式"], row["公开层级"]) == ("全社会", "主动", "乡级")


def test_xlsx_is_laid_out_for_reading(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(export(tmp_path, "chongqing", ".xlsx"))
    sheet = book.active
    assert [c.value for c in sheet[1]][:11] == SOURCE_COLUMNS
    assert sheet.freeze_panes == "A2"
    assert sheet["D20"].alignment.wrap_text
    assert sheet["D20"].value.splitlines()[0] == "1. 保障对象姓名"
    assert sheet.column_dimensions["D"].width >= 30  # the content column is readable
    assert sheet.column_dimensions["L"].hidden  # the machine column is out of the way
    # 一级事项 merged as in the source: items 1–2 法规政策, 3–5 重大决策, 6–7 规划计划,
    # 8–12 建设管理, 13–20 配给管理, 21–32 配后管理, 33–38 办事指南, 39 政策解读
    # alone, 40–41 回应关切, 42–43 评价结果 (item N is on row N + 1).
    merged = sorted(str(r) for r in sheet.merged_cells.ranges)
    assert merged == sorted(
        ["B2:B3", "B4:B6", "B7:B8", "B9:B13", "B14:B21", "B22:B33", "B34:B39", "B41:B42", "B43:B44"]
    )
    assert sheet["B14"].value == "配给管理"


def officers_sheet(path: Path, rows: list[list[object]], merge: str | None = None) -> Path:
    """A workbook written from scratch, as an officer types one (no zfgk数据 column)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(SOURCE_COLUMNS)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def test_a_sheet_typed_by_an_officer_loads(tmp_path: Path) -> None:
    basis = "《中华人民共和国政府信息公开条例》\n《公共租赁住房管理办法》"
    path = officers_sheet(
        tmp_path / "县目录.xlsx",
        [
            [
                19,
                "配给管理",
                "分配结果",
                "● 保障对象姓名、身份证号（隐藏部分号码）、房号等",
                basis,
                "信息形成（变更）20个工作日内",
                "县住建局",
                "政府网站\n政务服务中心",
                "全社会",
                "主动",
                "县级、乡级",
            ],
            [
                20,
                None,  # merged with the cell above, as the source does
                "退出公告",
                "● 退出名单\n○ 退出原因",
                basis,
                "信息形成（变更）10个工作日内",
                "",
                "政府网站",
                "特定群体",
                "依申请",
                "县级",
            ],
        ],
        merge="B2:B3",
    )
    cat = zfgk.load_file(path)
    assert [i.number for i in cat] == [19, 20]
    assert not cat.complete
    first, second = cat.item(19), cat.item(20)
    assert second.category == "配给管理"
    names = [(f.name, f.personal, f.masked) for f in first.elements[0].fields]
    assert names == [
        ("保障对象姓名", zfgk.PersonalKind.NAME, False),
        ("身份证号", zfgk.PersonalKind.ID_NUMBER, True),
        ("房号", None, False),
    ]
    assert first.elements[0].open
    assert first.basis == ("《中华人民共和国政府信息公开条例》", "《公共租赁住房管理办法》")
    assert first.time_limit is not None
    assert first.time_limit.working_days == 20
    assert first.channels == frozenset({zfgk.Channel("政府网站"), zfgk.Channel("政务服务中心")})
    assert first.levels == frozenset({zfgk.Level("县级"), zfgk.Level("乡级")})
    assert second.time_limit is not None
    assert second.time_limit.working_days == 10
    assert [e.required for e in second.elements] == [True, False]
    assert second.subjects is None  # a blank cell: the sheet does not say
    assert second.audiences == frozenset({zfgk.Audience("特定群体")})
    assert second.modes == frozenset({zfgk.Mode("依申请")})
    # What the sheet asks masked is masked, and validation follows it.
    record = {"保障对象姓名": "张三", "身份证号": "11010519491231002X", "房号": "3-101"}
    assert [p.code.value for p in zfgk.validate(first, record).problems] == ["unmasked"]


def edit_csv(path: Path, number: int, column: str, value: str) -> None:
    rows = read_csv(path)
    index = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == str(number):
            row[index] = value
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))


def test_an_edited_copy_loads_with_its_edits(tmp_path: Path) -> None:
    path = export(tmp_path, "chongqing", ".csv")
    edit_csv(path, 19, "公开渠道和载体", "政府网站\n政务服务中心\n便民服务站")
    edit_csv(path, 19, "公开内容", "1. 保障对象姓名\n2. 房号、面积等")
    edited = zfgk.load_file(path)
    item = edited.item(19)
    assert item.channels == frozenset(
        {
            zfgk.Channel("政府网站"),
            zfgk.Channel("政务服务中心"),
            zfgk.Channel("便民服务站"),
        }
    )
    # The unchanged entry keeps the fields the catalogue gives it; the new one
    # gets fields by the plain rules and says so.
    assert item.elements[0] == zfgk.load("chongqing").item(19).elements[0]
    assert [f.name for f in item.elements[1].fields] == ["房号", "面积"]
    assert item.elements[1].open
    assert item.elements[1].note is not None
    assert "spreadsheet" in item.elements[1].note
    changed = zfgk.diff(zfgk.load("chongqing"), edited)
    assert changed.only_in_a == changed.only_in_b == ()
    assert [(d.number, d.attributes) for d in changed.changed] == [(19, ("elements", "channels"))]


def test_an_edited_cell_loses_the_judgements_recorded_about_it(tmp_path: Path) -> None:
    # Shanyin item 4's 公开时限 is blank in the source and read as continuing
    # item 3's merged cell; an officer who types a limit of their own has
    # replaced that judgement, while the other judgements about item 4 stand.
    packaged = zfgk.load("shanyin").item(4)
    assert "time_limit" in packaged.inferred_attributes()
    path = export(tmp_path, "shanyin", ".csv")
    edit_csv(path, 4, "公开时限", "信息形成（变更）15个工作日内")
    item = zfgk.load_file(path).item(4)
    assert item.time_limit is not None
    assert item.time_limit.working_days == 15
    assert item.inferred_attributes() == packaged.inferred_attributes() - {"time_limit"}


def test_a_copied_row_does_not_claim_the_original_s_source(tmp_path: Path) -> None:
    path = export(tmp_path, "shanyin", ".csv")
    rows = read_csv(path)
    copy = list(next(r for r in rows[1:] if r[0] == "4"))
    copy[0], copy[2] = "44", "自定事项"
    rows.append(copy)
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    cat = zfgk.load_file(path)
    new = cat.item(44)
    assert new.inferred == ()
    assert new.source_line is None
    assert new.source_cells == ()
    assert new.elements == cat.item(4).elements
    assert cat.item(4) == zfgk.load("shanyin").item(4)


def sheet_error(tmp_path: Path, number: int, column: str, value: str) -> str:
    path = export(tmp_path, "chongqing", ".csv")
    edit_csv(path, number, column, value)
    with pytest.raises(zfgk.CatalogueError) as info:
        zfgk.load_file(path)
    return str(info.value)


@pytest.mark.parametrize(
    ("column", "value", "problem"),
    [
        ("公开渠道和载体", "政府网站\n微博", "unknown channel label '微博'"),
        ("公开对象", "全体市民", "unknown audience label '全体市民'"),
        ("公开层级", "省级", "unknown level label '省级'"),
        ("公开时限", "尽快", "cannot read the time limit '尽快'"),
        ("序号", "十九", "not an item number: '十九'"),
        ("公开内容", "", "the item has no content"),
        ("zfgk数据", "{broken", "not valid JSON"),
    ],
)
def test_errors_name_the_row_and_the_column(
    tmp_path: Path, column: str, value: str, problem: str
) -> None:
    message = sheet_error(tmp_path, 19, column, value)
    assert f"chongqing.csv: row 20, column {column}: {problem}" in message


def test_a_number_given_twice_is_reported_on_its_second_row(tmp_path: Path) -> None:
    message = sheet_error(tmp_path, 19, "序号", "20")  # item 20 is on row 21
    assert "chongqing.csv: row 21, column 序号: item 20 again (also in row 20)" in message


def test_errors_in_an_xlsx_name_the_row_and_the_column(tmp_path: Path) -> None:
    path = export(tmp_path, "shanyin", ".xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet["A5"].value == 6  # Shanyin starts at item 3: item 6 is on row 5
    sheet["I5"] = "社会公众"
    book.save(path)
    with pytest.raises(zfgk.CatalogueError) as info:
        zfgk.load_file(path)
    assert "shanyin.xlsx: row 5, column 公开对象: unknown audience label '社会公众'" in str(
        info.value
    )


def test_a_sheet_without_the_columns_says_which(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text("序号,二级事项\n1,法规\n", encoding="utf-8-sig")
    with pytest.raises(zfgk.CatalogueError, match=r"row 1: not a catalogue sheet: it lacks"):
        zfgk.load_file(path)


def test_a_sheet_under_a_title_is_told_its_header_row(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text("2026年住房保障目录,\n序号,二级事项\n1,法规\n", encoding="utf-8-sig")
    with pytest.raises(zfgk.CatalogueError, match=r"row 2: not a catalogue sheet: it lacks"):
        zfgk.load_file(path)


# ------------------------------------------- catalogue sheets saved by LibreOffice

SHEETS = Path(__file__).parent / "data" / "catalogue-sheets"


@pytest.mark.parametrize("name", ["chongqing.xls", "chongqing.ods"])
def test_a_sheet_saved_as_xls_or_ods_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    # LibreOffice's copies of `zfgk export chongqing -o chongqing.xlsx` (see the README there).
    catalogue = zfgk.load_file(SHEETS / name)
    assert catalogue == zfgk.load("chongqing")
    assert len(catalogue.items) == 43
    assert catalogue.item(19).name == "分配结果"
    # Known by its first bytes, whatever its name says.
    unnamed = tmp_path / "目录"
    unnamed.write_bytes((SHEETS / name).read_bytes())
    assert zfgk.load_file(unnamed) == catalogue
    # Every command's --catalogue reads it.
    assert main(["show", "19", "--catalogue", str(SHEETS / name), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["name"] == "分配结果"
    assert main(["due", "2026-09-28", "--item", "19", "--catalogue", str(unnamed)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "2026-10-30 (Friday)"


def test_a_csv_named_as_a_workbook_is_read_as_a_sheet(tmp_path: Path) -> None:
    path = export(tmp_path, "shanyin", ".csv")
    named = path.rename(tmp_path / "县目录.xls")  # as some systems export a CSV
    assert zfgk.load_file(named) == zfgk.load("shanyin")


def test_what_is_neither_sheet_nor_json_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "目录.xls"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(zfgk.CatalogueError, match=r"目录.xls: binary data, not a table"):
        zfgk.load_file(path)
    with pytest.raises(zfgk.CatalogueError, match=r"cannot read the file"):
        zfgk.load_file(tmp_path / "missing.ods")
    named_json = tmp_path / "目录.json"
    named_json.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(zfgk.CatalogueError, match=r"目录.json: not UTF-8 text"):
        zfgk.load_file(named_json)


def test_errors_are_said_in_chinese_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(tmp_path, "chongqing", ".csv")
    edit_csv(path, 19, "公开渠道和载体", "微博")
    capsys.readouterr()
    assert main(["show", "19", "--catalogue", str(path), "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert "第 20 行" in err
    assert "公开渠道和载体" in err
    assert "微博" in err


def test_every_catalogue_option_reads_a_sheet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = export(tmp_path, "shanyin", ".xlsx")
    capsys.readouterr()
    assert main(["show", "14", "--catalogue", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["number"] == 14
    assert main(["due", "2026-10-20", "--item", "14", "--catalogue", str(path)]) == 0
    assert "2026-11-17" in capsys.readouterr().out


def test_export_refuses_an_unknown_format_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "chongqing.ods"
    assert main(["export", "chongqing", "-o", str(target), "--lang", "en"]) == 2
    assert "name a file ending in" in capsys.readouterr().err
    assert not target.exists()
    with pytest.raises(zfgk.InvalidArgumentError, match=r"cannot write a catalogue as '\.ods'"):
        spreadsheet.write(zfgk.load("chongqing"), target)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "chongqing.xlsx"
    target.write_bytes(b"the officer's own copy")

    def broken(catalogue: zfgk.Catalogue) -> bytes:
        raise RuntimeError("disk trouble")

    monkeypatch.setattr(spreadsheet._write, "_workbook", broken)
    with pytest.raises(RuntimeError):
        spreadsheet.write(zfgk.load("chongqing"), target)
    assert target.read_bytes() == b"the officer's own copy"
    assert [p.name for p in tmp_path.iterdir()] == ["chongqing.xlsx"]


def test_an_unwritable_place_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "chongqing.csv"
    assert main(["export", "chongqing", "-o", str(target), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("zfgk: error: ")
    assert "cannot write the file: No such file or directory" in err
    assert main(["export", "chongqing", "-o", str(target), "--lang", "zh"]) == 2
    assert "无法写入文件：没有那个文件或目录" in capsys.readouterr().err


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16"])
def test_a_sheet_saved_again_by_excel_loads(tmp_path: Path, encoding: str) -> None:
    # Excel in China saves "CSV (逗号分隔)" as GB18030 without a BOM, and
    # "Unicode 文本" as tab-separated UTF-16 with one.
    path = export(tmp_path, "shanyin", ".csv")
    rows = read_csv(path)
    buffer = io.StringIO(newline="")
    delimiter = "\t" if encoding == "utf-16" else ","
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    resaved = tmp_path / f"resaved-{encoding}.csv"
    resaved.write_bytes(buffer.getvalue().encode(encoding))
    assert zfgk.load_file(resaved) == zfgk.load("shanyin")


# ------------------------------------------- a sheet without its machine column


def drop_data_column(path: Path) -> None:
    """Delete the hidden zfgk数据 column, as an officer who tidies the sheet does."""
    if path.suffix == ".csv":
        rows = read_csv(path)
        index = rows[0].index("zfgk数据")
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\r\n").writerows(
            [r[:index] + r[index + 1 :] for r in rows]
        )
        path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
        return
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    sheet.delete_cols(header.index("zfgk数据") + 1)
    workbook.save(path)


def field_facts(
    catalogue: zfgk.Catalogue,
) -> dict[tuple[int, int], list[tuple[str, str | None, bool]]]:
    """(item, element) -> the element's fields: name, personal kind, masked."""
    return {
        (item.number, index): [
            (f.name, f.personal.value if f.personal else None, f.masked) for f in element.fields
        ]
        for item in catalogue
        for index, element in enumerate(item.elements)
    }


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("name", CATALOGUES)
def test_a_sheet_without_its_data_column_has_the_packaged_fields(
    tmp_path: Path, name: str, suffix: str
) -> None:
    # Issue 17: the fields a sheet's entries get by zfgk's rules are the
    # packaged catalogue's, element by element (the data's rule wins).
    path = export(tmp_path, name, suffix)
    drop_data_column(path)
    loaded = zfgk.load_file(path)
    assert field_facts(loaded) == field_facts(zfgk.load(name))


def test_the_rules_that_used_to_disagree(tmp_path: Path) -> None:
    # The cases of issue 17, with the fields the Chongqing table means.
    path = export(tmp_path, "chongqing", ".csv")
    drop_data_column(path)
    cat = zfgk.load_file(path)
    assert [f.name for f in cat.item(19).fields][2:5] == ["房号", "面积", "套型"]
    assert [f.name for f in cat.item(18).fields][-1] == "正文"  # not 正文，包括时间, 地点, …
    assert "建设、设计、施工和监理单位名称" in [f.name for f in cat.item(9).fields]
    assert all("spreadsheet" in (e.note or "") for e in cat.item(19).elements)


def _with_machine_data(tmp_path: Path, change: Any) -> Path:
    """The Shanyin sheet, each row's zfgk数据 cell changed by ``change``."""
    rows = read_csv(export(tmp_path, "shanyin", ".csv"))
    column = rows[0].index(spreadsheet.DATA_COLUMN)
    for row in rows[1:]:
        data = json.loads(row[column])
        change(data)
        row[column] = json.dumps(data, ensure_ascii=False)
    path = tmp_path / "edited.csv"
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return path


def test_the_sheet_records_notes_as_templates_said_in_chinese(tmp_path: Path) -> None:
    rows = read_csv(export(tmp_path, "shanyin", ".csv"))
    data = json.loads(rows[13][rows[0].index(spreadsheet.DATA_COLUMN)])  # item 15
    assert data["number"] == 15
    assert [
        "time_limit",
        {
            "message": "{column} is blank in the source; read as continuing "
            "the merged cell of item {item}",
            "params": {"column": "公开时限", "item": 13},
        },
        13,
    ] in (data["inferred"])
    item = zfgk.load_file(tmp_path / "shanyin.csv").item(15)
    note = next(i.note for i in item.inferred if i.attribute == "time_limit")
    assert note.localized("zh") == "来源中公开时限为空；视为延续第 13 项的合并单元格"


def test_a_sheet_of_zfgk_0x_keeps_its_english_notes(tmp_path: Path) -> None:
    # zfgk 0.x recorded each note as English text, and an element's as "note".
    def as_0x(data: dict[str, Any]) -> None:
        for element in data["elements"]:
            notes = element.pop("notes")
            element["note"] = "; ".join(Note.from_json(n).text for n in notes) or None
        data["inferred"] = [[a, Note.from_json(n).text, f] for a, n, f in data["inferred"]]
        if "catalogue" in data:
            data["catalogue"]["notes"] = [
                Note.from_json(n).text for n in data["catalogue"]["notes"]
            ]

    old = zfgk.load_file(_with_machine_data(tmp_path, as_0x))
    packaged = zfgk.load("shanyin")
    assert [n.text for n in old.notes] == [n.text for n in packaged.notes]
    assert all(n.verbatim for n in old.notes)
    for before, after in zip(old, packaged, strict=True):
        assert [(i.attribute, i.note.text) for i in before.inferred] == [
            (i.attribute, i.note.text) for i in after.inferred
        ]
        assert [e.note for e in before.elements] == [e.note for e in after.elements]


def test_notes_that_are_not_notes_name_the_cell(tmp_path: Path) -> None:
    def break_notes(data: dict[str, Any]) -> None:
        data["inferred"] = [[a, ["not", "a", "note"], f] for a, _, f in data["inferred"]]

    with pytest.raises(zfgk.CatalogueError, match=r"row 2, column zfgk数据: the notes it records"):
        zfgk.load_file(_with_machine_data(tmp_path, break_notes))
