"""A calendar's years changed: a year's notice added or replaced, later years cut, years assumed.

Calendars are immutable: each function here takes a
:class:`~zfgk.WorkdayCalendar` and returns a new one of its class, built
afresh (so its lookup tables are too).  The calendar's methods
(:meth:`~zfgk.WorkdayCalendar.with_year`, ``through``, ``with_holiday_cn``,
``with_holidays``, ``with_provisional_years``) are the front door; this
module is how they do it, apart from the questions a calendar answers.

>>> import zfgk
>>> from datetime import date
>>> from zfgk.workdays._years import add_year
>>> add_year(zfgk.default_calendar().through(2026), 2027, [date(2027, 1, 1)], [])
<WorkdayCalendar 2004–2027>
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

import attrs

from zfgk._arguments import quiet
from zfgk.errors import HolidayFileError, InvalidArgumentError
from zfgk.i18n import N_
from zfgk.workdays._dates import as_date
from zfgk.workdays._holiday_cn import YearSchedule, check_notice
from zfgk.workdays._holidays import statutory_holidays

if TYPE_CHECKING:  # pragma: no cover
    from zfgk.workdays._calendar import WorkdayCalendar

__all__ = ["add_schedule", "add_year", "assume_years", "check_year", "keep_through"]


def add_year(
    calendar: WorkdayCalendar, year: int, holidays: Iterable[date], workdays: Iterable[date]
) -> WorkdayCalendar:
    """``calendar`` with ``year``'s notice: see :meth:`zfgk.WorkdayCalendar.with_year`."""
    _check_adjoins(calendar, year)
    rest = _dates(holidays, "holidays")
    work = _dates(workdays, "workdays")
    check_notice(year, rest, work)
    return _with_notice(calendar, year, rest, work)


def add_schedule(calendar: WorkdayCalendar, schedule: YearSchedule) -> WorkdayCalendar:
    """:func:`add_year` for a holiday-cn file: its problems name the file."""
    try:
        return add_year(calendar, schedule.year, schedule.holidays, schedule.workdays)
    except InvalidArgumentError as e:
        raise HolidayFileError.of(
            N_("{origin}: {problem}"),
            schedule.origin,
            origin=schedule.origin,
            problem=e.as_message(),
        ) from None


def _with_notice(
    calendar: WorkdayCalendar, year: int, holidays: list[date], workdays: list[date]
) -> WorkdayCalendar:
    """The calendar with ``year``'s days replaced by its notice's, up to the last it lists."""
    last_listed = max(d for d in (*holidays, *workdays) if d.year == year)

    def kept(d: date) -> bool:  # not of the year's notice: another year, or after its last day
        return d.year != year or d > last_listed

    rest = {d for d in calendar.rest_days if kept(d)}
    make_up = {d for d in calendar.make_up_days if kept(d)}
    for d in holidays:
        make_up.discard(d)
        if d.weekday() < 5:
            rest.add(d)
    for d in workdays:
        rest.discard(d)
        if d.weekday() >= 5:
            make_up.add(d)
    return attrs.evolve(
        calendar,
        first_year=min(calendar.first_year, year),
        last_year=max(calendar.last_year, year),
        rest_days=frozenset(rest),
        make_up_days=frozenset(make_up),
        provisional_years=calendar.provisional_years - {year},
    )


def _check_adjoins(calendar: WorkdayCalendar, year: int) -> None:
    """Refuse a year that would leave a gap in the calendar."""
    check_year(year, "year")
    if not calendar.first_year - 1 <= year <= calendar.last_year + 1:
        raise InvalidArgumentError.of(
            N_(
                "cannot add {year}: the calendar covers {first}–{last} and years must be "
                "consecutive; add the years in between first"
            ),
            year=quiet(year),
            first=calendar.first_year,
            last=calendar.last_year,
        )


def keep_through(calendar: WorkdayCalendar, last_year: int) -> WorkdayCalendar:
    """``calendar`` without the years after ``last_year``: see :meth:`zfgk.WorkdayCalendar.through`."""
    check_year(last_year, "last_year")
    if not calendar.first_year <= last_year <= calendar.last_year:
        raise InvalidArgumentError.of(
            N_("cannot keep the years up to {year}: the calendar covers {first}–{last}"),
            year=quiet(last_year),
            first=calendar.first_year,
            last=calendar.last_year,
        )
    if last_year == calendar.last_year:
        return calendar
    return attrs.evolve(
        calendar,
        last_year=last_year,
        rest_days=frozenset(d for d in calendar.rest_days if d.year <= last_year),
        make_up_days=frozenset(d for d in calendar.make_up_days if d.year <= last_year),
        provisional_years=frozenset(y for y in calendar.provisional_years if y <= last_year),
    )


def assume_years(calendar: WorkdayCalendar, last_year: int) -> WorkdayCalendar:
    """``calendar`` with the years up to ``last_year`` assumed to have only their statutory holidays.

    See :meth:`zfgk.WorkdayCalendar.with_provisional_years`.
    """
    check_year(last_year, "last_year")
    years = range(calendar.last_year + 1, last_year + 1)
    if not years:
        return calendar
    assumed = {d for year in years for d, _ in statutory_holidays(year) if d.weekday() < 5}
    return attrs.evolve(
        calendar,
        last_year=last_year,
        rest_days=calendar.rest_days | assumed,
        provisional_years=calendar.provisional_years | frozenset(years),
    )


def _dates(days: Iterable[date], name: str) -> list[date]:
    """``days`` as a list of plain dates; a TypeError naming ``name`` unless they are dates."""
    if isinstance(days, (str, bytes)) or not isinstance(days, Iterable):
        raise TypeError(f"{name} must be a collection of datetime.date, not {type(days).__name__}")
    return [as_date(d, f"each of {name}") for d in days]


def check_year(year: int, name: str) -> None:
    """A TypeError naming ``name`` unless ``year`` is an int (a bool is not a year).

    >>> from zfgk.workdays._years import check_year
    >>> check_year(2027, "year")
    >>> check_year("2027", "last_year")
    Traceback (most recent call last):
    ...
    TypeError: last_year must be an int, a year, not str
    """
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"{name} must be an int, a year, not {type(year).__name__}")
