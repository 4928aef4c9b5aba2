"""Word .docx files: the text of every part with a paragraph's runs joined, and masking (internal).

Every XML part under ``word/`` is read by :class:`~zfgk.documents._wordprocessing.PartReader`:
the body, headers, footers, notes, comments, the DrawingML text of
SmartArt and charts; tracked changes, field instructions over several
runs, and numbers written box by box in a form's table are read as Word
shows them (see :mod:`zfgk.documents._wordprocessing`).  The zip is checked before
anything inflates: a member's declared size, the archive's total and each
member's compression ratio are bounded.

After the parts' text come, each on its own line, what the file publishes
without showing it: attribute values (a picture's alt text, a field's
``w:instr``), and the text and attribute values of every other XML member
(the document's properties in ``docProps/``, custom XML, the targets of
links in the ``.rels`` files), each that holds a full ID or mobile number
(:func:`zfgk.find_pii`).  Then the files the document holds, each read as
what it is, its places named with the member it is (``word/afchunk.htm:
line 3``, ``word/embeddings/名单.xlsx: Sheet1!B2``):

- an ``altChunk`` (HTML or MHT that "export to Word" tools put in a
  document, which Word shows as part of its body): a web page is read and
  masked as pages are; any other kind is read by its own reader;
- a file embedded as an object (``word/embeddings/``): a workbook or a
  Word file is read (three deep at most), never written (Word shows a
  picture of it); a binary object (an equation, an old .xls packed by Word)
  is listed as not read, and so is an ActiveX control's data;
- a picture (``word/media/``: a pasted screenshot of a list, a photograph
  of an ID card) large enough to show a number is read by OCR with the
  ``ocr`` extra (a number in it makes masking refuse, as in an embedded
  file); without it, one as large as a scanned page or a photograph is
  listed as not read
  (:func:`~zfgk.documents._embedded.read_picture`); a picture drawn as
  vectors (an EMF or WMF that "paste as picture" stores, an SVG) is read
  by the text it draws, with or without OCR (:mod:`zfgk.documents._vector`).

Masking changes only the characters that show hidden digits, byte for byte
in place, so each run keeps its formatting; every other member of the zip
is copied as it was, in the same order.
"""

from __future__ import annotations

import copy
import html
import io
import posixpath
import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from zfgk.documents._embedded import is_picture, one_budget, read_member, read_picture
from zfgk.documents._html import HtmlSource, looks_like_html
from zfgk.documents._model import Composite, Location, TextMap, removing
from zfgk.documents._parts import Unread
from zfgk.documents._wordprocessing import (
    ATTRIBUTES,
    NODES,
    PartReader,
    Places,
    add_line,
    apply,
    parse,
    unseen_pieces,
)
from zfgk.documents._wordstyles import Styles
from zfgk.errors import DocumentError
from zfgk.formats import atomic_binary
from zfgk.i18n import N_, Message

__all__ = ["DocxSource", "read_docx"]

_MIB = 1 << 20
#: Limits checked before any member inflates.
MAX_MEMBER = 256 * _MIB
MAX_TOTAL = 1024 * _MIB
MAX_RATIO = 200
MAX_MEMBERS = 10_000
#: The largest XML part read as text (a part of text is rarely past a few MiB).
MAX_PART = 64 * _MIB

_PART = re.compile(r"word/(?!_rels/)[^/]+(?:/[^/]+)*\.xml")
_NUMBER = re.compile(r"(\d+)")
#: Members of XML outside the text: properties, custom XML, relationships.
_XML_MEMBER = re.compile(r"[^/].*\.(?:xml|rels)", re.IGNORECASE)
_RELATIONSHIPS = re.compile(r"(?:(.*)/)?_rels/([^/]+)\.rels")
_RELATIONSHIP = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")
_ATTRIBUTE = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
#: The type of a relationship to an altChunk's file.
_ALT_CHUNK = "/afchunk"
#: Files of text a document may hold beside its XML, read wherever they are.
_TEXTS = frozenset(".htm .html .xhtml .mht .mhtml .txt .rtf".split())
#: Where Word keeps the files embedded in a document (a chart's workbook, an OLE object).
_EMBEDDED = "word/embeddings/"
#: The document's pictures: read by OCR where they may show a number (``read_picture``).
_MEDIA = "word/media/"
_ACTIVE_X = re.compile(r"word/activeX/[^/]+\.bin", re.IGNORECASE)
_ACTIVE_X_UNREAD = N_(
    "the data of an ActiveX control (a form field of an old kind), which zfgk cannot read: "
    "check what it shows by eye, or replace it by text"
)

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


def _label(name: str) -> str:
    """How a part is named in a place: ``document``, ``header1``, ``docProps/core``."""
    return name.removeprefix("word/").removesuffix(".xml")


class DocxSource:
    """A .docx: its archive, the parts read, the text map over them, the files it holds."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.data = data
        self.archive = _open_zip(path, data)
        self.map = TextMap()
        self.places = Places(self.map)
        self.parts: list[str] = []
        self.contents: list[bytes] = []
        self.deletions: dict[int, list[tuple[int, int]]] = {}  # by segment
        self.unread: list[Unread] = []
        names = sorted(
            (i.filename for i in self.archive.infolist() if _PART.fullmatch(i.filename)),
            key=_natural,
        )
        if "word/document.xml" not in names:
            raise DocumentError.of(
                N_("{path}: not a Word document: the archive has no word/document.xml"),
                path=path,
            )
        styles_info = next(
            (i for i in self.archive.infolist() if i.filename == "word/styles.xml"), None
        )
        self.styles = Styles.read(self._part(styles_info)) if styles_info else Styles()
        for name in names:
            self._read_part(name)
        self._read_unseen()
        self.own = self.map.text()
        self.children = Composite(len(self.own))
        with one_budget():
            self._read_files()

    # ------------------------------------------------------------- reading

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
        data = self._part(self.archive.getinfo(name))
        segment = len(self.parts)
        self.parts.append(name)
        self.contents.append(data)
        reader = PartReader(self.map, self.places, segment, data, _label(name), styles=self.styles)
        parse(reader, self.path, name)
        self.deletions[segment] = reader.deletions
        self.map.separate(segment, len(data))
        for (part, paragraph), pieces in reader.lines:
            add_line(self.map, self.places, pieces, part, paragraph)
        for pieces in unseen_pieces(data, segment, ATTRIBUTES):
            add_line(self.map, self.places, pieces, *reader.place(pieces[0][2]))

    def _read_unseen(self) -> None:
        """After the text, each stretch of the other XML members (properties, custom XML,
        relationships) that holds a full number."""
        read = set(self.parts)
        for info in self.archive.infolist():
            name = info.filename
            if name in read or not _XML_MEMBER.fullmatch(name):
                continue
            data = self._part(info)
            segment = len(self.parts)
            for pieces in unseen_pieces(data, segment, NODES):
                if len(self.parts) == segment:
                    self.parts.append(name)
                    self.contents.append(data)
                add_line(self.map, self.places, pieces, _label(name), None)

    def _read_files(self) -> None:
        """The files the document holds: altChunks, embedded objects, ActiveX data."""
        names = {info.filename for info in self.archive.infolist()}
        chunks = self._alt_chunks() & names
        for info in self.archive.infolist():
            name = info.filename
            suffix = PurePosixPath(name).suffix.lower()
            if _ACTIVE_X.fullmatch(name):
                self.unread.append(Unread(Location(member=name), Message(_ACTIVE_X_UNREAD)))
            elif name in chunks or (suffix in _TEXTS and not name.startswith("word/media/")):
                self._read_chunk(name, _member(self.archive, info, self.path))
            elif name.startswith(_EMBEDDED) and not name.endswith("/"):
                data = _member(self.archive, info, self.path)
                if data and (not is_picture(name, data) or read_picture(data)):
                    self._read_embedded(name, data)  # a picture kept here: as word/media's
            elif name.startswith(_MEDIA) and not name.endswith("/"):
                data = _member(self.archive, info, self.path)
                if data and read_picture(data):  # by OCR; or, without it, said unread
                    self._read_embedded(name, data)

    def _alt_chunks(self) -> set[str]:
        """The members that relationships of the type ``aFChunk`` name."""
        found = set()
        for info in self.archive.infolist():
            m = _RELATIONSHIPS.fullmatch(info.filename)
            if m is None or info.file_size > MAX_PART:
                continue
            folder = m.group(1) or ""
            for tag in _RELATIONSHIP.finditer(_member(self.archive, info, self.path)):
                values = {
                    k.decode("ascii", "replace").rpartition(":")[2]: html.unescape(
                        (a if a is not None else b or b"").decode("utf-8", "replace")
                    )
                    for k, a, b in _ATTRIBUTE.findall(tag.group(1))
                }
                if not values.get("Type", "").lower().endswith(_ALT_CHUNK):
                    continue
                if values.get("TargetMode", "").lower() == "external":
                    continue
                target = values.get("Target", "")
                joined = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
                found.add(posixpath.normpath(joined).lstrip("/"))
        return found

    def _read_chunk(self, name: str, data: bytes) -> None:
        """An altChunk (or a file of text the package holds): a page is read and masked as
        pages are; any other kind read, not written."""
        if looks_like_html(data[:8192]) or (
            PurePosixPath(name).suffix.lower() in (".htm", ".html", ".xhtml")
        ):
            try:
                page = HtmlSource(self.path, data)
            except DocumentError as e:
                self.unread.append(Unread(Location(member=name), e.as_message()))
                return
            self.children.add(name, page)
            return
        self._read_embedded(name, data)

    def _read_embedded(self, name: str, data: bytes) -> None:
        child, unread = read_member(self.path, name, data)
        self.unread += unread
        if child is not None:
            self.children.add(name, child)

    # ---------------------------------------------------------- the text

    @property
    def text(self) -> str:
        """The text of the document, then of the files it holds."""
        return self.children.text(self.own)

    def locate(self, offset: int) -> Location:
        """The place of the character at ``offset``."""
        inner = self.children.locate(offset)
        return self.places.locate(offset) if inner is None else inner

    # ------------------------------------------------------------ writing

    def write(self, output: Path, old: str, new: str) -> None:
        """Write the document with ``old`` (its text) changed into ``new``, nothing else."""
        edited = self.children.changed(old, new, self.path)
        own = len(self.own)
        for segment, edits in self.map.edits(old[:own], new[:own], self.path).items():
            accepted = removing(edits, self.deletions.get(segment, ()))
            edited[self.parts[segment]] = apply(self.contents[segment], accepted)
        data = self._edited(edited) if edited else self.data  # nothing to change: the same bytes
        with atomic_binary(output) as f:
            f.write(data)

    def _edited(self, edited: dict[str, bytes]) -> bytes:
        """The archive with the ``edited`` members in place of its own, every entry else as it was."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            out.comment = self.archive.comment
            for info in self.archive.infolist():
                data = edited.get(info.filename)
                if data is None:
                    data = _member(self.archive, info, self.path)
                out.writestr(copy.copy(info), data)  # the archive's own entry stays as it is
        return buffer.getvalue()


def read_docx(path: Path, data: bytes) -> tuple[str, DocxSource]:
    """The text of a .docx and its source."""
    source = DocxSource(path, data)
    return source.text, source
