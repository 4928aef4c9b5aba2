"""Build the scanned notices in tests/data/scans/ (issue 26) and their answer key.

A list of applicants (names, 15- and 18-digit ID numbers, one ending in a
lowercase ``x``, mobile numbers written three ways, landlines, dates,
amounts, house numbers) is written as an .xlsx with openpyxl, printed to
PDF by LibreOffice (``soffice --convert-to pdf``), rasterised by poppler's
``pdftoppm`` at 150, 200 or 300 dpi, and then made to look scanned with
Pillow and numpy: grey or cream paper, sensor noise, a slight rotation
(up to 2 degrees), JPEG compression (quality 60 to 90), a red seal stamped
over part of the table, a phone photo (perspective, uneven light), a
bilevel multi-page TIFF, and a PDF of scanned pages under a typed title and
page number (reportlab).  Each file's planted numbers go into
``answers.json``, written from the literal rows below, never from OCR.

A few more files are made from those, as sites and scanners make them
(and ``picture.docx``, ``picture.eml``: ``rows.jpg`` in a Word file and
shown inline in a mail)
(``--derived``, which needs no LibreOffice): ``list-searchable.pdf``, page 1
of ``list-scan.pdf`` (the same JPEG stream) under an invisible text layer
that holds the page's rows, as a scanner's "searchable PDF" writes its OCR
(reportlab, text render mode 3); ``rows.gif``, ``rows.webp`` as a GIF of 64
colours; ``rows.jpg``, ``rows.webp`` saved as JPEG quality 85, as a site
re-saves an upload.  Their numbers are the files' they come from.

The tests do not run this script and need none of LibreOffice, poppler or
reportlab: the files are committed.  Run it only to rebuild them::

    apt-get install -y libreoffice-calc-nogui poppler-utils fonts-wqy-zenhei
    pip install openpyxl pillow numpy reportlab python-stdnum pypdf
    python tools/make_scan_fixtures.py [OUTDIR]           # all, then --derived
    python tools/make_scan_fixtures.py --derived [OUTDIR]  # only the derived files

The ID numbers were drawn once and are written here literally;
their check digits and birth dates are verified with python-stdnum
(``stdnum.cn.ric``),
which is independent of zfgk.
"""

from __future__ import annotations

import io
import json
import math
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from stdnum.cn import ric

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "scans"
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

HEADER = ("序号", "姓名", "身份证号", "联系电话", "申请日期", "月租金(元)", "房号")
#: The rows of the two pages: (name, ID number, phone, date, amount, house).
#: Mobile numbers are written plainly, 3-4-4 with spaces and with dashes;
#: landlines (023-…) and amounts are decoys that must not be reported.
PAGES: tuple[tuple[tuple[str, str, str, str, str, str], ...], ...] = (
    (
        ("张伟", "500103197605217478", "13812345678", "2026-03-15", "1,250.00", "3-2-201"),
        ("王芳", "50010819870119118X", "023-63861234", "2026-03-16", "980.50", "5-1-1203"),
        ("李娜", "110105198901185225", "159 2345 6781", "2026-03-16", "1,100.00", "2-3-602"),
        ("刘洋", "500103760521747", "186-2345-6789", "2026-03-18", "860.00", "7-1-305"),
        ("陈静", "320102195605149496", "17723456780", "2026-03-20", "1,480.00", "1-2-1801"),
        ("杨磊", "50010919880614102x", "023-68812345", "2026-03-21", "1,020.00", "4-1-701"),
        ("赵敏", "510104196008034220", "13598765432", "2026-03-22", "760.00", "6-2-402"),
        ("黄强", "440305197104236184", "199 8765 4321", "2026-03-25", "1,150.00", "8-1-1502"),
    ),
    (
        ("周杰", "500112195612204963", "15023456789", "2026-04-01", "990.00", "3-1-902"),
        ("吴霞", "500227197709270288", "023-65432100", "2026-04-02", "1,320.00", "5-2-203"),
        ("徐涛", "500106198105282429", "138 8765 1234", "2026-04-03", "870.00", "2-1-1104"),
        ("孙丽", "110105491231002", "181-2233-4455", "2026-04-07", "1,050.00", "7-2-508"),
        ("马超", "500105198406199999", "13312345670", "2026-04-08", "1,200.00", "1-1-301"),
        ("朱红", "50022819920221109X", "023-67771234", "2026-04-09", "930.00", "4-2-1606"),
        ("胡军", "500108198701193724", "17798765431", "2026-04-10", "1,090.00", "6-1-707"),
        ("郭敏", "500103197605210014", "139 0123 4567", "2026-04-13", "1,180.00", "8-2-1201"),
    ),
)
TITLE = "渝中区2026年第三批公共租赁住房配租名单公示"
FOOTER = (
    "公示期：2026年11月2日至11月8日。如有异议，请在公示期内向区住房城乡建委反映。",
    "监督电话：023-63865000    重庆市渝中区住房和城乡建设委员会    2026年10月30日",
)


def planted(page: int) -> list[dict[str, str]]:
    """The ID and mobile numbers planted on ``page`` (0-based), digits only, in row order."""
    numbers = []
    for _, id_number, phone, *_ in PAGES[page]:
        numbers.append({"kind": "id_number", "value": id_number})
        digits = "".join(c for c in phone if c.isdigit())
        if not phone.startswith("023"):
            numbers.append({"kind": "phone", "value": digits})
    return numbers


def check_rows() -> None:
    """Every 18-digit ID number valid by python-stdnum; every mobile 11 digits."""
    for rows in PAGES:
        for _, id_number, phone, *_ in rows:
            if len(id_number) == 18:
                number = id_number.upper()
                assert ric.calc_check_digit(number) == number[-1], id_number
                ric.get_birth_date(number)  # raises on a date that does not exist
            else:
                assert len(id_number) == 15, id_number
                assert id_number.isdigit(), id_number
            digits = "".join(c for c in phone if c.isdigit())
            assert len(digits) == 11, phone
            assert digits[0] == "1" or digits.startswith("023"), phone


def workbook(page: int, path: Path) -> None:
    """The list as an officer types it into a spreadsheet (text cells, borders, a title)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "名单"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = Font(name="WenQuanYi Zen Hei", size=12)
    ws.merge_cells("A1:G1")
    ws["A1"] = TITLE
    ws["A1"].font = Font(name="WenQuanYi Zen Hei", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.row_dimensions[1].height = 30
    first = 1 + 8 * page
    body = [HEADER] + [(str(first + i), *row) for i, row in enumerate(PAGES[page])]
    for r, values in enumerate(body, start=3):
        ws.row_dimensions[r].height = 24
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value)
            cell.border = border
            cell.font = font
            cell.number_format = "@"
            cell.alignment = Alignment(vertical="center")
    for r, line in enumerate(FOOTER, start=len(body) + 4):
        ws.cell(r, 1, line).font = Font(name="WenQuanYi Zen Hei", size=11)
        ws.row_dimensions[r].height = 22
    for col, width in zip("ABCDEFG", (6, 8, 22, 16, 12, 12, 10), strict=True):
        ws.column_dimensions[col].width = width
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "portrait"
    assert ws.sheet_properties.pageSetUpPr is not None
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    wb.save(path)


def printed(page: int, dpi: int, work: Path) -> Image.Image:
    """Page ``page`` printed by LibreOffice and rasterised at ``dpi``, cropped to the list."""
    xlsx = work / f"list{page}.xlsx"
    workbook(page, xlsx)
    pdf = xlsx.with_suffix(".pdf")
    if not pdf.exists():
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(xlsx)],
            check=True,
            capture_output=True,
        )
    stem = work / f"p{page}-{dpi}"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    image = Image.open(f"{stem}.png").convert("L")
    # The list fills the top of the page: keep it and a margin (the seal goes below it).
    ink = np.asarray(image) < 200
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    margin = dpi // 4
    box = (
        max(0, int(cols[0]) - margin),
        max(0, int(rows[0]) - margin),
        min(image.width, int(cols[-1]) + margin),
        min(image.height, int(rows[-1]) + 2 * margin),
    )
    return image.crop(box)


def paper(image: Image.Image, tint: tuple[int, int, int], seed: int, noise: float) -> Image.Image:
    """``image`` (grey) printed on paper of colour ``tint`` and scanned with sensor noise."""
    rng = np.random.default_rng(seed)
    ink = 1.0 - np.asarray(image, dtype=np.float64) / 255.0
    # Toner is never quite black, and the scanner blurs a little.
    ink = np.asarray(
        Image.fromarray((ink * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6)),
        dtype=np.float64,
    )
    ink = ink / 255.0 * 0.85
    rgb = np.empty((*ink.shape, 3))
    for channel, value in enumerate(tint):
        rgb[..., channel] = value * (1.0 - ink) + 30 * ink
    rgb += rng.normal(0.0, noise, size=ink.shape)[..., None]
    return Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), "RGB")


def rotated(image: Image.Image, degrees: float, fill: tuple[int, int, int]) -> Image.Image:
    """``image`` turned by ``degrees`` (the page lay askew on the glass)."""
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)


def seal(diameter: int) -> Image.Image:
    """A round red office seal (an RGBA picture): ring, star and the office's name on an arc."""
    size = diameter
    seal_img = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(seal_img)
    ring = max(3, size // 28)
    draw.ellipse((ring, ring, size - ring, size - ring), outline=255, width=ring)
    cx = cy = size / 2
    star_r = size * 0.13
    points = []
    for k in range(10):
        r = star_r if k % 2 == 0 else star_r * 0.4
        a = -math.pi / 2 + k * math.pi / 5
        points.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    draw.polygon(points, fill=255)
    font = ImageFont.truetype(FONT, int(size * 0.11))
    name = "重庆市渝中区住房和城乡建设委员会"
    span = math.radians(250)
    for k, ch in enumerate(name):
        a = -math.pi / 2 - span / 2 + span * (k + 0.5) / len(name)
        r = size / 2 - ring * 2 - size * 0.07
        glyph = Image.new("L", (int(size * 0.14), int(size * 0.14)), 0)
        ImageDraw.Draw(glyph).text((0, 0), ch, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(a) - 90, expand=True)
        x = cx + r * math.cos(a) - glyph.width / 2
        y = cy + r * math.sin(a) - glyph.height / 2
        seal_img.paste(255, (int(x), int(y)), glyph)
    font_small = ImageFont.truetype(FONT, int(size * 0.08))
    draw.text((cx, cy + size * 0.25), "公示专用章", font=font_small, fill=255, anchor="mm")
    # Ink is uneven: a stamp never prints solid.
    rng = np.random.default_rng(7)
    alpha = np.asarray(seal_img, dtype=np.float64) / 255.0
    alpha *= rng.uniform(0.55, 0.9, size=alpha.shape)
    out = np.zeros((size, size, 4), dtype=np.uint8)
    out[..., 0], out[..., 1], out[..., 2] = 215, 30, 40
    out[..., 3] = (alpha * 255).astype(np.uint8)
    return Image.fromarray(out, "RGBA")


def stamped(image: Image.Image, where: tuple[float, float], diameter: int) -> Image.Image:
    """``image`` with the seal pressed on it, centred at ``where`` (fractions of the size)."""
    mark = seal(diameter)
    base = np.asarray(image.convert("RGB"), dtype=np.float64)
    x0 = int(where[0] * image.width - diameter / 2)
    y0 = int(where[1] * image.height - diameter / 2)
    m = np.asarray(mark, dtype=np.float64)
    alpha = m[..., 3:4] / 255.0
    colour = m[..., :3]
    region = base[y0 : y0 + diameter, x0 : x0 + diameter]
    h, w = region.shape[:2]
    # Red ink over black toner: the darker wins, as on paper (multiply).
    mixed = region * (1 - alpha[:h, :w]) + region * colour[:h, :w] / 255.0 * alpha[:h, :w]
    base[y0 : y0 + h, x0 : x0 + w] = mixed
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB")


def photographed(image: Image.Image, seed: int) -> Image.Image:
    """``image`` as a phone photographs a notice on a desk: perspective, uneven light, blur."""
    rng = np.random.default_rng(seed)
    w, h = image.size
    pad = int(0.06 * w)
    canvas = Image.new("RGB", (w + 2 * pad, h + 2 * pad), (96, 84, 70))
    canvas.paste(image, (pad, pad))
    cw, ch = canvas.size
    # Where the four corners of the canvas come from (a keystone: the phone was tilted).
    src = [(0, 0), (cw, 0), (cw, ch), (0, ch)]
    dst = [(0.04 * cw, 0.02 * ch), (0.97 * cw, 0.0), (cw, ch), (0.0, 0.97 * ch)]
    coeffs = _perspective(dst, src)
    canvas = canvas.transform(
        (cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    a = np.asarray(canvas, dtype=np.float64)
    yy, xx = np.mgrid[0:ch, 0:cw]
    light = 0.72 + 0.33 * (xx / cw) * (1 - 0.4 * yy / ch)  # a window on the right
    a *= light[..., None]
    a += rng.normal(0, 2.0, size=a.shape)
    out = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "RGB")
    return out.filter(ImageFilter.GaussianBlur(0.7))


def _perspective(
    to: Sequence[tuple[float, float]], frm: Sequence[tuple[float, float]]
) -> list[float]:
    """Pillow's perspective coefficients mapping output points ``to`` to input points ``frm``."""
    matrix = []
    for (x, y), (u, v) in zip(to, frm, strict=True):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    b = np.array([c for point in frm for c in point], dtype=np.float64)
    return [float(c) for c in np.linalg.solve(np.array(matrix, dtype=np.float64), b)]


def full_page(image: Image.Image, dpi: int, tint: tuple[int, int, int]) -> Image.Image:
    """``image`` (the printed list) at the top of a whole A4 page of paper ``tint``."""
    page = Image.new(image.mode, (round(8.27 * dpi), round(11.69 * dpi)), tint[0])
    page.paste(image, ((page.width - image.width) // 2, dpi // 2))
    return page


def jpeg(image: Image.Image, path: Path, quality: int, dpi: int) -> None:
    image.save(path, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)


def scanned_pdf(pages: Sequence[Image.Image], path: Path, dpi: int) -> None:
    """A PDF of scanned pages, each under a typed title and above a typed page number."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)
    c.setTitle("配租名单公示")
    width, height = A4
    for number, image in enumerate(pages, start=1):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=60, dpi=(dpi, dpi), optimize=True)
        buffer.seek(0)
        # The scan covers the whole page; the CMS typed a heading and a page number over it.
        c.drawImage(ImageReader(buffer), 0, 0, width=width, height=height)
        c.setFont("STSong-Light", 14)
        c.drawCentredString(width / 2, height - 22, "附件：配租名单（扫描件）")
        c.setFont("Helvetica", 9)
        c.drawCentredString(width / 2, 20, f"- {number} / {len(pages)} -")
        c.showPage()
    c.save()


def main(argv: Sequence[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.mkdir(parents=True, exist_ok=True)
    check_rows()
    answers: dict[str, Any] = {}
    paper_grey, paper_cream = (222, 222, 220), (238, 232, 214)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)

        # 150 dpi, JPEG quality 60, grey paper, turned 1.5 degrees, greyscale.
        img = paper(printed(0, 150, work), paper_grey, seed=1, noise=5.0)
        img = rotated(img, 1.5, paper_grey).convert("L")
        jpeg(img, out / "list-150dpi-q60.jpg", 60, 150)
        answers["list-150dpi-q60.jpg"] = [planted(0)]

        # 200 dpi, JPEG quality 75, cream paper, the seal over the right of the table.
        img = paper(printed(0, 200, work), paper_cream, seed=2, noise=1.5)
        img = stamped(img, (0.67, 0.62), int(200 * 1.6))
        img = rotated(img, -0.8, paper_cream)
        jpeg(img, out / "list-200dpi-seal.jpg", 75, 200)
        answers["list-200dpi-seal.jpg"] = [planted(0)]

        # 300 dpi, two pages, bilevel CCITT G4 (what an office scanner's "document" mode does).
        tiff_pages = []
        for page, angle in ((0, 0.4), (1, -1.9)):
            grey = rotated(
                paper(printed(page, 300, work), (255, 255, 255), page, 4.0), angle, (255,) * 3
            )
            tiff_pages.append(grey.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1"))
        tiff_pages[0].save(
            out / "list-300dpi.tif",
            save_all=True,
            append_images=tiff_pages[1:],
            compression="group4",
            dpi=(300, 300),
        )
        answers["list-300dpi.tif"] = [planted(0), planted(1)]

        # A phone photo of page 2: perspective, light from one side, JPEG quality 80.
        img = paper(printed(1, 200, work), (245, 243, 238), seed=4, noise=1.5)
        img = photographed(img, seed=4)
        img = img.resize((img.width * 3 // 4, img.height * 3 // 4), Image.Resampling.LANCZOS)
        jpeg(img, out / "list-phone.jpg", 80, 72)
        answers["list-phone.jpg"] = [planted(1)]

        # A PDF of two whole pages scanned at 150 dpi, under a typed title and page number.
        pdf_pages = [
            full_page(
                rotated(
                    paper(printed(p, 150, work), paper_grey, 5 + p, 1.0), a, paper_grey
                ).convert("L"),
                150,
                paper_grey,
            )
            for p, a in ((0, 0.6), (1, 2.0))
        ]
        scanned_pdf(pdf_pages, out / "list-scan.pdf", 150)
        answers["list-scan.pdf"] = [planted(0), planted(1)]

        # Small crops in the other formats a site posts: WebP and a bilevel BMP (the first
        # three rows, the first four columns).
        full = paper(printed(1, 200, work), paper_grey, seed=6, noise=2.0)
        rows = full.crop((0, 0, int(full.width * 0.63), int(full.height * 0.42)))
        rows.save(out / "rows.webp", "WEBP", quality=80)
        rows.convert("L").point(lambda v: 255 if v > 140 else 0).convert("1").save(
            out / "rows.bmp", "BMP"
        )
        answers["rows.webp"] = answers["rows.bmp"] = [planted(1)[:5]]

    key = {
        "about": (
            "Numbers planted in each file, page by page, in row order (digits as printed; "
            "landlines, dates and amounts are decoys). Written by tools/make_scan_fixtures.py "
            "from its literal rows."
        ),
        "files": answers,
    }
    (out / "answers.json").write_text(
        json.dumps(key, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    derived(out)
    return 0


def searchable(scan: Path, path: Path) -> None:
    """Page 1 of ``scan`` (its JPEG stream as it is) under an invisible text layer holding the
    page's rows, with the typed title and page number: a scanner's "searchable PDF"."""
    import pypdf
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    (image,) = pypdf.PdfReader(scan).pages[0].images
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)
    width, height = A4
    c.drawImage(ImageReader(io.BytesIO(image.data)), 0, 0, width=width, height=height)
    # The OCR layer: each row of the list as text drawn invisibly over where it shows.
    text = c.beginText()
    text.setTextRenderMode(3)
    text.setFont("STSong-Light", 9)
    text.setTextOrigin(40, height - 120)
    text.setLeading(21)
    text.textLine(TITLE)
    text.textLine(" ".join(HEADER))
    for number, row in enumerate(PAGES[0], start=1):
        text.textLine(" ".join((str(number), *row)))
    c.saveState()  # the render mode is graphics state: the title after it shows
    c.drawText(text)
    c.restoreState()
    c.setFont("STSong-Light", 14)
    c.drawCentredString(width / 2, height - 22, "附件：配租名单（扫描件）")
    c.setFont("Helvetica", 9)
    c.drawCentredString(width / 2, 20, "- 1 / 1 -")
    c.showPage()
    c.save()


def pictures(rows: Path, out: Path) -> None:
    """``rows.jpg`` as a picture inside a Word file (python-docx) and shown inline in a mail
    (the email package, as Apple Mail sends a pasted picture): ``picture.docx``,
    ``picture.eml``; ``picture.doc`` is ``picture.docx`` saved by LibreOffice as Word 97-2003.  Their numbers are rows.jpg's; the tests hold that key."""
    from email.message import EmailMessage

    import docx

    document = docx.Document()
    document.add_paragraph("2026年第三批公共租赁住房分配结果公示：名单见下图。")
    document.add_picture(str(rows))
    document.save(str(out / "picture.docx"))
    # the same as Word 97-2003 saves it: the JPEG inside the .doc's streams
    with tempfile.TemporaryDirectory() as work:
        profile = (Path(work) / "profile").as_uri()
        subprocess.run(
            [
                *("soffice", f"-env:UserInstallation={profile}", "--headless"),
                *("--convert-to", "doc", "--outdir", work, str(out / "picture.docx")),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.copy(Path(work) / "picture.doc", out / "picture.doc")
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "zfb@example.cn", "bgs@example.cn", "名单"
    mail.set_content("名单见图。")
    mail.add_alternative('<p>名单见图：</p><img src="cid:rows">', subtype="html")
    page = mail.get_body(("html",))
    assert isinstance(page, EmailMessage)
    page.add_related(rows.read_bytes(), "image", "jpeg", cid="<rows>", disposition="inline")
    (out / "picture.eml").write_bytes(bytes(mail))


def derived(out: Path) -> None:
    """The files made from the scans: a searchable PDF, a GIF and a re-saved JPEG."""
    key = json.loads((out / "answers.json").read_text(encoding="utf-8"))
    answers = key["files"]
    searchable(out / "list-scan.pdf", out / "list-searchable.pdf")
    answers["list-searchable.pdf"] = answers["list-scan.pdf"][:1]
    with Image.open(out / "rows.webp") as rows:
        colours = rows.convert("RGB").convert("P", palette=Image.Palette.ADAPTIVE, colors=64)
        colours.save(out / "rows.gif", "GIF")
        rows.convert("RGB").save(out / "rows.jpg", "JPEG", quality=85)
    answers["rows.gif"] = answers["rows.jpg"] = answers["rows.webp"]
    pictures(out / "rows.jpg", out)
    (out / "answers.json").write_text(
        json.dumps(key, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    for path in sorted(out.iterdir()):
        print(f"{path.name:24} {path.stat().st_size:>8,} bytes")


if __name__ == "__main__":
    args = [a for a in sys.argv if a != "--derived"]
    if len(args) < len(sys.argv):
        derived(Path(args[1]) if len(args) > 1 else OUT)
        sys.exit(0)
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None:
        sys.exit("needs LibreOffice (soffice) and poppler (pdftoppm)")
    sys.exit(main(sys.argv))
