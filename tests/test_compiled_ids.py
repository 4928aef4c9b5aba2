"""is_valid_id's fast path (18 ASCII characters, checked as strings) agrees with parse_id.

:func:`zfgk.is_valid_id` judges the compact form with string comparisons
(the check character, the region's first three digits, the birth date
against a table of month-days and today); :func:`zfgk.parse_id` parses the
number with dates and raises for the reason it is invalid.  They must agree
on every 18-character ASCII string: drawn here around each line (29
February in leap years and not, 1900 and 2000, today and tomorrow, every
region prefix, x and X), with python-stdnum's ``cn.ric.is_valid`` as a third
opinion where it applies.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zfgk
from zfgk.privacy._ids import check_digit


def _parses(text: str) -> bool:
    try:
        zfgk.parse_id(text)
    except zfgk.InvalidIdError:
        return False
    return True


def _with_check(first17: str) -> str:
    return first17 + check_digit(first17)


days = st.one_of(
    st.dates(min_value=date(1890, 1, 1), max_value=date(2100, 12, 31)),
    st.sampled_from(
        [
            date(2000, 2, 29),
            date(1904, 2, 29),
            date(1900, 1, 1),
            date(1899, 12, 31),
            date.today(),
            date.today() + timedelta(1),
            date.today() - timedelta(1),
        ]
    ),
)
# a birth-date field that is no date: 0229 of a year that is not leap, month 13, day 00 or 32
odd_births = st.sampled_from(
    ["19000229", "21000229", "20010229", "19491301", "19490100", "19490132", "00000000", "99991231"]
)
regions = st.one_of(
    st.sampled_from(["110105", "810000", "830000", "911840", "991840", "710000", "000000"]),
    st.text("0123456789", min_size=6, max_size=6),
)


@st.composite
def numbers(draw: st.DrawFn) -> str:
    born = draw(st.one_of(days.map(lambda d: f"{d:%Y%m%d}"), odd_births))
    first17 = draw(regions) + born + draw(st.text("0123456789", min_size=3, max_size=3))
    text = _with_check(first17)
    change = draw(st.sampled_from(["none", "lower", "digit", "last"]))
    if change == "lower":
        text = text.lower()
    elif change == "digit":
        i = draw(st.integers(0, 16))
        text = text[:i] + str((int(text[i]) + draw(st.integers(1, 9))) % 10) + text[i + 1 :]
    elif change == "last":
        text = text[:17] + draw(st.sampled_from("0123456789Xx*a"))
    return text


@settings(max_examples=1000, deadline=None)
@given(numbers())
def test_the_fast_path_agrees_with_parse_id(text: str) -> None:
    assert zfgk.is_valid_id(text) is _parses(text)


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("11010519491231002X", True),
        ("11010519491231002x", True),
        ("110105194912310021", False),  # check digit
        (_with_check("11010519000229001"), False),  # 1900 was no leap year
        (_with_check("11010520000229001"), True),  # 2000 was
        (_with_check("11010518991231001"), False),  # before 1900
        (_with_check(f"110105{date.today() + timedelta(1):%Y%m%d}001"), False),  # tomorrow
        (_with_check(f"110105{date.today():%Y%m%d}001"), True),  # born today
        (_with_check("99105119491231001"), False),  # no region
        (_with_check("91184019800101001"), True),  # a foreigner's permanent residence card
    ],
)
def test_hand_checked_numbers(text: str, valid: bool) -> None:
    assert zfgk.is_valid_id(text) is valid
    assert _parses(text) is valid


def test_python_stdnum_agrees_on_its_ground() -> None:
    """stdnum checks the county too: compare where it knows the county for every year."""
    ric = pytest.importorskip("stdnum.cn.ric")
    for first17 in ("11010519491231002", "11010520000229001", "11010519000229001"):
        text = _with_check(first17)
        assert zfgk.is_valid_id(text) is ric.is_valid(text)


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text("0123456789Xx", max_size=20),
        st.text("0123456789Xxab -", max_size=20),
        numbers().map(lambda n: n[: len(n) - 1]),
        numbers().map(lambda n: n + "0"),
    ),
    st.booleans(),
)
def test_other_lengths_agree_with_parse_id(text: str, legacy: bool) -> None:
    try:
        zfgk.parse_id(text, legacy=legacy)
    except zfgk.InvalidIdError:
        valid = False
    else:
        valid = True
    assert zfgk.is_valid_id(text, legacy=legacy) is valid


def test_birth_dates_told_with_strings_agree_with_dates() -> None:
    """born_digits_ok against birth_date (which builds the date) on every month and day,
    real or not, of years around 1900, 2000 and today, and far ahead."""
    from zfgk.privacy._ids import birth_date, born_digits_ok

    this_year = date.today().year
    years = [*range(1895, 1905), *range(1995, 2005), this_year, this_year + 1, 2100]
    for year in years:
        for month in range(14):
            for day in range(33):
                digits = f"{year:04d}{month:02d}{day:02d}"
                expected = birth_date(year, month, day, None) is not None
                assert born_digits_ok(digits) is expected, digits
