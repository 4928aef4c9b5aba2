"""The parts of a MIME message: found in its bytes, decoded, and encoded back (internal).

:func:`parse` finds each entity (the message, its parts, a message inside
it) with the span of its headers and body in the file; the pieces of text
(:class:`HeaderPiece`, :class:`TextPiece`, :class:`HtmlPiece`) read a
header or a part as a mail program shows it and say how new text is
encoded back in place: an RFC 2047 word in its charset and encoding, an
RFC 2231 value percent-encoded, a quoted-printable part's characters where
they stand, a base64 part in lines of the same length.  The reading of a
whole message is in :mod:`zfgk.documents._mime`.
"""

from __future__ import annotations

import base64
import binascii
import bisect
import codecs
import email
import email.message
import email.policy
import quopri
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import attrs

from zfgk.documents._html import HtmlSource, PageWithPictures
from zfgk.documents._model import COPY, WHOLE, TextMap
from zfgk.documents._parts import Location

__all__ = [
    "Entity",
    "Header",
    "HeaderPiece",
    "HtmlPiece",
    "Leaf",
    "TextPiece",
    "codec_of",
    "decode_qp",
    "decode_text",
    "header_piece",
    "parse",
    "text_piece",
    "walk",
]

_LINE_END = re.compile(rb"\r\n|\r|\n")
#: An RFC 2047 encoded word.
_ENCODED_WORD = re.compile(rb"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")
#: Space between two encoded words, which is not shown.
_BETWEEN_WORDS = re.compile(rb"[ \t]*(?:\r?\n[ \t]+)?[ \t]*")
#: An RFC 2231 value: ``name*=charset'language'%XX…`` (its %XX read as bytes of the charset).
_EXTENDED = re.compile(rb"\*(?:\d+\*)?=\s*([A-Za-z0-9._-]*)'[^']*'([^;\s]*)")
_FOLD = re.compile(rb"\r?\n(?=[ \t])")
_HEX = b"0123456789ABCDEFabcdef"
#: How the email package reads a message (its parts decoded as they were sent).
_POLICY = email.policy.compat32


#: Names Windows and .NET mail programs give UTF-16 (little-endian, as Windows writes it;
#: a byte-order mark is then read as a character and written back as it was), which
#: Python does not know.
_WINDOWS_LABELS = {"unicode": "utf-16-le", "ucs-2": "utf-16-le", "unicodefffe": "utf-16-be"}


def codec_of(charset: str | None) -> str | None:
    """A Python codec for a MIME charset (GB2312 and GBK read as their superset GB18030); None
    for a name that is no text encoding (``rot13``, ``base64``, a NUL in it).

    >>> from zfgk.documents._mime_parts import codec_of
    >>> codec_of("GB2312"), codec_of("unicode"), codec_of("rot13"), codec_of("utf-8\\x00")
    ('gb18030', 'utf-16-le', None, None)
    """
    if not charset:
        return None
    label = charset.strip().strip("\"'")
    label = _WINDOWS_LABELS.get(label.lower(), label)
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    if info.name in ("gb2312", "gbk", "cp936", "gb18030"):
        return "gb18030"
    return info.name


def decode_text(data: bytes, charset: str | None) -> tuple[str, str]:
    """(text, codec) of bytes in ``charset``, else UTF-8, else GB18030; bytes no codec reads are
    kept as escapes, so the text is encoded back byte for byte."""
    for codec in (codec_of(charset), "utf-8", "gb18030"):
        if codec is None:
            continue
        try:
            return data.decode(codec), codec
        except (UnicodeError, LookupError):  # the "undefined" codec refuses every byte
            continue
    return data.decode("utf-8", "surrogateescape"), "utf-8"


def decode_qp(data: bytes) -> tuple[bytes, list[tuple[int, int]]]:
    """Quoted-printable bytes decoded as :func:`binascii.a2b_qp` decodes them, with the span of
    ``data`` each decoded byte came from (a soft line break gives none).

    >>> from zfgk.documents._mime_parts import decode_qp
    >>> decoded, spans = decode_qp(b"138=\\r\\n1234=35678")
    >>> decoded, spans[3], spans[7]
    (b'13812345678', (6, 7), (10, 13))
    """
    out = bytearray()
    spans: list[tuple[int, int]] = []
    n = len(data)
    i = 0
    while i < n:
        byte = data[i]
        if byte != 0x3D:  # "="
            out.append(byte)
            spans.append((i, i + 1))
            i += 1
            continue
        start = i
        i += 1
        if i >= n:
            break
        following = data[i]
        if following in (0x0A, 0x0D):  # a soft line break
            if following != 0x0A:
                while i < n and data[i] != 0x0A:
                    i += 1
            if i < n:
                i += 1
        elif following == 0x3D:
            out.append(0x3D)
            spans.append((start, i + 1))
            i += 1
        elif i + 1 < n and following in _HEX and data[i + 1] in _HEX:
            out.append(int(data[i : i + 2], 16))
            spans.append((start, i + 2))
            i += 2
        else:
            out.append(0x3D)
            spans.append((start, start + 1))
    return bytes(out), spans


# ------------------------------------------------------------------ the structure


@attrs.define(eq=False)
class Header:
    name: str
    start: int  # the value's first byte (after the colon)
    end: int  # after its last byte (before the line end of its last line)


@attrs.define(eq=False)
class Entity:
    """A message or one of its parts: where its headers and body are in the file."""

    start: int
    body: int
    end: int
    headers: list[Header]
    message: email.message.Message
    label: str
    children: list[Entity] = attrs.Factory(list)
    preamble: tuple[int, int] | None = None
    epilogue: tuple[int, int] | None = None

    @property
    def content_type(self) -> str:
        return self.message.get_content_type()

    @property
    def leaf(self) -> bool:
        return self.message.get_content_maintype() != "multipart" and (
            self.content_type != "message/rfc822"
        )


def _lines(data: bytes, start: int, end: int) -> Iterator[tuple[int, int, int]]:
    """(start, end without the line end, end with it) of each line of ``data[start:end]``."""
    pos = start
    while pos < end:
        m = _LINE_END.search(data, pos, end)
        if m is None:
            yield pos, end, end
            return
        yield pos, m.start(), m.end()
        pos = m.end()


def parse(data: bytes, start: int, end: int, label: str, depth: int) -> Entity:
    headers: list[Header] = []
    body = end
    for a, b, c in _lines(data, start, end):
        line = data[a:b]
        if not line:
            body = c
            break
        if line[:1] in b" \t" and headers:
            headers[-1].end = b
            continue
        colon = line.find(b":")
        if colon <= 0 or not re.fullmatch(rb"[\x21-\x39\x3b-\x7e]+", line[:colon].rstrip()):
            body = a  # not a header: the body starts here (as the email package reads it)
            break
        headers.append(Header(line[:colon].decode("ascii").strip(), a + colon + 1, b))
    message = email.message_from_bytes(data[start:body], policy=_POLICY)
    entity = Entity(start, body, end, headers, message, label)
    if depth > 50:
        return entity  # the email package does not go deeper either, in practice
    if entity.content_type == "message/rfc822":
        entity.children.append(parse(data, body, end, f"{label}/message", depth + 1))
    elif message.get_content_maintype() == "multipart":
        _split(data, entity, depth)
    return entity


def _split(data: bytes, entity: Entity, depth: int) -> None:
    boundary = entity.message.get_boundary()
    if not boundary:
        return
    try:
        marker = boundary.encode("ascii")
    except UnicodeEncodeError:
        return  # a boundary no delimiter line can hold: the body is read as it stands
    delimiter = re.compile(
        rb"(?:^|(?<=\n))--" + re.escape(marker) + rb"(--)?[ \t]*(?:\r\n|\r|\n|$)",
        re.MULTILINE,
    )
    found = list(delimiter.finditer(data, entity.body, entity.end))
    if not found:
        return
    parts: list[tuple[int, int]] = []
    previous = found[0]
    entity.preamble = (entity.body, _before_line_end(data, entity.body, previous.start()))
    closed = False
    for m in found[1:]:
        parts.append((previous.end(), _before_line_end(data, previous.end(), m.start())))
        previous = m
        if m.group(1):
            closed = True
            break
    if not closed:  # no closing delimiter: the last part runs to the end
        parts.append((previous.end(), entity.end))
    else:
        entity.epilogue = (previous.end(), entity.end)
    for number, (a, b) in enumerate(parts, start=1):
        entity.children.append(parse(data, a, b, f"{entity.label}.{number}", depth + 1))


def _before_line_end(data: bytes, start: int, at: int) -> int:
    """``at`` less the line end before it, which belongs to the delimiter that follows."""
    if at - 2 >= start and data[at - 2 : at] == b"\r\n":
        return at - 2
    if at - 1 >= start and data[at - 1 : at] in (b"\n", b"\r"):
        return at - 1
    return at


def walk(entity: Entity) -> Iterator[Entity]:
    yield entity
    for child in entity.children:
        yield from walk(child)


# ------------------------------------------------------------------ pieces of text


@attrs.define(eq=False)
class HeaderPiece:
    """A header's value as a mail program shows it, mapped to its bytes."""

    text: str
    name: str
    where: str
    start: int
    raw: bytes
    map: TextMap
    #: Each encoded word and RFC 2231 value: where it starts in ``raw`` → (charset, encoding).
    words: dict[int, tuple[str, str]]
    codec: str

    def locate(self, offset: int) -> Location:
        return Location(part=self.where)

    def replacement(self, new: str, path: Path) -> tuple[int, int, bytes]:
        edits = self.map.edits(self.text, new, path).get(0, [])
        pieces: list[bytes] = []
        position = 0
        for start, end, text in edits:
            pieces.append(self.raw[position:start])
            word = self.words.get(start)
            if word is None:
                pieces.append(text.encode(self.codec, "surrogateescape"))
            else:
                pieces.append(_encode_word(text, *word))
            position = end
        pieces.append(self.raw[position:])
        return self.start, self.start + len(self.raw), b"".join(pieces)


def _encode_word(text: str, charset: str, encoding: str) -> bytes:
    codec = codec_of(charset) or "utf-8"
    data = text.encode(codec)
    if encoding == "%":  # RFC 2231: every byte but letters, digits and "-._~" as %XX
        return urllib.parse.quote_from_bytes(data, safe="").encode("ascii")
    if encoding.upper() == "B":
        body = base64.b64encode(data)
    else:
        body = b"".join(
            bytes([c]) if (c < 128 and (chr(c).isalnum() or chr(c) in "!*+-/")) else b"=%02X" % c
            for c in data
        )
    return b"=?" + charset.encode("ascii") + b"?" + encoding.encode("ascii") + b"?" + body + b"?="


def header_piece(data: bytes, header: Header, where: str) -> HeaderPiece | None:
    raw = data[header.start : header.end]
    if not raw.strip():
        return None
    literal_codec = "utf-8"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        literal_codec = "gb18030"
    text = TextMap()
    words: dict[int, tuple[str, str]] = {}
    spans: list[
        tuple[int, int, str, str, bytes]
    ] = []  # encoded parts: start, end, charset, enc, bytes
    for m in _ENCODED_WORD.finditer(raw):
        if not m.group(1).isascii() or not m.group(2).isascii():
            continue  # not an encoded word (RFC 2047 names a charset in ASCII): literal text
        charset, encoding, body = m.group(1).decode("ascii"), m.group(2).decode("ascii"), m.group(3)
        charset = charset.split("*", 1)[0]  # RFC 2231 language tag
        try:
            if encoding.upper() == "B":
                decoded = base64.b64decode(body + b"=" * (-len(body) % 4))
            else:
                decoded = binascii.a2b_qp(body, header=True)
        except (binascii.Error, ValueError):
            continue
        spans.append((m.start(), m.end(), charset, encoding, decoded))
    for m in _EXTENDED.finditer(raw):  # the whole value: written back percent-encoded
        if not m.group(1).isascii():
            continue
        charset = m.group(1).decode("ascii") or "us-ascii"
        value = urllib.parse.unquote_to_bytes(m.group(2))
        spans.append((m.start(2), m.end(2), charset, "%", value))
    spans.sort()
    position = 0
    previous_word_end = -1
    for start, end, charset, encoding, decoded in spans:
        if start < position:
            continue  # overlapping forms: the first wins
        between = raw[position:start]
        if not (
            encoding != "%" and previous_word_end == position and _BETWEEN_WORDS.fullmatch(between)
        ):
            _literal(text, raw, position, start, literal_codec)
        shown, _ = decode_text(decoded, charset)
        words[start] = (charset, encoding)
        text.add(shown, 0, start, end, WHOLE)
        position = end
        previous_word_end = end if encoding != "%" else -1
    _literal(text, raw, position, len(raw), literal_codec)
    return HeaderPiece(
        text.text(), header.name, where, header.start, raw, text, words, literal_codec
    )


def _literal(text: TextMap, raw: bytes, start: int, end: int, codec: str) -> None:
    """Bytes of a header outside encoded words: folded lines joined, ASCII mapped byte for byte."""
    position = start
    for fold in [*_FOLD.finditer(raw, start, end), None]:
        stop = end if fold is None else fold.start()
        chunk = raw[position:stop]
        for m in re.finditer(rb"[\x00-\x7f]+|[\x80-\xff]+", chunk):
            a, b = position + m.start(), position + m.end()
            if m.group()[0] < 0x80:
                text.add(m.group().decode("ascii"), 0, a, b, COPY)
            else:
                text.add(m.group().decode(codec, "surrogateescape"), 0, a, b, WHOLE)
        if fold is not None:
            position = fold.end()


@attrs.define(eq=False)
class Leaf:
    """A leaf part's content: decoded, and how to encode it back in place."""

    entity: Entity
    raw: bytes  # the body as the file holds it
    decoded: bytes
    encoding: str  # the transfer encoding
    spans: list[tuple[int, int]] | None  # quoted-printable: the bytes each decoded byte came from

    def replacement(self, new: bytes) -> tuple[int, int, bytes]:
        """The body's span in the file and its new bytes, for the new decoded content."""
        entity = self.entity
        if new == self.decoded:
            return entity.body, entity.end, self.raw
        if self.encoding == "base64":
            body = _base64_like(self.raw, new)
        elif self.encoding == "quoted-printable":
            body = self._qp(new)
        else:
            body = new
        return entity.body, entity.end, body

    def _qp(self, new: bytes) -> bytes:
        if self.spans is not None and len(new) == len(self.decoded):
            pieces: list[bytes] = []
            position = 0
            for i, (old_byte, new_byte) in enumerate(zip(self.decoded, new, strict=True)):
                if old_byte == new_byte:
                    continue
                a, b = self.spans[i]
                pieces.append(self.raw[position:a])
                literal = 33 <= new_byte <= 126 and new_byte != 0x3D
                pieces.append(bytes([new_byte]) if literal else b"=%02X" % new_byte)
                position = b
            pieces.append(self.raw[position:])
            return b"".join(pieces)
        line_end = b"\r\n" if b"\r\n" in self.raw else b"\n"
        encoded = quopri.encodestring(new)
        return encoded.replace(b"\n", line_end)


def _base64_like(raw: bytes, new: bytes) -> bytes:
    """``new`` in base64 laid out as ``raw`` is: its line length and line end, the white space
    around it (a line whose bytes do not change comes out as it was)."""
    stripped = raw.strip()
    lead = raw[: len(raw) - len(raw.lstrip())]
    trail = raw[len(raw.rstrip()) :]
    first = _LINE_END.search(stripped)
    width = first.start() if first is not None else max(len(stripped), 76)
    width = max(4, width - width % 4)
    line_end = first.group() if first is not None else b"\r\n"
    encoded = base64.b64encode(new)
    lines = [encoded[i : i + width] for i in range(0, len(encoded), width)]
    return lead + line_end.join(lines) + trail


@attrs.define(eq=False)
class TextPiece:
    """A text part (or a preamble) read as text, by its lines."""

    text: str
    where: str
    leaf: Leaf | None
    codec: str
    span: tuple[int, int]
    starts: list[int]

    def locate(self, offset: int) -> Location:
        return Location(part=self.where, line=bisect.bisect_right(self.starts, offset))

    def replacement(self, new: str, path: Path) -> tuple[int, int, bytes]:
        data = new.encode(self.codec, "surrogateescape")
        if self.leaf is None:
            return self.span[0], self.span[1], data
        return self.leaf.replacement(data)


def text_piece(
    text: str, where: str, leaf: Leaf | None, codec: str, span: tuple[int, int]
) -> TextPiece:
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    return TextPiece(text, where, leaf, codec, span, starts)


@attrs.define(eq=False)
class HtmlPiece:
    """An HTML part as a browser shows it."""

    text: str
    where: str
    leaf: Leaf
    source: HtmlSource | PageWithPictures

    def locate(self, offset: int) -> Location:
        inner = self.source.locate(offset)
        if inner.member is not None:  # in a picture the page carries (named with the part)
            return inner
        return Location(part=self.where, line=inner.line)

    def replacement(self, new: str, path: Path) -> tuple[int, int, bytes]:
        scratch = path.with_name(f".{path.name}.part.tmp")
        try:
            self.source.write(scratch, self.text, new)
            data = scratch.read_bytes()
        finally:
            scratch.unlink(missing_ok=True)
        return self.leaf.replacement(data)
