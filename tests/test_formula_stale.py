"""Formulas Excel computes on opening: a stale book's arithmetic, an .xls formula without its result
in its cell's format (tests/data/formulas/, made by tools/make_formula_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

from zfgk.files import scan_file

DATA = Path(__file__).parent / "data" / "formulas"


def test_a_stale_books_arithmetic_is_computed_as_excel_computes_it_on_opening() -> None:
    # E2 =B2*C2+D2 over 1381234, 10000, 5678 and E4 =(B4*C4) over 6906172839, 2: Excel
    # shows 13812345678 in each (its engine is older: it computes them anew); the stored
    # 15678 and 0 are what LibreOffice shows (it computes none on opening) -- README.md
    result = scan_file(DATA / "stale_arithmetic.xlsx")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "formula on 名单!E2"),
        ("phone", "formula on 名单!E4"),
    ]
    assert result.unread == ()
    # saved by the newest engine, the stored results show: nothing to find
    assert scan_file(DATA / "current_arithmetic.xlsx").verdict.value == "clean"


def test_an_xls_formula_computed_shows_in_its_cells_format() -> None:
    # shown/uncomputed.xls: C2 =A2*10000+B2 over 1234, 5678 is 12345678, stored as 0 (as a
    # program leaves it); its format "138"0 shows it as 13812345678 once Excel computes it
    result = scan_file(DATA / "shown" / "uncomputed.xls")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "formula on 名单!C2")
    ]
