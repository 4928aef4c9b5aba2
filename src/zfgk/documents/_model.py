"""A document's text as a person sees it, and the map from that text back to its source (internal).

Readers build the text piece by piece with a :class:`TextMap`: a piece is
either copied from the source character for character (``COPY``), shown
for a whole stretch of source (``WHOLE``: an entity such as ``&#53;``, a
run of white space shown as one space), or put in by the reader
(``SYNTHETIC``: the line break between two table cells).  Masking turns
each changed character back into an edit of the source.

A reader may read the same characters twice: a number a person reads
across what the text splits (the boxes of a form, a line broken inside a
cell, the digits a tracked change deleted) is put after the text again as
a line of its own (:func:`numbers_across`), its pieces copied from a
:class:`Reading`.  The edits both readings make of the same characters are
merged (:meth:`TextMap.edits`).

A document may also hold files of its own (an HTML part inside a Word
file, a workbook embedded in it): :class:`Composite` puts their texts after
the document's and sends each change to the one that holds it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from zfgk.documents._parts import Location
from zfgk.errors import DocumentError, MaskUnsupportedError
from zfgk.i18n import N_
from zfgk.privacy import PiiMatch, find_pii, may_hold_pii

__all__ = [
    "AFTER",
    "BEFORE",
    "COPY",
    "GONE",
    "MARKED",
    "NEW",
    "SAME",
    "SYNTHETIC",
    "WHOLE",
    "Child",
    "Composite",
    "Location",
    "Piece",
    "ReadOnly",
    "Reading",
    "TextMap",
    "apply_edits",
    "numbers_across",
    "numbers_changed",
    "placed",
    "removing",
    "trimmed",
]

COPY, WHOLE, SYNTHETIC = 0, 1, 2
#: Text compared in blocks of this size before looking at single characters.
_BLOCK = 4096

#: An edit of one source: (start, end, the text to put there), sorted by start.
Edit = tuple[int, int, str]
#: A piece of text and where it came from: (text, segment, start, end, kind).
Piece = tuple[str, int, int, int, int]


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

    def extend(self, pieces: Sequence[Piece]) -> None:
        """Append each of ``pieces``."""
        for piece in pieces:
            self.add(*piece)

    def separate(self, segment: int, at: int) -> None:
        """Put a line break in the text unless it starts or already ends with one."""
        if self.length and self.last != "\n":
            self.add("\n", segment, at, at, SYNTHETIC)

    def text(self) -> str:
        """The text built so far."""
        return "".join(self._parts)

    def count(self) -> int:
        """How many pieces the text has so far."""
        return len(self._parts)

    def text_of(self, first: int, last: int) -> str:
        """The text of the pieces from index ``first`` up to ``last`` (not included)."""
        return "".join(self._parts[first:last])

    def pieces(self, first: int, last: int) -> list[Piece]:
        """The pieces from index ``first`` up to ``last`` (not included)."""
        return [
            (self._parts[i], self.segments[i], self.sources[i], self.ends[i], self.kinds[i])
            for i in range(first, last)
        ]

    def piece(self, offset: int) -> int:
        """The index of the piece holding the character at ``offset`` of the text."""
        return bisect.bisect_right(self.starts, offset) - 1

    def extract(self, start: int, end: int) -> list[Piece]:
        """The pieces of the text from ``start`` to ``end``: a piece copied character for
        character is cut there; any other is taken whole."""
        found: list[Piece] = []
        if start >= end:
            return found
        for i in range(self.piece(start), self.piece(end - 1) + 1):
            text, kind = self._parts[i], self.kinds[i]
            if kind != COPY:
                found.append((text, self.segments[i], self.sources[i], self.ends[i], kind))
                continue
            a = max(start - self.starts[i], 0)
            b = min(end - self.starts[i], len(text))
            at = self.sources[i] + a
            found.append((text[a:b], self.segments[i], at, at + b - a, COPY))
        return found

    def source_offset(self, offset: int) -> tuple[int, int]:
        """(segment, offset in it) of the character at ``offset`` of the text."""
        i = self.piece(offset)
        if self.kinds[i] == COPY:
            return self.segments[i], self.sources[i] + offset - self.starts[i]
        return self.segments[i], self.sources[i]

    def edits(self, old: str, new: str, path: Path) -> dict[int, list[Edit]]:
        """The edits of each segment's source that change ``old`` (the text) into ``new``.

        Where the text shows the same characters of the source twice (a
        number read again across cells, or as a tracked change had it), the
        changes of both are made; two that disagree cannot be written.
        """
        # (segment, start, end) -> (the piece's text, its new text)
        found: dict[tuple[int, int, int], tuple[str, str]] = {}
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
                key, piece = (self.segments[i], at, at + 1), (old[offset], new[offset])
            elif i in done:
                continue
            else:
                done.add(i)
                end = self.starts[i + 1] if i + 1 < len(self.starts) else self.length
                key = (self.segments[i], self.sources[i], self.ends[i])
                piece = (old[self.starts[i] : end], new[self.starts[i] : end])
            known = found.get(key)
            found[key] = piece if known is None else _merged(known, piece, path)
        edits: dict[int, list[Edit]] = {}
        for (segment, start, end), (_, text) in sorted(found.items()):
            mine = edits.setdefault(segment, [])
            if mine and start < mine[-1][1]:
                raise _untraceable(path)  # two pieces overlap in the source
            mine.append((start, end, text))
        return edits


def _merged(one: tuple[str, str], other: tuple[str, str], path: Path) -> tuple[str, str]:
    """Two changes of the same piece of source: every character either changed, changed."""
    if one[0] != other[0]:
        raise _untraceable(path)
    merged = []
    for before, a, b in zip(one[0], one[1], other[1], strict=True):
        if before not in (a, b) and a != b:
            raise _untraceable(path)
        merged.append(a if a != before else b)
    return one[0], "".join(merged)


def _untraceable(path: Path) -> DocumentError:
    return DocumentError.of(
        N_("{path}: two readings of the same characters of the file change them differently"),
        path=path,
    )


class Reading(TextMap):
    """A text read another way than the document shows it, each piece with a ``tag``: which
    cell or line it comes from, or whether a tracked change deleted it."""

    __slots__ = ("tags",)

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[int] = []

    def add(
        self, text: str, segment: int, start: int, end: int, kind: int, *, tag: int = 0
    ) -> None:
        """Append ``text`` with its ``tag``."""
        if text:
            super().add(text, segment, start, end, kind)
            self.tags.append(tag)

    def add_tagged(self, pieces: Sequence[Piece], tag: int) -> None:
        """Append ``pieces``, each with ``tag``."""
        for piece in pieces:
            self.add(*piece, tag=tag)


def numbers_across(
    reading: Reading, counts: Callable[[PiiMatch, str, list[int]], bool]
) -> Iterator[tuple[list[int], list[Piece]]]:
    """(tags, pieces) of each full number of ``reading`` that ``counts`` (given the match, the
    number's text and the tags of its pieces) says is read only this way."""
    text = reading.text()
    if not may_hold_pii(text):
        return
    for m in find_pii(text):
        tags = reading.tags[reading.piece(m.start) : reading.piece(m.end - 1) + 1]
        if counts(m, text[m.start : m.end], tags):
            yield tags, reading.extract(m.start, m.end)


#: A piece's part in a tracked change: in every reading, deleted by it, inserted by it.
SAME, GONE, NEW = 0, 1, 2
#: The readings of a stretch of tracked changes: as marked up (deletions and insertions
#: both shown), as it was before the changes, as it is after them.
MARKED, BEFORE, AFTER = "marked", "before", "after"


def numbers_changed(pieces: Sequence[tuple[Piece, int]], main: str) -> list[list[Piece]]:
    """The pieces of each full number that a stretch of ``pieces`` (each with its state:
    :data:`SAME`, :data:`GONE`, :data:`NEW`) holds in one of its readings and not, at the
    same place, in the ``main`` one (the reading its text shows); each once.

    Word and LibreOffice show the deletions and insertions of a document (struck through,
    underlined), and "reject all" gives it back as it was: every reading is published.
    """
    readings = {MARKED: Reading(), BEFORE: Reading(), AFTER: Reading()}
    for piece, state in pieces:
        readings[MARKED].add(*piece)
        if state != NEW:
            readings[BEFORE].add(*piece)
        if state != GONE:
            readings[AFTER].add(*piece)
    seen = {span for span, _ in placed(readings[main])}
    found = []
    for name in (MARKED, BEFORE, AFTER):
        if name == main:
            continue
        reading = readings[name]
        for span, m in placed(reading):
            if span not in seen:
                seen.add(span)
                found.append(reading.extract(m.start, m.end))
    return found


def placed(reading: Reading) -> list[tuple[tuple[tuple[int, int], tuple[int, int]], PiiMatch]]:
    """Each full number of ``reading``, with where its first and last characters are."""
    text = reading.text()
    if not may_hold_pii(text):
        return []
    return [
        ((reading.source_offset(m.start), reading.source_offset(m.end - 1)), m)
        for m in find_pii(text)
    ]


def trimmed(pieces: Sequence[Piece]) -> list[Piece]:
    """``pieces`` without the white space at their start and end: a piece of only white
    space is left out, one copied character for character is cut."""
    found = list(pieces)
    while found and found[0][0].isspace():
        found.pop(0)
    while found and found[-1][0].isspace():
        found.pop()
    if found and found[0][4] == COPY:
        text, segment, start, end, kind = found[0]
        cut = len(text) - len(text.lstrip())
        found[0] = (text[cut:], segment, start + cut, end, kind)
    if found and found[-1][4] == COPY:
        text, segment, start, end, kind = found[-1]
        cut = len(text) - len(text.rstrip())
        found[-1] = (text[: len(text) - cut], segment, start, end - cut, kind)
    return found


class Child(Protocol):
    """A file inside a document, read on its own: its text, its places, its new bytes."""

    @property
    def text(self) -> str: ...

    def locate(self, offset: int) -> Location: ...

    def edited(self, old: str, new: str) -> bytes:
        """The file's bytes with ``old`` (its text) changed into ``new``; raises
        :class:`ReadOnly` for a file zfgk does not write."""
        ...


class ReadOnly(Exception):
    """A file inside a document that zfgk reads but does not write: where it would change."""

    def __init__(self, places: list[Location]) -> None:
        super().__init__(len(places))
        self.places = places


#: The most places a refusal names; the rest are counted.
_NAMED = 20


class Composite:
    """A document's own text, then the texts of the files it holds, each after a line break."""

    __slots__ = ("children", "length", "starts")

    def __init__(self, length: int) -> None:
        self.length = length  # the document's own text
        self.starts: list[int] = []
        self.children: list[tuple[str, Child]] = []

    def add(self, member: str, child: Child) -> None:
        """Put the text of ``child``, the file ``member`` of the document, after the others."""
        if child.text:
            self.starts.append(self.end)
            self.children.append((member, child))

    @property
    def end(self) -> int:
        """The length of the whole text."""
        if not self.children:
            return self.length
        return self.starts[-1] + len(self.children[-1][1].text)

    def text(self, own: str) -> str:
        """The whole text: ``own``, then each child's."""
        return own + "".join(child.text for _, child in self.children)

    def locate(self, offset: int) -> Location | None:
        """The place of the character at ``offset`` if a child holds it, else None."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        member, child = self.children[i]
        return child.locate(offset - self.starts[i]).inside(member)

    def changed(self, old: str, new: str, path: Path) -> dict[str, bytes]:
        """The new bytes of each child whose text ``new`` changes, by member; a
        :class:`~zfgk.errors.MaskUnsupportedError` naming every place that would change in a
        file zfgk does not write."""
        found: dict[str, bytes] = {}
        refused: list[Location] = []
        for start, (member, child) in zip(self.starts, self.children, strict=True):
            end = start + len(child.text)
            if old[start:end] == new[start:end]:
                continue
            try:
                found[member] = child.edited(old[start:end], new[start:end])
            except ReadOnly as e:
                refused += [place.inside(member) for place in e.places]
        if refused:
            named = ", ".join(place.describe() for place in refused[:_NAMED])
            if len(refused) > _NAMED:
                named += f" (+{len(refused) - _NAMED})"
            raise MaskUnsupportedError.of(
                N_(
                    "{path}: {places}: a full ID or mobile number in a file inside the "
                    "document (an embedded object, which Word shows as a picture of it, or a "
                    "picture), which zfgk cannot change in place: mask it in the program that "
                    "made it and put it in again, or remove it"
                ),
                path=path,
                places=named,
            )
        return found


def removing(edits: list[Edit], deletions: Sequence[tuple[int, int]]) -> list[Edit]:
    """``edits`` of one source where each that changes a character of a tracked deletion
    (``start``, ``end`` in the source) removes that deletion whole instead, as accepting it
    would: no old digit stays in the file."""
    if not deletions:
        return edits
    outer: list[tuple[int, int]] = []
    for start, end in sorted(deletions, key=lambda span: (span[0], -span[1])):
        if not outer or start >= outer[-1][1]:  # a deletion inside another goes with it
            outer.append((start, end))
    starts = [start for start, _ in outer]
    kept: list[Edit] = []
    removed: dict[int, Edit] = {}
    for edit in edits:
        i = bisect.bisect_right(starts, edit[0]) - 1
        if i >= 0 and edit[1] <= outer[i][1]:
            removed[i] = (outer[i][0], outer[i][1], "")
        else:
            kept.append(edit)
    return sorted(kept + list(removed.values()))


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
