"""Messages in the officer's language: every message has both languages, placeholders agree.

English is each template itself; Chinese is zfgk.po. Codes and JSON keys
are the interface and never change with the language.
"""

from __future__ import annotations

import gettext
import importlib.util
import json
import re
import string
from pathlib import Path

import pytest

import zfgk
from zfgk import i18n
from zfgk._po import read_po
from zfgk.cli import main

PRINTF = re.compile(r"%(?:\([a-z_]+\))?[srd]")
_spec = importlib.util.spec_from_file_location(
    "update_po", Path(__file__).resolve().parent.parent / "tools" / "update_po.py"
)
assert _spec is not None
assert _spec.loader is not None
update_po = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_po)
CATALOGUE, PACKAGE, messages = update_po.CATALOGUE, update_po.PACKAGE, update_po.messages


def fields(template: str) -> list[tuple[str, str]]:
    """(name, conversion) of each placeholder, sorted: ``{name!r}`` differs from ``{name}``."""
    return sorted(
        (name, conversion or "")
        for _, name, _, conversion in string.Formatter().parse(template)
        if name is not None
    )


@pytest.fixture(scope="module")
def chinese() -> dict[str, str]:
    return read_po(CATALOGUE)


@pytest.fixture(scope="module")
def marked() -> dict[str, list[str]]:
    """The messages the package marks, found once (reading every module's syntax tree)."""
    found: dict[str, list[str]] = messages()
    return found


def test_every_message_has_chinese(chinese: dict[str, str], marked: dict[str, list[str]]) -> None:
    assert len(marked) > 250
    missing = {t: where for t, where in marked.items() if not chinese.get(t)}
    assert missing == {}, f"untranslated: {missing}"


def test_placeholders_agree(chinese: dict[str, str], marked: dict[str, list[str]]) -> None:
    for template in marked:
        assert fields(chinese[template]) == fields(template), template
        values = {name: "x" for name, _ in fields(template)}
        template.format(**values)  # both fill from the same values
        chinese[template].format(**values)


def test_no_stale_translations(chinese: dict[str, str], marked: dict[str, list[str]]) -> None:
    stale = [t for t in chinese if t not in marked and not update_po.is_argparse(t)]
    assert stale == [], "translations of messages the package no longer has"


def test_the_catalogue_is_as_the_tool_writes_it(
    chinese: dict[str, str], marked: dict[str, list[str]]
) -> None:
    expected = update_po.render(marked, chinese)
    assert CATALOGUE.read_text(encoding="utf-8") == expected, "run python tools/update_po.py"


def test_argparse_messages_keep_their_placeholders(chinese: dict[str, str]) -> None:
    printf = {t: s for t, s in chinese.items() if PRINTF.search(t)}
    assert "the following arguments are required: %s" in printf
    for template, translation in printf.items():
        assert sorted(PRINTF.findall(template)) == sorted(PRINTF.findall(translation)), template


def test_the_installed_package_has_the_compiled_catalogue(chinese: dict[str, str]) -> None:
    compiled = i18n.LOCALE_DIR / "zh" / "LC_MESSAGES" / "zfgk.mo"
    if PACKAGE in Path(i18n.__file__).resolve().parents:
        pytest.skip("a source checkout: zfgk reads the .po where it is newer than any .mo")
    with compiled.open("rb") as f:
        translations = gettext.GNUTranslations(f)
    for template, translation in chinese.items():
        assert translations.gettext(template) == translation


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.UTF-8"}, "zh"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LANGUAGE": "en", "LC_ALL": "zh_CN.UTF-8"}, "en"),
    ],
)
def test_language_from_the_environment(
    environment: dict[str, str], language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(i18n, "_windows_ui_language", lambda: None)  # an English system
    assert i18n.language_from_environment(environment) == language


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_locale_and_lang_choose(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        "FAILED"
        in run(capsys, "check", "examples/item19-allocation-mistakes.csv", "--item", "19")[1]
    )
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert (
        "未通过"
        in run(capsys, "check", "examples/item19-allocation-mistakes.csv", "--item", "19")[1]
    )
    assert (
        "FAILED"
        in run(
            capsys,
            "check",
            "examples/item19-allocation-mistakes.csv",
            "--item",
            "19",
            "--lang",
            "en",
        )[1]
    )
    assert (
        "FAILED"
        in run(
            capsys, "--lang=en", "check", "examples/item19-allocation-mistakes.csv", "--item", "19"
        )[1]
    )
    code, _, err = run(capsys, "items", "--lang", "fr")
    assert code == 2
    assert "--lang takes zh or en" in err


ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){3,}\b")


def assert_chinese(text: str) -> None:
    """No English sentence (four English words in a row) is left in ``text``.

    The build tool's notes that ``zfgk show`` ends with are said in Chinese too.
    """
    for line in text.splitlines():
        assert not ENGLISH.search(line), line


def test_every_command_speaks_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    leaky = tmp_path / "公示.txt"
    leaky.write_text("11010519491231002X\n", encoding="utf-8")
    sheet = tmp_path / "名单.csv"
    sheet.write_text("姓名,身份证号\n张三,11010519491231002X\n李四,不详\n", encoding="utf-8")
    runs = [
        ["check", "examples/item19-allocation-mistakes.csv", "--item", "19"],
        ["audit", "examples/publication-log.csv", "--today", "2026-10-20", "--within", "15"],
        ["mask", str(sheet), "-o", str(tmp_path / "out.csv")],
        ["mask", "examples/item19-allocation.csv", "-o", str(tmp_path / "ok.csv")],
        ["scan", str(leaky)],
        ["due", "2026-09-28", "--request", "--extended"],
        ["due", "2026-12-15"],
        ["calendar", "2026-10"],
        ["show", "41", "-c", "shanyin"],
        ["schema", "--all", "-c", "shanyin", "-o", str(tmp_path / "schemas")],
        ["export", "shanyin", "-o", str(tmp_path / "shanyin.csv")],
        ["diff", "shanyin", "chongqing"],
        ["show", "99"],
        ["show", "自愿退出"],
        ["check", str(tmp_path / "none.csv"), "--item", "19"],
        ["check"],
        ["check", "--help"],
        ["audit", "examples/publication-log.csv", "--within", "-1"],
        ["load", "x"],
    ]
    for argv in runs:
        try:
            _, out, err = run(capsys, *argv, "--lang", "zh")
        except SystemExit:
            out, err = capsys.readouterr()
        assert_chinese(out)
        assert_chinese(err)


def test_codes_and_keys_stay(capsys: pytest.CaptureFixture[str]) -> None:
    outputs = {}
    for lang in ("en", "zh"):
        _, out, _ = run(
            capsys,
            "check",
            "examples/item19-allocation-mistakes.csv",
            "--item",
            "19",
            "--json",
            "--lang",
            lang,
        )
        outputs[lang] = [json.loads(line) for line in out.splitlines()]

    def skeleton(value: object) -> object:
        if isinstance(value, dict):
            return {k: (None if k == "message" else skeleton(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [skeleton(v) for v in value]
        return value

    assert len(outputs["zh"]) == 5  # four rows with problems, then the summary
    assert skeleton(outputs["en"]) == skeleton(outputs["zh"])
    messages_zh = [p["message"] for line in outputs["zh"][:-1] for p in line["problems"]]
    assert all(re.search("[\u4e00-\u9fff]", m) for m in messages_zh)
    assert outputs["zh"][0]["problems"][0]["code"] == "unmasked"


def test_the_api_stays_english_and_localizes_on_request() -> None:
    with pytest.raises(zfgk.UnknownItemError) as info:
        zfgk.load("chongqing").item(99)
    assert str(info.value) == "no item 99 in the chongqing catalogue: it has items 1–43"
    assert info.value.localized("zh") == "chongqing 中没有第 99 项：它有第 1–43 项"
    report = zfgk.validate(zfgk.load("chongqing").item(19), {"房号": ""})
    assert report.problems[0].message.endswith("requires a value")
    assert report.to_dict("zh")["problems"][0]["message"] == "房号为空；第 19 项要求填写"
