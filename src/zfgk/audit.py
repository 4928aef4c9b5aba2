"""Publication audit: on time, on the required channels, at a real government address.

Disclosure work is assessed every year: was each item published within its
time limit, on every channel the catalogue ticks (■), at an address on a
government site?

>>> from datetime import date
>>> import zfgk
>>> item = zfgk.load("chongqing").item(19)
>>> pub = zfgk.Publication(item, formed_on=date(2026, 9, 28), published_on=date(2026, 11, 3),
...                        channels={"政府网站"}, url="https://zfcxjw.cq.gov.cn/zwgk/19.html")
>>> for p in zfgk.audit(pub).problems:
...     print(p.code.value, "|", p.message)
late | published on 2026-11-03, 2 working days after the deadline 2026-10-30 (20 working days after 2026-09-28)
missing-channel | not published on 两微一端, which item 19 (分配结果) requires
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from zfgk.errors import CalendarCoverageError, DeadlineUnknownError, InvalidUrlError
from zfgk.i18n import N_
from zfgk.model import Channel, Item

if TYPE_CHECKING:  # pragma: no cover
    from urllib.parse import SplitResult

    from zfgk.problems import Problem, Report
    from zfgk.workdays import WorkdayCalendar

# This module is imported with ``import zfgk`` (its name is also the name of
# its main function, which the package must keep), so validation and the
# calendar are imported on first use.

__all__ = [
    "GOVERNMENT_SUFFIXES",
    "Publication",
    "audit",
    "display_url",
    "is_government_url",
    "normalize_url",
]

#: Government domains accepted by default: ``.gov.cn`` and the ``.政务``
#: top-level domain, compared as A-labels after IDNA processing.
GOVERNMENT_SUFFIXES: tuple[str, ...] = ("gov.cn", "政务")


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


# ------------------------------------------------------------------ addresses

_FORBIDDEN = re.compile(r"[\\\s\x00-\x1f\x7f]")


def _split(url: str) -> tuple[SplitResult, str]:
    """The parsed URL and its host as a lower-case A-label, or InvalidUrlError."""
    from urllib.parse import urlsplit  # on first use: it costs import time

    import idna

    if not isinstance(url, str) or not url:
        raise InvalidUrlError.of(N_("not a valid address: it is empty"), "empty")
    if _FORBIDDEN.search(url):
        raise InvalidUrlError.of(
            N_("not a valid address: it holds a backslash, a space or a control character"),
            "characters",
        )
    try:
        parts = urlsplit(url)
        port = parts.port  # raises for a port that is not a number
    except ValueError:
        raise InvalidUrlError.of(N_("not a valid address: it cannot be parsed"), "syntax") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidUrlError.of(
            N_("not a valid address: the scheme must be http or https"), "scheme"
        )
    host = parts.hostname or ""
    if not host:
        raise InvalidUrlError.of(N_("not a valid address: it has no host"), "host")
    del port
    import ipaddress

    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return parts, host
    if host.endswith(".") and not host.endswith(".."):
        host = host[:-1]
    try:
        a_label = idna.encode(host, uts46=True, std3_rules=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as e:
        raise InvalidUrlError.of(
            N_("not a valid address: its host is not a valid domain name ({reason})"),
            "host",
            reason=str(e),
        ) from None
    if len(a_label) > 253:
        raise InvalidUrlError.of(N_("not a valid address: its host is over 253 characters"), "host")
    return parts, a_label.lower()


def _rebuild(parts: SplitResult, host: str) -> str:
    netloc = host if ":" not in host else f"[{host}]"
    if parts.port is not None:
        netloc += f":{parts.port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{netloc}"
    rebuilt = f"{parts.scheme.lower()}://{netloc}{parts.path}"
    if parts.query:
        rebuilt += f"?{parts.query}"
    if parts.fragment:
        rebuilt += f"#{parts.fragment}"
    return rebuilt


def normalize_url(url: str) -> str:
    """The canonical form of an address: lower-case scheme, host as a lower-case A-label.

    The host goes through UTS 46 mapping (full-width letters, upper case,
    the ideographic full stop 。) and IDNA 2008; a final dot is dropped.

    >>> import zfgk
    >>> zfgk.normalize_url("HTTPS://ＺＦＣＸＪＷ.CQ.GOV.CN/zwgk/")
    'https://zfcxjw.cq.gov.cn/zwgk/'
    >>> zfgk.normalize_url("http://住房和城乡建设委员会.重庆.政务/")
    'http://xn--wjq8q7e91rnhu2pw5di2nemhjl6i.xn--zwt745i.xn--zfr164b/'

    Anything else raises :class:`~zfgk.InvalidUrlError`:

    >>> zfgk.normalize_url("https://-bad-.gov.cn/")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidUrlError: not a valid address: its host is not a valid domain name (Label must not start or end with a hyphen)
    """
    parts, host = _split(url)
    return _rebuild(parts, host)


def display_url(url: str) -> str:
    """The address for people: the host in Unicode (U-labels).

    >>> import zfgk
    >>> zfgk.display_url("http://xn--wjq8q7e91rnhu2pw5di2nemhjl6i.xn--zwt745i.xn--zfr164b/")
    'http://住房和城乡建设委员会.重庆.政务/'
    >>> zfgk.display_url("zfcxjw.cq.gov.cn")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidUrlError: not a valid address: the scheme must be http or https
    """
    import idna

    parts, host = _split(url)
    labels = []
    for label in host.split("."):
        try:
            labels.append(idna.decode(label) if label.startswith("xn--") else label)
        except idna.IDNAError:
            labels.append(label)
    return _rebuild(parts, ".".join(labels))


def _suffixes(suffixes: Iterable[str] | None) -> tuple[str, ...]:
    import idna

    out = []
    for suffix in GOVERNMENT_SUFFIXES if suffixes is None else suffixes:
        clean = suffix.strip().strip(".")
        out.append(idna.encode(clean, uts46=True).decode("ascii").lower())
    return tuple(out)


def is_government_url(url: str, *, government_suffixes: Iterable[str] | None = None) -> bool:
    """Whether a valid address's host is under a government domain.

    >>> import zfgk
    >>> zfgk.is_government_url("https://zfcxjw.cq.gov.cn.example.com/")
    False
    >>> zfgk.is_government_url("https://zfcxjw.cq.gov.cn@evil.example/")
    False
    >>> zfgk.is_government_url("https://zfcxjw.cq.gov.cn./")
    True

    Raises :class:`~zfgk.InvalidUrlError` for an address that is not valid:

    >>> zfgk.is_government_url("https://zfcxjw.cq.gov.cn\\zwgk")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidUrlError: not a valid address: it holds a backslash, a space or a control character
    """
    _, host = _split(url)
    return any(host == s or host.endswith("." + s) for s in _suffixes(government_suffixes))


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
    from zfgk.problems import Problem, ProblemCode, Report
    from zfgk.validation import Validator

    item = publication.item
    problems: list[Problem] = []
    problems.extend(_timeliness(publication, calendar, today or date.today(), within))
    published = publication.published_on is not None or publication.channels
    for channel in [c for c in Channel if c in (item.channels or ())]:
        if published and channel not in publication.channels:
            problems.append(
                Problem.of(
                    ProblemCode.MISSING_CHANNEL,
                    channel.value,
                    N_("not published on {channel}, which item {number} ({name}) requires"),
                    channel=channel.value,
                    number=item.number,
                    name=item.name,
                )
            )
    if publication.url is not None:
        problems.extend(_address(publication.url, government_suffixes))
    if publication.records:
        validator = Validator(item)
        for index, record in enumerate(publication.records, start=1):
            for p in validator(record).problems:
                problems.append(attrs.evolve(p, message=f"record {index}: {p.message}"))
    return Report(tuple(problems))


def _timeliness(
    publication: Publication, calendar: WorkdayCalendar | None, today: date, within: int | None
) -> list[Problem]:
    from zfgk.problems import Problem, ProblemCode
    from zfgk.workdays import default_calendar

    item = publication.item
    cal = calendar or default_calendar()
    formed = publication.formed_on.isoformat()
    try:
        due = item.deadline(publication.formed_on, cal)
    except DeadlineUnknownError:
        return [
            Problem.of(
                ProblemCode.DEADLINE_UNKNOWN,
                "published_on",
                N_(
                    "item {number} ({name}) has no time limit in its source; timeliness cannot "
                    "be checked"
                ),
                number=item.number,
                name=item.name,
            )
        ]
    except CalendarCoverageError as e:
        return [_coverage_problem(e)]
    days = item.time_limit.working_days if item.time_limit is not None else 0
    try:
        if publication.published_on is not None:
            if publication.published_on <= due:
                return []
            late = cal.working_days_between(due, publication.published_on)
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
                    published=publication.published_on.isoformat(),
                    late=late,
                    deadline=due.isoformat(),
                    days=days,
                    formed=formed,
                )
            ]
        if today <= due:
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
                    deadline=due.isoformat(),
                    days=days,
                    formed=formed,
                    left=left,
                    today=today.isoformat(),
                )
            ]
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
                deadline=due.isoformat(),
                days=days,
                formed=formed,
                behind=behind,
                today=today.isoformat(),
            )
        ]
    except CalendarCoverageError as e:
        return [_coverage_problem(e)]


def _coverage_problem(error: CalendarCoverageError) -> Problem:
    from zfgk.problems import Problem, ProblemCode

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
    from zfgk.problems import Problem, ProblemCode

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
