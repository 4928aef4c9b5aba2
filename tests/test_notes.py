"""The judgements recorded in the data, said in the reader's language; the format's versions.

``tests/data/catalogue-v1/shanyin.json`` is the Shanyin catalogue as zfgk
0.x packaged it (format ``zfgk.catalogue/1``, every note an English
sentence): it is both a file of the previous version that must still load and
the independent record of what each judgement says in English.
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path
from typing import Any

import pytest

import zfgk
from zfgk import catalogues
from zfgk._po import read_po
from zfgk.cli import main
from zfgk.model import Note

ROOT = Path(__file__).resolve().parent.parent
V1 = ROOT / "tests" / "data" / "catalogue-v1" / "shanyin.json"
PO = ROOT / "src" / "zfgk" / "locale" / "zh" / "LC_MESSAGES" / "zfgk.po"
#: An English word: two or more Latin letters (codes such as `shanyin` are listed apart).
WORD = re.compile(r"[A-Za-z]{2,}")
ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){3,}\b")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def inferred_lines(out: str) -> list[str]:
    """The lines of ``zfgk show`` from the inference label to the end."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(("推断说明", "inferred")))
    return [line.strip() for line in lines[start:]]


def v1_data() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(V1.read_text(encoding="utf-8"))
    return data


def notes_of(catalogue: zfgk.Catalogue) -> list[Note]:
    notes = list(catalogue.notes)
    for item in catalogue:
        notes += [i.note for i in item.inferred]
        notes += [n for e in item.elements for n in e.notes]
    return notes


def templates(note: Note) -> list[str]:
    """The templates a note says, its nested notes' too."""
    found = [] if note.verbatim else [note.message]
    for _, value in note.params:
        if isinstance(value, Note):
            found += templates(value)
    return found


# ------------------------------------------------------------- zfgk show


def test_show_in_chinese_says_the_judgements_in_chinese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--lang", "zh", "show", "14", "--catalogue", "shanyin")
    assert (code, err) == (0, "")
    # The whole page, the catalogue named by its Chinese title: no Latin word.
    assert WORD.findall(out) == []
    notes = inferred_lines(out)
    assert notes[0].startswith("推断说明  公开依据：公开依据：第 13–16 项共用一个合并单元格")
    assert "公开时限：来源中公开时限为空；视为延续第 13 项的合并单元格" in notes
    assert "公开主体：来源中公开主体为空；视为延续第 13 项的合并单元格" in notes
    # The source's words travel unchanged inside the Chinese sentence.
    assert (
        "理由：第 13 行在一个标题中间断开（…政府信息公），由第 14 行补全（开的意见》）" in notes[0]
    )
    assert "《国务院办公厅关于推进公共资源配置领域政府信息公开的意见》" in notes[0]
    assert any("[0]√ [1]_ [2]√ [3]_ [4]_ [5]√ [6]_" in line for line in notes)


def test_show_in_english_says_the_same_judgements_as_zfgk_0x(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "--lang", "en", "show", "14", "--catalogue", "shanyin")
    assert code == 0
    (item,) = [i for i in v1_data()["items"] if i["number"] == 14]
    expected = [f"{i['attribute']}: {i['note']}" for i in item["inferred"]]
    lines = inferred_lines(out)
    assert [lines[0].removeprefix("inferred").strip(), *lines[1:]] == expected


def test_every_packaged_note_reads_as_zfgk_0x_wrote_it_in_english() -> None:
    old = v1_data()
    new = zfgk.load("shanyin")
    assert [n.text for n in new.notes] == old["notes"]
    for before, item in zip(old["items"], new, strict=True):
        assert [(i["attribute"], i["note"], i.get("from_item")) for i in before["inferred"]] == [
            (i.attribute, i.note.text, i.from_item) for i in item.inferred
        ]
        assert [e.get("note") for e in before["elements"]] == [e.note for e in item.elements]


@pytest.mark.parametrize("name", ["chongqing", "shanyin"])
def test_every_packaged_note_is_a_translated_template(name: str) -> None:
    chinese = read_po(PO)
    notes = notes_of(zfgk.load(name))
    assert notes
    for note in notes:
        assert not note.verbatim, note
        for template in templates(note):
            assert chinese.get(template), f"no Chinese for {template!r}"
            ours = sorted(f for _, f, _, _ in string.Formatter().parse(template) if f)
            theirs = sorted(f for _, f, _, _ in string.Formatter().parse(chinese[template]) if f)
            assert ours == theirs, template
        said = note.localized("zh")
        assert not ENGLISH_SENTENCE.search(said), said
        assert note.localized("en") == note.text == str(note)


def test_the_data_stores_templates_and_their_values() -> None:
    data = json.loads((ROOT / "src" / "zfgk" / "data" / "shanyin.json").read_text("utf-8"))
    assert data["format"] == "zfgk.catalogue/2"
    (item,) = [i for i in data["items"] if i["number"] == 15]
    time_limit = next(i for i in item["inferred"] if i["attribute"] == "time_limit")
    assert time_limit == {
        "attribute": "time_limit",
        "note": {
            "message": "{column} is blank in the source; read as continuing the merged cell "
            "of item {item}",
            "params": {"column": "公开时限", "item": 13},
        },
        "from_item": 13,
    }


# ------------------------------------------------------------ versions


def test_a_version_1_file_loads_with_its_notes_as_they_were() -> None:
    old = zfgk.load_file(V1)
    new = zfgk.load("shanyin")
    data = v1_data()
    assert data["format"] == "zfgk.catalogue/1"
    assert [n.text for n in old.notes] == data["notes"]
    assert all(n.verbatim and n.localized("zh") == n.text for n in notes_of(old))
    # Everything but the notes is what the current data holds.
    for before, after in zip(old, new, strict=True):
        assert before.number == after.number
        assert [(i.attribute, i.from_item) for i in before.inferred] == [
            (i.attribute, i.from_item) for i in after.inferred
        ]
        for e, f in zip(before.elements, after.elements, strict=True):
            assert (e.text, e.fields, e.required, e.marker, e.open, e.inherited_from) == (
                f.text,
                f.fields,
                f.required,
                f.marker,
                f.open,
                f.inherited_from,
            )
            assert e.note == f.note
        assert before.basis == after.basis
        assert before.channels == after.channels
        assert before.levels == after.levels
    # Written again, it is the current version.
    assert json.loads(catalogues.dumps(old))["format"] == "zfgk.catalogue/2"


def test_a_version_1_element_note_becomes_its_one_note(tmp_path: Path) -> None:
    data = v1_data()
    data["items"][0]["elements"][0]["note"] = "checked against the paper copy"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    element = zfgk.load_file(path).items[0].elements[0]
    assert element.notes == (Note.plain("checked against the paper copy"),)


def test_a_later_version_names_the_versions_zfgk_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = catalogues.to_dict(zfgk.load("shanyin"))
    data["format"] = "zfgk.catalogue/3"
    path = tmp_path / "新目录.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(zfgk.CatalogueError) as caught:
        zfgk.load_file(path)
    message = str(caught.value)
    assert "'zfgk.catalogue/3'" in message
    assert "newer zfgk" in message
    assert "reads zfgk.catalogue/2, zfgk.catalogue/1" in message
    code, out, err = run(capsys, "--lang", "zh", "show", "19", "--catalogue", str(path))
    assert (code, out) == (2, "")
    assert "该文件的格式为 'zfgk.catalogue/3'，由更新版本的 zfgk 写出" in err
    assert "zfgk.catalogue/2, zfgk.catalogue/1" in err


@pytest.mark.parametrize("fmt", ["zfgk.catalogue/0", "zfgk.catalogue/two", "other/2", 2])
def test_a_format_that_is_not_a_version_says_which_one_it_needs(fmt: object) -> None:
    with pytest.raises(zfgk.CatalogueError, match=r"expected 'zfgk\.catalogue/2'"):
        catalogues.from_dict({"format": fmt}, origin="mine.json")


# ---------------------------------------------- errors in the officer's language


def _error(mutate: Any) -> zfgk.CatalogueError:
    data = catalogues.to_dict(zfgk.load("shanyin"))
    mutate(data)
    with pytest.raises(zfgk.CatalogueError) as caught:
        catalogues.from_dict(data, origin="mine.json")
    return caught.value


@pytest.mark.parametrize(
    ("mutate", "english", "chinese"),
    [
        (
            lambda d: d["items"][2].update(number="三"),
            "mine.json: $.items[2].number: invalid value for type, expected int",
            "mine.json：$.items[2].number：值的类型无效，应为 int",
        ),
        (
            lambda d: d["items"][0]["inferred"][0].pop("attribute"),
            "mine.json: $.items[0].inferred[0].attribute: required field missing",
            "mine.json：$.items[0].inferred[0].attribute：缺少必需的字段",
        ),
        (
            lambda d: d["items"][1]["elements"][0].update(colour="red"),
            "mine.json: $.items[1].elements[0]: extra fields found (colour)",
            "mine.json：$.items[1].elements[0]：有多余的字段（colour）",
        ),
        (
            lambda d: d["items"][4].update(channels=["政府网站", "微博"]),
            "mine.json: $.items[4].channels[1]: unknown channel label '微博'",
            "mine.json：$.items[4].channels[1]：",
        ),
        (
            lambda d: d["items"][0]["inferred"][0].update(note={"text": "why"}),
            "mine.json: $.items[0].inferred[0].note: not a note: a note is a string, or an object",
            "mine.json：$.items[0].inferred[0].note：不是说明：说明应为字符串",
        ),
        (
            lambda d: d["items"][0]["inferred"][0].update(
                note={"message": "{column} is blank", "params": {"item": 3}}
            ),
            "mine.json: $.items[0].inferred[0].note: not a note: its params give no value for "
            "{column}",
            "mine.json：$.items[0].inferred[0].note：不是说明：其 params 中没有 {column} 的值",
        ),
    ],
)
def test_structure_errors_name_the_path_in_both_languages(
    mutate: Any, english: str, chinese: str
) -> None:
    error = _error(mutate)
    assert str(error).startswith(english)
    assert error.localized("zh").startswith(chinese)
    assert not ENGLISH_SENTENCE.search(error.localized("zh").replace("zfgk", ""))


def test_several_errors_are_joined_and_counted() -> None:
    def break_all(d: dict[str, Any]) -> None:
        for item in d["items"][:7]:
            item["number"] = "x"

    error = _error(break_all)
    assert str(error).count("invalid value for type, expected int") == 5
    assert str(error).endswith("(and 2 more)")
    assert error.localized("zh").endswith("（另有 2 处）")
    assert error.localized("zh").count("；$.items[") == 4


# ------------------------------------------------------------ the Note value


def test_a_note_round_trips_through_json() -> None:
    for note in notes_of(zfgk.load("shanyin")):
        assert Note.from_json(json.loads(json.dumps(note.to_json()))) == note


def test_a_template_zfgk_does_not_know_is_said_as_written() -> None:
    note = Note.from_json({"message": "checked by {who}", "params": {"who": "县住建局"}})
    assert note.localized("zh") == note.text == "checked by 县住建局"


def test_a_verbatim_note_keeps_its_braces() -> None:
    assert Note.from_json("a {literal} brace").localized("zh") == "a {literal} brace"


@pytest.mark.parametrize(
    ("text", "chinese"),
    [
        ("{not json", "不是有效的 JSON：此处应为用双引号括起的键名（第 1 行，第 2 列）"),
        (
            '{"format": "zfgk.catalogue/2"} []',
            "不是有效的 JSON：JSON 结束后还有多余的内容（第 1 行，第 32 列）",
        ),
        ('{"format": 2 "name": 1}', "不是有效的 JSON：此处应为逗号 ','（第 1 行，第 14 列）"),
    ],
)
def test_json_that_is_broken_is_said_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, chinese: str
) -> None:
    path = tmp_path / "mine.json"
    path.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "--lang", "zh", "show", "19", "--catalogue", str(path))
    assert code == 2
    assert err.strip() == f"zfgk：错误：{path}：{chinese}"


@pytest.mark.parametrize(
    "message", ["{0} is blank", "{column.upper} is blank", "{item[0]} is blank", "{column"]
)
def test_a_message_its_params_cannot_fill_is_not_a_note(message: str) -> None:
    with pytest.raises(TypeError, match="not a template its params can fill"):
        Note.from_json({"message": message, "params": {"column": "公开时限", "item": 3}})


def test_a_duplicate_number_is_said_in_chinese_with_its_path() -> None:
    error = _error(lambda d: d["items"][4].update(number=3))
    assert (
        str(error) == "mine.json: $.items[4].number: duplicate item number 3 (also at $.items[0])"
    )
    assert error.localized("zh").startswith("mine.json：$.items[4].number：")
    assert not ENGLISH_SENTENCE.search(error.localized("zh"))
