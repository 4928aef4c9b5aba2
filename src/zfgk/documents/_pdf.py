"""PDF files: the text of every page, through pypdf (the ``pdf`` extra; internal).

A page's lines are joined by spaces: a line break in a PDF is where the
layout wrapped (a number in a narrow table cell goes on over two lines),
so a number wrapped at the end of a line is read whole.  Pages are named
as the PDF numbers them: by its page labels (``i``,
``ii``, ``1`` …) when it has them, else from 1.  A PDF that needs a
password, or that pypdf cannot read, is a clear error.  A PDF cannot be
masked in place: mask its source document and export it again.

After the last page come, each on its own line, the texts a PDF carries
without drawing them on a page: its annotations (comments, the address of
a link such as ``tel:…``), named by the page they are on; its properties
(title, author, subject, keywords, and the XMP metadata), its bookmarks and
its form fields' values, named ``(properties)``, ``(bookmarks)`` and
``(form fields)``.  A number there is published too.  Files attached to a
PDF are not read: a PDF that carries any is an error, never a pass.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from zfgk.documents._model import Location
from zfgk.errors import DocumentError, MaskUnsupportedError, MissingExtraError
from zfgk.i18n import N_, os_reason

__all__ = ["PAGE_BREAK", "PdfSource", "read_pdf", "unsupported"]

#: What separates the text of two pages.
PAGE_BREAK = "\f"
#: The keys of an annotation that hold text: its contents, title, rich text, tooltip, link.
_ANNOTATION_TEXTS = ("/Contents", "/T", "/RC", "/TU", "/Subj")
#: How deep bookmarks are followed (a loop in a broken outline stops here).
_MAX_DEPTH = 64
#: Labels of the texts that are on no page.
PROPERTIES, BOOKMARKS, FORM_FIELDS = "(properties)", "(bookmarks)", "(form fields)"


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


def _broken(path: Path) -> DocumentError:
    return DocumentError.of(N_("{path}: not a PDF that can be read (damaged?)"), path=path)


def _open(path: Path) -> Any:
    pypdf = _pypdf()
    try:
        reader = pypdf.PdfReader(path)
    except OSError as e:
        raise DocumentError.of(
            N_("{path}: cannot read the file: {strerror}"), path=path, strerror=os_reason(e)
        ) from None
    except Exception:  # pypdf raises many kinds on a malformed file
        raise _broken(path) from None
    if not reader.is_encrypted:
        return reader
    try:
        opened = reader.decrypt("")  # protected against copying only: no password to open
    except pypdf.errors.DependencyError:
        raise MissingExtraError.of(
            N_(
                "{path}: the PDF is encrypted with AES; reading it needs the cryptography "
                "package: pip install cryptography"
            ),
            path=path,
        ) from None
    except Exception:
        raise _broken(path) from None
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
    """The pages of a PDF: where each page's text starts, and its label."""

    def __init__(self, path: Path, starts: list[int], labels: list[str]) -> None:
        self.path = path
        self.starts = starts
        self.labels = labels

    def locate(self, offset: int) -> Location:
        if not self.labels:
            return Location()
        return Location(page=self.labels[max(bisect.bisect_right(self.starts, offset) - 1, 0)])

    def write(self, output: Path, old: str, new: str) -> None:
        raise unsupported(self.path)


def read_pdf(path: Path) -> tuple[str, PdfSource]:
    """The text of every page of a PDF, pages apart, and its source."""
    reader = _open(path)
    try:
        pages = list(reader.pages)
    except Exception:
        raise _broken(path) from None
    labels = _labels(reader, len(pages))
    texts: list[str] = []
    starts: list[int] = []
    length = 0
    for number, page in enumerate(pages):
        try:
            text = (page.extract_text() or "").replace("\r", " ").replace("\n", " ")
        except Exception:
            raise DocumentError.of(
                N_("{path}: the text of page {page} cannot be read (damaged?)"),
                path=path,
                page=labels[number],
            ) from None
        starts.append(length)
        texts.append(text + PAGE_BREAK)
        length += len(text) + len(PAGE_BREAK)
    labels = list(labels)
    try:
        unseen = list(_unseen(reader, pages, labels))
        attached = _attached(reader)
    except Exception:  # pypdf raises many kinds on a malformed file
        raise _broken(path) from None
    if attached:
        raise DocumentError.of(
            N_(
                "{path}: the PDF carries attached files, which zfgk does not read: check them "
                "by eye, or make the PDF without them"
            ),
            path=path,
        )
    for label, text in unseen:
        starts.append(length)
        labels.append(label)
        texts.append(text + "\n")
        length += len(text) + 1
    return "".join(texts), PdfSource(path, starts, labels)


def _unseen(reader: Any, pages: list[Any], labels: list[str]) -> Iterator[tuple[str, str]]:
    """(label, text) of each text the PDF carries without drawing it on a page."""
    for number, page in enumerate(pages):
        for reference in page.get("/Annots") or ():
            annotation = reference.get_object()
            found = [annotation.get(key) for key in _ANNOTATION_TEXTS]
            action = annotation.get("/A")
            if action is not None:
                found.append(action.get_object().get("/URI"))
            yield from ((labels[number], _text(value)) for value in found if value is not None)
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
