"""A column of formulas is read once for its shape; a book of many is read in batches."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

import zfgk.tables._formula_tokens as tokens
from zfgk.files import scan_file
from zfgk.tables._formulas import Reference, Value, compute, moved, references


def test_a_column_of_one_formula_is_tokenised_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = tokens._tokens

    def counted(formula: str) -> list[tuple[str, str]]:
        calls.append(formula)
        return real(formula)

    monkeypatch.setattr(tokens, "_tokens", counted)
    monkeypatch.setattr(tokens, "_SHAPES", {})
    cells: dict[Reference, Value] = {
        (None, r, c): Decimal(r * 10 + c) for r in range(2, 2002) for c in (2, 3)
    }
    for row in range(2, 2002):
        assert compute(f"=B{row}*C{row}", cells.get) == Decimal(row * 10 + 2) * (row * 10 + 3)
        assert references(f"=SUM(B{row}:C{row})") == [(None, row, 2), (None, row, 3)]
    # each shape's first formula and the shape itself: four in all, not 4,000
    assert len(calls) == 4


@pytest.mark.parametrize(
    ("first", "formula", "expected"),
    [
        # a reference in a text, after a number's exponent, in a name: not a reference
        ('="B1"&C1', '="A1"&B2', "A15678"),
        ("=1E5+C1", "=1E5+A1", Decimal(100001)),
        ("=C1&LOG10(1)", "=B2&ATAN2(1,1)", None),  # functions not read here: not computed
        # a sheet named, quoted or not, a range: one shape with the plain reference
        ("=C1&D1", "='底 稿'!A1&底稿!A1", "15"),
        ("=SUM(C1:D1)", "=SUM(底稿!A1:B1)", Decimal(4)),  # the text "5" in a range: skipped
        ("=C1 (D1)", "=A1 (B2)", None),  # a name called, not a reference
        ("=C1*2", "=ROW(B2)*2", Decimal(4)),
    ],
)
def test_a_shape_computes_as_the_formula_does(
    monkeypatch: pytest.MonkeyPatch, first: str, formula: str, expected: object
) -> None:
    monkeypatch.setattr(tokens, "_SHAPES", {})
    cells: dict[Reference, Value] = {
        (None, 1, 1): Decimal(1),
        (None, 2, 2): "5678",
        ("底 稿", 1, 1): "1",
        ("底稿", 1, 1): "5",
        ("底稿", 1, 2): Decimal(4),
        (None, 1, 3): Decimal(9),
        (None, 1, 4): Decimal(8),
    }
    compute(first, cells.get)  # its shape met first
    assert compute(formula, cells.get) == expected


def test_later_batches_of_formulas_read_the_cells_they_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    # batches of 40 formulas, sheets read 2 KB at a time: each batch after the first skips
    # the pieces holding none of its rows, yet reads a cell of the first rows and of the last
    monkeypatch.setattr("zfgk.tables._parts._PENDING", 40)
    monkeypatch.setattr("zfgk.tables._xlsx_formulas._CHUNK", 2048)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["前段", "后段", "金额", "号码"])
    sheet.append([1381234, 1, "=A2*2", "=A2*2"])
    for row in range(3, 400):
        sheet.append([row, 1, f"=A{row}*B{row}", f"=$A$2+B{row}"])  # 1381235: no number
    sheet["D250"] = "=$A$2*10000+B250"  # 13812345678, from A2 (read by the first batch)
    sheet["B250"] = 5678
    sheet["D30"] = "=A2*10000+B399"  # B399 (a piece of the end): 13812345679
    sheet["D399"] = "=A2*10000+B399"
    sheet["B399"] = 5679
    path = tmp_path / "many.xlsx"
    book.save(path)
    result = scan_file(path)
    assert [str(f.location) for f in result.findings] == [
        "formula on 名单!D30",
        "formula on 名单!D250",
        "formula on 名单!D399",
    ]
    assert result.unread == ()


def test_a_formula_naming_an_empty_styled_cell_is_computed(tmp_path: Path) -> None:
    # B2 is written <c r="B2" s="1"/> (a style, no value): reading it stopped zfgk with a
    # TypeError; =A2&B2&"5678" shows 13812345678
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "名单"
    sheet.append(["前段", "空", "号码"])
    sheet.append(["1381234", None, '=A2&B2&"5678"'])
    sheet["B2"].font = openpyxl.styles.Font(bold=True)
    made = tmp_path / "made.xlsx"
    book.save(made)
    path = tmp_path / "styled.xlsx"  # B2 as LibreOffice writes an empty cell with a style
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="B2" s="1" t="n"></c>', b'<c r="B2" s="1"/>')
                assert b'<c r="B2" s="1"/>' in data
            target.writestr(info, data)
    result = scan_file(path)
    assert [str(f.location) for f in result.findings] == ["formula on 名单!C2"]


def test_a_shared_formula_keeps_the_quoted_sheet_it_names() -> None:
    # shared_sheets.xlsx (tests/data/formulas/README.md): B2:B3 share ='2026-Q1'!A2&"5678",
    # C2:C3 ='AB12'!A2&"5678", D2:D3 ='底稿 A2'!A2&"5678"; LibreOffice shows 13812345678,
    # 13712345678, 13512345678 on row 2 and 13912345678, 13612345678, 15012345678 on row 3
    # (a sheet named 2026-Q2, AB13 or 底稿 A3, holding short numbers, is there to be misread)
    result = scan_file(Path(__file__).parent / "data" / "formulas" / "shared_sheets.xlsx")
    assert sorted(str(f.location) for f in result.findings) == [
        f"formula on 名单!{column}{row}" for column in "BCD" for row in (2, 3)
    ]
    assert result.unread == ()


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("='2026-Q1'!A2&B2", "='2026-Q1'!A3&B3"),  # a quoted name holding a cell's letters
        ("='it''s A1'!A1&\"'A1\"", "='it''s A1'!A2&\"'A1\""),
        ("='AB12'!A1", "='AB12'!A2"),
        ("=Sheet1!A2&$A$2&A$2&$A2", "=Sheet1!A3&$A$2&A$2&$A3"),
        ('="it\'s A1"&A1', '="it\'s A1"&A2'),
    ],
)
def test_a_shared_formula_moves_only_its_references(formula: str, expected: str) -> None:
    assert moved(formula, 1, 0) == expected
