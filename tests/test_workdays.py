"""Working days and deadlines, against chinese-calendar and hand-worked cases."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import chinese_calendar as cc
import pytest
from chinese_calendar import constants

import zfgk
from zfgk import WorkdayCalendar, deadline, request_deadline, working_days_between

DATA = Path(__file__).parent / "data"
#: The last year the installed chinese-calendar knows: its data says, never this file.
LAST_YEAR = max(d.year for d in constants.holidays)
NEXT_YEAR = LAST_YEAR + 1
#: The schedule as it stood up to 2026, for the cases worked by hand across 2026 and 2027.
UP_TO_2026 = zfgk.default_calendar().through(2026)
FIRST = date(2004, 1, 1)
LAST = date(LAST_YEAR, 12, 31)
ALL_DAYS = [FIRST + timedelta(days=i) for i in range((LAST - FIRST).days + 1)]


@pytest.fixture(scope="module")
def reference() -> dict[date, bool]:
    """chinese-calendar's verdict for every day it knows."""
    return {d: cc.is_workday(d) for d in ALL_DAYS}


def naive_deadline(flags: dict[date, bool], start: date, n: int) -> date | None:
    d, counted = start, 0
    while counted < n:
        d += timedelta(days=1)
        if d not in flags:
            return None
        counted += flags[d]
    return d


def test_every_day_matches_chinese_calendar(reference: dict[date, bool]) -> None:
    cal = zfgk.default_calendar()
    mismatches = [d for d in ALL_DAYS if cal.is_workday(d) != reference[d]]
    assert mismatches == []


@pytest.mark.parametrize("n", [1, 2, 5, 20, 40])
def test_deadline_every_start_day(reference: dict[date, bool], n: int) -> None:
    for start in ALL_DAYS:
        expected = naive_deadline(reference, start, n)
        if expected is None:
            with pytest.raises(zfgk.CalendarCoverageError):
                deadline(start, n)
        else:
            assert deadline(start, n) == expected, start


@pytest.mark.parametrize("n", [1, 20])
def test_deadline_equals_find_workday(n: int) -> None:
    # The rule: on a working day find_workday(N, start); on a rest day find_workday(N - 1).
    for start in ALL_DAYS[::13]:
        try:
            expected = cc.find_workday(n if cc.is_workday(start) else n - 1, start)
        except NotImplementedError:
            with pytest.raises(zfgk.CalendarCoverageError):
                deadline(start, n)
            continue
        assert deadline(start, n) == expected, start


def test_working_days_between_matches_get_workdays() -> None:
    for a in ALL_DAYS[::97]:
        for span in (0, 1, 6, 30, 365):
            b = a + timedelta(days=span)
            if b > LAST:
                continue
            expected = len(cc.get_workdays(a + timedelta(days=1), b)) if span else 0
            assert working_days_between(a, b) == expected
            assert working_days_between(b, a) == -expected


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # 国庆 2026: 10-01..10-07 off, Sunday 9-20 and Saturday 10-10 worked
        (date(2026, 9, 28), 20, date(2026, 10, 30)),
        (date(2026, 9, 28), 5, date(2026, 10, 10)),
        (date(2026, 9, 19), 1, date(2026, 9, 20)),
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        # 春节 2026: 2-15..2-23 off, Saturdays 2-14 and 2-28 worked
        (date(2026, 2, 13), 1, date(2026, 2, 14)),
        (date(2026, 2, 13), 20, date(2026, 3, 19)),
        (date(2026, 2, 14), 1, date(2026, 2, 24)),
        (date(2026, 2, 15), 1, date(2026, 2, 24)),  # formed on a holiday: day 1 is 2-24
        # across the year end: 2026-01-01..03 off, Sunday 1-04 worked
        (date(2025, 12, 31), 1, date(2026, 1, 4)),
        (date(2025, 12, 31), 2, date(2026, 1, 5)),
        # 国庆 2024: 10-01..10-07 off, Saturday 10-12 worked
        (date(2024, 9, 30), 1, date(2024, 10, 8)),
        (date(2024, 9, 30), 5, date(2024, 10, 12)),
        # a plain week: formed on Friday, day 1 is Monday
        (date(2026, 11, 20), 1, date(2026, 11, 23)),
        (date(2026, 11, 20), 0, date(2026, 11, 20)),
    ],
)
def test_hand_worked(start: date, n: int, expected: date) -> None:
    assert deadline(start, n) == expected


def test_datetime_is_accepted() -> None:
    assert deadline(datetime(2026, 9, 28, 17, 30)) == date(2026, 10, 30)
    with pytest.raises(TypeError):
        deadline("2026-09-28")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="negative"):
        deadline(date(2026, 9, 28), -1)


def test_item_time_limit_deadline() -> None:
    for name in zfgk.catalogue_names():
        for item in zfgk.load(name):
            if item.time_limit is not None:
                assert item.time_limit.deadline(date(2026, 9, 28)) == date(2026, 10, 30)


def test_coverage_error() -> None:
    with pytest.raises(zfgk.CalendarCoverageError) as err:
        deadline(date(LAST_YEAR, 12, 15), 20)
    assert err.value.year == NEXT_YEAR
    assert isinstance(err.value, LookupError)
    message = str(err.value)
    assert f"no official schedule for {NEXT_YEAR} (it covers 2004–{LAST_YEAR})" in message
    assert "ZFGK_HOLIDAYS" in message
    assert f"calendar=default_calendar().with_holidays(['{NEXT_YEAR}.json'])" in message
    # the library's message speaks to programs; the commands word their own (test_cli)
    assert "--holidays" not in message
    with pytest.raises(zfgk.CalendarCoverageError, match=str(NEXT_YEAR)):
        zfgk.is_workday(date(NEXT_YEAR, 1, 4))
    with pytest.raises(zfgk.CalendarCoverageError, match="2003"):
        zfgk.is_workday(date(2003, 12, 31))
    # a deadline that stays inside 2026 is fine
    assert deadline(date(2026, 12, 1), 20) == date(2026, 12, 29)


def test_with_year() -> None:
    cal = UP_TO_2026.with_year(
        2027,
        holidays=[date(2027, 1, 1), date(2027, 10, 1), date(2027, 10, 2)],
        workdays=[date(2027, 9, 26)],
    )
    assert repr(cal) == "<WorkdayCalendar 2004–2027>"
    assert not cal.is_workday(date(2027, 1, 1))
    assert cal.is_workday(date(2027, 9, 26))  # a Sunday
    assert cal.is_workday(date(2027, 1, 4))
    # 12-16..12-31 give 12 working days; 1-01 is off; 1-04..1-13 give 8 more
    assert cal.deadline(date(2026, 12, 15), 20) == date(2027, 1, 13)
    assert zfgk.deadline(date(2026, 12, 15), calendar=cal) == date(2027, 1, 13)
    # the calendar it was made from is untouched
    assert not UP_TO_2026.covers(date(2027, 1, 1))
    assert zfgk.default_calendar().last_year == LAST_YEAR
    with pytest.raises(ValueError, match="consecutive"):
        UP_TO_2026.with_year(2028)
    with pytest.raises(ValueError, match="both as a holiday and as a working day"):
        UP_TO_2026.with_year(2027, holidays=[date(2027, 1, 1)], workdays=[date(2027, 1, 1)])
    with pytest.raises(ValueError, match="neighbouring year"):
        UP_TO_2026.with_year(2027, holidays=[date(2030, 1, 1)])


def test_through_keeps_the_years_up_to_one() -> None:
    cal = zfgk.default_calendar().through(2025)
    assert (cal.first_year, cal.last_year) == (2004, 2025)
    assert not cal.is_workday(date(2025, 10, 8))  # 国庆 2025: 10-01 to 10-08
    assert cal.is_workday(date(2025, 9, 28))  # a Sunday worked for it
    with pytest.raises(zfgk.CalendarCoverageError):
        cal.is_workday(date(2026, 1, 5))
    with pytest.raises(ValueError, match="cannot keep"):
        cal.through(2026)


def _calendar_until_2025() -> WorkdayCalendar:
    return WorkdayCalendar(
        first_year=2004,
        last_year=2025,
        rest_days=frozenset(d for d in constants.holidays if d.year <= 2025 and d.weekday() < 5),
        make_up_days=frozenset(
            d for d in constants.workdays if d.year <= 2025 and d.weekday() >= 5
        ),
    )


def test_from_holiday_cn_file_reproduces_2026() -> None:
    base = _calendar_until_2025()
    cal = WorkdayCalendar.from_holiday_cn(DATA / "holiday-cn" / "2026.json", base=base)
    for d in ALL_DAYS:
        if d.year <= 2026:
            assert cal.is_workday(d) == UP_TO_2026.is_workday(d), d


def test_from_holiday_cn_neighbouring_year_days() -> None:
    data = {
        "year": 2027,
        "papers": ["a notice"],
        "days": [
            {"name": "元旦", "date": "2026-12-31", "isOffDay": True},
            {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
        ],
    }
    cal = WorkdayCalendar.from_holiday_cn(data, base=UP_TO_2026)
    assert not cal.is_workday(date(2026, 12, 31))
    assert cal.deadline(date(2026, 12, 30), 1) == date(2027, 1, 4)


def test_from_holiday_cn_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cannot read"):
        WorkdayCalendar.from_holiday_cn(tmp_path / "missing.json")
    bad = tmp_path / "2027.json"
    bad.write_text(json.dumps({"year": 2027, "days": [{"date": "2027-13-01", "isOffDay": True}]}))
    with pytest.raises(ValueError, match=r"days\[0\]\.date"):
        WorkdayCalendar.from_holiday_cn(bad)
    bad.write_text(json.dumps({"days": []}))
    with pytest.raises(zfgk.HolidayFileError, match="integer 'year'"):
        WorkdayCalendar.from_holiday_cn(bad)


def test_provisional_deadline_says_so() -> None:
    exact = zfgk.provisional_deadline(date(2026, 9, 28))
    assert exact == zfgk.Deadline(date(2026, 10, 30), False, (), ())
    guess = zfgk.provisional_deadline(date(2026, 12, 15), calendar=UP_TO_2026)
    assert guess.provisional
    assert guess.assumed_years == (2027,)
    assert guess.date == date(2027, 1, 13)


def test_request_deadline() -> None:
    received = date(2026, 9, 28)
    assert request_deadline(received) == date(2026, 10, 30)
    assert request_deadline(received, extended=True) == date(2026, 11, 27)
    # 10-12..10-16 paused: 5 working days not counted
    paused = [(date(2026, 10, 12), date(2026, 10, 16))]
    assert request_deadline(received, paused=paused) == date(2026, 11, 6)
    # overlapping and weekend-only pauses
    paused2 = [
        (date(2026, 10, 12), date(2026, 10, 14)),
        (date(2026, 10, 13), date(2026, 10, 16)),
        (date(2026, 10, 17), date(2026, 10, 18)),
    ]
    assert request_deadline(received, paused=paused2) == date(2026, 11, 6)
    assert request_deadline(received, extended=True, paused=paused) == date(2026, 12, 4)
    # a pause after the deadline changes nothing
    assert request_deadline(received, paused=[(date(2026, 11, 16), date(2026, 11, 20))]) == date(
        2026, 10, 30
    )
    with pytest.raises(ValueError, match="ends"):
        request_deadline(received, paused=[(date(2026, 10, 16), date(2026, 10, 12))])


def test_month() -> None:
    october = zfgk.default_calendar().month(2026, 10)
    assert len(october) == 31
    assert [d.day for d, works in october if not works][:7] == [1, 2, 3, 4, 5, 6, 7]
    assert (date(2026, 10, 10), True) in october
