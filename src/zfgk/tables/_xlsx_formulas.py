"""What an .xlsx formula without a stored result shows, computed from the cells it names (internal).

A workbook written by a program (openpyxl, a report engine) holds a formula
as ``<c r="C2"><f>CONCATENATE(A2,B2)</f></c>``: no ``<v>``, the result left
for Excel or WPS to compute when the file is opened.  What a person sees is
that result.  :func:`computed` takes the formulas :mod:`zfgk.tables._parts`
could not read from their literals alone, reads the cells they name (on
their sheet or another, hidden or not) in one pass over each sheet that
holds one, and computes each as :func:`zfgk.tables._formulas.evaluate` can
(``&``, CONCATENATE, CONCAT, TEXTJOIN, TEXT, LEFT, RIGHT, MID …); a cell
named that is itself a formula without a result is computed in turn.  A
formula that still cannot be computed is given back unread: its result is
unknown until Excel computes it.

Only a book holding such a formula pays for this: the cells are read again
only for it.
"""

from __future__ import annotations

import functools
import re
import zipfile
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

from zfgk.tables._formula_tokens import Shape, Unknown, references, shaped
from zfgk.tables._formulas import BLANK, Reference, Resolve, Value, compute, moved, shown
from zfgk.tables._number_formats import about_shown, date_shown, formatted
from zfgk.tables._places import WorkbookPart, column_letters, column_number
from zfgk.tables._xlsx import (
    CellFormat,
    SharedStrings,
    SharedStringsOnDisk,
    date_format,
    open_part,
    xml_text,
)

__all__ = ["Pending", "computed", "in_format", "moved_to"]

#: A text shorter than this cannot show a birth date's digits.
_SHORTEST = 7
#: How deep a chain of formulas without results is followed.
_DEPTH = 16
#: The most cells whose computed text is kept (a book's formulas read in batches).
_KNOWN = 1_000_000
_CHUNK = 1 << 20
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_ATTRIBUTE = re.compile(rb'\b(\w+)="([^"]*)"')
#: A cell's start tag, and one naming its cell (as every program but a few writes it).
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s/>]")
_CELL_REF = re.compile(rb"""<(?:\w+:)?c\s[^>]*?\br=["']([A-Z]{1,3}[0-9]{1,7})["']""")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b([^>]*?)(?:/>|>([^<]*)</(?:\w+:)?f>)")
_INLINE = re.compile(rb"<(?:\w+:)?t\b[^>]*>([^<]*)</(?:\w+:)?t>")
_PLACE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: Each column's letters, worked out once (16,384 columns at most).
_letters = functools.lru_cache(maxsize=None)(column_letters)


def _holds(rows: list[int], span: tuple[int, int]) -> bool:
    """Whether any of ``rows`` (in order) is within ``span`` (first, last)."""
    at = bisect_left(rows, span[0])
    return at < len(rows) and rows[at] <= span[1]


class Pending(NamedTuple):
    """A formula of ``sheet``'s cell ``cell`` whose result the file does not hold; ``builds``:
    it may build a number (else, if it cannot be computed, it shows none zfgk looks for);
    ``stored``: the result the file holds, which Excel computes anew (what it shows is given
    only where it differs)."""

    sheet: str
    cell: str | None
    formula: str
    builds: bool = True
    stored: str | None = None
    style: str = ""  # the cell's style, whose number format shows a number computed


class _Cell(NamedTuple):
    kind: str  # the cell's t: "", n, s, str, inlineStr, b, e, d
    value: str  # its stored value (an index of a shared string for s), "" if none
    formula: str | None  # its formula, shared ones written for this cell; None if none


def _number(raw: str) -> Decimal | None:
    """A stored number, exactly as the file writes it (``&`` shows it as Excel does)."""
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class _Sheets:
    """The cells the pending formulas name, read once from each sheet holding one."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        members: Mapping[str, str],
        strings: SharedStrings | SharedStringsOnDisk,
        recalculate: bool,
        pieces: dict[str, list[tuple[int, int] | None]] | None = None,
    ) -> None:
        self.archive = archive
        self.members = {name.casefold(): member for name, member in members.items()}
        self.strings = strings
        self.recalculate = recalculate
        self.cells: dict[str, dict[str, _Cell] | None] = {}  # sheet → cell → what it holds
        self.known: dict[tuple[str, str], Value | None] = {}  # (sheet, cell) → its value
        #: sheet → the rows (first, last) of the cells in each piece read at a time, kept
        #: from one batch of formulas to the next
        self.pieces: dict[str, list[tuple[int, int] | None]] = {} if pieces is None else pieces

    def read(self, sheet: str, wanted: set[str]) -> None:
        """Read the cells ``wanted`` of ``sheet`` (None for the sheet: it cannot be read so).

        The first read of a sheet notes, for each piece of it read at a time, the
        rows its cells name; a later one (the next batch of a book's formulas)
        parses only the pieces holding a row it wants.
        """
        key = sheet.casefold()
        member = self.members.get(key)
        if member is None or member not in self.archive.NameToInfo:
            self.cells[key] = None
            return
        found: dict[str, _Cell] = {}
        masters: dict[bytes, tuple[str, str]] = {}  # shared formula index → (text, first cell)
        pieces = self.pieces.get(key)  # (first row, last row) of each piece; None: parse it
        noted: list[tuple[int, int] | None] = []
        rows = sorted({int(m.group(2)) for p in wanted if (m := _PLACE.fullmatch(p))})
        last = -1  # the last piece that must be parsed (none after it holds a row wanted)
        for at, span in enumerate(pieces or []):
            if span is None or _holds(rows, span):
                last = at
        carry = b""
        with open_part(self.archive, member) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                data = carry + chunk
                cut = data.rfind(b"row>") + 4 if chunk else len(data)
                if chunk and cut < 4:
                    carry = data
                    continue
                carry = data[cut:]
                if pieces is not None and len(noted) > last:
                    break  # the rest holds no row wanted
                if pieces is not None and len(noted) < len(pieces):
                    span = pieces[len(noted)]
                    noted.append(span)
                    if span is not None and not _holds(rows, span):
                        if not chunk:
                            break
                        continue  # no row wanted is in this piece: not parsed again
                if b"si=" not in data:  # no shared formula: only the cells wanted are parsed
                    starts = [(m.start(), m.group(1)) for m in _CELL_REF.finditer(data, 0, cut)]
                    if len(starts) != len(_CELL_START.findall(data, 0, cut)):
                        self.cells[key] = None  # a cell placed by its order
                        return
                    if pieces is None:
                        named = [int(ref.lstrip(_LETTERS)) for _, ref in starts]
                        noted.append((min(named), max(named)) if named else (0, -1))
                    cells = [
                        (found_cell.group(1), found_cell.group(2) or b"")  # <c …/>: empty
                        for at, ref in starts
                        if ref.decode("ascii") in wanted
                        and (found_cell := _CELL.match(data, at)) is not None
                    ]
                else:
                    cells = _CELL.findall(data, 0, cut)
                    if pieces is None:
                        noted.append(None)  # shared formulas: parsed in full each time
                for attributes, content in cells:
                    head = dict(_ATTRIBUTE.findall(attributes))
                    ref = head.get(b"r", b"").decode("ascii", "replace")
                    if not ref:  # a cell placed by its order: not found by its name
                        self.cells[key] = None
                        return
                    formula = _FORMULA.search(content) if b"f" in content else None
                    text: str | None = None
                    if formula is not None:
                        fhead = dict(_ATTRIBUTE.findall(formula.group(1)))
                        body = formula.group(2)
                        index = fhead.get(b"si")
                        if body:
                            text = xml_text(body.decode("utf-8", "replace"))
                            if index is not None:
                                masters[index] = (text, ref)
                        elif index is not None and index in masters:
                            text = moved_to(*masters[index], ref)
                        else:
                            text = ""  # a shared formula whose first cell is not known
                    if ref in wanted:
                        found[ref] = self._cell(head, content, text)
                if not chunk:
                    break
        if pieces is None:
            self.pieces[key] = noted
        self.cells[key] = found

    @staticmethod
    def _cell(head: dict[bytes, bytes], content: bytes, formula: str | None) -> _Cell:
        kind = head.get(b"t", b"").decode("ascii", "replace")
        if kind == "inlineStr":
            value = "".join(m.decode("utf-8", "replace") for m in _INLINE.findall(content))
        else:
            stored = _VALUE.search(content)
            value = stored.group(1).decode("utf-8", "replace") if stored else ""
        return _Cell(kind, xml_text(value), formula)

    def lookup(self, sheet: str, cell: str) -> _Cell | None:
        """What ``sheet``'s ``cell`` holds (an empty cell if the sheet has none there); None
        if the sheet cannot be read so."""
        cells = self.cells.get(sheet.casefold())
        if cells is None:
            return None
        return cells.get(cell, _Cell("", "", None))

    def text(
        self, cell: _Cell, sheet: str, depth: int, seen: frozenset[tuple[str, str]]
    ) -> Value | None:
        """What a cell holds as a formula reads it (a text, a number, a truth value); None
        if unknown."""
        if cell.formula is not None and (self.recalculate or not cell.value):
            if not cell.formula or depth >= _DEPTH:
                return None
            return compute(cell.formula, self.resolver(sheet, depth + 1, seen))
        if cell.kind == "s":  # an empty text is an empty cell, as LibreOffice reads it
            try:
                return self.strings[int(cell.value)] or BLANK
            except (ValueError, IndexError):
                return None
        if cell.kind in ("str", "inlineStr"):
            return cell.value or BLANK
        if cell.kind == "b":
            return cell.value.strip() in ("1", "true")
        if cell.kind in ("", "n"):
            return _number(cell.value) if cell.value.strip() else BLANK
        return None  # an error, an ISO date: not joined as text here

    def resolver(self, sheet: str, depth: int, seen: frozenset[tuple[str, str]]) -> Resolve:
        """What each cell a formula of ``sheet`` names shows, as ``&`` joins it."""

        def resolve(reference: Reference) -> Value | None:
            named, row, column = reference
            target = named or sheet
            place = f"{_letters(column)}{row}"
            key = (target.casefold(), place)
            if key in seen:
                return None  # a circular reference
            if target.casefold() not in self.cells:
                return None  # a sheet not read: named by no pending formula's first look
            if key in self.known:  # worked out once: chains and fan-outs are not again
                return self.known[key]
            cell = self.lookup(target, place)
            if cell is None:
                return None
            shown = self.text(cell, target, depth, seen | {key})
            if len(self.known) < _KNOWN:
                self.known[key] = shown
            return shown

        return resolve


def _in_format(
    value: Value, style: str, formats: Mapping[int, tuple[str, float | None]] | None
) -> str:
    """A formula's value as its cell of style ``style`` shows it (:func:`in_format`)."""
    entry = formats.get(int(style)) if formats and style.isdigit() else None
    return in_format(value, None if entry is None else entry[0])


def in_format(value: Value, code: str | None) -> str:
    """A formula's value as its cell shows it: a number in the cell's format ``code`` where
    that writes digits of its own and shows a run of digits as long as a mobile number's.

    >>> from decimal import Decimal
    >>> from zfgk.tables._xlsx_formulas import in_format
    >>> in_format(Decimal(12345678), '"138"0'), in_format(Decimal(12345678), "0.00")
    ('13812345678', '12345678')
    """
    text = shown(value)
    if code is None or not isinstance(value, Decimal) or isinstance(value, bool):
        return text
    if date_format(code) is CellFormat.DATE:
        if not 1 <= value < 2_958_466:
            return text
        day = date(1899, 12, 30) + timedelta(days=int(value))
        written = date_shown(day, code) or about_shown(day.isoformat(), code)
    else:
        number = formatted(float(value), code)
        written = about_shown(text, code) if number is None else number
    if set(_LONG_RUN.findall(written)) - set(_LONG_RUN.findall(text)):
        return written
    return text


#: A run of digits as long as a mobile number's.
_LONG_RUN = re.compile(r"[0-9]{11,}")


def moved_to(formula: str, origin: str, destination: str) -> str:
    """A shared formula written for the cell ``origin``, as the cell ``destination`` holds it:
    its relative references moved; ``""`` if one leaves the sheet (Excel shows #REF!).

    >>> from zfgk.tables._xlsx_formulas import moved_to
    >>> moved_to("=A2&B2", "C2", "C9"), moved_to("=A2&B2", "C3", "C1")
    ('=A9&B9', '')
    """
    first, second = _PLACE.fullmatch(origin), _PLACE.fullmatch(destination)
    if first is None or second is None:
        return ""
    rows = int(second.group(2)) - int(first.group(2))
    columns = column_number(second.group(1)) - column_number(first.group(1))
    return moved(formula, rows, columns) or ""


def _wanted(
    pending: list[Pending], found: dict[str, set[str]], shapes: Mapping[str, Shape | None]
) -> None:
    """Add the cells each formula names to ``found`` (sheet → cells)."""
    for entry in pending:
        shape = shapes.get(entry.formula)
        for named, row, column in references(entry.formula, shape) if shape else ():
            found.setdefault((named or entry.sheet), set()).add(f"{_letters(column)}{row}")


def _shapes(pending: list[Pending]) -> dict[str, Shape | None]:
    """The shape of each formula (None: it cannot be read), read once for a batch."""
    found: dict[str, Shape | None] = {}
    for entry in pending:
        if entry.formula not in found:
            try:
                found[entry.formula] = shaped(entry.formula)
            except Unknown:
                found[entry.formula] = None
    return found


def computed(
    archive: zipfile.ZipFile,
    members: Mapping[str, str],
    strings: SharedStrings | SharedStringsOnDisk,
    pending: list[Pending],
    *,
    recalculate: bool = False,
    formats: Mapping[int, tuple[str, float | None]] | None = None,
    pieces: dict[str, list[tuple[int, int] | None]] | None = None,
) -> Iterator[WorkbookPart]:
    """Each pending formula as what it shows (a ``formula`` part), or unread if that is unknown.

    ``members`` maps each worksheet's name to its member of the package;
    ``recalculate``: the book asks Excel to compute every formula when it is
    opened (``fullCalcOnLoad``), so no stored result is what it shows;
    ``formats``: the format code of each cell style whose format writes digits
    of its own (``"138"0``), in which a number computed shows; ``pieces``: kept
    from one batch of a book's formulas to the next, where in each sheet its rows are.

    >>> import io, zipfile
    >>> from array import array
    >>> from zfgk.tables._xlsx import SharedStrings
    >>> from zfgk.tables._xlsx_formulas import Pending, computed
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as book:
    ...     book.writestr("s.xml", '<sheetData><row r="2"><c r="A2" t="s"><v>0</v></c>'
    ...         '<c r="B2"><v>5678</v></c><c r="C2"><f>A2&amp;B2</f></c></row></sheetData>')
    >>> strings = SharedStrings("1381234", array("q", [0, 7]))
    >>> with zipfile.ZipFile(buffer) as book:
    ...     list(computed(book, {"名单": "s.xml"}, strings, [Pending("名单", "C2", "=A2&B2")]))
    [WorkbookPart(text='13812345678', part='formula', sheet='名单', cell='C2', unread=False)]
    """
    sheets = _Sheets(archive, members, strings, recalculate, pieces)
    # The cells named, then those the formulas among them name, a level at a time.
    wanted: dict[str, set[str]] = {}
    shapes = _shapes(pending)
    _wanted(pending, wanted, shapes)
    asked: dict[str, set[str]] = {}  # sheet → the cells it was read for
    for _ in range(_DEPTH):
        more: list[Pending] = []
        for sheet, places in list(wanted.items()):
            key = sheet.casefold()
            if places <= asked.get(key, set()):
                continue
            asked[key] = asked.get(key, set()) | places
            sheets.read(sheet, asked[key])
            for place, cell in (sheets.cells.get(key) or {}).items():
                if cell.formula and (recalculate or not cell.value):
                    more.append(Pending(sheet, place, cell.formula))
        _wanted(more, wanted, _shapes(more))
        if all(places <= asked.get(s.casefold(), set()) for s, places in wanted.items()):
            break
    for entry in pending:
        seen = frozenset({(entry.sheet.casefold(), entry.cell or "")})
        resolve = sheets.resolver(entry.sheet, 0, seen)
        shape = shapes.get(entry.formula)
        value = compute(entry.formula, resolve, entry.cell, shape) if shape else None
        if value is None:
            if entry.builds:
                yield WorkbookPart(entry.formula, "formula", entry.sheet, entry.cell, unread=True)
            continue
        text = _in_format(value, entry.style, formats)
        if len(text) >= _SHORTEST and text != entry.stored:
            yield WorkbookPart(text, "formula", entry.sheet, entry.cell)
