"""Files inside a document, read as what they are (internal).

A Word file holds other files: a workbook or a Word file embedded as an
object (``word/embeddings/``), a chart's workbook, a web page or web
archive that an "export to Word" tool put in as an ``altChunk``.  Each is
read by the reader of its kind (:func:`zfgk.documents.open_document`), its
texts and its cells put after the document's text, each place named with
the file it is in (:attr:`~zfgk.documents.Location.member`); what it could
not read is listed as the document's own.

A picture is read by the picture rule (:func:`read_picture`): one drawn as
vectors (EMF, WMF, SVG) by the text it draws (:mod:`zfgk.documents._vector`),
another by OCR, or said unread without it when as large as a page.

Such a file is read, never written: Word shows an embedded object as a
picture of it, which masking the object would leave as it was.  A full
number in one makes masking refuse, naming where it is.  Files inside
files are read three deep, and all of them together within the limit of
one archive (:data:`MAX_INSIDE`).
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import importlib.util
import io
import itertools
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Literal

from zfgk._arguments import quiet
from zfgk.documents._model import ReadOnly
from zfgk.documents._parts import Document, Location, Text, Unread
from zfgk.documents._vector import vector_document, vector_kind
from zfgk.errors import ZfgkError
from zfgk.formats import Kind, kind_of, read_head
from zfgk.i18n import N_, Message
from zfgk.privacy import may_hold_pii

__all__ = [
    "LARGE",
    "LEGIBLE",
    "MAX_INSIDE",
    "MAX_NESTING",
    "Folded",
    "is_large",
    "is_legible",
    "is_picture",
    "ocr_installed",
    "one_budget",
    "picture_size",
    "read_member",
    "read_picture",
]

#: How deep files inside files are read (a workbook in a Word file in a Word file).
MAX_NESTING = 3
#: The most bytes the files inside one document may inflate to, in all.
MAX_INSIDE = 1 << 30
_DEPTH: contextvars.ContextVar[int] = contextvars.ContextVar("zfgk_embedded_depth", default=0)
_BUDGET: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "zfgk_embedded_budget", default=None
)
#: The folder the copies of a document's files go to while :func:`one_budget` reads it.
_FOLDER: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "zfgk_embedded_folder", default=None
)
_COPIES = itertools.count(1)
_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")
_PICTURES = frozenset(
    ".png .jpg .jpeg .jpe .gif .bmp .dib .tif .tiff .emf .wmf .emz .wmz .svg .webp .ico".split()
)

_OBJECT = N_(
    "an object embedded in the document that zfgk cannot read (an equation, a drawing, "
    "a file in an old binary format): double-click it in Word or WPS and check what it shows "
    "by eye, or replace it by its content as text"
)
_TOO_DEEP = N_(
    "a file inside a file more than {depth} deep, which zfgk does not open: take it out and "
    "check it on its own"
)
_TOO_LARGE = N_(
    "the files inside the document would inflate to more than {size} MiB in all (a zip "
    "bomb?), so zfgk did not open this one: take it out and check it on its own"
)


#: A picture that may show a line of digits, in pixels (its shortest and longest side): read
#: by OCR where the ``ocr`` extra is installed.
LEGIBLE = (16, 100)
#: A picture as large as a scanned page or a photograph (its shortest side, its pixels):
#: without OCR it is said unread, as a PDF page that a picture covers is.
LARGE = (300, 250_000)


#: How the picture formats zfgk knows start (a damaged one of these shows nothing).
_KNOWN_PICTURES = (
    b"\x89PNG",
    b"\xff\xd8",
    b"GIF8",
    b"BM",
    b"RIFF",
    b"II*\x00",
    b"MM\x00*",
    b"\x01\x00\x09\x00",
    b"\x02\x00\x09\x00",
    b"\xd7\xcd\xc6\x9a",
    b"\x01\x00\x00\x00",
)


def picture_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels of a PNG, JPEG, GIF, BMP, WebP, TIFF picture or an icon
    (.ico, .cur: its largest image), from its first bytes; None for another format (a vector
    picture: EMF, WMF, SVG) or damaged bytes.

    >>> from zfgk.documents._embedded import picture_size
    >>> import struct
    >>> png = b"\\x89PNG\\r\\n\\x1a\\n" + struct.pack(">I4sII", 13, b"IHDR", 640, 480)
    >>> picture_size(png), picture_size(b"GIF89a" + struct.pack("<HH", 120, 30)), picture_size(b"%PDF")
    ((640, 480), (120, 30), None)
    """
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")
        if data.startswith(b"BM") and len(data) >= 26:
            width = int.from_bytes(data[18:22], "little", signed=True)
            height = int.from_bytes(data[22:26], "little", signed=True)
            return abs(width), abs(height)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp_size(data)
        if data.startswith(b"\xff\xd8"):
            return _jpeg_size(data)
        if data[:4] in (b"II*\x00", b"MM\x00*"):
            return _tiff_size(data)
        if data[:4] in (b"\x00\x00\x01\x00", b"\x00\x00\x02\x00"):  # an icon, a cursor
            count = int.from_bytes(data[4:6], "little")
            if 0 < count <= 256 and len(data) >= 6 + 16 * count:  # its largest image's size
                sizes = [(data[6 + 16 * k] or 256, data[7 + 16 * k] or 256) for k in range(count)]
                return max(w for w, _ in sizes), max(h for _, h in sizes)
    except (IndexError, ValueError):
        return None
    return None


def _tiff_size(data: bytes) -> tuple[int, int] | None:
    """A TIFF's first image's ImageWidth and ImageLength (tags 256 and 257)."""
    order: Literal["little", "big"] = "little" if data[:2] == b"II" else "big"
    at = int.from_bytes(data[4:8], order)
    count = int.from_bytes(data[at : at + 2], order)
    found: dict[int, int] = {}
    for k in range(min(count, 512)):
        entry = data[at + 2 + 12 * k : at + 14 + 12 * k]
        if len(entry) < 12:
            return None
        tag, kind = int.from_bytes(entry[:2], order), int.from_bytes(entry[2:4], order)
        if tag in (256, 257):
            found[tag] = int.from_bytes(entry[8:10] if kind == 3 else entry[8:12], order)
    if 256 in found and 257 in found:
        return found[256], found[257]
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    if chunk == b"VP8L":
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 ":
        return int.from_bytes(data[26:28], "little") & 0x3FFF, int.from_bytes(
            data[28:30], "little"
        ) & 0x3FFF
    return None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a frame's header
            return int.from_bytes(data[at + 7 : at + 9], "big"), int.from_bytes(
                data[at + 5 : at + 7], "big"
            )
        at += 2 + length
    return None


def ocr_installed() -> bool:
    """Whether the ``ocr`` extra is installed (its engine is not loaded to tell).

    >>> from zfgk.documents import ocr_installed
    >>> ocr_installed() in (True, False)
    True
    """
    return importlib.util.find_spec("rapidocr") is not None


def read_picture(data: bytes) -> bool:
    """Whether a picture inside a document (a Word file's, a mail's) is read as a file: by
    OCR, where the ``ocr`` extra is installed, if it is large enough to show a line of
    digits (:data:`LEGIBLE`); without it, if it is as large as a scanned page or a
    photograph (:data:`LARGE`), which is then said unread.  A picture drawn as vectors
    (EMF, WMF, SVG) always is: the text it draws is read without OCR
    (:mod:`zfgk.documents._vector`).  So is a picture of a format zfgk does not know the
    header of: read, it is said unread where it cannot be, never passed over unseen (a
    known format's damaged header shows nothing: it is passed over).

    >>> from zfgk.documents._embedded import read_picture
    >>> import struct
    >>> icon = b"\\x89PNG\\r\\n\\x1a\\n" + struct.pack(">I4sII", 13, b"IHDR", 16, 16)
    >>> photo = b"\\x89PNG\\r\\n\\x1a\\n" + struct.pack(">I4sII", 13, b"IHDR", 4000, 3000)
    >>> read_picture(icon), read_picture(photo)
    (False, True)
    >>> read_picture(b'<svg xmlns="http://www.w3.org/2000/svg"><text>1</text></svg>')
    True
    """
    if vector_kind(data) is not None:
        return True
    size = picture_size(data)
    if size is None:  # damaged, or a format zfgk does not know the header of
        return bool(data) and not data.startswith(_KNOWN_PICTURES)
    return is_legible(*size) if ocr_installed() else is_large(*size)


def is_legible(width: int, height: int) -> bool:
    """Whether a picture of ``width`` x ``height`` pixels may show a line of digits
    (:data:`LEGIBLE`): what OCR reads, in a document and on a PDF's typed page.

    >>> from zfgk.documents._embedded import is_legible
    >>> is_legible(16, 16), is_legible(120, 16), is_legible(900, 15)
    (False, True, False)
    """
    short, long = sorted((width, height))
    return short >= LEGIBLE[0] and long >= LEGIBLE[1]


def is_large(width: int, height: int) -> bool:
    """Whether a picture of ``width`` x ``height`` pixels is as large as a scanned page or a
    photograph (:data:`LARGE`): what is said unread where OCR is not installed.

    >>> from zfgk.documents._embedded import is_large
    >>> is_large(905, 349), is_large(400, 300), is_large(2000, 120)
    (True, False, False)
    """
    short, long = sorted((width, height))
    return short >= LARGE[0] and short * long >= LARGE[1]


def is_picture(name: str, data: bytes) -> bool:
    """Whether a file inside a document is a picture: read, if at all, by the picture rule
    (:func:`read_picture`), not as an embedded file."""
    if PurePosixPath(name).suffix.lower() in _PICTURES:
        return True
    if data.startswith(b"PK"):
        return False  # kind_of would open a zip by its name: a member has none on disk
    return kind_of(PurePosixPath(name).name or "file", data[:8192]) is Kind.IMAGE


@contextlib.contextmanager
def one_budget() -> Iterator[None]:
    """While a document is read, the files inside it (and inside those) share one limit,
    and one temporary folder for their copies (a page of 5,000 ``data:`` links made and
    removed a folder for each: 3 ms a file)."""
    if _BUDGET.get() is not None:
        yield
        return
    token = _BUDGET.set([MAX_INSIDE])
    shared: list[str] = []
    folder = _FOLDER.set(shared)
    try:
        yield
    finally:
        _FOLDER.reset(folder)
        _BUDGET.reset(token)
        for made in shared:
            shutil.rmtree(made, ignore_errors=True)


@contextlib.contextmanager
def _copy_of(name: str) -> Iterator[Path]:
    """Where the temporary copy of a file inside a document goes, named ``name``'s way: in
    the folder of :func:`one_budget` (made once), else in a folder of its own."""
    shared = _FOLDER.get()
    if shared is None:
        with tempfile.TemporaryDirectory(prefix="zfgk-") as folder:
            yield Path(folder) / name
        return
    if not shared:
        shared.append(tempfile.mkdtemp(prefix="zfgk-"))
    inner = Path(shared[0]) / f"{next(_COPIES)}-{name}"
    try:
        yield inner
    finally:
        inner.unlink(missing_ok=True)


def read_member(path: Path, member: str, data: bytes) -> tuple[Folded | None, list[Unread]]:
    """The file ``member`` of the document ``path`` (its bytes ``data``), read as what it is:
    its text (None if nothing of it was read), and what of it could not be read."""
    where = Location(member=member)
    depth = _DEPTH.get()
    if depth >= MAX_NESTING:
        return None, [Unread(where, Message(_TOO_DEEP, depth=MAX_NESTING))]
    budget = _BUDGET.get() or [MAX_INSIDE]
    budget[0] -= _declared(data)
    if budget[0] < 0:
        return None, [Unread(where, Message(_TOO_LARGE, size=MAX_INSIDE >> 20))]
    if vector_kind(data) is not None:  # its text is read as it is drawn, never written
        token = _DEPTH.set(depth + 1)  # a picture it draws, and one that one draws …
        try:
            document = vector_document(Path(PurePosixPath(member).name), data)
        finally:
            _DEPTH.reset(token)
        folded = Folded(path, member, document)
        unread = [Unread(gap.location.inside(member), gap.reason) for gap in document.unread]
        return (folded if folded.text else None), unread
    suffix = _SUFFIX.fullmatch(PurePosixPath(member).suffix or "")
    with _copy_of("embedded" + (suffix.group() if suffix else "")) as inner:
        token = _DEPTH.set(depth + 1)
        try:
            inner.write_bytes(data)
            kind = kind_of(inner, read_head(inner))
            if kind in (Kind.OLE, Kind.BINARY):
                return None, [Unread(where, Message(_OBJECT))]
            from zfgk.documents._readers import open_document

            document = open_document(inner, kind=kind)
            folded = Folded(path, member, document)
        except ZfgkError as e:
            return None, [Unread(where, _reworded(e, member))]
        except OSError as e:  # the temporary copy: a full disk
            return None, [Unread(where, Message(N_("cannot be read: {reason}"), reason=str(e)))]
        finally:
            _DEPTH.reset(token)
    unread = [Unread(gap.location.inside(member), gap.reason) for gap in document.unread]
    return (folded if folded.text else None), unread


def _declared(data: bytes) -> int:
    """What a zip declares its members inflate to, in all (0 for any other file)."""
    if not data.startswith(b"PK"):
        return 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return 0  # its reader says it is damaged


def _reworded(error: ZfgkError, member: str) -> Message:
    """What ``error`` says about the temporary copy, said about the file inside the document."""
    if error.template is None:
        return Message(N_("cannot be read"))
    params = dict(error.params)
    if "path" in params:
        params["path"] = member
    return Message(error.template, **params)


class Folded:
    """The texts and cells of a file inside a document, one after another, read-only."""

    def __init__(self, path: Path, member: str, document: Document) -> None:
        self.path = path
        self.member = member
        parts: list[str] = []
        self.starts: list[int] = []
        self.places: list[Location | Text] = []
        length = 0
        for sheet in document.sheets():
            anchors = sheet.anchors() if sheet.merges else {}
            first = sheet.first_column
            values: list[tuple[str, Location]] = []
            if sheet.records is not None:
                for line, record in sheet.records():
                    for key, value in record.items():
                        place = Location(row=line, column=quiet(key), member=sheet.member)
                        values += [(key, place), (value, place)]
            for row, cells in sheet.rows():
                for index, value in enumerate(cells):
                    if may_hold_pii(value) and (row, first + index) not in anchors:
                        values.append((value, sheet.cell_name(row, index)))
            for value, place in values:
                if may_hold_pii(value):
                    self.starts.append(length)
                    self.places.append(place)
                    parts.append(value + "\n")
                    length += len(value) + 1
        for text in document.texts:
            self.starts.append(length)
            self.places.append(text)
            parts.append(text.text + "\n")
            length += len(text.text) + 1
        self.text = "".join(parts)

    def locate(self, offset: int) -> Location:
        """The place of the character at ``offset``, in the file inside the document."""
        i = max(bisect.bisect_right(self.starts, offset) - 1, 0)
        place = self.places[i]
        if isinstance(place, Location):
            return place
        return place.locate(min(offset - self.starts[i], max(len(place.text) - 1, 0)))

    def edited(self, old: str, new: str) -> bytes:
        """Never: a file inside a document is not written (Word shows a picture of it too);
        raises :class:`~zfgk.documents._model.ReadOnly` with each place that would change."""
        places: list[Location] = []
        ends = [*self.starts[1:], len(old)]
        for start, end in zip(self.starts, ends, strict=True):
            if old[start:end] != new[start:end]:
                first = next(k for k in range(start, end) if old[k] != new[k])
                places.append(self.locate(first))
        raise ReadOnly(places)
