"""Requests for disclosure (依申请公开): the reply deadline under 政府信息公开条例."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_
from zfgk.workdays._calendar import WorkdayCalendar, as_date, calendar_or_default


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
    cal = calendar_or_default(calendar)
    received_on = as_date(received_on)
    needed = 40 if extended else 20
    ranges = _paused_after(received_on, paused)
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


def _paused_after(
    received_on: date, paused: Iterable[tuple[date, date]]
) -> list[tuple[date, date]]:
    """The paused periods as dates, cut to the days after ``received_on``; empty ones dropped."""
    ranges = []
    for given_first, given_last in paused:
        first, last = as_date(given_first), as_date(given_last)
        if last < first:
            raise InvalidArgumentError.of(
                N_("a paused period ends ({last}) before it starts ({first})"),
                last=last.isoformat(),
                first=first.isoformat(),
            )
        ranges.append((max(first, received_on + timedelta(days=1)), last))
    return [(a, b) for a, b in ranges if a <= b]


def _merge(ranges: list[tuple[date, date]]) -> list[tuple[date, date]]:
    merged: list[tuple[date, date]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1] + timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged
