"""``zfgk calendar YYYY-MM``: a month with its rest days and make-up working days."""

from __future__ import annotations

import argparse
import re
import unicodedata
from typing import TextIO

from zfgk.cli._common import add_holidays_option, pad, tr, working_calendar
from zfgk.cli._schedule import unpublished
from zfgk.errors import CalendarCoverageError, ZfgkError
from zfgk.i18n import N_
from zfgk.workdays import WorkdayCalendar, default_calendar, parse_date


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``calendar`` command to the parser."""
    parser = sub.add_parser("calendar", help=tr("a month with rest days and make-up working days"))
    parser.add_argument(
        "month", type=year_month, help=tr("the month: 2026-10, 2026/10, 2026年10月, or a day in it")
    )
    add_holidays_option(parser)
    parser.set_defaults(run=run)


def year_month(text: str) -> tuple[int, int]:
    """An argparse type: a month (2026-10, 2026/10, 2026.10, 2026年10月, 202610), or a day in it.

    A day is read as :func:`zfgk.parse_date` reads it, so ``zfgk calendar 2026/9/28`` shows
    September 2026.

    >>> from zfgk.cli.calendar import year_month
    >>> year_month("2026-10"), year_month("2026年10月"), year_month("2026/9/28")
    ((2026, 10), (2026, 10), (2026, 9))
    >>> year_month("2026-13")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: not a month (2026-10, 2026/10, 2026年10月) nor a day: '2026-13'
    """
    found = _MONTH.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if found is not None and 1 <= int(found["month"]) <= 12:
        return int(found["year"]), int(found["month"])
    try:
        day = parse_date(text)
    except ZfgkError:
        raise argparse.ArgumentTypeError(
            tr("not a month (2026-10, 2026/10, 2026年10月) nor a day: {text!r}", text=text[:32])
        ) from None
    return day.year, day.month


_MONTH = re.compile(r"(?P<year>\d{4})\s*(?:[-/.]|年)?\s*(?P<month>\d{1,2})\s*月?")


#: The weekdays' heads, Monday first; each two columns wide.
WEEKDAY_HEADS = (N_("Mo"), N_("Tu"), N_("We"), N_("Th"), N_("Fr"), N_("Sa"), N_("Su"))


def render_month(year: int, month: int, calendar: WorkdayCalendar | None = None) -> str:
    """The month as a grid, with the weekdays that are holidays and the weekend days worked.

    >>> from zfgk.cli._common import set_language
    >>> from zfgk.cli.calendar import render_month
    >>> set_language("zh")
    >>> print(render_month(2026, 10))
    2026年10月
    一    二    三    四    五    六    日
                      1休   2休   3     4
    5休   6休   7休   8     9     10班  11
    12    13    14    15    16    17    18
    19    20    21    22    23    24    25
    26    27    28    29    30    31
    休：工作日放假  班：周末调休上班
    >>> set_language("en")
    >>> print(render_month(2026, 10))
    October 2026
    Mo    Tu    We    Th    Fr    Sa    Su
                      1h    2h    3     4
    5h    6h    7h    8     9     10w   11
    12    13    14    15    16    17    18
    19    20    21    22    23    24    25
    26    27    28    29    30    31
    h: a weekday that is a holiday  w: a weekend day that is worked
    """
    cal = calendar or default_calendar()
    days = cal.month(year, month)
    cells = ["" for _ in range(days[0][0].weekday())]
    rest, work = tr("h"), tr("w")
    for d, works in days:
        mark = ""
        if cal.is_holiday(d):
            mark = rest
        elif works and d.weekday() >= 5:
            mark = work
        cells.append(f"{d.day}{mark}")
    title = tr("{month_name} {year}", year=year, month=month, month_name=tr(MONTHS[month - 1]))
    lines = [title, "    ".join(pad(tr(h), 2).rstrip() for h in WEEKDAY_HEADS)]
    for start in range(0, len(cells), 7):
        week = cells[start : start + 7]
        lines.append("".join(pad(c, 6) for c in week).rstrip())
    lines.append(tr("h: a weekday that is a holiday  w: a weekend day that is worked"))
    return "\n".join(lines)


MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print the month; exit status 0.

    A month whose year's holiday schedule is not published yet is an error
    that says what to run once it is (``--holidays YYYY.json``).
    """
    year, month = args.month
    try:
        shown = render_month(year, month, working_calendar(args))
    except CalendarCoverageError as e:
        words = ["zfgk", "calendar", f"{year}-{month:02d}"]
        for holidays in args.holidays:
            words += ["--holidays", str(holidays)]
        raise unpublished(e, words, provisional=False) from None
    print(shown, file=out)
    return 0
