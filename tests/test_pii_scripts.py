"""Decimal digits of other scripts: a person who reads ``١٣٨١٢٣٤٥٦٧٨`` reads a mobile number.

The digits here are written out from the Unicode code charts (Arabic-Indic
U+0660-0669, extended Arabic-Indic U+06F0-06F9, Devanagari U+0966-096F,
Thai U+0E50-0E59), not made by zfgk; the numbers are the stdnum/GB 11643
example ``11010519491231002X`` and ``13812345678``.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from zfgk import PersonalKind
from zfgk.privacy import find_pii, may_hold_pii, redact

#: Each script's digits 0-9, from its zero's code point in the Unicode charts.
_SCRIPTS = {
    "Arabic-Indic": 0x0660,
    "extended Arabic-Indic": 0x06F0,
    "Devanagari": 0x0966,
    "Thai": 0x0E50,
    "Osmanya": 0x104A0,
}


def _written(script: str, text: str) -> str:
    zero = _SCRIPTS[script]
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)


@pytest.mark.parametrize("script", sorted(_SCRIPTS))
def test_numbers_in_the_digits_of_other_scripts_are_read_and_masked(script: str) -> None:
    mobile, identity = _written(script, "13812345678"), _written(script, "11010519491231002X")
    text = f"电话：{mobile}；身份证：{identity}。"
    assert may_hold_pii(mobile)
    assert [(m.kind, m.end - m.start) for m in find_pii(text)] == [
        (PersonalKind.PHONE, 11),
        (PersonalKind.ID_NUMBER, 18),
    ]
    masked = redact(text)
    assert masked == (
        f"电话：{_written(script, '138')}****{_written(script, '5678')}；"
        f"身份证：{_written(script, '110105')}********{_written(script, '002X')}。"
    )
    assert find_pii(masked) == ()


def test_grouped_arabic_indic_numbers_are_read_and_what_is_no_number_stays() -> None:
    text = "هاتف ١٣٨-١٢٣٤-٥٦٧٨"  # "phone", then 138-1234-5678
    assert redact(text) == "هاتف ١٣٨-****-٥٦٧٨"
    for kept in (
        "٢٠٢٦-١٢-٠٧",  # a date
        "١٢٣٤٥٦٧٨٫٩٠",  # an amount, with the Arabic decimal separator
        "١٢٣٤٥٦٧٨٩٠",  # ten digits
        "١٢ ٣٤ ٥٦",  # small counts
    ):
        assert find_pii(kept) == (), kept
        assert redact(kept) == kept, kept


def test_every_decimal_digit_this_python_knows_is_read() -> None:
    from zfgk.privacy._shown import SHOWN_DIGITS

    ours = set("0123456789") | {chr(0xFF10 + d) for d in range(10)}
    for c in range(sys.maxunicode + 1):
        digit = unicodedata.decimal(chr(c), None)
        if digit is not None and chr(c) not in ours:
            assert SHOWN_DIGITS.get(chr(c)) == str(digit), f"U+{c:04X}"


def test_messages_quiet_every_digit_find_pii_reads() -> None:
    # what zfgk writes in a message hides a run of eleven digits of any kind find_pii reads
    import re

    from zfgk._arguments import DIGIT_CLASS, quiet
    from zfgk.privacy._shown import SHOWN_DIGITS

    digit = re.compile(DIGIT_CLASS)
    assert [c for c in SHOWN_DIGITS if not digit.fullmatch(c)] == []
    for c in SHOWN_DIGITS:
        assert quiet("号码" + c * 11) == "号码…", f"U+{ord(c):04X}"
