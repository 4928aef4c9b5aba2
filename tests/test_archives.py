"""Zip archives read member by member, recursively, within the bomb limits (issue 25).

``archive.zip`` is made with Python's zipfile as a Chinese Windows zips
files (a member named in GBK without the UTF-8 flag), with a zip inside
it and a comment; ``encrypted.zip`` with Info-ZIP's ``zip -P``
(tools/make_text_fixtures.py).  The numbers and their places are written
here by hand; masked copies are read back with zipfile and openpyxl.
"""

from __future__ import annotations

import importlib.util
import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

import openpyxl
import pytest

from zfgk.cli import main
from zfgk.documents import DocumentError, open_document
from zfgk.documents import _archive as archive_module
from zfgk.documents import _container as container_module
from zfgk.files import mask_file, scan_file
from zfgk.formats import Kind, kind_of

from .test_text_family import DATA, numbers

#: Whether the ``ocr`` extra is installed: with it, a picture is read, not "cannot check".
WITHOUT_OCR = pytest.mark.skipif(
    importlib.util.find_spec("rapidocr") is not None,
    reason="tests the answer without the ocr extra (with it, pictures are read by OCR)",
)


def test_every_member_is_read_as_what_it_is_its_place_nested() -> None:
    document = open_document(DATA / "archive.zip")
    assert document.kind is Kind.ZIP
    assert document.details["members"] == ("名单.xlsx", "说明.txt", "附件/inner.zip")
    assert numbers(document) == [
        ("phone", "名单.xlsx: 名单!C3", "15965849294"),
        ("phone", "comment", "18612345678"),  # the archive's comment, which unzip prints
        ("phone", "说明.txt: line 2", "13512345678"),  # its name in GBK, its text too
        ("id_number", "附件/inner.zip/通知.docx: document, paragraph 1", "430482196401255682"),
    ]
    assert document.unread == []


def test_a_zip_is_masked_member_by_member(tmp_path: Path) -> None:
    output = tmp_path / "out.zip"
    mask_file(DATA / "archive.zip", output)
    assert scan_file(output).verdict.value == "clean"
    with zipfile.ZipFile(DATA / "archive.zip") as old, zipfile.ZipFile(output) as new:
        # The same members, in the same order, named in the same bytes (GBK stays GBK).
        assert [(i.filename, i.flag_bits & 0x800) for i in new.infolist()] == [
            (i.filename, i.flag_bits & 0x800) for i in old.infolist()
        ]
        assert new.comment.decode("utf-8") == "经办人 186****5678"
        gbk = new.infolist()[1]
        assert gbk.filename.encode("cp437").decode("gbk") == "说明.txt"
        assert new.read(gbk).decode("gbk") == "配租结果公示说明\r\n咨询电话 135****5678\r\n"
        book = openpyxl.load_workbook(io.BytesIO(new.read("名单.xlsx")))
        assert [c.value for c in book["名单"]["C"]] == ["手机号码", "159****9294", "159****9294"]
        inner = zipfile.ZipFile(io.BytesIO(new.read("附件/inner.zip")))
        with inner, zipfile.ZipFile(io.BytesIO(inner.read("通知.docx"))) as word:
            assert b"430482********5682" in word.read("word/document.xml")


def test_an_encrypted_member_cannot_be_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = scan_file(DATA / "encrypted.zip")
    assert [f.location.describe() for f in result.findings] == ["说明.txt: line 1"]
    assert [gap.location.describe() for gap in result.unread] == ["名单.txt: whole file"]
    assert result.verdict.value == "cannot-check"
    output = tmp_path / "out.zip"
    assert main(["--lang", "en", "mask", str(DATA / "encrypted.zip"), "-o", str(output)]) == 2
    assert "encrypted: zfgk cannot read it without its password" in capsys.readouterr().err
    assert not output.exists()


def _mail_with(attachment: bytes, name: str) -> bytes:
    message = EmailMessage()
    message["Subject"] = "附件"
    message.set_content("见附件。\n")
    message.add_attachment(attachment, maintype="application", subtype="zip", filename=name)
    return message.as_bytes()


def test_a_workbook_in_a_zip_attached_to_a_mail(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "名单"
    sheet.append(["序号", "姓名", "手机"])
    sheet.append([1, "张三", "138****5678"])
    sheet.append([2, "李四", "13912345678"])
    data = io.BytesIO()
    book.save(data)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("名单.xlsx", data.getvalue())
    path = tmp_path / "公示.eml"
    path.write_bytes(_mail_with(packed.getvalue(), "附件.zip"))
    result = scan_file(path)
    assert [f.location.describe() for f in result.findings] == ["附件.zip/名单.xlsx: 名单!C3"]
    assert [f.location.describe("zh") for f in result.findings] == ["附件.zip/名单.xlsx: 名单!C3"]


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_member_that_inflates_too_much_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    path.write_bytes(_zip({"zeros.txt": bytes(20 << 20), "说明.txt": "电话 13812345678".encode()}))
    result = scan_file(path)
    assert [gap.describe() for gap in result.unread] == [
        "zeros.txt: whole file: not read: it would inflate to 20 MiB (more than zfgk reads, or "
        "more than 100 times its packed size: a zip bomb?); unpack it and check it on its own"
    ]
    assert len(result.findings) == 1
    assert result.verdict.value == "cannot-check"


def test_zips_nested_deeper_than_the_limit_are_not_read(tmp_path: Path) -> None:
    data = _zip({"名单.txt": "电话 13812345678".encode()})
    for level in range(container_module.MAX_DEPTH + 1):
        data = _zip({f"level{level}.zip": data})
    path = tmp_path / "deep.zip"
    path.write_bytes(data)
    result = scan_file(path)
    assert result.findings == ()
    assert [gap.location.member for gap in result.unread] == [
        "level4.zip/level3.zip/level2.zip/level1.zip/level0.zip"
    ]
    assert "deeper than zfgk reads" in result.unread[0].describe()


def test_the_bytes_read_are_counted_across_every_level(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(container_module, "MAX_INFLATED", 1000)
    inner = _zip({"a.txt": b"x" * 600, "b.txt": b"y" * 600}, zipfile.ZIP_STORED)
    path = tmp_path / "many.zip"
    path.write_bytes(_zip({"inner.zip": inner}, zipfile.ZIP_STORED))
    result = scan_file(path)
    assert [gap.location.member for gap in result.unread] == ["inner.zip"]


def test_too_many_members_or_a_damaged_archive_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archive_module, "MAX_MEMBERS", 3)
    path = tmp_path / "many.zip"
    path.write_bytes(_zip({f"{n}.txt": b"x" for n in range(4)}))
    with pytest.raises(DocumentError, match="the archive has 4 members, more than zfgk reads"):
        open_document(path)
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(_zip({"a.txt": b"x" * 100})[:-30])
    with pytest.raises(DocumentError, match="a damaged or truncated zip archive"):
        open_document(damaged, kind=Kind.ZIP)


@WITHOUT_OCR
def test_a_picture_and_an_old_word_file_in_a_zip_cannot_be_checked(tmp_path: Path) -> None:
    png = bytes.fromhex("89504e470d0a1a0a") + bytes(40)
    doc = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(600)
    path = tmp_path / "files.zip"
    path.write_bytes(_zip({"照片.png": png, "公示.doc": doc}))
    result = scan_file(path)
    assert [gap.describe() for gap in result.unread] == [
        "照片.png: whole file: an image, which zfgk cannot read: its text can be read only by "
        "OCR: pip install 'zfgk[ocr]', or check it by eye",
        "公示.doc: whole file: 公示.doc: a damaged Word 97-2003 document (unknown sector "
        "sizes): open and save it again",
    ]


def test_a_member_name_with_a_number_is_read_and_never_said(tmp_path: Path) -> None:
    path = tmp_path / "a.zip"
    path.write_bytes(_zip({"张三13812345678.txt": "身份证 11010519491231002X".encode()}))
    result = scan_file(path)
    assert [f.location.describe() for f in result.findings] == [
        "张三….txt: name",
        "张三….txt: line 1",
    ]
    output = tmp_path / "b.zip"
    mask_file(path, output)
    with zipfile.ZipFile(output) as masked:
        assert masked.namelist() == ["张三138****5678.txt"]
        assert masked.read("张三138****5678.txt").decode() == "身份证 110105********002X"


def test_a_damaged_member_is_not_read_never_a_traceback(tmp_path: Path) -> None:
    word = (DATA / "notice.odt").read_bytes()
    path = tmp_path / "a.zip"
    path.write_bytes(_zip({"公示.odt": word[: len(word) // 2], "说明.txt": b"13812345678"}))
    result = scan_file(path)
    assert [f.location.describe() for f in result.findings] == ["说明.txt: line 1"]
    assert [gap.location.describe() for gap in result.unread] == ["公示.odt: whole file"]
    assert "a damaged OpenDocument text" in result.unread[0].describe()


# ------------------------------------------- archives zfgk does not open


def _other_archives(folder: Path) -> dict[str, bytes]:
    """Each kind of archive but zip, made by Python's own modules where it has one (gzip,
    bzip2, xz, tar); RAR and 7z by their signatures (RAR 5.0 and 7z format documents)."""
    import bz2
    import gzip
    import lzma
    import tarfile

    inner = folder / "名单.csv"
    inner.write_text("姓名,手机\n张三,13812345678\n", encoding="utf-8")
    with tarfile.open(folder / "t.tar", "w") as tar:
        tar.add(inner, arcname="名单.csv")
    data = inner.read_bytes()
    return {
        "名单.csv.gz": gzip.compress(data),
        "名单.csv.bz2": bz2.compress(data),
        "名单.csv.xz": lzma.compress(data),
        "名单.tar": (folder / "t.tar").read_bytes(),
        "名单.rar": b"Rar!\x1a\x07\x01\x00" + bytes(64),
        "名单.7z": b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(64),
    }


def test_an_archive_other_than_a_zip_cannot_be_checked_and_says_to_extract_it(
    tmp_path: Path,
) -> None:
    # Before 0.9, each was "binary data of no kind zfgk reads": true, but no help to an
    # officer with a .rar of lists.  The kind comes from the bytes, whatever the name.
    for name, data in _other_archives(tmp_path).items():
        path = tmp_path / ("附件-" + name)
        path.write_bytes(data)
        nameless = tmp_path / "附件.bin"
        nameless.write_bytes(data)
        assert kind_of(path) is kind_of(nameless) is Kind.OTHER_ARCHIVE, name
        result = scan_file(path)
        assert result.verdict.value == "cannot-check"
        (gap,) = result.unread
        said = gap.describe("en")
        assert "an archive other than a zip" in said
        assert "extract the files it holds" in said
        assert "13812345678" not in said


def test_a_rar_inside_a_zip_is_named_unread(tmp_path: Path) -> None:
    archives = _other_archives(tmp_path)
    outer = tmp_path / "附件.zip"
    with zipfile.ZipFile(outer, "w") as z:
        z.writestr("名单.rar", archives["名单.rar"])
        z.writestr("说明.txt", "见附件名单。")
    result = scan_file(outer)
    assert result.verdict.value == "cannot-check"
    assert [g.location.member for g in result.unread] == ["名单.rar"]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("名单.csv", "BZh,电话\n张三,13812345678\n".encode()),  # bzip2's three letters only
        ("说明.txt", ("x" * 257 + "ustard 电话 13812345678\n").encode()),  # "ustar" unended
    ],
)
def test_text_that_starts_as_an_archive_does_is_read_as_text(
    tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert kind_of(path) is not Kind.OTHER_ARCHIVE
    assert [f.kind.value for f in scan_file(path).findings] == ["phone"]
