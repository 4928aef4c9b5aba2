"""Issue 27, points 8 and 9: Chinese all through for a Chinese officer, and true words.

Codes are shown with Chinese labels in printed output (they stay codes in
JSON and the API), catalogues by their own titles, and the language comes
from the system's display language where LANG and LC_* are unset (a
Chinese Windows).  A mobile number stored as a number has lost nothing.
"""

from __future__ import annotations

import ctypes
import json
import re
import sys
from pathlib import Path

import pytest

import zfgk
from zfgk import i18n
from zfgk.cli import main
from zfgk.problems import ProblemCode, code_label, stored_as_number

ROOT = Path(__file__).resolve().parent.parent
MISTAKES = str(ROOT / "examples" / "item19-allocation-mistakes.csv")
LATIN = re.compile(r"[A-Za-z]")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def _english_afterwards(capsys: pytest.CaptureFixture[str]) -> object:
    yield
    main(["--lang", "en", "items", "分配结果"])  # the command's language back for other tests
    capsys.readouterr()


# ------------------------------------------------------------ code labels


def test_every_code_has_a_chinese_label_and_keeps_its_code_in_english() -> None:
    chinese = {code: code_label(code, "zh") for code in ProblemCode}
    for code, label in chinese.items():
        assert label, code
        assert not LATIN.search(label), (code, label)
        assert code_label(code, "en") == code.value
        assert code_label(code.value, "zh") == label
    assert len(set(chinese.values())) == len(chinese)  # no two codes read the same
    assert code_label("no-such-code", "zh") == "no-such-code"


def test_check_prints_labels_and_json_keeps_codes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", MISTAKES, "--item", "19", "--lang", "zh")
    assert code == 1
    rows = [line.strip() for line in out.splitlines() if line.strip().startswith("第 ")]
    assert rows
    assert any(line.startswith("第 4 行：为空 保障性住房类型：") for line in rows)
    for line in rows:
        assert not re.search(r"\b(missing|empty|unmasked|invalid|unknown)\b", line), line
    code, out, _ = run(capsys, "check", MISTAKES, "--item", "19", "--json", "--lang", "zh")
    codes = {p["code"] for line in out.splitlines() for p in json.loads(line).get("problems", [])}
    assert "empty" in codes  # the interface stays the code


# ------------------------------------------------------- catalogue names


def test_catalogues_by_their_chinese_titles(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "show", "19", "--lang", "zh")
    assert out.splitlines()[0] == "分配结果（《重庆市保障性住房领域政务公开标准目录》第 19 项）"
    assert "chongqing" not in out
    code, _, err = run(
        capsys, "export", "shanyin", "-o", str(tmp_path / "目录.csv"), "--lang", "zh"
    )
    assert code == 0
    assert "已把《山阴县住建局保障性住房领域基层政务公开标准目录》的 22 个事项写到" in err
    code, _, err = run(capsys, "show", "99", "--lang", "zh")
    assert err.startswith("zfgk：错误：《重庆市保障性住房领域政务公开标准目录》 中没有第 99 项")
    code, out, _ = run(capsys, "show", "19", "--lang", "en")
    assert out.splitlines()[0] == "分配结果 (chongqing, item 19)"


# ------------------------------------------- the system's display language


@pytest.mark.parametrize(
    ("langid", "language"),
    [(0x0804, "zh"), (0x0404, "zh"), (0x0C04, "zh"), (0x0409, "en"), (0x0411, "en"), (None, "en")],
)
def test_unset_locale_follows_the_display_language(
    monkeypatch: pytest.MonkeyPatch, langid: int | None, language: str
) -> None:
    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: langid)
    assert i18n.language_from_environment({}) == language
    assert i18n.language_from_environment({"LANG": "en_US.UTF-8"}) == "en"  # LANG still decides


def test_windows_is_asked_through_ctypes(monkeypatch: pytest.MonkeyPatch) -> None:
    """GetUserDefaultUILanguage, as kernel32 answers on a Chinese (PRC) Windows."""
    calls = []

    class Kernel32:
        def GetUserDefaultUILanguage(self) -> int:
            calls.append(1)
            return 0x0804

    class WinDLL:
        kernel32 = Kernel32()

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", WinDLL(), raising=False)
    assert i18n.system_language() == "zh"
    assert calls == [1]


def test_a_chinese_windows_without_lang_speaks_chinese(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: 0x0804)
    code, out, _ = run(capsys, "check", MISTAKES, "--item", "19")
    assert code == 1
    assert "未通过" in out
    assert "FAILED" not in out
    with pytest.raises(SystemExit) as stopped:  # argparse's own error, in Chinese too
        main(["check"])
    assert stopped.value.code == 2
    assert "zfgk check：错误：缺少以下参数" in capsys.readouterr().err
    code, _, err = run(capsys, "show", "19", "--catalogue", "nowhere")
    assert err.startswith("zfgk：错误：")
    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: 0x0409)
    code, out, _ = run(capsys, "check", MISTAKES, "--item", "19")
    assert "FAILED" in out


# --------------------------------------------------- point 9: true words


def test_a_mobile_stored_as_a_number_has_lost_nothing() -> None:
    phone = stored_as_number("联系电话", kind=zfgk.PersonalKind.PHONE)
    assert "no digit is lost" in phone.message
    assert "ID number" not in phone.message
    assert "号码没有丢失" in phone.localized("zh")
    id_number = stored_as_number("身份证号", kind="id_number")
    assert "the last digits of an ID number are lost" in id_number.message
    unknown = stored_as_number("号码")
    assert "an 11-digit mobile number keeps them all" in unknown.message
    assert {p.code for p in (phone, id_number, unknown)} == {ProblemCode.STORED_AS_NUMBER}


def test_check_of_a_mobile_stored_as_a_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The issue's list: a 联系电话 column of number cells, in a workbook made with openpyxl."""
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["保障对象姓名", "保障性住房类型", "房号", "面积", "套型", "所在建设项目名称", "联系电话"]
    )
    sheet.append(["张*", "公共租赁住房", "1-2-301", "45.60", "一室一厅", "民心佳园", 13812345678])
    path = tmp_path / "名单.xlsx"
    workbook.save(path)
    code, out, _ = run(capsys, "check", str(path), "--item", "19", "--lang", "en")
    assert code == 1
    assert "stored-as-number 联系电话" in out
    assert "the last digits of an ID number are lost" not in out
