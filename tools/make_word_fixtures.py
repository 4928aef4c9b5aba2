"""Make the Word and HTML fixtures of tests/test_word_*.py, as LibreOffice and python-docx make them.

Run by hand from the repository's root when the fixtures must change::

    python3 tools/make_word_fixtures.py

It needs python-docx and LibreOffice (``soffice``, 7.4 or later: it
records tracked changes written in a flat .fodt, embeds spreadsheet and
text objects as ``word/embeddings/oleObject*.xlsx`` / ``.docx``, and
exports "MS Word 2003 XML"); the tests need neither, and read the files
committed in ``tests/data/word/``.  What each file holds, and where, is
written out by hand in the tests, read off the sources below.

The ID numbers are invented but valid (MOD 11-2 check digit), made with
Faker's zh_CN ``ssn()``; the mobile numbers too (``phone_number()``).

Made by LibreOffice from flat ODF written here:

- ``tracked.docx``: numbers "masked" with Track Changes on (deleted digits
  kept in ``w:delText``), in a paragraph and in a table cell;
- ``embedded.docx``: a spreadsheet object and a text object embedded in the
  body, each holding a mobile number, and one in the body;
- ``word2003.doc``: Word 2003 XML (``w:wordDocument``) saved under the
  name .doc, its numbers split over runs of different formatting, in a
  table and in a page header;
- ``form.html`` and ``ordinary.html``: ``form.docx`` and
  ``ordinary.docx`` saved as web pages.

Made by python-docx (its low-level ``OxmlElement`` where the library has no
call for the element, and its package parts for the files a document
holds):

- ``form.docx``: an application form whose ID and mobile numbers stand one
  digit per cell, an ID split 6-8-4 over three cells, a number broken by a
  line break and over two paragraphs of one cell;
- ``ordinary.docx``: tables of values side by side that must not be glued
  into numbers (counts, a landline, a credit code and a bank account in
  boxes, 不动产单元号, a timestamp, an amount, 公网安备): no finding;
- ``fields.docx``: a HYPERLINK field whose instruction is split over three
  runs, a deleted field (``w:delInstrText``), a simple field whose
  ``w:instr`` has ``&quot;``, a picture whose alt text has ``&amp;``;
- ``altchunk.docx``: an HTML part and an MHT part (made with the standard
  library's ``email``) put in as ``w:altChunk``, as "export to Word" tools
  do; ``altchunk_html.docx`` has the HTML part only;
- ``object.docx``: a Word 97-2003 document (made by LibreOffice) embedded
  as an OLE object, beside a number in the body.

Saved by LibreOffice as Word 97-2003 (``word97_files``): ``notice97.doc`` (a number
in the body, a footnote, the header, a comment, a text box, a hyperlink and a
row of boxes), ``tracked97.doc``, ``embedded97.doc`` (the objects become an
embedded Word document and an Excel workbook), ``form97.doc`` and
``ordinary97.doc`` (from the sources of the .docx files above); ``edges97.doc``
(from ``edges.docx``, made by python-docx: numbers cut by a tracked change, a
field, hidden text or a nested table's boxes).
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
import zlib
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

#: The namespace of VML's ``o:`` elements (an OLE object), which python-docx does not name.
_OFFICE = "urn:schemas-microsoft-com:office:office"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "word"

_FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
"""
_CHANGE = (
    '<text:changed-region text:id="{id}"><text:{kind}><office:change-info>'
    "<dc:creator>经办人</dc:creator><dc:date>2024-03-01T10:00:00</dc:date></office:change-info>"
    "{content}</text:{kind}></text:changed-region>"
)


def _deletion(id: str, text: str) -> str:
    return _CHANGE.format(id=id, kind="deletion", content=f"<text:p>{text}</text:p>")


def _insertion(id: str) -> str:
    return _CHANGE.format(id=id, kind="insertion", content="")


def tracked_fodt() -> str:
    """Numbers "masked" by deleting their digits and typing stars, with Track Changes on."""
    changes = "".join(
        [
            _deletion("d1", "19750215"),
            _insertion("i1"),
            _deletion("d2", "18477074206"),
            _insertion("i2"),
            _deletion("d3", "42108319511105040X"),
            _insertion("i3"),
        ]
    )
    return (
        _FODT_HEAD
        + "<office:body><office:text>"
        + f'<text:tracked-changes text:track-changes="true">{changes}</text:tracked-changes>'
        + "<text:p>2024年第一批公共租赁住房资格审核结果公示</text:p>"
        + "<text:p>申请人张三，身份证号：610702"
        + '<text:change text:change-id="d1"/><text:change-start text:change-id="i1"/>********'
        + '<text:change-end text:change-id="i1"/>0348。</text:p>'
        + '<text:p>联系电话：<text:change text:change-id="d2"/>'
        + '<text:change-start text:change-id="i2"/>184****4206'
        + '<text:change-end text:change-id="i2"/>，监督电话 023-63612345。</text:p>'
        + '<table:table table:name="名单"><table:table-column table:number-columns-repeated="2"/>'
        + "<table:table-row><table:table-cell><text:p>姓名</text:p></table:table-cell>"
        + "<table:table-cell><text:p>身份证号</text:p></table:table-cell></table:table-row>"
        + "<table:table-row><table:table-cell><text:p>李四</text:p></table:table-cell>"
        + '<table:table-cell><text:p><text:change text:change-id="d3"/>'
        + '<text:change-start text:change-id="i3"/>421083********040X'
        + '<text:change-end text:change-id="i3"/></text:p></table:table-cell></table:table-row>'
        + "</table:table>"
        + "</office:text></office:body></office:document>"
    )


def embedded_fodt() -> str:
    """A spreadsheet object and a text object in the body, as Insert > Object makes them."""
    sheet = (
        '<office:document office:mimetype="application/vnd.oasis.opendocument.spreadsheet" '
        'office:version="1.3"><office:body><office:spreadsheet><table:table table:name="名单">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>姓名</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string"><text:p>联系电话</text:p>'
        "</table:table-cell></table:table-row>"
        '<table:table-row><table:table-cell office:value-type="string"><text:p>王五</text:p>'
        '</table:table-cell><table:table-cell office:value-type="string"><text:p>15049008204'
        "</text:p></table:table-cell></table:table-row>"
        "</table:table></office:spreadsheet></office:body></office:document>"
    )
    text = (
        '<office:document office:mimetype="application/vnd.oasis.opendocument.text" '
        'office:version="1.3"><office:body><office:text>'
        "<text:p>经办人说明</text:p><text:p>经办人手机 18624191938</text:p>"
        "</office:text></office:body></office:document>"
    )
    frame = (
        '<draw:frame draw:name="{name}" svg:width="8cm" svg:height="2cm" '
        'text:anchor-type="as-char"><draw:object>{content}</draw:object></draw:frame>'
    )
    return (
        _FODT_HEAD
        + "<office:body><office:text>"
        + "<text:p>附件一：名单 "
        + frame.format(name="名单", content=sheet)
        + "</text:p><text:p>附件二：说明 "
        + frame.format(name="说明", content=text)
        + "</text:p><text:p>联系人 15895116928</text:p>"
        + "</office:text></office:body></office:document>"
    )


def word2003_fodt() -> str:
    """A notice whose numbers are split over runs of different formatting; a header."""
    return (
        _FODT_HEAD
        + "<office:automatic-styles>"
        + '<style:style style:name="B" style:family="text">'
        + '<style:text-properties fo:font-weight="bold"/></style:style>'
        + '<style:style style:name="I" style:family="text">'
        + '<style:text-properties fo:font-style="italic"/></style:style>'
        + "</office:automatic-styles>"
        + '<office:master-styles><style:master-page style:name="Standard"><style:header>'
        + "<text:p>联系人 17093902948</text:p></style:header></style:master-page>"
        + "</office:master-styles>"
        + "<office:body><office:text>"
        + "<text:p>保障性住房分配结果公示</text:p>"
        + '<text:p>申请人：张三，身份证号：<text:span text:style-name="B">451025</text:span>'
        + '<text:span text:style-name="I">1955</text:span>01255656，电话：158'
        + '<text:span text:style-name="B">9511</text:span>6928。</text:p>'
        + '<table:table table:name="名单"><table:table-column table:number-columns-repeated="2"/>'
        + "<table:table-row><table:table-cell><text:p>李四</text:p></table:table-cell>"
        + '<table:table-cell><text:p>520502<text:span text:style-name="B">19911214</text:span>'
        + "2971</text:p></table:table-cell></table:table-row>"
        + "</table:table><text:p>监督电话：023-63612345</text:p>"
        + "</office:text></office:body></office:document>"
    )


def doc97_fodt() -> str:
    """The text of the Word 97-2003 document embedded in object.docx."""
    return (
        _FODT_HEAD
        + "<office:body><office:text><text:p>经办人手机 17034111407</text:p>"
        + "</office:text></office:body></office:document>"
    )


def notice97_fodt() -> str:
    """A notice with a number in every story a Word 97-2003 file keeps apart: the body,
    a footnote, the header, a comment, a text box, a hyperlink's field code, a row of
    boxes; and values that are none (a landline, an amount, a credit code)."""
    cells = "".join(
        f"<table:table-cell><text:p>{digit}</text:p></table:table-cell>" for digit in "17034111407"
    )
    return (
        _FODT_HEAD.replace(
            " office:version=", ' xmlns:xlink="http://www.w3.org/1999/xlink" office:version='
        )
        + "<office:automatic-styles>"
        + '<style:style style:name="B" style:family="text">'
        + '<style:text-properties fo:font-weight="bold"/></style:style>'
        + "</office:automatic-styles>"
        + '<office:master-styles><style:master-page style:name="Standard"><style:header>'
        + "<text:p>联系人 17093902948</text:p></style:header><style:footer>"
        + "<text:p>监督电话 023-63612345</text:p></style:footer></style:master-page>"
        + "</office:master-styles>"
        + "<office:body><office:text>"
        + "<text:p>保障性住房分配结果公示</text:p>"
        + '<text:p>申请人：张三，身份证号：<text:span text:style-name="B">451025</text:span>'
        + "195501255656，电话：15895116928。"
        + '<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1'
        + "</text:note-citation><text:note-body><text:p>经办人 13912345678</text:p>"
        + "</text:note-body></text:note></text:p>"
        + "<text:p>复核意见<office:annotation><dc:creator>科长</dc:creator>"
        + "<text:p>核对 520502199112142971</text:p></office:annotation>已阅</text:p>"
        + '<text:p>咨询：<text:a xlink:type="simple" xlink:href="tel:18624191938">点此拨打'
        + "</text:a></text:p>"
        + '<text:p><draw:frame draw:name="框" svg:width="6cm" svg:height="1.5cm" '
        + 'text:anchor-type="paragraph"><draw:text-box><text:p>备用 15049008204</text:p>'
        + "</draw:text-box></draw:frame>面积 89.5㎡，租金 1234.56 元</text:p>"
        + '<table:table table:name="表"><table:table-column table:number-columns-repeated="11"/>'
        + f"<table:table-row>{cells}</table:table-row></table:table>"
        + "<text:p>统一社会信用代码 91500103MA5U7AXX2P，备用 13700001111</text:p>"
        + "</office:text></office:body></office:document>"
    )


# ------------------------------------------------------------------ python-docx


def _cell_texts(row: object, texts: list[str]) -> None:
    for cell, text in zip(row.cells, texts, strict=False):  # type: ignore[attr-defined]
        cell.text = text


def form() -> docx.document.Document:
    """An application form: numbers in boxes, in pieces, broken over lines."""
    document = docx.Document()
    document.add_paragraph("保障性住房申请表")
    table = document.add_table(rows=5, cols=19)
    table.style = "Table Grid"
    _cell_texts(table.rows[0], ["申请人", "张三"])
    _cell_texts(table.rows[1], ["身份证号", *"450700199710133899"])
    _cell_texts(table.rows[2], ["联系电话", *"15253299887"])
    _cell_texts(table.rows[3], ["配偶身份证号", "640324", "19800821", "2853"])
    row = table.rows[4].cells
    row[0].text = "紧急联系人电话"
    paragraph = row[1].paragraphs[0]
    paragraph.add_run("1864577")
    paragraph.add_run().add_break(WD_BREAK.LINE)
    paragraph.add_run("7767")
    row[2].text = "备用电话"
    row[3].text = "133"
    row[3].add_paragraph("58146509")
    return document


def ordinary() -> docx.document.Document:
    """Tables whose values stand side by side and hold no personal number."""
    document = docx.Document()
    document.add_paragraph("2024年保障性住房统计表")
    rows = [
        ["区县", "户数", "人数", "面积", "合计"],
        ["渝中区", "138", "1234", "5678", "7050"],
        ["月份", *[str(m) for m in range(1, 13)]],
        ["户数", *"139123456789"],
        ["办公电话", *"02363612345"],
        ["统一社会信用代码", *"91500000MA5U7AXX2P"],
        ["银行账号", *"6222021234567890128"],
        ["不动产单元号", "110105003001GB00001F00010001"],
        ["序号", "1", "20240301103045", "2"],
        ["序号", "3", "13812345678.00", "5"],
        ["公网安备", "50010302001234", "备案", "6"],
    ]
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for row, texts in zip(table.rows, rows, strict=True):
        _cell_texts(row, texts)
    return document


def _field_run(paragraph: Paragraph, kind: str) -> None:
    run = paragraph.add_run()
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    run._r.append(element)


def _instruction(paragraph: Paragraph, text: str, tag: str = "w:instrText") -> None:
    run = paragraph.add_run()
    element = OxmlElement(tag)
    element.set(qn("xml:space"), "preserve")
    element.text = text
    run._r.append(element)


def _png() -> bytes:
    """A picture of one white pixel."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def fields(folder: Path) -> docx.document.Document:
    """Field instructions split over runs, a deleted one, entities in attributes."""
    document = docx.Document()
    document.add_paragraph("联系方式")
    p = document.add_paragraph("经办人电话：")
    _field_run(p, "begin")
    _instruction(p, ' HYPERLINK "tel:171')
    _instruction(p, "6707")
    _instruction(p, '3699" ')
    _field_run(p, "separate")
    p.add_run("点击拨打")
    _field_run(p, "end")
    p = document.add_paragraph("原链接：")
    deleted = OxmlElement("w:del")
    deleted.set(qn("w:id"), "1")
    deleted.set(qn("w:author"), "经办人")
    deleted.set(qn("w:date"), "2024-03-01T10:00:00Z")
    p._p.append(deleted)
    for kind, text in (
        ("begin", None),
        (None, ' HYPERLINK "https://example.gov.cn/apply?id=450222'),
        (None, '198107026198" '),
        ("separate", None),
        ("end", None),
    ):
        run = OxmlElement("w:r")
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:delInstrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run.append(element)
        deleted.append(run)
    p = document.add_paragraph("监督电话：")
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), ' HYPERLINK "tel:18512113223" \\o "经办人 & 手机" ')
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "拨打"
    run.append(text)
    simple.append(run)
    p._p.append(simple)
    picture = folder / "pixel.png"
    picture.write_bytes(_png())
    document.add_picture(str(picture))
    properties = document.inline_shapes[0]._inline.docPr
    properties.set("descr", "申请人 张三&李四 手机 19321190528")
    document.add_paragraph("以上信息仅供审核使用。")
    return document


_PAGE = (
    "<html><head><meta charset=utf-8><title>名单</title></head><body>"
    "<table border=1><tr><td>姓名</td><td>身份证号</td><td>联系电话</td></tr>"
    "<tr><td>赵六</td><td>140600<span style='color:red'>20020611</span>6915</td>"
    "<td>136<span>1234</span>5678</td></tr></table></body></html>"
)


def _mht() -> bytes:
    message = MIMEMultipart("related", type="text/html")
    message["Subject"] = "名单"
    page = MIMEText(
        "<html><body><p>孙七 身份证号 140825199307049363</p></body></html>", "html", "utf-8"
    )
    page["Content-Location"] = "file:///C:/名单.htm"
    message.attach(page)
    return message.as_bytes()


def _alt_chunk(document: docx.document.Document, name: str, content_type: str, data: bytes) -> None:
    part = Part(PackURI(f"/word/{name}"), content_type, data, document.part.package)
    rid = document.part.relate_to(part, RT.A_F_CHUNK)
    chunk = OxmlElement("w:altChunk")
    chunk.set(qn("r:id"), rid)
    document.paragraphs[-1]._p.addnext(chunk)


def altchunk(*, mht: bool) -> docx.document.Document:
    """A notice whose list an "export to Word" tool put in as HTML (and MHT) parts."""
    document = docx.Document()
    document.add_paragraph("公示名单如下：")
    _alt_chunk(document, "afchunk.htm", "text/html", _PAGE.encode("utf-8"))
    if mht:
        document.add_paragraph("补充名单：")
        _alt_chunk(document, "afchunk.mht", "message/rfc822", _mht())
    document.add_paragraph("公示期为5个工作日。")
    return document


def ole_object(doc97: bytes) -> docx.document.Document:
    """A number in the body, and a Word 97-2003 document embedded as an object."""
    document = docx.Document()
    document.add_paragraph("联系人手机 18645777767")
    p = document.add_paragraph("附件：")
    embedded = Part(
        PackURI("/word/embeddings/Microsoft_Word_97_-_2003_Document.doc"),
        "application/msword",
        doc97,
        document.part.package,
    )
    rid = document.part.relate_to(embedded, RT.OLE_OBJECT)
    run = OxmlElement("w:r")
    obj = OxmlElement("w:object")
    obj.append(
        parse_xml(
            f'<o:OLEObject xmlns:o="{_OFFICE}" xmlns:r="{_RELATIONSHIPS}" Type="Embed" '
            f'ProgID="Word.Document.8" DrawAspect="Icon" ObjectID="_1770000001" r:id="{rid}"/>'
        )
    )
    run.append(obj)
    p._p.append(run)
    return document


# ------------------------------------------------------------------ LibreOffice


def soffice(source: Path, target: str, folder: Path) -> Path:
    """``source`` converted by LibreOffice to ``target`` (a filter or an extension), in ``folder``."""
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    extension = target.split(":", 1)[0]
    made = folder / f"{source.stem}.{extension}"
    if not made.exists():
        raise SystemExit(f"LibreOffice made no {made.name}")
    return made


def _run_xml(xml: str) -> object:
    return parse_xml(f'<w:r xmlns:w="{_W}">{xml}</w:r>')


def _field(paragraph: Paragraph, code: str, result: str, data: str = "") -> None:
    """A field (its code, then the result shown) at the end of ``paragraph``."""
    paragraph._p.append(_run_xml(f'<w:fldChar w:fldCharType="begin">{data}</w:fldChar>'))
    paragraph._p.append(_run_xml(f'<w:instrText xml:space="preserve"> {code} </w:instrText>'))
    paragraph._p.append(_run_xml('<w:fldChar w:fldCharType="separate"/>'))
    paragraph._p.append(_run_xml(f"<w:t>{result}</w:t>"))
    paragraph._p.append(_run_xml('<w:fldChar w:fldCharType="end"/>'))


def _change(paragraph: Paragraph, kind: str, text: str) -> None:
    """``text`` deleted or inserted under Track Changes at the end of ``paragraph``."""
    tag = "w:delText" if kind == "del" else "w:t"
    paragraph._p.append(
        parse_xml(
            f'<w:{kind} xmlns:w="{_W}" w:id="{len(paragraph._p)}" w:author="经办人" '
            f'w:date="2024-03-01T10:00:00Z"><w:r><{tag}>{text}</{tag}></w:r></w:{kind}>'
        )
    )


def edges97() -> docx.document.Document:
    """Numbers a .doc keeps apart where a reader sees them whole: a letter deleted or
    inserted inside a number under Track Changes, a field whose result is part of a
    number, hidden text inside one, a nested table of boxes; and a PAGE field and an
    amount that are none."""
    document = docx.Document()
    document.add_paragraph("保障性住房资格审核结果")
    deleted = document.add_paragraph("联系电话：138")  # paragraph 2
    _change(deleted, "del", "号")
    deleted.add_run("12345678")
    inserted = document.add_paragraph("备用电话：139")  # paragraph 3: as it was, 13912345678
    _change(inserted, "ins", "号")
    inserted.add_run("12345678")
    form = document.add_paragraph("身份证号：110105")  # paragraph 4: a form field's text
    form_data = '<w:ffData><w:name w:val="Text1"/><w:enabled/><w:textInput/></w:ffData>'
    _field(form, "FORMTEXT", "19491231002X", form_data)
    link = document.add_paragraph("咨询电话：158")  # paragraph 5: a link's text
    _field(link, 'HYPERLINK "http://zfcxjw.cq.gov.cn/"', "9511")
    link.add_run("6928")
    hidden = document.add_paragraph("经办人 170")  # paragraph 6
    hidden.add_run("号").font.hidden = True
    hidden.add_run("34111407")
    page = document.add_paragraph("第 ")  # paragraph 7: a PAGE field, an amount
    _field(page, "PAGE", "1")
    page.add_run(" 页，金额 1234.56 元")
    table = document.add_table(rows=1, cols=2)  # a nested table of boxes
    table.cell(0, 0).text = "手机"
    inner = table.cell(0, 1).add_table(rows=1, cols=11)
    for i, digit in enumerate("18624191938"):
        inner.cell(0, i).text = digit
    return document


def word97_files(folder: Path) -> None:
    """Word 97-2003 files (``*97.doc``) saved by LibreOffice: the notice of every story,
    and tracked.docx's, embedded.docx's, form.docx's and ordinary.docx's sources."""
    (folder / "notice97.fodt").write_text(notice97_fodt(), encoding="utf-8")
    edges97().save(str(folder / "edges97.docx"))
    shutil.copy(folder / "edges97.docx", OUT / "edges.docx")
    for name, source in (
        ("notice97", folder / "notice97.fodt"),
        ("tracked97", folder / "tracked.fodt"),
        ("embedded97", folder / "embedded.fodt"),
        ("form97", OUT / "form.docx"),
        ("ordinary97", OUT / "ordinary.docx"),
        ("edges97", folder / "edges97.docx"),
    ):
        copy = folder / "doc97" / f"{name}{source.suffix}"
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(source, copy)
        shutil.copy(soffice(copy, "doc", copy.parent), OUT / f"{name}.doc")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        for name, text in (
            ("tracked", tracked_fodt()),
            ("embedded", embedded_fodt()),
            ("word2003", word2003_fodt()),
            ("doc97", doc97_fodt()),
        ):
            (folder / f"{name}.fodt").write_text(text, encoding="utf-8")
        shutil.copy(soffice(folder / "tracked.fodt", "docx", folder), OUT / "tracked.docx")
        shutil.copy(soffice(folder / "embedded.fodt", "docx", folder), OUT / "embedded.docx")
        made = soffice(folder / "word2003.fodt", "xml:MS Word 2003 XML", folder)
        shutil.copy(made, OUT / "word2003.doc")
        doc97 = soffice(folder / "doc97.fodt", "doc", folder).read_bytes()

        form().save(str(OUT / "form.docx"))
        ordinary().save(str(OUT / "ordinary.docx"))
        fields(folder).save(str(OUT / "fields.docx"))
        altchunk(mht=True).save(str(OUT / "altchunk.docx"))
        altchunk(mht=False).save(str(OUT / "altchunk_html.docx"))
        ole_object(doc97).save(str(OUT / "object.docx"))
        for name in ("form", "ordinary"):
            shutil.copy(soffice(OUT / f"{name}.docx", "html", folder), OUT / f"{name}.html")
        word97_files(folder)
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
