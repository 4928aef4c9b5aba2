"""Pictures drawn as vectors (EMF, WMF, SVG) read by the text they draw (zfgk.documents).

The pictures in tests/data/pictures/ are LibreOffice Draw's EMF, WMF and SVG
exports of three tables (tools/make_picture_fixtures.py): ``list`` holds
张三 with GB 11643's example ID 11010519491231002X and the mobile
13812345678 (and 李四 with the landline 010-12345678), ``boxes`` that ID
one digit to a cell, ``clean`` counts of households.  The Word, OpenDocument
and mail files hold them as LibreOffice Writer and Python's email package
store them.  Before, all of these were passed over: the files called clean.
"""

from __future__ import annotations

import re
import struct
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from zfgk import find_pii, scan_file
from zfgk.documents import _ocr, open_document
from zfgk.documents._embedded import read_picture
from zfgk.documents._vector import read_vector, vector_kind
from zfgk.errors import MaskUnsupportedError
from zfgk.formats import Kind, kind_of
from zfgk.privacy import strip_separators

from .helpers import mask

PICTURES = Path(__file__).parent / "data" / "pictures"
ID = "11010519491231002X"
MOBILE = "13812345678"


@pytest.fixture
def without_ocr(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """As where the ocr extra is not installed: ``import rapidocr`` fails."""
    monkeypatch.setitem(sys.modules, "rapidocr", None)
    _ocr._modules.cache_clear()
    yield
    _ocr._modules.cache_clear()


def numbers(text: str) -> list[tuple[str, str]]:
    return [(m.kind.value, strip_separators(text[m.start : m.end])) for m in find_pii(text)]


@pytest.mark.parametrize("kind", ["emf", "wmf", "svg"])
def test_a_table_drawn_as_a_picture_reads_row_by_row(kind: str) -> None:
    read = read_vector((PICTURES / f"list.{kind}").read_bytes())
    assert read.unread == ()
    assert read.lines[0] == "序号 姓名 身份证号 联系电话"
    # the row's cells, drawn as separate pieces, on one line in the order they are seen
    assert f"张三 {ID} {MOBILE}" in read.lines[1]
    assert read.lines[2].endswith("李四 010-12345678")
    assert numbers("\n".join(read.lines)) == [("id_number", ID), ("phone", MOBILE)]


@pytest.mark.parametrize("kind", ["emf", "wmf", "svg"])
def test_a_number_drawn_one_digit_to_a_cell_is_found(kind: str) -> None:
    read = read_vector((PICTURES / f"boxes.{kind}").read_bytes())
    assert numbers("\n".join(read.lines)) == [("id_number", ID)]


@pytest.mark.parametrize("kind", ["emf", "wmf", "svg"])
def test_a_picture_without_a_number_is_clean(kind: str) -> None:
    read = read_vector((PICTURES / f"clean.{kind}").read_bytes())
    assert (read.lines, read.unread) == (
        ("区县 户数 套数", "渝中区 120 98", "江北区 86 80", "合计 206 178"),
        (),
    )


@pytest.mark.parametrize("name", ["list.emf", "list.wmf"])
def test_a_metafile_on_its_own_is_read_as_an_image(name: str) -> None:
    assert kind_of(PICTURES / name) is Kind.IMAGE
    result = scan_file(PICTURES / name)
    assert [(f.kind.value, f.location.line) for f in result.findings] == [
        ("id_number", 2),
        ("phone", 2),
    ]
    assert scan_file(PICTURES / name.replace("list", "clean")).verdict.value == "clean"


def _emf_text_options(data: bytes, options: int) -> bytes:
    """The EMF with the options of each EMR_EXTTEXTOUTW record set to ``options``."""
    out = bytearray(data)
    at = 0
    while at < len(out):
        kind, size = struct.unpack_from("<II", out, at)
        if kind == 84:
            struct.pack_into("<I", out, at + 52, options)
        at += size
    return bytes(out)


def test_text_drawn_as_glyph_numbers_cannot_be_checked(tmp_path: Path) -> None:
    # ETO_GLYPH_INDEX: the "characters" are the font's glyph numbers, which only drawing the
    # picture would turn into what a person sees
    data = _emf_text_options((PICTURES / "clean.emf").read_bytes(), 0x10 | 0x2)
    (reason,) = read_vector(data).unread
    assert "glyph numbers" in reason.localized("en")
    path = tmp_path / "glyphs.emf"
    path.write_bytes(data)
    assert scan_file(path).verdict.value == "cannot-check"


@pytest.mark.parametrize("cut", [100, 3000])
def test_a_metafile_cut_short_cannot_be_checked(tmp_path: Path, cut: int) -> None:
    for name in ("clean.emf", "clean.wmf"):
        data = (PICTURES / name).read_bytes()[:cut]
        (reason,) = read_vector(data).unread
        assert "damaged or cut short" in reason.localized("en")
        path = tmp_path / name
        path.write_bytes(data)
        result = scan_file(path)
        assert result.verdict.value == "cannot-check", name


def test_too_many_records_are_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    from zfgk.documents import _vector

    monkeypatch.setattr(_vector, "MAX_RECORDS", 10)
    for name in ("list.emf", "list.wmf", "list.svg"):
        (reason,) = read_vector((PICTURES / name).read_bytes()).unread
        assert "more than 10 records" in reason.localized("en"), name


def test_a_compressed_metafile_is_read() -> None:
    import gzip

    data = gzip.compress((PICTURES / "list.emf").read_bytes())  # an .emz
    assert vector_kind(data) == "emf"
    assert numbers("\n".join(read_vector(data).lines)) == [("id_number", ID), ("phone", MOBILE)]


@pytest.mark.parametrize(
    "entities",
    [
        '<!ENTITY a "1381234"><!ENTITY n "&a;5678">',  # one entity inside another
        '<!ENTITY % p "x"><!ENTITY n "13812345678">',  # a parameter entity
        '<!ENTITY n SYSTEM "number.txt">',  # an external one
    ],
)
def test_an_svg_with_entities_other_than_plain_text_is_not_expanded(entities: str) -> None:
    svg = (
        f'<?xml version="1.0"?><!DOCTYPE svg [{entities}]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text x="0" y="10">&n;</text></svg>'
    )
    assert read_vector(svg.encode()).unread[0].localized("en").startswith("a picture")


#: The head of an SVG saved by Adobe Illustrator: its namespaces declared as entities.
ILLUSTRATOR = """<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 24.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
\t<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
\t<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">
\t<!ENTITY ns_graphs "http://ns.adobe.com/Graphs/1.0/">
\t<!ENTITY ns_vars "http://ns.adobe.com/Variables/1.0/">
]>
<svg version="1.1" xmlns:x="&ns_extend;" xmlns:i="&ns_ai;" xmlns:graph="&ns_graphs;"
\t xmlns="http://www.w3.org/2000/svg" width="200px" height="60px" viewBox="0 0 200 60">
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_illustrator_svg_is_read_with_its_entities(encoding: str) -> None:
    # Before, any entity made the picture unread: every Illustrator SVG in a document
    # (a logo, a chart) made the file "cannot check".
    svg = ILLUSTRATOR + '<text x="10" y="30" font-size="12">咨询电话 13812345678</text></svg>'
    read = read_vector(svg.replace("utf-8", encoding).encode(encoding))
    assert read.unread == ()
    assert [m.kind.value for line in read.lines for m in find_pii(line)] == ["phone"]
    clean = ILLUSTRATOR + '<text x="10" y="30">保障性住房分配结果</text><text>&ns_ai;</text></svg>'
    assert read_vector(clean.encode()).unread == ()


@pytest.mark.usefixtures("without_ocr")
@pytest.mark.parametrize(
    ("name", "found"),
    [
        # LibreOffice stores an EMF in a .docx as image1.wmf: its bytes say what it is
        (
            "list-emf.docx",
            [("word/media/image1.wmf", "id_number"), ("word/media/image1.wmf", "phone")],
        ),
        (
            "list-wmf.docx",
            [("word/media/image1.wmf", "id_number"), ("word/media/image1.wmf", "phone")],
        ),
        ("boxes-emf.docx", [("word/media/image1.wmf", "id_number")]),
        (
            "svg.docx",
            [
                ("word/media/image1.wmf", "id_number"),
                ("word/media/image1.wmf", "phone"),
                ("word/media/image2.svg", "id_number"),
                ("word/media/image2.svg", "phone"),
            ],
        ),
        ("clean-emf.docx", []),
    ],
)
def test_a_vector_picture_in_a_word_file_is_read_without_ocr(
    name: str, found: list[tuple[str, str]]
) -> None:
    result = scan_file(PICTURES / name)
    assert [(f.location.member, f.kind.value) for f in result.findings] == found
    assert result.unread == ()
    assert result.verdict.value == ("found" if found else "clean")


def test_masking_refuses_a_picture_holding_a_number(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    with pytest.raises(MaskUnsupportedError, match=r"word/media/image1\.wmf") as e:
        mask(PICTURES / "list-emf.docx", out)
    assert ID not in str(e.value)
    assert MOBILE not in str(e.value)
    assert not out.exists()


def test_a_mail_shows_and_attaches_metafiles() -> None:
    result = scan_file(PICTURES / "picture-emf.eml")
    assert [(f.location.member, f.kind.value) for f in result.findings] == [
        ("image/x-emf", "id_number"),
        ("image/x-emf", "phone"),
        ("名单.wmf", "id_number"),
        ("名单.wmf", "phone"),
    ]


def test_masking_a_mail_refuses_its_metafile(tmp_path: Path) -> None:
    out = tmp_path / "out.eml"
    with pytest.raises(MaskUnsupportedError, match="image/x-emf"):
        mask(PICTURES / "picture-emf.eml", out)
    assert not out.exists()


def test_vector_pictures_are_always_read() -> None:
    for name in ("list.emf", "clean.wmf", "boxes.svg"):
        assert read_picture((PICTURES / name).read_bytes()), name
    document = open_document(PICTURES / "clean.emf")
    assert (document.kind, document.writable, document.unread) == (Kind.IMAGE, False, [])


def test_a_metafile_in_a_workbooks_media_is_read(tmp_path: Path) -> None:
    # Excel's "paste as picture" of a range keeps an EMF in xl/media/
    import shutil
    import zipfile

    path = tmp_path / "book.xlsx"
    shutil.copy(Path(__file__).parent / "data" / "workbooks" / "libreoffice.xlsx", path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.write(PICTURES / "list.emf", "xl/media/image9.emf")
        archive.write(PICTURES / "clean.wmf", "xl/media/image10.wmf")
    result = scan_file(path)
    assert [
        (f.kind.value, str(f.location))
        for f in result.findings
        if f.location.member and f.location.member.startswith("xl/media/")
    ] == [("id_number", "xl/media/image9.emf: line 2"), ("phone", "xl/media/image9.emf: line 2")]


# ------------------------------------------------------------ OpenDocument pictures

EMF_IN_ODT = "Pictures/1000175C000046B500005E8881BBC6A19F170851.emf"
#: The PNG LibreOffice keeps beside a vector picture in an .odt (611 x 818 pixels), the frame's
#: second picture: what an application shows that cannot draw the EMF.
PNG_IN_ODT = "Pictures/1000000100000263000003324B2F1A554D867225.png"
CLEAN_PNG_IN_ODT = "Pictures/100000010000027000000321E07DFD52BD8BA27E.png"
CLEAN_EMF_IN_ODT = "Pictures/10001880000046B500005AA06065EE722FFA6B71.emf"


@pytest.mark.usefixtures("without_ocr")
def test_a_picture_in_an_odt_is_read_as_a_docx_picture_is() -> None:
    # before, an .odt's Pictures/ were passed over: this file was called clean
    result = scan_file(PICTURES / "list-emf.odt")
    assert [(f.location.member, f.location.line, f.kind.value) for f in result.findings] == [
        (EMF_IN_ODT, 2, "id_number"),
        (EMF_IN_ODT, 2, "phone"),
    ]
    # the PNG beside it shows what the EMF draws, which was read whole
    assert result.unread == ()


@pytest.mark.usefixtures("without_ocr")
def test_the_png_libreoffice_keeps_beside_a_metafile_it_read_is_not_unread() -> None:
    # Before 0.9, every .odt with a pasted EMF was "cannot check" without the ocr extra,
    # for the PNG LibreOffice keeps as the frame's second picture.
    result = scan_file(PICTURES / "clean-emf.odt")
    assert (result.findings, result.unread, result.verdict.value) == ((), (), "clean")


@pytest.mark.usefixtures("without_ocr")
def test_a_png_that_is_the_first_picture_of_its_frame_cannot_be_checked_without_ocr(
    tmp_path: Path,
) -> None:
    # The same .odt, its frame holding only the PNG (as large as a page): nothing drew its
    # text, so it is said unread, as a .docx's would be.
    emf = f'<draw:image xlink:href="{CLEAN_EMF_IN_ODT}"'
    source = _rewritten(PICTURES / "clean-emf.odt", tmp_path / "png.odt", (emf, "<draw:image"))
    result = scan_file(source)
    assert (result.findings, result.verdict.value) == ((), "cannot-check")
    (gap,) = result.unread
    assert gap.location.member == CLEAN_PNG_IN_ODT
    # and a metafile that is not read whole leaves its PNG to be read on its own
    broken = _rewritten(
        PICTURES / "clean-emf.odt", tmp_path / "broken.odt", drop=CLEAN_EMF_IN_ODT, damage=True
    )
    members = {g.location.member for g in scan_file(broken).unread}
    assert CLEAN_PNG_IN_ODT in members


@pytest.mark.usefixtures("without_ocr")
def test_a_png_shown_first_by_another_frame_or_beside_a_metafile_of_outlines_is_unread(
    tmp_path: Path,
) -> None:
    # LibreOffice names a picture by its content, so one PNG may be a frame's second picture
    # and the only one of another frame, which shows it.
    frame = (
        '<draw:frame draw:name="扫描件" text:anchor-type="as-char" svg:width="4in" '
        f'svg:height="5in"><draw:image xlink:href="{CLEAN_PNG_IN_ODT}" xlink:type="simple" '
        'xlink:show="embed" xlink:actuate="onLoad"/></draw:frame>'
    )
    for at in ("<draw:frame", "</text:p>"):
        shared = _rewritten(PICTURES / "clean-emf.odt", tmp_path / "shared.odt", (at, frame + at))
        result = scan_file(shared)
        assert [g.location.member for g in result.unread] == [CLEAN_PNG_IN_ODT], at
    # An EMF that draws only paths (its letters as outlines: nothing to read) stands for
    # no text: the PNG beside it is what shows the numbers.
    outlines = _emf_of_paths()
    assert (read_vector(outlines).lines, read_vector(outlines).unread) == ((), ())
    drawn = _rewritten(
        PICTURES / "list-emf.odt", tmp_path / "outlines.odt", member=(EMF_IN_ODT, outlines)
    )
    result = scan_file(drawn)
    assert (result.verdict.value, [g.location.member for g in result.unread]) == (
        "cannot-check",
        [PNG_IN_ODT],
    )


def _emf_of_paths() -> bytes:
    """An EMF (MS-EMF 2.3) of a header, one path filled (EMR_BEGINPATH, EMR_ENDPATH,
    EMR_FILLPATH) and the end: no text record."""
    import struct

    header = struct.pack("<II4i4i", 1, 108, 0, 0, 100, 100, 0, 0, 2000, 2000)
    header += b" EMF" + struct.pack("<IIIHHII", 0x10000, 0, 5, 0, 0, 0, 0)
    header += struct.pack("<IIIIIII", 0, 1024, 768, 0, 0, 0, 0)
    header = header.ljust(108, b"\0")
    body = struct.pack("<II", 59, 8) + struct.pack("<II", 60, 8)
    body += struct.pack("<II4i", 62, 24, 0, 0, 100, 100)
    end = struct.pack("<IIIII", 14, 20, 0, 16, 20)
    data = bytearray(header + body + end)
    struct.pack_into("<I", data, 48, len(data))
    return bytes(data)


def _rewritten(
    source: Path,
    target: Path,
    replace: tuple[str, str] | None = None,
    drop: str | None = None,
    damage: bool = False,
    member: tuple[str, bytes] | None = None,
) -> Path:
    """A copy of an .odt with its content.xml changed, a member damaged (cut short) or
    replaced."""
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "content.xml" and replace is not None:
                assert replace[0].encode() in data
                data = data.replace(replace[0].encode(), replace[1].encode())
            if info.filename == drop and damage:
                data = data[:120]
            if member is not None and info.filename == member[0]:
                data = member[1]
            new.writestr(info, data)
    return target


def _without_png(source: Path, target: Path, replace: tuple[str, str] | None = None) -> Path:
    """The .odt without the PNG LibreOffice keeps beside its EMF (read without OCR)."""
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "content.xml" and replace is not None:
                data = data.replace(replace[0].encode(), replace[1].encode())
            if not info.filename.endswith(".png"):
                new.writestr(info, data)
    return target


def test_masking_an_odt_refuses_its_picture_holding_a_number(tmp_path: Path) -> None:
    out = tmp_path / "out.odt"
    source = _without_png(PICTURES / "list-emf.odt", tmp_path / "list.odt")
    with pytest.raises(MaskUnsupportedError, match=re.escape(EMF_IN_ODT)) as e:
        mask(source, out)
    assert ID not in str(e.value)
    assert not out.exists()


def test_an_odt_with_a_number_in_its_text_and_a_clean_picture_is_still_masked(
    tmp_path: Path,
) -> None:
    source = _without_png(
        PICTURES / "clean-emf.odt",
        tmp_path / "notice.odt",
        ("附件：名单（图片）", f"联系电话 {MOBILE}"),
    )
    out = tmp_path / "out.odt"
    mask(source, out)
    assert scan_file(out).verdict.value == "clean"
    text = open_document(out).text
    assert "138****5678" in text
    assert "渝中区 120 98" in text


# ------------------------------------------------------------ data: pictures in a mail


@pytest.mark.usefixtures("without_ocr")
def test_a_data_picture_in_a_mails_html_cannot_be_checked_without_ocr() -> None:
    # rows.jpg (905 x 349 pixels, five numbers) in the HTML body's <img src="data:…">:
    # before, the mail was called clean
    result = scan_file(PICTURES / "data-picture.eml")
    assert (result.findings, result.verdict.value) == ((), "cannot-check")
    assert [
        (str(g.location), "pip install 'zfgk[ocr]'" in str(g.reason)) for g in result.unread
    ] == [("text/html/picture 1: whole file", True)]


def _mail_with_data_svg(tmp_path: Path, svg: bytes, said: str = "名单见图：") -> Path:
    import base64
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "zfb@example.cn", "bgs@example.cn", "名单"
    mail.set_content("名单见图。")
    encoded = base64.b64encode(svg).decode("ascii")
    mail.add_alternative(
        f'<p>{said}</p><img src="data:image/svg+xml;base64,{encoded}">', subtype="html"
    )
    path = tmp_path / "mail.eml"
    path.write_bytes(bytes(mail))
    return path


def test_a_data_svg_in_a_mails_html_is_read_and_masking_refuses(tmp_path: Path) -> None:
    path = _mail_with_data_svg(tmp_path, (PICTURES / "list.svg").read_bytes())
    result = scan_file(path)
    assert [(str(f.location), f.kind.value) for f in result.findings] == [
        ("text/html/picture 1: line 2", "id_number"),
        ("text/html/picture 1: line 2", "phone"),
    ]
    out = tmp_path / "out.eml"
    with pytest.raises(MaskUnsupportedError, match="picture 1: line 2") as e:
        mask(path, out)
    assert MOBILE not in str(e.value)
    assert not out.exists()


def test_a_mail_with_a_clean_data_picture_is_clean_and_masked(tmp_path: Path) -> None:
    path = _mail_with_data_svg(tmp_path, (PICTURES / "clean.svg").read_bytes())
    assert scan_file(path).verdict.value == "clean"
    path = _mail_with_data_svg(
        tmp_path, (PICTURES / "clean.svg").read_bytes(), said=f"联系电话 {MOBILE}"
    )
    assert [str(f.location) for f in scan_file(path).findings] == ["text/html, line 1"]
    out = tmp_path / "out.eml"
    mask(path, out)
    assert scan_file(out).verdict.value == "clean"
    assert "138****5678" in open_document(out).text


# ------------------------------------------------------------ bitmaps inside metafiles


@pytest.mark.usefixtures("without_ocr")
def test_a_screenshot_pasted_as_a_metafile_cannot_be_checked_without_ocr() -> None:
    # rows.emf: LibreOffice Draw's EMF of rows.gif (905 x 349 pixels): one bitmap, no text
    read = read_vector((PICTURES / "rows.emf").read_bytes())
    assert (read.lines, read.unread) == ((), ())
    ((width, height),) = [struct.unpack_from("<ii", p, 18) for p in read.pictures]
    assert (width, abs(height)) == (905, 349)
    result = scan_file(PICTURES / "rows.emf")
    assert result.verdict.value == "cannot-check"
    assert [
        (str(g.location), "pip install 'zfgk[ocr]'" in str(g.reason)) for g in result.unread
    ] == [("picture 1.bmp: whole file", True)]


def test_a_bitmap_in_a_wmf_and_an_svgs_data_picture_are_kept() -> None:
    import base64

    from zfgk.documents._vector import _Wmf

    # META_STRETCHDIB: 22 bytes of parameters, then a packed DIB of 2 x 2 pixels, 24 bits
    info = struct.pack("<IiiHHIIiiII", 40, 2, 2, 1, 24, 0, 16, 0, 0, 0, 0)
    pixels = bytes(16)
    wmf = _Wmf(b"")
    wmf.packed(info + pixels)
    (bmp,) = wmf.bitmaps
    assert bmp[:2] == b"BM"
    assert struct.unpack_from("<I", bmp, 10) == (14 + 40,)  # the bits right after the header
    png = (Path(__file__).parent / "data" / "scans" / "rows.gif").read_bytes()
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<image xlink:href="data:image/gif;base64,{base64.b64encode(png).decode()}"/></svg>'
    ).encode()
    assert read_vector(svg).pictures == (png,)


# ------------------------------------------------------------ records built by hand (MS-EMF)


def _record(kind: int, body: bytes) -> bytes:
    body += bytes(-len(body) % 4)
    return struct.pack("<II", kind, 8 + len(body)) + body


def _emf(*records: bytes) -> bytes:
    header = _record(1, bytes(32) + b" EMF" + bytes(44))
    return header + b"".join(records) + _record(14, bytes(12))


def _small_text(x: int, y: int, text: str) -> bytes:
    # EMR_SMALLTEXTOUT without its rectangle (ETO_NO_RECT), UTF-16 characters
    head = struct.pack("<iiIIIff", x, y, len(text), 0x100, 1, 1.0, 1.0)
    return _record(108, head + text.encode("utf-16-le"))


def _poly_text(*pieces: tuple[int, int, str]) -> bytes:
    # EMR_POLYTEXTOUTW: bounds, graphics mode, scales, then an EMRTEXT for each piece
    fixed = 8 + 16 + 12 + 4 + 40 * len(pieces)
    texts = b""
    emrtexts = b""
    for x, y, text in pieces:
        emrtexts += struct.pack("<iiIII", x, y, len(text), fixed + len(texts), 0) + bytes(20)
        texts += text.encode("utf-16-le")
    return _record(
        97,
        bytes(16)
        + struct.pack("<Iff", 1, 1.0, 1.0)
        + struct.pack("<I", len(pieces))
        + emrtexts
        + texts,
    )


def _font(handle: int, height: int, charset: int) -> bytes:
    # EMR_EXTCREATEFONTINDIRECTW: the handle, then a LOGFONTW (lfCharSet at its 23rd byte)
    logfont = struct.pack("<iiiii", height, 0, 0, 0, 400) + bytes([0, 0, 0, charset]) + bytes(72)
    return _record(82, struct.pack("<I", handle) + logfont)


def _ansi_text(x: int, y: int, raw: bytes) -> bytes:
    # EMR_EXTTEXTOUTA: bounds, mode, scales, then an EMRTEXT whose string follows it
    emrtext = struct.pack("<iiIII", x, y, len(raw), 8 + 28 + 40, 0) + bytes(20)
    return _record(83, bytes(16) + struct.pack("<Iff", 1, 1.0, 1.0) + emrtext + raw)


def _plus(*records: bytes) -> bytes:
    return _record(70, struct.pack("<I", 4 + len(b"".join(records))) + b"EMF+" + b"".join(records))


def _draw_string(x: float, y: float, text: str) -> bytes:
    data = struct.pack("<III4f", 0, 0, len(text), x, y, 400.0, 40.0) + text.encode("utf-16-le")
    return struct.pack("<HHII", 0x401C, 0, 12 + len(data), len(data)) + data


def _driver_string(x: float, y: float, codes: list[int], options: int) -> bytes:
    points = b"".join(struct.pack("<ff", x + 20 * i, y) for i in range(len(codes)))
    data = struct.pack("<IIII", 0, options, 0, len(codes)) + struct.pack(f"<{len(codes)}H", *codes)
    data += points
    return struct.pack("<HHII", 0x4036, 0, 12 + len(data), len(data)) + data


def test_small_and_poly_text_records_join_into_lines() -> None:
    data = _emf(
        _font(1, 20, 1),
        _record(37, struct.pack("<I", 1)),  # EMR_SELECTOBJECT
        _small_text(10, 10, "联系电话"),
        _poly_text((300, 12, "13812345678"), (10, 60, "1101051949"), (110, 60, "1231002X")),
    )
    # a number drawn in two pieces side by side reads whole
    assert read_vector(data).lines == ("联系电话 13812345678", "11010519491231002X")


def test_ansi_text_is_read_in_the_charset_of_its_font() -> None:
    data = _emf(
        _font(1, 16, 134),  # GB2312_CHARSET
        _record(37, struct.pack("<I", 1)),  # EMR_SELECTOBJECT
        _ansi_text(10, 10, "电话".encode("gbk") + b" 13812345678"),
    )
    assert read_vector(data).lines == ("电话 13812345678",)


def test_emf_plus_strings_are_read_and_glyph_numbers_are_not() -> None:
    drawn = _emf(
        _plus(_draw_string(10, 10, "电话"), _draw_string(200, 10, "13812345678")),
        _plus(_driver_string(10, 100, [ord(c) for c in "11010519491231002X"], options=1)),
    )
    read = read_vector(drawn)
    assert (read.lines, read.unread) == (("电话 13812345678", "11010519491231002X"), ())
    glyphs = _emf(_plus(_driver_string(10, 100, [20, 21, 22], options=0)))
    (reason,) = read_vector(glyphs).unread
    assert "glyph numbers" in reason.localized("en")


# ------------------------------------------------------------ SVG files


def test_an_svg_file_is_read_as_drawn_where_its_xml_text_misses_a_number(tmp_path: Path) -> None:
    # boxes.svg draws the ID one digit to a <text>: each on a line of its own as XML, so the
    # number shows only as drawn; before, the file was called clean
    result = scan_file(PICTURES / "boxes.svg")
    assert [(str(f.location), f.kind.value) for f in result.findings] == [
        ("as drawn: line 1", "id_number")
    ]
    out = tmp_path / "out.svg"
    with pytest.raises(MaskUnsupportedError, match="as drawn: line 1"):
        mask(PICTURES / "boxes.svg", out)
    assert not out.exists()
    assert scan_file(PICTURES / "clean.svg").verdict.value == "clean"


def test_an_svg_file_whose_xml_text_holds_its_numbers_is_masked_in_place(tmp_path: Path) -> None:
    out = tmp_path / "out.svg"
    mask(PICTURES / "list.svg", out)
    assert scan_file(out).verdict.value == "clean"
    assert "110105********002X" in read_vector(out.read_bytes()).lines[1]


def test_an_svg_shown_inline_in_a_mail_is_read_as_drawn(tmp_path: Path) -> None:
    from email.message import EmailMessage

    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "zfb@example.cn", "bgs@example.cn", "名单"
    mail.set_content("名单见图。")
    mail.add_alternative('<p>名单见图：</p><img src="cid:boxes">', subtype="html")
    page = mail.get_body(("html",))
    assert isinstance(page, EmailMessage)
    svg = (PICTURES / "boxes.svg").read_bytes()
    page.add_related(svg, "image", "svg+xml", cid="<boxes>", disposition="inline")
    path = tmp_path / "mail.eml"
    path.write_bytes(bytes(mail))
    assert [str(f.location) for f in scan_file(path).findings] == ["image/svg+xml/as drawn: line 1"]


@pytest.mark.usefixtures("without_ocr")
def test_a_picture_in_a_word_2003_xml_file_is_read_as_a_docx_picture_is() -> None:
    # LibreOffice's Word 2003 XML keeps the EMF and a PNG of it in w:binData: before, both
    # were passed over and the file called clean
    result = scan_file(PICTURES / "list-emf.xml")
    assert [(str(f.location), f.kind.value) for f in result.findings] == [
        ("wordml://名单: line 2", "id_number"),
        ("wordml://名单: line 2", "phone"),
    ]
    assert [
        (g.location.member, "pip install 'zfgk[ocr]'" in str(g.reason)) for g in result.unread
    ] == [("wordml://名单", True)]


def test_a_metafile_kept_with_a_word_files_embeddings_is_read(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "a.docx"
    with (
        zipfile.ZipFile(PICTURES / "clean-emf.docx") as old,
        zipfile.ZipFile(path, "w") as new,
    ):
        for info in old.infolist():
            new.writestr(info, old.read(info))
        new.writestr("word/embeddings/image9.emf", (PICTURES / "list.emf").read_bytes())
    assert [str(f.location) for f in scan_file(path).findings] == [
        "word/embeddings/image9.emf: line 2",
        "word/embeddings/image9.emf: line 2",
    ]


def test_a_picture_in_an_rtf_file_is_read_and_masking_refuses(tmp_path: Path) -> None:
    # LibreOffice's RTF keeps the EMF (\shppict) and a WMF of it (\nonshppict) as hex
    # digits in \pict groups: before, both were passed over and the file called clean
    result = scan_file(PICTURES / "list-emf.rtf")
    assert [(str(f.location), f.kind.value) for f in result.findings] == [
        ("picture 1: line 2", "id_number"),
        ("picture 1: line 2", "phone"),
        ("picture 2: line 2", "id_number"),
        ("picture 2: line 2", "phone"),
    ]
    assert result.unread == ()
    out = tmp_path / "out.rtf"
    with pytest.raises(MaskUnsupportedError, match="picture 1: line 2"):
        mask(PICTURES / "list-emf.rtf", out)
    assert not out.exists()


def test_a_picture_in_an_rtf_file_given_as_bin_bytes_is_read(tmp_path: Path) -> None:
    emf = (PICTURES / "list.emf").read_bytes()
    rtf = b"{\\rtf1\\ansi{\\pict\\emfblip\\bin" + str(len(emf)).encode() + b" " + emf + b"}\\par}"
    path = tmp_path / "bin.rtf"
    path.write_bytes(rtf)
    assert [str(f.location) for f in scan_file(path).findings] == [
        "picture 1: line 2",
        "picture 1: line 2",
    ]
    path.write_bytes(b"{\\rtf1\\ansi{\\pict\\pngblip 89504e47zz}\\par}")  # not hex digits
    assert [str(g.location) for g in scan_file(path).unread] == ["picture 1: whole file"]


def test_what_a_picture_draws_is_never_in_a_repr() -> None:
    read = read_vector((PICTURES / "list.emf").read_bytes())
    assert MOBILE in "\n".join(read.lines)
    assert MOBILE not in repr(read)
    assert ID not in repr(read)


def _plus_object(key: int, kind: int, data: bytes, *, pieces: int = 1) -> list[bytes]:
    """EmfPlusObject records defining object ``key`` of type ``kind`` from ``data``: in one
    record, or continued over ``pieces`` records (bit 15 set, the whole size first)."""
    if pieces == 1:
        flags = key | kind << 8
        return [struct.pack("<HHII", 0x4008, flags, 12 + len(data), len(data)) + data]
    step = -(-len(data) // pieces)
    records = []
    for start in range(0, len(data), step):
        chunk = struct.pack("<I", len(data)) + data[start : start + step]
        padded = chunk + bytes(-len(chunk) % 4)  # a record's size is of whole 4 bytes
        flags = key | kind << 8 | 0x8000
        head = struct.pack("<HHII", 0x4008, flags, 12 + len(padded), len(chunk))
        records.append(head + padded)
    return records


def test_an_emf_plus_image_is_kept_as_a_picture() -> None:
    # EmfPlusImage (MS-EMFPLUS 2.2.1.4): version, type 2 (a metafile: type 3, EMF), its size
    emf = (PICTURES / "list.emf").read_bytes()
    metafile = struct.pack("<IIII", 0xDBC01002, 2, 3, len(emf)) + emf
    gif = (Path(__file__).parent / "data" / "scans" / "rows.gif").read_bytes()
    bitmap = struct.pack("<IIiiiII", 0xDBC01002, 1, 905, 349, 0, 0, 1) + gif  # compressed
    data = _emf(
        *(_plus(record) for record in _plus_object(1, 5, metafile, pieces=3)),
        _plus(*_plus_object(2, 5, bitmap)),
    )
    read = read_vector(data)
    assert len(read.pictures) == 2
    assert read.pictures[0] == emf
    assert read.pictures[1] == gif


def test_a_metafile_an_emf_plus_image_holds_is_read_in_turn(tmp_path: Path) -> None:
    emf = (PICTURES / "list.emf").read_bytes()
    metafile = struct.pack("<IIII", 0xDBC01002, 2, 3, len(emf)) + emf
    path = tmp_path / "outer.emf"
    path.write_bytes(_emf(_plus(*_plus_object(1, 5, metafile))))
    assert [str(f.location) for f in scan_file(path).findings] == [
        "picture 1: line 2",
        "picture 1: line 2",
    ]


def test_metafiles_inside_metafiles_are_read_three_deep() -> None:
    data = (PICTURES / "list.emf").read_bytes()
    for _ in range(6):
        image = struct.pack("<IIII", 0xDBC01002, 2, 3, len(data)) + data
        data = _emf(_plus(*_plus_object(1, 5, image)))
    from zfgk.documents._embedded import read_member

    child, unread = read_member(Path("a.docx"), "word/media/image1.emf", data)
    assert child is None or not child.text.strip()
    assert [(str(g.location), g.reason.localized("en")) for g in unread] == [
        (
            "word/media/image1.emf/picture 1/picture 1/picture 1: whole file",
            "a file inside a file more than 3 deep, which zfgk does not open: take it out and "
            "check it on its own",
        )
    ]


# A review's findings (what a person sees that the reader had missed)


@pytest.mark.parametrize("kind", ["emf", "wmf", "svg"])
def test_a_mobile_drawn_one_digit_to_a_box_is_found(kind: str) -> None:
    # LibreOffice Draw's picture of a row of eleven boxes: the digits drawn apart, at the
    # pitch of the boxes, were read "1 3 8 1 2 3 4 5 6 7 8" (an ID so drawn was found: its
    # check digit lets find_pii read it across spaces; a mobile's grouping does not)
    read = read_vector((PICTURES / f"phone-boxes.{kind}").read_bytes())
    found = [m for line in read.lines for m in find_pii(line)]
    assert [m.kind.value for m in found] == ["phone"]
    assert any("13812345678" in line for line in read.lines)


@pytest.mark.parametrize(
    "head",
    [
        '<svg:svg xmlns:svg="http://www.w3.org/2000/svg">',  # a prefixed root
        '<?xml version="1.0"?><?xml-stylesheet href="a.css"?><svg xmlns="http://www.w3.org/2000/svg">',
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd" [<!ELEMENT a ANY>]>'
        '<svg xmlns="http://www.w3.org/2000/svg">',  # Illustrator's internal subset
        "<!--" + "x" * 5000 + '--><svg xmlns="http://www.w3.org/2000/svg">',
    ],
)
def test_an_svg_is_told_whatever_comes_before_its_root(head: str) -> None:
    svg = head + "<text>1</text></svg>"
    assert vector_kind(svg.encode()) == "svg"
    assert vector_kind(svg.encode("utf-16")) == "svg"
    assert read_picture(svg.encode())


def test_an_svg_reads_text_in_defs_and_foreign_objects() -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<defs><text id="t">电话 13812345678</text></defs><use xlink:href="#t" x="10" y="20"/>'
        '<foreignObject x="0" y="40" width="300" height="20"><div xmlns="http://www.w3.org/1999/'
        'xhtml">身份证 <b>110105</b>19491231002X</div></foreignObject></svg>'
    )
    lines = read_vector(svg.encode()).lines
    kinds = sorted(m.kind.value for line in lines for m in find_pii(line))
    assert kinds == ["id_number", "phone"]


def test_an_svg_nested_past_any_drawing_is_refused_not_a_crash() -> None:
    deep = '<svg xmlns="http://www.w3.org/2000/svg">' + "<g>" * 3000 + "</g>" * 3000 + "</svg>"
    read = read_vector(deep.encode())
    assert read.lines == ()
    assert read.unread  # said unread (too big), and the run goes on


def test_a_tiff_has_a_size_and_a_picture_of_unknown_format_is_never_passed_over() -> None:
    image = pytest.importorskip("PIL.Image")
    import io

    out = io.BytesIO()
    image.new("L", (640, 200), 255).save(out, "TIFF")
    from zfgk.documents._embedded import picture_size

    assert picture_size(out.getvalue()) == (640, 200)
    assert read_picture(b"\x00\x01unknown picture format")  # read, and said unread if so


def test_a_data_picture_with_a_charset_before_base64_is_read(tmp_path: Path) -> None:
    import base64

    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="20">电话 13812345678</text></svg>'
    encoded = base64.b64encode(svg.encode()).decode()
    page = tmp_path / "公示.html"
    page.write_text(
        f'<p>名单</p><img src="data:image/svg+xml;charset=utf-8;base64,{encoded}">',
        encoding="utf-8",
    )
    assert [f.kind.value for f in scan_file(page).findings] == ["phone"]
