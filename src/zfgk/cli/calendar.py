"""``zfgk calendar YYYY-MM``: a month with its rest days and make-up working days."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO

from zfgk.cli._common import WEEKDAYS, add_holidays_option, pad, working_calendar
from zfgk.workdays import WorkdayCalendar, default_calendar


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``calendar`` command to the parser."""
    parser = sub.add_parser("calendar", help="a month with rest days and make-up working days")
    parser.add_argument("month", type=year_month, help="YYYY-MM")
    add_holidays_option(parser)
    parser.set_defaults(run=run)


def year_month(text: str) -> tuple[int, int]:
    """An argparse type: ``YYYY-MM``.

    >>> from zfgk.cli.calendar import year_month
    >>> year_month("2026-10")
    (2026, 10)
    >>> year_month("2026-13")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not a YYYY-MM month: '2026-13'
    """
    try:
        year, month = (int(p) for p in text.split("-"))
        date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a YYYY-MM month: {text!r}") from None
    return year, month


def render_month(year: int, month: int, calendar: WorkdayCalendar | None = None) -> str:
    """The month as a grid, rest days marked 休 and make-up working days 班.

    >>> from zfgk.cli.calendar import render_month
    >>> print(render_month(2026, 10))
    2026年10月
    一    二    三    四    五    六    日
                      1休   2休   3     4
    5休   6休   7休   8     9     10班  11
    12    13    14    15    16    17    18
    19    20    21    22    23    24    25
    26    27    28    29    30    31
    休：工作日放假  班：周末调休上班
    """
    cal = calendar or default_calendar()
    days = cal.month(year, month)
    cells = ["" for _ in range(days[0][0].weekday())]
    for d, works in days:
        mark = ""
        if cal.is_holiday(d):
            mark = "休"
        elif works and d.weekday() >= 5:
            mark = "班"
        cells.append(f"{d.day}{mark}")
    lines = [f"{year}年{month}月", "    ".join(WEEKDAYS)]
    for start in range(0, len(cells), 7):
        week = cells[start : start + 7]
        lines.append("".join(pad(c, 6) for c in week).rstrip())
    lines.append("休：工作日放假  班：周末调休上班")
    return "\n".join(lines)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the month; exit status 0."""
    year, month = args.month
    print(render_month(year, month, working_calendar(args)), file=out)
    return 0
