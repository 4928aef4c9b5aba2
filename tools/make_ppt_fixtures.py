"""Make tests/data/presentations/*.ppt.gz and *.odp: presentations as LibreOffice saves them.

- ``split-runs.ppt.gz``, ``clean.ppt.gz``: tests/data/presentations/split-runs.pptx and
  clean.pptx (tools/make_presentation_fixtures.py) saved by LibreOffice as .ppt;
- ``links.ppt.gz``: ``links.pptx`` (made here by python-pptx, not kept) saved as .ppt:
  slide 1 a title, a link whose address is ``tel:13812345678`` (its text 咨询电话) and a
  picture; slide 2 a mobile number in two runs,
  a landline, a date and a credit code; its notes page a mobile number.

- ``split-runs.odp``, ``table.odp``: split-runs.pptx, and ``table.pptx`` (made here: a
  table of names and masked ID numbers, 110105********002X), saved by LibreOffice as .odp,
  which keeps a picture of each table as a StarView metafile (``Pictures/TablePreview1.svm``).

LibreOffice keeps a bitmap of the first slide in the file's properties (about 600 KB, most
of it white), so each is kept gzipped.  tests/test_presentations_ppt.py holds the answers.

Run: ``python tools/make_ppt_fixtures.py`` (needs python-pptx and LibreOffice's ``soffice``).
"""

from __future__ import annotations

import gzip
import subprocess
import tempfile
from pathlib import Path

from pptx import Presentation  # type: ignore[import-not-found]
from pptx.util import Inches, Pt  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "presentations"
#: A PNG of 1×1 pixel (too small to be read).
_DOT = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108020000009077"
    "53de0000000c4944415408d763f8ffff3f0005fe02fea7d6a4a10000000049454e44ae426082"
)


def links(path: Path, folder: Path) -> None:
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "公租房配租结果公示"
    box = slide.shapes.add_textbox(Inches(0.5), Inches(1.5), Inches(8), Inches(1))
    run = box.text_frame.paragraphs[0].add_run()
    run.text = "咨询电话"
    run.hyperlink.address = "tel:13812345678"
    dot = folder / "dot.png"
    dot.write_bytes(_DOT)
    slide.shapes.add_picture(str(dot), Inches(0.5), Inches(3), Inches(1), Inches(1))
    second = deck.slides.add_slide(deck.slide_layouts[5])
    second.shapes.title.text = "补充公示"
    frame = second.shapes.add_textbox(Inches(0.5), Inches(1.5), Inches(8), Inches(2)).text_frame
    for number, piece in enumerate(["联系人：王五 电话 1391234", "5678"]):
        part = frame.paragraphs[0].add_run()
        part.text = piece
        part.font.size = Pt(20 + 4 * number)
    frame.add_paragraph().text = "办公室电话 023-67654321，2026年9月28日"
    frame.add_paragraph().text = "统一社会信用代码 91500000MA5U7G1234"
    second.notes_slide.notes_text_frame.text = "备用电话 15987654321"
    deck.save(str(path))


def table(path: Path) -> None:
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "公租房配租结果公示"
    cells = slide.shapes.add_table(3, 2, Inches(0.5), Inches(2), Inches(8), Inches(1.5)).table
    for row, (name, number) in enumerate(
        [("姓名", "身份证号"), ("张三", "110105********002X"), ("李四", "500103********1234")]
    ):
        cells.cell(row, 0).text = name
        cells.cell(row, 1).text = number
    deck.save(str(path))


def convert(source: Path, folder: Path, to: str) -> Path:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", to, "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
    )
    return folder / f"{source.stem}.{to}"


def to_ppt(source: Path, folder: Path) -> None:
    made = convert(source, folder, "ppt")
    target = OUT / f"{source.stem}.ppt.gz"
    target.write_bytes(gzip.compress(made.read_bytes(), compresslevel=9, mtime=0))


def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        links(folder / "links.pptx", folder)
        for source in (OUT / "split-runs.pptx", OUT / "clean.pptx", folder / "links.pptx"):
            to_ppt(source, folder)
        table(folder / "table.pptx")
        for source in (OUT / "split-runs.pptx", folder / "table.pptx"):
            (OUT / f"{source.stem}.odp").write_bytes(convert(source, folder, "odp").read_bytes())


if __name__ == "__main__":
    main()
