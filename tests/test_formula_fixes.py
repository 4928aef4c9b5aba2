"""Readings a review of the merged formula work found wrong (tests/data/formulas/review/,
the reviewer's files made by openpyxl, xlwt and LibreOffice; what LibreOffice shows is in
tests/data/formulas/README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zfgk.files import scan_file

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
    # C2 =IF(A2="",E2,E2) (not computed here) and D2 =C2&B2, both without results (xlwt):
    # LibreOffice shows 13812345678 in D2; C2 read as "" made D2 5678 and the file clean
    result = scan_file(DATA / "w6_xlwt_if_concat.xls")
    assert [str(u.location) for u in result.unread] == ["formula on 名单!D2"]


def test_a_nan_stored_as_a_result_is_no_fault() -> None:
    # D2 =B2*10000 over 1381234.5678 with a NaN stored as its result: LibreOffice shows
    # 13812345678
    assert "formula on 名单!D2" in _found("x21_nan_result.xls")
