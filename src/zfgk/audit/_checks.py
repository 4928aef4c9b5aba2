"""One publication checked: on time, on the required channels, at a government address."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from zfgk._deprecated import deprecated_arguments
from zfgk.errors import (
    CalendarCoverageError,
    DeadlineUnknownError,
    InvalidArgumentError,
    InvalidUrlError,
)
from zfgk.i18n import N_
from zfgk.model import Channel, Item
from zfgk.problems import Problem, ProblemCode, Report
from zfgk.urls import GOVERNMENT_SUFFIXES, is_government_url

if TYPE_CHECKING:  # pragma: no cover
    from zfgk.workdays import Deadline, WorkdayCalendar

# ``import zfgk`` imports this package (for Publication and audit_publication), so
# validation and the working-day calendar (zfgk.workdays) are imported on first use.

__all__ = ["Publication", "audit_publication", "channel"]


def channel(label: Channel | str) -> Channel:
    """The channel a label names (政府网站, 两微一端 …), or InvalidArgumentError listing the known.

    >>> from zfgk.audit import channel
    >>> channel("政府网站").name
    'GOVERNMENT_WEBSITE'
    >>> channel("微博")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: unknown channel '微博' (known: 政府网站、政府公报、两微一端、...、其他)
    """
    if isinstance(label, Channel):
        return label
    if not isinstance(label, str):
        raise TypeError(
            f"a channel must be a zfgk.Channel or its label, not {type(label).__name__}"
        )
    try:
        return Channel(label)
    except ValueError:
        raise InvalidArgumentError.of(
            N_("unknown channel {label!r} (known: {known})"),
            label=label[:64],
            known="、".join(c.value for c in Channel),
        ) from None


def _channels(values: Iterable[Channel | str]) -> frozenset[Channel]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise TypeError(
            "channels must be a collection of zfgk.Channel members or labels, such as "
            f"{{'政府网站'}}, not {type(values).__name__}"
        )
    return frozenset(channel(v) for v in values)


def _records(values: Iterable[Mapping[str, Any]]) -> tuple[Mapping[str, Any], ...]:
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise TypeError(
            f"records must be a collection of records (mappings), not {type(values).__name__}"
        )
    records = tuple(values)
    for record in records:
        if not isinstance(record, Mapping):
            raise TypeError(f"each record must be a mapping, not {type(record).__name__}")
    return records


def _item(publication: Publication, attribute: attrs.Attribute[Item], value: object) -> None:
    if not isinstance(value, Item):
        hint = (
            ": an item number means different items in different catalogues; "
            "pass zfgk.load(catalogue).item(number)"
            if isinstance(value, int | str)
            else ""
        )
        raise TypeError(f"Publication needs a zfgk.Item, not {type(value).__name__}{hint}")


def _url(publication: Publication, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"url must be a str or None, not {type(value).__name__}")


def _formed_on(value: date) -> date:
    from zfgk.workdays import as_date

    return as_date(value, "formed_on")


def _published_on(value: date | None) -> date | None:
    from zfgk.workdays import as_date

    return None if value is None else as_date(value, "published_on")


@attrs.frozen(init=False)
class Publication:
    """One publication of a catalogue item: when, where and what.

    ``item`` is an :class:`~zfgk.Item` of a catalogue: a bare item number
    is refused (a TypeError), because numbers mean different items in
    different catalogues.  ``formed_on`` and ``published_on`` are dates (a
    datetime gives its day; read text with :func:`zfgk.parse_date`);
    ``channels`` takes :class:`~zfgk.Channel` members or their labels;
    ``records`` the published records, validated against the item.  Every
    argument is checked when the publication is made.  ``item``,
    ``formed_on`` and ``published_on`` may be given by position; the rest
    by keyword (by position too until 0.4, with a DeprecationWarning).

    >>> import zfgk
    >>> from datetime import date
    >>> item = zfgk.load("chongqing").item(19)
    >>> pub = zfgk.Publication(item, date(2026, 9, 28), channels={"政府网站"})
    >>> pub.published_on is None, sorted(c.name for c in pub.channels)
    (True, ['GOVERNMENT_WEBSITE'])
    >>> zfgk.Publication(item, date(2026, 9, 28), channels={"微博"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: unknown channel '微博' (known: 政府网站、...)
    >>> zfgk.Publication(19, date(2026, 9, 28))
    Traceback (most recent call last):
    ...
    TypeError: Publication needs a zfgk.Item, not int: an item number means different items in different catalogues; pass zfgk.load(catalogue).item(number)
    """

    item: Item = attrs.field(validator=_item)
    formed_on: date = attrs.field(converter=_formed_on)
    published_on: date | None = attrs.field(default=None, converter=_published_on)
    channels: frozenset[Channel] = attrs.field(default=frozenset(), converter=_channels)
    url: str | None = attrs.field(default=None, validator=_url)
    records: tuple[Mapping[str, Any], ...] = attrs.field(default=(), converter=_records, repr=False)

    @deprecated_arguments(positional=("channels", "url", "records"))
    def __init__(
        self,
        item: Item,
        formed_on: date,
        published_on: date | None = None,
        *,
        channels: Iterable[Channel | str] = frozenset(),
        url: str | None = None,
        records: Iterable[Mapping[str, Any]] = (),
    ) -> None:
        self.__attrs_init__(item, formed_on, published_on, channels, url, records)


# ---------------------------------------------------------------------- audit


def audit_publication(
    publication: Publication,
    *,
    calendar: WorkdayCalendar | None = None,
    today: date | None = None,
    within: int | None = None,
    government_suffixes: Iterable[str] | None = None,
    provisional: bool = False,
) -> Report:
    """Check one publication: timeliness, channels, address, and its records.

    Codes: ``late`` (published after the deadline), ``overdue`` (not
    published and the deadline passed by ``today``), ``deadline-unknown``
    (no time limit in the source, or no official calendar for the year),
    ``published-before-formed`` (the publication is dated before the
    information was formed: one of the dates is wrong, and timeliness is
    not judged), ``missing-channel`` (one per ■ channel not used; not
    reported for a publication that has not happened yet), ``invalid-url``,
    ``not-government``, and the validation codes of any ``records``.

    >>> import zfgk
    >>> from datetime import date
    >>> item = zfgk.load("chongqing").item(19)
    >>> pub = zfgk.Publication(item, date(2026, 9, 28), channels={"政府网站", "两微一端"})
    >>> [p.code.value for p in zfgk.audit_publication(pub, today=date(2026, 11, 2)).problems]
    ['overdue']
    >>> zfgk.audit_publication(pub, today=date(2026, 10, 30)).ok
    True
    >>> early = zfgk.Publication(item, date(2026, 9, 28), date(2026, 9, 25), channels=pub.channels)
    >>> [(p.code.value, p.message) for p in zfgk.audit_publication(early).problems]
    [('published-before-formed', 'published on 2026-09-25, before the information was formed on 2026-09-28: one of the dates is wrong')]

    With ``within``, a publication not made yet whose deadline falls within
    that many working days after ``today`` gets ``due-soon``: a warning,
    which leaves ``ok`` true, with the deadline and the working days left in
    its :attr:`~zfgk.Problem.details`.

    >>> report = zfgk.audit_publication(zfgk.Publication(item, date(2026, 10, 20)), today=date(2026, 11, 13), within=5)
    >>> [(p.code.value, p.details["deadline"], p.details["left"]) for p in report.problems], report.ok
    ([('due-soon', '2026-11-17', 2)], True)

    A deadline in a year whose holiday schedule is not published is
    ``deadline-unknown``; with ``provisional=True`` it is counted as
    :func:`zfgk.provisional_deadline` counts it, and the report carries a
    ``deadline-provisional`` warning saying so and what was assumed:

    >>> published = zfgk.default_calendar().through(2026)  # the schedule up to 2026
    >>> pub = zfgk.Publication(item, date(2026, 12, 4), date(2027, 1, 5), channels=pub.channels)
    >>> [p.code.value for p in zfgk.audit_publication(pub, calendar=published).problems]
    ['deadline-unknown']
    >>> for p in zfgk.audit_publication(pub, calendar=published, provisional=True).problems:
    ...     print(p.code.value, "|", p.message)  # doctest: +ELLIPSIS
    deadline-provisional | the deadline 2027-01-04 is provisional: the holiday schedule of 2027 has not been published; ...
    late | published on 2027-01-05, 1 working day after the deadline 2027-01-04 (20 working days after 2026-12-04)

    Before 0.3 this function was ``zfgk.audit``, a name that hid the
    package :mod:`zfgk.audit`; calling ``zfgk.audit(publication)`` still
    works until 0.4, with a DeprecationWarning.
    """
    from zfgk.validation import Validator
    from zfgk.workdays import as_date, calendar_or_default, check_count

    if not isinstance(publication, Publication):
        raise TypeError(
            f"audit_publication() takes a zfgk.Publication, not {type(publication).__name__}"
        )
    cal = calendar_or_default(calendar)
    today = date.today() if today is None else as_date(today, "today")
    if within is not None:
        check_count(within, "within")
    if not isinstance(provisional, bool):
        raise TypeError(f"provisional must be a bool, not {type(provisional).__name__}")
    problems: list[Problem] = []
    problems.extend(_timeliness(publication, cal, today, within, provisional))
    problems.extend(_channel_gaps(publication))
    if publication.url is not None:
        problems.extend(_address(publication.url, government_suffixes))
    elif government_suffixes is not None:
        _suffixes_checked(government_suffixes)
    if publication.records:
        validator = Validator(publication.item)
        for index, record in enumerate(publication.records, start=1):
            for p in validator(record).problems:
                problems.append(attrs.evolve(p, message=f"record {index}: {p.message}"))
    return Report(tuple(problems))


def _suffixes_checked(suffixes: Iterable[str]) -> None:
    """Check ``government_suffixes`` even where no address needs them, so a wrong one is seen."""
    is_government_url("https://www.gov.cn/", government_suffixes=suffixes)


def _channel_gaps(publication: Publication) -> list[Problem]:
    """One ``missing-channel`` per ■ channel a publication made did not use."""
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
    publication: Publication,
    cal: WorkdayCalendar,
    today: date,
    within: int | None,
    provisional: bool,
) -> list[Problem]:
    """At most one of ``late``, ``overdue``, ``due-soon``, ``deadline-unknown``, ``published-before-formed``.

    With ``provisional``, a deadline past the known schedule is counted
    provisionally, and a ``deadline-provisional`` warning comes first.
    """
    item = publication.item
    if publication.published_on is not None and publication.published_on < publication.formed_on:
        return [_before_formed(publication.published_on, publication.formed_on)]
    marks: list[Problem] = []
    try:
        due = item.deadline(publication.formed_on, calendar=cal)
    except DeadlineUnknownError:
        return [_no_time_limit(item)]
    except CalendarCoverageError as e:
        if not provisional:
            return [_coverage_problem(e)]
        try:
            counted = item.provisional_deadline(publication.formed_on, calendar=cal)
        except CalendarCoverageError as before:
            return [_coverage_problem(before)]
        due = counted.date
        cal = _assuming(cal, max(due, publication.published_on or today))
        marks.append(_provisional_mark(counted))
    when = _Timing(
        due=due.isoformat(),
        days=item.time_limit.working_days if item.time_limit is not None else 0,
        formed=publication.formed_on.isoformat(),
    )
    try:
        if publication.published_on is not None:
            return marks + _lateness(publication.published_on, due, cal, when)
        if today <= due:
            return marks + _due_soon(today, due, cal, when, within)
        return marks + _overdue(today, due, cal, when)
    except CalendarCoverageError as e:
        return [_coverage_problem(e)]


def _assuming(cal: WorkdayCalendar, until: date) -> WorkdayCalendar:
    """``cal`` with the statutory holidays assumed up to ``until``'s year, as far as they are known."""
    from zfgk.workdays import lunar_festivals

    try:
        lunar_festivals(until.year)
    except InvalidArgumentError:
        return cal
    return cal.with_provisional_years(until.year) if until.year > cal.last_year else cal


def _before_formed(published: date, formed: date) -> Problem:
    return Problem.of(
        ProblemCode.PUBLISHED_BEFORE_FORMED,
        "published_on",
        N_(
            "published on {published}, before the information was formed on {formed}: one of "
            "the dates is wrong"
        ),
        published=published.isoformat(),
        formed=formed.isoformat(),
    )


def _provisional_mark(counted: Deadline) -> Problem:
    return Problem(
        ProblemCode.DEADLINE_PROVISIONAL,
        "published_on",
        str(_PROVISIONAL.format(deadline=counted.date.isoformat(), note=str(counted.explanation))),
        _PROVISIONAL,
        (
            ("deadline", counted.date.isoformat()),
            ("note", counted.note),
            ("assumed_years", ", ".join(map(str, counted.assumed_years))),
        ),
    )


_PROVISIONAL = N_("the deadline {deadline} is {note}")


@attrs.frozen
class _Timing:
    """What every timeliness message says: the deadline, the days allowed, the start."""

    due: str
    days: int
    formed: str


def _lateness(published: date, due: date, cal: WorkdayCalendar, when: _Timing) -> list[Problem]:
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
    return Problem.of(
        ProblemCode.DEADLINE_UNKNOWN,
        "published_on",
        N_("item {number} ({name}) has no time limit in its source; timeliness cannot be checked"),
        number=item.number,
        name=item.name,
    )


def _coverage_problem(error: CalendarCoverageError) -> Problem:
    return Problem.of(
        ProblemCode.DEADLINE_UNKNOWN,
        "published_on",
        COVERAGE_PROBLEM,
        year=error.year,
        first=error.first,
        last=error.last,
    )


#: The message of a ``deadline-unknown`` problem whose year has no holiday schedule: its
#: details are ``year``, ``first`` and ``last``, from which the command line words its own.
COVERAGE_PROBLEM = N_(
    "deadline unknown: the count reaches {year}, whose holiday schedule the calendar does not "
    "know (it covers {first}–{last}); audit again with a calendar that has the {year} schedule "
    "(calendar=, or ZFGK_HOLIDAYS), or with provisional=True for a deadline marked provisional"
)


def _address(url: str, suffixes: Iterable[str] | None) -> list[Problem]:
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
