"""zfgk.tables: one CSV parser and one line reader, read the same by every command.

The answers are what Excel and LibreOffice show for the same bytes: a quote
inside a cell that does not start with one is text; a quoted cell may hold
line breaks, and the record after it is the next spreadsheet row.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from zfgk.errors import InputError, OutputError, ZfgkError
from zfgk.tables import (
    FOOTER_LABELS,
    ROW_NUMBER_HEADERS,
    TOTAL_WORDS,
    atomic_output,
    delimited_table,
    footer_labels,
    read_lines,
    read_records,
    read_table,
    total_word,
    unquote,
)


def write(tmp_path: Path, data: bytes, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_errors_live_in_errors() -> None:
    assert issubclass(InputError, ZfgkError)
    assert issubclass(InputError, ValueError)
    assert issubclass(OutputError, ZfgkError)
    assert issubclass(OutputError, OSError)


def test_table_and_records_agree_on_a_quote_inside_a_cell(tmp_path: Path) -> None:
    # 6"号楼 is a cell as Excel shows it; the next line is the next row.
    path = write(tmp_path, '姓名,备注\n张*,6"号楼\n李*,无\n'.encode())
    assert list(delimited_table(path).lists()) == [(2, ["张*", '6"号楼']), (3, ["李*", "无"])]
    records = read_records(path)[1]
    assert [(row, text) for row, text, _ in records] == [
        (1, "姓名,备注\n"),
        (2, '张*,6"号楼\n'),
        (3, "李*,无\n"),
    ]


def test_quoted_cells_with_line_breaks_and_doubled_quotes(tmp_path: Path) -> None:
    data = '姓名,备注\r\n"张*","说""明""\r\n第二行"\r\n李*,"a,b"\r\n'.encode("gb18030")
    path = write(tmp_path, data)
    table = delimited_table(path)
    assert table.format is not None
    assert table.format.encoding == "gb18030"
    assert list(table.lists()) == [(2, ["张*", '说"明"\r\n第二行']), (3, ["李*", "a,b"])]
    fields = [[unquote(text[a:b]) for a, b in spans] for _, text, spans in read_records(path)[1]]
    assert fields == [["姓名", "备注"], ["张*", '说"明"\r\n第二行'], ["李*", "a,b"]]


def test_counts_records_and_blank_rows(tmp_path: Path) -> None:
    path = write(tmp_path, "姓名,房号\n张*,1\n,\n\n李*,2\n".encode())
    table = read_table(path)
    assert [row for row, _ in table.lists()] == [2, 5]
    assert (table.record_count, table.blank_rows) == (2, 2)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'a,b\n"x,1\n', "row 2: a quoted field is not closed"),
        (b'a,b\n"x"y,1\n', "row 2: text after the closing quote of field 1"),
        # The bad bytes sit on line 4, in row 3: rows are the sheet's.
        (b'a,b\n"x\ny",1\n\xff,2\n', "row 3: bytes that are not utf-8 text"),
        (b"", "the file is empty"),
    ],
)
def test_malformed_files_name_the_row(tmp_path: Path, data: bytes, message: str) -> None:
    path = write(tmp_path, data)
    with pytest.raises(InputError, match=message):
        list(delimited_table(path, "utf-8").lists())
    with pytest.raises(InputError, match=message):
        list(read_records(path, "utf-8")[1])


def test_bad_bytes_after_a_utf8_bom_are_refused(tmp_path: Path) -> None:
    # A BOM says UTF-8 without the rest being read: its lines are still checked.
    path = write(tmp_path, codecs.BOM_UTF8 + "姓名\n张*\n".encode() + b"\xff\n")
    with pytest.raises(InputError, match="row 3: bytes that are not utf-8-sig text"):
        list(delimited_table(path).lists())


def test_truncated_utf16_says_so(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "姓名\r\n张*\r\n".encode("utf-16-le") + b"\x00"
    path = write(tmp_path, data, "t.txt")
    with pytest.raises(InputError, match="row 3: the file ends in the middle of a character"):
        list(read_lines(path))


def test_lines_keep_their_endings(tmp_path: Path) -> None:
    path = write(tmp_path, "一\r\n二\n三".encode("gb18030"), "t.txt")
    assert list(read_lines(path)) == [(1, "一\r\n"), (2, "二\n"), (3, "三")]


def test_atomic_output_leaves_the_old_file_on_error(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old", encoding="utf-8")

    def fail() -> None:
        with atomic_output(path, "utf-8") as f:
            f.write("new")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail()
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


# Footers, totals and titles: the labels live in zfgk.tables._footers, once.


@pytest.mark.parametrize(
    ("row", "labels"),
    [
        (["制表人：张三", "", "审核人：李四", "日期：2026年9月28日"], ("制表人", "审核人", "日期")),
        (["制表人:王五", "日期:2026-09-28"], ("制表人", "日期")),  # ASCII colons
        (["  制 表 人 ： 张三"], ("制表人",)),  # spaces inside and around
        (["填报单位：某区住建局", "填报日期：2026-09-28"], ("填报单位", "填报日期")),
        (["注：公示期为10个工作日。"] * 7, ("注",)),  # a note merged across the sheet
        (["说明：调换房源"], ("说明",)),
        (["附注：无"], ("附注",)),
    ],
)
def test_footer_labels(row: list[str], labels: tuple[str, ...]) -> None:
    assert footer_labels(row) == labels


@pytest.mark.parametrize(
    "row",
    [
        ["制表人张三"],  # no colon
        ["2", "马**", "注：已核实"],  # a record with a note in its 备注 cell
        ["制表人：张三", "王五"],  # one filled cell without a label
        ["", ""],
        ["注释：见附件"],  # not a label of ours
    ],
)
def test_not_footers(row: list[str]) -> None:
    assert footer_labels(row) is None


def test_total_words() -> None:
    assert [total_word(r) for r in (["合计", "", "261.75"], ["", "总 计："], ["小计"])] == [
        "合计",
        "总计",
        "小计",
    ]
    assert total_word(["1", "合计"]) is None
    assert set(TOTAL_WORDS) == {"合计", "总计", "小计"}
    assert {"制表人", "审核人", "日期", "注", "说明", "附注"} <= set(FOOTER_LABELS)


def test_a_footer_like_row_in_the_data_is_a_record(tmp_path: Path) -> None:
    text = "姓名,房号\n张*,1\n合计,\n制表人：王五,\n李*,2\n\n合计,2\n制表人：王五,日期：9月28日\n"
    table = read_table(write(tmp_path, text.encode()), known={"姓名"})
    assert [row for row, _ in table.lists()] == [2, 3, 4, 5]
    assert (table.record_count, table.blank_rows) == (4, 1)
    assert [str(note.message) for note in table.notes] == [
        "row 7: total (合计), not a record",
        "row 8: footer (制表人, 日期), not a record",
    ]


def test_titles_and_two_header_rows_in_csv(tmp_path: Path) -> None:
    text = (
        "2026年第三批公共租赁住房分配结果公示,,,\n"
        "（第二次公示）,,,\n"
        ",,,\n"
        "序号,保障对象姓名,房屋信息,,\n"
        ",,房号,面积,\n"
        "1,张*,1-101,45.6,\n"
    )
    table = read_table(write(tmp_path, text.encode()), known={"保障对象姓名", "房号", "面积"})
    assert table.header == ["序号", "保障对象姓名", "房号", "面积"]  # trailing empty one trimmed
    assert table.header_rows == (4, 5)
    assert list(table.lists()) == [(6, ["1", "张*", "1-101", "45.6"])]
    assert [(n.first, n.last, n.text) for n in table.notes] == [
        (1, 2, "2026年第三批公共租赁住房分配结果公示, （第二次公示）")
    ]
    assert table.blank_rows == 1


def test_row_number_column_counts_as_known(tmp_path: Path) -> None:
    # Only 序号 is known (no caller names): still the header, not the one-cell title.
    text = "名单,,\n序号,甲,乙\n1,a,b\n"
    table = read_table(write(tmp_path, text.encode()))
    assert table.header_rows == (2, 2)
    assert "序号" in ROW_NUMBER_HEADERS


def test_header_after_many_blank_rows(tmp_path: Path) -> None:
    text = "\n" * 40 + "标题,,\n姓名,房号\n张*,1\n"
    table = read_table(write(tmp_path, text.encode()), known={"姓名"})
    assert table.header_rows == (42, 42)
    assert list(table.lists()) == [(43, ["张*", "1"])]
    assert table.blank_rows == 40


def test_a_blank_header_row_forced(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="row 2 is empty: it cannot be the header"):
        read_table(write(tmp_path, "姓名\n\n张*\n".encode()), header_row=2)
