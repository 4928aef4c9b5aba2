"""PDF files: the text of every page, through pypdf (the ``pdf`` extra; internal).

A page's lines are joined by spaces: a line break in a PDF is where the
layout wrapped (a number in a narrow table cell goes on over two lines),
so a number wrapped at the end of a line is read whole.  Letter-spaced
digits are read whole and the cells of a table kept apart
(:mod:`zfgk.documents._pdf_text`).  Pages are named as the PDF numbers
them: by its page labels (``i``, ``ii``, ``1`` …) when it has them, else
from 1.  A PDF that needs a password, or that pypdf cannot read, is a
clear error.  A PDF cannot be masked in place: mask its source document and
export it again.

After the last page come, each on its own line, the texts a PDF carries
without drawing them on a page: its annotations (comments, the address of
a link such as ``tel:…``), named by the page they are on; its properties
(title, author, subject, keywords, and the XMP metadata), its bookmarks and
its form fields' values, named ``(properties)``, ``(bookmarks)`` and
``(form fields)``.  A number there is published too.

Then the earlier revisions of a PDF saved incrementally (several ``%%EOF``):
an editor that "removes" a number appends the new page and leaves the old
one in the file, where any PDF tool reads it.  Each page or text of an
earlier revision that differs from the last one is read, named ``revision
1: page 2``.

What cannot be read is listed on the source (``unread``), never passed:
a page whose text is drawn in a font without a usable ToUnicode map (its
characters are glyph numbers), a page that is a scanned image
(:func:`scanned_pages`: an image covers most of it, even under a typed
title or page number), a page with no text at all, and on a typed page a
picture as large as a photograph (a pasted screenshot of a list: the rule
of a Word file's pictures, :func:`~zfgk.documents._embedded.is_large`),
named ``page 2, picture 1`` (the pictures of a page numbered as it draws
them, :func:`~zfgk.documents._pdf_images.pictures`).  The typed pages with
a picture OCR would read are on the source too (``pictured``): with the
``ocr`` extra the document reader reads those pictures
(:func:`~zfgk.documents._image_pdf.read_pdf_scans`) in the place of the
large ones' "unread".  Files attached to the PDF (``attachments``: its
EmbeddedFiles, FileAttachment annotations and associated files) are read
as files of their own by the document reader.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from zfgk.documents._embedded import is_large, is_legible
from zfgk.documents._model import Location
from zfgk.documents._parts import Unread
from zfgk.documents._pdf_attached import Carried, pdf_attachments
from zfgk.documents._pdf_images import PageImage, coverage, page_images, pictures
from zfgk.documents._pdf_text import (
    Extents,
    Piece,
    page_text,
    piece,
    unreadable_font,
    unreadable_text,
)
from zfgk.errors import DocumentError, MaskUnsupportedError, MissingExtraError, ZfgkError
from zfgk.i18n import N_, Message, os_reason
from zfgk.privacy import find_pii

__all__ = [
    "PAGE_BREAK",
    "PICTURE",
    "SCANNED_COVERAGE",
    "PageImage",
    "PdfSource",
    "ScannedPage",
    "pictured_pages",
    "read_pdf",
    "scanned_pages",
    "unsupported",
]

#: What separates the text of two pages.
PAGE_BREAK = "\f"
#: The keys of an annotation that hold text: its contents, title, rich text, tooltip, link.
_ANNOTATION_TEXTS = ("/Contents", "/T", "/RC", "/TU", "/Subj")
#: How deep bookmarks are followed (a loop in a broken outline stops here).
_MAX_DEPTH = 64
#: Labels of the texts that are on no page.
PROPERTIES, BOOKMARKS, FORM_FIELDS = "(properties)", "(bookmarks)", "(form fields)"
#: The label of the other strings of a PDF's objects (page labels, attachments' names …).
OBJECTS = "(other objects)"
#: The share of a page that images must cover for the page to be a scan.
SCANNED_COVERAGE = 0.5
#: The end of a revision of a PDF: where its cross-reference is, then ``%%EOF``.
_REVISION_END = re.compile(rb"startxref\s+(\d+)\s*%%EOF")
#: How many earlier revisions are read; more are said to be unread.
_MAX_REVISIONS = 32
_SCANNED = N_("a scanned image; zfgk reads it only with OCR: pip install 'zfgk[ocr]'")
#: Why a picture on a typed page (a pasted screenshot of a list, a photograph) is not read.
PICTURE = N_(
    "a picture as large as a photograph or a screenshot of a list; zfgk reads it only with "
    "OCR: pip install 'zfgk[ocr]', or check it by eye"
)
_NO_TEXT = N_(
    "no text on the page: a scanned image? zfgk cannot read it; "
    "check it by eye, or make the PDF from its source document"
)
_NO_TOUNICODE = N_(
    "its font has no usable ToUnicode: zfgk cannot read its text; check it by eye, or "
    "make the PDF again from its source document with the fonts embedded"
)


def unsupported(path: Path) -> MaskUnsupportedError:
    """The error of masking a PDF."""
    return MaskUnsupportedError.of(
        N_(
            "{path}: a PDF cannot be masked in place: mask the document it was made from "
            "(.docx, .html) with zfgk and export the PDF again"
        ),
        path=path,
    )


def _pypdf() -> Any:
    try:
        import pypdf
    except ImportError:
        raise MissingExtraError.of(
            N_("reading PDF files needs the pdf extra: pip install 'zfgk[pdf]'")
        ) from None
    # pypdf logs what it repairs in a damaged file.  Where the program has set up no
    # logging, Python would print those lines on stderr beside zfgk's one error line;
    # a NullHandler keeps them from it while a program's own handlers still get them.
    logger = logging.getLogger("pypdf")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
    return pypdf


def _broken(path: Path, error: BaseException | None = None) -> ZfgkError:
    """A PDF pypdf could not read: damaged, or (``error``) AES-encrypted and pypdf without
    the cryptography package, which it finds out only when it decrypts (the first object
    read, for some revisions of the encryption)."""
    if error is not None and isinstance(error, _pypdf().errors.DependencyError):
        return _needs_cryptography(path)
    return DocumentError.of(N_("{path}: not a PDF that can be read (damaged?)"), path=path)


def _needs_cryptography(path: Path) -> MissingExtraError:
    return MissingExtraError.of(
        N_(
            "{path}: the PDF is encrypted with AES; reading it needs the cryptography "
            "package: pip install cryptography"
        ),
        path=path,
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as e:
        raise DocumentError.of(
            N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
        ) from None


def _open(path: Path, data: bytes | None = None) -> Any:
    pypdf = _pypdf()
    try:
        reader = pypdf.PdfReader(io.BytesIO(_read(path) if data is None else data))
    except Exception as e:  # pypdf raises many kinds on a malformed file
        raise _broken(path, e) from None
    if not reader.is_encrypted:
        return reader
    try:
        opened = reader.decrypt("")  # protected against copying only: no password to open
    except Exception as e:
        raise _broken(path, e) from None
    if not opened:
        raise DocumentError.of(
            N_(
                "{path}: the PDF needs a password to open: open it, save a copy without the "
                "password, and scan that"
            ),
            path=path,
        )
    return reader


def _labels(reader: Any, count: int) -> list[str]:
    try:
        labels = [str(label) for label in reader.page_labels]
    except Exception:  # a broken label tree: number the pages from 1
        labels = []
    return labels if len(labels) == count else [str(n) for n in range(1, count + 1)]


class PdfSource:
    """The texts of a PDF: where each starts in the document's text, and its place.

    ``unread`` lists what could not be read; ``attachments`` the files the
    PDF carries, for the document reader to read; ``pictured`` the images
    drawn on each typed page (by its number from 1) that draws a picture OCR
    would read (:func:`~zfgk.documents._embedded.is_legible`), found once.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.starts: list[int] = []
        self.places: list[Location] = []
        self.unread: list[Unread] = []
        self.attachments: list[Carried] = []
        self.pictured: dict[int, list[PageImage]] = {}

    def locate(self, offset: int) -> Location:
        if not self.places:
            return Location()
        return self.places[max(bisect.bisect_right(self.starts, offset) - 1, 0)]

    def write(self, output: Path, old: str, new: str) -> None:
        raise unsupported(self.path)


@attrs.frozen
class ScannedPage:
    """A page of a PDF that is a scanned image, and the images drawn on it.

    ``index`` counts from 0 as pypdf's ``reader.pages`` does; ``label`` is
    the page's name as the PDF numbers it; ``coverage`` the share of the
    page its images cover; ``images`` each image with its box on the page
    (:class:`~zfgk.documents._pdf_images.PageImage`: pypdf's
    ``reader.pages[index].images[name]`` gives the pixels, ``name`` the one
    XObject name or the tuple of them for an image inside a form).
    """

    index: int
    label: str
    coverage: float
    images: tuple[PageImage, ...]


def _scanned(
    reader: Any, page: Any, index: int, label: str, images: list[PageImage] | None = None
) -> ScannedPage | None:
    images = page_images(page, reader) if images is None else images
    box = page.cropbox
    share = coverage(images, (float(box.left), float(box.bottom), float(box.right), float(box.top)))
    if share < SCANNED_COVERAGE:
        return None
    return ScannedPage(index, label, share, tuple(images))


def scanned_pages(path: Path | str) -> tuple[ScannedPage, ...]:
    """The pages of the PDF at ``path`` that are scanned images, with the images on each.

    A page is a scan when its images cover at least :data:`SCANNED_COVERAGE`
    of it, whatever typed text lies over them (a title, a page number): its
    numbers are in the pixels, which only OCR reads.  The document reader
    lists each such page as unread (``page 3: a scanned image …``); the OCR
    reader reads them from here.

    >>> import io, pathlib, tempfile
    >>> from pypdf import PdfWriter
    >>> from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject
    >>> from zfgk.documents._pdf import scanned_pages
    >>> writer = PdfWriter()
    >>> page = writer.add_blank_page(200, 100)
    >>> image = DecodedStreamObject()
    >>> image.set_data(bytes(4))
    >>> image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
    ...     NameObject("/Width"): NumberObject(2), NameObject("/Height"): NumberObject(2),
    ...     NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8)})
    >>> page[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): DictionaryObject(
    ...     {NameObject("/Im0"): writer._add_object(image)})})
    >>> content = DecodedStreamObject()
    >>> content.set_data(b"q 200 0 0 90 0 5 cm /Im0 Do Q")
    >>> page[NameObject("/Contents")] = writer._add_object(content)
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "scan.pdf"
    >>> _ = writer.write(path)
    >>> [(p.index, p.label, p.coverage, [(i.names, i.box) for i in p.images]) for p in scanned_pages(path)]
    [(0, '1', 0.9, [(('/Im0',), (0.0, 5.0, 200.0, 95.0))])]
    """
    path = Path(path)
    reader = _open(path)
    try:
        pages = list(reader.pages)
        labels = _labels(reader, len(pages))
        found = [_scanned(reader, page, n, labels[n]) for n, page in enumerate(pages)]
    except Exception as e:  # pypdf raises many kinds on a malformed file
        raise _broken(path, e) from None
    return tuple(page for page in found if page is not None)


def pictured_pages(path: Path | str) -> list[int]:
    """The numbers (from 1) of the typed pages of the PDF at ``path`` (not scans) that draw a
    picture OCR would read (:func:`~zfgk.documents._embedded.is_legible`), found without
    reading any text.

    >>> import pathlib, tempfile
    >>> from pypdf import PdfWriter
    >>> from zfgk.documents._pdf import pictured_pages
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "blank.pdf"
    >>> writer = PdfWriter()
    >>> _ = writer.add_blank_page(595, 842)
    >>> _ = writer.write(path)
    >>> pictured_pages(path)
    []
    """
    path = Path(path)
    reader = _open(path)
    found = []
    try:
        for number, page in enumerate(reader.pages, start=1):
            images = page_images(page, reader)
            if _legible(images) and _scanned(reader, page, number - 1, "", images) is None:
                found.append(number)
    except Exception as e:  # pypdf raises many kinds on a malformed file
        raise _broken(path, e) from None
    return found


def _legible(images: list[PageImage]) -> bool:
    """Whether one of a page's pictures is large enough for OCR to read."""
    return any(is_legible(image.width, image.height) for _, image in pictures(images))


def _page_text(page: Any) -> tuple[str, bool]:
    """A page's text (:func:`~zfgk.documents._pdf_text.page_text`), and whether it is unreadable."""
    pieces: list[Piece] = []
    fonts = False
    extents = Extents(page)

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        nonlocal fonts
        if text:
            pieces.append(piece(text, cm, tm, size or 0, extents.end))
            fonts = fonts or (bool(text.strip()) and unreadable_font(font, text))

    page.extract_text(
        visitor_text=visit,
        visitor_operand_before=extents.before,
        visitor_operand_after=extents.after,
    )
    text = page_text(pieces)
    return text, fonts or unreadable_text(text)


def _read_page(
    path: Path, reader: Any, page: Any, index: int, place: Location
) -> tuple[str, list[Unread], list[PageImage] | None]:
    """A page's text, what of it cannot be read (a scan, no text, unreadable fonts, a picture
    as large as a photograph), and the images it draws if it is a typed page with a picture
    OCR would read (else None)."""
    try:
        text, unreadable = _page_text(page)
        images = page_images(page, reader)
        scanned = _scanned(reader, page, index, place.page or "", images)
    except Exception as e:
        if isinstance(e, _pypdf().errors.DependencyError):
            raise _needs_cryptography(path) from None
        raise DocumentError.of(
            N_("{path}: the text of page {page} cannot be read (damaged?)"),
            path=path,
            page=place.page,
        ) from None
    gaps = []
    if scanned is not None:
        gaps.append(Unread(place, Message(_SCANNED)))
    else:
        if not text.strip():
            gaps.append(Unread(place, Message(_NO_TEXT)))
        for number, image in pictures(images):
            if is_large(image.width, image.height):  # unread until OCR reads it
                where = attrs.evolve(place, part=f"picture {number}")
                gaps.append(Unread(where, Message(PICTURE)))
    if unreadable:
        gaps.append(Unread(place, Message(_NO_TOUNICODE)))
    return text, gaps, images if scanned is None and _legible(images) else None


def read_pdf(path: Path) -> tuple[str, PdfSource]:
    """The text of every page of a PDF, pages apart, then its other texts, and its source."""
    data = _read(path)
    reader = _open(path, data)
    try:
        pages = list(reader.pages)
    except Exception as e:
        raise _broken(path, e) from None
    labels = _labels(reader, len(pages))
    source = PdfSource(path)
    texts: list[str] = []
    length = 0

    def add(text: str, place: Location, end: str) -> None:
        nonlocal length
        source.starts.append(length)
        source.places.append(place)
        texts.append(text + end)
        length += len(text) + len(end)

    page_texts: list[str] = []
    for number, page in enumerate(pages):
        place = Location(page=labels[number])
        text, gaps, drawn = _read_page(path, reader, page, number, place)
        if drawn is not None:
            source.pictured[number + 1] = drawn
        page_texts.append(text)
        add(text, place, PAGE_BREAK)
        source.unread += gaps
    try:
        unseen = list(_unseen(reader, pages, labels))
        source.attachments = pdf_attachments(reader)
    except Exception as e:  # pypdf raises many kinds on a malformed file
        raise _broken(path, e) from None
    for label, text in unseen:
        add(text, _place(label), "\n")
    _earlier_revisions(
        path, data, final_pages=page_texts, final_unseen=set(unseen), add=add, source=source
    )
    return "".join(texts), source


def _place(label: str) -> Location:
    """The place of a text a PDF carries: its page, or ``(properties)`` and the like."""
    return Location(page=label)


def revision_ends(data: bytes) -> list[int]:
    """Where each revision of a PDF ends (just after its ``%%EOF``), the last one's too.

    The first part of a linearized file (its first page's cross-reference)
    is no revision of its own.

    >>> from zfgk.documents._pdf import revision_ends
    >>> revision_ends(b"%PDF-1.7 ... startxref\\n9\\n%%EOF\\n... startxref 31\\n%%EOF")
    [30, 53]
    """
    ends = [m.end() for m in _REVISION_END.finditer(data) if int(m.group(1)) < m.start()]
    if ends and b"/Linearized" in data[:1024]:
        ends = ends[1:]
    return ends


def _earlier_revisions(
    path: Path,
    data: bytes,
    *,
    final_pages: list[str],
    final_unseen: set[tuple[str, str]],
    add: Any,
    source: PdfSource,
) -> None:
    """Add the texts of each earlier revision that differ from the last revision's."""
    ends = revision_ends(data)[:-1]
    skipped = max(len(ends) - _MAX_REVISIONS, 0)
    for number, end in enumerate(ends[skipped:], start=skipped + 1):
        member = f"revision {number}"
        try:
            reader = _open(path, data[:end])
            pages = list(reader.pages)
            labels = _labels(reader, len(pages))
            read = [
                _read_page(path, reader, page, index, Location(page=labels[index], member=member))
                for index, page in enumerate(pages)
            ]
            unseen = list(_unseen(reader, pages, labels))
            carried = pdf_attachments(reader)
        except Exception:  # what is left of an earlier revision may be damaged
            source.unread.append(
                Unread(
                    Location(member=member),
                    Message(
                        N_(
                            "an earlier revision of the PDF, still in the file, cannot be "
                            "read; save the PDF anew (not incrementally) and check that"
                        )
                    ),
                )
            )
            continue
        for index, (text, gaps, _) in enumerate(read):
            if index >= len(final_pages) or text != final_pages[index]:
                add(text, Location(page=labels[index], member=member), "\n")
                source.unread += gaps
        for label, text in unseen:
            if (label, text) not in final_unseen:
                add(text, _place(label).inside(member), "\n")
        known = {(c.name, c.data) for c in source.attachments}
        source.attachments += [
            Carried(f"{member}/{c.name}", c.data, c.reason)
            for c in carried
            if (c.name, c.data) not in known
        ]
    if len(ends) > _MAX_REVISIONS:
        source.unread.append(
            Unread(
                Location(part="whole file"),
                Message(
                    N_(
                        "the PDF was saved {count} times over itself; zfgk read the last "
                        "{read} earlier revisions only: save it anew and check that"
                    ),
                    count=len(ends) + 1,
                    read=_MAX_REVISIONS,
                ),
            )
        )


def _unseen(reader: Any, pages: list[Any], labels: list[str]) -> Iterator[tuple[str, str]]:
    """(label, text) of each text the PDF carries without drawing it on a page: those a
    viewer names (comments, links, properties, bookmarks, form fields), then every other
    string of its objects (:func:`_other_strings`), each once."""
    seen: set[str] = set()
    for label, text in _named(reader, pages, labels):
        seen.add(text)
        yield label, text
    yield from ((OBJECTS, text) for text in _other_strings(reader) if text not in seen)


def _named(reader: Any, pages: list[Any], labels: list[str]) -> Iterator[tuple[str, str]]:
    for number, page in enumerate(pages):
        for reference in page.get("/Annots") or ():
            annotation = reference.get_object()
            found = [annotation.get(key) for key in _ANNOTATION_TEXTS]
            action = annotation.get("/A")
            if action is not None:
                found.append(action.get_object().get("/URI"))
            texts = [_text(value) for value in found if value is not None]
            yield from ((labels[number], text) for text in texts)
            shown = _appearance(annotation)
            said = " ".join([*texts, *_values(annotation)])  # a field's value: read as such
            if shown and len(find_pii(shown)) > len(find_pii(said)):
                # what the page shows of it (a comment's box, a stamp, a filled field) holds
                # a number its own texts do not
                yield labels[number], shown
    for value in (reader.metadata or {}).values():
        yield PROPERTIES, _text(value)
    root = reader.trailer["/Root"]
    metadata = root.get("/Metadata")
    if metadata is not None:
        xmp = metadata.get_object().get_data().decode("utf-8", "replace")
        yield PROPERTIES, " ".join(xmp.split())
    yield from ((BOOKMARKS, title) for title in _bookmarks(reader.outline, 0))
    for field in (reader.get_fields() or {}).values():
        for key in ("/V", "/DV", "/TU"):
            if field.get(key) is not None:
                yield FORM_FIELDS, _text(field[key])


def _other_strings(reader: Any) -> Iterator[str]:
    """Every other string of the PDF's objects: what a viewer shows beside the pages (page
    labels, attachments' names and descriptions, a list's choices, links' and scripts'
    targets, pictures' alternate text) and what it may not show, read as one."""
    pypdf = _pypdf()
    generic = pypdf.generic
    numbers = {(n, g) for g, table in reader.xref.items() for n in table}
    numbers.update((n, 0) for n in reader.xref_objStm)
    texts: list[str] = []
    for number, generation in sorted(numbers):
        if number == 0 or generation == 65535:
            continue
        try:
            value = reader.get_object(generic.IndirectObject(number, generation, reader))
        except Exception:  # an object pypdf cannot read: the pages' reading says so if used
            continue
        texts.extend(_strings(value, generic, 0))
    seen: set[str] = set()
    for text in texts:
        if text not in seen and len(text) >= 7:
            seen.add(text)
            yield text


#: Keys whose strings are no text: the file's id, the encryption's keys.
_NOT_TEXT = frozenset({"/ID", "/O", "/U", "/OE", "/UE", "/Perms", "/CF"})


def _strings(value: Any, generic: Any, depth: int) -> Iterator[str]:
    """The strings in one object (not following references), a script stream's text too."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, (generic.TextStringObject, generic.ByteStringObject)):
        yield _text(value)
    elif isinstance(value, generic.DictionaryObject):
        for key, inner in value.items():
            if key in _NOT_TEXT:
                continue
            if key == "/JS" and isinstance(inner, generic.IndirectObject):
                script = inner.get_object()
                if isinstance(script, generic.StreamObject):
                    yield " ".join(script.get_data().decode("latin-1").split())
                continue
            yield from _strings(inner, generic, depth + 1)
    elif isinstance(value, generic.ArrayObject):
        for inner in value:
            yield from _strings(inner, generic, depth + 1)


def _values(annotation: Any) -> list[str]:
    """A widget's field value, on it or on its field (the parent of its kids)."""
    values = []
    for reference in (annotation, annotation.get("/Parent")):
        holder: Any = reference.get_object() if reference is not None else None
        value = holder.get("/V") if hasattr(holder, "get") else None
        if value is not None:
            values.append(_text(value))
    return values


def _appearance(annotation: Any) -> str:
    """The text an annotation's appearance draws on the page (``/AP /N``: one stream, or one
    per state), as a page's text is read; "" if it has none, or none that can be read (a
    missing object, a name where a stream should be: pypdf draws nothing either)."""
    pypdf = _pypdf()
    generic = pypdf.generic
    try:
        appearance = annotation.get("/AP")
        appearance = appearance.get_object() if appearance is not None else None
        normal = appearance.get("/N") if isinstance(appearance, generic.DictionaryObject) else None
        normal = normal.get_object() if normal is not None else None
        if isinstance(normal, generic.StreamObject):
            streams = [normal]
        elif isinstance(normal, generic.DictionaryObject):
            streams = [v.get_object() for v in normal.values()]
        else:
            return ""
    except Exception:  # a broken reference: no appearance to read
        return ""
    texts = []
    for stream in streams[:_MAX_STATES]:
        if not isinstance(stream, generic.StreamObject):
            continue
        page = pypdf.PageObject.create_blank_page(width=1000, height=1000)
        page[generic.NameObject("/Resources")] = generic.DictionaryObject(
            {
                generic.NameObject("/XObject"): generic.DictionaryObject(
                    {generic.NameObject("/Zfgk"): stream}
                )
            }
        )
        content = generic.DecodedStreamObject()
        content.set_data(b"/Zfgk Do")
        page[generic.NameObject("/Contents")] = content
        texts.append(_page_text(page)[0])
    return " ".join(" ".join(texts).split())


#: How many of an annotation's appearance states are read (a check box has two).
_MAX_STATES = 8


def _bookmarks(outline: Any, depth: int) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        return
    for entry in outline:
        if isinstance(entry, list):
            yield from _bookmarks(entry, depth + 1)
        elif entry.get("/Title") is not None:
            yield _text(entry["/Title"])


def _attached(reader: Any) -> bool:
    names = reader.trailer["/Root"].get("/Names")
    return names is not None and names.get_object().get("/EmbeddedFiles") is not None


def _text(value: Any) -> str:
    """A PDF value as text, on one line (a byte string as Latin-1, as PDF strings are read)."""
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return " ".join(str(value).split())  # a line break or a page break is a space
