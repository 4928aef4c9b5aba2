"""What falls due soon: audit_publication(within=N) and ``zfgk audit --within N`` (issue 13, part 4).

The deadlines are counted by hand on the 2026 calendar (no holiday between
mid-October and December; 国庆 ends on 10-07 and Saturday 10-10 is worked):
formed on Friday 10-16, the 20th working day after it is Friday 11-13;
formed on Tuesday 10-20, it is Tuesday 11-17; formed on Monday 10-26, it is
Monday 11-23; formed on Tuesday 11-10, it is Tuesday 12-08.  From Friday
11-13, 11-17 is 2 working days away, 11-23 is 6 and 12-08 is 17.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import zfgk
from zfgk import Publication, audit_publication
from zfgk.cli import main

ITEM19 = zfgk.load("chongqing").item(19)
TODAY = date(2026, 11, 13)


def due_soon(report: zfgk.Report) -> list[tuple[str, int]]:
    return [
        (str(p.details["deadline"]), int(p.details["left"]))
        for p in report.problems
        if p.code is zfgk.ProblemCode.DUE_SOON
    ]


@pytest.mark.parametrize(
    ("formed", "within", "expected"),
    [
        (date(2026, 10, 20), 5, [("2026-11-17", 2)]),
        (date(2026, 10, 20), 2, [("2026-11-17", 2)]),  # the window includes its last day
        (date(2026, 10, 20), 1, []),
        (date(2026, 10, 16), 0, [("2026-11-13", 0)]),  # due today
        (date(2026, 10, 26), 5, []),
        (date(2026, 10, 26), 6, [("2026-11-23", 6)]),
        (date(2026, 11, 10), 16, []),
        (date(2026, 11, 10), 17, [("2026-12-08", 17)]),
    ],
)
def test_due_soon_counts_working_days(
    formed: date, within: int, expected: list[tuple[str, int]]
) -> None:
    report = audit_publication(Publication(ITEM19, formed), today=TODAY, within=within)
    assert due_soon(report) == expected
    assert report.ok  # a warning: nothing is wrong yet
    if expected:
        (problem,) = report.problems
        assert problem.warning
        assert problem.field == "published_on"
        assert f"the deadline is {expected[0][0]}" in problem.message


def test_without_within_nothing_is_due_soon() -> None:
    assert audit_publication(Publication(ITEM19, date(2026, 10, 20)), today=TODAY).problems == ()


def test_published_and_overdue_entries_are_not_due_soon() -> None:
    published = Publication(
        ITEM19, date(2026, 10, 20), date(2026, 11, 12), channels={"政府网站", "两微一端"}
    )
    assert audit_publication(published, today=TODAY, within=20).problems == ()
    overdue = audit_publication(Publication(ITEM19, date(2026, 10, 1)), today=TODAY, within=20)
    assert [p.code.value for p in overdue.problems] == ["overdue"]


def test_an_item_with_no_time_limit_is_not_due_soon() -> None:
    item = zfgk.load("shanyin").item(41)
    report = audit_publication(Publication(item, date(2026, 10, 20)), today=TODAY, within=20)
    assert [p.code.value for p in report.problems] == ["deadline-unknown"]


def test_the_message_in_chinese() -> None:
    report = audit_publication(Publication(ITEM19, date(2026, 10, 20)), today=TODAY, within=5)
    assert report.problems[0].localized("zh") == (
        "尚未公开；期限为 2026-11-17（2026-10-20 之后 20 个工作日），距 2026-11-13 还有 2 个工作日"
    )


LOG = """item,formed_on,published_on,channels,url
19,2026-10-26,,,
19,2026-10-16,,,
19,2026-11-10,,,
19,2026-10-20,,,
19,2026-10-20,2026-11-12,政府网站;两微一端,https://zfcxjw.cq.gov.cn/zwgk/19.html
19,2026-10-01,,,
"""


def test_cli_lists_what_falls_due_sorted_by_deadline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    argv = ["audit", str(log), "--today", "2026-11-13", "--within", "6"]
    assert main([*argv, "--lang", "en"]) == 1  # row 7 is overdue
    out = capsys.readouterr().out
    section = out[out.index("not published yet and due within 6 working days of 2026-11-13: 3") :]
    lines = section.splitlines()[1:4]
    assert lines == [
        "    2026-11-13 (Friday)  0 working days left  row 3 (item 19)",
        "    2026-11-17 (Tuesday)  2 working days left  row 5 (item 19)",
        "    2026-11-23 (Monday)  6 working days left  row 2 (item 19)",
    ]

    assert main([*argv, "--json"]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    summary = records[-1]["summary"]
    assert summary["within"] == 6
    assert summary["due_soon"] == [
        {"row": 3, "item": 19, "deadline": "2026-11-13", "working_days_left": 0},
        {"row": 5, "item": 19, "deadline": "2026-11-17", "working_days_left": 2},
        {"row": 2, "item": 19, "deadline": "2026-11-23", "working_days_left": 6},
    ]
    by_row = {r["row"]: r for r in records[:-1]}
    assert [p["code"] for p in by_row[2]["problems"]] == ["due-soon"]
    assert [p["code"] for p in by_row[7]["problems"]] == ["overdue"]
    assert 4 not in by_row  # due in 17 working days: outside the window
    assert 6 not in by_row  # published on time

    assert main([*argv, "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert "2026-11-17（星期二）" in out


def test_cli_rejects_a_negative_window(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "log.csv"
    log.write_text(LOG, encoding="utf-8")
    assert main(["audit", str(log), "--within", "-1", "--lang", "en"]) == 2
    assert "--within takes a number of working days, 0 or more" in capsys.readouterr().err
