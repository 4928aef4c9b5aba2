"""deadline()'s fast path (an index into the calendar's working days) agrees with counting.

The reference counts day by day with chinese-calendar's own ``is_workday``
(independent of zfgk's tables), for every start day the default calendar
covers and a few counts; and the calls that leave the fast path (a
datetime, a count of 0, a day outside the calendar, another calendar) give
what they gave before.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import chinese_calendar as cc
import pytest

import zfgk


def test_every_start_day_of_the_calendar() -> None:
    cal = zfgk.default_calendar().through(2025)
    first, last = date(cal.first_year, 1, 1), date(2025, 12, 31)
    days = [first + timedelta(i) for i in range((last - first).days + 1)]
    worked = [d for d in days if cc.is_workday(d)]  # chinese-calendar's, asked once a day
    following = 0  # the index in worked of the first working day after the start
    for day in days[:-40]:
        while worked[following] <= day:
            following += 1
        for n in (1, 20):
            assert zfgk.deadline(day, n, calendar=cal) == worked[following + n - 1], (day, n)


def test_calls_beside_the_fast_path() -> None:
    start = date(2026, 2, 13)
    assert zfgk.deadline(datetime(2026, 2, 13, 17, 30)) == zfgk.deadline(start)
    assert zfgk.deadline(start, 0) == start
    with pytest.raises(zfgk.CalendarCoverageError):
        zfgk.deadline(date(2003, 12, 31))
    last = zfgk.default_calendar().last_year
    with pytest.raises(zfgk.CalendarCoverageError):
        zfgk.deadline(date(last, 12, 20), 20)  # runs past the schedule
    with pytest.raises(TypeError):
        zfgk.deadline(start, 20.0)  # type: ignore[arg-type]
    with pytest.raises(zfgk.InvalidArgumentError):
        zfgk.deadline(start, -1)
    published = zfgk.default_calendar().through(2026).with_year(2027, holidays=[date(2027, 1, 1)])
    assert zfgk.deadline(date(2026, 12, 30), 2, calendar=published) == date(2027, 1, 4)
