"""An .xls formula's stored result, which LibreOffice computes anew on opening: xlwt's empty text,
a stale number (tests/data/formulas/xlwt/, made by tools/make_xlwt_fixtures.py), a shared
formula's text (what LibreOffice shows is in tests/data/formulas/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zfgk.files import scan_file
from zfgk.tables._biff import CompoundFile
from zfgk.tables._xls_formulas import sheet_values
from zfgk.tables._xls_parts import _records

DATA = Path(__file__).parent / "data" / "formulas" / "xlwt"


def test_an_xlwt_formula_stored_as_an_empty_text_is_computed() -> None:
    # D2 =B2*10000+C2 over 1381234, 5678 and D3 =B3&C3 over 1391234, 5678: LibreOffice
    # shows 13812345678 and 13912345678; D4 =B4*10+C4 shows 125
    result = scan_file(DATA / "arithmetic.xls")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "formula on 名单!D2"),
        ("phone", "formula on 名单!D3"),
    ]
    assert result.unread == ()


def test_a_power_of_ten_that_builds_a_number_is_computed() -> None:
    # D2 =B2*10^4+C2 over 1381234, 5678: LibreOffice shows 13812345678 (no literal of five
    # digits tells that it builds one); D3 shows 120005 and D4 =-B4^C4 shows 9: clean
    result = scan_file(DATA / "powers.xls")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "formula on 名单!D2")
    ]
    assert result.unread == ()


@pytest.mark.parametrize("name", ["calc_libreoffice.xls", "calc_current.xls"])
def test_an_empty_text_stored_is_no_result_whatever_engine_saved_it(name: str) -> None:
    # LibreOffice's .xls of arithmetic.xls with D2's stored 13812345678 emptied by hand; in
    # calc_current.xls RECALCID names the newest Excel's engine: LibreOffice computes every
    # .xls formula on opening all the same, and shows 13812345678 in both
    result = scan_file(DATA / name)
    assert [str(f.location) for f in result.findings] == [
        "formula on 名单!D2",
        "formula on 名单!D3",
    ]


def test_an_xlwt_formula_of_mid_is_computed() -> None:
    # D2 =MID(B2,1,7)&C2 over 1381234000, 5678 shows 13812345678: "cannot check" while MID
    # was not written out from an .xls formula's tokens; computed since
    result = scan_file(DATA / "unknown.xls")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "formula on 名单!D2")
    ]
    assert result.unread == ()


def test_an_xls_result_is_computed_anew_as_libreoffice_computes_it_on_opening() -> None:
    # calc_stale.xls: D2 =B2*10000+C2 over 1381234, 5678 holds the stale result 15678 (a
    # program filling a template in leaves it so); LibreOffice computes every .xls formula on
    # opening, whatever the engine RECALCID names (here the newest Excel's), and shows
    # 13812345678; D4's 125 is as stored
    result = scan_file(DATA / "calc_stale.xls")
    assert [str(f.location) for f in result.findings] == [
        "formula on 名单!D2",
        "formula on 名单!D3",
    ]
    assert result.unread == ()


def test_a_shared_formulas_first_text_result_is_read_past_its_shrfmla() -> None:
    # shared_text.xls (LibreOffice's): C2:C4 =A2&B2 … shared, C2's STRING after the SHRFMLA;
    # LibreOffice shows 13812345678, 13912345678, 13712345678
    path = DATA.parent / "shared_text.xls"
    result = scan_file(path)
    assert sorted(str(f.location) for f in result.findings if "formula" in str(f.location)) == [
        "formula on 名单!C2",
        "formula on 名单!C3",
        "formula on 名单!C4",
    ]
    assert result.unread == ()
    stream = CompoundFile(path.read_bytes()).stream("Workbook")
    assert stream is not None
    assert sheet_values(list(_records(stream)), [], {(1, 2), (2, 2)}) == {
        (1, 2): "13812345678",
        (2, 2): "13912345678",
    }


def test_a_shared_formulas_stale_results_are_computed_from_its_relative_references() -> None:
    # shared_stale.xls (LibreOffice's, results made stale by hand): C2:C4 =A2*10000+B2 …
    # shared (relative references, PtgRefN), each stored result 15678; LibreOffice shows
    # 13812345678, 13912345678 and 120005. Before, the shared formula was not written
    # out, and C2's, read before its SHRFMLA, not at all: the file was clean
    result = scan_file(DATA.parent / "shared_stale.xls")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "formula on 名单!C2"),
        ("phone", "formula on 名单!C3"),
    ]
    assert result.unread == ()


REVIEW2 = DATA.parent / "review2"


@pytest.mark.parametrize("name", ["a_col_wrap.xls", "a_row_wrap.xls"])
def test_a_shared_formulas_references_are_counted_round_the_sheets_edge(name: str) -> None:
    # a formula in column A naming IU and IV is written with column offsets 254 and 255, one
    # in row 2 naming row 40002 with a row offset of 40000: LibreOffice counts them round the
    # sheet's edge and shows 13812345678 in A2:A5 (stored results stale: 15678)
    result = scan_file(REVIEW2 / name)
    assert [str(f.location) for f in result.findings] == [
        f"formula on 名单!A{row}" for row in range(2, 6)
    ]
    assert result.unread == ()


@pytest.mark.parametrize("name", ["c_product_template.xls", "c_zero_1.xls", "c_zero_2.xls"])
def test_a_power_or_product_of_cells_on_an_empty_row_is_no_cannot_check(name: str) -> None:
    # =PRODUCT(C7:E7), =ROUND(PI()*C3^2,2), =ROUND(D3*(1+3%)^2,2) on an empty template row
    # store 0, which LibreOffice shows: no literal power builds a number there (the first
    # version of the power rule made these files "cannot check")
    result = scan_file(REVIEW2 / name)
    assert result.verdict.value == "clean", [g.describe() for g in result.unread]


def test_a_root_of_literals_without_a_result_cannot_be_checked() -> None:
    # =A2*10^4.5/10^0.5+B2 in an .xlsx without results: LibreOffice shows 13812345678; zfgk
    # computes no root, and a power of two literals may build a number
    result = scan_file(REVIEW2 / "a_xlsx_nonint_power.xlsx")
    assert result.findings == ()
    assert [str(gap.location) for gap in result.unread] == ["formula on 名单!C2"]


def test_an_if_that_shows_an_empty_text_on_an_empty_row_is_computed() -> None:
    # =IF(C5="","",LEFT(C5,3)&"****"&RIGHT(C5,4)) on empty template rows: Excel and
    # LibreOffice store "" as an empty result (type 3), which is also xlwt's "no result"; IF
    # was not written out, so each such row was "cannot check". LibreOffice shows blanks
    result = scan_file(REVIEW2 / "c_if_blank_mask.xls")
    assert (result.findings, result.unread) == ((), ())
