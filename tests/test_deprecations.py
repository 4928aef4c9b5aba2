"""Every old spelling of 0.2 works through 0.3, warns naming the new one, and gives the same answer.

The answers themselves are counted by hand in test_dates*.py and the docs;
here each old call must give exactly what its new spelling gives, warn
with a DeprecationWarning that names the new spelling and points at the
caller's line, and refuse a value given twice (old and new).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import zfgk
import zfgk.files
import zfgk.formats
import zfgk.headers
from zfgk.problems import Problem, ProblemCode, Report

ITEM19 = zfgk.load("chongqing").item(19)
PUBLISHED = zfgk.default_calendar().through(2026)  # as it stood before 2027's notice
D = date(2026, 9, 28)


def old_and_new(old: Callable[[], Any], new: Callable[[], Any], says: str) -> None:
    """``old()`` warns with ``says`` in its message, pointing here, and equals ``new()``."""
    with pytest.warns(DeprecationWarning, match=re.escape(says)) as caught:
        answer = old()
    assert len(caught) == 1, [str(w.message) for w in caught]
    message = str(caught[0].message)
    assert says in message, message
    assert "deprecated since zfgk 0.3 and will be removed in 0.4" in message
    assert caught[0].filename == __file__, "the warning must point at the caller's line"
    assert answer == new()


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            lambda: zfgk.request_deadline(received_on=D),  # type: ignore[call-arg]
            lambda: zfgk.request_deadline(start=D),
            "request_deadline(received_on=...) is deprecated",
        ),
        (
            lambda: zfgk.amendment_request_deadline(received_on=D),  # type: ignore[call-arg]
            lambda: zfgk.amendment_request_deadline(D),
            "write amendment_request_deadline(start=...)",
        ),
        (
            lambda: zfgk.third_party_deadline(letter_received_on=D),  # type: ignore[call-arg]
            lambda: zfgk.third_party_deadline(D),
            "write third_party_deadline(start=...)",
        ),
        (
            lambda: zfgk.working_days_between(a=D, end=date(2026, 10, 30)),  # type: ignore[call-arg]
            lambda: zfgk.working_days_between(D, date(2026, 10, 30)),
            "write working_days_between(start=...)",
        ),
        (
            lambda: zfgk.default_calendar().working_days_between(D, b=date(2026, 10, 30)),  # type: ignore[call-arg]
            lambda: zfgk.default_calendar().working_days_between(D, date(2026, 10, 30)),
            "WorkdayCalendar.working_days_between(b=...)",
        ),
        (
            lambda: ITEM19.deadline(formed_on=D),  # type: ignore[call-arg]
            lambda: ITEM19.deadline(D),
            "write Item.deadline(start=...)",
        ),
        (
            lambda: ITEM19.deadline(D, zfgk.default_calendar()),  # type: ignore[call-arg]
            lambda: ITEM19.deadline(D, calendar=zfgk.default_calendar()),
            "passing calendar to Item.deadline() by position",
        ),
        (
            lambda: ITEM19.provisional_deadline(date(2026, 12, 4), PUBLISHED),  # type: ignore[call-arg]
            lambda: ITEM19.provisional_deadline(date(2026, 12, 4), calendar=PUBLISHED),
            "write calendar=...",
        ),
        (
            lambda: ITEM19.time_limit.deadline(D, PUBLISHED),  # type: ignore[call-arg, union-attr]
            lambda: ITEM19.time_limit.deadline(D, calendar=PUBLISHED),  # type: ignore[union-attr]
            "passing calendar to TimeLimit.deadline() by position",
        ),
        (
            lambda: ITEM19.time_limit.provisional_deadline(formed_on=D),  # type: ignore[call-arg, union-attr]
            lambda: ITEM19.time_limit.provisional_deadline(D),  # type: ignore[union-attr]
            "TimeLimit.provisional_deadline(formed_on=...)",
        ),
    ],
)
def test_old_names_of_a_start_date_and_positional_calendars(
    old: Callable[[], Any], new: Callable[[], Any], says: str
) -> None:
    old_and_new(old, new, says)


PROBLEM = Problem.of(
    ProblemCode.EMPTY,
    "面积",
    "{field} is blank; item {item} requires a value",
    field="面积",
    item=19,
)


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            lambda: PROBLEM.to_dict(language="zh"),  # type: ignore[call-arg]
            lambda: PROBLEM.to_dict(lang="zh"),
            "write Problem.to_dict(lang=...)",
        ),
        (
            lambda: PROBLEM.localized(language="zh"),  # type: ignore[call-arg]
            lambda: PROBLEM.localized("zh"),
            "Problem.localized(language=...)",
        ),
        (
            lambda: Report((PROBLEM,)).to_dict(language="zh"),  # type: ignore[call-arg]
            lambda: Report((PROBLEM,)).to_dict("zh"),
            "write Report.to_dict(lang=...)",
        ),
        (
            lambda: zfgk.load("chongqing").notes[1].localized(language="zh"),  # type: ignore[call-arg]
            lambda: zfgk.load("chongqing").notes[1].localized(lang="zh"),
            "write Note.localized(lang=...)",
        ),
        (
            lambda: zfgk.InvalidArgumentError.of("x {y}", y=1).localized(language="zh"),  # type: ignore[call-arg]
            lambda: zfgk.InvalidArgumentError.of("x {y}", y=1).localized(lang="zh"),
            "write ZfgkError.localized(lang=...)",
        ),
    ],
)
def test_language_is_lang(old: Callable[[], Any], new: Callable[[], Any], says: str) -> None:
    old_and_new(old, new, says)


def test_the_library_speaks_english_unless_asked() -> None:
    # one default everywhere in the library: English, whatever the locale
    assert PROBLEM.to_dict()["message"] == "面积 is blank; item 19 requires a value"
    assert Report((PROBLEM,)).to_dict()["problems"][0]["message"] == PROBLEM.message
    assert PROBLEM.to_dict(lang="zh")["message"] == "面积为空；第 19 项要求填写"


def test_a_log_summary_takes_lang(tmp_path: Path) -> None:
    from zfgk.audit import LogAudit

    log = tmp_path / "log.csv"
    log.write_text("2026年公开记录,,\n事项,形成日期,发布日期\n19,2026-09-28,\n", encoding="utf-8")
    audited = LogAudit(log, zfgk.load("chongqing"), today=date(2026, 10, 1))
    list(audited)
    assert audited.to_dict()["notes"][0]["message"].startswith("row 1: title")
    old_and_new(
        lambda: audited.to_dict(language="zh"),  # type: ignore[call-arg]
        lambda: audited.to_dict(lang="zh"),
        "write LogAudit.to_dict(lang=...)",
    )
    assert audited.to_dict(lang="zh")["notes"][0]["message"].startswith("第 1 行")


def test_a_value_given_twice_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="got start and its old name received_on"):
        zfgk.request_deadline(start=D, received_on=D)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="got calendar by position and by keyword"):
        ITEM19.deadline(D, PUBLISHED, calendar=PUBLISHED)  # type: ignore[misc]
    with pytest.raises(TypeError, match=r"takes 1 positional arguments but 3 were given"):
        ITEM19.deadline(D, PUBLISHED, PUBLISHED)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("module", "name", "home"),
    [
        ("zfgk.validation", "Problem", "zfgk.problems"),
        ("zfgk.validation", "ProblemCode", "zfgk.problems"),
        ("zfgk.validation", "Report", "zfgk.problems"),
        ("zfgk.workdays", "CalendarCoverageError", "zfgk.errors"),
        ("zfgk.model", "ProvisionalDate", "zfgk.workdays"),
        ("zfgk.audit", "audit", "zfgk.audit"),
    ],
)
def test_a_name_has_one_home_and_its_old_homes_warn(module: str, name: str, home: str) -> None:
    import importlib

    old_home = importlib.import_module(module)
    new = {"ProvisionalDate": "Deadline", "audit": "audit_publication"}.get(name, name)
    with pytest.warns(DeprecationWarning, match=rf"{module}\.{name} is deprecated") as caught:
        value = getattr(old_home, name)
    assert caught[0].filename == __file__
    assert f"zfgk.{new}" in str(caught[0].message)
    assert value is getattr(importlib.import_module(home), new) is getattr(zfgk, new)
    assert name not in old_home.__all__


def test_from_import_of_an_old_home_warns_too() -> None:
    with pytest.warns(DeprecationWarning, match=r"zfgk\.validation\.Problem is deprecated"):
        from zfgk.validation import Problem as Old
    assert Old is Problem


def test_removed_names_are_gone() -> None:
    # model's mutable hooks: zfgk/__init__ installed the calendar into them; model now
    # counts with zfgk.workdays itself, so there is nothing to install.
    for name in ("set_default_calendar", "set_provisional_counter"):
        assert not hasattr(zfgk.model, name)
    with pytest.raises(AttributeError):
        zfgk.audit.log_date  # noqa: B018  # deprecated at 0.2: zfgk.parse_date


def test_an_item_counts_on_the_default_calendar_with_no_global_installed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # No hook is filled at import: the model reaches zfgk.default_calendar() itself, and so
    # sees ZFGK_HOLIDAYS.  A 2027 file with only 元旦: formed Tuesday 2026-12-15, days 1-12
    # run to 12-31, 2027-01-01 is off, 1-04..08 are days 13-17, 1-11..13 days 18-20.
    notice = {
        "year": 2027,
        "papers": ["https://www.gov.cn/..."],
        "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": True}],
    }
    (tmp_path / "2027.json").write_text(json.dumps(notice, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setenv("ZFGK_HOLIDAYS", str(tmp_path / "2027.json"))
    assert ITEM19.deadline(date(2026, 12, 15)) == date(2027, 1, 13)
    assert ITEM19.provisional_deadline(date(2026, 12, 15)).provisional is False
    monkeypatch.delenv("ZFGK_HOLIDAYS")
    assert ITEM19.deadline(D) == date(2026, 10, 30)


# ------------------------------------------------------------------ the file tasks (issue 24)


def _attribute(module: str, name: str) -> Any:
    import importlib

    return getattr(importlib.import_module(module), name)


@pytest.mark.parametrize(
    ("module", "name", "new"),
    [
        ("zfgk.scanning", "scan_file", zfgk.files.scan_file),
        ("zfgk.scanning", "scan_paths", zfgk.files.scan_paths),
        ("zfgk.scanning", "walk", zfgk.files.walk),
        ("zfgk.scanning", "FileScan", zfgk.files.FileScan),
        ("zfgk.scanning", "Finding", zfgk.files.Finding),
        ("zfgk.privacy", "mask_workbook", zfgk.files.mask_file),
        ("zfgk.privacy", "mask_delimited", zfgk.files.mask_file),
        ("zfgk.privacy", "known_columns", zfgk.headers.known_columns),
        ("zfgk.documents", "DocumentFormat", zfgk.formats.Kind),
    ],
)
def test_a_moved_name_of_the_file_tasks_warns_and_is_its_new_home(
    module: str, name: str, new: object
) -> None:
    with pytest.warns(DeprecationWarning, match=f"{module}.{name} is deprecated") as caught:
        old = _attribute(module, name)
    assert caught[0].filename == __file__
    assert old is new


def test_the_old_report_and_finding_spellings_still_work(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "名单.csv"
    path.write_text("原保障对象姓名,身份证号\n张三,11010519491231002X\n", encoding="utf-8")
    with pytest.warns(DeprecationWarning, match="zfgk.validation.check_report is deprecated"):
        check_report = _attribute("zfgk.validation", "check_report")
    report = check_report(
        tmp_path / "问题.xlsx", path, zfgk.Validator(zfgk.load("chongqing").item(22))
    )
    assert openpyxl.load_workbook(report).sheetnames[0] == "说明"
    finding = zfgk.scan_file(path).findings[0]
    with pytest.warns(DeprecationWarning, match=re.escape("Finding.where() is deprecated")):
        assert (
            finding.where() == finding.to_dict() == {"kind": "id_number", "row": 2, "column": "B"}
        )
