"""PowerPoint 97-2003 presentations (.ppt) read by their text (internal).

A .ppt is an OLE compound file.  Its ``PowerPoint Document`` stream is a
tree of records ([MS-PPT] 2.3.1: a header of version and instance, type and
length; a container's version is 0xF, and its body is records again).  The
text a slide shows is in its text atoms: ``TextCharsAtom`` (UTF-16) and
``TextBytesAtom`` (one byte a character, the low byte of UTF-16), a
paragraph ending at each ``\\r`` and a line at each vertical tab; the
placeholders' text is kept in the document's lists of slides, notes and
masters (``SlideListWithTextContainer``, each slide's texts after its
``SlidePersistAtom``), the text boxes' in the slide's drawing.  Read:

- every text atom, placed on the slide (``slide 2``), the notes page
  (``notes 2``) or the master whose it is, numbered as the presentation
  lists them (through its persist directory); text of no slide zfgk can
  place (an old version a fast save left) is read too, as the stream's;
- every ``CString`` (a hyperlink's address, a header or footer, a comment);
- the presentation's properties and the thumbnail they keep of the first
  slide, its pictures (PNG, JPEG, GIF, BMP, EMF, WMF: in the ``Pictures``
  stream or the drawing's), by the picture rule of
  :func:`~zfgk.documents._embedded.read_picture`;
- the zipped parts PowerPoint 2007 keeps for itself (``RoundTrip…`` atoms:
  themes, layouts), and each embedded object (``ExOleObjStg``, inflated), as
  what they are;
- the stream itself, and every other stream, as 8-bit and as UTF-16 text,
  where it holds a full number the text does not (a picture's alt text, a
  shape's name).

A presentation protected by a password is not read.  zfgk does not write
.ppt: to publish a masked copy, save the presentation as .pptx and mask that.
"""

from __future__ import annotations

import bisect
import itertools
import re
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

from zfgk._arguments import quiet
from zfgk.documents._container import Container
from zfgk.documents._doc import _Doc, _Piece, known_numbers, other_numbers
from zfgk.documents._embedded import one_budget, read_picture
from zfgk.documents._olepictures import metafiles, pictures, raster_blips
from zfgk.documents._parts import Document, Location
from zfgk.errors import DocumentError
from zfgk.formats import Kind
from zfgk.i18n import N_, Message
from zfgk.tables import BrokenFile, property_texts

__all__ = ["is_powerpoint", "read_ppt"]

_STREAM = "PowerPoint Document"
_DOCUMENT, _SLIDE_LIST, _SLIDE_PERSIST = 0x03E8, 0x0FF0, 0x03F3
_SLIDE, _NOTES, _NOTES_ATOM, _MAIN_MASTER = 0x03EE, 0x03F0, 0x03F1, 0x03F8
_HYPERLINK = 0x0FD7
_PERSIST_DIRECTORY = 0x1772
_TEXT_CHARS, _TEXT_BYTES, _CSTRING = 0x0FA0, 0x0FA8, 0x0FBA
_OLE_OBJECT, _ENCRYPTION = 0x1011, 0x2F14
#: A ``SlideListWithTextContainer``'s instance: its slides, masters or notes pages.
_LIST_PARTS = {0: "slide", 1: "master", 2: "notes"}
#: The headers of ``Current User``'s atom, unencrypted and encrypted ([MS-PPT] 2.3.2).
_ENCRYPTED_TOKEN = 0xF3D1C4DF
#: The deepest records read inside one another, and the most records read.
_MAX_DEPTH, _MAX_RECORDS = 64, 1_000_000
#: The largest object inflated.
_MAX_OBJECT = 64 << 20
_MAX_PICTURES = 200
_THUMBNAIL = 17  # PIDSI_THUMBNAIL
_MARKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x00": ""})

_PROTECTED = N_(
    "a PowerPoint 97-2003 presentation protected by a password, which zfgk cannot read: "
    "save a copy without a password as .pptx and check that"
)
_TOO_MANY_PICTURES = N_(
    "this picture and those after it: the document holds more than {count} pictures, more "
    "than zfgk reads in one file; check them by eye"
)
_OBJECT_NOT_READ = N_(
    "an object embedded in the document ({what}), which zfgk cannot read: open the document, "
    "save the object as a file of its own and check that"
)


def _records(data: bytes, start: int, end: int) -> Iterator[tuple[int, int, int, int, int]]:
    """(offset, version, instance, type, length) of the records from ``start`` to ``end``,
    each container's records after it (a stack, not recursion); a record that runs past its
    container's end is :class:`BrokenFile`."""
    stack = [(start, end)]
    count = 0
    while stack:
        at, stop = stack.pop()
        if at + 8 > stop:
            if any(data[at:stop]):  # a stream's padding is zeros
                raise BrokenFile("a record cut short")
            continue
        head, kind, length = struct.unpack_from("<HHI", data, at)
        body = at + 8
        if body + length > stop:
            raise BrokenFile("a record longer than its container")
        count += 1
        if count > _MAX_RECORDS:
            raise BrokenFile("too many records")
        stack.append((body + length, stop))
        version, instance = head & 0xF, head >> 4
        yield at, version, instance, kind, length
        if version == 0xF:
            if len(stack) > _MAX_DEPTH:
                raise BrokenFile("records nested too deep")
            stack.append((body, body + length))


def _persist_directory(stream: bytes) -> dict[int, int]:
    """The persist objects' identifiers by their offsets in the stream: every
    ``PersistDirectoryAtom``'s entries, a later one's over an earlier's."""
    offsets: dict[int, int] = {}
    for at, version, _, kind, length in _records(stream, 0, len(stream)):
        if kind != _PERSIST_DIRECTORY or version == 0xF:
            continue
        here, end = at + 8, at + 8 + length
        while here + 4 <= end:
            (entry,) = struct.unpack_from("<I", stream, here)
            first, count = entry & 0xFFFFF, entry >> 20
            here += 4
            for number in range(count):
                if here + 4 > end:
                    break
                (offset,) = struct.unpack_from("<I", stream, here)
                offsets[offset] = first + number
                here += 4
    return offsets


class _PptReader:
    def __init__(self, path: Path, kind: Kind, data: bytes) -> None:
        self.container = Container(path, kind)
        self.compound = _Doc(data)
        self.streams = {name: entry for name, entry in self.compound.walk() if entry.kind == 2}
        self.pictures: list[bytes] = []
        self.paragraphs: dict[str, int] = {}  # the paragraphs read so far of each part
        self.objects = 0

    def stream(self, name: str) -> bytes | None:
        entry = self.streams.get(name)
        return None if entry is None else self.compound.read(entry)

    def run(self) -> Document:
        stream = self.stream(_STREAM)
        if stream is None:
            raise BrokenFile("no PowerPoint Document stream")
        user = self.stream("Current User") or b""
        encrypted = len(user) >= 12 and struct.unpack_from("<I", user, 8)[0] == _ENCRYPTED_TOKEN
        if encrypted or any(k == _ENCRYPTION for _, _, _, k, _ in _records(stream, 0, len(stream))):
            self.container.not_read(Location(part="whole file"), Message(_PROTECTED))
            return self.container.document(None)
        self.texts(stream)
        self.properties()
        self.rest(stream)
        with one_budget():
            self.read_pictures(stream)
        return self.container.document(None)

    def texts(self, stream: bytes) -> None:
        """Every text atom and string, on the slide, notes page or master it is of."""
        persist = _persist_directory(stream)
        numbers: dict[int, str] = {}  # persist identifier: the part it is
        slides: dict[int, int] = {}  # a slide's identifier: its number
        parts: list[tuple[int, int, str]] = []  # (start, end, part) of a part's records
        for at, version, instance, kind, length in _records(stream, 0, len(stream)):
            end = at + 8 + length
            if kind == _HYPERLINK and version == 0xF:
                parts.append((at, end, "hyperlink"))
            if kind != _SLIDE_LIST or version != 0xF:
                continue
            word = _LIST_PARTS.get(instance, "slide")
            starts = [
                inner
                for inner, _, _, inner_kind, inner_length in _records(stream, at + 8, end)
                if inner_kind == _SLIDE_PERSIST and inner_length >= 16
            ]
            for count, (inner, after) in enumerate(itertools.pairwise([*starts, end]), 1):
                reference, _, _, ident = struct.unpack_from("<IIII", stream, inner + 8)
                name = f"{word} {count}"
                numbers[reference] = name
                if word == "slide":
                    slides[ident] = count
                parts.append((inner, after, name))
        for at, version, _, kind, length in _records(stream, 0, len(stream)):
            if version != 0xF or kind not in (_SLIDE, _NOTES, _MAIN_MASTER):
                continue
            end = at + 8 + length
            part = numbers.get(persist.get(at, -1))
            if kind == _NOTES:  # named by its slide, where its atom names one
                for inner, _, _, inner_kind, inner_length in _records(stream, at + 8, end):
                    if inner_kind == _NOTES_ATOM and inner_length >= 4:
                        (ident,) = struct.unpack_from("<I", stream, inner + 8)
                        if ident in slides:
                            part = f"notes {slides[ident]}"
                        break
            parts.append((at, end, part or _STREAM))
        parts.sort()
        starts = [start for start, _, _ in parts]
        for at, version, instance, kind, length in _records(stream, 0, len(stream)):
            if version == 0xF:
                continue
            body = stream[at + 8 : at + 8 + length]
            if kind == _OLE_OBJECT:
                self.object(body, compressed=instance == 1)
                continue
            if body.startswith(b"PK\x03\x04"):  # PowerPoint 2007's parts, zipped
                self.objects += 1
                self.container.add_member(f"object {self.objects}.zip", body)
                continue
            if kind in (_TEXT_CHARS, _CSTRING):
                text = body[: len(body) - len(body) % 2].decode("utf-16-le", "replace")
            elif kind == _TEXT_BYTES:
                text = body.decode("latin-1")
            else:
                continue
            index = bisect.bisect_right(starts, at) - 1
            inside = index >= 0 and at < parts[index][1]
            self.add(text.translate(_MARKS), parts[index][2] if inside else _STREAM)

    def add(self, text: str, part: str) -> None:
        first = self.paragraphs.get(part, 0) + 1
        starts = tuple(m.end() for m in re.finditer("\n", text))
        self.paragraphs[part] = first + len(starts)
        self.container.add_text(_Piece(text, quiet(part), starts, first=first))

    def object(self, body: bytes, *, compressed: bool) -> None:
        """An embedded object's storage (``ExOleObjStg``), inflated: read as what it is."""
        self.objects += 1
        label = f"object {self.objects}"
        if compressed:
            try:
                body = zlib.decompressobj().decompress(body[4:], _MAX_OBJECT)
            except zlib.error:
                body = b""
        if not body:
            self.container.not_read(
                Location(part="whole file").inside(label),
                Message(_OBJECT_NOT_READ, what="ExOleObjStg"),
            )
            return
        self.container.add_member(label, _packaged(body))

    def properties(self) -> None:
        for name in ("\x05SummaryInformation", "\x05DocumentSummaryInformation"):
            stream = self.stream(name)
            if stream is not None:
                texts = property_texts(stream)
                if texts:
                    self.container.add_text(_Piece("\n".join(texts), "properties", first=None))
                if name == "\x05SummaryInformation":
                    self.pictures += _thumbnail(stream)

    def rest(self, stream: bytes) -> None:
        """The stream and every other one, read as 8-bit and as UTF-16 text, where it holds
        a number the text does not."""
        known = known_numbers(self.container.joined.text)
        for name, entry in sorted(self.streams.items()):
            if name.startswith("\x05") or name == "Pictures":
                continue
            found = other_numbers(stream if name == _STREAM else self.compound.read(entry), known)
            if found:
                self.container.add_text(
                    _Piece("\n".join(found), quiet(name.lstrip("\x01")), first=None)
                )

    def read_pictures(self, stream: bytes) -> None:
        count = 0
        seen: set[bytes] = set()
        sources = (stream, self.stream("Pictures") or b"")
        found = itertools.chain(
            self.pictures,
            *(itertools.chain(pictures(s), metafiles(s), raster_blips(s)) for s in sources),
        )
        for picture in found:
            if picture in seen or not read_picture(picture):
                continue
            if count >= _MAX_PICTURES:
                self.container.not_read(
                    Location(part="whole file").inside(f"picture {count + 1}"),
                    Message(_TOO_MANY_PICTURES, count=_MAX_PICTURES),
                )
                return
            seen.add(picture)
            count += 1
            # a bitmap is known by its name only (its two letters start too much else)
            bitmap = ".bmp" if picture.startswith(b"BM") else ""
            self.container.add_member(f"picture {count}{bitmap}", picture)


#: The streams in which an object's storage keeps a package, a file of its own: Office
#: 2007's ``Package`` (an .xlsx, a .docx), LibreOffice's ``package_stream`` (a chart's or a
#: spreadsheet's OpenDocument).
_PACKAGE_STREAMS = ("Package", "package_stream")


def _packaged(storage: bytes) -> bytes:
    """The package an object's storage keeps (read as the file it is), else the storage."""
    try:
        compound = _Doc(storage)
        streams = {name: entry for name, entry in compound.walk() if entry.kind == 2}
        for name in _PACKAGE_STREAMS:
            entry = streams.get(name)
            if entry is not None:
                package = compound.read(entry)
                if package.startswith(b"PK\x03\x04"):
                    return package
    except (BrokenFile, DocumentError, ValueError, IndexError, struct.error):
        pass
    return storage


def _thumbnail(stream: bytes) -> list[bytes]:
    """The thumbnail a property set keeps (``PIDSI_THUMBNAIL``, a Windows clipboard's
    bitmap: ``CF_DIB``), as a BMP file; or none."""
    try:
        (offset,) = struct.unpack_from("<I", stream, 44)
        _, count = struct.unpack_from("<II", stream, offset)
        for index in range(min(count, 4096)):
            ident, where = struct.unpack_from("<II", stream, offset + 8 + 8 * index)
            if ident != _THUMBNAIL:
                continue
            at = offset + where
            kind, size, clipboard, form = struct.unpack_from("<IIiI", stream, at)
            if kind & 0xFFFF != 0x47 or clipboard != -1 or form != 8:
                return []
            dib = stream[at + 16 : at + 8 + size]
            (header,) = struct.unpack_from("<I", dib, 0)
            bits, colours = (
                struct.unpack_from("<H", dib, 14)[0],
                struct.unpack_from("<I", dib, 32)[0],
            )
            palette = 4 * (colours or (1 << bits if bits <= 8 else 0))
            head = struct.pack("<2sIHHI", b"BM", 14 + len(dib), 0, 0, 14 + header + palette)
            return [head + dib]
    except struct.error:
        return []
    return []


def is_powerpoint(data: bytes) -> bool:
    """Whether a compound file holds a PowerPoint 97-2003 presentation (a ``PowerPoint
    Document`` stream).

    >>> from zfgk.documents._doc import _compound_file
    >>> from zfgk.documents._ppt import is_powerpoint
    >>> is_powerpoint(_compound_file("PowerPoint Document", b"")), is_powerpoint(b"PK")
    (True, False)
    """
    try:
        return _Doc(data).stream(_STREAM) is not None
    except (BrokenFile, struct.error):
        return False


def read_ppt(path: Path, kind: Kind, encoding: str | None) -> Document:
    """A PowerPoint 97-2003 presentation: its slides' text, properties, objects, pictures."""
    from zfgk.documents._readers import _read_bytes  # its size checked, its errors said

    data = _read_bytes(path)
    try:
        return _PptReader(path, kind, data).run()
    except (BrokenFile, struct.error) as e:
        raise DocumentError.of(
            N_(
                "{path}: a damaged PowerPoint 97-2003 presentation ({reason}): open and save it again"
            ),
            path=path,
            reason=str(e) or "truncated",
        ) from None
