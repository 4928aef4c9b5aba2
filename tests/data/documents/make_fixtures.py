"""Make the .docx and PDF fixtures of tests/test_documents*.py, as Word and LibreOffice make them.

Run by hand from the repository's root when the fixtures must change::

    python3 tests/data/documents/make_fixtures.py

It needs python-docx and pypdf, and LibreOffice (``soffice``) for the
PDFs; the tests need none of them beyond pypdf, and read the files
committed here.  The ID numbers are valid (MOD 11-2 check digit) but
invented, made with Faker's zh_CN ``ssn()``; the mobile numbers too.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import docx
import pypdf
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph
from pypdf.constants import PageLabelStyle

HERE = Path(__file__).resolve().parent


def _mark(paragraph: Paragraph, tag: str, **attributes: str) -> None:
    """Put a bookmark or a proofing mark between the runs of a paragraph, as Word does."""
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(name), value)
    paragraph._p.append(element)


def notice() -> docx.document.Document:
    """A notice with its numbers split across runs of different formatting."""
    document = docx.Document()
    document.add_paragraph("保障性住房分配结果公示")
    p = document.add_paragraph("申请人张三，身份证号：")
    p.add_run("500103").bold = True
    _mark(p, "w:bookmarkStart", **{"w:id": "0", "w:name": "身份证"})
    run = p.add_run("1990")
    run.italic = True
    run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    _mark(p, "w:bookmarkEnd", **{"w:id": "0"})
    _mark(p, "w:proofErr", **{"w:type": "spellStart"})
    p.add_run("0307").font.size = Pt(14)
    _mark(p, "w:proofErr", **{"w:type": "spellEnd"})
    p.add_run("1239").underline = True
    p.add_run("，联系电话：")
    p.add_run("138").bold = True
    p.add_run("1234")
    p.add_run("5678").font.name = "Arial"
    p.add_run("。")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("序号", "身份证号", "联系电话"), strict=True):
        cell.text = text
    first, second, third = table.rows[1].cells
    first.text = "1"
    second.paragraphs[0].add_run("430482")
    second.paragraphs[0].add_run("196401255682").bold = True
    third.text = "159 6584 9294"
    document.add_paragraph("租金 1234.50 元/月，房号 3-2-201，监督电话 023-63612345。")
    section = document.sections[0]
    section.header.paragraphs[0].text = "公示编号 2023-001　联系人手机 17016019667"
    section.footer.paragraphs[0].text = "经办人证件号 130801194803078184"
    return document


def pages() -> docx.document.Document:
    """Three pages: a cover, then a page with an ID number, then one with a mobile number."""
    document = docx.Document()
    document.add_paragraph("封面：2023年公共租赁住房配租结果")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("申请人身份证号 441283199809187611")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("联系电话 158 0310 7671")
    return document


def to_pdf(source: Path, folder: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
    )
    return folder / (source.stem + ".pdf")


def main() -> None:
    notice().save(str(HERE / "notice.docx"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (HERE / "notice.pdf").write_bytes(to_pdf(HERE / "notice.docx", folder).read_bytes())
        pages().save(str(folder / "pages.docx"))
        writer = pypdf.PdfWriter(clone_from=to_pdf(folder / "pages.docx", folder))
        writer.set_page_label(0, 0, style=PageLabelStyle.LOWERCASE_ROMAN)  # the cover is page i
        writer.set_page_label(1, 2, style=PageLabelStyle.DECIMAL, start=1)  # then 1, 2
        with (HERE / "pages_labelled.pdf").open("wb") as f:
            writer.write(f)
    for name, user in (("encrypted.pdf", "secret"), ("copy_protected.pdf", "")):
        writer = pypdf.PdfWriter(clone_from=HERE / "notice.pdf")
        writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
        with (HERE / name).open("wb") as f:
            writer.write(f)
    # AES, as most copy-protected notices are, written by qpdf (pikepdf 10.18), not by the
    # pypdf that reads them: AES-128 (revision 4) and AES-256 (revision 6), owner only.
    import pikepdf

    with pikepdf.open(HERE / "notice.pdf") as pdf:
        for name, revision in (("copy_protected_aes128.pdf", 4), ("copy_protected_aes256.pdf", 6)):
            encryption = pikepdf.Encryption(owner="owner", user="", R=revision, aes=True)
            pdf.save(HERE / name, encryption=encryption)


if __name__ == "__main__":
    main()
