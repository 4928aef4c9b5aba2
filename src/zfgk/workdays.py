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

>>> zfgk.deadline(date(2026, 12, 15), 20)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
zfgk.errors.CalendarCoverageError: the working-day calendar has no official schedule for 2027 (it covers 2004–2026); ...
"""

from __future__ import annotations

import json
import os
import re
from array import array
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import attrs

from zfgk.errors import (
    CalendarCoverageError,
    HolidayFileError,
    InvalidArgumentError,
    ScheduleNotPublishedError,
)
from zfgk.i18n import N_, os_reason

__all__ = [
    "CalendarCoverageError",
    "Deadline",
    "WorkdayCalendar",
    "deadline",
    "default_calendar",
    "is_workday",
    "provisional_deadline",
    "request_deadline",
    "working_days_between",
]

#: Fixed-date statutory holidays (全国年节及纪念日放假办法, as revised in 2024):
#: 元旦 (1-1), 劳动节 (5-1, 5-2) and 国庆节 (10-1 to 10-3).
FIXED_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (5, 2, "劳动节"),
    (10, 1, "国庆节"),
    (10, 2, "国庆节"),
    (10, 3, "国庆节"),
)

# 春节 (正月初一), 端午 (五月初五) and 中秋 (八月十五) by year, as MMDD.  Computed
# with the lunardate package and checked against two other implementations
# (lunarcalendar, zhdate) and, for the years it covers, against the official
# holidays of chinese-calendar; tests/test_holidays.py repeats both checks.
_LUNAR = (
    "2004:0122,0622,0928 2005:0209,0611,0918 2006:0129,0531,1006 2007:0218,0619,0925 "
    "2008:0207,0608,0914 2009:0126,0528,1003 2010:0214,0616,0922 2011:0203,0606,0912 "
    "2012:0123,0623,0930 2013:0210,0612,0919 2014:0131,0602,0908 2015:0219,0620,0927 "
    "2016:0208,0609,0915 2017:0128,0530,1004 2018:0216,0618,0924 2019:0205,0607,0913 "
    "2020:0125,0625,1001 2021:0212,0614,0921 2022:0201,0603,0910 2023:0122,0622,0929 "
    "2024:0210,0610,0917 2025:0129,0531,1006 2026:0217,0619,0925 2027:0206,0609,0915 "
    "2028:0126,0528,1003 2029:0213,0616,0922 2030:0203,0605,0912 2031:0123,0624,1001 "
    "2032:0211,0612,0919 2033:0131,0601,0908 2034:0219,0620,0927 2035:0208,0610,0916 "
    "2036:0128,0530,1004 2037:0215,0618,0924 2038:0204,0607,0913 2039:0124,0527,1002 "
    "2040:0212,0614,0920 2041:0201,0603,0910 2042:0122,0622,0928 2043:0210,0611,0917 "
    "2044:0130,0531,1005 2045:0217,0619,0925 2046:0206,0608,0915 2047:0126,0529,1004 "
    "2048:0214,0615,0922 2049:0202,0604,0911 2050:0123,0623,0930 2051:0211,0613,0919 "
    "2052:0201,0601,0907 2053:0219,0620,0926 2054:0208,0610,0916 2055:0128,0530,1005 "
    "2056:0215,0617,0924 2057:0204,0606,0913 2058:0124,0625,1002 2059:0212,0614,0921 "
    "2060:0202,0603,0909 2061:0121,0622,0928 2062:0209,0611,0917 2063:0129,0601,1006 "
    "2064:0217,0619,0925 2065:0205,0608,0915 2066:0126,0528,1003 2067:0214,0616,0923 "
    "2068:0203,0604,0911 2069:0123,0623,0929 2070:0211,0613,0919 2071:0131,0602,0908 "
    "2072:0219,0620,0926 2073:0207,0610,0916 2074:0127,0530,1005 2075:0215,0617,0924 "
    "2076:0205,0606,0912 2077:0124,0624,1001 2078:0212,0614,0920 2079:0202,0604,0910 "
    "2080:0122,0622,0928 2081:0209,0611,0917 2082:0129,0601,1006 2083:0217,0619,0926 "
    "2084:0206,0607,0914 2085:0126,0527,1003 2086:0214,0615,0922 2087:0203,0605,0911 "
    "2088:0124,0623,0929"
)


def lunar_festivals(year: int) -> tuple[date, date, date]:
    """春节 (正月初一), 端午 (五月初五) and 中秋 (八月十五) of ``year``, 2004–2088.

    >>> from zfgk.workdays import lunar_festivals
    >>> lunar_festivals(2027)
    (datetime.date(2027, 2, 6), datetime.date(2027, 6, 9), datetime.date(2027, 9, 15))
    >>> lunar_festivals(2100)
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: no lunar festival dates for 2100: zfgk knows 2004–2088
    """
    for entry in _LUNAR.split():
        if entry.startswith(f"{year}:"):
            days = entry[5:].split(",")
            return tuple(date(year, int(d[:2]), int(d[2:])) for d in days)  # type: ignore[return-value]
    raise InvalidArgumentError.of(
        N_("no lunar festival dates for {year}: zfgk knows 2004–2088"), year=year
    )


def statutory_holidays(year: int) -> tuple[tuple[date, str], ...]:
    """The statutory public holidays of ``year``, before the State Council's notice.

    全国年节及纪念日放假办法 (as revised in 2024, in force from 2025): 元旦
    1-1; 春节 除夕 and 正月初一 to 初三; 清明 on its solar term; 劳动节 5-1
    and 5-2; 端午 and 中秋 on their lunar dates; 国庆 10-1 to 10-3.  The
    notice adds the days around them and the make-up working days, which
    nobody knows in advance; :func:`provisional_deadline` assumes these.

    >>> from zfgk.workdays import statutory_holidays
    >>> [(d.isoformat(), name) for d, name in statutory_holidays(2027)][1:6]
    [('2027-02-05', '春节'), ('2027-02-06', '春节'), ('2027-02-07', '春节'), ('2027-02-08', '春节'), ('2027-04-05', '清明节')]
    """
    from chinese_calendar import get_solar_terms

    new_year, dragon_boat, mid_autumn = lunar_festivals(year)
    qingming = next(
        d for d, name in get_solar_terms(date(year, 4, 1), date(year, 4, 30)) if name == "清明"
    )
    days = [(date(year, m, d), name) for m, d, name in FIXED_HOLIDAYS]
    days += [(new_year + timedelta(days=n), "春节") for n in range(-1, 3)]
    days += [(qingming, "清明节"), (dragon_boat, "端午节"), (mid_autumn, "中秋节")]
    return tuple(sorted(days))


def _as_date(value: date) -> date:
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise TypeError(f"expected a datetime.date, not {type(value).__name__}")
    return value


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
    >>> cal
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
        >>> cal = zfgk.default_calendar().with_year(
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

        >>> zfgk.default_calendar().with_year(2028, holidays=[date(2028, 1, 1)])
        Traceback (most recent call last):
        ...
        zfgk.errors.InvalidArgumentError: cannot add 2028: the calendar covers 2004–2026 and years must be consecutive; add the years in between first
        >>> zfgk.default_calendar().with_year(2027)
        Traceback (most recent call last):
        ...
        zfgk.errors.InvalidArgumentError: the schedule of 2027 lists no holiday in 2027; a year's notice always has some (元旦, 春节 …): give its days, or use provisional_deadline() until it is published
        """
        if not self.first_year - 1 <= year <= self.last_year + 1:
            raise InvalidArgumentError.of(
                N_(
                    "cannot add {year}: the calendar covers {first}–{last} and years must be "
                    "consecutive; add the years in between first"
                ),
                year=year,
                first=self.first_year,
                last=self.last_year,
            )
        holidays = [_as_date(d) for d in holidays]
        workdays = [_as_date(d) for d in workdays]
        for d in (*holidays, *workdays):
            if abs(d.year - year) > 1:
                raise InvalidArgumentError.of(
                    N_("{day} is not in {year} or a neighbouring year; check the schedule's dates"),
                    day=d.isoformat(),
                    year=year,
                )
        clash = set(holidays) & set(workdays)
        if clash:
            raise InvalidArgumentError.of(
                N_("{day} is given both as a holiday and as a working day"),
                day=min(clash).isoformat(),
            )
        in_year = [d for d in (*holidays, *workdays) if d.year == year]
        if not any(d.year == year for d in holidays):
            raise InvalidArgumentError.of(
                N_(
                    "the schedule of {year} lists no holiday in {year}; a year's notice always "
                    "has some (元旦, 春节 …): give its days, or use provisional_deadline() until "
                    "it is published"
                ),
                year=year,
            )
        last_listed = max(in_year)

        def replaced(d: date) -> bool:
            return d.year == year and d <= last_listed

        rest = {d for d in self.rest_days if not replaced(d)}
        make_up = {d for d in self.make_up_days if not replaced(d)}
        for d in holidays:
            make_up.discard(d)
            if d.weekday() < 5:
                rest.add(d)
        for d in workdays:
            rest.discard(d)
            if d.weekday() >= 5:
                make_up.add(d)
        return WorkdayCalendar(
            first_year=min(self.first_year, year),
            last_year=max(self.last_year, year),
            rest_days=frozenset(rest),
            make_up_days=frozenset(make_up),
            provisional_years=self.provisional_years - {year},
        )

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
        year, holidays, workdays, origin = _read_holiday_cn(source)
        try:
            return self.with_year(year, holidays=holidays, workdays=workdays)
        except InvalidArgumentError as e:
            raise HolidayFileError.of(
                N_("{origin}: {problem}"), origin, origin=origin, problem=e.as_message()
            ) from None

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
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "2027.json").write_text(json.dumps({"year": 2027, "papers": ["..."],
        ...     "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": True}]}))
        >>> _ = (folder / "2028.json").write_text('{"year": 2028, "papers": [], "days": []}')
        >>> cal = zfgk.default_calendar().with_holidays([folder])
        >>> cal, cal.is_workday(date(2027, 1, 1))
        (<WorkdayCalendar 2004–2027>, False)
        """
        read = []
        for source in sources:
            path = Path(source)
            if path.is_dir():
                for file in sorted(path.glob("*.json")):
                    if _YEAR_FILE.fullmatch(file.name):
                        try:
                            read.append(_read_holiday_cn(file))
                        except ScheduleNotPublishedError:
                            continue  # next year's file, before the notice
            else:
                read.append(_read_holiday_cn(path))
        calendar = self
        for year, holidays, workdays, origin in sorted(read, key=lambda r: r[0]):
            try:
                calendar = calendar.with_year(year, holidays=holidays, workdays=workdays)
            except InvalidArgumentError as e:
                raise HolidayFileError.of(
                    N_("{origin}: {problem}"), origin, origin=origin, problem=e.as_message()
                ) from None
        return calendar

    def with_provisional_years(self, last_year: int) -> WorkdayCalendar:
        """A calendar that assumes the years up to ``last_year`` have only their statutory holidays.

        Use only for a provisional answer (see :func:`provisional_deadline`):
        each assumed year rests on :func:`statutory_holidays` (元旦, 春节 除夕
        to 初三, 清明, 劳动节, 端午, 中秋, 国庆), with no make-up working days,
        which only the year's notice can say.

        >>> import zfgk
        >>> zfgk.default_calendar().with_provisional_years(2027)
        <WorkdayCalendar 2004–2027, provisional 2027>
        """
        calendar = self
        for year in range(self.last_year + 1, last_year + 1):
            calendar = calendar.with_year(year, holidays=[d for d, _ in statutory_holidays(year)])
            calendar = attrs.evolve(calendar, provisional_years=calendar.provisional_years | {year})
        return calendar

    # ---------------------------------------------------------- questions

    def _offset(self, d: date) -> int:
        offset = d.toordinal() - self._base
        if offset < 0 or offset >= len(self._flags):
            raise CalendarCoverageError(d.year, self.first_year, self.last_year)
        return offset

    def covers(self, d: date) -> bool:
        """Whether ``d`` lies in a year whose schedule is known.

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.default_calendar().covers(date(2027, 1, 1))
        False
        """
        return self.first_year <= _as_date(d).year <= self.last_year

    def is_workday(self, d: date) -> bool:
        """Whether ``d`` is a working day.

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.default_calendar().is_workday(date(2026, 2, 28))  # Saturday, make-up day
        True
        """
        return bool(self._flags[self._offset(_as_date(d))])

    def deadline(self, start: date, working_days: int = 20) -> date:
        """The ``working_days``-th working day after ``start`` (``start`` not counted).

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.default_calendar().deadline(date(2026, 2, 13), 1)  # before 春节
        datetime.date(2026, 2, 14)
        """
        start = _as_date(start)
        if working_days < 0:
            raise InvalidArgumentError.of(
                N_("working_days must not be negative (given {days})"), days=working_days
            )
        offset = self._offset(start)
        if working_days == 0:
            return start
        index = self._cumulative[offset] + working_days - 1
        if index >= len(self._workdays):
            raise CalendarCoverageError(self.last_year + 1, self.first_year, self.last_year)
        return date.fromordinal(self._workdays[index])

    def working_days_between(self, a: date, b: date) -> int:
        """The number of working days in (a, b]; negative when ``b`` is before ``a``.

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.default_calendar().working_days_between(date(2026, 9, 30), date(2026, 10, 8))
        1
        """
        a, b = _as_date(a), _as_date(b)
        return self._cumulative[self._offset(b)] - self._cumulative[self._offset(a)]

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
        d = _as_date(d)
        self._offset(d)
        return d in self.make_up_days

    def is_holiday(self, d: date) -> bool:
        """Whether ``d`` is a weekday made a rest day by the schedule.

        >>> import zfgk
        >>> from datetime import date
        >>> zfgk.default_calendar().is_holiday(date(2026, 10, 7))
        True
        """
        d = _as_date(d)
        self._offset(d)
        return d in self.rest_days


_YEAR_FILE = re.compile(r"\d{4}\.json")


def _read_holiday_cn(
    source: str | os.PathLike[str] | Mapping[str, Any],
) -> tuple[int, list[date], list[date], str]:
    """(year, rest days, make-up working days, origin) of a holiday-cn year file or its data."""
    origin = "holiday-cn data"
    if isinstance(source, Mapping):
        data: Any = source
    else:
        origin = os.fspath(source)
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8-sig"))
        except OSError as e:
            raise HolidayFileError.of(
                N_("{origin}: cannot read the file: {strerror}"),
                origin,
                origin=origin,
                strerror=os_reason(e),
            ) from None
        except UnicodeDecodeError:
            raise HolidayFileError.of(
                N_("{origin}: not UTF-8 text"), origin, origin=origin
            ) from None
        except json.JSONDecodeError as e:
            raise HolidayFileError.of(
                N_("{origin}: not valid JSON: {msg} (line {lineno})"),
                origin,
                origin=origin,
                msg=e.msg,
                lineno=e.lineno,
            ) from None
    if not isinstance(data, Mapping) or not isinstance(data.get("year"), int):
        raise HolidayFileError.of(
            N_("{origin}: not a holiday-cn year file: expected an object with an integer 'year'"),
            origin,
            origin=origin,
        )
    year: int = data["year"]
    days = data.get("days")
    if not isinstance(days, list):
        raise HolidayFileError.of(N_("{origin}: expected a 'days' list"), origin, origin=origin)
    holidays: list[date] = []
    workdays: list[date] = []
    for index, day in enumerate(days):
        where = f"{origin}: days[{index}]"
        if not isinstance(day, Mapping) or not isinstance(day.get("isOffDay"), bool):
            raise HolidayFileError.of(
                N_('{where}: expected {{"name", "date": "YYYY-MM-DD", "isOffDay": true or false}}'),
                origin,
                where=where,
            )
        try:
            when = date.fromisoformat(str(day.get("date")))
        except ValueError:
            raise HolidayFileError.of(
                N_("{where}.date: not a YYYY-MM-DD date"), origin, where=where
            ) from None
        (holidays if day["isOffDay"] else workdays).append(when)
    papers = data.get("papers")
    if not days or (isinstance(papers, list) and not papers):
        template = (
            N_(
                "{origin}: the holiday schedule of {year} has not been published: the file lists "
                "no days; use a file that lists the days of the State Council's notice "
                "(国务院办公厅关于{year}年部分节假日安排的通知)"
            )
            if not days
            else N_(
                "{origin}: the holiday schedule of {year} has not been published: the file names "
                "no notice (papers); use a file that lists the days of the State Council's notice "
                "(国务院办公厅关于{year}年部分节假日安排的通知)"
            )
        )
        raise ScheduleNotPublishedError.of(template, origin, year, origin=origin, year=year)
    return year, holidays, workdays, origin


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
    skipped.  The calendar is built once per setting and cached; after
    changing the files of a running process, call :func:`clear_calendar_cache`.

    >>> import zfgk
    >>> zfgk.default_calendar() is zfgk.default_calendar()
    True
    >>> zfgk.default_calendar().last_year >= 2026
    True
    """
    return _calendar_for(os.environ.get(HOLIDAYS_ENV, ""))


@cache
def _chinese_calendar() -> WorkdayCalendar:
    return WorkdayCalendar.from_chinese_calendar()


@lru_cache(maxsize=8)
def _calendar_for(setting: str) -> WorkdayCalendar:
    sources = [part for part in setting.split(os.pathsep) if part.strip()]
    calendar = _chinese_calendar()
    return calendar.with_holidays(sources) if sources else calendar


def clear_calendar_cache() -> None:
    """Forget the default calendar, so that the next use reads ``ZFGK_HOLIDAYS`` again.

    >>> from zfgk.workdays import clear_calendar_cache
    >>> clear_calendar_cache()
    """
    _calendar_for.cache_clear()


def _calendar(calendar: WorkdayCalendar | None) -> WorkdayCalendar:
    return default_calendar() if calendar is None else calendar


def is_workday(d: date, *, calendar: WorkdayCalendar | None = None) -> bool:
    """Whether ``d`` is a working day under the official schedule.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.is_workday(date(2026, 10, 1)), zfgk.is_workday(date(2026, 9, 20))
    (False, True)

    A day of a year whose schedule is not known is not guessed:

    >>> zfgk.is_workday(date(2027, 1, 1))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.CalendarCoverageError: the working-day calendar has no official schedule for 2027 (it covers 2004–2026); ...
    """
    return _calendar(calendar).is_workday(d)


def deadline(
    start: date, working_days: int = 20, *, calendar: WorkdayCalendar | None = None
) -> date:
    """The last on-time day for information formed or changed on ``start``.

    ``start`` is not counted; counting starts the next day and only working
    days count, so a start on a rest day has the first working day after it
    as day 1.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.deadline(date(2026, 2, 13))   # Friday before 春节 (2-15 to 2-23)
    datetime.date(2026, 3, 19)
    >>> zfgk.deadline(date(2026, 2, 14), 1)  # formed on a make-up Saturday
    datetime.date(2026, 2, 24)

    A count that runs into a year whose schedule is not known raises
    :class:`~zfgk.CalendarCoverageError`; see :func:`provisional_deadline`:

    >>> zfgk.deadline(date(2026, 12, 15))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.CalendarCoverageError: the working-day calendar has no official schedule for 2027 (it covers 2004–2026); ...
    """
    return _calendar(calendar).deadline(start, working_days)


def working_days_between(a: date, b: date, *, calendar: WorkdayCalendar | None = None) -> int:
    """Working days in (a, b]: after ``a``, up to and including ``b``.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.working_days_between(date(2026, 2, 13), date(2026, 2, 24))
    2
    """
    return _calendar(calendar).working_days_between(a, b)


_Day = date  # Deadline.date hides the name date in its own body


@attrs.frozen
class Deadline:
    """A deadline that may rest on assumed (provisional) years.

    ``assumed_years`` are the years whose schedule was not known;
    ``assumed_holidays`` the statutory holidays assumed in them, up to the
    deadline, as (day, name).  Make-up working days cannot be assumed, so a
    provisional date may move when the year's notice is out.

    >>> import zfgk
    >>> from datetime import date
    >>> d = zfgk.provisional_deadline(date(2026, 12, 15), 20)
    >>> d.provisional, d.assumed_years, [str(day) for day, _ in d.assumed_holidays]
    (True, (2027,), ['2027-01-01'])
    """

    date: date
    provisional: bool
    assumed_years: tuple[int, ...] = ()
    assumed_holidays: tuple[tuple[_Day, str], ...] = ()

    @property
    def note(self) -> str:
        """What the date rests on, in Chinese, for people.

        >>> import zfgk
        >>> from datetime import date
        >>> print(zfgk.provisional_deadline(date(2027, 1, 20), 20).note)
        暂定：2027年的节假日安排尚未公布，按法定节假日（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节）推算，未计调休；公布后须重新计算。
        >>> zfgk.provisional_deadline(date(2026, 9, 28), 20).note
        '按国务院公布的节假日安排计算。'
        """
        if not self.provisional:
            return "按国务院公布的节假日安排计算。"
        years = "、".join(f"{y}年" for y in self.assumed_years)
        return (
            f"暂定：{years}的节假日安排尚未公布，按法定节假日（元旦、春节、清明节、劳动节、"
            "端午节、中秋节、国庆节）推算，未计调休；公布后须重新计算。"
        )


def provisional_deadline(
    start: date, working_days: int = 20, *, calendar: WorkdayCalendar | None = None
) -> Deadline:
    """A deadline that, where it must, assumes the statutory holidays of unknown years.

    For each year past the calendar that the count reaches, weekends and
    the statutory holidays of :func:`statutory_holidays` are assumed: 元旦,
    春节 (除夕 to 初三), 清明, 劳动节 (5-1, 5-2), 端午, 中秋 and 国庆 (10-1 to
    10-3), whose dates are known in advance.  The days the State Council
    adds around them and the make-up working days are not, so the result
    says which years and holidays were assumed.  Within known years the
    answer is exact and not provisional.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.provisional_deadline(date(2026, 9, 28)).provisional
    False
    >>> d = zfgk.provisional_deadline(date(2027, 1, 20), 20)   # across 春节 2027
    >>> d.date, [f"{day:%m-%d} {name}" for day, name in d.assumed_holidays]
    (datetime.date(2027, 2, 19), ['01-01 元旦', '02-05 春节', '02-06 春节', '02-07 春节', '02-08 春节'])
    """
    cal = _calendar(calendar)
    last = cal.last_year
    while True:
        try:
            result = cal.deadline(start, working_days)
        except CalendarCoverageError as e:
            if e.year <= cal.first_year or e.year > last + 50:
                raise
            cal = cal.with_provisional_years(e.year)
            continue
        assumed = tuple(sorted(y for y in cal.provisional_years if y <= result.year))
        holidays = tuple(
            (day, name)
            for year in assumed
            for day, name in statutory_holidays(year)
            if day <= result
        )
        return Deadline(result, bool(assumed), assumed, holidays)


def request_deadline(
    received_on: date,
    *,
    extended: bool = False,
    paused: Iterable[tuple[date, date]] = (),
    calendar: WorkdayCalendar | None = None,
) -> date:
    """The reply deadline for a request for disclosure (依申请公开).

    政府信息公开条例 第33条: reply within 20 working days of receipt; with the
    approval of the office's head, 20 more (``extended=True``).  Periods that
    the Regulations exclude from the count are given as inclusive date
    ranges in ``paused``: the time the applicant takes to amend the request
    (补正, 第30条) and to consult a third party (第32条).  Working days inside
    them are not counted.

    When is a request received (第31条)?  Handed in person: the day it is
    handed in.  By post: the day the office signs for it; by ordinary mail
    that needs no signature, the day the office confirms receipt with the
    applicant.  Online: the day the office confirms receipt.  After an
    amendment (补正): the day the office receives the amended request.  Pass
    that day as ``received_on``.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.request_deadline(date(2026, 9, 28))
    datetime.date(2026, 10, 30)
    >>> zfgk.request_deadline(date(2026, 9, 28), extended=True)
    datetime.date(2026, 11, 27)
    >>> zfgk.request_deadline(date(2026, 9, 28), paused=[(date(2026, 10, 12), date(2026, 10, 16))])
    datetime.date(2026, 11, 6)
    >>> zfgk.request_deadline(date(2026, 9, 28), paused=[(date(2026, 10, 16), date(2026, 10, 12))])
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: a paused period ends (2026-10-12) before it starts (2026-10-16)
    """
    cal = _calendar(calendar)
    received_on = _as_date(received_on)
    needed = 40 if extended else 20
    ranges = []
    for given_first, given_last in paused:
        first, last = _as_date(given_first), _as_date(given_last)
        if last < first:
            raise InvalidArgumentError.of(
                N_("a paused period ends ({last}) before it starts ({first})"),
                last=last.isoformat(),
                first=first.isoformat(),
            )
        ranges.append((max(first, received_on + timedelta(days=1)), last))
    ranges = [(a, b) for a, b in ranges if a <= b]
    result = cal.deadline(received_on, needed)
    while True:
        skipped = sum(
            cal.working_days_between(a - timedelta(days=1), min(b, result))
            for a, b in _merge(ranges)
            if a <= result
        )
        candidate = cal.deadline(received_on, needed + skipped)
        if candidate == result:
            return result
        result = candidate


def _merge(ranges: list[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[tuple[date, date]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
