"""Files a Word document holds: altChunk parts and embedded objects, read as what they are.

Fixtures (tools/make_word_fixtures.py):

- ``altchunk.docx`` (python-docx): ``word/afchunk.htm`` holds 赵六's ID number
  140600200206116915 (split by a span) and mobile 13612345678 (split by a
  span), ``word/afchunk.mht`` (made with the standard library's email)
  孙七's ID number 140825199307049363; ``altchunk_html.docx`` the HTML part only.
- ``embedded.docx`` (LibreOffice): the body's 联系人 15895116928 (paragraph
  3), a spreadsheet object whose 名单!B2 holds 15049008204, a text object
  whose second paragraph holds 18624191938.
- ``object.docx`` (python-docx): the body's 18645777767 (paragraph 1), and a
  Word 97-2003 document made by LibreOffice embedded as an OLE object.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from zfgk import find_pii, mask_file, scan_file
from zfgk.documents import DocumentError, Location, MaskUnsupportedError, read
from zfgk.files import Verdict

from .test_documents_docx import make_docx, members

DATA = Path(__file__).parent / "data" / "word"


def findings(path: Path) -> list[tuple[str, str]]:
    return [(f.kind.value, str(f.location)) for f in scan_file(path).findings]


def unread(path: Path) -> list[str]:
    return [gap.describe() for gap in scan_file(path).unread]


# ------------------------------------------------------------------ altChunk


def test_an_html_alt_chunk_is_read_as_a_page() -> None:
    path = DATA / "altchunk_html.docx"
    assert findings(path) == [
        ("id_number", "word/afchunk.htm: line 1"),
        ("phone", "word/afchunk.htm: line 1"),
    ]
    assert read(path).text == (
        "公示名单如下：\n公示期为5个工作日。\n"
        "名单\n姓名\n身份证号\n联系电话\n赵六\n140600200206116915\n13612345678\n"
    )
    assert scan_file(path).verdict is Verdict.FOUND


def test_an_html_alt_chunk_is_masked_in_place(tmp_path: Path) -> None:
    source = DATA / "altchunk_html.docx"
    out = tmp_path / "out.docx"
    mask_file(source, out)
    before, after = members(source), members(out)
    assert list(after) == list(before)
    page = before["word/afchunk.htm"].decode("utf-8")
    for old, new in [
        ("<span style='color:red'>20020611</span>", "<span style='color:red'>********</span>"),
        ("<span>1234</span>", "<span>****</span>"),
    ]:
        assert page.count(old) == 1
        page = page.replace(old, new)
    assert after["word/afchunk.htm"].decode("utf-8") == page
    assert {k: v for k, v in after.items() if k != "word/afchunk.htm"} == {
        k: v for k, v in before.items() if k != "word/afchunk.htm"
    }
    assert scan_file(out).verdict is Verdict.CLEAN


def test_an_mht_alt_chunk_is_read_as_the_web_archive_it_is() -> None:
    """The MHT part is read by zfgk's MHT reader (孙七's ID number, in its page 名单.htm); what
    the HTML part holds is found too.  A number in it cannot be masked in place: refused."""
    path = DATA / "altchunk.docx"
    result = scan_file(path)
    assert result.verdict is Verdict.FOUND
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("id_number", "word/afchunk.htm: line 1"),
        ("phone", "word/afchunk.htm: line 1"),
        ("id_number", "word/afchunk.mht: 名单.htm, line 1"),
    ]
    assert result.unread == ()


def test_an_alt_chunk_named_by_its_relationship_wherever_it_is(tmp_path: Path) -> None:
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="c1" Target="/chunks/part1.dat" Type="http://schemas.openxml'
        'formats.org/officeDocument/2006/relationships/aFChunk"/></Relationships>'
    )
    path = make_docx(
        tmp_path / "a.docx",
        '<w:p><w:r><w:t>见下</w:t></w:r></w:p><w:altChunk r:id="c1" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>',
        extra={
            "word/_rels/document.xml.rels": rels.encode(),
            "chunks/part1.dat": "<html><body><p>电话 138<b>1234</b>5678</p></body></html>".encode(),
        },
    )
    assert findings(path) == [("phone", "chunks/part1.dat: line 1")]


def test_an_alt_chunk_of_plain_text_is_read_not_written(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p/>",
        extra={"word/afchunk.txt": "联系人 13912345678\n".encode()},
    )
    assert findings(path) == [("phone", "word/afchunk.txt: line 1")]
    with pytest.raises(MaskUnsupportedError, match=r"word/afchunk\.txt: line 1: a full ID"):
        mask_file(path, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()


# ------------------------------------------------------------ embedded objects


def test_embedded_workbooks_and_documents_are_read() -> None:
    path = DATA / "embedded.docx"
    assert findings(path) == [
        ("phone", "document, paragraph 3"),
        ("phone", "word/embeddings/oleObject1.xlsx: 名单!B2"),
        ("phone", "word/embeddings/oleObject2.docx: document, paragraph 2"),
        # the picture Word shows of the spreadsheet object (LibreOffice's EMF of it): its
        # rows drawn as text, read by what they draw
        ("phone", "word/media/image1.emf: line 2"),
    ]
    result = scan_file(path)
    assert result.verdict is Verdict.FOUND
    assert result.findings[1].location == Location(
        sheet="名单", cell="B2", member="word/embeddings/oleObject1.xlsx"
    )


def test_an_embedded_file_holding_a_number_makes_mask_refuse(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    with pytest.raises(MaskUnsupportedError) as refused:
        mask_file(DATA / "embedded.docx", out)
    message = str(refused.value)
    assert (
        "word/embeddings/oleObject1.xlsx: 名单!B2, "
        "word/embeddings/oleObject2.docx: document, paragraph 2, "
        "word/media/image1.emf: line 2: a full ID or mobile number "
        "in a file inside the document"
    ) in message
    assert "15049008204" not in message
    assert "18624191938" not in message
    assert not out.exists()


def test_a_word_97_object_is_read_and_the_body_is_still_searched(tmp_path: Path) -> None:
    # the embedded .doc (经办人手机 17034111407, tools/make_word_fixtures.py) was "cannot check"
    path = DATA / "object.docx"
    result = scan_file(path)
    assert result.verdict is Verdict.FOUND
    assert result.error is None
    embedded = "word/embeddings/Microsoft_Word_97_-_2003_Document.doc"
    assert [(f.kind.value, f.location) for f in result.findings] == [
        ("phone", Location(part="document", paragraph=1)),
        ("phone", Location(part="document", paragraph=1, member=embedded)),
    ]
    assert unread(path) == []
    with pytest.raises(MaskUnsupportedError, match="a file inside the document"):
        mask_file(path, tmp_path / "out.docx")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)),
        ("word/embeddings/oleObject2.bin", bytes(range(256)) * 4),
    ],
)
def test_an_equation_or_any_other_object_is_named(tmp_path: Path, name: str, data: bytes) -> None:
    path = make_docx(
        tmp_path / "a.docx", "<w:p><w:r><w:t>公式</w:t></w:r></w:p>", extra={name: data}
    )
    (gap,) = scan_file(path).unread
    assert gap.location == Location(member=name)
    assert "an object embedded in the document that zfgk cannot read" in gap.describe()


def test_pictures_and_empty_members_are_not_objects(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p/>",
        extra={
            "word/embeddings/image1.emf": b"\x01\x00\x00\x00" + bytes(100),
            "word/embeddings/empty.bin": b"",
            "word/media/image2.png": b"\x89PNG\r\n\x1a\n" + bytes(20),
        },
    )
    assert scan_file(path).verdict is Verdict.CLEAN


def test_activex_data_is_named_as_not_read(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx", "<w:p/>", extra={"word/activeX/activeX1.bin": b"\x00" * 64}
    )
    (gap,) = scan_file(path).unread
    assert gap.location == Location(member="word/activeX/activeX1.bin")
    assert "ActiveX control" in gap.describe()


def docx_bytes(body: str, extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{body}</w:body></w:document>",
        )
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buffer.getvalue()


def test_files_inside_files_are_read_three_deep(tmp_path: Path) -> None:
    inner = docx_bytes("<w:p><w:r><w:t>三层 13712345678</w:t></w:r></w:p>")
    for _ in range(3):  # the fourth file inside a file holds the number
        inner = docx_bytes(
            "<w:p><w:r><w:t>一层</w:t></w:r></w:p>", {"word/embeddings/inner.docx": inner}
        )
    path = make_docx(tmp_path / "a.docx", "<w:p/>", extra={"word/embeddings/outer.docx": inner})
    result = scan_file(path)
    assert not result.findings
    assert [str(gap.location) for gap in result.unread] == [
        "word/embeddings/outer.docx/word/embeddings/inner.docx/word/embeddings/inner.docx"
        "/word/embeddings/inner.docx: whole file"
    ]
    assert "more than 3 deep" in result.unread[0].describe()
    shallower = make_docx(
        tmp_path / "b.docx",
        "<w:p/>",
        extra={
            "word/embeddings/one.docx": docx_bytes(
                "<w:p/>",
                {
                    "word/embeddings/two.docx": docx_bytes(
                        "<w:p><w:r><w:t>13712345678</w:t></w:r></w:p>"
                    )
                },
            )
        },
    )
    assert findings(shallower) == [
        ("phone", "word/embeddings/one.docx/word/embeddings/two.docx: document, paragraph 1")
    ]


def test_a_damaged_embedded_file_is_named_without_the_temporary_copy(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>13712345678</w:t></w:r></w:p>",
        extra={"word/embeddings/Microsoft_Excel_Worksheet.xlsx": b"PK\x03\x04" + bytes(64)},
    )
    result = scan_file(path)
    assert [f.kind.value for f in result.findings] == ["phone"]
    (gap,) = result.unread
    assert gap.location.member == "word/embeddings/Microsoft_Excel_Worksheet.xlsx"
    assert "zfgk-" not in gap.describe()
    assert "/tmp" not in gap.describe()


def test_embedded_files_share_one_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from zfgk.documents import _embedded

    monkeypatch.setattr(_embedded, "MAX_INSIDE", 3000)
    sheet = docx_bytes("<w:p><w:r><w:t>" + "字" * 300 + "</w:t></w:r></w:p>")
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p/>",
        extra={f"word/embeddings/d{k}.docx": sheet for k in range(4)},
    )
    gaps = scan_file(path).unread
    assert gaps
    assert all("would inflate to more than" in gap.describe() for gap in gaps)
    assert len(gaps) < 4  # the first ones were read


def test_the_text_of_a_document_with_files_inside_is_found_by_find_pii() -> None:
    doc = read(DATA / "embedded.docx")
    assert len(find_pii(doc.text)) == 4  # the spreadsheet object's number twice: its picture too


def test_digits_inserted_as_symbols_are_read_and_not_masked_in_place(tmp_path: Path) -> None:
    # Insert > Symbol writes <w:sym w:font="…" w:char="0031"/>: Word and LibreOffice show
    # "1"; a symbol font's digits are F030-F039.  It was "clean" before.
    symbols = "".join(f'<w:sym w:font="Arial" w:char="{0x30 + int(d):04X}"/>' for d in "139")
    symbols += "".join(f'<w:sym w:font="Symbol" w:char="{0xF030 + int(d):04X}"/>' for d in "1234")
    path = make_docx(
        tmp_path / "a.docx",
        f"<w:p><w:r><w:t>电话</w:t>{symbols}<w:t>5678</w:t></w:r></w:p>",
    )
    assert "电话13912345678" in read(path).text
    assert [f.kind.value for f in scan_file(path).findings] == ["phone"]
    with pytest.raises(DocumentError, match="cannot be changed"):
        mask_file(path, tmp_path / "out.docx")
    assert not (tmp_path / "out.docx").exists()
