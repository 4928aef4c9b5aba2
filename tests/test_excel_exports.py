"""Files as Excel writes them: "Unicode text", cells with line breaks, a header and no rows.

Excel's "Unicode text" export (xlUnicodeText) writes UTF-16 little-endian
with a byte-order mark, cells separated by tabs, rows ended by CR LF, and a
cell that holds a tab, a quote or a line break in double quotes, with its
quotes doubled. ``excel_unicode_text`` writes a sheet exactly so (and in
big-endian order, which other programs write, for the BE variant).
Spreadsheet rows count records: the header is row 1, and a record after a
cell with a line break is still the next row.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from zfgk.cli import main

HEADER = ["保障对象姓名", "保障性住房类型", "房号", "面积", "套型", "所在建设项目名称", "备注"]
SHEET = [
    HEADER,
    ["张*", "公共租赁住房", "1-1-101", "45.6", "一室一厅", "民心佳园", '装修说明："简装"\n第二行'],
    ["李*", "公共租赁住房", "1-1-102", "", "一室一厅", "民心佳园", "无"],  # row 3: 面积 blank
    ["王*", "公共租赁住房", "1-1-103", "50", "两室", "民心佳园", "证件 11010519491231002X"],
]


def excel_cell(value: str) -> str:
    if any(c in value for c in '\t"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def excel_unicode_text(rows: list[list[str]], order: str = "le") -> bytes:
    text = "".join("\t".join(excel_cell(v) for v in row) + "\r\n" for row in rows)
    bom = codecs.BOM_UTF16_LE if order == "le" else codecs.BOM_UTF16_BE
    return bom + text.encode(f"utf-16-{order}")


def excel_csv(rows: list[list[str]], encoding: str = "utf-8-sig") -> bytes:
    text = "".join(",".join(excel_csv_cell(v) for v in row) + "\r\n" for row in rows)
    return text.encode(encoding)


def excel_csv_cell(value: str) -> str:
    if any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("order", ["le", "be"])
def test_check_reads_unicode_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], order: str
) -> None:
    path = tmp_path / "分配结果.txt"
    path.write_bytes(excel_unicode_text(SHEET, order))
    code, out, err = run(capsys, "check", str(path), "--item", "19", "--json")
    assert code == 1, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [
        (line.get("row"), [p["code"] for p in line.get("problems", [])]) for line in lines[:-1]
    ] == [
        (3, ["empty"]),
        (4, ["unmasked"]),
    ]
    summary = lines[-1]["summary"]
    assert summary["rows"] == 3
    assert summary["header_problems"][0]["field"] == "备注"  # an unknown column, noted
    # The same sheet forced as UTF-16 reads the same.
    code, forced, _ = run(
        capsys, "check", str(path), "--item", "19", "--json", "--encoding", "utf-16"
    )
    assert forced == out


def test_rows_are_records_in_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "分配结果.csv"
    path.write_bytes(excel_csv(SHEET))
    code, out, _ = run(capsys, "check", str(path), "--item", "19")
    assert code == 1
    assert "row 3: empty 面积" in out  # Excel shows it in row 3, the line is the 4th
    assert "row 4: unmasked 备注" in out
    code, out, _ = run(capsys, "scan", str(path))
    assert code == 1
    assert out == f"{path}:row 4, column G: unmasked ID number\n"


def test_scan_reads_unicode_text_by_rows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "公示.txt"
    path.write_bytes(excel_unicode_text(SHEET))
    code, out, _ = run(capsys, "scan", str(path))
    assert code == 1
    assert out == f"{path}:row 4, column G: unmasked ID number\n"
    prose = tmp_path / "说明.txt"  # not a table: lines
    prose.write_text('一行"\n二行 11010519491231002X\n', encoding="utf-8")
    assert run(capsys, "scan", str(prose))[1] == f"{prose}:2: unmasked ID number\n"


@pytest.mark.parametrize("order", ["le", "be"])
def test_mask_keeps_encoding_and_separator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], order: str
) -> None:
    sheet = [["原保障对象姓名", "身份证号", "备注"], ["张三", "11010519491231002X", "多\n行"]]
    path = tmp_path / "退出.txt"
    path.write_bytes(excel_unicode_text(sheet, order))
    out = tmp_path / "退出-公示.txt"
    code, _, err = run(capsys, "mask", str(path), "-o", str(out), "--item", "22")
    assert code == 0, err
    masked = [sheet[0], ["张三", "110105********002X", "多\n行"]]
    assert out.read_bytes() == excel_unicode_text(masked, order)
    assert f"utf-16-{order}" in err


def test_mask_failure_names_the_spreadsheet_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = [
        ["姓名", "备注", "身份证号"],
        ["张三", "多\n行", "11010519491231002X"],
        ["李四", "", "不详"],
    ]
    path = tmp_path / "名单.csv"
    path.write_bytes(excel_csv(sheet))
    code, _, err = run(capsys, "mask", str(path), "-o", str(tmp_path / "out.csv"))
    assert code == 1
    assert "row 3, column C (身份证号)" in err
    assert not (tmp_path / "out.csv").exists()


def test_audit_rows_are_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = [
        ["item", "formed_on", "published_on", "channels", "url", "备注"],
        [
            "19",
            "2026-09-28",
            "2026-10-30",
            "政府网站;两微一端",
            "https://zfcxjw.cq.gov.cn/1.html",
            "两\n行",
        ],
        [
            "19",
            "2026-09-28",
            "2026-11-03",
            "政府网站;两微一端",
            "https://zfcxjw.cq.gov.cn/2.html",
            "",
        ],
    ]
    path = tmp_path / "log.txt"
    path.write_bytes(excel_unicode_text(log))
    code, out, _ = run(capsys, "audit", str(path), "--today", "2026-11-23", "--json")
    assert code == 1
    assert json.loads(out.splitlines()[0])["row"] == 3


@pytest.mark.parametrize("suffix", [".csv", ".txt"])
def test_a_header_alone_is_not_ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str
) -> None:
    path = tmp_path / f"empty{suffix}"
    data = excel_csv([HEADER[:6]]) if suffix == ".csv" else excel_unicode_text([HEADER[:6]])
    path.write_bytes(data)
    code, out, _ = run(capsys, "check", str(path), "--item", "19")
    assert code == 1
    assert "holds no records" in out
    assert "FAILED" in out
    code, out, _ = run(capsys, "check", str(path), "--item", "19", "--json")
    assert code == 1
    summary = json.loads(out)["summary"]
    assert summary["no_records"] is True
    assert summary["ok"] is False
    log = tmp_path / f"log{suffix}"
    log.write_bytes(excel_csv([["item", "formed_on"]]))
    code, out, _ = run(capsys, "audit", str(log))
    assert code == 1
    assert "holds no records" in out


def test_utf16_errors_are_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    truncated = tmp_path / "t.txt"
    truncated.write_bytes(excel_unicode_text(SHEET)[:-1])  # half a character at the end
    code, _, err = run(capsys, "check", str(truncated), "--item", "19")
    assert code == 2
    assert "truncated" in err
    plain = tmp_path / "p.csv"
    plain.write_bytes(excel_csv(SHEET, "utf-8"))
    code, _, err = run(capsys, "check", str(plain), "--item", "19", "--encoding", "utf-16")
    assert code == 2
    assert "byte-order mark" in err
