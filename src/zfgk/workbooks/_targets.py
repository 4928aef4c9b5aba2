"""The cells a sheet's edit touches, taken from the caller's streams in row order (internal).

Changes and marks arrive sorted by row, then column (a list is sorted
first; a stream out of order is refused).  A cell covered by a merged
range stands for the range's first cell, which may lie rows above: the
queue reads ahead as far as the merged ranges starting at the current row
reach, so that the first cell's row is edited with all it must hold.
"""

from __future__ import annotations

import enum
import heapq
from collections.abc import Iterable, Iterator, Sequence, Sized
from typing import cast

import attrs

from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_
from zfgk.workbooks._xml import cell_name

__all__ = ["Mark", "Merge", "Severity", "Target", "Targets"]

_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384
#: A merged range: first row, first column, last row, last column, from 1, inclusive.
Merge = tuple[int, int, int, int]


class Severity(enum.Enum):
    """How bad a marked problem is: the fill of its cell says which."""

    ERROR = "error"
    WARNING = "warning"


@attrs.frozen
class Mark:
    """A problem to show on a cell: its severity and the comment's text (never a personal value)."""

    severity: Severity
    text: str


@attrs.define
class Target:
    """One cell to edit: its new text (None: the value stays), and its marks."""

    row: int
    column: int
    text: str | None = None
    marks: list[Mark] = attrs.Factory(list)

    @property
    def worst(self) -> Severity | None:
        """The severity the cell's look shows: an error if any mark is one."""
        if not self.marks:
            return None
        if any(m.severity is Severity.ERROR for m in self.marks):
            return Severity.ERROR
        return Severity.WARNING

    def comment(self) -> str:
        """The comment's text: each distinct mark's text, one a line."""
        return "\n".join(dict.fromkeys(m.text for m in self.marks))


def check_place(path: object, sheet: str, row: int, column: int) -> None:
    """Refuse a row or column that no sheet has (both count from 1)."""
    if (
        isinstance(row, bool)
        or isinstance(column, bool)
        or not isinstance(row, int)
        or not isinstance(column, int)
        or not (1 <= row <= _MAX_ROW and 1 <= column <= _MAX_COLUMN)
    ):
        raise InvalidArgumentError.of(
            N_(
                "{path}: sheet {sheet!r} has no row {row}, column {column}: rows count from 1 "
                "to 1048576, columns from 1 to 16384"
            ),
            path=path,
            sheet=sheet,
            row=row,
            column=column,
        )


class _Kind(enum.IntEnum):
    CHANGE = 0
    MARK = 1


#: A cell of the streams: row, column, change or mark, the new text or the mark.
_Item = tuple[int, int, _Kind, object]
_UNSEEN = object()


def _sorted(items: Iterable[tuple[int, int, object]]) -> Iterable[tuple[int, int, object]]:
    if isinstance(items, Sequence | set | frozenset):
        return sorted(items, key=lambda item: (item[0], item[1]))
    return items


class Targets:
    """The cells of one sheet to edit, handed out row by row, merged ranges read as their first cell."""

    def __init__(
        self,
        where: tuple[object, str],
        changes: Iterable[tuple[int, int, str]],
        marks: Iterable[tuple[int, int, Mark]],
        merges: Sequence[Merge],
    ) -> None:
        self.path, self.sheet = where
        streams = [
            self._checked(_sorted(items), kind)
            for items, kind in ((changes, _Kind.CHANGE), (marks, _Kind.MARK))
            if not (isinstance(items, Sized) and len(items) == 0)
        ]
        self._stream: Iterator[tuple[int, int, _Kind, object]] = (
            heapq.merge(*streams) if len(streams) > 1 else iter(streams[0] if streams else ())
        )
        self._next = next(self._stream, None)
        # The cell after the next, once looked at (single() needs to know the row has no other).
        self._peek: object = _UNSEEN  # a cell, None (no more), or _UNSEEN
        self._merges = sorted(merges)
        self._merge_at = 0  # the merges with first row up to where the queue has read
        self._active: list[Merge] = []
        self._reach = 0
        self._reach_at = 0
        self._pending: dict[tuple[int, int], Target] = {}
        self._order: list[tuple[int, int]] = []
        self._done = 0  # the last row handed out
        self.next_row = 0
        self._set_next_row()

    def _checked(
        self, items: Iterable[tuple[int, int, object]], kind: _Kind
    ) -> Iterator[tuple[int, int, _Kind, object]]:
        last = (0, 0)
        change = kind is _Kind.CHANGE
        for row, column, payload in items:
            if (
                type(row) is not int
                or type(column) is not int
                or not (0 < row <= _MAX_ROW and 0 < column <= _MAX_COLUMN)
            ):
                check_place(self.path, self.sheet, row, column)
            if (row, column) < last:
                raise InvalidArgumentError.of(
                    N_(
                        "{sheet}!{cell}: the cells of a sheet must come in row order (row, then "
                        "column) when given as a stream; give a list to have them sorted"
                    ),
                    sheet=self.sheet,
                    cell=cell_name(row, column),
                )
            last = (row, column)
            if change and type(payload) is not str and not isinstance(payload, str):
                raise InvalidArgumentError.of(
                    N_("{sheet}!{cell}: the new value must be text"),
                    sheet=self.sheet,
                    cell=cell_name(row, column),
                )
            if not change and not isinstance(payload, Mark):
                raise InvalidArgumentError.of(
                    N_("{sheet}!{cell}: a mark must be a Mark (severity and text)"),
                    sheet=self.sheet,
                    cell=cell_name(row, column),
                )
            yield row, column, kind, payload

    def _anchor(self, row: int, column: int) -> tuple[int, int]:
        """The first cell of the merged range covering (row, column), or the cell itself."""
        merges = self._merges
        while self._merge_at < len(merges) and merges[self._merge_at][0] <= row:
            self._active.append(merges[self._merge_at])
            self._merge_at += 1
        if self._active:
            self._active = [m for m in self._active if m[2] >= row]
            for r1, c1, _, c2 in self._active:
                if c1 <= column <= c2:
                    return r1, c1
        return row, column

    def _pull(self, bound: int) -> None:
        """Take every cell of the streams up to row ``bound`` into the queue."""
        while self._next is not None and self._next[0] <= bound:
            row, column, kind, payload = self._next
            self._take()
            place = self._anchor(row, column)
            if place[0] <= self._done:
                raise InvalidArgumentError.of(
                    N_(
                        "{sheet}!{cell}: the cells of a sheet must come in row order (row, then "
                        "column) when given as a stream; give a list to have them sorted"
                    ),
                    sheet=self.sheet,
                    cell=cell_name(row, column),
                )
            target = self._pending.get(place)
            if target is None:
                target = self._pending[place] = Target(*place)
                heapq.heappush(self._order, place)
            if kind is _Kind.CHANGE:
                assert isinstance(payload, str)
                if target.text is not None and target.text != payload:
                    raise InvalidArgumentError.of(
                        N_(
                            "{sheet}!{cell}: two different new values for one cell (or one "
                            "merged range)"
                        ),
                        sheet=self.sheet,
                        cell=cell_name(*place),
                    )
                target.text = payload
            else:
                assert isinstance(payload, Mark)
                target.marks.append(payload)

    def _set_next_row(self) -> None:
        """The first row :meth:`upto` may have a cell for (rows before it need not ask)."""
        rows = [_MAX_ROW + 1]
        if self._order:
            rows.append(self._order[0][0])
        if self._next is not None:
            rows.append(self._next[0])
        if self._reach_at < len(self._merges):
            rows.append(self._merges[self._reach_at][0])
        self.next_row = min(rows)

    def _take(self) -> None:
        """Move on to the streams' next cell."""
        peek = self._peek
        if peek is _UNSEEN:
            self._next = next(self._stream, None)
        else:
            self._next = cast("_Item | None", peek)
            self._peek = _UNSEEN

    def single(self, row: int) -> Target | None:
        """The row's one cell to edit (one change or one mark), taken; None if there are more.

        The quick way of the sheet's loop, for the commonest cases (a masked
        column, a column of marks): no merged range ahead.
        """
        if self._order or self._reach_at < len(self._merges) or self._reach > self._done:
            return None
        item = self._next
        if item is None or item[0] != row:
            return None
        if self._peek is _UNSEEN:
            self._peek = next(self._stream, None)
        after = cast("_Item | None", self._peek)
        if after is not None and after[0] == row:
            return None
        self._take()
        self._done = row
        following = self._next
        self.next_row = following[0] if following is not None else _MAX_ROW + 1
        if item[2] is _Kind.CHANGE:
            return Target(row, item[1], cast(str, item[3]))
        return Target(row, item[1], None, [cast(Mark, item[3])])

    def upto(self, row: int) -> list[Target]:
        """The cells to edit in rows up to ``row``, sorted; once handed out, those rows are done."""
        if not self._order and self._reach_at == len(self._merges) and self._reach <= self._done:
            found = self._straight(row)  # no merged range ahead: the streams' order is the order
            item = self._next
            self.next_row = item[0] if item is not None else _MAX_ROW + 1
            return found
        found = self._upto(row)
        self._set_next_row()
        return found

    def _straight(self, row: int) -> list[Target]:
        """The cells up to ``row`` as the streams give them (in order, none inside a merge)."""
        found: list[Target] = []
        last: Target | None = None
        item = self._next
        while item is not None and item[0] <= row:
            place_row, column, kind, payload = item
            if last is None or last.row != place_row or last.column != column:
                last = Target(place_row, column)
                found.append(last)
            if kind is _Kind.CHANGE:
                if last.text is not None and last.text != payload:
                    raise InvalidArgumentError.of(
                        N_(
                            "{sheet}!{cell}: two different new values for one cell (or one "
                            "merged range)"
                        ),
                        sheet=self.sheet,
                        cell=cell_name(place_row, column),
                    )
                last.text = payload  # type: ignore[assignment]
            else:
                last.marks.append(payload)  # type: ignore[arg-type]
            self._take()
            item = self._next
        self._done = max(self._done, row)
        return found

    def _upto(self, row: int) -> list[Target]:
        merges = self._merges
        while self._reach_at < len(merges) and merges[self._reach_at][0] <= row:
            self._reach = max(self._reach, merges[self._reach_at][2])
            self._reach_at += 1
        self._pull(max(row, self._reach))
        found = []
        while self._order and self._order[0][0] <= row:
            found.append(self._pending.pop(heapq.heappop(self._order)))
        self._done = max(self._done, row)
        return found

    def rest(self) -> list[Target]:
        """Every cell left (the rows after the sheet's last)."""
        return self.upto(_MAX_ROW)

    def empty(self) -> bool:
        """Whether nothing is left to hand out."""
        return self._next is None and not self._order
