"""An officer's folder on Windows: spaces and Chinese in its name, lock files beside the lists (issue 27).

Excel and WPS keep ``~$名单.xlsx`` (the user's name, in GBK on a Chinese
Windows) beside a list they have open; LibreOffice keeps
``.~lock.名单.xlsx#``.  Neither is the list, and neither is published.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from zfgk.cli import main

OFFICERS = Path(__file__).parent / "data" / "officers"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    here = tmp_path / "渝北区 住房保障科" / "2026年 第三批 公示"
    here.mkdir(parents=True)
    shutil.copy(OFFICERS / "item19-title-merged.xlsx", here / "配租公示.xlsx")
    (here / "~$配租公示.xlsx").write_bytes(b"\x08" + "张科长".encode("gbk") + b"\x00" * 40)
    (here / ".~lock.配租公示.xlsx#").write_text(
        ",张科长,ZFGK-PC,06.12.2026 09:30,file:///C:/Users/zhang/AppData;", encoding="utf-8"
    )
    return here


def test_lock_files_beside_a_list_are_not_scanned(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["scan", str(folder.parent), "--jobs", "1"]) == 0
    err = capsys.readouterr().err
    assert "no unmasked value (files scanned: 1)" in err
    assert "lock files of open documents: 2" in err


def test_a_list_saved_under_a_lock_files_name_is_scanned(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before, any ~$ name was passed over unread: a 5 KB workbook with a full ID number
    # (GB 11643's own example) left the folder "clean"
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append(["张三", "11010519491231002X"])
    book.save(folder / "~$名单 副本.xlsx")
    assert main(["scan", str(folder.parent), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "1 unmasked value (files scanned: 2)" in err
    assert "lock files of open documents: 2" in err


def test_a_small_text_list_under_a_lock_files_name_is_scanned(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Under 1 KiB and text, it was passed over as a lock file: a lock file never holds
    # eleven digits in a row (an owner file has a name, LibreOffice's line a date)
    (folder / "~$名单.csv").write_text("姓名,联系电话\n张三,138 1234 5678\n", encoding="gbk")
    (folder / "~$清单.txt").write_text("张三 13812345678\n", encoding="utf-16")
    assert main(["scan", str(folder.parent), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "2 unmasked values (files scanned: 3)" in err
    assert "lock files of open documents: 2" in err


def test_a_lock_file_given_by_name_is_named_as_one(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("~$配租公示.xlsx", ".~lock.配租公示.xlsx#"):
        assert main(["check", str(folder / name), "--item", "19"]) == 2
        out = capsys.readouterr().out
        assert "an office program's lock file" in out
        assert "check the file itself" in out
        assert "张科长" not in out


def test_a_path_with_spaces_and_chinese_works(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(folder / "配租公示.xlsx"), "--item", "19"]) == 0
    out = capsys.readouterr().out
    assert str(folder / "配租公示.xlsx") in out
    masked = folder / "配租公示 公开版.xlsx"
    assert main(["mask", str(folder / "配租公示.xlsx"), "-o", str(masked)]) == 0
    assert masked.exists()


def test_the_original_is_not_overwritten_without_asking(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = folder / "配租公示.xlsx"
    before = original.read_bytes()
    assert main(["mask", str(original), "-o", str(original)]) == 2
    assert "the output would replace the original" in capsys.readouterr().err
    assert original.read_bytes() == before
    assert main(["mask", str(original), "-o", str(original), "--overwrite"]) == 0


def _owner_file(name: str) -> bytes:
    # Office's and WPS's owner file: the name's length in bytes, the name in the code page
    # (GBK on a Chinese Windows) padded with spaces to byte 54, then its length in
    # characters and the name in UTF-16, padded with UTF-16 spaces to 162 bytes
    narrow = name.encode("gbk")
    wide = len(name).to_bytes(2, "little") + name.encode("utf-16-le")
    return bytes([len(narrow)]) + narrow.ljust(53) + wide.ljust(108, b"\x20")


def test_a_lock_file_whose_user_name_is_a_mobile_number_is_read(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An account named by its owner's mobile number: before, the owner file was "binary data
    # of no kind zfgk reads" (cannot check, exit 2) in every scan while the list was open
    (folder / "~$配租公示.xlsx").write_bytes(_owner_file("13812345678"))
    assert main(["scan", str(folder.parent), "--jobs", "1"]) == 1
    out, err = capsys.readouterr()
    assert "~$配租公示.xlsx:lock file's user name: unmasked mobile number" in out
    assert "1 unmasked value (files scanned: 2)" in err
    assert "lock files of open documents: 1" in err
    assert "13812345678" not in out + err
    (folder / "~$配租公示.xlsx").write_bytes(_owner_file("张科长"))  # an ordinary name
    assert main(["scan", str(folder.parent), "--jobs", "1"]) == 0
    assert "lock files of open documents: 2" in capsys.readouterr().err
    # an account named by an office's landline (eleven digits, no personal number): read and
    # clean, not "cannot check" in every scan while the list is open
    for name in ("010-62345678", "住建局0755-86123456"):
        (folder / "~$配租公示.xlsx").write_bytes(_owner_file(name))
        assert main(["scan", str(folder.parent), "--jobs", "1"]) == 0
        assert "no unmasked value (files scanned: 2)" in capsys.readouterr().err


def test_an_owner_files_two_names_must_agree() -> None:
    from zfgk.formats import lock_file_owner

    assert len(_owner_file("张科长")) == 162
    assert lock_file_owner(_owner_file("张科长")) == "张科长"
    assert lock_file_owner(_owner_file("Administrator")) == "Administrator"
    other = bytearray(_owner_file("13812345678"))
    other[58] = ord("9")  # the UTF-16 name says 19812345678
    assert lock_file_owner(bytes(other)) is None
    assert lock_file_owner(b"\x08" + "张科长".encode("gbk") + b"\x00" * 40) is None  # too short
