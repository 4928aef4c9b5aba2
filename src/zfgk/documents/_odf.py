"""OpenDocument text (.odt) read as LibreOffice shows it, and masked in place (internal).

An .odt is a zip of XML.  Read, in this order: the body (``content.xml``:
paragraphs and headings with their spans joined, ``text:s`` as the spaces
it stands for, tables cell by cell, lists, text boxes), the headers and
footers of its page styles (``styles.xml``), its footnotes and endnotes,
its comments (``office:annotation``), and the objects embedded in it
(``Object 1/content.xml``: a chart, a spreadsheet).  A paragraph with
tracked changes (``text:tracked-changes``) is read as it is shown, and
again as it was before (its deleted text put back where it was deleted,
its inserted text left out), where that version holds a full number.
Text a style hides (``text:display="none"`` in the text properties of a
span's style or its paragraph's, automatic or common, each inheriting from
its ``style:parent-style-name``; the nearest setting wins) is left out of
the paragraph as it is shown, and read with it again where that holds a
full number: LibreOffice shows 1381234, hidden 号, 5678 as 13812345678.
So is the value of a ``text:hidden-text`` field (its ``text:string-value``,
shown where its condition does not hold; the element's content, which it
does not show, is read after the text as published), and a paragraph that
a ``text:hidden-paragraph`` field hides where its condition holds (a table's
cell is read across its lines without it, as it is shown; so is a paragraph
of a section hidden where its condition holds, ``text:display="condition"``,
or always).  A ``text:conditional-text`` field shows one of its values as its
condition holds or not: the paragraph is read with each in place of its
content (:mod:`zfgk.documents._odfxml`).

After the text come, each on its own line, what the file publishes without
showing it, where it holds a full number: the document's properties
(``meta.xml``: title, description, keywords, user-defined fields), the
authors and dates of comments and changes, attribute values (a link's
``tel:`` address, a bookmark's name, a field's value) and the text of
every other XML member (``settings.xml``, the manifest).  An object
embedded in the old binary format cannot be read and is listed as not read.

Then its pictures (``Pictures/``, ``media/``), each on its own lines, as a
.docx's are (:func:`~zfgk.documents._embedded.read_picture`): one drawn as
vectors (EMF, WMF, SVG) by the text it draws; one large enough to show a
number by OCR with the ``ocr`` extra, or, without it, listed as not read if
it is as large as a scanned page or a photograph.  A picture is never
written: a number in one makes masking refuse, naming it.  The thumbnail
(``Thumbnails/``) shows the first page, which is read as text.

Every XML part is read with the standard library's expat, which never
expands an entity: a part that declares a DOCTYPE or an entity is refused.
Masking changes only the characters that show hidden digits, byte for
byte in place; every other member of the zip is kept, in its order.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.parsers import expat

import attrs

from zfgk.documents._archive import open_package, read_member, write_package
from zfgk.documents._embedded import (
    ocr_installed,
    one_budget,
    read_picture,
)
from zfgk.documents._embedded import read_member as read_inside
from zfgk.documents._flow import DELETED, HIDDEN, INSERTED, Flow, Piece
from zfgk.documents._forms import read_row
from zfgk.documents._model import COPY, SYNTHETIC, WHOLE, Composite, Edit, Location
from zfgk.documents._odfstyles import Refused, StyleReader, Styles
from zfgk.documents._odfxml import (
    Choices,
    attribute_pieces,
    element_end,
    escape_xml,
    xml_pieces,
)
from zfgk.documents._parts import Unread
from zfgk.documents._vector import vector_kind
from zfgk.errors import DocumentError
from zfgk.formats import gunzipped, is_stray_file
from zfgk.i18n import N_, Message

__all__ = ["OdfSource", "read_odt"]

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_PARAGRAPHS = frozenset({f"{_TEXT} p", f"{_TEXT} h"})
#: Elements whose paragraphs are a part of their own.
_PARTS = {
    **{f"{_STYLE} {name}": "header" for name in ("header", "header-left", "header-first")},
    **{f"{_STYLE} {name}": "footer" for name in ("footer", "footer-left", "footer-first")},
    f"{_TEXT} note-body": "footnote",
    f"{_OFFICE} annotation": "comment",
}
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TABLE, _ROW = f"{_TABLE_NS} table", f"{_TABLE_NS} table-row"
_CELLS = frozenset({f"{_TABLE_NS} table-cell", f"{_TABLE_NS} covered-table-cell"})
_SPACE = f"{_TEXT} s"
_MARKS = {f"{_TEXT} tab": "\t", f"{_TEXT} line-break": "\n"}
_REGION = f"{_TEXT} changed-region"
_DELETION = f"{_TEXT} deletion"
_INSERTION = f"{_TEXT} insertion"
_CHANGE = f"{_TEXT} change"
_CHANGE_START = f"{_TEXT} change-start"
_CHANGE_END = f"{_TEXT} change-end"
_TRACKED = f"{_TEXT} tracked-changes"
_ORDER = ("document", "header", "footer", "footnote", "comment")
_ENTITY = re.compile(rb"&(?:#[0-9]+|#x[0-9a-fA-F]+|lt|gt|amp|quot|apos);")
#: An attribute value with at least 11 digits.
_ATTRIBUTE = re.compile(
    rb"""\s[^\s=<>/]+\s*=\s*(?:"((?:[^"0-9<]*[0-9]){11}[^"<]*)"|'((?:[^'0-9<]*[0-9]){11}[^'<]*)')"""
)
_XML_MEMBER = re.compile(r"[^/].*\.(?:xml|rdf)", re.IGNORECASE)
#: Where an OpenDocument keeps the pictures it shows.
_PICTURES = ("Pictures/", "media/")
#: Members that are the document's body, page styles and embedded objects: read as paragraphs.
_FLOWING = re.compile(r"(?:content|styles)\.xml|Object [^/]+/(?:content|styles)\.xml")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_FRAME, _IMAGE = f"{_DRAW} frame", f"{_DRAW} image"
_HREF = "http://www.w3.org/1999/xlink href"
_SPAN = f"{_TEXT} span"
#: Elements of a paragraph that give their text a text style: a span, and a link.
_STYLED = frozenset({_SPAN, f"{_TEXT} a"})
_STYLE_NAME = f"{_TEXT} style-name"
#: Fields that hide text or a paragraph where a condition holds: the text a hidden-text field
#: shows is its ``text:string-value`` (LibreOffice writes the element empty).
_HIDDEN_TEXT, _HIDDEN_PARAGRAPH = f"{_TEXT} hidden-text", f"{_TEXT} hidden-paragraph"
_STRING_VALUE = f"{_TEXT} string-value"
#: A field that shows one of two values as its condition holds or not; a section hidden
#: where its condition holds, or always.
_CONDITIONAL, _SECTION = f"{_TEXT} conditional-text", f"{_TEXT} section"
_IF = ("string-value-if-true", "string-value-if-false")
_SECTION_DISPLAY = f"{_TEXT} display"


@attrs.define
class _Open:
    """A paragraph being read: its pieces, and what it is part of."""

    part: str
    pieces: list[Piece] = attrs.Factory(list)
    region: str | None = None  # inside a tracked deletion: the region it belongs to
    hidden: bool = False  # its style hides its text
    hidden_paragraph: bool = False  # a text:hidden-paragraph field may hide it whole
    #: Whether the text of each open span is hidden: what the innermost style that says it
    #: says (the span's, an outer span's, the paragraph's).
    spans: list[bool] = attrs.Factory(list)
    choices: Choices = attrs.Factory(Choices)  # its conditional fields' values
    in_section: bool = False  # in a section hidden where its condition holds, or always

    def hides(self) -> bool:
        """Whether the text now read is hidden."""
        return self.spans[-1] if self.spans else self.hidden

    def span(self, hidden: bool | None) -> None:
        """A span opens whose style says ``hidden`` (None: says nothing)."""
        self.spans.append(self.hides() if hidden is None else hidden)


@attrs.define
class _Cell:
    """A table's cell being read: its paragraphs' shown pieces, a line break between two;
    and all of them, hidden paragraphs too (``text:hidden-paragraph``), where it has any."""

    pieces: list[Piece] = attrs.Factory(list)
    nested: bool = False  # holds a table of its own
    every: list[Piece] | None = None  # with its hidden paragraphs (None: it has none)

    def add(self, pieces: list[Piece], at: int, segment: int, hidden: bool) -> None:
        """A paragraph of it ends at ``at``: hidden where its field's condition holds."""
        if hidden and self.every is None:
            self.every = list(self.pieces)
        for lines in (self.every,) if hidden else (self.pieces, self.every):
            if lines is None:
                continue
            if lines:
                lines.append(("\n", segment, at, at, SYNTHETIC, 0))
            lines.extend(p for p in pieces if not p[5] & DELETED)


@attrs.define
class _Table:
    row: list[_Cell] = attrs.Factory(list)
    cell: _Cell | None = None


class _PartReader:
    """One XML member read into paragraphs (or, for a member of no text, into stretches)."""

    def __init__(
        self, source: OdfSource, segment: int, data: bytes, flowing: bool, part: str
    ) -> None:
        self.source = source
        self.segment = segment
        self.data = data
        self.flowing = flowing
        self.base = part
        self.parts: list[tuple[str, int]] = [(part, 0)]  # (part, paragraphs open outside it)
        self.loose_break = False
        self.open: list[_Open] = []
        self.loose: list[Piece] = []  # text outside paragraphs: published, not read as a text
        self.region: str | None = None
        self.in_deletion = False
        self.frames: list[list[str]] = []  # the pictures of each open draw:frame, in order
        self.flags = 0
        self.pending: tuple[str, int] | None = None
        self.skip = 0  # inside text:tracked-changes' regions other than deletions
        #: For each open text:hidden-text, whether it has a value (what it shows): its
        #: content, then, is published and not shown (read after the text).
        self.hidden_texts: list[bool] = []
        self.unshown = 0
        self.tables: list[_Table] = []  # the tables open, innermost last
        self.sections: list[bool] = []  # for each open section, whether it may be hidden
        #: Paragraphs whose inserted breaks join them before the change: their part, the
        #: number of the first, and their text as it was.
        self.joining: tuple[str, int, list[Piece]] | None = None
        self.member = source.parts[segment]
        self.styles = StyleReader(source.styles, self.member)
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.buffer_text = False
        parser.StartDoctypeDeclHandler = self.refuse
        parser.EntityDeclHandler = self.refuse
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.chars
        self.parser = parser

    def run(self) -> None:
        self.parser.Parse(self.data, True)
        self.flush(len(self.data))
        if self.loose:
            self.source.flow.unseen(self.loose, Location(part=self.base))

    def refuse(self, *args: object) -> None:
        raise Refused

    def start(self, tag: str, attrs_: dict[str, str]) -> None:
        at = self.parser.CurrentByteIndex
        self.flush(at)
        self.loose_break = True
        if not self.flowing:
            return
        self.styles.start(tag, attrs_)
        if tag in _STYLED and self.open:
            style = attrs_.get(_STYLE_NAME)
            self.open[-1].span(self.source.styles.hidden(self.member, "text", style))
        elif tag == _HIDDEN_TEXT and self.open:
            self.hidden_text(at, attrs_.get(_STRING_VALUE))
        elif tag == _HIDDEN_PARAGRAPH and self.open:
            self.open[-1].hidden_paragraph = True
        elif tag == _CONDITIONAL and self.open:
            self.conditional(at, attrs_)
        elif tag == _SECTION:  # hidden where its condition holds ("condition"), or always
            self.sections.append(attrs_.get(_SECTION_DISPLAY) in ("condition", "none"))
        elif tag == _FRAME:
            self.frames.append([])
        elif tag == _IMAGE and self.frames:
            self.frames[-1].append(attrs_.get(_HREF, "").removeprefix("./"))
        elif tag == _TABLE:
            if self.tables and self.tables[-1].cell is not None:
                self.tables[-1].cell.nested = True
            self.tables.append(_Table())
        elif tag == _ROW and self.tables:
            self.tables[-1].row = []
        elif tag in _CELLS and self.tables:
            self.tables[-1].cell = _Cell()
        elif tag == _REGION:
            self.region = attrs_.get(f"{_TEXT} id")
        elif tag == _DELETION:
            self.in_deletion = True
        elif tag in _PARTS:
            self.parts.append((_PARTS[tag], len(self.open)))
        elif tag in _PARAGRAPHS:
            region = self.region if self.in_deletion else None
            style = attrs_.get(_STYLE_NAME)
            hidden = self.source.styles.paragraph_hidden(self.member, style)
            self.open.append(_Open(self.parts[-1][0], region=region, hidden=hidden))
            self.open[-1].in_section = any(self.sections)
        elif tag == _SPACE and self.open:
            count = int(attrs_.get(f"{_TEXT} c", "1") or 1)
            self.add(" " * max(1, min(count, 1000)), at, element_end(self.data, at), WHOLE)
        elif tag in _MARKS and self.open:
            self.add(_MARKS[tag], at, element_end(self.data, at), WHOLE)
        elif tag == _CHANGE and self.open:
            region = attrs_.get(f"{_TEXT} change-id", "")
            self.source.referenced.add(region)
            for piece in self.source.deleted.get(region, ()):
                self.open[-1].pieces.append((*piece[:5], piece[5] | DELETED))
        elif tag == _CHANGE_START:
            if self.source.kinds.get(attrs_.get(f"{_TEXT} change-id", "")) == "insertion":
                self.flags |= INSERTED
        elif tag == _CHANGE_END:
            if self.source.kinds.get(attrs_.get(f"{_TEXT} change-id", "")) == "insertion":
                self.flags &= ~INSERTED
        elif tag == _INSERTION and self.region is not None:
            self.source.kinds[self.region] = "insertion"

    def _join_inserted(self, paragraph: _Open) -> None:
        """A paragraph whose end lies inside a tracked insertion (``text:change-start`` before
        it, ``text:change-end`` in a paragraph after it): its break was inserted, so before the
        change it and the next were one.  That version is read after the text, named by the
        first paragraph."""
        before = [p for p in paragraph.pieces if not p[5] & INSERTED]
        joined = self.joining
        if joined is not None and joined[0] == paragraph.part:
            joined[2].extend(before)  # in place: a long run of joined paragraphs is copied once
            before = joined[2]
            first = joined[1]
        else:
            first = len(self.source.streams[paragraph.part])
        if self.flags & INSERTED:
            self.joining = (paragraph.part, first, before)
            return
        self.joining = None
        if joined is not None and joined[0] == paragraph.part:
            self.source.flow.unseen(before, Location(part=paragraph.part, paragraph=first))

    def _across(self, cells: list[_Cell]) -> None:
        """A row's numbers read across its boxes or across the lines of a cell
        (:mod:`zfgk.documents._forms`), as for a Word file's tables: put after the text; with
        and without the cells' hidden paragraphs, each number once."""
        readings = [[c.pieces for c in cells]]
        if any(c.every is not None for c in cells):
            readings.append([c.pieces if c.every is None else c.every for c in cells])
        where = Location(part=self.parts[-1][0])
        seen: set[tuple[tuple[str, int, int, int], ...]] = set()
        for reading in readings:
            if len(cells) < 2 and not any("\n" in p[0] for c in reading for p in c):
                continue
            for found in read_row(reading, [c.nested for c in cells]):
                key = tuple(piece[:4] for piece in found)
                if key not in seen:
                    seen.add(key)
                    self.source.flow.unseen([(*piece, 0) for piece in found], where)

    def hidden_text(self, at: int, value: str | None) -> None:
        """A ``text:hidden-text`` field opens at ``at``: what it shows (its value, where it
        has one) is hidden where its condition holds, and read both ways."""
        self.open[-1].span(True)
        self.hidden_texts.append(value is not None)
        if value is None:
            return
        pieces = self._value_pieces(at, "string-value", value)
        if pieces is None:  # not where it was looked for: read, never written
            self.add(value, at, at, SYNTHETIC)
        else:
            for text, _, start, end, kind, _ in pieces:
                self.add(text, start, end, kind)
        self.unshown += 1  # the element's content is not what it shows
        self.loose_break = True

    def _value_pieces(
        self, at: int, name: str, value: str, *, note: bool = True
    ) -> list[Piece] | None:
        """The pieces of attribute ``name``'s value (:func:`._odfxml.attribute_pieces`) of the
        element at ``at``; the span is noted (``note``): not read again as a stretch."""
        pieces = attribute_pieces(self.data, self.segment, at, name.encode("ascii"), value)
        if pieces and note:
            self.source.values.add((self.segment, pieces[0][2]))
        return pieces

    def conditional(self, at: int, attrs_: dict[str, str]) -> None:
        """A ``text:conditional-text`` field opens at ``at``: each value it may show, read in
        place of its content (:class:`._odfxml.Choices`)."""
        paragraph = self.open[-1]
        flags = self.flags | (HIDDEN if paragraph.hides() else 0)
        values = []
        # a deleted paragraph's, or a hidden-text field's content's, is not read with them: its
        # values are left to be read as the part's stretches
        note = paragraph.region is None and not self.unshown
        for name in _IF:
            value = attrs_.get(f"{_TEXT} {name}")
            if value is not None:
                pieces = self._value_pieces(at, name, value, note=note)
                if pieces is None:  # not where it was looked for: read, never written
                    pieces = [(value, self.segment, at, at, SYNTHETIC, 0)]
                values.append([(*p[:5], flags) for p in pieces])
        paragraph.choices.open(len(paragraph.pieces), values)

    def end(self, tag: str) -> None:
        at = self.parser.CurrentByteIndex
        self.flush(at)
        self.loose_break = True
        if not self.flowing:
            return
        self.styles.end(tag)
        if tag in _STYLED and self.open and self.open[-1].spans:
            self.open[-1].spans.pop()
        elif tag == _CONDITIONAL and self.open:
            self.open[-1].choices.close(len(self.open[-1].pieces))
        elif tag == _SECTION and self.sections:
            self.sections.pop()
        elif tag == _HIDDEN_TEXT and self.hidden_texts:
            self.unshown -= self.hidden_texts.pop()
            if self.open and self.open[-1].spans:
                self.open[-1].spans.pop()
        elif tag in _PARAGRAPHS and self.open:
            paragraph = self.open.pop()
            if paragraph.hidden_paragraph:  # hidden where its condition holds: read both ways
                paragraph.pieces = [(*p[:5], p[5] | HIDDEN) for p in paragraph.pieces]
            if paragraph.region is not None:
                deleted = self.source.deleted.setdefault(paragraph.region, [])
                if deleted:
                    deleted.append(("\n", self.segment, at, at, SYNTHETIC, 0))
                deleted.extend(paragraph.pieces)
                self.source.kinds[paragraph.region] = "deletion"
            else:
                self.source.paragraph(paragraph.part, paragraph.pieces)
                self._join_inserted(paragraph)
                where = Location(part=paragraph.part, paragraph=self.source.count(paragraph.part))
                for number in paragraph.choices.readings(paragraph.pieces):
                    self.source.flow.unseen(number, where)
                cell = self.tables[-1].cell if self.tables and not self.open else None
                if cell is not None:  # a cell as shown, with its hidden paragraphs and not
                    hidden = paragraph.hidden_paragraph or paragraph.in_section
                    cell.add(paragraph.pieces, at, self.segment, hidden)
        elif tag in _CELLS and self.tables:
            table = self.tables[-1]
            if table.cell is not None:
                table.row.append(table.cell)
                table.cell = None
        elif tag == _ROW and self.tables:
            self._across(self.tables[-1].row)
            self.tables[-1].row = []
        elif tag == _TABLE and self.tables:
            self.tables.pop()
        elif tag == _FRAME and self.frames:
            pictures = self.frames.pop()
            if pictures:
                first, *others = pictures
                self.source.firsts.add(first)
                for other in others:  # the alternatives of the frame's first picture
                    self.source.alternatives.setdefault(other, first)
        elif tag in _PARTS and len(self.parts) > 1:
            self.parts.pop()
        elif tag == _DELETION:
            self.in_deletion = False
        elif tag == _REGION:
            self.region = None
        elif tag == _TRACKED:
            self.in_deletion = False

    def chars(self, data: str) -> None:
        at = self.parser.CurrentByteIndex
        self.flush(at)
        self.pending = (data, at)

    def flush(self, end: int) -> None:
        """Map the text read since the last event to the bytes it came from."""
        if self.pending is None:
            return
        text, start = self.pending
        self.pending = None
        raw = self.data[start:end]
        if raw == text.encode("utf-8"):
            position = start
            for m in re.finditer(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
                size = len(m.group().encode("utf-8"))
                kind = COPY if m.group()[0] < "\x80" else WHOLE
                self.add(m.group(), position, position + size, kind)
                position += size
        elif _ENTITY.fullmatch(raw):
            self.add(text, start, end, WHOLE)
        else:
            self.add(text, start, end, SYNTHETIC)  # read, but not traced back: never written

    def add(self, text: str, start: int, end: int, kind: int) -> None:
        piece = (text, self.segment, start, end, kind, self.flags)
        if self.unshown:  # a hidden-text field's content: published, not shown
            if self.loose and self.loose_break:
                self.loose.append(("\n", self.segment, start, start, SYNTHETIC, 0))
            self.loose_break = False
            self.loose.append(piece)
        elif len(self.open) > self.parts[-1][1]:
            if self.open[-1].hides():
                piece = (*piece[:5], piece[5] | HIDDEN)
            self.open[-1].pieces.append(piece)
        elif text.strip() or (self.loose and not self.loose_break):
            if self.loose and self.loose_break:
                self.loose.append(("\n", self.segment, start, start, SYNTHETIC, 0))
            self.loose_break = False
            self.loose.append(piece)


class OdfSource:
    """An .odt: its members, the text map over the parts read; locates and writes back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.flow = Flow()
        self.parts: list[str] = []
        self.contents: list[bytes] = []
        self.deleted: dict[str, list[Piece]] = {}
        self.referenced: set[str] = set()
        #: Where the value of a hidden-text field read as text starts (segment, byte).
        self.values: set[tuple[int, int]] = set()
        self.kinds: dict[str, str] = {}
        self.streams: dict[str, list[list[Piece]]] = {}
        self.styles = Styles()
        self.unread: list[Unread] = []
        #: A picture that a frame shows only where its first picture cannot be drawn, and
        #: that first picture: LibreOffice keeps a PNG beside a pasted EMF, WMF or SVG.
        self.alternatives: dict[str, str] = {}
        self.firsts: set[str] = set()  # pictures a frame shows first: never only an alternative
        archive = open_package(path, N_("OpenDocument text (.odt)"))
        with archive:
            self._read(archive)
            self.own = self.flow.map.text()
            self.children = Composite(len(self.own))
            with one_budget():
                self._read_pictures(archive)
                self._read_stray(archive)

    @property
    def text(self) -> str:
        """The text of the document, then of its pictures."""
        return self.children.text(self.own)

    def _read_pictures(self, archive: zipfile.ZipFile) -> None:
        """The pictures it shows: read as a .docx's are (by the text they draw, by OCR).

        A frame's second picture is what an application shows that cannot draw the first:
        LibreOffice keeps a PNG of each EMF, WMF or SVG it is given.  Without the ``ocr``
        extra, such a picture is not said unread where its first was read whole by the text
        it draws (some text, and nothing unread: one that draws its letters as outlines has
        none) and no frame shows it first.  With OCR, it is read as any picture is.
        """
        read_whole: set[str] = set()
        for info in sorted(archive.infolist(), key=lambda i: i.filename in self.alternatives):
            name = info.filename
            if info.is_dir() or not name.startswith(_PICTURES):
                continue
            data = read_member(archive, info, self.path)
            if not data or not read_picture(data):
                continue
            first = self.alternatives.get(name)
            if first in read_whole and name not in self.firsts and not ocr_installed():
                continue
            child, unread = read_inside(self.path, name, data)  # by OCR; or said unread
            self.unread += unread
            if child is not None:
                self.children.add(name, child)
                if not unread and vector_kind(data) is not None and child.text.strip():
                    read_whole.add(name)  # its text read, all of it (not a drawing of outlines)

    def _read_stray(self, archive: zipfile.ZipFile) -> None:
        """Files of their own put in the package outside its parts and pictures (a note, a
        table, a page; a zip, a PDF, an OLE file by its first bytes: see
        :func:`~zfgk.formats.is_stray_file`), read as embedded files are."""
        for info in archive.infolist():
            name = info.filename
            if info.is_dir() or _XML_MEMBER.fullmatch(name) or name.startswith(_PICTURES):
                continue
            data = read_member(archive, info, self.path)  # a damaged one: a DocumentError
            if not is_stray_file(name, data[:1024]):
                continue
            child, unread = read_inside(self.path, name, gunzipped(data))  # a gzip: what it holds
            self.unread += unread
            if child is not None:
                self.children.add(name, child)

    def _read(self, archive: zipfile.ZipFile) -> None:
        infos = {info.filename: info for info in archive.infolist()}
        if "content.xml" not in infos:
            raise DocumentError.of(
                N_("{path}: not an OpenDocument text: the archive has no content.xml"),
                path=self.path,
            )
        manifest = infos.get("META-INF/manifest.xml")
        if manifest is not None and b"encryption-data" in read_member(archive, manifest, self.path):
            raise DocumentError.of(
                N_(
                    "{path}: the document is protected by a password, so zfgk cannot read it: "
                    "save a copy without a password and check that"
                ),
                path=self.path,
            )
        names = sorted(infos, key=_reading_order)
        for name in names:  # the common styles, which content.xml names before they come
            if name.rpartition("/")[2] == "styles.xml" and _FLOWING.fullmatch(name):
                StyleReader(self.styles, name).read(read_member(archive, infos[name], self.path))
        for name in names:
            info = infos[name]
            if info.is_dir():
                continue
            if _XML_MEMBER.fullmatch(name):
                self._read_part(name, read_member(archive, info, self.path))
            elif name.startswith("Object ") and "/" not in name.rstrip("/"):
                head = read_member(archive, info, self.path)[:8]
                if head == _OLE:
                    self.unread.append(
                        Unread(
                            Location(part=name),
                            Message(
                                N_(
                                    "an object embedded in the old binary format (an Excel "
                                    "sheet, a Word document) zfgk cannot read: check it by "
                                    "eye, or paste its content as text"
                                )
                            ),
                        )
                    )
        for stream in _ORDER:
            for number, pieces in enumerate(self.streams.get(stream, []), start=1):
                self.flow.paragraph(pieces, Location(part=stream, paragraph=number))
        for stream, paragraphs in self.streams.items():
            if stream in _ORDER:
                continue
            for number, pieces in enumerate(paragraphs, start=1):
                self.flow.paragraph(pieces, Location(part=stream, paragraph=number))
        for region, pieces in self.deleted.items():
            if region not in self.referenced:  # a deletion no paragraph points to: still there
                self.flow.unseen(pieces, Location(part="document"))
        for segment, (name, data) in enumerate(zip(self.parts, self.contents, strict=True)):
            self._attributes(segment, name, data)
        self.flow.finish()

    def _read_part(self, name: str, data: bytes) -> None:
        segment = len(self.parts)
        self.parts.append(name)
        self.contents.append(data)
        flowing = _FLOWING.fullmatch(name) is not None
        if name.startswith("Object "):
            part = name.split("/", 1)[0]
        elif name == "meta.xml":
            part = "properties"
        elif name in ("content.xml", "styles.xml"):
            part = "document"
        else:
            part = name
        reader = _PartReader(self, segment, data, flowing, part)
        try:
            reader.run()
        except Refused:
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

    def paragraph(self, part: str, pieces: list[Piece]) -> None:
        self.streams.setdefault(part, []).append(pieces)

    def count(self, part: str) -> int:
        """The paragraphs of ``part`` so far."""
        return len(self.streams.get(part, ()))

    def _attributes(self, segment: int, name: str, data: bytes) -> None:
        """Attribute values with a number (a link's address, a field's value), unseen."""
        for m in _ATTRIBUTE.finditer(data):
            group = 1 if m.group(1) is not None else 2
            start, end = m.span(group)
            if (segment, start) in self.values:  # read as text already: once
                continue
            self.flow.unseen(xml_pieces(data, segment, start, end), Location(part=name))

    def locate(self, offset: int) -> Location:
        inner = self.children.locate(offset)
        return self.flow.locate(offset) if inner is None else inner

    def write(self, output: Path, old: str, new: str) -> None:
        self.children.changed(old, new, self.path)  # a picture holding a number: refused
        own = len(self.own)
        edited = {
            self.parts[segment]: _apply(self.contents[segment], edits)
            for segment, edits in self.flow.edits(old[:own], new[:own], self.path).items()
        }
        archive = open_package(self.path, N_("OpenDocument text (.odt)"))
        with archive:
            write_package(self.path, output, edited, archive)


def _reading_order(name: str) -> tuple[int, str]:
    order = ("content.xml", "styles.xml", "meta.xml")
    return (order.index(name) if name in order else len(order), name)


def _apply(data: bytes, edits: list[Edit]) -> bytes:
    parts = []
    position = 0
    for start, end, text in edits:
        parts.append(data[position:start])
        parts.append(escape_xml(text).encode("utf-8"))
        position = end
    parts.append(data[position:])
    return b"".join(parts)


def read_odt(path: Path) -> tuple[str, OdfSource]:
    """The text of an .odt and its source."""
    source = OdfSource(path)
    return source.text, source
