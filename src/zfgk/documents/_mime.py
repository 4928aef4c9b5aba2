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
  the file publishes;
- what a mail program shows joined from pieces: a ``format=flowed`` text's
  lines broken after a space (RFC 3676), a file name sent in RFC 2231
  pieces (``filename*0*``, ``filename*1*``).  Where that joining makes a
  full number the pieces do not hold, the joined text is read too; it
  cannot be masked in place.

The resources of a page (its fonts and Office theme), which hold no text a
reader sees, are not read. A picture of a page, or one a mail shows
inline, or one its HTML carries in a ``data:`` address (as a web mail
client pastes a screenshot), is read by OCR where it is large enough to show a number
(:func:`~zfgk.documents._embedded.read_picture`); without the ``ocr``
extra one as large as a scanned page or a photograph is said unread. A
picture drawn as vectors (EMF, WMF, SVG) is read by the text it draws,
without OCR (:mod:`zfgk.documents._vector`), and never written: a number
in one makes masking refuse, naming it. An attached picture is a file of
its own, read the same way.

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

import email
import email.header
import email.message
import email.policy
import re
import urllib.parse
from pathlib import Path

import attrs

from zfgk._arguments import quiet
from zfgk.documents._container import Container
from zfgk.documents._embedded import read_picture
from zfgk.documents._html import HtmlSource, PageWithPictures, read_html
from zfgk.documents._mime_parts import (
    Entity,
    HeaderPiece,
    HtmlPiece,
    Leaf,
    TextPiece,
    decode_qp,
    decode_text,
    header_piece,
    parse,
    text_piece,
    walk,
)
from zfgk.documents._page_files import page_files, read_page_files
from zfgk.documents._parts import CellEdits, Document, Location, Lost, TextEdits
from zfgk.errors import DocumentError, MaskUnsupportedError
from zfgk.formats import Kind, atomic_binary
from zfgk.i18n import N_, Message
from zfgk.privacy import find_pii

__all__ = ["read_mime"]

#: How the email package reads a message (its parts decoded as they were sent).
_POLICY = email.policy.compat32
#: Content types of a page's resources, which hold no text a reader sees.
_RESOURCES = re.compile(
    r"(?:image|font|audio|video)/.*|application/(?:x-)?font.*|application/vnd\.ms-fontobject"
    r"|application/vnd\.ms-officetheme|application/x-shockwave-flash"
)
_TEXT_TYPES = re.compile(r"text/.*|message/(?:delivery-status|disposition-notification)")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
#: Header fields whose values are the message's structure, not text (changing them breaks it).
_STRUCTURE = frozenset({"content-transfer-encoding", "mime-version"})
#: The characters that stand for bytes no codec could read (``decode_text``'s last resort).
_ESCAPED = re.compile("[\udc80-\udcff]")
#: Why such a part is "cannot check": what its bytes show is not known.
UNDECODABLE = N_(
    "bytes that neither the part's charset, UTF-8 nor GB18030 can read: what a mail program "
    "shows there (a number in another encoding) is not known"
)


# ------------------------------------------------------------------ reading


@attrs.define(eq=False)
class _Shown:
    """A text a mail program shows joined that the part's bytes hold in pieces: a flowed
    text's lines (RFC 3676), a file name's continued parameters (RFC 2231).  Read so that a
    number split over the pieces is found; never written back."""

    text: str
    where: str
    source: Path
    line: int | None = None

    def locate(self, offset: int) -> Location:
        return Location(part=self.where, line=self.line)

    def replacement(self, new: str, path: Path) -> tuple[int, int, bytes]:
        """Never: the mail's bytes hold the text in pieces (``path``, the output, unused)."""
        raise MaskUnsupportedError.of(
            N_(
                "{path}: {where}: a number a mail program shows joined from pieces (the lines "
                "of a flowed text, the pieces of a file name) cannot be masked in place: mask "
                "it in the mail program and save the message again"
            ),
            path=self.source,
            where=self.where,
        )


def _split_numbers(pieces: str, shown: str) -> bool:
    """Whether ``shown`` holds a full number that ``pieces`` (the same text in pieces) does not."""
    return len(find_pii(shown)) > len(find_pii(pieces))


def _flowed(text: str, delete_space: bool) -> list[tuple[int, str, str]]:
    """(first line, the lines as sent, the text shown) of each paragraph of a
    ``format=flowed`` text made of more than one line: as a mail program shows it, a line
    ending in a space (a soft break) joined to the next, that space taken out with
    ``DelSp=yes``."""
    joined: list[tuple[int, str, str]] = []
    lines = text.splitlines()
    current: list[str] = []
    first = 1
    for number, sent in enumerate(lines, start=1):
        line = sent[1:] if sent.startswith(" ") else sent  # space-stuffed
        soft = line.endswith(" ") and line != "-- "
        if not current:
            first = number
        current.append(line[:-1] if soft and delete_space else line)
        if not soft:
            if len(current) > 1:
                joined.append((first, "\n".join(lines[first - 1 : number]), "".join(current)))
            current = []
    if len(current) > 1:
        joined.append((first, "\n".join(lines[first - 1 :]), "".join(current)))
    return joined


def _label(entity: Entity) -> str:
    """How a part is named: its file name, its address in the page, or its content type."""
    message = entity.message
    name = message.get_filename()
    if name:
        return str(name)
    location = message.get("Content-Location")
    if location:
        try:  # an address with Chinese in it is written as RFC 2047 words
            location = str(email.header.make_header(email.header.decode_header(str(location))))
        except (ValueError, LookupError):
            location = str(location)
        base = urllib.parse.unquote(location).rstrip("/").rsplit("/", 1)[-1]
        base = base.rsplit("\\", 1)[-1]
        if base:
            return base
    return entity.content_type


def _is_attachment(entity: Entity) -> bool:
    disposition = (entity.message.get_content_disposition() or "").lower()
    return disposition == "attachment"


class _MimeReader:
    def __init__(self, path: Path, kind: Kind, data: bytes) -> None:
        self.path = path
        self.kind = kind
        self.data = data
        self.container = Container(path, kind)
        self.exact = True
        self.leaves: dict[int, Leaf] = {}  # member index → its part

    def run(self) -> Document:
        data = self.data
        root = parse(data, 0, len(data), "", 0)
        self.exact = self._same_parts(root)
        for entity in walk(root):
            self._entity(entity, entity is root)
        document = self.container.document(self.write)
        document.details["exact"] = self.exact
        return document

    def _same_parts(self, root: Entity) -> bool:
        """Whether the parts found are those the email package finds, of the same types."""
        parsed = email.message_from_bytes(self.data, policy=_POLICY)
        theirs = [p.get_content_type() for p in parsed.walk()]
        ours = [e.content_type for e in walk(root)]
        return theirs == ours

    def _entity(self, entity: Entity, root: bool) -> None:
        label = quiet(_label(entity))
        said: list[str] = []  # the texts of the headers that name the part
        for header in entity.headers:
            if header.name.lower() in _STRUCTURE:
                continue
            where = header.name if root else f"{label}: {header.name}"
            piece = header_piece(self.data, header, where)
            if piece is not None:
                self._add(piece)
                if header.name.lower() in ("content-disposition", "content-type"):
                    said.append(piece.text)
        name = entity.message.get_filename()
        if name and _split_numbers(" ".join(said), str(name)):
            # a name sent in RFC 2231 pieces, the number split between them
            self.container.add_text(_Shown(str(name), f"{label}: name", self.path))
        for span, words in ((entity.preamble, "preamble"), (entity.epilogue, "epilogue")):
            if span is not None and self.data[span[0] : span[1]].strip():
                text, codec = decode_text(self.data[span[0] : span[1]], None)
                where = words if root else f"{label}: {words}"
                self._add(text_piece(text, where, None, codec, span))
        if entity.leaf:
            self._leaf(entity, label)
        elif not entity.children and entity.body < entity.end:
            # A multipart body whose parts cannot be found: read as it stands, never written.
            self.exact = False
            span = (entity.body, entity.end)
            text, codec = decode_text(self.data[span[0] : span[1]], None)
            self._add(text_piece(text, label, None, codec, span))

    def _add(self, piece: HeaderPiece | TextPiece) -> None:
        """A header or text part: searched for what can be read, and "cannot check" where some
        of its bytes could not be read (a full-width number in GBK inside a UTF-8 word)."""
        if _ESCAPED.search(piece.text):
            self.container.not_read(Location(part=piece.where), Message(UNDECODABLE))
        self.container.add_text(piece)

    def _leaf(self, entity: Entity, label: str) -> None:
        leaf = self._decoded(entity)
        content_type = entity.content_type
        attachment = _is_attachment(entity)
        # a page's font or theme, a picture too small to show a number: not read; a picture
        # that may show one is read by OCR, as an attached picture is (without the ocr
        # extra, one as large as a scanned page or a photograph is said unread)
        if (
            not attachment
            and _RESOURCES.fullmatch(content_type)
            and not (content_type.startswith("image/") and read_picture(leaf.decoded))
        ):
            return
        charset = entity.message.get_content_charset()
        if not attachment and content_type in _HTML_TYPES:
            try:
                text, source = read_html(self.path, leaf.decoded, charset)
            except DocumentError as e:
                self.container.not_read(Location(part=label), e.as_message())
                return
            page = self._with_pictures(source, text, label)
            self.container.add_text(HtmlPiece(page.text, label, leaf, page))
            return
        if (
            not attachment
            and _TEXT_TYPES.fullmatch(content_type)
            and not entity.message.get_filename()
        ):
            text, codec = decode_text(leaf.decoded, charset)
            self._add(text_piece(text, label, leaf, codec, (entity.body, entity.end)))
            message = entity.message
            if str(message.get_param("format", "", header="Content-Type")).lower() == "flowed":
                delete = str(message.get_param("delsp", "", header="Content-Type")).lower()
                for line, sent, shown in _flowed(text, delete == "yes"):
                    if _split_numbers(sent, shown):
                        self.container.add_text(_Shown(shown, label, self.path, line))
            return
        if not self.container.fits(label, len(leaf.decoded)):
            return
        member = self.container.add_member(label, leaf.decoded)
        self.leaves[member.index] = leaf

    def _with_pictures(
        self, source: HtmlSource, text: str, label: str
    ) -> HtmlSource | PageWithPictures:
        """An HTML part with the pictures it carries in ``data:`` addresses (a screenshot a
        web mail client pasted): each read as a page's are, by the text it draws or by OCR,
        or said unread; and the other files it carries there, read as what they are; never
        written (a number in one makes masking refuse)."""
        carried = page_files(source.src, f"{label}/")
        if not carried:
            return source
        page = PageWithPictures(self.path, source, text)
        for member, child, gaps in read_page_files(self.path, carried):
            for gap in gaps:
                self.container.not_read(gap.location, gap.reason)
            if child is not None:
                page.children.add(member, child)
        return page

    def _decoded(self, entity: Entity) -> Leaf:
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
        return Leaf(entity, raw, decoded, encoding, spans)

    # ------------------------------------------------------------------ writing back

    def write(self, document: Document, output: Path, texts: TextEdits, cells: CellEdits) -> Lost:
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
            assert isinstance(piece, (HeaderPiece, TextPiece, HtmlPiece, _Shown))
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
