"""StarView metafiles (.svm) read by the text they draw (internal).

LibreOffice keeps a picture of a table, a chart or an object in an
OpenDocument file as an SVM (``Pictures/TablePreview1.svm`` in an .odp):
``VCLMTF``, a header, then actions, each its type (16 bits), its version
(16 bits) and its length (32 bits) before its body.  The text actions
(``META_TEXT_ACTION``, ``META_TEXTARRAY_ACTION``, ``META_STRETCHTEXT_ACTION``,
``META_TEXTRECT_ACTION``) hold a string and the part of it they draw (an
index and a length), from version 2 in UTF-16 as well; ``META_FONT_ACTION``
sets the height and the character set of the strings after it, and
``META_PUSH_ACTION``/``META_POP_ACTION`` save and restore it.  The pieces
drawn are joined into lines as an EMF's are
(:mod:`zfgk.documents._vector`).

A bitmap drawn (the ``META_BMP…`` and ``META_MASK…`` actions, a BMP file
each) follows the picture rule, as an EMF's does; a metafile inside
another (``META_FLOATTRANSPARENT_ACTION``) is read as well.  What cannot be
read makes the picture unread: an EPS it draws, a wallpaper (the rest is read
still); an action cut short (the picture is damaged).
"""

from __future__ import annotations

import itertools
import struct

from zfgk.documents._vector import _Damaged, _Metafile, _Piece, _TooBig
from zfgk.i18n import N_, Message

__all__ = ["SIGNATURE", "read_svm"]

#: What an SVM starts with.
SIGNATURE = b"VCLMTF"
_TEXT, _TEXT_ARRAY, _STRETCH_TEXT, _TEXT_RECT = 112, 113, 114, 115
#: The actions that draw a bitmap (a BMP file first in their body).
_BITMAPS = frozenset(range(116, 125))
#: The actions that draw what zfgk cannot read: a wallpaper, an EPS.
_UNREAD = frozenset({127, 143})
_FONT, _PUSH, _POP, _FLOAT_TRANSPARENT = 138, 139, 140, 147
#: A font's character set that is UTF-16 (``RTL_TEXTENCODING_UCS2``), and UTF-8.
_UCS2, _UTF8 = 0xFFFF, 76
#: The deepest metafiles read inside one another.
_MAX_DEPTH = 8
_NOT_READ = N_(
    "a picture (SVM) that draws PostScript (EPS) or a wallpaper, which zfgk cannot read: "
    "open it and check what it shows by eye"
)


class _Svm(_Metafile):
    """The actions of an SVM and of the metafiles inside it."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.state.align = 0x18  # VCL's reference point is the baseline
        self.charset = 0
        self.charsets: list[int] = []  # the character sets a push saved
        self.not_read = False  # it draws an EPS or a wallpaper

    def read_all(self) -> tuple[list[_Piece], list[bytes], tuple[Message, ...]]:
        self.actions(self.data, 0)
        return self.pieces, self.bitmaps, (Message(_NOT_READ),) if self.not_read else ()

    def actions(self, data: bytes, depth: int) -> None:
        if depth > _MAX_DEPTH:
            raise _TooBig
        if not data.startswith(SIGNATURE):
            raise _Damaged
        _, size = struct.unpack_from("<HI", data, 6)
        header = 12
        at = header + size
        # the header: compression (4 bytes), a map mode (a version, its length, its body),
        # the size (8 bytes), then the number of actions
        _, mode = struct.unpack_from("<HI", data, header + 4)
        (count,) = struct.unpack_from("<I", data, header + 4 + 6 + mode + 8)
        for _ in range(count):
            kind, version, length = struct.unpack_from("<HHI", data, at)
            body = data[at + 8 : at + 8 + length]
            if len(body) != length:
                raise _Damaged
            at += 8 + length
            self.count()
            self.action(kind, version, body, depth)

    def action(self, kind: int, version: int, body: bytes, depth: int) -> None:
        if kind in (_TEXT, _TEXT_ARRAY, _STRETCH_TEXT, _TEXT_RECT):
            self.text(kind, version, body)
        elif kind == _FONT:
            self.font(body)
        elif kind == _PUSH:
            self.save()
            self.charsets.append(self.charset)
        elif kind == _POP:
            if self.charsets:
                self.restore()
                self.charset = self.charsets.pop()
        elif kind in _BITMAPS:
            if body[:2] != b"BM" or len(body) < 14:
                raise _Damaged
            (size,) = struct.unpack_from("<I", body, 2)
            self.packed(body[14:size])
        elif kind == _FLOAT_TRANSPARENT:
            self.actions(body, depth + 1)
        elif kind in _UNREAD:
            self.not_read = True

    def font(self, body: bytes) -> None:
        """The font's height and character set (after its own version and length, its
        family's and its style's names)."""
        at = 6
        for _ in range(2):
            (length,) = struct.unpack_from("<H", body, at)
            at += 2 + length
        _, height, charset = struct.unpack_from("<iiH", body, at)
        self.state.font = (float(abs(height)), self.state.font[1])
        self.charset = charset

    def string(self, body: bytes, at: int) -> tuple[str, int]:
        """The string at ``at`` in the font's character set, and where it ends."""
        if self.charset == _UCS2:
            (length,) = struct.unpack_from("<I", body, at)
            end = at + 4 + 2 * length
            return body[at + 4 : end].decode("utf-16-le", "replace"), end
        (length,) = struct.unpack_from("<H", body, at)
        end = at + 2 + length
        codec = "utf-8" if self.charset == _UTF8 else "latin-1"  # digits are ASCII in each
        return body[at + 2 : end].decode(codec, "replace"), end

    def text(self, kind: int, version: int, body: bytes) -> None:
        if kind == _TEXT_RECT:
            x, y = struct.unpack_from("<ii", body, 0)
            text, at = self.string(body, 16)
            at += 2
            start, size = 0, len(text)
        else:
            x, y = struct.unpack_from("<ii", body, 0)
            text, at = self.string(body, 8)
            if kind == _STRETCH_TEXT:
                at += 4
            start, size = struct.unpack_from("<HH", body, at)
            at += 4
        advances: list[float] | None = None
        if kind == _TEXT_ARRAY:
            (count,) = struct.unpack_from("<I", body, at)
            ends = struct.unpack_from(f"<{count}i", body, at + 4)
            at += 4 + 4 * count
            if ends:
                advances = [float(ends[0])] + [float(b - a) for a, b in itertools.pairwise(ends)]
        if version >= 2 and at + 2 <= len(body):
            (length,) = struct.unpack_from("<H", body, at)
            wide = body[at + 2 : at + 2 + 2 * length]
            if len(wide) == 2 * length:
                text = wide.decode("utf-16-le", "replace")
        if start < len(text):
            text = text[start : start + size]  # the part of it drawn
        if advances is not None and len(advances) != len(text):
            advances = None
        if kind == _TEXT_RECT:  # drawn from the top of its rectangle
            y += int(self.state.font[0] * 0.8)
        self.draw(x, y, text, advances)


def read_svm(data: bytes) -> tuple[list[_Piece], list[bytes], tuple[Message, ...]]:
    """The pieces of text an SVM draws, the bitmaps it draws, and why a part of it is not
    read (:class:`~zfgk.documents._vector._Damaged` if it is damaged).

    >>> import struct
    >>> from zfgk.documents._svm import read_svm
    >>> def action(kind, body):
    ...     return struct.pack("<HHI", kind, 2, len(body)) + body
    >>> word = "1381234".encode("utf-16-le")
    >>> text = action(112, struct.pack("<iiI", 10, 20, 7) + word + struct.pack("<HHH", 0, 7, 7) + word)
    >>> font = action(138, bytes(6) + struct.pack("<HH", 0, 0) + struct.pack("<iiH", 0, 12, 0xFFFF))
    >>> header = struct.pack("<IHI", 0, 1, 0) + bytes(8) + struct.pack("<I", 2)
    >>> svm = b"VCLMTF" + struct.pack("<HI", 1, len(header)) + header + font + text
    >>> [piece.text for piece in read_svm(svm)[0]]
    ['1381234']
    """
    return _Svm(data).read_all()
