"""``zfgk due DATE``: the last on-time publication day, or the reply deadline of a request."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO

from zfgk.cli._common import (
    ZfgkUsageError,
    add_catalogue_option,
    add_holidays_option,
    day,
    iso_date,
    load_catalogue,
    working_calendar,
)
from zfgk.workdays import deadline, request_deadline


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``due`` command to the parser."""
    parser = sub.add_parser(
        "due",
        help="the publication (or reply) deadline for information formed on DATE",
        description="The deadline counts working days after DATE (DATE itself not counted).",
    )
    parser.add_argument("date", type=iso_date, help="YYYY-MM-DD: formed/changed, or received")
    parser.add_argument("--days", type=int, help="working days allowed (default 20)")
    parser.add_argument("--item", help="take the time limit of this catalogue item")
    add_catalogue_option(parser)
    parser.add_argument(
        "--request", action="store_true", help="a request for disclosure (条例 第33条)"
    )
    parser.add_argument("--extended", action="store_true", help="with the 20-day extension")
    parser.add_argument(
        "--paused",
        action="append",
        default=[],
        type=date_range,
        metavar="FROM:TO",
        help="a period not counted (补正, third-party consultation); repeatable",
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
        raise argparse.ArgumentTypeError(f"expected FROM:TO, got {text!r}")
    return iso_date(first), iso_date(last)


def render_due(args: argparse.Namespace) -> str:
    """The text of ``zfgk due``.

    Without ``--item`` the count starts from the date given; with it, the
    item's time limit (公开时限) gives the number of working days, and its
    own words name the day the count starts from.

    >>> from zfgk.cli import parser
    >>> from zfgk.cli.due import render_due
    >>> print(render_due(parser().parse_args(["due", "2026-09-28"])))
    2026-10-30（星期五）
    起算日 2026-09-28（星期一）；当日不计，自次日起第 20 个工作日为最后一日。
    >>> print(render_due(parser().parse_args(["due", "2026-09-28", "--item", "19"])))
    第 19 项 分配结果：信息获取（形成变更）20个工作日内
    2026-10-30（星期五）
    信息获取（形成变更）于 2026-09-28（星期一）；当日不计，自次日起第 20 个工作日为最后一日。

    An item whose source gives no time limit has no deadline unless you
    choose the number of days:

    >>> render_due(parser().parse_args(["due", "2026-09-28", "--item", "41", "-c", "shanyin"]))
    Traceback (most recent call last):
    ...
    zfgk.cli._common.ZfgkUsageError: item 41 (互动回应) has no time limit (公开时限) in its source, so it has no deadline; pass --days N to count a number of working days you choose
    """
    calendar = working_calendar(args)
    if args.request:
        if args.item is not None or args.days is not None:
            raise ZfgkUsageError(
                "--request counts 20 working days (条例 第33条); drop --item/--days"
            )
        due = request_deadline(
            args.date, extended=args.extended, paused=args.paused, calendar=calendar
        )
        total = 40 if args.extended else 20
        rule = (
            f"收到申请于 {day(args.date)}；当日不计，自次日起第 {total} 个工作日为答复期限"
            + ("（含延长 20 个工作日）" if args.extended else "")
            + (f"，暂停期间 {len(args.paused)} 段不计" if args.paused else "")
            + "（政府信息公开条例 第33条）。"
        )
        return f"{day(due)}\n{rule}"
    if args.extended or args.paused:
        raise ZfgkUsageError("--extended and --paused apply only with --request")
    intro = ""
    start = "起算日"
    if args.item is not None:
        item = load_catalogue(args.catalogue).item(args.item)
        limit = item.time_limit
        if limit is not None:
            intro = f"第 {item.number} 项 {item.name}：{limit.text}\n"
            start = f"{limit.trigger}于"
        else:
            intro = f"第 {item.number} 项 {item.name}：（来源未给出公开时限）\n"
        if args.days is None:
            if limit is None:
                raise ZfgkUsageError(
                    f"item {item.number} ({item.name}) has no time limit (公开时限) in its "
                    "source, so it has no deadline; pass --days N to count a number of working "
                    "days you choose"
                )
            due = item.deadline(args.date, calendar)
            days = limit.working_days
        else:
            days = args.days
            due = deadline(args.date, days, calendar=calendar)
    else:
        days = 20 if args.days is None else args.days
        due = deadline(args.date, days, calendar=calendar)
    rule = f"{start} {day(args.date)}；当日不计，自次日起第 {days} 个工作日为最后一日。"
    return f"{intro}{day(due)}\n{rule}"


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the deadline; exit status 0."""
    print(render_due(args), file=out)
    return 0
