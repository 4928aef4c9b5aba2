"""Comparing two catalogues: zfgk.diff and ``zfgk diff`` (issue 13, part 2).

The expected differences are read off the two sources by hand: the Shanyin
table gives items 3–21 and 41–43 only, marks optional entries ○, and its
item 14 lists 是否审核通过 and 审核未通过原因 as ○ where Chongqing's item 14
numbers 是否审核通过 as an entry of its own and has no 审核未通过原因.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import zfgk
from zfgk.cli import main

SHANYIN_LACKS = (1, 2, *range(22, 41))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_catalogue_equals_itself() -> None:
    for name in ("chongqing", "shanyin"):
        result = zfgk.diff(zfgk.load(name), zfgk.load(name))
        assert result.same
        assert result.only_in_a == result.only_in_b == ()
        assert result.changed == ()


def test_shanyin_and_chongqing() -> None:
    result = zfgk.diff(zfgk.load("shanyin"), zfgk.load("chongqing"))
    assert not result.same
    assert result.only_in_a == ()
    assert result.only_in_b == SHANYIN_LACKS
    assert [d.number for d in result.changed] == [*range(3, 22), 41, 42, 43]
    item14 = result.item(14)
    assert item14.name == "公租房承租资格审核"
    assert "elements" in item14.attributes
    elements = next(c for c in item14.changes if c.attribute == "elements")
    optional_a = [e["text"] for e in elements.a if not e["required"]]
    assert optional_a == ["是否审核通过", "审核未通过原因等"]
    assert all(e["required"] for e in elements.b)
    assert "是否审核通过" in [e["text"] for e in elements.b]
    time_limit = next(c for c in item14.changes if c.attribute == "time_limit")
    assert time_limit.label == "公开时限"
    assert (time_limit.a["text"], time_limit.b["text"]) == (
        "信息形成（变更）20个工作日内",
        "信息获取（形成变更）20个工作日内",
    )
    # Shanyin 41 gives no time limit: None against Chongqing's.
    assert next(c for c in result.item(41).changes if c.attribute == "time_limit").a is None


def test_the_direction_matters() -> None:
    result = zfgk.diff(zfgk.load("chongqing"), zfgk.load("shanyin"))
    assert result.only_in_a == SHANYIN_LACKS
    assert result.only_in_b == ()


def test_an_item_that_is_not_in_the_other_catalogue_has_no_diff() -> None:
    result = zfgk.diff(zfgk.load("shanyin"), zfgk.load("chongqing"))
    with pytest.raises(LookupError):
        result.item(1)


def test_the_command_speaks_chinese_and_shows_marks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "diff", "shanyin", "chongqing", "--lang", "zh")
    assert code == 1
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "shanyin（22 项）与 chongqing（43 项）的不同："
    assert "只在 chongqing 的事项：1–2, 22–40" in lines
    section = out[out.index("第 14 项 公租房承租资格审核") : out.index("第 15 项")]
    assert "    只在 shanyin：○ 是否审核通过" in section
    assert "    只在 shanyin：○ 审核未通过原因等" in section
    assert (
        "  公开时限：shanyin「信息形成（变更）20个工作日内」，chongqing「信息获取（形成变更）20个工作日内」"
        in section
    )
    assert lines[-1] == "共 22 项不同，0 项相同。"


def test_the_command_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", "shanyin", "chongqing", "--lang", "en")
    assert code == 1
    assert "items only chongqing has: 1–2, 22–40" in out
    assert "    only in shanyin: ○ 是否审核通过" in out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", "shanyin", "chongqing", "--json")
    assert code == 1
    data = json.loads(out)
    assert data["only_in_a"] == []
    assert data["only_in_b"] == list(SHANYIN_LACKS)
    by_number = {entry["number"]: entry for entry in data["changed"]}
    assert sorted(by_number) == [*range(3, 22), 41, 42, 43]
    assert by_number[14]["attributes"][0] == "elements"
    assert {"number", "attributes", "a", "b"} <= set(by_number[14])
    assert by_number[41]["a"]["time_limit"] is None


def test_same_catalogues_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", "chongqing", "chongqing", "--lang", "en")
    assert code == 0
    assert out.startswith("chongqing and chongqing are the same: 43 items")
    code, out, _ = run(capsys, "diff", "chongqing", "chongqing", "--json")
    assert code == 0
    assert json.loads(out)["changed"] == []


def test_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "diff", "chongqing", "atlantis", "--lang", "en")
    assert code == 2
    assert "no packaged catalogue named 'atlantis'" in err
    code, _, err = run(capsys, "diff", "chongqing", str(tmp_path / "none.xlsx"), "--lang", "en")
    assert code == 2
    assert "none.xlsx" in err


def test_a_county_copy_edited_in_a_spreadsheet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The officer's case: export the city's catalogue, adapt it, see what changed."""
    path = tmp_path / "县目录.csv"
    assert main(["export", "chongqing", "-o", str(path)]) == 0
    text = path.read_bytes()[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    subjects, levels = header.index("公开主体"), header.index("公开层级")
    for row in rows[1:]:
        row[subjects] = "某县住房和城乡建设局"
        if row[0] == "19":
            row[levels] = "县级、乡级"
    rows = [r for r in rows if r[0] not in ("1", "2")]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))

    result = zfgk.diff(zfgk.load("chongqing"), zfgk.load_file(path))
    assert result.only_in_a == (1, 2)
    assert result.only_in_b == ()
    assert len(result.changed) == 41
    assert {d.attributes for d in result.changed if d.number != 19} == {("subjects",)}
    assert result.item(19).attributes == ("subjects", "levels")
    capsys.readouterr()
    code, out, _ = run(capsys, "diff", "chongqing", str(path), "--lang", "zh")
    assert code == 1
    section = out[out.index("第 19 项") : out.index("第 20 项")]
    # The copy is called by the path given (it keeps the name it was exported under).
    assert f"    只在 {path}：乡级" in section
    assert "    只在 chongqing：市级" in section
    assert f"    只在 {path}：某县住房和城乡建设局" in section


def test_diff_takes_catalogues_only() -> None:
    with pytest.raises(TypeError, match="not a str"):
        zfgk.diff(zfgk.load("chongqing"), "shanyin")  # type: ignore[arg-type]
