"""Requests for disclosure (依申请公开): the deadlines of 政府信息公开条例 (2019), 第30–33条."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from zfgk._deprecated import deprecated_arguments
from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_
from zfgk.workdays._calendar import WorkdayCalendar, calendar_or_default
from zfgk.workdays._dates import as_date
from zfgk.workdays._deadlines import Deadline, counted_provisionally

__all__ = [
    "amendment_request_deadline",
    "provisional_request_deadline",
    "request_deadline",
    "third_party_deadline",
]

#: 第三十条: the office asks for an amendment within 7 working days of receipt.
AMENDMENT_NOTICE_DAYS = 7
#: 第三十二条: the third party answers within 15 working days of receiving the letter.
THIRD_PARTY_DAYS = 15
#: 第三十三条: the reply within 20 working days, extended by at most 20 more.
REPLY_DAYS = 20


@deprecated_arguments(renamed={"received_on": "start"})
def request_deadline(
    start: date,
    *,
    amended_on: date | None = None,
    extended: bool = False,
    paused: Iterable[tuple[date, date]] = (),
    calendar: WorkdayCalendar | None = None,
) -> date:
    """The last day to reply to a request for disclosure (依申请公开) received on ``start``.

    第三十三条: reply within 20 working days of receiving the request; with
    the approval of the head of the office's disclosure unit, and telling
    the applicant, 20 more at most (``extended=True``).  The time spent
    consulting third parties and other offices is not counted: give each
    consultation as an inclusive date range in ``paused``; its working days
    are left out.

    第三十条: when the office asked for the request to be amended (补正),
    the reply period is counted from the day it receives the amended
    request, ``amended_on``: the count starts again, and the days before
    it do not matter.  (:func:`amendment_request_deadline` is the last day
    to ask.)

    When is a request received (第三十一条)?  Handed in person: the day it
    is handed in.  By post: the day the office signs for it; by ordinary
    mail that needs no signature, the day the office confirms receipt with
    the applicant.  Online or by fax: the day both sides confirm it.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.request_deadline(date(2026, 9, 28))
    datetime.date(2026, 10, 30)
    >>> zfgk.request_deadline(date(2026, 9, 28), extended=True)
    datetime.date(2026, 11, 27)
    >>> zfgk.request_deadline(date(2026, 9, 28), amended_on=date(2026, 10, 15))
    datetime.date(2026, 11, 12)
    >>> zfgk.request_deadline(date(2026, 9, 28), paused=[(date(2026, 10, 12), date(2026, 10, 16))])
    datetime.date(2026, 11, 6)
    >>> zfgk.request_deadline(date(2026, 9, 28), paused=[(date(2026, 10, 16), date(2026, 10, 12))])
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: a paused period ends (2026-10-12) before it starts (2026-10-16)

    A reply period that runs into a year whose holiday schedule is not
    published raises :class:`~zfgk.CalendarCoverageError`; see
    :func:`provisional_request_deadline`.  (``received_on=``, this
    argument's name before 0.3, still works, with a DeprecationWarning.)
    """
    request = _Request.of(start, amended_on, extended, paused)
    return request.count(calendar_or_default(calendar))


def provisional_request_deadline(
    start: date,
    *,
    amended_on: date | None = None,
    extended: bool = False,
    paused: Iterable[tuple[date, date]] = (),
    calendar: WorkdayCalendar | None = None,
) -> Deadline:
    """:func:`request_deadline`, or where the period passes the known schedule, a provisional date.

    For a request received in late December, before the State Council has
    published next year's holiday schedule: the unknown year's statutory
    holidays are assumed, as :func:`provisional_deadline` assumes them, and
    the answer (a :class:`Deadline`) says so.  Within the known years it is
    :func:`request_deadline`'s date, not provisional.  The options are
    :func:`request_deadline`'s.

    >>> import zfgk
    >>> from datetime import date
    >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
    >>> d = zfgk.provisional_request_deadline(date(2026, 12, 25), calendar=published)
    >>> d.date, d.provisional, d.assumed_years
    (datetime.date(2027, 1, 25), True, (2027,))
    >>> zfgk.provisional_request_deadline(date(2026, 9, 28)).provisional
    False
    """
    request = _Request.of(start, amended_on, extended, paused)
    return counted_provisionally(request.count, request.start, request.days, calendar)


class _Request:
    """A request's reply period: where it starts, how many working days, the pauses left out."""

    __slots__ = ("days", "ranges", "start")

    def __init__(self, start: date, days: int, ranges: list[tuple[date, date]]) -> None:
        self.start, self.days, self.ranges = start, days, ranges

    @classmethod
    def of(
        cls,
        received: date,
        amended_on: date | None,
        extended: bool,
        paused: Iterable[tuple[date, date]],
    ) -> _Request:
        """The arguments of :func:`request_deadline`, checked."""
        received = as_date(received, "start")
        if not isinstance(extended, bool):
            raise TypeError(f"extended must be a bool, not {type(extended).__name__}")
        start = received
        if amended_on is not None:
            start = as_date(amended_on, "amended_on")
            if start < received:
                raise InvalidArgumentError.of(
                    N_(
                        "the amended request ({amended}) cannot arrive before the request "
                        "({received})"
                    ),
                    amended=start.isoformat(),
                    received=received.isoformat(),
                )
        days = 2 * REPLY_DAYS if extended else REPLY_DAYS
        return cls(start, days, _merge(_paused_after(start, paused)))

    def count(self, cal: WorkdayCalendar) -> date:
        """The last day to reply, on ``cal``: the paused working days added until it settles."""
        result = cal.deadline(self.start, self.days)
        while True:
            skipped = sum(
                cal.working_days_between(a - timedelta(days=1), min(b, result))
                for a, b in self.ranges
                if a <= result
            )
            candidate = cal.deadline(self.start, self.days + skipped)
            if candidate == result:
                return result
            result = candidate


@deprecated_arguments(renamed={"received_on": "start"})
def amendment_request_deadline(start: date, *, calendar: WorkdayCalendar | None = None) -> date:
    """The last day for the office to ask, once, for a request received on ``start`` to be amended (第三十条).

    A request whose content is unclear must be met with guidance and one
    notice listing everything to amend and a reasonable time to do it,
    within 7 working days of receipt.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.amendment_request_deadline(date(2026, 9, 28))  # 10-01 to 10-07 are 国庆
    datetime.date(2026, 10, 13)
    """
    start = as_date(start, "start")
    return calendar_or_default(calendar).deadline(start, AMENDMENT_NOTICE_DAYS)


@deprecated_arguments(renamed={"letter_received_on": "start"})
def third_party_deadline(start: date, *, calendar: WorkdayCalendar | None = None) -> date:
    """The last day for a third party consulted under 第三十二条 to give its opinion.

    ``start`` is the day the third party received the office's letter.

    The third party answers within 15 working days of receiving the
    office's letter asking for its opinion; if it does not, the office
    decides by itself.  The consultation's days are not counted in the
    reply period (第三十三条): give them to :func:`request_deadline` in
    ``paused``.

    >>> import zfgk
    >>> from datetime import date
    >>> zfgk.third_party_deadline(date(2026, 10, 12))
    datetime.date(2026, 11, 2)
    """
    start = as_date(start, "start")
    return calendar_or_default(calendar).deadline(start, THIRD_PARTY_DAYS)


def _paused_after(start: date, paused: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    """The paused periods as dates, cut to the days after ``start``; empty ones dropped."""
    if isinstance(paused, (str, bytes)) or not isinstance(paused, Iterable):
        raise TypeError(
            f"paused must be an iterable of (first, last) date pairs, not {type(paused).__name__}"
        )
    ranges = []
    for pair in paused:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise TypeError(
                "each paused period must be a (first, last) pair of dates, not "
                f"{type(pair).__name__}"
            )
        first, last = (
            as_date(pair[0], "a paused period's first day"),
            as_date(pair[1], "a paused period's last day"),
        )
        if last < first:
            raise InvalidArgumentError.of(
                N_("a paused period ends ({last}) before it starts ({first})"),
                last=last.isoformat(),
                first=first.isoformat(),
            )
        ranges.append((max(first, start + timedelta(days=1)), last))
    return [(a, b) for a, b in ranges if a <= b]


def _merge(ranges: list[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[tuple[date, date]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
