"""What :func:`zfgk.redact` writes reads clean: no number in it that :func:`zfgk.find_pii` finds.

Hiding digits changes what is left around them.  The answers below are
worked out by hand: ``620503200006097138`` is an 18-digit candidate with
Gansu's code 62, the birth date 2000-06-09 and a wrong check digit (GB 11643
gives X), which zfgk reports standing apart (a typo is still someone's
number); ``11010519491231002X`` is GB 11643's example, and ``13800110105``
(five digits of a file number, then its first six) starts as a mobile
number does.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.pii_corpus import notices
from tests.test_privacy_forms import _PIECES
from zfgk import PersonalKind
from zfgk.privacy import find_pii, redact


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        # a number in scientific notation's digits, then a mobile number: the digits shown
        # beside the hidden ones (138) are the mobile number's, not the end of an ID number
        ("6.20503200006097 13812345678", "6.20503200006097 138****5678"),
        ("620503200006097 13812345678", "620503200006097 138****5678"),
        # an ID number glued after a file number: its first six digits, with the file
        # number's five, are no mobile number once its birth date is hidden
        ("档案编号1380011010519491231002X", "档案编号13800110105********002X"),
        # a 15-digit number and 8 digits: 138 is the ID number's, and stays so
        ("110105491231138 12345678", "110105******138 12345678"),
        # read as an ID number (its typo tolerated), whose birth date hidden shows a
        # mobile number whole: both are hidden
        ("6.20503200006097 138 1234 5678", "6.20503********7 138 **** 5678"),
        # a zero-width space inside an ID number, before its hidden digits: the 186 after
        # the stars is still the ID number's (hypothesis found it: a mobile number was read
        # in 186 58636042)
        (
            "320114\u200b19790706186 58636042 6199101010071",
            "320114\u200b********186 58636042 6********0071",
        ),
    ],
)
def test_what_redact_writes_reads_clean(text: str, masked: str) -> None:
    assert redact(text) == masked
    assert find_pii(masked) == ()
    assert redact(masked) == masked


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        # one to three stars are a note's mark or a product, not hidden digits
        ("电话13812345678*", [PersonalKind.PHONE]),
        ("13812345678*13912345678", [PersonalKind.PHONE, PersonalKind.PHONE]),
        ("138 1234 5678***", [PersonalKind.PHONE]),
        ("*11010519491231002X", [PersonalKind.ID_NUMBER]),
        # a masked number beside a whole one: the whole one is found
        ("110105********002X 13812345678", [PersonalKind.PHONE]),
        ("138****5678，11010519491231002X", [PersonalKind.ID_NUMBER]),
        ("138****5678 11010519491231002X", [PersonalKind.ID_NUMBER]),
        # an ID number whole on its own beside stars is read whole, whatever stands before
        # them (GB 11643's example; its typo'd form too, as a number standing apart is)
        ("1381234****11010519491231002X", [PersonalKind.ID_NUMBER]),
        ("1381234****110105194912310021", [PersonalKind.ID_NUMBER]),
        ("11010519491231002X****5678", [PersonalKind.ID_NUMBER]),
        # a stretch that is whole on its own, beside hidden digits, is still read
        ("138****5678 110105 19491231 002X", [PersonalKind.ID_NUMBER]),
    ],
)
def test_numbers_beside_stars_and_masked_numbers_are_found(
    text: str, kinds: list[PersonalKind]
) -> None:
    assert [m.kind for m in find_pii(text)] == kinds


_MASKED_PIECES = st.sampled_from(
    ["6.2050320000609", "6.", "138****5678", "110105********002X", "●●●●", "*", "****", " "]
)


@settings(
    max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.lists(st.one_of(_PIECES, _MASKED_PIECES), max_size=10).map("".join), st.sampled_from("*●")
)
def test_redact_of_glued_numbers_reads_clean(text: str, mask_char: str) -> None:
    masked = redact(text, mask_char=mask_char)
    assert find_pii(masked) == (), repr(text)
    assert redact(masked, mask_char=mask_char) == masked, repr(text)


def test_redact_of_the_notice_corpus_reads_clean() -> None:
    for notice in notices(200, seed=5):
        assert find_pii(redact(notice.text)) == (), repr(notice.text)


@pytest.mark.parametrize(
    ("text", "masked", "read_again"),
    [
        # an ID number glued after a file number's five digits: what is left beside the
        # hidden birth date is one group of 11 digits touching it, then 002X, which holds
        # no number (see zfgk.privacy._hidden): nothing to read again
        ("档案编号 0042111010519491231002X，", "档案编号 00421110105********002X，", False),
        ("档案编号 00421110105194912310011，", "档案编号 00421110105********0011，", False),
        # a gap among what is left: read again (it may hold a number)
        ("档案编号 00421 11010519491231002X", "档案编号 00421 110105********002X", True),
        # read again, and a mobile number found whole there
        ("6.20503200006097 138 1234 5678", "6.20503********7 138 **** 5678", True),
    ],
)
def test_what_masking_leaves_is_read_again_only_where_it_may_hold_a_number(
    monkeypatch: pytest.MonkeyPatch, text: str, masked: str, read_again: bool
) -> None:
    # (the numbers found in a stretch by its places, as a glued ID number is, are masked by
    # what their set compiles to, which knows from the shape whether to read again)
    from zfgk.privacy import _find

    read: list[str] = []
    original = _find._read_again

    def spy(text: str, mask_char: str) -> str:
        read.append(text)
        return original(text, mask_char)

    monkeypatch.setattr(_find, "_read_again", spy)
    assert redact(text) == masked
    assert bool(read) is read_again
