"""Build the fixtures of tests/test_text_family.py and tests/test_archives.py in tests/data/text/.

Each file is made as the software that makes such files makes it:

- ``notice.eml``: the standard library's :mod:`email` (``EmailMessage``,
  the SMTP policy, as a mail program sends it): a subject in RFC 2047
  words, a quoted-printable text whose soft line break splits an ID number,
  an HTML alternative in base64, an .xlsx made by openpyxl and a .docx made
  by python-docx attached, one under a name (RFC 2231) holding a number.
- ``word.mht``: a "single file web page" laid out byte for byte as Word
  saves one (the boundary, the preamble, a GB2312 page in quoted-printable
  with CRLF soft line breaks, its picture, ``filelist.xml`` and theme);
  ``chrome.mht`` as Chrome ("Saved by Blink") saves a page.  LibreOffice
  cannot write MHTML, so both are built with :mod:`email` and :mod:`quopri`.
- ``notice.rtf``: rich text written as Word writes it for Chinese text
  (``\\ansicpg936``, ``\\'hh`` pairs of GBK, ``\\uN?``, a table, a header, a
  footnote, a comment, hidden text, a tracked deletion, a field) and checked
  by converting it to text with LibreOffice; ``object.rtf`` holds an
  embedded OLE object; ``lo.rtf`` is ``notice.odt`` saved as RTF by
  LibreOffice.
- ``notice.odt``: LibreOffice (``soffice --convert-to odt``) from a flat
  OpenDocument written here: header, footer, a footnote, a comment, a
  table, a tracked deletion, properties.
- ``form_boxes.odt``, ``form_boxes.rtf``: LibreOffice from a .docx
  python-docx writes as a form (保障房申请表) is made: an ID number and a
  mobile number one digit per box of a table, and a row of three one-digit
  counts; ``nested_digits.rtf``: LibreOffice from a python-docx table whose
  cell holds a nested table of single digits (no number to a reader).
- ``notice.ofd`` and ``scanned.ofd``: zips of XML laid out as GB/T
  33190-2016 gives them (no OFD writer runs here): text drawn glyph by
  glyph, a ``CTM``, ``DeltaX`` with ``g`` repeats, a template, an
  annotation, an attachment; ``scanned.ofd`` has a page that a picture
  covers.
- ``archive.zip`` (Python's :mod:`zipfile`: a member named in GBK as a
  Chinese Windows zips it, a zip inside it, a comment) and
  ``encrypted.zip`` (Info-ZIP's ``zip -P``: one member encrypted).
- ``feed.xml`` (an RSS feed with escaped markup and a CDATA section),
  ``utf16le.txt`` (UTF-16 LE without a BOM) and ``one.json`` (one JSON
  document over several lines).

The tests need none of these programs: the files are committed, and the
numbers in them and their places are written by hand in the tests.  Run
this again only to rebuild them (it needs python-docx, openpyxl,
LibreOffice and zip)::

    python3 tools/make_text_fixtures.py [OUTDIR]

The ID numbers are valid (MOD 11-2) but invented; so are the mobile numbers.
"""

from __future__ import annotations

import base64
import email.policy
import io
import quopri
import shutil
import subprocess
import sys
import tempfile
import zipfile
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

import docx
import openpyxl

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "text"

#: A 1×1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


#: The time every zip member is dated (so the files come out the same every run).
WHEN = (2026, 1, 5, 9, 30, 0)


def _put(archive: zipfile.ZipFile, name: str, data: str | bytes) -> None:
    info = zipfile.ZipInfo(name, WHEN)
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)


def workbook() -> bytes:
    """名单.xlsx: a full mobile number in 名单!C3, a masked one in C2."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "名单"
    sheet.append(["序号", "姓名", "手机号码"])
    sheet.append([1, "李四", "159****9294"])
    sheet.append([2, "王五", "15965849294"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def word_file(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------ mail and web archives


def notice_eml() -> bytes:
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = "关于2026年第一批保障性租赁住房配租结果的公示（咨询电话 13512345678）"
    message["From"] = Address("城区住房保障中心", addr_spec="zfbz@example.gov.cn")
    message["To"] = "gongshi@example.gov.cn"
    message["Date"] = "Mon, 05 Jan 2026 09:30:00 +0800"
    message["Message-ID"] = "<20260105093000.1@example.gov.cn>"
    plain = "各位居民：\n经审核，申请人张三，身份证号码 500103199003071239，符合保障条件。\n"
    message.set_content(plain, cte="quoted-printable")
    body = message.get_payload()
    assert isinstance(body, str)
    assert "5001031990030712=" in body
    page = (
        '<html><body><p>申请人张三，身份证号码 500103<span style="color:red">1990</span>'
        "03071239</p><p>联系电话：138<b>1234</b>5678</p></body></html>\n"
    )
    message.add_alternative(page, subtype="html", cte="base64")
    message.add_attachment(
        workbook(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename="名单.xlsx",
    )
    message.add_attachment(
        word_file("经办人证件号 430482196401255682"),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="通知 17016019667.docx",
    )
    message.set_boundary("===============0000000000000000001==")  # the same bytes every run
    alternative = message.get_payload(0)
    assert isinstance(alternative, EmailMessage)
    alternative.set_boundary("===============0000000000000000002==")
    return message.as_bytes()


WORD_PAGE = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=Generator content="Microsoft Word 15">
<title>配租结果公示</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>经办人 17016019667</o:Author>
 </o:DocumentProperties>
</xml><![endif]-->
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>

<p class=MsoNormal><span style='font-family:宋体'>经办人证件号：</span><span lang=EN-US>130801</span><span lang=EN-US>19480307</span><span lang=EN-US>8184</span></p>

<p class=MsoNormal><span style='font-family:宋体'>对公示结果有异议的，请于公示期内向城区住房保障中心反映，联系人王老师（工作日9:00-17:00），联系电话：</span><span lang=EN-US>18612345678</span><span style='font-family:宋体'>；监督电话：</span><span lang=EN-US>023-63612345</span></p>

<p class=MsoNormal><span lang=EN-US><img width=1 height=1 src="file0001.files/image001.png"></span></p>

</div>

</body>

</html>
"""


def _qp(data: bytes) -> bytes:
    """Quoted-printable with CRLF line ends, as Word and Chrome write it (the text's own line
    ends become CRLF too)."""
    return quopri.encodestring(data).replace(b"\n", b"\r\n")


def word_mht() -> bytes:
    boundary = "----=_NextPart_01DC7E3A.6B1D2F40"
    base = "file:///C:/8A1B2C3D/file0001"
    encoded = _qp(WORD_PAGE.encode("gb2312"))
    assert b"186123=\r\n45678" in encoded  # a soft line break splits the number
    parts = [
        (
            f"Content-Location: {base}.htm\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            'Content-Type: text/html; charset="gb2312"\r\n\r\n'
        ).encode("ascii")
        + encoded,
        (
            f"Content-Location: {base}.files/image001.png\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            "Content-Type: image/png\r\n\r\n"
        ).encode("ascii")
        + base64.encodebytes(PNG).replace(b"\n", b"\r\n"),
        (
            f"Content-Location: {base}.files/themedata.thmx\r\n"
            "Content-Transfer-Encoding: base64\r\n"
            "Content-Type: application/vnd.ms-officetheme\r\n\r\n"
        ).encode("ascii")
        + base64.encodebytes(_theme()).replace(b"\n", b"\r\n"),
        (
            f"Content-Location: {base}.files/filelist.xml\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n"
            'Content-Type: text/xml; charset="utf-8"\r\n\r\n'
        ).encode("ascii")
        + _qp(
            b'<xml xmlns:o="urn:schemas-microsoft-com:office:office">\r\n'
            b' <o:MainFile HRef="../file0001.htm"/>\r\n'
            b' <o:File HRef="image001.png"/>\r\n <o:File HRef="filelist.xml"/>\r\n</xml>'
        ),
    ]
    head = (
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related; boundary="{boundary}"\r\n\r\n'
        "此文档为“单个文件网页”，也称为“Web 档案”文件。如果您看到此消息，但是您的浏览器或编辑器"
        "不支持“Web 档案”文件。请下载支持“Web 档案”的浏览器。\r\n\r\n"
    ).encode("gb2312")
    body = b"".join(f"--{boundary}\r\n".encode("ascii") + part + b"\r\n\r\n" for part in parts)
    return head + body + f"--{boundary}--\r\n".encode("ascii")


def _theme() -> bytes:
    """A theme (.thmx) as Word puts one in a web archive: a zip of XML and a thumbnail."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as theme:
        _put(theme, "theme/theme/theme1.xml", '<a:theme xmlns:a="x" name="Office 主题"/>')
        _put(theme, "docProps/thumbnail.jpeg", b"\xff\xd8\xff\xe0" + bytes(32))
    return buffer.getvalue()


CHROME_PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><title>配租结果公示</title><link rel="stylesheet" type="text/css" href="cid:css-1@mhtml.blink" /></head><body><h1>2026年第一批配租结果公示</h1><table><tbody><tr><td>姓名</td><td>身份证号</td><td>联系电话</td></tr><tr><td>李四</td><td>110105<span>19491231</span>002X</td><td>159 6584 9294</td></tr></tbody></table><p>咨询：<a href="tel:13912345678">住房保障中心</a></p></body></html>"""


def chrome_mht() -> bytes:
    boundary = "----MultipartBoundary--Qw8e9r7t6y5u4i3o2p1a0sDfGhJkLzXcVbNm----"
    head = (
        "From: <Saved by Blink>\r\n"
        "Snapshot-Content-Location: https://zjw.example.gov.cn/gsgg/202601/t20260105_1.html\r\n"
        "Subject: =?utf-8?Q?=E9=85=8D=E7=A7=9F=E7=BB=93=E6=9E=9C=E5=85=AC=E7=A4=BA?=\r\n"
        "Date: Mon, 5 Jan 2026 09:30:00 +0800\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: multipart/related;\r\n"
        '\ttype="text/html";\r\n'
        f'\tboundary="{boundary}"\r\n\r\n\r\n'
    ).encode("ascii")
    page = (
        f"--{boundary}\r\n"
        "Content-Type: text/html\r\n"
        "Content-ID: <frame-6A1B2C3D4E5F@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://zjw.example.gov.cn/gsgg/202601/t20260105_1.html\r\n\r\n"
    ).encode("ascii") + _qp(CHROME_PAGE.encode("utf-8"))
    css = (
        f"\r\n\r\n--{boundary}\r\n"
        "Content-Type: text/css\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: cid:css-1@mhtml.blink\r\n\r\n"
        '@charset "utf-8";\r\n\r\ntd { border: 1px solid rgb(0, 0, 0); }\r\n'
    ).encode("ascii")
    image = (
        f"\r\n--{boundary}\r\n"
        "Content-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Location: https://zjw.example.gov.cn/images/logo.png\r\n\r\n"
    ).encode("ascii") + base64.encodebytes(PNG).replace(b"\n", b"\r\n")
    return head + page + css + image + f"\r\n--{boundary}--\r\n".encode("ascii")


# ------------------------------------------------------------------ rich text


def _gbk(text: str) -> str:
    return "".join(f"\\'{b:02x}" for b in text.encode("gbk"))


def notice_rtf(with_object: bool = False) -> bytes:
    """Rich text as Word writes it for a Chinese document (the parts tests/test_text_family.py
    lists, each number where the comments say)."""
    g = _gbk
    lines = [
        r"{\rtf1\adeflang1025\ansi\ansicpg936\uc2\adeff0\deff0\stshfdbch13\stshfloch0"
        r"\stshfhich0\stshfbi0\deflang1033\deflangfe2052",
        r"{\fonttbl{\f0\froman\fcharset0\fprq2 Times New Roman;}"
        r"{\f13\fbidi \fnil\fcharset134\fprq2 " + g("宋体") + r"{\*\falt SimSun};}}",
        r"{\info{\title "
        + g("配租结果公示")
        + r"}{\author "
        + g("经办人")
        + r" 17016019667}{\operator "
        + g("经办人")
        + r"}}",
        # header: a mobile number split by a bold run
        r"{\header \pard\plain \f13\fs18 " + g("联系电话") + r" 159{\b 6584}9294\par}",
        r"\pard\plain \ltrpar\ql \f13\fs24\lang1033\langfe2052 ",
        # paragraph 1: an ID split over runs of different formatting
        r"{\hich\af13\dbch\af13\loch\f13 " + g("申请人张三，身份证号：") + r"}500103{\b 1990}"
        r"0307{\i 12}39{\hich\af13\dbch\af13\loch\f13 " + g("。") + r"}\par",
        # paragraph 2: a mobile number whose first digits are \uN escapes
        g("电话") + r"{\uc1\u49?\u51?\u56?}12345678\par",
        # paragraph 3: hidden text inside a number, and a number with hidden digits
        g("隐藏") + r" 138{\v 0000}12345678 " + g("和") + r" 139{\v 1234}5678\par",
        # paragraph 4: a tracked change: 1234 deleted, **** inserted
        g("修订") + r" 130{\deleted\revauthdel1 1234}{\revised\revauth1 ****}5678\par",
        # paragraph 5: a field whose instruction holds a number
        r'{\field{\*\fldinst {HYPERLINK "tel:13512345678"}}{\fldrslt {'
        + g("拨打电话")
        + r"}}}\par",
        # paragraphs 6-7, 8-9: a table of two rows
        r"\trowd\cellx2000\cellx5000\pard\intbl "
        + g("姓名")
        + r"\cell "
        + g("证件号")
        + r"\cell\row",
        r"\trowd\cellx2000\cellx5000\pard\intbl " + g("李四") + r"\cell 430482196401255682"
        r"\cell\row",
        # paragraph 12: a footnote holding an ID number
        r"\pard "
        + g("备注")
        + r"{\super\chftn{\footnote \pard\plain {\super\chftn} "
        + g("经办人")
        + r" 130801194803078184\par}}\par",
        # paragraph 13: a comment holding a mobile number
        r"{\*\atnid ZS}{\*\atnauthor "
        + g("张三")
        + r"}\chatn{\*\annotation\pard "
        + g("批注")
        + r" 18612345678\par}\par",
    ]
    if with_object:
        lines.append(
            r"{\object\objemb{\*\objclass Excel.Sheet.12}\objw2000\objh600{\*\objdata "
            "01050000020000000c000000457863656c2e53686565742e3132000000000000000000"
            r"}{\result{\pict\wmetafile8\picw2000\pich600 0100090000032a00000000000500}}}\par"
        )
    lines.append(g("金额") + r" 13812345678.00 " + g("元") + r"\par")
    lines.append("}")
    return "\r\n".join(lines).encode("ascii")


# ------------------------------------------------------------------ OpenDocument

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:meta><dc:title>分配结果公示</dc:title><dc:description>经办人手机 17016019667</dc:description><meta:user-defined meta:name="联系人">13512345678</meta:user-defined></office:meta>
 <office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>
 <office:master-styles><style:master-page style:name="Standard"><style:header><text:p>联系电话 159<text:span text:style-name="T1">6584</text:span>9294</text:p></style:header><style:footer><text:p>经办人证件号 130801194803078184</text:p></style:footer></style:master-page></office:master-styles>
 <office:body><office:text>
  <text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>张三</dc:creator><dc:date>2026-01-05T10:00:00</dc:date></office:change-info><text:p>1234</text:p></text:deletion></text:changed-region><text:changed-region text:id="ct2"><text:insertion><office:change-info><dc:creator>张三</dc:creator><dc:date>2026-01-05T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region></text:tracked-changes>
  <text:h text:outline-level="1">保障性住房分配结果公示</text:h>
  <text:p>申请人张三，身份证号：500103<text:span text:style-name="T1">1990</text:span>0307<text:bookmark text:name="a"/>1239，联系电话：<text:a xlink:type="simple" xlink:href="tel:13812345678">138<text:span text:style-name="T1">1234</text:span>5678</text:a>。</text:p>
  <text:p>修订后电话 130<text:change text:change-id="ct1"/><text:change-start text:change-id="ct2"/>****<text:change-end text:change-id="ct2"/>5678</text:p>
  <text:p>备注<text:note text:id="ftn1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>备注人 18612345678</text:p></text:note-body></text:note>。批注<office:annotation><dc:creator>李四</dc:creator><text:p>核对 430482196401255682</text:p></office:annotation>完</text:p>
  <table:table table:name="名单"><table:table-column table:number-columns-repeated="2"/><table:table-row><table:table-cell><text:p>姓名</text:p></table:table-cell><table:table-cell><text:p>手机</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>李四</text:p></table:table-cell><table:table-cell><text:p>159 6584 9294</text:p></table:table-cell></table:table-row></table:table>
  <text:p>金额 13812345678.00 元，公网安备 50010302000111 号</text:p>
 </office:text></office:body>
</office:document>
"""


def form_boxes(folder: Path) -> Path:
    """A form's table, a digit per box, as python-docx writes it, for LibreOffice to convert."""
    import docx

    document = docx.Document()
    document.add_paragraph("保障房申请表")
    table = document.add_table(rows=3, cols=19)
    table.style = "Table Grid"
    for row, (label, digits) in enumerate(
        (("身份证号", "11010519491231002X"), ("手机", "13912345678"), ("人数", "320"))
    ):
        table.cell(row, 0).text = label
        for column, digit in enumerate(digits, start=1):
            table.cell(row, column).text = digit
    path = folder / "form_boxes.docx"
    document.save(str(path))
    return path


def nested_digits(folder: Path) -> Path:
    """A table whose cell holds a nested table of single digits, 1 3 / 9 1 / 2 3 / 4 5 / 6 7 /
    8 号, as python-docx writes it: read across, its digits make 13912345678, which no person
    reads there (each pair is a row of a small table); the one number is 13512345678 above."""
    import docx

    document = docx.Document()
    document.add_paragraph("房源分布，咨询电话 13512345678")
    outer = document.add_table(rows=1, cols=2)
    outer.style = "Table Grid"
    outer.cell(0, 0).text = "楼栋"
    inner = outer.cell(0, 1).add_table(rows=6, cols=2)
    for row, pair in enumerate(("13", "91", "23", "45", "67", "8号")):
        for column, ch in enumerate(pair):
            inner.cell(row, column).text = ch
    path = folder / "nested_digits.docx"
    document.save(str(path))
    return path


def soffice(source: Path, target: str, folder: Path) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", target, "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    extension = target.split(":", 1)[0]
    return folder / f"{source.stem}.{extension}"


# ------------------------------------------------------------------ OFD

_OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _ofd(pages: list[str], *, annotation: bool, attachment: bytes | None) -> bytes:
    """An OFD package as GB/T 33190-2016 lays it out (one document, ``Doc_0``)."""
    files: dict[str, str | bytes] = {}
    files["OFD.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {_OFD_NS} Version="1.0" DocType="OFD">'
        "<ofd:DocBody><ofd:DocInfo><ofd:DocID>6f1c0e6a2b7d4e0f9a3c5b8d7e6f5a4b</ofd:DocID>"
        "<ofd:Title>配租结果公示</ofd:Title><ofd:Author>城区住房保障中心</ofd:Author>"
        "<ofd:CreationDate>2026-01-05</ofd:CreationDate>"
        '<ofd:CustomDatas><ofd:CustomData Name="经办人电话">17016019667</ofd:CustomData>'
        "</ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
        "</ofd:DocBody></ofd:OFD>"
    )
    page_list = "".join(
        f'<ofd:Page ID="{10 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages))
    )
    files["Doc_0/Document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {_OFD_NS}><ofd:CommonData>'
        "<ofd:MaxUnitID>99</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
        "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        '<ofd:TemplatePage ID="2" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>'
        f"<ofd:Pages>{page_list}</ofd:Pages>"
        + ("<ofd:Annotations>Annots/Annotations.xml</ofd:Annotations>" if annotation else "")
        + ("<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>" if attachment else "")
        + "</ofd:Document>"
    )
    files["Doc_0/PublicRes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {_OFD_NS} BaseLoc="Res"><ofd:Fonts>'
        '<ofd:Font ID="3" FontName="宋体" FamilyName="宋体"/></ofd:Fonts>'
        '<ofd:MultiMedias><ofd:MultiMedia ID="4" Type="Image"><ofd:MediaFile>image_4.png'
        "</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>"
    )
    files["Doc_0/Res/image_4.png"] = PNG
    # The template every page uses: a footer line with the supervision telephone.
    files["Doc_0/Tpls/Tpl_0/Content.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {_OFD_NS}><ofd:Content>'
        '<ofd:Layer ID="5"><ofd:TextObject ID="6" Boundary="20 280 170 6" Font="3" Size="3.5">'
        '<ofd:TextCode X="0" Y="4" DeltaX="g 10 3.5">监督电话：023-63612345</ofd:TextCode>'
        "</ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>"
    )
    for i, content in enumerate(pages):
        files[f"Doc_0/Pages/Page_{i}/Content.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {_OFD_NS}>'
            '<ofd:Template TemplateID="2" ZOrder="Background"/>'
            f'<ofd:Content><ofd:Layer ID="{20 + i}">{content}</ofd:Layer></ofd:Content></ofd:Page>'
        )
    if annotation:
        files["Doc_0/Annots/Annotations.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Annotations {_OFD_NS}>'
            '<ofd:Page PageID="10"><ofd:FileLoc>Page_0/Annotation.xml</ofd:FileLoc></ofd:Page>'
            "</ofd:Annotations>"
        )
        files["Doc_0/Annots/Page_0/Annotation.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:PageAnnot {_OFD_NS}>'
            '<ofd:Annot ID="40" Type="Highlight" Creator="李四" LastModDate="2026-01-05">'
            "<ofd:Remark>核对 18612345678</ofd:Remark>"
            '<ofd:Appearance Boundary="20 60 80 10"/></ofd:Annot></ofd:PageAnnot>'
        )
    if attachment:
        files["Doc_0/Attachs/Attachments.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Attachments {_OFD_NS}>'
            '<ofd:Attachment ID="50" Name="名单" Format="xlsx" CreationDate="2026-01-05" '
            'Size="6" Visible="true" Usage="none"><ofd:FileLoc>名单.xlsx</ofd:FileLoc>'
            "</ofd:Attachment></ofd:Attachments>"
        )
        files["Doc_0/Attachs/名单.xlsx"] = attachment
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in files.items():
            _put(package, name, data)
    return buffer.getvalue()


#: Page 1: a title; an ID number in two text objects; a mobile number drawn one glyph per
#: TextCode, letter-spaced (4.2 mm apart at 3.5 mm); a line scaled by a CTM, its DeltaX with g.
OFD_PAGE_1 = (
    '<ofd:TextObject ID="30" Boundary="40 20 130 10" Font="3" Size="7">'
    '<ofd:TextCode X="0" Y="7" DeltaX="g 8 7">2026年配租结果公示</ofd:TextCode></ofd:TextObject>'
    '<ofd:TextObject ID="31" Boundary="20 40 100 6" Font="3" Size="3.5">'
    '<ofd:TextCode X="0" Y="4" DeltaX="g 10 3.5 g 5 1.8">申请人张三，身份证号500103</ofd:TextCode>'
    "</ofd:TextObject>"
    '<ofd:TextObject ID="32" Boundary="65.8 40 40 6" Font="3" Size="3.5">'
    '<ofd:TextCode X="0" Y="4" DeltaX="g 11 1.8">199003071239</ofd:TextCode></ofd:TextObject>'
    '<ofd:TextObject ID="33" Boundary="20 50 120 6" Font="3" Size="3.5">'
    '<ofd:TextCode X="0" Y="4" DeltaX="3.5 3.5 3.5">联系电话</ofd:TextCode>'
    + "".join(
        f'<ofd:TextCode X="{16 + 4.2 * k:.1f}" Y="4">{d}</ofd:TextCode>'
        for k, d in enumerate("13812345678")
    )
    + "</ofd:TextObject>"
    '<ofd:TextObject ID="34" Boundary="20 60 170 6" CTM="0.5 0 0 0.5 0 0" Font="3" Size="7">'
    '<ofd:TextCode X="0" Y="8" DeltaX="g 3 7 g 18 3.6">金额 13812345678.00 元，电话 15965849294'
    "</ofd:TextCode></ofd:TextObject>"
)
#: Page 2 of scanned.ofd: a picture over the whole page, and a typed page number.
OFD_SCANNED = (
    '<ofd:ImageObject ID="35" ResourceID="4" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'
    '<ofd:TextObject ID="36" Boundary="100 285 20 6" Font="3" Size="3.5">'
    '<ofd:TextCode X="0" Y="4">第 2 页</ofd:TextCode></ofd:TextObject>'
)


# ------------------------------------------------------------------ archives


class _GbkName(zipfile.ZipInfo):
    """A member whose name is written in the bytes it holds (GBK), without the UTF-8 flag."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("cp437"), self.flag_bits


def archive_zip(inner_docx: bytes) -> bytes:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as nested:
        _put(nested, "通知.docx", inner_docx)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _put(archive, "名单.xlsx", workbook())
        # A Chinese Windows names members in GBK, without the UTF-8 flag.
        gbk = _GbkName("说明.txt".encode("gbk").decode("cp437"), WHEN)
        gbk.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(gbk, "配租结果公示说明\r\n咨询电话 13512345678\r\n".encode("gbk"))
        _put(archive, "附件/inner.zip", inner.getvalue())
        archive.comment = "经办人 18612345678".encode()
    return buffer.getvalue()


def encrypted_zip(folder: Path) -> bytes:
    work = folder / "encrypted"
    work.mkdir()
    (work / "名单.txt").write_text("张三 13812345678\n", encoding="utf-8")
    (work / "说明.txt").write_text("咨询电话 13512345678\n", encoding="utf-8")
    subprocess.run(["zip", "-q", "-P", "secret", "e.zip", "名单.txt"], cwd=work, check=True)
    subprocess.run(["zip", "-q", "e.zip", "说明.txt"], cwd=work, check=True)
    return (work / "e.zip").read_bytes()


# ------------------------------------------------------------------ text

FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>住房保障公示</title>
<item><title>配租结果</title><description>&lt;p&gt;联系电话 138&lt;b&gt;1234&lt;/b&gt;5678&lt;/p&gt;</description></item>
<item><title>审核结果</title><description><![CDATA[<p>身份证号 500103<span>1990</span>03071239</p><p>金额 13812345678.00 元</p>]]></description></item>
<item><title>咨询</title><link>https://zjw.example.gov.cn/gs/?tel=15965849294</link><guid isPermaLink="false">20260105-0001</guid></item>
</channel>
</rss>
"""

ONE_JSON = """{
  "标题": "配租结果公示",
  "联系人": {
    "姓名": "王老师",
    "电话": "13812345678"
  },
  "名单": [
    {"序号": 1, "姓名": "张三", "身份证号": "500103********1239"}
  ]
}
"""


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (out / "notice.eml").write_bytes(notice_eml())
        (out / "word.mht").write_bytes(word_mht())
        (out / "chrome.mht").write_bytes(chrome_mht())
        (out / "notice.rtf").write_bytes(notice_rtf())
        (out / "object.rtf").write_bytes(notice_rtf(with_object=True))
        # LibreOffice reads notice.rtf as the tests read it (a second reading).
        text = soffice(out / "notice.rtf", "txt:Text (encoded):UTF8", folder)
        shown = text.read_text(encoding="utf-8-sig")
        assert "500103199003071239" in shown, shown
        assert "430482196401255682" in shown, shown
        fodt = folder / "notice.fodt"
        fodt.write_text(FODT, encoding="utf-8")
        shutil.copy(soffice(fodt, "odt", folder), out / "notice.odt")
        odt = folder / "lo.odt"
        shutil.copy(out / "notice.odt", odt)
        shutil.copy(soffice(odt, "rtf", folder), out / "lo.rtf")
        boxes = form_boxes(folder)
        shutil.copy(soffice(boxes, "odt", folder), out / "form_boxes.odt")
        shutil.copy(soffice(boxes, "rtf", folder), out / "form_boxes.rtf")
        nested = nested_digits(folder)
        shutil.copy(soffice(nested, "rtf", folder), out / "nested_digits.rtf")
        attachment = workbook()
        (out / "notice.ofd").write_bytes(_ofd([OFD_PAGE_1], annotation=True, attachment=attachment))
        (out / "scanned.ofd").write_bytes(
            _ofd([OFD_PAGE_1, OFD_SCANNED], annotation=False, attachment=None)
        )
        (out / "archive.zip").write_bytes(archive_zip(word_file("经办人证件号 430482196401255682")))
        (out / "encrypted.zip").write_bytes(encrypted_zip(folder))
        (out / "feed.xml").write_text(FEED, encoding="utf-8")
        (out / "utf16le.txt").write_bytes(
            "联系电话：13812345678\r\n身份证号：11010519491231002X\r\n".encode("utf-16-le")
        )
        (out / "one.json").write_text(ONE_JSON, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
