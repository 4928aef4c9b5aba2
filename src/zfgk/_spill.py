"""Records kept in order in a temporary file past the first few thousand: memory flat in how
many there are (internal).

A masked list of two million rows changes two million cells; the room that
writes them, and the search that proves each old value gone, read them in
the order they were made.  :class:`Spill` keeps them on disk in batches (as
:mod:`marshal` writes them: this process alone reads them back), read back
in order or one by one, and :class:`CellSpill` keeps a workbook's new cell
texts so, each sheet's in row order.  A check keeps its rows with problems
in one, and the reader a big workbook's shared strings.  What they hold is
what zfgk writes (masked values), what a written file must not hold any more
(old values, to search for) or what the list being read holds: the file is
anonymous where the system allows, and gone when closed.
"""

from __future__ import annotations

import marshal
import os
import tempfile
import threading
from collections.abc import Callable, ItemsView, Iterator, Mapping
from typing import IO, Generic, TypeVar, cast

__all__ = ["CellSpill", "Spill"]

_T = TypeVar("_T")
#: Records kept in memory before a batch goes to the file.
BATCH = 8192
#: Reads at a place in a file without moving its position, where the system has it.
_PREAD: Callable[[int, int, int], bytes] | None = getattr(os, "pread", None)


class Spill(Generic[_T]):
    """Records (tuples of ints, texts and bytes) in the order appended, read back as often as
    asked, in order or one by one.

    >>> from zfgk._spill import Spill
    >>> spill = Spill[tuple[int, str]](batch=2)
    >>> for n, text in enumerate(["甲", "乙", "丙"]):
    ...     spill.append((n, text))
    >>> list(spill), len(spill), spill[-1], spill[0]
    ([(0, '甲'), (1, '乙'), (2, '丙')], 3, (2, '丙'), (0, '甲'))
    >>> spill.close()
    """

    def __init__(self, batch: int | None = None) -> None:
        self._batch = BATCH if batch is None else batch
        self._pending: list[_T] = []
        self._file: IO[bytes] | None = None
        self._batches: list[tuple[int, int]] = []  # (offset, size) of each batch in the file
        self._size = 0
        self._count = 0
        # The batch read last, for a run of lookups in one batch; the file is read by one
        # thread at a time (its position is shared).
        self._cached: tuple[int, list[_T]] = (-1, [])
        self._lock = threading.Lock()

    def append(self, record: _T) -> None:
        """Keep ``record`` (a tuple of ints, texts and bytes) after those before it."""
        pending = self._pending
        pending.append(record)
        self._count += 1
        if len(pending) >= self._batch:
            self._write()

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[_T]:
        """The records from the first, a batch at a time (records appended meanwhile: not
        promised)."""
        batches, pending = len(self._batches), list(self._pending)  # as they stand now
        for number in range(batches):
            yield from self._load(number)
        yield from pending

    def __getitem__(self, index: int) -> _T:
        """The record ``index`` (from 0; negative from the end), its batch read if on disk."""
        count = self._count
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError("spill index out of range")
        number, at = divmod(index, self._batch)
        if number == len(self._batches):
            return self._pending[at]
        cached_number, cached = self._cached
        if cached_number != number:
            cached = self._load(number)
            self._cached = (number, cached)
        return cached[at]

    def _load(self, number: int) -> list[_T]:
        """Batch ``number``, read from the file (at its place: a forked process shares the
        file's position, not this lock)."""
        offset, size = self._batches[number]
        file = self._file
        assert file is not None
        if _PREAD is not None:
            data = _PREAD(file.fileno(), size, offset)
            if len(data) != size:  # pragma: no cover - a file cut short under us
                raise OSError(f"a temporary file of zfgk lost {size - len(data)} bytes")
        else:  # Windows has no pread
            with self._lock:
                file.seek(offset)
                data = file.read(size)
        return cast("list[_T]", marshal.loads(data))

    def close(self) -> None:
        """Let the file go (it is deleted); the spill is then empty."""
        if self._file is not None:
            self._file.close()
        self._file = None
        self._pending, self._batches, self._size, self._count = [], [], 0, 0
        self._cached = (-1, [])

    def _write(self) -> None:
        data = marshal.dumps(self._pending)
        try:
            if self._file is None:
                self._file = tempfile.TemporaryFile(prefix=".zfgk-")  # noqa: SIM115 (kept open)
            with self._lock:
                self._file.seek(self._size)
                self._file.write(data)
                self._file.flush()  # in the file, where pread finds it
        except OSError as e:
            raise _cannot_keep(e) from None
        self._batches.append((self._size, len(data)))
        self._size += len(data)
        self._pending = []


class CellSpill(Mapping[tuple[object, int, int], str]):
    """New texts of cells by (sheet key, row, column), each sheet's given back in row order.

    Cells set in row order (row, then column) go to a :class:`Spill`; a cell
    set out of that order (a merged range's first cell, a title read after
    the records) is kept in memory and wins over an earlier text of that
    cell.  ``items()`` and :meth:`sheet` read the file back; looking up one
    cell reads it too (for tests, not for work).

    >>> from zfgk._spill import CellSpill
    >>> cells = CellSpill()
    >>> cells["名单", 3, 2] = "441622********403X"
    >>> cells["名单", 4, 2] = "510903********9454"
    >>> cells["名单", 1, 1] = "2026年第二批"
    >>> list(cells.sheet("名单"))
    [(1, 1, '2026年第二批'), (3, 2, '441622********403X'), (4, 2, '510903********9454')]
    >>> len(cells), cells["名单", 4, 2], list(cells.sheets())
    (3, '510903********9454', ['名单'])
    >>> cells.close()
    """

    def __init__(self, batch: int | None = None) -> None:
        self._batch = batch
        self._spills: dict[object, Spill[tuple[int, int, str]]] = {}
        self._last: dict[object, tuple[int, int]] = {}
        self._late: dict[object, dict[tuple[int, int], str]] = {}

    def __setitem__(self, key: tuple[object, int, int], value: str) -> None:
        sheet, row, column = key
        place = (row, column)
        last = self._last.get(sheet)
        if last is None or place > last:
            spill = self._spills.get(sheet)
            if spill is None:
                spill = self._spills[sheet] = Spill(self._batch)
            spill.append((row, column, value))
            self._last[sheet] = place
        else:
            self._late.setdefault(sheet, {})[place] = value

    def sheets(self) -> Iterator[object]:
        """The keys of the sheets with a changed cell, in the order first changed."""
        yield from dict.fromkeys([*self._spills, *self._late])

    def sheet(self, sheet: object) -> Iterator[tuple[int, int, str]]:
        """(row, column, new text) of the sheet's changed cells, in row order, each once."""
        late = sorted(self._late.get(sheet, {}).items())
        spill = self._spills.get(sheet)
        at = 0
        for row, column, value in spill if spill is not None else ():
            place = (row, column)
            while at < len(late) and late[at][0] < place:
                (late_row, late_column), late_value = late[at]
                yield late_row, late_column, late_value
                at += 1
            if at < len(late) and late[at][0] == place:
                continue  # set again later: the later text is given in its turn
            yield row, column, value
        for (late_row, late_column), late_value in late[at:]:
            yield late_row, late_column, late_value

    def _items(self) -> Iterator[tuple[tuple[object, int, int], str]]:
        for sheet in self.sheets():
            for row, column, value in self.sheet(sheet):
                yield (sheet, row, column), value

    def items(self) -> ItemsView[tuple[object, int, int], str]:
        return _Items(self)

    def __iter__(self) -> Iterator[tuple[object, int, int]]:
        return (key for key, _ in self._items())

    def __len__(self) -> int:
        return sum(1 for _ in self._items())

    def __bool__(self) -> bool:
        return bool(self._spills or self._late)

    def __getitem__(self, key: tuple[object, int, int]) -> str:
        sheet, row, column = key
        for found_row, found_column, value in self.sheet(sheet):
            if (found_row, found_column) == (row, column):
                return value
        raise KeyError(key)

    def __repr__(self) -> str:
        return f"<CellSpill of {len(self._spills.keys() | self._late.keys())} sheet(s)>"  # no texts

    def close(self) -> None:
        """Let the files go; the cells are then gone."""
        for spill in self._spills.values():
            spill.close()
        self._spills.clear()
        self._last.clear()
        self._late.clear()


class _Items(ItemsView[tuple[object, int, int], str]):
    """The cells' items read in one pass (a lookup of each key would read the file each time)."""

    _mapping: CellSpill

    def __iter__(self) -> Iterator[tuple[tuple[object, int, int], str]]:
        return self._mapping._items()


def _cannot_keep(error: OSError) -> OSError:
    """What a spill says when the temporary folder cannot take it (full, or not writable): the
    error with the folder as its file, so that the message names the place to free."""
    return OSError(error.errno, error.strerror, tempfile.gettempdir())
