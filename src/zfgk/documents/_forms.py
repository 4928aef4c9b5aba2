"""Numbers a person reads across the cells of a table, or across the lines of one cell (internal).

A form (申请表, 审批表) gives an ID number a row of boxes, one digit in each;
a narrow cell breaks a number over two lines (a line break, a second
paragraph).  The text of a document keeps each cell and each line apart,
so that the values of an ordinary table are never glued into a number
that is not there; :class:`Rows` reads each row again, and puts after the
text each full number that shows only when the boxes, or the lines of a
cell, are read as one:

- the lines of one cell, joined: a number that runs over a line break;
- neighbouring cells of one row that hold only digits (and an X), each at
  most :data:`BOX` characters, joined: a number whose every digit stands
  in a box of its own, as :func:`zfgk.find_pii` reads any number; where a
  cell holds more than one digit, only an 18-character ID number that
  passes every check (:func:`zfgk.is_valid_id`: check digit, birth date,
  region), since counts and amounts side by side can make any shorter
  number.

Each such number is put after the text again, its characters those of the
cells, so masking it hides the digits in their boxes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Generic, TypeVar

from zfgk.documents._model import SYNTHETIC, Piece, Reading, TextMap, numbers_across, trimmed
from zfgk.model import PersonalKind
from zfgk.privacy import PiiMatch, is_valid_id

__all__ = ["BOX", "Rows", "read_row"]

#: What a reader places a number with: a paragraph of a Word file; nothing in a page.
Anchor = TypeVar("Anchor")

#: The most characters a box of a form holds (an ID number split 6-8-4 holds 8).
BOX = 8
_DIGITS = frozenset("0123456789０１２３４５６７８９XxＸｘ")
#: The fewest digits a personal number has, and an ID number's.
_SHORTEST, _ID = 11, 18
_DIGIT = re.compile(r"[0-9０-９]")
#: 18 characters shaped as an ID number: a year 18xx-20xx and a month after its six first.
_ID_SHAPE = re.compile(r"(?=[0-9]{6}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])[0-9]{5}[0-9Xx])")


class _Cell(Generic[Anchor]):
    __slots__ = ("anchor", "first", "last", "nested")

    def __init__(self, first: int, anchor: Anchor) -> None:
        self.first = first  # the index of its first piece in the text
        self.last = first
        self.anchor = anchor  # where the reader places a number read in it
        self.nested = False  # holds a table of its own


class _Table(Generic[Anchor]):
    __slots__ = ("cell", "row")

    def __init__(self) -> None:
        self.row: list[_Cell[Anchor]] | None = None
        self.cell: _Cell[Anchor] | None = None


class Rows(Generic[Anchor]):
    """The tables of a text as its reader meets them: tables, rows and cells opened and
    closed; :attr:`lines` are the numbers read across boxes or lines, each with the
    ``anchor`` of the cell it starts in."""

    def __init__(self, text: TextMap) -> None:
        self.text = text
        self.tables: list[_Table[Anchor]] = []
        self.lines: list[tuple[Anchor, list[Piece]]] = []

    def table(self) -> None:
        """A table starts (inside the open cell, if any)."""
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.nested = True
        self.tables.append(_Table())

    def row(self) -> None:
        """A row starts: the one before it ends."""
        top = self._top()
        self._end_row(top)
        top.row = []

    def cell(self, anchor: Anchor) -> None:
        """A cell starts at the end of the text so far: the one before it ends."""
        top = self._top()
        self._end_cell(top)
        top.cell = _Cell(self.text.count(), anchor)

    def end_cell(self) -> None:
        """The open cell ends."""
        if self.tables:
            self._end_cell(self.tables[-1])

    def end_row(self) -> None:
        """The open row ends."""
        if self.tables:
            self._end_row(self.tables[-1])

    def end_table(self) -> None:
        """The innermost table ends."""
        if self.tables:
            self._end_row(self.tables.pop())

    def close(self) -> None:
        """The text ends: every table in it too."""
        while self.tables:
            self.end_table()

    def _top(self) -> _Table[Anchor]:
        if not self.tables:
            self.tables.append(_Table())  # a cell outside any table (a page's fragment)
        return self.tables[-1]

    def _end_cell(self, table: _Table[Anchor]) -> None:
        cell = table.cell
        if cell is None:
            return
        cell.last = self.text.count()
        if table.row is None:
            table.row = []
        table.row.append(cell)
        table.cell = None

    def _end_row(self, table: _Table[Anchor]) -> None:
        self._end_cell(table)
        if table.row:
            self._read(table.row)
        table.row = None

    def _read(self, cells: Sequence[_Cell[Anchor]]) -> None:
        """The numbers of a row read across the lines of a cell, and across its boxes."""
        boxes: list[tuple[_Cell[Anchor], str]] = []
        for cell in cells:
            text = "" if cell.nested else self.text.text_of(cell.first, cell.last).strip()
            if "\n" in text and len(_DIGIT.findall(text)) >= _SHORTEST:
                self._across_lines(cell, trimmed(self.text.pieces(cell.first, cell.last)))
            if 0 < len(text) <= BOX and all(ch in _DIGITS for ch in text):
                boxes.append((cell, text))
                continue
            self._across_boxes(boxes)
            boxes = []
        self._across_boxes(boxes)

    def _across_lines(self, cell: _Cell[Anchor], pieces: list[Piece]) -> None:
        lines: list[list[Piece]] = [[]]
        for piece in pieces:
            if piece[4] == SYNTHETIC and piece[0] == "\n":
                lines.append([])
            else:
                lines[-1].append(piece)
        if len(lines) < 2:
            return
        reading = Reading()
        for number, line in enumerate(lines):
            reading.add_tagged(trimmed(line), number)
        for _, found in numbers_across(reading, _across):
            self.lines.append((cell.anchor, found))

    def _across_boxes(self, boxes: list[tuple[_Cell[Anchor], str]]) -> None:
        if len(boxes) < 2:
            return
        sizes = [len(text) for _, text in boxes]
        if 1 not in sizes:  # several digits in each box: only an 18-character ID is read
            if sum(sizes) < _ID or not _ID_SHAPE.search("".join(text for _, text in boxes)):
                return
        elif sum(sizes) < _SHORTEST:
            return
        reading = Reading()
        for number, (cell, _) in enumerate(boxes):
            reading.add_tagged(trimmed(self.text.pieces(cell.first, cell.last)), number)

        def counts(m: PiiMatch, text: str, tags: list[int]) -> bool:
            if not _across(m, text, tags):
                return False
            if all(sizes[tag] == 1 for tag in tags):
                return True  # a digit in each box: read as any number is
            return m.kind is PersonalKind.ID_NUMBER and is_valid_id(text)

        for tags, found in numbers_across(reading, counts):
            self.lines.append((boxes[tags[0]][0].anchor, found))


def read_row(
    cells: Sequence[Sequence[tuple[str, int, int, int, int, int]]], nested: Sequence[bool] = ()
) -> list[list[Piece]]:
    """The numbers of one row of a table read across its boxes or across a cell's lines, for
    a reader that keeps a row's cells itself (each cell its pieces, with their flags; a cell
    marked ``nested`` holds a table of its own and is no box).

    >>> from zfgk.documents._forms import read_row
    >>> from zfgk.documents._model import WHOLE
    >>> cells = [[(digit, 0, i, i + 1, WHOLE, 0)] for i, digit in enumerate("13912345678")]
    >>> ["".join(piece[0] for piece in found) for found in read_row(cells)]
    ['13912345678']
    """
    text = TextMap()
    rows: Rows[int] = Rows(text)
    rows.table()
    rows.row()
    for index, pieces in enumerate(cells):
        rows.cell(index)
        if index < len(nested) and nested[index]:
            rows.table()
            rows.end_table()
        for piece in pieces:
            text.add(*piece[:5])
    rows.close()
    return [found for _, found in rows.lines]


def _across(m: PiiMatch, text: str, tags: list[int]) -> bool:
    """Whether a number runs over more than one cell or line (else the text reads it)."""
    return len(set(tags)) > 1
