"""Dates as officers write them, read into :class:`datetime.date`, and the type checks of dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_, Message

__all__ = ["as_date", "check_count", "parse_date"]

# Year, month and day separated by - / . or written 年 月 日, or eight digits;
# then, optionally, a time of day as a spreadsheet writes a date cell.
_DATE = re.compile(
    r"(?P<y>\d{4})\s*(?:(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日?)"
    r"|(?P<y3>\d{4})(?P<m3>\d{2})(?P<d3>\d{2})"
)
_TIME = re.compile(r"(?:[T\s]\s*(?P<time>\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?))?")
# A run of digits as long as a mobile number or longer: never repeated in a message.
_LONG_NUMBER = re.compile(r"[\dXx]{11,}")
_SHOWN = 32


def parse_date(value: str | date) -> date:
    """A date as officers and spreadsheets write it, as a :class:`datetime.date`.

    Reads 2026-09-28, 2026/9/28, 2026.9.28, 2026年9月28日 and 20260928,
    with full-width digits and spaces around the parts, optionally followed
    by a time of day as a spreadsheet writes a date cell (2026-09-28
    00:00:00); a :class:`~datetime.date` is itself, a
    :class:`~datetime.datetime` (a spreadsheet's date cell) its day.

    >>> from datetime import datetime
    >>> import zfgk
    >>> zfgk.parse_date("2026/9/28"), zfgk.parse_date("2026年9月28日")
    (datetime.date(2026, 9, 28), datetime.date(2026, 9, 28))
    >>> zfgk.parse_date("20260928"), zfgk.parse_date("2026-09-28 00:00:00")
    (datetime.date(2026, 9, 28), datetime.date(2026, 9, 28))
    >>> zfgk.parse_date(datetime(2026, 9, 28, 17, 30))
    datetime.date(2026, 9, 28)

    A text that is not a real date raises :class:`~zfgk.InvalidArgumentError`
    naming it (a long run of digits, which may be a personal number, is not
    repeated); anything but text or a date raises TypeError:

    >>> zfgk.parse_date("2026-13-45")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: not a date: '2026-13-45' (write it as 2026-09-28, 2026/9/28, 2026.9.28, 2026年9月28日 or 20260928)
    >>> zfgk.parse_date(20260928)
    Traceback (most recent call last):
    ...
    TypeError: parse_date() expects a str, datetime.date or datetime.datetime, not int
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise TypeError(
            "parse_date() expects a str, datetime.date or datetime.datetime, "
            f"not {type(value).__name__}"
        )
    text = unicodedata.normalize("NFKC", value).strip()
    found = _DATE.match(text)
    if found is not None:
        rest = _TIME.fullmatch(text, found.end())
        if rest is not None:
            try:
                day = date(*_parts(found))
            except ValueError:
                pass
            else:
                if not rest["time"] or _is_time(rest["time"]):
                    return day
    raise InvalidArgumentError.of(
        N_(
            "not a date: {text} (write it as 2026-09-28, 2026/9/28, 2026.9.28, 2026年9月28日 "
            "or 20260928)"
        ),
        text=_shown(value),
    )


def _parts(found: re.Match[str]) -> tuple[int, int, int]:
    """Year, month and day of a match of ``_DATE``, whichever of its forms matched."""
    if found["y3"]:
        return int(found["y3"]), int(found["m3"]), int(found["d3"])
    month, day = (found["m"], found["d"]) if found["sep"] else (found["m2"], found["d2"])
    return int(found["y"]), int(month), int(day)


def _is_time(text: str) -> bool:
    """Whether ``H:MM``, ``H:MM:SS`` or ``H:MM:SS.ffffff`` is a time of day."""
    hours, minutes, *seconds = text.split(":")
    return int(hours) < 24 and int(minutes) < 60 and float(seconds[0] if seconds else 0) < 60


def _shown(text: str) -> Message | str:
    """How a message names a text that is not a date: quoted, cut short, no personal number."""
    if _LONG_NUMBER.search(text):
        return Message(
            N_("(a text of {count} characters holding a long number, not repeated here)"),
            count=len(text),
        )
    return repr(text if len(text) <= _SHOWN else text[:_SHOWN] + "…")


def as_date(value: date, name: str = "date") -> date:
    """``value`` as a plain date: a datetime gives its day, anything else a TypeError.

    >>> from datetime import datetime
    >>> from zfgk.workdays._dates import as_date
    >>> as_date(datetime(2026, 9, 28, 17, 30))
    datetime.date(2026, 9, 28)
    >>> as_date("2026-09-28", "start")
    Traceback (most recent call last):
    ...
    TypeError: start must be a datetime.date, not str; read a text with zfgk.parse_date()
    """
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        hint = "; read a text with zfgk.parse_date()" if isinstance(value, str) else ""
        raise TypeError(f"{name} must be a datetime.date, not {type(value).__name__}{hint}")
    return value


def check_count(value: int, name: str = "working_days") -> int:
    """``value`` if it is a whole number of days, 0 or more; TypeError or InvalidArgumentError if not.

    >>> from zfgk.workdays._dates import check_count
    >>> check_count(20)
    20
    >>> check_count(20.0)
    Traceback (most recent call last):
    ...
    TypeError: working_days must be an int, not float
    >>> check_count(-1)
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: working_days must not be negative (given -1)
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise InvalidArgumentError.of(
            N_("{name} must not be negative (given {days})"), name=name, days=value
        )
    return value
