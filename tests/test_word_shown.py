"""Word-family files whose shown text holds a number zfgk 0.10.0 read in none of its
readings: overrides inside overrides, a tracked change of a paragraph's formatting that
took it out of a list, Word 2003 XML's lists, an .rtf's paragraphs run on over a deleted or
inserted mark, an .odt's conditional text and sections; and the time of a long list.

The fixtures in ``tests/data/word-shown/`` are made by python-docx (the
elements it has no call for put in by hand) and LibreOffice
(tools/make_word_shown_fixtures.py), or written there by hand (the .rtf); the answers are
read off that script.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from zfgk import find_pii, mask_file, scan_file
from zfgk.cli import main
from zfgk.documents import Location, read
from zfgk.errors import MaskUnsupportedError
from zfgk.files import Verdict

from .test_documents_docx import make_docx
from .test_word_tracked import found

DATA = Path(__file__).parent / "data" / "word-shown"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def at(paragraph: int) -> Location:
    return Location(part="document", paragraph=paragraph)


# ------------------------------------------------------------ bidirectional overrides


def test_overrides_inside_overrides_are_read_as_unicode_lays_them_out(tmp_path: Path) -> None:
    """An override right to left shows what it holds from the last, each override inside it
    a unit in its own direction (Unicode's bidirectional algorithm, X6 and L2): paragraph 2
    stores 8765 then 1381234 left to right and shows 13812345678; paragraph 3's two
    overrides, each reversed alone, show 139 1234 5678 (read as one, 13956781234); paragraph
    4, 8765 then 158 and 4321 (right to left) left to right, shows 15812345678.  The text as
    stored holds 13943218765 (paragraph 3); paragraph 5 shows 102-2-3号房, no number."""
    path = DATA / "bdo-nested.docx"
    assert found(path) == [
        ("phone", "13943218765", at(3)),
        ("phone", "13812345678", at(2)),
        ("phone", "13912345678", at(3)),
        ("phone", "15812345678", at(4)),
    ]
    out = tmp_path / "out.docx"
    mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN


def test_overrides_side_by_side_are_not_read_as_one(tmp_path: Path) -> None:
    """Two overrides right to left with nothing between, 4321 and 8765, show 1234 and 5678
    (13912345678 after 139), never 56781234 as one override of both would; an override left
    to right alone shows its text as stored."""
    override = '<w:bdo w:val="{}"><w:r><w:t>{}</w:t></w:r></w:bdo>'
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>139</w:t></w:r>"
        + override.format("rtl", "4321")
        + override.format("rtl", "8765")
        + "</w:p><w:p><w:r><w:t>1</w:t></w:r>"
        + override.format("ltr", "3812345678")
        + "</w:p>",
    )
    assert [(kind, number) for kind, number, _ in found(path)] == [
        ("phone", "13943218765"),
        ("phone", "13812345678"),
        ("phone", "13912345678"),
    ]


# ------------------------------------------------------- a change of formatting's list


def test_a_list_s_label_before_a_change_of_formatting_is_read_as_it_was(tmp_path: Path) -> None:
    """``w:pPrChange`` holds all of a paragraph's old properties: paragraph 2's names no
    style, so "reject all" gives it the default paragraph style, which is in list 101
    (label 1381234): 13812345678; paragraph 3's old properties put it in list 102 (label
    1391234) itself: 13912345678.  Paragraph 4, unchanged and in no list, shows 5678."""
    path = DATA / "pprchange-default.docx"
    assert found(path) == [("phone", "13812345678", at(2)), ("phone", "13912345678", at(3))]
    assert read(path).text.startswith("保障性住房资格审核结果\n5678\n5678\n5678\n")
    # the digits to hide are the old labels': refused, naming both paragraphs
    with pytest.raises(MaskUnsupportedError, match="paragraph 2, document, paragraph 3"):
        mask_file(path, tmp_path / "out.docx")


def test_a_change_of_formatting_counts_the_old_list_as_it_was(tmp_path: Path) -> None:
    """List 1's label is 138123%1 from 4.  Paragraph 1 is in it now and before (1381234);
    paragraph 2 is now, and was not before (its old properties name no list, and the default
    style is in none): now it shows 1381235 then 5678 (13812355678); before the changes,
    paragraph 3, then in the list, was its second: 1381235 then 6789 (13812356789), never
    1381236.  The label of paragraph 2 now is not read into its old reading."""
    numbering = (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        '<w:start w:val="4"/><w:numFmt w:val="decimal"/><w:lvlText w:val="138123%1"/>'
        '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    listed = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    change = '<w:pPrChange w:id="1" w:author="a" w:date="2024-03-01T10:00:00Z">{}</w:pPrChange>'
    path = make_docx(
        tmp_path / "a.docx",
        f"<w:p><w:pPr>{listed}</w:pPr><w:r><w:t>甲</w:t></w:r></w:p>"
        f"<w:p><w:pPr>{listed}{change.format('<w:pPr/>')}</w:pPr><w:r><w:t>5678</w:t></w:r></w:p>"
        f"<w:p><w:pPr>{change.format(f'<w:pPr>{listed}</w:pPr>')}</w:pPr>"
        "<w:r><w:t>6789</w:t></w:r></w:p>",
        extra={"word/numbering.xml": numbering.encode()},
    )
    assert found(path) == [("phone", "13812355678", at(2)), ("phone", "13812356789", at(3))]


def test_a_mark_the_default_style_hid_before_a_change_of_formatting_joins(
    tmp_path: Path,
) -> None:
    """The default paragraph style (隐藏) hides text; paragraph 1 is in a style that does
    not, and before a tracked change of its formatting (``w:pPrChange`` naming no style) was
    in the default: "reject all" hides its mark (its runs show, by their own ``w:vanish
    w:val="0"``), and Word runs it on into paragraph 2: 13812345678."""
    styles = (
        f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" w:styleId="H">'
        '<w:name w:val="隐藏"/><w:rPr><w:vanish/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="S"><w:rPr><w:vanish w:val="0"/></w:rPr>'
        "</w:style></w:styles>"
    )
    shown = '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>{}</w:t></w:r>'
    path = make_docx(
        tmp_path / "a.docx",
        '<w:p><w:pPr><w:pStyle w:val="S"/><w:pPrChange w:id="1" w:author="a" '
        'w:date="2024-03-01T10:00:00Z"><w:pPr/></w:pPrChange></w:pPr>'
        + shown.format("联系电话：1381234")
        + '</w:p><w:p><w:pPr><w:pStyle w:val="S"/></w:pPr>'
        + shown.format("5678")
        + "</w:p>",
        extra={"word/styles.xml": styles.encode()},
    )
    assert found(path) == [("phone", "13812345678", at(1))]
    out = tmp_path / "out.docx"
    mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN


# ------------------------------------------------------------ Word 2003 XML's lists


def test_word_2003_xml_lists_show_their_labels(tmp_path: Path) -> None:
    """LibreOffice 7.4's Word 2003 XML of word-hidden/numbering.docx: ``w:lists`` defines
    the labels 联系电话：138%1, %1备用电话：139 and %1咨询电话：158 (LibreOffice writes them
    so, nothing after each); the paragraphs' ``w:listPr`` put them in those lists.  Word
    shows 联系电话：1381 then 2345678, 1备用电话：139 then 12345678, 1咨询电话：158 then
    95116928: three numbers the text (the labels left out) does not hold."""
    path = DATA / "list-2003.xml"
    assert found(path) == [
        ("phone", "13812345678", at(2)),
        ("phone", "13912345678", at(4)),
        ("phone", "15895116928", at(5)),
    ]
    assert read(path).text.startswith("保障性住房资格审核结果\n2345678\n、备用\n12345678\n")
    # a label's digit is the list's: refused (exit 2), naming the paragraphs, as a .docx's
    with pytest.raises(MaskUnsupportedError, match="document, paragraph 2"):
        mask_file(path, tmp_path / "out.xml")
    assert main(["mask", str(path), "-o", str(tmp_path / "out.xml")]) == 2


_W2003 = "http://schemas.microsoft.com/office/word/2003/wordml"


def test_word_2003_lists_as_word_2003_writes_them(tmp_path: Path) -> None:
    """Word 2003's own writing: ``w:nfc`` 0 (decimal) and 22 (decimalZero, 01), ``w:suff``
    Space, a list's ``w:lvlOverride/w:startOverride``, a style's ``w:listPr``: list 1
    (label 138%1 then a space, from 1) shows 1381 12345678 (a space between: no number), list
    2 (its start overridden to 3) 13903 then 345678: 13903345678; style L's list 3, label
    138%1 in decimalZero, nothing after it, 13801 then 345678: 13801345678."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:wordDocument xmlns:w="{_W2003}">'
        '<w:styles><w:style w:type="paragraph" w:styleId="L"><w:pPr><w:listPr>'
        '<w:ilfo w:val="3"/></w:listPr></w:pPr></w:style></w:styles><w:lists>'
        '<w:listDef w:listDefId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:nfc w:val="0"/>'
        '<w:lvlText w:val="138%1"/><w:suff w:val="Space"/></w:lvl></w:listDef>'
        '<w:listDef w:listDefId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:lvlText w:val="1390%1"/><w:suff w:val="Nothing"/></w:lvl></w:listDef>'
        '<w:listDef w:listDefId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:nfc w:val="22"/>'
        '<w:lvlText w:val="138%1"/><w:suff w:val="Nothing"/></w:lvl></w:listDef>'
        '<w:list w:ilfo="1"><w:ilst w:val="0"/></w:list>'
        '<w:list w:ilfo="2"><w:ilst w:val="1"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="3"/></w:lvlOverride></w:list>'
        '<w:list w:ilfo="3"><w:ilst w:val="2"/></w:list></w:lists><w:body>'
        '<w:p><w:pPr><w:listPr><w:ilvl w:val="0"/><w:ilfo w:val="1"/></w:listPr></w:pPr>'
        "<w:r><w:t>12345678</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:listPr><w:ilvl w:val="0"/><w:ilfo w:val="2"/></w:listPr></w:pPr>'
        "<w:r><w:t>345678</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="L"/></w:pPr><w:r><w:t>345678</w:t></w:r></w:p>'
        "</w:body></w:wordDocument>"
    )
    path = tmp_path / "a.xml"
    path.write_text(document, encoding="utf-8")
    assert found(path) == [("phone", "13903345678", at(2)), ("phone", "13801345678", at(3))]


# ------------------------------------------------------------------ lists' counters


def test_a_restarted_list_and_an_abstract_list_of_its_number_count_apart(tmp_path: Path) -> None:
    """List 1 (abstract list 0, label %1.) restarts at 1 by its own ``w:startOverride``;
    list 2 is abstract list 1's (label 138123%1 from 4, nothing after it).  Each counts its
    own: Word shows paragraph 1 as 1. 甲 and paragraph 2 as 1381234 then 5678, never
    1381232 (list 1's count taken for abstract list 1's)."""
    numbering = (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
        '<w:start w:val="4"/><w:numFmt w:val="decimal"/><w:lvlText w:val="138123%1"/>'
        '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
        '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    listed = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{}"/></w:numPr></w:pPr>'
    path = make_docx(
        tmp_path / "a.docx",
        listed.format(1)
        + "<w:r><w:t>甲</w:t></w:r></w:p>"
        + listed.format(2)
        + "<w:r><w:t>5678</w:t></w:r></w:p>",
        extra={"word/numbering.xml": numbering.encode()},
    )
    assert found(path) == [("phone", "13812345678", at(2))]


# ------------------------------------------------------------ RTF's paragraph marks


def test_an_rtf_s_paragraphs_are_read_as_one_over_a_deleted_or_inserted_mark(
    tmp_path: Path,
) -> None:
    """Paragraph 2's hidden 1234 before its deleted mark: with hidden text shown and the
    changes accepted, Word shows 联系电话：13812345678 备注 (over paragraphs 2 and 3);
    paragraph 4's mark is inserted: "reject all" gives 备用电话：13912345678 备注.  Paragraph
    6's inserted mark joins 房号 3-2-201 and 023-63612345 (no number); 13712345678, whole in
    paragraph 7, is found once."""
    path = DATA / "par-revisions.rtf"
    assert found(path) == [
        ("phone", "13712345678", at(7)),
        ("phone", "13812345678", at(2)),
        ("phone", "13912345678", at(4)),
    ]
    out = tmp_path / "out.rtf"
    report = mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    assert len(report.texts) == 3
    written = out.read_bytes()
    assert b"138{\\v ****}{\\deleted\\revauthdel1\\par}\r\n\\pard\\plain 5678" in written
    assert b"139****{\\revised\\revauth1\\par}\r\n\\pard\\plain 5678" in written


# ------------------------------------------------- .odt's conditional text and sections


def test_an_odt_s_conditional_fields_and_sections_are_read_every_way(tmp_path: Path) -> None:
    """LibreOffice 7.4's PDF of conditions.odt shows 联系电话：13812345678 (the value if
    true; the field was saved empty), 备用电话：13912345678 (the value if false; saved as
    见附件), 房号 3-2-201, and a cell's lines 1581234 over 5678 (the section between them
    hidden: its condition holds).  The section never shown (``text:display="none"``) is read
    as published: 13712345678.  The text keeps what the file holds."""
    path = DATA / "conditions.odt"
    assert found(path) == [
        ("phone", "13712345678", at(8)),
        ("phone", "13812345678", at(2)),
        ("phone", "13912345678", at(3)),
        ("phone", "15812345678", Location(part="document")),
    ]
    assert read(path).text.startswith(
        "保障性住房资格审核结果1\n联系电话：5678\n备用电话：见附件5678\n房号 3-2-201\n"
    )
    out = tmp_path / "out.odt"
    report = mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    assert len(report.texts) == 4
    content = zipfile.ZipFile(out).read("content.xml").decode()
    # the value that held the hidden digits is masked in its attribute, the other kept
    assert 'text:string-value-if-true="138****" text:string-value-if-false="见附件"' in content
    assert 'text:string-value-if-true="见附件" text:string-value-if-false="139****"' in content
    assert 'text:string-value-if-true="3-2-" text:string-value-if-false="5-1-"' in content


# ------------------------------------------------------------------ the time of lists


def test_labels_that_end_in_a_tab_are_not_read_with_each_paragraph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Labels 1. to 300. with a tab after them (Word's "List Number") can add no number to
    any paragraph: no text is read again with them (a 20,000-paragraph list took 1.8x
    0.9.0's time to mask, two more readings of each paragraph); a label 138123%1, nothing
    after it, still is, and its number is found."""
    from zfgk.documents import _wordprocessing, _wordreadings

    calls: list[str] = []
    for module in (_wordprocessing, _wordreadings):
        real = getattr(module, "find_pii", find_pii)  # where each module has it

        def counted(text: str, real: Any = real) -> Any:
            calls.append(text)
            return real(text)

        monkeypatch.setattr(module, "find_pii", counted, raising=False)
    numbering = (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
        '<w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '</w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0">'
        '<w:start w:val="4"/><w:numFmt w:val="decimal"/><w:lvlText w:val="138123%1"/>'
        '<w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    listed = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{}"/></w:numPr></w:pPr>'
    body = "".join(
        listed.format(1) + f"<w:r><w:t>申请人{i} 电话 1391234{i:04d}</w:t></w:r></w:p>"
        for i in range(300)
    )
    path = make_docx(
        tmp_path / "a.docx",
        body + listed.format(2) + "<w:r><w:t>5678</w:t></w:r></w:p>",
        extra={"word/numbering.xml": numbering.encode()},
    )
    numbers = [number for _, number, _ in found(path)]
    assert len(numbers) == 301
    assert numbers[-1] == "13812345678"
    assert len([text for text in calls if "申请人" in text]) == 0


def test_an_odt_s_deleted_conditional_field_s_values_are_still_read(tmp_path: Path) -> None:
    """A paragraph deleted under Track Changes (kept in ``text:tracked-changes``) whose
    conditional field's value holds 13812345678: the value is published and read, as any
    attribute holding a number is; and a live field's own whole number is found once."""
    from .test_hidden_by_style import make_odt

    field = (
        '<text:conditional-text text:condition="ooow:x==1" '
        'text:string-value-if-true="{}" text:string-value-if-false="见附件"/>'
    )
    path = make_odt(
        tmp_path / "a.odt",
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
        f"<text:p>电话 {field.format('13812345678')}</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        '<text:p>申请人<text:change text:change-id="c1"/></text:p>'
        f"<text:p>备用 {field.format('13912345678')}</text:p>",
    )
    assert sorted(number for _, number, _ in found(path)) == ["13812345678", "13912345678"]
