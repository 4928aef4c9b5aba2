"""Word's XML files: Word 2003 XML (``w:wordDocument``) and flat XML packages, read and written (internal).

A Word 2003 XML file is often saved as .doc or .xml; Word 2007 and later
save "Word XML Document" as a flat package (``pkg:package``) holding every
part inline.  :class:`WordXmlSource` reads either whole with
:class:`~zfgk.documents._wordprocessing.PartReader` (runs joined, tracked
changes, fields, forms, headers, comments and properties named as such),
reads the files kept in it as base64 (an embedded workbook; an OLE object
is named as not read; a picture as a .docx's is, by the text it draws or by
OCR), and writes it back with only the hidden digits changed, in its own
encoding.
"""

from __future__ import annotations

import base64
import binascii
from pathlib import Path

from zfgk.documents._docx import refuse_untraced
from zfgk.documents._model import Composite, Location, TextMap, removing
from zfgk.documents._parts import Unread
from zfgk.documents._wordnumbering import Numbering
from zfgk.documents._wordprocessing import (
    ATTRIBUTES,
    PartReader,
    Places,
    add_line,
    apply,
    as_utf8,
    from_utf8,
    parse,
    unseen_pieces,
)
from zfgk.documents._wordstyles import Styles
from zfgk.formats import atomic_binary

__all__ = ["WordXmlSource", "read_word_xml"]


# ------------------------------------------------------------ Word's XML files


class WordXmlSource:
    """A Word 2003 XML file (or a flat XML package): its text, its places, written back."""

    def __init__(self, path: Path, data: bytes) -> None:
        self.path = path
        self.original = data
        self.data, self.codec, self.bom = as_utf8(data, path)  # written back in its own
        self.map = TextMap()
        self.places = Places(self.map)
        self.unread: list[Unread] = []
        styles = Styles.read(self.data, "utf-8") if b"styleId" in self.data else None
        numbering = None  # Word 2003's lists (w:lists), a flat package's numbering part
        if b"lvlText" in self.data:
            numbering = Numbering.read(self.data, "utf-8", styles)
        reader = PartReader(
            self.map,
            self.places,
            0,
            self.data,
            "document",
            encoding="utf-8",
            styles=styles,
            numbering=numbering,
        )
        parse(reader, path, path.name)
        self.deletions = reader.deletions
        self.map.separate(0, len(self.data))
        for (part, paragraph), pieces in reader.lines:
            add_line(self.map, self.places, pieces, part, paragraph)
        for pieces in unseen_pieces(self.data, 0, ATTRIBUTES):
            add_line(self.map, self.places, pieces, *reader.place(pieces[0][2]))
        self.own = self.map.text()
        self.children = Composite(len(self.own))
        for name, start, end in reader.binaries:
            self._binary(name.lstrip("/"), self.data[start:end])

    def _binary(self, name: str, encoded: bytes) -> None:
        """A file kept in the XML as base64: an embedded workbook or object read, a picture
        as a .docx's is (:func:`~zfgk.documents._embedded.read_picture`)."""
        from zfgk.documents._embedded import is_picture, read_member, read_picture

        try:
            content = base64.b64decode(b"".join(encoded.split()), validate=True)
        except (binascii.Error, ValueError):
            content = encoded
        if is_picture(name, content) and not read_picture(content):
            return  # too small to show a number (or, without OCR, smaller than a page)
        child, unread = read_member(self.path, name, content)
        self.unread += unread
        if child is not None:
            self.children.add(name, child)

    @property
    def text(self) -> str:
        """The text of the file, then of the files embedded in it."""
        return self.children.text(self.own)

    def locate(self, offset: int) -> Location:
        """The place of the character at ``offset``."""
        inner = self.children.locate(offset)
        return self.places.locate(offset) if inner is None else inner

    def write(self, output: Path, old: str, new: str) -> None:
        """Write the file with ``old`` (its text) changed into ``new``."""
        if self.children.changed(old, new, self.path):  # an embedded file refuses first
            raise AssertionError("a file inside a Word XML file is never written")
        own = len(self.own)
        refuse_untraced(self.path, self.map, self.places, old[:own], new[:own])  # a label's
        edits = removing(self.map.edits(old[:own], new[:own], self.path).get(0, []), self.deletions)
        data = self.original
        if edits:
            data = from_utf8(apply(self.data, edits), self.codec, self.bom)
        with atomic_binary(output) as f:
            f.write(data)


def read_word_xml(path: Path, data: bytes) -> tuple[str, WordXmlSource]:
    """The text of a Word 2003 XML file (or a flat XML package) and its source."""
    source = WordXmlSource(path, data)
    return source.text, source
