"""``zfgk mask`` on officers' CSV files: the header under the title, titles and footers kept.

The answers are hand-known: the rows (title, header, blank, footer) and each
ID's masked form from ``tests/data/officers/expected.json``, written from the
designs, not by a masker; the expected bytes are the file's own with each
full ID replaced by that masked form, and nothing else.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import zfgk
from zfgk.cli import main
from zfgk.errors import InputError
from zfgk.files import mask_file
from zfgk.tables import RowKind

OFFICERS = Path(__file__).parent / "data" / "officers"
EXPECTED = json.loads((OFFICERS / "expected.json").read_text(encoding="utf-8"))["files"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_item22_clean_csv_exact_bytes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    answer = EXPECTED["item22-clean.csv"]
    source = (OFFICERS / "item22-clean.csv").read_bytes()
    expected = source
    for row, record in answer["records"].items():
        full, masked = record["身份证号"], answer["masked_ids"][f"C{row}"]
        assert source.count(f'"{full}"'.encode()) == 1
        expected = expected.replace(f'"{full}"'.encode(), f'"{masked}"'.encode())
    out = tmp_path / "公示.csv"
    code, _, err = run(
        capsys, "mask", str(OFFICERS / "item22-clean.csv"), "-o", str(out), "--item", "22"
    )
    assert code == 0, err
    assert out.read_bytes() == expected
    lines, before = out.read_bytes().split(b"\n"), source.split(b"\n")
    for row in answer["title_rows"] + answer["blank_rows"] + answer["footer_rows"]:
        assert lines[row - 1] == before[row - 1]
    assert "rows read: 5 (header row 2); 身份证号: 5 (" in err
    assert "row 1: title 2026年第二批公共租赁住房自愿退出名单公示, not a record" in err
    assert "row 9: footer (制表人, 审核人, 日期), not a record" in err
    assert "no column to mask" not in err
    assert all(r["身份证号"] not in err for r in answer["records"].values())
    code, text, err = run(capsys, "check", str(out), "--item", "22")
    assert code == 0, text + err


@pytest.mark.parametrize("name", ["item19-title-merged.csv", "item19-excel-blank-columns.csv"])
def test_item19_csv_counts_records_not_titles(tmp_path: Path, name: str) -> None:
    answer = EXPECTED[name]
    out = tmp_path / "公示.csv"
    masked = mask_file(OFFICERS / name, out, item=zfgk.load("chongqing").item(19))
    (done,) = masked.sheets
    assert out.read_bytes() == (OFFICERS / name).read_bytes()  # no ID, nothing to hide
    assert done.header_rows == (answer["header_row"], answer["header_rows"][-1])
    assert done.records == len(answer["records"])
    assert done.blank_rows == len(answer["blank_rows"])
    assert done.columns == ()
    assert done.redacted == 0
    assert [(n.kind, n.first) for n in done.notes] == [
        (RowKind.TITLE, answer["title_rows"][0]),
        (RowKind.TOTAL, answer["footer_rows"][0]),
        (RowKind.FOOTER, answer["footer_rows"][1]),
    ]
    assert masked.encoding == ("utf-8-sig" if "excel" in name else "utf-8")


def test_titles_and_footers_only_redacted(tmp_path: Path) -> None:
    source = tmp_path / "名单.csv"
    source.write_text(
        "自愿退出名单 11010519491231002X,,\n"
        "序号,原保障对象姓名,身份证号\n"
        "1,许春梅,44162219470406403X\n"
        ",,\n"
        "联系人：张三,联系电话：13812345678,注：不详\n",
        encoding="gb18030",
    )
    out = tmp_path / "公示.csv"
    (done,) = mask_file(source, out, item=zfgk.load("chongqing").item(22)).sheets
    # by hand: the eight birth-date digits hidden; the mobile's middle four digits
    assert out.read_text(encoding="gb18030") == (
        "自愿退出名单 110105********002X,,\n"
        "序号,原保障对象姓名,身份证号\n"
        "1,许春梅,441622********403X\n"
        ",,\n"
        "联系人：张三,联系电话：138****5678,注：不详\n"
    )
    assert (done.records, done.redacted, done.blank_rows) == (1, 2, 1)
    assert [(c.header, n) for c, n in done.columns] == [("身份证号", 1)]


def test_a_record_that_cannot_be_masked_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "名单.csv"
    source.write_text(
        "2026年名单,,\n序号,原保障对象姓名,身份证号\n1,许春梅,1101051949\n制表人：张三,,\n",
        encoding="utf-8",
    )
    out = tmp_path / "公示.csv"
    with pytest.raises(zfgk.PrivacyError, match=r"row 3, column C \(身份证号\)") as caught:
        mask_file(source, out, item=zfgk.load("chongqing").item(22))
    assert "1101051949" not in str(caught.value)
    assert not out.exists()
    code, _, err = run(capsys, "mask", str(source), "-o", str(out), "--item", "22")
    assert code == 1
    assert "nothing was written" in err
    assert not out.exists()


def test_a_header_with_two_columns_of_one_name_is_refused(tmp_path: Path) -> None:
    """As ``zfgk check`` refuses it: the columns cannot be told apart (fail closed)."""
    source = tmp_path / "名单.csv"
    source.write_text("姓名,,,身份证号\n张三,a,b,11010519491231002X\n", encoding="utf-8")
    out = tmp_path / "公示.csv"
    with pytest.raises(InputError, match="appears twice"):
        mask_file(source, out)
    assert not out.exists()
