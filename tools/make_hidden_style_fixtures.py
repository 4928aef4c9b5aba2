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


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for name in ("styles", "marks"):
            for target in ("odt", "doc"):
                made = soffice(SOURCE / f"{name}.docx", target, Path(work))
                shutil.move(made, OUT / made.name)
    (OUT / "stylesheet.rtf").write_text(STYLESHEET_RTF, encoding="ascii", newline="\r\n")
    for path in sorted(OUT.iterdir()):
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
