"""IFERROR, REPLACE, SUBSTITUTE, DATE, LEN, UPPER, LOWER and ``^``, computed as LibreOffice computes
them (tests/data/formulas/functions.csv, made by tools/make_formula_fixtures.py; before, a
formula using one that may build a number was "cannot check")."""

from __future__ import annotations

from pathlib import Path

import pytest

from zfgk.files import scan_file
from zfgk.tables import read_table
from zfgk.tables._formulas import evaluate

DATA = Path(__file__).parent / "data" / "formulas"


def test_csv_functions_are_computed_as_libreoffice_shows_them() -> None:
    result = scan_file(DATA / "functions.csv")
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", f"row {row}, column E") for row in range(2, 7)
    ]
    assert result.unread == ()
    shown = [values[4] for _, values in read_table(DATA / "functions.csv").lists()]
    assert shown == [  # LibreOffice's, converting the file to CSV
        "13812345678",
        "13812345678",
        "13812345678",
        "13805567890",
        "13812345678",
        "无",
        "138****5678",
    ]


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        # Excel's errors propagate, but from IF's branch not taken; IFERROR catches them
        ('=IFERROR(IF(TRUE,"1381234"&"5678",1/0),"")', "13812345678"),
        ('=IFERROR(IF(FALSE,"1",1/0),"z")', "z"),
        ('=IFERROR("张三"*1,"z")', "z"),  # a text without a digit: #VALUE!
        ('=IFERROR("1,234"*1,"z")', None),  # 1234 to Excel, not read here: not guessed
        ('=IFERROR(ISERROR(1/0),"z")', None),  # TRUE: a function not read, nor its errors
        ("=IF(1/0,1,2)", None),  # an error: no value
        ("=-2^2&2^3^2", "464"),  # a sign before ^, ^ from the left
        ("=2^0.5", None),  # a root: not computed
        ('=SUBSTITUTE("a-b-c","-","",2)&LEN(12345)&UPPER("x")', "a-bc5X"),
        ("=DATE(2026,14,1)&DATE(26,3,1)", "464199557"),  # a month carried on; 26 is 1926 (9557)
        ("=DATE(1900,1,1)", None),  # before 1900-03-01 Excel and LibreOffice differ
        ('=REPLACE("abc",0,1,"x")', None),  # #VALUE!
    ],
)
def test_functions_and_errors(formula: str, expected: str | None) -> None:
    assert evaluate(formula) == expected


def test_a_formulas_empty_text_is_no_number_beside_one() -> None:
    # compared.csv (LibreOffice shows, as Excel): D2 =IF(C2=0,…) over C2's formula "" is 未登记
    # (a text is never 0), D3 over the empty C3 is 13912345678 (an empty cell is 0), D4
    # =IF(C4<>0,B4&"5678",…) over C4's "" is 13712345678
    result = scan_file(DATA / "compared.csv")
    assert [str(f.location) for f in result.findings] == ["row 3, column D", "row 4, column D"]
    assert result.unread == ()
    shown = [values[3] for _, values in read_table(DATA / "compared.csv").lists()]
    assert shown == ["未登记", "13912345678", "13712345678"]


@pytest.mark.parametrize("name", ["compared.xlsx", "compared.ods"])
def test_a_books_empty_text_is_no_number_beside_one(name: str) -> None:
    # compared.csv's rows in an openpyxl book and LibreOffice's .ods of it, no result stored:
    # LibreOffice shows 未登记, 13912345678, 13712345678 in D2:D4 of both
    result = scan_file(DATA / name)
    assert sorted(str(f.location) for f in result.findings) == [
        "formula on 名单!D3",
        "formula on 名单!D4",
    ]
    assert result.unread == ()


def test_errors_iferror_catches_and_arguments_left_out_are_computed() -> None:
    # caught.csv, column C (LibreOffice shows, as Excel): MID from 0, LEFT or RIGHT of -1 and
    # MID of -1 characters are #VALUE!, which IFERROR catches; CONCATENATE(,B4,"5678",) joins
    # its arguments left out as empty texts: 13812345678 in rows 2, 3, 4 and 6, x, 无
    result = scan_file(DATA / "caught.csv")
    assert [str(f.location) for f in result.findings] == [
        f"row {row}, column C" for row in (2, 3, 4, 6)
    ]
    assert result.unread == ()
    shown = [values[2] for _, values in read_table(DATA / "caught.csv").lists()]
    assert shown == ["13812345678"] * 3 + ["x", "13812345678", "无"]
