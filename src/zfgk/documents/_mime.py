"""Mail (.eml) and web archives (.mht, .mhtml) read part by part, and masked in place (internal).

A message is read as the standard library's :mod:`email` package reads
it, and as a mail program or a browser shows it:

- every header (``Subject``, ``From``, a part's ``Content-Disposition`` with
  its file name …) with its RFC 2047 encoded words (``=?utf-8?B?…?=``) and
  RFC 2231 values (``filename*=utf-8''%E5…``) decoded, folded lines joined;
- each leaf part decoded from its transfer encoding (quoted-printable, with
  its soft line breaks ``=\\r\\n`` that split a number; base64) and read as
  what it is: an HTML part as a browser shows it
  (:mod:`zfgk.documents._html`), a text part as text, an attachment (a
  .docx, an .xlsx, a PDF, a zip) as a file of its own
  (:class:`~zfgk.documents._archive.Container`: opened on a temporary copy,
  within the size limits, its places nested under its name); a message
  inside a message in turn;
- the preamble and epilogue of a multipart body, which a program hides but
  the file publishes.

The resources of a page (its pictures, fonts and Office theme), which hold
no text a reader sees, are not read, as a page's pictures are not; an
attached picture is a file of its own, which zfgk cannot read without OCR.

The parts are found in the file's bytes, and what is found is checked
against what the :mod:`email` package makes of the same bytes (the same
parts, the same decoded content); where the two differ the message is read
as the package reads it, and cannot be written back.  Writing back changes
only the parts that change: a header's characters in place (an encoded
word encoded again in its charset and encoding), a part's content encoded
again in its transfer encoding (a quoted-printable part's characters in
place, a base64 part's lines of the same length), an attachment written by
its own writer and encoded again; every other byte is kept.
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

from zfgk._arguments import quiet
from zfgk.documents._archive import Container
from zfgk.documents._html import HtmlSource, read_html
from zfgk.documents._model import COPY, WHOLE, TextMap
from zfgk.documents._parts import CellEdits, Document, Location, TextEdits
from zfgk.errors import DocumentError, MaskUnsupportedError
from zfgk.formats import Kind, atomic_binary
from zfgk.i18n import N_

__all__ = ["decode_qp", "read_mime"]

_LINE_END = re.compile(rb"\r\n|\r|\n")
#: An RFC 2047 encoded word.
_ENCODED_WORD = re.compile(rb"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")
#: Space between two encoded words, which is not shown.
_BETWEEN_WORDS = re.compile(rb"[ \t]*(?:\r?\n[ \t]+)?[ \t]*")
#: An RFC 2231 value: ``name*=charset'language'%XX…`` (its %XX read as bytes of the charset).
_EXTENDED = re.compile(rb"\*(?:\d+\*)?=\s*([A-Za-z0-9._-]*)'[^']*'([^;\s]*)")
_FOLD = re.compile(rb"\r?\n(?=[ \t])")
_HEX = b"0123456789ABCDEFabcdef"
#: Content types of a page's resources, which hold no text a reader sees.
_RESOURCES = re.compile(
    r"(?:image|font|audio|video)/.*|application/(?:x-)?font.*|application/vnd\.ms-fontobject"
    r"|application/vnd\.ms-officetheme|application/x-shockwave-flash"
)
_TEXT_TYPES = re.compile(r"text/.*|message/(?:delivery-status|disposition-notification)")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Header fields whose values are the message's structure, not text (changing them breaks it).
_STRUCTURE = frozenset({"content-transfer-encoding", "mime-version"})
_POLICY = email.policy.compat32


def _codec(charset: str | None) -> str | None:
    """A Python codec for a MIME charset (GB2312 and GBK read as their superset GB18030)."""
    if not charset:
        return None
    try:
        name = codecs.lookup(charset.strip().strip("\"'")).name
    except LookupError:
        return None
    if name in ("gb2312", "gbk", "cp936", "gb18030"):
        return "gb18030"
    return name


def _decode_text(data: bytes, charset: str | None) -> tuple[str, str]:
    """(text, codec) of bytes in ``charset``, else UTF-8, else GB18030; bytes no codec reads are
    kept as escapes, so the text is encoded back byte for byte."""
    for codec in (_codec(charset), "utf-8", "gb18030"):
        if codec is None:
            continue
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "surrogateescape"), "utf-8"


def decode_qp(data: bytes) -> tuple[bytes, list[tuple[int, int]]]:
    """Quoted-printable bytes decoded as :func:`binascii.a2b_qp` decodes them, with the span of
    ``data`` each decoded byte came from (a soft line break gives none).

    >>> from zfgk.documents._mime import decode_qp
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
class _Header:
    name: str
    start: int  # the value's first byte (after the colon)
    end: int  # after its last byte (before the line end of its last line)


@attrs.define(eq=False)
class _Entity:
    """A message or one of its parts: where its headers and body are in the file."""

    start: int
    body: int
    end: int
    headers: list[_Header]
    message: email.message.Message
    label: str
    children: list[_Entity] = attrs.Factory(list)
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


def _parse(data: bytes, start: int, end: int, label: str, depth: int) -> _Entity:
    headers: list[_Header] = []
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
        headers.append(_Header(line[:colon].decode("ascii").strip(), a + colon + 1, b))
    message = email.message_from_bytes(data[start:body], policy=_POLICY)
    entity = _Entity(start, body, end, headers, message, label)
    if depth > 50:
        return entity  # the email package does not go deeper either, in practice
    if entity.content_type == "message/rfc822":
        entity.children.append(_parse(data, body, end, f"{label}/message", depth + 1))
    elif message.get_content_maintype() == "multipart":
        _split(data, entity, depth)
    return entity


def _split(data: bytes, entity: _Entity, depth: int) -> None:
    boundary = entity.message.get_boundary()
    if not boundary:
        return
    delimiter = re.compile(
        rb"(?:^|(?<=\n))--"
        + re.escape(boundary.encode("ascii", "surrogateescape"))
        + rb"(--)?[ \t]*(?:\r\n|\r|\n|$)",
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
        entity.children.append(_parse(data, a, b, f"{entity.label}.{number}", depth + 1))


def _before_line_end(data: bytes, start: int, at: int) -> int:
    """``at`` less the line end before it, which belongs to the delimiter that follows."""
    if at - 2 >= start and data[at - 2 : at] == b"\r\n":
        return at - 2
    if at - 1 >= start and data[at - 1 : at] in (b"\n", b"\r"):
        return at - 1
    return at


def _walk(entity: _Entity) -> Iterator[_Entity]:
    yield entity
    for child in entity.children:
        yield from _walk(child)


# ------------------------------------------------------------------ pieces of text


@attrs.define(eq=False)
class _HeaderPiece:
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
    codec = _codec(charset) or "utf-8"
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


def _header_piece(data: bytes, header: _Header, where: str) -> _HeaderPiece | None:
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
        shown, _ = _decode_text(decoded, charset)
        words[start] = (charset, encoding)
        text.add(shown, 0, start, end, WHOLE)
        position = end
        previous_word_end = end if encoding != "%" else -1
    _literal(text, raw, position, len(raw), literal_codec)
    return _HeaderPiece(
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
class _Leaf:
    """A leaf part's content: decoded, and how to encode it back in place."""

    entity: _Entity
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
class _TextPiece:
    """A text part (or a preamble) read as text, by its lines."""

    text: str
    where: str
    leaf: _Leaf | None
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


def _text_piece(
    text: str, where: str, leaf: _Leaf | None, codec: str, span: tuple[int, int]
) -> _TextPiece:
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    return _TextPiece(text, where, leaf, codec, span, starts)


@attrs.define(eq=False)
class _HtmlPiece:
    """An HTML part as a browser shows it."""

    text: str
    where: str
    leaf: _Leaf
    source: HtmlSource

    def locate(self, offset: int) -> Location:
        return Location(part=self.where, line=self.source.locate(offset).line)

    def replacement(self, new: str, path: Path) -> tuple[int, int, bytes]:
        scratch = path.with_name(f".{path.name}.part.tmp")
        try:
            self.source.write(scratch, self.text, new)
            data = scratch.read_bytes()
        finally:
            scratch.unlink(missing_ok=True)
        return self.leaf.replacement(data)


# ------------------------------------------------------------------ reading


def _label(entity: _Entity) -> str:
    """How a part is named: its file name, its address in the page, or its content type."""
    message = entity.message
    name = message.get_filename()
    if name:
        return str(name)
    location = message.get("Content-Location")
    if location:
        base = urllib.parse.unquote(str(location)).rstrip("/").rsplit("/", 1)[-1]
        base = base.rsplit("\\", 1)[-1]
        if base:
            return base
    return entity.content_type


def _is_attachment(entity: _Entity) -> bool:
    disposition = (entity.message.get_content_disposition() or "").lower()
    return disposition == "attachment"


class _MimeReader:
    def __init__(self, path: Path, kind: Kind, data: bytes) -> None:
        self.path = path
        self.kind = kind
        self.data = data
        self.container = Container(path, kind)
        self.exact = True
        self.leaves: dict[int, _Leaf] = {}  # member index → its part

    def run(self) -> Document:
        data = self.data
        root = _parse(data, 0, len(data), "", 0)
        self.exact = self._same_parts(root)
        for entity in _walk(root):
            self._entity(entity, entity is root)
        document = self.container.document(self.write)
        document.details["exact"] = self.exact
        return document

    def _same_parts(self, root: _Entity) -> bool:
        """Whether the parts found are those the email package finds, of the same types."""
        parsed = email.message_from_bytes(self.data, policy=_POLICY)
        theirs = [p.get_content_type() for p in parsed.walk()]
        ours = [e.content_type for e in _walk(root)]
        return theirs == ours

    def _entity(self, entity: _Entity, root: bool) -> None:
        container = self.container
        label = quiet(_label(entity))
        for header in entity.headers:
            if header.name.lower() in _STRUCTURE:
                continue
            where = header.name if root else f"{label}: {header.name}"
            piece = _header_piece(self.data, header, where)
            if piece is not None:
                container.add_text(piece)
        for span, words in ((entity.preamble, "preamble"), (entity.epilogue, "epilogue")):
            if span is not None and self.data[span[0] : span[1]].strip():
                text, codec = _decode_text(self.data[span[0] : span[1]], None)
                where = words if root else f"{label}: {words}"
                container.add_text(_text_piece(text, where, None, codec, span))
        if entity.leaf:
            self._leaf(entity, label)

    def _leaf(self, entity: _Entity, label: str) -> None:
        leaf = self._decoded(entity)
        content_type = entity.content_type
        attachment = _is_attachment(entity)
        if not attachment and _RESOURCES.fullmatch(content_type):
            return  # a page's picture, font or theme
        charset = entity.message.get_content_charset()
        if not attachment and content_type in _HTML_TYPES:
            try:
                text, source = read_html(self.path, leaf.decoded)
            except DocumentError as e:
                self.container.not_read(Location(part=label), e.as_message())
                return
            self.container.add_text(_HtmlPiece(text, label, leaf, source))
            return
        if (
            not attachment
            and _TEXT_TYPES.fullmatch(content_type)
            and not entity.message.get_filename()
        ):
            text, codec = _decode_text(leaf.decoded, charset)
            self.container.add_text(
                _text_piece(text, label, leaf, codec, (entity.body, entity.end))
            )
            return
        if not self.container.fits(label, len(leaf.decoded)):
            return
        member = self.container.add_member(label, leaf.decoded)
        self.leaves[member.index] = leaf

    def _decoded(self, entity: _Entity) -> _Leaf:
        """The part's content, decoded as the email package decodes it."""
        raw = self.data[entity.body : entity.end]
        encoding = str(entity.message.get("Content-Transfer-Encoding", "7bit")).strip().lower()
        part = email.message_from_bytes(self.data[entity.start : entity.end], policy=_POLICY)
        payload = part.get_payload(decode=True)
        decoded = payload if isinstance(payload, bytes) else raw
        spans = None
        if encoding == "quoted-printable":
            mine, spans = decode_qp(raw)
            if mine != decoded:
                spans = None  # written back by encoding it whole
        elif encoding not in ("base64",) and decoded != raw:
            self.exact = False
        return _Leaf(entity, raw, decoded, encoding, spans)

    # ------------------------------------------------------------------ writing back

    def write(
        self, document: Document, output: Path, texts: TextEdits, cells: CellEdits
    ) -> tuple[str, ...]:
        own, rewritten, lost = self.container.changes(document, texts, cells)
        if (own or rewritten) and not self.exact:
            raise MaskUnsupportedError.of(
                N_(
                    "{path}: the parts of this message cannot be traced back to its bytes "
                    "exactly, so zfgk cannot write it back: mask the document it was made from"
                ),
                path=self.path,
            )
        edits: list[tuple[int, int, bytes]] = []
        for piece, new in own:
            assert isinstance(piece, (_HeaderPiece, _TextPiece, _HtmlPiece))
            edits.append(piece.replacement(new, output))
        for index, data in rewritten.items():
            edits.append(self.leaves[index].replacement(data))
        edits.sort()
        out: list[bytes] = []
        position = 0
        for start, end, data in edits:
            if start < position:
                raise MaskUnsupportedError.of(
                    N_("{path}: two changes overlap in the message; nothing was written"),
                    path=self.path,
                )
            out += [self.data[position:start], data]
            position = end
        out.append(self.data[position:])
        with atomic_binary(output) as f:
            f.write(b"".join(out))
        return lost


def read_mime(path: Path, kind: Kind, encoding: str | None) -> Document:
    """A mail or a web archive: its headers, its parts, its attachments (see the module)."""
    from zfgk.documents._readers import _read_bytes

    data = _read_bytes(path)
    if not data.strip():
        raise DocumentError.of(N_("{path}: the file is empty"), path=path)
    return _MimeReader(path, kind, data).run()
