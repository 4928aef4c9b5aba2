"""State Council notices: year files of the holiday-cn project, read and checked.

The format is that of https://github.com/NateScarlet/holiday-cn:
``{"year": 2027, "papers": [...], "days": [{"name": "元旦", "date":
"2027-01-01", "isOffDay": true}, ...]}``, ``isOffDay`` true for a rest day
and false for a make-up working day.  A file that lists no days (or no
notice) is a year whose schedule is not published yet.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from zfgk._arguments import UNNAMEABLE, as_path, nameable
from zfgk.errors import HolidayFileError, InvalidArgumentError, ScheduleNotPublishedError
from zfgk.i18n import N_, os_reason

#: A year file's name in a holiday-cn folder.
YEAR_FILE = re.compile(r"\d{4}\.json")


class YearSchedule(NamedTuple):
    """One year's notice: its rest days, its make-up working days, and where it was read."""

    year: int
    holidays: list[date]
    workdays: list[date]
    origin: str


def read_holiday_cn(source: str | os.PathLike[str] | Mapping[str, Any]) -> YearSchedule:
    """The schedule in a holiday-cn year file, or in its data already parsed.

    >>> from zfgk.workdays._holiday_cn import read_holiday_cn
    >>> read_holiday_cn({"year": 2027, "papers": ["..."], "days": [
    ...     {"name": "元旦", "date": "2027-01-01", "isOffDay": True}]}).holidays
    [datetime.date(2027, 1, 1)]
    """
    if isinstance(source, Mapping):
        origin, data = "holiday-cn data", source
    else:
        path = as_path(source, "source")
        origin = os.fspath(path)
        if not nameable(path):
            raise HolidayFileError.of(UNNAMEABLE, origin, path=repr(origin))
        data = _load_json(path, origin)
    if not isinstance(data, Mapping) or not isinstance(data.get("year"), int):
        raise HolidayFileError.of(
            N_("{origin}: not a holiday-cn year file: expected an object with an integer 'year'"),
            origin,
            origin=origin,
        )
    year: int = data["year"]
    days = data.get("days")
    if not isinstance(days, list):
        raise HolidayFileError.of(N_("{origin}: expected a 'days' list"), origin, origin=origin)
    holidays, workdays = _days(days, origin)
    _require_published(data, origin, year)
    return YearSchedule(year, holidays, workdays, origin)


def read_holiday_sources(sources: Iterable[str | os.PathLike[str]]) -> list[YearSchedule]:
    """The schedules of files and folders of year files, in year order.

    A folder contributes its files named ``YYYY.json``, skipping the years
    not published yet; a file named directly must be usable.

    >>> from zfgk.workdays._holiday_cn import read_holiday_sources
    >>> read_holiday_sources([])
    []
    """
    read = []
    for source in sources:
        path = as_path(source, "a holiday source")
        if not nameable(path) or not path.is_dir():
            read.append(read_holiday_cn(path))
            continue
        for file in sorted(path.glob("*.json")):
            if YEAR_FILE.fullmatch(file.name):
                try:
                    read.append(read_holiday_cn(file))
                except ScheduleNotPublishedError:
                    continue  # next year's file, before the notice
    return sorted(read, key=lambda schedule: schedule.year)


def check_notice(year: int, holidays: list[date], workdays: list[date]) -> None:
    """Refuse a year's notice that cannot be one: days far off, a day given twice, no holiday.

    >>> from datetime import date
    >>> from zfgk.workdays._holiday_cn import check_notice
    >>> check_notice(2027, [date(2027, 1, 1)], [date(2027, 1, 1)])
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: 2027-01-01 is given both as a holiday and as a working day
    """
    for d in (*holidays, *workdays):
        if abs(d.year - year) > 1:
            raise InvalidArgumentError.of(
                N_("{day} is not in {year} or a neighbouring year; check the schedule's dates"),
                day=d.isoformat(),
                year=year,
            )
    clash = set(holidays) & set(workdays)
    if clash:
        raise InvalidArgumentError.of(
            N_("{day} is given both as a holiday and as a working day"),
            day=min(clash).isoformat(),
        )
    if not any(d.year == year for d in holidays):
        raise InvalidArgumentError.of(
            N_(
                "the schedule of {year} lists no holiday in {year}; a year's notice always "
                "has some (元旦, 春节 …): give its days, or use provisional_deadline() until "
                "it is published"
            ),
            year=year,
        )


def _load_json(path: Path, origin: str) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise HolidayFileError.of(
            N_("{origin}: cannot read the file: {strerror}"),
            origin,
            origin=origin,
            strerror=os_reason(e),
        ) from None
    except UnicodeDecodeError:
        raise HolidayFileError.of(N_("{origin}: not UTF-8 text"), origin, origin=origin) from None
    except json.JSONDecodeError as e:
        raise HolidayFileError.of(
            N_("{origin}: not valid JSON: {msg} (line {lineno})"),
            origin,
            origin=origin,
            msg=e.msg,
            lineno=e.lineno,
        ) from None


def _days(days: list[Any], origin: str) -> tuple[list[date], list[date]]:
    """The rest days and the make-up working days of a ``days`` list."""
    holidays: list[date] = []
    workdays: list[date] = []
    for index, day in enumerate(days):
        where = f"{origin}: days[{index}]"
        if not isinstance(day, Mapping) or not isinstance(day.get("isOffDay"), bool):
            raise HolidayFileError.of(
                N_('{where}: expected {{"name", "date": "YYYY-MM-DD", "isOffDay": true or false}}'),
                origin,
                where=where,
            )
        try:
            when = date.fromisoformat(str(day.get("date")))
        except ValueError:
            raise HolidayFileError.of(
                N_("{where}.date: not a YYYY-MM-DD date"), origin, where=where
            ) from None
        (holidays if day["isOffDay"] else workdays).append(when)
    return holidays, workdays


def _require_published(data: Mapping[str, Any], origin: str, year: int) -> None:
    """Refuse a year file that lists no days or names no notice: its year is not published."""
    days, papers = data.get("days"), data.get("papers")
    if days and not (isinstance(papers, list) and not papers):
        return
    template = (
        N_(
            "{origin}: the holiday schedule of {year} has not been published: the file lists "
            "no days; use a file that lists the days of the State Council's notice "
            "(国务院办公厅关于{year}年部分节假日安排的通知)"
        )
        if not days
        else N_(
            "{origin}: the holiday schedule of {year} has not been published: the file names "
            "no notice (papers); use a file that lists the days of the State Council's notice "
            "(国务院办公厅关于{year}年部分节假日安排的通知)"
        )
    )
    raise ScheduleNotPublishedError.of(template, origin, year, origin=origin, year=year)
