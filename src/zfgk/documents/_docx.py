"""Word .docx files: the text of every part with a paragraph's runs joined, and masking (internal).

Every XML part under ``word/`` is read: the body, headers, footers,
notes, comments, and the DrawingML text of SmartArt and charts.  Word
splits a number across runs (a change of font, a bookmark, a proofing
mark, a revision): the text of a paragraph is the text of all its runs, read with the standard library's expat, which never expands an
entity: a part that declares a DOCTYPE or an entity is refused.  The zip is
checked before anything inflates: a member's declared size, the archive's
total and each member's compression ratio are bounded.

After the text a reader sees come, each on its own line, what the file
publishes without showing it: field codes (``w:instrText``: a
``HYPERLINK "tel:…"``), attribute values (a picture's alt text), and the
text and attribute values of every other XML member (the document's
properties in ``docProps/``, custom XML, the targets of links in the
``.rels`` files), each that holds a full ID or mobile number
(:func:`zfgk.find_pii`).  A number there is published too, so it is found
and masked.

Masking changes only the characters of the text nodes (``w:t``) that show
hidden digits, byte for byte in place, so each run keeps its formatting;
every other member of the zip is copied as it was, in the same order.
"""

from __future__ import annotations

import bisect
import copy
import html
import io
import re
import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from zfgk.documents._model import COPY, SYNTHETIC, WHOLE, Edit, Location, TextMap
from zfgk.errors import DocumentError
from zfgk.i18n import N_
from zfgk.privacy import find_pii
from zfgk.tables import atomic_binary

__all__ = ["DocxSource", "read_docx"]

_MIB = 1 << 20
#: Limits checked before any member inflates.
MAX_MEMBER = 256 * _MIB
MAX_TOTAL = 1024 * _MIB
MAX_RATIO = 200
MAX_MEMBERS = 10_000
#: The largest XML part read as text (a part of text is rarely past a few MiB).
MAX_PART = 64 * _MIB

_WORD = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
#: DrawingML: the text of SmartArt, charts' titles and shapes.
_DRAWING = (
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
)
_PARAGRAPH, _TEXT = "p", "t"
_WORD_MARKS = {"br": "\n", "cr": "\n", "tab": "\t", "ptab": "\t", "noBreakHyphen": "\u2011"}
_WORD_MARKS["softHyphen"] = "\u00ad"
#: What each element is to the text (expat names them "namespace local"): a paragraph, a text
#: node, or a mark that shows as a character.
_ROLES: dict[str, str] = {
    **{f"{ns} p": _PARAGRAPH for ns in (*_WORD, *_DRAWING)},
    **{f"{ns} {local}": _TEXT for ns in _WORD for local in ("t", "delText")},
    **{f"{ns} t": _TEXT for ns in _DRAWING},
    **{f"{ns} {local}": mark for ns in _WORD for local, mark in _WORD_MARKS.items()},
    **{f"{ns} br": "\n" for ns in _DRAWING},
}
_ENTITY = re.compile(rb"&(?:#[0-9]+|#x[0-9a-fA-F]+|lt|gt|amp|quot|apos);")
_PART = re.compile(r"word/(?!_rels/)[^/]+(?:/[^/]+)*\.xml")
_NUMBER = re.compile(r"(\d+)")
#: Members of XML outside the text: properties, custom XML, relationships.
_XML_MEMBER = re.compile(r"[^/].*\.(?:xml|rels)", re.IGNORECASE)


def _stretch(end: bytes) -> bytes:
    """Bytes up to one of ``end`` holding at least 11 digits (a byte of a full-width one counts
    here; they are counted again exactly), read in one pass: no two of its classes overlap."""
    return rb"(?:[^%s0-9\xef]*+[0-9\xef]){11}[^%s]*+" % (end, end)


_ATTRIBUTE = rb"""\s[^\s=<>]++\s*+=\s*+(?:"(?P<double>%s)"|'(?P<single>%s)')""" % (
    _stretch(b'"<'),
    _stretch(b"'<"),
)
_INSTRUCTION = rb"<(?:[A-Za-z_][\w.-]*+:)?instrText\b[^>]*+>(?P<instruction>%s)<" % _stretch(b"<")
_UNSEEN_IN_TEXT = re.compile(_ATTRIBUTE + b"|" + _INSTRUCTION)
_UNSEEN = re.compile(_ATTRIBUTE + b"|" + _INSTRUCTION + rb"|>(?P<node>%s)<" % _stretch(b"<"))
#: A hidden stretch with fewer digits than this holds no personal number.
_SHORTEST = 11
_DIGIT = re.compile(rb"[0-9]|\xef\xbc[\x90-\x99]")  # ASCII and full-width digits in UTF-8
#: Where Word keeps the files embedded in a document (a chart's workbook, an OLE object).
_EMBEDDED = "word/embeddings/"


class _Refused(Exception):
    """A DOCTYPE or entity declaration in a part."""


_ORDER = ("word/document.", "word/header", "word/footer", "word/footnotes.", "word/endnotes.")


def _natural(name: str) -> tuple[object, ...]:
    """Parts in reading order: the body, headers, footers, notes, then the rest; header2 < header10."""
    rank = next((i for i, prefix in enumerate(_ORDER) if name.startswith(prefix)), len(_ORDER))
    return (rank, *(int(s) if s.isdigit() else s for s in _NUMBER.split(name)))


def _open_zip(path: Path, data: bytes) -> zipfile.ZipFile:
    """The archive, once its declared sizes show it is no bomb."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocumentError.of(
            N_(
                "{path}: a Word 97-2003 .doc or a .docx protected by a password: "
                "save it in Word as a .docx without a password"
            ),
            path=path,
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise DocumentError.of(
            N_(
                "{path}: not a .docx file (a .docx is a zip archive; "
                "a Word 97-2003 .doc must be saved as .docx first)"
            ),
            path=path,
        ) from None
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_MEMBERS or total > MAX_TOTAL or any(_bomb(info) for info in infos):
        raise DocumentError.of(
            N_(
                "{path}: refused: the archive would inflate to {size} MiB or more than {ratio} "
                "times its size (a zip bomb?)"
            ),
            path=path,
            size=total // _MIB,
            ratio=MAX_RATIO,
        )
    return archive


def _bomb(info: zipfile.ZipInfo) -> bool:
    if info.file_size > MAX_MEMBER:
        return True
    return info.file_size > _MIB and info.file_size > MAX_RATIO * max(info.compress_size, 1)


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError, EOFError):
        raise DocumentError.of(
            N_("{path}: the member {member} of the archive cannot be read (damaged or encrypted)"),
            path=path,
            member=info.filename,
        ) from None


class _PartReader:
    """One XML part read into the text map: its paragraphs, runs and their text."""

    def __init__(self, source: DocxSource, segment: int, data: bytes) -> None:
        self.source = source
        self.text = source.map
        self.segment = segment
        self.data = data
        self.depth = 0  # inside w:t / w:delText
        self.pending: tuple[str, int] | None = None
        self.paragraphs: list[int] = []  # the open paragraphs' numbers
        self.count = 0
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = False
        parser.StartDoctypeDeclHandler = self.refuse
        parser.EntityDeclHandler = self.refuse
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.chars
        for name in ("Comment", "ProcessingInstruction", "StartCdataSection", "EndCdataSection"):
            setattr(parser, f"{name}Handler", self.boundary)
        self.parser = parser

    def run(self) -> None:
        self.parser.Parse(self.data, True)

    def refuse(self, *args: object) -> None:
        raise _Refused

    def boundary(self, *args: object) -> None:
        self.flush(self.parser.CurrentByteIndex)

    def start(self, tag: str, attrs: object) -> None:
        at = self.parser.CurrentByteIndex
        self.flush(at)
        role = _ROLES.get(tag)
        if role is None:
            return
        if role == _PARAGRAPH:
            self.text.separate(self.segment, at)
            self.count += 1
            self.paragraphs.append(self.count)
            self.source.mark(self.segment, self.count)
        elif role == _TEXT:
            self.depth += 1
        elif self.paragraphs:
            self.text.add(role, self.segment, at, at, SYNTHETIC)

    def end(self, tag: str) -> None:
        at = self.parser.CurrentByteIndex
        self.flush(at)
        role = _ROLES.get(tag)
        if role == _PARAGRAPH and self.paragraphs:
            self.text.separate(self.segment, at)
            self.paragraphs.pop()
            if self.paragraphs:
                self.source.mark(self.segment, self.paragraphs[-1])
        elif role == _TEXT and self.depth:
            self.depth -= 1

    def chars(self, data: str) -> None:
        at = self.parser.CurrentByteIndex
        self.flush(at)
        if self.depth:
            self.pending = (data, at)

    def flush(self, end: int) -> None:
        """Map the text read since the last event to the bytes it came from."""
        if self.pending is None:
            return
        text, start = self.pending
        self.pending = None
        raw = self.data[start:end]
        if raw == text.encode("utf-8"):
            kind = COPY if text.isascii() else WHOLE
        elif _ENTITY.fullmatch(raw):
            kind = WHOLE
        else:
            kind = SYNTHETIC  # read, but not traced back to its bytes: never written
        self.text.add(text, self.segment, start, end, kind)


class DocxSource:
    """A .docx: its archive, the parts read, and the text map over them."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.data = data
        self.archive = _open_zip(path, data)
        self.map = TextMap()
        self.parts: list[str] = []
        self.contents: list[bytes] = []
        self._marks: list[int] = []  # text offsets where a paragraph starts or resumes
        self._where: list[tuple[int, int | None]] = []  # (segment, paragraph) from that offset
        names = sorted(
            (i.filename for i in self.archive.infolist() if _PART.fullmatch(i.filename)),
            key=_natural,
        )
        if "word/document.xml" not in names:
            raise DocumentError.of(
                N_("{path}: not a Word document: the archive has no word/document.xml"),
                path=path,
            )
        for name in names:
            self._read_part(name)
        self._read_unseen()
        for info in self.archive.infolist():
            if info.filename.startswith(_EMBEDDED):
                _check_embedded(path, info, _member(self.archive, info, path))

    def _part(self, info: zipfile.ZipInfo) -> bytes:
        """An XML member's bytes, unless it is larger than a part of text can be."""
        if info.file_size > MAX_PART:
            raise DocumentError.of(
                N_("{path}: refused: {member} is larger than {size} MiB"),
                path=self.path,
                member=info.filename,
                size=MAX_PART // _MIB,
            )
        return _member(self.archive, info, self.path)

    def _read_part(self, name: str) -> None:
        info = self.archive.getinfo(name)
        data = self._part(info)
        segment = len(self.parts)
        self.parts.append(name)
        self.contents.append(data)
        reader = _PartReader(self, segment, data)
        try:
            reader.run()
        except _Refused:
            raise DocumentError.of(
                N_("{path}: refused: {member} declares a DOCTYPE or an entity"),
                path=self.path,
                member=name,
            ) from None
        except expat.ExpatError as e:
            raise DocumentError.of(
                N_("{path}: {member} is not well-formed XML (line {line})"),
                path=self.path,
                member=name,
                line=e.lineno,
            ) from None
        self.map.separate(segment, len(data))

    def _read_unseen(self) -> None:
        """After the text, each stretch of XML the file publishes without showing it."""
        segments = {name: segment for segment, name in enumerate(self.parts)}
        for info in self.archive.infolist():
            name = info.filename
            if name in segments:
                data, unseen = self.contents[segments[name]], _UNSEEN_IN_TEXT
            elif _XML_MEMBER.fullmatch(name):
                data, unseen = self._part(info), _UNSEEN
            else:
                continue
            for m in unseen.finditer(data):
                start, end = m.span(m.lastgroup or 0)
                if len(_DIGIT.findall(data, start, end)) < _SHORTEST:
                    continue
                if name not in segments:
                    segments[name] = len(self.parts)
                    self.parts.append(name)
                    self.contents.append(data)
                self._add_unseen(segments[name], data, start, end)

    def _add_unseen(self, segment: int, data: bytes, start: int, end: int) -> None:
        raw = data[start:end]
        text = raw.decode("utf-8", "replace")
        if b"&" in raw:  # &#49; and the like, read as the character they stand for
            text = html.unescape(text)
        if not find_pii(text):
            return
        kind = COPY if raw.isascii() else WHOLE
        if b"&" in raw or "\ufffd" in text:
            kind = SYNTHETIC  # found, but not traced back to its bytes: masking it is refused
        self.map.separate(segment, start)
        self.mark(segment, None)
        self.map.add(text, segment, start, end, kind)
        self.map.separate(segment, end)

    def mark(self, segment: int, paragraph: int | None) -> None:
        """From the current end of the text on, characters are in this paragraph."""
        if self._marks and self._marks[-1] == self.map.length:
            self._where[-1] = (segment, paragraph)
            return
        self._marks.append(self.map.length)
        self._where.append((segment, paragraph))

    def locate(self, offset: int) -> Location:
        i = bisect.bisect_right(self._marks, offset) - 1
        if i < 0:
            return Location(part="document")
        segment, paragraph = self._where[i]
        part = self.parts[segment].removeprefix("word/").removesuffix(".xml")
        return Location(part=part, paragraph=paragraph)

    def write(self, output: Path, old: str, new: str) -> None:
        edited = {
            self.parts[segment]: _apply(self.contents[segment], edits)
            for segment, edits in self.map.edits(old, new, self.path).items()
        }
        data = self._edited(edited) if edited else self.data  # nothing to change: the same bytes
        with atomic_binary(output) as f:
            f.write(data)

    def _edited(self, edited: dict[str, bytes]) -> bytes:
        """The archive with the ``edited`` parts in place of its own, every entry else as it was."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            out.comment = self.archive.comment
            for info in self.archive.infolist():
                data = edited.get(info.filename)
                if data is None:
                    data = _member(self.archive, info, self.path)
                out.writestr(copy.copy(info), data)  # the archive's own entry stays as it is
        return buffer.getvalue()


def _check_embedded(path: Path, info: zipfile.ZipInfo, data: bytes) -> None:
    """Refuse a file embedded in the document (a chart's workbook, an object) that may hold a
    full number: zfgk cannot mask it in place, and one it cannot read is never passed."""
    if not data.startswith(b"PK\x03\x04"):  # an OLE object (.bin), an old workbook (.xls)
        if data:
            raise DocumentError.of(
                N_(
                    "{path}: the embedded file {member} is one zfgk cannot read: check it "
                    "by eye, or remove it (in Word, or by pasting its content as text)"
                ),
                path=path,
                member=info.filename,
            )
        return
    archive = _open_zip(path, data)  # its sizes checked before anything inflates
    for inner in archive.infolist():
        if not _XML_MEMBER.fullmatch(inner.filename) or inner.file_size > MAX_PART:
            continue
        xml = _member(archive, inner, path)
        for m in _UNSEEN.finditer(xml):
            if find_pii(xml[slice(*m.span(m.lastgroup or 0))].decode("utf-8", "replace")):
                raise DocumentError.of(
                    N_(
                        "{path}: the embedded file {member} holds what looks like a full ID or "
                        "mobile number, which zfgk cannot mask in place: mask it in the "
                        "program that made it, or remove it"
                    ),
                    path=path,
                    member=info.filename,
                )


def _apply(data: bytes, edits: list[Edit]) -> bytes:
    parts = []
    position = 0
    for start, end, text in edits:
        parts.append(data[position:start])
        escaped = text.replace("&", "&amp;").replace("<", "&lt;")  # ">" stays as it was
        parts.append(escaped.encode("utf-8"))
        position = end
    parts.append(data[position:])
    return b"".join(parts)


def read_docx(path: Path, data: bytes) -> tuple[str, DocxSource]:
    """The text of a .docx and its source."""
    source = DocxSource(path, data)
    return source.map.text(), source
