"""Logs as officers keep them: a 序号 column is the log's running number, not the item (issue 27, point 1).

The files in tests/data/audit-logs/ were saved by LibreOffice Calc
(tools/make_audit_logs.py): a title, then 序号, 事项, 形成日期, 发布日期, 渠道,
网址.  The answers are counted by hand on the 2026 schedule (see
docs/deadlines.md for the rule):

- row 3: item 19, formed Monday 2026-09-28, deadline 2026-10-30 (国庆 counted
  in docs/deadlines.md), published 10-30: on time, on both channels.
- row 4: item 19 by its name 分配结果, published Tuesday 11-03: 11-02 and
  11-03 are the 2 working days after the deadline: late.
- row 5: item 22 (■ 政府网站, ■ 两微一端), published by 10-20 on 政府网站 only:
  on time, and missing-channel 两微一端.
- row 6: item 13, formed Saturday 2026-10-10 (a make-up working day, not
  counted): day 1 is 10-12, day 20 Friday 11-06; not published by 11-23,
  11 working days later (11-09 … 11-23): overdue.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import zfgk
from zfgk.audit import LogAudit
from zfgk.cli import main

LOGS = Path(__file__).resolve().parent / "data" / "audit-logs"
TODAY = date(2026, 11, 23)
EXPECTED = {
    3: (19, []),
    4: (19, ["late"]),
    5: (22, ["missing-channel"]),
    6: (13, ["overdue"]),
}
BY_ITEM = {
    "13": {"rows": 1, "overdue": 1},
    "19": {"rows": 2, "on time": 1, "late": 1},
    "22": {"rows": 1, "on time": 1, "channel gaps": 1},
}


@pytest.mark.parametrize("name", ["log-numbered.csv", "log-numbered.xlsx"])
def test_the_item_is_read_from_the_item_column_not_the_running_number(name: str) -> None:
    log = LogAudit(LOGS / name, zfgk.load("chongqing"), today=TODAY)
    assert log.columns["item"] == "事项"
    entries = {e.row: (e.item, [p.code.value for p in e.problems]) for e in log}
    assert entries == EXPECTED
    summary = log.to_dict()
    assert summary["by_item"] == BY_ITEM
    assert [note["kind"] for note in summary["notes"]] == ["title"]
    late = next(e for e in LogAudit(LOGS / name, zfgk.load("chongqing"), today=TODAY) if e.row == 4)
    assert late.problems[0].message.startswith(
        "published on 2026-11-03, 2 working days after the deadline 2026-10-30"
    )


def test_the_command_judges_each_row_by_its_item(capsys: pytest.CaptureFixture[str]) -> None:
    log = str(LOGS / "log-numbered.xlsx")
    assert main(["audit", log, "--today", "2026-11-23", "--json", "--lang", "zh"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["row"], line["item"]) for line in lines[:-1]] == [(4, 19), (5, 22), (6, 13)]
    assert lines[-1]["summary"]["by_item"] == BY_ITEM
    assert main(["audit", log, "--today", "2026-11-23", "--lang", "zh"]) == 1
    out = capsys.readouterr().out
    assert "第 4 行（第 19 项）：late" in out
    assert "第 3 行（第 1 项）" not in out


def test_a_running_number_alone_is_not_an_item(tmp_path: Path) -> None:
    # 序号 alone names no item: the log must say which column is, not guess the running number
    log = tmp_path / "log.csv"
    log.write_text("序号,形成日期,发布日期\n1,2026-09-28,2026-10-30\n", encoding="utf-8")
    with pytest.raises(zfgk.ZfgkError, match="the log needs the columns item"):
        LogAudit(log, zfgk.load("chongqing"), today=TODAY)


@pytest.mark.parametrize("header", ["事项名称", "二级事项", "事项编号", "item"])
def test_other_names_of_the_item_column(tmp_path: Path, header: str) -> None:
    log = tmp_path / "log.csv"
    log.write_text(
        f"序号,{header},形成日期,发布日期,渠道\n1,19,2026-09-28,2026-11-03,政府网站;两微一端\n",
        encoding="utf-8",
    )
    audited = LogAudit(log, zfgk.load("chongqing"), today=TODAY)
    assert [(e.item, [p.code.value for p in e.problems]) for e in audited] == [(19, ["late"])]
