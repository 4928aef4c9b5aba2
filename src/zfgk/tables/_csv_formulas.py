"""What a CSV's formulas show when they name its cells (internal).

Excel and LibreOffice compute a formula written in a CSV when they open it:
``=C2&D2``, ``=C2*10000+D2``, ``=SUM(C2:D2)`` show a mobile number built of
pieces that are no finding alone.  A CSV is one known grid, so
:class:`Grid` reads the formulas of the file, then the cells they name, in
two more readings of it (only a file holding such a formula pays for them),
and computes each as :func:`zfgk.tables._formulas.compute` can.  A plain
field that is a number is one (``0138`` joins as ``138``, as the spreadsheet
reads it); a field written as a formula is computed in turn, down to
:data:`DEPTH` formulas; a circle of them is not computed.  Past the limits
(:data:`MOST_FORMULAS` formulas, :data:`MOST_CELLS` cells named,
:data:`MOST_READS` cells read in all) a formula is not computed: unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation

from zfgk.tables._formulas import Reference, Value, compute, references, shown

__all__ = ["DEPTH", "MOST_CELLS", "MOST_FORMULAS", "MOST_READS", "Grid"]

#: How deep a chain of formulas is followed (as in an .xlsx).
DEPTH = 16
#: The most formulas, and characters of them, held for one file.
MOST_FORMULAS, _MOST_CHARACTERS = 100_000, 4_000_000
#: The most cells the formulas of a file may name, and read in all.
MOST_CELLS, MOST_READS = 1_000_000, 1_000_000
#: A field a spreadsheet opening the CSV reads as a number.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")

#: The raw fields of each row (quotes taken off, formulas as written), from row 1.
RawRows = Iterable[tuple[int, list[str]]]


def _plain(field: str) -> Value:
    """A field that is no formula, as a formula reads it: a number, or a text."""
    if field and field[0] in "0123456789+-." and _NUMBER.fullmatch(field):
        try:
            return Decimal(field)
        except InvalidOperation:
            return field
    return field


class Grid:
    """The cells of one CSV that its formulas need, read from ``read`` (called at most twice).

    >>> from zfgk.tables._csv_formulas import Grid
    >>> rows = [(1, ["姓名", "前", "后", "合"]), (2, ["张三", "0138", "12345678", "=B2&C2"])]
    >>> grid = Grid(lambda: iter(rows))
    >>> grid.shown(2, 4), grid.shown(1, 1)
    ('13812345678', None)
    """

    def __init__(self, read: Callable[[], RawRows]) -> None:
        self.formulas: dict[tuple[int, int], str] = {}
        self.plain: dict[tuple[int, int], Value] = {}
        self.known: dict[tuple[int, int], Value | None] = {}
        self.reads = 0
        self.whole = self._read(read)

    def _read(self, read: Callable[[], RawRows]) -> bool:
        """Read the formulas, then the cells they name; False past the limits."""
        characters = 0
        for row, fields in read():
            for column, field in enumerate(fields, start=1):
                if field[:1] == "=":
                    characters += len(field)
                    if len(self.formulas) >= MOST_FORMULAS or characters > _MOST_CHARACTERS:
                        return False
                    self.formulas[(row, column)] = field
        wanted: set[tuple[int, int]] = set()
        for formula in self.formulas.values():
            for sheet, row, column in references(formula):
                if sheet is None and (row, column) not in self.formulas:
                    wanted.add((row, column))
            if len(wanted) > MOST_CELLS:
                return False
        if wanted:
            for row, fields in read():
                for column, field in enumerate(fields, start=1):
                    if (row, column) in wanted:
                        self.plain[(row, column)] = _plain(field)
        return True

    def value(self, row: int, column: int) -> Value | None:
        """What the cell at ``row``, ``column`` (from 1) holds as a formula reads it; None
        if unknown (a formula not computed, the limits passed)."""
        return self._value((row, column), 0, frozenset())

    def shown(self, row: int, column: int) -> str | None:
        """What the formula at ``row``, ``column`` shows; None if it is no formula or unknown."""
        if (row, column) not in self.formulas:
            return None
        value = self.value(row, column)
        return None if value is None else shown(value)

    def _value(
        self, key: tuple[int, int], depth: int, seen: frozenset[tuple[int, int]]
    ) -> Value | None:
        self.reads += 1
        if not self.whole or self.reads > MOST_READS:
            return None
        formula = self.formulas.get(key)
        if formula is None:
            return self.plain.get(key, "")  # a cell outside the fields: empty
        if key in self.known:
            return self.known[key]
        if key in seen or depth >= DEPTH:
            return None  # a circle of formulas, or a chain too long

        inner = seen | {key}

        def resolve(reference: Reference) -> Value | None:
            sheet, row, column = reference
            if sheet is not None:
                return None  # a sheet of a book: a CSV has none
            return self._value((row, column), depth + 1, inner)

        found = compute(formula, resolve)
        if found is not None or not seen:  # an unknown met on a way round a circle, or past
            self.known[key] = found  # the depth, may be known on another way: not kept
        return found
