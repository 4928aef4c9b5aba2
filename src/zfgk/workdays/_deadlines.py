"""Deadlines: the N-th working day after a day, exact or, past the schedule, provisional."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import attrs

from zfgk._deprecated import deprecated_arguments
from zfgk.errors import CalendarCoverageError
from zfgk.i18n import N_, Message, fill
from zfgk.workdays._calendar import _DEFAULT, WorkdayCalendar, calendar_or_default
from zfgk.workdays._dates import as_date
from zfgk.workdays._holidays import STATUTORY_HOLIDAY_NAMES, statutory_holidays


def is_workday(d: date, *, calendar: WorkdayCalendar | None = None) -> bool:
    """Whether ``d`` is a working day under the official schedule.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.is_workday(date(2026, 10, 1)), zfgk.is_workday(date(2026, 9, 20))
    (False, True)

    A day of a year whose schedule is not known is not guessed:

    >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
    >>> zfgk.is_workday(date(2027, 1, 1), calendar=published)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.CalendarCoverageError: the working-day calendar has no official schedule for 2027 (it covers 2004–2026); ...
    """
    return calendar_or_default(calendar).is_workday(d)


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

    >>> last = zfgk.default_calendar().last_year  # the last year chinese-calendar knows
    >>> zfgk.deadline(date(last, 12, 15))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.CalendarCoverageError: the working-day calendar has no official schedule for ...
    """
    if calendar is None:
        return _DEFAULT.get().deadline(start, working_days)
    return calendar_or_default(calendar).deadline(start, working_days)


@deprecated_arguments(renamed={"a": "start", "b": "end"})
def working_days_between(start: date, end: date, *, calendar: WorkdayCalendar | None = None) -> int:
    """Working days in (start, end]: after ``start``, up to and including ``end``.

    ``start`` is not counted, as in :func:`deadline`: the working days
    between a formation day and its deadline are the days allowed.
    Negative when ``end`` is before ``start``.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.working_days_between(date(2026, 2, 13), date(2026, 2, 24))
    2
    """
    return calendar_or_default(calendar).working_days_between(start, end)


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
    >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
    >>> d = zfgk.provisional_deadline(date(2026, 12, 15), 20, calendar=published)
    >>> d.provisional, d.assumed_years, [str(day) for day, _ in d.assumed_holidays]
    (True, (2027,), ['2027-01-01'])
    """

    date: date
    provisional: bool
    assumed_years: tuple[int, ...] = ()
    assumed_holidays: tuple[tuple[_Day, str], ...] = ()

    @property
    def note(self) -> str:
        """What the date rests on, in Chinese, for people; :attr:`explanation` in any language.

        >>> import zfgk
        >>> from datetime import date
        >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
        >>> print(zfgk.provisional_deadline(date(2027, 1, 20), 20, calendar=published).note)
        暂定：2027年的节假日安排尚未公布，按法定节假日（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节）推算，未计调休上班日；公布后须重新计算。
        >>> zfgk.provisional_deadline(date(2026, 9, 28), 20).note
        '按国务院公布的节假日安排计算。'
        """
        return self.explanation.localized("zh")

    @property
    def explanation(self) -> Message:
        """What the date rests on, as a message to say in the reader's language.

        >>> import zfgk
        >>> from datetime import date
        >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
        >>> d = zfgk.provisional_deadline(date(2027, 1, 20), 20, calendar=published)
        >>> print(d.explanation)
        provisional: the holiday schedule of 2027 has not been published; counted with the statutory holidays (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节) and no make-up working days; count again once it is published.
        """
        if not self.provisional:
            return Message(N_("counted with the holiday schedule the State Council published."))
        return Message(
            N_(
                "provisional: the holiday schedule of {years} has not been published; counted "
                "with the statutory holidays ({holidays}) and no make-up working days; count "
                "again once it is published."
            ),
            years=_Listed([Message(N_("{year}"), year=y) for y in self.assumed_years]),
            holidays=_Listed(list(STATUTORY_HOLIDAY_NAMES)),
        )


class _Listed(Message):
    """Items said one after another, separated as the language separates a list."""

    __slots__ = ("items",)

    def __init__(self, items: list[Message | str]) -> None:
        super().__init__(N_("{first}, {rest}"))
        self.items = items

    def localized(self, language: str) -> str:
        said = [i.localized(language) if isinstance(i, Message) else i for i in self.items]
        text = said[0]
        for item in said[1:]:
            text = fill(self.template, {"first": text, "rest": item}, language)
        return text


#: How many years past the known schedule a provisional deadline may reach.
_YEARS_AHEAD = 50


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
    >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
    >>> d = zfgk.provisional_deadline(date(2027, 1, 20), 20, calendar=published)  # across 春节
    >>> d.date, [f"{day:%m-%d} {name}" for day, name in d.assumed_holidays]
    (datetime.date(2027, 2, 19), ['01-01 元旦', '02-05 春节', '02-06 春节', '02-07 春节', '02-08 春节'])
    """
    start = as_date(start, "start")
    cal = calendar_or_default(calendar)
    return counted_provisionally(
        lambda c: c.deadline(start, working_days), start, working_days, cal
    )


def counted_provisionally(
    count: Callable[[WorkdayCalendar], date],
    start: date,
    working_days: int,
    calendar: WorkdayCalendar | None,
) -> Deadline:
    """``count(calendar)``, the years past the calendar assumed as far as the count reaches them.

    ``count`` counts a deadline on the calendar it is given (``working_days``
    from ``start``, perhaps more); where it reaches a year the calendar does
    not know, the year's statutory holidays are assumed and it counts again.
    The answer says which years and holidays were assumed.

    >>> import zfgk
    >>> from datetime import date
    >>> from zfgk.workdays._deadlines import counted_provisionally
    >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
    >>> d = counted_provisionally(lambda c: c.deadline(date(2026, 12, 31), 1), date(2026, 12, 31), 1, published)
    >>> d.date, d.assumed_holidays  # 2027-01-01 is 元旦
    (datetime.date(2027, 1, 4), ((datetime.date(2027, 1, 1), '元旦'),))
    """
    cal = calendar_or_default(calendar)
    last = cal.last_year
    while True:
        try:
            result = count(cal)
        except CalendarCoverageError as e:
            if e.year <= cal.first_year or e.year > last + _YEARS_AHEAD:
                raise
            # at least 200 working days a year: assume as many years as the count can need
            needed = max(e.year, start.year + working_days // 200 + 1)
            cal = cal.with_provisional_years(min(needed, last + _YEARS_AHEAD))
            continue
        assumed = tuple(sorted(y for y in cal.provisional_years if y <= result.year))
        holidays = tuple(
            (day, name)
            for year in assumed
            for day, name in statutory_holidays(year)
            if day <= result
        )
        return Deadline(result, bool(assumed), assumed, holidays)
