"""Word 97-2003 documents (.doc) read as Word shows them (internal).

A .doc is an OLE compound file.  Its text is in the ``WordDocument`` stream,
in pieces that the piece table (the ``Clx`` of the ``0Table`` or ``1Table``
stream, [MS-DOC] 2.9.38) lists in order; each piece is UTF-16 or, "compressed",
one byte a character in code page 1252.  The text of every story lies in one
run of character positions, one story after another: the body, the
footnotes, the headers and footers, the comments, the endnotes, the text
boxes and the text boxes of headers (their lengths are in the FIB, the
file's header).  Read:

- every story, a paragraph ending at each paragraph mark and each cell mark;
  tracked deletions are read too (they stay in the text, only marked), and a
  field's code (``HYPERLINK "tel:…"``) as well as its result; hidden text is
  read, and a paragraph again without it where that shows a number: text a
  run hides (``sprmCFVanish``; ``sprmCFSpecVanish``, a paragraph mark always
  hidden, which runs its paragraph on into the next) or its character or
  paragraph style does (the
  stylesheet, ``STSH``: a style's character properties, through the styles
  it is based on), judged as a .docx's
  (:class:`~zfgk.documents._wordstyles.Styles`);
- a form's row of boxes (one digit a cell) across its boxes, by the rule
  every reader of tables follows (:func:`~zfgk.documents._forms.read_row`);
- the document's properties (``SummaryInformation``);
- every other stream (bookmarks, the template's and the author's names,
  a form field's default text …), as 8-bit and as UTF-16 text, where it
  holds a full number;
- the pictures the document carries (PNG, JPEG, GIF, BMP found in its
  streams, and EMF and WMF kept as OfficeArt blips: a pasted picture, what an
  embedded object shows), by the picture rule of
  :func:`~zfgk.documents._embedded.read_picture` (a metafile is read by the
  text it draws);
- an object embedded as a file (an ``.xlsx`` or ``.docx`` package, a
  packaged file); any other embedded object is listed as not read.

A .doc protected by a password, or written by Word 6.0/95, is not read.  zfgk
does not write .doc: to publish a masked copy, save the document as .docx
and mask that.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import re
import struct
from collections.abc import Iterator
from pathlib import Path

import attrs

from zfgk._arguments import quiet
from zfgk.documents._container import Container
from zfgk.documents._doclists import labelled, list_labels
from zfgk.documents._embedded import one_budget, read_picture
from zfgk.documents._forms import read_row
from zfgk.documents._model import WHOLE
from zfgk.documents._olepictures import metafiles as _metafiles
from zfgk.documents._olepictures import pictures as _pictures
from zfgk.documents._olepictures import raster_blips as _raster_blips
from zfgk.documents._parts import Document, Location
from zfgk.documents._wordstyles import Styles
from zfgk.errors import DocumentError
from zfgk.formats import Kind
from zfgk.i18n import N_, Message
from zfgk.privacy import find_pii, strip_separators
from zfgk.tables import BrokenFile, CompoundEntry, CompoundFile, property_texts

__all__ = ["read_doc"]

#: The FIB's first word, and the smallest ``nFib`` of Word 97 (Word 6.0/95 write less).
_IDENT, _WORD97 = 0xA5EC, 0xC1
_ENCRYPTED, _TABLE_1, _OBFUSCATED = 0x0100, 0x0200, 0x8000
#: The stories in the order of their character positions, with the place word of each.
_STORIES = (
    "document",
    "footnotes",
    "headers and footers",
    "macros",
    "comments",
    "endnotes",
    "text boxes",
    "header text boxes",
)
#: The index of ``fcClx`` among the FIB's (fc, lcb) pairs.
_CLX = 33
#: Code page 1252 where it differs from Latin-1 (a compressed piece, [MS-DOC] 2.4.1).
_CP1252 = {
    b: bytes([b]).decode("cp1252")
    for b in range(0x80, 0xA0)
    if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_COMPRESSED = str.maketrans({chr(b): c for b, c in _CP1252.items()})
#: What the marks of the text become: a paragraph, cell or line end a line; a
#: non-breaking hyphen is a hyphen; the rest (a picture's anchor, a note's mark, a soft
#: hyphen, a field's marks: its code is cut out before) show nothing of their own.
_MARKS = str.maketrans(
    {
        "\r": "\n",
        "\x07": "\n",
        "\x0b": "\n",
        "\x0c": "\n",
        "\x0e": "\n",
        "\x1e": "-",
        **dict.fromkeys(map(chr, (*range(7), 8, *range(0x0F, 0x16), 0x1F)), ""),
        **dict.fromkeys(map(chr, range(0x16, 0x1E)), ""),
    }
)
_PARAGRAPH = re.compile("[\r\x07]")
_FIELD = re.compile("[\x13\x14\x15]")
#: The characters :data:`_MARKS` removes (every other one stays one character).
_VANISHING = re.compile(
    "[" + "".join(re.escape(chr(c)) for c in range(0x20) if chr(c).translate(_MARKS) == "") + "]"
)
#: The most pictures read in one document (each may cost an OCR).
_MAX_PICTURES = 200
#: Streams of an embedded object that hold no text of its own (how it is drawn, its class).
_OBJECT_FURNITURE = re.compile(r"[\x01\x02\x03\x05].*|CompObj|ObjInfo|OlePres\d+|EPRINT", re.I)
_TOO_MANY_PICTURES = N_(
    "this picture and those after it: the document holds more than {count} pictures, more "
    "than zfgk reads in one file; check them by eye"
)
_NOT_READ_OBJECT = N_(
    "an object embedded in the document ({what}), which zfgk cannot read: open the document, "
    "save the object as a file of its own and check that"
)
_PROTECTED = N_(
    "a Word 97-2003 document protected by a password, which zfgk cannot read: save a copy "
    "without a password as .docx and check that"
)
_LISTS_UNREAD = N_(
    "the labels of its numbered lists, which zfgk cannot read: check them by eye, or save the "
    "document as .docx and check that"
)
_WORD95 = N_(
    "a Word 6.0/95 document, which zfgk cannot read: save it in Word or WPS as .docx and check that"
)


class _Doc(CompoundFile):
    """The compound file, its directory walked as a tree."""

    def walk(self) -> Iterator[tuple[str, CompoundEntry]]:
        """(path, entry) of every stream and storage, below the root, each once (a stack,
        not recursion: a file may nest storages thousands deep)."""
        entries = self.entries()
        if not entries or entries[0].kind != 5:
            raise BrokenFile("no root entry")
        seen: set[int] = set()
        stack = [(entries[0].child, "")]
        while stack:
            index, folder = stack.pop()
            if index >= len(entries):  # no sibling (0xFFFFFFFF), or past the end
                continue
            if index in seen:
                raise BrokenFile("a directory that loops")
            seen.add(index)
            entry = entries[index]
            path = f"{folder}{entry.name}"
            stack += [(entry.right, folder), (entry.left, folder)]
            if entry.kind == 1:
                stack.append((entry.child, f"{path}/"))
            yield path, entry


@attrs.frozen
class _Piece:
    """A text of the document, and the place of each of its characters."""

    text: str
    part: str
    #: Where each paragraph after the first starts, and the number of the first (None: a
    #: text of no paragraphs, the properties or a stream's).
    starts: tuple[int, ...] = ()
    first: int | None = 1
    #: The embedded object it is the text of.
    member: str | None = None

    def locate(self, offset: int) -> Location:
        where = Location(part=self.part)
        if self.first is not None:
            paragraph = bisect.bisect_right(self.starts, offset) + self.first
            where = Location(part=self.part, paragraph=paragraph)
        return where if self.member is None else where.inside(self.member)


def _piece_table(
    word: bytes, table: bytes, fc: int, lcb: int
) -> Iterator[tuple[int, str, int, int]]:
    """(first character position, text, first byte in the stream, bytes a character) of each
    piece of the document's text, in order."""
    if lcb <= 0 or fc < 0 or fc + lcb > len(table):
        raise BrokenFile("no piece table")
    clx = table[fc : fc + lcb]
    at = 0
    while at < len(clx) and clx[at] == 1:  # Prc: formatting of pieces, skipped
        (size,) = struct.unpack_from("<H", clx, at + 1)
        at += 3 + size
    if at + 5 > len(clx) or clx[at] != 2:
        raise BrokenFile("no piece table")
    (size,) = struct.unpack_from("<I", clx, at + 1)
    plc = clx[at + 5 : at + 5 + size]
    if len(plc) < size or (size - 4) % 12:
        raise BrokenFile("a broken piece table")
    count = (size - 4) // 12
    positions = struct.unpack_from(f"<{count + 1}I", plc)
    if positions[-1] - positions[0] > len(word):  # a character takes a byte at least
        raise BrokenFile("more text than its stream holds")
    for k in range(count):
        first, last = positions[k], positions[k + 1]
        if last < first:
            raise BrokenFile("pieces out of order")
        (value,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * k + 2)
        n = last - first
        if value & 0x40000000:  # compressed: one byte a character, code page 1252
            start, width = (value & 0x3FFFFFFF) // 2, 1
            text = word[start : start + n].decode("latin-1").translate(_COMPRESSED)
        else:
            start, width = value & 0x3FFFFFFF, 2
            text = word[start : start + 2 * n].decode("utf-16-le", "replace")
        if len(text) != n:
            raise BrokenFile("a piece past the end of the text")
        yield first, text, start, width


#: Operand sizes by a sprm's ``spra`` (its top three bits); 6 is variable.
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
_DELETED, _INSERTED = 0x0800, 0x0801  # sprmCFRMarkDel, sprmCFRMarkIns
_IN_TABLE, _ROW_END, _DEPTH = 0x2416, 0x2417, 0x6649  # sprmPFInTable, sprmPFTtp, sprmPItap
_INNER_ROW_END, _INNER_CELL = 0x244C, 0x244B  # sprmPFInnerTtp, sprmPFInnerTableCell
_HIDDEN = 0x083C  # sprmCFVanish
#: sprmCFSpecVanish: a paragraph mark hidden even where hidden text is shown (Word's style
#: separator: the paragraph runs on into the next); read as hidden, whatever it marks.
_SPEC_HIDDEN = 0x0818
_CHARACTER_STYLE = 0x4A30  # sprmCIstd
#: What a paragraph mark ends in a table: a paragraph of a cell, a cell, a row (a paragraph's
#: kind is ``depth * 4 + kind``, the depth of its table counted from 1).
_PARAGRAPH_OF_CELL, _CELL, _ROW = 1, 2, 3
#: A character's flags: deleted or inserted under Track Changes, hidden.
_DELETED_TEXT, _INSERTED_TEXT, _HIDDEN_TEXT = 1, 2, 4
_TABLE_DEFINITION, _TABS = 0xD608, 0xC615  # sprmTDefTable, sprmPChgTabs: sizes of their own
_HUGE = 0x6646  # sprmPHugePapx
#: The indexes of ``fcStshf``, ``fcPlcfBteChpx`` and ``fcPlcfBtePapx`` among the FIB's
#: (fc, lcb) pairs.
_STSH, _CHPX, _PAPX = 1, 12, 13
_LISTS, _LIST_OVERRIDES = 73, 74  # fcPlfLst, fcPlfLfo
#: A style's type (``stk``) as a .docx names it, and which of its UPXs holds its character
#: properties ([MS-DOC] 2.9.260, 2.9.307).
_STYLE_KINDS = {1: ("paragraph", 1), 2: ("character", 0), 3: ("table", 2)}
#: The style a run has where it names none ("Default Paragraph Font").
_DEFAULT_CHARACTER_STYLE = 10


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """(sprm, operand) of each property of a ``grpprl``; stops at one it cannot size."""
    at = 0
    while at + 2 <= len(grpprl):
        (sprm,) = struct.unpack_from("<H", grpprl, at)
        at += 2
        spra = sprm >> 13
        if sprm == _TABLE_DEFINITION and at + 2 <= len(grpprl):
            size = 2 + struct.unpack_from("<H", grpprl, at)[0] - 1
        elif sprm == _TABS:
            if at >= len(grpprl) or grpprl[at] == 255:
                return
            size = 1 + grpprl[at]
        elif spra == 6:
            if at >= len(grpprl):
                return
            size = 1 + grpprl[at]
        else:
            size = _OPERAND[spra]
        yield sprm, grpprl[at : at + size]
        at += size


def _fkp_runs(
    word: bytes, table: bytes, fc: int, lcb: int, paragraphs: bool
) -> list[tuple[int, int, bytes, int]]:
    """(first byte, end byte, properties, style) of each run of character (CHPX) or
    paragraph (PAPX, with its style's ``istd``; 0 for a run of characters) properties, from
    the FKP pages the bin table lists, sorted."""
    if lcb < 12 or fc < 0 or fc + lcb > len(table) or (lcb - 4) % 8:
        return []
    count = (lcb - 4) // 8
    pages = struct.unpack_from(f"<{count}I", table, fc + 4 * (count + 1))
    if count > len(word) // 512 + 1:
        raise BrokenFile("more pages of properties than the text has")
    runs: list[tuple[int, int, bytes, int]] = []
    for number in dict.fromkeys(pages):  # a page named twice is read once
        at = (number & 0x3FFFFF) * 512
        page = word[at : at + 512]
        if len(page) != 512:
            raise BrokenFile("a page of properties past the end of the text")
        crun = page[511]
        if 4 * (crun + 1) + (13 if paragraphs else 1) * crun > 511:
            raise BrokenFile("a page of properties with too many runs")
        firsts = struct.unpack_from(f"<{crun + 1}I", page)
        for i in range(crun):
            istd = 0
            if paragraphs:
                where = page[4 * (crun + 1) + 13 * i] * 2
                if not where:
                    grpprl = b""
                elif page[where]:
                    grpprl = page[where + 3 : where + 1 + 2 * page[where] - 1]
                    istd = int.from_bytes(page[where + 1 : where + 3], "little")
                else:
                    grpprl = page[where + 4 : where + 2 + 2 * page[where + 1]]
                    istd = int.from_bytes(page[where + 2 : where + 4], "little")
            else:
                where = page[4 * (crun + 1) + i] * 2
                grpprl = page[where + 1 : where + 1 + page[where]] if where else b""
            runs.append((firsts[i], firsts[i + 1], grpprl, istd))
    runs.sort()
    return runs


def _on(operand: bytes) -> bool:
    """A toggle operand that turns its property on (1, or 0x81: the style's opposite)."""
    return bool(operand) and operand[0] in (1, 0x81)


def _stylesheet(table: bytes, fc: int, lcb: int) -> Styles:
    """The styles of the stylesheet (STSH, [MS-DOC] 2.9.271), as far as they hide text: each
    style's type, base (``istdBase``) and ``sprmCFVanish`` among its character properties,
    by its ``istd``; what cannot be read is left out (its text is read, hidden or not)."""
    styles = Styles()
    styles.default("paragraph", "0")
    styles.default("character", str(_DEFAULT_CHARACTER_STYLE))
    if lcb < 2 or fc < 0 or fc + lcb > len(table):
        return styles
    stsh = table[fc : fc + lcb]
    (size,) = struct.unpack_from("<H", stsh, 0)
    if size < 4 or 2 + size > len(stsh):
        return styles
    count, base_size = struct.unpack_from("<HH", stsh, 2)
    at = 2 + size
    for istd in range(count):
        if at + 2 > len(stsh):
            break
        (length,) = struct.unpack_from("<H", stsh, at)
        std = stsh[at + 2 : at + 2 + length]
        at += 2 + length
        if length < max(base_size, 10) + 2 or len(std) != length:
            continue  # an empty slot, or a style cut short
        kind_base, upxs = struct.unpack_from("<HH", std, 2)
        kind = _STYLE_KINDS.get(kind_base & 0xF)
        if kind is None:
            continue
        (name,) = struct.unpack_from("<H", std, base_size)
        position = base_size + 2 + 2 * name + 2
        found: bytes | None = None
        for k in range(upxs & 0xF):
            if position + 2 > len(std):
                break
            (cb,) = struct.unpack_from("<H", std, position)
            if k == kind[1]:
                found = std[position + 2 : position + 2 + cb]
            position += 2 + cb + cb % 2
        hidden: bool | None = None
        for sprm, operand in _sprms(found or b""):
            if sprm == _HIDDEN and operand and hidden is not True:
                hidden = None if operand[0] == 0x80 else _on(operand)  # 0x80: as its base
            elif sprm == _SPEC_HIDDEN and _on(operand):
                hidden = True
        base = kind_base >> 4
        styles.define(str(istd), kind[0], None if base == 0xFFF else str(base), hidden)
    return styles


def _own_hidden(operand: bytes) -> bool | None:
    """A run's own ``sprmCFVanish``: on, off, or None where its styles decide (0x80; 0x81,
    their opposite, is read as on: the text is read both with and without it)."""
    return None if operand[:1] == b"\x80" else _on(operand)


def _marked(
    characters: list[tuple[int, int, bytes, int]],
    paragraphs: list[tuple[int, int, bytes, int]],
    styles: Styles,
) -> list[tuple[int, int, int]]:
    """(first byte, end byte, flags) of each stretch of text with flags, in order: a run's
    deleted or inserted under Track Changes, or hidden, by itself or by its styles (its
    character style and its paragraph's, split where its paragraphs' styles differ)."""
    marked: list[tuple[int, int, int]] = []
    starts = [first for first, _, _, _ in paragraphs]
    floor = 0  # where the runs read so far end
    for first, end, grpprl, _ in characters:
        value = 0
        own: bool | None = None
        spec = False  # sprmCFSpecVanish: hidden whatever sprmCFVanish says
        style: str | None = None
        for sprm, operand in _sprms(grpprl):
            if sprm == _DELETED and _on(operand):
                value |= _DELETED_TEXT
            elif sprm == _INSERTED and _on(operand):
                value |= _INSERTED_TEXT
            elif sprm == _HIDDEN and operand:
                own = True if spec else _own_hidden(operand)
            elif sprm == _SPEC_HIDDEN and _on(operand):
                own = spec = True
            elif sprm == _CHARACTER_STYLE and len(operand) == 2:
                style = str(struct.unpack_from("<H", operand)[0])
        at = max(first, floor)  # runs that overlap (a damaged file) are split once
        floor = max(floor, end)
        if own is not None or not styles.hides:
            if own:
                value |= _HIDDEN_TEXT
            if value:
                marked.append((first, end, value))
            continue
        while at < end:  # the stretches of the run in one paragraph each
            i = bisect.bisect_right(starts, at) - 1
            if i >= 0 and at < paragraphs[i][1]:
                stop, paragraph = min(end, paragraphs[i][1]), str(paragraphs[i][3])
            else:  # between the paragraphs listed: the default style
                stop = min(end, starts[i + 1]) if i + 1 < len(starts) else end
                paragraph = "0"
            hidden = _HIDDEN_TEXT if styles.hidden(None, style, paragraph) else 0
            if value | hidden:
                marked.append((at, stop, value | hidden))
            at = stop
    return marked


def _per_character(
    pieces: list[tuple[int, str, int, int]], marked: list[tuple[int, int, int]], size: int
) -> bytearray:
    """For each character its flags, from the stretches of :func:`_marked`."""
    flags = bytearray(size)
    firsts = [first for first, _, _ in marked]
    for cp, text, start, width in pieces:
        stop = start + len(text) * width
        i = bisect.bisect_right(firsts, start) - 1
        for first, end, value in marked[max(i, 0) : bisect.bisect_left(firsts, stop)]:
            low, high = max(first, start), min(end, stop)
            if low < high:
                a = cp + (low - start) // width
                b = cp + (high - start + width - 1) // width
                flags[a:b] = bytes(c | value for c in flags[a:b])
    return flags


def _huge(grpprl: bytes, data: bytes) -> bytes:
    """Paragraph properties too large for their page, kept in the Data stream
    (sprmPHugePapx: where, there, a size and the properties are)."""
    for sprm, operand in _sprms(grpprl):
        if sprm == _HUGE and len(operand) == 4:
            (at,) = struct.unpack_from("<I", operand)
            if at + 2 <= len(data):
                (size,) = struct.unpack_from("<H", data, at)
                return data[at + 2 : at + 2 + size]
    return grpprl


def _paragraph_kinds(
    pieces: list[tuple[int, str, int, int]],
    runs: list[tuple[int, int, bytes, int]],
    data: bytes,
) -> dict[int, int]:
    """For the mark of each paragraph in a table (by its character position), what it ends
    and at what depth (``depth * 4 + kind``); a paragraph outside tables has none."""
    kinds: dict[int, int] = {}
    firsts = [first for first, _, _, _ in runs]
    for cp, text, start, width in pieces:
        for mark in _PARAGRAPH.finditer(text):
            offset = mark.start()
            byte = start + offset * width
            i = bisect.bisect_right(firsts, byte) - 1
            if i < 0 or byte >= runs[i][1]:
                continue
            in_table = row = cell = False
            depth = 0
            for sprm, operand in _sprms(_huge(runs[i][2], data)):
                if sprm == _IN_TABLE:
                    in_table = _on(operand)
                elif sprm == _DEPTH and len(operand) == 4:
                    depth = min(struct.unpack_from("<i", operand)[0], 64)
                elif sprm in (_ROW_END, _INNER_ROW_END) and _on(operand):
                    row = True
                elif sprm == _INNER_CELL and _on(operand):
                    cell = True
            depth = depth if depth > 0 else int(in_table)
            if not depth:
                continue
            if row:
                kind = _ROW
            elif cell or (depth == 1 and mark.group() == "\x07"):
                kind = _CELL
            else:
                kind = _PARAGRAPH_OF_CELL
            kinds[cp + offset] = depth * 4 + kind
    return kinds


def _stories(text: str, lengths: list[int]) -> Iterator[tuple[str, int, str]]:
    """(place word, first character position, text) of each story; what lies past the
    last one, as "other text"."""
    at = 0
    for word, length in zip(_STORIES, lengths, strict=True):
        if length > 0:
            yield word, at, text[at : at + length]
        at += max(length, 0)
    if text[at:].strip("\r\x00 "):
        yield "other text", at, text[at:]


def _count(text: str) -> int:
    return len(find_pii(text))


def _removed(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` a reader does not see, in order: each field's code (from its
    begin mark to its separator, or to its end where it has no result; a field inside a
    code is part of it), a field's end mark, and the marks that show nothing."""
    spans: list[tuple[int, int]] = [(m.start(), m.end()) for m in _VANISHING.finditer(text)]
    fields: list[list[int]] = []  # [begin, separator or -1] of each open field
    for m in _FIELD.finditer(text):
        c, at = m.group(), m.start()
        if c == "\x13":
            fields.append([at, -1])
        elif c == "\x14" and fields and fields[-1][1] < 0:
            fields[-1][1] = at
        elif c == "\x15" and fields:
            begin, separator = fields.pop()
            spans.append((begin, separator + 1 if separator >= 0 else at + 1))
    spans += [(begin, len(text)) for begin, separator in fields if separator < 0]
    spans += [(begin, separator + 1) for begin, separator in fields if separator >= 0]
    merged: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


def _show(text: str) -> str:
    """``text`` as a reader sees it: no field code, no mark that shows nothing."""
    kept, at = [], 0
    for a, b in _removed(text):
        kept.append(text[at:a])
        at = b
    kept.append(text[at:])
    return "".join(kept).translate(_MARKS)


def _codes(text: str) -> list[str]:
    """The code of each field in ``text`` (``HYPERLINK "tel:…"``), as text."""
    return [
        text[a:b].translate(_MARKS)
        for a, b in _removed(text)
        if text.startswith("\x13", a) and b - a > 1
    ]


class _Cells:
    """The open row of a table at one depth: its cells, and the lines of the open cell."""

    def __init__(self) -> None:
        self.cells: list[tuple[int, str]] = []  # (first paragraph, text)
        self.nested: list[bool] = []
        self.lines: list[str] = []
        self.first = 0
        self.holds_table = False


def _extras(
    story: str, base: int, flags: bytearray, kinds: dict[int, int]
) -> Iterator[tuple[int, str]]:
    """(paragraph, text) of each number a person reads that the story's text keeps apart:
    a field's code; a paragraph as it was before its tracked changes and as it is after
    them (hidden text left out), joined to the next where its mark is gone in that version
    (deleted, inserted, hidden: named by the first of them); a cell's lines read as one; a
    form's row of boxes read across them (:func:`~zfgk.documents._forms.read_row`), at
    every depth of tables."""
    open_rows: dict[int, _Cells] = {}
    #: For each version (the flags it leaves out), the paragraphs it joins so far: the first's
    #: number, their texts (joined once, at the chain's end), and the numbers their texts as
    #: shown hold.
    pending: dict[int, tuple[int, list[str], int]] = {}

    def ended() -> Iterator[tuple[int, str]]:
        """The joins still open, ended (a table starts, the story ends)."""
        for first, parts, counted in pending.values():
            view = "".join(parts)
            if _count(view) > counted:
                yield first, view
        pending.clear()

    def close(deeper_than: int) -> Iterator[tuple[int, str]]:
        for depth in sorted((d for d in open_rows if d > deeper_than), reverse=True):
            row = open_rows.pop(depth)
            yield from _row(row.cells, row.nested)

    start = 0
    paragraph = 0
    for m in _PARAGRAPH.finditer(story):
        code = kinds.get(base + m.start(), 0)
        depth, kind = divmod(code, 4)
        paragraph += kind != _ROW  # a row's end mark is no paragraph
        raw = story[start : m.start()]
        shown = _show(raw)
        found = _count(shown)
        for text in _codes(raw):
            if _count(text):
                yield paragraph, text
        marks = flags[base + start : base + m.start()]
        mark = 0 if depth else flags[base + m.start()]  # a cell's mark joins nothing
        if depth and pending:  # nor is a cell joined to the paragraph before its table
            yield from ended()
        if any(marks) or mark or pending:  # before the changes, and after them; no hidden text
            views: set[tuple[int, str]] = set()
            for hide in (_INSERTED_TEXT | _HIDDEN_TEXT, _DELETED_TEXT | _HIDDEN_TEXT):
                first, parts, counted = pending.pop(hide, (paragraph, [], 0))
                kept = "".join(c for c, f in zip(raw, marks, strict=True) if not f & hide)
                parts.append(_show(kept))
                counted += found
                if mark & hide:
                    pending[hide] = (first, parts, counted)
                else:
                    view = "".join(parts)
                    if _count(view) > counted:
                        views.add((first, view))
            yield from sorted(views)
        yield from close(depth)
        for outer in range(1, depth):
            if outer in open_rows:
                open_rows[outer].holds_table = True
        if depth:
            row = open_rows.setdefault(depth, _Cells())
            if kind == _ROW:
                yield from _row(row.cells, row.nested)
                del open_rows[depth]
            else:
                if not row.lines:
                    row.first = paragraph
                row.lines += [_show(line) for line in raw.split("\x0b")]  # line breaks
                if kind == _CELL:
                    joined = "".join(row.lines)
                    if len(row.lines) > 1 and _count(joined) > sum(map(_count, row.lines)):
                        yield row.first, joined
                    row.cells.append((row.first, joined.strip()))
                    row.nested.append(row.holds_table)
                    row.lines, row.holds_table = [], False
        start = m.end()
    yield from ended()  # the story's last mark gone
    yield from close(0)
    if not kinds:  # no table's properties read: a row's cells told by their marks alone
        yield from _boxes(story)


def _lines(story: str, base: int, kinds: dict[int, int]) -> tuple[str, tuple[int, ...]]:
    """The story as a reader sees it, and where each paragraph after the first starts (a
    row's end mark is no paragraph, as in a .docx)."""
    removed = _removed(story)
    starts = [
        m.end() for m in _PARAGRAPH.finditer(story) if kinds.get(base + m.start(), 0) % 4 != _ROW
    ]
    ends = [b for _, b in removed]
    sizes = list(itertools.accumulate(b - a for a, b in removed))

    def shown_at(position: int) -> int:  # the removed characters before a position
        i = bisect.bisect_right(ends, position)
        before = sizes[i - 1] if i else 0
        if i < len(removed) and removed[i][0] < position:
            before += position - removed[i][0]
        return position - before

    return _show(story), tuple(shown_at(s) for s in starts)


def _boxes(story: str) -> Iterator[tuple[int, str]]:
    """(paragraph, digits) of each number a row of boxes shows, read across the boxes.

    Each cell is the text since the mark before it (its last paragraph only): a
    table's first cell cannot be told from the body before it without the
    paragraphs' formatting, and an empty cell (a row's end mark) parts two rows.
    """
    cells: list[tuple[int, str]] = []
    paragraph = 1
    start = 0
    for m in _PARAGRAPH.finditer(story):
        if m.group() == "\x07":
            text = story[start : m.start()].translate(_MARKS).strip()
            cells.append((paragraph, text))
        elif cells:
            yield from _row(cells)
            cells = []
        paragraph += 1
        start = m.end()
    yield from _row(cells)


def _row(
    cells: list[tuple[int, str]], nested: list[bool] | None = None
) -> Iterator[tuple[int, str]]:
    """(paragraph, digits) of each number read across the boxes of ``cells`` (a cell that
    holds a table of its own, ``nested``, is no box)."""
    if len(cells) < 2:
        return
    pieces: list[list[tuple[str, int, int, int, int, int]]] = []
    paragraphs: dict[int, int] = {}  # a cell's first offset: its paragraph
    at = 0
    for paragraph, text in cells:
        paragraphs[at] = paragraph
        pieces.append([(text, 0, at, at + len(text), WHOLE, 0)] if text else [])
        at += len(text) + 1
    for found in read_row(pieces, nested or ()):
        first = found[0][2]
        start = max(s for s in paragraphs if s <= first)
        yield paragraphs[start], "".join(piece[0] for piece in found)


class _DocReader:
    def __init__(self, path: Path, kind: Kind, data: bytes) -> None:
        self.path = path
        self.container = Container(path, kind)
        self.compound = _Doc(data)
        self.streams: dict[str, CompoundEntry] = {}
        self.storages: dict[str, dict[str, CompoundEntry]] = {}
        for name, entry in self.compound.walk():
            if entry.kind == 2:
                self.streams[name] = entry
            folder, _, leaf = name.rpartition("/")
            if folder:
                self.storages.setdefault(folder, {})[leaf] = entry
        self.words: list[bytes] = []  # the streams of the documents read, for their pictures

    def run(self) -> Document:
        reason = self.document("", None)
        if reason is not None:
            self.container.not_read(Location(part="whole file"), Message(reason))
            return self.container.document(None)
        self.properties()
        self.objects()
        self.rest()
        with one_budget():
            self.pictures()
        return self.container.document(None)

    def stream(self, name: str) -> bytes | None:
        entry = self.streams.get(name)
        return None if entry is None else self.compound.read(entry)

    def document(self, prefix: str, member: str | None) -> str | None:
        """Read the Word document whose streams are under ``prefix`` (the file's own, or an
        embedded one's); or why it cannot be read."""
        word = self.stream(f"{prefix}WordDocument")
        if word is None:
            raise BrokenFile("no WordDocument stream")
        if len(word) < 0x200:
            raise BrokenFile("a FIB shorter than Word 97's")
        ident, nfib = struct.unpack_from("<HH", word, 0)
        (flags,) = struct.unpack_from("<H", word, 0x0A)
        if ident != _IDENT or nfib < _WORD97:
            return _WORD95
        if flags & (_ENCRYPTED | _OBFUSCATED):
            return _PROTECTED
        table_name = "1Table" if flags & _TABLE_1 else "0Table"
        table = self.stream(f"{prefix}{table_name}")
        if table is None:
            raise BrokenFile(f"no {table_name} stream")
        data = self.stream(f"{prefix}Data") or b""
        self.words += [word, table, data]
        self.text(word, table, data, member)
        return None

    def text(self, word: bytes, table: bytes, data: bytes, member: str | None) -> None:
        (csw,) = struct.unpack_from("<H", word, 0x20)
        at = 0x22 + 2 * csw
        (cslw,) = struct.unpack_from("<H", word, at)
        longs = at + 2
        if cslw < 11:
            raise BrokenFile("a FIB without the lengths of the text")
        lengths = list(struct.unpack_from("<8i", word, longs + 12))
        pairs = longs + 4 * cslw
        (count,) = struct.unpack_from("<H", word, pairs)
        if count <= _CLX:
            raise BrokenFile("a FIB without a piece table")

        def pair(index: int) -> tuple[int, int]:
            fc, lcb = struct.unpack_from("<iI", word, pairs + 2 + 8 * index)
            return fc, lcb

        pieces = list(_piece_table(word, table, *pair(_CLX)))
        text = "".join(piece[1] for piece in pieces)
        characters = _fkp_runs(word, table, *pair(_CHPX), paragraphs=False)
        paragraphs = _fkp_runs(word, table, *pair(_PAPX), paragraphs=True)
        styles = _stylesheet(table, *pair(_STSH))
        flags = _per_character(pieces, _marked(characters, paragraphs, styles), len(text))
        kinds = _paragraph_kinds(pieces, paragraphs, data)
        lists = (pair(_LISTS), pair(_LIST_OVERRIDES), pair(_STSH))
        labels = list_labels(table, lists, pieces, paragraphs, lambda g: _sprms(_huge(g, data)))
        if labels is None:  # its lists' tables cut short: their labels unread
            where = Location(part="whole file")
            self.container.not_read(
                where if member is None else where.inside(member), Message(_LISTS_UNREAD)
            )
            labels = {}
        rows = {cp for cp, kind in kinds.items() if kind % 4 == _ROW}
        for part, base, story in _stories(text, lengths):
            shown, starts = _lines(story, base, kinds)
            self.container.add_text(_Piece(shown, part, starts, member=member))
            for paragraph, extra in _extras(story, base, flags, kinds):
                self.container.add_text(_Piece(extra, part, first=paragraph, member=member))
            for paragraph, extra in labelled(story, base, labels, rows, _show):
                self.container.add_text(_Piece(extra, part, first=paragraph, member=member))

    def properties(self) -> None:
        for name in ("\x05SummaryInformation", "\x05DocumentSummaryInformation"):
            stream = self.stream(name)
            if stream is not None:
                texts = property_texts(stream)
                if texts:
                    self.container.add_text(_Piece("\n".join(texts), "properties", first=None))

    def objects(self) -> None:
        """The objects of the ObjectPool, each read as what it is: a Word document or an
        Excel workbook, a package (.xlsx, .docx), a packaged file; else listed unread."""
        number = 0
        for folder, streams in sorted(self.storages.items()):
            if folder.rpartition("/")[0].rpartition("/")[2] != "ObjectPool":
                continue  # an object is a storage in an ObjectPool (an embedded one's too)
            number += 1
            label = f"object {number}"
            if "WordDocument" in streams:
                reason = self.document(f"{folder}/", label)
                if reason is not None:
                    self.container.not_read(
                        Location(part="whole file").inside(label), Message(reason)
                    )
            elif "Workbook" in streams or "Book" in streams:
                book = self.compound.read(streams.get("Workbook") or streams["Book"])
                if len(book) > _MAX_OBJECT:  # past what a compound file of 109 FAT pages holds
                    self.unread_object(label, "Workbook")
                else:
                    self.container.add_member(f"{label}.xls", _compound_file("Workbook", book))
            elif "Package" in streams:
                self.container.add_member(label, self.compound.read(streams["Package"]))
            elif "\x01Ole10Native" in streams:
                inner = _native(self.compound.read(streams["\x01Ole10Native"]))
                if inner is None:
                    self.unread_object(label, "Ole10Native")
                else:
                    self.container.add_member(f"{label}/{inner[0]}", inner[1])
            else:
                what = ", ".join(sorted(n for n in streams if not _OBJECT_FURNITURE.fullmatch(n)))
                self.unread_object(label, what or "?")

    def unread_object(self, label: str, what: str) -> None:
        self.container.not_read(
            Location(part="whole file").inside(label),
            Message(_NOT_READ_OBJECT, what=quiet(what.strip("\x01"))),
        )

    def rest(self) -> None:
        """Every other stream, read as 8-bit and as UTF-16 text, where it holds a number the
        text does not (a link's address is kept in the Data stream too): the streams of
        text are read already, and an object's streams are its reader's."""
        known = known_numbers(self.container.joined.text)
        for name, entry in sorted(self.streams.items()):
            leaf = name.rpartition("/")[2]
            if leaf == "WordDocument" or "ObjectPool/" in name or name.startswith("\x05"):
                continue
            found = other_numbers(self.compound.read(entry), known)
            if found:
                self.container.add_text(
                    _Piece("\n".join(found), quiet(name.lstrip("\x01")), first=None)
                )

    def pictures(self) -> None:
        count = 0
        seen: set[bytes] = set()
        for stream in self.words:
            for picture in itertools.chain(
                _pictures(stream), _metafiles(stream), _raster_blips(stream)
            ):
                if count >= _MAX_PICTURES:
                    self.container.not_read(
                        Location(part="whole file").inside(f"picture {count + 1}"),
                        Message(_TOO_MANY_PICTURES, count=_MAX_PICTURES),
                    )
                    return
                key = hashlib.sha256(picture).digest()  # a picture kept twice is read once
                if key not in seen and read_picture(picture):
                    seen.add(key)
                    count += 1
                    # a bitmap is known by its name only (its two letters start too much else)
                    bitmap = ".bmp" if picture.startswith(b"BM") else ""
                    self.container.add_member(f"picture {count}{bitmap}", picture)


#: The largest embedded workbook read (it is copied into a compound file of its own, whose
#: 109 pages of FAT hold about 7 MB).
_MAX_OBJECT = 7 << 20
_FREE, _END_OF_CHAIN, _FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def _compound_file(name: str, stream: bytes) -> bytes:
    """A compound file of one stream (an embedded workbook, as a .xls of its own): 512-byte
    sectors, the stream padded past the 4,096 bytes below which a stream would go to the
    mini stream, then its FAT and its directory.

    >>> from zfgk.documents._doc import _compound_file
    >>> from zfgk.tables import CompoundFile
    >>> CompoundFile(_compound_file("Workbook", b"BIFF" * 10)).stream("Workbook")[:8]
    b'BIFFBIFF'
    """
    body = stream.ljust(4096, b"\x00")
    body += b"\x00" * (-len(body) % 512)
    data_sectors = len(body) // 512
    fat_sectors = 1
    while (data_sectors + fat_sectors + 1) > fat_sectors * 128:
        fat_sectors += 1
    if fat_sectors > 109:
        raise BrokenFile("an embedded workbook too large")
    fat = [*range(1, data_sectors), _END_OF_CHAIN]
    fat += [_FAT_SECTOR] * fat_sectors + [_END_OF_CHAIN]
    fat += [_FREE] * (fat_sectors * 128 - len(fat))
    directory_sector = data_sectors + fat_sectors

    def entry(label: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (label + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", _FREE, _FREE, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<IQ", start, size)
        )

    directory = entry("Root Entry", 5, 1, _END_OF_CHAIN, 0) + entry(name, 2, _FREE, 0, len(body))
    directory = directory.ljust(512, b"\x00")
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack(
            "<IIIIIIIII",
            0,
            fat_sectors,
            directory_sector,
            0,
            4096,
            _END_OF_CHAIN,
            0,
            _END_OF_CHAIN,
            0,
        )
    )
    difat = list(range(data_sectors, data_sectors + fat_sectors)) + [_FREE] * (109 - fat_sectors)
    header += struct.pack("<109I", *difat)
    return header + body + struct.pack(f"<{len(fat)}I", *fat) + directory


def _native(data: bytes) -> tuple[str, bytes] | None:
    """(file name, bytes) of a file packaged by Windows' Packager (``\\x01Ole10Native``):
    its size, a word, the label and the original path (each ending in NUL), a word of
    two, the temporary path with its length before it, then the file with its size."""
    try:
        label_end = data.index(b"\x00", 6)
        label = data[6:label_end].decode("gb18030", "replace")
        at = data.index(b"\x00", label_end + 1) + 1 + 4
        (length,) = struct.unpack_from("<I", data, at)
        at += 4 + length
        (size,) = struct.unpack_from("<I", data, at)
    except (ValueError, struct.error):
        return None
    body = data[at + 4 : at + 4 + size]
    if len(body) != size:
        return None
    return label or "file", body


def is_word_97(data: bytes) -> bool:
    """Whether a compound file holds a Word 97-2003 document (a ``WordDocument`` stream
    that starts as Word's FIB does), as WPS Writer saves a .wps.

    >>> from zfgk.documents._doc import _compound_file, is_word_97
    >>> is_word_97(_compound_file("WordDocument", bytes.fromhex("eca5c100"))), is_word_97(b"PK")
    (True, False)
    """
    try:
        word = _Doc(data).stream("WordDocument")
    except (BrokenFile, struct.error):
        return False
    return word is not None and word[:2] == b"\xec\xa5"


def known_numbers(text: str) -> set[str]:
    """The full numbers ``text`` holds, as their digits (for :func:`other_numbers`)."""
    return {strip_separators(text[m.start : m.end]) for m in find_pii(text)}


def other_numbers(data: bytes, known: set[str]) -> list[str]:
    """The full numbers a binary stream holds, read as 8-bit text and as UTF-16 text (at
    either alignment), but those ``known`` (:func:`known_numbers`): what a stream keeps
    outside the text already read (a link's address, a comment's copy).

    >>> from zfgk.documents._doc import known_numbers, other_numbers
    >>> data = b"\\x00\\x01" + "电话 13812345678".encode("utf-16-le") + b"tel:13912345678"
    >>> other_numbers(data, known_numbers("电话 13812345678"))
    ['13912345678']
    """
    found: list[str] = []
    for decoded in (
        data.decode("latin-1"),
        data[: len(data) - len(data) % 2].decode("utf-16-le", "replace"),
        data[1 : len(data) - (len(data) - 1) % 2].decode("utf-16-le", "replace"),
    ):
        found += [
            number
            for m in find_pii(decoded)
            if strip_separators(number := decoded[m.start : m.end]) not in known
        ]
    return found


def read_doc(path: Path, kind: Kind, encoding: str | None) -> Document:
    """A Word 97-2003 document: its stories, properties, embedded files and pictures."""
    from zfgk.documents._readers import _read_bytes  # its size checked, its errors said

    data = _read_bytes(path)
    try:
        return _DocReader(path, kind, data).run()
    except (BrokenFile, struct.error) as e:
        raise DocumentError.of(
            N_("{path}: a damaged Word 97-2003 document ({reason}): open and save it again"),
            path=path,
            reason=str(e) or "truncated",
        ) from None
