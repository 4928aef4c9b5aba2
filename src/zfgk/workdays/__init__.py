"""Working days under China's official holiday schedule, and disclosure deadlines.

Each catalogue item states its own time limit (公开时限), in its source's
words: every Chongqing item says 信息获取（形成变更）20个工作日内, within 20
working days of obtaining the information (as formed or changed); the
Shanyin items say 信息形成（变更）20个工作日内, and Shanyin's item 41 gives
none (:meth:`zfgk.Item.deadline` raises :class:`~zfgk.DeadlineUnknownError`
for it).  Working days follow the State Council's yearly schedule:
statutory holidays are rest days, and some weekends are make-up working
days (调休上班).

The counting rule
=================

The day the count starts from (the information obtained, formed or
changed) is not counted (民法典 第201条:
按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算); counting starts
the next day, and only working days count.  If the information is formed on
a rest day, the first working day after it is day 1.  The deadline is the
last day on which publishing is on time: the N-th working day after the
formation day.

>>> from datetime import date
>>> import zfgk
>>> zfgk.deadline(date(2026, 9, 28), 20)
datetime.date(2026, 10, 30)

Worked around 国庆 2026: 9-28 (Monday) is formed; day 1 is 9-29, day 2 is
9-30; 10-01 to 10-07 are holidays; 10-08 and 10-09 are days 3 and 4; the
Saturday 10-10 is a make-up working day and counts as day 5; then the
weekdays from 10-12 on are days 6 to 20, the 20th being 10-30.

>>> zfgk.is_workday(date(2026, 10, 10)), zfgk.is_workday(date(2026, 10, 7))
(True, False)
>>> zfgk.working_days_between(date(2026, 9, 28), date(2026, 10, 10))
5

Years beyond the schedule
=========================

The schedule comes from chinese-calendar, whose data ends with its last
released year.  A date past it is not guessed: :class:`CalendarCoverageError`
names the missing year and how to add it.

>>> last = zfgk.default_calendar().last_year  # the last year chinese-calendar knows
>>> try:
...     zfgk.deadline(date(last, 12, 15), 20)
... except zfgk.CalendarCoverageError as e:
...     print(e.year == last + 1, (e.first, e.last) == (2004, last))
True True

Names
=====

The start of a count, the day that is not counted, is ``start`` in every
function and method that counts (:func:`deadline`,
:func:`provisional_deadline`, :func:`working_days_between`, the requests'
deadlines, :meth:`zfgk.Item.deadline`): the information formed, changed or
obtained for an item, the request received for a reply (第三十一条 says
which day that is), the letter received for a third party.  Options come
after it, by keyword.  The names of dates that are data, not the start of
a count, keep the domain's words: ``amended_on``, and a
:class:`zfgk.Publication`'s ``formed_on`` and ``published_on``.

The package's parts, each importable from here: statutory and lunar
holidays (``_holidays``), holiday-cn files (``_holiday_cn``), the value of
``ZFGK_HOLIDAYS`` remembered (``_environment``), the calendar and its
default (``_calendar``), a calendar's years added, cut or assumed
(``_years``), dates as officers write them and the checks of date
arguments (``_dates``), deadlines (``_deadlines``) and requests under 条例
(``_requests``).  This package needs nothing of the rest of zfgk but its
errors and messages, so that :mod:`zfgk.model` can count an item's deadline
with it.
"""

from __future__ import annotations

from typing import Any

from zfgk._deprecated import warn_deprecated
from zfgk.workdays._calendar import (
    HOLIDAYS_ENV,
    WorkdayCalendar,
    calendar_or_default,
    clear_calendar_cache,
    default_calendar,
)
from zfgk.workdays._dates import as_date, check_count, parse_date
from zfgk.workdays._deadlines import (
    Deadline,
    deadline,
    is_workday,
    provisional_deadline,
    working_days_between,
)
from zfgk.workdays._holidays import (
    FIXED_HOLIDAYS,
    STATUTORY_HOLIDAY_NAMES,
    lunar_festivals,
    statutory_holidays,
)
from zfgk.workdays._requests import (
    amendment_request_deadline,
    provisional_request_deadline,
    request_deadline,
    third_party_deadline,
)

__all__ = [
    "FIXED_HOLIDAYS",
    "HOLIDAYS_ENV",
    "STATUTORY_HOLIDAY_NAMES",
    "Deadline",
    "WorkdayCalendar",
    "amendment_request_deadline",
    "as_date",
    "calendar_or_default",
    "check_count",
    "clear_calendar_cache",
    "deadline",
    "default_calendar",
    "is_workday",
    "lunar_festivals",
    "parse_date",
    "provisional_deadline",
    "provisional_request_deadline",
    "request_deadline",
    "statutory_holidays",
    "third_party_deadline",
    "working_days_between",
]


def __getattr__(name: str) -> Any:
    if name == "CalendarCoverageError":  # its home is zfgk.errors (and zfgk)
        warn_deprecated("zfgk.workdays.CalendarCoverageError", "zfgk.CalendarCoverageError")
        from zfgk.errors import CalendarCoverageError

        return CalendarCoverageError
    raise AttributeError(f"module 'zfgk.workdays' has no attribute {name!r}")
