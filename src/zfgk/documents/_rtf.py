"""Rich text (.rtf) read as Word shows it, and masked in place (internal).

The reader follows the RTF specification (1.9.1) as Word and LibreOffice
write it: groups and their character formatting, ``\\uN`` with its fallback
(``\\ucN`` characters skipped), ``\\'hh`` bytes in the document's code page
(``\\ansicpg936``: two bytes of GBK make one character) or in the code page
of the font's charset (``\\fcharset134``), raw bytes of the code page,
``\\par``, ``\\line``, ``\\tab``, the cells and rows of tables, headers,
footers, footnotes and comments (``\\annotation``).  A number split over
groups and escapes is read whole.

After the text a reader sees come, each on its own line, what the file
publishes without showing it, each that holds at least 11 digits: hidden
text (``\\v``, or a character or paragraph style of the ``\\stylesheet``
that has it, through ``\\sbasedon``, judged as a .docx's styles are by
:class:`~zfgk.documents._wordstyles.Styles`: LibreOffice hides text so),
text deleted with revision marks on (``\\deleted``, read as
the paragraph was before the change), a paragraph whose ``\\par`` is hidden
or deleted read run on into the next (as Word shows it, its hidden text
shown or not; LibreOffice keeps them apart), one whose ``\\par`` is
inserted (``\\revised``) as it was before, one with the next, field
instructions (``\\fldinst``:
``HYPERLINK "tel:…"``), the document's properties (``\\info``: title,
author, comments …), and the text of every other destination
(``{\\*\\…}``: user properties, form fields, bookmarks, the font and style
tables).  Theme data is not text; an embedded object (``\\objdata``, an
Excel sheet in a Word file) is binary that zfgk cannot read, and is listed
as not read.  Then the pictures (``\\pict``: hex digits or ``\\bin`` bytes),
named ``picture 1``, ``picture 2`` … in the file's order, each read as a
.docx's are (:func:`~zfgk.documents._embedded.read_picture`): an EMF or a
WMF by the text it draws, another by OCR or, without it, listed as not
read when as large as a page; never written (masking refuses one that
shows a number).

Masking changes only the characters that show hidden digits: a digit
written as itself is replaced byte for byte, an escape (``\\u49?``,
``\\'31``) by the new character's escape; every other byte is kept.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import attrs

from zfgk.documents._embedded import one_budget, read_member, read_picture
from zfgk.documents._flow import DELETED as _DELETED
from zfgk.documents._flow import HIDDEN as _HIDDEN
from zfgk.documents._flow import INSERTED as _INSERTED
from zfgk.documents._flow import Flow
from zfgk.documents._flow import Piece as FlowPiece
from zfgk.documents._forms import read_row
from zfgk.documents._model import COPY, SYNTHETIC, WHOLE, Composite, Location
from zfgk.documents._parts import Unread
from zfgk.documents._wordstyles import Styles
from zfgk.errors import DocumentError
from zfgk.formats import atomic_binary
from zfgk.i18n import N_, Message
from zfgk.privacy import find_pii

__all__ = ["RtfSource", "read_rtf"]

_TOKEN = re.compile(
    r"(?P<open>\{)|(?P<close>\})"
    r"|\\(?P<word>[a-zA-Z]{1,32})(?P<param>-?[0-9]{1,10})?(?P<space> )?"
    r"|\\'(?P<hex>[0-9a-fA-F]{2})"
    r"|\\(?P<symbol>[\s\S])"
    r"|(?P<newline>[\r\n]+)"
    r"|(?P<ascii>[^\\{}\r\n\x80-\xff]+)"
    r"|(?P<high>[\x80-\xff]+)"
    r"|(?P<end>\\)"
)
#: The code page of each font charset (RTF 1.9.1, \\fcharset).
_CHARSETS = {
    0: 1252, 2: 0, 77: 10000, 128: 932, 129: 949, 130: 1361, 134: 936, 136: 950,
    161: 1253, 162: 1254, 163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251,
    222: 874, 238: 1250, 254: 437, 255: 850,
}  # fmt: skip
#: Control words that are characters.
_CHARACTERS = {
    "tab": "\t", "emdash": "\u2014", "endash": "\u2013", "emspace": "\u2003",
    "enspace": "\u2002", "qmspace": "\u2005", "bullet": "\u2022", "lquote": "\u2018",
    "rquote": "\u2019", "ldblquote": "\u201c", "rdblquote": "\u201d", "zwj": "\u200d",
    "zwnj": "\u200c", "zwbo": "\u200b", "zwnbo": "\ufeff", "ltrmark": "\u200e",
    "rtlmark": "\u200f", "line": "\n", "lbr": "\n",
}  # fmt: skip
_SYMBOLS = {"~": "\xa0", "_": "\u2011", "{": "{", "}": "}", "\\": "\\", "\t": "\t"}
#: Control words that end a paragraph (a table's cell too).
_PARAGRAPH_ENDS = frozenset({"par", "sect", "page", "cell", "nestcell", "row", "nestrow"})
#: Destinations that are a text of their own, with the part they are named by.
_STREAMS = {
    **dict.fromkeys(("header", "headerl", "headerr", "headerf", "headerf"), "header"),
    **dict.fromkeys(("footer", "footerl", "footerr", "footerf"), "footer"),
    "footnote": "footnote",
    "annotation": "comment",
    "shptxt": "drawing",
}
#: Destinations of binary data written as hex digits: not text, never read as such.
_BINARY = frozenset(
    """pict objdata themedata colorschememapping datastore panose blipuid passwordhash
    fontemb fontfile bin shppict nonshppict wgrffmtfilter""".split()
)
#: Destinations that publish text without showing it, with the part they are named by.
_META = {
    "info": "properties", "fldinst": "field", "fonttbl": "fonttbl", "stylesheet": "stylesheet",
    "listtable": "listtable", "listoverridetable": "listoverridetable", "revtbl": "revtbl",
    "filetbl": "filetbl", "colortbl": "colortbl", "rsidtbl": "rsidtbl", "xmlnstbl": "xmlnstbl",
    "generator": "generator", "userprops": "properties", "docvar": "properties",
}  # fmt: skip


@attrs.define
class _State:
    """What a group sets: where its text goes and how it reads."""

    stream: int = 0  # 0: the body; -1: not text; -2: published, not shown
    part: str = "document"
    uc: int = 1
    font: int | None = None
    flags: int = 0
    first: bool = True  # no control word read yet in the group
    star: bool = False  # the group opened with \*
    upr: int = 0  # 1: a \upr group whose first group (its ANSI twin) is yet to come; 2: past it
    picture: int = -1  # the \pict group itself (not one inside it): its index in the pictures
    vanish: bool | None = None  # its own \v or \v0; None: its styles decide
    character: str | None = None  # its character style (\csN: "csN")
    paragraph: str | None = None  # its paragraph's style (\sN: "sN"; None: Normal)
    defining: str | None = None  # in the stylesheet: the style it defines


@attrs.define
class _Paragraph:
    pieces: list[tuple[str, int, int, int, int]] = attrs.Factory(
        list
    )  # text, start, end, kind, flags
    ended: str = "par"  # the control word that ended it: par, cell, row …
    in_table: bool = False  # inside a table's cell (\intbl)
    mark: int = 0  # its mark's flags: hidden (``{\v\par}``: Word runs it on), deleted
    rtl: bool = False  # right to left (``\rtlpar``): numbers apart show in reverse order


@attrs.define
class _Stream:
    part: str
    paragraphs: list[_Paragraph] = attrs.Factory(list)
    current: _Paragraph = attrs.Factory(_Paragraph)

    def end_paragraph(
        self, ended: str = "par", in_table: bool = False, mark: int = 0, *, rtl: bool = False
    ) -> None:
        self.current.ended, self.current.in_table, self.current.mark = ended, in_table, mark
        self.current.rtl = rtl
        self.paragraphs.append(self.current)
        self.current = _Paragraph()


class _Parser:
    """One pass over the file: the text of each stream, and what it publishes unseen."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.streams: list[_Stream] = [_Stream("document")]
        self.meta: list[tuple[str, list[tuple[str, int, int, int]], int, int]] = []
        self.objects: list[tuple[int, int]] = []  # (stream, paragraph) of embedded objects
        self.codepage = 1252
        self.fonts: dict[int, int] = {}  # font number → charset
        self.default_font: int | None = None
        self.pending: list[tuple[int, int, int]] = []  # bytes of the code page: (byte, start, end)
        self.font_number: int | None = None  # the font the font table is defining
        self.in_table = False  # the paragraph being read is in a table's cell (\intbl)
        self.rtl = False  # the paragraph being read is right to left (\rtlpar)
        self.pictures: list[list[str]] = []  # each \pict's data: its hex digits, or \bin bytes
        self.styles = Styles()
        self.styles.default("paragraph", "s0")
        #: The stylesheet's styles read so far: (type, base, hidden) by id.
        self.sheet: dict[str, tuple[str, str | None, bool | None]] = {}

    # ------------------------------------------------------------------ the pass

    def run(self) -> None:
        src = self.src
        stack: list[_State] = []
        state = _State()
        pos = 0
        n = len(src)
        while pos < n:
            m = _TOKEN.match(src, pos)
            assert m is not None  # every character starts a token
            kind = m.lastgroup
            end = m.end()
            if kind in {"space", "param"}:
                kind = "word"
            if kind == "hex":
                self.pending.append((int(m.group("hex"), 16), pos, end))
                pos = end
                continue
            if kind == "high":
                self.pending.extend(
                    (ord(ch), pos + k, pos + k + 1) for k, ch in enumerate(m.group())
                )
                pos = end
                continue
            if kind == "newline":
                pos = end
                continue  # line ends in RTF are not text
            self.flush(state)
            if kind == "open":
                stack.append(state)
                parent = state
                state = attrs.evolve(parent, first=True, star=False, upr=0, picture=-1)
                if parent.upr == 1:  # the ANSI twin of the Unicode text that follows: not read
                    parent.upr = 2
                    state.stream = -1
            elif kind == "close":
                self.close(state)
                state = stack.pop() if stack else state
            elif kind == "ascii":
                state.first = False
                if state.picture >= 0:
                    self.pictures[state.picture].append(m.group())
                self.add(state, m.group(), pos, end, COPY)
            elif kind == "symbol":
                end = self.symbol(state, m.group("symbol"), pos, end)
            elif kind == "word":
                end = self.word(state, m, pos, end)
            else:  # a lone backslash at the end of the file
                pass
            pos = end
        self.flush(state)

    def symbol(self, state: _State, symbol: str, start: int, end: int) -> int:
        if symbol == "*":
            state.star = True
            return end
        state.first = False
        if symbol in "\r\n":
            self.paragraph_end(state, start, end)
        elif symbol in _SYMBOLS:
            self.add(state, _SYMBOLS[symbol], start, end, WHOLE)
        return end

    def word(self, state: _State, m: re.Match[str], start: int, end: int) -> int:
        word = m.group("word")
        param = m.group("param")
        value = int(param) if param is not None else None
        if word == "bin":  # binary data follows: skip it whole
            stop = min(len(self.src), end + max(value or 0, 0))
            if state.picture >= 0:  # a picture's bytes as they are, not as hex digits
                self.pictures[state.picture].append("\\bin" + self.src[end:stop])
            return stop
        first = state.first
        state.first = False
        if first:
            self.destination(state, word)
        if word == "u" and value is not None:
            return self.unicode(state, value, start, end)
        if word == "uc" and value is not None:
            state.uc = max(value, 0)
        elif word == "ansicpg" and value is not None:
            self.codepage = value
        elif word == "deff" and value is not None:
            self.default_font = value
        elif word == "f" and value is not None:
            if state.part == "fonttbl":
                self.font_number = value
            state.font = value
        elif word == "fcharset" and value is not None and self.font_number is not None:
            self.fonts[self.font_number] = value
        elif state.part == "stylesheet" and word in ("s", "cs", "ds", "ts", "sbasedon", "v"):
            self.style(state, word, value)
        elif word == "v":
            state.flags = state.flags | _HIDDEN if value != 0 else state.flags & ~_HIDDEN
            state.vanish = value != 0
        elif word == "cs" and value is not None:
            state.character = f"cs{value}"
        elif word == "s" and value is not None:
            state.paragraph = f"s{value}"
        elif word == "deleted":
            state.flags = state.flags | _DELETED if value != 0 else state.flags & ~_DELETED
        elif word == "revised":
            state.flags = state.flags | _INSERTED if value != 0 else state.flags & ~_INSERTED
        elif word == "plain":
            state.flags = 0
            state.font = None
            state.vanish = state.character = None
        elif word == "intbl":
            self.in_table = True
        elif word == "pard":
            self.in_table = self.rtl = False
            state.paragraph = None
        elif word in ("rtlpar", "ltrpar"):
            self.rtl = word == "rtlpar"
        elif word in _PARAGRAPH_ENDS:
            self.paragraph_end(state, start, end, word)
        elif word in _CHARACTERS:
            self.add(state, _CHARACTERS[word], start, end, WHOLE)
        return end

    def style(self, state: _State, word: str, value: int | None) -> None:
        """A control word of the stylesheet: a style's number (``\\s``, ``\\cs``; a
        section's and a table's are kept apart), its base, its ``\\v``."""
        if word == "v":
            if state.defining is None:
                return
            kind, base, _ = self.sheet[state.defining]
            self.sheet[state.defining] = (kind, base, value != 0)
        elif word == "sbasedon":
            if state.defining is None or value is None:
                return
            kind, _, hidden = self.sheet[state.defining]
            prefix = "cs" if kind == "character" else state.defining.rstrip("0123456789")
            self.sheet[state.defining] = (kind, f"{prefix}{value}", hidden)
        elif value is not None:
            state.defining = f"{word}{value}"
            kind = {"s": "paragraph", "cs": "character"}.get(word, word)
            self.sheet.setdefault(state.defining, (kind, None, None))
        if state.defining is not None:
            self.styles.define(state.defining, *self.sheet[state.defining])

    def destination(self, state: _State, word: str) -> None:
        """The first control word of a group: a destination, if it names one."""
        if word == "objdata":
            if state.stream != -1:
                stream = max(state.stream, 0)
                self.objects.append((stream, len(self.streams[stream].paragraphs) + 1))
            state.stream = -1
            state.part = word
        elif word in _BINARY:
            state.stream = -1
            state.part = word
            if word == "pict":
                state.picture = len(self.pictures)
                self.pictures.append([])
        elif word in _STREAMS and state.stream >= 0:
            self.streams.append(_Stream(_STREAMS[word]))
            state.stream = len(self.streams) - 1
            state.part = _STREAMS[word]
        elif word == "upr":
            state.upr = 1
        elif word in ("fldrslt", "ud"):
            pass  # a field's result, shown where it stands; the Unicode text of \upr
        elif word in _META or (state.star and state.stream >= 0):
            self.open_meta(state, _META.get(word, word))

    def open_meta(self, state: _State, part: str) -> None:
        if state.stream == -2:
            return  # inside another: its text goes there
        pieces: list[tuple[str, int, int, int]] = []
        stream = max(state.stream, 0)
        self.meta.append((part, pieces, stream, len(self.streams[stream].paragraphs) + 1))
        state.stream = -2
        state.part = part

    def close(self, state: _State) -> None:
        """The end of a group: in a destination published unseen, the end of one of its texts."""
        if state.stream == -2 and self.meta:
            pieces = self.meta[-1][1]
            if pieces and pieces[-1][0] != "\n":
                pieces.append(("\n", pieces[-1][2], pieces[-1][2], SYNTHETIC))

    def unicode(self, state: _State, value: int, start: int, end: int) -> int:
        """``\\uN`` and its fallback: one character (a surrogate pair joined later)."""
        value %= 65536  # a signed 16-bit number; one out of range read as Word reads it
        stop = self._fallback_end(end, state.uc)
        self.add(state, chr(value), start, stop, WHOLE)
        return stop

    def _fallback_end(self, pos: int, count: int) -> int:
        """Where the ``count`` fallback characters after ``\\uN`` end (a group ends them)."""
        src = self.src
        while count > 0 and pos < len(src):
            m = _TOKEN.match(src, pos)
            assert m is not None
            kind = m.lastgroup
            if kind in ("open", "close"):
                break
            if kind in {"ascii", "high"}:
                take = min(count, len(m.group()))
                count -= take
                pos += take
                continue
            if kind == "newline":
                pos = m.end()
                continue
            count -= 1
            pos = m.end()
        return pos

    # ------------------------------------------------------------------ text

    def flush(self, state: _State) -> None:
        """Decode the bytes of the code page read so far."""
        if not self.pending:
            return
        pending, self.pending = self.pending, []
        codec = self.codec(state)
        data = bytes(b for b, _, _ in pending)
        text = data.decode(codec, "replace")
        self.add(state, text, pending[0][1], pending[-1][2], WHOLE)

    def codec(self, state: _State) -> str:
        font = state.font if state.font is not None else self.default_font
        charset = self.fonts.get(font) if font is not None else None
        page = (
            _CHARSETS.get(charset, self.codepage) if charset not in (None, 0, 1) else self.codepage
        )
        if page in (0, 42):
            page = self.codepage
        if page == 936:
            return "gb18030"
        name = f"cp{page}"
        try:
            codecs.lookup(name)
        except LookupError:
            return "cp1252"
        return name

    def add(self, state: _State, text: str, start: int, end: int, kind: int) -> None:
        if state.stream == -1 or not text:
            return
        if state.stream == -2:  # in the destination opened last (one inside it joins it)
            self.meta[-1][1].append((text, start, end, kind))
            return
        flags = state.flags
        if (
            state.vanish is None
            and self.styles.hides
            and self.styles.hidden(None, state.character, state.paragraph)
        ):
            flags |= _HIDDEN  # hidden by its style
        self.streams[state.stream].current.pieces.append((text, start, end, kind, flags))

    def paragraph_end(self, state: _State, start: int, end: int, word: str = "par") -> None:
        if state.stream == -2:
            self.add(state, "\n", start, end, SYNTHETIC)
        elif state.stream >= 0:
            in_table = self.in_table or word in ("cell", "row", "nestcell", "nestrow")
            mark = state.flags & (_HIDDEN | _DELETED | _INSERTED)
            if (
                state.vanish is None
                and self.styles.hides
                and self.styles.hidden(None, state.character, state.paragraph)
            ):
                mark |= _HIDDEN  # hidden by its style
            self.streams[state.stream].end_paragraph(word, in_table, mark, rtl=self.rtl)

    def finish(self) -> None:
        for stream in self.streams:
            if stream.current.pieces:
                stream.end_paragraph()


_ORDER = ("document", "header", "footer", "footnote", "comment", "drawing")


def _across_rows(flow: Flow, stream: _Stream, first: int) -> None:
    """The numbers of each row of a table read across its boxes, or across the lines of a
    cell (:mod:`zfgk.documents._forms`), as in a Word file's tables: after the text."""
    cells: list[list[FlowPiece]] = []
    cell: list[FlowPiece] = []
    start = first + 1

    def read(number: int) -> None:
        where = Location(part=stream.part, paragraph=number)
        for found in read_row(cells):
            flow.unseen([(*piece, 0) for piece in found], where)

    nested = False  # the row holds a table of its own: not read across (as in .docx)
    for number, paragraph in enumerate(stream.paragraphs, start=first + 1):
        if not paragraph.in_table:
            cells, cell, nested = [], [], False
            continue
        if not cells and not cell:
            start = number
        shown = [
            (t, 0, a, b, k, 0) for t, a, b, k, f in paragraph.pieces if not f & (_HIDDEN | _DELETED)
        ]
        if cell and shown:
            cell.append(("\n", 0, shown[0][2], shown[0][2], SYNTHETIC, 0))
        cell.extend(shown)
        if paragraph.ended in ("nestcell", "nestrow"):
            # a nested table's cell: Word and LibreOffice write its row's end (\nestrow)
            # inside a \*\nesttableprops group, so its rows cannot be told apart here
            nested = True
        elif paragraph.ended == "cell":
            cells.append(cell)
            cell = []
        elif paragraph.ended == "row":
            if cell:
                cells.append(cell)
            if not nested:
                read(start)
            cells, cell, nested = [], [], False


def _right_to_left(flow: Flow, pieces: list[FlowPiece], where: Location) -> None:
    """A paragraph right to left (``\\rtlpar``) read after U+202B, as plain text is: each
    number it shows in reverse order that its text does not hold, after the text."""
    shown = [piece for piece in pieces if not piece[5] & (_HIDDEN | _DELETED)]
    if not shown:
        return
    text = "".join(piece[0] for piece in shown)
    stored = {(m.start, m.end) for m in find_pii(text)}
    turned = "\u202b" + text
    if any((m.start - 1, m.end - 1) not in stored for m in find_pii(turned)):
        at, end = shown[0][2], shown[-1][3]
        control = [("\u202b", 0, at, at, SYNTHETIC, 0)]
        flow.unseen([*control, *shown, ("\u202c", 0, end, end, SYNTHETIC, 0)], where)


class RtfSource:
    """An .rtf: its bytes, the text map over them; locates and writes back."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.data = data
        self.src = data.decode("latin-1")
        parser = _Parser(self.src)
        parser.run()
        parser.finish()
        flow = Flow()
        streams = sorted(
            enumerate(parser.streams),
            key=lambda s: (_ORDER.index(s[1].part) if s[1].part in _ORDER else len(_ORDER), s[0]),
        )
        counts: dict[str, int] = {}
        for _, stream in streams:
            first = counts.get(stream.part, 0)
            last = first + len(stream.paragraphs)
            for number, paragraph in enumerate(stream.paragraphs, start=first + 1):
                pieces = [(t, 0, a, b, k, f) for t, a, b, k, f in paragraph.pieces]
                # a hidden or deleted \par runs its paragraph on into the next (Word shows
                # them as one; LibreOffice keeps them apart), an inserted one did before the
                # change: not a cell's, not the story's last
                runs_on = paragraph.ended == "par" and not paragraph.in_table and number < last
                mark = paragraph.mark if runs_on else 0
                flow.paragraph(pieces, Location(part=stream.part, paragraph=number), mark)
                if paragraph.rtl:
                    _right_to_left(flow, pieces, Location(part=stream.part, paragraph=number))
            counts[stream.part] = first + len(stream.paragraphs)
            _across_rows(flow, stream, first)
        for part, meta, stream_index, at in parser.meta:
            if part == "properties":
                where = Location(part="properties")
            elif part == "field":
                where = Location(part=parser.streams[stream_index].part, paragraph=at)
            else:
                where = Location(part=part)
            flow.unseen([(t, 0, a, b, k, 0) for t, a, b, k in meta], where)
        flow.finish()
        self.flow = flow
        self.map = flow.map
        self.unread = [
            Unread(
                Location(part=parser.streams[stream].part, paragraph=paragraph),
                Message(
                    N_(
                        "an embedded object (an OLE object such as an Excel sheet) zfgk cannot "
                        "read: check it by eye, or paste its content as text"
                    )
                ),
            )
            for stream, paragraph in parser.objects
        ]
        self.own = flow.map.text()
        self.children = Composite(len(self.own))
        with one_budget():
            for number, chunks in enumerate(parser.pictures, start=1):
                self._picture(f"picture {number}", chunks)

    def _picture(self, member: str, chunks: list[str]) -> None:
        """A picture (``\\pict``), read as a .docx's is: by the text it draws (an EMF, a
        WMF), by OCR, or said unread (:func:`~zfgk.documents._embedded.read_picture`)."""
        data = _picture_bytes(chunks)
        if data is None:
            self.unread.append(Unread(Location(member=member), Message(N_("cannot be read"))))
            return
        if data and read_picture(data):
            child, unread = read_member(self.path, member, data)
            self.unread += unread
            if child is not None:
                self.children.add(member, child)

    @property
    def text(self) -> str:
        """The text of the document, then of its pictures."""
        return self.children.text(self.own)

    def locate(self, offset: int) -> Location:
        inner = self.children.locate(offset)
        return self.flow.locate(offset) if inner is None else inner

    def write(self, output: Path, old: str, new: str) -> None:
        self.children.changed(old, new, self.path)  # a picture holding a number: refused
        own = len(self.own)
        edits = self.flow.edits(old[:own], new[:own], self.path).get(0, [])
        parts = []
        position = 0
        for start, end, text in edits:
            parts.append(self.src[position:start])
            parts.append(_escape(text))
            position = end
        parts.append(self.src[position:])
        with atomic_binary(output) as f:
            f.write("".join(parts).encode("latin-1"))


def _picture_bytes(chunks: list[str]) -> bytes | None:
    """A picture's bytes from its hex digits (and ``\\bin`` bytes); None if they are not."""
    out = bytearray()
    digits: list[str] = []
    try:
        for chunk in [*chunks, "\\bin"]:
            if chunk.startswith("\\bin"):
                joined = "".join("".join(digits).split())
                out += bytes.fromhex(joined[: len(joined) // 2 * 2])
                out += chunk[4:].encode("latin-1")
                digits = []
            else:
                digits.append(chunk)
    except ValueError:
        return None
    return bytes(out)


def _escape(text: str) -> str:
    """Text as RTF writes it: ASCII as itself, ``\\{}`` escaped, anything else as ``\\uN?``."""
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            for unit in range(0, len(ch.encode("utf-16-le", "surrogatepass")), 2):
                code = int.from_bytes(
                    ch.encode("utf-16-le", "surrogatepass")[unit : unit + 2], "little"
                )
                out.append(f"{{\\uc1\\u{code - 65536 if code > 32767 else code}?}}")
    return "".join(out)


def read_rtf(path: Path, data: bytes) -> tuple[str, RtfSource]:
    """The text of an .rtf and its source."""
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise DocumentError.of(
            N_("{path}: not a rich-text document: it does not start with {{\\rtf"), path=path
        )
    source = RtfSource(path, data)
    return source.text, source
