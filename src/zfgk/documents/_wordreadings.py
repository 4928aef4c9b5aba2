"""A WordprocessingML paragraph's pieces and the readings a program shows it in (internal).

:class:`~zfgk.documents._wordprocessing.PartReader` keeps each paragraph's
pieces with their state in Track Changes and how they are off the line
(hidden text, a phonetic guide's, markup compatibility's fallback or
choice); :func:`numbers_unseen` reads a run of paragraphs each way a
program shows it and gives each full number only those readings show.
"""

from __future__ import annotations

from zfgk.documents._model import (
    AFTER,
    BEFORE,
    COPY,
    GONE,
    MARKED,
    NEW,
    SAME,
    SYNTHETIC,
    WHOLE,
    Piece,
    Reading,
    placed,
)
from zfgk.documents._wordnumbering import Numbering
from zfgk.documents._wordstyles import Styles
from zfgk.privacy import find_pii

__all__ = [
    "IN_CHOICE",
    "IN_FALLBACK",
    "LABEL",
    "NESTED",
    "OFF_LINE",
    "REVERSED",
    "Paragraph",
    "numbers_unseen",
    "put_labels",
]

#: How a piece is off the line: hidden (by its formatting or styles, a phonetic guide's), in a
#: fallback, in a choice (flags).
OFF_LINE, IN_FALLBACK, IN_CHOICE = 1, 2, 4
#: In a bidirectional override right to left (``w:bdo w:val="rtl"``), or in one inside it:
#: shown reversed, and so read in every reading but the text's.  The bits above :data:`_PATH`
#: number the overrides it is in (:meth:`Paragraph.override`).
REVERSED = 8
_PATH = 6
#: The most overrides inside one another read (no document nests more than a few): a part
#: that nests more is refused, as Unicode's algorithm shows up to 125.
NESTED = 16
#: A list's label, shown before the paragraph (:mod:`._wordnumbering`): in every reading but
#: the text's; where a tracked change of its formatting changed its list, the label before
#: it in the readings before the changes only, and its label now in the others.
LABEL, OLD_LABEL, NEW_LABEL = 16, 32, 64
#: A right-to-left embedding's start and end, as the readings mark them.
_RLE, _PDF = "\u202b", "\u202c"


class Paragraph:
    """A paragraph of a part as read: its pieces, its style, its mark."""

    __slots__ = (
        "bidi",
        "changed",
        "drop_cap",
        "end",
        "hidden_mark",
        "list",
        "mark",
        "mark_style",
        "mark_vanish",
        "number",
        "old_list",
        "old_style",
        "old_table",
        "overrides",
        "part",
        "pieces",
        "settled",
        "style",
        "table",
        "word",
    )

    def __init__(
        self,
        part: str,
        number: int,
        *,
        word: bool,
        table: str | None = None,
        old_table: str | None = None,
    ) -> None:
        self.part = part
        self.number = number
        #: Its pieces, each with its state in tracked changes and how it is off the line
        #: (:data:`OFF_LINE`, :data:`IN_FALLBACK`, :data:`IN_CHOICE`).
        self.pieces: list[tuple[Piece, int, int]] = []
        self.changed = False
        self.word = word  # WordprocessingML's (styles apply), not DrawingML's
        self.style: str | None = None  # w:pStyle
        #: The style of the table whose cell it is in ("": the default; None: in none).
        self.table = table
        #: Its style and its table's before a tracked change of their formatting (None: no
        #: change; "": the default, a ``w:pPrChange`` naming none): "reject all" gives them
        #: back, and what they hide is read as hidden.
        self.old_style: str | None = None
        self.old_table = old_table
        #: Its list (``w:numPr``: ``w:numId``, ``w:ilvl``), whose label is shown before it; its
        #: list before a tracked change of its formatting (:meth:`lists`).
        self.list: list[str | None] = [None, None]
        self.old_list: list[str | None] = [None, None]
        #: Its mark's own w:vanish and character style; deleted (GONE) or inserted (NEW).
        self.mark_vanish: bool | None = None
        self.mark_style: str | None = None
        self.mark = SAME
        self.hidden_mark = False  # resolved at its end (or set by a change of its formatting)
        self.end = 0  # the byte where it ends
        #: Its text is the first letters of the next paragraph's, large (a drop cap), or its
        #: mark is always hidden (``w:specVanish``): read with the next in every reading.
        self.drop_cap = False
        #: The bidirectional overrides its pieces are in, outermost first (each its start and
        #: whether it is right to left): a piece's flags number them (:meth:`override`).
        self.overrides: list[tuple[tuple[int, bool], ...]] = []
        #: Its own ``w:bidi`` (right to left: on, off; None: as its style says), and whether
        #: its direction is settled (its properties read, or its first run met).
        self.bidi: bool | None = None
        self.settled = False

    def override(self, open_: list[tuple[int, bool]]) -> int:
        """The flags of a piece in the overrides ``open_`` (outermost first; each its start
        and whether it is right to left), one of them right to left: :data:`REVERSED` and
        their number."""
        path = tuple(open_)
        if not self.overrides or self.overrides[-1] != path:
            self.overrides.append(path)
        return REVERSED | len(self.overrides) << _PATH

    def lists(self, styles: Styles) -> None:
        """Resolve its lists, now and before a change of its formatting: its own, or else its
        style's (the default paragraph style where it names none)."""
        for now, style in ((True, self.style), (False, self.old_style)):
            if not now and style is None:  # no change of its formatting: as it is now
                self.old_list = self.list
                continue
            own = self.list if now else self.old_list
            if own[0] is None and self.word:
                num_id, ilvl = styles.list_of(style or None)
                own[0], own[1] = num_id, ilvl if own[1] is None else own[1]

    def joins(self) -> bool:
        """Whether one reading of the document shows it joined with the next paragraph: its
        mark deleted (after the changes), inserted (before them), or hidden; a drop cap."""
        return self.mark != SAME or self.hidden_mark or self.drop_cap


def put_labels(paragraph: Paragraph, numbering: Numbering, segment: int, *, plain: bool) -> None:
    """Put the labels of a list's paragraph (its lists resolved, :meth:`Paragraph.lists`)
    that show a digit before its text, in its readings (read, never written: they are the
    list's, in the numbering part): its label now, and before a tracked change of its
    formatting where that differs (each counted in its list as it was).  None is put where
    none can add a number to any text (:func:`_apart`), nor in a ``plain`` paragraph (read
    one way only) where it adds none to its text (fast paths)."""
    if paragraph.old_style is not None:  # a change of its formatting: its list may differ
        numbering.diverge()
    now = numbering.label(*paragraph.list)
    before = numbering.label(*paragraph.old_list, before=True) if numbering.diverged else now
    if before == now:
        labels = [(now, LABEL)]
    else:
        labels = [(now, LABEL | NEW_LABEL), (before, LABEL | OLD_LABEL)]
        plain = False
    shown = [(text, flags) for text, flags in labels if text is not None]
    if _apart(shown[0][0]) if len(shown) == 1 else all(_apart(label) for label, _ in shown):
        return  # none of them adds a number to any reading (so none, too, if there is none)
    if plain and all(state == SAME and not off for _, state, off in paragraph.pieces):
        label = shown[0][0]
        text = "".join(piece[0] for piece, _, _ in paragraph.pieces)
        alone = {(m.start + len(label), m.end + len(label)) for m in find_pii(text)}
        if all((m.start, m.end) in alone for m in find_pii(label + text)):
            return
    at = paragraph.pieces[0][0][2] if paragraph.pieces else paragraph.end
    for label, flags in shown:
        paragraph.pieces.insert(0, ((label, segment, at, at, SYNTHETIC), SAME, flags))
    paragraph.changed = True


def _apart(label: str) -> bool:
    """Whether ``label`` adds no number to any text after it, told without reading them: a
    tab after it (no number runs over a tab), no character that is not shown (a
    bidirectional control may turn what follows), fewer than 11 digits of any script.

    >>> from zfgk.documents._wordreadings import _apart
    >>> _apart("1.\\t"), _apart("1381234"), _apart("\\u202e1.\\t")
    (True, False, False)
    """
    return label.endswith("\t") and label[:-1].isprintable() and sum(map(str.isnumeric, label)) < 11


# ------------------------------------------------------------- the readings of paragraphs

#: The readings a run of paragraphs is published in: with Track Changes' marks shown, as it
#: was before them, as it is after them; each with its hidden text shown and not, and with
#: markup compatibility's fallbacks in place of its choices (hidden text not shown, and
#: shown).  Each reading leaves out the pieces of the flags it names.
_VIEWS = tuple(
    (view, leaves_out)
    for view in (MARKED, BEFORE, AFTER)
    for leaves_out in (
        0,
        OFF_LINE | IN_FALLBACK,
        OFF_LINE | IN_CHOICE,
        IN_CHOICE,
    )
)


def numbers_unseen(
    chain: list[Paragraph], segment: int
) -> list[tuple[tuple[str, int | None], list[Piece]]]:
    """Each full number a run of paragraphs shows in one of its readings (:data:`_VIEWS`) and
    not in its text (the changes accepted, hidden text in, each paragraph apart); each once,
    placed in the paragraph its first character is in.

    Word and LibreOffice show the changes of a document marked up, "reject all" gives it as
    it was, and a reader who does not show hidden text sees neither it nor a hidden paragraph
    mark: two paragraphs whose mark between them is deleted, inserted or hidden are one in
    some reading, and a number across them is whole there.  A program that shows markup
    compatibility's fallback in place of its choice (Word 2007; Word where the choice requires
    a namespace it does not know) shows the paragraphs that way.
    """
    text = _reading(chain, segment, AFTER, 0, apart=True)
    seen = {span for span, _ in placed(text)}
    flags = 0
    for p in chain:
        flags |= OFF_LINE if p.hidden_mark else 0
        for _, _, off in p.pieces:
            flags |= off
    tracked = bool(flags & OLD_LABEL) or any(
        p.mark != SAME or any(s != SAME for _, s, _ in p.pieces) for p in chain
    )
    found: list[tuple[tuple[str, int | None], list[Piece]]] = []
    for view, leaves_out in _VIEWS:
        if (view != AFTER and not tracked) or (leaves_out and not flags & leaves_out):
            continue
        reading = _reading(chain, segment, view, leaves_out, apart=False)
        for span, m in placed(reading):
            if span not in seen:
                seen.add(span)
                paragraph = chain[max(reading.tags[reading.piece(m.start)], 0)]
                pieces = reading.extract(m.start, m.end)
                if _embedded(reading.text(), m.start):  # shown so after the control only
                    first, last = pieces[0][2], pieces[-1][3]
                    pieces = [
                        (_RLE, segment, first, first, SYNTHETIC),
                        *pieces,
                        (_PDF, segment, last, last, SYNTHETIC),
                    ]
                found.append(((paragraph.part, paragraph.number), pieces))
    return found


def _embedded(text: str, at: int) -> bool:
    """Whether the character at ``at`` is in a right-to-left embedding a reading opened
    (:meth:`~zfgk.documents._wordprocessing.PartReader.control`) on its line.

    >>> from zfgk.documents._wordreadings import _embedded
    >>> _embedded("1\u202b5678 1234 138\u202c 9", 2), _embedded("\u202b1\u202c 5678", 4)
    (True, False)
    """
    start = text.rfind(_RLE, text.rfind("\n", 0, at) + 1, at)
    return start >= 0 and text.find(_PDF, start, at) < 0


def _reading(
    chain: list[Paragraph], segment: int, view: str, leaves_out: int, *, apart: bool
) -> Reading:
    """The paragraphs of ``chain`` as ``view`` has them, without the pieces off the line in a
    way ``leaves_out`` names (:data:`OFF_LINE`: hidden text not shown); a line break between
    two unless that reading joins them (``apart``: never).  Paragraphs joined are one, shown
    after the first one's label only."""
    shown = not leaves_out & OFF_LINE
    reading = Reading()
    run_on = False  # whether the paragraph before runs on into this one
    for i, paragraph in enumerate(chain):
        reversing: list[tuple[Piece, int]] = []  # the pieces of overrides read so far
        for piece, state, off in paragraph.pieces:
            if (off & leaves_out) or (state == NEW and view == BEFORE):
                continue
            if state == GONE and view == AFTER:
                continue
            if off & LABEL and (
                apart
                or run_on
                or (off & OLD_LABEL and view != BEFORE)
                or (off & NEW_LABEL and view == BEFORE)
            ):
                continue
            if off & REVERSED and not apart:
                reversing.append((piece, off >> _PATH))
                continue
            for done in _shown(reversing, paragraph.overrides):
                reading.add(*done, tag=i)
            reversing = []
            reading.add(*piece, tag=i)
        for done in _shown(reversing, paragraph.overrides):
            reading.add(*done, tag=i)
        mark = paragraph.mark
        joined = (
            paragraph.drop_cap
            or (mark == GONE and view == AFTER)
            or (mark == NEW and view == BEFORE)
        )
        run_on = not apart and (joined or (paragraph.hidden_mark and not shown))
        if not run_on:
            reading.add("\n", segment, paragraph.end, paragraph.end, SYNTHETIC, tag=-1)
    return reading


def _shown(
    pieces: list[tuple[Piece, int]], paths: list[tuple[tuple[int, bool], ...]]
) -> list[Piece]:
    """``pieces`` (each with the number of its overrides in ``paths``) as their bidirectional
    overrides show them: an override right to left shows what it holds from the last, each
    character of its own text and each override inside it a unit (Unicode's algorithm, X6
    and L2); one left to right, in order.  8765, then 1381234 in an override left to right,
    in one right to left, show 13812345678."""
    out: list[Piece] = []
    stack: list[tuple[tuple[int, bool], list[list[Piece]]]] = []  # each open: its units

    def close(depth: int) -> None:
        while len(stack) > depth:  # the overrides the next piece is not in end
            (_, rtl), units = stack.pop()
            if rtl:
                units.reverse()
            unit = [done for part in units for done in part]
            if stack:
                stack[-1][1].append(unit)
            else:
                out.extend(unit)

    for piece, number in pieces:
        path = paths[number - 1]
        common = 0
        while common < min(len(stack), len(path)) and stack[common][0] == path[common]:
            common += 1
        close(common)
        stack.extend((frame, []) for frame in path[common:])
        units = stack[-1][1]
        units.extend([[c] for c in _characters(piece)] if stack[-1][0][1] else [[piece]])
    close(0)
    return out


def _characters(piece: Piece) -> list[Piece]:
    """``piece`` character by character, each traced to its own bytes where it can be; one
    that cannot be, reversed whole."""
    text, segment, start, end, kind = piece
    if len(text) > 1 and kind != SYNTHETIC and len(text.encode("utf-8")) == end - start:
        out: list[Piece] = []
        at = start
        for character in text:
            size = len(character.encode("utf-8"))
            out.append((character, segment, at, at + size, COPY if size == 1 else WHOLE))
            at += size
        return out
    return [(text[::-1], segment, start, end, kind if len(text) == 1 else SYNTHETIC)]
