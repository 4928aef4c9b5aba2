"""Readings a review of the merged formula work found wrong (tests/data/formulas/review/,
the reviewer's files made by openpyxl, xlwt and LibreOffice; what LibreOffice shows is in
tests/data/formulas/README.md)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from zfgk.files import scan_file
from zfgk.tables._formula_values import BLANK
from zfgk.tables._formulas import Resolve, Value, compute
from zfgk.tables._places import column_letters

DATA = Path(__file__).parent / "data" / "formulas" / "review"


def _found(name: str) -> list[str]:
    return [str(f.location) for f in scan_file(DATA / name).findings]


@pytest.mark.parametrize(
    "name", ["e1_openpyxl_empty.xlsx", "e2_inline_empty_t.xlsx", "e3_sst_empty.xlsx"]
)
def test_an_empty_text_cell_of_an_xlsx_is_an_empty_cell(name: str) -> None:
    # C2, C3 hold an empty text (openpyxl's empty inlineStr, an empty <t>, an empty shared
    # string); D2 =IF(C2=0,B2&"5678","未登记") and D3 =IF(C3<>0,"有",B3&"5678"): LibreOffice
    # shows 13812345678 and 13912345678
    result = scan_file(DATA / name)
    assert [str(f.location) for f in result.findings] == [
        "formula on 名单!D2",
        "formula on 名单!D3",
    ]
    assert result.unread == ()


def test_an_ods_cell_of_text_without_a_value_type_is_text() -> None:
    # C2 holds <text:p>未填</text:p> without office:value-type; D2
    # =IFERROR(C2*1;B2&"5678") over B2 1381234: LibreOffice shows 13812345678
    assert _found("e6_ods_novaluetype_iferror.ods") == ["formula on 名单!D2"]


def test_an_xlwt_no_result_of_a_formula_not_computed_is_not_an_empty_text() -> None:
    # C2 =IF(A2="",E2,E2) and D2 =C2&B2, both without results (xlwt): LibreOffice shows
    # 13812345678 in D2; C2 read as "" made D2 5678 and the file clean. (Unread while IF
    # was not written out from an .xls formula's tokens; computed since.)
    result = scan_file(DATA / "w6_xlwt_if_concat.xls")
    assert [str(f.location) for f in result.findings] == ["formula on 名单!D2"]
    assert result.unread == ()


def test_a_nan_stored_as_a_result_is_no_fault() -> None:
    # D2 =B2*10000 over 1381234.5678 with a NaN stored as its result: LibreOffice shows
    # 13812345678
    assert "formula on 名单!D2" in _found("x21_nan_result.xls")


@pytest.mark.parametrize("name", ["x19_bool_false.xls", "x20_bool_false_nobuild.xls"])
def test_a_stored_false_is_a_result(name: str) -> None:
    # LibreOffice's .xls: D2 =B2&"-"&C2="3-202" and C2 =B2>100000, each stored FALSE (a truth
    # value, which LibreOffice shows as FALSE): each was "cannot check"
    result = scan_file(DATA / name)
    assert result.findings == ()
    assert result.unread == ()


def test_t_of_a_number_is_an_empty_text() -> None:
    # D2 =T(B2)&C2 over the number 1381234 and the text 5678: LibreOffice shows 5678
    result = scan_file(DATA / "x02_T_number.xlsx")
    assert result.findings == ()
    assert result.unread == ()
    cells = _cells({"A1": Decimal(138), "A2": True, "A3": "x", "A4": BLANK})
    assert compute("=T(A1)&T(A2)&T(A3)&T(A4)", cells) == "x"


def _cells(values: dict[str, Value]) -> Resolve:
    return lambda reference: values.get(f"{column_letters(reference[2])}{reference[1]}")


def test_a_formulas_empty_text_in_arithmetic_is_value_error_and_an_empty_cell_zero() -> None:
    # Excel and LibreOffice: =B2*10000+C2 over C2 =""  shows #VALUE! (x16_emptytext.xlsx,
    # where it was read as 13812340000 and called a mobile number), over an empty C2
    # 13812340000; IFERROR(C2*1,"无") over C2's "" is 无
    text = _cells({"B2": Decimal(1381234), "C2": ""})
    empty = _cells({"B2": Decimal(1381234), "C2": BLANK})
    assert compute("=B2*10000+C2", text) is None
    assert compute("=B2*10000+C2", empty) == Decimal(13812340000)
    assert compute('=IFERROR(C2*1,"无")', text) == "无"
    assert compute('=IFERROR(C2*1,"无")', empty) == Decimal(0)
    assert scan_file(DATA / "x16_emptytext.xlsx").findings == ()


@pytest.mark.parametrize("name", ["x05_fullwidth.xlsx", "x18_ideospace.xlsx", "x26_newline.xlsx"])
def test_only_ascii_digits_with_spaces_around_are_a_number(name: str) -> None:
    # D2 =B2*10000+C2 over B2 "１３８１２３４" (full-width), "1381234\u3000", "1381234\n"
    # (texts): LibreOffice shows #VALUE! in each; "1381234\u00a0" 13812345678
    assert scan_file(DATA / name).findings == ()
    assert _found("x17_nbsp.xlsx") == ["formula on 名单!D2"]
    tab = _cells({"A1": "1381234\t", "A2": " 1381234\u00a0"})
    assert compute("=A1*10000+5678", tab) is None
    assert compute("=A2*10000+5678", tab) == Decimal(13812345678)


def test_an_xls_formula_with_a_literal_of_five_digits_not_computed_is_cannot_check() -> None:
    # D2 =C2*10000+B2 over C2 =IF(A2="",E2,E2), no results (xlwt): LibreOffice shows
    # 13812345678; 10000 (a ptgInt) was not taken as building a number. (Unread while IF was
    # not written out from an .xls formula's tokens; computed since.)
    result = scan_file(DATA / "w1_xlwt_if_chain.xls")
    assert [str(f.location) for f in result.findings] == ["formula on 名单!D2"]
    assert result.unread == ()


@pytest.mark.parametrize(
    "name",
    [
        "x05_fullwidth.xls",
        "x16_emptytext.xls",
        "x18_ideospace.xls",
        "x25_if_emptytext.xls",
        "x26_newline.xls",
    ],
)
def test_an_xls_error_stored_is_a_result(name: str) -> None:
    # LibreOffice's .xls: D2 =B2*10000+C2 (x25: over C2 =IF(…,"",…)) stores #VALUE!, as
    # LibreOffice shows it; where zfgk cannot compute it, the error stored is what shows
    result = scan_file(DATA / name)
    assert result.findings == ()
    assert result.unread == ()
