"""Make the fixtures of tests/test_docx_hidden_parts.py: .docx files whose numbers Word shows
whole and whose XML keeps them in pieces, as python-docx makes them.

Run by hand from the repository's root when the fixtures must change::

    python3 tools/make_docx_hidden_fixtures.py

It needs python-docx (the tests do not; they read the files committed in
``tests/data/docx-hidden/``).  python-docx writes the styles and runs; where
it has no call for an element (a paragraph mark deleted under Track
Changes, an equation), its ``parse_xml`` puts in the element Word writes.
What each file holds, and where, is written out by hand in the tests, read
off the sources below.  The numbers are invented but valid (an ID number's
check digit by MOD 11-2).

- ``styles.docx``: text hidden by a character style (``隐藏``), by a style
  based on it (``隐藏附注``, no ``w:vanish`` of its own), by a paragraph style
  (``隐藏段落``), and a run of the hiding character style whose own
  ``w:vanish w:val="0"`` shows it;
- ``marks.docx``: paragraphs whose mark is deleted (Word, the changes
  accepted, shows the two as one), inserted (they were one before), or
  hidden (a reader who does not show hidden text sees them as one);
- ``math.docx``: a number typed in an equation over two of its runs, and a
  fraction whose numerator and denominator are not one number;
- ``names.docx``: its parts renamed (python-docx writes the relationships and
  content types that name them): the body ``word/main.xml``, the header
  ``word/hdr1.dat``, the footer ``word/parts/ftr``, each holding a number
  split over runs; there is no ``word/document.xml``.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.packuri import PackURI
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "docx-hidden"


def styles() -> docx.document.Document:
    """Numbers cut by text that a style hides."""
    document = docx.Document()
    hiding = document.styles.add_style("隐藏", WD_STYLE_TYPE.CHARACTER)
    hiding.font.hidden = True
    child = document.styles.add_style("隐藏附注", WD_STYLE_TYPE.CHARACTER)
    child.base_style = hiding  # hidden by inheritance alone
    paragraph_style = document.styles.add_style("隐藏段落", WD_STYLE_TYPE.PARAGRAPH)
    paragraph_style.font.hidden = True
    document.add_paragraph("保障性住房资格审核结果")  # paragraph 1
    one = document.add_paragraph("联系电话：1381234")  # paragraph 2: 13812345678
    one.add_run("号", style="隐藏")
    one.add_run("5678")
    two = document.add_paragraph("备用电话：1391234")  # paragraph 3: 13912345678
    two.add_run("（备）", style="隐藏附注")
    two.add_run("5678")
    shown = document.add_paragraph("身份证号：1101051949")  # paragraph 4: 号 shows, no number
    shown.add_run("号", style="隐藏").font.hidden = False
    shown.add_run("1231002X")
    three = document.add_paragraph(style="隐藏段落")  # paragraph 5: 15895116928
    three.add_run("咨询电话：158").font.hidden = False
    three.add_run("转")  # hidden by its paragraph's style
    three.add_run("95116928").font.hidden = False
    document.add_paragraph("监督电话 023-63612345，金额 1234.56 元")  # paragraph 6
    return document


def _mark(paragraph: Paragraph, xml: str) -> None:
    """``xml`` (a change or ``w:vanish``) put in the properties of ``paragraph``'s mark."""
    properties = paragraph._p.get_or_add_pPr()
    properties.append(parse_xml(f'<w:rPr xmlns:w="{_W}">{xml}</w:rPr>'))


def marks() -> docx.document.Document:
    """Numbers over two paragraphs whose mark between them is changed or hidden."""
    document = docx.Document()
    change = 'w:id="{id}" w:author="经办人" w:date="2024-03-01T10:00:00Z"'
    document.add_paragraph("保障性住房资格审核结果")  # paragraph 1
    deleted = document.add_paragraph("联系电话：1381234")  # paragraph 2: after, 13812345678
    _mark(deleted, f"<w:del {change.format(id=1)}/>")
    document.add_paragraph("5678，监督电话 023-63612345")  # paragraph 3
    inserted = document.add_paragraph("备用电话：1391234")  # paragraph 4: before, 13912345678
    _mark(inserted, f"<w:ins {change.format(id=2)}/>")
    document.add_paragraph("5678")  # paragraph 5
    hidden = document.add_paragraph("经办人 170")  # paragraph 6: not shown, 17034111407
    _mark(hidden, "<w:vanish/>")
    document.add_paragraph("34111407")  # paragraph 7
    document.add_paragraph("房号 3-2-201")  # paragraph 8: apart from 7, no number
    document.add_paragraph("面积 89.5 平方米")
    return document


def _math(xml: str) -> object:
    return parse_xml(f'<m:oMath xmlns:m="{_M}" xmlns:w="{_W}">{xml}</m:oMath>')


def math() -> docx.document.Document:
    """An equation holding a number over two runs, and a fraction that is none."""
    document = docx.Document()
    document.add_paragraph("租金计算")  # paragraph 1
    runs = document.add_paragraph("联系电话：")  # paragraph 2: 18624191938
    runs._p.append(_math("<m:r><m:t>1862419</m:t></m:r><m:r><m:t>1938</m:t></m:r>"))
    fraction = document.add_paragraph("比例：")  # paragraph 3: 1381234 over 5678, no number
    fraction._p.append(
        _math(
            "<m:f><m:num><m:r><m:t>1381234</m:t></m:r></m:num>"
            "<m:den><m:r><m:t>5678</m:t></m:r></m:den></m:f>"
        )
    )
    return document


def names() -> docx.document.Document:
    """A document whose parts have names other than Word's."""
    document = docx.Document()
    document.add_paragraph("保障性住房资格审核结果")  # paragraph 1
    body = document.add_paragraph("联系电话：1381234")  # paragraph 2: 13812345678
    body.add_run("5678")
    section = document.sections[0]
    header = section.header.paragraphs[0]  # header paragraph 1: 13912345678
    header.text = "经办人电话 1391234"
    header.add_run("5678")
    footer = section.footer.paragraphs[0]  # footer paragraph 1: 15895116928
    footer.text = "监督电话 1589511"
    footer.add_run("6928")
    document.part.partname = PackURI("/word/main.xml")
    section.header.part.partname = PackURI("/word/hdr1.dat")
    section.footer.part.partname = PackURI("/word/parts/ftr")
    return document


def _small(document: docx.document.Document) -> docx.document.Document:
    """``document`` without what python-docx's template carries and the tests need not read
    (its table styles, latent styles, ``stylesWithEffects`` and thumbnail: 800 KB of XML)."""
    element = document.styles.element
    for style in element.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" or (
            style.get(qn("w:customStyle")) != "1"
            and (
                style.get(qn("w:styleId"))
                not in ("Normal", "DefaultParagraphFont", "Header", "Footer")
            )
        ):
            element.remove(style)
    for latent in element.findall(qn("w:latentStyles")):
        element.remove(latent)
    part = document.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)
    package = part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rel_id)
    return document


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    _small(styles()).save(str(OUT / "styles.docx"))
    _small(marks()).save(str(OUT / "marks.docx"))
    _small(math()).save(str(OUT / "math.docx"))
    _small(names()).save(str(OUT / "names.docx"))
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
