"""A document's text as a person sees it, and the map from that text back to its source (internal).

Readers build the text piece by piece with a :class:`TextMap`: a piece is
either copied from the source character for character (``COPY``), shown
for a whole stretch of source (``WHOLE``: an entity such as ``&#53;``, a
run of white space shown as one space), or put in by the reader
(``SYNTHETIC``: the line break between two table cells).  Masking turns
each changed character back into an edit of the source.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import attrs

from zfgk.errors import DocumentError
from zfgk.i18n import N_

__all__ = ["COPY", "SYNTHETIC", "WHOLE", "Document", "DocumentFormat", "Location", "TextMap"]

COPY, WHOLE, SYNTHETIC = 0, 1, 2
#: Text compared in blocks of this size before looking at single characters.
_BLOCK = 4096

#: An edit of one source: (start, end, the text to put there), sorted by start.
Edit = tuple[int, int, str]


class DocumentFormat(enum.Enum):
    """The kinds of document zfgk reads.

    >>> from zfgk.documents import DocumentFormat
    >>> [f.value for f in DocumentFormat]
    ['html', 'docx', 'pdf']
    """

    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"


@attrs.frozen
class Location:
    """Where a character of a document's text is, as its reader would point to it.

    An HTML page gives the ``line`` of its source; a PDF the ``page`` as the
    PDF numbers it (its page label, such as ``iv``, else ``1``, ``2`` …); a
    .docx the ``part`` (``document``, ``header1``, ``footer1``,
    ``footnotes`` …) and the ``paragraph`` in it, counted from 1 (a table
    cell's paragraphs count too).

    >>> from zfgk.documents import Location
    >>> Location(line=12)
    Location(line=12, page=None, part=None, paragraph=None)
    """

    line: int | None = None
    page: str | None = None
    part: str | None = None
    paragraph: int | None = None


class _Source(Protocol):
    def locate(self, offset: int) -> Location: ...

    def write(self, output: Path, old: str, new: str) -> None: ...


@attrs.frozen(eq=False)
class Document:
    """A document read as a person sees it: its ``text``, and where each character came from.

    Make one with :func:`zfgk.documents.read`.  ``text`` joins what a
    reader sees as one line (a paragraph, a table cell, a page's line) and
    puts a line break between blocks; :meth:`locate` says where a character
    of it is; :meth:`write` writes the document with its text changed.

    >>> import pathlib, tempfile
    >>> from zfgk.documents import read
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.html"
    >>> _ = path.write_text("<p>电话</p>\\n<p>138<b>1234</b>5678</p>", encoding="utf-8")
    >>> doc = read(path)
    >>> doc.text
    '电话\\n13812345678\\n'
    >>> doc.locate(doc.text.index("138"))
    Location(line=2, page=None, part=None, paragraph=None)
    """

    path: Path
    format: DocumentFormat
    text: str = attrs.field(repr=False)
    _source: _Source = attrs.field(repr=False, alias="source")

    def locate(self, offset: int) -> Location:
        """Where the character at ``offset`` of :attr:`text` is in the document.

        >>> import pathlib, tempfile
        >>> from zfgk.documents import read
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.htm"
        >>> _ = path.write_bytes(b"<html>\\n<body>\\n<td>x</td>\\n</body>")
        >>> read(path).locate(0).line
        3
        """
        if not 0 <= offset < max(len(self.text), 1):
            raise IndexError(offset)
        return self._source.locate(offset)

    def write(self, output: Path | str, text: str) -> None:
        """Write the document to ``output`` with its text replaced by ``text``, of the same length.

        Only the characters that differ are written back, each where it
        sits in the source (inside its span, run or entity); everything else
        is the same, byte for byte.  ``output`` is replaced atomically.
        A PDF raises :class:`~zfgk.documents.MaskUnsupportedError`.

        >>> import pathlib, tempfile
        >>> from zfgk.documents import read
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "a.html").write_text("<p>A<i>b</i>c</p>", encoding="utf-8")
        >>> doc = read(folder / "a.html")
        >>> doc.write(folder / "b.html", doc.text.upper())
        >>> (folder / "b.html").read_text(encoding="utf-8")
        '<p>A<i>B</i>C</p>'
        """
        if len(text) != len(self.text):
            raise DocumentError.of(
                N_(
                    "{path}: the new text has {new} characters where the document has {old}; "
                    "only a text of the same length can be written back"
                ),
                path=self.path,
                new=len(text),
                old=len(self.text),
            )
        self._source.write(Path(output), self.text, text)


class TextMap:
    """The text of a document, built piece by piece, with where each piece came from."""

    __slots__ = ("_parts", "ends", "kinds", "last", "length", "segments", "sources", "starts")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self.starts: list[int] = []  # offset in the text of each piece
        self.segments: list[int] = []  # which source (a .docx part), 0 if one
        self.sources: list[int] = []  # offset of the piece in its source
        self.ends: list[int] = []  # end of the piece in its source
        self.kinds: list[int] = []
        self.length = 0
        self.last = ""  # the last character of the text so far

    def add(self, text: str, segment: int, start: int, end: int, kind: int) -> None:
        """Append ``text``, shown for ``source[start:end]`` of ``segment``."""
        if not text:
            return
        self._parts.append(text)
        self.starts.append(self.length)
        self.segments.append(segment)
        self.sources.append(start)
        self.ends.append(end)
        self.kinds.append(kind)
        self.length += len(text)
        self.last = text[-1]

    def separate(self, segment: int, at: int) -> None:
        """Put a line break in the text unless it starts or already ends with one."""
        if self.length and self.last != "\n":
            self.add("\n", segment, at, at, SYNTHETIC)

    def text(self) -> str:
        """The text built so far."""
        return "".join(self._parts)

    def piece(self, offset: int) -> int:
        """The index of the piece holding the character at ``offset`` of the text."""
        return bisect.bisect_right(self.starts, offset) - 1

    def source_offset(self, offset: int) -> tuple[int, int]:
        """(segment, offset in it) of the character at ``offset`` of the text."""
        i = self.piece(offset)
        if self.kinds[i] == COPY:
            return self.segments[i], self.sources[i] + offset - self.starts[i]
        return self.segments[i], self.sources[i]

    def edits(self, old: str, new: str, path: Path) -> dict[int, list[Edit]]:
        """The edits of each segment's source that change ``old`` (the text) into ``new``."""
        found: dict[int, list[Edit]] = {}
        done: set[int] = set()
        for offset in _changed(old, new):
            i = self.piece(offset)
            kind = self.kinds[i]
            if kind == SYNTHETIC:
                raise DocumentError.of(
                    N_(
                        "{path}: a character zfgk cannot trace back to the file (a line break "
                        "it put between blocks) cannot be changed"
                    ),
                    path=path,
                )
            if kind == COPY:
                at = self.sources[i] + offset - self.starts[i]
                found.setdefault(self.segments[i], []).append((at, at + 1, new[offset]))
            elif i not in done:
                done.add(i)
                end = self.starts[i + 1] if i + 1 < len(self.starts) else self.length
                edit = (self.sources[i], self.ends[i], new[self.starts[i] : end])
                found.setdefault(self.segments[i], []).append(edit)
        for edits in found.values():
            edits.sort()
        return found


def _changed(old: str, new: str) -> list[int]:
    """The offsets where ``new`` differs from ``old`` (of the same length)."""
    changed: list[int] = []
    for block in range(0, len(old), _BLOCK):
        end = block + _BLOCK
        if old[block:end] != new[block:end]:
            changed.extend(k for k in range(block, min(end, len(old))) if old[k] != new[k])
    return changed


def apply_edits(source: str, edits: list[Edit], escape: Callable[[str], str]) -> str:
    """``source`` with each edit made, its new text passed through ``escape``."""
    parts = []
    position = 0
    for start, end, text in edits:
        parts.append(source[position:start])
        parts.append(escape(text))
        position = end
    parts.append(source[position:])
    return "".join(parts)
