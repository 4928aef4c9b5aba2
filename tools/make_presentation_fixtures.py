"""Make tests/data/presentations/: slides whose numbers PowerPoint keeps in several runs.

PowerPoint and WPS split a paragraph's text into runs wherever its formatting
or the spelling checker's marks change, so a mobile or ID number typed on a
slide often sits in two or three runs (``<a:r><a:t>1381234</a:t></a:r>
<a:r><a:t>5678</a:t></a:r>``); a slide shows them as one number.

- ``split-runs.pptx`` (python-pptx): a number split over two runs of different
  formatting on a slide, one in a table cell, one in the speaker notes; a landline
  and a date that must stay clean; tests/test_presentations.py holds the answers.
- ``split-runs.odp`` (LibreOffice, converted from it): the same, in OpenDocument.
- ``clean.pptx`` (python-pptx): a slide with a masked number only.

Run: ``python tools/make_presentation_fixtures.py`` (needs python-pptx and
LibreOffice's ``soffice``).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pptx import Presentation  # type: ignore[import-not-found]
from pptx.util import Inches, Pt  # type: ignore[import-not-found]

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "presentations"


def _runs(paragraph: object, pieces: list[str]) -> None:
    for number, piece in enumerate(pieces):
        run = paragraph.add_run()  # type: ignore[attr-defined]
        run.text = piece
        run.font.size = Pt(20 + 4 * (number % 2))  # a change of formatting: a run of its own


def split_runs(path: Path) -> None:
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "公租房配租结果公示"
    box = slide.shapes.add_textbox(Inches(0.5), Inches(1.5), Inches(8), Inches(1.5))
    frame = box.text_frame
    _runs(frame.paragraphs[0], ["联系人：张三 电话 1381234", "5678"])
    _runs(frame.add_paragraph(), ["办公室电话 023-6", "7654321，2026年9月28日"])
    table = slide.shapes.add_table(2, 2, Inches(0.5), Inches(3.5), Inches(8), Inches(1)).table
    table.cell(0, 0).text = "姓名"
    table.cell(0, 1).text = "身份证号"
    table.cell(1, 0).text = "李四"
    _runs(table.cell(1, 1).text_frame.paragraphs[0], ["11010519", "491231002X"])
    notes = slide.notes_slide.notes_text_frame
    _runs(notes.paragraphs[0], ["备用电话 139", "8765", "4321"])
    deck.save(str(path))


def clean(path: Path) -> None:
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "公租房配租结果公示"
    box = slide.shapes.add_textbox(Inches(0.5), Inches(1.5), Inches(8), Inches(1.5))
    _runs(box.text_frame.paragraphs[0], ["联系人：张三 电话 138****", "5678，023-67654321"])
    deck.save(str(path))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    split_runs(OUT / "split-runs.pptx")
    clean(OUT / "clean.pptx")
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "odp", "--outdir", str(OUT), "split-runs.pptx"],
        cwd=OUT,
        check=True,
        capture_output=True,
    )


if __name__ == "__main__":
    main()
