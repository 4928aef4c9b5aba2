"""Scanned PDF pages: which pages are scans, their pictures as shown, and writing a PDF back
with boxes painted on them (the ``ocr`` and ``pdf`` extras; see :mod:`._ocr_files`).

>>> from zfgk.documents._ocr_pdf import MIN_COVER
>>> MIN_COVER
0.5
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Collection, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from zfgk._arguments import as_path
from zfgk.documents._embedded import is_legible
from zfgk.documents._ocr import OcrFinding
from zfgk.documents._ocr_paint import (
    MAX_PIXELS,
    UNDECODABLE,
    ImageUnreadable,
    Paint,
    Painter,
    box_painter,
    ocr_painter,
    pil,
    too_large,
)
from zfgk.documents._pdf import _open
from zfgk.documents._pdf_images import (
    MIN_SIDE,
    Matrix,
    PageImage,
    _matrix,
    _multiply,
    page_images,
    pictures,
)
from zfgk.errors import MaskUnsupportedError
from zfgk.i18n import N_
from zfgk.privacy import find_pii
from zfgk.tables import atomic_binary

__all__ = [
    "MIN_COVER",
    "TypedPicture",
    "is_scanned_page",
    "mask_scanned_pdf",
    "page_labels",
    "page_pictures",
    "paint_scanned_pdf",
    "pdf_images",
    "picture_key",
    "scanned_pages",
    "shown_picture",
    "typed_pictures",
]

#: The share of a PDF page that its images must cover for the page to be a scan.
MIN_COVER = 0.5


# -- Pictures of pages ---------------------------------------------------------------------------

#: How a stored image is turned to show as drawn: Pillow's transpose, by where the image's
#: columns and rows point on the screen (x right, y down).
_TURNS = {
    ((1, 0), (0, 1)): None,
    ((-1, 0), (0, 1)): "FLIP_LEFT_RIGHT",
    ((1, 0), (0, -1)): "FLIP_TOP_BOTTOM",
    ((-1, 0), (0, -1)): "ROTATE_180",
    ((0, 1), (1, 0)): "TRANSPOSE",
    ((0, -1), (-1, 0)): "TRANSVERSE",
    ((0, -1), (1, 0)): "ROTATE_90",
    ((0, 1), (-1, 0)): "ROTATE_270",
}
_INVERSE = {
    None: None,
    "FLIP_LEFT_RIGHT": "FLIP_LEFT_RIGHT",
    "FLIP_TOP_BOTTOM": "FLIP_TOP_BOTTOM",
    "ROTATE_180": "ROTATE_180",
    "TRANSPOSE": "TRANSPOSE",
    "TRANSVERSE": "TRANSVERSE",
    "ROTATE_90": "ROTATE_270",
    "ROTATE_270": "ROTATE_90",
}


class _Drawn:
    """An image XObject drawn on a page: its resource name, the object, its matrix."""

    def __init__(self, names: tuple[str, ...], xobject: Any, matrix: Matrix) -> None:
        self.names = names  # the path of names from the page's resources (forms, then image)
        self.xobject = xobject
        self.matrix = matrix

    def corners(self) -> list[tuple[float, float]]:
        a, b, c, d, e, f = self.matrix
        return [(e, f), (a + e, b + f), (c + e, d + f), (a + c + e, b + d + f)]

    def turn(self, rotate: int) -> str | None:
        """The transpose that shows the stored image as drawn on a page turned by ``rotate``."""
        a, b, c, d, _, _ = self.matrix
        columns = (a, -b)  # the image's x axis, on screen (y down)
        rows = (-c, d)  # the image's rows run down from its top, which PDF draws at y = 1
        for _ in range((rotate // 90) % 4):  # the page shown turned clockwise
            columns = (-columns[1], columns[0])
            rows = (-rows[1], rows[0])

        def sign(v: tuple[float, float]) -> tuple[int, int]:
            if abs(v[0]) >= abs(v[1]):
                return (1 if v[0] > 0 else -1, 0)
            return (0, 1 if v[1] > 0 else -1)

        return _TURNS.get((sign(columns), sign(rows)))


def _drawn_images(page: Any) -> list[_Drawn]:
    """Every image a page draws, through forms too, with the matrix it is drawn with."""
    from pypdf.generic import ContentStream

    found: list[_Drawn] = []

    def walk(
        content: Any, resources: Any, start: Matrix, names: tuple[str, ...], depth: int
    ) -> None:
        if depth > 8 or content is None:
            return
        try:
            operations = ContentStream(content, page.pdf).operations
        except Exception:
            return
        xobjects = resources.get("/XObject") if resources is not None else None
        xobjects = xobjects.get_object() if xobjects is not None else {}
        stack: list[Matrix] = []
        ctm = start
        for operands, operator in operations:
            if operator == b"q":
                stack.append(ctm)
            elif operator == b"Q":
                ctm = stack.pop() if stack else start
            elif operator == b"cm" and len(operands) == 6:
                ctm = _multiply(_matrix(operands), ctm)
            elif operator == b"Do" and operands:
                name = str(operands[0])
                xobject = xobjects.get(name) if xobjects else None
                if xobject is None:
                    continue
                xobject = xobject.get_object()
                subtype = xobject.get("/Subtype")
                if subtype == "/Image":
                    found.append(_Drawn((*names, name), xobject, ctm))
                elif subtype == "/Form":
                    matrix = xobject.get("/Matrix")
                    inner = (
                        _multiply(_matrix(matrix), ctm)
                        if matrix is not None and len(matrix) == 6
                        else ctm
                    )
                    walk(xobject, xobject.get("/Resources"), inner, (*names, name), depth + 1)

    walk(page.get_contents(), page.get("/Resources"), (1, 0, 0, 1, 0, 0), (), 0)
    return found


def _page_area(page: Any) -> tuple[float, float, float, float]:
    box = page.cropbox
    return float(box.left), float(box.bottom), float(box.right), float(box.top)


def _cover(page: Any, drawn: Sequence[_Drawn]) -> float:
    """The share of the page that ``drawn`` covers (their boxes' union, on a coarse grid)."""
    left, bottom, right, top = _page_area(page)
    width, height = right - left, top - bottom
    if width <= 0 or height <= 0:
        return 0.0
    cells = 64
    covered = [[False] * cells for _ in range(cells)]
    for image in drawn:
        xs, ys = zip(*image.corners(), strict=True)
        x0 = max(0, int((min(xs) - left) / width * cells))
        x1 = min(cells, round((max(xs) - left) / width * cells))
        y0 = max(0, int((min(ys) - bottom) / height * cells))
        y1 = min(cells, round((max(ys) - bottom) / height * cells))
        for y in range(y0, y1):
            for x in range(x0, x1):
                covered[y][x] = True
    return sum(map(sum, covered)) / (cells * cells)


def is_scanned_page(page: Any) -> bool:
    """Whether a PDF page (a :class:`pypdf.PageObject`) is a scan: its images cover at least
    :data:`MIN_COVER` of it, whatever typed text lies over them.

    >>> from zfgk.documents._ocr_files import is_scanned_page
    >>> try:
    ...     from pypdf import PdfWriter
    ... except ImportError:
    ...     print(False)  # the pdf extra is not installed
    ... else:
    ...     print(is_scanned_page(PdfWriter().add_blank_page(595, 842)))
    False
    """
    return _cover(page, _drawn_images(page)) >= MIN_COVER


def page_labels(reader: Any) -> list[str]:
    """Each page of a PDF as it numbers itself (its page labels), else from 1."""
    count = len(reader.pages)
    try:
        labels = [str(label) for label in reader.page_labels]
    except Exception:
        labels = []
    return labels if len(labels) == count else [str(n) for n in range(1, count + 1)]


def scanned_pages(reader: Any) -> list[int]:
    """The numbers (from 1) of the scanned pages of a PDF (a :class:`pypdf.PdfReader`): those
    :func:`is_scanned_page` calls scans.

    >>> from zfgk.documents._ocr_files import scanned_pages
    >>> try:
    ...     from pypdf import PdfReader, PdfWriter
    ... except ImportError:
    ...     print([])  # the pdf extra is not installed
    ... else:
    ...     writer = PdfWriter()
    ...     _ = writer.add_blank_page(595, 842)
    ...     print(scanned_pages(writer))
    []
    """
    return [n for n, page in enumerate(reader.pages, start=1) if is_scanned_page(page)]


def _decoded(path: Path, drawn: _Drawn, label: str) -> Any:
    return _decode(path, drawn.xobject, label)


def _decode(path: Path, xobject: Any, label: str) -> Any:
    """The pixels of an image XObject (a stream), or :class:`ImageUnreadable` naming ``label``."""
    try:  # where pypdf decodes an image XObject (it moved in pypdf 6)
        from pypdf.generic._image_xobject import _xobj_to_image
    except ImportError:  # pragma: no cover
        from pypdf.filters import _xobj_to_image  # type: ignore[attr-defined,no-redef]
    try:
        declared = int(xobject.get("/Width", 0) or 0) * int(xobject.get("/Height", 0) or 0)
    except (TypeError, ValueError):
        declared = 0
    if declared > MAX_PIXELS:  # said before it is decoded into memory
        raise too_large(path, label)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # what Pillow repairs: not for people
            _, _, image = _xobj_to_image(xobject)
    except Exception:
        raise ImageUnreadable.unread(path, UNDECODABLE, label) from None
    if image.width * image.height > MAX_PIXELS:
        raise too_large(path, label)
    return image


def page_pictures(path: Path, page: Any, label: str) -> Iterator[tuple[_Drawn, Any]]:
    """Each image drawn on a PDF page that may hold text (both sides at least 16 pixels), with
    the image as the page shows it (turned as drawn); :class:`ImageUnreadable` for one that
    cannot be decoded."""
    image_module = pil()
    rotate = int(page.get("/Rotate", 0) or 0)
    for drawn in _drawn_images(page):
        shown = _decoded(path, drawn, label)
        if min(shown.size) < MIN_SIDE:
            continue
        turn = drawn.turn(rotate)
        if turn is not None:
            shown = shown.transpose(getattr(image_module.Transpose, turn))
        yield drawn, shown


def pdf_images(path: Path) -> Iterator[tuple[int, str, _Drawn, Any]]:
    """(page number, label, the drawn image, the image as shown) of each image of each
    scanned page of the PDF at ``path``."""
    pil()
    reader = _open(path)
    labels = page_labels(reader)
    for index, page in enumerate(reader.pages):
        if not is_scanned_page(page):
            continue
        for drawn, shown in page_pictures(path, page, labels[index]):
            yield index + 1, labels[index], drawn, shown


# -- Pictures on typed pages -------------------------------------------------------------------

#: An inline image's abbreviated keys and values, as an image XObject spells them.
_INLINE_KEYS = {
    "/BPC": "/BitsPerComponent",
    "/CS": "/ColorSpace",
    "/D": "/Decode",
    "/DP": "/DecodeParms",
    "/F": "/Filter",
    "/H": "/Height",
    "/W": "/Width",
    "/I": "/Interpolate",
    "/IM": "/ImageMask",
}
_INLINE_VALUES = {
    "/G": "/DeviceGray",
    "/RGB": "/DeviceRGB",
    "/CMYK": "/DeviceCMYK",
    "/I": "/Indexed",
    "/AHx": "/ASCIIHexDecode",
    "/A85": "/ASCII85Decode",
    "/LZW": "/LZWDecode",
    "/Fl": "/FlateDecode",
    "/RL": "/RunLengthDecode",
    "/CCF": "/CCITTFaxDecode",
    "/DCT": "/DCTDecode",
}


def _inline_xobject(operands: Any) -> Any:
    """An inline image (its ``settings`` and ``data``) as the image XObject it stands for."""
    from pypdf.generic import ArrayObject, EncodedStreamObject, NameObject

    def value(v: Any) -> Any:
        if isinstance(v, list):
            return ArrayObject(value(x) for x in v)
        return NameObject(_INLINE_VALUES[v]) if isinstance(v, str) and v in _INLINE_VALUES else v

    data = bytes(operands.get("data", b""))
    found: dict[Any, Any] = {"__streamdata__": data, "/Length": len(data)}
    for key, v in operands.get("settings", {}).items():
        name = NameObject(_INLINE_KEYS.get(str(key), str(key)))
        if name not in found and name != "/Length":
            found[name] = value(v)
    return EncodedStreamObject.initialize_from_dictionary(found)


#: A picture drawn on a typed page: (picture number on the page, the image, how it is turned).
TypedPicture = tuple[int, PageImage, str | None]


def typed_pictures(page: Any, images: Sequence[PageImage] | None = None) -> list[TypedPicture]:
    """The pictures of a typed PDF page (a :class:`pypdf.PageObject`: not a scan) that OCR
    reads (:func:`~zfgk.documents._embedded.is_legible`), each with its number among the
    page's pictures (:func:`~zfgk.documents._pdf_images.pictures`) and the transpose that
    shows it as drawn; ``images`` are the page's
    (:func:`~zfgk.documents._pdf_images.page_images`) where they were found already.

    >>> from zfgk.documents._ocr_pdf import typed_pictures
    >>> try:
    ...     from pypdf import PdfWriter
    ... except ImportError:
    ...     print([])  # the pdf extra is not installed
    ... else:
    ...     print(typed_pictures(PdfWriter().add_blank_page(595, 842)))
    []
    """
    rotate = int(page.get("/Rotate", 0) or 0)
    return [
        (number, image, _Drawn(image.names, image.image, image.matrix).turn(rotate))
        for number, image in pictures(page_images(page, page.pdf) if images is None else images)
        if is_legible(image.width, image.height)
    ]


def shown_picture(path: Path, picture: TypedPicture, label: str) -> Any:
    """A picture of :func:`typed_pictures` decoded and turned as the page shows it;
    :class:`ImageUnreadable` naming the page (``label``) if it cannot be decoded."""
    image_module = pil()
    _, image, turn = picture
    xobject = _inline_xobject(image.image) if image.inline else image.image
    shown = _on_white(image_module, _decode(path, xobject, label))
    if turn is not None:
        shown = shown.transpose(getattr(image_module.Transpose, turn))
    return shown


def _on_white(image_module: Any, image: Any) -> Any:
    """A picture with a soft mask (transparency) as a page shows it: over white paper.  Its
    colours alone may be black where it is clear (black text on nothing): read so, or painted
    and written back so, it would hide what a reader sees."""
    if image.mode not in ("RGBA", "LA", "PA") and "transparency" not in image.info:
        return image
    shown = image.convert("RGBA")
    paper = image_module.new("RGB", shown.size, "white")
    paper.paste(shown, mask=shown.getchannel("A"))
    return paper


def picture_key(picture: TypedPicture) -> tuple[tuple[int, int], str | None] | None:
    """What a picture is cached by: its XObject's reference and its turn (None: inline, or a
    direct object, read each time it is drawn)."""
    _, image, turn = picture
    return None if image.reference is None else (image.reference, turn)


# -- Writing back ------------------------------------------------------------------------------


def mask_scanned_pdf(
    source: Path | str, output: Path | str, findings: Iterable[OcrFinding] | None = None
) -> tuple[OcrFinding, ...]:
    """Write the PDF ``source`` to ``output`` with the hidden digits of every ID and mobile
    number on its scanned pages painted over; return the findings.

    Each painted image of a scanned page is replaced by its painted copy (no
    copy of the original is kept), invisible text (an OCR layer) is taken off
    the scanned pages, page thumbnails are dropped; typed pages, and typed
    text that shows on a scanned page, are kept as they are when they hold
    no number.  A typed number that shows raises
    :class:`zfgk.errors.MaskUnsupportedError`: it cannot be masked in place.
    ``findings`` must come from the same file's pages.

    >>> import pathlib, tempfile
    >>> from zfgk.documents._ocr_files import mask_scanned_pdf
    >>> from zfgk.errors import MaskUnsupportedError, MissingExtraError
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> try:
    ...     from pypdf import PdfWriter
    ...     writer = PdfWriter()
    ...     _ = writer.add_blank_page(595, 842)
    ...     _ = writer.write(folder / "blank.pdf")
    ...     found = mask_scanned_pdf(folder / "blank.pdf", folder / "out.pdf")
    ... except (ImportError, MissingExtraError):  # without the pdf and ocr extras
    ...     found = ()
    >>> found  # a blank page is no scan: out.pdf is the same page
    ()
    """
    found: list[OcrFinding] = []
    _write_pdf(
        as_path(source, "source"), as_path(output, "output"), ocr_painter(findings, found), None
    )
    return tuple(found)


def paint_scanned_pdf(
    source: Path | str,
    output: Path | str,
    boxes: Paint,
    pages: Collection[int] | None = None,
    pictured: Collection[int] = (),
) -> None:
    """Write the PDF ``source`` to ``output`` with ``boxes`` painted black on the images of its
    scanned pages, as :func:`mask_scanned_pdf` writes it, and on the pictures of its typed
    pages ``pictured``.

    ``pages`` are the numbers (from 1) of the pages read as scans (the
    pictures that ``boxes`` number are theirs); by default those
    :func:`is_scanned_page` calls scans.  On a typed page of ``pictured``,
    ``boxes`` number the pictures :func:`typed_pictures` gives; a picture
    drawn on several pages (one XObject) is painted once, with the boxes of
    every page it is on.  A picture drawn inline that would be painted
    cannot be: :class:`~zfgk.errors.MaskUnsupportedError` names it, and
    nothing is written.

    >>> import pathlib, tempfile
    >>> from zfgk.documents._ocr_files import paint_scanned_pdf
    >>> from zfgk.errors import MissingExtraError
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> try:
    ...     from pypdf import PdfReader, PdfWriter
    ...     writer = PdfWriter()
    ...     _ = writer.add_blank_page(595, 842)
    ...     _ = writer.write(folder / "blank.pdf")
    ...     paint_scanned_pdf(folder / "blank.pdf", folder / "out.pdf", {})
    ...     pages = len(PdfReader(folder / "out.pdf").pages)
    ... except (ImportError, MissingExtraError):  # without the pdf and ocr extras
    ...     pages = 1
    >>> pages
    1
    """
    _write_pdf(
        as_path(source, "source"), as_path(output, "output"), box_painter(boxes), pages, pictured
    )


def _write_pdf(
    source: Path,
    output: Path,
    painter: Painter,
    pages: Collection[int] | None,
    pictured: Collection[int] = (),
) -> None:
    """``source`` written to ``output`` with the images of its scanned pages (``pages``, or
    those :func:`is_scanned_page` calls scans) and the pictures of its typed pages
    ``pictured`` painted by ``painter``."""

    from pypdf import PdfWriter

    image_module = pil()
    reader = _open(source)
    labels = page_labels(reader)
    writer = PdfWriter(clone_from=reader)
    scanned = set(scanned_pages(writer) if pages is None else pages)
    for number, page in enumerate(writer.pages, start=1):
        if number not in scanned:
            continue
        if "/Thumb" in page:
            del page["/Thumb"]
        _drop_invisible_text(page, writer)
    typed = [
        labels[n - 1]
        for n, page in enumerate(writer.pages, start=1)
        if find_pii(_visible_text(page))
    ]
    if typed:
        raise MaskUnsupportedError.of(
            N_(
                "{path}: typed text on page {pages} holds an ID or mobile number, which cannot "
                "be masked in place: mask the document the PDF was made from and export it again"
            ),
            path=source,
            pages=", ".join(typed),
        )
    for number, page in enumerate(writer.pages, start=1):
        if number not in scanned:
            continue
        label = labels[number - 1]
        rotate = int(page.get("/Rotate", 0) or 0)
        for picture, (drawn, shown) in enumerate(page_pictures(source, page, label), start=1):
            image = shown if shown.mode in ("1", "L", "RGB", "CMYK") else shown.convert("RGB")
            if not painter(number, picture, label, image):
                continue
            back = _INVERSE[drawn.turn(rotate)]
            if back is not None:
                image = image.transpose(getattr(image_module.Transpose, back))
            _replace(drawn.xobject, image)
    _paint_pictures(source, writer, labels, painter, set(pictured) - scanned)
    with atomic_binary(output) as f:
        writer.write(f)


def _paint_pictures(
    source: Path, writer: Any, labels: Sequence[str], painter: Painter, pictured: Collection[int]
) -> None:
    """Paint the pictures of the typed pages ``pictured``, each XObject once for all the pages
    that draw it."""
    image_module = pil()
    drawn: dict[Any, list[tuple[int, str, TypedPicture]]] = {}
    for number in sorted(pictured):
        for picture in typed_pictures(writer.pages[number - 1]):
            key = picture_key(picture) or (number, picture[0])
            drawn.setdefault(key, []).append((number, labels[number - 1], picture))
    for occurrences in drawn.values():
        _, label, first = occurrences[0]
        try:
            shown = shown_picture(source, first, label)
        except ImageUnreadable:
            continue  # not read either: nothing found on it to paint
        image = shown if shown.mode in ("1", "L", "RGB", "CMYK") else shown.convert("RGB")
        painted = False
        for number, label, (index, _, _) in occurrences:
            painted = painter(number, index, label, image) or painted
        if not painted:
            continue
        index, found, turn = first
        if found.inline:
            raise MaskUnsupportedError.of(
                N_(
                    "{path}: page {page}, picture {picture} holds an ID or mobile number and is "
                    "drawn inline, which zfgk cannot paint over: mask the document the PDF was "
                    "made from and export it again"
                ),
                path=source,
                page=occurrences[0][1],
                picture=index,
            )
        back = _INVERSE[turn]
        if back is not None:
            image = image.transpose(getattr(image_module.Transpose, back))
        _replace(found.image, image)


def _replace(xobject: Any, image: Any) -> None:
    """Put ``image`` in the place of an image XObject's stream (its data, filter and size)."""
    from pypdf.generic import NameObject, NumberObject

    buffer = io.BytesIO()
    if image.mode == "1":
        image = image.convert("L")
    if image.mode == "CMYK":
        image = image.convert("RGB")
    image.save(buffer, "JPEG", quality=85)
    for key in ("/DecodeParms", "/Decode", "/ImageMask", "/Intent", "/SMask", "/Mask"):
        if key in xobject:
            del xobject[key]
    data = buffer.getvalue()
    xobject._data = data  # the encoded bytes, written as they are
    if hasattr(xobject, "decoded_self"):
        xobject.decoded_self = None
    xobject[NameObject("/Filter")] = NameObject("/DCTDecode")
    xobject[NameObject("/Width")] = NumberObject(image.width)
    xobject[NameObject("/Height")] = NumberObject(image.height)
    xobject[NameObject("/BitsPerComponent")] = NumberObject(8)
    xobject[NameObject("/ColorSpace")] = NameObject(
        "/DeviceGray" if image.mode == "L" else "/DeviceRGB"
    )
    xobject[NameObject("/Length")] = NumberObject(len(data))


def _visible_text(page: Any) -> str:
    """The text of a page as pypdf extracts it (once its invisible text is taken off)."""
    try:
        return str(page.extract_text() or "")
    except Exception:
        return ""


def _drop_invisible_text(page: Any, writer: Any) -> None:
    """Take the text drawn invisibly (render mode 3 or 7: an OCR layer under a scan) off
    ``page``."""
    from pypdf.generic import ContentStream

    content = page.get_contents()
    if content is None:
        return
    stream = ContentStream(content, writer)
    kept: list[Any] = []
    mode, stack, changed = 0, [], False
    for operands, operator in stream.operations:
        if operator == b"q":
            stack.append(mode)
        elif operator == b"Q":
            mode = stack.pop() if stack else 0
        elif operator == b"Tr" and operands:
            mode = int(operands[0])
        elif operator in (b"Tj", b"TJ", b"'", b'"') and mode in (3, 7):
            changed = True
            # ' and " move to the next line before they show: the move stays.
            if operator == b'"' and len(operands) == 3:
                kept += [([operands[0]], b"Tw"), ([operands[1]], b"Tc")]
            if operator in (b"'", b'"'):
                kept.append(([], b"T*"))
            continue
        kept.append((operands, operator))
    if changed:
        stream.operations = kept
        page.replace_contents(stream)
