"""Publication audit: deadlines, channels, addresses, records; and zfgk audit."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import zfgk
from zfgk import (
    Channel,
    Publication,
    audit_publication,
    display_url,
    is_government_url,
    normalize_url,
)
from zfgk.audit import LogAudit
from zfgk.cli import main

ROOT = Path(__file__).resolve().parent.parent
CQ = zfgk.load("chongqing")
ITEM19 = CQ.item(19)  # channels: 政府网站, 两微一端
BOTH = {"政府网站", "两微一端"}
GOV = "https://zfcxjw.cq.gov.cn/zwgk/19.html"


def codes(report: zfgk.Report) -> list[str]:
    return [p.code.value for p in report.problems]


@pytest.mark.parametrize(
    ("formed", "published", "expected"),
    [
        # 国庆 2026: deadline 10-30 (10-01..07 off, Saturday 10-10 worked)
        (date(2026, 9, 28), date(2026, 10, 30), []),
        (date(2026, 9, 28), date(2026, 11, 2), ["late"]),
        # 春节 2026: formed Friday 2-13, deadline 3-19 (Saturdays 2-14 and 2-28 worked)
        (date(2026, 2, 13), date(2026, 3, 19), []),
        (date(2026, 2, 13), date(2026, 3, 20), ["late"]),
        # formed on a holiday: day 1 is 2-24, day 5 Saturday 2-28, day 20 is 3-20
        (date(2026, 2, 17), date(2026, 3, 20), []),
        (date(2026, 2, 17), date(2026, 3, 23), ["late"]),
        # published the same day
        (date(2026, 5, 6), date(2026, 5, 6), []),
    ],
)
def test_timeliness(formed: date, published: date, expected: list[str]) -> None:
    report = audit_publication(Publication(ITEM19, formed, published, channels=BOTH, url=GOV))
    assert codes(report) == expected


def test_late_message_says_deadline_and_how_late() -> None:
    report = audit_publication(
        Publication(ITEM19, date(2026, 9, 28), date(2026, 11, 3), channels=BOTH, url=GOV)
    )
    (problem,) = report.problems
    assert "deadline 2026-10-30" in problem.message
    assert "2 working days after" in problem.message


def test_overdue() -> None:
    pub = Publication(ITEM19, date(2026, 9, 28))
    assert audit_publication(pub, today=date(2026, 10, 30)).ok
    report = audit_publication(pub, today=date(2026, 11, 2))
    assert codes(report) == ["overdue"]
    assert "deadline 2026-10-30" in report.problems[0].message
    assert "passed 1 working day before" in report.problems[0].message


def test_deadline_unknown() -> None:
    # The schedule as it stood up to 2026, whichever chinese-calendar is installed.
    up_to_2026 = zfgk.default_calendar().through(2026)
    pub = Publication(ITEM19, date(2026, 12, 15), date(2027, 1, 10), channels=BOTH, url=GOV)
    report = audit_publication(pub, calendar=up_to_2026)
    assert codes(report) == ["deadline-unknown"]
    assert "reaches 2027" in report.problems[0].message
    assert "(it covers 2004–2026)" in report.problems[0].message
    cal = up_to_2026.with_year(2027, holidays=[date(2027, 1, 1)])
    assert audit_publication(pub, calendar=cal).ok  # deadline 2027-01-13
    last = zfgk.default_calendar().last_year  # chinese-calendar's last year
    after = Publication(ITEM19, date(last, 12, 15), date(last + 1, 1, 10), channels=BOTH, url=GOV)
    assert codes(audit_publication(after)) == ["deadline-unknown"]
    no_limit = zfgk.load("shanyin").item(41)
    assert codes(audit_publication(Publication(no_limit, date(2026, 9, 1)))) == ["deadline-unknown"]


def test_missing_channels() -> None:
    report = audit_publication(
        Publication(ITEM19, date(2026, 9, 28), date(2026, 10, 8), channels={"政府网站"}, url=GOV)
    )
    assert codes(report) == ["missing-channel"]
    assert report.problems[0].field == "两微一端"
    item33 = CQ.item(33)
    report = audit_publication(
        Publication(
            item33,
            date(2026, 9, 28),
            date(2026, 10, 8),
            channels={Channel.GOVERNMENT_WEBSITE},
            url=GOV,
        )
    )
    assert [p.field for p in report.problems] == [
        "两微一端",
        "公开查阅点",
        "政务服务中心",
        "便民服务站",
    ]
    # extra channels are fine
    assert audit_publication(
        Publication(
            ITEM19, date(2026, 9, 28), date(2026, 10, 8), channels=BOTH | {"广播电视"}, url=GOV
        )
    ).ok
    with pytest.raises(ValueError, match="微博"):
        Publication(ITEM19, date(2026, 9, 28), channels={"微博"})


@pytest.mark.parametrize(
    "url",
    [
        "https://zfcxjw.cq.gov.cn/zwgk/",
        "http://www.gov.cn/",
        "https://ＺＦＣＸＪＷ.CQ.GOV.CN/zwgk/",
        "https://zfcxjw。cq。gov。cn/",
        "https://zfcxjw.cq.gov.cn./",
        "https://zfcxjw.cq.gov.cn:8443/a?b=c#d",
        "http://住房和城乡建设委员会.重庆.政务/",
        "http://xn--wjq8q7e91rnhu2pw5di2nemhjl6i.xn--zwt745i.xn--zfr164b/",
    ],
)
def test_government_addresses(url: str) -> None:
    assert is_government_url(url)
    assert (
        codes(
            audit_publication(
                Publication(ITEM19, date(2026, 9, 28), date(2026, 10, 8), channels=BOTH, url=url)
            )
        )
        == []
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://cq.gov.cn.example.com/",
        "https://zfcxjw.cq.gov.cn@evil.example/",
        "https://user:pw@evil.example/zfcxjw.cq.gov.cn/",
        "https://evilgov.cn/",
        "https://gov.cn.evil/",
        "https://zfcxjw.cq.gov.сn/",  # Cyrillic с: a different domain
        "https://1.2.3.4/",
        "https://[::1]/",
        "https://example.com/?next=https://zfcxjw.cq.gov.cn/",
    ],
)
def test_not_government(url: str) -> None:
    assert not is_government_url(url)
    assert codes(
        audit_publication(
            Publication(ITEM19, date(2026, 9, 28), date(2026, 10, 8), channels=BOTH, url=url)
        )
    ) == ["not-government"]


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://zfcxjw.cq.gov.cn/", "scheme"),
        ("zfcxjw.cq.gov.cn/zwgk", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("https:///zwgk", "host"),
        ("https://a..gov.cn/", "host"),
        ("https://-a.gov.cn/", "host"),
        ("https://a-.gov.cn/", "host"),
        ("https://a_b.gov.cn/", "host"),
        (f"https://{'x' * 64}.gov.cn/", "host"),
        (f"https://{('a' * 60 + '.') * 5}gov.cn/", "host"),
        ("https://zfcxjw.cq.gov.cn:port/", "syntax"),
        ("https://evil.example\\@zfcxjw.cq.gov.cn/", "characters"),
        ("https://zfcxjw.cq.gov.cn/a b", "characters"),
        ("", "empty"),
    ],
)
def test_invalid_addresses(url: str, reason: str) -> None:
    with pytest.raises(zfgk.InvalidUrlError) as err:
        normalize_url(url)
    assert err.value.reason == reason
    report = audit_publication(
        Publication(ITEM19, date(2026, 9, 28), date(2026, 10, 8), channels=BOTH, url=url)
    )
    assert codes(report) == ["invalid-url"]


def test_normalize_and_display_both_directions() -> None:
    u_form = "http://住房和城乡建设委员会.重庆.政务/zwgk/?a=1"
    a_form = "http://xn--wjq8q7e91rnhu2pw5di2nemhjl6i.xn--zwt745i.xn--zfr164b/zwgk/?a=1"
    assert normalize_url(u_form) == a_form
    assert display_url(a_form) == u_form
    assert display_url(u_form) == u_form
    assert normalize_url("HTTPS://ＺＦＣＸＪＷ.CQ.GOV.CN./A") == "https://zfcxjw.cq.gov.cn/A"


def test_configurable_suffixes() -> None:
    url = "https://zjw.cq.cn/"
    assert not is_government_url(url)
    assert is_government_url(url, government_suffixes=["gov.cn", "zjw.cq.cn"])
    pub = Publication(ITEM19, date(2026, 9, 28), date(2026, 10, 8), channels=BOTH, url=url)
    assert audit_publication(pub, government_suffixes=["zjw.cq.cn"]).ok
    assert is_government_url("http://住建.政务/", government_suffixes=["政务"])


def test_records_are_validated() -> None:
    good = {
        "保障对象姓名": "张*",
        "保障性住房类型": "公租房",
        "房号": "1",
        "面积": "2",
        "套型": "3",
        "所在建设项目名称": "4",
    }
    bad = dict(good, 面积="", 备注="11010519491231002X")
    report = audit_publication(
        Publication(
            ITEM19,
            date(2026, 9, 28),
            date(2026, 10, 8),
            channels=BOTH,
            url=GOV,
            records=[good, bad],
        )
    )
    assert codes(report) == ["empty", "unknown", "unmasked"]
    assert report.problems[0].message.startswith("record 2: ")
    assert "11010519491231002X" not in repr(report)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_sample_log(capsys: pytest.CaptureFixture[str]) -> None:
    log = str(ROOT / "examples/publication-log.csv")
    code, out, _ = run(capsys, "audit", log, "--today", "2026-11-23", "--json")
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    by_row = {line["row"]: [p["code"] for p in line["problems"]] for line in lines[:-1]}
    assert by_row == {
        3: ["late"],
        4: ["missing-channel"],
        5: ["overdue"],
        6: ["not-government"],
        7: ["not-government"],
    }
    summary = lines[-1]["summary"]
    assert summary["rows"] == 6
    assert summary["by_item"]["19"] == {"rows": 2, "on time": 1, "late": 1}
    code, out, _ = run(capsys, "audit", log, "--today", "2026-11-23")
    assert "item  rows  on time" in out


def test_cli_row_problems_and_input_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        "事项,形成日期,发布日期,渠道,网址\n"
        "分配结果,2026年9月28日,2026/10/30,政府网站 两微一端,https://zfcxjw.cq.gov.cn/\n"
        "99,2026-09-28,,,\n"
        "19,2026-02-30,,,\n"
        "19,2026-09-28,2026-10-08,微博,\n",
        encoding="gb18030",
    )
    code, out, _ = run(capsys, "audit", str(log), "--today", "2026-11-23", "--json")
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line.get("row") for line in lines[:-1]] == [3, 4, 5]
    assert lines[0]["problems"][0]["code"] == "invalid"
    assert lines[2]["problems"][0]["message"].startswith("unknown channel '微博'")
    bad = tmp_path / "bad.csv"
    bad.write_text("published_on,url\n2026-10-01,\n", encoding="utf-8")
    code, _, err = run(capsys, "audit", str(bad))
    assert code == 2
    assert "needs the columns item and formed_on" in err


def test_cli_json_lines_log(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    log.write_text(
        json.dumps(
            {
                "item": 19,
                "formed_on": "2026-09-28",
                "published_on": "2026-10-30",
                "channels": "政府网站;两微一端",
                "url": GOV,
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "audit", str(log), "--today", "2026-11-23")
    assert code == 0, out


def test_zfgk_audit_is_the_package() -> None:
    # Issue 24: the function zfgk.audit hid the package, so zfgk.audit.LogAudit (which
    # docs/audit.md names) was an AttributeError, whatever was imported first.
    import subprocess
    import sys
    import types

    assert isinstance(zfgk.audit, types.ModuleType)
    assert zfgk.audit is sys.modules["zfgk.audit"]
    assert zfgk.audit.LogAudit is LogAudit
    assert zfgk.audit.audit_publication is zfgk.audit_publication is audit_publication
    for first in ("zfgk", "zfgk.audit", "zfgk.cli"):
        code = (
            f"import {first}, zfgk, types; "
            "assert isinstance(zfgk.audit, types.ModuleType), zfgk.audit; "
            "assert zfgk.audit.LogAudit.__name__ == 'LogAudit'"
        )
        subprocess.run([sys.executable, "-c", code], check=True)


def test_calling_zfgk_audit_still_works_with_a_warning() -> None:
    pub = Publication(ITEM19, date(2026, 9, 28), date(2026, 11, 3), channels={"政府网站"})
    with pytest.warns(DeprecationWarning, match=r"zfgk\.audit_publication") as caught:
        report = zfgk.audit(pub, today=date(2026, 11, 23))  # type: ignore[operator]
    assert caught[0].filename == __file__  # the warning points at the caller
    assert report == audit_publication(pub, today=date(2026, 11, 23))
    assert codes(report) == ["late", "missing-channel"]
    from zfgk import audit as old_name  # the package, callable as the function was

    with pytest.warns(DeprecationWarning, match=r"calling zfgk\.audit\(publication, \.\.\.\)"):
        again = old_name(pub, today=date(2026, 11, 23))  # type: ignore[operator]
    assert again.problems == report.problems
    with pytest.warns(DeprecationWarning, match=r"zfgk\.audit\.audit is deprecated"):
        from zfgk.audit import audit as older
    assert older is audit_publication


def test_removed_log_date_is_gone() -> None:
    # deprecated at 0.2 (zfgk.parse_date replaced it), removed at 0.3
    with pytest.raises(AttributeError, match="log_date"):
        zfgk.audit.log_date  # noqa: B018


def test_publication_options_are_keywords() -> None:
    by_keyword = Publication(ITEM19, date(2026, 9, 28), None, channels=BOTH, url=GOV)
    with pytest.warns(DeprecationWarning, match="passing channels, url to Publication"):
        by_position = Publication(ITEM19, date(2026, 9, 28), None, BOTH, GOV)  # type: ignore[call-arg]
    assert by_position == by_keyword
    with pytest.raises(TypeError, match="by position and by keyword"):
        Publication(ITEM19, date(2026, 9, 28), None, BOTH, channels=BOTH)  # type: ignore[misc]
    with pytest.raises(TypeError, match="takes 3 positional arguments but 7 were given"):
        Publication(ITEM19, date(2026, 9, 28), None, BOTH, GOV, (), 1)  # type: ignore[call-arg]


def test_audit_row_options_are_keywords() -> None:
    from zfgk.audit import audit_row

    row = {"item": "19", "formed_on": "2026-09-28", "published_on": "2026-11-03"}
    cat = zfgk.load("chongqing")
    new = audit_row(cat, row, columns={}, today=date(2026, 11, 23))
    with pytest.warns(DeprecationWarning, match="passing columns, today to audit_row"):
        old = audit_row(cat, row, {}, date(2026, 11, 23))  # type: ignore[call-arg]
    assert old == new
    assert [p.code.value for p in new[1]] == ["late", "missing-channel", "missing-channel"]


# ------------------------------------------- dates that contradict, or cannot be read

PUBLISHED = zfgk.default_calendar().through(2026)  # as it stood before 2027's notice


def test_published_before_formed_is_its_own_problem() -> None:
    pub = Publication(ITEM19, date(2026, 9, 28), date(2026, 9, 25), channels=BOTH, url=GOV)
    report = audit_publication(pub, today=date(2026, 11, 23))
    assert codes(report) == ["published-before-formed"]
    assert not report.ok
    assert "发布日期 2026-09-25 早于信息形成日期 2026-09-28" in report.problems[0].localized("zh")
    # the same day is not before
    assert (
        codes(
            audit_publication(
                Publication(ITEM19, date(2026, 9, 28), date(2026, 9, 28), channels=BOTH)
            )
        )
        == []
    )


def test_provisional_audit_marks_the_deadline() -> None:
    # formed 2026-12-04: the 20th working day is 2027-01-04 with 2027-01-01 assumed off
    late = Publication(ITEM19, date(2026, 12, 4), date(2027, 1, 5), channels=BOTH)
    assert codes(audit_publication(late, calendar=PUBLISHED)) == ["deadline-unknown"]
    assert "provisional=True" in audit_publication(late, calendar=PUBLISHED).problems[0].message
    report = audit_publication(late, calendar=PUBLISHED, provisional=True)
    assert codes(report) == ["deadline-provisional", "late"]
    mark = report.problems[0]
    assert mark.warning
    assert (mark.details["deadline"], mark.details["assumed_years"]) == ("2027-01-04", "2027")
    assert mark.message.startswith(
        "the deadline 2027-01-04 is provisional: the holiday schedule of 2027"
    )
    assert mark.localized("zh").startswith("期限 2027-01-04 为暂定：2027年的节假日安排尚未公布")
    on_time = Publication(ITEM19, date(2026, 12, 4), date(2027, 1, 4), channels=BOTH)
    report = audit_publication(on_time, calendar=PUBLISHED, provisional=True)
    assert (codes(report), report.ok) == (["deadline-provisional"], True)
    pending = Publication(ITEM19, date(2026, 12, 4), channels=BOTH)
    report = audit_publication(
        pending, calendar=PUBLISHED, provisional=True, today=date(2027, 1, 6)
    )
    assert codes(report) == ["deadline-provisional", "overdue"]
    assert report.problems[1].details["behind"] == 2  # 1-5 and 1-6
    # inside the known schedule nothing changes
    exact = Publication(ITEM19, date(2026, 9, 28), date(2026, 11, 3), channels=BOTH)
    assert codes(audit_publication(exact, provisional=True)) == ["late"]


LOG_HEAD = "事项,形成日期,发布日期,渠道\n"


def audited(tmp_path: Path, rows: str, **options: Any) -> LogAudit:
    log = tmp_path / "log.csv"
    log.write_text(LOG_HEAD + rows, encoding="utf-8")
    result = LogAudit(log, CQ, today=date(2026, 11, 23), **options)
    list(result)
    return result


def test_rows_whose_dates_cannot_be_read_are_counted_as_such(tmp_path: Path) -> None:
    result = audited(
        tmp_path,
        "19,2026-13-45,2026-10-03,政府网站;两微一端\n"  # formed_on unreadable
        "19,,2026-10-09,政府网站;两微一端\n"  # formed_on missing
        "19,2026-09-28,2026-10-45,政府网站;两微一端\n"  # published_on unreadable
        "19,2026-09-28,2026-09-20,政府网站;两微一端\n"  # published before formed
        "19,2026/9/28,2026年10月9日,政府网站;两微一端\n"  # on time, as officers write dates
        "19,20260928,,政府网站;两微一端\n",  # not published, deadline 10-30 passed: overdue
    )
    assert result.to_dict()["by_item"]["19"] == {
        "rows": 6,
        "unreadable": 3,
        "before formed": 1,
        "on time": 1,
        "overdue": 1,
    }
    assert result.rows_with_problems == 5


def test_an_unreadable_publication_date_is_not_judged_late_or_overdue(tmp_path: Path) -> None:
    log = tmp_path / "log.csv"
    log.write_text(LOG_HEAD + "19,2026-09-28,2026-10-45,政府网站\n", encoding="utf-8")
    [entry] = list(LogAudit(log, CQ, today=date(2026, 11, 23)))
    assert [(p.code.value, p.field) for p in entry.problems] == [
        ("invalid", "published_on"),
        ("missing-channel", "两微一端"),
    ]
    assert "'2026-10-45'" in entry.problems[0].message


def test_a_workbook_with_date_cells(tmp_path: Path) -> None:
    from datetime import datetime

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["事项", "形成日期", "发布日期", "渠道"])
    sheet.append([19, datetime(2026, 9, 28), datetime(2026, 10, 30), "政府网站;两微一端"])
    sheet.append([19, date(2026, 9, 28), datetime(2026, 11, 3, 9, 30), "政府网站;两微一端"])
    path = tmp_path / "log.xlsx"
    book.save(path)
    result = LogAudit(path, CQ, today=date(2026, 11, 23))
    entries = list(result)
    assert [[p.code.value for p in e.problems] for e in entries] == [[], ["late"]]
    assert result.to_dict()["by_item"]["19"] == {"rows": 2, "on time": 1, "late": 1}


def test_provisional_log_counts_the_rows(tmp_path: Path) -> None:
    result = audited(
        tmp_path,
        "19,2026-12-04,2027-01-04,政府网站;两微一端\n19,2026-09-28,2026-10-30,政府网站;两微一端\n",
        calendar=PUBLISHED,
        provisional=True,
    )
    summary = result.to_dict()
    assert summary["by_item"]["19"] == {"rows": 2, "on time": 2, "provisional": 1}
    assert (summary["provisional"], summary["ok"]) == (True, True)
    plain = audited(tmp_path, "19,2026-12-04,2027-01-04,政府网站;两微一端\n", calendar=PUBLISHED)
    assert plain.to_dict()["by_item"]["19"] == {"rows": 1, "deadline unknown": 1}
    assert "provisional" not in plain.to_dict()


def test_cli_audit_provisional(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    last = zfgk.WorkdayCalendar.from_chinese_calendar().last_year
    log = tmp_path / "log.csv"
    log.write_text(LOG_HEAD + f"19,{last}/12/15,,政府网站;两微一端\n", encoding="utf-8")
    today = f"{last}/12/16"
    code, out, _ = run(capsys, "audit", str(log), "--today", today, "--json")
    assert json.loads(out.splitlines()[0])["problems"][0]["code"] == "deadline-unknown"
    code, out, _ = run(capsys, "audit", str(log), "--today", today, "--json", "--provisional")
    lines = [json.loads(line) for line in out.splitlines()]
    assert [p["code"] for p in lines[0]["problems"]] == ["deadline-provisional"]
    assert lines[-1]["summary"]["by_item"]["19"] == {"rows": 1, "pending": 1, "provisional": 1}
    assert code == 0
    code, out, _ = run(capsys, "audit", str(log), "--today", today, "--provisional", "--lang", "zh")
    assert "暂定" in out
    assert "期限标明为暂定" in out


def test_cli_audit_advice_past_the_schedule_speaks_in_commands(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    last = zfgk.WorkdayCalendar.from_chinese_calendar().last_year
    log = tmp_path / "公开 记录.csv"
    log.write_text(
        LOG_HEAD + f"19,{last}/12/15,,政府网站;两微一端\n" + f"19,{last}/12/16,,政府网站\n",
        encoding="utf-8",
    )
    today = f"{last}-12-16"
    code, out, _ = run(capsys, "audit", str(log), "--today", today, "--lang", "en")
    assert code == 1
    with_file = f'zfgk audit "{log}" --today {today} --holidays {last + 1}.json'
    provisional = f'zfgk audit "{log}" --today {today} --provisional'
    rows = [line for line in out.splitlines() if "deadline-unknown" in line]
    assert len(rows) == 2
    for row in rows:  # each row says what is wrong; what to run is said once, below
        assert row.endswith(
            f"the count reaches {last + 1}, whose holiday schedule is not known here (known: 2004–{last})"
        )
    advice = [line for line in out.splitlines() if with_file in line]
    assert len(advice) == 1
    assert provisional in advice[0]
    for python in ("provisional=True", "calendar=", "ZFGK_HOLIDAYS"):
        assert python not in out
    code, out, _ = run(capsys, "audit", str(log), "--today", today, "--json", "--lang", "zh")
    message = json.loads(out.splitlines()[0])["problems"][0]["message"]
    assert with_file in message
    assert provisional in message
    assert "provisional=True" not in message


# ------------------------------------------------- logs kept as officers keep them

TITLED_LOG = (
    "2026年保障性住房信息公开记录,,,\n"
    "事项,形成日期,发布日期,渠道\n"
    "19,2026-09-28,2026-10-30,政府网站;两微一端\n"
    "19,2026-09-28,2026-11-03,政府网站;两微一端\n"
    "制表人：王**,审核人：李**,日期：2026-11-23,\n"
)


def test_cli_audit_notes_the_title_and_the_footer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "log.csv"
    log.write_text(TITLED_LOG, encoding="utf-8")
    code, out, _ = run(capsys, "audit", str(log), "--today", "2026-11-23")
    assert code == 1  # row 4 is late
    lines = out.splitlines()
    assert lines[1:3] == [
        "  note: row 1: title 2026年保障性住房信息公开记录, not a record",
        "  note: row 5: footer (制表人, 审核人, 日期), not a record",
    ]
    assert "王" not in out  # a footer's names are never shown
    assert "李" not in out
    code, out, _ = run(capsys, "audit", str(log), "--today", "2026-11-23", "--json")
    summary = json.loads(out.splitlines()[-1])["summary"]
    assert summary["rows"] == 2
    assert summary["notes"] == [
        {
            "kind": "title",
            "first_row": 1,
            "last_row": 1,
            "text": "2026年保障性住房信息公开记录",
            "message": "row 1: title 2026年保障性住房信息公开记录, not a record",
        },
        {
            "kind": "footer",
            "first_row": 5,
            "last_row": 5,
            "text": "制表人, 审核人, 日期",
            "message": "row 5: footer (制表人, 审核人, 日期), not a record",
        },
    ]
    code, out, _ = run(capsys, "--lang", "zh", "audit", str(log), "--today", "2026-11-23")
    assert "  提示：第 1 行：标题“2026年保障性住房信息公开记录”，不是记录" in out.splitlines()


def test_a_log_without_its_columns_is_told_the_header_row_under_the_title(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    log = tmp_path / "log.csv"
    log.write_text("2026年公开记录,\n发布日期,渠道\n2026-10-30,政府网站\n", encoding="utf-8")
    code, _, err = run(capsys, "audit", str(log))
    assert code == 2
    assert f"{log}: row 2: the log needs the columns item and formed_on" in err


def test_import_zfgk_leaves_the_calendar_and_the_logs_for_later() -> None:
    # ``import zfgk`` imports zfgk.audit (for Publication and audit_publication); the
    # calendar and the log reader come on first use, and are still reachable by their names.
    import subprocess
    import sys

    code = (
        "import sys, zfgk; zfgk.load('chongqing').item(19); "
        "assert not [m for m in sys.modules if m.startswith('zfgk.workdays')], 'workdays'; "
        "assert 'zfgk.audit._log' not in sys.modules; "
        "from zfgk.audit import LogAudit; "
        "assert LogAudit.__module__ == 'zfgk.audit._log'; "
        "from datetime import date; "
        "assert zfgk.load('chongqing').item(19).deadline(date(2026, 9, 28)) == date(2026, 10, 30)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
