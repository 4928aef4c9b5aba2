"""What the OCR writers share: the pictures zfgk does not read, and painters of page images
(the ``ocr`` extra; internal).

>>> from zfgk.documents._ocr_paint import MAX_PIXELS
>>> MAX_PIXELS
80000000
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from zfgk.documents._ocr import OcrFinding, Quad, find_in_page, ocr_image, paint, paint_quads
from zfgk.documents._ocr import require_ocr as _require_ocr
from zfgk.errors import DocumentError
from zfgk.i18n import N_, Message

__all__ = [
    "DAMAGED",
    "DAMAGED_AFTER",
    "MAX_PIXELS",
    "TOO_LARGE",
    "UNDECODABLE",
    "ImageUnreadable",
    "Paint",
    "Painter",
    "box_painter",
    "ocr_painter",
    "pil",
    "too_large",
]

#: The largest picture read (pixels): an A3 page scanned at 600 dpi is 70 million.
MAX_PIXELS = 80_000_000
#: Boxes to paint, by (page number from 1, picture of the page from 1), in the pixels of
#: the picture as shown (:attr:`zfgk.documents._ocr.OcrPage.image`).
Paint = Mapping[tuple[int, int], Sequence[Quad]]
#: What paints one page image in place: (page number, picture, label, image) -> painted?
Painter = Callable[[int, int, str, Any], bool]

#: Why a picture is not read (what a reader lists as unread).
DAMAGED = N_("an image that cannot be decoded (damaged?), so OCR cannot read it: check it by eye")
DAMAGED_AFTER = N_(
    "from this page on, the image cannot be decoded (damaged?), so OCR cannot read it: check "
    "it by eye"
)
TOO_LARGE = N_(
    "a picture of more than {pixels} million pixels, which zfgk does not read: check it by "
    "eye, or scan it again at 300 dpi"
)
UNDECODABLE = N_(
    "an image zfgk cannot decode (its compression?), so OCR cannot read the page: check it by eye"
)


class ImageUnreadable(DocumentError):
    """A picture (or a page of one) that cannot be decoded, or is too large to read.

    ``reason`` says why without the file's name (what a reader lists as
    :class:`~zfgk.documents.Unread`); ``page`` is the page it is on (None:
    the whole file).

    >>> from zfgk.documents._ocr_files import DAMAGED, ImageUnreadable
    >>> error = ImageUnreadable.unread("scan.png", DAMAGED)
    >>> print(error)
    scan.png: an image that cannot be decoded (damaged?), so OCR cannot read it: check it by eye
    >>> error.page is None, error.reason.localized("en") == str(error)[len("scan.png: "):]
    (True, True)
    """

    reason: Message
    page: str | None = None

    @classmethod
    def unread(
        cls, path: Path | str, template: str, page: str | None = None, **params: object
    ) -> ImageUnreadable:
        """The error for ``path`` whose reason is ``template`` filled with ``params``."""
        reason = Message(template, **params)
        error = cls.of(N_("{path}: {reason}"), path=path, reason=reason)
        error.reason = reason
        error.page = page
        return error


def pil() -> Any:
    """Pillow's ``PIL.Image``, or :class:`~zfgk.errors.MissingExtraError` naming the ocr extra."""
    _require_ocr()
    import PIL.Image

    return PIL.Image


def too_large(path: Path, page: str | None = None) -> ImageUnreadable:
    """The error of a picture of more than :data:`MAX_PIXELS` pixels."""
    return ImageUnreadable.unread(path, TOO_LARGE, page, pixels=MAX_PIXELS // 1_000_000)


def ocr_painter(findings: Iterable[OcrFinding] | None, found: list[OcrFinding]) -> Painter:
    """A painter of each page's findings, read by OCR (``findings`` None) or those given;
    what it paints goes into ``found``."""
    wanted = None if findings is None else list(findings)

    def painter(number: int, picture: int, label: str, image: Any) -> bool:
        if wanted is None:
            hits = list(find_in_page(ocr_image(image, number=number, label=label, picture=picture)))
        else:
            hits = [f for f in wanted if f.page == number and f.image == picture]
        if hits:
            paint(image, hits)
            found.extend(hits)
        return bool(hits)

    return painter


def box_painter(boxes: Paint) -> Painter:
    """A painter of the boxes given for each page and picture."""

    def painter(number: int, picture: int, label: str, image: Any) -> bool:
        quads = boxes.get((number, picture), ())
        paint_quads(image, quads)
        return bool(quads)

    return painter
