"""Word .docx files: the text of every part with a paragraph's runs joined, and masking (internal).

Every XML part under ``word/`` is read by :class:`~zfgk.documents._wordprocessing.PartReader`:
the body, headers, footers, notes, comments, the DrawingML text of
SmartArt and charts; tracked changes, field instructions over several
runs, text hidden by its styles (read from the styles part), lists' labels
that hold digits (read from the numbering part), equations and
numbers written box by box in a form's table are read as Word shows them
(see :mod:`zfgk.documents._wordprocessing`).  Word finds the parts through
the relationships, not by their names, and so does the reader: the body
is where the package's ``officeDocument`` relationship says, and the
headers, footers, notes and comments where the body's relationships say,
whatever they are called (``word/hdr1.dat``).  A part in UTF-16 is read as
UTF-8 and written back in UTF-16.  The zip is checked before
anything inflates: a member's declared size, the archive's total and each
member's compression ratio are bounded.

After the parts' text come, each on its own line, what the file publishes
without showing it: attribute values (a picture's alt text, a field's
``w:instr``), and the text (CDATA too) and attribute values of every other
XML member, whatever its name (the document's properties in ``docProps/``,
custom XML, the targets of links in the ``.rels`` files), each that holds a
full ID or mobile number
(:func:`zfgk.find_pii`).  Then the files the document holds, each read as
what it is, its places named with the member it is (``word/afchunk.htm:
line 3``, ``word/embeddings/名单.xlsx: Sheet1!B2``):

- an ``altChunk`` (HTML or MHT that "export to Word" tools put in a
  document, which Word shows as part of its body): a web page is read and
  masked as pages are; any other kind is read by its own reader;
- a file embedded as an object (``word/embeddings/``), or kept anywhere else
  in the package that is a zip or a PDF: a workbook or a
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
import urllib.parse
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from zfgk.documents._embedded import (
    is_picture,
    one_budget,
    read_member,
    read_picture,
)
from zfgk.documents._html import HtmlSource, looks_like_html
from zfgk.documents._model import SYNTHETIC, Composite, Location, TextMap, removing
from zfgk.documents._parts import Unread
from zfgk.documents._wordnumbering import Numbering
from zfgk.documents._wordprocessing import (
    ATTRIBUTES,
    NODES,
    PartReader,
    Places,
    add_line,
    apply,
    as_utf8,
    from_utf8,
    parse,
    unseen_pieces,
)
from zfgk.documents._wordstyles import Styles
from zfgk.errors import DocumentError, MaskUnsupportedError
from zfgk.formats import STRAY_TEXTS, atomic_binary, gunzipped, is_stray_file
from zfgk.i18n import N_, Message

__all__ = ["DocxSource", "read_docx", "refuse_untraced"]

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
#: The type of a relationship to an altChunk's file (its last word, in lower case).
_ALT_CHUNK = "afchunk"
#: The types (their last word) of the relationships to the parts Word shows as text, read as the
#: body is whatever their names (a header kept as ``word/hdr1.dat``); and to the styles.
_STORIES = frozenset(
    "officeDocument header footer footnotes endnotes comments glossaryDocument chart "
    "diagramData diagramDrawing".split()
)
_STYLES, _NUMBERING = "styles", "numbering"
_MAIN = "officeDocument"
#: The start of an XML member of any name: a declaration, or an element naming a namespace.
_XML_START = re.compile(rb"\s*(?:<\?xml\s|<[\w.:-]+[^>]*\sxmlns)")
#: Where Word keeps the files embedded in a document (a chart's workbook, an OLE object).
_EMBEDDED = "word/embeddings/"
#: The document's pictures: read by OCR where they may show a number (``read_picture``).
_MEDIA = "word/media/"
_ACTIVE_X = re.compile(r"word/activeX/[^/]+\.bin", re.IGNORECASE)
_ACTIVE_X_UNREAD = N_(
    "the data of an ActiveX control (a form field of an old kind), which zfgk cannot read: "
    "check what it shows by eye, or replace it by text"
)

_TWICE = N_(
    "the archive holds more than one member of this name (its case aside), and a program may "
    "show any of them: save the document again in Word, and check that copy"
)

_ORDER = ("word/document.", "word/header", "word/footer", "word/footnotes.", "word/endnotes.")

_UNTRACED = N_(
    "{path}: {places}: a digit to hide that Word draws from outside the paragraph's text (a "
    "list's numbering label, a symbol inserted by its code) cannot be changed in place: "
    "change it in Word (the list's numbering, or type the digit), or remove it"
)
#: The most places a refusal names.
_NAMED = 20


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


#: What reading a damaged or encrypted member raises.
_DAMAGED = (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, OSError, EOFError)


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> bytes:
    try:
        return archive.read(info)
    except _DAMAGED:
        raise DocumentError.of(
            N_("{path}: the member {member} of the archive cannot be read (damaged or encrypted)"),
            path=path,
            member=info.filename,
        ) from None


def _label(name: str) -> str:
    """How a part is named in a place: ``document``, ``header1``, ``docProps/core``."""
    return name.removeprefix("word/").removesuffix(".xml")


def _looks_like_xml(head: bytes) -> bool:
    """Whether a member that starts with ``head`` is XML, in UTF-8 or UTF-16."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(codec, "replace").encode("utf-8")
            break
    else:
        if head.startswith((b"<\x00", b"\x00<")):
            codec = "utf-16-le" if head[0] == 0x3C else "utf-16-be"
            head = head[: len(head) // 2 * 2].decode(codec, "replace").encode("utf-8")
    return _XML_START.match(head.removeprefix(b"\xef\xbb\xbf")) is not None


class DocxSource:
    """A .docx: its archive, the parts read, the text map over them, the files it holds."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.data = data
        self.archive = _open_zip(path, data)
        self.map = TextMap()
        self.places = Places(self.map)
        self.parts: list[str] = []
        self.contents: list[bytes] = []  # each part's XML in UTF-8
        self.codecs: list[tuple[str, bytes]] = []  # and the encoding and BOM it is written in
        self.deletions: dict[int, list[tuple[int, int]]] = {}  # by segment
        self.unread: list[Unread] = []
        self.members = {info.filename: info for info in self.archive.infolist()}
        #: Part names are not case-sensitive in a package (Word opens word/Header1.XML so named).
        self.folded = {name.lower(): name for name in reversed(self.members)}
        if len(self.folded) < len(self.archive.infolist()):  # zfgk reads one of each name
            self._twice()
        main = self._main()
        stories, styles, numbering = self._stories(main)
        names = sorted(
            {name for name in self.members if _PART.fullmatch(name)} | stories,
            key=lambda name: (name != main, _natural(name)),
        )
        self.styles = Styles()
        if styles is not None:
            self.styles = Styles.read(self._utf8(self.members[styles])[0], "utf-8")
        self.numbering: Numbering | None = None
        if numbering is not None:
            data = self._utf8(self.members[numbering])[0]
            self.numbering = Numbering.read(data, "utf-8", self.styles)
        for name in names:
            label = "document" if name == main else _label(name)
            self._read_part(name, name if label == "document" and name != main else label)
        self.chunks = self._alt_chunks() & set(self.members)
        self.stray: list[zipfile.ZipInfo] = []  # members of no part Word knows, not XML
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

    def _twice(self) -> None:
        """Each name more than one member of the archive has, said unread."""
        seen: set[str] = set()
        named: set[str] = set()
        for info in self.archive.infolist():
            folded = info.filename.lower()
            if folded in seen and folded not in named:
                named.add(folded)
                self.unread.append(Unread(Location(member=info.filename), Message(_TWICE)))
            seen.add(folded)

    def _utf8(self, info: zipfile.ZipInfo) -> tuple[bytes, str, bytes]:
        """An XML member as UTF-8, with the encoding and BOM it is in (UTF-16 is read too)."""
        return as_utf8(self._part(info), self.path, info.filename)

    def _relationships(self, info: zipfile.ZipInfo) -> list[dict[str, str]]:
        """The relationships of a ``.rels`` member: each one's attributes by local name."""
        if info.file_size > MAX_PART:
            return []
        found = []
        for tag in _RELATIONSHIP.finditer(self._utf8(info)[0]):
            found.append(
                {
                    k.decode("ascii", "replace").rpartition(":")[2]: html.unescape(
                        (a if a is not None else b or b"").decode("utf-8", "replace")
                    )
                    for k, a, b in _ATTRIBUTE.findall(tag.group(1))
                }
            )
        return found

    def _related(self, source: str) -> list[tuple[str, str]]:
        """(type's last word, member) of each relationship of the part ``source`` (the package
        itself if empty) to a member inside the archive."""
        folder, _, base = source.rpartition("/")
        info = self.members.get(f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels")
        if info is None:
            return []
        found = []
        for values in self._relationships(info):
            if values.get("TargetMode", "").lower() == "external":
                continue
            target = urllib.parse.unquote(values.get("Target", ""))
            joined = target.lstrip("/") if target.startswith("/") else f"{folder}/{target}"
            kind = values.get("Type", "").rstrip("/").rpartition("/")[2]
            kind = kind.lower() if kind.lower() == _ALT_CHUNK else kind
            name = posixpath.normpath(joined).lstrip("/")
            found.append((kind, self.folded.get(name.lower(), name)))
        return found

    def _main(self) -> str:
        """The main document: where the package's relationship says, else ``word/document.xml``."""
        for kind, name in self._related(""):
            if kind == _MAIN and name in self.members:
                return name
        if "word/document.xml" not in self.members:
            raise DocumentError.of(
                N_("{path}: not a Word document: the archive has no word/document.xml"),
                path=self.path,
            )
        return "word/document.xml"

    def _stories(self, main: str) -> tuple[set[str], str | None, str | None]:
        """The parts Word shows as text, found through the relationships of the main document
        (and of those parts) whatever their names; the styles' part and the numbering's."""
        found = {main}
        styles = "word/styles.xml" if "word/styles.xml" in self.members else None
        numbering = "word/numbering.xml" if "word/numbering.xml" in self.members else None
        queue = [main]
        while queue and len(found) <= MAX_MEMBERS:
            source = queue.pop()
            for kind, name in self._related(source):
                if name not in self.members:
                    continue
                if kind == _STYLES and source == main:
                    styles = name
                elif kind == _NUMBERING and source == main:
                    numbering = name
                elif kind in _STORIES and name not in found:
                    found.add(name)
                    queue.append(name)
        return found, styles, numbering

    def _read_part(self, name: str, label: str) -> None:
        data, codec, bom = self._utf8(self.members[name])
        segment = len(self.parts)
        self.parts.append(name)
        self.contents.append(data)
        self.codecs.append((codec, bom))
        reader = PartReader(
            self.map,
            self.places,
            segment,
            data,
            label,
            encoding="utf-8",
            styles=self.styles,
            numbering=self.numbering,
        )
        parse(reader, self.path, name)
        self.deletions[segment] = reader.deletions
        self.map.separate(segment, len(data))
        for (part, paragraph), pieces in reader.lines:
            add_line(self.map, self.places, pieces, part, paragraph)
        for pieces in unseen_pieces(data, segment, ATTRIBUTES):
            add_line(self.map, self.places, pieces, *reader.place(pieces[0][2]))

    def _read_unseen(self) -> None:
        """After the text, each stretch of the other XML members (properties, custom XML,
        relationships, whatever their names and encodings) that holds a full number."""
        read = set(self.parts)
        for info in self.archive.infolist():
            name = info.filename
            if name in read or name.endswith("/"):
                continue
            if not _XML_MEMBER.fullmatch(name) and (self._held(name) or not self._is_xml(info)):
                if not self._held(name):
                    self.stray.append(info)
                continue
            data, codec, bom = self._utf8(info)
            segment = len(self.parts)
            for pieces in unseen_pieces(data, segment, NODES):
                if len(self.parts) == segment:
                    self.parts.append(name)
                    self.contents.append(data)
                    self.codecs.append((codec, bom))
                add_line(self.map, self.places, pieces, _label(name), None)

    def _held(self, name: str) -> bool:
        """Whether ``name`` is a file the document holds, read as what it is (``_read_files``)."""
        suffix = PurePosixPath(name).suffix.lower()
        return bool(
            _ACTIVE_X.fullmatch(name)
            or name in self.chunks
            or suffix in STRAY_TEXTS
            or name.startswith((_EMBEDDED, _MEDIA))
        )

    def _head(self, info: zipfile.ZipInfo) -> bytes:
        """The first bytes of a member."""
        try:
            with self.archive.open(info) as f:
                return f.read(1024)
        except _DAMAGED:
            _member(self.archive, info, self.path)  # raises the error that names it
            return b""

    def _is_xml(self, info: zipfile.ZipInfo) -> bool:
        """Whether a member of any name is XML (read by its first bytes)."""
        return _looks_like_xml(self._head(info))

    def _read_files(self) -> None:
        """The files the document holds: altChunks, embedded objects, ActiveX data."""
        chunks = self.chunks
        for info in self.archive.infolist():
            name = info.filename
            suffix = PurePosixPath(name).suffix.lower()
            if _ACTIVE_X.fullmatch(name):
                self.unread.append(Unread(Location(member=name), Message(_ACTIVE_X_UNREAD)))
            elif name in chunks or (suffix in STRAY_TEXTS and not name.startswith("word/media/")):
                self._read_chunk(name, _member(self.archive, info, self.path))
            elif name.startswith(_EMBEDDED) and not name.endswith("/"):
                data = _member(self.archive, info, self.path)
                if data and (not is_picture(name, data) or read_picture(data)):
                    self._read_embedded(name, data)  # a picture kept here: as word/media's
            elif name.startswith(_MEDIA) and not name.endswith("/"):
                data = _member(self.archive, info, self.path)
                if data and read_picture(data):  # by OCR; or, without it, said unread
                    self._read_embedded(name, data)
        for info in self.stray:  # a workbook, document, PDF or note put in the package by hand
            if is_stray_file(info.filename, self._head(info)):  # a gzip file: as what it holds
                data = gunzipped(_member(self.archive, info, self.path))
                self._read_embedded(info.filename, data)

    def _alt_chunks(self) -> set[str]:
        """The members that relationships of the type ``aFChunk`` name."""
        found: set[str] = set()
        for info in self.archive.infolist():
            m = _RELATIONSHIPS.fullmatch(info.filename)
            if m is not None:
                source = f"{m.group(1)}/{m.group(2)}" if m.group(1) else m.group(2)
                found.update(name for kind, name in self._related(source) if kind == _ALT_CHUNK)
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
        refuse_untraced(self.path, self.map, self.places, old[:own], new[:own])
        for segment, edits in self.map.edits(old[:own], new[:own], self.path).items():
            accepted = removing(edits, self.deletions.get(segment, ()))
            written = apply(self.contents[segment], accepted)
            edited[self.parts[segment]] = from_utf8(written, *self.codecs[segment])
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


def refuse_untraced(path: Path, text: TextMap, places: Places, old: str, new: str) -> None:
    """Refuse, naming each place, a change of a character of ``text`` read from no text of
    the file (a list's label, a symbol's digit), as :class:`~zfgk.errors.MaskUnsupportedError`."""
    refused: dict[Location, None] = {}
    starts, size = text.starts, min(len(old), text.length)
    for i in [i for i, kind in enumerate(text.kinds) if kind == SYNTHETIC]:  # the few read
        start = starts[i]
        end = min(starts[i + 1] if i + 1 < len(starts) else size, size)
        if start < end and old[start:end] != new[start:end]:
            for offset in range(start, end):
                if old[offset] != new[offset]:
                    refused[places.locate(offset)] = None
    if refused:
        named = ", ".join(place.describe() for place in list(refused)[:_NAMED])
        if len(refused) > _NAMED:
            named += f" (+{len(refused) - _NAMED})"
        raise MaskUnsupportedError.of(_UNTRACED, path=path, places=named)


def read_docx(path: Path, data: bytes) -> tuple[str, DocxSource]:
    """The text of a .docx and its source."""
    source = DocxSource(path, data)
    return source.text, source
