"""An .odt's XML read byte for byte, and the values its conditional fields show (internal).

:mod:`zfgk.documents._odf` reads text with expat; the values a field shows
from its attributes (a ``text:hidden-text`` field's ``text:string-value``, a
``text:conditional-text`` field's ``text:string-value-if-true`` and
``-if-false``) are traced here back to their bytes, so that masking
changes them in place.

A ``text:conditional-text`` field shows one of its two values, as its
condition holds or not (LibreOffice evaluates it when it shows the
document; the element's content is the value it showed when it saved it):
:class:`Choices` reads the paragraph with each value in place of the
content, and keeps each number only such a reading shows.
"""

from __future__ import annotations

import html
import itertools
import re

from zfgk.documents._flow import DELETED, HIDDEN, Piece, cut
from zfgk.documents._model import COPY, SYNTHETIC, WHOLE
from zfgk.privacy import find_pii

__all__ = ["Choices", "attribute_pieces", "element_end", "escape_xml", "xml_pieces"]

_ENTITY_OR_RUN = re.compile(
    rb"&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z]+);|[\x00-\x25\x27-\x7f]+|[\x80-\xff]+|&"
)
#: An element's start tag, and each attribute of it (its name, its value in either quotes).
_START_TAG = re.compile(rb"""<[^\s/>]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""")
_TAG_NAME = re.compile(rb"<[^\s/>]+")
_TAG_ATTRIBUTE = re.compile(rb"""\s+([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")
#: The most conditional fields of a paragraph read in every combination of their values;
#: a paragraph of more is read with all of them true, and all of them false.
_COMBINED = 4


def escape_xml(text: str) -> str:
    """Text as it may stand in an XML text node or attribute value.

    >>> from zfgk.documents._odfxml import escape_xml
    >>> escape_xml('a<b & "c"')
    'a&lt;b &amp; &quot;c&quot;'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def xml_pieces(data: bytes, segment: int, start: int, end: int) -> list[Piece]:
    """The text of ``data[start:end]`` (XML character data, references decoded) as pieces
    mapped to its bytes: ASCII byte for byte, anything else and each reference whole."""
    pieces: list[Piece] = []
    for m in _ENTITY_OR_RUN.finditer(data, start, end):
        a, b = m.span()
        raw = m.group()
        if raw.startswith(b"&"):
            text = html.unescape(raw.decode("ascii"))
            kind = WHOLE if text != raw.decode("ascii") else COPY
        else:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text, kind = raw.decode("utf-8", "replace"), SYNTHETIC
            else:
                kind = COPY if raw.isascii() else WHOLE
        pieces.append((text, segment, a, b, kind, 0))
    return pieces


def element_end(data: bytes, at: int) -> int:
    """Where the element whose start tag is at ``at`` ends (a ``>`` in a quoted value
    does not end it)."""
    m = _START_TAG.match(data, at)
    if m is not None:
        return m.end()
    end = data.find(b">", at)
    return len(data) if end < 0 else end + 1


def attribute_pieces(
    data: bytes, segment: int, at: int, name: bytes, value: str
) -> list[Piece] | None:
    """The pieces of the value of attribute ``name`` (its local name) of the element whose
    start tag is at ``at``, each traced to its bytes (a reference whole); None where they do
    not give ``value`` (expat's reading of it)."""
    end = element_end(data, at)
    m = _TAG_NAME.match(data, at, end)
    position = -1 if m is None else m.end()
    while position >= 0:
        m = _TAG_ATTRIBUTE.match(data, position, end)
        if m is None:
            return None
        position = m.end()
        if m.group(1).rpartition(b":")[2] != name:
            continue
        group = 2 if m.group(2) is not None else 3
        start, stop = m.span(group)
        pieces = [
            # a tab or a line break in an attribute's value is read as a space
            ((re.sub("[\t\n\r]", " ", p[0]) if p[4] == COPY else p[0]), *p[1:])
            for p in xml_pieces(data, segment, start, stop)
        ]
        return pieces if "".join(p[0] for p in pieces) == value else None
    return None


class Choices:
    """The conditional fields of a paragraph being read: where each one's content is among
    the paragraph's pieces, and the values it may show in its place."""

    def __init__(self) -> None:
        #: Each field: [the index of its content's first piece, of the piece after it (-1:
        #: open), its values' pieces].
        self.fields: list[tuple[int, list[int], list[list[Piece]]]] = []

    def open(self, at: int, values: list[list[Piece]]) -> None:
        """A field opens, its content to come from piece ``at`` on."""
        self.fields.append((at, [-1], values))

    def close(self, at: int) -> None:
        """The open field's content ends before piece ``at``."""
        if self.fields and self.fields[-1][1][0] < 0:
            self.fields[-1][1][0] = at

    def readings(self, pieces: list[Piece]) -> list[list[Piece]]:
        """Each number a reading of ``pieces`` with each field's values in place of its
        content shows, that runs over a value (so not one the text has whole), its pieces;
        each once.  Read with hidden text shown and not, tracked deletions left out."""
        fields = [(a, b[0] if b[0] >= 0 else len(pieces), v) for a, b, v in self.fields if v]
        if not fields:
            return []
        if len(fields) <= _COMBINED:
            choices = list(itertools.product(*(range(len(v)) for _, _, v in fields)))
        else:
            choices = [tuple(min(i, len(v) - 1) for _, _, v in fields) for i in (0, 1)]
        found: list[list[Piece]] = []
        seen: set[tuple[tuple[int, int, int], ...]] = set()
        for choice in choices:
            for leave_out in (HIDDEN | DELETED, DELETED):
                reading: list[Piece] = []
                spans: list[tuple[int, int]] = []  # where the values are in its text
                at = 0
                for (start, end, values), pick in zip(fields, choice, strict=True):
                    reading += [p for p in pieces[at:start] if not p[5] & leave_out]
                    length = sum(len(p[0]) for p in reading)
                    reading += [p for p in values[pick] if not p[5] & leave_out]
                    spans.append((length, sum(len(p[0]) for p in reading)))
                    at = max(end, start)
                reading += [p for p in pieces[at:] if not p[5] & leave_out]
                found += _numbers(reading, spans, seen)
        return found


def _numbers(
    reading: list[Piece],
    spans: list[tuple[int, int]],
    seen: set[tuple[tuple[int, int, int], ...]],
) -> list[list[Piece]]:
    """The numbers of ``reading`` that run over one of ``spans`` (where values are in its
    text), each not in ``seen``."""
    text = "".join(p[0] for p in reading)
    out: list[list[Piece]] = []
    for m in find_pii(text):
        if not any(m.start < b and a < m.end for a, b in spans):
            continue
        pieces = cut(reading, m.start, m.end)
        key = tuple((p[1], p[2], p[3]) for p in pieces)
        if key not in seen:
            seen.add(key)
            out.append(pieces)
    return out
