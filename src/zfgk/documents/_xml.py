"""XML files, RSS and Atom feeds read as a feed reader shows them, and masked in place (internal).

Each element's text is read on its own line, its character references and
the five predefined entities decoded (an element of inline markup,
``span``, ``b``, SVG's ``tspan`` …, joins the text around it).  A text that
is markup itself, escaped (``&lt;p&gt;138&lt;b&gt;1234…``) or in a CDATA
section (``<![CDATA[<p>138<b>1234</b>5678</p>]]>``), as feeds carry a
page, is read as a browser shows that page (:mod:`zfgk.documents._html`):
a number split by the page's markup is read whole.

After the text come, each on its own line, what the file publishes without
showing it, where it holds at least 11 digits: attribute values (a link's
``tel:`` address), comments, processing instructions and the document
type declaration (whose entities are never expanded).

Masking changes only the characters that show hidden digits, in the file's
encoding; every other byte is kept.
"""

from __future__ import annotations

import codecs
import html
import re
from pathlib import Path

from zfgk.documents._html import HtmlSource, decode_html, read_html
from zfgk.documents._model import COPY, SYNTHETIC, WHOLE, TextMap
from zfgk.errors import DocumentError
from zfgk.formats import ENCODINGS, GUID
from zfgk.i18n import N_

__all__ = ["XmlSource", "read_xml"]

_NAME = r"[A-Za-z_:\u00c0-\uffff][\w:.\-\u00b7\u00c0-\uffff]*"
_TOKEN = re.compile(
    r"(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<cdata><!\[CDATA\[(?P<cdata_text>.*?)(?:\]\]>|\Z))"
    r"|(?P<pi><\?.*?(?:\?>|\Z))"
    r"|(?P<doctype><!DOCTYPE(?:[^\[>]*\[.*?\])?[^>]*(?:>|\Z))"
    rf"|(?P<end></(?P<end_name>{_NAME})\s*>)"
    rf"|(?P<start><(?P<name>{_NAME})(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/?)>)"
    r"|(?P<text>[^<]+)"
    r"|(?P<other><)",
    re.DOTALL | re.IGNORECASE,
)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|(?:lt|gt|amp|quot|apos);)")
_VALUE = re.compile(r"""=\s*(?:"([^"]*)"|'([^']*)')""")
#: Markup inside a text: a tag, a comment, an entity of HTML.
_MARKUP = re.compile(r"<[A-Za-z/!]|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);")
#: Elements of inline markup: their text joins the text around them.
_INLINE = frozenset(
    "a abbr b bdi bdo big cite code em font i kbd mark q s samp small span strike strong sub sup "
    "tspan tt u var".split()
)
#: Office vocabularies whose paragraphs hold runs (a slide's, a Word part's, an OpenDocument
#: part's, as a presentation or a loose part in a zip carries them): the namespace, its
#: paragraph elements, and the elements inside a paragraph that break its line.  Inside such
#: a paragraph every other element joins the text around it, as the program shows the runs.
_OFFICE_TEXT = {
    "http://schemas.openxmlformats.org/drawingml/2006/main": ({"p"}, {"br"}),
    "http://purl.oclc.org/ooxml/drawingml/main": ({"p"}, {"br"}),
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": ({"p"}, {"br", "cr", "tab"}),
    "http://purl.oclc.org/ooxml/wordprocessingml/main": ({"p"}, {"br", "cr", "tab"}),
    "urn:oasis:names:tc:opendocument:xmlns:text:1.0": ({"p", "h"}, {"tab", "line-break"}),
}
_NAMESPACE = re.compile(r"""\bxmlns(?::([\w.\-]+))?\s*=\s*["']([^"']*)["']""")
_LINE_END = re.compile(r"\r\n?|\n")
#: A hidden stretch with fewer digits than this holds no personal number.
_SHORTEST = 11
_DIGIT = re.compile(r"\d")


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1].lower()


class XmlSource(HtmlSource):
    """An XML file's source, its encoding and its text map: it locates and writes back as a
    page does (:class:`~zfgk.documents._html.HtmlSource`), only its reading differs."""

    def __init__(self, path: Path, data: bytes, encoding: str | None = None) -> None:
        self.path = path
        self.data = data
        if encoding is None:
            self.src, self.codec, self.bom = decode_html(data)
        else:  # forced (--encoding), in zfgk's names: its codec and its byte-order mark
            self.codec, bom = ENCODINGS.get(encoding, (encoding, b""))
            self.bom = bom if data.startswith(bom) else b""
            errors = "surrogatepass" if self.codec.startswith("utf-16") else "surrogateescape"
            try:
                self.src = data[len(self.bom) :].decode(self.codec, errors)
            except UnicodeDecodeError:
                raise DocumentError.of(
                    N_("{path}: the file holds NUL bytes: it is not text in {codec}"),
                    path=path,
                    codec=self.codec,
                ) from None
        if "\x00" in self.src:
            raise DocumentError.of(
                N_("{path}: the file holds NUL bytes: it is not text in {codec}"),
                path=path,
                codec=self.codec,
            )
        self.map = TextMap()
        self.hidden: list[tuple[int, int]] = []
        self.deletions: list[tuple[int, int]] = []  # an XML file has no <del> of a page
        self._read()

    def _office_text(self) -> tuple[set[str], set[str]]:
        """The qualified names of the paragraphs of :data:`_OFFICE_TEXT` this file declares
        (by the prefixes it binds, wherever it binds them), and of their line breaks."""
        paragraphs: set[str] = set()
        breaks: set[str] = set()
        if "xmlns" not in self.src:
            return paragraphs, breaks
        for m in _NAMESPACE.finditer(self.src):
            found = _OFFICE_TEXT.get(m.group(2))
            if found is not None:
                prefix = f"{m.group(1)}:" if m.group(1) else ""
                paragraphs.update(prefix + name for name in found[0])
                breaks.update(prefix + name for name in found[1])
        return paragraphs, breaks

    def _read(self) -> None:
        src, text = self.src, self.map
        pos, n = 0, len(src)
        paragraphs, breaks = self._office_text()
        inside = 0  # how many office paragraphs are open: their runs join
        while pos < n:
            m = _TOKEN.match(src, pos)
            assert m is not None  # every character starts a token
            kind, end = m.lastgroup, m.end()
            if kind == "text":
                self._text(pos, end)
            elif kind == "cdata":
                self._content(m.start("cdata_text"), m.end("cdata_text"), raw=True)
            elif kind == "start":
                name = m.group("name")
                if name in paragraphs:
                    text.separate(0, pos)
                    inside += not m.group("empty")
                elif (not inside or name in breaks) and _local(name) not in _INLINE:
                    text.separate(0, pos)
                for value in _VALUE.finditer(src, m.start("attrs"), m.end("attrs")):
                    a, b = value.span(1) if value.group(1) is not None else value.span(2)
                    self._maybe_hidden(a, b)
            elif kind == "end":
                name = m.group("end_name")
                if name in paragraphs:
                    text.separate(0, pos)
                    inside = max(inside - 1, 0)
                elif (not inside or name in breaks) and _local(name) not in _INLINE:
                    text.separate(0, pos)
            elif kind in ("comment", "pi", "doctype"):
                self._maybe_hidden(pos, end)
            else:  # a "<" that starts nothing is text
                text.add("<", 0, pos, end, COPY)
            pos = end
        for start, end in self.hidden:
            text.separate(0, start)
            self._plain(start, end)
            text.separate(0, end)

    def _maybe_hidden(self, start: int, end: int) -> None:
        if len(_DIGIT.findall(self.src, start, end)) >= _SHORTEST and not GUID.fullmatch(
            self.src, start, end
        ):  # (a GUID: an id Office writes on many an element, no person's)
            self.hidden.append((start, end))

    def _text(self, start: int, end: int) -> None:
        """Character data: plain text, or escaped markup read as a page."""
        if not self.src[start:end].strip():
            return
        self._content(start, end, raw=False)

    def _content(self, start: int, end: int, *, raw: bool) -> None:
        shown, spans = self._decoded(start, end, raw)
        if not _MARKUP.search(shown):
            self._plain(start, end, raw=raw)
            return
        # Markup inside the text: read it as a browser reads a page.
        try:
            _, page = read_html(self.path, codecs.BOM_UTF8 + shown.encode("utf-8"))
        except (UnicodeError, DocumentError):
            page = None
        if page is None or page.src != shown:  # bytes no encoding reads: read it as it stands
            self._plain(start, end, raw=raw)
            return
        inner = page.map
        inner_text = inner.text()
        self.map.separate(0, start)
        for i, piece_start in enumerate(inner.starts):
            piece_end = inner.starts[i + 1] if i + 1 < len(inner.starts) else inner.length
            self._compose(inner, i, inner_text[piece_start:piece_end], spans)
        self.map.separate(0, end)

    def _compose(
        self,
        inner: TextMap,
        i: int,
        piece: str,
        spans: list[tuple[int, int, int]],
    ) -> None:
        """Piece ``i`` of the page read from a text, mapped through the text to the file."""
        kind = inner.kinds[i]
        a, b = inner.sources[i], inner.ends[i]
        if kind == SYNTHETIC or a >= len(spans) or (kind == COPY and a + len(piece) > len(spans)):
            first = spans[min(a, len(spans) - 1)][0] if spans else 0
            self.map.add(piece, 0, first, first, SYNTHETIC)
            return
        if kind == WHOLE:
            last = spans[max(a, min(b, len(spans)) - 1)]
            self.map.add(piece, 0, spans[a][0], last[1], WHOLE)
            return
        # Copied from the text: each character where the file has it.
        k = 0
        while k < len(piece):
            src_start, src_end, src_kind = spans[a + k]
            if src_kind == COPY:
                run = 1
                while (
                    k + run < len(piece)
                    and spans[a + k + run][2] == COPY
                    and spans[a + k + run][0] == src_start + run
                ):
                    run += 1
                self.map.add(piece[k : k + run], 0, src_start, src_start + run, COPY)
                k += run
            else:
                run = 1
                while k + run < len(piece) and spans[a + k + run][:2] == (src_start, src_end):
                    run += 1
                self.map.add(piece[k : k + run], 0, src_start, src_end, src_kind)
                k += run

    def _decoded(self, start: int, end: int, raw: bool) -> tuple[str, list[tuple[int, int, int]]]:
        """The text of ``src[start:end]`` with references decoded, and for each of its
        characters the span of the file it comes from and how (copied, or a reference)."""
        src = self.src
        out: list[str] = []
        spans: list[tuple[int, int, int]] = []
        position = start
        for m in () if raw else _REFERENCE.finditer(src, start, end):
            for k in range(position, m.start()):
                out.append(src[k])
                spans.append((k, k + 1, COPY))
            shown = html.unescape(m.group())
            for ch in shown:
                out.append(ch)
                spans.append((m.start(), m.end(), WHOLE))
            position = m.end()
        for k in range(position, end):
            out.append(src[k])
            spans.append((k, k + 1, COPY))
        return "".join(out), spans

    def _plain(self, start: int, end: int, *, raw: bool = False) -> None:
        """Text without markup: references decoded, every other character as it is."""
        src, text = self.src, self.map
        position = start
        for m in () if raw else _REFERENCE.finditer(src, start, end):
            text.add(src[position : m.start()], 0, position, m.start(), COPY)
            text.add(html.unescape(m.group()), 0, m.start(), m.end(), WHOLE)
            position = m.end()
        text.add(src[position:end], 0, position, end, COPY)


def read_xml(path: Path, data: bytes, encoding: str | None = None) -> tuple[str, XmlSource]:
    """The text of an XML file and its source (``encoding``: forced, in zfgk's names)."""
    source = XmlSource(path, data, encoding)
    return source.map.text(), source
