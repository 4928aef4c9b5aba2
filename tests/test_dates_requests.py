"""Requests under 政府信息公开条例 (第30–33条), and provisional deadlines on items.

Every expected date is counted by hand on the 2026 schedule (国务院办公厅关于2026年
部分节假日安排的通知): rest weekdays 5-1, 5-4, 5-5 (劳动节, Saturday 5-9 worked),
6-19 (端午), 10-1 to 10-7 (国庆, Sunday 9-20 and Saturday 10-10 worked); for 2027,
not published when these tests were written, only its statutory holidays: 1-1, 春节
除夕 2-5 to 初三 2-8, 清明 4-5, 5-1/5-2, 端午 6-9, 中秋 9-15, 10-1 to 10-3.
"""

from __future__ import annotations

from datetime import date

import pytest

import zfgk
from zfgk import (
    InvalidArgumentError,
    amendment_request_deadline,
    request_deadline,
    third_party_deadline,
)

PUBLISHED = zfgk.default_calendar().through(2026)  # as it stood before 2027's notice
ITEM19 = zfgk.load("chongqing").item(19)


def test_amendment_must_be_asked_within_7_working_days() -> None:
    # received Monday 4-27: 4-28, 4-29, 4-30 (1-3); 5-1 to 5-5 off; 5-6, 5-7, 5-8 (4-6);
    # Saturday 5-9 is a make-up working day (7)
    assert amendment_request_deadline(date(2026, 4, 27)) == date(2026, 5, 9)
    # across 国庆: 9-29, 9-30 (1-2); 10-8, 10-9, 10-10 (3-5); 10-12, 10-13 (6-7)
    assert amendment_request_deadline(date(2026, 9, 28)) == date(2026, 10, 13)


def test_the_amended_request_starts_the_count_again() -> None:
    # amended request received Wednesday 5-20: 5-21, 5-22 (1-2), 5-25..29 (3-7),
    # 6-1..5 (8-12), 6-8..12 (13-17), 6-15, 6-16, 6-17 (18-20)
    assert request_deadline(date(2026, 4, 27), amended_on=date(2026, 5, 20)) == date(2026, 6, 17)
    # the days before the amendment do not count, however many they were
    assert request_deadline(date(2026, 1, 5), amended_on=date(2026, 5, 20)) == date(2026, 6, 17)
    # extended by 20 more: 6-18 (21), 6-19 off, 6-22..26 (22-26), 6-29..7-3 (27-31),
    # 7-6..10 (32-36), 7-13..16 (37-40)
    assert request_deadline(date(2026, 4, 27), amended_on=date(2026, 5, 20), extended=True) == date(
        2026, 7, 16
    )
    # amended the same day it was received: counted from that day, as without amendment
    assert request_deadline(date(2026, 9, 28), amended_on=date(2026, 9, 28)) == date(2026, 10, 30)
    with pytest.raises(InvalidArgumentError, match="cannot arrive before"):
        request_deadline(date(2026, 5, 20), amended_on=date(2026, 4, 27))


def test_a_third_party_has_15_working_days() -> None:
    # letter received Monday 6-15: 6-16..18 (1-3), 6-19 端午, 6-22..26 (4-8),
    # 6-29..7-3 (9-13), 7-6, 7-7 (14-15)
    assert third_party_deadline(date(2026, 6, 15)) == date(2026, 7, 7)


def test_consultation_is_not_counted() -> None:
    # received Monday 6-1: 6-2..5 (1-4), 6-8..12 (5-9), 6-15..18 (10-13), 6-19 off,
    # 6-22..26 (14-18), 6-29, 6-30 (19-20)
    assert request_deadline(date(2026, 6, 1)) == date(2026, 6, 30)
    # the third party consulted from 6-15 to its deadline 7-7: 9 days counted by 6-12,
    # then 7-8..10 (10-12), 7-13..17 (13-17), 7-20..22 (18-20)
    consulted = (date(2026, 6, 15), third_party_deadline(date(2026, 6, 15)))
    assert request_deadline(date(2026, 6, 1), paused=[consulted]) == date(2026, 7, 22)
    # another office consulted over days that overlap: counted once
    overlapping = [consulted, (date(2026, 7, 1), date(2026, 7, 3))]
    assert request_deadline(date(2026, 6, 1), paused=overlapping) == date(2026, 7, 22)


def test_consultation_after_an_amendment_counts_from_the_amended_request() -> None:
    # amended 5-20; the period runs 5-21 on; a consultation 5-25..5-29 (5 working days)
    # moves the 20th day from 6-17 by 5 working days: 6-18, 6-22..25 → 6-25
    assert request_deadline(
        date(2026, 4, 27),
        amended_on=date(2026, 5, 20),
        paused=[(date(2026, 5, 25), date(2026, 5, 29))],
    ) == date(2026, 6, 25)
    # a pause before the amended request arrived does not matter
    assert request_deadline(
        date(2026, 4, 27),
        amended_on=date(2026, 5, 20),
        paused=[(date(2026, 4, 28), date(2026, 5, 8))],
    ) == date(2026, 6, 17)


# ---------------------------------------------------------------- provisional


def test_item_provisional_deadline_past_the_schedule() -> None:
    # formed Friday 2026-12-04: 12-7..11 (1-5), 12-14..18 (6-10), 12-21..25 (11-15),
    # 12-28..31 (16-19), 2027-01-01 assumed a holiday, Monday 1-4 (20)
    with pytest.raises(zfgk.CalendarCoverageError):
        ITEM19.deadline(date(2026, 12, 4), calendar=PUBLISHED)
    d = ITEM19.provisional_deadline(date(2026, 12, 4), calendar=PUBLISHED)
    assert (d.date, d.provisional, d.assumed_years) == (date(2027, 1, 4), True, (2027,))
    assert "2027年的节假日安排尚未公布" in d.note
    assert ITEM19.time_limit is not None
    assert (
        ITEM19.time_limit.provisional_deadline(date(2026, 12, 4), calendar=PUBLISHED).date == d.date
    )


def test_item_provisional_deadline_across_the_spring_festival() -> None:
    # formed Wednesday 2027-01-20: 1-21, 1-22 (1-2), 1-25..29 (3-7), 2-1..4 (8-11),
    # 2-5 除夕 and Monday 2-8 初三 assumed off, 2-9..12 (12-15), 2-15..19 (16-20)
    assert ITEM19.provisional_deadline(date(2027, 1, 20), calendar=PUBLISHED).date == date(
        2027, 2, 19
    )


def test_item_provisional_deadline_inside_the_schedule_is_exact() -> None:
    d = ITEM19.provisional_deadline(date(2026, 9, 28))
    assert (d.date, d.provisional, d.assumed_years) == (date(2026, 10, 30), False, ())


def test_an_item_without_time_limit_has_no_provisional_deadline_either() -> None:
    with pytest.raises(zfgk.DeadlineUnknownError):
        zfgk.load("shanyin").item(41).provisional_deadline(date(2026, 9, 28))


def test_calendar_coverage_error_names_the_provisional_options() -> None:
    with pytest.raises(zfgk.CalendarCoverageError) as info:
        ITEM19.deadline(date(2026, 12, 15), calendar=PUBLISHED)
    for option in (
        "provisional_deadline()",
        "provisional_request_deadline()",
        "Item.provisional_deadline()",
    ):
        assert option in str(info.value)
        assert option in info.value.localized("zh")


# ---------------------------------- a request received in December (issue 27, point 2)


def test_a_reply_date_in_an_unpublished_year_is_provisional() -> None:
    # received Friday 2026-12-25: 12-28..31 (1-4), 2027-01-01 元旦 assumed off,
    # 1-04..08 (5-9), 1-11..15 (10-14), 1-18..22 (15-19), Monday 1-25 (20)
    with pytest.raises(zfgk.CalendarCoverageError):
        request_deadline(date(2026, 12, 25), calendar=PUBLISHED)
    d = zfgk.provisional_request_deadline(date(2026, 12, 25), calendar=PUBLISHED)
    assert (d.date, d.provisional, d.assumed_years) == (date(2027, 1, 25), True, (2027,))
    assert d.assumed_holidays == ((date(2027, 1, 1), "元旦"),)
    assert d.note.startswith("暂定：2027年的节假日安排尚未公布")


def test_a_provisional_reply_date_takes_the_options_of_a_reply_date() -> None:
    start = date(2026, 12, 25)
    # extended to 40: days 21-24 are 1-26..29, 25-28 2-01..04; 除夕 2-05 and 初三 2-08
    # assumed off (初一, 初二 are the weekend), 2-09..12 (29-32), 2-15..19 (33-37),
    # 2-22..24 (38-40)
    extended = zfgk.provisional_request_deadline(start, extended=True, calendar=PUBLISHED)
    assert extended.date == date(2027, 2, 24)
    assert [day for day, _ in extended.assumed_holidays] == [
        date(2027, 1, 1),
        date(2027, 2, 5),
        date(2027, 2, 6),
        date(2027, 2, 7),
        date(2027, 2, 8),
    ]
    # a consultation 12-28..12-31 is not counted: day 1 is 1-04, day 20 Friday 1-29
    paused = [(date(2026, 12, 28), date(2026, 12, 31))]
    assert zfgk.provisional_request_deadline(start, paused=paused, calendar=PUBLISHED).date == date(
        2027, 1, 29
    )
    # the amended request arrives Tuesday 2027-01-05: 1-06..08 (1-3), 1-11..15 (4-8),
    # 1-18..22 (9-13), 1-25..29 (14-18), 2-01, 2-02 (19, 20)
    amended = zfgk.provisional_request_deadline(
        start, amended_on=date(2027, 1, 5), calendar=PUBLISHED
    )
    assert amended.date == date(2027, 2, 2)
    with pytest.raises(InvalidArgumentError, match="cannot arrive before the request"):
        zfgk.provisional_request_deadline(start, amended_on=date(2026, 12, 1))


def test_inside_the_schedule_a_provisional_reply_date_is_the_reply_date() -> None:
    for start, options in [
        (date(2026, 9, 28), {}),
        (date(2026, 9, 28), {"extended": True}),
        (date(2026, 6, 1), {"paused": [(date(2026, 6, 15), date(2026, 7, 7))]}),
    ]:
        d = zfgk.provisional_request_deadline(start, **options)  # type: ignore[arg-type]
        assert (d.date, d.provisional, d.assumed_years) == (
            request_deadline(start, **options),  # type: ignore[arg-type]
            False,
            (),
        )
