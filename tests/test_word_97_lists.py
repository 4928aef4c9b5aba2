"""Word 97-2003 documents (.doc): a number a list's label begins is read, as a .docx's is.

The fixtures are LibreOffice's .doc (tools/make_doc_list_fixtures.py) of
tests/data/word-hidden/numbering.docx (whose answers tests/test_word_hidden.py holds: the
same paragraphs, the same numbers) and of a python-docx document whose "List Number"
style's label is 138123%1 from 4, with nothing after it.  Before, a .doc's lists were not
read: both were clean.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from zfgk.documents import Location, read
from zfgk.documents._doc import _sprms
from zfgk.documents._doclists import _style_lists
from zfgk.files import Verdict, scan_file
from zfgk.privacy import find_pii, strip_separators

DATA = Path(__file__).parent / "data" / "word-lists"


def _found(path: Path) -> list[tuple[str, str, Location]]:
    doc = read(path)
    return [
        (m.kind.value, strip_separators(doc.text[m.start : m.end]), doc.locate(m.start))
        for m in find_pii(doc.text)
    ]


def _at(paragraph: int) -> Location:
    return Location(part="document", paragraph=paragraph)


def test_a_label_that_begins_a_number_is_read_before_its_paragraph() -> None:
    # 联系电话：1381 then 2345678 (no suffix); 备用电话：139, a space, 12345678; 咨询电话：158,
    # a tab, 95116928 (a tab keeps them apart).  The text has no labels.
    path = DATA / "numbering.doc"
    assert _found(path) == [
        ("phone", "13812345678", _at(2)),
        ("phone", "13912345678", _at(4)),
    ]
    assert read(path).text.startswith(
        "保障性住房资格审核结果\n2345678\n、备用\n12345678\n95116928\n"
    )
    assert scan_file(path).verdict is Verdict.FOUND


def test_a_list_s_paragraphs_are_counted() -> None:
    # 1381234 then 5678; 1381235 then 6789; the last 5678 is in no list.
    assert _found(DATA / "style-list.doc") == [
        ("phone", "13812345678", _at(2)),
        ("phone", "13812356789", _at(3)),
    ]


def _style(name: str, base: int, papx: bytes) -> bytes:
    """An STD of a paragraph style (stk 1) of a 10-byte base: its name, one UpxPapx."""
    encoded = name.encode("utf-16-le")
    std = struct.pack("<HHHHH", 0, 1 | base << 4, 2, 0, 0)
    std += struct.pack("<H", len(name)) + encoded + b"\0\0"
    upx = struct.pack("<H", 0) + papx  # its istd, then its properties
    std += struct.pack("<H", len(upx)) + upx + b"\0" * (len(upx) % 2)
    std += struct.pack("<H", 0)  # an empty UpxChpx
    return struct.pack("<H", len(std)) + std


def test_a_style_s_list_is_its_paragraphs_and_its_children_s() -> None:
    # Normal (0) in no list; 列表 (1), based on it, in list 1 at level 2; 子列表 (2), based on
    # 列表, sets only its level (0): in list 1 at level 0.
    in_list = struct.pack("<HhHB", 0x460B, 1, 0x260A, 2)
    stsh = struct.pack("<HHHH", 6, 3, 10, 0)  # its size; 3 styles, a base of 10 bytes, a flag
    stsh += _style("Normal", 0xFFF, b"")
    stsh += _style("列表", 0, in_list)
    stsh += _style("子列表", 1, struct.pack("<HB", 0x260A, 0))
    assert _style_lists(stsh, (0, len(stsh)), _sprms) == {
        0: (None, None),
        1: (1, 2),
        2: (1, 0),
    }


def test_a_bitmap_a_doc_holds_is_read_as_a_picture(monkeypatch: pytest.MonkeyPatch) -> None:
    # A BMP found in a stream was named "picture 1", without a suffix: as a bitmap is known
    # by its name only, it was binary data zfgk cannot read, and the document "cannot check".
    # (Read without OCR here, for time: then it is an image said unread for want of OCR.)
    from zfgk.documents._doc import _DocReader
    from zfgk.documents._embedded import one_budget
    from zfgk.errors import MissingExtraError
    from zfgk.formats import Kind

    def no_ocr() -> None:
        raise MissingExtraError("ocr")

    monkeypatch.setattr("zfgk.documents._embedded.ocr_installed", lambda: False)
    monkeypatch.setattr("zfgk.documents._image.require_ocr", no_ocr)

    width, height = 600, 500  # a page's size: read by OCR, or said unread without it
    row = b"\xff" * (3 * width)
    dib = struct.pack("<IiiHHIIiiII", 40, width, height, 1, 24, 0, len(row) * height, 0, 0, 0, 0)
    bitmap = b"BM" + struct.pack("<IHHI", 14 + len(dib) + len(row) * height, 0, 0, 54)
    bitmap += dib + row * height
    path = DATA / "numbering.doc"
    reader = _DocReader(path, Kind.DOC, path.read_bytes())
    reader.words = [b"before" + bitmap + b"after"]
    with one_budget():
        reader.pictures()
    document = reader.container.document(None)
    assert [member.name for member in reader.container.members] == ["picture 1.bmp"]
    reasons = [gap.describe() for gap in document.unread]
    assert len(reasons) == 1
    assert "binary data" not in reasons[0]
    assert "only by OCR" in reasons[0]
