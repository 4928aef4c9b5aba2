"""Make the fixtures of tests/test_hidden_by_style.py: .odt, .doc and .rtf files whose
numbers LibreOffice shows whole and whose text keeps them cut by text a style hides.

Run by hand from the repository's root when the fixtures must change::

    python3 tools/make_hidden_style_fixtures.py

It needs LibreOffice (``soffice``; the tests do not: they read the files
committed in ``tests/data/hidden-styles/``).

- ``styles.odt`` and ``styles.doc``: LibreOffice's conversions of
  ``tests/data/docx-hidden/styles.docx`` (tools/make_docx_hidden_fixtures.py):
  text hidden by a character style, by a style based on it, by a paragraph
  style, and a run of the hiding style that its own formatting shows;
- ``marks.odt`` and ``marks.doc``: its conversions of ``marks.docx``, whose
  paragraph marks are deleted, inserted or hidden under Track Changes
  (LibreOffice keeps the deleted and the inserted mark, not the hidden one);
- ``stylesheet.rtf``: written here by hand, as the RTF specification has it:
  its runs name their style (``\\cs15``, ``\\s17``) and only the stylesheet
  says ``\\v`` (Word and LibreOffice repeat a style's formatting in each
  run; another program need not).  LibreOffice hides the text of those
  styles (checked in its PDF of the file).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from make_fidelity_fixtures import soffice  # tools/ is on the path of its scripts

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "data" / "docx-hidden"
OUT = ROOT / "tests" / "data" / "hidden-styles"


def _rtf_text(text: str) -> str:
    """``text`` as RTF writes it: ASCII as it is, every other character as ``\\uN?``."""
    return "".join(c if c.isascii() else f"\\u{ord(c)}?" for c in text)


#: Paragraph by paragraph, with what LibreOffice shows (its PDF of the file): 1 the title;
#: 2 联系电话：13812345678 (号 hidden by \cs15); 3 备用电话：13912345678 (（备） by \cs16,
#: based on \cs15); 4 身份证号：1101051949号1231002X (its own \v0 shows 号: no number);
#: 5 咨询电话：15895116928 (\s17 hides 转; the other runs' own \v0 show them);
#: 6 监督电话 023-63612345 (a landline, published).
STYLESHEET_RTF = (
    "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\n"
    "{\\stylesheet{\\s0 Normal;}{\\*\\cs10\\additive Default Paragraph Font;}\n"
    f"{{\\*\\cs15\\additive\\v\\sbasedon10 {_rtf_text('隐藏')};}}\n"
    f"{{\\*\\cs16\\additive\\sbasedon15 {_rtf_text('隐藏附注')};}}\n"
    f"{{\\s17\\v\\sbasedon0\\snext17 {_rtf_text('隐藏段落')};}}}}\n"
    f"\\pard\\plain {_rtf_text('保障性住房资格审核结果')}\\par\n"
    f"\\pard\\plain {_rtf_text('联系电话：1381234')}{{\\cs15 {_rtf_text('号')}}}5678\\par\n"
    f"\\pard\\plain {_rtf_text('备用电话：1391234')}{{\\cs16 {_rtf_text('（备）')}}}5678\\par\n"
    f"\\pard\\plain {_rtf_text('身份证号：1101051949')}{{\\cs15\\v0 {_rtf_text('号')}}}"
    "1231002X\\par\n"
    f"\\pard\\plain\\s17 {{\\v0 {_rtf_text('咨询电话：158')}}}{_rtf_text('转')}{{\\v0 95116928}}"
    "\\par\n"
    f"\\pard\\plain {_rtf_text('监督电话')} 023-63612345\\par\n"
    "}\n"
)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def mark_before_table_docx(path: Path) -> Path:
    """A .docx whose first paragraph (联系电话1381234, its text shown by the run's own
    ``w:vanish w:val="0"``) has a style hiding its mark, then a table whose one cell holds
    5678. LibreOffice shows them apart (a table never joins the paragraph before it)."""
    import zipfile

    styles = (
        f'<w:styles xmlns:w="{_W}"><w:style w:type="paragraph" w:styleId="PHid">'
        '<w:name w:val="PHid"/><w:rPr><w:vanish/></w:rPr></w:style></w:styles>'
    )
    cell = "<w:tc><w:p><w:r><w:t>5678</w:t></w:r></w:p></w:tc>"
    body = (
        '<w:p><w:pPr><w:pStyle w:val="PHid"/></w:pPr><w:r><w:rPr><w:vanish w:val="0"/>'
        "</w:rPr><w:t>联系电话1381234</w:t></w:r></w:p>"
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
        f'<w:gridCol w:w="4000"/></w:tblGrid><w:tr>{cell}</w:tr></w:tbl><w:p/>'
    )
    package = "http://schemas.openxmlformats.org/package/2006"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            f'<Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxml'
            'formats-officedocument.wordprocessingml.styles+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="r1" '
            f'Type="{office}/officeDocument" Target="word/document.xml"/></Relationships>',
        )
        z.writestr(
            "word/_rels/document.xml.rels",
            f'<Relationships xmlns="{package}/relationships"><Relationship Id="r1" '
            f'Type="{office}/styles" Target="styles.xml"/></Relationships>',
        )
        z.writestr("word/styles.xml", styles)
        z.writestr(
            "word/document.xml", f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
        )
    return path


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for name in ("styles", "marks"):
            for target in ("odt", "doc"):
                made = soffice(SOURCE / f"{name}.docx", target, Path(work))
                shutil.move(made, OUT / made.name)
        source = mark_before_table_docx(Path(work) / "mark-before-table.docx")
        shutil.move(soffice(source, "doc", Path(work)), OUT / "mark-before-table.doc")
    (OUT / "stylesheet.rtf").write_text(STYLESHEET_RTF, encoding="ascii", newline="\r\n")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
