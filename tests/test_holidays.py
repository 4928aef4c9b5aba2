"""The real year files of the holiday-cn project, loaded as a user would, checked day by day.

tests/data/holiday-cn/ holds holiday-cn's files 2007–2027 unchanged (MIT
licence beside them). chinese-calendar, which zfgk ships with, is the
independent answer: the two projects keep their data apart.
"""

from __future__ import annotations

import json
import os
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

import zfgk
from zfgk import HolidayFileError, ScheduleNotPublishedError, WorkdayCalendar
from zfgk.cli import main
from zfgk.workdays import clear_calendar_cache, lunar_festivals, statutory_holidays

FILES = Path(__file__).resolve().parent / "data" / "holiday-cn"
YEARS = range(2007, 2027)  # the published files here; 2027.json is holiday-cn's empty one
#: The last year the installed chinese-calendar knows: its data says, never this file.
LAST_YEAR = WorkdayCalendar.from_chinese_calendar().last_year
NEXT_YEAR = LAST_YEAR + 1
#: The schedule as it stood up to 2026, for the cases worked by hand across 2026 and 2027.
UP_TO_2026 = WorkdayCalendar.from_chinese_calendar().through(2026)
DAYS = [
    date(2007, 1, 1) + timedelta(days=n)
    for n in range((date(2026, 12, 31) - date(2007, 1, 1)).days + 1)
]


def chinese_calendar_says(day: date) -> bool:
    import chinese_calendar

    return bool(chinese_calendar.is_workday(day))


REFERENCE = {day: chinese_calendar_says(day) for day in DAYS}


def counted_by_hand(start: date, n: int, holidays: frozenset[date]) -> date:
    """The n-th working day after ``start``, day by day: chinese-calendar's verdict up to its
    last year, then weekdays other than ``holidays`` (what a made-up next year's file says)."""
    day, counted = start, 0
    while counted < n:
        day += timedelta(days=1)
        if day.year <= LAST_YEAR:
            counted += chinese_calendar_says(day)
        else:
            counted += day.weekday() < 5 and day not in holidays
    return day


#: Information formed on 12-20 of the last known year: its 20 working days reach the next.
FORMED = date(LAST_YEAR, 12, 20)
#: Its deadline under a next year whose file makes only 元旦 a holiday.
NEXT_DEADLINE = counted_by_hand(FORMED, 20, frozenset({date(NEXT_YEAR, 1, 1)}))


def assert_same_as_chinese_calendar(calendar: WorkdayCalendar) -> None:
    wrong = [day for day in DAYS if calendar.is_workday(day) != REFERENCE[day]]
    assert wrong == [], f"{len(wrong)} days differ from chinese-calendar, first {wrong[:5]}"


@pytest.fixture(autouse=True)
def _no_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZFGK_HOLIDAYS", raising=False)
    clear_calendar_cache()


def test_the_files_are_holiday_cns() -> None:
    assert sorted(p.name for p in FILES.glob("*.json")) == [f"{y}.json" for y in range(2007, 2028)]
    assert "MIT License" in (FILES / "LICENSE").read_text(encoding="utf-8")
    data = json.loads((FILES / "2008.json").read_text(encoding="utf-8"))
    assert data["days"][0] == {"name": "元旦", "date": "2007-12-29", "isOffDay": False}


@pytest.mark.parametrize("year", YEARS)
def test_loading_one_year_changes_no_day(year: int) -> None:
    calendar = WorkdayCalendar.from_holiday_cn(FILES / f"{year}.json")
    assert_same_as_chinese_calendar(calendar)


def test_the_days_that_used_to_be_dropped() -> None:
    # listed in the next year's file (元旦 of the next year), not in their own
    for year, days in (
        (2007, ("2007-12-29", "2007-12-31")),
        (2011, ("2011-12-31",)),
        (2018, ("2018-12-29", "2018-12-31")),
    ):
        calendar = WorkdayCalendar.from_holiday_cn(FILES / f"{year}.json")
        for text in days:
            day = date.fromisoformat(text)
            assert calendar.is_workday(day) == REFERENCE[day], text
    assert WorkdayCalendar.from_holiday_cn(FILES / "2007.json").is_workday(date(2007, 12, 29))
    assert not WorkdayCalendar.from_holiday_cn(FILES / "2018.json").is_workday(date(2018, 12, 31))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_loading_all_in_any_order_changes_no_day(seed: int) -> None:
    years = list(YEARS)
    random.Random(seed).shuffle(years)
    calendar = zfgk.default_calendar()
    for year in years:
        calendar = calendar.with_holiday_cn(FILES / f"{year}.json")
    assert_same_as_chinese_calendar(calendar)
    assert_same_as_chinese_calendar(
        zfgk.default_calendar().with_holidays(FILES / f"{y}.json" for y in years)
    )


def test_a_calendar_from_the_files_alone_is_chinese_calendars() -> None:
    # Start from 2006, known to chinese-calendar, and add every file in order.
    base = WorkdayCalendar.from_chinese_calendar()
    seed = WorkdayCalendar(
        first_year=2006,
        last_year=2006,
        rest_days=frozenset(d for d in base.rest_days if d.year == 2006),
        make_up_days=frozenset(d for d in base.make_up_days if d.year == 2006),
    )
    calendar = seed.with_holidays([FILES])
    assert (calendar.first_year, calendar.last_year) == (2006, 2026)
    assert_same_as_chinese_calendar(calendar)


def test_the_unpublished_year_is_refused() -> None:
    with pytest.raises(ScheduleNotPublishedError) as info:
        WorkdayCalendar.from_holiday_cn(FILES / "2027.json")
    assert info.value.year == 2027
    assert isinstance(info.value, zfgk.ZfgkError)
    assert "2027.json" in str(info.value)
    assert "has not been published" in str(info.value)
    # In a folder it is left out: 2027 stays unknown, never plain weekends.
    calendar = UP_TO_2026.with_holidays([FILES])
    assert calendar.last_year == 2026
    with pytest.raises(zfgk.CalendarCoverageError):
        calendar.deadline(date(2026, 12, 20), 20)


def write_year(folder: Path, year: int = NEXT_YEAR) -> Path:
    """A year file made up for the tests (the real one is not out): 元旦 a holiday."""
    path = folder / f"{year}.json"
    data = {
        "year": year,
        "papers": ["made up for zfgk's tests"],
        "days": [{"name": "元旦", "date": f"{year}-01-01", "isOffDay": True}],
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_next_year_from_a_file(tmp_path: Path) -> None:
    calendar = UP_TO_2026.with_holidays([write_year(tmp_path, 2027)])
    # 2026-12-20 is a Sunday; 1-1 (Friday) is a holiday: day 20 is Monday 1-18.
    assert zfgk.deadline(date(2026, 12, 20), 20, calendar=calendar) == date(2027, 1, 18)
    assert not calendar.is_workday(date(2027, 1, 1))
    following = zfgk.default_calendar().with_holidays([write_year(tmp_path)])
    assert following.last_year == NEXT_YEAR
    assert zfgk.deadline(FORMED, 20, calendar=following) == NEXT_DEADLINE


def test_changing_the_variable_takes_effect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert zfgk.default_calendar().last_year == LAST_YEAR
    monkeypatch.setenv("ZFGK_HOLIDAYS", str(write_year(tmp_path)))
    assert zfgk.deadline(FORMED, 20) == NEXT_DEADLINE  # no clear_calendar_cache() needed
    monkeypatch.setenv("ZFGK_HOLIDAYS", "")
    with pytest.raises(zfgk.CalendarCoverageError):
        zfgk.deadline(FORMED, 20)


def test_environment_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "holidays"
    folder.mkdir()
    write_year(folder)
    (folder / f"{NEXT_YEAR + 1}.json").write_text(
        f'{{"year": {NEXT_YEAR + 1}, "papers": [], "days": []}}', encoding="utf-8"
    )
    (folder / "notes.json").write_text("not a year file, not read", encoding="utf-8")
    monkeypatch.setenv("ZFGK_HOLIDAYS", os.pathsep.join([str(tmp_path / "none-here"), str(folder)]))
    with pytest.raises(HolidayFileError, match="none-here: cannot read the file"):
        zfgk.default_calendar()
    monkeypatch.setenv("ZFGK_HOLIDAYS", str(folder))
    assert zfgk.default_calendar().last_year == NEXT_YEAR
    assert zfgk.deadline(FORMED, 20) == NEXT_DEADLINE
    assert zfgk.load("chongqing").item(19).deadline(FORMED) == NEXT_DEADLINE
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"year": 2027, "papers": ["x"], "days": [{"date": "2027-01-01"}]}', encoding="utf-8"
    )
    monkeypatch.setenv("ZFGK_HOLIDAYS", str(bad))
    with pytest.raises(HolidayFileError) as info:
        zfgk.default_calendar()
    assert info.value.path == str(bad)
    assert "days[0]" in str(info.value)
    monkeypatch.delenv("ZFGK_HOLIDAYS")
    assert zfgk.default_calendar().last_year == LAST_YEAR


def test_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    file = write_year(tmp_path)
    formed, due = FORMED.isoformat(), NEXT_DEADLINE.isoformat()
    assert main(["due", formed, "--days", "20", "--holidays", str(file), "--lang", "zh"]) == 0
    assert capsys.readouterr().out.startswith(f"{due}（星期")
    assert main(["due", formed, "--days", "20"]) == 2
    assert "--holidays" in capsys.readouterr().err
    assert main(["due", "2026-12-20", "--holidays", str(FILES / "2027.json")]) == 2
    err = capsys.readouterr().err
    assert "2027.json" in err
    assert "has not been published" in err
    assert main(["calendar", f"{NEXT_YEAR}-01", "--holidays", str(file), "--lang", "zh"]) == 0
    month = capsys.readouterr().out
    assert month.startswith(f"{NEXT_YEAR}年1月")
    if date(NEXT_YEAR, 1, 1).weekday() < 5:  # 休 marks a weekday made a holiday
        assert "1休" in month
    late = (NEXT_DEADLINE + timedelta(days=1)).isoformat()
    log = tmp_path / "log.csv"
    log.write_text(
        "item,formed_on,published_on,channels,url\n"
        f"19,{formed},{late},政府网站;两微一端,https://zfcxjw.cq.gov.cn/19.html\n",
        encoding="utf-8",
    )
    today = (NEXT_DEADLINE + timedelta(days=14)).isoformat()
    assert main(["audit", str(log), "--today", today, "--holidays", str(file), "--json"]) == 1
    assert '"code": "late"' in capsys.readouterr().out
    monkeypatch.setenv("ZFGK_HOLIDAYS", str(file))
    clear_calendar_cache()
    assert main(["due", formed, "--days", "20"]) == 0
    assert capsys.readouterr().out.startswith(due)


# ------------------------------------------------------------ provisional


def test_lunar_festivals_agree_with_lunardate() -> None:
    lunardate = pytest.importorskip("lunardate")
    for year in range(2004, 2089):
        expected = tuple(
            lunardate.LunarDate(year, month, day).to_solar_date()
            for month, day in ((1, 1), (5, 5), (8, 15))
        )
        assert lunar_festivals(year) == expected, year


def test_statutory_holidays_are_official_rest_days() -> None:
    # Since 2008 清明, 端午 and 中秋 are statutory; 除夕 since 2025.
    calendar = zfgk.default_calendar()
    for year in range(2008, LAST_YEAR + 1):
        for day, name in statutory_holidays(year):
            if (
                name == "春节"
                and day == lunar_festivals(year)[0] - timedelta(days=1)
                and year < 2025
            ):
                continue
            if name == "劳动节" and day.month == 5 and day.day == 2 and year < 2025:
                continue
            assert not calendar.is_workday(day), (year, day, name)


def test_provisional_deadline_assumes_the_lunar_holidays() -> None:
    d = zfgk.provisional_deadline(date(2027, 1, 20), 20, calendar=UP_TO_2026)
    # Worked by hand: 1-21 and 1-22 are days 1–2, 1-25..1-29 3–7, 2-1..2-4 8–11;
    # 2-5 (除夕) and 2-8 (初三) are assumed holidays; 2-9..2-12 12–15, 2-15..2-19 16–20.
    assert d.date == date(2027, 2, 19)
    assert d.provisional
    assert (date(2027, 2, 5), "春节") in d.assumed_holidays
    assert "尚未公布" in d.note
    # Across 端午 and 中秋 2027 (6-9 Wednesday, 9-15 Wednesday).
    assert zfgk.provisional_deadline(date(2027, 6, 8), 1, calendar=UP_TO_2026).date == date(
        2027, 6, 10
    )
    assert zfgk.provisional_deadline(date(2027, 9, 14), 1, calendar=UP_TO_2026).date == date(
        2027, 9, 16
    )
    assert zfgk.provisional_deadline(date(2027, 4, 2), 1, calendar=UP_TO_2026).date == date(
        2027, 4, 6
    )  # 清明 4-5 Monday
    # In English, from the message catalogue.
    assert d.explanation.localized("en").startswith("provisional: the holiday schedule of 2027 ")
