"""Paragraphs of a word processor's file made one text, with the versions a reader may see (internal).

A reader of a word processor's format (:mod:`._rtf`, :mod:`._odf`) hands
its paragraphs here, each a list of pieces of text with their place in the
source and flags: hidden text, text deleted or inserted with revision
marks on.  The text is each paragraph as it is shown (no hidden text, no
deleted text), a line break between two; after it come, each on its own
line, the other versions of a paragraph that has flagged pieces (with its
hidden text shown; as it was before its tracked changes), paragraphs whose
mark between them is hidden, deleted or inserted read as one in each
version that shows them so (as Word shows them, each only where a number
runs over the mark) and the stretches
the file publishes without showing them, each only where it holds a full
number (:func:`zfgk.find_pii`): there is nothing else to find in them.

Two versions share their source: a change to one is a change to both, made
once.
"""

from __future__ import annotations

import bisect
from pathlib import Path

from zfgk.documents._model import COPY, SYNTHETIC, WHOLE, Edit, Location, TextMap
from zfgk.errors import DocumentError
from zfgk.i18n import N_
from zfgk.privacy import find_pii

__all__ = ["DELETED", "HIDDEN", "INSERTED", "Flow", "Piece", "cut", "unique_edits"]

#: Flags of a piece.
HIDDEN, DELETED, INSERTED = 1, 2, 4

#: A piece of a paragraph: (text, segment, start, end, kind, flags); kind as :class:`TextMap`'s.
Piece = tuple[str, int, int, int, int, int]


class Flow:
    """The text of a document built paragraph by paragraph, and where each paragraph is."""

    def __init__(self) -> None:
        self.map = TextMap()
        self.later: list[tuple[Location, list[Piece]]] = []
        #: The paragraphs whose marks so far are hidden, deleted or inserted, and the one after
        #: them: each where it is, its pieces and its mark's flags.
        self._chain: list[tuple[Location, list[Piece], int]] = []
        self._marks: list[int] = []
        self._where: list[Location] = []

    def paragraph(self, pieces: list[Piece], where: Location, mark: int = 0) -> None:
        """A paragraph: shown as it is; its other versions kept for after the text.  ``mark``:
        the flags of its paragraph mark (hidden, deleted: Word shows it run on into the next
        paragraph; inserted: it was one with the next before the change; give 0 for the last
        paragraph of a story, or of a table's cell).

        >>> from zfgk.documents._flow import HIDDEN, Flow
        >>> from zfgk.documents._model import COPY, Location
        >>> flow = Flow()
        >>> flow.paragraph([("电话 1381234", 0, 0, 14, COPY, 0)], Location(), mark=HIDDEN)
        >>> flow.paragraph([("5678", 0, 20, 24, COPY, 0)], Location())
        >>> flow.finish()
        >>> flow.map.text()
        '电话 1381234\\n5678\\n13812345678\\n'
        """
        shown = [p for p in pieces if not p[5] & (HIDDEN | DELETED)]
        self._mark(where)
        self._add(shown)
        if any(p[5] for p in pieces):
            with_hidden = [p for p in pieces if not p[5] & DELETED]
            before = [p for p in pieces if not p[5] & INSERTED]
            if with_hidden != shown:
                self.later.append((where, with_hidden))
            if before not in (shown, with_hidden):
                self.later.append((where, before))
        mark &= HIDDEN | DELETED | INSERTED
        if mark or self._chain:
            self._chain.append((where, pieces, mark))
            if not mark:
                self._join()

    def _join(self) -> None:
        """The paragraphs of the chain as each version shows them, those whose mark it does
        not show read as one: each number that runs over such a mark is kept, once."""
        chain, self._chain = self._chain, []
        seen: set[tuple[tuple[int, int, int], ...]] = set()
        for accepted, hidden_shown in _VERSIONS:
            # what the version leaves out: its text, and the marks it runs paragraphs on over
            off = (DELETED if accepted else INSERTED) | (0 if hidden_shown else HIDDEN)
            if not any(mark & off for _, _, mark in chain):
                continue
            joined: list[Piece] = []
            ends: list[int] = []  # where each paragraph ends in the joined text, run on
            starts: list[int] = []  # where each paragraph starts in it
            at = 0
            for _, pieces, mark in chain:
                starts.append(at)
                for piece in pieces:
                    if not piece[5] & off:
                        joined.append(piece)
                        at += len(piece[0])
                if mark & off:
                    ends.append(at)
                else:  # apart: a line break no number runs over
                    joined.append(("\n", 0, 0, 0, SYNTHETIC, 0))
                    at += 1
            text = "".join(p[0] for p in joined)
            for m in find_pii(text):
                if any(m.start < end < m.end for end in ends):
                    number = cut(joined, m.start, m.end)
                    key = tuple((p[1], p[2], p[3]) for p in number)
                    if key not in seen:
                        seen.add(key)
                        first = bisect.bisect_right(starts, m.start) - 1
                        self.later.append((chain[first][0], number))

    def unseen(self, pieces: list[Piece], where: Location) -> None:
        """A stretch the file publishes without showing it (read after the text)."""
        self.later.append((where, pieces))

    def finish(self) -> None:
        """Add, after the text, each version and stretch that holds a full number."""
        if self._chain:
            self._join()
        for where, pieces in self.later:
            if find_pii("".join(p[0] for p in pieces)):
                self._mark(where)
                self._add(pieces)
        self.later = []

    def _add(self, pieces: list[Piece]) -> None:
        text = self.map
        if pieces:
            text.separate(pieces[0][1], pieces[0][2])
        for piece, segment, start, end, kind, _ in _joined(pieces):
            if piece == "\n" and kind == SYNTHETIC:
                text.separate(segment, start)
            else:
                text.add(piece, segment, start, end, kind)
        if pieces:
            text.separate(pieces[-1][1], pieces[-1][3])

    def _mark(self, where: Location) -> None:
        if self._marks and self._marks[-1] == self.map.length:
            self._where[-1] = where
            return
        self._marks.append(self.map.length)
        self._where.append(where)

    def locate(self, offset: int) -> Location:
        """Where the character at ``offset`` of the text is."""
        i = bisect.bisect_right(self._marks, offset) - 1
        return self._where[i] if i >= 0 else Location(part="document")

    def edits(self, old: str, new: str, path: Path) -> dict[int, list[Edit]]:
        """The edits of each segment's source that change ``old`` into ``new``, each once."""
        return {
            segment: unique_edits(edits, path)
            for segment, edits in self.map.edits(old, new, path).items()
        }


#: The versions a run of paragraphs is read in: its tracked changes accepted or rejected,
#: its hidden text shown or not.
_VERSIONS = ((True, False), (True, True), (False, False), (False, True))


def cut(pieces: list[Piece], start: int, end: int) -> list[Piece]:
    """The pieces of characters ``start`` to ``end`` of their text: a piece copied character
    for character is cut there; any other is taken whole."""
    out: list[Piece] = []
    at = 0
    for piece in pieces:
        text, segment, source, _, kind, flags = piece
        after = at + len(text)
        if after > start and at < end:
            if kind == COPY:
                a, b = max(start - at, 0), min(end - at, len(text))
                out.append((text[a:b], segment, source + a, source + b, kind, flags))
            else:
                out.append(piece)
        at = after
        if at >= end:
            break
    return out


def _joined(pieces: list[Piece]) -> list[Piece]:
    """Pieces with a surrogate pair read as two characters joined into one."""
    out: list[Piece] = []
    for piece in pieces:
        text = piece[0]
        if out and len(text) == 1 and "\udc00" <= text <= "\udfff":
            last = out[-1]
            if last[0] and "\ud800" <= last[0][-1] <= "\udbff" and last[1] == piece[1]:
                pair = (last[0][-1] + text).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
                out[-1] = (last[0][:-1] + pair, last[1], last[2], piece[3], WHOLE, last[5])
                continue
        out.append(piece)
    return out


def unique_edits(edits: list[Edit], path: Path) -> list[Edit]:
    """``edits`` with those made twice (a stretch read in two versions) made once."""
    out: list[Edit] = []
    for edit in sorted(set(edits)):
        if out and edit[0] < out[-1][1]:
            raise DocumentError.of(
                N_("{path}: two changes of the same characters disagree; nothing was written"),
                path=path,
            )
        out.append(edit)
    return out
