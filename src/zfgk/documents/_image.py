"""Images read by OCR into the text a person reads on them, and written back with the hidden
digits painted over (the ``ocr`` extra; internal).

:func:`read_image` is the reader of :attr:`zfgk.formats.Kind.IMAGE` (.png,
.jpg/.jpeg, .tif/.tiff with every page, .gif, .bmp, .webp).  Its document
is one text, :class:`ScanText`: each page's rows of OCR boxes, one row to a
line (a number OCR split over two boxes of a row reads whole), the pages
apart (``\\f``).  Each character's place is its page and its box on the
page image (``Location(page="1", box=(left, top, right, bottom))``, in
pixels); where a number starts (as :func:`zfgk.find_pii` reads it), the
box of the whole number: the place a finding names.  The tasks judge this
text as any other; the writer paints an opaque box over exactly the
characters a task changed (the digits :func:`zfgk.redact` hides), in the
file's own format.

Without the extra the whole file is unread ("cannot check"), with the pip
command; a picture that cannot be decoded, or one too large, is unread
with why (from that page on, in a multi-page TIFF).  A line OCR read with
little confidence that holds digits is unread too (handwriting, a blurred
photo): zfgk does not call clean what it could not read.

>>> import pathlib, tempfile
>>> from zfgk.documents import open_document
>>> path = pathlib.Path(tempfile.mkdtemp()) / "blank.png"
>>> try:
...     from PIL import Image
...     Image.new("L", (300, 200), 255).save(path)
...     document = open_document(path)
... except ImportError:  # without pip install 'zfgk[ocr]'
...     read = True
... else:  # read by OCR, or unread with the pip command: never clean on a guess
...     read = document.unread == [] or "pip install 'zfgk[ocr]'" in document.unread[0].describe()
>>> read
True
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from pathlib import Path

import attrs

from zfgk.documents._ocr import (
    OcrLine,
    OcrPage,
    PageText,
    Quad,
    ocr_each,
    page_text,
    require_ocr,
)
from zfgk.documents._ocr_files import ImageUnreadable, Paint, frames, paint_image_file
from zfgk.documents._parts import Document, Location, Text, Unread
from zfgk.documents._vector import MAX_VECTOR, vector_document, vector_kind
from zfgk.documents._writers import write_single
from zfgk.errors import DocumentError, MissingExtraError
from zfgk.formats import Kind
from zfgk.i18n import N_, Message, os_reason
from zfgk.privacy import find_pii

__all__ = ["LOW_SCORE", "NO_OCR", "PAGE_BREAK", "ScanText", "doubtful_lines", "read_image"]

#: What separates the text of two page images.
PAGE_BREAK = "\f"
#: A line OCR read with less confidence than this (0 to 1) that holds :data:`_DOUBTFUL_DIGITS`
#: digits or more is not taken as read: handwriting, a blurred photo, a stamp over digits.
#: The lines of the committed scans (printed lists, a seal, a phone photo) score 0.87 and more.
LOW_SCORE = 0.6
_DOUBTFUL_DIGITS = 4
#: Why an image is unread without the ocr extra: what zfgk said of every image before it read
#: them (the kind's label and its advice).
NO_OCR = Message(
    N_("{kind}, which zfgk cannot read: {advice}"),
    kind=Message(Kind.IMAGE.label),
    advice=Message(
        N_("its text can be read only by OCR: pip install 'zfgk[ocr]', or check it by eye")
    ),
)
#: Why a line is unread when OCR read it with little confidence.
DOUBTFUL = N_(
    "OCR read this line with little confidence (handwriting? a blurred photo?), and it holds "
    "digits: check it by eye"
)

#: Writes the file at the first path to the second with boxes painted on its pages.
Painter = Callable[[Path, Path, Paint], None]


class ScanText:
    """The text OCR read on a file's page images, and where each of its characters is.

    ``text`` is each page image's text (:func:`zfgk.documents._ocr.page_text`:
    one row of the page to a line, its cells apart by tabs) followed by
    :data:`PAGE_BREAK`, in the file's order; ``pages`` the page images read; ``unread`` the pictures that were
    not read, with why.  :meth:`locate` gives a character's page and box,
    :meth:`write` paints over the characters that changed.

    >>> from pathlib import Path
    >>> from zfgk.documents._image import ScanText
    >>> from zfgk.documents._ocr import OcrPage
    >>> scans = ScanText(Path("公示.png"), [OcrPage(1, "1", 100, 100, ())], [], lambda *a: None)
    >>> scans.text, str(scans.locate(0))  # a blank page: its page break alone
    ('\\x0c', 'page 1')
    """

    def __init__(
        self,
        path: Path,
        pages: Iterable[OcrPage],
        unread: Iterable[Unread],
        painter: Painter,
    ) -> None:
        self.path = path
        self.reads: list[PageText] = [page_text(page) for page in pages]
        self.pages = [read.page for read in self.reads]
        self.unread = [*unread, *doubtful_lines(self.pages, self.where)]
        self.starts: list[int] = []
        parts: list[str] = []
        length = 0
        for read in self.reads:
            self.starts.append(length)
            parts.append(read.text + PAGE_BREAK)
            length += len(read.text) + len(PAGE_BREAK)
        self.text = "".join(parts)
        self._painter = painter
        self._numbers: dict[int, int] | None = None

    def where(self, page: OcrPage) -> Location:
        """The place of a page image read: its page (a reader names the picture too)."""
        return Location(page=page.label)

    def _page(self, offset: int) -> int:
        """The index of the page image that holds the character at ``offset``."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def locate(self, offset: int) -> Location:
        """The page of the character at ``offset`` and its box on the page image; where a number
        starts, the box of the whole number (the place of a finding)."""
        if not self.reads:
            return Location()
        index = self._page(offset)
        read, start = self.reads[index], self.starts[index]
        local = offset - start
        where = self.where(read.page)
        if not 0 <= local < len(read.text):
            return where  # the page break
        if self._numbers is None:
            self._numbers = {m.start: m.end for m in find_pii(self.text)}
        end = self._numbers.get(offset, offset + 1) - start
        box = read.box(local, end)
        if box is None:  # a space or a line break put in between boxes
            return where
        return attrs.evolve(where, box=(box.left, box.top, box.right, box.bottom))

    def boxes(self, old: str, new: str) -> dict[tuple[int, int], list[Quad]]:
        """The boxes that paint over each character that differs between ``old`` (the text) and
        ``new``, by (page, picture); a character put in between boxes cannot be painted."""
        if old != self.text or len(new) != len(old):
            raise ValueError("old must be the text read, and new as long as it")
        changed: dict[int, list[int]] = {}
        for offset, (a, b) in enumerate(zip(old, new, strict=True)):
            if a == b:
                continue
            index = self._page(offset)
            local = offset - self.starts[index]
            if local >= len(self.reads[index].text) or self.reads[index].places[local] is None:
                raise DocumentError.of(
                    N_(
                        "{path}: a character zfgk put in (a space or a line break between the "
                        "boxes OCR read) cannot be painted over"
                    ),
                    path=self.path,
                )
            changed.setdefault(index, []).append(local)
        painted: dict[tuple[int, int], list[Quad]] = {}
        for index, offsets in changed.items():
            page = self.pages[index]
            painted.setdefault((page.number, page.image), []).extend(
                self.reads[index].cover(offsets)
            )
        return painted

    def write(self, output: Path, old: str, new: str) -> None:
        """Write the file to ``output`` with each character of ``old`` that ``new`` changes
        painted over (an opaque box over exactly its place), everything else as it was."""
        self._painter(self.path, output, self.boxes(old, new))


def doubtful_lines(
    pages: Iterable[OcrPage], where: Callable[[OcrPage], Location] | None = None
) -> list[Unread]:
    """An :class:`~zfgk.documents.Unread` for each line OCR read with a score under
    :data:`LOW_SCORE` that holds 4 digits or more: what it says is not known (at the line's
    box on its page, or on the place ``where`` gives the page).

    >>> from zfgk.documents._image import doubtful_lines
    >>> from zfgk.documents._ocr import OcrLine, OcrPage
    >>> quad = ((10, 10), (200, 10), (200, 40), (10, 40))
    >>> page = OcrPage(2, "2", 300, 100, (OcrLine("1381234", quad, (), 0.41),
    ...                                  OcrLine("13812345678", quad, (), 0.97)))
    >>> [str(gap.location) for gap in doubtful_lines([page])]
    ['page 2']
    >>> doubtful_lines([page])[0].location.box
    (10, 10, 200, 40)
    """
    return [
        Unread(
            attrs.evolve(where(page) if where else Location(page=page.label), box=_box(line)),
            Message(DOUBTFUL),
        )
        for page in pages
        for line in page.lines
        if line.score < LOW_SCORE and sum(c.isdigit() for c in line.text) >= _DOUBTFUL_DIGITS
    ]


def _box(line: OcrLine) -> tuple[int, int, int, int]:
    box = line.box
    return (box.left, box.top, box.right, box.bottom)


def read_image(path: Path, kind: Kind, encoding: str | None = None) -> Document:
    """The reader of an image file: one :class:`ScanText` of its pages (each read by OCR, one
    page in memory at a time), written back with the changed characters painted over.

    ``encoding`` is for text files and is not used.  Without the ``ocr``
    extra the whole file is unread, with the pip command.  An EMF or a WMF is
    read by the text it draws (:func:`~zfgk.documents._vector.vector_document`),
    without OCR, and never written.

    >>> import pathlib, tempfile
    >>> from zfgk.documents._image import read_image
    >>> from zfgk.formats import Kind
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "scan.png"
    >>> _ = path.write_bytes(b"\\x89PNG\\r\\n\\x1a\\n damaged")
    >>> (gap,) = read_image(path, Kind.IMAGE).unread  # damaged, or no ocr extra: not read
    >>> str(gap.location), gap.reason.localized("en").startswith("an image")
    ('whole file', True)
    """
    try:
        with path.open("rb") as f:
            data = f.read(4096)
            if vector_kind(data) is not None:  # an EMF, a WMF: its text is read as it is drawn
                data += f.read(MAX_VECTOR + 1 - len(data))  # past the limit: said unread
                return vector_document(path, data, kind)
    except OSError as e:
        raise DocumentError.of(
            N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
        ) from None
    try:
        require_ocr()
    except MissingExtraError:
        return Document(path, kind, unread=[Unread(Location(part="whole file"), NO_OCR)])
    pages: list[OcrPage] = []
    unread: list[Unread] = []
    try:
        pictures = ((image, number, str(number), 1) for number, image in frames(path))
        for page in ocr_each(pictures):  # the pages before a damaged one are kept
            pages.append(page)
    except ImageUnreadable as e:
        where = Location(part="whole file") if e.page is None else Location(page=e.page)
        unread.append(Unread(where, e.reason))
    scans = ScanText(path, pages, unread, paint_image_file)
    document = Document(
        path, kind, [Text(scans.text, scans, key=0)], list(scans.unread), writer=write_single
    )
    document.details["pages"] = len(pages)
    return document
