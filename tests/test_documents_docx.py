"""Word .docx files: runs joined, numbers masked in place, bombs refused (zfgk.documents).

``notice.docx`` is made by python-docx (tests/data/documents/make_fixtures.py):
an ID number split over four runs of different formatting with a bookmark
and proofing marks between them, a mobile number over three runs, a table,
a header and a footer.  The expected answers are read off that script.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zfgk import find_pii, redact
from zfgk.documents import DocumentError, Location, read
from zfgk.formats import Kind
from zfgk.privacy import strip_separators

from .helpers import mask

NOTICE = Path(__file__).parent / "data" / "documents" / "notice.docx"


def test_the_text_of_body_table_header_and_footer_with_runs_joined() -> None:
    doc = read(NOTICE)
    assert doc.text == (
        "保障性住房分配结果公示\n"
        "申请人张三，身份证号：500103199003071239，联系电话：13812345678。\n"
        "序号\n身份证号\n联系电话\n1\n430482196401255682\n159 6584 9294\n"
        "租金 1234.50 元/月，房号 3-2-201，监督电话 023-63612345。\n"
        "公示编号 2023-001\u3000联系人手机 17016019667\n"
        "经办人证件号 130801194803078184\n"
    )


def test_each_number_is_found_in_its_part_and_paragraph() -> None:
    doc = read(NOTICE)
    assert [
        (m.kind.value, strip_separators(doc.text[m.start : m.end]), doc.locate(m.start))
        for m in find_pii(doc.text)
    ] == [
        ("id_number", "500103199003071239", Location(part="document", paragraph=2)),
        ("phone", "13812345678", Location(part="document", paragraph=2)),
        ("id_number", "430482196401255682", Location(part="document", paragraph=7)),
        ("phone", "15965849294", Location(part="document", paragraph=8)),
        ("phone", "17016019667", Location(part="header1", paragraph=1)),
        ("id_number", "130801194803078184", Location(part="footer1", paragraph=1)),
    ]


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def test_mask_changes_only_the_characters_of_full_numbers(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    assert len(mask(NOTICE, out)) == 6
    before, after = members(NOTICE), members(out)
    assert list(after) == list(before)  # the same members, in the same order
    expected = dict(before)
    for name, changes in {
        "word/document.xml": [
            ("<w:t>1990</w:t>", "<w:t>****</w:t>"),
            ("<w:t>0307</w:t>", "<w:t>****</w:t>"),
            ("<w:t>1234</w:t>", "<w:t>****</w:t>"),
            ("<w:t>196401255682</w:t>", "<w:t>********5682</w:t>"),
            ("<w:t>159 6584 9294</w:t>", "<w:t>159 **** 9294</w:t>"),
        ],
        "word/header1.xml": [("手机 17016019667<", "手机 170****9667<")],
        "word/footer1.xml": [
            (">经办人证件号 130801194803078184<", ">经办人证件号 130801********8184<")
        ],
    }.items():
        xml = before[name].decode("utf-8")
        for old, new in changes:
            assert xml.count(old) == 1
            xml = xml.replace(old, new)
        expected[name] = xml.encode("utf-8")
    assert after == expected


def test_each_masked_run_keeps_its_formatting(tmp_path: Path) -> None:
    mask(NOTICE, tmp_path / "out.docx")
    runs = docx.Document(str(tmp_path / "out.docx")).paragraphs[1].runs
    assert [r.text for r in runs[1:5]] == ["500103", "****", "****", "1239"]
    assert runs[1].bold
    assert runs[2].italic
    assert runs[4].underline
    assert str(runs[2].font.color.rgb) == "C00000"
    size = runs[3].font.size
    assert size is not None
    assert size.pt == 14
    assert find_pii(read(tmp_path / "out.docx").text) == ()


# ----------------------------------------------------------- made by hand

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(path: Path, body: str, *, extra: dict[str, bytes] | None = None) -> Path:
    """A minimal .docx whose body is ``body`` (WordprocessingML, prefix w)."""
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def test_entities_tabs_breaks_and_deleted_text(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>&#49;38&amp;</w:t><w:tab/><w:t>1</w:t></w:r>"
        "<w:del><w:r><w:delText>38</w:delText></w:r></w:del>"
        "<w:r><w:t>12345678</w:t><w:br/><w:t>x</w:t><w:instrText>PAGE 13912345678</w:instrText></w:r></w:p>",
    )
    doc = read(path)
    # The text is the paragraph with its tracked change accepted.  A field code is not shown,
    # but it is published: it comes after the text, on its own line; so does the number the
    # paragraph held before "38" was deleted.
    assert doc.text == "138&\t112345678\nx\nPAGE 13912345678\n13812345678\n"
    mask(path, tmp_path / "out.docx")
    xml = members(tmp_path / "out.docx")["word/document.xml"].decode()
    assert "<w:instrText>PAGE 139****5678</w:instrText>" in xml
    assert "<w:delText>38</w:delText></w:r></w:del><w:r><w:t>****5678</w:t>" in xml
    assert "<w:t>1</w:t>" in xml  # the 1 of the deleted-and-retyped number stays


def test_a_number_behind_an_entity_is_masked_in_its_place(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", "<w:p><w:r><w:t>13&#56;&#x31;2345678</w:t></w:r></w:p>")
    mask(path, tmp_path / "out.docx")
    xml = members(tmp_path / "out.docx")["word/document.xml"].decode()
    assert "<w:t>13&#56;****5678</w:t>" in xml


def test_a_text_box_paragraph_inside_a_paragraph_is_apart(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>138</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p>"
        "</w:txbxContent></w:pict></w:r><w:r><w:t>12345678</w:t></w:r></w:p>",
    )
    doc = read(path)
    assert doc.text == "138\n框\n12345678\n"
    assert doc.locate(doc.text.index("框")) == Location(part="document", paragraph=2)
    assert doc.locate(doc.text.index("1234")) == Location(part="document", paragraph=1)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="'
    + W.encode()
    + b'"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
)


def test_an_xml_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", BILLION_LAUGHS)
    with pytest.raises(DocumentError, match=r"refused: word/document\.xml declares a DOCTYPE"):
        read(path)


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "bomb.docx",
        "<w:p/>",
        extra={"word/media/zeros.bin": bytes(4 << 20)},  # 4 MiB of zeros: ratio ~1000
    )
    with pytest.raises(DocumentError, match="zip bomb"):
        read(path)


def test_a_declared_size_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "big.docx", "<w:p/>", extra={"word/x.xml": b"<x/>"})
    data = bytearray(path.read_bytes())
    # Patch the central directory's declared size of word/x.xml to 3 GiB.
    entry = data.rindex(b"PK\x01\x02", 0, data.rindex(b"word/x.xml"))
    data[entry + 24 : entry + 28] = (3 << 30).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(DocumentError, match="zip bomb"):
        read(path)


def test_what_is_not_a_docx_is_read_as_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(b"plain text")
    assert read(path).kind is Kind.TEXT
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    # an old binary .doc under the new name is read as one; this one is damaged: never clean
    with pytest.raises(DocumentError, match="a damaged Word 97-2003 document"):
        read(path)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    assert read(path).kind is Kind.XLSX


def test_a_damaged_docx_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(40))
    with pytest.raises(DocumentError, match=r"not a \.docx file"):
        read(path)


def test_broken_xml_and_a_damaged_member(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", "<w:p><w:r><w:t>x</w:p>")
    with pytest.raises(
        DocumentError, match=r"word/document\.xml is not well-formed XML \(line 2\)"
    ):
        read(path)
    good = make_docx(tmp_path / "b.docx", "<w:p><w:r><w:t>" + "1" * 500 + "</w:t></w:r></w:p>")
    data = bytearray(good.read_bytes())
    start = data.index(b"word/document.xml") + len("word/document.xml") + 20
    data[start : start + 8] = b"\xff" * 8  # corrupt the deflated stream
    damaged = tmp_path / "c.docx"
    damaged.write_bytes(bytes(data))
    with pytest.raises(DocumentError, match="cannot be read"):
        read(damaged)


def test_the_docx_written_is_a_zip_word_opens(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    mask(NOTICE, out)
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as z:
        assert z.testzip() is None
        assert [i.compress_type for i in z.infolist()] == [
            i.compress_type for i in zipfile.ZipFile(NOTICE).infolist()
        ]


def test_a_docx_without_numbers_is_written_as_it_was(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", "<w:p><w:r><w:t>房号 3-2-201</w:t></w:r></w:p>")
    assert mask(path, tmp_path / "out.docx") == ()
    assert (tmp_path / "out.docx").read_bytes() == path.read_bytes()


def test_one_document_can_be_written_twice(tmp_path: Path) -> None:
    doc = read(NOTICE)
    masked = doc.text.replace("1", "#")
    doc.write(tmp_path / "a.docx", masked)
    doc.write(tmp_path / "b.docx", masked)
    assert members(tmp_path / "a.docx") == members(tmp_path / "b.docx")
    assert read(tmp_path / "b.docx").text == masked


NOTICE_LINES = ["申请人张三 500103199003071239 电话 138-1234-5678", "房号 3-2-201 面积 89.5", "&<>"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=30))
def test_runs_split_anywhere_read_whole_and_mask_as_redact(cuts: list[int]) -> None:
    """However Word splits a paragraph into runs, it reads whole and masks as redact does."""
    import tempfile
    from xml.sax.saxutils import escape

    folder = Path(tempfile.mkdtemp())
    paragraphs = []
    for line in NOTICE_LINES:
        runs, position = [], 0
        for cut in cuts:
            if position >= len(line):
                break
            piece = line[position : position + cut]
            runs.append(
                f"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space='preserve'>{escape(piece)}</w:t></w:r>"
            )
            runs.append("<w:proofErr w:type='spellStart'/>")
            position += cut
        if position < len(line):
            runs.append(f"<w:r><w:t>{escape(line[position:])}</w:t></w:r>")
        paragraphs.append("<w:p>" + "".join(runs) + "</w:p>")
    path = make_docx(folder / "a.docx", "".join(paragraphs))
    text = "".join(line + "\n" for line in NOTICE_LINES)
    assert read(path).text == text
    mask(path, folder / "out.docx")
    assert read(folder / "out.docx").text == redact(text)


def test_a_text_part_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zfgk.documents import _docx

    monkeypatch.setattr(_docx, "MAX_PART", 100)
    path = make_docx(tmp_path / "a.docx", "<w:p><w:r><w:t>" + "字" * 100 + "</w:t></w:r></w:p>")
    with pytest.raises(DocumentError, match=r"refused: word/document\.xml is larger than"):
        read(path)


def test_the_text_of_smartart_is_read_and_masked(tmp_path: Path) -> None:
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    data = (
        f'<dgm:dataModel xmlns:dgm="urn:x" xmlns:a="{a}"><dgm:ptLst><dgm:pt><dgm:t>'
        "<a:p><a:r><a:t>联系人 139</a:t></a:r><a:r><a:t>1234 5678</a:t></a:r></a:p>"
        "</dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>"
    )
    path = make_docx(
        tmp_path / "a.docx", "<w:p/>", extra={"word/diagrams/data1.xml": data.encode()}
    )
    doc = read(path)
    assert doc.text == "联系人 1391234 5678\n"
    assert doc.locate(doc.text.index("139")) == Location(part="diagrams/data1", paragraph=1)
    mask(path, tmp_path / "out.docx")
    xml = members(tmp_path / "out.docx")["word/diagrams/data1.xml"].decode()
    assert "<a:t>联系人 139</a:t></a:r><a:r><a:t>**** 5678</a:t>" in xml
