"""One publication checked: on time, on the required channels, at a government address."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from zfgk.errors import CalendarCoverageError, DeadlineUnknownError, InvalidUrlError
from zfgk.i18n import N_
from zfgk.model import Channel, Item
from zfgk.urls import GOVERNMENT_SUFFIXES, is_government_url

if TYPE_CHECKING:  # pragma: no cover
    from zfgk.validation import Problem, Report
    from zfgk.workdays import WorkdayCalendar

# The package is imported with ``import zfgk`` (its name is also the name of
# its main function, which the package must keep), so validation and the
# calendar are imported on first use.

__all__ = ["Publication", "audit"]


def _channels(values: Iterable[Channel | str]) -> frozenset[Channel]:
    return frozenset(v if isinstance(v, Channel) else Channel(v) for v in values)


def _records(values: Iterable[Mapping[str, Any]]) -> tuple[Mapping[str, Any], ...]:
    return tuple(values)


@attrs.frozen
class Publication:
    """One publication of a catalogue item: when, where and what.

    ``channels`` takes :class:`~zfgk.Channel` members or their labels;
    ``records`` the published records, validated against the item.

    >>> import zfgk
    >>> from datetime import date
    >>> item = zfgk.load("chongqing").item(19)
    >>> pub = zfgk.Publication(item, date(2026, 9, 28), channels={"政府网站"})
    >>> pub.published_on is None, sorted(c.name for c in pub.channels)
    (True, ['GOVERNMENT_WEBSITE'])
    >>> zfgk.Publication(item, date(2026, 9, 28), channels={"微博"})
    Traceback (most recent call last):
    ...
    ValueError: '微博' is not a valid Channel
    """

    item: Item
    formed_on: date
    published_on: date | None = None
    channels: frozenset[Channel] = attrs.field(default=frozenset(), converter=_channels)
    url: str | None = None
    records: tuple[Mapping[str, Any], ...] = attrs.field(default=(), converter=_records, repr=False)


# ---------------------------------------------------------------------- audit


def audit(
    publication: Publication,
    *,
    calendar: WorkdayCalendar | None = None,
    today: date | None = None,
    within: int | None = None,
    government_suffixes: Iterable[str] | None = None,
) -> Report:
    """Check one publication: timeliness, channels, address, and its records.

    Codes: ``late`` (published after the deadline), ``overdue`` (not
    published and the deadline passed by ``today``), ``deadline-unknown``
    (no time limit in the source, or no official calendar for the year),
    ``missing-channel`` (one per ■ channel not used; not reported for a
    publication that has not happened yet), ``invalid-url``,
    ``not-government``, and the validation codes of any ``records``.

    >>> import zfgk
    >>> from datetime import date
    >>> item = zfgk.load("chongqing").item(19)
    >>> pub = zfgk.Publication(item, date(2026, 9, 28), channels={"政府网站", "两微一端"})
    >>> [p.code.value for p in zfgk.audit(pub, today=date(2026, 11, 2)).problems]
    ['overdue']
    >>> zfgk.audit(pub, today=date(2026, 10, 30)).ok
    True

    With ``within``, a publication not made yet whose deadline falls within
    that many working days after ``today`` gets ``due-soon``: a warning,
    which leaves ``ok`` true, with the deadline and the working days left in
    its :attr:`~zfgk.Problem.details`.

    >>> report = zfgk.audit(zfgk.Publication(item, date(2026, 10, 20)), today=date(2026, 11, 13), within=5)
    >>> [(p.code.value, p.details["deadline"], p.details["left"]) for p in report.problems], report.ok
    ([('due-soon', '2026-11-17', 2)], True)
    """
    from zfgk.validation import Report, Validator

    item = publication.item
    problems: list[Problem] = []
    problems.extend(_timeliness(publication, calendar, today or date.today(), within))
    problems.extend(_channel_gaps(publication))
    if publication.url is not None:
        problems.extend(_address(publication.url, government_suffixes))
    if publication.records:
        validator = Validator(item)
        for index, record in enumerate(publication.records, start=1):
            for p in validator(record).problems:
                problems.append(attrs.evolve(p, message=f"record {index}: {p.message}"))
    return Report(tuple(problems))


def _channel_gaps(publication: Publication) -> list[Problem]:
    """One ``missing-channel`` per ■ channel a publication made did not use."""
    from zfgk.validation import Problem, ProblemCode

    item = publication.item
    if publication.published_on is None and not publication.channels:
        return []  # not published yet
    return [
        Problem.of(
            ProblemCode.MISSING_CHANNEL,
            channel.value,
            N_("not published on {channel}, which item {number} ({name}) requires"),
            channel=channel.value,
            number=item.number,
            name=item.name,
        )
        for channel in Channel
        if channel in (item.channels or ()) and channel not in publication.channels
    ]


def _timeliness(
    publication: Publication, calendar: WorkdayCalendar | None, today: date, within: int | None
) -> list[Problem]:
    """``late``, ``overdue``, ``due-soon`` or ``deadline-unknown``: at most one of them."""
    from zfgk.workdays import default_calendar

    item = publication.item
    cal = calendar or default_calendar()
    try:
        due = item.deadline(publication.formed_on, cal)
    except DeadlineUnknownError:
        return [_no_time_limit(item)]
    except CalendarCoverageError as e:
        return [_coverage_problem(e)]
    when = _Timing(
        due=due.isoformat(),
        days=item.time_limit.working_days if item.time_limit is not None else 0,
        formed=publication.formed_on.isoformat(),
    )
    try:
        if publication.published_on is not None:
            return _lateness(publication.published_on, due, cal, when)
        if today <= due:
            return _due_soon(today, due, cal, when, within)
        return _overdue(today, due, cal, when)
    except CalendarCoverageError as e:
        return [_coverage_problem(e)]


@attrs.frozen
class _Timing:
    """What every timeliness message says: the deadline, the days allowed, the start."""

    due: str
    days: int
    formed: str


def _lateness(published: date, due: date, cal: WorkdayCalendar, when: _Timing) -> list[Problem]:
    from zfgk.validation import Problem, ProblemCode

    if published <= due:
        return []
    late = cal.working_days_between(due, published)
    template = (
        N_(
            "published on {published}, 1 working day after the deadline {deadline} "
            "({days} working days after {formed})"
        )
        if late == 1
        else N_(
            "published on {published}, {late} working days after the deadline {deadline} "
            "({days} working days after {formed})"
        )
    )
    return [
        Problem.of(
            ProblemCode.LATE,
            "published_on",
            template,
            published=published.isoformat(),
            late=late,
            deadline=when.due,
            days=when.days,
            formed=when.formed,
        )
    ]


def _due_soon(
    today: date, due: date, cal: WorkdayCalendar, when: _Timing, within: int | None
) -> list[Problem]:
    from zfgk.validation import Problem, ProblemCode

    left = cal.working_days_between(today, due)
    if within is None or left > within:
        return []
    return [
        Problem.of(
            ProblemCode.DUE_SOON,
            "published_on",
            N_(
                "not published yet; the deadline is {deadline} ({days} working days after "
                "{formed}), {left} working days from {today}"
            ),
            deadline=when.due,
            days=when.days,
            formed=when.formed,
            left=left,
            today=today.isoformat(),
        )
    ]


def _overdue(today: date, due: date, cal: WorkdayCalendar, when: _Timing) -> list[Problem]:
    from zfgk.validation import Problem, ProblemCode

    behind = cal.working_days_between(due, today)
    template = (
        N_(
            "not published; the deadline {deadline} ({days} working days after {formed}) "
            "passed 1 working day before {today}"
        )
        if behind == 1
        else N_(
            "not published; the deadline {deadline} ({days} working days after {formed}) "
            "passed {behind} working days before {today}"
        )
    )
    return [
        Problem.of(
            ProblemCode.OVERDUE,
            "published_on",
            template,
            deadline=when.due,
            days=when.days,
            formed=when.formed,
            behind=behind,
            today=today.isoformat(),
        )
    ]


def _no_time_limit(item: Item) -> Problem:
    from zfgk.validation import Problem, ProblemCode

    return Problem.of(
        ProblemCode.DEADLINE_UNKNOWN,
        "published_on",
        N_("item {number} ({name}) has no time limit in its source; timeliness cannot be checked"),
        number=item.number,
        name=item.name,
    )


def _coverage_problem(error: CalendarCoverageError) -> Problem:
    from zfgk.validation import Problem, ProblemCode

    return Problem.of(
        ProblemCode.DEADLINE_UNKNOWN,
        "published_on",
        N_(
            "deadline unknown: the count reaches {year}, whose holiday schedule the calendar does "
            "not know (it covers {first}–{last}); add the {year} schedule (ZFGK_HOLIDAYS, "
            "--holidays) and audit again"
        ),
        year=error.year,
        first=error.first,
        last=error.last,
    )


def _address(url: str, suffixes: Iterable[str] | None) -> list[Problem]:
    from zfgk.validation import Problem, ProblemCode

    try:
        government = is_government_url(url, government_suffixes=suffixes)
    except InvalidUrlError as e:
        return [Problem(ProblemCode.INVALID_URL, "url", str(e), e.template, e.params)]
    if government:
        return []
    accepted = "、".join(GOVERNMENT_SUFFIXES if suffixes is None else suffixes)
    return [
        Problem.of(
            ProblemCode.NOT_GOVERNMENT,
            "url",
            N_(
                "the address's host is not under a government domain ({accepted}); publish on the government website"
            ),
            accepted=accepted,
        )
    ]
