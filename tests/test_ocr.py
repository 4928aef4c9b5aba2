"""OCR of scans (issue 26), the parts that need no engine: the missing-extra path (an image
is "cannot check", and mask writes nothing), reading a row of OCR boxes into numbers and the
boxes of their hidden digits, the document text of page images (each character's page and
box, the boxes a writer paints), the PDF entry points' text and refusals, which images a PDF
page draws and how, and which pages are scans.  These run in every test session; the
engine's own tests are in test_ocr_scans.py (``nox -s ocr``).

The boxes are worked out by hand from the characters' boxes the tests build: each character
10 pixels wide and 20 high, a painted box reaching half-way to the shown neighbours (or a
third of a character past a line's end) and 12 % of the line's height (2.4 pixels) above and
below."""

from __future__ import annotations

import importlib.util
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from zfgk import PersonalKind, find_pii, redact
from zfgk.cli import main
from zfgk.documents import Location, Unread, _ocr, open_document
from zfgk.documents._image import ScanText
from zfgk.documents._image_pdf import with_scans
from zfgk.documents._ocr import Box, OcrChar, OcrLine, OcrPage, Quad, find_in_page
from zfgk.errors import DocumentError, MaskUnsupportedError, MissingExtraError
from zfgk.files import scan_file

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


def page(*lines: OcrLine, number: int = 1) -> OcrPage:
    return OcrPage(number, str(number), 2000, 1000, lines)


@pytest.fixture
def without_ocr(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As where the ocr extra is not installed: ``import rapidocr`` fails."""
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    _ocr._modules.cache_clear()
    yield
    _ocr._modules.cache_clear()


@pytest.mark.usefixtures("without_ocr")
def test_missing_extra_names_the_pip_command() -> None:
    with pytest.raises(MissingExtraError, match=r"pip install 'zfgk\[ocr\]'") as e:
        _ocr.require_ocr()
    assert isinstance(e.value, ImportError)
    from zfgk.documents._ocr_files import ocr_pages

    with pytest.raises(MissingExtraError, match=r"zfgk\[ocr\]"):
        list(ocr_pages(SCANS / "rows.bmp"))


@pytest.mark.usefixtures("without_ocr")
@pytest.mark.parametrize("name", ["rows.jpg", "list-300dpi.tif", "rows.gif", "rows.webp"])
def test_without_the_extra_an_image_cannot_be_checked(name: str) -> None:
    document = open_document(SCANS / name)
    assert [(gap.location, gap.reason.localized("en")) for gap in document.unread] == [
        (
            Location(part="whole file"),
            "an image, which zfgk cannot read: its text can be read only by OCR: pip install "
            "'zfgk[ocr]', or check it by eye",
        )
    ]
    result = scan_file(SCANS / name)
    assert (result.findings, result.verdict.value) == ((), "cannot-check")


@pytest.mark.usefixtures("without_ocr")
@pytest.mark.parametrize(
    ("name", "member"), [("picture.docx", "word/media/image1.jpg"), ("picture.eml", "image/jpeg")]
)
def test_without_the_extra_a_picture_of_a_list_in_a_document_cannot_be_checked(
    name: str, member: str
) -> None:
    # rows.jpg (905 x 349 pixels, five numbers) in a Word file and inline in a mail: passed
    # over as "a picture", the file clean, before
    result = scan_file(SCANS / name)
    assert result.verdict.value == "cannot-check"
    assert [
        (g.location.member, "pip install 'zfgk[ocr]'" in str(g.reason)) for g in result.unread
    ] == [(member, True)]


def _png(width: int, height: int) -> bytes:
    """A white PNG of ``width`` x ``height`` pixels, written by hand (no Pillow needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.mark.usefixtures("without_ocr")
def test_without_the_extra_a_logo_is_no_scan(tmp_path: Path) -> None:
    # a logo, a seal, a banner: smaller than a scanned page or a photograph (300 pixels
    # on its short side and 250,000 in all), passed over as a PDF's small picture is
    import zipfile

    def make_docx(path: Path, body: str, *, extra: dict[str, bytes]) -> Path:
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        xml = f'<w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("[Content_Types].xml", "<Types/>")
            z.writestr("word/document.xml", xml)
            for name, data in extra.items():
                z.writestr(name, data)
        return path

    for size in ((200, 60), (400, 400), (2000, 120)):
        path = make_docx(
            tmp_path / "logo.docx",
            "<w:p><w:r><w:t>住房保障</w:t></w:r></w:p>",
            extra={"word/media/image1.png": _png(*size)},
        )
        assert scan_file(path).verdict.value == "clean", size
    path = make_docx(tmp_path / "photo.docx", "", extra={"word/media/image1.png": _png(600, 450)})
    assert scan_file(path).verdict.value == "cannot-check"


def _book_with_picture(tmp_path: Path) -> Path:
    """An openpyxl book with rows.jpg beside its sheet (``xl/media/image1.jpeg``)."""
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    pytest.importorskip("python_calamine")
    path = tmp_path / "名单.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "名单见图"
    book.save(path)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/media/image1.jpeg", (SCANS / "rows.jpg").read_bytes())
    return path


@pytest.mark.usefixtures("without_ocr")
def test_without_the_extra_a_picture_in_a_workbook_cannot_be_checked(tmp_path: Path) -> None:
    result = scan_file(_book_with_picture(tmp_path))
    assert result.verdict.value == "cannot-check"
    assert [g.location.member for g in result.unread] == ["xl/media/image1.jpeg"]


@pytest.mark.skipif(importlib.util.find_spec("rapidocr") is None, reason="needs the ocr extra")
def test_a_picture_in_a_workbook_is_read_by_ocr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _book_with_picture(tmp_path)
    # rows.jpg's five numbers (tests/data/scans/answers.json), in the picture
    assert [f.kind.value for f in scan_file(path).findings] == [
        "id_number",
        "phone",
        "id_number",
        "id_number",
        "phone",
    ]
    assert main(["mask", str(path), "-o", str(tmp_path / "out.xlsx")]) == 1
    assert "xl/media/image1.jpeg: page 1" in capsys.readouterr().err
    assert not (tmp_path / "out.xlsx").exists()


def _page_with_picture(tmp_path: Path, picture: bytes, text: str = "") -> Path:
    """A page carrying ``picture`` in a ``data:`` address, as web editors save a paste."""
    import base64

    path = tmp_path / "公示.html"
    encoded = base64.b64encode(picture).decode()
    path.write_text(
        f'<html><body><p>名单见图。{text}</p><img src="data:image/jpeg;base64,{encoded}">'
        "</body></html>",
        encoding="utf-8",
    )
    return path


@pytest.mark.usefixtures("without_ocr")
def test_without_the_extra_a_picture_in_a_page_cannot_be_checked(tmp_path: Path) -> None:
    result = scan_file(_page_with_picture(tmp_path, (SCANS / "rows.jpg").read_bytes()))
    assert result.verdict.value == "cannot-check"
    assert [g.location.member for g in result.unread] == ["picture 1"]


def test_a_page_with_a_logo_is_masked_as_before(tmp_path: Path) -> None:
    # a logo carried in the page: passed over without OCR, nothing on it with it; the page's
    # own number is masked as always
    path = _page_with_picture(tmp_path, _png(200, 60), text="电话 13912345678")
    out = tmp_path / "公开.html"
    assert main(["mask", str(path), "-o", str(out)]) == 0
    assert "139****5678" in out.read_text(encoding="utf-8")
    assert scan_file(out).verdict.value == "clean"


@pytest.mark.skipif(importlib.util.find_spec("rapidocr") is None, reason="needs the ocr extra")
def test_a_picture_in_a_page_is_read_by_ocr_and_mask_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _page_with_picture(tmp_path, (SCANS / "rows.jpg").read_bytes())
    found = scan_file(path).findings
    assert len(found) == 5  # rows.jpg's five numbers (tests/data/scans/answers.json)
    assert {str(f.location) for f in found} == {"picture 1: page 1"}
    assert main(["mask", str(path), "-o", str(tmp_path / "out.html")]) == 2
    assert "picture 1: page 1" in capsys.readouterr().err
    assert not (tmp_path / "out.html").exists()


def test_picture_sizes_agree_with_pillow() -> None:
    image = pytest.importorskip("PIL.Image")
    import io

    from zfgk.documents._embedded import picture_size

    for kind, options in (
        ("PNG", {}),
        ("JPEG", {}),
        ("JPEG", {"progressive": True}),
        ("GIF", {}),
        ("BMP", {}),
        ("WEBP", {}),
        ("WEBP", {"lossless": True}),
    ):
        data = io.BytesIO()
        image.new("RGB", (321, 123), "white").save(data, kind, **options)
        assert picture_size(data.getvalue()) == (321, 123), (kind, options)
    assert picture_size((SCANS / "rows.jpg").read_bytes()) == image.open(SCANS / "rows.jpg").size


@pytest.mark.usefixtures("without_ocr")
def test_without_the_extra_the_commands_say_so_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan = SCANS / "rows.jpg"
    assert main(["scan", str(scan)]) == 2
    err = capsys.readouterr().err
    assert f"{scan}: cannot check whole file: an image, which zfgk cannot read" in err
    assert "pip install 'zfgk[ocr]'" in err
    assert main(["--lang", "zh", "scan", str(scan)]) == 2
    assert "pip install 'zfgk[ocr]'" in capsys.readouterr().err
    assert main(["mask", str(scan), "-o", str(tmp_path / "masked.jpg")]) == 2
    err = capsys.readouterr().err
    assert "pip install 'zfgk[ocr]'" in err
    assert "nothing was written" in err
    assert not (tmp_path / "masked.jpg").exists()


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
    assert p.text == "张三\t13812345678\n李四\n"  # one row of the page to a line
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
    from zfgk.documents._ocr_pdf import _Drawn

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

    from zfgk.documents._ocr_pdf import _drawn_images, is_scanned_page

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
        "list-searchable.pdf": None,
        "picture.doc": None,
        "picture.docx": None,
        "picture.eml": None,
        "rows.bmp": "BMP",
        "rows.gif": "GIF",
        "rows.jpg": "JPEG",
        "rows.webp": "WEBP",
    }


# -- The document text of page images -------------------------------------------------------


def two_pages(painter: object = None) -> ScanText:
    """Page 1: 张三 and a mobile on one row, 李四 below; page 2: a mobile OCR read in two boxes."""
    first = page(line("张三", 10, 10), line("13812345678", 300, 10), line("李四", 10, 60))
    second = page(line("1381234", 100, 10), line("5678", 175, 10), number=2)
    return ScanText(Path("公示.tif"), [first, second], [], painter or (lambda *a: None))  # type: ignore[arg-type]


def test_the_text_of_pages_reads_row_by_row_pages_apart() -> None:
    scans = two_pages()
    assert scans.text == "张三\t13812345678\n李四\n\f13812345678\n\f"
    assert [(m.kind, m.start) for m in find_pii(scans.text)] == [
        (PersonalKind.PHONE, 3),
        (PersonalKind.PHONE, 19),
    ]


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (3, Location(page="1", box=(300, 10, 410, 30))),  # a number starts: the whole number
        (4, Location(page="1", box=(310, 10, 320, 30))),  # any other character: its own box
        (15, Location(page="1", box=(10, 60, 20, 80))),  # 李, the first of 李四 (10 to 20)
        (2, Location(page="1")),  # the tab put in between two cells
        (18, Location(page="1")),  # the page break
        (19, Location(page="2", box=(100, 10, 215, 30))),  # a number read in two boxes
    ],
)
def test_each_character_has_its_page_and_box(offset: int, expected: Location) -> None:
    assert two_pages().locate(offset) == expected


def test_the_writer_paints_exactly_the_changed_characters() -> None:
    painted: list[tuple[Path, Path, dict[tuple[int, int], list[Quad]]]] = []
    scans = two_pages(lambda source, output, boxes: painted.append((source, output, boxes)))
    scans.write(Path("out.tif"), scans.text, redact(scans.text))
    ((source, output, boxes),) = painted
    assert (source, output) == (Path("公示.tif"), Path("out.tif"))
    assert {key: [Box.around(q) for q in quads] for key, quads in boxes.items()} == {
        # 1234 of 138 1234 5678 on page 1: x 330 to 370, half-way to 8 and to 5.
        (1, 1): [Box(330, 7, 370, 33)],
        # On page 2, 1234 ends its box: a third of a character past it (173.3).
        (2, 1): [Box(130, 7, 174, 33)],
    }


def test_a_character_put_in_cannot_be_painted() -> None:
    scans = two_pages()
    with pytest.raises(DocumentError, match="cannot be painted over"):
        scans.boxes(scans.text, scans.text.replace("\t", "*"))


def test_a_line_read_with_little_confidence_is_unread() -> None:
    doubtful = _ocr._line(((0, 0), (110, 0), (110, 20), (0, 20)), "1381234", 0.42, [])
    sure = line("13812345678", 300, 10)
    scans = ScanText(Path("a.png"), [page(doubtful, sure)], [], print)
    assert [(gap.location, gap.reason.localized("en")) for gap in scans.unread] == [
        (
            Location(page="1", box=(0, 0, 110, 20)),
            "OCR read this line with little confidence (handwriting? a blurred photo?), and it "
            "holds digits: check it by eye",
        )
    ]


class Typed:
    """The typed text of a PDF as its reader gives it: page 1, then page 3 (not scanned)."""

    text = "附件13812345678\f第三页13912345678\f"

    def locate(self, offset: int) -> Location:
        return Location(page="1" if offset < 14 else "3")

    def write(self, output: Path, old: str, new: str) -> None:
        raise AssertionError("the typed text is never written")


def test_the_typed_text_and_the_scans_as_one_text() -> None:
    painted: list[dict[tuple[int, int], list[Quad]]] = []
    scans = two_pages(lambda source, output, boxes: painted.append(boxes))
    text, source = with_scans("公示.pdf", Typed.text, Typed(), scans)
    assert text == Typed.text + scans.text
    split = len(Typed.text)
    assert source.locate(2) == Location(page="1")
    assert source.locate(split + 3) == Location(page="1", box=(300, 10, 410, 30))
    # The OCR text changes: painted.  A typed number on a scanned page (an invisible OCR
    # layer the writer takes off) may change with it.
    new = text[:2] + redact(text[2:13]) + text[13:split] + redact(text[split:])
    source.write(Path("out.pdf"), text, new)
    assert len(painted) == 1
    # A typed number on page 3, which is not a scan: refused, naming the page.
    with pytest.raises(MaskUnsupportedError, match=r"typed text \(page 3\)"):
        source.write(Path("out.pdf"), text, redact(text))
    assert len(painted) == 1


def test_the_scanned_pages_that_ocr_read_are_no_longer_unread() -> None:
    from zfgk.documents._pdf import _SCANNED
    from zfgk.i18n import Message

    reader = Typed()
    reader.unread = [  # type: ignore[attr-defined]
        Unread(Location(page="1"), Message(_SCANNED)),  # read by OCR below
        Unread(Location(page="3"), Message(_SCANNED)),  # not given to OCR
        Unread(Location(page="1", part="revision 1"), Message(_SCANNED)),  # another page
        Unread(Location(page="1"), Message("its font has no usable ToUnicode")),
    ]
    _, source = with_scans("公示.pdf", Typed.text, reader, two_pages())
    assert [(str(gap.location), str(gap.reason)) for gap in source.unread] == [
        ("page 3", "a scanned image; zfgk reads it only with OCR: pip install 'zfgk[ocr]'"),
        (
            "page 1, revision 1",
            "a scanned image; zfgk reads it only with OCR: pip install 'zfgk[ocr]'",
        ),
        ("page 1", "its font has no usable ToUnicode"),
    ]


class _ThreadPool(_ocr._PagePool):
    """The page pool on threads, with the engine's reading replaced: the order, the errors and
    the stopping of :func:`~zfgk.documents._ocr.ocr_each` without starting an engine."""

    def executor(self) -> Any:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=self.jobs)  # type: ignore[assignment]
        return self._executor


def _pages(count: int, damaged: int | None = None) -> Iterator[tuple[Any, int, str, int]]:
    for number in range(1, count + 1):
        if number == damaged:
            raise DocumentError("page source: a damaged frame")
        yield (number, number, str(number), 1)  # the "image" is its number


def _read(image: int, number: int, label: str | None, picture: int) -> OcrPage:
    if image == 3 and label == "engine fails":
        raise RuntimeError("the engine failed on page 3")
    time.sleep(0.01 * (5 - number) if number < 5 else 0)  # later pages finish first
    return OcrPage(number, label or str(number), 10, 10, (), picture)


@pytest.fixture
def thread_pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(_ocr, "_read_page", _read)
    pool = _ThreadPool(2)
    token = _ocr._PAGE_POOL.set(pool)
    try:
        yield
    finally:
        _ocr._PAGE_POOL.reset(token)
        pool.close()


@pytest.mark.usefixtures("thread_pool")
def test_pages_in_parallel_come_back_in_order_and_errors_in_their_place() -> None:
    assert [p.number for p in _ocr.ocr_each(_pages(6))] == [1, 2, 3, 4, 5, 6]
    got: list[int] = []
    with pytest.raises(DocumentError, match="damaged frame"):
        got.extend(p.number for p in _ocr.ocr_each(_pages(6, damaged=4)))
    assert got == [1, 2, 3]  # the pages before the damaged one, as one after the other
    pages: list[tuple[Any, int, str, int]] = [
        (n, n, "engine fails" if n == 3 else str(n), 1) for n in range(1, 7)
    ]
    got = []
    with pytest.raises(RuntimeError, match="page 3"):
        got.extend(p.number for p in _ocr.ocr_each(pages))
    assert got == [1, 2]  # nothing after the page the engine failed on


@pytest.mark.usefixtures("thread_pool")
def test_a_reader_that_stops_early_leaves_nothing_pending() -> None:
    sent: list[int] = []

    def counted() -> Iterator[tuple[Any, int, str, int]]:
        for page in _pages(20):
            sent.append(page[1])
            yield page

    reading = _ocr.ocr_each(counted())
    assert next(reading).number == 1
    reading.close()
    assert len(sent) <= 3  # no more than the pages in flight were ever sent


@pytest.mark.skipif(importlib.util.find_spec("rapidocr") is None, reason="needs the ocr extra")
def test_a_transparent_picture_is_read_as_it_shows_over_white(tmp_path: Path) -> None:
    # black text on nothing (every pixel black, the background clear), as screenshot tools
    # and exporters save a PNG: flattened by dropping its transparency, it was all black
    from PIL import Image, ImageDraw, ImageFont

    picture = Image.new("RGBA", (900, 140), (0, 0, 0, 0))
    font = ImageFont.load_default(size=64)
    ImageDraw.Draw(picture).text((20, 30), "Tel 13812345678", fill=(0, 0, 0, 255), font=font)
    path = tmp_path / "名单.png"
    picture.save(path)
    assert [f.kind for f in scan_file(path).findings] == [PersonalKind.PHONE]
