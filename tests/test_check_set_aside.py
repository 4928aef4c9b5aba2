"""zfgk check searches the rows it sets aside (titles, header, footers, totals): they are published too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zfgk.cli import main

HEADER = "序号,所在建设项目名称,保障性住房类型,房号,面积,套型,保障对象姓名\n"
RECORD = "1,A小区,公租房,1-1-101,50,一室,张*\n"


@pytest.mark.parametrize(
    ("text", "finding"),
    [
        (HEADER + RECORD + "合计,11010519491231002X,,,,,\n", (3, "B", "id_number")),
        (HEADER + RECORD + "联系人：王五,联系电话：13812345678,,,,,\n", (3, "B", "phone")),
        ("公示 11010519491231002X\n" + HEADER + RECORD, (1, "A", "id_number")),
    ],
)
def test_a_full_number_outside_the_records_fails_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, finding: tuple[int, str, str]
) -> None:
    """The finding belongs to its row and cell (a title, a footer), not to a field's column."""
    path = tmp_path / "名单.csv"
    path.write_text(text, encoding="utf-8")
    assert main(["check", str(path), "--item", "19", "--json"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line for line in lines if "row" in line] == []  # no record has a problem
    summary = lines[-1]["summary"]
    assert [(f["row"], f["column"], f["kind"]) for f in summary["findings"]] == [finding]
    assert summary["ok"] is False
    assert "11010519491231002X" not in json.dumps(lines, ensure_ascii=False)
    assert "13812345678" not in json.dumps(lines, ensure_ascii=False)


def test_a_clean_title_and_footer_pass(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text(
        "2026年分配结果公示\n" + HEADER + RECORD + "制表人：王五,审核人：李四\n", encoding="utf-8"
    )
    assert main(["check", str(path), "--item", "19"]) == 0
