"""Numbers Word shows whole that a .docx keeps in pieces: hidden by styles, across paragraph
marks, in equations, in parts of odd names and encodings (zfgk.documents).

The fixtures in ``tests/data/docx-hidden/`` are made by python-docx
(tools/make_docx_hidden_fixtures.py); the answers below are read off that
script by hand: which text its styles hide, which paragraph marks it deletes,
inserts or hides, and so which number a reader of the document sees.  Shapes
python-docx does not write are written here by hand, as Word writes them.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from zfgk import mask_file, scan_file
from zfgk.cli import main
from zfgk.documents import DocumentError, Location, read
from zfgk.files import Verdict

from .test_documents_docx import W, make_docx, members
from .test_word_tracked import found

DATA = Path(__file__).parent / "data" / "docx-hidden"
M = "http://schemas.openxmlformats.org/officeDocument/2006/math"


def places(path: Path) -> list[tuple[str, str]]:
    result = scan_file(path)
    return [(f.kind.value, str(f.location)) for f in result.findings]


def assert_masked_clean(path: Path, out: Path) -> dict[str, bytes]:
    """Mask ``path`` into ``out``: what it writes scans clean, and only document.xml changed."""
    mask_file(path, out)
    again = scan_file(out)
    assert again.verdict is Verdict.CLEAN, again
    before, after = members(path), members(out)
    assert list(after) == list(before)
    changed = [name for name in before if before[name] != after[name]]
    assert changed == ["word/document.xml"]
    return after


# --------------------------------------------------------------- text a style hides


def test_text_hidden_by_a_style_is_read_without_it() -> None:
    """号 (character style 隐藏), （备） (a style based on it) and 转 (its paragraph's style)
    are hidden: Word shows the numbers around them whole."""
    assert found(DATA / "styles.docx") == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),
        ("phone", "13912345678", Location(part="document", paragraph=3)),
        ("phone", "15895116928", Location(part="document", paragraph=5)),
    ]
    text = read(DATA / "styles.docx").text
    # 号 of the hiding style with its own w:vanish w:val="0" shows: no ID number in paragraph 4
    assert "身份证号：1101051949号1231002X\n" in text
    assert "监督电话 023-63612345，金额 1234.56 元" in text


def test_a_number_cut_by_styled_hidden_text_is_masked_in_its_runs(tmp_path: Path) -> None:
    after = assert_masked_clean(DATA / "styles.docx", tmp_path / "out.docx")
    xml = after["word/document.xml"].decode()
    runs = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)
    assert runs[1:4] == ["联系电话：138****", "号", "5678"]
    assert runs[4:7] == ["备用电话：139****", "（备）", "5678"]
    assert runs[7:10] == ["身份证号：1101051949", "号", "1231002X"]  # nothing to hide
    assert runs[10:13] == ["咨询电话：158", "转", "****6928"]


def test_scan_names_the_paragraph_of_a_number_cut_by_a_style(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["scan", str(DATA / "styles.docx")]) == 1
    out = capsys.readouterr().out
    assert "document, paragraph 2: unmasked mobile number" in out
    assert "document, paragraph 5: unmasked mobile number" in out
    assert "13812345678" not in out


STYLES = (
    f'<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>{{default}}</w:rPr>'
    "</w:rPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "<w:rPr>{normal}</w:rPr></w:style>"
    '<w:style w:type="character" w:styleId="H"><w:name w:val="h"/><w:rPr><w:vanish/></w:rPr>'
    "</w:style>"
    '<w:style w:type="character" w:styleId="Shown"><w:name w:val="s"/><w:basedOn w:val="H"/>'
    '<w:rPr><w:vanish w:val="0"/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Loop"><w:name w:val="l"/><w:basedOn w:val="Loop"/>'
    "</w:style></w:styles>"
)


def _styled(tmp_path: Path, body: str, *, default: str = "", normal: str = "") -> Path:
    styles = STYLES.format(default=default, normal=normal)
    return make_docx(tmp_path / "a.docx", body, extra={"word/styles.xml": styles.encode()})


@pytest.mark.parametrize(
    ("default", "normal", "middle", "whole"),
    [
        ("<w:vanish/>", "", "<w:r><w:t>号</w:t></w:r>", True),  # hidden by the defaults
        ("", "<w:vanish/>", "<w:r><w:t>号</w:t></w:r>", True),  # by the default paragraph style
        ("<w:vanish/>", '<w:vanish w:val="0"/>', "<w:r><w:t>号</w:t></w:r>", False),  # shown
        ("", "", '<w:r><w:rPr><w:rStyle w:val="Shown"/></w:rPr><w:t>号</w:t></w:r>', False),
        ("", "", '<w:r><w:rPr><w:rStyle w:val="Loop"/></w:rPr><w:t>号</w:t></w:r>', False),
        ("", "", '<w:r><w:rPr><w:rStyle w:val="H"/></w:rPr><w:t>号</w:t></w:r>', True),
        (
            "",
            "",
            '<w:r><w:rPr><w:rStyle w:val="H"/><w:vanish w:val="off"/></w:rPr><w:t>号</w:t></w:r>',
            False,
        ),
    ],
)
def test_styles_inherit_and_a_run_s_own_setting_wins(
    tmp_path: Path, default: str, normal: str, middle: str, whole: bool
) -> None:
    shown = '<w:rPr><w:vanish w:val="0"/></w:rPr>'
    body = (
        f"<w:p><w:r>{shown}<w:t>电话 1381234</w:t></w:r>{middle}"
        f"<w:r>{shown}<w:t>5678</w:t></w:r></w:p>"
    )
    path = _styled(tmp_path, body, default=default, normal=normal)
    expected = [("phone", "document, paragraph 1")] if whole else []
    assert places(path) == expected


def test_a_paragraph_style_that_is_not_there_is_the_default_one(tmp_path: Path) -> None:
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Gone"/></w:pPr><w:r><w:rPr><w:vanish w:val="0"/></w:rPr>'
        "<w:t>电话 1381234</w:t></w:r><w:r><w:t>号</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>5678</w:t></w:r></w:p>'
    )
    path = _styled(tmp_path, body, normal="<w:vanish/>")
    assert places(path) == [("phone", "document, paragraph 1")]


def test_hidden_text_inside_an_insertion_is_read_as_the_changes_accepted(tmp_path: Path) -> None:
    """Track Changes and hidden text in one number: accepted, and without 号, it is whole (each
    was read alone before)."""
    change = "w:id='1' w:author='a' w:date='2024-01-01T00:00:00Z'"
    path = make_docx(
        tmp_path / "a.docx",
        f"<w:p><w:r><w:t>电话 138</w:t></w:r><w:ins {change}><w:r><w:t>1234</w:t></w:r></w:ins>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>号</w:t></w:r><w:r><w:t>5678</w:t></w:r></w:p>",
    )
    assert places(path) == [("phone", "document, paragraph 1")]
    assert_masked_clean(path, tmp_path / "out.docx")


def test_word_2003_xml_styles_hide_text_too(tmp_path: Path) -> None:
    w2003 = "http://schemas.microsoft.com/office/word/2003/wordml"
    path = tmp_path / "a.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<?mso-application progid="Word.Document"?>\n'
        f'<w:wordDocument xmlns:w="{w2003}"><w:styles>'
        '<w:style w:type="character" w:styleId="H"><w:name w:val="h"/><w:rPr><w:vanish/>'
        "</w:rPr></w:style></w:styles><w:body><w:p><w:r><w:t>电话1381234</w:t></w:r>"
        '<w:r><w:rPr><w:rStyle w:val="H"/></w:rPr><w:t>号</w:t></w:r><w:r><w:t>5678</w:t></w:r>'
        "</w:p></w:body></w:wordDocument>",
        encoding="utf-8",
    )
    assert places(path) == [("phone", "document, paragraph 1")]
    mask_file(path, tmp_path / "out.xml")
    assert scan_file(tmp_path / "out.xml").verdict is Verdict.CLEAN


# ----------------------------------------------------------------- paragraph marks


def test_paragraphs_joined_by_a_changed_or_hidden_mark_are_read_as_one() -> None:
    assert found(DATA / "marks.docx") == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),  # mark deleted
        ("phone", "13912345678", Location(part="document", paragraph=4)),  # mark inserted
        ("phone", "17034111407", Location(part="document", paragraph=6)),  # mark hidden
    ]
    text = read(DATA / "marks.docx").text
    # the text keeps the paragraphs apart, and a paragraph after an unchanged mark stays apart
    assert text.startswith(
        "保障性住房资格审核结果\n联系电话：1381234\n5678，监督电话 023-63612345\n"
    )
    assert "34111407\n房号 3-2-201\n面积 89.5 平方米\n" in text


def test_a_number_over_a_changed_mark_is_masked_in_both_paragraphs(tmp_path: Path) -> None:
    after = assert_masked_clean(DATA / "marks.docx", tmp_path / "out.docx")
    runs = re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", after["word/document.xml"].decode())
    assert runs[1:7] == [
        "联系电话：138****",
        "5678，监督电话 023-63612345",
        "备用电话：139****",
        "5678",
        "经办人 170",
        "****1407",
    ]


def test_a_mark_in_a_table_cell_or_a_text_box_joins_nothing_outside(tmp_path: Path) -> None:
    mark = "<w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>"
    path = make_docx(
        tmp_path / "a.docx",
        f"<w:tbl><w:tr><w:tc><w:p>{mark}<w:r><w:t>1381234</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:r><w:t>5678</w:t></w:r></w:p>"
        "<w:p><w:r><w:pict><w:txbxContent>"
        f"<w:p>{mark}<w:r><w:t>1391234</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>"
        "<w:r><w:t>5678</w:t></w:r></w:p>",
    )
    assert places(path) == []


def test_hidden_marks_in_a_row_join_every_paragraph(tmp_path: Path) -> None:
    mark = "<w:pPr><w:rPr><w:vanish/></w:rPr></w:pPr>"
    path = make_docx(
        tmp_path / "a.docx",
        f"<w:p>{mark}<w:r><w:t>身份证 110105</w:t></w:r></w:p>"
        f"<w:p>{mark}<w:r><w:t>19491231</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>002X</w:t></w:r></w:p>",
    )
    assert found(path) == [
        ("id_number", "11010519491231002X", Location(part="document", paragraph=1))
    ]
    assert_masked_clean(path, tmp_path / "out.docx")


RUBY = (
    '<w:ruby><w:rubyPr><w:rubyAlign w:val="center"/><w:hps w:val="10"/><w:hpsRaise w:val="18"/>'
    '<w:hpsBaseText w:val="21"/><w:lid w:val="zh-CN"/></w:rubyPr><w:rt><w:r><w:t>wǔ</w:t></w:r>'
    "</w:rt><w:rubyBase><w:r><w:t>5</w:t></w:r></w:rubyBase></w:ruby>"
)
DROP_CAP = (
    '<w:pPr><w:keepNext/><w:framePr w:dropCap="drop" w:lines="3" w:wrap="around" '
    'w:vAnchor="text" w:hAnchor="text"/><w:textAlignment w:val="baseline"/></w:pPr>'
)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a phonetic guide (拼音指南) over the 5: its text wǔ is above the line, not on it
        (
            f"<w:p><w:r><w:t>电话 1381234</w:t></w:r>{RUBY}<w:r><w:t>678</w:t></w:r></w:p>",
            "<w:t>电话 138****</w:t></w:r><w:ruby>",
        ),
        # a drop cap: Word keeps the large first letter in a paragraph of its own
        (
            f'<w:p>{DROP_CAP}<w:r><w:rPr><w:position w:val="-7"/><w:sz w:val="94"/></w:rPr>'
            "<w:t>1</w:t></w:r></w:p><w:p><w:r><w:t>3812345678 是联系电话</w:t></w:r></w:p>",
            "<w:t>1</w:t></w:r></w:p><w:p><w:r><w:t>38****5678 是联系电话</w:t>",
        ),
        # markup compatibility: Word shows the choice, not the fallback
        (
            "<w:p><w:r><w:t>电话 138</w:t></w:r><mc:AlternateContent xmlns:mc="
            '"http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice '
            'Requires="w14"><w:r><w:t>1234</w:t></w:r></mc:Choice><mc:Fallback><w:r>'
            "<w:t>（见附件）</w:t></w:r></mc:Fallback></mc:AlternateContent>"
            "<w:r><w:t>5678</w:t></w:r></w:p>",
            "<w:t>****</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>（见附件）</w:t>",
        ),
    ],
)
def test_a_phonetic_guide_a_drop_cap_or_a_fallback_inside_a_number(
    tmp_path: Path, body: str, expected: str
) -> None:
    path = make_docx(tmp_path / "a.docx", body)
    assert places(path) == [("phone", "document, paragraph 1")]
    after = assert_masked_clean(path, tmp_path / "out.docx")
    assert expected in after["word/document.xml"].decode()


# --------------------------------------------------------------------- equations


def test_the_digits_of_an_equation_are_read_run_by_run() -> None:
    assert found(DATA / "math.docx") == [
        ("phone", "18624191938", Location(part="document", paragraph=2)),
    ]
    # a fraction's numerator and denominator are apart: 1381234 over 5678 is no number (each
    # box a line: it starts one and ends it)
    assert "比例：\n1381234\n\n5678\n" in read(DATA / "math.docx").text


def test_a_number_in_an_equation_is_masked_in_place(tmp_path: Path) -> None:
    after = assert_masked_clean(DATA / "math.docx", tmp_path / "out.docx")
    xml = after["word/document.xml"].decode()
    assert "<m:r><m:t>186****</m:t></m:r><m:r><m:t>1938</m:t></m:r>" in xml


# ------------------------------------------------------- parts of odd names and encodings


def test_parts_are_found_by_their_relationships_whatever_their_names() -> None:
    """names.docx's body is word/main.xml (no word/document.xml), its header word/hdr1.dat and
    its footer word/parts/ftr: Word finds them through the relationships, and so does zfgk."""
    assert found(DATA / "names.docx") == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),
        ("phone", "13912345678", Location(part="hdr1.dat", paragraph=1)),
        ("phone", "15895116928", Location(part="parts/ftr", paragraph=1)),
    ]
    assert scan_file(DATA / "names.docx").unread == ()


def test_parts_of_odd_names_are_masked_where_they_are(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    mask_file(DATA / "names.docx", out)
    assert scan_file(out).verdict is Verdict.CLEAN
    before, after = members(DATA / "names.docx"), members(out)
    assert list(after) == list(before)
    assert [name for name in before if before[name] != after[name]] == [
        "word/main.xml",
        "word/hdr1.dat",
        "word/parts/ftr",
    ]
    assert (
        b">\xe7\xbb\x8f\xe5\x8a\x9e\xe4\xba\xba\xe7\x94\xb5\xe8\xaf\x9d 139****<"
        in after["word/hdr1.dat"]
    )  # 经办人电话 139****


def _rels(kind: str, target: str) -> bytes:
    """A ``.rels`` member with one relationship of ``kind`` to ``target``."""
    return (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships/{kind}" Target="{target}"/></Relationships>'
    ).encode()


def _utf16(xml: str) -> bytes:
    return xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")


CORE = (
    '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.'
    'openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/'
    'elements/1.1/"><dc:title>{title}</dc:title></cp:coreProperties>'
)


def test_parts_in_utf_16_are_read_and_written_back_in_utf_16(tmp_path: Path) -> None:
    body = (
        "<w:p><w:r><w:t>电话 1381234</w:t></w:r><w:r><w:t>5678</w:t></w:r></w:p>"
        '<w:p><w:r><w:drawing><wp:docPr xmlns:wp="http://schemas.openxmlformats.org/'
        'drawingml/2006/wordprocessingDrawing" id="1" name="p" descr="电话 13912345678"/>'
        "</w:drawing></w:r></w:p>"
    )
    xml = members(make_docx(tmp_path / "a.docx", body))["word/document.xml"].decode("utf-8")
    core = _utf16(CORE.format(title="联系人 15895116928"))
    path = tmp_path / "b.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", _utf16(xml))
        z.writestr("docProps/core.xml", core)
    assert places(path) == [
        ("phone", "document, paragraph 1"),
        ("phone", "document, paragraph 2"),  # the picture's alt text
        ("phone", "docProps/core"),
    ]
    out = tmp_path / "out.docx"
    mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    written = members(out)
    assert written["word/document.xml"].startswith(b"\xff\xfe")
    text = written["word/document.xml"].decode("utf-16")
    assert "<w:t>电话 138****</w:t></w:r><w:r><w:t>5678</w:t>" in text
    assert 'descr="电话 139****5678"' in text
    assert written["docProps/core.xml"].decode("utf-16") == CORE.format(
        title="联系人 158****6928"
    ).replace('encoding="UTF-8"', 'encoding="UTF-16"')


def test_cdata_is_read_in_the_body_and_in_the_properties(tmp_path: Path) -> None:
    core = CORE.format(title="<![CDATA[联系人 15895116928 <a&b>]]>")
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t><![CDATA[电话 1381234]]></w:t></w:r><w:r><w:t>5678</w:t></w:r></w:p>",
        extra={"docProps/core.xml": core.encode()},
    )
    assert places(path) == [("phone", "document, paragraph 1"), ("phone", "docProps/core")]
    out = tmp_path / "out.docx"
    mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    assert (
        b"<![CDATA[\xe8\x81\x94\xe7\xb3\xbb\xe4\xba\xba 158****6928 <a&b>]]>"
        in (members(out)["docProps/core.xml"])
    )


def test_a_member_of_any_name_that_is_xml_is_searched(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>x</w:t></w:r></w:p>",
        extra={
            "docProps/custom.dat": CORE.format(title="联系人 15895116928").encode(),
            "word/fonts/font1.odttf": b"\x00\x01\x00\x00 13812345678",  # a font: not XML
        },
    )
    assert places(path) == [("phone", "docProps/custom.dat")]


def test_a_story_part_that_is_not_xml_is_a_clear_error(tmp_path: Path) -> None:
    rels = _rels("footer", "f.bin")
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>x</w:t></w:r></w:p>",
        extra={"word/_rels/document.xml.rels": rels, "word/f.bin": b"\x00\x01 138"},
    )
    with pytest.raises(DocumentError, match=r"word/f\.bin is not well-formed XML"):
        read(path)
    assert main(["scan", str(path)]) == 2


def test_a_relationship_names_a_part_as_a_uri_of_any_case(tmp_path: Path) -> None:
    rels = _rels("header", "Header%201.DAT")
    header = (
        f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>电话 1381234</w:t></w:r>'
        "<w:r><w:t>5678</w:t></w:r></w:p></w:hdr>"
    )
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>x</w:t></w:r></w:p>",
        extra={"word/_rels/document.xml.rels": rels, "word/header 1.dat": header.encode()},
    )
    assert places(path) == [("phone", "header 1.dat, paragraph 1")]


def test_two_members_of_one_name_are_never_clean(tmp_path: Path) -> None:
    """zfgk reads one member of each name; a program may show the other: cannot check."""
    path = tmp_path / "a.docx"
    body = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>{{}}</w:t></w:r></w:p></w:body></w:document>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", body.format("电话 13812345678"))
        z.writestr("word/Document.xml", body.format("无"))
        with pytest.warns(UserWarning, match="Duplicate name"):
            z.writestr("word/document.xml", body.format("无"))
    result = scan_file(path)
    assert result.verdict is Verdict.CANNOT_CHECK
    assert [str(gap.location) for gap in result.unread] == ["word/Document.xml: whole file"]
    assert main(["scan", str(path)]) == 2


def test_the_body_is_where_the_package_says_and_a_second_one_is_read_too(tmp_path: Path) -> None:
    rels = _rels("officeDocument", "/word/main.xml")
    main_part = (
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>电话 1381234</w:t></w:r>'
        "<w:r><w:t>5678</w:t></w:r></w:p></w:body></w:document>"
    )
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>备用 1391234</w:t></w:r><w:r><w:t>5678</w:t></w:r></w:p>",
        extra={"_rels/.rels": rels, "word/main.xml": main_part.encode()},
    )
    assert places(path) == [
        ("phone", "document, paragraph 1"),
        ("phone", "word/document.xml, paragraph 1"),
    ]


def test_a_file_put_in_the_package_by_hand_is_read_as_what_it_is(tmp_path: Path) -> None:
    """Word does not show a workbook or document kept outside word/embeddings, but the file
    publishes it; fonts, printer settings and macros are no such files."""
    inner = make_docx(
        tmp_path / "inner.docx",
        "<w:p><w:r><w:t>电话 1381234</w:t></w:r><w:r><w:t>5678</w:t></w:r></w:p>",
    )
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>x</w:t></w:r></w:p>",
        extra={
            "attachments/名单.docx": inner.read_bytes(),
            "word/fonts/font1.odttf": b"\x00\x01\x00\x00 13812345678",
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(600),
        },
    )
    result = scan_file(path)
    assert [str(f.location) for f in result.findings] == [
        "attachments/名单.docx: document, paragraph 1"
    ]
    assert result.unread == ()


def test_a_box_of_an_equation_ends_its_line(tmp_path: Path) -> None:
    # (1381234)5678: a bracket's content, then a run. LibreOffice shows "(1381234) 5678";
    # the box's last digits were read glued to the run after it, a mobile that is not there.
    math = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    body = (
        f'<w:p><m:oMath xmlns:m="{math}"><m:d><m:e><m:r><m:t>1381234</m:t></m:r></m:e></m:d>'
        "<m:r><m:t>5678</m:t></m:r></m:oMath></w:p>"
    )
    path = make_docx(tmp_path / "math.docx", body)
    assert scan_file(path).verdict.value == "clean"


def _style_chain(count: int) -> str:
    """Character styles C0 … C{count}: C0 hides, each next is based on the one before."""
    styles = ['<w:style w:type="character" w:styleId="C0"><w:rPr><w:vanish/></w:rPr></w:style>']
    styles += [
        f'<w:style w:type="character" w:styleId="C{n}"><w:basedOn w:val="C{n - 1}"/></w:style>'
        for n in range(1, count + 1)
    ]
    return f'<w:styles xmlns:w="{W}">{"".join(styles)}</w:styles>'


@pytest.mark.parametrize(
    "styles",
    [
        # a chain of 100 styles: LibreOffice follows it to the end (so hides 号)
        _style_chain(100).replace("C100", "H"),
        # one id defined twice, the second hiding (LibreOffice takes the last; Word's choice
        # unknown): read as hiding either way
        f'<w:styles xmlns:w="{W}"><w:style w:type="character" w:styleId="H"><w:rPr>'
        '<w:vanish w:val="0"/></w:rPr></w:style><w:style w:type="character" w:styleId="H">'
        "<w:rPr><w:vanish/></w:rPr></w:style></w:styles>",
    ],
)
def test_a_style_that_hides_far_down_a_chain_or_in_a_second_definition_hides(
    tmp_path: Path, styles: str
) -> None:
    body = (
        "<w:p><w:r><w:t>电话 1381234</w:t></w:r>"
        '<w:r><w:rPr><w:rStyle w:val="H"/></w:rPr><w:t>号</w:t></w:r>'
        "<w:r><w:t>5678</w:t></w:r></w:p>"
    )
    path = make_docx(tmp_path / "a.docx", body, extra={"word/styles.xml": styles.encode()})
    assert [f.kind.value for f in scan_file(path).findings] == ["phone"]
