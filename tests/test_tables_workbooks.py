"""Officers' sheets as office software writes them, read as a person reads them.

The files in tests/data/officers/ were made with openpyxl and LibreOffice
(README.md there says how); ``expected.json`` holds answers written by hand
from their designs: where the header is, which rows are titles, blanks and
footers, each record's values with merged cells spread, which ID cells hold
numbers.  The header is found by the item's own field names, as ``zfgk
check`` passes them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import zfgk
from tests.xlsb import write_xlsb
from zfgk.errors import InputError
from zfgk.tables import RowKind, is_number, number_shown, read_table, workbook_table

OFFICERS = Path(__file__).parent / "data" / "officers"
EXPECTED: dict[str, Any] = json.loads((OFFICERS / "expected.json").read_text(encoding="utf-8"))[
    "files"
]


def known(name: str) -> frozenset[str]:
    """The field names of the item a fixture is a list of (item19-… or item22-…)."""
    number = int(name.split("-", maxsplit=1)[0].removeprefix("item"))
    item = zfgk.load("chongqing").item(number)
    return frozenset(field.name for element in item.elements for field in element.fields)


def check_answers(name: str, answers: dict[str, Any], sheet: str | None = None) -> None:
    table = read_table(OFFICERS / name, known=known(name), sheet=sheet)
    records = {str(row): values for row, values in table.rows()}
    assert table.header == list(answers["columns"].values())
    assert table.header_rows == (answers["header_rows"][0], answers["header_rows"][-1])
    assert records == answers["records"]
    assert table.record_count == len(answers["records"])
    assert table.blank_rows == len(answers["blank_rows"])
    titles = [n for note in table.notes if note.kind is RowKind.TITLE for n in rows_of(note)]
    footers = [n for note in table.notes if note.kind is not RowKind.TITLE for n in rows_of(note)]
    assert titles == answers["title_rows"]
    assert footers == answers["footer_rows"]
    if "sheet" in answers:
        assert table.sheet == answers["sheet"]


def rows_of(note: Any) -> list[int]:
    return list(range(note.first, note.last + 1))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reads_as_a_person_does(name: str) -> None:
    check_answers(name, EXPECTED[name])


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if EXPECTED[n].get("other_sheets")))
def test_other_sheets_by_name_and_number(name: str) -> None:
    names = EXPECTED[name]["sheet_names"]
    for sheet, answers in EXPECTED[name]["other_sheets"].items():
        if answers.get("table") is False:
            continue
        check_answers(name, answers, sheet)
        check_answers(name, answers, names.index(sheet) + 1)


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if EXPECTED[n].get("numeric_id_cells")))
def test_numbers_keep_their_type(name: str) -> None:
    answers = EXPECTED[name]
    table = read_table(OFFICERS / name, known=known(name))
    cells = {f"C{row}": values[2] for row, values in table.lists()}
    assert sorted(c for c, v in cells.items() if is_number(v)) == [
        c["cell"] for c in answers["numeric_id_cells"]
    ]
    assert all(not is_number(cells[c]) for c in answers["text_id_cells"])
    # The 15 digits Excel kept, as the record shows them: not the digits typed.
    for cell in answers["numeric_id_cells"]:
        assert cells[cell["cell"]] != cell["typed"]
        assert cells[cell["cell"]][:15] == cell["typed"][:15]


def test_unknown_sheet_names_the_sheets() -> None:
    with pytest.raises(InputError, match="退出名单, 退出名单2, 说明"):
        read_table(OFFICERS / "item22-clean.xlsx", sheet="名单")
    with pytest.raises(InputError, match="no sheet 4"):
        read_table(OFFICERS / "item22-clean.xls", sheet=4)


def test_header_row_forced() -> None:
    # Forced to the title row, the title is the header (one name, spread over the merge).
    table = read_table(OFFICERS / "item19-note-in-data.xlsx", header_row=1)
    assert table.header_rows == (1, 1)
    table = read_table(OFFICERS / "item19-title-merged.csv", header_row=2)
    assert table.header is not None
    assert table.header[:2] == ["序号", "保障对象姓名"]
    list(table.lists())  # the footers are known once the rows are read
    assert [n.first for n in table.notes] == [1, 9, 10]
    with pytest.raises(InputError, match="no row 40 to be the header"):
        read_table(OFFICERS / "item19-title-merged.xlsx", header_row=40)


def test_without_known_names_the_title_is_still_skipped() -> None:
    table = read_table(OFFICERS / "item19-title-merged.xlsx")
    assert table.header_rows == (2, 2)
    assert len(list(table.lists())) == 5
    assert [(n.kind, n.first, n.last) for n in table.notes] == [
        (RowKind.TITLE, 1, 1),
        (RowKind.TOTAL, 9, 9),
        (RowKind.FOOTER, 10, 10),
    ]


def test_notes_never_hold_what_a_footer_says() -> None:
    table = read_table(OFFICERS / "item19-title-merged.xlsx", known=known("item19"))
    list(table.lists())
    said = " ".join(str(note.message) for note in table.notes)
    assert "张三" not in said
    assert "李四" not in said
    assert "制表人, 审核人, 日期" in said


def test_workbook_table_refuses_text(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("姓名\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a workbook"):
        workbook_table(path)


def test_missing_extra_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "python_calamine", None)
    with pytest.raises(InputError, match=r"pip install 'zfgk\[xlsx\]'"):
        read_table(OFFICERS / "item22-clean.xls")
    # An .xlsx is read from its XML: no extra needed.
    assert list(read_table(OFFICERS / "item22-clean.xlsx").lists())


def test_xlsb(tmp_path: Path) -> None:
    # Excel's binary workbook, written record by record (tests/xlsb.py): numbers as read.
    path = write_xlsb(
        tmp_path / "名单.xlsb", [(0, 0, 1.0), (0, 1, 45.6), (1, 0, 2.0), (1, 1, 50.0)]
    )
    table = read_table(path)
    assert (table.sheet, table.header, list(table.lists())) == (
        "名单",
        ["1", "45.6"],
        [(2, ["2", "50"])],
    )


def test_a_csv_saved_from_numbers_shows_them_as_numbers() -> None:
    # LibreOffice saved the numeric ID cells as Excel shows them: 6.20503200006097E+017.
    table = read_table(OFFICERS / "item22-ids-as-numbers.csv", known=known("item22"))
    shown = [f"C{row}" for row, values in table.lists() if number_shown(values[2])]
    assert shown == [c["cell"] for c in EXPECTED["item22-ids-as-numbers.xlsx"]["numeric_id_cells"]]
