"""WordprocessingML read as Word shows it: one XML part, its runs joined (internal).

:class:`PartReader` reads one XML part (``word/document.xml``, a header, a
chart, a Word 2003 XML file, a Word 2007 "flat" XML file) into a
:class:`~zfgk.documents._model.TextMap` with the standard library's expat,
which never expands an entity (a part that declares a DOCTYPE or an entity
is refused).  A paragraph's runs are joined, whatever splits them (a change
of font, a bookmark, a proofing mark, a revision), and so are the runs of an
equation (``m:r``), each of its boxes (a numerator, a subscript) a line.  The text is the
document as its author left it, each tracked change accepted; after it
come, each on its own line, what the part publishes without showing it
there:

- a number a tracked change holds (``w:del``, ``w:delText``, ``w:moveFrom``,
  ``w:ins``, Word 2003's ``Word.Deletion``): Word and LibreOffice show the
  changes marked up, and "reject all" gives the paragraph back as it was,
  so the paragraph is read those ways too, and each full number only they
  show is put after the text.  Masking removes a deletion that holds a
  hidden digit whole, as accepting it would: no old digit stays in the
  file (:func:`~zfgk.documents._model.removing`);
- a number hidden text cuts: text hidden by its run's ``w:vanish``, by its
  character style, its paragraph's style, its table's style or the
  document's defaults (:mod:`zfgk.documents._wordstyles`), now or before a
  tracked change of formatting (``w:rPrChange``, ``w:pPrChange``,
  ``w:tblPrChange``: "reject all" gives the old styles back; old paragraph
  properties that name no style had the default one), is in the
  text, and the paragraph is read without it too;
- a number over two paragraphs that a reading shows as one: a paragraph
  mark deleted under Track Changes (``w:pPr/w:rPr/w:del``: the changes
  accepted, the paragraph runs on into the next), inserted (the two were one
  before), or hidden (not shown, it joins them); a drop cap's paragraph (the
  large first letters of the next) is read with the next in every reading;
- a number a bidirectional override shows reversed (``w:bdo w:val="rtl"``:
  87654321 stored, 12345678 shown), read as shown, overrides inside it laid
  out as Unicode's algorithm has them (one left to right inside keeps its
  order; two side by side are reversed each alone); a part that nests more
  than 16 in one another is refused;
- numbers apart that a right-to-left embedding (``w:dir w:val="rtl"``) or
  paragraph (``w:pPr/w:bidi``) shows in reverse order (``5678 1234 138``
  shown ``138 1234 5678``), read after U+202B as plain text is
  (:mod:`zfgk.privacy`);
- a number a list's label begins (``numbering.xml``, Word 2003's ``w:lists``),
  as the paragraph is now and, where a tracked change of its formatting
  (``w:pPrChange``) changed its list, as "reject all" gives it back;
- a number a phonetic guide's text (``w:rt``, shown above the line) cuts, or
  the fallback of markup compatibility (``mc:Fallback``) cuts; and the
  paragraph with the fallback in place of the choice (``mc:Choice``), as Word
  shows it where the choice requires a namespace it does not know, and Word
  2007 where it requires one of a later Word;
- a field's instruction (``w:instrText`` and ``w:delInstrText`` over any
  number of runs, joined: a ``HYPERLINK "tel:…"``);
- a number read across the boxes of a form, or over a line break in a cell
  (:mod:`zfgk.documents._forms`);
- the text of any other element (a chart's cached values, the properties
  of a Word 2003 file) that holds a full number.

Attribute values (a picture's alt text, a field's ``w:instr``) and the text
of other XML members are found by :func:`unseen_pieces`, entities read as
the characters they stand for, so that masking changes them in place.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterator
from pathlib import Path
from xml.parsers import expat

from zfgk.documents._forms import Rows
from zfgk.documents._model import (
    COPY,
    GONE,
    NEW,
    SAME,
    SYNTHETIC,
    WHOLE,
    Location,
    Piece,
    Reading,
    TextMap,
)
from zfgk.documents._wordencoding import apply, as_utf8, from_utf8
from zfgk.documents._wordnumbering import Numbering
from zfgk.documents._wordreadings import (
    IN_CHOICE,
    IN_FALLBACK,
    LABEL,
    NESTED,
    OFF_LINE,
    Paragraph,
    numbers_unseen,
    put_labels,
)
from zfgk.documents._wordstyles import Styles, on
from zfgk.errors import DocumentError
from zfgk.formats import is_guid
from zfgk.i18n import N_
from zfgk.privacy import find_pii, may_hold_pii

__all__ = [
    "ATTRIBUTES",
    "NODES",
    "PartReader",
    "Places",
    "Refused",
    "add_line",
    "apply",
    "as_utf8",
    "from_utf8",
    "parse",
    "text_pieces",
    "unseen_pieces",
]

_WORD = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
    "http://schemas.microsoft.com/office/word/2003/wordml",
)
#: DrawingML: the text of SmartArt, charts' titles and shapes.
_DRAWING = (
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
)
#: Office Math: an equation's runs (``m:r``) and their text (``m:t``).
_MATH = (
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
)
#: The parts of an equation Word draws apart (a fraction's numerator and denominator, a
#: subscript, a matrix's entries): each is read as a line of its own.
_MATH_BOXES = ("num", "den", "sub", "sup", "deg", "lim", "e", "fName")
_AML = "http://schemas.microsoft.com/aml/2001/core"
_PACKAGE = "http://schemas.microsoft.com/office/2006/xmlPackage"
_W2003 = _WORD[2]
#: Word 2003's document properties (``o:DocumentProperties``), in the namespace of VML's ``o:``.
_OFFICE = "urn:schemas-microsoft-com:office:office"
_PROPERTIES = ("DocumentProperties", "CustomDocumentProperties")

# What each element is to the text (expat names them "namespace local").
_PARAGRAPH, _TEXT, _DELETED_TEXT, _INSTRUCTION = "p", "t", "delText", "instrText"
_DELETION, _INSERTION, _FIELD, _SKIP, _BINARY = "del", "ins", "fldChar", "skip", "binary"
_TABLE, _ROW, _CELL, _ANNOTATION, _PART = "tbl", "tr", "tc", "annotation", "part"
_SYMBOL = "sym"
_RUN, _PARAGRAPH_PROPERTIES, _HIDDEN = "r", "pPr", "vanish"
_RUN_PROPERTIES, _RUN_STYLE, _PARAGRAPH_STYLE, _CHANGE = "rPr", "rStyle", "pStyle", "change"
_TABLE_STYLE = "tblStyle"
_LIST = "numPr"  # a paragraph's list: its w:numId and w:ilvl
#: A paragraph mark deleted or inserted under Track Changes, read off the mark's properties.
_MARK = "mark"
#: A phonetic guide's text (拼音指南), shown above its base, off the line; a drop cap's frame.
_RUBY_TEXT, _FRAME = "rt", "framePr"
#: Markup compatibility: ``mc:Choice`` is what a program shows that knows the namespaces it
#: requires (Word 2010 and later, those it names); ``mc:Fallback`` what any other shows (Word
#: 2007, Word itself where the choice requires a namespace it does not know).  Both are read;
#: the fallback is left out of a reading without hidden text, and the choice out of the
#: readings with the fallback instead.
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_FALLBACK, _CHOICE = "Fallback", "Choice"
#: A bidirectional override (``w:bdo w:val="rtl"``): its text is shown reversed.
_OVERRIDE = "bdo"
_RTL = "rtl"
#: A bidirectional embedding (``w:dir``), and a paragraph right to left (``w:pPr/w:bidi``):
#: right to left, numbers apart in them show in reverse order, as after U+202B, which the
#: readings put there (:meth:`PartReader.control`).
_EMBEDDING, _BIDI = "dir", "bidi"
_RLE, _PDF = "\u202b", "\u202c"
_DROP_CAPS = tuple(f"{ns} dropCap" for ns in _WORD)
_VALUES = tuple(f"{ns} val" for ns in _WORD)
_MARKS = {"br": "\n", "cr": "\n", "tab": "\t", "ptab": "\t", "noBreakHyphen": "\u2011"}
_MARKS["softHyphen"] = "\u00ad"
#: Word 2003's elements beside the body, and the part each is.
_LABELS_2003 = {"hdr": "header", "ftr": "footer", "footnote": "footnote", "endnote": "endnote"}

#: An equation's boxes (a numerator, a subscript, a bracket's content): each a line of its own.
_MATH_BOX_TAGS = frozenset(f"{ns} {local}" for ns in _MATH for local in _MATH_BOXES)

_ROLES: dict[str, str] = {
    **{f"{ns} p": _PARAGRAPH for ns in (*_WORD, *_DRAWING)},
    **{f"{ns} t": _TEXT for ns in (*_WORD, *_DRAWING, *_MATH)},
    **{f"{ns} delText": _DELETED_TEXT for ns in _WORD},
    **{f"{ns} {local}": _INSTRUCTION for ns in _WORD for local in ("instrText", "delInstrText")},
    **{f"{ns} {local}": _DELETION for ns in _WORD for local in ("del", "moveFrom")},
    **{f"{ns} {local}": _INSERTION for ns in _WORD for local in ("ins", "moveTo")},
    **{f"{ns} fldChar": _FIELD for ns in _WORD},
    **{f"{ns} sym": _SYMBOL for ns in _WORD},
    **{f"{ns} r": _RUN for ns in (*_WORD, *_MATH)},
    **{f"{ns} pPr": _PARAGRAPH_PROPERTIES for ns in _WORD},
    **{f"{ns} rPr": _RUN_PROPERTIES for ns in _WORD},
    **{f"{ns} rStyle": _RUN_STYLE for ns in _WORD},
    **{f"{ns} pStyle": _PARAGRAPH_STYLE for ns in _WORD},
    **{f"{ns} tblStyle": _TABLE_STYLE for ns in _WORD},
    **{f"{ns} {local}": _LIST for ns in _WORD for local in ("numId", "ilvl", "ilfo")},
    **{
        f"{ns} {local}": _CHANGE
        for ns in _WORD
        for local in ("rPrChange", "pPrChange", "tblPrChange")
    },
    **{f"{ns} rt": _RUBY_TEXT for ns in _WORD},
    f"{_MC} Fallback": _FALLBACK,
    f"{_MC} Choice": _CHOICE,
    **{f"{ns} bdo": _OVERRIDE for ns in _WORD},
    **{f"{ns} dir": _EMBEDDING for ns in _WORD},
    **{f"{ns} bidi": _BIDI for ns in _WORD},
    **{f"{ns} framePr": _FRAME for ns in _WORD},
    **{f"{ns} {local}": _HIDDEN for ns in _WORD for local in ("vanish", "specVanish")},
    **{f"{ns} {local}": "\n" for ns in _MATH for local in _MATH_BOXES},
    **{f"{ns} fldData": _SKIP for ns in _WORD},
    **{f"{ns} binData": _BINARY for ns in _WORD},
    f"{_PACKAGE} binaryData": _BINARY,
    f"{_PACKAGE} part": _PART,
    f"{_AML} annotation": _ANNOTATION,
    **{f"{ns} tbl": _TABLE for ns in (*_WORD, *_DRAWING)},
    **{f"{ns} tr": _ROW for ns in (*_WORD, *_DRAWING)},
    **{f"{ns} tc": _CELL for ns in (*_WORD, *_DRAWING)},
    **{f"{ns} {local}": mark for ns in _WORD for local, mark in _MARKS.items()},
    **{f"{ns} br": "\n" for ns in _DRAWING},
    **{f"{_W2003} {local}": f"label:{label}" for local, label in _LABELS_2003.items()},
    **{f"{_OFFICE} {local}": "label:properties" for local in _PROPERTIES},
}
_FIELD_TYPES = tuple(f"{ns} fldCharType" for ns in _WORD)
_SYMBOL_CHARS = tuple(f"{ns} char" for ns in _WORD)
_ANNOTATION_TYPE = f"{_W2003} type"
_PART_NAME = f"{_PACKAGE} name"
_BINARY_NAMES = (f"{_W2003} name", _PART_NAME)
_ENTITY = re.compile(rb"&(?:#[0-9]+|#x[0-9a-fA-F]+|lt|gt|amp|quot|apos);")
#: Characters a person reads as digits, a space, or anything else: a piece of text that is
#: not ASCII is cut where the class changes, so a number's digits are pieces of their own.
_CLASSES = re.compile(r"[\x00-\x7f]+|[０-９]+|\s+|[^\x00-\x7f０-９\s]+")
#: A stretch of XML with fewer digits than this holds no personal number.
_SHORTEST = 11
_DIGIT = re.compile(rb"[0-9]|\xef\xbc[\x90-\x99]")  # ASCII and full-width digits in UTF-8


class Refused(Exception):
    """A DOCTYPE or entity declaration in a part."""


class TooDeep(Exception):
    """Bidirectional overrides nested deeper than :data:`NESTED` in a part."""


class Places:
    """Where each stretch of a text is: the part and paragraph it is in, from an offset on."""

    def __init__(self, text: TextMap) -> None:
        self.text = text
        self._marks: list[int] = []  # text offsets where a paragraph starts or resumes
        self._where: list[tuple[str, int | None]] = []  # (part, paragraph) from that offset

    def mark(self, part: str, paragraph: int | None) -> None:
        """From the current end of the text on, characters are in this part and paragraph."""
        if self._marks and self._marks[-1] == self.text.length:
            self._where[-1] = (part, paragraph)
            return
        self._marks.append(self.text.length)
        self._where.append((part, paragraph))

    def locate(self, offset: int) -> Location:
        """The place of the character at ``offset``."""
        i = bisect.bisect_right(self._marks, offset) - 1
        if i < 0:
            return Location(part="document")
        part, paragraph = self._where[i]
        return Location(part=part, paragraph=paragraph)


def text_pieces(text: str, raw: bytes, segment: int, start: int) -> list[Piece]:
    """The pieces of ``text``, read from the bytes ``raw`` at ``start`` of ``segment``."""
    end = start + len(raw)
    if raw == text.encode("utf-8"):
        if text.isascii():
            return [(text, segment, start, end, COPY)]
        pieces = []
        at = start
        for m in _CLASSES.finditer(text):
            chunk = m.group()
            size = len(chunk.encode("utf-8"))
            pieces.append((chunk, segment, at, at + size, COPY if chunk.isascii() else WHOLE))
            at += size
        return pieces
    if _ENTITY.fullmatch(raw):
        return [(text, segment, start, end, WHOLE)]
    return [(text, segment, start, end, SYNTHETIC)]  # read, but not traced back: never written


class _Field:
    __slots__ = ("anchor", "done", "loose", "reading")

    def __init__(self, anchor: tuple[str, int | None], *, loose: bool = False) -> None:
        self.anchor = anchor
        self.reading = Reading()
        self.done = False
        self.loose = loose  # an instruction outside any field's begin and end


class PartReader:
    """One XML part read into the text map: its paragraphs, runs and their text.

    After :meth:`run`, :attr:`lines` holds what goes after the text, each
    with the (part, paragraph) it belongs to; :attr:`binaries` the base64
    data of Word 2003 and flat XML files, (name, start, end) in the bytes.
    """

    def __init__(
        self,
        text: TextMap,
        places: Places,
        segment: int,
        data: bytes,
        part: str,
        *,
        encoding: str | None = None,
        styles: Styles | None = None,
        numbering: Numbering | None = None,
    ) -> None:
        self.text = text
        self.places = places
        self.segment = segment
        self.data = data
        self.parts = [part]  # the part the reader is in (Word 2003 nests headers, comments)
        self.names = [""]  # the parts of a flat XML package, by their names in it
        self.numbers: dict[str, int] = {}  # the paragraphs of each part so far
        self.paragraphs: list[Paragraph] = []  # the open ones
        self.fields: list[_Field] = []
        self.rows: Rows[tuple[str, int | None]] = Rows(text)
        self.lines: list[tuple[tuple[str, int | None], list[Piece]]] = []
        self.binaries: list[tuple[str, int, int]] = []
        self.open_binaries: list[tuple[str, int]] = []
        #: Where each tracked deletion is in the bytes (start of its start tag, end of its end
        #: tag): masking removes one that holds a hidden digit, as accepting it would.
        self.deletions: list[tuple[int, int]] = []
        self.open_deletions: list[int] = []
        self.effects: list[str | None] = []  # what each open element does to the text
        self._bytes: list[int] = []  # where a paragraph starts or resumes, in the bytes
        self._where: list[tuple[str, int | None]] = []  # (part, paragraph) from there on
        self.depth = {
            _TEXT: 0,
            _DELETED_TEXT: 0,
            _INSTRUCTION: 0,
            _SKIP: 0,
            _RUBY_TEXT: 0,
            _FALLBACK: 0,
            _CHOICE: 0,
        }
        self.state = {_DELETION: 0, _INSERTION: 0}
        self.overrides: list[tuple[int, bool]] = []  # bidirectional overrides open: rtl?
        self.rtl = 0  # how many of them are right to left
        self.embeddings: list[bool] = []  # the embeddings open: whose end a reading marks
        self.pending: tuple[str, int] | None = None
        self.other: list[tuple[str, int, int]] = []  # text outside the runs since the last tag
        self.styles = Styles() if styles is None else styles
        self.numbering = numbering
        #: The open run's own w:vanish (None: its styles decide), its character style, and
        #: whether a tracked change of its formatting had it hidden.
        self.vanish: bool | None = None
        self.run_style: str | None = None
        self.was_hidden = False
        #: Whether the text now read is off the line (:meth:`off_line`), once known.
        self.run_hidden: int | None = None
        #: Runs, run properties, paragraph properties and changes of formatting open.
        self.runs = self.run_properties = self.paragraph_properties = self.changes = 0
        #: Paragraphs that one reading shows as one (a deleted or hidden mark), by depth.
        self.chains: dict[int, list[Paragraph]] = {}
        #: The tables open: the style of each (``""``: the default table style; None: no
        #: Word table's), the depth of paragraphs its cells' are at, and its style before a
        #: tracked change of its formatting (None: no change).
        self.tables: list[tuple[str | None, int, str | None]] = []
        parser = expat.ParserCreate(encoding, namespace_separator=" ")
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
        """Read the part (:class:`Refused`, :class:`expat.ExpatError` if it cannot be)."""
        self.parser.Parse(self.data, True)
        self.cut(0)
        self.rows.close()
        self.lines.extend(self.rows.lines)

    # --------------------------------------------------------------- events

    def refuse(self, *args: object) -> None:
        raise Refused

    def boundary(self, *args: object) -> None:
        if self.pending is not None:
            self.flush(self.parser.CurrentByteIndex)
        if self.other:
            self.judge_other()

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        at = self.parser.CurrentByteIndex
        if self.pending is not None:
            self.flush(at)
        if self.other:
            self.judge_other()
        role = _ROLES.get(tag)
        self.effects.append(role)
        if role is None:
            return
        if role == _PARAGRAPH:
            self.text.separate(self.segment, at)
            part = self.parts[-1]
            number = self.numbers.get(part, 0) + 1
            self.numbers[part] = number
            if self.chains:
                self.cut(len(self.paragraphs) + 1)
            table, depth, old_table = self.tables[-1] if self.tables else (None, -1, None)
            in_cell = depth == len(self.paragraphs)  # not a text box's in a cell
            self.paragraphs.append(
                Paragraph(
                    part,
                    number,
                    word=tag.startswith(_WORD),
                    table=table if in_cell else None,
                    old_table=old_table if in_cell else None,
                )
            )
            self.run_hidden = None  # a text box's paragraph inside a run has its own style
            self.places.mark(part, number)
            self._bytes.append(at)
            self._where.append((part, number))
        elif role == _OVERRIDE:  # its text shown in the direction it names, in its outer's
            if len(self.overrides) >= NESTED:
                raise TooDeep
            rtl = next((attrs[k] for k in _VALUES if k in attrs), "") == _RTL
            self.overrides.append((at, rtl))
            self.rtl += rtl
            self.run_hidden = None
        elif role == _EMBEDDING:  # inside an override right to left, the override decides
            rtl = next((attrs[k] for k in _VALUES if k in attrs), "") == _RTL and not self.rtl
            self.embeddings.append(rtl)
            if rtl:
                self.control(_RLE, at)
        elif role == _BIDI:  # a paragraph's own (not its section's, nor a change's)
            if self.effects[-2:-1] == [_PARAGRAPH_PROPERTIES] and not self.changes:
                if self.paragraphs:
                    self.paragraphs[-1].bidi = on(attrs)
                if on(attrs):
                    self.control(_RLE, at)
        elif role in self.depth:
            self.depth[role] += 1
            if role == _DELETED_TEXT:
                self.open_deletions.append(at)
            elif role in (_RUBY_TEXT, _FALLBACK, _CHOICE):
                self.run_hidden = None
        elif role in self.state:
            if self.marks_paragraph():  # w:pPr/w:rPr/w:del: the paragraph's mark itself
                self.paragraphs[-1].mark = GONE if role == _DELETION else NEW
                self.effects[-1] = _MARK
                return
            self.state[role] += 1
            if role == _DELETION:
                self.open_deletions.append(at)
        elif role == _FIELD:
            self.field(next((attrs[k] for k in _FIELD_TYPES if k in attrs), ""))
        elif role == _TABLE:
            self.cut(len(self.paragraphs))
            self.rows.table()
            self.tables.append(("" if tag.startswith(_WORD) else None, len(self.paragraphs), None))
        elif role == _TABLE_STYLE:
            self.table_style(attrs)
        elif role == _LIST:  # now, or before a tracked change of the paragraph's formatting
            if self.paragraph_properties and self.paragraphs:
                value = next((attrs[k] for k in _VALUES if k in attrs), None)
                list_ = self.paragraphs[-1].old_list if self.changes else self.paragraphs[-1].list
                list_[1 if tag.endswith(" ilvl") else 0] = value  # Word 2003's w:ilfo: numId
        elif role == _ROW:
            self.cut(len(self.paragraphs))
            self.rows.row()
        elif role == _CELL:
            self.cut(len(self.paragraphs))
            part = self.parts[-1]
            self.rows.cell((part, self.numbers.get(part, 0) + 1))
        elif role == _RUN:
            if self.chains:  # a text box in an earlier run is apart
                self.cut(len(self.paragraphs) + 1)
            self.runs += 1
            self.run_hidden = None
            self.settle(at)
        elif role == _PARAGRAPH_PROPERTIES:
            self.paragraph_properties += 1
        elif role == _RUN_PROPERTIES:
            self.run_properties += 1
        elif role == _CHANGE:
            self.changes += 1
            if tag.endswith(" pPrChange") and self.paragraph_properties and self.paragraphs:
                self.paragraphs[-1].old_style = ""  # all its old properties: no style, the default
        elif role in (_HIDDEN, _RUN_STYLE, _PARAGRAPH_STYLE):
            self.properties(role, attrs, always=tag.endswith(" specVanish"))
        elif role == _FRAME:  # a drop cap: its paragraph is the first letters of the next
            drop = next((attrs[k] for k in _DROP_CAPS if k in attrs), "none")
            if drop in ("drop", "margin") and self.paragraphs and not self.changes:
                self.paragraphs[-1].drop_cap = True
        elif role == _SYMBOL:
            if self.paragraphs:  # Insert Symbol: a character by its code, read (not written)
                self.add(_symbol(attrs), self.segment, at, at, SYNTHETIC)
        elif role == _ANNOTATION:
            self.effects[-1] = self.annotation(attrs.get(_ANNOTATION_TYPE, ""))
        elif role == _PART:
            name = attrs.get(_PART_NAME, "").lstrip("/")
            self.names.append(name)
            self.parts.append(name.removeprefix("word/").removesuffix(".xml") or "document")
        elif role == _BINARY:  # Word 2003 names its data; a flat package, the part holding it
            name = next((attrs[k] for k in _BINARY_NAMES if k in attrs), self.names[-1])
            self.depth[_SKIP] += 1
            self.open_binaries.append((name, self.data.index(b">", at) + 1))
        elif role.startswith("label:"):
            self.cut(len(self.paragraphs))
            self.parts.append(role.removeprefix("label:"))
        elif self.paragraphs:  # a mark that shows as a character: a line break, a tab
            self.add(role, self.segment, at, at, SYNTHETIC)

    def end(self, tag: str) -> None:
        at = self.parser.CurrentByteIndex
        if self.pending is not None:
            self.flush(at)
        if self.other:
            self.judge_other()
        role = self.effects.pop() if self.effects else None
        if role is None:
            return
        if role == _PARAGRAPH and self.paragraphs:
            self.text.separate(self.segment, at)
            self.paragraphs[-1].end = at
            self.end_paragraph(self.paragraphs.pop())
            self.run_hidden = None
            outer = self.paragraphs[-1] if self.paragraphs else None
            if outer is not None:
                self.places.mark(outer.part, outer.number)
            self._bytes.append(at)
            self._where.append(
                (self.parts[-1], None) if outer is None else (outer.part, outer.number)
            )
        elif role in self.depth:
            self.depth[role] = max(self.depth[role] - 1, 0)
            if role == _DELETED_TEXT:
                self.end_deletion(at)
            elif role in (_RUBY_TEXT, _FALLBACK, _CHOICE):
                self.run_hidden = None
                if role != _RUBY_TEXT:
                    # a choice's paragraphs and its fallback's are never shown together: one
                    # does not run on into the other's
                    self.cut(len(self.paragraphs))
            ended = role == _INSTRUCTION and not self.depth[role] and self.fields
            if ended and self.fields[-1].loose:  # an instruction outside a field
                self.end_instruction(self.fields.pop())
        elif role in self.state:
            self.state[role] = max(self.state[role] - 1, 0)
            if role == _DELETION:
                self.end_deletion(at)
        elif role == _OVERRIDE:
            self.rtl -= self.overrides.pop()[1]
            self.run_hidden = None
        elif role == _EMBEDDING:
            if self.embeddings.pop():
                self.control(_PDF, at)
        elif role == _RUN:
            self.runs = max(self.runs - 1, 0)
            self.vanish = self.run_style = self.run_hidden = None
            self.was_hidden = False
        elif role == _PARAGRAPH_PROPERTIES:
            self.paragraph_properties = max(self.paragraph_properties - 1, 0)
            if not self.paragraph_properties:
                self.settle(at)
        elif role == _RUN_PROPERTIES:
            self.run_properties = max(self.run_properties - 1, 0)
        elif role == _CHANGE:
            self.changes = max(self.changes - 1, 0)
        elif role == _TABLE:
            self.cut(len(self.paragraphs))
            self.rows.end_table()
            if self.tables:
                self.tables.pop()
        elif role == _ROW:
            self.cut(len(self.paragraphs))
            self.rows.end_row()
        elif role == _CELL:
            self.cut(len(self.paragraphs))
            self.rows.end_cell()
        elif role.startswith("label:") or role == _PART:
            self.cut(len(self.paragraphs))
            if len(self.parts) > 1:
                self.parts.pop()
            if role == _PART and len(self.names) > 1:
                self.names.pop()
        elif role == _BINARY and self.open_binaries:
            self.depth[_SKIP] = max(self.depth[_SKIP] - 1, 0)
            name, start = self.open_binaries.pop()
            self.binaries.append((name, start, max(start, at)))
        elif role in ("deletion", "insertion"):
            key = _DELETION if role == "deletion" else _INSERTION
            self.state[key] = max(self.state[key] - 1, 0)
            if role == "deletion":
                self.end_deletion(at)
        elif tag in _MATH_BOX_TAGS and self.paragraphs:  # a box ends its line, as it starts one
            self.add("\n", self.segment, at, at, SYNTHETIC)

    def end_deletion(self, at: int) -> None:
        """A deletion ends at the end tag that starts at ``at``."""
        if self.open_deletions:
            self.deletions.append((self.open_deletions.pop(), self.data.index(b">", at) + 1))

    def chars(self, data: str) -> None:
        at = self.parser.CurrentByteIndex
        if self.pending is not None:
            self.flush(at)
        self.pending = (data, at)

    def place(self, at: int) -> tuple[str, int | None]:
        """(part, paragraph) of the byte at ``at`` of the part (an attribute's)."""
        i = bisect.bisect_right(self._bytes, at) - 1
        return self._where[i] if i >= 0 else (self.parts[0], None)

    # ---------------------------------------------------------------- text

    def flush(self, end: int) -> None:
        """Give the text read since the last event, mapped to the bytes it came from."""
        if self.pending is None:
            return
        text, start = self.pending
        self.pending = None
        if self.depth[_SKIP]:
            return
        if not (self.depth[_INSTRUCTION] or self.depth[_TEXT] or self.depth[_DELETED_TEXT]):
            self.other.append((text, start, end))
            return
        pieces = text_pieces(text, self.data[start:end], self.segment, start)
        if self.depth[_INSTRUCTION]:
            if not self.fields:
                paragraph = self.paragraphs[-1].number if self.paragraphs else None
                self.fields.append(_Field((self.parts[-1], paragraph), loose=True))
            self.fields[-1].reading.add_tagged(pieces, 0)
        else:
            for piece in pieces:
                self.add(*piece)

    def add(self, text: str, segment: int, start: int, end: int, kind: int) -> None:
        """A piece of a run: in the text unless a tracked change deleted it; in the reading
        of its paragraph before the change unless a tracked change inserted it.  Hidden
        text is in the text, and left out of the paragraph's readings without it:
        138<hidden>号</hidden>12345678 shows a number.  So is a phonetic guide's text, shown
        above the line and not on it."""
        deleted = bool(self.state[_DELETION] or self.depth[_DELETED_TEXT])
        state = GONE if deleted else NEW if self.state[_INSERTION] else SAME
        if state != GONE:
            self.text.add(text, segment, start, end, kind)
        if self.paragraphs:
            paragraph = self.paragraphs[-1]
            hidden = self.run_hidden
            if hidden is None:
                hidden = self.run_hidden = self.off_line(paragraph)
            paragraph.pieces.append(((text, segment, start, end, kind), state, hidden))
            paragraph.changed |= state != SAME or bool(hidden)

    def settle(self, at: int) -> None:
        """The paragraph's direction, once its properties are read (or its first run met):
        right to left by its style or the document's defaults where it says nothing itself
        (Arabic and Uyghur templates set it in the Normal style)."""
        paragraph = self.paragraphs[-1] if self.paragraphs else None
        if paragraph is None or paragraph.settled:
            return
        paragraph.settled = True
        if paragraph.word and paragraph.bidi is None and self.styles.right_to_left(paragraph.style):
            self.control(_RLE, at)

    def control(self, character: str, at: int) -> None:
        """A bidirectional control in the paragraph's readings (never in its text, nor
        written): an embedding's start or end, a paragraph right to left's start."""
        if self.paragraphs:
            paragraph = self.paragraphs[-1]
            paragraph.pieces.append(((character, self.segment, at, at, SYNTHETIC), SAME, LABEL))
            paragraph.changed = True

    def off_line(self, paragraph: Paragraph) -> int:
        """How the text now read is off the line a reader sees (flags, 0: on it): hidden by
        its run or its styles, a phonetic guide's (:data:`OFF_LINE`); a fallback's, a
        choice's (:data:`IN_FALLBACK`, :data:`IN_CHOICE`)."""
        flags = IN_FALLBACK if self.depth[_FALLBACK] else 0
        if self.depth[_CHOICE]:
            flags |= IN_CHOICE
        if self.rtl:
            flags |= paragraph.override(self.overrides)
        if self.depth[_RUBY_TEXT]:
            return flags | OFF_LINE
        if not self.runs:
            return flags
        if self.was_hidden:
            return flags | OFF_LINE
        if not paragraph.word:
            hidden = self.styles.hidden(self.vanish, self.run_style, None)
        else:
            hidden = self.hidden_in(paragraph, self.vanish, self.run_style)
        return flags | OFF_LINE if hidden else flags

    def hidden_in(self, paragraph: Paragraph, own: bool | None, style: str | None) -> bool:
        """Whether a run (or a mark) of ``paragraph``, of its own ``w:vanish`` and character
        ``style``, is hidden by its styles now, or was before a tracked change of its
        paragraph's or its table's formatting."""
        styles = self.styles
        if styles.hidden(own, style, paragraph.style, paragraph.table):
            return True
        old_style, old_table = paragraph.old_style, paragraph.old_table
        if old_style is not None and styles.hidden(own, style, old_style, paragraph.table):
            return True
        return old_table is not None and styles.hidden(own, style, paragraph.style, old_table)

    # ------------------------------------------------- properties and paragraph marks

    def marks_paragraph(self) -> bool:
        """Whether the element just opened is in the properties of the paragraph's mark
        (``w:pPr/w:rPr``), a change of their formatting left aside."""
        effects = self.effects
        return (
            bool(self.paragraphs)
            and len(effects) >= 3
            and effects[-2] == _RUN_PROPERTIES
            and effects[-3] == _PARAGRAPH_PROPERTIES
        )

    def properties(self, role: str, attrs: dict[str, str], *, always: bool = False) -> None:
        """A run's or a paragraph mark's ``w:vanish`` or style, a paragraph's style.
        ``always``: ``w:specVanish``, a mark hidden even where hidden text is shown (Word's
        style separator): its paragraph runs on into the next in every reading."""
        value = next((attrs[k] for k in _VALUES if k in attrs), None)
        in_mark = self.marks_paragraph()
        paragraph = self.paragraphs[-1] if self.paragraphs else None
        if self.changes:  # the formatting before a tracked change: hidden then, maybe now
            if paragraph is None:
                return
            if role == _HIDDEN:
                hidden = on(attrs)
            elif role == _RUN_STYLE:  # its old character style
                hidden = bool(value is not None and self.styles.style_hidden(value, "character"))
            else:  # its old paragraph style: what it hid of its runs and mark is read as hidden
                if self.paragraph_properties and value is not None:
                    paragraph.old_style = value
                return
            if not hidden:
                return
            if self.paragraph_properties:
                paragraph.hidden_mark = True
            elif self.runs:
                self.was_hidden = True
                self.run_hidden = None
        elif role == _PARAGRAPH_STYLE:
            if self.paragraph_properties and paragraph is not None:
                paragraph.style = value
        elif in_mark and paragraph is not None:
            if role == _HIDDEN and always:
                paragraph.drop_cap |= on(attrs)  # joined with the next in every reading
            elif role == _HIDDEN:
                paragraph.mark_vanish = on(attrs)
            else:
                paragraph.mark_style = value
        elif self.runs and self.run_properties and not self.paragraph_properties:
            if role == _HIDDEN:
                self.vanish = on(attrs)
                self.run_hidden = None
            else:
                self.run_style = value
                self.run_hidden = None

    def end_paragraph(self, paragraph: Paragraph) -> None:
        """A paragraph ends: it joins the paragraphs before it that one reading shows as one
        with it, and ends them unless its own mark joins it with the next."""
        if paragraph.word and (paragraph.mark_vanish is not None or self.styles.hides):
            paragraph.hidden_mark |= self.hidden_in(
                paragraph, paragraph.mark_vanish, paragraph.mark_style
            )
        numbering = self.numbering
        if numbering is not None and numbering.digits:
            paragraph.lists(self.styles)
            plain = not (self.chains or paragraph.changed or paragraph.joins())
            put_labels(paragraph, numbering, self.segment, plain=plain)
        if not (self.chains or paragraph.changed or paragraph.joins()):
            return  # nothing to read another way
        depth = len(self.paragraphs)
        self.cut(depth + 1)  # the paragraphs of its text boxes
        self.chains.setdefault(depth, []).append(paragraph)
        if not paragraph.joins():
            self.cut(depth)

    def cut(self, depth: int) -> None:
        """End the runs of paragraphs at ``depth`` and deeper: nothing after them joins them."""
        if not self.chains:
            return
        for level in sorted(level for level in self.chains if level >= depth):
            chain = self.chains.pop(level)
            if len(chain) > 1 or chain[0].changed:
                self.lines.extend(numbers_unseen(chain, self.segment))

    def judge_other(self) -> None:
        """Text outside the runs (a chart's values, a property): kept if it holds a number."""
        if not self.other:
            return
        other, self.other = self.other, []
        text = "".join(chunk for chunk, _, _ in other)
        if may_hold_pii(text) and find_pii(text):
            pieces = [
                piece
                for chunk, start, end in other
                for piece in text_pieces(chunk, self.data[start:end], self.segment, start)
            ]
            self.lines.append(((self.parts[-1], None), pieces))

    def table_style(self, attrs: dict[str, str]) -> None:
        """A table's ``w:tblStyle``; in a tracked change of its formatting, its old style: what
        it hid then is read as hidden."""
        if not self.tables:
            return
        value = next((attrs[k] for k in _VALUES if k in attrs), "")
        style, depth, old = self.tables[-1]
        if style is None:  # DrawingML's: no Word style applies
            return
        if self.changes:
            old = value
        else:
            style = value
        self.tables[-1] = (style, depth, old)

    # -------------------------------------------------------------- fields

    def field(self, kind: str) -> None:
        """A field's begin, separator or end: its instruction is what comes between the first
        two, over any number of runs."""
        if kind == "begin":
            paragraph = self.paragraphs[-1].number if self.paragraphs else None
            self.fields.append(_Field((self.parts[-1], paragraph)))
        elif kind == "separate" and self.fields and not self.fields[-1].done:
            self.fields[-1].done = True
            self.end_instruction(self.fields[-1])
        elif kind == "end" and self.fields:
            field = self.fields.pop()
            if not field.done:
                self.end_instruction(field)

    def end_instruction(self, field: _Field) -> None:
        reading = field.reading
        text = reading.text()
        if may_hold_pii(text) and find_pii(text):
            self.lines.append((field.anchor, reading.pieces(0, reading.count())))
        field.reading = Reading()

    def annotation(self, kind: str) -> str | None:
        """Word 2003's annotations: a tracked deletion or insertion, or a comment."""
        if kind == "Word.Deletion":
            self.state[_DELETION] += 1
            self.open_deletions.append(self.parser.CurrentByteIndex)
            return "deletion"
        if kind == "Word.Insertion":
            self.state[_INSERTION] += 1
            return "insertion"
        if kind == "Word.Comment":
            self.parts.append("comment")
            return "label:comment"
        return None


# ----------------------------------------------------------------- what is not shown


def _symbol(attrs: dict[str, str]) -> str:
    """The character a ``w:sym`` shows: its code, a symbol font's F0xx read as its xx (the
    Symbol font draws digits there); a code that is no character, a space."""
    code = next((attrs[k] for k in _SYMBOL_CHARS if k in attrs), "")
    try:
        number = int(code, 16)
    except ValueError:
        return " "
    if 0xF020 <= number <= 0xF0FF:
        number -= 0xF000
    return chr(number) if 0x20 <= number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF else " "


def _stretch(end: bytes) -> bytes:
    """Bytes up to one of ``end`` holding at least 11 digits (a byte of a full-width one counts
    here; they are counted again exactly), read in one pass: no two of its classes overlap."""
    return rb"(?:[^%s0-9\xef]*+[0-9\xef]){11}[^%s]*+" % (end, end)


_ATTRIBUTE = rb"""\s[^\s=<>]++\s*+=\s*+(?:"(?P<double>%s)"|'(?P<single>%s)')""" % (
    _stretch(b'"<'),
    _stretch(b"'<"),
)
#: Attribute values (a picture's alt text, a field's ``w:instr``) of a part read as text.
ATTRIBUTES = re.compile(_ATTRIBUTE)
#: Attribute values and text of an XML member not read as text (properties, custom XML),
#: a CDATA section's too.
NODES = re.compile(
    _ATTRIBUTE
    + rb"|>(?P<node>%s)<" % _stretch(b"<")
    + rb"|<!\[CDATA\[(?P<cdata>(?:[^\]]++|\](?!\]>))*+)\]\]>"
)


def unseen_pieces(data: bytes, segment: int, pattern: re.Pattern[bytes]) -> Iterator[list[Piece]]:
    """The pieces of each stretch of ``data`` that ``pattern`` finds and that holds a full
    number, entities read as the characters they stand for."""
    for m in pattern.finditer(data):
        start, end = m.span(m.lastgroup or 0)
        if len(_DIGIT.findall(data, start, end)) < _SHORTEST:
            continue
        pieces = _decoded(data, start, end, segment)
        text = "".join(piece[0] for piece in pieces)
        if not is_guid(text.strip()) and find_pii(text):  # (a GUID: an id Word writes, w15:docId)
            yield pieces


def _decoded(data: bytes, start: int, end: int, segment: int) -> list[Piece]:
    """The pieces of ``data[start:end]``: its text, each entity a piece of its own."""
    pieces: list[Piece] = []
    position = start
    for m in [*_ENTITY.finditer(data, start, end), None]:
        stop = end if m is None else m.start()
        if position < stop:
            raw = data[position:stop]
            try:
                pieces += text_pieces(raw.decode("utf-8"), raw, segment, position)
            except UnicodeDecodeError:
                pieces.append((raw.decode("utf-8", "replace"), segment, position, stop, SYNTHETIC))
        if m is not None:
            pieces.append((html.unescape(m.group().decode("ascii")), segment, *m.span(), WHOLE))
            position = m.end()
    return pieces


def parse(reader: PartReader, path: Path, member: str) -> None:
    """Run ``reader``, each way a part can be unreadable said as an error about ``member``."""
    try:
        reader.run()
    except Refused:
        raise DocumentError.of(
            N_("{path}: refused: {member} declares a DOCTYPE or an entity"),
            path=path,
            member=member,
        ) from None
    except TooDeep:
        raise DocumentError.of(
            N_(
                "{path}: {member} nests more than {count} bidirectional overrides (w:bdo) in "
                "one another, which zfgk does not read: remove them in Word and check it again"
            ),
            path=path,
            member=member,
            count=NESTED,
        ) from None
    except expat.ExpatError as e:
        raise DocumentError.of(
            N_("{path}: {member} is not well-formed XML (line {line})"),
            path=path,
            member=member,
            line=e.lineno,
        ) from None


def add_line(
    text: TextMap, places: Places, pieces: list[Piece], part: str, paragraph: int | None
) -> None:
    """Put ``pieces`` after the text on a line of their own, in ``part`` and ``paragraph``."""
    if not pieces:
        return
    text.separate(pieces[0][1], pieces[0][2])
    places.mark(part, paragraph)
    text.extend(pieces)
    text.separate(pieces[-1][1], pieces[-1][3])
