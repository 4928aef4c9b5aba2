"""Pictures on a PDF's typed pages follow the rule of a Word file's pictures: with the ocr extra
each one large enough to show a line of digits is read by OCR, once however often it is drawn;
without it, one as large as a photograph makes the PDF "cannot check", naming the page and the
picture; a small logo passes.

The fixtures were made by python-docx and LibreOffice (tools/make_pdf_picture_fixtures.py):
``picture_list.pdf`` is a notice whose typed title and paragraph hold no number, under which a
screenshot of a table (1000 x 420 pixels, about a sixth of the page) shows 张三,
11010519491231002X (GB 11643's example) and 13812345678; ``picture_logo.pdf`` is three typed
pages with one 240 x 240 seal (住房保障中心, no digit) in the header of each.  The pages drawn
by hand here (a form, an inline image, a soft mask, an image that cannot be decoded) take their
sizes from the numbers written in them.  Tests marked ``ocr`` run the engine (``nox -s ocr``);
the others run everywhere, the ocr extra hidden where they test its absence.
"""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from zfgk.cli import main
from zfgk.documents import Location, _ocr, has_pictures, open_document
from zfgk.files import scan_file

pypdf = pytest.importorskip("pypdf", reason="needs the pdf extra")

DATA = Path(__file__).parent / "data" / "pdf"
LIST, LOGO = DATA / "picture_list.pdf", DATA / "picture_logo.pdf"
UNREAD = (
    "a picture as large as a photograph or a screenshot of a list; zfgk reads it only with "
    "OCR: pip install 'zfgk[ocr]', or check it by eye"
)


@pytest.fixture
def without_ocr(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As where the ocr extra is not installed: ``import rapidocr`` fails."""
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    _ocr._modules.cache_clear()
    yield
    _ocr._modules.cache_clear()


def _pdf(path: Path, content: bytes, xobjects: dict[str, Any], writer: Any = None) -> Path:
    """An A4 page with a typed title drawing ``content`` with the XObjects ``xobjects``,
    written to ``path``."""
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = writer or pypdf.PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)}),
            NameObject("/XObject"): DictionaryObject(
                {NameObject(k): writer._add_object(v) for k, v in xobjects.items()}
            ),
        }
    )
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 72 800 Td (Notice of allocation) Tj ET " + content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.write(path)
    return path


def _image(width: int, height: int, data: bytes | None = None, **more: Any) -> Any:
    """An image XObject of ``width`` x ``height`` grey pixels (white), Flate-compressed, or
    ``data`` as it is with the entries ``more`` (a filter, a soft mask)."""
    from pypdf.generic import NameObject, NumberObject, StreamObject

    image = StreamObject()
    image._data = zlib.compress(b"\xff" * width * height) if data is None else data
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(width),
            NameObject("/Height"): NumberObject(height),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/FlateDecode"),
            **{NameObject("/" + k): v for k, v in more.items()},
        }
    )
    return image


# -- Without the ocr extra ------------------------------------------------------------------


@pytest.mark.usefixtures("without_ocr")
def test_without_the_extra_a_screenshot_of_a_list_cannot_be_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # passed as clean before: the typed text holds no number, the picture was never looked at
    result = scan_file(LIST)
    assert result.findings == ()
    assert [(gap.location, str(gap.reason)) for gap in result.unread] == [
        (Location(page="1", part="picture 1"), UNREAD)
    ]
    assert result.verdict.value == "cannot-check"
    assert main(["scan", str(LIST)]) == 2
    assert f"{LIST}: cannot check page 1, picture 1: a picture as large as" in (
        capsys.readouterr().err
    )
    assert main(["--lang", "zh", "scan", str(LIST)]) == 2
    assert "第 1 页, 图片 1" in capsys.readouterr().err
    assert main(["mask", str(LIST), "-o", str(tmp_path / "out.pdf")]) != 0
    assert not (tmp_path / "out.pdf").exists()


@pytest.mark.usefixtures("without_ocr")
def test_without_the_extra_a_seal_on_every_page_stays_clean() -> None:
    result = scan_file(LOGO)
    assert (result.findings, result.unread, result.verdict.value) == ((), (), "clean")
    assert main(["scan", str(LOGO)]) == 0


@pytest.mark.usefixtures("without_ocr")
def test_a_large_picture_in_a_form_is_named_by_its_page(tmp_path: Path) -> None:
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        StreamObject,
    )

    writer = pypdf.PdfWriter()
    form = StreamObject()
    form._data = b"q 300 0 0 200 0 0 cm /Shot Do Q"
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [NumberObject(0), NumberObject(0)] + [FloatObject(300)] * 2
            ),
            NameObject("/Resources"): DictionaryObject(
                {
                    NameObject("/XObject"): DictionaryObject(
                        {NameObject("/Shot"): writer._add_object(_image(800, 500))}
                    )
                }
            ),
        }
    )
    small = _image(20, 20)
    path = _pdf(
        tmp_path / "form.pdf",
        b"q 20 0 0 20 50 800 cm /Dot Do Q q 1 0 0 1 100 400 cm /Fm Do Q",
        {"/Dot": small, "/Fm": form},
        writer,
    )
    assert [(str(gap.location), str(gap.reason)) for gap in scan_file(path).unread] == [
        ("page 1, picture 2", UNREAD),  # the dot (20 x 20) is picture 1
    ]


@pytest.mark.usefixtures("without_ocr")
def test_a_soft_mask_is_no_picture_of_its_own(tmp_path: Path) -> None:
    # a 200 x 120 picture (legible, not large) whose 800 x 500 soft mask is not drawn alone
    mask = _image(800, 500)
    path = _pdf(
        tmp_path / "masked.pdf",
        b"q 300 0 0 200 100 400 cm /Im Do Q",
        {"/Im": _image(200, 120, SMask=mask)},
    )
    assert scan_file(path).verdict.value == "clean"
    assert has_pictures(path)  # read by OCR where it is installed


def test_which_pdfs_have_pictures_to_read() -> None:
    assert has_pictures(LIST)  # a 1000 x 420 screenshot
    assert has_pictures(LOGO)  # a 240 x 240 seal
    assert not has_pictures(DATA / "glyph_per_call.pdf")  # typed text alone
    # scanned.pdf: page 2 a scan; page 3's 40 x 56 logo is too small to hold a line of digits
    from zfgk.documents._pdf import pictured_pages

    assert pictured_pages(DATA / "scanned.pdf") == []
    assert pictured_pages(LOGO) == [1, 2, 3]


# -- With it --------------------------------------------------------------------------------

needs_ocr = pytest.mark.skipif(
    __import__("importlib").util.find_spec("rapidocr") is None,
    reason="needs the ocr extra: pip install 'zfgk[ocr]'",
)


@pytest.mark.ocr
@needs_ocr
def test_a_screenshot_of_a_list_is_read_by_ocr(capsys: pytest.CaptureFixture[str]) -> None:
    result = scan_file(LIST)
    assert [(f.kind.value, f.location.page, f.location.part) for f in result.findings] == [
        ("id_number", "1", "picture 1"),
        ("phone", "1", "picture 1"),
    ]
    assert (result.unread, result.verdict.value) == ((), "found")
    text = open_document(LIST).text
    assert "11010519491231002X" in text
    assert "13812345678" in text
    assert main(["scan", str(LIST)]) == 1
    err = capsys.readouterr()
    assert f"{LIST}:page 1, picture 1: unmasked ID number" in err.out + err.err
    assert "11010519491231002X" not in err.out + err.err


@pytest.mark.ocr
@needs_ocr
def test_a_seal_on_every_page_is_read_once_and_stays_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[tuple[int, int]] = []
    ocr_image = _ocr.ocr_image

    def counted(image: Any, **where: Any) -> Any:
        read.append(image.size)
        return ocr_image(image, **where)

    monkeypatch.setattr(_ocr, "ocr_image", counted)
    result = scan_file(LOGO)
    assert (result.findings, result.unread, result.verdict.value) == ((), (), "clean")
    assert read == [(240, 240)]  # one XObject drawn on three pages: read once


@pytest.mark.ocr
@needs_ocr
def test_the_masked_picture_shows_the_shown_digits_only(tmp_path: Path) -> None:
    out = tmp_path / "公示.pdf"
    assert main(["mask", str(LIST), "-o", str(out)]) == 0
    assert scan_file(out).verdict.value == "clean"
    text = open_document(out).text
    assert "110105" in text  # what masking leaves
    assert "5678" in text
    (before,), (after,) = pypdf.PdfReader(LIST).pages, pypdf.PdfReader(out).pages
    assert after.extract_text() == before.extract_text()  # the typed text as it was
    (image,) = before.images
    assert bytes(image.data)[:4096] not in out.read_bytes()  # no copy of the picture left


@pytest.mark.ocr
@needs_ocr
def test_an_inline_picture_is_read_and_its_number_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (image,) = pypdf.PdfReader(LIST).pages[0].images
    grey = image.image.convert("L")
    inline = (
        b"q 425 0 0 178 100 400 cm BI /W %d /H %d /CS /G /BPC 8 /F /Fl ID " % grey.size
        + zlib.compress(grey.tobytes())
        + b"\nEI Q"
    )
    path = _pdf(tmp_path / "inline.pdf", inline, {})
    result = scan_file(path)
    assert [(f.kind.value, str(f.location).split(" (")[0]) for f in result.findings] == [
        ("id_number", "page 1, picture 1"),
        ("phone", "page 1, picture 1"),
    ]
    out = tmp_path / "out.pdf"
    assert main(["mask", str(path), "-o", str(out)]) == 2
    assert "inline.pdf: page 1, picture 1 holds an ID or mobile number and is drawn inline" in (
        capsys.readouterr().err
    )
    assert not out.exists()


@pytest.mark.ocr
@needs_ocr
def test_a_large_picture_that_cannot_be_decoded_cannot_be_checked(tmp_path: Path) -> None:
    from pypdf.generic import NameObject

    junk = b"\x97JB2\r\n\x1a\n not a JBIG2 stream"
    large = _image(1000, 500, junk, Filter=NameObject("/JBIG2Decode"))
    small = _image(200, 50, junk, Filter=NameObject("/JBIG2Decode"))
    path = _pdf(
        tmp_path / "jbig2.pdf",
        b"q 200 0 0 50 100 700 cm /Small Do Q q 400 0 0 200 100 400 cm /Large Do Q",
        {"/Small": small, "/Large": large},
    )
    gaps = [(str(g.location), str(g.reason)) for g in scan_file(path).unread]
    assert (
        "page 1, picture 2",
        "an image zfgk cannot decode (its compression?), so OCR "
        "cannot read the page: check it by eye",
    ) in gaps
    assert not any(where == "page 1, picture 1" for where, _ in gaps)  # the small one passes


@pytest.mark.ocr
@needs_ocr
def test_a_picture_drawn_on_two_pages_is_found_on_each_and_painted_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = pypdf.PdfWriter(clone_from=LIST)
    writer.add_page(writer.pages[0])  # the same page again: the screenshot is one XObject
    path = tmp_path / "twice.pdf"
    writer.write(path)
    read: list[tuple[int, int]] = []
    ocr_image = _ocr.ocr_image

    def counted(image: Any, **where: Any) -> Any:
        read.append(image.size)
        return ocr_image(image, **where)

    monkeypatch.setattr(_ocr, "ocr_image", counted)
    result = scan_file(path)
    assert [(f.kind.value, str(f.location).split(" (")[0]) for f in result.findings] == [
        ("id_number", "page 1, picture 1"),
        ("phone", "page 1, picture 1"),
        ("id_number", "page 2, picture 1"),
        ("phone", "page 2, picture 1"),
    ]
    assert read == [(1000, 420)]
    out = tmp_path / "out.pdf"
    assert main(["mask", str(path), "-o", str(out)]) == 0
    assert scan_file(out).verdict.value == "clean"
    first, second = pypdf.PdfReader(out).pages
    (a,), (b,) = first.images, second.images
    assert a.indirect_reference == b.indirect_reference  # still one picture, painted once


@pytest.mark.ocr
@needs_ocr
def test_black_text_on_a_clear_picture_is_read_as_it_shows(tmp_path: Path) -> None:
    # The screenshot as a transparent PNG exports: every pixel black, the text in its soft
    # mask. Over the white page a viewer shows black text; its colours alone are all black.
    from pypdf.generic import NameObject

    (image,) = pypdf.PdfReader(LIST).pages[0].images
    grey = image.image.convert("L")
    width, height = grey.size
    ink = bytes(255 - v for v in grey.tobytes())  # dark text: opaque; white paper: clear
    alpha = _image(width, height, zlib.compress(ink))
    black = _image(width, height, zlib.compress(bytes(width * height)), SMask=alpha)
    del black[NameObject("/ColorSpace")]
    black[NameObject("/ColorSpace")] = NameObject("/DeviceGray")
    path = _pdf(tmp_path / "clear.pdf", b"q 425 0 0 178 100 400 cm /Im Do Q", {"/Im": black})
    result = scan_file(path)
    assert [(f.kind.value, str(f.location)) for f in result.findings] == [
        ("id_number", "page 1, picture 1"),
        ("phone", "page 1, picture 1"),
    ]
    out = tmp_path / "out.pdf"
    assert main(["mask", str(path), "-o", str(out)]) == 0
    assert scan_file(out).verdict.value == "clean"
    (painted,) = pypdf.PdfReader(out).pages[0].images
    assert painted.image.convert("L").getpixel((5, 5)) == 255  # the paper stays white
