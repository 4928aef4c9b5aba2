"""``zfgk due DATE``: the last on-time publication day, or the reply deadline of a request."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO

from zfgk.cli._common import (
    DEFAULT_CATALOGUE,
    ZfgkUsageError,
    add_catalogue_option,
    add_holidays_option,
    day,
    iso_date,
    language,
    load_catalogue,
    tr,
    working_calendar,
)
from zfgk.cli._schedule import unpublished
from zfgk.errors import CalendarCoverageError
from zfgk.i18n import N_
from zfgk.workdays import (
    Deadline,
    WorkdayCalendar,
    deadline,
    provisional_deadline,
    provisional_request_deadline,
    request_deadline,
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``due`` command to the parser."""
    parser = sub.add_parser(
        "due",
        help=tr("the publication (or reply) deadline for information formed on DATE"),
        description=tr("The deadline counts working days after DATE (DATE itself not counted)."),
    )
    parser.add_argument(
        "date",
        type=iso_date,
        help=tr("formed/changed, or received: 2026-09-28, 2026/9/28, 2026年9月28日 or 20260928"),
    )
    parser.add_argument("--days", type=int, help=tr("working days allowed (default 20)"))
    parser.add_argument("--item", help=tr("take the time limit of this catalogue item"))
    add_catalogue_option(parser)
    parser.add_argument(
        "--request", action="store_true", help=tr("a request for disclosure (条例 第33条)")
    )
    parser.add_argument("--extended", action="store_true", help=tr("with the 20-day extension"))
    parser.add_argument(
        "--amended",
        type=iso_date,
        metavar="DATE",
        help=tr("the day the amended request (补正) arrived: the count starts again (第30条)"),
    )
    parser.add_argument(
        "--paused",
        action="append",
        default=[],
        type=date_range,
        metavar="FROM:TO",
        help=tr(
            "a consultation of third parties or other offices, not counted (第33条); repeatable"
        ),
    )
    parser.add_argument(
        "--provisional",
        action="store_true",
        help=tr(
            "past the published holiday schedule, count with the statutory holidays and mark the "
            "date provisional (instead of an error)"
        ),
    )
    add_holidays_option(parser)
    parser.set_defaults(run=run)


def date_range(text: str) -> tuple[date, date]:
    """An argparse type: ``FROM:TO``, two ISO dates.

    >>> from zfgk.cli.due import date_range
    >>> date_range("2026-10-12:2026-10-16")
    (datetime.date(2026, 10, 12), datetime.date(2026, 10, 16))
    >>> date_range("2026-10-12")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: expected FROM:TO, got '2026-10-12'
    """
    first, sep, last = text.partition(":")
    if not sep:
        raise argparse.ArgumentTypeError(tr("expected FROM:TO, got {text!r}", text=text))
    return iso_date(first), iso_date(last)


def render_due(args: argparse.Namespace) -> str:
    """The text of ``zfgk due``.

    Without ``--item`` the count starts from the date given; with it, the
    item's time limit (公开时限) gives the number of working days, and its
    own words name the day the count starts from.

    >>> from zfgk.cli import parser
    >>> from zfgk.cli._common import set_language
    >>> from zfgk.cli.due import render_due
    >>> set_language("zh")
    >>> print(render_due(parser().parse_args(["due", "2026-09-28"])))
    2026-10-30（星期五）
    起算日 2026-09-28（星期一）；当日不计，自次日起第 20 个工作日为最后一日。
    >>> print(render_due(parser().parse_args(["due", "2026-09-28", "--item", "19"])))
    第 19 项 分配结果：信息获取（形成变更）20个工作日内
    2026-10-30（星期五）
    信息获取（形成变更）于 2026-09-28（星期一）；当日不计，自次日起第 20 个工作日为最后一日。
    >>> set_language("en")
    >>> print(render_due(parser().parse_args(["due", "2026-09-28", "--item", "19"])))
    item 19 分配结果: 信息获取（形成变更）20个工作日内
    2026-10-30 (Friday)
    counted from 信息获取（形成变更） on 2026-09-28 (Monday), which is not counted: the last day is 20 working days after it.

    An item whose source gives no time limit has no deadline unless you
    choose the number of days:

    >>> render_due(parser().parse_args(["due", "2026-09-28", "--item", "41", "-c", "shanyin"]))
    Traceback (most recent call last):
    ...
    zfgk.cli._common.ZfgkUsageError: item 41 (互动回应) has no time limit (公开时限) in its source, so it has no deadline; pass --days N to count a number of working days you choose

    A count that reaches a year whose holiday schedule is not published
    says what to run, as commands (see :func:`unpublished`).
    """
    calendar = working_calendar(args)
    try:
        if args.request:
            return _request(args, calendar)
        if args.extended or args.paused or args.amended:
            raise ZfgkUsageError.of(
                N_("--extended, --amended and --paused apply only with --request")
            )
        if args.item is not None:
            return _item(args, calendar)
        days = 20 if args.days is None else args.days
        due = _counted(args, days, calendar)
    except CalendarCoverageError as e:
        raise unpublished(e, command(args), provisional=not args.provisional) from None
    rule = tr(
        "counted from {date}, which is not counted: the last day is {days} working days after it.",
        date=day(args.date),
        days=days,
    )
    return _shown(due, rule)


def command(args: argparse.Namespace) -> list[str]:
    """The ``zfgk due`` command line of ``args``, as an officer would type it again.

    >>> from zfgk.cli import parser
    >>> from zfgk.cli.due import command
    >>> " ".join(command(parser().parse_args(["due", "2026/12/25", "--request", "--paused", "2027-01-04:2027-01-08"])))
    'zfgk due 2026-12-25 --request --paused 2027-01-04:2027-01-08'
    """
    words = ["zfgk", "due", args.date.isoformat()]
    if args.item is not None:
        words += ["--item", str(args.item)]
    if args.catalogue != DEFAULT_CATALOGUE:
        words += ["--catalogue", str(args.catalogue)]
    if args.days is not None:
        words += ["--days", str(args.days)]
    words += ["--request"] * args.request + ["--extended"] * args.extended
    if args.amended is not None:
        words += ["--amended", args.amended.isoformat()]
    for first, last in args.paused:
        words += ["--paused", f"{first.isoformat()}:{last.isoformat()}"]
    for holidays in args.holidays:
        words += ["--holidays", str(holidays)]
    return words


def _counted(args: argparse.Namespace, days: int, calendar: WorkdayCalendar) -> Deadline:
    """The deadline ``days`` working days after the date: exact, or with --provisional, as counted."""
    if args.provisional:
        return provisional_deadline(args.date, days, calendar=calendar)
    return Deadline(deadline(args.date, days, calendar=calendar), False)


def _shown(due: Deadline, *lines: str) -> str:
    """The deadline with its weekday, the lines that explain it, and a provisional one's note."""
    shown = [day(due.date), *lines]
    if due.provisional:
        shown.append(due.explanation.localized(language()))
    return "\n".join(shown)


#: How a reply deadline is explained, by (extended, paused).
REQUEST_RULES = {
    (True, True): N_(
        "request received on {received}, which is not counted: the last day to reply is "
        "{total} working days after it, with the extension of 20 working days; paused "
        "periods not counted: {periods} (政府信息公开条例 第33条)."
    ),
    (True, False): N_(
        "request received on {received}, which is not counted: the last day to reply is "
        "{total} working days after it, with the extension of 20 working days "
        "(政府信息公开条例 第33条)."
    ),
    (False, True): N_(
        "request received on {received}, which is not counted: the last day to reply is "
        "{total} working days after it; paused periods not counted: {periods} "
        "(政府信息公开条例 第33条)."
    ),
    (False, False): N_(
        "request received on {received}, which is not counted: the last day to reply is "
        "{total} working days after it (政府信息公开条例 第33条)."
    ),
}


def _request(args: argparse.Namespace, calendar: WorkdayCalendar) -> str:
    """The reply deadline of a request for disclosure, and how it was counted.

    With ``--provisional``, past the published schedule the date is counted
    with the statutory holidays and marked provisional, as for an item.
    """
    if args.item is not None or args.days is not None:
        raise ZfgkUsageError.of(
            N_("--request counts 20 working days (条例 第33条); drop --item/--days")
        )
    count = provisional_request_deadline if args.provisional else request_deadline
    counted = count(
        args.date,
        amended_on=args.amended,
        extended=args.extended,
        paused=args.paused,
        calendar=calendar,
    )
    due = counted if isinstance(counted, Deadline) else Deadline(counted, False)
    rule = tr(
        REQUEST_RULES[bool(args.extended), bool(args.paused)],
        received=day(args.date if args.amended is None else args.amended),
        total=40 if args.extended else 20,
        periods=len(args.paused),
    )
    if args.amended is not None:
        rule = (
            tr(
                "the amended request (补正) arrived on {amended}: the period runs from it "
                "(政府信息公开条例 第30条).",
                amended=day(args.amended),
            )
            + "\n"
            + rule
        )
    return _shown(due, rule)


def _item(args: argparse.Namespace, calendar: WorkdayCalendar) -> str:
    """The deadline under an item's time limit (or ``--days``), headed by the item."""
    item = load_catalogue(args.catalogue).item(args.item)
    limit = item.time_limit
    given = limit.text if limit is not None else tr("(no time limit in the source)")
    intro = tr("item {number} {name}: {limit}", number=item.number, name=item.name, limit=given)
    if args.days is not None:
        days, due = args.days, _counted(args, args.days, calendar)
    elif limit is None:
        raise ZfgkUsageError.of(
            N_(
                "item {number} ({name}) has no time limit (公开时限) in its source, so it "
                "has no deadline; pass --days N to count a number of working days you "
                "choose"
            ),
            number=item.number,
            name=item.name,
        )
    elif args.provisional:
        days, due = limit.working_days, item.provisional_deadline(args.date, calendar=calendar)
    else:
        days, due = (
            limit.working_days,
            Deadline(item.deadline(args.date, calendar=calendar), False),
        )
    if limit is None:
        rule = tr(
            "counted from {date}, which is not counted: the last day is {days} working days "
            "after it.",
            date=day(args.date),
            days=days,
        )
    else:
        rule = tr(
            "counted from {trigger} on {date}, which is not counted: the last day is {days} "
            "working days after it.",
            trigger=limit.trigger,
            date=day(args.date),
            days=days,
        )
    return f"{intro}\n{_shown(due, rule)}"


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the deadline; exit status 0."""
    if args.days is not None and args.days < 0:
        raise ZfgkUsageError.of(N_("--days takes a number of working days, 0 or more"))
    print(render_due(args), file=out)
    return 0
