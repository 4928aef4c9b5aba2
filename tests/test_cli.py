"""The zfgk command: items and show."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import zfgk
from zfgk import catalogues
from zfgk.cli import display_width, main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_aligns_labels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "19", "--lang", "zh")
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "分配结果（《重庆市保障性住房领域政务公开标准目录》第 19 项）"
    assert "公开渠道  政府网站、两微一端" in lines
    assert "公开层级  市级、县级" in lines
    # every value column starts at the same display column
    for line in lines[1:]:
        assert display_width(line[:4]) == 8 or line.startswith(" " * 10)


def test_show_shanyin_marks_and_masking(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "14", "--catalogue", "shanyin", "--lang", "zh")
    assert code == 0
    assert "○ 是否审核通过" in out
    assert "身份证号［个人信息·身份证号，须隐藏部分号码］" in out
    assert "推断说明" in out


def test_show_unknowns_say_so(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "41", "-c", "shanyin", "--lang", "zh")
    assert "公开时限  （来源未给出）" in out
    _, out, _ = run(capsys, "show", "43", "--lang", "zh")
    assert "公开对象  （来源未给出）" in out


def test_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "分配结果", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["catalogue"] == "chongqing"
    assert data["number"] == 19
    assert data["channels"] == ["政府网站", "两微一端"]


def test_show_by_name_with_category(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "自愿退出", "--category", "办事指南", "--lang", "zh")
    assert code == 0
    assert out.startswith("自愿退出（《重庆市保障性住房领域政务公开标准目录》第 38 项）")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "自愿退出"], "names 2 items"),
        (["show", "99"], "no item 99"),
        (["show", "25", "-c", "shanyin"], "partial"),
        (["show", "1", "-c", "beijing"], "no packaged catalogue named 'beijing'"),
        (["items", "-c", "missing.json"], "missing.json: cannot read the file"),
    ],
)
def test_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("zfgk: error: ")
    assert message in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["show"])
    assert exc.value.code == 2


def test_items(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "items")
    assert code == 0
    assert len(out.splitlines()) == 43
    _, out, _ = run(capsys, "items", "-c", "shanyin")
    assert len(out.splitlines()) == 22
    _, out, _ = run(capsys, "items", "退出")
    assert out.splitlines() == [
        "22  配后管理  自愿退出",
        "23  配后管理  到期退出",
        "24  配后管理  不符合条件退出",
        "25  配后管理  违规处罚退出",
        "38  办事指南  自愿退出",
    ]
    code, out, _ = run(capsys, "items", "没有这种内容")
    assert (code, out) == (0, "")


def test_user_catalogue_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(catalogues.dumps(zfgk.load("shanyin")), encoding="utf-8")
    code, out, _ = run(capsys, "show", "19", "--catalogue", str(path), "--lang", "zh")
    assert code == 0
    assert "《山阴县住建局保障性住房领域基层政务公开标准目录》第 19 项" in out  # its own title


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zfgk", "show", "19"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("分配结果")


def test_display_width() -> None:
    assert display_width("分配结果") == 8
    assert display_width("ab") == 2
    assert display_width("ＡＢ") == 4


def test_import_reads_no_data() -> None:
    code = (
        "import sys, zfgk, zfgk.catalogues as c; "
        "assert not c._cache; assert 'cattrs' not in sys.modules; "
        "zfgk.load('chongqing'); assert 'chongqing' in c._cache"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_due(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "due", "2026-09-28", "--lang", "zh")
    assert code == 0
    assert out.splitlines()[0] == "2026-10-30（星期五）"
    code, out, _ = run(capsys, "due", "2026-09-28", "--days", "5", "--lang", "zh")
    assert out.startswith("2026-10-10（星期六）")
    code, out, _ = run(capsys, "due", "2026-09-28", "--item", "19", "--lang", "zh")
    assert out.splitlines()[0] == "第 19 项 分配结果：信息获取（形成变更）20个工作日内"
    code, out, _ = run(
        capsys,
        "due",
        "2026-09-28",
        "--request",
        "--extended",
        "--paused",
        "2026-10-12:2026-10-16",
        "--lang",
        "zh",
    )
    assert out.startswith("2026-12-04（星期五）")
    assert "第33条" in out


#: The last year the installed chinese-calendar knows: its data says, never this file.
LAST_YEAR = zfgk.WorkdayCalendar.from_chinese_calendar().last_year


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["due", f"{LAST_YEAR}-12-15"],
            f"the holiday schedule of {LAST_YEAR + 1} is not known here",
        ),
        (["due", "2026-09-28", "--item", "41", "-c", "shanyin"], "has no time limit"),
        (["due", "2026-09-28", "--extended"], "only with --request"),
        (["calendar", f"{LAST_YEAR + 1}-01"], str(LAST_YEAR + 1)),
    ],
)
def test_due_errors(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert message in err


def test_bad_dates_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["due", "2026-13-01"], ["calendar", "2026-13"], ["due", "x", "--request"]):
        with pytest.raises(SystemExit) as exc:
            main(argv)
        assert exc.value.code == 2


def test_calendar(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "calendar", "2026-02", "--lang", "zh")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "2026年2月"
    assert "14班" in lines[4]
    assert lines[5].startswith("16休")
    assert "28班" in lines[6]


@pytest.mark.parametrize(
    "written", ["2026/09/28", "2026/9/28", "2026.9.28", "2026年9月28日", "20260928"]
)
def test_due_reads_dates_as_officers_write_them(
    capsys: pytest.CaptureFixture[str], written: str
) -> None:
    code, out, _ = run(capsys, "due", written, "--lang", "zh")
    assert code == 0
    assert out.splitlines()[0] == "2026-10-30（星期五）"


def test_a_bad_date_argument_names_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["due", "2026-13-45"])
    assert exc.value.code == 2
    assert "not a date: '2026-13-45'" in capsys.readouterr().err


def test_due_provisional(capsys: pytest.CaptureFixture[str]) -> None:
    start = f"{LAST_YEAR}-12-15"
    code, _, err = run(capsys, "due", start, "--lang", "en")
    assert code == 2
    assert f"zfgk due {start} --provisional" in err
    code, out, _ = run(capsys, "due", start, "--provisional", "--lang", "zh")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"{LAST_YEAR + 1}-01-")
    assert lines[-1].startswith(f"暂定：{LAST_YEAR + 1}年的节假日安排尚未公布")
    code, out, _ = run(capsys, "due", start, "--item", "19", "--provisional", "--lang", "en")
    assert out.splitlines()[-1].startswith("provisional: the holiday schedule of")
    # inside the schedule, --provisional changes nothing
    code, out, _ = run(capsys, "due", "2026-09-28", "--provisional", "--lang", "zh")
    assert out.splitlines() == [
        "2026-10-30（星期五）",
        "起算日 2026-09-28（星期一）；当日不计，自次日起第 20 个工作日为最后一日。",
    ]
    code, out, _ = run(capsys, "due", "2026-09-28", "--request", "--provisional", "--lang", "en")
    assert (code, out.splitlines()[0]) == (0, "2026-10-30 (Friday)")
    assert "provisional" not in out


@pytest.fixture
def published_to_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    """The commands count on the schedule as it stood before 2027's notice (issue 27, point 2)."""
    monkeypatch.setattr(
        "zfgk.cli._common.default_calendar", lambda: zfgk.default_calendar().through(2026)
    )


@pytest.mark.usefixtures("published_to_2026")
def test_a_request_in_december_is_no_dead_end(capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 27, point 2: zfgk due 2026-12-25 --request failed, suggested --provisional, and
    # --request --provisional was refused.  Received Friday 2026-12-25: 12-28..31 are days
    # 1-4, 2027-01-01 元旦 assumed off, the weeks from 1-04, 1-11 and 1-18 days 5-19, and
    # Monday 1-25 day 20.
    code, out, err = run(capsys, "due", "2026-12-25", "--request", "--lang", "en")
    assert (code, out) == (2, "")
    assert "zfgk due 2026-12-25 --request --holidays 2027.json" in err
    assert "zfgk due 2026-12-25 --request --provisional" in err
    for python in ("default_calendar", "with_holidays(", "provisional_deadline(", "calendar="):
        assert python not in err
    code, out, err = run(capsys, "due", "2026-12-25", "--request", "--provisional", "--lang", "en")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "2027-01-25 (Monday)"
    assert lines[1].startswith("request received on 2026-12-25 (Friday)")
    assert lines[-1].startswith("provisional: the holiday schedule of 2027 has not been published")
    code, out, _ = run(capsys, "due", "2026-12-25", "--request", "--provisional", "--lang", "zh")
    assert out.splitlines()[0] == "2027-01-25（星期一）"
    assert out.splitlines()[-1].startswith("暂定：2027年的节假日安排尚未公布")


@pytest.mark.usefixtures("published_to_2026")
def test_advice_past_the_schedule_speaks_in_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "due", "2026-12-20", "--item", "19", "--lang", "zh")
    assert code == 2
    assert "zfgk due 2026-12-20 --item 19 --holidays 2027.json" in err
    assert "zfgk due 2026-12-20 --item 19 --provisional" in err
    assert "default_calendar" not in err
    code, _, err = run(capsys, "calendar", "2027年1月", "--lang", "en")
    assert code == 2
    assert "run: zfgk calendar 2027-01 --holidays 2027.json" in err
    assert "--provisional" not in err  # calendar has no such option
    assert "default_calendar" not in err


def test_due_request_amended(capsys: pytest.CaptureFixture[str]) -> None:
    # amended request received 2026-05-20: 20 working days from it, 6-17 (counted by hand
    # in tests/test_dates_requests.py)
    code, out, _ = run(
        capsys, "due", "2026-04-27", "--request", "--amended", "2026/5/20", "--lang", "zh"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "2026-06-17（星期三）"
    assert "第30条" in lines[1]
    code, _, err = run(capsys, "due", "2026-04-27", "--amended", "2026-05-20")
    assert code == 2
    assert "only with --request" in err


@pytest.mark.parametrize(
    "month", ["2026-02", "2026/2", "2026.02", "2026年2月", "202602", "2026/2/14"]
)
def test_calendar_reads_months_as_officers_write_them(
    capsys: pytest.CaptureFixture[str], month: str
) -> None:
    code, out, _ = run(capsys, "calendar", month, "--lang", "zh")
    assert (code, out.splitlines()[0]) == (0, "2026年2月")


def test_version_is_the_installed_distributions() -> None:
    """``zfgk --version`` says the version the installed wheel's metadata carries."""
    import importlib.metadata

    result = subprocess.run(
        [sys.executable, "-m", "zfgk", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout == f"zfgk {importlib.metadata.version('zfgk')}\n"
    assert zfgk.__version__ == importlib.metadata.version("zfgk")
