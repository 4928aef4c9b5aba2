"""Blank is blank, whatever produced it; and one meaning of "masked" for mask, validate, check, scan."""

from __future__ import annotations

import csv
import decimal
from pathlib import Path
from typing import Any

import pytest

import zfgk
from zfgk.cli import main
from zfgk.patterns import MASK_CHARACTERS

ROOT = Path(__file__).resolve().parent.parent
MISTAKES = ROOT / "examples/item19-allocation-mistakes.csv"
ITEM19 = zfgk.load("chongqing").item(19)
GOOD19 = {
    "保障对象姓名": "张*",
    "保障性住房类型": "公租房",
    "房号": "1-1-101",
    "面积": "45.6",
    "套型": "一室一厅",
    "所在建设项目名称": "民心佳园",
}
FULL_ID = "11010519491231002X"


def codes(report: zfgk.Report) -> list[tuple[str, str]]:
    return [(p.code.value, p.field) for p in report.problems]


class Unequal:
    """A scalar unequal to itself, as NaN is: blank."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__

    def __repr__(self) -> str:  # the same test id in every process (pytest-xdist)
        return "Unequal()"


BLANKS: list[Any] = [
    None,
    float("nan"),
    decimal.Decimal("NaN"),
    Unequal(),
    "",
    "   ",
    "\u3000",
    "\u200b",
    "\ufeff",
    " \u2060\u00a0",
    "\U000e0020",  # a tag character: Cf outside the BMP
    [],
    {},
    (),
    set(),
]


@pytest.mark.parametrize("blank", BLANKS, ids=repr)
def test_blanks_are_empty(blank: object) -> None:
    assert codes(zfgk.validate(ITEM19, {**GOOD19, "保障性住房类型": blank})) == [
        ("empty", "保障性住房类型")
    ]


@pytest.mark.parametrize("value", [["公租房"], {"类型": "公租房"}, ("a",), {"公租房"}], ids=repr)
def test_other_containers_are_invalid(value: object) -> None:
    report = zfgk.validate(ITEM19, {**GOOD19, "保障性住房类型": value})
    assert codes(report) == [("invalid", "保障性住房类型")]
    assert "公租房" not in str(report)


@pytest.mark.parametrize("value", [0, 0.0, False, 56.8, decimal.Decimal("1.5"), "0", "无"])
def test_values_that_look_empty_are_not(value: object) -> None:
    assert zfgk.validate(ITEM19, {**GOOD19, "面积": value}).ok


def test_numpy_and_pandas_blanks() -> None:
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    for blank in (np.nan, np.float32("nan"), pd.NA, pd.NaT, np.array([])):
        report = zfgk.validate(ITEM19, {**GOOD19, "保障性住房类型": blank})
        assert codes(report) == [("empty", "保障性住房类型")], repr(blank)
    report = zfgk.validate(ITEM19, {**GOOD19, "保障性住房类型": np.array(["公租房"])})
    assert codes(report) == [("invalid", "保障性住房类型")]
    for value in (np.int64(0), np.float64(45.6), pd.Timestamp("2026-09-28")):
        assert zfgk.validate(ITEM19, {**GOOD19, "面积": value}).ok, repr(value)


def test_blank_cells_of_a_file_read_by_pandas_at_its_defaults() -> None:
    """pd.read_csv at its defaults: NaN for blanks, numbers as numbers; the same problems."""
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(MISTAKES)
    assert frame["保障性住房类型"].isna().sum() == 1  # pandas did read a blank there
    theirs = [codes(r) for r in zfgk.validate_many(ITEM19, frame.to_dict("records"))]
    with MISTAKES.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ours = [codes(r) for r in zfgk.validate_many(ITEM19, rows)]
    assert theirs == ours
    # and what they are, known from the file itself (item 19 has no ID field: the
    # 身份证号 column is only searched; 不详 there is no ID number, and no problem)
    unknown = [("unknown", "序号"), ("unknown", "身份证号")]
    tail = [("unknown", "备注"), ("missing", "所在建设项目名称")]
    assert ours == [
        [*unknown, *tail],
        [*unknown, ("unmasked", "身份证号"), *tail],
        [*unknown, ("empty", "保障性住房类型"), *tail],
        [*unknown, *tail[:1], ("unmasked", "备注"), *tail[1:]],
        [*unknown, ("empty", "房号"), ("empty", "面积"), ("empty", "套型"), *tail],
    ]


def test_the_command_line_reads_the_same_file_alike(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(MISTAKES), "--item", "19", "--json"]) == 1
    import json

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    by_row = {
        line["row"]: [(p["code"], p["field"]) for p in line["problems"]]
        for line in lines
        if "row" in line
    }
    assert by_row == {
        3: [("unmasked", "身份证号")],
        4: [("empty", "保障性住房类型")],
        5: [("unmasked", "备注")],
        6: [("empty", "房号"), ("empty", "面积"), ("empty", "套型")],
    }


def test_a_zero_width_space_cell_is_blank_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        "保障对象姓名,保障性住房类型,房号,面积,套型,所在建设项目名称\n"
        "张*,\u200b,1-1-101,45.6,一室一厅,民心佳园\n",
        encoding="utf-8",
    )
    assert main(["check", str(path), "--item", "19", "--json"]) == 1
    assert '"code": "empty", "field": "保障性住房类型"' in capsys.readouterr().out


# ------------------------------------------------------ one meaning of "masked"

#: Text in a field that publishes no phone, and whether it leaks a personal number.
TEXTS = [
    ("手机 13812345678", True),
    ("手机 +86 138 1234 5678", True),
    ("复核 11010519491231002X", True),
    ("复核 110105 19491231 002x", True),
    ("手机 138****5678", False),
    ("复核 110105********002X", False),
    ("电话 023-63861234", False),  # an office line is published
    ("金额 13812345678.00", False),
    ("房号 3-2-201，面积 89.5", False),
]


def test_validate_check_mask_and_scan_agree_on_free_text(tmp_path: Path) -> None:
    path = tmp_path / "records.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([*GOOD19, "备注"])
        for text, _ in TEXTS:
            writer.writerow([*GOOD19.values(), text])
    for text, leaks in TEXTS:
        for key in ("备注", "所在建设项目名称"):
            record = {**GOOD19, key: text}
            unmasked = [f for c, f in codes(zfgk.validate(ITEM19, record)) if c == "unmasked"]
            assert unmasked == ([key] if leaks else []), (text, key)
        masked = zfgk.mask_record(ITEM19, {**GOOD19, "备注": text})["备注"]
        assert (masked != text) == leaks, text
        assert zfgk.validate(ITEM19, {**GOOD19, "所在建设项目名称": masked}).ok, masked
        assert bool(zfgk.find_pii(text)) == leaks, text
    check = _cli_rows(["check", str(path), "--item", "19", "--json"])
    assert sorted(check) == [row for row, (_, leaks) in enumerate(TEXTS, start=2) if leaks]
    scan = _scan_lines(path)
    assert sorted(scan) == sorted(check)


def _cli_rows(argv: list[str]) -> list[int]:
    import contextlib
    import io
    import json

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(argv)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return [line["row"] for line in lines if "row" in line]


def _scan_lines(path: Path) -> list[int]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["scan", str(path)])
    # "file:row 4, column G: unmasked …": the row of each finding
    return [
        int(line.split(":")[1].split(",")[0].removeprefix("row "))
        for line in out.getvalue().splitlines()
    ]


ID_OPTIONS = [
    {},
    {"keep_start": 3},
    {"keep_start": 1, "keep_end": 1},
    {"keep_start": 0, "keep_end": 0},
]


@pytest.mark.parametrize("mask_char", sorted(MASK_CHARACTERS))
@pytest.mark.parametrize("options", ID_OPTIONS, ids=str)
@pytest.mark.parametrize("number", [FULL_ID, "110105194912310021", "110105491231002"])
def test_every_value_mask_id_returns_is_masked(
    number: str, options: dict[str, Any], mask_char: str
) -> None:
    masked = zfgk.mask_id(number, mask_char=mask_char, **options)
    item = zfgk.load("chongqing").item(22)
    record = {"原保障对象姓名": "张*", "身份证号": masked}
    assert [c for c, _ in codes(zfgk.validate(item, record)) if c != "missing"] == []
    assert not zfgk.find_pii(masked)
    assert zfgk.mask_id(masked) == masked


def test_masked_too_little_is_unmasked_everywhere() -> None:
    item = zfgk.load("chongqing").item(22)
    for value in ("1101051949****002X", "110105*9491231002X", "110105194912****2X"):
        record = {"原保障对象姓名": "张*", "身份证号": value}
        assert ("unmasked", "身份证号") in codes(zfgk.validate(item, record)), value
        assert zfgk.mask_id(value) == "110105********" + value[14:], value


def test_the_pandas_blanks_recipe_of_the_integration_page(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("pandas")
    import re

    page = (ROOT / "docs/integration.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- recipe: pandas-blanks -->\n```python\n(.*?)\n```", page, re.S)
    assert match is not None
    monkeypatch.chdir(ROOT)
    exec(compile(match.group(1), "integration.md:pandas-blanks", "exec"), {"__name__": "recipe"})
    printed = capsys.readouterr().out.splitlines()
    missing = "('missing', '所在建设项目名称')"
    assert printed == [
        f"2 [{missing}]",
        f"3 [('unmasked', '身份证号'), {missing}]",
        f"4 [('empty', '保障性住房类型'), {missing}]",
        f"5 [('unmasked', '备注'), {missing}]",
        f"6 [('empty', '房号'), ('empty', '面积'), ('empty', '套型'), {missing}]",
    ]


def test_a_mobile_number_where_the_item_publishes_a_phone() -> None:
    """Item 30 publishes 联系人及联系方式: a mobile there is published, elsewhere it leaks."""
    item = zfgk.load("chongqing").item(30)
    record = {"维修内容": "屋面防水", "维修标准": "按规范", "维修资金来源渠道": "专项资金"}
    record["维修单位名称"] = "某物业公司"
    assert zfgk.validate(item, {**record, "联系人": "张三", "联系方式": "13812345678"}).ok
    assert zfgk.validate(item, {**record, "联系人及联系方式": "张三 13812345678"}).ok
    leaked = {**record, "维修单位名称": "某物业公司 13812345678", "联系人及联系方式": "张三"}
    assert codes(zfgk.validate(item, leaked)) == [("unmasked", "维修单位名称")]
