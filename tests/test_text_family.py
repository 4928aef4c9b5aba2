"""The text family read whole and masked in its own format: .eml, .mht, .rtf, .odt, OFD, XML
feeds, UTF-16 without a BOM, one JSON document (issue 25).

The fixtures in tests/data/text/ are made by tools/make_text_fixtures.py as
the software that makes such files makes them (the standard library's
email package, Word's and Chrome's web archives, Word-style and LibreOffice
RTF, LibreOffice .odt, OFD laid out per GB/T 33190-2016).  Which number is
in which part of each is written here by hand from that script; masked
copies are checked byte for byte, or read back by the standard library's
own readers (email, quopri, zipfile), not by zfgk.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.message
import email.policy
import importlib.util
import io
import quopri
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfgk import find_pii
from zfgk.cli import main
from zfgk.documents import Document, open_document
from zfgk.documents._mime_parts import decode_qp
from zfgk.files import mask_file, scan_file
from zfgk.formats import Kind, kind_of
from zfgk.privacy import strip_separators

DATA = Path(__file__).parent / "data" / "text"


#: Whether the ``ocr`` extra is installed: with it, a picture is read, not "cannot check".
WITHOUT_OCR = pytest.mark.skipif(
    importlib.util.find_spec("rapidocr") is not None,
    reason="tests the answer without the ocr extra (with it, pictures are read by OCR)",
)


def numbers(document: Document) -> list[tuple[str, str, str]]:
    """(kind, place, digits) of every full number in the document's texts and cells."""
    found = []
    for sheet in document.sheets():
        for row, cells in sheet.rows():
            for index, text in enumerate(cells):
                for m in find_pii(text):
                    place = str(sheet.cell_name(row, index))
                    found.append((m.kind.value, place, strip_separators(text[m.start : m.end])))
    for part in document.texts:
        for m in find_pii(part.text):
            digits = strip_separators(part.text[m.start : m.end])
            found.append((m.kind.value, str(part.locate(m.start)), digits))
    return found


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["--lang", "en", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def masked(source: Path, tmp_path: Path) -> Path:
    output = tmp_path / f"masked{source.suffix}"
    mask_file(source, output)
    assert scan_file(output).verdict.value == "clean"
    return output


# ------------------------------------------------------------------ .eml


def test_a_mail_is_read_header_body_and_attachments() -> None:
    document = open_document(DATA / "notice.eml")
    assert document.kind is Kind.EML
    assert document.unread == []
    assert numbers(document) == [
        ("phone", "名单.xlsx: 名单!C3", "15965849294"),
        ("phone", "Subject", "13512345678"),  # split over two RFC 2047 words
        ("id_number", "text/plain, line 2", "500103199003071239"),  # split by a soft break
        ("id_number", "text/html, line 1", "500103199003071239"),  # split by a <span>
        ("phone", "text/html, line 1", "13812345678"),
        ("phone", "通知 ….docx: Content-Disposition", "17016019667"),  # the file's name
        ("id_number", "通知 ….docx: document, paragraph 1", "430482196401255682"),
    ]


def test_the_fixture_splits_its_numbers_as_mail_programs_do() -> None:
    raw = (DATA / "notice.eml").read_bytes()
    assert b"5001031990030712=\r\n39" in raw  # a quoted-printable soft line break
    assert b"IDEzNTEyMzQ1?=\r\n =?utf-8?q?678" in raw  # " 13512345" and "678" in two words


def test_a_masked_mail_is_the_same_mail_with_only_the_digits_hidden(tmp_path: Path) -> None:
    output = masked(DATA / "notice.eml", tmp_path)
    before = email.message_from_bytes(
        (DATA / "notice.eml").read_bytes(), policy=email.policy.default
    )
    after = email.message_from_bytes(output.read_bytes(), policy=email.policy.default)
    assert str(after["Subject"]) == str(before["Subject"]).replace("13512345678", "135****5678")
    assert str(after["From"]) == str(before["From"])
    old_parts, new_parts = list(before.walk()), list(after.walk())
    assert [p.get_content_type() for p in new_parts] == [p.get_content_type() for p in old_parts]
    plain, page, book, word = (p for p in new_parts if not p.is_multipart())
    assert plain.get_content() == (
        "各位居民：\r\n经审核，申请人张三，身份证号码 500103********1239，符合保障条件。\r\n"
    )
    assert '500103<span style="color:red">****</span>****1239' in page.get_content()
    assert "138<b>****</b>5678" in page.get_content()
    sheet = openpyxl.load_workbook(io.BytesIO(book.get_content()))["名单"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["序号", "姓名", "手机号码"],
        [1, "李四", "159****9294"],
        [2, "王五", "159****9294"],
    ]
    assert word.get_filename() == "通知 170****9667.docx"
    with zipfile.ZipFile(io.BytesIO(word.get_content())) as docx:
        assert b"430482********5682" in docx.read("word/document.xml")
    # The soft line break is still where it was: the quoted-printable text changed in place.
    assert b"500103********12=\r\n39" in output.read_bytes()


def _flowed_mail(tmp_path: Path, params: str, body: str) -> Path:
    path = tmp_path / "通知.eml"
    path.write_bytes(
        (
            "From: a@example.cn\r\nTo: b@example.cn\r\nSubject: list\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: text/plain; charset="utf-8"{params}\r\n'
            "Content-Transfer-Encoding: 8bit\r\n\r\n" + body
        ).encode()
    )
    return path


def test_mask_counts_the_cells_of_an_attached_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # notice.eml: 3 ID numbers and 3 mobiles in its texts, a mobile in 名单.xlsx C3; the
    # summary said nothing of the cell
    code, _, err = run(capsys, "mask", str(DATA / "notice.eml"), "-o", str(tmp_path / "o.eml"))
    assert code == 0
    assert (
        "ID numbers masked: 3; mobile numbers masked: 3; "
        "cells of the workbooks it holds masked: 1" in err
    )


@pytest.mark.parametrize(
    ("params", "body"),
    [
        # Thunderbird breaks a long line after a space (RFC 3676): shown as 139 1234 5678
        ("; format=flowed", "联系电话：139 \r\n1234 \r\n5678\r\n"),
        # DelSp=yes: the space before the break is not shown: 13912345678
        ("; format=flowed; delsp=yes", "联系电话：139123 \r\n45678\r\n"),
    ],
)
def test_a_flowed_mail_is_read_as_a_mail_program_joins_it(
    tmp_path: Path, params: str, body: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _flowed_mail(tmp_path, params, body)
    result = scan_file(path)
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("phone", "text/plain, line 1")
    ]
    out = tmp_path / "公开.eml"  # the number is in two pieces of bytes: mask says it cannot
    assert main(["mask", str(path), "-o", str(out)]) == 2
    assert "cannot be masked in place" in capsys.readouterr().err
    assert not out.exists()


def test_a_mail_that_is_not_flowed_keeps_its_lines(tmp_path: Path) -> None:
    # the same bytes without format=flowed: two lines as every program shows them
    path = _flowed_mail(tmp_path, "", "联系电话：139123 \r\n45678\r\n")
    assert scan_file(path).findings == ()


def test_a_file_name_in_rfc_2231_pieces_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "附件.eml"
    path.write_bytes(
        b"From: a@example.cn\r\nSubject: list\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain\r\n\r\nsee the file\r\n--b\r\n"
        b"Content-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment; filename*0*=utf-8''%E5%BC%A0%E4%B8%891391;\r\n"
        b" filename*1*=2345678.txt\r\n\r\nclean\r\n--b--\r\n"
    )
    # the mail program shows the attachment as 张三13912345678.txt
    parts = list(email.message_from_bytes(path.read_bytes()).walk())
    assert parts[2].get_filename() == "张三13912345678.txt"
    found = [(f.kind.value, str(f.location)) for f in scan_file(path).findings]
    assert ("phone", "张三….txt: name") in found


def test_a_web_archive_page_is_read_in_the_charset_it_was_sent_in(tmp_path: Path) -> None:
    # Big5 named only in the part's Content-Type, as Internet Explorer saved pages: the
    # full-width digits were read as UTF-8 and GB18030 and never found
    page = "<html><body><p>電話：１３９１２３４５６７８</p></body></html>".encode("big5")
    path = tmp_path / "公示.mht"
    path.write_bytes(
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/related; boundary="b"; type="text/html"\r\n\r\n'
        b'--b\r\nContent-Type: text/html; charset="big5"\r\n'
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + page + b"\r\n--b--\r\n"
    )
    assert [f.kind.value for f in scan_file(path).findings] == ["phone"]


@pytest.mark.parametrize("charset", ["=rot13", "=base64", "*=us-ascii''utf-8%00", "=undefined"])
def test_a_part_whose_charset_is_no_text_encoding_is_read_as_a_page_says(
    tmp_path: Path, charset: str
) -> None:
    # Python knows rot13 and base64 as codecs, not as charsets; a NUL in a name is neither:
    # zfgk stopped on an error it did not expect
    path = tmp_path / "odd.eml"
    path.write_bytes(
        b"MIME-Version: 1.0\r\nContent-Type: text/html; charset"
        + charset.encode()
        + b"\r\n\r\n<p>13912345678</p>\r\n"
    )
    assert [f.kind.value for f in scan_file(path).findings] == ["phone"]


@pytest.mark.parametrize("charset", ["=rot13", "=undefined", "*=us-ascii''utf-8%00"])
def test_a_text_part_whose_charset_is_no_text_encoding_is_read(
    tmp_path: Path, charset: str
) -> None:
    # a text/plain part: zfgk stopped on an error it did not expect (LookupError, UnicodeError,
    # ValueError) before
    path = tmp_path / "odd.eml"
    path.write_bytes(
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset"
        + charset.encode()
        + b"\r\n\r\n13912345678\r\n"
    )
    assert [f.kind.value for f in scan_file(path).findings] == ["phone"]


@pytest.mark.parametrize(
    ("label", "encoding"),
    [("unicode", "utf-16-le"), ("ucs-2", "utf-16-le"), ("unicodeFFFE", "utf-16-be")],
)
def test_windows_names_of_utf_16_are_read_and_masked_byte_for_byte(
    tmp_path: Path, label: str, encoding: str
) -> None:
    # Outlook and .NET name UTF-16 so; Python knows none of the three names
    body = base64.b64encode("电话 13912345678\r\n".encode(encoding))
    path = tmp_path / "utf16.eml"
    path.write_bytes(
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset="
        + label.encode()
        + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + body
        + b"\r\n"
    )
    assert [f.kind.value for f in scan_file(path).findings] == ["phone"]
    output = masked(path, tmp_path)
    part = email.message_from_bytes(output.read_bytes()).get_payload(decode=True)
    assert isinstance(part, bytes)
    assert part == "电话 139****5678\r\n".encode(encoding)  # no byte-order mark put in


def test_a_header_in_8_bit_and_a_message_inside_a_message(tmp_path: Path) -> None:
    inner = "Subject: 转发\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n身份证 11010519491231002X\r\n"
    mail = (
        "Subject: 原件 13812345678\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: message/rfc822\r\n\r\n" + inner + "--b--\r\n"
    ).encode("utf-8")
    path = tmp_path / "转发.eml"
    path.write_bytes(mail)
    assert numbers(open_document(path)) == [
        ("phone", "Subject", "13812345678"),
        ("id_number", "text/plain, line 1", "11010519491231002X"),
    ]
    output = masked(path, tmp_path)
    assert output.read_bytes() == mail.replace(b"13812345678", b"138****5678").replace(
        b"11010519491231002X", b"110105********002X"
    )


# ------------------------------------------------------------------ .mht


def test_a_web_archive_as_word_saves_it() -> None:
    document = open_document(DATA / "word.mht")
    assert document.kind is Kind.MHT
    assert document.unread == []  # its picture, theme and file list hold nothing to read
    assert numbers(document) == [
        ("id_number", "file0001.htm, line 21", "130801194803078184"),  # over three <span>s
        ("phone", "file0001.htm, line 23", "18612345678"),  # split by a soft line break
        ("phone", "file0001.htm, line 12", "17016019667"),  # in a comment (o:Author)
    ]


def test_a_masked_web_archive_changes_the_digits_in_place(tmp_path: Path) -> None:
    source = DATA / "word.mht"
    output = masked(source, tmp_path)
    before, after = source.read_bytes(), output.read_bytes()
    assert len(after) == len(before)
    assert after == (
        before.replace(b"lang=3DEN-US>19480307<", b"lang=3DEN-US>********<")
        .replace(b"186123=\r\n45678", b"186***=\r\n*5678")
        .replace(b"17016019667", b"170****9667")
    )
    page = email.message_from_bytes(after, policy=email.policy.compat32).get_payload(0)
    assert isinstance(page, email.message.Message)
    payload = page.get_payload()
    assert isinstance(payload, str)
    html = quopri.decodestring(payload.encode("ascii")).decode("gb2312")
    assert "130801</span><span lang=EN-US>********</span><span lang=EN-US>8184" in html
    assert "联系电话：</span><span lang=EN-US>186****5678</span>" in html


def test_a_web_archive_as_chrome_saves_it(tmp_path: Path) -> None:
    document = open_document(DATA / "chrome.mht")
    assert numbers(document) == [
        ("id_number", "t20260105_1.html, line 1", "11010519491231002X"),
        ("phone", "t20260105_1.html, line 1", "15965849294"),
        ("phone", "t20260105_1.html, line 1", "13912345678"),  # href="tel:…"
    ]
    output = masked(DATA / "chrome.mht", tmp_path)
    page = email.message_from_bytes(output.read_bytes(), policy=email.policy.default)
    html = next(p for p in page.walk() if p.get_content_type() == "text/html").get_content()
    assert "<td>110105<span>********</span>002X</td><td>159 **** 9294</td>" in html
    assert 'href="tel:139****5678"' in html


@WITHOUT_OCR
def test_a_page_that_says_gbk_and_an_image_attached(tmp_path: Path) -> None:
    page = "<p>电话 13812345678</p>".encode("gbk")
    mail = (
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n'
        b"--x\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + page
        + b"\r\n--x\r\nContent-Type: image/png\r\nContent-Disposition: attachment; "
        b'filename="scan.png"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==\r\n"
        b"--x--\r\n"
    )
    path = tmp_path / "a.eml"
    path.write_bytes(mail)
    result = scan_file(path)
    assert [f.to_dict() for f in result.findings] == [
        {"kind": "phone", "part": "text/html", "line": 1}
    ]
    # An attached picture is a file of its own, which only OCR reads: cannot check.
    assert [gap.location.describe() for gap in result.unread] == ["scan.png: whole file"]
    assert result.verdict.value == "cannot-check"


# ------------------------------------------------------------------ .rtf


def test_rich_text_as_word_writes_it_is_read_whole() -> None:
    document = open_document(DATA / "notice.rtf")
    assert document.kind is Kind.RTF
    lines = document.text.split("\n")
    # As LibreOffice reads the same file (tools/make_text_fixtures.py checks it).
    assert lines[:11] == [
        "申请人张三，身份证号：500103199003071239。",
        "电话13812345678",
        "隐藏 13812345678 和 1395678",
        "修订 130****5678",
        "拨打电话",
        "姓名",
        "证件号",
        "李四",
        "430482196401255682",
        "备注",
        "金额 13812345678.00 元",
    ]
    assert numbers(document) == [
        ("id_number", "document, paragraph 1", "500103199003071239"),
        ("phone", "document, paragraph 2", "13812345678"),  # \u49?\u51?\u56? then digits
        ("phone", "document, paragraph 3", "13812345678"),  # hidden text inside it
        ("id_number", "document, paragraph 10", "430482196401255682"),  # a table's cell
        ("phone", "header, paragraph 1", "15965849294"),
        ("id_number", "footnote, paragraph 1", "130801194803078184"),
        ("phone", "comment, paragraph 1", "18612345678"),
        ("phone", "document, paragraph 3", "13912345678"),  # with its hidden digits shown
        ("phone", "document, paragraph 4", "13012345678"),  # as it was before the change
        ("phone", "properties", "17016019667"),  # \info's author
        ("phone", "document, paragraph 5", "13512345678"),  # the field's instruction
    ]


def test_rich_text_is_masked_in_place(tmp_path: Path) -> None:
    source = DATA / "notice.rtf"
    before = source.read_bytes()
    after = masked(source, tmp_path).read_bytes()
    expected = before
    for old, new in [
        (rb"500103{\b 1990}0307{\i 12}39", rb"500103{\b ****}****{\i 12}39"),
        (rb"{\uc1\u49?\u51?\u56?}12345678", rb"{\uc1\u49?\u51?\u56?}****5678"),
        (rb"138{\v 0000}12345678", rb"138{\v 0000}****5678"),
        (rb"139{\v 1234}5678", rb"139{\v ****}5678"),
        (rb"130{\deleted\revauthdel1 1234}", rb"130{\deleted\revauthdel1 ****}"),
        (b"tel:13512345678", b"tel:135****5678"),
        (b"430482196401255682", b"430482********5682"),
        (b"159{\\b 6584}9294", b"159{\\b ****}9294"),
        (b"130801194803078184", b"130801********8184"),
        (b"18612345678", b"186****5678"),
        (b"17016019667", b"170****9667"),
    ]:
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    assert after == expected


def test_an_object_embedded_in_rich_text_is_not_read() -> None:
    result = scan_file(DATA / "object.rtf")
    assert [gap.describe() for gap in result.unread] == [
        "document, paragraph 14: an embedded object (an OLE object such as an Excel sheet) zfgk "
        "cannot read: check it by eye, or paste its content as text"
    ]
    assert result.verdict.value == "cannot-check"
    assert len(result.findings) == 11  # what was read is still listed


def test_rich_text_as_libreoffice_writes_it() -> None:
    # lo.rtf is notice.odt saved by LibreOffice: the same numbers; LibreOffice writes the page
    # style's footer twice (\footer and \*\pgdsctbl).
    found = sorted(digits for _, _, digits in numbers(open_document(DATA / "lo.rtf")))
    assert found == sorted(
        [
            "500103199003071239",
            "13812345678",
            "13812345678",  # the link's tel: address
            "15965849294",
            "15965849294",
            "130801194803078184",
            "130801194803078184",
            "18612345678",
            "430482196401255682",
            "17016019667",
            "13512345678",
            "13012345678",
        ]
    )


def test_rich_text_code_pages_and_escapes(tmp_path: Path) -> None:
    path = tmp_path / "a.rtf"
    # Big5 by the font's charset (136), a surrogate pair in two \u, \'hh digits, \bin skipped.
    path.write_bytes(
        rb"{\rtf1\ansi\ansicpg1252{\fonttbl{\f1\fcharset136 x;}}\f1 \'b9\'71\'b8\'dc "
        rb"{\uc1\u-10179?\u-8704?} \'31\'33\'38\'31\'32\'33\'34\'35\'36\'37\'38"
        rb"{\*\blob\bin3 abc}\par}"
    )
    document = open_document(path)
    assert document.text == "電話 😀 13812345678\n"
    output = tmp_path / "b.rtf"
    mask_file(path, output, mask_char="×")
    assert open_document(output).text == "電話 😀 138××××5678\n"


# ------------------------------------------------------------------ .odt


def test_an_odt_is_read_as_libreoffice_shows_it() -> None:
    document = open_document(DATA / "notice.odt")
    assert document.kind is Kind.ODT
    assert document.text.split("\n")[:9] == [
        "保障性住房分配结果公示",
        "申请人张三，身份证号：500103199003071239，联系电话：13812345678。",
        "修订后电话 130****5678",
        "备注1。批注完",  # the note's citation shows; its body and the comment do not
        "姓名",
        "手机",
        "李四",
        "159 6584 9294",
        "金额 13812345678.00 元，公网安备 50010302000111 号",
    ]
    assert numbers(document) == [
        ("id_number", "document, paragraph 2", "500103199003071239"),
        ("phone", "document, paragraph 2", "13812345678"),
        ("phone", "document, paragraph 8", "15965849294"),
        ("phone", "header, paragraph 1", "15965849294"),
        ("id_number", "footer, paragraph 1", "130801194803078184"),
        ("phone", "footnote, paragraph 1", "18612345678"),
        ("id_number", "comment, paragraph 1", "430482196401255682"),
        ("phone", "properties", "17016019667"),  # dc:description
        ("phone", "properties", "13512345678"),  # a user-defined property
        ("phone", "document, paragraph 3", "13012345678"),  # before its tracked change
        ("phone", "content.xml", "13812345678"),  # the link's tel: address
    ]


@pytest.mark.parametrize("name", ["form_boxes.odt", "form_boxes.rtf"])
def test_a_form_is_read_across_its_boxes_and_masked_in_them(tmp_path: Path, name: str) -> None:
    # LibreOffice's .odt and .rtf of a python-docx form, a digit per box: "clean" before
    # (only the .docx reader read across boxes); the row of three counts is no number
    document = open_document(DATA / name)
    assert [(kind, digits) for kind, _, digits in numbers(document)] == [
        ("id_number", "11010519491231002X"),
        ("phone", "13912345678"),
    ]
    output = masked(DATA / name, tmp_path)
    digits = [
        text
        for text in open_document(output).texts[0].text.split()
        if len(text) == 1 and text in "0123456789X*"
    ]
    # the boxes hold the masked numbers: 110105 ******** 002X and 139 **** 5678, then 3 2 0
    assert "".join(digits) == "110105********002X139****5678320"


def test_a_nested_table_of_digits_is_no_form() -> None:
    # LibreOffice's .rtf of a cell holding a 6 x 2 table of digits (1 3 / 9 1 / … / 8 号):
    # its nested rows end inside a \*\nesttableprops group, and were read as one row of
    # boxes, 13912345678 (a false alarm that mask then "masked"); the .docx reads clean
    found = scan_file(DATA / "nested_digits.rtf").findings
    assert [(f.kind.value, str(f.location)) for f in found] == [
        ("phone", "document, paragraph 1")  # 13512345678 above the table: the one number
    ]


def test_an_odt_is_masked_member_by_member(tmp_path: Path) -> None:
    source = DATA / "notice.odt"
    output = masked(source, tmp_path)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(output) as new:
        assert [i.filename for i in new.infolist()] == [i.filename for i in old.infolist()]
        assert new.infolist()[0].filename == "mimetype"
        assert new.infolist()[0].compress_type == zipfile.ZIP_STORED
        for info in old.infolist():
            data = new.read(info.filename)
            if info.filename not in ("content.xml", "styles.xml", "meta.xml"):
                assert data == old.read(info), info.filename
        content = old.read("content.xml")
        for digits, hidden in [
            (b">1990<", b">****<"),
            (b"0307<text:bookmark", b"****<text:bookmark"),
            (b'tel:13812345678"', b'tel:138****5678"'),
            (b'T1">1234</text:span>5678', b'T1">****</text:span>5678'),
            (b'"Standard">1234</text:p>', b'"Standard">****</text:p>'),  # the tracked deletion
            (b"18612345678", b"186****5678"),
            (b"430482196401255682", b"430482********5682"),
            (b"159 6584 9294", b"159 **** 9294"),
        ]:
            assert content.count(digits) == 1, digits
            content = content.replace(digits, hidden)
        assert new.read("content.xml") == content
        assert b"130801********8184" in new.read("styles.xml")
        assert b"170****9667" in new.read("meta.xml")
        assert b">135****5678<" in new.read("meta.xml")


# ------------------------------------------------------------------ OFD


def test_an_ofd_is_read_page_by_page_with_its_glyphs_joined() -> None:
    document = open_document(DATA / "notice.ofd")
    assert document.kind is Kind.OFD
    lines = document.text.split("\n")
    # Each line as a reader shows it: the ID over two text objects, the mobile number drawn
    # one glyph at a time and letter-spaced, a line scaled by its CTM.
    for line in (
        "2026年配租结果公示",
        "申请人张三，身份证号500103199003071239",
        "联系电话13812345678",
        "金额 13812345678.00 元，电话 15965849294",
        "监督电话：023-63612345",  # the template under the page
    ):
        assert line in lines
    assert numbers(document) == [
        ("phone", "名单.xlsx: 名单!C3", "15965849294"),
        ("phone", "properties", "17016019667"),
        ("id_number", "page 1", "500103199003071239"),
        ("phone", "page 1", "13812345678"),
        ("phone", "page 1", "15965849294"),
        ("phone", "page 1, annotation", "18612345678"),
    ]
    assert document.unread == []


def test_an_ofd_with_a_scanned_page_cannot_be_checked_and_is_never_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = scan_file(DATA / "scanned.ofd")
    assert [gap.location.describe() for gap in result.unread] == ["page 2"]
    assert result.verdict.value == "cannot-check"
    code, _, err = run(capsys, "mask", str(DATA / "notice.ofd"), "-o", str(tmp_path / "o.ofd"))
    assert code == 2
    assert "an OFD document (.ofd) cannot be written back by zfgk" in err
    assert "mask the document it was made from" in err
    assert not (tmp_path / "o.ofd").exists()


# ------------------------------------------------------------------ XML and feeds


def test_a_feed_with_escaped_markup_and_cdata_is_read_as_a_page_shows_it(tmp_path: Path) -> None:
    source = DATA / "feed.xml"
    document = open_document(source)
    assert document.kind is Kind.XML
    assert numbers(document) == [
        ("phone", "line 5", "13812345678"),  # &lt;b&gt; inside the number
        ("id_number", "line 6", "500103199003071239"),  # <span> inside CDATA
        ("phone", "line 7", "15965849294"),
    ]
    output = masked(source, tmp_path)
    assert output.read_bytes() == source.read_bytes().replace(
        b"138&lt;b&gt;1234&lt;/b&gt;5678", b"138&lt;b&gt;****&lt;/b&gt;5678"
    ).replace(b"500103<span>1990</span>03071239", b"500103<span>****</span>****1239").replace(
        b"tel=15965849294", b"tel=159****9294"
    )


def test_xml_attributes_and_references(tmp_path: Path) -> None:
    path = tmp_path / "a.xml"
    path.write_text(
        '<?xml version="1.0" encoding="GB2312"?>\n<r><p tel="13812345678"/>'
        "<q>&#49;3912345678</q><svg><text><tspan>159</tspan><tspan>65849294</tspan></text></svg></r>\n",
        encoding="gb2312",
    )
    assert numbers(open_document(path)) == [
        ("phone", "line 2", "13912345678"),
        ("phone", "line 2", "15965849294"),  # tspans join
        ("phone", "line 2", "13812345678"),
    ]
    output = masked(path, tmp_path)
    assert output.read_text(encoding="gb2312").splitlines()[1] == (
        '<r><p tel="138****5678"/><q>&#49;39****5678</q>'
        "<svg><text><tspan>159</tspan><tspan>****9294</tspan></text></svg></r>"
    )


# ------------------------------------------------------------------ plain text, JSON


def test_utf16_without_a_bom_is_read_detected_or_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = DATA / "utf16le.txt"
    assert kind_of(source) is Kind.TEXT
    for extra in ((), ("--encoding", "utf-16-le")):
        code, out, _ = run(capsys, "scan", *extra, str(source))
        assert code == 1
        assert out.splitlines() == [
            f"{source}:1: unmasked mobile number",
            f"{source}:2: unmasked ID number",
        ]
    output = tmp_path / "out.txt"
    assert run(capsys, "mask", str(source), "-o", str(output))[0] == 0
    assert output.read_bytes() == (
        "联系电话：138****5678\r\n身份证号：110105********002X\r\n".encode("utf-16-le")
    )


def test_chinese_text_in_utf16_without_ascii_is_told_by_its_byte_order() -> None:
    from zfgk.formats import utf16_order

    text = "公示名单：张三、李四、王五。"
    assert utf16_order(text.encode("utf-16-le")) == "utf-16-le"
    assert utf16_order(text.encode("utf-16-be")) == "utf-16-be"


@pytest.mark.parametrize("name", ["说明.txt", "README.md", "data.xml"])
def test_mask_of_a_text_file_changes_only_the_digits(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    text = 'say "hi", 张三 13812345678;\n"quoted, with commas" 11010519491231002X\n'
    if name.endswith(".xml"):
        text = f"<r>{text}</r>\n"
    source.write_text(text, encoding="utf-8")
    output = masked(source, tmp_path)
    assert output.read_text(encoding="utf-8") == text.replace("13812345678", "138****5678").replace(
        "11010519491231002X", "110105********002X"
    )


def test_one_json_document_is_read_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = DATA / "one.json"
    assert kind_of(source) is Kind.JSON
    code, out, _ = run(capsys, "scan", str(source))
    assert (code, out) == (1, f"{source}:5: unmasked mobile number\n")
    output = tmp_path / "out.json"
    assert run(capsys, "mask", str(source), "-o", str(output))[0] == 0
    assert output.read_bytes() == source.read_bytes().replace(b"13812345678", b"138****5678")


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=200)
    | st.text("=\r\n 0123456789ABCDEFabcdefg中", max_size=80).map(str.encode)
)
def test_quoted_printable_is_decoded_as_the_standard_library_decodes_it(data: bytes) -> None:
    decoded, spans = decode_qp(data)
    assert decoded == binascii.a2b_qp(data)
    for byte, (start, end) in zip(decoded, spans, strict=True):
        # The byte itself, or the escape (=XX, a doubled "=") that stands for it.
        assert bytes([byte]) in (data[start:end], binascii.a2b_qp(data[start:end]))


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.iterdir()))
def test_no_fixture_scans_clean_and_every_masked_copy_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    source = DATA / name
    code, _, _ = run(capsys, "scan", str(source))
    assert code in (1, 2)  # each holds a number: found, or cannot check
    output = tmp_path / f"masked-{name}"
    if run(capsys, "mask", str(source), "-o", str(output))[0] == 0:
        assert run(capsys, "scan", str(output))[0] == 0
    else:
        assert not output.exists()


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("a.eml", b"Return-Path: <zfbz@example.gov.cn>\r\n"),
        ("a.eml", b"Delivered-To: gongshi@example.gov.cn\r\n"),
        ("a.eml", b"Thread-Topic: x\r\n"),  # any header, where the name says it is a mail
        ("a.txt", b"Return-Path: <zfbz@example.gov.cn>\r\n"),
    ],
)
def test_a_mail_as_a_server_saves_it_is_a_mail(tmp_path: Path, name: str, first: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(
        first + b"Subject: =?utf-8?b?55S16K+dIDEzODEyMzQ1Njc4?=\r\n"
        b"Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"6Lqr5Lu96K+BIDExMDEwNTE5NDkxMjMxMDAyWA==\r\n"
    )
    assert kind_of(path) is Kind.EML
    assert numbers(open_document(path)) == [
        ("phone", "Subject", "13812345678"),
        ("id_number", "text/plain, line 1", "11010519491231002X"),
    ]


def test_utf16_cut_in_the_middle_of_a_character_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes((DATA / "utf16le.txt").read_bytes()[:-1])
    code, _, err = run(capsys, "scan", str(path))
    assert code == 2
    assert "the file ends in the middle of a character (utf-16-le-nobom); is it truncated?" in err


def test_an_xml_file_in_a_forced_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.xml"
    path.write_bytes("<r>电话 13812345678</r>\n".encode("gbk"))  # no declaration says GBK
    code, out, _ = run(capsys, "scan", "--encoding", "gbk", str(path))
    assert (code, out) == (1, f"{path}:1: unmasked mobile number\n")
    output = tmp_path / "out.xml"
    assert run(capsys, "mask", "--encoding", "gbk", str(path), "-o", str(output))[0] == 0
    assert output.read_bytes() == "<r>电话 138****5678</r>\n".encode("gbk")
