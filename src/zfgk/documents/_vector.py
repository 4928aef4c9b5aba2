"""Pictures drawn as vectors, read by the text they draw (internal).

Word and Excel keep a picture pasted "as a picture (enhanced metafile)",
a table pasted as a picture, a drawing made in Visio or CAD, as an EMF or
a WMF (``word/media/image1.emf``, ``xl/media/image1.wmf``); Office 365
keeps an icon or a drawing as SVG.  Unlike a photograph, such a picture
holds its text as text: each piece drawn where it is, in whatever order
the program wrote it.  :func:`read_vector` reads the pieces
(EMF ``EMR_EXTTEXTOUTW``/``A``, ``EMR_POLYTEXTOUTW``/``A``,
``EMR_SMALLTEXTOUT`` and the EMF+ strings in its comments; WMF
``META_TEXTOUT`` and ``META_EXTTEXTOUT`` in the charset of the font they
are drawn in; SVG ``text`` and ``tspan``), and joins them into lines as a
person reads them: top to bottom, left to right, pieces of one line put
together (a number drawn one digit to a cell reads whole), a space where
there is a gap between two of them.

A bitmap the picture draws (a screenshot pasted "as a picture" is an EMF
holding one; an SVG's ``image`` in a ``data:`` address) follows the
picture rule of the document it is in
(:func:`~zfgk.documents._embedded.read_picture`): read by OCR with the
``ocr`` extra, or, without it, unread if it is as large as a page.

What cannot be read makes the picture unread: text drawn as glyph numbers
(``ETO_GLYPH_INDEX``, an EMF+ driver string without its characters), which
only rendering the picture would show; a damaged or truncated metafile;
one past the limits (:data:`MAX_VECTOR` bytes, :data:`MAX_RECORDS`
records).  A compressed one (``.emz``, ``.wmz``) is inflated within the
same limit.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import gzip
import heapq
import io
import re
import struct
import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterator
from pathlib import Path

import attrs

from zfgk.documents._model import Composite
from zfgk.documents._parts import Document, Location, Text, Unread
from zfgk.documents._pdf_images import _multiply  # one convention: rows, as PDF and Windows
from zfgk.documents._pdf_text import _GLYPH, _GROUP_GAP, _PITCH, _SPACED_DIGITS
from zfgk.formats import Kind
from zfgk.i18n import N_, Message
from zfgk.privacy import find_pii, strip_separators

__all__ = [
    "AS_DRAWN",
    "DAMAGED",
    "MAX_RECORDS",
    "MAX_VECTOR",
    "PictureText",
    "VectorRead",
    "read_vector",
    "vector_document",
    "vector_kind",
]

#: The largest vector picture read, once inflated (in bytes).
MAX_VECTOR = 64 << 20
#: The most records (or SVG elements) read in one picture.
MAX_RECORDS = 1_000_000
#: The deepest an SVG's elements nest (deeper is refused as too big).
_MAX_DEPTH = 256
#: The most pictures (bitmaps, an SVG's ``data:`` pictures) one vector picture draws.
MAX_BITMAPS = 256

_EMF_SIGNATURE = b" EMF"
_WMF_PLACEABLE = b"\xd7\xcd\xc6\x9a"
#: What may come before an SVG's root element: a declaration, processing instructions
#: (a stylesheet), comments, a DOCTYPE with its internal subset; the root may be prefixed.
_SVG_START = re.compile(
    rb"^\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE(?:[^>\[]|\[.*?\])*>\s*)*<(?:[\w.-]+:)?svg[\s>/]",
    re.DOTALL,
)
#: The EMF records that draw a bitmap: where their BITMAPINFO's offset and size are, and
#: where their bits' (EMR_BITBLT, STRETCHBLT, MASKBLT, PLGBLT, SETDIBITSTODEVICE,
#: STRETCHDIBITS, ALPHABLEND, TRANSPARENTBLT).
_EMF_BITMAPS = {
    76: (84, 92),
    77: (84, 92),
    78: (84, 92),
    79: (96, 104),
    80: (48, 56),
    81: (48, 56),
    114: (84, 92),
    116: (84, 92),
}
#: The WMF records that carry a bitmap, and where it starts in their parameters
#: (META_DIBBITBLT, META_DIBSTRETCHBLT, META_STRETCHDIB, META_SETDIBTODEV).
_WMF_BITMAPS = {0x0940: 16, 0x0B41: 20, 0x0F43: 22, 0x0D33: 18}
#: EMF+ pixel formats of 24 and 32 bits (RGB, ARGB, PARGB), and their bits a pixel.
_PIXELS = {0x00021808: 24, 0x00022009: 32, 0x0026200A: 32, 0x000E200B: 32}
_GLYPH_INDEX = 0x10
_NO_RECT = 0x100
_SMALL_CHARS = 0x200

_GLYPHS = N_(
    "a picture whose text is drawn as glyph numbers, which zfgk cannot read without drawing "
    "the picture: open it and check what it shows by eye, or replace it by its text"
)
DAMAGED = N_(
    "a picture (EMF, WMF, SVG or SVM) that is damaged or cut short, which zfgk cannot read"
)
#: How the lines of an SVG file as it is drawn are named, after its XML's text.
AS_DRAWN = "as drawn"
_TOO_BIG = N_(
    "a picture of more than {records} records or {size} MiB, which zfgk does not read: "
    "check it by eye"
)

#: Windows charsets (a font's ``lfCharSet``) and the codec of their 8-bit text; a font of the
#: default charset draws in the system's, GBK on a Chinese Windows.
_CHARSETS = {
    0: "cp1252",
    1: "gbk",
    2: "latin-1",
    128: "cp932",
    129: "cp949",
    134: "gbk",
    136: "big5",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
}


class _Damaged(Exception):
    """The picture's bytes are not what its format says."""


class _TooBig(Exception):
    """The picture is past the limits."""


@attrs.frozen
class _Piece:
    """A piece of text drawn at one place: its left and right ends, its top, its height."""

    left: float
    right: float
    top: float
    height: float
    text: str = attrs.field(repr=False)


@attrs.frozen
class VectorRead:
    """What a vector picture draws: its lines of text, and why it could not be read whole."""

    lines: tuple[str, ...] = attrs.field(repr=False)  # personal data: never in a repr
    unread: tuple[Message, ...] = ()
    #: The pictures it draws (a screenshot pasted as a metafile), each as a file: a bitmap
    #: as a .bmp, an SVG's ``data:`` picture as it is.
    pictures: tuple[bytes, ...] = attrs.field(default=(), repr=False)


def vector_kind(data: bytes) -> str | None:
    """``"emf"``, ``"wmf"``, ``"svg"`` or ``"svm"`` (LibreOffice's StarView metafile) for a
    vector picture (compressed ones too: ``.emz``, ``.wmz``, ``.svgz``), None for anything
    else.

    >>> from zfgk.documents._vector import vector_kind
    >>> emf = bytes([1, 0, 0, 0]) + bytes(36) + b" EMF"
    >>> vector_kind(emf), vector_kind(b"<svg xmlns='http://www.w3.org/2000/svg'/>"), vector_kind(b"GIF89a")
    ('emf', 'svg', None)
    """
    if data.startswith(b"\x1f\x8b"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
                data = f.read(4096)
        except (OSError, EOFError, zlib.error):
            return None
    if len(data) >= 44 and data[:4] == b"\x01\x00\x00\x00" and data[40:44] == _EMF_SIGNATURE:
        return "emf"
    if data.startswith(_WMF_PLACEABLE) or _wmf_header(data):
        return "wmf"
    if _SVG_START.match(_xml_head(data)):
        return "svg"
    if data.startswith(b"VCLMTF"):
        return "svm"
    return None


def _xml_head(data: bytes, size: int = 65536) -> bytes:
    """The first ``size`` bytes (64 KiB) of an XML file as UTF-8, its byte-order mark dropped."""
    head = data[:size]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2 : len(head) - len(head) % 2].decode(codec, "replace").encode()
    return head.removeprefix(b"\xef\xbb\xbf")


def _wmf_header(data: bytes) -> bool:
    """A WMF without its placeable header: type 1 or 2, a header of 9 words, version 1 or 3."""
    return (
        len(data) >= 18
        and data[:4] in (b"\x01\x00\x09\x00", b"\x02\x00\x09\x00")
        and data[4:6] in (b"\x00\x01", b"\x00\x03")
    )


def read_vector(data: bytes) -> VectorRead:
    """The lines of text a vector picture (EMF, WMF, SVG) draws, as a person reads them, and
    why it could not be read whole.

    >>> from zfgk.documents._vector import read_vector
    >>> svg = ('<svg xmlns="http://www.w3.org/2000/svg" font-size="12">'
    ...        '<text x="80" y="20">13812345678</text><text x="10" y="20">电话</text>'
    ...        '<text x="10" y="40"><tspan>1101</tspan><tspan x="34" y="40">05</tspan></text></svg>')
    >>> read_vector(svg.encode("utf-8")).lines
    ('电话 13812345678', '110105')
    >>> read_vector(bytes([1, 0, 0, 0]) + bytes(36) + b" EMF").unread[0].template.startswith("a picture")
    True
    """
    try:
        data = _inflated(data)
        kind = vector_kind(data)
        pictures: list[bytes] = []
        more: tuple[Message, ...] = ()  # what of it is not read (an SVM's EPS)
        if kind == "emf":
            pieces, glyphs, pictures = _Emf(data).read()
        elif kind == "wmf":
            pieces, glyphs, pictures = _Wmf(data).read()
        elif kind == "svg":
            (pieces, pictures), glyphs = _svg(data), False
        elif kind == "svm":
            from zfgk.documents._svm import read_svm  # it builds on this module

            (pieces, pictures, more), glyphs = read_svm(data), False
        else:
            raise _Damaged
    except _TooBig:
        return VectorRead((), (Message(_TOO_BIG, records=MAX_RECORDS, size=MAX_VECTOR >> 20),))
    except (_Damaged, struct.error, ValueError, IndexError, ET.ParseError):
        return VectorRead((), (Message(DAMAGED),))
    unread = ((Message(_GLYPHS),) if glyphs else ()) + more
    return VectorRead(tuple(_lines(pieces)), unread, tuple(pictures))


def _inflated(data: bytes) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        if len(data) > MAX_VECTOR:
            raise _TooBig
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            inflated = f.read(MAX_VECTOR + 1)
    except (OSError, EOFError, zlib.error):
        raise _Damaged from None
    if len(inflated) > MAX_VECTOR:
        raise _TooBig
    return inflated


def _lines(pieces: list[_Piece]) -> Iterator[str]:
    """Pieces joined into lines: a piece whose middle is within the height of a line's first
    piece belongs to it; in a line, left to right, a space where a gap is."""
    rows: list[list[_Piece]] = []
    for piece in sorted(pieces, key=lambda p: (p.top + p.height / 2, p.left)):
        middle = piece.top + piece.height / 2
        if rows:
            first = rows[-1][0]
            if abs(middle - (first.top + first.height / 2)) <= max(first.height, 1e-9) / 2:
                rows[-1].append(piece)
                continue
        rows.append([piece])
    for row in rows:
        row.sort(key=lambda p: p.left)
        parts: list[str] = []
        end: float | None = None
        previous: _Piece | None = None  # the last piece, if it is one glyph of a number
        pitch: float | None = None  # the step of the chain of one-glyph pieces being joined
        for piece in row:
            text = _SPACED_DIGITS.sub(lambda m: m.group().replace(" ", ""), piece.text)
            glyph = _GLYPH.fullmatch(text.strip()) is not None
            step = piece.left - previous.left if previous is not None and glyph else None
            height = max(piece.height, previous.height) if previous is not None else piece.height
            if step is not None and (
                (pitch is None and 0 < step <= _PITCH * height)
                or (pitch is not None and abs(step - pitch) <= 0.2 * pitch)
            ):
                pitch = step  # a number drawn a digit to a box: nothing between its digits
            elif step is not None and pitch is not None and pitch < step <= _GROUP_GAP * pitch:
                parts.append(" ")  # a gap between the groups of such a number: 138 1234 5678
            else:
                pitch = None
                if end is not None and piece.left - end > max(piece.height, 1e-9) * 0.25:
                    parts.append(" ")
            parts.append(text)
            end = piece.right if end is None else max(end, piece.right)
            previous = piece if glyph else None
        line = "".join(parts).strip()
        if line:
            yield line


def _width(text: str, height: float) -> float:
    """About how wide a text is drawn in a font ``height`` high: CJK square, the rest half."""
    return sum(height if ord(c) >= 0x2E80 else height * 0.5 for c in text)


def _clean(text: str) -> str:
    return text.replace("\x00", "").replace("\r", " ").replace("\n", " ")


# ------------------------------------------------------------------ metafiles


@attrs.define
class _State:
    """What a metafile's records set for the ones after them."""

    map_mode: int = 1
    window: tuple[int, int] = (1, 1)
    viewport: tuple[int, int] = (1, 1)
    font: tuple[float, str] = (0.0, "gbk")
    align: int = 0
    transform: tuple[float, float, float, float, float, float] = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def y_down(self) -> bool:
        if 2 <= self.map_mode <= 6:  # the metric and English modes count up
            return False
        if self.map_mode in (7, 8):
            return (self.window[1] >= 0) == (self.viewport[1] >= 0)
        return True


class _Metafile:
    """What EMF and WMF readers share: the state, its stack, the pieces they draw."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.state = _State()
        self.saved: list[_State] = []
        self.pieces: list[_Piece] = []
        self.glyphs = False
        self.records = 0
        self.bitmaps: list[bytes] = []
        self.objects: dict[int, bytearray] = {}  # EMF+ objects continued over records

    def bitmap(self, info: bytes, bits: bytes) -> None:
        """A bitmap the picture draws (its BITMAPINFO and its bits), kept as a .bmp file."""
        if len(info) < 12 or not bits:
            return
        if len(self.bitmaps) >= MAX_BITMAPS:
            raise _TooBig
        header = b"BM" + struct.pack("<IHHI", 14 + len(info) + len(bits), 0, 0, 14 + len(info))
        self.bitmaps.append(header + info + bits)

    def packed(self, dib: bytes) -> None:
        """A bitmap packed as a WMF carries it: its BITMAPINFO, its colours, then its bits."""
        if len(dib) < 16:
            return
        size = struct.unpack_from("<I", dib, 0)[0]
        if size == 12:  # BITMAPCOREHEADER: colours of 3 bytes
            bits = struct.unpack_from("<H", dib, 10)[0]
            colours = 3 * (1 << bits) if bits <= 8 else 0
        elif size >= 40 and len(dib) >= 36:
            bits, compression = struct.unpack_from("<HI", dib, 14)
            used = struct.unpack_from("<I", dib, 32)[0]
            colours = 4 * (used or ((1 << bits) if bits <= 8 else 0))
            if compression == 3 and size == 40:  # BI_BITFIELDS: three masks
                colours += 12
        else:
            raise _Damaged
        self.bitmap(dib[: size + colours], dib[size + colours :])

    def count(self) -> None:
        self.records += 1
        if self.records > MAX_RECORDS:
            raise _TooBig

    def draw(self, x: float, y: float, text: str, advances: list[float] | None) -> None:
        text = _clean(text)
        if not text.strip():
            return
        state = self.state
        a, b, c, d, e, f = state.transform
        x, y = a * x + c * y + e, b * x + d * y + f
        height = abs(state.font[0] * (d or 1.0))
        if not height:  # the default font: about twice as high as a character is wide
            height = (2 * sum(abs(v) for v in advances) / len(advances) if advances else 0) or 16.0
        width = sum(abs(v) for v in advances) if advances else _width(text, height)
        if state.align & 6 == 6:  # TA_CENTER
            x -= width / 2
        elif state.align & 2:  # TA_RIGHT
            x -= width
        if state.align & 1 and self.pieces:  # TA_UPDATECP: right after the last piece drawn
            last = self.pieces[-1]
            self.pieces.append(_Piece(last.right, last.right + width, last.top, height, text))
            return
        top = y if state.y_down() else -y
        if state.align & 0x18:  # TA_BASELINE, TA_BOTTOM: the reference is under the text
            top -= height * 0.8
        self.pieces.append(_Piece(x, x + width, top, height, text))

    def save(self) -> None:
        self.saved.append(attrs.evolve(self.state))

    def restore(self, which: int = -1) -> None:
        if which < 0 and len(self.saved) >= -which:
            self.state = self.saved[which]
            del self.saved[which:]


def _codec(charset: int) -> str:
    return _CHARSETS.get(charset, "gbk")


class _Emf(_Metafile):
    """The records of an EMF and of the EMF+ records in its comments."""

    def read(self) -> tuple[list[_Piece], bool, list[bytes]]:
        data = self.data
        fonts: dict[int, tuple[float, str]] = {}
        at = 0
        while True:
            if at + 8 > len(data):
                raise _Damaged  # no EMR_EOF: cut short
            kind, size = struct.unpack_from("<II", data, at)
            if size < 8 or size % 4 or at + size > len(data):
                raise _Damaged
            self.count()
            record = data[at : at + size]
            if kind == 14:  # EMR_EOF
                break
            if kind in (83, 84):  # EMR_EXTTEXTOUTA, W
                self._text(record, 36, wide=kind == 84)
            elif kind in (96, 97):  # EMR_POLYTEXTOUTA, W
                (strings,) = struct.unpack_from("<I", record, 36)
                for i in range(min(strings, (size - 40) // 40)):
                    self._text(record, 40 + 40 * i, wide=kind == 97)
            elif kind == 108:  # EMR_SMALLTEXTOUT
                self._small(record)
            elif kind == 82 and size >= 36:  # EMR_EXTCREATEFONTINDIRECTW
                handle, height = struct.unpack_from("<Ii", record, 8)
                fonts[handle] = (float(abs(height)), _codec(record[35]))
            elif kind == 37:  # EMR_SELECTOBJECT
                (handle,) = struct.unpack_from("<I", record, 8)
                if handle in fonts:
                    self.state.font = fonts[handle]
            elif kind == 40:  # EMR_DELETEOBJECT
                fonts.pop(struct.unpack_from("<I", record, 8)[0], None)
            elif kind == 17:  # EMR_SETMAPMODE
                self.state.map_mode = struct.unpack_from("<I", record, 8)[0]
            elif kind == 9:  # EMR_SETWINDOWEXTEX
                self.state.window = struct.unpack_from("<ii", record, 8)
            elif kind == 11:  # EMR_SETVIEWPORTEXTEX
                self.state.viewport = struct.unpack_from("<ii", record, 8)
            elif kind == 22:  # EMR_SETTEXTALIGN
                self.state.align = struct.unpack_from("<I", record, 8)[0]
            elif kind == 33:  # EMR_SAVEDC
                self.save()
            elif kind == 34:  # EMR_RESTOREDC
                self.restore(struct.unpack_from("<i", record, 8)[0])
            elif kind in (35, 36):  # EMR_SETWORLDTRANSFORM, EMR_MODIFYWORLDTRANSFORM
                self._transform(record, kind)
            elif kind in _EMF_BITMAPS:
                info, bits = _EMF_BITMAPS[kind]
                bmi, bmi_size = struct.unpack_from("<II", record, info)
                where, length = struct.unpack_from("<II", record, bits)
                if bmi_size and length:
                    if bmi + bmi_size > size or where + length > size:
                        raise _Damaged
                    self.bitmap(record[bmi : bmi + bmi_size], record[where : where + length])
            elif kind == 70 and size >= 16 and record[12:16] == b"EMF+":  # EMR_COMMENT
                (length,) = struct.unpack_from("<I", record, 8)
                self._emf_plus(record[16 : min(12 + length, size)])
            at += size
        return self.pieces, self.glyphs, self.bitmaps

    def _text(self, record: bytes, at: int, *, wide: bool) -> None:
        """An EMRTEXT at ``at``: its reference point, its characters, their advances."""
        x, y, chars, offset, options = struct.unpack_from("<iiIII", record, at)
        if chars == 0:
            return
        if options & _GLYPH_INDEX:
            self.glyphs = True
            return
        width = 2 if wide else 1
        raw = record[offset : offset + chars * width]
        if offset < 8 or len(raw) < chars * width:
            raise _Damaged
        text = (
            raw.decode("utf-16-le", "replace")
            if wide
            else raw.decode(self.state.font[1], "replace")
        )
        advances = None
        (dx,) = struct.unpack_from("<I", record, at + (20 if options & _NO_RECT else 36))
        step = 8 if options & 0x2000 else 4  # ETO_PDY: an x and a y advance to a character
        if dx and dx + chars * step <= len(record):
            advances = [float(v) for v in struct.unpack_from(f"<{chars * step // 4}i", record, dx)]
            advances = advances[:: step // 4]
        self.draw(x, y, text, advances)

    def _small(self, record: bytes) -> None:
        x, y, chars, options = struct.unpack_from("<iiII", record, 8)
        if chars == 0:
            return
        if options & _GLYPH_INDEX:
            self.glyphs = True
            return
        at = 36 if options & _NO_RECT else 52
        if options & _SMALL_CHARS:
            raw = record[at : at + chars]
            text = raw.decode(self.state.font[1], "replace")
        else:
            raw = record[at : at + 2 * chars]
            text = raw.decode("utf-16-le", "replace")
        if len(raw) < chars * (1 if options & _SMALL_CHARS else 2):
            raise _Damaged
        self.draw(x, y, text, None)

    def _transform(self, record: bytes, kind: int) -> None:
        m = struct.unpack_from("<6f", record, 8)
        mode = 4 if kind == 35 else struct.unpack_from("<I", record, 32)[0]
        if mode == 1:
            self.state.transform = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        elif mode == 4:
            self.state.transform = m
        elif mode in (2, 3):
            old = self.state.transform
            first, second = (m, old) if mode == 2 else (old, m)
            self.state.transform = _multiply(first, second)

    def _emf_plus(self, data: bytes) -> None:
        at = 0
        while at + 12 <= len(data):
            kind, flags, size, length = struct.unpack_from("<HHII", data, at)
            if size < 12 or at + size > len(data):
                raise _Damaged
            self.count()
            body = data[at + 12 : at + 12 + min(length, size - 12)]
            if kind == 0x4008:  # EmfPlusObject: an image (a pasted screenshot) is kept
                self._object(flags, body)
            elif kind in (0x401C, 0x801C):  # EmfPlusDrawString
                chars = struct.unpack_from("<I", body, 8)[0]
                x, y, _w, h = struct.unpack_from("<4f", body, 12)
                text = body[28 : 28 + 2 * chars].decode("utf-16-le", "replace")
                self._plus(x, y, abs(h) or 1.0, text, None)
            elif kind in (0x4036, 0x8036):  # EmfPlusDrawDriverString
                options, _matrix, count = struct.unpack_from("<III", body, 4)
                if count and not options & 1:  # glyph numbers, not characters
                    self.glyphs = True
                elif count:
                    codes = struct.unpack_from(f"<{count}H", body, 16)
                    points = struct.unpack_from(f"<{2 * count}f", body, 16 + 2 * count)
                    text = "".join(chr(c) for c in codes)
                    xs = points[0::2]
                    step = (xs[-1] - xs[0]) / (count - 1) if count > 1 else 0.0
                    height = abs(step) * 1.8 or 1.0
                    self._plus(xs[0], points[1] - height * 0.8, height, text, xs[-1] + abs(step))
            at += size

    def _object(self, flags: int, body: bytes) -> None:
        """An EMF+ object, in one record or continued over several (bit 15 of its flags,
        its whole size first): an image's bytes are kept when it is whole."""
        key = flags & 0xFF
        if flags & 0x8000:
            (total,) = struct.unpack_from("<I", body, 0)
            if total > MAX_VECTOR:
                raise _TooBig
            part = self.objects.setdefault(key, bytearray())
            part += body[4:]
            if len(part) < total:
                return
            body = bytes(self.objects.pop(key))
        elif key in self.objects:  # the last part of a continued object
            body = bytes(self.objects.pop(key) + body)
        if (flags >> 8) & 0x7F == 5:  # ObjectTypeImage
            self._image(body)

    def _image(self, body: bytes) -> None:
        """An EmfPlusImage: a bitmap (a PNG, a JPEG … as it is; pixels of 24 or 32 bits as a
        .bmp) or a metafile (read in turn)."""
        if len(body) < 8:
            raise _Damaged
        (kind,) = struct.unpack_from("<I", body, 4)
        if kind == 2 and len(body) >= 16:  # a metafile: its type, its size, its bytes
            (size,) = struct.unpack_from("<I", body, 12)
            self.keep(body[16 : 16 + size])
        elif kind == 1 and len(body) >= 28:  # a bitmap
            width, height, stride, pixels, compressed = struct.unpack_from("<iiiII", body, 8)
            data = body[28:]
            if compressed == 1:
                self.keep(data)
            elif pixels in _PIXELS and width > 0 and height > 0 and stride > 0:
                bits = _PIXELS[pixels]
                info = struct.pack("<IiiHHIIiiII", 40, width, -height, 1, bits, 0, 0, 0, 0, 0, 0)
                row = (width * bits // 8 + 3) // 4 * 4
                if stride == row:
                    self.bitmap(info, data[: row * height])

    def keep(self, picture: bytes) -> None:
        """A picture the picture draws, as a file."""
        if picture:
            if len(self.bitmaps) >= MAX_BITMAPS:
                raise _TooBig
            self.bitmaps.append(picture)

    def _plus(self, x: float, top: float, height: float, text: str, right: float | None) -> None:
        text = _clean(text)
        if text.strip():
            end = right if right is not None else x + _width(text, height)
            self.pieces.append(_Piece(x, end, top, height, text))


class _Wmf(_Metafile):
    """The records of a WMF: text, fonts (their charsets), the mapping."""

    #: The records that create an object: each takes the lowest free slot of the table.
    _CREATES = frozenset((0x02FA, 0x02FC, 0x02FB, 0x00F7, 0x01F9, 0x0142, 0x06FF))

    def read(self) -> tuple[list[_Piece], bool, list[bytes]]:
        data = self.data
        at = 22 if data.startswith(_WMF_PLACEABLE) else 0
        if len(data) < at + 18:
            raise _Damaged
        header_words = struct.unpack_from("<H", data, at + 2)[0]
        at += 2 * header_words
        slots: list[tuple[float, str] | bool | None] = []
        free: list[int] = []  # the indexes freed, a heap
        while True:
            if at + 6 > len(data):
                raise _Damaged
            words, function = struct.unpack_from("<IH", data, at)
            if function == 0 and words == 3:  # META_EOF
                break
            if words < 3 or at + 2 * words > len(data):
                raise _Damaged
            self.count()
            record = data[at + 6 : at + 2 * words]
            if function == 0x0521:  # META_TEXTOUT
                (length,) = struct.unpack_from("<H", record, 0)
                padded = length + (length & 1)
                y, x = struct.unpack_from("<hh", record, 2 + padded)
                self.draw(x, y, record[2 : 2 + length].decode(self.state.font[1], "replace"), None)
            elif function == 0x0A32:  # META_EXTTEXTOUT
                self._ext(record)
            elif function in self._CREATES:
                entry: tuple[float, str] | bool = True
                if function == 0x02FB and len(record) >= 18:
                    (height,) = struct.unpack_from("<h", record, 0)
                    entry = (float(abs(height)), _codec(record[13]))
                if free:  # the lowest free index, as Windows fills its object table
                    slots[heapq.heappop(free)] = entry
                elif len(slots) < 0x10000:  # an index is a 16-bit word
                    slots.append(entry)
                else:
                    raise _Damaged
            elif function == 0x012D:  # META_SELECTOBJECT
                (index,) = struct.unpack_from("<H", record, 0)
                chosen = slots[index] if index < len(slots) else None
                if isinstance(chosen, tuple):
                    self.state.font = chosen
            elif function == 0x01F0:  # META_DELETEOBJECT
                (index,) = struct.unpack_from("<H", record, 0)
                if index < len(slots) and slots[index] is not None:
                    slots[index] = None
                    heapq.heappush(free, index)
            elif function == 0x0103:  # META_SETMAPMODE
                self.state.map_mode = struct.unpack_from("<H", record, 0)[0]
            elif function == 0x020C:  # META_SETWINDOWEXT: y, x
                y, x = struct.unpack_from("<hh", record, 0)
                self.state.window = (x, y)
            elif function == 0x020E:  # META_SETVIEWPORTEXT
                y, x = struct.unpack_from("<hh", record, 0)
                self.state.viewport = (x, y)
            elif function == 0x012E:  # META_SETTEXTALIGN
                self.state.align = struct.unpack_from("<H", record, 0)[0]
            elif function == 0x001E:  # META_SAVEDC
                self.save()
            elif function == 0x0127:  # META_RESTOREDC
                self.restore(struct.unpack_from("<h", record, 0)[0])
            elif function in _WMF_BITMAPS:
                self.packed(record[_WMF_BITMAPS[function] :])
            at += 2 * words
        return self.pieces, self.glyphs, self.bitmaps

    def _ext(self, record: bytes) -> None:
        y, x, length, options = struct.unpack_from("<hhHH", record, 0)
        if length == 0:
            return
        if options & _GLYPH_INDEX:
            self.glyphs = True
            return
        at = 8 + (8 if options & 0x06 else 0)  # ETO_OPAQUE, ETO_CLIPPED: a rectangle
        raw = record[at : at + length]
        if len(raw) < length:
            raise _Damaged
        dx = at + length + (length & 1)
        advances = None
        if len(record) >= dx + 2 * length:
            advances = [float(v) for v in struct.unpack_from(f"<{length}h", record, dx)]
        text = raw.decode(self.state.font[1], "replace")
        if advances is not None and len(text) != length:  # advances are by byte: add them up
            advances = [sum(advances)]
        self.draw(x, y, text, advances)


# ------------------------------------------------------------------ SVG

_SVG_NS = re.compile(r"^\{[^}]*\}")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_FONT_SIZE = re.compile(r"font-size\s*:\s*([-+]?[\d.]+)")
_TRANSFORM = re.compile(r"(matrix|translate|scale)\s*\(([^)]*)\)")


_DECLARED = re.compile(rb"<!ENTITY")
#: An internal entity whose value is plain text (no reference, no markup): Illustrator
#: declares its namespaces so (``<!ENTITY ns_ai "http://ns.adobe.com/…">``).
_PLAIN_ENTITY = re.compile(
    rb"""<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"&%<]{0,1024})"|'([^'&%<]{0,1024})')\s*>"""
)
_REFERENCE = re.compile(rb"&([A-Za-z_][\w.-]*);")


def _plain_entities(text: bytes) -> dict[bytes, int] | None:
    """The length of each entity ``text`` declares, where every one is internal and plain (at
    most 64 of them): each expands to its own text only, so the picture is read as it is
    drawn, with no entity's expansion growing past its own value; else None.  XML keeps an
    entity's first declaration.

    >>> from zfgk.documents._vector import _plain_entities
    >>> _plain_entities(b'<!DOCTYPE svg [<!ENTITY ns_ai "http://ns.adobe.com/AI/10.0/">]>')
    {b'ns_ai': 28}
    >>> _plain_entities(b'<!DOCTYPE svg [<!ENTITY a "x"><!ENTITY b "&a;&a;">]>') is None
    True
    >>> _plain_entities(b'<!DOCTYPE svg [<!ENTITY t SYSTEM "file:///etc/passwd">]>') is None
    True
    """
    declared = len(_DECLARED.findall(text))
    plain = list(_PLAIN_ENTITY.finditer(text))
    if declared > 64 or declared != len(plain):
        return None
    lengths: dict[bytes, int] = {}
    for m in plain:
        lengths.setdefault(m[1], len(m[2] or m[3] or b""))
    return lengths


def _svg(data: bytes) -> tuple[list[_Piece], list[bytes]]:
    """The text of an SVG's ``text`` elements, each piece at its place, and the pictures its
    ``image`` elements carry in ``data:`` addresses."""
    if b"ENTITY" in data or b"E\x00N\x00T\x00I\x00T\x00Y" in data:
        text = _xml_head(data, len(data))
        values = _plain_entities(text)
        if values is None:
            raise _Damaged  # such entities are not expanded: what they say is not read
        grown = sum(values.get(name, 0) for name in _REFERENCE.findall(text))
        if grown > MAX_VECTOR:  # what expat refuses too, whatever its version
            raise _TooBig
    root = ET.fromstring(data)
    pieces: list[_Piece] = []
    pictures: list[bytes] = []
    count = [0]

    def walk(
        node: ET.Element,
        matrix: tuple[float, float, float, float, float, float],
        size: float,
        where: list[float],
        inside: bool,
        *,
        depth: int = 0,
    ) -> None:
        count[0] += 1
        if count[0] > MAX_RECORDS or depth > _MAX_DEPTH:
            raise _TooBig
        tag = _SVG_NS.sub("", node.tag) if isinstance(node.tag, str) else ""
        if tag in ("style", "script", "title", "desc", "metadata", "font", "glyph"):
            return
        if tag == "foreignObject":  # HTML drawn in the picture: its text, as one piece
            x, y = _first(node.get("x")), _first(node.get("y"))
            add("".join(node.itertext()), matrix, size, [x or 0.0, (y or 0.0) + size])
            return
        if tag == "image":
            picture = _data_address(node.get(_XLINK_HREF) or node.get("href") or "")
            if picture is not None:
                if len(pictures) >= MAX_BITMAPS:
                    raise _TooBig
                pictures.append(picture)
            return
        matrix = _multiply(_svg_transform(node.get("transform", "")), matrix)
        size = _svg_size(node, size)
        text = tag in ("text", "tspan", "textPath")
        if text:
            x, y = _first(node.get("x")), _first(node.get("y"))
            if x is not None:
                where[0] = x
            if y is not None:
                where[1] = y
            add(node.text, matrix, size, where)
        for child in node:
            walk(
                child, matrix, size, where if text else [0.0, 0.0], inside or text, depth=depth + 1
            )
            if text:
                add(child.tail, matrix, size, where)

    def add(text: str | None, matrix: tuple[float, ...], size: float, where: list[float]) -> None:
        if not text or not text.strip():
            return
        a, b, c, d, e, f = matrix
        x, y = where
        left, baseline = a * x + c * y + e, b * x + d * y + f
        height = abs(size * (d or 1.0))
        text = " ".join(text.split())
        width = _width(text, height)
        pieces.append(_Piece(left, left + width, baseline - height * 0.8, height, text))
        where[0] += width / (abs(a) or 1.0)

    walk(root, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 16.0, [0.0, 0.0], False)
    # every text the file holds, where it has a number the drawing does not show: text
    # kept in <defs> and drawn by <use>, or placed where the reader above does not follow
    drawn = {
        strip_separators(line[m.start : m.end]) for line in _lines(pieces) for m in find_pii(line)
    }
    for chunk in _unread_texts(root):
        if len(chunk) >= 11 and any(
            strip_separators(chunk[m.start : m.end]) not in drawn for m in find_pii(chunk)
        ):
            below = 1e12 + len(pieces) * 1e3  # each on a line of its own, after the drawing
            pieces.append(_Piece(0.0, 0.0, below, 1.0, " ".join(chunk.split())))
    return pieces, pictures


def _unread_texts(root: ET.Element) -> Iterator[str]:
    """The texts of an SVG's elements that :func:`_svg`'s walk does not read as drawn text
    (a ``<text>``'s and a ``<foreignObject>``'s subtrees are read)."""
    stack = [root]
    while stack:
        node = stack.pop()
        tag = _SVG_NS.sub("", node.tag) if isinstance(node.tag, str) else ""
        if tag in ("text", "tspan", "textPath", "foreignObject"):
            continue
        if node.text and node.text.strip():
            yield node.text
        for child in node:
            if child.tail and child.tail.strip():
                yield child.tail
            stack.append(child)


_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_DATA_ADDRESS = re.compile(r"data:[^,;]*(?:;[^,;]*)*;base64,(.*)", re.DOTALL | re.IGNORECASE)


def _data_address(href: str) -> bytes | None:
    """The picture a ``data:`` address carries in base64 (None for another address)."""
    m = _DATA_ADDRESS.match(href.strip())
    if m is None:
        return None
    try:
        return base64.b64decode("".join(m.group(1).split()), validate=True)
    except (ValueError, binascii.Error):
        raise _Damaged from None


def _first(value: str | None) -> float | None:
    if not value:
        return None
    m = _NUMBER.search(value)
    return float(m.group()) if m else None


def _svg_size(node: ET.Element, size: float) -> float:
    value = node.get("font-size")
    m = _FONT_SIZE.search(node.get("style", ""))
    found = _first(m.group(1) if m else value)
    return found if found is not None and found > 0 else size


def _svg_transform(value: str) -> tuple[float, float, float, float, float, float]:
    matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    for name, arguments in _TRANSFORM.findall(value):
        n = [float(v) for v in _NUMBER.findall(arguments)]
        if name == "matrix" and len(n) == 6:
            step = (n[0], n[1], n[2], n[3], n[4], n[5])
        elif name == "translate" and n:
            step = (1.0, 0.0, 0.0, 1.0, n[0], n[1] if len(n) > 1 else 0.0)
        elif name == "scale" and n:
            step = (n[0], 0.0, 0.0, n[1] if len(n) > 1 else n[0], 0.0, 0.0)
        else:
            continue
        matrix = _multiply(step, matrix)
    return matrix


# ------------------------------------------------------------------ as a document


class PictureText:
    """The lines a vector picture draws, one text; a character's place is its line."""

    def __init__(self, lines: tuple[str, ...]) -> None:
        self.text = "".join(line + "\n" for line in lines)
        self.starts: list[int] = []
        at = 0
        for line in lines:
            self.starts.append(at)
            at += len(line) + 1

    def locate(self, offset: int) -> Location:
        """The line of the character at ``offset`` (from 1)."""
        return Location(line=max(bisect.bisect_right(self.starts, offset), 1))


def vector_document(path: Path, data: bytes, kind: Kind = Kind.IMAGE) -> Document:
    """A vector picture read as a document of one text, never written (masking a picture's
    text would leave what it shows elsewhere as it was: a refusal names it).

    >>> from pathlib import Path
    >>> from zfgk.documents._vector import vector_document
    >>> svg = b'<svg xmlns="http://www.w3.org/2000/svg"><text x="1" y="9">13812345678</text></svg>'
    >>> document = vector_document(Path("image1.svg"), svg)
    >>> document.text, document.writable, document.unread
    ('13812345678\\n', False, [])
    """
    read = read_vector(data)
    drawn = _Drawn(PictureText(read.lines))
    unread = [Unread(Location(part="whole file"), reason) for reason in read.unread]
    if read.pictures:
        # read_picture, read_member: that module reads this one's pictures too
        from zfgk.documents._embedded import read_member, read_picture

        for number, picture in enumerate(read.pictures, start=1):
            if read_picture(picture):  # by OCR; or, without it, said unread
                # a bitmap is known as one by its name (its first bytes, "BM", say little)
                member = f"picture {number}" + (".bmp" if picture.startswith(b"BM") else "")
                child, gaps = read_member(path, member, picture)
                unread += gaps
                if child is not None:
                    drawn.children.add(member, child)
    return Document(path, kind, [Text(drawn.text, drawn, key=0)], unread)


class _Drawn:
    """The text a vector picture draws, then the text of each picture it draws in turn."""

    def __init__(self, own: PictureText) -> None:
        self.own = own
        self.children = Composite(len(own.text))

    @property
    def text(self) -> str:
        return self.children.text(self.own.text)

    def locate(self, offset: int) -> Location:
        inner = self.children.locate(offset)
        return self.own.locate(offset) if inner is None else inner
