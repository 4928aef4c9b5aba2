"""Make tests/data/word-lists/: Word 97-2003 documents (.doc) whose lists' labels begin numbers.

- ``numbering.doc``: tests/data/word-hidden/numbering.docx saved by LibreOffice as .doc:
  paragraph 2 联系电话：1381 (its label, no suffix) then 2345678; paragraph 4 备用电话：139
  (its label), a space, 12345678; paragraph 5 咨询电话：158 (its label), a tab, 95116928.
- ``style-list.doc``: ``style-list.docx`` (python-docx, not kept) saved as .doc: two
  paragraphs in the "List Number" style, whose list's label is ``138123%1`` from 4 with
  nothing after it, holding 5678 and 6789 (shown 13812345678, 13812356789); then 5678 in
  no list.

tests/test_word_97_lists.py holds the answers.

Run: ``python tools/make_doc_list_fixtures.py`` (needs python-docx and LibreOffice's
``soffice``).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "word-lists"


def style_list(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("保障性住房资格审核结果")
    document.add_paragraph("5678", style="List Number")
    document.add_paragraph("6789", style="List Number")
    document.add_paragraph("5678")
    document.save(str(path))
    with zipfile.ZipFile(path) as package:
        members = {info.filename: package.read(info) for info in package.infolist()}
    numbering = members["word/numbering.xml"].decode()
    style = re.search(
        r'w:styleId="ListNumber">.*?<w:numId w:val="(\d+)"/>',
        members["word/styles.xml"].decode(),
        re.S,
    )
    assert style is not None
    num = re.search(
        rf'<w:num w:numId="{style.group(1)}"><w:abstractNumId w:val="(\d+)"/>', numbering
    )
    assert num is not None
    start = numbering.index(f'<w:abstractNum w:abstractNumId="{num.group(1)}">')
    end = numbering.index("</w:abstractNum>", start)
    level = numbering[start:end]
    level = level.replace('<w:start w:val="1"/>', '<w:start w:val="4"/><w:suff w:val="nothing"/>')
    level = level.replace('<w:lvlText w:val="%1."/>', '<w:lvlText w:val="138123%1"/>')
    members["word/numbering.xml"] = (numbering[:start] + level + numbering[end:]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)


def to_doc(source: Path, folder: Path) -> None:
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "doc", "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
    )
    (OUT / f"{source.stem}.doc").write_bytes((folder / f"{source.stem}.doc").read_bytes())


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        style_list(folder / "style-list.docx")
        to_doc(ROOT / "tests" / "data" / "word-hidden" / "numbering.docx", folder)
        to_doc(folder / "style-list.docx", folder)


if __name__ == "__main__":
    main()
