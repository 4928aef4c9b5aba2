"""Scanned notices as files: the page images of image files and scanned PDFs, and writing
them back with the hidden digits painted over (the ``ocr`` extra; see :mod:`._ocr`).

Image files are .png, .jpg/.jpeg, .tif/.tiff (every page), .gif, .bmp and
.webp, told by their first bytes (:func:`image_kind`).  A picture is read as
a person sees it: turned as its EXIF orientation says.

A PDF page is a scan (:func:`is_scanned_page`) when the images drawn on it
cover at least half of it, with or without typed text over them (a title,
a page number).  Each image on such a page is read as it is drawn (turned
or mirrored as the page draws it; page rotation too); nothing else is
rendered: the typed text of a page is the PDF text reader's, and a page
whose images cover less than half of it is a typed page, whose pictures
are read one by one as a Word file's are (:func:`~zfgk.documents._ocr_pdf.typed_pictures`:
each one large enough to show a line of digits, once however many pages
draw it).

Masking writes a new file: an image file in its own format (JPEG with its
own quantisation tables, so its quality stays what it was; a TIFF with
every page and its compression; nothing painted: a byte-for-byte copy), a
scanned PDF with each painted image replaced by its painted copy (no copy
of the original image is left, page thumbnails are dropped) and with any
invisible text (an OCR text layer) taken off its scanned pages; typed text
that shows, such as a title, stays.  A PDF whose typed text that shows
holds a number cannot be masked in place, and is refused with the reason.
What is painted comes either from OCR findings (:func:`mask_image_file`,
:func:`mask_scanned_pdf`) or as boxes by page and picture
(:func:`paint_image_file`, :func:`paint_scanned_pdf`: what a document's
writer paints over the characters a task changed).

>>> from zfgk.documents._ocr_files import image_kind
>>> image_kind("公示.JPG", b"\\xff\\xd8\\xff\\xe0"), image_kind("a.png", b"%PDF-1.7")
('JPEG', None)
"""

from __future__ import annotations

import io
import shutil
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zfgk._arguments import as_path
from zfgk.documents._ocr import OcrFinding, OcrPage, ocr_image
from zfgk.documents._ocr_paint import (
    DAMAGED,
    DAMAGED_AFTER,
    MAX_PIXELS,
    ImageUnreadable,
    Paint,
    Painter,
    box_painter,
    ocr_painter,
    pil,
    too_large,
)
from zfgk.documents._ocr_pdf import (
    MIN_COVER,
    is_scanned_page,
    mask_scanned_pdf,
    paint_scanned_pdf,
    pdf_images,
    scanned_pages,
)
from zfgk.errors import DocumentError
from zfgk.i18n import N_, os_reason
from zfgk.tables import atomic_binary

if TYPE_CHECKING:  # pragma: no cover
    from PIL.Image import Image

__all__ = [
    "IMAGE_SUFFIXES",
    "MIN_COVER",
    "ImageUnreadable",
    "Paint",
    "frames",
    "image_kind",
    "is_scanned_page",
    "mask_image_file",
    "mask_scanned_pdf",
    "ocr_pages",
    "page_images",
    "paint_image_file",
    "paint_scanned_pdf",
    "scanned_pages",
]

#: File name endings of the image formats read, and Pillow's name of each.
IMAGE_SUFFIXES = {
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".jpe": "JPEG",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".gif": "GIF",
    ".bmp": "BMP",
    ".webp": "WEBP",
}


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
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "GIF"
    if head.startswith(b"BM"):
        return "BMP"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _open_image(path: Path) -> Any:
    """The image at ``path``, opened (not decoded), or a clear error."""
    pil_image = pil()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # what Pillow repairs: not for people
            warnings.simplefilter("error", pil_image.DecompressionBombWarning)
            image = pil_image.open(path)
    except OSError as e:
        if isinstance(e, FileNotFoundError | PermissionError | IsADirectoryError):
            raise DocumentError.of(
                N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
            ) from None
        raise ImageUnreadable.unread(path, DAMAGED) from None
    except (pil_image.DecompressionBombWarning, pil_image.DecompressionBombError):
        raise too_large(path) from None
    except Exception:  # Pillow raises many kinds on a malformed file
        raise ImageUnreadable.unread(path, DAMAGED) from None
    if image.width * image.height > MAX_PIXELS:
        image.close()
        raise too_large(path)
    return image


def frames(path: Path) -> Iterator[tuple[int, Any]]:
    """Each frame (page) of the image at ``path``, decoded and turned as its EXIF says.

    A frame that cannot be decoded raises :class:`ImageUnreadable` with its
    page (None for the first: the whole file) after the frames before it.
    Pillow's warnings about what it repairs (a damaged EXIF block) are kept
    off the console.
    """
    pil()  # the missing extra said before anything else
    with _open_image(path) as image:
        number = 0
        while True:
            number += 1
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", UserWarning)
                    shown = _frame(path, image, number)
            except DocumentError:
                raise
            except Exception:
                if number == 1:
                    raise ImageUnreadable.unread(path, DAMAGED) from None
                raise ImageUnreadable.unread(path, DAMAGED_AFTER, str(number)) from None
            if shown is None:
                return
            yield number, shown


def _frame(path: Path, image: Any, number: int) -> Any:
    """Frame ``number`` (from 1) of ``image``, decoded and turned upright; None past the last."""
    from PIL import ImageOps

    if number > 1:
        try:
            image.seek(number - 1)
        except EOFError:
            return None
    if image.width * image.height > MAX_PIXELS:
        raise too_large(path, None if number == 1 else str(number))
    image.load()
    return ImageOps.exif_transpose(image.copy())


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
    ...     print("cannot be decoded" in str(e) or "pip install 'zfgk[ocr]'" in str(e))
    True
    """
    path = as_path(path, "path")
    if _is_pdf(path):
        for number, label, _, image in pdf_images(path):
            yield number, label, image
        return
    for number, frame in frames(path):
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


# -- Writing back ----------------------------------------------------------------------------


def mask_image_file(
    source: Path | str, output: Path | str, findings: Iterable[OcrFinding] | None = None
) -> tuple[OcrFinding, ...]:
    """Write the image file ``source`` to ``output`` with the hidden digits of every ID and
    mobile number painted over, in ``source``'s format; return the findings.

    ``findings`` (from :func:`zfgk.documents._ocr.find_in_pages`) saves
    reading the file again; without them each page is read by OCR.
    ``output`` is written atomically; where nothing is painted, it is a copy
    of ``source``, byte for byte.

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
    found: list[OcrFinding] = []
    _write_image(as_path(source, "source"), as_path(output, "output"), ocr_painter(findings, found))
    return tuple(found)


def paint_image_file(source: Path | str, output: Path | str, boxes: Paint) -> None:
    """Write the image file ``source`` to ``output`` in its own format with ``boxes`` painted
    black on each page (keys: (page, 1)); a copy of it, byte for byte, where none is given.

    >>> import pathlib, tempfile
    >>> from zfgk.documents._ocr_files import paint_image_file
    >>> from zfgk.errors import MissingExtraError
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> try:
    ...     from PIL import Image
    ...     Image.new("L", (40, 20), 255).save(folder / "a.png")
    ...     paint_image_file(folder / "a.png", folder / "b.png",
    ...                      {(1, 1): [((10, 5), (20, 5), (20, 15), (10, 15))]})
    ...     with Image.open(folder / "b.png") as b:
    ...         inside, outside = b.getpixel((15, 10)), b.getpixel((30, 10))
    ... except (ImportError, MissingExtraError):  # without pip install 'zfgk[ocr]'
    ...     inside, outside = 0, 255
    >>> inside, outside
    (0, 255)
    """
    _write_image(as_path(source, "source"), as_path(output, "output"), box_painter(boxes))


def _write_image(source: Path, output: Path, painter: Painter) -> None:
    """``source`` written to ``output`` in its own format, each page painted by ``painter``."""
    kind = image_kind(source)
    if kind is None:
        raise DocumentError.of(
            N_("{path}: not an image zfgk reads (.png .jpg .jpeg .tif .tiff .gif .bmp .webp)"),
            path=source,
        )
    _check_suffix(source, output, kind)
    pages: list[Any] = []
    painted = False
    with _open_image(source) as original:
        info = dict(original.info)
        options = _save_options(original, kind)
    for number, frame in frames(source):
        painted = painter(number, 1, str(number), frame) or painted
        pages.append(frame)
    if not painted:  # nothing to hide: the file as it was, not a new encoding of it
        with source.open("rb") as f, atomic_binary(output) as out:
            shutil.copyfileobj(f, out)
        return
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


def _check_suffix(source: Path, output: Path, kind: str) -> None:
    """An image is written in its own format: refuse a name that says another one."""
    suffix = output.suffix.lower()
    if not suffix or IMAGE_SUFFIXES.get(suffix) == kind:
        return
    endings = " ".join(s for s, k in IMAGE_SUFFIXES.items() if k == kind)
    raise DocumentError.of(
        N_(
            "{output}: {input} is a {format} image and is written back as one, so the masked "
            "copy's name must end in {endings}"
        ),
        output=output,
        input=source,
        format=kind,
        endings=endings,
    )


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
    elif kind == "GIF":
        for key in ("duration", "loop", "transparency"):
            if key in image.info:
                options[key] = image.info[key]
    return options


def _webp_lossless(image: Any) -> bool:
    try:
        fp = image.fp
        fp.seek(12)
        return bool(fp.read(4) == b"VP8L")
    except Exception:
        return False
