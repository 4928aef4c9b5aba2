"""The scanned pages of a PDF read by OCR, for the PDF reader to add to its text (the ``ocr``
and ``pdf`` extras; internal).

The PDF reader reads the typed text of every page and lists each page that
is a scan (:func:`zfgk.documents._pdf.scanned_pages`: images cover most of
the page) as unread ("a scanned image; zfgk reads it only with OCR").  Where
the ``ocr`` extra is installed, it reads them instead with these two
functions, in ``documents._readers._pdf``::

    text, source = read_pdf(path)
    try:
        scanned = [page.index + 1 for page in scanned_pages(path)]
        scans = read_pdf_scans(path, scanned, source.pictured)
    except MissingExtraError:
        pass  # the scanned pages (and large pictures) stay unread, with the pip command
    else:
        text, source = with_scans(path, text, source, scans)
    document = Document(path, kind, [Text(text, source, key=0)], source.unread, writer=write_single)

(and ``files._mask`` no longer refuses a PDF before reading it: the
writer says what it cannot write).  :func:`read_pdf_scans` reads each image
drawn on each of those pages (as it is drawn: turned, mirrored, page
rotation too) by OCR into a :class:`~zfgk.documents._image.ScanText`: its
text, a character's page and box (in the pixels of the picture it is on),
and as unread a page whose picture zfgk cannot decode or take out.
:func:`with_scans` puts that text after the typed text: one text, whose
``locate`` answers for both, whose ``unread`` is the reader's without the
"scanned image" of the pages OCR read, and whose ``write`` paints the
changed OCR characters on the page images
(:func:`~zfgk.documents._ocr_pdf.paint_scanned_pdf`: no copy of the original
image left, the invisible text layer of a scanned page taken off, page
thumbnails dropped).  A change of the typed text cannot be written, except
on a scanned page whose invisible OCR layer the writer takes off; typed
text that shows and holds a number is refused, with its places.

The pictures on the typed pages (a pasted screenshot of a list beside the
text of a notice) are read by the same two functions: the PDF reader lists
the typed pages that draw a picture large enough to show a line of digits
(``source.pictured``), :func:`read_pdf_scans` reads each such picture by
OCR, once per XObject however many pages draw it, its places named ``page
2, picture 1``, and the writer paints them as it paints scanned pages (a
picture drawn inline holding a number is refused: it cannot be replaced).

>>> from zfgk.documents._image_pdf import with_scans
>>> with_scans.__name__
'with_scans'
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol

import attrs

from zfgk.documents._embedded import is_large
from zfgk.documents._image import Painter, ScanText
from zfgk.documents._ocr import OcrPage, ocr_each, require_ocr
from zfgk.documents._ocr_files import ImageUnreadable, paint_scanned_pdf
from zfgk.documents._ocr_pdf import (
    TypedPicture,
    page_labels,
    page_pictures,
    picture_key,
    scanned_pages,
    shown_picture,
    typed_pictures,
)
from zfgk.documents._parts import Location, Unread
from zfgk.documents._pdf import _SCANNED, PICTURE, _open
from zfgk.errors import MaskUnsupportedError
from zfgk.i18n import N_, Message

__all__ = ["NO_PICTURE", "PdfScans", "TypedAndScanned", "read_pdf_scans", "with_scans"]

#: Why a page said to be a scan is not read, when no picture can be taken out of it.
NO_PICTURE = N_(
    "a scanned page whose picture zfgk cannot take out of the PDF (drawn inline, or in a way "
    "zfgk does not follow), so OCR cannot read it: check it by eye"
)
#: The most places a refusal names.
_NAMED = 20


class _Source(Protocol):
    def locate(self, offset: int) -> Location: ...

    def write(self, output: Path, old: str, new: str) -> None: ...


def read_pdf_scans(
    path: Path | str, pages: Collection[int] | None = None, pictured: Collection[int] | None = None
) -> ScanText:
    """The OCR text of the scanned pages of the PDF at ``path``, and of the pictures on its
    typed pages: ``pages`` (numbers from 1, as the PDF reader found them), by default those
    :func:`~zfgk.documents._ocr_pdf.is_scanned_page` calls scans; ``pictured`` the typed pages
    whose pictures are read (:func:`~zfgk.documents._ocr_pdf.typed_pictures`), by default
    every other page; given as the PDF reader's ``pictured`` (the images of each page by its
    number), the pages are not walked again.

    Each picture of each page is read in turn (one page's pictures in
    memory at a time).  A picture drawn again (a logo on every page: one
    XObject) is decoded and read once, its text put on each page that draws
    it.  A scanned page whose picture cannot be decoded, or that has no
    picture zfgk can take out, is in the result's ``unread``, and so is a
    picture on a typed page that cannot be decoded and is as large as a
    photograph (:func:`~zfgk.documents._embedded.is_large`).  The text of a
    picture on a typed page is placed at ``page 2, picture 1`` and its box.
    Raises :class:`~zfgk.errors.MissingExtraError` without the ``ocr`` extra.

    >>> import pathlib, tempfile
    >>> from zfgk.documents._image_pdf import read_pdf_scans
    >>> from zfgk.errors import MissingExtraError
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "typed.pdf"
    >>> try:
    ...     from pypdf import PdfWriter
    ...     writer = PdfWriter()
    ...     _ = writer.add_blank_page(595, 842)
    ...     _ = writer.write(path)
    ...     scans = read_pdf_scans(path)
    ... except (ImportError, MissingExtraError):  # without the pdf and ocr extras
    ...     text, unread = "", []
    ... else:
    ...     text, unread = scans.text, scans.unread
    >>> text, unread  # no scanned page, no picture
    ('', [])
    """
    require_ocr()
    path = Path(path)
    reader = _open(path)
    labels = page_labels(reader)
    numbers = scanned_pages(reader) if pages is None else sorted(set(pages))
    every = range(1, len(labels) + 1)
    typed = set(every if pictured is None else pictured) - set(numbers)
    drawn: Mapping[int, Any] = pictured if isinstance(pictured, Mapping) else {}
    for number in [*numbers, *typed]:
        if not 1 <= number <= len(labels):
            raise ValueError(f"page {number} is not a page of the PDF (1 to {len(labels)})")
    pending = _Pictures(path)

    def pictures() -> Iterator[tuple[Any, int, str, int]]:
        for number in sorted({*numbers, *typed}):
            page, label = reader.pages[number - 1], labels[number - 1]
            if number in typed:
                yield from pending.typed(typed_pictures(page, drawn.get(number)), number, label)
            else:
                yield from pending.scanned(page, number, label)

    placed = pending.placed(list(ocr_each(pictures())))
    unread = pending.unread
    painter = functools.partial(_paint, pages=numbers, pictured=sorted(typed))
    return PdfScans(path, placed, unread, painter, pictured={n: labels[n - 1] for n in typed})


class _Pictures:
    """The pictures of a PDF's pages sent to OCR, one after another, each XObject of a typed
    page once: where each reading is shown, and what could not be read."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.unread: list[Unread] = []
        # (which reading, page number, label, picture) of each picture shown, in order
        self.shown_at: list[tuple[int, int, str, int]] = []
        self.readings = itertools.count()  # each picture sent to OCR, in turn
        self.known: dict[Any, int | Message] = {}  # a picture drawn again: its reading, or why not

    def scanned(self, page: Any, number: int, label: str) -> Iterator[tuple[Any, int, str, int]]:
        """Each picture of a scanned page, as the page shows it."""
        try:
            shown = [image for _, image in page_pictures(self.path, page, label)]
        except ImageUnreadable as e:
            self.unread.append(Unread(Location(page=label), e.reason))
            return
        if not shown:
            self.unread.append(Unread(Location(page=label), Message(NO_PICTURE)))
        for picture, image in enumerate(shown, start=1):
            self.shown_at.append((next(self.readings), number, label, picture))
            yield image, number, label, picture

    def typed(
        self, found: list[TypedPicture], number: int, label: str
    ) -> Iterator[tuple[Any, int, str, int]]:
        """Each picture of a typed page not read before; one that cannot be decoded is unread
        if it is as large as a photograph."""
        for picture in found:
            key, (index, image, _) = picture_key(picture), picture
            where = Location(page=label, part=f"picture {index}")
            before = self.known.get(key) if key is not None else None
            if isinstance(before, Message):
                self.unread.append(Unread(where, before))
                continue
            if before is not None:
                self.shown_at.append((before, number, label, index))
                continue
            try:
                shown = shown_picture(self.path, picture, label)
            except ImageUnreadable as e:
                if not is_large(image.width, image.height):
                    continue  # too small to hold a list
                if key is not None:
                    self.known[key] = e.reason
                self.unread.append(Unread(where, e.reason))
                continue
            reading = next(self.readings)
            if key is not None:
                self.known[key] = reading
            self.shown_at.append((reading, number, label, index))
            yield shown, number, label, index

    def placed(self, read: list[OcrPage]) -> list[OcrPage]:
        """The readings (in the order sent) put on each page and picture that shows them."""
        placed: list[OcrPage] = []
        for reading, number, label, picture in self.shown_at:
            page = read[reading]
            if (page.number, page.image) != (number, picture):  # drawn again: read before
                page = attrs.evolve(page, number=number, label=label, image=picture)
            placed.append(page)
        return placed


class PdfScans(ScanText):
    """The OCR text of a PDF's scanned pages and of the pictures on its typed pages: a place on
    a typed page (``pictured``: the label of each by its number) names the picture, ``page 2,
    picture 1``.

    >>> from pathlib import Path
    >>> from zfgk.documents._image_pdf import PdfScans
    >>> from zfgk.documents._ocr import OcrPage
    >>> scans = PdfScans(Path("a.pdf"), [OcrPage(2, "2", 90, 30, (), image=1)], [], print,
    ...                  pictured={2: "2"})
    >>> str(scans.locate(0))
    'page 2, picture 1'
    """

    def __init__(
        self,
        path: Path,
        pages: Iterable[OcrPage],
        unread: Iterable[Unread],
        painter: Painter,
        *,
        pictured: Mapping[int, str],
    ) -> None:
        self.pictured = dict(pictured)
        super().__init__(path, pages, unread, painter)

    def where(self, page: OcrPage) -> Location:
        """The page, and on a typed page the picture."""
        if page.number in self.pictured:
            return Location(page=page.label, part=f"picture {page.image}")
        return Location(page=page.label)


def _paint(
    source: Path, output: Path, boxes: Any, *, pages: Collection[int], pictured: Collection[int]
) -> None:
    paint_scanned_pdf(source, output, boxes, pages, pictured)


class TypedAndScanned:
    """The typed text of a PDF and the OCR text of its scanned pages, as one text's source.

    Offsets before ``split`` are the typed text's (``typed``), the rest the
    scans' (``scans``).  ``unread`` holds both's, but not the typed reader's
    "scanned image" of a page that OCR read (or said why it could not).
    """

    def __init__(self, path: Path, split: int, typed: _Source, scans: ScanText) -> None:
        self.path = path
        self.split = split
        self.typed = typed
        self.scans = scans
        read = {page.label for page in scans.pages} | {gap.location.page for gap in scans.unread}
        pictured = set(getattr(scans, "pictured", {}).values())  # every picture on them read
        self.unread: list[Unread] = [
            gap
            for gap in getattr(typed, "unread", ())
            if not (gap.reason.template == _SCANNED and _on_page(gap.location) in read)
            and not (
                gap.reason.template == PICTURE
                and gap.location.member is None
                and gap.location.page in pictured
            )
        ]
        self.unread += scans.unread

    def locate(self, offset: int) -> Location:
        """The place of the character at ``offset``: in the typed text, or on a page image."""
        if offset < self.split:
            return self.typed.locate(offset)
        return self.scans.locate(offset - self.split)

    def write(self, output: Path, old: str, new: str) -> None:
        """Write the PDF with the changed characters of the scans painted over; a change of the
        typed text is refused unless it is on a scanned page (where the writer takes the
        invisible OCR layer off, and refuses typed text that shows and holds a number)."""
        split = self.split
        if old[:split] != new[:split]:
            pictured = getattr(self.scans, "pictured", {})
            scanned = {page.label for page in self.scans.pages if page.number not in pictured}
            places = []
            for offset in range(split):
                if old[offset] == new[offset]:
                    continue
                where = self.typed.locate(offset)
                if where.page not in scanned or where.part is not None or where.member:
                    places.append(where.describe())
            if places:
                named = ", ".join(dict.fromkeys(places[:_NAMED]))
                raise MaskUnsupportedError.of(
                    N_(
                        "{path}: typed text ({places}) holds an ID or mobile number, which "
                        "cannot be masked in place: mask the document the PDF was made from "
                        "and export it again"
                    ),
                    path=self.path,
                    places=named,
                )
        self.scans.write(output, old[split:], new[split:])


def _on_page(where: Location) -> str | None:
    """The page a place of the PDF itself is (not of an attachment or an earlier revision)."""
    return where.page if where.part is None and where.member is None else None


def with_scans(path: Path | str, text: str, source: _Source, scans: ScanText) -> tuple[str, Any]:
    """The PDF reader's ``(text, source)`` with the OCR text of its scanned pages after it: one
    text (:class:`TypedAndScanned` is its source) that the tasks judge and mask as a whole.

    >>> from pathlib import Path
    >>> from zfgk.documents import Location
    >>> from zfgk.documents._image import ScanText
    >>> from zfgk.documents._image_pdf import with_scans
    >>> from zfgk.documents._ocr import OcrPage
    >>> class Typed:
    ...     def locate(self, offset): return Location(page="1")
    ...     def write(self, output, old, new): raise NotImplementedError
    >>> scans = ScanText(Path("a.pdf"), [OcrPage(2, "2", 100, 100, ())], [], print)
    >>> text, source = with_scans("a.pdf", "附件\\f", Typed(), scans)
    >>> text, str(source.locate(0)), str(source.locate(3))
    ('附件\\x0c\\x0c', 'page 1', 'page 2')
    """
    return text + scans.text, TypedAndScanned(Path(path), len(text), source, scans)
