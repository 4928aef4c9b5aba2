"""zfgk check on CSV, JSON Lines and .xlsx files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from zfgk.cli import main

ROOT = Path(__file__).resolve().parent.parent
HEADER = "保障对象姓名,保障性住房类型,房号,面积,套型,所在建设项目名称\n"
GOOD = "张*,公共租赁住房,1-2-301,45.60,一室一厅,民心佳园\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_bundled_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "check", str(ROOT / "examples/item19-allocation.csv"), "--item", "19"
    )
    assert code == 0, out
    assert "rows read: 8; rows with problems: 0" in out
    code, out, _ = run(
        capsys, "check", str(ROOT / "examples/item19-allocation-mistakes.csv"), "--item", "19"
    )
    assert code == 1
    assert "header: missing 所在建设项目名称" in out
    assert "row 3: unmasked 身份证号" in out
    assert "11010519500101001X" not in out


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")]
)
def test_encodings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(bom + (HEADER + GOOD + GOOD.replace("民心佳园", "")).encode(encoding))
    code, out, _ = run(capsys, "check", str(path), "--item", "分配结果", "--json")
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert lines[0] == {
        "row": 3,
        "problems": [
            {
                "code": "empty",
                "field": "所在建设项目名称",
                "message": "所在建设项目名称 is blank; item 19 requires a value",
            }
        ],
    }
    summary = lines[-1]["summary"]
    assert (summary["rows"], summary["rows_with_problems"], summary["ok"]) == (2, 1, False)


def test_missing_column_reported_once(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    header = HEADER.replace(",套型", "")
    rows = "".join(GOOD.replace(",一室一厅", "") for _ in range(50))
    path.write_text(header + rows, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--item", "19", "--json")
    assert code == 1
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 1  # no row repeats the header's problem
    summary = lines[0]["summary"]
    assert summary["rows"] == 50
    assert [p["field"] for p in summary["header_problems"]] == ["套型"]


def test_alias_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(HEADER.replace("保障对象姓名", "承租人") + GOOD, encoding="utf-8")
    code, _, _ = run(capsys, "check", str(path), "--item", "19")
    assert code == 1
    code, out, _ = run(capsys, "check", str(path), "--item", "19", "--alias", "承租人=保障对象姓名")
    assert code == 0, out
    code, _, err = run(capsys, "check", str(path), "--item", "19", "--alias", "承租人")
    assert code == 2
    assert "COLUMN=FIELD" in err


def test_every_row_is_counted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    body = GOOD + "\n" + '"张*",公共租赁住房,"1-2-\n301",45.60,一室一厅,民心佳园\n' + GOOD
    path.write_text(HEADER + body, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--item", "19", "--json")
    summary = json.loads(out.splitlines()[-1])["summary"]
    assert (summary["rows"], summary["blank_rows"]) == (3, 1)
    assert code == 0


def test_short_and_long_rows(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(HEADER + "张*,公共租赁住房\n" + GOOD.strip() + ",多余\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--item", "19", "--json")
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert lines[0]["row"] == 2
    assert {p["code"] for p in lines[0]["problems"]} == {"empty"}
    assert lines[1] == {
        "row": 3,
        "problems": [
            {
                "code": "unknown",
                "field": "(column 7)",
                "message": "(column 7) is not a field of item 19 (分配结果); it is ignored (map it with an alias if it is one under another name)",
            }
        ],
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER.encode() + b'"\xe5\xbc\xa0*,a\n', "row 2: a quoted field is not closed"),
        (HEADER.encode() + GOOD.encode() + b"\xff\xfe\xfd\n", "row 3"),
        (b"", "empty"),
        ("姓名,姓名\n".encode(), "appears twice"),
    ],
)
def test_input_errors_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    code, _, err = run(capsys, "check", str(path), "--item", "19", "--encoding", "utf-8")
    assert code == 2
    assert message in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "nope.csv"), "--item", "19")
    assert code == 2
    assert "cannot read" in err
    path = tmp_path / "x.csv"
    path.write_text(HEADER + GOOD, encoding="utf-8")
    code, _, err = run(capsys, "check", str(path), "--item", "99")
    assert (code, "no item 99" in err) == (2, True)


def test_json_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    good = dict(zip(HEADER.strip().split(","), GOOD.strip().split(","), strict=True))
    lines = [
        json.dumps(good, ensure_ascii=False),
        "",
        json.dumps({**good, "面积": None}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(path), "--item", "19", "--json")
    assert code == 1
    first = json.loads(out.splitlines()[0])
    assert first["row"] == 3
    path.write_text(lines[0] + "\n[1, 2]\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(path), "--item", "19")
    assert code == 2
    assert "row 2: expected a JSON object" in err


def test_xlsx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER.strip().split(","))
    sheet.append(["张*", "公共租赁住房", "1-2-301", 45.6, "一室一厅", "民心佳园"])
    sheet.append(["李*", None, "1-2-302", 45.6, "一室一厅", "民心佳园"])
    path = tmp_path / "x.xlsx"
    workbook.save(path)
    code, out, _ = run(capsys, "check", str(path), "--item", "19", "--json")
    assert code == 1
    assert json.loads(out.splitlines()[0])["row"] == 3


def test_shanyin_catalogue_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        "申请受理,申请对象姓名,身份证号,申请房源类型\n已受理,张*,110105********002X,公租房\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", str(path), "--item", "14", "--catalogue", "shanyin")
    assert code == 0, out
    code, out, _ = run(capsys, "check", str(path), "--item", "14")
    assert code == 1
    assert "是否审核通过" in out


def test_check_and_mask_know_the_same_headers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """证件号 and 联系方式 were personal columns to mask but unknown to check."""
    path = tmp_path / "x.csv"
    path.write_text(
        "申请人姓名,证件号,原租购项目名称、地址、类型、套型、面积等,原享受补贴面积标准\n"
        "张三,11010519491231002X,民心佳园 1-1-101,45\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "check", str(path), "--item", "22")
    assert code == 1
    assert "missing" not in out
    assert "unmasked 身份证号" in out
    masked = tmp_path / "masked.csv"
    code, _, err = run(capsys, "mask", str(path), "-o", str(masked), "--item", "22", "--names")
    assert code == 0, err
    assert "张*,110105********002X," in masked.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "check", str(masked), "--item", "22")
    assert code == 0, out
