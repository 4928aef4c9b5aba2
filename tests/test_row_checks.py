"""The records with problems of a check (``FileCheck.rows``), kept on disk past a few thousand:
the same rows, in the same order, as the tuple they were before (0.5.0)."""

from __future__ import annotations

import pickle
import random
import zipfile
from pathlib import Path

import pytest

from zfgk.files import RowCheck, check_file, check_lines
from zfgk.files._check import RowChecks
from zfgk.problems import Problem, ProblemCode, Report

openpyxl = pytest.importorskip("openpyxl")

#: Item 19's columns, as the lists of the tests below have them.
HEADER = ["序号", "保障对象姓名", "保障性住房类型", "房号", "面积", "套型", "所在建设项目名称"]


def _report(n: int) -> Report:
    field = ("姓名", "房号", "面积")[n % 3]
    return Report((Problem(ProblemCode.MISSING, field, f"{field} is required ({n % 5})"),))


@pytest.mark.parametrize("shared", [0, 3, 4096])
def test_rows_read_back_as_the_tuple_of_them(shared: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Iteration, indexing, slices and equality as a tuple's, whether a report is shared or
    kept beside its row (``shared`` distinct ones kept)."""
    monkeypatch.setattr("zfgk.files._check._SHARED_REPORTS", shared)
    draw = random.Random(shared)
    expected = [
        RowCheck(("名单", None, "第二批")[n % 3], n + 2, _report(draw.randrange(40)))
        for n in range(3000)
    ]
    rows = RowChecks(batch=64)
    for row in expected:
        rows.append(row.sheet, row.row, row.report)
    assert len(rows) == len(expected)
    assert list(rows) == expected
    assert rows == tuple(expected)
    assert tuple(expected) == rows
    assert rows != tuple(expected[:-1])
    for index in draw.sample(range(-3000, 3000), 200):
        assert rows[index] == expected[index]
    for start, stop, step in [(None, None, None), (5, 900, 7), (-10, None, None), (2000, 10, -3)]:
        assert rows[start:stop:step] == tuple(expected[start:stop:step])
    assert rows.sheets == ("名单", None, "第二批")
    assert pickle.loads(pickle.dumps(rows)) == tuple(expected)
    assert repr(rows) == "<3000 RowCheck(s)>"


def test_a_check_of_many_rows_keeps_each_with_its_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the batches kept in memory (made small here), the rows with problems are those
    the list has, in its order: 房号 blank on every fourth row, 面积 on every seventh."""
    monkeypatch.setattr("zfgk._spill.BATCH", 16)
    lines = [",".join(HEADER)]
    for n in range(1, 301):
        room = "" if n % 4 == 0 else f"1-1-{n}"
        area = "" if n % 7 == 0 else "50"
        lines.append(f"{n},张*,公租房,{room},{area},一室一厅,民心佳园")
    path = tmp_path / "名单.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_file(path, item=19)
    expected = [
        (n + 1, [f for f, blank in (("房号", n % 4 == 0), ("面积", n % 7 == 0)) if blank])
        for n in range(1, 301)
        if n % 4 == 0 or n % 7 == 0
    ]
    got = [
        (r.row, sorted({p.field for p in r.report.problems}, key="房号面积".index))
        for r in result.rows
    ]
    assert got == expected
    assert len(result.rows) == len(expected) == 75 + 42 - 10  # fourths, sevenths, both
    assert result.rows[-1].row == 301
    assert result.rows[0].row == 5


def test_the_report_merges_a_rows_problems_and_its_findings_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Marks of records (read back from disk) and of full numbers outside the fields, on the
    same rows: each cell marked once, with its text, in row order."""
    monkeypatch.setattr("zfgk._spill.BATCH", 2)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "分配结果"
    sheet.append([*HEADER, "备注"])
    for n in range(1, 13):
        note = "联系电话 13812345678" if n % 3 == 0 else ""
        room = None if n % 2 == 0 else f"1-1-{n}"
        sheet.append([n, "张*", "公租房", room, 50, "一室", "民心佳园", note])
    path = tmp_path / "名单.xlsx"
    book.save(path)
    result = check_file(path, item=19)
    report = result.write_report(tmp_path / "问题.xlsx", lang="zh")
    marked = openpyxl.load_workbook(report)["分配结果"]
    commented = sorted(
        (cell.row, cell.column_letter)
        for row in marked.iter_rows()
        for cell in row
        if cell.comment is not None
    )
    rooms = [(n + 1, "D") for n in range(1, 13) if n % 2 == 0]
    notes = [(n + 1, "H") for n in range(1, 13) if n % 3 == 0]
    assert commented == sorted(rooms + notes)
    assert all("房号为空" in marked[f"D{r}"].comment.text for r, _ in rooms)
    assert all("手机号" in marked[f"H{r}"].comment.text for r, _ in notes)
    assert all(marked[f"H{r}"].value == "联系电话 13812345678" for r, _ in notes)


def test_two_sheets_of_one_name_are_both_marked_with_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel forbids two sheets of one name, a hand-edited file may have them: each gets
    every mark of the name (the title's mobile number, both sheets' blank 房号), as in 0.4,
    rather than one sheet's marks lost or the report refused."""
    monkeypatch.setattr("zfgk._spill.BATCH", 2)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in (("甲", range(3, 6)), ("乙", range(10, 13))):
        sheet = book.create_sheet(name)
        sheet["A1"] = "公示 联系电话 13812345678" if name == "甲" else "名单"
        sheet.append(HEADER)
        for n in rows:
            for column, value in zip(
                "ABCEFG", [n, "张*", "公租房", 50, "一室", "民心佳园"], strict=True
            ):
                sheet[f"{column}{n}"] = value  # 房号 (D) blank
    made = tmp_path / "made.xlsx"
    book.save(made)
    path = tmp_path / "名单.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/workbook.xml":
                data = data.replace('name="乙"'.encode(), 'name="甲"'.encode())
            target.writestr(info, data)
    report = check_file(path, item=19).write_report(tmp_path / "问题.xlsx", lang="zh")
    marked = openpyxl.load_workbook(report)
    expected = ["A1"] + [f"D{n}" for n in (3, 4, 5, 10, 11, 12)]
    for sheet in marked.worksheets[1:]:  # after the summary
        commented = sorted(
            (c.row, c.coordinate) for row in sheet.iter_rows() for c in row if c.comment
        )
        assert [cell for _, cell in commented] == expected


def test_the_rows_shown_are_none_for_a_count_below_one_and_all_for_a_huge_one(
    tmp_path: Path,
) -> None:
    lines = [",".join(HEADER)]
    lines += [f"{n},张*,公租房,,50,一室一厅,民心佳园" for n in range(1, 4)]
    path = tmp_path / "名单.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check_file(path, item=19)
    for show, listed in ((-1, 0), (0, 0), (2, 2), (10**30, 3)):
        text = "\n".join(check_lines(result, "en", show=show))
        assert text.count("\n    row ") == listed, show


def test_a_closed_check_lets_its_file_go_and_says_so_when_its_rows_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A service closes the results it keeps (or uses them as context managers): the
    temporary file of the rows goes, the summary stays, the rows raise a clear error."""
    monkeypatch.setattr("zfgk._spill.BATCH", 16)
    lines = [",".join(HEADER)] + [f"{n},张*,公租房,,50,一室一厅,民心佳园" for n in range(1, 101)]
    path = tmp_path / "名单.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with check_file(path, item=19) as result:
        assert len(result.rows) == 100
        spill = result.rows._spill  # type: ignore[attr-defined]
        assert spill._file is not None  # past the batch: on disk
    assert spill._file is None
    assert (result.verdict.value, result.rows_failed) == ("found", 100)
    with pytest.raises(ValueError, match=r"let go \(FileCheck.close\(\)\)"):
        len(result.rows)
    with pytest.raises(ValueError, match="let go"):
        result.rows[0]
    with pytest.raises(ValueError, match="let go"):
        list(result.rows)
    assert repr(result.rows) == "<RowCheck(s) let go>"
    result.close()  # twice: nothing
