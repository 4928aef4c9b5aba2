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
from collections.abc import Callable
from pathlib import Path

from zfgk.documents._parts import Location
from zfgk.errors import DocumentError
from zfgk.i18n import N_

__all__ = ["COPY", "SYNTHETIC", "WHOLE", "Location", "TextMap", "apply_edits"]

COPY, WHOLE, SYNTHETIC = 0, 1, 2
#: Text compared in blocks of this size before looking at single characters.
_BLOCK = 4096

#: An edit of one source: (start, end, the text to put there), sorted by start.
Edit = tuple[int, int, str]


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
