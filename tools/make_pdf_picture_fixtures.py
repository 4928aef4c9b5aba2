"""Make the PDF fixtures of pictures on typed pages in tests/data/pdf/: run from the
repository's root.

    python tools/make_pdf_picture_fixtures.py

Needs python-docx and Pillow (the dev environment), LibreOffice (``soffice``) and the
WenQuanYi Zen Hei font (Debian's fonts-wqy-zenhei).  Each file is a Word file made by
python-docx and saved as PDF by LibreOffice, as an officer exports a notice:

- ``picture_list.pdf``: one A4 page, a typed title and paragraph, then a screenshot of
  a small table (姓名 / 身份证号 / 联系电话; 张三, 11010519491231002X, 13812345678), a
  1000 x 420 pixel PNG drawn 15 cm wide (about a sixth of the page);
- ``picture_logo.pdf``: three A4 pages of typed text, a 240 x 240 pixel seal (a red ring
  around 住房保障中心, a star) in the header of each page, 2.5 cm wide: one picture drawn on
  every page, which holds no number.

The numbers are the tests' answers, written here by hand (GB 11643's example ID and a
mobile of the 138 range); the tests never take them from zfgk's output.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "pdf"
FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
ROWS = (("姓名", "身份证号", "联系电话"), ("张三", "11010519491231002X", "13812345678"))


def screenshot(path: Path) -> None:
    """A screenshot of a small table, as a pasted one looks: grey header row, black grid."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1000, 420), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 36)
    title = ImageFont.truetype(FONT, 40)
    draw.text((30, 30), "附件：配租对象名单", font=title, fill="black")
    columns = (30, 230, 680, 970)
    top, height = 130, 110
    draw.rectangle((columns[0], top, columns[-1], top + height), fill=(220, 220, 220))
    for row, cells in enumerate(ROWS):
        y = top + row * height
        for column, text in enumerate(cells):
            draw.text((columns[column] + 20, y + 35), text, font=font, fill="black")
    for row in range(len(ROWS) + 1):
        y = top + row * height
        draw.line((columns[0], y, columns[-1], y), fill="black", width=2)
    for x in columns:
        draw.line((x, top, x, top + height * len(ROWS)), fill="black", width=2)
    image.save(path)


def seal(path: Path) -> None:
    """A round red seal: a ring, the office's name inside, a star in the middle."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (240, 240), "white")
    draw = ImageDraw.Draw(image)
    red = (200, 20, 20)
    draw.ellipse((8, 8, 232, 232), outline=red, width=10)
    star = [(120, 70), (132, 106), (170, 106), (139, 128), (151, 165)]
    star += [(120, 142), (89, 165), (101, 128), (70, 106), (108, 106)]
    draw.polygon(star, fill=red)
    draw.text((48, 175), "住房保障中心", font=ImageFont.truetype(FONT, 24), fill=red)
    image.save(path)


def _pdf(document: object, folder: Path, name: str) -> None:
    """Save the python-docx ``document`` and have LibreOffice save it as ``name`` in OUT."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice not found: install LibreOffice")
    source = folder / f"{Path(name).stem}.docx"
    document.save(str(source))  # type: ignore[attr-defined]
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    _stable(folder / name, OUT / name)


def _stable(source: Path, target: Path) -> None:
    """``source`` written to ``target`` without its dates, so that making it again changes nothing."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=source)
    writer.add_metadata({"/CreationDate": "D:20260101000000Z", "/ModDate": "D:20260101000000Z"})
    with target.open("wb") as f:
        writer.write(f)


def _typed(document: object, text: str, size: int = 12) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run = document.add_paragraph().add_run(text)  # type: ignore[attr-defined]
    run.font.size = Pt(size)
    run.font.name = "WenQuanYi Zen Hei"
    run._element.rPr.rFonts.set(qn("w:eastAsia"), "WenQuanYi Zen Hei")


def picture_list(folder: Path) -> None:
    import docx
    from docx.shared import Cm

    document = docx.Document()
    _typed(document, "关于2026年第一批公共租赁住房配租结果的公示", 16)
    _typed(
        document,
        "根据《公共租赁住房管理办法》，现将2026年第一批公共租赁住房配租结果予以公示，"
        "公示期为5个工作日。名单见下图。",
    )
    screenshot(folder / "list.png")
    document.add_picture(str(folder / "list.png"), width=Cm(15))
    _typed(document, "联系单位：区住房保障中心")
    _pdf(document, folder, "picture_list.pdf")


def picture_logo(folder: Path) -> None:
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    document = docx.Document()
    seal(folder / "seal.png")
    header = document.sections[0].header.paragraphs[0]
    header.add_run().add_picture(str(folder / "seal.png"), width=Cm(2.5))
    for page in range(1, 4):
        _typed(document, f"保障性住房政策解读（第{page}部分）", 16)
        for _ in range(3):
            _typed(
                document,
                "公共租赁住房面向城镇中等偏下收入住房困难家庭、新就业无房职工和在城镇稳定"
                "就业的外来务工人员供应，租金标准按照略低于同地段住房市场租金水平确定。",
            )
        if page < 3:
            document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    _pdf(document, folder, "picture_logo.pdf")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        picture_list(folder)
        picture_logo(folder)


if __name__ == "__main__":
    main()
