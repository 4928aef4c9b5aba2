"""The working-day calendar: the official schedule of whole, consecutive years.

:class:`WorkdayCalendar` answers in constant time whether a day is worked
and which is the N-th working day after another; :func:`default_calendar`
is chinese-calendar's schedule plus the holiday-cn files of
``ZFGK_HOLIDAYS``, built once per setting of the variable.  How a
calendar's years change (a notice added, years cut or assumed) is
``_years``'.
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import cache, lru_cache
from typing import Any

import attrs

from zfgk._arguments import quiet
from zfgk._deprecated import deprecated_arguments
from zfgk.errors import CalendarCoverageError, InvalidArgumentError
from zfgk.i18n import N_
from zfgk.workdays._dates import as_date, check_count
from zfgk.workdays._environment import FromEnvironment
from zfgk.workdays._holiday_cn import read_holiday_cn, read_holiday_sources
from zfgk.workdays._years import add_schedule, add_year, assume_years, check_year, keep_through


@attrs.frozen(repr=False)
class WorkdayCalendar:
    """An immutable working-day calendar over whole, consecutive years.

    ``years`` are the years whose official schedule is known; ``rest_days``
    are the weekdays that are holidays and ``make_up_days`` the weekend days
    that are working days.  Everything else follows the week: Monday to
    Friday work, Saturday and Sunday rest.  Lookups are constant-time: the
    cumulative count of working days is precomputed when the calendar is
    built.

    >>> import zfgk
    >>> from datetime import date
    >>> cal = zfgk.default_calendar()
    >>> cal.through(2026)
    <WorkdayCalendar 2004–2026>
    >>> cal.is_workday(date(2026, 9, 20))   # a Sunday, made a working day for 国庆
    True
    """

    first_year: int
    last_year: int
    rest_days: frozenset[date]
    make_up_days: frozenset[date]
    provisional_years: frozenset[int] = frozenset()
    _base: int = attrs.field(init=False, eq=False, alias="_base")
    _flags: bytes = attrs.field(init=False, eq=False, alias="_flags")
    _cumulative: array[int] = attrs.field(init=False, eq=False, alias="_cumulative")
    _workdays: array[int] = attrs.field(init=False, eq=False, alias="_workdays")
    # The working days as dates, made on the first deadline asked (see _dates).
    _days: tuple[date, ...] | None = attrs.field(init=False, eq=False, alias="_days")

    def __attrs_post_init__(self) -> None:
        if self.first_year > self.last_year:
            raise InvalidArgumentError.of(N_("first_year must not be after last_year"))
        base = date(self.first_year, 1, 1).toordinal()
        end = date(self.last_year, 12, 31).toordinal()
        rest = {d.toordinal() for d in self.rest_days}
        make_up = {d.toordinal() for d in self.make_up_days}
        flags = bytearray(end - base + 1)
        cumulative = array("I", bytes(4 * len(flags)))
        workdays = array("I")
        count = 0
        weekday = date.fromordinal(base).weekday()
        for i in range(len(flags)):
            ordinal = base + i
            works = ordinal in make_up if weekday >= 5 else ordinal not in rest
            if works:
                flags[i] = 1
                count += 1
                workdays.append(ordinal)
            cumulative[i] = count
            weekday = 0 if weekday == 6 else weekday + 1
        object.__setattr__(self, "_base", base)
        object.__setattr__(self, "_flags", bytes(flags))
        object.__setattr__(self, "_cumulative", cumulative)
        object.__setattr__(self, "_workdays", workdays)
        object.__setattr__(self, "_days", None)

    def _dates(self) -> tuple[date, ...]:
        """The working days as dates, made once: a deadline is then an index into them."""
        days = tuple(map(date.fromordinal, self._workdays))
        object.__setattr__(self, "_days", days)
        return days

    def __repr__(self) -> str:
        provisional = (
            f", provisional {', '.join(map(str, sorted(self.provisional_years)))}"
            if self.provisional_years
            else ""
        )
        return f"<WorkdayCalendar {self.first_year}–{self.last_year}{provisional}>"

    # ----------------------------------------------------------- building

    @classmethod
    def from_chinese_calendar(cls) -> WorkdayCalendar:
        """The official schedule as shipped by the chinese-calendar package.

        >>> from zfgk import WorkdayCalendar
        >>> WorkdayCalendar.from_chinese_calendar().first_year
        2004
        """
        from chinese_calendar import constants

        holidays: Iterable[date] = constants.holidays.keys()
        workdays: Iterable[date] = constants.workdays.keys()
        years = {d.year for d in holidays}
        return cls(
            first_year=min(years),
            last_year=max(years),
            rest_days=frozenset(d for d in holidays if d.weekday() < 5),
            make_up_days=frozenset(d for d in workdays if d.weekday() >= 5),
        )

    def with_year(
        self, year: int, *, holidays: Iterable[date] = (), workdays: Iterable[date] = ()
    ) -> WorkdayCalendar:
        """A new calendar that also knows ``year``'s official schedule.

        ``holidays`` are the rest days of the year's notice (国务院办公厅关于
        YYYY年部分节假日安排的通知; weekend days among them are accepted and
        change nothing); ``workdays`` are its make-up working days.  A notice
        may list days of the year before (a 元旦 holiday from 12-31).

        A year already known is replaced, up to the last day its notice
        lists: days after that, in late December, belong to the next year's
        notice (its 元旦 holiday and make-up days) and are kept.  A new year
        must adjoin the known ones.

        >>> import zfgk
        >>> from datetime import date
        >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
        >>> cal = published.with_year(
        ...     2027,
        ...     holidays=[date(2027, 1, 1), date(2027, 10, 1)],
        ...     workdays=[date(2027, 9, 26)],
        ... )
        >>> cal
        <WorkdayCalendar 2004–2027>
        >>> cal.deadline(date(2026, 12, 15), 20)
        datetime.date(2027, 1, 13)

        Years must be added in order, so that the calendar has no gap, and a
        schedule always has holidays:

        >>> published.with_year(2028, holidays=[date(2028, 1, 1)])
        Traceback (most recent call last):
        ...
        zfgk.errors.InvalidArgumentError: cannot add 2028: the calendar covers 2004–2026 and years must be consecutive; add the years in between first
        >>> published.with_year(2027)
        Traceback (most recent call last):
        ...
        zfgk.errors.InvalidArgumentError: the schedule of 2027 lists no holiday in 2027; a year's notice always has some (元旦, 春节 …): give its days, or use provisional_deadline() until it is published
        """
        return add_year(self, year, holidays, workdays)

    def through(self, last_year: int) -> WorkdayCalendar:
        """This calendar without the years after ``last_year``.

        For examples and tests that must not change when chinese-calendar
        ships a new year, and for a schedule as it stood before a year's
        notice.

        >>> import zfgk
        >>> zfgk.default_calendar().through(2025)
        <WorkdayCalendar 2004–2025>
        """
        return keep_through(self, last_year)

    @classmethod
    def from_holiday_cn(
        cls,
        source: str | os.PathLike[str] | Mapping[str, Any],
        *,
        base: WorkdayCalendar | None = None,
    ) -> WorkdayCalendar:
        """``base`` (the default calendar) plus one year in the holiday-cn JSON format.

        The format is that of the holiday-cn project
        (https://github.com/NateScarlet/holiday-cn): ``{"year": 2027,
        "papers": [...], "days": [{"name": "元旦", "date": "2027-01-01",
        "isOffDay": true}, ...]}``, ``isOffDay`` true for a rest day and false
        for a make-up working day.  The days may include some of the year
        before; see :meth:`with_year` for what is replaced.

        >>> from datetime import date
        >>> from zfgk import WorkdayCalendar
        >>> data = {"year": 2027, "papers": ["https://www.gov.cn/..."], "days": [
        ...     {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
        ...     {"name": "春节", "date": "2027-02-07", "isOffDay": False}]}
        >>> cal = WorkdayCalendar.from_holiday_cn(data)
        >>> cal.is_workday(date(2027, 1, 1)), cal.is_workday(date(2027, 2, 7))
        (False, True)

        A year file that lists no days (or no notice) is a year whose schedule
        has not been published, and is refused: it must not make the year
        plain weekends.

        >>> WorkdayCalendar.from_holiday_cn({"year": 2027, "papers": [], "days": []})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        zfgk.errors.ScheduleNotPublishedError: holiday-cn data: the holiday schedule of 2027 has not been published: the file lists no days; ...
        """
        if base is not None and not isinstance(base, WorkdayCalendar):
            raise TypeError(f"base must be a WorkdayCalendar or None, not {type(base).__name__}")
        return (base or default_calendar()).with_holiday_cn(source)

    def with_holiday_cn(
        self, source: str | os.PathLike[str] | Mapping[str, Any]
    ) -> WorkdayCalendar:
        """This calendar plus one year in the holiday-cn JSON format (a file or its data).

        Raises :class:`~zfgk.HolidayFileError` naming the file for anything
        it cannot use, :class:`~zfgk.ScheduleNotPublishedError` for a year
        whose schedule is not out yet.

        >>> import zfgk
        >>> zfgk.default_calendar().with_holiday_cn("no-such-2027.json")
        Traceback (most recent call last):
        ...
        zfgk.errors.HolidayFileError: no-such-2027.json: cannot read the file: No such file or directory
        """
        return add_schedule(self, read_holiday_cn(source))

    def with_holidays(self, sources: Iterable[str | os.PathLike[str]]) -> WorkdayCalendar:
        """This calendar plus holiday-cn files, or folders of them, in year order.

        A folder contributes its files named ``YYYY.json`` (a clone of the
        holiday-cn repository works as it is); the years whose schedule is
        not published yet (listed with no days, as holiday-cn publishes next
        year until the notice is out) are left unknown.  A file named
        directly must be usable.  The years must follow on from the
        calendar's, with no gap.

        >>> import json, pathlib, tempfile, zfgk
        >>> from datetime import date
        >>> cal = zfgk.default_calendar().through(2026)  # the schedule as published up to 2026
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "2027.json").write_text(json.dumps({"year": 2027, "papers": ["..."],
        ...     "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": True}]}))
        >>> _ = (folder / "2028.json").write_text('{"year": 2028, "papers": [], "days": []}')
        >>> cal = cal.with_holidays([folder])
        >>> cal, cal.is_workday(date(2027, 1, 1))
        (<WorkdayCalendar 2004–2027>, False)
        """
        if isinstance(sources, (str, bytes, os.PathLike)) or not isinstance(sources, Iterable):
            raise TypeError(
                f"sources must be a collection of paths (a list), not {type(sources).__name__}"
            )
        calendar = self
        for schedule in read_holiday_sources(sources):
            calendar = add_schedule(calendar, schedule)
        return calendar

    def with_provisional_years(self, last_year: int) -> WorkdayCalendar:
        """A calendar that assumes the years up to ``last_year`` have only their statutory holidays.

        Use only for a provisional answer (see :func:`provisional_deadline`):
        each assumed year rests on :func:`statutory_holidays` (元旦, 春节 除夕
        to 初三, 清明, 劳动节, 端午, 中秋, 国庆), with no make-up working days,
        which only the year's notice can say.

        >>> import zfgk
        >>> zfgk.default_calendar().through(2026).with_provisional_years(2027)
        <WorkdayCalendar 2004–2027, provisional 2027>
        """
        return assume_years(self, last_year)

    # ---------------------------------------------------------- questions

    def _offset(self, d: date) -> int:
        offset = d.toordinal() - self._base
        if offset < 0 or offset >= len(self._flags):
            raise CalendarCoverageError(d.year, self.first_year, self.last_year)
        return offset

    def _known(self, d: date) -> date:
        """``d`` as a date, or CalendarCoverageError if its year's schedule is not known."""
        d = as_date(d)
        self._offset(d)
        return d

    def covers(self, d: date) -> bool:
        """Whether ``d`` lies in a year whose schedule is known.

        >>> import zfgk
        >>> from datetime import date
        >>> cal = zfgk.default_calendar()
        >>> cal.covers(date(2026, 12, 31)), cal.covers(date(cal.last_year + 1, 1, 1))
        (True, False)
        """
        return self.first_year <= as_date(d).year <= self.last_year

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day.

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.default_calendar().is_workday(date(2026, 2, 28))  # Saturday, make-up day
        True
        """
        return bool(self._flags[self._offset(as_date(d))])

    def deadline(self, start: date, working_days: int = 20) -> date:
        """The ``working_days``-th working day after ``start`` (``start`` not counted).

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.default_calendar().deadline(date(2026, 2, 13), 1)  # before 春节
        datetime.date(2026, 2, 14)
        """
        if start.__class__ is date and working_days.__class__ is int and working_days > 0:
            # the usual call, answered from the tables built with the calendar
            offset = start.toordinal() - self._base
            if 0 <= offset < len(self._flags):
                index = self._cumulative[offset] + working_days - 1
                days = self._days or self._dates()
                if index < len(days):
                    return days[index]
        start = as_date(start, "start")
        check_count(working_days)
        offset = self._offset(start)
        if working_days == 0:
            return start
        index = self._cumulative[offset] + working_days - 1
        if index >= len(self._workdays):
            raise CalendarCoverageError(self.last_year + 1, self.first_year, self.last_year)
        return date.fromordinal(self._workdays[index])

    @deprecated_arguments(renamed={"a": "start", "b": "end"})
    def working_days_between(self, start: date, end: date) -> int:
        """The number of working days in (start, end]; negative when ``end`` is before ``start``.

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.default_calendar().working_days_between(date(2026, 9, 30), date(2026, 10, 8))
        1
        """
        start, end = as_date(start, "start"), as_date(end, "end")
        return self._cumulative[self._offset(end)] - self._cumulative[self._offset(start)]

    def next_workday(self, d: date) -> date:
        """The first working day after ``d``.

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.default_calendar().next_workday(date(2026, 9, 30))
        datetime.date(2026, 10, 8)
        """
        return self.deadline(d, 1)

    def month(self, year: int, month: int) -> list[tuple[date, bool]]:
        """Every day of a month with whether it is a working day.

        >>> import zfgk
        >>> [d.day for d, works in zfgk.default_calendar().month(2026, 10) if works][:3]
        [8, 9, 10]
        """
        check_year(year, "year")
        if isinstance(month, bool) or not isinstance(month, int):
            raise TypeError(f"month must be an int, not {type(month).__name__}")
        if not 1 <= year <= 9999 or not 1 <= month <= 12:
            raise InvalidArgumentError.of(
                N_("no month {month} of year {year}: a month is 1–12 of a year 1–9999"),
                month=quiet(month),
                year=quiet(year),
            )
        first = date(year, month, 1)
        days = []
        d = first
        while d.month == month:
            days.append((d, self.is_workday(d)))
            d += timedelta(days=1)
        return days

    def is_make_up_day(self, d: date) -> bool:
        """Whether ``d`` is a weekend day made a working day (调休上班).

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.default_calendar().is_make_up_day(date(2026, 10, 10))
        True
        """
        return self._known(d) in self.make_up_days

    def is_holiday(self, d: date) -> bool:
        """Whether ``d`` is a weekday made a rest day by the schedule.

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.default_calendar().is_holiday(date(2026, 10, 7))
        True
        """
        return self._known(d) in self.rest_days


# ------------------------------------------------------------ the default

#: The environment variable naming holiday-cn files or folders to add to the
#: default calendar, separated like PATH (``:`` on Linux, ``;`` on Windows).
HOLIDAYS_ENV = "ZFGK_HOLIDAYS"


def default_calendar() -> WorkdayCalendar:
    """The official schedule: chinese-calendar's, plus the files of ``ZFGK_HOLIDAYS``.

    ``ZFGK_HOLIDAYS`` names holiday-cn year files, or folders of them,
    separated like PATH; they are read on first use, in year order, over
    the years chinese-calendar ships, so every caller of zfgk picks up a
    newly published year without code (see :meth:`WorkdayCalendar.with_holidays`).
    A bad file raises :class:`~zfgk.HolidayFileError` naming it: it is never
    skipped.  The calendar is built once per setting and cached: changing
    the variable takes effect on the next call, at the cost of a dictionary
    lookup per call; after changing the files of a running process, call
    :func:`clear_calendar_cache`.

    >>> import zfgk
    >>> zfgk.default_calendar() is zfgk.default_calendar()
    True
    >>> zfgk.default_calendar().last_year >= 2026
    True
    """
    return _DEFAULT.get()


@cache
def _chinese_calendar() -> WorkdayCalendar:
    return WorkdayCalendar.from_chinese_calendar()


@lru_cache(maxsize=8)
def _calendar_for(setting: str) -> WorkdayCalendar:
    sources = [part for part in setting.split(os.pathsep) if part.strip()]
    calendar = _chinese_calendar()
    return calendar.with_holidays(sources) if sources else calendar


_DEFAULT = FromEnvironment(HOLIDAYS_ENV, _calendar_for)


def clear_calendar_cache() -> None:
    """Forget the default calendar, so that the next use reads ``ZFGK_HOLIDAYS`` and its files again.

    >>> from zfgk.workdays import clear_calendar_cache
    >>> clear_calendar_cache()
    """
    _DEFAULT.clear()
    _calendar_for.cache_clear()


def calendar_or_default(calendar: WorkdayCalendar | None) -> WorkdayCalendar:
    """``calendar``, or the default calendar when it is None.

    For the functions of other rooms that take ``calendar=``, as the
    functions of this one do.

    >>> import zfgk
    >>> from zfgk.workdays import calendar_or_default
    >>> calendar_or_default(None) is zfgk.default_calendar()
    True
    >>> calendar_or_default(2026)
    Traceback (most recent call last):
    ...
    TypeError: calendar must be a zfgk.WorkdayCalendar or None, not int
    """
    if calendar is None:
        return _DEFAULT.get()
    if not isinstance(calendar, WorkdayCalendar):
        raise TypeError(
            f"calendar must be a zfgk.WorkdayCalendar or None, not {type(calendar).__name__}"
        )
    return calendar
