"""Word's bidirectional embeddings read as Word lays them out, and overrides nested deeper
than zfgk reads refused.

Under a right-to-left embedding (``w:dir w:val="rtl"``, [ISO/IEC 29500-1] 17.3.2.8) or in
a right-to-left paragraph (``w:bidi``), Unicode's bidirectional algorithm (UAX #9, rules
W, N1 and L2) keeps each run of digits left to right and shows the runs apart in reverse
order: ``5678 1234 138`` shows ``138 1234 5678``, as U+202B does in plain text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zfgk.cli import main
from zfgk.documents import Location, read
from zfgk.errors import DocumentError
from zfgk.files import Verdict, mask_file, scan_file
from zfgk.privacy import find_pii

from .test_documents_docx import make_docx
from .test_word_tracked import found


def _at(paragraph: int) -> Location:
    return Location(part="document", paragraph=paragraph)


def test_numbers_in_a_right_to_left_embedding_show_in_reverse_order(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        "<w:p><w:r><w:t>公示</w:t></w:r></w:p>"
        '<w:p><w:r><w:t xml:space="preserve">联系电话：</w:t></w:r><w:dir w:val="rtl">'
        '<w:r><w:t xml:space="preserve">5678 1234 138</w:t></w:r></w:dir></w:p>'
        '<w:p><w:dir w:val="ltr"><w:r><w:t xml:space="preserve">5678 1234 139</w:t></w:r>'
        "</w:dir></w:p>",
    )
    # paragraph 2 shows 138 1234 5678 (found at its characters as stored); paragraph 3, left
    # to right, shows them as stored (no number)
    assert found(path) == [("phone", "56781234138", _at(2))]
    assert read(path).text.startswith("公示\n联系电话：5678 1234 138\n5678 1234 139\n")
    out = tmp_path / "out.docx"
    mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    assert "5678 **** 138" in read(out).text  # shown 138 **** 5678


def test_a_right_to_left_paragraph_shows_numbers_in_reverse_order(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "a.docx",
        '<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:t xml:space="preserve">电话 5678 1234 138'
        "</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:bidi w:val="0"/></w:pPr><w:r><w:t xml:space="preserve">5678 1234 139'
        "</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:sectPr><w:bidi/></w:sectPr></w:pPr><w:r><w:t xml:space="preserve">'
        "5678 1234 150</w:t></w:r></w:p>",
    )
    # a section's w:bidi orders its columns, not its paragraphs' text
    assert found(path) == [("phone", "56781234138", _at(1))]


_OVERRIDE = '<w:bdo w:val="rtl">'


def _nested(depth: int) -> str:
    """An override right to left holding 8765, then ``depth - 1`` more, one in another, the
    innermost holding 4321831: Unicode's algorithm (its 125 levels) shows 13812345678."""
    inner = "<w:r><w:t>4321831</w:t></w:r>"
    for _ in range(depth - 1):
        inner = f"{_OVERRIDE}{inner}</w:bdo>"
    return f"<w:p>{_OVERRIDE}<w:r><w:t>8765</w:t></w:r>{inner}</w:bdo></w:p>"


def test_overrides_as_deep_as_zfgk_reads_are_read(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx", _nested(16))
    assert [(kind, number) for kind, number, _ in found(path)] == [("phone", "13812345678")]


def test_overrides_nested_deeper_are_cannot_check(tmp_path: Path) -> None:
    # Before, the outer ones were left out: 56781381234 read, the number missed.
    path = make_docx(tmp_path / "a.docx", _nested(17))
    with pytest.raises(DocumentError, match=r"word/document\.xml nests more than 16"):
        read(path)
    assert scan_file(path).verdict is Verdict.CANNOT_CHECK
    assert main(["scan", str(path)]) == 2


def test_an_rtf_paragraph_right_to_left_shows_numbers_in_reverse_order(tmp_path: Path) -> None:
    # \rtlpar (Word's right-to-left paragraph) until \pard; \ltrpar ends it too.  A number
    # stored whole is found once.
    path = tmp_path / "a.rtf"
    path.write_bytes(
        rb"{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fnil SimSun;}}"
        rb"\pard\rtlpar 5678 1234 138\par "
        rb"\pard 5678 1234 139\par "
        rb"\pard\rtlpar\ltrpar 5678 1234 150\par "
        rb"\pard\rtlpar 13712345678\par}"
    )
    doc = read(path)
    assert [(doc.text[m.start : m.end], doc.locate(m.start)) for m in find_pii(doc.text)] == [
        ("13712345678", _at(4)),
        ("5678 1234 138", _at(1)),
    ]
    out = tmp_path / "out.rtf"
    mask_file(path, out)
    assert scan_file(out).verdict is Verdict.CLEAN
    assert b"5678 **** 138" in out.read_bytes()


def _arabic_notice(tmp_path: Path, where: str, own: str = "") -> Path:
    # "هاتف 5678 1234 138" (phone, then the number's groups as typed): in a paragraph right
    # to left, Word and LibreOffice show 138 1234 5678 (a reviewer's render), the groups in
    # reverse order; left to right, as stored: no mobile number
    import io
    import zipfile

    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("هاتف 5678 1234 138")
    out = io.BytesIO()
    document.save(out)
    path = tmp_path / f"通知-{where}{'-own' if own else ''}.docx"
    bidi = b"<w:pPr><w:bidi/></w:pPr>"
    with zipfile.ZipFile(out) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/styles.xml" and where == "normal":
                head, _, rest = data.partition(b'w:styleId="Normal">')
                assert rest, "python-docx's Normal style"
                data = head + b'w:styleId="Normal">' + bidi + rest
            elif info.filename == "word/styles.xml" and where == "defaults":
                data = data.replace(
                    b"<w:docDefaults>",
                    b"<w:docDefaults><w:pPrDefault>" + bidi + b"</w:pPrDefault>",
                    1,
                )
                assert b"<w:pPrDefault><w:pPr><w:bidi/>" in data
            elif info.filename == "word/document.xml" and own:
                data = data.replace(b"<w:p>", b"<w:p><w:pPr>" + own.encode() + b"</w:pPr>", 1)
            new.writestr(info, data)
    return path


@pytest.mark.parametrize("where", ["normal", "defaults"])
def test_a_paragraph_right_to_left_by_its_style_or_the_defaults_is_read_as_shown(
    tmp_path: Path, where: str
) -> None:
    # (Arabic and Uyghur templates set the direction in the Normal style or the defaults)
    result = scan_file(_arabic_notice(tmp_path, where))
    assert [f.kind.value for f in result.findings] == ["phone"]
    # its own w:bidi w:val="0" makes it left to right again: as stored, no number
    off = _arabic_notice(tmp_path, where, own='<w:bidi w:val="0"/>')
    assert scan_file(off).findings == ()


def test_the_same_paragraph_left_to_right_is_clean(tmp_path: Path) -> None:
    assert scan_file(_arabic_notice(tmp_path, "none")).findings == ()
