"""mask_record's quick test of a record that needs no masking agrees with masking it.

:func:`zfgk.mask_record` keeps, for each sequence of keys, the mask plan
and a test that says a record needs none of it (its values are returned in
a new dict as they are).  The reference is masking each value by the plan
(``_RecordMasker._masked``): wherever the test says "nothing to mask", every
value must come back from the plan as the very same object.
tests/conftest.py checks that on every record of the whole session
(:func:`agreeing_maskers`); here on drawn records of every item, with and
without options, and on every kind of column alone against the pool of
values the validation tests use.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import zfgk
from tests.agreement import _general, _same_values, _vouches
from tests.test_compiled_validation import KINDS_ITEM, POOL, cases
from zfgk.privacy._mask_record import _RecordMasker


def _masker(item: zfgk.Item, options: dict[str, Any], **more: bool) -> _RecordMasker:
    return _RecordMasker(
        item,
        names=more.get("names", False),
        phones=more.get("phones", False),
        aliases=options.get("aliases"),
        ignore=options.get("ignore", ()),
        strict=False,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.booleans(), st.booleans())
def test_the_quick_test_agrees_with_masking(case: Any, names: bool, phones: bool) -> None:
    item, options, record = case
    masker = _masker(item, options, names=names, phones=phones)
    if _vouches(masker, record):
        outcome = _general(masker, record)
        assert outcome[0] == "masked"
        assert _same_values(record, outcome[1])
    # and mask_record itself gives what masking each value gives, error for error
    got: tuple[str, Any]
    try:
        got = "masked", zfgk.mask_record(item, record, names=names, phones=phones, **options)
    except Exception as e:
        got = type(e).__name__, str(e)
    expected = _general(masker, record)
    assert got[0] == expected[0]
    if got[0] == "masked":
        assert isinstance(got[1], dict)
        assert _same_values(got[1], expected[1]) or got[1] == expected[1]


def test_each_kind_of_column_alone_on_every_value() -> None:
    keys = [e.text for e in KINDS_ITEM.elements] + [f.name for f in KINDS_ITEM.fields]
    keys += ["备注", "id", "配偶身份证号", "手机", "证件号码", "13812345678", "序号"]
    vouched = 0
    for options in ({}, {"names": True, "phones": True}):
        masker = _masker(KINDS_ITEM, {}, **options)
        for key in keys:
            for value in [*POOL, "110105********002x", "110105●●●●●●●●002X", "110105××××××123"]:
                record = {key: value}
                if _vouches(masker, record):
                    vouched += 1
                    outcome = _general(masker, record)
                    assert outcome[0] == "masked", (key, value)
                    assert _same_values(record, outcome[1]), (key, value)
    assert vouched > 1000  # the quick test does answer, for most values


def test_a_clean_record_of_every_item_is_vouched_for() -> None:
    from tests.test_compiled_validation import ITEMS, _clean

    for item in ITEMS:
        record = {f.name: _clean(f) for f in item.fields}
        assert _vouches(_masker(item, {}), record), item.number
        assert zfgk.mask_record(item, record) == record
