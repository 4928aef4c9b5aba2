"""Dates as officers write them (zfgk.parse_date), and wrong arguments refused at the call."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zfgk
from zfgk import InvalidArgumentError, Publication, ZfgkError, audit_publication, parse_date

ITEM19 = zfgk.load("chongqing").item(19)
D = date(2026, 9, 28)


@pytest.mark.parametrize(
    "text",
    [
        "2026-09-28",
        "2026-9-28",
        "2026/9/28",
        "2026/09/28",
        "2026.9.28",
        "2026年9月28日",
        "2026年9月28",
        "2026 年 9 月 28 日",
        "20260928",
        "2026-09-28 00:00:00",
        "2026-09-28 17:30",
        "2026-09-28T08:00:00",
        "2026/9/28 0:00",
        "２０２６年９月２８日",  # full-width digits, as an IME types them
        "  2026-09-28\t",
    ],
)
def test_parse_date_reads_the_ways_officers_write_a_date(text: str) -> None:
    assert parse_date(text) == date(2026, 9, 28)


def test_parse_date_takes_date_and_datetime_cells() -> None:
    assert parse_date(date(2026, 9, 28)) == date(2026, 9, 28)
    day = parse_date(datetime(2026, 9, 28, 23, 59, 59))
    assert (type(day), day) == (date, date(2026, 9, 28))


@pytest.mark.parametrize(
    "text",
    [
        "2026-13-45",
        "2026-02-30",
        "2026-02-29",  # 2026 is not a leap year
        "28/9/2026",
        "9/28/2026",
        "2026/9-28",  # separators must agree
        "2026-09-28 25:00",
        "2026-09-28 12:60",
        "2026-09-28x",
        "2026928",
        "202609280",
        "二〇二六年九月二十八日",
        "text",
        "",
        "   ",
    ],
)
def test_parse_date_refuses_what_is_not_a_date(text: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        parse_date(text)
    assert isinstance(info.value, ValueError)
    assert repr(text) in str(info.value)


def test_parse_date_names_the_text_but_never_a_personal_number() -> None:
    with pytest.raises(InvalidArgumentError) as info:
        parse_date("2026-13-45")
    assert "'2026-13-45'" in str(info.value)
    assert "不是日期" in info.value.localized("zh")
    for secret in ("11010519491231002X", "13812345678"):
        with pytest.raises(InvalidArgumentError) as info:
            parse_date(secret)
        assert secret not in str(info.value)
        assert secret not in info.value.localized("zh")


@pytest.mark.parametrize("value", [None, 20260928, 2026.0, b"2026-09-28", ["2026-09-28"]])
def test_parse_date_wrong_types(value: Any) -> None:
    with pytest.raises(TypeError, match="parse_date"):
        parse_date(value)


@given(st.dates(min_value=date(1000, 1, 1)))
def test_parse_date_reads_every_form_of_every_date(d: date) -> None:
    forms = [
        d.isoformat(),
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}.{d.month}.{d.day}",
        f"{d.year}年{d.month}月{d.day}日",
        f"{d:%Y%m%d}",
        f"{d.isoformat()} 00:00:00",
        str(datetime(d.year, d.month, d.day, 12)),  # how a spreadsheet's date cell prints
    ]
    assert {parse_date(f) for f in forms} == {d}


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_parse_date_on_any_text_gives_a_date_or_invalid_argument(text: str) -> None:
    with contextlib.suppress(InvalidArgumentError):
        assert isinstance(parse_date(text), date)


# ------------------------------------------------------------- at the boundary


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: zfgk.deadline(D, "20"), "working_days must be an int, not str"),  # type: ignore[arg-type]
        (lambda: zfgk.deadline(D, 20.0), "working_days must be an int, not float"),  # type: ignore[arg-type]
        (lambda: zfgk.deadline(D, True), "working_days must be an int, not bool"),
        (lambda: zfgk.deadline("2026-09-28"), "read a text with zfgk.parse_date()"),  # type: ignore[arg-type]
        (lambda: zfgk.is_workday("2026-01-01"), "must be a datetime.date, not str"),  # type: ignore[arg-type]
        (lambda: zfgk.working_days_between(D, None), "must be a datetime.date, not NoneType"),  # type: ignore[arg-type]
        (lambda: zfgk.request_deadline("2026-09-28"), "start must be"),  # type: ignore[arg-type]
        (lambda: zfgk.request_deadline(D, extended="yes"), "extended must be a bool"),  # type: ignore[arg-type]
        (lambda: zfgk.request_deadline(D, paused=[D]), "(first, last) pair"),  # type: ignore[list-item]
        (lambda: zfgk.request_deadline(D, paused="x"), "paused must be an iterable"),  # type: ignore[arg-type]
        (lambda: zfgk.request_deadline(D, calendar=2026), "calendar must be"),  # type: ignore[arg-type]
        (lambda: zfgk.provisional_deadline(D, "20"), "working_days must be an int"),  # type: ignore[arg-type]
        (lambda: Publication(19, D), "an item number means different items"),  # type: ignore[arg-type]
        (lambda: Publication(ITEM19, "2026-09-28"), "formed_on must be a datetime.date"),  # type: ignore[arg-type]
        (lambda: Publication(ITEM19, D, published_on=20261030), "published_on must be"),  # type: ignore[arg-type]
        (lambda: Publication(ITEM19, D, channels="政府网站"), "not str"),
        (lambda: Publication(ITEM19, D, channels={1}), "a channel must be"),  # type: ignore[arg-type]
        (lambda: Publication(ITEM19, D, url=1), "url must be a str"),  # type: ignore[arg-type]
        (lambda: Publication(ITEM19, D, records={"a": "b"}), "records must be"),  # type: ignore[dict-item]
        (lambda: Publication(ITEM19, D, records=["a"]), "each record must be a mapping"),  # type: ignore[list-item]
        (
            lambda: audit_publication(ITEM19),  # type: ignore[arg-type]
            "audit_publication() takes a zfgk.Publication, not Item",
        ),
        (lambda: audit_publication(Publication(ITEM19, D), today="2026-10-01"), "today must be"),  # type: ignore[arg-type]
        (lambda: audit_publication(Publication(ITEM19, D), within=1.5), "within must be an int"),  # type: ignore[arg-type]
        (
            lambda: audit_publication(Publication(ITEM19, D), provisional=1),  # type: ignore[arg-type]
            "provisional must be a bool",
        ),
        (
            lambda: audit_publication(Publication(ITEM19, D), government_suffixes="gov.cn"),
            "not one str",
        ),
        (lambda: ITEM19.provisional_deadline(D, calendar=object()), "calendar must be"),  # type: ignore[arg-type]
    ],
)
def test_wrong_types_raise_type_error_at_the_call(
    call: Callable[[], object], expected: str
) -> None:
    with pytest.raises(TypeError) as info:
        call()
    assert expected in str(info.value)


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: zfgk.deadline(D, -1), "working_days must not be negative"),
        (lambda: Publication(ITEM19, D, channels={"微博"}), "unknown channel '微博'"),
        (
            lambda: audit_publication(Publication(ITEM19, D), within=-1),
            "within must not be negative",
        ),
        (
            lambda: audit_publication(Publication(ITEM19, D), government_suffixes=["a..b"]),
            "not a domain name",
        ),
        (
            lambda: zfgk.request_deadline(D, amended_on=date(2026, 9, 1)),
            "cannot arrive before the request",
        ),
    ],
)
def test_wrong_values_raise_invalid_argument(call: Callable[[], object], expected: str) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        call()
    assert expected in str(info.value)
    assert info.value.localized("zh") != str(info.value)  # said in Chinese too


def test_a_publication_converts_datetimes_to_their_day() -> None:
    pub = Publication(ITEM19, datetime(2026, 9, 28, 9), datetime(2026, 10, 30, 18))
    assert (pub.formed_on, pub.published_on) == (date(2026, 9, 28), date(2026, 10, 30))
    assert type(pub.formed_on) is date


# ---------------------------------------------------- only documented exceptions

#: Anything a caller might pass by mistake.
ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.binary(max_size=8),
    st.dates(),
    st.datetimes(),
    st.lists(st.integers(), max_size=3),
    st.frozensets(st.text(max_size=8), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
)
DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
DAYS = st.one_of(st.integers(min_value=-5, max_value=400), ANYTHING)
PUBLISHED = zfgk.default_calendar().through(2026)


def only_documented(call: Callable[[], object]) -> None:
    """Run ``call``: it may return, or raise TypeError or a ZfgkError, and nothing else."""
    with contextlib.suppress(TypeError, ZfgkError):
        call()


@settings(max_examples=150, deadline=None)
@given(st.one_of(DATES, ANYTHING), DAYS)
def test_deadline_functions_raise_only_documented_errors(start: Any, days: Any) -> None:
    only_documented(lambda: zfgk.deadline(start, days))
    only_documented(lambda: zfgk.is_workday(start))
    only_documented(lambda: zfgk.working_days_between(start, D))
    only_documented(lambda: zfgk.parse_date(start))
    only_documented(lambda: ITEM19.deadline(start))
    only_documented(lambda: zfgk.amendment_request_deadline(start))
    only_documented(lambda: zfgk.third_party_deadline(start))


@settings(max_examples=60, deadline=None)
@given(DATES, st.integers(min_value=0, max_value=200))
def test_provisional_deadline_raises_only_documented_errors(start: date, days: int) -> None:
    only_documented(lambda: zfgk.provisional_deadline(start, days, calendar=PUBLISHED))
    only_documented(lambda: ITEM19.provisional_deadline(start, calendar=PUBLISHED))


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(DATES, ANYTHING),
    st.one_of(st.none(), DATES, ANYTHING),
    ANYTHING,
    st.lists(st.tuples(st.one_of(DATES, ANYTHING), st.one_of(DATES, ANYTHING)), max_size=3),
)
def test_request_deadline_raises_only_documented_errors(
    received: Any, amended: Any, extended: Any, paused: Any
) -> None:
    only_documented(
        lambda: zfgk.request_deadline(
            received, amended_on=amended, extended=extended, paused=paused
        )
    )


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.just(ITEM19), ANYTHING),
    st.one_of(DATES, ANYTHING),
    st.one_of(st.none(), DATES, ANYTHING),
    st.one_of(
        st.frozensets(st.sampled_from([c.value for c in zfgk.Channel] + ["微博", ""])), ANYTHING
    ),
    st.one_of(st.none(), st.text(max_size=30), ANYTHING),
    st.one_of(st.none(), DATES, ANYTHING),
    st.one_of(st.none(), st.integers(min_value=-3, max_value=30), ANYTHING),
    st.one_of(st.none(), st.lists(st.text(max_size=10), max_size=2), ANYTHING),
    st.one_of(st.booleans(), ANYTHING),
)
def test_publication_and_audit_raise_only_documented_errors(
    item: Any,
    formed: Any,
    published: Any,
    channels: Any,
    url: Any,
    today: Any,
    within: Any,
    suffixes: Any,
    provisional: Any,
) -> None:
    def check() -> None:
        pub = Publication(item, formed, published, channels=channels, url=url)
        report = audit_publication(
            pub,
            today=today,
            within=within,
            government_suffixes=suffixes,
            provisional=provisional,
            calendar=PUBLISHED,
        )
        assert isinstance(report.ok, bool)

    only_documented(check)


def test_a_count_far_past_the_schedule_is_refused_not_guessed() -> None:
    with pytest.raises(zfgk.CalendarCoverageError):
        zfgk.provisional_deadline(date(2026, 12, 15), 20000, calendar=PUBLISHED)
