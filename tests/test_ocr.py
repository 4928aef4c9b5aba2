"""OCR of scans (issue 26), the parts that need no engine: the missing-extra error, reading a
row of OCR boxes into numbers and the boxes of their hidden digits, which images a PDF page
draws and how, and which pages are scans.  These run in every test session; the engine's
own tests are in test_ocr_scans.py (``nox -s ocr``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from zfgk import PersonalKind
from zfgk.documents import _ocr
from zfgk.documents._ocr import Box, OcrChar, OcrLine, OcrPage, find_in_page
from zfgk.errors import MissingExtraError

SCANS = Path(__file__).parent / "data" / "scans"
DOCUMENTS = Path(__file__).parent / "data" / "documents"
HAS_PDF = importlib.util.find_spec("pypdf") is not None


def line(text: str, left: float, top: float, width: float = 10, height: float = 20) -> OcrLine:
    """A box of ``text`` whose characters are ``width`` wide, one after another, as OCR gives."""
    chars = []
    x = left
    for ch in text:
        if ch == " ":
            x += width  # a space: a gap, no character
            continue
        chars.append(
            OcrChar(ch, ((x, top), (x + width, top), (x + width, top + height), (x, top + height)))
        )
        x += width
    quad = ((left, top), (x, top), (x, top + height), (left, top + height))
    return _ocr._line(quad, text, 0.99, [(c.text, 0.99, c.quad) for c in chars])


def page(*lines: OcrLine) -> OcrPage:
    return OcrPage(1, "1", 2000, 1000, lines)


def test_missing_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidocr", None)  # import rapidocr now fails
    _ocr._modules.cache_clear()
    try:
        with pytest.raises(MissingExtraError, match=r"pip install 'zfgk\[ocr\]'") as e:
            _ocr.require_ocr()
        assert isinstance(e.value, ImportError)
        from zfgk.documents._ocr_files import ocr_pages

        with pytest.raises(MissingExtraError, match=r"zfgk\[ocr\]"):
            list(ocr_pages(SCANS / "rows.bmp"))
    finally:
        _ocr._modules.cache_clear()


def test_a_number_split_over_two_boxes_is_found_whole() -> None:
    found = find_in_page(page(line("1381234", 100, 10), line("5678", 175, 10)))
    assert [(f.kind, f.masked) for f in found] == [(PersonalKind.PHONE, "138****5678")]
    assert found[0].box == Box(100, 10, 215, 30)
    # The painted box runs from where 8 ends and 1 starts (x 130) to the end of the first box
    # (the hidden 1234 are its last four characters, x 130..170) and a third of a character
    # further (173.3); 12% of the line's height above and below (2.4 pixels).
    (hidden,) = found[0].hidden
    assert Box.around(hidden) == Box(130, 7, 174, 33)


def test_an_id_number_hides_its_eight_birth_digits_in_each_box() -> None:
    # 11010519491231002X read in two boxes: 110105194912 | 31002X, close together.
    found = find_in_page(page(line("110105194912", 100, 50), line("31002X", 225, 50)))
    assert [f.masked for f in found] == ["110105********002X"]
    first, second = (Box.around(q) for q in found[0].hidden)
    # 194912 in the first box (characters 6..11, x 160..220: from where 5 ends to a third of
    # a character past the box's end, 223.3), 31 in the second (x 225..245: from a third of a
    # character before the box, 221.7, to where 0 starts).
    assert (first.left, first.right) == (160, 224)
    assert (second.left, second.right) == (221, 245)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # Cells far apart are not one number: ID | mobile | date | amount in one row.
        ((("500103197605217478", 100), ("13812345678", 400), ("2026-03-15", 600)), 2),
        # A date and an amount next to each other make no number.
        ((("2026-03-15", 100), ("1,250.00", 260)), 0),
        # A landline is not a mobile; 15-digit IDs and spaced mobiles are found.
        ((("023-63861234", 100), ("110105491231002", 300), ("159 2345 6781", 600)), 2),
    ],
)
def test_cells_of_a_row(texts: tuple[tuple[str, int], ...], expected: int) -> None:
    found = find_in_page(page(*(line(t, x, 10) for t, x in texts)))
    assert len(found) == expected


def test_masked_digits_do_not_join_the_next_cell() -> None:
    # What OCR reads of a masked mobile: 135, a black box 4 digits wide, 5432, then the date.
    # Joined, 135 5432 2026 would be a mobile number: the gaps keep them apart.
    row = page(line("135", 100, 10), line("5432", 170, 10), line("2026-03-22", 250, 10))
    assert find_in_page(row) == ()


def test_a_box_on_the_next_row_does_not_join() -> None:
    assert find_in_page(page(line("1381234", 100, 10), line("5678", 175, 40))) == ()


def test_page_text_is_row_by_row_and_hides_nothing_in_repr() -> None:
    p = page(line("张三", 10, 10), line("13812345678", 300, 10), line("李四", 10, 60))
    assert p.text == "张三\n13812345678\n李四\n"
    assert "13812345678" not in repr(p)
    assert "13812345678" not in repr(p.lines)
    assert all("1381" not in repr(f) for f in find_in_page(p))


def test_spaces_and_cell_gaps_inside_one_box() -> None:
    # rapidocr reads two cells as one box when they are close: the gaps come back as
    # a space (half a character or more) and a tab (the gap between cells).
    assert line("139 1234 5678", 0, 0).text == "139 1234 5678"
    assert line("110105491231002   13812345678", 0, 0).text == "110105491231002\t13812345678"


@pytest.mark.parametrize(
    ("matrix", "rotate", "turn"),
    [
        ((500, 0, 0, 700, 0, 0), 0, None),
        ((-500, 0, 0, 700, 500, 0), 0, "FLIP_LEFT_RIGHT"),
        ((500, 0, 0, -700, 0, 700), 0, "FLIP_TOP_BOTTOM"),
        ((-500, 0, 0, -700, 500, 700), 0, "ROTATE_180"),
        # Drawn turned a quarter anticlockwise: the image's x axis points up the page.
        ((0, 500, -700, 0, 700, 0), 0, "ROTATE_90"),
        ((0, -500, 700, 0, 0, 500), 0, "ROTATE_270"),
        # An upright image on a page shown turned a quarter clockwise (/Rotate 90).
        ((500, 0, 0, 700, 0, 0), 90, "ROTATE_270"),
        ((500, 0, 0, 700, 0, 0), 180, "ROTATE_180"),
    ],
)
def test_how_a_drawn_image_is_turned(
    matrix: tuple[float, ...], rotate: int, turn: str | None
) -> None:
    from zfgk.documents._ocr_files import _Drawn

    assert _Drawn(("/Im0",), None, matrix).turn(rotate) == turn  # type: ignore[arg-type]


@pytest.mark.skipif(not HAS_PDF, reason="needs the pdf extra")
def test_scanned_pages_under_a_typed_title() -> None:
    import pypdf

    from zfgk.documents._ocr_files import is_scanned_page

    scans = pypdf.PdfReader(SCANS / "list-scan.pdf")
    assert [is_scanned_page(p) for p in scans.pages] == [True, True]
    assert "附件" in scans.pages[0].extract_text()  # the typed title over the scan
    typed = pypdf.PdfReader(DOCUMENTS / "notice.pdf")
    assert not any(is_scanned_page(p) for p in typed.pages)


@pytest.mark.skipif(not HAS_PDF, reason="needs the pdf extra")
def test_a_small_picture_does_not_make_a_scan(tmp_path: Path) -> None:
    import pypdf

    from zfgk.documents._ocr_files import _drawn_images, is_scanned_page

    # The scanned page's image drawn at a third of the page's width and height: a picture.
    writer = pypdf.PdfWriter(clone_from=SCANS / "list-scan.pdf")
    page = writer.pages[0]
    (drawn,) = _drawn_images(page)
    name = drawn.names[-1]
    content = f"q 198 0 0 280 20 20 cm {name} Do Q".encode()
    stream = pypdf.generic.DecodedStreamObject()
    stream.set_data(content)
    page[pypdf.generic.NameObject("/Contents")] = writer._add_object(stream)
    assert not is_scanned_page(page)


def test_image_kind_by_first_bytes() -> None:
    from zfgk.documents._ocr_files import image_kind

    kinds = {p.name: image_kind(p) for p in sorted(SCANS.iterdir())}
    assert kinds == {
        "answers.json": None,
        "list-150dpi-q60.jpg": "JPEG",
        "list-200dpi-seal.jpg": "JPEG",
        "list-300dpi.tif": "TIFF",
        "list-phone.jpg": "JPEG",
        "list-scan.pdf": None,
        "rows.bmp": "BMP",
        "rows.webp": "WEBP",
    }
