"""zfgk mask and zfgk scan on files."""

from __future__ import annotations

from pathlib import Path

import pytest

from zfgk.cli import main

HEADER = "序号,保障对象姓名,身份证号,联系电话,房号\r\n"
ROWS = (
    "1,张三,11010519491231002X,13812345678,3-2-201\r\n"
    '2,"欧阳娜娜","110105 19500101 0014",138-1234-5679,"5-1,1203"\r\n'
    "3,李四,,,\r\n"
    '4,"王五","110105-19900101-0017","+86 139 1234 5678","备注：""多行""\r\n第二行"\r\n'
)
# The default: ID numbers masked whole by column; names and the phone column as
# published, except that a mobile number anywhere is masked in place (fail closed).
EXPECTED = (
    "1,张三,110105********002X,138****5678,3-2-201\r\n"
    '2,"欧阳娜娜","110105********0014",138-****-5679,"5-1,1203"\r\n'
    "3,李四,,,\r\n"
    '4,"王五","110105********0017","+86 139 **** 5678","备注：""多行""\r\n第二行"\r\n'
)
# --names --phones: every personal column masked whole.
EXPECTED_ALL = (
    "1,张*,110105********002X,138****5678,3-2-201\r\n"
    '2,"欧阳**","110105********0014",138****5679,"5-1,1203"\r\n'
    "3,李*,,,\r\n"
    '4,"王*","110105********0017","+86 139****5678","备注：""多行""\r\n第二行"\r\n'
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("encoding", "prefix"), [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")]
)
@pytest.mark.parametrize(
    ("options", "expected"), [((), EXPECTED), (("--names", "--phones"), EXPECTED_ALL)]
)
def test_mask_keeps_every_other_byte(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    encoding: str,
    prefix: bytes,
    options: tuple[str, ...],
    expected: str,
) -> None:
    src = tmp_path / "in.csv"
    src.write_bytes(prefix + (HEADER + ROWS).encode(encoding))
    dst = tmp_path / "out.csv"
    code, _, err = run(capsys, "mask", str(src), "-o", str(dst), *options)
    assert code == 0, err
    assert dst.read_bytes() == prefix + (HEADER + expected).encode(encoding)
    assert "rows read: 4" in err


def test_mask_named_columns(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    src = tmp_path / "in.csv"
    src.write_text("户主,证件,备注\n张三,11010519491231002X,无\n", encoding="utf-8")
    dst = tmp_path / "out.csv"
    code, _, err = run(capsys, "mask", str(src), "-o", str(dst), "--columns", "户主,证件=id")
    assert code == 0, err
    assert dst.read_text(encoding="utf-8") == "户主,证件,备注\n张*,110105********002X,无\n"
    code, _, err = run(capsys, "mask", str(src), "-o", str(dst), "--columns", "备注")
    assert code == 2
    assert "cannot tell how to mask column '备注'" in err
    code, _, err = run(capsys, "mask", str(src), "-o", str(dst), "--columns", "地址=id")
    assert code == 2
    assert "no column '地址'" in err


def test_mask_refuses_to_publish_what_it_cannot_mask(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    src = tmp_path / "in.csv"
    src.write_text(
        "姓名,身份证号,联系电话\n张三,11010519491231002X,13812345678\n"
        "李四,1101051949,13812345678\n王五,11010519491231002X,请致电\n",
        encoding="utf-8",
    )
    dst = tmp_path / "out.csv"
    dst.write_text("previous content", encoding="utf-8")
    code, _, err = run(capsys, "mask", str(src), "-o", str(dst), "--phones")
    assert code == 1
    assert "row 3, column B (身份证号)" in err
    assert "row 4, column C (联系电话)" in err
    assert "1101051949" not in err
    assert "请致电" not in err
    assert "nothing was written" in err
    assert dst.read_text(encoding="utf-8") == "previous content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv"]


def test_mask_input_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    dst = tmp_path / "out.csv"
    code, _, err = run(capsys, "mask", str(tmp_path / "missing.csv"), "-o", str(dst))
    assert code == 2
    assert "cannot read" in err
    truncated = tmp_path / "t.csv"
    truncated.write_text('姓名,身份证号\n"张三,11010519491231002X\n', encoding="utf-8")
    code, _, err = run(capsys, "mask", str(truncated), "-o", str(dst))
    assert code == 2
    assert "row 2" in err
    assert "not closed" in err
    undecodable = tmp_path / "u.csv"
    undecodable.write_bytes("姓名\n张三\n".encode() + b"\xff\xfe\n")
    code, _, err = run(capsys, "mask", str(undecodable), "-o", str(dst), "--encoding", "utf-8")
    assert code == 2
    assert "row 3" in err
    assert not dst.exists()
    nothing = tmp_path / "n.csv"
    nothing.write_text("房号,面积\n1,2\n", encoding="utf-8")
    code, _, err = run(capsys, "mask", str(nothing), "-o", str(dst))
    assert code == 0, err
    assert dst.read_text(encoding="utf-8") == "房号,面积\n1,2\n"
    code, _, err = run(capsys, "mask", str(nothing), "-o", str(dst), "--item", "99")
    assert code == 2
    assert "no item 99" in err


def test_scan(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    clean = tmp_path / "clean.md"
    clean.write_text("# 公示\n张*，110105********002X，138****5678\n", encoding="utf-8")
    leaky = tmp_path / "leaky.html"
    leaky.write_text(
        "<p>公示</p>\n<td>11010519491231002X</td>\n<td>电话 138 1234 5678</td>\n",
        encoding="gb18030",
    )
    code, out, err = run(capsys, "scan", str(clean))
    assert (code, out) == (0, "")
    assert "no unmasked value (files scanned: 1)" in err
    code, out, _ = run(capsys, "scan", str(clean), str(leaky))
    assert code == 1
    assert out.splitlines() == [
        f"{leaky}:2: unmasked ID number",
        f"{leaky}:3: unmasked mobile number",
    ]
    assert "11010519491231002X" not in out
    code, _, err = run(capsys, "scan", str(tmp_path / "none.txt"))
    assert code == 2
