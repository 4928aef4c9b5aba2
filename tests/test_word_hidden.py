"""Text a .docx hides in ways zfgk 0.9.0 did not read (zfgk.documents): a tracked change of
formatting whose old style hides, a table's style that hides, and markup compatibility's
fallback that a program shows in place of the choice.

The fixtures in ``tests/data/word-hidden/`` are made by python-docx with the
elements Word writes put in by hand (tools/make_word_hidden_fixtures.py);
the answers below are read off that script, paragraph by paragraph.
LibreOffice 7.4's PDF of each file agrees where it shows the reading: it
shows ``fallback.docx``'s paragraph 2 as 联系电话：13812345678 and paragraph
3 as 备用电话：139（见附件）5678, and hides the cells of
``table-style.docx``'s hiding styles (the first row only of the table whose
style hides its first row).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from zfgk import mask_file, scan_file
from zfgk.cli import main
from zfgk.documents import Location, read
from zfgk.documents._model import Piece
from zfgk.errors import MaskUnsupportedError
from zfgk.files import Verdict

from .test_documents_docx import make_docx
from .test_word_tracked import found

DATA = Path(__file__).parent / "data" / "word-hidden"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def runs_of(path: Path) -> list[str]:
    """The text of each ``w:t`` of the body, in order."""
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    return re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)


def masked(path: Path, tmp_path: Path) -> list[str]:
    out = tmp_path / path.name
    mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    return runs_of(out)


# ------------------------------------------------------- tracked changes of formatting


def test_a_run_whose_old_character_style_hid_text_is_read_without_it() -> None:
    """ "Reject all" gives 号 its old style back, which hides it: 13812345678; the old style of
    paragraph 3 hid 转: 13912345678; paragraph 4's old style (强调) hides nothing."""
    path = DATA / "rprchange-style.docx"
    assert found(path) == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),
        ("phone", "13912345678", Location(part="document", paragraph=3)),
    ]
    assert "身份证号：1101051949号1231002X\n" in read(path).text  # shown as it is


def test_mask_hides_the_digits_around_text_an_old_style_hid(tmp_path: Path) -> None:
    assert masked(DATA / "rprchange-style.docx", tmp_path)[1:10] == [
        "联系电话：138****",
        "号",
        "5678",
        "备用电话：139",
        "转",
        "****5678",
        "身份证号：1101051949",  # no number: nothing hidden
        "号",
        "1231002X",
    ]


def test_an_old_style_in_a_paragraph_mark_s_change_joins_paragraphs(tmp_path: Path) -> None:
    """The mark's old formatting (``w:pPr/w:rPr/w:rPrChange``) names a hiding style: before
    the change the two paragraphs were shown as one."""
    styles = (
        f'<w:styles xmlns:w="{W}"><w:style w:type="character" w:styleId="H"><w:rPr><w:vanish/>'
        "</w:rPr></w:style></w:styles>"
    )
    change = '<w:rPrChange w:id="1" w:author="a" w:date="2024-03-01T10:00:00Z"><w:rPr>'
    path = make_docx(
        tmp_path / "a.docx",
        f'<w:p><w:pPr><w:rPr>{change}<w:rStyle w:val="H"/></w:rPr></w:rPrChange></w:rPr></w:pPr>'
        "<w:r><w:t>电话 1381234</w:t></w:r></w:p><w:p><w:r><w:t>5678</w:t></w:r></w:p>",
        extra={"word/styles.xml": styles.encode()},
    )
    assert found(path) == [("phone", "13812345678", Location(part="document", paragraph=1))]


# ------------------------------------------------------------------ table styles


def test_text_a_table_s_style_hides_is_read_without_it() -> None:
    """Paragraph 2: the style hides 号; 4: a style based on it hides （备）; 6: the style's part
    for the first row hides 转; 9: a table style that hides nothing: no number."""
    path = DATA / "table-style.docx"
    assert found(path) == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),
        ("phone", "13912345678", Location(part="document", paragraph=4)),
        ("phone", "15895116928", Location(part="document", paragraph=6)),
    ]
    text = read(path).text
    assert "房号 3-2-201\n" in text
    assert "身份证号：1101051949号1231002X\n" in text


def test_mask_hides_the_digits_around_text_a_table_s_style_hid(tmp_path: Path) -> None:
    assert masked(DATA / "table-style.docx", tmp_path)[1:19] == [
        "联系电话：138****",
        "号",
        "5678",
        "表二",
        "备用电话：139****",
        "（备）",
        "5678",
        "表三",
        "咨询电话：158",
        "转",
        "****6928",
        "房号 3-2-",
        "2",
        "01",
        "表四",
        "身份证号：1101051949",
        "号",
        "1231002X",
    ]


@pytest.mark.parametrize(
    ("styles", "table", "expected"),
    [
        # the default table style (w:default) applies to a table that names none
        ('<w:style w:type="table" w:default="1" w:styleId="T"><w:rPr><w:vanish/></w:rPr>', "", 1),
        # a tracked change of the table's formatting: its old style hid the text
        (
            '<w:style w:type="table" w:styleId="T"><w:rPr><w:vanish/></w:rPr>',
            '<w:tblPr><w:tblStyle w:val="P"/><w:tblPrChange w:id="1" w:author="a" '
            'w:date="2024-03-01T10:00:00Z"><w:tblPr><w:tblStyle w:val="T"/></w:tblPr>'
            "</w:tblPrChange></w:tblPr>",
            1,
        ),
        # a paragraph style that says w:vanish w:val="0" (the cell's paragraphs are of it by
        # default), the table's style hides: hidden where either says (the specification
        # toggles the two, a program may not)
        (
            '<w:style w:type="paragraph" w:default="1" w:styleId="P"><w:rPr><w:vanish w:val="0"/>'
            '</w:rPr></w:style><w:style w:type="table" w:styleId="T"><w:rPr><w:vanish/></w:rPr>',
            '<w:tblPr><w:tblStyle w:val="T"/></w:tblPr>',
            1,
        ),
        # a table style that hides nothing
        ('<w:style w:type="table" w:styleId="T"><w:rPr><w:b/></w:rPr>', "", 0),
    ],
)
def test_table_styles_by_default_or_before_a_change(
    tmp_path: Path, styles: str, table: str, expected: int
) -> None:
    part = f'<w:styles xmlns:w="{W}">{styles}</w:style></w:styles>'
    cell = (
        '<w:p><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>电话 1381234</w:t></w:r>'
        '<w:r><w:t>号</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>5678</w:t></w:r>'
        "</w:p>"
    )
    path = make_docx(
        tmp_path / "a.docx",
        f"<w:tbl>{table}<w:tr><w:tc>{cell}</w:tc></w:tr></w:tbl><w:p/>",
        extra={"word/styles.xml": part.encode()},
    )
    assert len(found(path)) == expected


def test_a_text_box_in_a_cell_is_not_hidden_by_the_table_s_style(tmp_path: Path) -> None:
    """The table's style formats its cells' paragraphs, not a text box's in them; and the
    paragraphs of a document without tables are not read as hidden by a table style."""
    part = (
        f'<w:styles xmlns:w="{W}"><w:style w:type="table" w:styleId="T"><w:rPr><w:vanish/>'
        "</w:rPr></w:style></w:styles>"
    )
    box = (
        "<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>电话 1381234</w:t></w:r><w:r>"
        '<w:rPr><w:vanish w:val="0"/></w:rPr><w:t>号</w:t></w:r><w:r><w:t>5678</w:t></w:r>'
        "</w:p></w:txbxContent></w:pict></w:r>"
    )
    path = make_docx(
        tmp_path / "a.docx",
        f'<w:tbl><w:tblPr><w:tblStyle w:val="T"/></w:tblPr><w:tr><w:tc><w:p>{box}</w:p>'
        "</w:tc></w:tr></w:tbl><w:p><w:r><w:t>1391234</w:t></w:r><w:r><w:t>号</w:t></w:r>"
        "<w:r><w:t>5678</w:t></w:r></w:p>",
        extra={"word/styles.xml": part.encode()},
    )
    assert found(path) == []


# ----------------------------------------------------------------- markup compatibility


def test_a_fallback_in_place_of_its_choice_is_read() -> None:
    """Paragraph 2: Word does not know the namespace the choice requires and shows the
    fallback; 3: Word 2007 shows the fallback of a choice that requires w14; 4: choice and
    fallback alike: 房号 3-2-201 whichever is shown."""
    assert found(DATA / "fallback.docx") == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),
        ("phone", "13912345678", Location(part="document", paragraph=3)),
    ]


def test_mask_hides_the_digits_around_a_fallback(tmp_path: Path) -> None:
    assert masked(DATA / "fallback.docx", tmp_path)[1:13] == [
        "联系电话：138",
        "（见附件）",
        "****",  # the fallback's 1234
        "5678",
        "备用电话：139",
        "（见附件）",
        "****",
        "5678",
        "房号 3-2-",
        "201",
        "201",
        "，面积 89.5 平方米",
    ]


# ------------------------------------------------------------------ .rtf paragraph marks


def test_an_rtf_s_hidden_or_deleted_paragraph_mark_runs_two_paragraphs_into_one() -> None:
    """Word shows a paragraph whose ``\\par`` is hidden (``{\\v\\par}``) run on into the next,
    and one whose ``\\par`` is deleted, the change accepted; LibreOffice keeps them apart
    (the text keeps them apart, as it does)."""
    path = DATA / "hidden-par.rtf"
    assert found(path) == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),
        ("phone", "13912345678", Location(part="document", paragraph=4)),
    ]
    # 房号 3-2-{\v\par}201 is no number; an ordinary \par keeps 170 and 34111407 apart
    assert read(path).text.startswith(
        "保障性住房资格审核结果\n联系电话：1381234\n5678，监督电话 023-63612345\n"
        "备用电话：1391234\n5678\n房号 3-2-\n201\n经办人 170\n34111407\n"
    )


def test_mask_hides_the_digits_on_both_sides_of_a_hidden_rtf_mark(tmp_path: Path) -> None:
    out = tmp_path / "out.rtf"
    mask_file(DATA / "hidden-par.rtf", out)
    assert scan_file(out).verdict is Verdict.CLEAN
    rtf = out.read_bytes().decode("ascii")
    assert "\\u65306?138****{\\v\\par}\r\n\\pard\\plain 5678\\u65292?" in rtf
    assert "\\u65306?139****{\\deleted\\revauthdel1\\par}\r\n\\pard\\plain 5678\\par" in rtf
    assert "34111407" in rtf


def test_an_rtf_mark_hidden_by_its_paragraph_style_joins_but_a_cell_s_does_not(
    tmp_path: Path,
) -> None:
    """``\\s17`` hides (its stylesheet says ``\\v``): so does its paragraph's mark.  A cell's
    end (``\\cell``) joins nothing, hidden or not; nor does the story's last mark."""
    path = tmp_path / "a.rtf"
    path.write_text(
        "{\\rtf1\\ansi{\\stylesheet{\\s0 Normal;}{\\s17\\v\\sbasedon0 Hidden;}}\n"
        "\\pard\\plain\\s17{\\v0 Tel 1381234}\\par\n"
        "\\pard\\plain 5678\\par\n"
        "\\trowd\\cellx2000\\cellx4000\\pard\\plain\\intbl 1391234{\\v\\cell}5678\\cell\\row\n"
        "\\pard\\plain 1591234{\\v\\par}}",
        encoding="ascii",
    )
    assert found(path) == [("phone", "13812345678", Location(part="document", paragraph=1))]


# ------------------------------------------------------------------ .odt hidden fields


def test_an_odt_s_hidden_text_and_hidden_paragraph_fields_are_read_both_ways() -> None:
    """LibreOffice shows a hidden-text field's value where its condition does not hold
    (paragraph 3: 备用电话：139, 1234, 5678) and nothing where it does (paragraph 2: 号 left
    out); it leaves a hidden paragraph out, and a cell shows the lines around it (paragraphs
    4 to 6: 1589511 over 6928); each is read both ways."""
    path = DATA / "hidden-fields.odt"
    assert found(path) == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),
        ("phone", "15895116928", Location(part="document")),  # across the cell's lines
        ("phone", "13912345678", Location(part="document", paragraph=3)),
        ("phone", "17034111407", Location(part="document", paragraph=7)),
    ]
    # 房号 3-2-{201}，面积: no number however the field is shown
    assert "房号 3-2-，面积 89.5 平方米\n" in read(path).text


def test_mask_writes_a_hidden_text_field_s_value(tmp_path: Path) -> None:
    out = tmp_path / "out.odt"
    mask_file(DATA / "hidden-fields.odt", out)
    assert scan_file(out).verdict is Verdict.CLEAN
    xml = zipfile.ZipFile(out).read("content.xml").decode()
    assert (
        '备用电话：139<text:hidden-text text:condition="ooow:1==0" text:string-value="****"/>'
        in xml
    )
    assert '<text:p text:style-name="Standard">咨询电话：158****</text:p>' in xml
    assert 'text:string-value="201"/>，面积 89.5 平方米' in xml


def test_an_odt_hidden_text_field_s_content_is_not_what_it_shows(tmp_path: Path) -> None:
    """Where a field has a value, LibreOffice shows the value and not the element's content
    (read after the text, as published); a field without a value shows its content."""
    from .test_hidden_by_style import make_odt

    path = make_odt(
        tmp_path / "a.odt",
        '<text:p>电话 138<text:hidden-text text:condition="ooow:1==0" text:string-value="1234">'
        "（备）</text:hidden-text>5678</text:p>"
        '<text:p>电话 139<text:hidden-text text:condition="ooow:1==0">1234</text:hidden-text>'
        "5678</text:p>",
    )
    assert found(path) == [
        ("phone", "13812345678", Location(part="document", paragraph=1)),
        ("phone", "13912345678", Location(part="document", paragraph=2)),
    ]
    assert "电话 138（备）5678" not in read(path).text  # the content is on no line


# ------------------------------------------------------------------ .doc sprmCFSpecVanish


def test_a_doc_s_paragraph_mark_with_spec_vanish_runs_on_into_the_next(tmp_path: Path) -> None:
    """``sprmCFSpecVanish`` on paragraph 2's mark (Word's style separator: always hidden):
    Word shows paragraphs 2 and 3 as one; LibreOffice 7.4 keeps them apart, as the text
    does.  An ordinary mark keeps 经办人 170 and 34111407 apart."""
    path = DATA / "spec-vanish.doc"
    assert found(path) == [("phone", "13812345678", Location(part="document", paragraph=2))]
    assert read(path).text.startswith(
        "保障性住房资格审核结果\n联系电话：1381234\n5678，监督电话 023-63612345\n"
        "经办人 170\n34111407\n"
    )
    # a .doc is never written: masking refuses it (exit 2), as any .doc
    assert main(["mask", str(path), "-o", str(tmp_path / "out.doc")]) == 2
    assert not (tmp_path / "out.doc").exists()


def test_a_docx_mark_with_spec_vanish_joins_even_where_hidden_text_is_shown(
    tmp_path: Path,
) -> None:
    """``w:specVanish`` hides a mark even where hidden text is shown: with it shown, Word
    shows 电话 138, the hidden 1234, then 5678 as one paragraph; without it, 电话 1385678."""
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:pPr><w:rPr><w:specVanish/></w:rPr></w:pPr><w:r><w:t>电话 138</w:t></w:r>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>1234</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>5678</w:t></w:r></w:p>",
    )
    assert found(path) == [("phone", "13812345678", Location(part="document", paragraph=1))]
    out = tmp_path / "out.docx"
    mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    assert runs_of(out) == ["电话 138", "****", "5678"]


# ------------------------------------------------------------ bidirectional overrides


def test_digits_in_a_right_to_left_override_are_read_as_shown_reversed(tmp_path: Path) -> None:
    """``w:bdo w:val="rtl"`` shows its text right to left ([ISO/IEC 29500-1] 17.3.2.3):
    paragraph 2 shows 联系电话：13812345678 from 138 and 87654321 (stored, itself read as
    it is: 13887654321); 房号 102-2-3 shows 3-2-201 (no number); a left to right override
    shows its text as stored.  LibreOffice 7.4 draws every override as stored."""
    path = DATA / "bdo.docx"
    assert found(path) == [
        ("phone", "13887654321", Location(part="document", paragraph=2)),
        ("phone", "13812345678", Location(part="document", paragraph=2)),
    ]
    assert "房号 102-2-3\n金额 1234.56 元\n" in read(path).text
    # both numbers hidden: of 87654321 the stored one hides 8765, the shown one 4321
    assert masked(path, tmp_path)[1:6] == ["联系电话：138", "********", "房号 ", "102-2-3", "金额 "]


# ------------------------------------------------------------------ lists' labels


def test_a_list_s_label_that_holds_digits_is_read_before_its_paragraph(tmp_path: Path) -> None:
    """Labels of numbering.xml (LibreOffice 7.4's PDF shows the same): paragraph 2
    联系电话：1381 then 2345678 (no suffix): 13812345678; paragraph 3 联系电话：1382、备用; paragraph
    4 备用电话：139, a space, 12345678: 13912345678; paragraph 5 咨询电话：158, a tab, 95116928
    (a tab keeps two numbers apart, as in a paragraph's text).  The text has no labels."""
    path = DATA / "numbering.docx"
    assert found(path) == [
        ("phone", "13812345678", Location(part="document", paragraph=2)),
        ("phone", "13912345678", Location(part="document", paragraph=4)),
    ]
    assert read(path).text.startswith(
        "保障性住房资格审核结果\n2345678\n、备用\n12345678\n95116928\n"
    )
    # a label is the list's, not the paragraph's: a digit of it is never changed, and masking
    # refuses (exit 2), naming the paragraph, where a digit to hide is the label's (the 1 of
    # 1381)
    with pytest.raises(MaskUnsupportedError, match="document, paragraph 2: a digit to hide"):
        mask_file(path, tmp_path / "out.docx")
    assert main(["mask", str(path), "-o", str(tmp_path / "out.docx")]) == 2
    assert not (tmp_path / "out.docx").exists()


_NUMBERED = (
    f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
    '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
)
_NUM_PR = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
_CHANGE = 'w:id="1" w:author="a" w:date="2024-03-01T10:00:00Z"'


@pytest.mark.parametrize(
    ("mark", "first", "second", "written"),
    [
        (f"<w:del {_CHANGE}/>", "联系电话：138", "12345678", "****5678"),  # accepted: one
        ("<w:vanish/>", "联系电话：138", "12345678", "****5678"),  # hidden text not shown: one
        (f"<w:ins {_CHANGE}/>", "联系电话：1381234", "5678", "联系电话：138****"),  # rejected
    ],
    ids=["deleted", "hidden", "inserted"],
)
def test_two_list_paragraphs_run_into_one_show_the_first_label_only(
    tmp_path: Path, mark: str, first: str, second: str, written: str
) -> None:
    """Two paragraphs of a list (labels 1. and 2., a tab after each) whose mark between them
    is deleted, hidden or inserted: where Word shows them as one paragraph it shows one
    label, 1., before it, and the number across the mark is whole (as zfgk 0.9.0 found it);
    the second label is not put between its halves."""
    path = make_docx(
        tmp_path / "list.docx",
        "<w:p><w:r><w:t>申请人名单</w:t></w:r></w:p>"
        f"<w:p><w:pPr>{_NUM_PR}<w:rPr>{mark}</w:rPr></w:pPr><w:r><w:t>{first}</w:t></w:r></w:p>"
        f"<w:p><w:pPr>{_NUM_PR}</w:pPr><w:r><w:t>{second}</w:t></w:r></w:p>",
        extra={"word/numbering.xml": _NUMBERED.encode()},
    )
    assert found(path) == [("phone", "13812345678", Location(part="document", paragraph=2))]
    (tmp_path / "out").mkdir()
    assert written in masked(path, tmp_path / "out")


def test_a_cell_is_read_across_its_lines_with_a_hidden_paragraph_too(tmp_path: Path) -> None:
    """A ``text:hidden-paragraph`` field whose condition does not hold hides nothing:
    LibreOffice shows the cell's lines 咨询电话：1589511 over 6928, the second the hidden
    paragraph's (as zfgk 0.9.0 read it); where it holds, 1589511 alone.  Read both ways, the
    number once; masked, the file scans clean."""
    from .test_hidden_by_style import make_odt

    path = make_odt(
        tmp_path / "cell.odt",
        '<table:table xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'table:name="T"><table:table-column/><table:table-row><table:table-cell>'
        "<text:p>咨询电话：1589511</text:p>"
        '<text:p><text:hidden-paragraph text:condition="ooow:1==0"/>6928</text:p>'
        "</table:table-cell></table:table-row></table:table>",
    )
    assert found(path) == [("phone", "15895116928", Location(part="document"))]
    out = tmp_path / "out.odt"
    mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN


def _numbered(numbering: str) -> dict[str, bytes]:
    return {"word/numbering.xml": f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'.encode()}


def test_a_numbering_part_not_as_the_standard_has_it_is_read_for_what_it_holds(
    tmp_path: Path,
) -> None:
    """A ``w:lvlOverride`` (with its ``w:startOverride``) belongs in a ``w:num``; one in an
    abstract list, or in a list inside an abstract list, is left aside, and the document is
    read as any: 13812345678 in paragraph 1, the landline 010-63612345 no number."""
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>电话 13812345678，010-63612345</w:t></w:r></w:p>",
        extra=_numbered(
            '<w:abstractNum w:abstractNumId="7"><w:lvlOverride w:ilvl="0">'
            '<w:startOverride w:val="1"/></w:lvlOverride></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNum w:abstractNumId="8"/><w:lvlOverride w:ilvl="0">'
            '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        ),
    )
    assert found(path) == [("phone", "13812345678", Location(part="document", paragraph=1))]


def test_a_numbering_part_of_many_empty_lists_costs_little() -> None:
    """20,000 abstract lists that define no level, and one whose label is 138%1 from 4: its
    labels are 1384, 1385; reading the part keeps no level for the empty lists (zfgk 0.9.0
    did not read the part; this branch's first reading made nine for each: 20 MB)."""
    import tracemalloc

    from zfgk.documents._wordnumbering import Numbering

    empty = "".join(f'<w:abstractNum w:abstractNumId="{i}"/>' for i in range(1, 20_001))
    data = (
        f'<w:numbering xmlns:w="{W}">{empty}<w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="4"/><w:lvlText w:val="138%1"/>'
        '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    ).encode()
    tracemalloc.start()
    try:
        numbering = Numbering.read(data, "utf-8")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (numbering.label("1", "0"), numbering.label("1", "0")) == ("1384", "1385")
    assert peak < 2_000_000


def test_a_hidden_text_field_s_value_with_references_is_masked_in_place(tmp_path: Path) -> None:
    """A value as LibreOffice writes it (张三&amp;李四 13812345678), one with a character
    reference (&#x31;234, shown 1234), one after a condition holding a raw > (ooow:1>2): each
    number is found once and hidden in the value, the references around it kept."""
    from .test_hidden_by_style import make_odt

    path = make_odt(
        tmp_path / "fields.odt",
        '<text:p>联系人：<text:hidden-text text:condition="ooow:1==0" '
        'text:string-value="张三&amp;李四 13812345678"/>。</text:p>'
        '<text:p>备用电话：139<text:hidden-text text:condition="ooow:1==0" '
        'text:string-value="&#x31;234"/>5678</text:p>'
        '<text:p>咨询电话：158<text:hidden-text text:condition="ooow:1>2" '
        "text:string-value='9511'/>6928</text:p>",
    )
    assert found(path) == [
        ("phone", "13812345678", Location(part="document", paragraph=1)),
        ("phone", "13912345678", Location(part="document", paragraph=2)),
        ("phone", "15895116928", Location(part="document", paragraph=3)),
    ]
    out = tmp_path / "out.odt"
    mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    xml = zipfile.ZipFile(out).read("content.xml").decode()
    assert 'text:string-value="张三&amp;李四 138****5678"/>。' in xml
    assert (
        '备用电话：139<text:hidden-text text:condition="ooow:1==0" text:string-value="****"/>5678'
        in xml
    )
    assert (
        "咨询电话：158<text:hidden-text text:condition=\"ooow:1>2\" text:string-value='****'/>6928"
        in xml
    )


_LEVEL_138 = (
    '<w:lvl w:ilvl="0"><w:start w:val="4"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="138123%1"/><w:suff w:val="nothing"/></w:lvl>'
)
_BULLET = (
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="•"/></w:lvl></w:abstractNum>'
)


def test_a_list_s_own_level_in_an_override_gives_its_label(tmp_path: Path) -> None:
    """A ``w:lvlOverride`` holding a ``w:lvl`` defines the level for that list in place of
    its abstract list's (a bullet): Word shows 1381234 (138123, the counter from 4), then the
    paragraph's 5678 with nothing between; the list that does not override shows •."""
    path = make_docx(
        tmp_path / "a.docx",
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>5678</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr>'
        "<w:r><w:t>13912345</w:t></w:r></w:p>",
        extra=_numbered(
            f'{_BULLET}<w:num w:numId="1"><w:abstractNumId w:val="0"/>'
            f'<w:lvlOverride w:ilvl="0">{_LEVEL_138}</w:lvlOverride></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
        ),
    )
    assert found(path) == [("phone", "13812345678", Location(part="document", paragraph=1))]


def test_a_paragraph_s_style_puts_it_in_a_list(tmp_path: Path) -> None:
    """A paragraph style with ``w:numPr`` (as Word's heading and list styles have) puts its
    paragraphs in that list, through a style based on it too: Word shows paragraph 1 as
    1381234 then 5678, paragraph 2 as 1381235 then 5678 (the count goes on); paragraph 3's
    own ``w:numId`` 0 takes it out of the list: 5678 alone."""
    styles = (
        f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="Lst"><w:pPr>'
        '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Lst2"><w:basedOn w:val="Lst"/></w:style>'
        "</w:styles>"
    )
    path = make_docx(
        tmp_path / "a.docx",
        '<w:p><w:pPr><w:pStyle w:val="Lst"/></w:pPr><w:r><w:t>5678</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="Lst2"/></w:pPr><w:r><w:t>5678</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="Lst"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>'
        "<w:r><w:t>5678</w:t></w:r></w:p>",
        extra={
            "word/styles.xml": styles.encode(),
            **_numbered(
                f'<w:abstractNum w:abstractNumId="0">{_LEVEL_138}</w:abstractNum>'
                '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            ),
        },
    )
    assert found(path) == [
        ("phone", "13812345678", Location(part="document", paragraph=1)),
        ("phone", "13812355678", Location(part="document", paragraph=2)),
    ]


def test_a_list_defined_by_a_numbering_style_shows_that_style_s_labels(tmp_path: Path) -> None:
    """Abstract list 1 is numbering style LS's (``w:numStyleLink``); LS's ``w:numPr`` is list
    2, whose abstract list 0 defines the levels: Word shows list 1's paragraph as 1381234,
    then 5678."""
    styles = (
        f'<w:styles xmlns:w="{W}"><w:style w:type="numbering" w:styleId="LS"><w:pPr>'
        '<w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style></w:styles>'
    )
    path = make_docx(
        tmp_path / "a.docx",
        '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        "<w:r><w:t>5678</w:t></w:r></w:p>",
        extra={
            "word/styles.xml": styles.encode(),
            **_numbered(
                f'<w:abstractNum w:abstractNumId="0"><w:styleLink w:val="LS"/>{_LEVEL_138}'
                '</w:abstractNum><w:abstractNum w:abstractNumId="1">'
                '<w:numStyleLink w:val="LS"/></w:abstractNum>'
                '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
                '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
            ),
        },
    )
    assert found(path) == [("phone", "13812345678", Location(part="document", paragraph=1))]


def test_a_list_s_plain_paragraphs_are_read_one_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Labels 1. to 3. (a tab after each) add no number to paragraphs that read one way only:
    they are not read the many ways a tracked or hidden paragraph is (the time of a long
    list); a label 138123%1 with nothing after it, 1381234 then 5678, is."""
    from zfgk.documents import _wordprocessing, _wordreadings

    calls: list[int] = []
    real = _wordreadings.numbers_unseen

    def counted(
        chain: list[_wordreadings.Paragraph], segment: int
    ) -> list[tuple[tuple[str, int | None], list[Piece]]]:
        calls.append(len(chain))
        return real(chain, segment)

    monkeypatch.setattr(_wordprocessing, "numbers_unseen", counted)
    numbered = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{}"/></w:numPr></w:pPr>'
    lists = (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:lvlText w:val="%1."/></w:lvl>'
        f'</w:abstractNum><w:abstractNum w:abstractNumId="1">{_LEVEL_138}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    )
    path = make_docx(
        tmp_path / "a.docx",
        "".join(
            numbered.format(1) + f"<w:r><w:t>申请人{i} 电话 1391234567{i}</w:t></w:r></w:p>"
            for i in range(3)
        ),
        extra=_numbered(lists),
    )
    assert [f[1] for f in found(path)] == ["13912345670", "13912345671", "13912345672"]
    assert calls == []
    path = make_docx(
        tmp_path / "b.docx",
        numbered.format(2) + "<w:r><w:t>5678</w:t></w:r></w:p>",
        extra=_numbered(lists),
    )
    assert found(path) == [("phone", "13812345678", Location(part="document", paragraph=1))]
    assert calls


def test_paragraphs_run_on_over_a_hidden_rtf_mark_give_only_the_number_across_it(
    tmp_path: Path,
) -> None:
    """Word shows paragraph 1 run on into 2 over the hidden ``\\par``: 13812345678 runs
    over the mark; 13712345678 and 13912345678 are each whole in their own paragraph and
    are found once, not again in the run-on reading: three numbers, three masked."""
    path = tmp_path / "a.rtf"
    path.write_bytes(
        b"{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0\\fnil SimSun;}}\n"
        b"\\pard\\plain A 13712345678 Tel 1381234{\\v\\par}\n"
        b"\\pard\\plain 5678 B 13912345678\\par\n\\pard\\plain end\\par}"
    )
    assert found(path) == [
        ("phone", "13712345678", Location(part="document", paragraph=1)),
        ("phone", "13912345678", Location(part="document", paragraph=2)),
        ("phone", "13812345678", Location(part="document", paragraph=1)),
    ]
    out = tmp_path / "out.rtf"
    report = mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    assert (
        b"A 137****5678 Tel 138****{\\v\\par}\n\\pard\\plain 5678 B 139****5678" in out.read_bytes()
    )
    assert len(report.texts) == 3


def _boxed(paragraphs: str) -> str:
    """A paragraph holding a text box of ``paragraphs``, written twice as Word writes it: a
    DrawingML shape (the choice) and a VML one (the fallback)."""
    box = f"<w:txbxContent>{paragraphs}</w:txbxContent>"
    return (
        "<w:p><w:r><w:t>见框：</w:t></w:r><w:r>"
        '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"><mc:Choice Requires="wps"><w:drawing>'
        f"<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
        "</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )


def test_a_choice_s_last_paragraph_does_not_run_on_into_its_fallback_s_first(
    tmp_path: Path,
) -> None:
    """A text box of 5678 号 then 备注 1381234 whose mark has ``w:specVanish``: the box's
    last paragraph runs on into nothing (Word shows the choice or the fallback, never both):
    no number.  With 5678 after it in the box, 13812345678 is shown: in the choice's copy
    and in the fallback's, each hidden by mask."""
    vanishing = (
        "<w:p><w:pPr><w:rPr><w:specVanish/></w:rPr></w:pPr><w:r><w:t>备注 1381234</w:t></w:r></w:p>"
    )
    after = "<w:p><w:r><w:t>5678 号</w:t></w:r></w:p>"
    path = make_docx(tmp_path / "a.docx", _boxed(after + vanishing))
    assert found(path) == []
    path = make_docx(tmp_path / "b.docx", _boxed(vanishing + after))
    assert [f[1] for f in found(path)] == ["13812345678", "13812345678"]
    out = tmp_path / "out.docx"
    mask_file(path, out)
    assert runs_of(out)[1:] == ["备注 138****", "5678 号"] * 2
