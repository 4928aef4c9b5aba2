"""Field instructions over several runs, deleted ones, and attribute values with entities.

``fields.docx`` is made by python-docx (tools/make_word_fixtures.py): a
HYPERLINK field whose instruction Word split over three ``w:instrText``
runs, a deleted field (``w:delInstrText``) holding an ID number in a link,
a simple field whose ``w:instr`` holds ``&quot;``, and a picture whose alt
text holds ``&amp;``.  Word publishes all of them (a link's target, a
tooltip); the answers are read off the script and the file's XML.
"""

from __future__ import annotations

import re
from pathlib import Path

from zfgk import find_pii, mask_file, scan_file
from zfgk.documents import Location, read
from zfgk.files import Verdict
from zfgk.privacy import strip_separators

from .test_documents_docx import make_docx, members

FIELDS = Path(__file__).parent / "data" / "word" / "fields.docx"


def found(path: Path) -> list[tuple[str, str, Location]]:
    doc = read(path)
    return [
        (m.kind.value, strip_separators(doc.text[m.start : m.end]), doc.locate(m.start))
        for m in find_pii(doc.text)
    ]


def test_instructions_are_read_joined_after_the_text() -> None:
    doc = read(FIELDS)
    assert doc.text == (
        "联系方式\n经办人电话：点击拨打\n原链接：\n监督电话：拨打\n以上信息仅供审核使用。\n"
        ' HYPERLINK "tel:17167073699" \n'
        ' HYPERLINK "https://example.gov.cn/apply?id=450222198107026198" \n'
        ' HYPERLINK "tel:18512113223" \\o "经办人 & 手机" \n'
        "申请人 张三&李四 手机 19321190528\n"
    )
    assert found(FIELDS) == [
        ("phone", "17167073699", Location(part="document", paragraph=2)),
        ("id_number", "450222198107026198", Location(part="document", paragraph=3)),
        ("phone", "18512113223", Location(part="document", paragraph=4)),
        ("phone", "19321190528", Location(part="document", paragraph=5)),
    ]


def test_masking_changes_the_runs_and_attributes_in_place(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    done = mask_file(FIELDS, out)  # an attribute with &amp; or &quot; is masked, not refused
    assert len(done.texts) == 4
    before, after = members(FIELDS), members(out)
    expected = before["word/document.xml"].decode("utf-8")
    (deleted,) = re.findall(r"<w:del [^>]*>.*?</w:del>", expected)  # the deleted field
    for old, new in [
        (">6707<", ">****<"),
        (deleted, ""),  # removed whole, as accepting the deletion would
        ("&quot;tel:18512113223&quot;", "&quot;tel:185****3223&quot;"),
        ("张三&amp;李四 手机 19321190528", "张三&amp;李四 手机 193****0528"),
    ]:
        assert expected.count(old) == 1, old
        expected = expected.replace(old, new)
    assert after["word/document.xml"].decode("utf-8") == expected
    assert scan_file(out).verdict is Verdict.CLEAN


def test_nested_fields_and_an_instruction_outside_any_field(tmp_path: Path) -> None:
    begin, separate, end = (
        f"<w:r><w:fldChar w:fldCharType='{kind}'/></w:r>" for kind in ("begin", "separate", "end")
    )
    path = make_docx(
        tmp_path / "a.docx",
        f'<w:p>{begin}<w:r><w:instrText> IF 1 = 1 "139</w:instrText></w:r>'
        f"{begin}<w:r><w:instrText> PAGE </w:instrText></w:r>{separate}<w:r><w:t>1</w:t></w:r>{end}"
        f'<w:r><w:instrText>1234 5678" ""</w:instrText></w:r>{separate}'
        f"<w:r><w:t>见附件</w:t></w:r>{end}</w:p>"
        "<w:p><w:r><w:instrText>MERGEFIELD 13612345678</w:instrText></w:r></w:p>",
    )
    assert read(path).text == ('1见附件\n IF 1 = 1 "1391234 5678" ""\nMERGEFIELD 13612345678\n')
    assert found(path) == [
        ("phone", "13912345678", Location(part="document", paragraph=1)),
        ("phone", "13612345678", Location(part="document", paragraph=2)),
    ]


def test_a_field_over_two_paragraphs(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        '<w:r><w:instrText>HYPERLINK "tel:150</w:instrText></w:r></w:p>'
        '<w:p><w:r><w:instrText>49008204"</w:instrText></w:r>'
        "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>",
    )
    assert found(path) == [("phone", "15049008204", Location(part="document", paragraph=1))]


def test_attributes_with_entities_in_a_page_are_masked(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        '<p><a href="tel:13812345678" title="联系人&amp;经办人 &quot;13912345678&quot;">电话</a></p>',
        encoding="utf-8",
    )
    assert [(kind, number) for kind, number, _ in found(path)] == [
        ("phone", "13812345678"),
        ("phone", "13912345678"),
    ]
    mask_file(path, tmp_path / "out.html")
    assert (tmp_path / "out.html").read_text(encoding="utf-8") == (
        '<p><a href="tel:138****5678" title="联系人&amp;经办人 &quot;139****5678&quot;">电话</a></p>'
    )


def test_an_attribute_with_entities_in_every_member_is_masked(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>见属性</w:t></w:r></w:p>",
        extra={
            "docProps/core.xml": (
                '<cp:coreProperties xmlns:cp="urn:cp" xmlns:dc="urn:dc">'
                "<dc:creator>张三 &amp; 李四 &#49;3812345678</dc:creator></cp:coreProperties>"
            ).encode()
        },
    )
    assert found(path) == [("phone", "13812345678", Location(part="docProps/core"))]
    mask_file(path, tmp_path / "out.docx")
    core = members(tmp_path / "out.docx")["docProps/core.xml"].decode()
    assert "<dc:creator>张三 &amp; 李四 &#49;38****5678</dc:creator>" in core
