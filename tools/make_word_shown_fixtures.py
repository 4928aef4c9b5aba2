"""Make the fixtures of tests/test_word_shown.py: Word-family files whose shown text holds a
number that zfgk 0.10.0 read in none of its readings.

Run by hand from the repository's root when the fixtures must change::

    python3 tools/make_word_shown_fixtures.py

It needs python-docx and LibreOffice (``soffice``; the tests need neither:
they read the files committed in ``tests/data/word-shown/``).  python-docx
writes the documents; where it has no call for an element (``w:bdo``,
``w:pPrChange``, a style's ``w:numPr``), its ``parse_xml`` puts in the
element Word writes ([ISO/IEC 29500-1] 17.3.2.3 bdo, 17.13.5.29 pPrChange,
17.9 numbering).  What each paragraph shows is written beside it below; the
tests hold the same answers, read off this script.  The numbers are invented.

- ``bdo-nested.docx``: bidirectional overrides inside one another and side
  by side: Word lays them out by Unicode's algorithm (an override right to
  left shows what it holds from the last; one left to right inside it keeps
  its own order);
- ``pprchange-default.docx``: paragraphs whose formatting a tracked change
  changed, the old properties (``w:pPrChange/w:pPr``: all of them, so no
  ``w:pStyle`` means the default paragraph style) putting them in a list
  whose label holds digits: "reject all" gives the label back;
- ``list-2003.xml``: LibreOffice's Word 2003 XML of a .docx whose lists'
  labels hold digits (``w:lists``, ``w:listPr``);
- ``par-revisions.rtf``: written here by hand, as the RTF specification
  has it and Word writes a paragraph mark's formatting (in a group with its
  ``\\par``): hidden digits (``\\v``) before a deleted mark, and a mark
  inserted with revision marks on (``\\revised``) that splits a number.
  LibreOffice 7.4 writes neither (its RTF of such an .odt marks the text
  around the mark only);
- ``conditions.odt``: LibreOffice's .odt of the flat file
  :data:`CONDITIONS_FODT` written here: ``text:conditional-text`` fields
  (LibreOffice shows ``text:string-value-if-true`` where the condition
  holds, ``-if-false`` where not; the content is what it showed when it
  saved, and may be neither) and sections hidden where their condition
  holds (``text:display="condition"``) or always (``"none"``).  Its PDF
  (LibreOffice 7.4) shows 联系电话：13812345678, 备用电话：13912345678, and the
  cell's lines 1581234 and 5678 without the section between them.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph
from make_docx_hidden_fixtures import _small  # tools/ is on the path of its scripts
from make_fidelity_fixtures import soffice
from make_word_hidden_fixtures import _rtf_text

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "word-shown"
_CHANGE = 'w:id="{id}" w:author="经办人" w:date="2024-03-01T10:00:00Z"'


def _override(direction: str, *content: str) -> str:
    """A bidirectional override of ``direction`` holding ``content``: runs of text (a
    string) or overrides (a string starting with ``<``)."""
    inner = "".join(c if c.startswith("<") else f"<w:r><w:t>{c}</w:t></w:r>" for c in content)
    return f'<w:bdo xmlns:w="{_W}" w:val="{direction}">{inner}</w:bdo>'


def bdo_nested() -> docx.document.Document:
    """Overrides in overrides."""
    document = docx.Document()
    document.add_paragraph("保障性住房资格审核结果")  # paragraph 1
    # paragraph 2: right to left, 8765 then 1381234 left to right: the inner one is a unit
    # of the outer, shown first (at the left), in its own order; 8765 shown reversed, after:
    # 联系电话：13812345678 (stored 87651381234, no number)
    paragraph = document.add_paragraph("联系电话：")
    paragraph._p.append(parse_xml(_override("rtl", "8765", _override("ltr", "1381234"))))
    # paragraph 3: two overrides right to left side by side, each reversed on its own:
    # 139, 4321 shown 1234, 8765 shown 5678: 13912345678 (the two read as one, 13987651234)
    paragraph = document.add_paragraph("备用电话：139")
    paragraph._p.append(parse_xml(_override("rtl", "4321")))
    paragraph._p.append(parse_xml(_override("rtl", "8765")))
    # paragraph 4: right to left in left to right in right to left: the innermost 4321 is
    # reversed (1234), the middle keeps 158 before it, the outer puts 8765 (shown 5678) at
    # its right: 15812345678
    paragraph = document.add_paragraph("咨询电话：")
    paragraph._p.append(
        parse_xml(_override("rtl", "8765", _override("ltr", "158", _override("rtl", "4321"))))
    )
    # paragraph 5: 房号 in an override right to left around 102-2-3 left to right: shown
    # 102-2-3号房 (no number)
    paragraph = document.add_paragraph("")
    paragraph._p.append(parse_xml(_override("rtl", "房号", _override("ltr", "102-2-3"))))
    return document


def _style_list(document: docx.document.Document) -> None:
    """Lists 101 (label 138123%1 from 4: 1381234) and 102 (label 139123%1 from 4:
    1391234), nothing after the labels; the default paragraph style (Normal) in list 101,
    and a style 正文2 in none."""
    numbering = document.part.numbering_part.element
    for number, text in ((101, "138123%1"), (102, "139123%1")):
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{number}">'
                '<w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="4"/>'
                f'<w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="{text}"/>'
                '<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
            ),
        )
        numbering.append(
            parse_xml(
                f'<w:num xmlns:w="{_W}" w:numId="{number}"><w:abstractNumId w:val="{number}"/>'
                "</w:num>"
            )
        )
    styles = document.styles.element
    normal = next(s for s in styles if s.get(f"{{{_W}}}styleId") == "Normal")
    normal.append(
        parse_xml(
            f'<w:pPr xmlns:w="{_W}"><w:numPr><w:ilvl w:val="0"/><w:numId w:val="101"/></w:numPr>'
            "</w:pPr>"
        )
    )
    styles.append(
        parse_xml(
            f'<w:style xmlns:w="{_W}" w:type="paragraph" w:customStyle="1" w:styleId="Body">'
            '<w:name w:val="正文2"/><w:qFormat/></w:style>'
        )
    )


def _changed(paragraph: Paragraph, old: str, change: int) -> None:
    """Put ``paragraph`` in style 正文2, its old properties (a tracked change's) ``old``."""
    paragraph._p.get_or_add_pPr().append(
        parse_xml(
            f'<w:pStyle xmlns:w="{_W}" w:val="Body"/>'
            if change == 0
            else f'<w:pPrChange xmlns:w="{_W}" {_CHANGE.format(id=change)}><w:pPr>{old}</w:pPr>'
            "</w:pPrChange>"
        )
    )


def pprchange_default() -> docx.document.Document:
    """Paragraphs taken out of a list under Track Changes."""
    document = docx.Document()
    _style_list(document)
    # paragraph 1: 正文2, in no list
    _changed(document.add_paragraph("保障性住房资格审核结果"), "", 0)
    # paragraph 2: 正文2 now (no list: 5678); before, the default style (its old pPr names
    # none), in list 101: "reject all" shows 1381234 then 5678: 13812345678
    paragraph = document.add_paragraph("5678")
    _changed(paragraph, "", 0)
    _changed(paragraph, "", 1)
    # paragraph 3: 正文2 now; before, 正文2 in list 102 by its own w:numPr: 1391234 then 5678:
    # 13912345678
    paragraph = document.add_paragraph("5678")
    _changed(paragraph, "", 0)
    _changed(
        paragraph,
        '<w:pStyle w:val="Body"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="102"/></w:numPr>',
        2,
    )
    # paragraph 4: 正文2, unchanged: 5678 (no number in any reading)
    _changed(document.add_paragraph("5678"), "", 0)
    return document


PAR_REVISIONS_RTF = (
    "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\n"
    "{\\*\\revtbl{\\*\\revauthor Unknown;}{\\*\\revauthor " + _rtf_text("经办人") + ";}}\n"
    f"\\pard\\plain {_rtf_text('保障性住房资格审核结果')}\\par\n"
    # paragraphs 2 and 3: its mark deleted, Word shows them as one; with hidden text shown
    # (1234), 联系电话：13812345678 备注; without it, 联系电话：1385678 (no number)
    f"\\pard\\plain {_rtf_text('联系电话：138')}{{\\v 1234}}{{\\deleted\\revauthdel1\\par}}\n"
    f"\\pard\\plain {_rtf_text('5678 备注')}\\par\n"
    # paragraphs 4 and 5: its mark inserted, "reject all" gives them back as one:
    # 备用电话：13912345678 备注
    f"\\pard\\plain {_rtf_text('备用电话：1391234')}{{\\revised\\revauth1\\par}}\n"
    f"\\pard\\plain {_rtf_text('5678 备注')}\\par\n"
    # paragraphs 6 and 7: an inserted mark between a house number and a landline, and a
    # whole number: 13712345678 once, 房号 3-2-201 and 023-63612345 no number
    f"\\pard\\plain {_rtf_text('房号 3-2-201')}{{\\revised\\revauth1\\par}}\n"
    f"\\pard\\plain {_rtf_text('023-63612345 经办人 13712345678')}\\par\n"
    "}\n"
)


_ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:ooow="http://openoffice.org/2004/writer"'
)

CONDITIONS_FODT = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {_ODF} office:version="1.3" '
    'office:mimetype="application/vnd.oasis.opendocument.text"><office:body><office:text>'
    '<text:variable-decls><text:variable-decl office:value-type="float" text:name="x"/>'
    "</text:variable-decls>"
    # paragraph 1: sets x to 1
    '<text:p>保障性住房资格审核结果<text:variable-set text:name="x" '
    'office:value-type="float" office:value="1">1</text:variable-set></text:p>'
    # paragraph 2: x==1 holds: shown 联系电话：13812345678 (saved empty)
    '<text:p>联系电话：<text:conditional-text text:condition="ooow:x==1" '
    'text:string-value-if-true="1381234" text:string-value-if-false="见附件"/>5678</text:p>'
    # paragraph 3: x==2 does not: shown 备用电话：13912345678 (saved as 见附件)
    '<text:p>备用电话：<text:conditional-text text:condition="ooow:x==2" '
    'text:string-value-if-true="见附件" text:string-value-if-false="1391234">见附件'
    "</text:conditional-text>5678</text:p>"
    # paragraph 4: 房号 shown, a house number either way: no number
    '<text:p>房号 <text:conditional-text text:condition="ooow:x==1" '
    'text:string-value-if-true="3-2-" text:string-value-if-false="5-1-">3-2-'
    "</text:conditional-text>201</text:p>"
    # a cell: its lines 1581234 and 5678 with a section hidden where x==1 (it is) between
    # them: shown 1581234 over 5678, 15812345678 read across its lines
    '<table:table table:name="T"><table:table-column/><table:table-row>'
    '<table:table-cell office:value-type="string"><text:p>1581234</text:p>'
    '<text:section text:name="S1" text:condition="ooow:x==1" text:display="condition">'
    "<text:p>备注</text:p></text:section><text:p>5678</text:p></table:table-cell>"
    "</table:table-row></table:table>"
    # a section never shown, read as published: 13712345678
    '<text:section text:name="S2" text:display="none"><text:p>经办人 13712345678</text:p>'
    "</text:section></office:text></office:body></office:document>"
)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    _small(bdo_nested()).save(str(OUT / "bdo-nested.docx"))
    _small(pprchange_default()).save(str(OUT / "pprchange-default.docx"))
    (OUT / "par-revisions.rtf").write_text(PAR_REVISIONS_RTF, encoding="ascii", newline="\r\n")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "list-2003.docx"
        shutil.copy(ROOT / "tests" / "data" / "word-hidden" / "numbering.docx", source)
        made = soffice(source, "xml:MS Word 2003 XML", Path(work))
        shutil.move(made, OUT / "list-2003.xml")
        source = Path(work) / "conditions.fodt"
        source.write_text(CONDITIONS_FODT, encoding="utf-8")
        shutil.move(soffice(source, "odt", Path(work)), OUT / "conditions.odt")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
