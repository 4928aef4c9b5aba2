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
:data:`MOST_READS` cells read and :data:`MOST_COMPUTED` formulas computed in
all) a formula is not computed: unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal, InvalidOperation

from zfgk.tables._formula_tokens import Shape
from zfgk.tables._formulas import BLANK, Reference, Value, compute, references, shown
from zfgk.tables._places import column_letters

__all__ = [
    "DEPTH",
    "MOST_CELLS",
    "MOST_CHARACTERS",
    "MOST_COMPUTED",
    "MOST_FORMULAS",
    "MOST_READS",
    "Cells",
    "Grid",
    "Key",
]

#: How deep a chain of formulas is followed (as in an .xlsx).
DEPTH = 16
#: The most formulas, and characters of them, held for one file.
MOST_FORMULAS, MOST_CHARACTERS = 100_000, 4_000_000
#: The most cells the formulas of a file may name, and read in all; the most formulas
#: computed in all (a chain is computed again from each of its cells, down to DEPTH).
MOST_CELLS, MOST_READS, MOST_COMPUTED = 1_000_000, 1_000_000, 200_000
#: A field a spreadsheet opening the CSV reads as a number.
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")

#: The raw fields of each row (quotes taken off, formulas as written), from row 1.
RawRows = Iterable[tuple[int, list[str]]]


def _plain(field: str) -> Value | None:
    """A field that is no formula, as a formula reads it: a number (spaces around it and
    thousands separators allowed, as LibreOffice and Excel read ``"1,381,234"``), a date
    written as ISO 8601 writes it its serial number (``=B2&"567890"`` over 1937-10-17 shows
    13805567890), or a text; None for a date or time written otherwise (``1937/10/17``,
    ``3-12``, ``10:30``), which Excel and LibreOffice read by the computer's locale.

    >>> from zfgk.tables._csv_formulas import _plain
    >>> _plain("0158"), _plain(" 1,381,234 "), _plain("1,38"), _plain("张三")
    (Decimal('158'), Decimal('1381234'), '1,38', '张三')
    >>> _plain("1937-10-17"), _plain("1937/10/17"), _plain("3-201"), _plain("45.5")
    (Decimal('13805'), None, '3-201', Decimal('45.5'))
    """
    if not field:
        return BLANK
    text = field.strip()
    if _DATE_LIKE.fullmatch(text):
        iso = _ISO_DATE.fullmatch(text)
        try:
            day = date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))) if iso else None
        except ValueError:
            return None
        if day is None or day < _FIRST_SHARED:
            return None  # before 1900-03-01 Excel's serials are LibreOffice's less one
        return Decimal((day - _EPOCH).days)
    if text and text[0] in "0123456789+-.":
        if "," in text and _THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
        if _NUMBER.fullmatch(text):
            try:
                return Decimal(text)
            except InvalidOperation:
                return field
    return field


#: A date or a time as a spreadsheet may read a field opening a CSV, and the one form both
#: read alike in any locale (ISO 8601); the first date whose serial both count alike.
_DATE_LIKE = re.compile(
    r"[0-9]{1,4}[-/年][0-9]{1,2}(?:[-/月][0-9]{1,4}日?)?|[0-9]{1,4}\.[0-9]{1,2}\.[0-9]{1,4}"
    r"|[0-9]{1,2}月[0-9]{1,2}日"
    r"|(?:[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}\s+)?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
)
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_EPOCH, _FIRST_SHARED = date(1899, 12, 30), date(1900, 3, 1)

#: A number with its thousands apart: 1,381,234 or -1,234.5.
_THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")


#: A cell: its sheet (casefolded; ``""`` for a CSV's one), its row and column, from 1.
Key = tuple[str, int, int]


class Cells:
    """Formulas and the plain cells they name, each formula computed when asked for.

    ``sheets``: the sheets a formula may name (casefolded), None where it
    may name none (a CSV); ``stored``: a formula's result the file holds, its value where
    it cannot be computed; ``shapes``: a formula's shape, where it is known.  A plain cell not
    held is empty.

    >>> from decimal import Decimal
    >>> from zfgk.tables._csv_formulas import Cells
    >>> cells = Cells({("名单", 2, 3): "='底稿'!A1*10000+B2"},
    ...     {("底稿", 1, 1): Decimal(1381234), ("名单", 2, 2): Decimal(5678)}, frozenset({"名单", "底稿"}))
    >>> cells.value(("名单", 2, 3))
    Decimal('13812345678')
    """

    def __init__(
        self,
        formulas: dict[Key, str],
        plain: dict[Key, Value],
        sheets: frozenset[str] | None = None,
        stored: dict[Key, Value] | None = None,
        shapes: dict[Key, Shape] | None = None,
    ) -> None:
        self.formulas = formulas
        self.plain = plain
        self.sheets = sheets
        self.stored = stored or {}
        self.shapes = shapes or {}
        self.known: dict[Key, Value | None] = {}
        self.reads = self.computed = 0
        self.whole = True
        self.unknown: set[Key] = set()  # plain cells whose value is not known (a date)

    def value(self, key: Key) -> Value | None:
        """What the cell ``key`` holds as a formula reads it; None if unknown (a formula not
        computed, the limits passed)."""
        return self._value(key, 0, frozenset())

    def _value(self, key: Key, depth: int, seen: frozenset[Key]) -> Value | None:
        self.reads += 1
        if not self.whole or self.reads > MOST_READS:
            return None
        formula = self.formulas.get(key)
        if formula is None:
            if key in self.unknown:
                return None
            return self.plain.get(key, BLANK)  # a cell not held: empty
        if key in self.known:
            return self.known[key]
        if key in seen or depth >= DEPTH or self.computed >= MOST_COMPUTED:
            return None  # a circle of formulas, a chain too long, too many computed
        self.computed += 1
        inner = seen | {key}
        sheets = self.sheets

        def resolve(reference: Reference) -> Value | None:
            named, row, column = reference
            sheet = key[0]
            if named is not None:
                sheet = named.casefold()
                if sheets is None or sheet not in sheets:
                    return None  # a sheet the file does not have (a CSV has none)
            return self._value((sheet, row, column), depth + 1, inner)

        found = compute(formula, resolve, f"{column_letters(key[2])}{key[1]}", self.shapes.get(key))
        if found is None:
            found = self.stored.get(key)
        if found is not None or not seen:  # an unknown met on a way round a circle, or past
            self.known[key] = found  # the depth, may be known on another way: not kept
        return found


class Grid(Cells):
    """The cells of one CSV that its formulas need, read from ``read`` (called at most twice).

    >>> from zfgk.tables._csv_formulas import Grid
    >>> rows = [(1, ["姓名", "前", "后", "合"]), (2, ["张三", "0138", "12345678", "=B2&C2"])]
    >>> grid = Grid(lambda: iter(rows))
    >>> grid.shown(2, 4), grid.shown(1, 1)
    ('13812345678', None)
    """

    def __init__(self, read: Callable[[], RawRows]) -> None:
        super().__init__({}, {})
        self.whole = self._read(read)

    def _read(self, read: Callable[[], RawRows]) -> bool:
        """Read the formulas, then the cells they name; False past the limits."""
        characters = 0
        for row, fields in read():
            for column, field in enumerate(fields, start=1):
                if field[:1] == "=":
                    characters += len(field)
                    if len(self.formulas) >= MOST_FORMULAS or characters > MOST_CHARACTERS:
                        return False
                    self.formulas[("", row, column)] = field
        wanted: set[tuple[int, int]] = set()
        for formula in self.formulas.values():
            for sheet, row, column in references(formula):
                if sheet is None and ("", row, column) not in self.formulas:
                    wanted.add((row, column))
            if len(wanted) > MOST_CELLS:
                return False
        if wanted:
            for row, fields in read():
                for column, field in enumerate(fields, start=1):
                    if (row, column) in wanted:
                        value = _plain(field)
                        if value is None:
                            self.unknown.add(("", row, column))
                        else:
                            self.plain[("", row, column)] = value
        return True

    def shown(self, row: int, column: int) -> str | None:
        """What the formula at ``row``, ``column`` shows; None if it is no formula or unknown."""
        if ("", row, column) not in self.formulas:
            return None
        value = self.value(("", row, column))
        return None if value is None else shown(value)
