"""Word 2003 XML (``w:wordDocument``, often saved as .doc) and flat XML packages: read and masked.

``word2003.doc`` is a notice LibreOffice saved as "MS Word 2003 XML" under
the name .doc (tools/make_word_fixtures.py), its numbers split over runs of
different formatting: 张三's ID number 451025195501255656 and mobile
15895116928 (paragraph 2), 李四's ID number 520502199112142971 in a table
cell (paragraph 4), and 联系人 17093902948 in the page header.  Word 2003's
own shapes that LibreOffice does not write (tracked changes as
``aml:annotation``, an OLE object as ``w:binData``) and Word 2007's flat XML
package are written by hand below.
"""

from __future__ import annotations

import base64
import io
import zipfile
from pathlib import Path

import pytest

from zfgk import find_pii, mask_file, scan_file
from zfgk.documents import DocumentError, Location, read
from zfgk.files import Verdict
from zfgk.formats import Kind, kind_of
from zfgk.privacy import strip_separators

WORD2003 = Path(__file__).parent / "data" / "word" / "word2003.doc"
W2003 = "http://schemas.microsoft.com/office/word/2003/wordml"


def found(path: Path) -> list[tuple[str, str, Location]]:
    doc = read(path)
    return [
        (m.kind.value, strip_separators(doc.text[m.start : m.end]), doc.locate(m.start))
        for m in find_pii(doc.text)
    ]


def test_word_2003_xml_is_read_with_its_runs_joined() -> None:
    assert kind_of(WORD2003) is Kind.WORD_XML
    doc = read(WORD2003)
    assert doc.text == (
        "保障性住房分配结果公示\n"
        "申请人：张三，身份证号：451025195501255656，电话：15895116928。\n"
        "李四\n520502199112142971\n监督电话：023-63612345\n联系人 17093902948\n"
    )
    assert found(WORD2003) == [
        ("id_number", "451025195501255656", Location(part="document", paragraph=2)),
        ("phone", "15895116928", Location(part="document", paragraph=2)),
        ("id_number", "520502199112142971", Location(part="document", paragraph=4)),
        ("phone", "17093902948", Location(part="header", paragraph=1)),
    ]


def test_word_2003_xml_is_masked_in_place(tmp_path: Path) -> None:
    out = tmp_path / "公示.doc"
    done = mask_file(WORD2003, out)
    assert done.kind is Kind.WORD_XML
    expected = WORD2003.read_text(encoding="utf-8")
    for old, new in [
        ("<w:t>1955</w:t>", "<w:t>****</w:t>"),
        ("<w:t>01255656，电话：158</w:t>", "<w:t>****5656，电话：158</w:t>"),
        ("<w:t>9511</w:t>", "<w:t>****</w:t>"),
        ("<w:t>19911214</w:t>", "<w:t>********</w:t>"),
        ("<w:t>联系人 17093902948</w:t>", "<w:t>联系人 170****2948</w:t>"),
    ]:
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    assert out.read_text(encoding="utf-8") == expected
    assert scan_file(out).verdict is Verdict.CLEAN


def word_xml(body: str, head: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<?mso-application progid="Word.Document"?>\n'
        f'<w:wordDocument xmlns:w="{W2003}" xmlns:aml="http://schemas.microsoft.com/aml/2001/core" '
        'xmlns:o="urn:schemas-microsoft-com:office:office">'
        f"{head}<w:body>{body}</w:body></w:wordDocument>"
    )


def test_utf16_with_its_declaration_is_read_and_written_back_in_utf16(tmp_path: Path) -> None:
    xml = word_xml("<w:p><w:r><w:t>电话 138</w:t></w:r><w:r><w:t>12345678</w:t></w:r></w:p>")
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "a.xml"
    path.write_bytes(b"\xff\xfe" + xml.encode("utf-16-le"))
    assert found(path) == [("phone", "13812345678", Location(part="document", paragraph=1))]
    mask_file(path, tmp_path / "out.xml")
    data = (tmp_path / "out.xml").read_bytes()
    assert data == b"\xff\xfe" + xml.replace(">12345678<", ">****5678<").encode("utf-16-le")


def test_comments_properties_and_hyperlinks(tmp_path: Path) -> None:
    path = tmp_path / "a.doc"
    path.write_text(
        word_xml(
            '<w:p><w:hlink w:dest="tel:13912345678"><w:r><w:t>电话</w:t></w:r></w:hlink>'
            '<w:r><aml:annotation aml:id="0" w:type="Word.Comment" aml:author="审核人">'
            "<aml:content><w:p><w:r><w:t>核对 17016019667</w:t></w:r></w:p></aml:content>"
            "</aml:annotation></w:r></w:p>",
            head="<o:DocumentProperties><o:Author>张三 18512113223</o:Author>"
            "</o:DocumentProperties>",
        ),
        encoding="utf-8",
    )
    assert found(path) == [
        ("phone", "17016019667", Location(part="comment", paragraph=1)),
        ("phone", "18512113223", Location(part="properties")),
        ("phone", "13912345678", Location(part="document", paragraph=1)),
    ]
    mask_file(path, tmp_path / "out.doc")
    assert scan_file(tmp_path / "out.doc").verdict is Verdict.CLEAN


def test_an_ole_object_kept_as_base64_is_named_as_not_read(tmp_path: Path) -> None:
    ole = base64.b64encode(b"ActiveMime\x00\x00" + bytes(200)).decode()
    picture = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(30)).decode()
    path = tmp_path / "a.doc"
    path.write_text(
        word_xml(
            "<w:p><w:r><w:t>手机 13712345678</w:t></w:r></w:p><w:p><w:r><w:pict>"
            f'<w:binData w:name="wordml://02000001.png">{picture}</w:binData>'
            f'<w:binData w:name="oledata.mso">\n{ole}\n</w:binData></w:pict></w:r></w:p>'
        ),
        encoding="utf-8",
    )
    result = scan_file(path)
    assert result.verdict is Verdict.CANNOT_CHECK
    assert [f.kind.value for f in result.findings] == ["phone"]
    (gap,) = result.unread
    assert gap.location == Location(member="oledata.mso")


def test_a_flat_xml_package_with_an_embedded_workbook(tmp_path: Path) -> None:
    """Word 2007's "Word XML Document": every part inline, a workbook as base64."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:  # a workbook zfgk reads: a cell and its string
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
    workbook = base64.b64encode(buffer.getvalue()).decode()
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    path = tmp_path / "a.xml"
    path.write_text(
        '<?xml version="1.0" standalone="yes"?><?mso-application progid="Word.Document"?>'
        '<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">'
        '<pkg:part pkg:name="/word/document.xml"><pkg:xmlData>'
        f'<w:document xmlns:w="{w}"><w:body><w:p><w:r><w:t>手机 150</w:t></w:r>'
        "<w:r><w:t>49008204</w:t></w:r></w:p></w:body></w:document></pkg:xmlData></pkg:part>"
        '<pkg:part pkg:name="/word/footer1.xml"><pkg:xmlData>'
        f'<w:ftr xmlns:w="{w}"><w:p><w:r><w:t>制表人 13612345678</w:t></w:r></w:p></w:ftr>'
        "</pkg:xmlData></pkg:part>"
        '<pkg:part pkg:name="/word/embeddings/Microsoft_Excel_Worksheet.zip">'
        f"<pkg:binaryData>{workbook}</pkg:binaryData></pkg:part></pkg:package>",
        encoding="utf-8",
    )
    assert kind_of(path) is Kind.WORD_XML
    assert found(path) == [
        ("phone", "15049008204", Location(part="document", paragraph=1)),
        ("phone", "13612345678", Location(part="footer1", paragraph=1)),
    ]
    assert scan_file(path).unread == ()  # the zip is read, member by member


def test_a_doctype_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.doc"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "13812345678">]>'
        f'<w:wordDocument xmlns:w="{W2003}"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p>'
        "</w:body></w:wordDocument>",
        encoding="utf-8",
    )
    assert kind_of(path) is Kind.WORD_XML
    with pytest.raises(DocumentError, match=r"a\.doc declares a DOCTYPE or an entity"):
        read(path)
    assert scan_file(path).verdict is Verdict.CANNOT_CHECK


def test_broken_xml_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "a.doc"
    path.write_text(word_xml("<w:p><w:r><w:t>x</w:p>"), encoding="utf-8")
    with pytest.raises(DocumentError, match=r"a\.doc is not well-formed XML \(line 3\)"):
        read(path)
