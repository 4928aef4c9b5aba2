"""Build the vector pictures in tests/data/pictures/ and the files that hold them.

Three small tables are written as .xlsx with openpyxl: ``list`` (a header
row, then 张三 with GB 11643's example ID 11010519491231002X and the
mobile 13812345678, and 李四 with a landline), ``boxes`` and
``phone-boxes`` (the same ID, and the mobile, written one digit to a cell, as
forms do) and ``clean`` (counts of
households, no personal number).  LibreOffice Calc prints each to PDF,
and LibreOffice Draw opens that PDF and exports it as EMF, WMF and SVG
(``soffice --infilter=draw_pdf_import --convert-to emf``): the pictures
Office and WPS get from "paste special → picture (enhanced metafile)".
``rows.emf`` is Draw's EMF of ``../scans/rows.gif`` (a screenshot pasted as
a metafile: one bitmap, no text; its numbers are rows.gif's).

Those pictures go into documents as LibreOffice writes them: a flat ODT
holding one picture is converted by LibreOffice Writer to .docx (which
stores an EMF as ``word/media/image1.wmf``, EMF bytes under a WMF name)
and to .odt (``Pictures/…emf`` beside a PNG rendering of it); ``list-emf.xml``
is Writer's Word 2003 XML of the first (the EMF and that PNG in ``w:binData``),
``list-emf.rtf`` its RTF (the EMF in ``\\shppict``, a WMF of it in ``\\nonshppict``).
``svg.docx`` is ``list.docx`` (the EMF one) with LibreOffice's SVG put
beside it as Office 365 stores one, ``word/media/image2.svg`` (zipfile;
Word keeps the PNG it shows without SVG support and the SVG both).  The
mails are built with Python's email package: ``picture-emf.eml`` shows
the EMF inline in its HTML and attaches the WMF; ``data-picture.eml``
has an HTML body whose ``<img>`` carries ``../scans/rows.jpg`` in a
``data:`` URL, as web mail clients paste a screenshot.

The tests do not run this script: the files are committed.  Run it only
to rebuild them::

    apt-get install -y libreoffice-calc-nogui libreoffice-draw-nogui libreoffice-writer-nogui
    pip install openpyxl
    python tools/make_picture_fixtures.py [OUTDIR]
"""

from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import tempfile
import zipfile
from email.message import EmailMessage
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "pictures"
SCANS = OUT.parent / "scans"

TABLES: dict[str, list[list[object]]] = {
    "list": [
        ["序号", "姓名", "身份证号", "联系电话"],
        [1, "张三", "11010519491231002X", "13812345678"],
        [2, "李四", "", "010-12345678"],
    ],
    "boxes": [["身份证号", *"11010519491231002X"]],
    "phone-boxes": [["联系电话", *"13812345678"]],
    "clean": [
        ["区县", "户数", "套数"],
        ["渝中区", 120, 98],
        ["江北区", 86, 80],
        ["合计", 206, 178],
    ],
}

FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" \
xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3" \
office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text>
<text:p>附件：名单（图片）</text:p>
<text:p><draw:frame draw:name="名单" text:anchor-type="as-char" svg:width="12cm" \
svg:height="4cm"><draw:image><office:binary-data>{data}</office:binary-data></draw:image>\
</draw:frame></text:p>
</office:text></office:body></office:document>
"""


def soffice(profile: Path, *arguments: str, cwd: Path) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *arguments],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        profile = work / "profile"
        for name, rows in TABLES.items():
            book = openpyxl.Workbook()
            sheet = book.active
            assert sheet is not None
            for row in rows:
                sheet.append(row)
            for column in range(1, len(rows[0]) + 1):
                wide = not name.endswith("boxes") or column == 1
                sheet.column_dimensions[get_column_letter(column)].width = 20 if wide else 3
            book.save(work / f"{name}.xlsx")
            soffice(profile, "--convert-to", "pdf", f"{name}.xlsx", cwd=work)
            for kind in ("emf", "wmf", "svg"):
                soffice(
                    profile,
                    "--infilter=draw_pdf_import",
                    "--convert-to",
                    kind,
                    f"{name}.pdf",
                    cwd=work,
                )
                shutil.copy(work / f"{name}.{kind}", out / f"{name}.{kind}")
        for picture, document in (
            ("list.emf", "list-emf"),
            ("list.wmf", "list-wmf"),
            ("boxes.emf", "boxes-emf"),
            ("clean.emf", "clean-emf"),
        ):
            data = base64.b64encode((out / picture).read_bytes()).decode("ascii")
            (work / f"{document}.fodt").write_text(FODT.format(data=data), encoding="utf-8")
            for target in ("docx:MS Word 2007 XML", "odt", "xml:MS Word 2003 XML", "rtf"):
                soffice(profile, "--convert-to", target, f"{document}.fodt", cwd=work)
            for suffix in (".docx", ".odt", ".xml", ".rtf"):
                if suffix in (".docx", ".odt") or document == "list-emf":
                    shutil.copy(work / f"{document}{suffix}", out / f"{document}{suffix}")
        # a screenshot pasted as a metafile: LibreOffice Draw's EMF of ../scans/rows.gif
        shutil.copy(SCANS / "rows.gif", work / "rows.gif")
        soffice(profile, "--convert-to", "emf", "rows.gif", cwd=work)
        shutil.copy(work / "rows.emf", out / "rows.emf")
    with_svg(out / "list-emf.docx", out / "list.svg", out / "svg.docx")
    mails(out)


def with_svg(source: Path, svg: Path, target: Path) -> None:
    """The Word file with the SVG beside its picture, where Office 365 keeps one."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        new.writestr("word/media/image2.svg", svg.read_bytes())


def mails(out: Path) -> None:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "zfb@example.cn", "bgs@example.cn", "名单"
    mail.set_content("名单见图。")
    mail.add_alternative('<p>名单见图：</p><img src="cid:list">', subtype="html")
    page = mail.get_body(("html",))
    assert isinstance(page, EmailMessage)
    emf = (out / "list.emf").read_bytes()
    page.add_related(emf, "image", "x-emf", cid="<list>", disposition="inline")
    mail.add_attachment((out / "list.wmf").read_bytes(), "image", "x-wmf", filename="名单.wmf")
    (out / "picture-emf.eml").write_bytes(bytes(mail))

    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "zfb@example.cn", "bgs@example.cn", "名单"
    mail.set_content("名单见图。")
    rows = base64.b64encode((SCANS / "rows.jpg").read_bytes()).decode("ascii")
    mail.add_alternative(
        f'<p>名单见图：</p><p><img src="data:image/jpeg;base64,{rows}"></p>', subtype="html"
    )
    (out / "data-picture.eml").write_bytes(bytes(mail))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
