"""Make the PDF fixtures of tests/data/pdf/ (issue 25): run from the repository's root.

    python tools/make_pdf_fixtures.py

Needs LibreOffice (``soffice``) for ``letter_spaced.pdf`` (and ``no_tounicode.pdf``, made from it), reportlab, pypdf
and the WenQuanYi Zen Hei font (Debian's fonts-wqy-zenhei).  Each file and
the numbers in it are listed in tests/data/pdf/README.md; the tests'
answers are written by hand from there, never from zfgk's output.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "pdf"
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

#: LibreOffice Writer, character spacing widened (字符间距加宽) on the numbers.
_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="WenQuanYi Zen Hei"
 svg:font-family="'WenQuanYi Zen Hei'"/></office:font-face-decls>
<office:automatic-styles>
<style:style style:name="T1" style:family="text"><style:text-properties fo:letter-spacing="0.15cm"/></style:style>
<style:style style:name="P1" style:family="paragraph"><style:text-properties
 style:font-name="WenQuanYi Zen Hei" style:font-name-asian="WenQuanYi Zen Hei" fo:font-size="12pt"/></style:style>
</office:automatic-styles>
<office:body><office:text>
<text:p text:style-name="P1">保障性住房资格审核公示</text:p>
<text:p text:style-name="P1">联系电话：<text:span text:style-name="T1">15898765432</text:span></text:p>
<text:p text:style-name="P1">身份证号：<text:span text:style-name="T1">110105491231002</text:span>（15位）</text:p>
<table:table table:name="T"><table:table-column table:number-columns-repeated="3"/>
<table:table-row>{header}</table:table-row>
<table:table-row>{cells}</table:table-row>
</table:table>
</office:text></office:body></office:document>
"""


def _cell(text: str, spaced: bool = False) -> str:
    inner = f'<text:span text:style-name="T1">{text}</text:span>' if spaced else text
    return (
        '<table:table-cell office:value-type="string">'
        f'<text:p text:style-name="P1">{inner}</text:p></table:table-cell>'
    )


def letter_spaced() -> None:
    """LibreOffice: a mobile and a 15-digit ID letter-spaced; two cells of a row not one number."""
    soffice = shutil.which("soffice")
    if soffice is None:
        print("letter_spaced.pdf: soffice not found, kept as it is")
        return
    header = "".join(_cell(t) for t in ("编号", "面积", "人数"))
    cells = _cell("1381234", True) + _cell("5678", True) + _cell("3")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "letter_spaced.fodt"
        source.write_text(_FODT.format(header=header, cells=cells), encoding="utf-8")
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        _stable(Path(folder) / "letter_spaced.pdf", OUT / "letter_spaced.pdf")


def _stable(source: Path, target: Path) -> None:
    """``source`` written to ``target`` without its dates, so that making it again changes nothing."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=source)
    writer.add_metadata({"/CreationDate": "D:20260101000000Z", "/ModDate": "D:20260101000000Z"})
    with target.open("wb") as f:
        writer.write(f)


def _canvas(target: io.BytesIO | Path) -> Any:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("WQY", FONT, subfontIndex=0))
    c = canvas.Canvas(
        str(target) if isinstance(target, Path) else target, pagesize=(595, 842), invariant=True
    )
    c.setFont("WQY", 12)
    return c


def glyph_per_call() -> None:
    """reportlab: an ID drawn one digit per draw call, a mobile with character spacing (Tc),
    the boxes of a form one digit each, and two cells' numbers side by side that are not one."""
    c = _canvas(OUT / "glyph_per_call.pdf")
    c.drawString(50, 800, "申请人身份证号：")
    x = 150.0
    for ch in "11010519491231002X":
        c.drawString(x, 800, ch)
        x += 10.5
    text = c.beginText(50, 770)
    text.textOut("手机：")
    text.setCharSpace(4)
    text.textOut("13912345678")
    text.setCharSpace(0)
    c.drawText(text)
    c.drawString(50, 740, "表格：")
    for column, value in ((110, "1381234"), (170, "5678"), (230, "20")):
        c.drawString(column, 740, value)
    c.drawString(50, 710, "房号 3 2 2 0 1 室")
    c.save()


def drawn_apart() -> None:
    """reportlab: numbers drawn a glyph at a time that only their places join: one digit per
    box of a form (18 pt boxes, 10 pt digits), a mobile's groups apart, a line drawn right
    half first, a column of vertical text (竖排); and single-digit table cells that are not one."""
    c = _canvas(OUT / "drawn_apart.pdf")
    c.drawString(50, 800, "住房保障申请表  身份证号")
    for i, ch in enumerate("11010519491231002X"):  # page 1: the boxes of a form
        c.rect(200 + i * 18, 794, 18, 20)
        c.setFont("Helvetica", 10)
        c.drawCentredString(209 + i * 18, 800, ch)
    c.showPage()
    c.setFont("WQY", 12)
    c.drawString(50, 800, "联系电话")  # page 2: 139 1234 5678, a digit at a time
    x = 130.0
    for group in ("139", "1234", "5678"):
        for ch in group:
            c.drawString(x, 800, ch)
            x += 8
        x += 8
    c.showPage()
    c.setFont("Helvetica", 12)
    width = c.stringWidth("440305", "Helvetica", 12)  # page 3: the right half drawn first
    c.drawString(50 + width, 800, "198001010013")
    c.drawString(50, 800, "440305")
    c.showPage()
    c.setFont("WQY", 12)
    y = 800.0
    for ch in "电话15812345678":  # page 4: a column of vertical text
        c.drawString(300, y, ch)
        y -= 14
    c.showPage()
    c.setFont("WQY", 10)
    c.drawString(50, 800, "评分")  # page 5: eleven single-digit cells 50 pt apart
    for i, ch in enumerate("13812345678"):
        c.drawString(100 + i * 50, 800, ch)
    c.save()


def no_tounicode() -> None:
    """letter_spaced.pdf (LibreOffice) with its fonts' ToUnicode maps taken out, as some PDF
    printers write them: its digits come out as control characters."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=OUT / "letter_spaced.pdf")
    for page in writer.pages:
        resources: Any = page["/Resources"]
        for reference in resources["/Font"].values():
            font = reference.get_object()
            if NameObject("/ToUnicode") in font:
                del font[NameObject("/ToUnicode")]
    with (OUT / "no_tounicode.pdf").open("wb") as f:
        writer.write(f)


def _image(writer: Any, width: int, height: int) -> Any:
    from pypdf.generic import DecodedStreamObject, NameObject, NumberObject

    image = DecodedStreamObject()
    image.set_data(bytes([200]) * (width * height))
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(width),
            NameObject("/Height"): NumberObject(height),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(8),
        }
    )
    return writer._add_object(image)


def scanned() -> None:
    """Page 1 typed; page 2 a scan under a typed title and page number; page 3 a logo on text."""
    buffer = io.BytesIO()
    c = _canvas(buffer)
    c.drawString(50, 800, "保障性住房分配结果公示（共3页）")
    c.showPage()
    c.setFont("WQY", 12)  # a new page starts in Helvetica
    c.drawString(50, 820, "附件：审批表扫描件")
    c.drawString(290, 20, "2")
    c.showPage()
    c.setFont("WQY", 12)  # a new page starts in Helvetica
    c.drawString(50, 800, "项目简介：民心佳园共 1200 套，已分配 860 套。")
    c.save()
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer: Any = PdfWriter()
    for typed in PdfReader(buffer).pages:
        writer.add_page(typed)
    for number, drawing in (
        (1, b"q 555 0 0 770 20 40 cm /Scan Do Q\n"),
        (2, b"q 60 0 0 30 50 740 cm /Scan Do Q\n"),
    ):
        page = writer.pages[number]
        resources = page["/Resources"].get_object()
        xobjects = resources.get("/XObject")
        if xobjects is None:
            xobjects = DictionaryObject()
            resources[NameObject("/XObject")] = xobjects
        xobjects = xobjects.get_object()
        xobjects[NameObject("/Scan")] = _image(writer, 40, 56)
        old: Any = PdfReader(buffer).pages[number].get_contents()
        merged = DecodedStreamObject()
        merged.set_data(drawing + old.get_data())  # the scan first, the typed text over it
        page.replace_contents(merged)
    with (OUT / "scanned.pdf").open("wb") as f:
        writer.write(f)


def attachments() -> None:
    """A clean notice carrying a CSV (an ID) in its EmbeddedFiles and an .xlsx (a mobile) hung on
    its page by a FileAttachment annotation."""
    from make_workbook_fixtures import contacts
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    buffer = io.BytesIO()
    c = _canvas(buffer)
    c.drawString(50, 800, "分配结果公示：名单见附件。")
    c.save()
    writer = PdfWriter(clone_from=PdfReader(buffer))
    writer.add_attachment("名单.csv", "序号,姓名,身份证号\n1,张三,11010519491231002X\n".encode())
    embedded = DecodedStreamObject()
    embedded.set_data(contacts())
    embedded[NameObject("/Type")] = NameObject("/EmbeddedFile")
    spec = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Filespec"),
            NameObject("/F"): TextStringObject("联系人.xlsx"),
            NameObject("/UF"): TextStringObject("联系人.xlsx"),
            NameObject("/EF"): DictionaryObject({NameObject("/F"): writer._add_object(embedded)}),
        }
    )
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/FileAttachment"),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (400, 790, 420, 810)]),
            NameObject("/FS"): writer._add_object(spec),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    # The file is rewritten with its dates fixed, so that making it again changes nothing.
    with (OUT / "attachments.pdf").open("wb") as f:
        writer.write(f)


def revised() -> None:
    """A notice saved, then "masked" by an incremental update that replaces its page's text: the
    first revision, still in the file, shows the full number."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    first = io.BytesIO()
    c = _canvas(first)
    c.drawString(50, 800, "申请人：张三  身份证号：11010519491231002X")
    c.save()
    second = io.BytesIO()
    c = _canvas(second)
    c.drawString(50, 800, "申请人：张三  身份证号：110105********002X")
    c.save()
    masked: Any = PdfReader(second).pages[0]
    writer = PdfWriter(io.BytesIO(first.getvalue()), incremental=True)
    page: Any = writer.pages[0]
    page[NameObject("/Resources")] = masked["/Resources"].clone(writer)
    page.replace_contents(masked.get_contents().clone(writer))
    with (OUT / "revised.pdf").open("wb") as f:
        writer.write(f)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    letter_spaced()
    glyph_per_call()
    drawn_apart()
    no_tounicode()
    scanned()
    attachments()
    revised()


if __name__ == "__main__":
    main()
