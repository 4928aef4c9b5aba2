"""Scanned notices as files: the page images of image files and scanned PDFs, and writing
them back with the hidden digits painted over (the ``ocr`` extra; see :mod:`._ocr`).

Image files are .png, .jpg/.jpeg, .tif/.tiff (every page), .bmp and .webp,
told by their first bytes (:func:`image_kind`).  A picture is read as a
person sees it: turned as its EXIF orientation says.

A PDF page is a scan (:func:`is_scanned_page`) when the images drawn on it
cover at least half of it, with or without typed text over them (a title,
a page number).  Each image on such a page is read as it is drawn (turned
or mirrored as the page draws it; page rotation too); nothing else is
rendered: the typed text of a page is the PDF text reader's, and a page
whose images cover less than half of it is a typed page.

Masking writes a new file: an image file in its own format (JPEG with its
own quantisation tables, so its quality stays what it was; a TIFF with
every page and its compression), a scanned PDF with each image replaced by
its painted copy (no copy of the original image is left, page thumbnails
are dropped) and with any invisible text (an OCR text layer) taken out;
typed text that shows, such as a title, stays.  A PDF whose typed text
holds a number cannot be masked in place, and is refused with the reason.

>>> from zfgk.documents._ocr_files import image_kind
>>> image_kind("公示.JPG", b"\\xff\\xd8\\xff\\xe0"), image_kind("a.png", b"%PDF-1.7")
('JPEG', None)
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zfgk._arguments import as_path
from zfgk.documents._ocr import (
    OcrFinding,
    OcrPage,
    find_in_page,
    ocr_image,
    paint,
    require_ocr,
)
from zfgk.documents._pdf import _open
from zfgk.errors import DocumentError, MaskUnsupportedError
from zfgk.i18n import N_, os_reason
from zfgk.privacy import find_pii
from zfgk.tables import atomic_binary

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image

__all__ = [
    "IMAGE_SUFFIXES",
    "MIN_COVER",
    "image_kind",
    "is_scanned_page",
    "mask_image_file",
    "mask_scanned_pdf",
    "ocr_pages",
    "page_images",
]

#: File name endings of the image formats read, and Pillow's name of each.
IMAGE_SUFFIXES = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".jpe": "JPEG",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".bmp": "BMP",
    ".webp": "WEBP",
}
#: The share of a PDF page that its images must cover for the page to be a scan.
MIN_COVER = 0.5
#: The largest picture read (pixels): an A3 page scanned at 600 dpi is 70 million.
MAX_PIXELS = 80_000_000
#: Images smaller than this on either side hold no line of text (rules, bullets, dots).
_MIN_SIDE = 16


def image_kind(path: Path | str, head: bytes | None = None) -> str | None:
    """Pillow's name of the image format of ``path`` by its first bytes; ``None`` if not one.

    ``head`` is the file's first bytes, read when not given.  The bytes
    decide, not the name: a JPEG named ``.png`` is a JPEG.

    >>> from zfgk.documents._ocr_files import image_kind
    >>> image_kind("x.tif", b"II*\\x00"), image_kind("x.webp", b"RIFF\\x10\\x00\\x00\\x00WEBPVP8 ")
    ('TIFF', 'WEBP')
    """
    if head is None:
        try:
            with Path(path).open("rb") as f:
                head = f.read(16)
        except OSError:
            return None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith((b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")):
        return "TIFF"
    if head.startswith(b"BM"):
        return "BMP"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _pil() -> Any:
    require_ocr()
    import PIL.Image

    return PIL.Image


def _open_image(path: Path) -> Any:
    """The image at ``path``, opened (not decoded), or a clear error."""
    pil = _pil()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", pil.DecompressionBombWarning)
            image = pil.open(path)
    except OSError as e:
        if isinstance(e, FileNotFoundError | PermissionError | IsADirectoryError):
            raise DocumentError.of(
                N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
            ) from None
        raise _broken_image(path) from None
    except (pil.DecompressionBombWarning, pil.DecompressionBombError):
        raise _too_large(path) from None
    except Exception:  # Pillow raises many kinds on a malformed file
        raise _broken_image(path) from None
    if image.width * image.height > MAX_PIXELS:
        image.close()
        raise _too_large(path)
    return image


def _broken_image(path: Path) -> DocumentError:
    return DocumentError.of(N_("{path}: not an image that can be read (damaged?)"), path=path)


def _too_large(path: Path) -> DocumentError:
    return DocumentError.of(
        N_("{path}: refused: the picture has more than {pixels} million pixels"),
        path=path,
        pixels=MAX_PIXELS // 1_000_000,
    )


def _frames(path: Path) -> Iterator[tuple[int, Any]]:
    """Each frame (page) of the image at ``path``, decoded and turned as its EXIF says."""
    _pil()  # the missing extra said before anything else
    from PIL import ImageOps, ImageSequence

    with _open_image(path) as image:
        try:
            for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
                if frame.width * frame.height > MAX_PIXELS:
                    raise _too_large(path)
                frame.load()
                yield number, ImageOps.exif_transpose(frame.copy())
        except DocumentError:
            raise
        except Exception:
            raise _broken_image(path) from None


def page_images(path: Path | str) -> Iterator[tuple[int, str, Image]]:
    """(number, label, image) of each page of an image file, or each image of a PDF's scanned
    pages (label: the page as the PDF numbers it), one at a time.

    >>> import pathlib, tempfile
    >>> from zfgk.documents._ocr_files import page_images
    >>> from zfgk.errors import DocumentError, MissingExtraError
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "scan.png"
    >>> _ = path.write_bytes(b"\\x89PNG\\r\\n\\x1a\\n broken")
    >>> try:
    ...     list(page_images(path))
    ... except (DocumentError, MissingExtraError) as e:
    ...     print("scan.png: not an image" in str(e) or "pip install 'zfgk[ocr]'" in str(e))
    True
    """
    path = as_path(path, "path")
    if _is_pdf(path):
        for number, label, _, image in _pdf_images(path):
            yield number, label, image
        return
    for number, frame in _frames(path):
        yield number, str(number), frame


def ocr_pages(path: Path | str) -> Iterator[OcrPage]:
    """Each page image of ``path`` (see :func:`page_images`) read by OCR, one at a time.

    >>> import pathlib, tempfile
    >>> from zfgk.documents._ocr_files import ocr_pages
    >>> from zfgk.errors import MissingExtraError
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "blank.png"
    >>> try:
    ...     from PIL import Image
    ...     Image.new("L", (300, 200), 255).save(path)
    ...     pages = list(ocr_pages(path))
    ... except (ImportError, MissingExtraError):  # without pip install 'zfgk[ocr]'
    ...     pages = []
    >>> [p.text for p in pages if p.text]  # a blank page reads as no text
    []
    """
    picture, last = 0, 0
    for number, label, image in page_images(path):
        picture = picture + 1 if number == last else 1  # the pictures of one PDF page
        last = number
        yield ocr_image(image, number=number, label=label, picture=picture)


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(5) == b"%PDF-"
    except OSError:
        return False


# -- PDF pages -------------------------------------------------------------------------------

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

Matrix = tuple[float, float, float, float, float, float]


def _times(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector convention: the product m × n)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


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
                ctm = _times(tuple(float(x) for x in operands), ctm)  # type: ignore[arg-type]
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
                        _times(tuple(float(x) for x in matrix), ctm)  # type: ignore[arg-type]
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


def _labels(reader: Any) -> list[str]:
    count = len(reader.pages)
    try:
        labels = [str(label) for label in reader.page_labels]
    except Exception:
        labels = []
    return labels if len(labels) == count else [str(n) for n in range(1, count + 1)]


def _decoded(path: Path, drawn: _Drawn, label: str) -> Any:
    try:  # where pypdf decodes an image XObject (it moved in pypdf 6)
        from pypdf.generic._image_xobject import _xobj_to_image
    except ImportError:  # pragma: no cover
        from pypdf.filters import _xobj_to_image  # type: ignore[attr-defined,no-redef]
    try:
        _, _, image = _xobj_to_image(drawn.xobject)
    except Exception:
        raise DocumentError.of(
            N_("{path}: page {page}: an image zfgk cannot decode (its compression?)"),
            path=path,
            page=label,
        ) from None
    if image.width * image.height > MAX_PIXELS:
        raise _too_large(path)
    return image


def _pdf_images(path: Path) -> Iterator[tuple[int, str, _Drawn, Any]]:
    """(page number, label, the drawn image, the image as shown) of each image of each
    scanned page of the PDF at ``path``."""
    _pil()
    reader = _open(path)
    labels = _labels(reader)
    for index, page in enumerate(reader.pages):
        drawn = _drawn_images(page)
        if _cover(page, drawn) < MIN_COVER:
            continue
        rotate = int(page.get("/Rotate", 0) or 0)
        for image in drawn:
            shown = _decoded(path, image, labels[index])
            if min(shown.size) < _MIN_SIDE:
                continue
            turn = image.turn(rotate)
            if turn is not None:
                shown = shown.transpose(getattr(_pil().Transpose, turn))
            yield index + 1, labels[index], image, shown


# -- Writing back ----------------------------------------------------------------------------


def _painted(
    image: Any, findings: Iterable[OcrFinding] | None, number: int, label: str, picture: int = 1
) -> tuple[Any, list[OcrFinding]]:
    """``image`` (a copy where it must be converted) with its findings painted over."""
    if findings is None:
        page = ocr_image(image, number=number, label=label, picture=picture)
        found = list(find_in_page(page))
    else:
        found = [f for f in findings if f.page == number and f.image == picture]
    if found:
        paint(image, found)
    return image, found


def mask_image_file(
    source: Path | str, output: Path | str, findings: Iterable[OcrFinding] | None = None
) -> tuple[OcrFinding, ...]:
    """Write the image file ``source`` to ``output`` with the hidden digits of every ID and
    mobile number painted over, in ``source``'s format; return the findings.

    ``findings`` (from :func:`zfgk.documents._ocr.find_in_pages`) saves
    reading the file again; without them each page is read by OCR.
    ``output`` is written atomically, also when nothing is found.

    >>> import pathlib, tempfile
    >>> from zfgk.documents._ocr_files import mask_image_file
    >>> from zfgk.errors import MissingExtraError
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> try:
    ...     from PIL import Image
    ...     Image.new("RGB", (300, 200), "white").save(folder / "blank.jpg", quality=80)
    ...     found = mask_image_file(folder / "blank.jpg", folder / "out.jpg")
    ... except (ImportError, MissingExtraError):  # without pip install 'zfgk[ocr]'
    ...     found = ()
    >>> found  # a blank picture holds no number; out.jpg is a copy of it
    ()
    """
    source, output = as_path(source, "source"), as_path(output, "output")
    kind = image_kind(source)
    if kind is None:
        raise DocumentError.of(
            N_("{path}: not an image zfgk reads (.png .jpg .jpeg .tif .tiff .bmp .webp)"),
            path=source,
        )
    wanted = None if findings is None else list(findings)
    pages: list[Any] = []
    found: list[OcrFinding] = []
    with _open_image(source) as original:
        info = dict(original.info)
        options = _save_options(original, kind)
    for number, frame in _frames(source):
        painted, on_page = _painted(frame, wanted, number, str(number))
        pages.append(painted)
        found.extend(on_page)
    first, rest = pages[0], pages[1:]
    if "icc_profile" in info:
        options["icc_profile"] = info["icc_profile"]
    encoded = io.BytesIO()  # Pillow's TIFF writer reads back what it wrote: not a plain file
    if rest:
        first.save(encoded, kind, save_all=True, append_images=rest, **options)
    else:
        first.save(encoded, kind, **options)
    with atomic_binary(output) as f:
        f.write(encoded.getbuffer())
    return tuple(found)


def _save_options(image: Any, kind: str) -> dict[str, Any]:
    """How to save a painted copy of ``image`` as it was saved: quality, compression, dpi."""
    options: dict[str, Any] = {}
    dpi = image.info.get("dpi")
    if dpi:
        options["dpi"] = tuple(round(float(v)) for v in dpi)
    if kind == "JPEG":
        from PIL import JpegImagePlugin

        # Its own quantisation tables and chroma subsampling: the quality it was saved with.
        options["qtables"] = image.quantization
        sampling = JpegImagePlugin.get_sampling(image)
        if sampling != -1:
            options["subsampling"] = sampling
        if image.info.get("progressive") or image.info.get("progression"):
            options["progressive"] = True
    elif kind == "TIFF":
        compression = image.info.get("compression")
        if compression and compression != "raw":
            options["compression"] = compression
    elif kind == "WEBP":
        # Pillow does not say how a WebP was saved: a lossless one stays lossless when its
        # first bytes say VP8L; a lossy one gets quality 90.
        options["lossless"] = _webp_lossless(image)
        if not options["lossless"]:
            options["quality"] = 90
    elif kind == "PNG":
        options["optimize"] = False
    return options


def _webp_lossless(image: Any) -> bool:
    try:
        fp = image.fp
        fp.seek(12)
        return bool(fp.read(4) == b"VP8L")
    except Exception:
        return False


def mask_scanned_pdf(
    source: Path | str, output: Path | str, findings: Iterable[OcrFinding] | None = None
) -> tuple[OcrFinding, ...]:
    """Write the PDF ``source`` to ``output`` with the hidden digits of every ID and mobile
    number on its scanned pages painted over; return the findings.

    Each image of a scanned page is replaced by its painted copy (no copy of
    the original is kept), invisible text (an OCR layer) is taken out, page
    thumbnails are dropped; typed pages, and typed text that shows on a
    scanned page, are kept as they are when they hold no number.  A typed
    number raises :class:`zfgk.errors.MaskUnsupportedError`: it cannot be
    masked in place.  ``findings`` must come from the same file's pages.

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
    source, output = as_path(source, "source"), as_path(output, "output")
    pil = _pil()
    from pypdf import PdfWriter

    reader = _open(source)
    labels = _labels(reader)
    typed = [labels[i] for i, page in enumerate(reader.pages) if find_pii(_visible_text(page))]
    if typed:
        raise MaskUnsupportedError.of(
            N_(
                "{path}: typed text on page {pages} holds an ID or mobile number, which cannot "
                "be masked in place: mask the document the PDF was made from and export it again"
            ),
            path=source,
            pages=", ".join(typed),
        )
    wanted = None if findings is None else list(findings)
    writer = PdfWriter(clone_from=reader)
    found: list[OcrFinding] = []
    for index, page in enumerate(writer.pages):
        drawn = _drawn_images(page)
        if _cover(page, drawn) < MIN_COVER:
            continue
        if "/Thumb" in page:
            del page["/Thumb"]
        _drop_invisible_text(page, writer)
        rotate = int(page.get("/Rotate", 0) or 0)
        number, label = index + 1, labels[index]
        on_page = None if wanted is None else [f for f in wanted if f.page == number]
        picture = 0
        for image in drawn:
            shown = _decoded(source, image, label)
            if min(shown.size) < _MIN_SIDE:
                continue
            picture += 1
            turn = image.turn(rotate)
            if turn is not None:
                shown = shown.transpose(getattr(pil.Transpose, turn))
            mode = shown.mode
            if mode not in ("1", "L", "RGB", "CMYK"):
                shown = shown.convert("RGB")
            painted, hits = _painted(shown, on_page, number, label, picture)
            if not hits:
                continue
            found.extend(hits)
            back = _INVERSE[turn]
            if back is not None:
                painted = painted.transpose(getattr(pil.Transpose, back))
            _replace(image, painted)
    with atomic_binary(output) as f:
        writer.write(f)
    return tuple(found)


def _replace(drawn: _Drawn, image: Any) -> None:
    """Put ``image`` in the place of the drawn image's stream (its data, filter and size)."""
    from pypdf.generic import NameObject, NumberObject

    xobject = drawn.xobject
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
    try:
        return str(page.extract_text() or "")
    except Exception:
        return ""


def _drop_invisible_text(page: Any, writer: Any) -> None:
    """Take the text drawn invisibly (render mode 3: an OCR layer under a scan) off ``page``."""
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
        elif operator in (b"Tj", b"TJ", b"'", b'"') and mode == 3:
            changed = True
            continue
        kept.append((operands, operator))
    if changed:
        stream.operations = kept
        page.replace_contents(stream)
