"""What an Excel 97–2003 workbook (.xls) publishes beside its cells' values (internal).

python-calamine reads an .xls file's cells; this reads the BIFF8 records it
leaves: each sheet's page header and footer (``HEADER``, ``FOOTER``), the
text of its comments and text boxes (``TXO`` and its ``CONTINUE`` records;
a comment's cell comes from its ``NOTE``), and its formulas (``FORMULA``
with its stored result, ``SHRFMLA`` for a shared one).  A formula made of
literals is given as what it shows; one without a stored result (a stored
0, or an empty text as xlwt writes) is computed from the sheet's cells, and
one that cannot be and may build a number is given as unread (see
:mod:`zfgk.tables._formulas`).  The compound file is read by the checked
reader of :mod:`zfgk.tables._biff`.
"""

from __future__ import annotations

import math
import mmap
import re
import struct
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from zfgk.tables._biff import BrokenFile, _Compound
from zfgk.tables._csv_formulas import Cells, Key
from zfgk.tables._formula_tokens import Shape
from zfgk.tables._formulas import Value, header_text, references
from zfgk.tables._formulas import shown as _general
from zfgk.tables._number_formats import (
    about_shown,
    adds_digits,
    date_shown,
    formatted,
    text_section,
    text_shown,
)
from zfgk.tables._places import WorkbookPart, cell_name
from zfgk.tables._xls_formulas import NoResult, sheet_values, written
from zfgk.tables._xls_tokens import evaluate_tokens, literals, shape_of
from zfgk.tables._xlsx import CellFormat, date_format
from zfgk.tables._xlsx_formulas import in_format
from zfgk.values import cell_text

__all__ = ["xls_parts"]

_BOF, _EOF, _WORKSHEET, _CHART, _MACRO = 0x0809, 0x000A, 0x0010, 0x0020, 0x0040
_HLINK, _HLINK_TOOLTIP, _SERIESTEXT = 0x01B8, 0x0800, 0x100D
_LABEL, _RSTRING, _NUMBER, _RK, _MULRK = 0x0204, 0x00D6, 0x0203, 0x027E, 0x00BD
_FORMAT, _XF = 0x041E, 0x00E0
#: Excel's built-in formats that show a number's digits moved: its percents.
_BUILT_IN_SHOWN = {9: "0%", 10: "0.00%"}
#: A run of digits as long as a mobile number's.
_LONG_RUN = re.compile(r"[0-9]{11,}")
_BOUNDSHEET, _HEADER, _FOOTER = 0x0085, 0x0014, 0x0015
_NOTE, _OBJ, _TXO, _CONTINUE = 0x001C, 0x005D, 0x01B6, 0x003C
_FORMULA, _STRING, _SHRFMLA = 0x0006, 0x0207, 0x04BC
#: What may come between a formula and the STRING of its text result: SHRFMLA, ARRAY, TABLE.
_BEFORE_STRING = frozenset({0x04BC, 0x0221, 0x0236})
_NAME, _DV = 0x0018, 0x01BE
_SST, _LABELSST = 0x00FC, 0x00FD
#: The names Excel gives its built-in names (``NAME`` records with one code for a name).
_BUILT_IN = {0x06: "打印区域", 0x07: "打印标题"}
#: An object of type 0x19 is a comment; other objects with text are text boxes and shapes.
_NOTE_OBJECT = 0x19
_SHORTEST = 7


def _string(data: bytes, at: int, length_bytes: int = 2) -> tuple[str, int]:
    """An XLUnicodeString (or short one) at ``at``: its text and where it ends."""
    if length_bytes == 2:
        (count,) = struct.unpack_from("<H", data, at)
    else:
        count = data[at]
    flags = data[at + length_bytes]
    start = at + length_bytes + 1
    if flags & 0x08:  # rich text: the number of runs
        start += 2
    if flags & 0x04:  # phonetic: its size
        start += 4
    if flags & 0x01:
        return data[start : start + 2 * count].decode("utf-16-le", "replace"), start + 2 * count
    return data[start : start + count].decode("latin-1"), start + count


def _records(stream: bytes) -> Iterator[tuple[int, int, bytes]]:
    """(offset, kind, body) of each record, stopping at a record that runs past the end."""
    position, end = 0, len(stream) - 4
    while position <= end:
        kind, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4 : position + 4 + length]
        if len(body) < length:
            return
        yield position, kind, body
        position += 4 + length


def xls_parts(path: Path) -> Iterator[WorkbookPart]:
    """The texts of the .xls file at ``path`` beside its cells, with their places.

    :class:`~zfgk.tables._biff.BrokenFile` for a file that is not a sound
    compound file (the sheets' reader says so first, in its own words).
    """
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        compound = _Compound(data)
        stream = compound.stream("Workbook") or compound.stream("Book")
        properties = [
            compound.stream(name)
            for name in ("\x05SummaryInformation", "\x05DocumentSummaryInformation")
        ]
    if stream is None:
        raise BrokenFile("no Workbook stream")
    yield from _Reader(stream).parts()
    for found in properties:
        if found is not None:
            for text in property_texts(found):
                if len(text) >= _SHORTEST:
                    yield WorkbookPart(text, "properties")


def _string_after(records: list[tuple[int, int, bytes]], index: int) -> str:
    """The text result of the formula before ``records[index]``: its STRING record, after
    the shared formula a shared range's first cell is followed by (``""`` if none)."""
    while index < len(records) and records[index][1] in _BEFORE_STRING:
        index += 1
    if index < len(records) and records[index][1] == _STRING:
        return _string(records[index][2], 0)[0]
    return ""


def _shared_after(
    records: list[tuple[int, int, bytes]], index: int, shared: dict[tuple[int, int], bytes]
) -> None:
    """Keep in ``shared`` the tokens of ``records[index]`` if it is a SHRFMLA (by the shared
    formula's first cell, whose FORMULA comes before it and is read with it)."""
    if index < len(records) and records[index][1] == _SHRFMLA:
        body = records[index][2]
        if len(body) >= 10:
            first_row, _, first_column = struct.unpack_from("<HHB", body, 0)
            size = struct.unpack_from("<H", body, 8)[0]
            shared[(first_row, first_column)] = body[10 : 10 + size]


class _Pending(NamedTuple):
    """A formula computed at its sheet's end: its cell (from 0), as Excel writes it, whether it
    is unread if it cannot be computed (it may build a number, its result shows none), its
    cell's style; its stored result as General shows it (None: none); its shape and the cells
    it names (read once; the cells it names kept in the reader's ``wanted``)."""

    row: int
    column: int
    formula: str
    unread: bool
    style: int
    stored: str | None
    shape: Shape | None


class _Reader:
    def __init__(self, stream: bytes) -> None:
        self.stream = stream
        self.names: dict[int, str] = {}  # BOF offset → sheet name
        #: The formulas of the sheet being read, computed at the sheet's end.
        self.pending: list[_Pending] = []
        #: The cells (row, column from 0) the pending formulas name.
        self.wanted: set[tuple[int, int]] = set()
        #: One list of tokens for the formulas of one shape (a filled-down column's).
        self.tokens: dict[tuple[tuple[str, str], ...], list[tuple[str, str]]] = {}

    def parts(self) -> Iterator[WorkbookPart]:
        records = list(_records(self.stream))
        sheet: str | None = None
        in_sheet = False
        current = ""  # the substream being read: sheet, chart, macro, or "" (any other)
        stack: list[tuple[str, str | None]] = []  # (kind, sheet) of the substreams open
        objects: dict[int, int] = {}  # object id → its type
        texts: dict[int, str] = {}  # object id → its text
        notes: dict[int, str] = {}  # object id → the cell of its comment
        shared: dict[tuple[int, int], bytes] = {}
        last_object: int | None = None
        strings: list[str] = []
        used: set[int] = set()
        codes: dict[int, str] = {}  # number format id → its code (FORMAT)
        styles: list[int] = []  # each cell style's (XF's) number format id
        shown: dict[int, str] | None = None  # XF → the code of a format that adds digits
        texted: dict[int, str] = {}  # XF → the section of a format that shows a text so
        index = 0
        while index < len(records):
            offset, kind, body = records[index]
            index += 1
            try:
                if kind == _NAME and len(body) >= 15:
                    yield from _name(body)
                elif kind == _DV and len(body) >= 16 and in_sheet:
                    yield from _validation(body, sheet)
                if kind == _SST and len(body) >= 8:
                    strings = _shared_strings(records, index - 1)
                elif kind == _LABELSST and len(body) >= 10:
                    used.add(struct.unpack_from("<I", body, 6)[0])
                if kind == _FORMAT and len(body) >= 5:
                    codes[struct.unpack_from("<H", body, 0)[0]] = _string(body, 2)[0]
                elif kind == _XF and len(body) >= 4:
                    styles.append(struct.unpack_from("<H", body, 2)[0])
                if kind == _BOUNDSHEET and len(body) >= 8:
                    position = struct.unpack_from("<I", body, 0)[0]
                    name = self.names[position] = _string(body, 6, 1)[0]
                    if len(name) >= _SHORTEST:  # on its tab, for everyone to see
                        yield WorkbookPart(name, "name", name)
                elif kind == _BOF and len(body) >= 4:
                    current, named = _substream(
                        struct.unpack_from("<H", body, 2)[0], offset, self.names, sheet
                    )
                    stack.append((current, named))
                    sheet, in_sheet = named, current == "sheet"
                    if in_sheet:
                        objects, texts, notes, shared, last_object = {}, {}, {}, {}, None
                        self.pending, sheet_start = [], index
                        if shown is None:
                            shown = _shown_styles(styles, codes)
                            texted = _text_styles(styles, codes)
                elif kind == _EOF:
                    if in_sheet:
                        yield from self._objects(objects, texts, notes, sheet)
                        if self.pending:
                            yield from self._computed(
                                records[sheet_start:index], strings, sheet, shown or {}
                            )
                    if stack:
                        stack.pop()
                    current, sheet = stack[-1] if stack else ("", None)
                    in_sheet = current == "sheet"
                elif current == "chart":
                    if kind == _SERIESTEXT and len(body) >= 4:
                        text = _string(body, 2, 1)[0]
                        if len(text) >= _SHORTEST:
                            yield WorkbookPart(text, "chart", sheet)
                elif current == "macro":
                    yield from _macro_cell(records, index, kind, body, sheet=sheet, strings=strings)
                elif not in_sheet:
                    continue
                elif kind in (_HLINK, _HLINK_TOOLTIP) and len(body) >= 8:
                    first_row, _, first_column = struct.unpack_from("<HHH", body, 0)
                    if kind == _HLINK_TOOLTIP:  # a future record header before the range
                        first_row, _, first_column = struct.unpack_from("<HHH", body, 4)
                    for text in _wide_texts(body[8:]):
                        yield WorkbookPart(
                            text, "hyperlink", sheet, cell_name(first_row, first_column)
                        )
                elif kind in (_HEADER, _FOOTER) and body:
                    text = header_text(_string(body, 0)[0])
                    if len(text) >= _SHORTEST:
                        yield WorkbookPart(text, "header" if kind == _HEADER else "footer", sheet)
                elif (
                    kind == _OBJ and len(body) >= 8 and struct.unpack_from("<H", body, 0)[0] == 0x15
                ):
                    object_type, last_object = struct.unpack_from("<HH", body, 4)
                    objects[last_object] = object_type
                elif kind == _TXO and len(body) >= 14 and last_object is not None:
                    count = struct.unpack_from("<H", body, 10)[0]
                    text, index = self._txo_text(records, index, count)
                    texts[last_object] = text
                elif kind == _NOTE and len(body) >= 8:
                    row, column, _, object_id = struct.unpack_from("<HHHH", body, 0)
                    notes[object_id] = cell_name(row, column)
                elif kind == _SHRFMLA:
                    _shared_after(records, index - 1, shared)
                elif kind == _FORMULA and len(body) >= 22:
                    yield from self._formula(records, index, body, sheet, shared)
                    if shown:
                        yield from _number_shown(kind, body, sheet, shown)
                elif shown and kind in (_NUMBER, _RK, _MULRK):
                    yield from _number_shown(kind, body, sheet, shown)
                elif texted and kind == _LABELSST and len(body) >= 10:
                    yield from _text_shown(body, strings, sheet, texted)
            except (struct.error, IndexError):
                continue  # a damaged record: calamine's reading of the sheet says what is wrong
        for number, text in enumerate(strings):
            if number not in used and len(text) >= _SHORTEST:  # a string no cell shows
                yield WorkbookPart(text, "shared strings (SST)")

    def _txo_text(
        self, records: list[tuple[int, int, bytes]], index: int, count: int
    ) -> tuple[str, int]:
        """The text of a TXO from the CONTINUE records after it, and the index after them."""
        pieces: list[str] = []
        got = 0
        while got < count and index < len(records) and records[index][1] == _CONTINUE:
            body = records[index][2]
            index += 1
            if not body:
                continue
            wide = body[0] & 0x01
            chunk = body[1:]
            if wide:
                text = chunk[: 2 * (count - got)].decode("utf-16-le", "replace")
            else:
                text = chunk[: count - got].decode("latin-1")
            pieces.append(text)
            got += len(text)
        while index < len(records) and records[index][1] == _CONTINUE:
            index += 1  # the formatting runs
        return "".join(pieces), index

    def _objects(
        self,
        objects: dict[int, int],
        texts: dict[int, str],
        notes: dict[int, str],
        sheet: str | None,
    ) -> Iterator[WorkbookPart]:
        for object_id, text in texts.items():
            if len(text) < _SHORTEST:
                continue
            if object_id in notes or objects.get(object_id) == _NOTE_OBJECT:
                yield WorkbookPart(text, "comment", sheet, notes.get(object_id))
            else:
                yield WorkbookPart(text, "drawing", sheet)

    def _computed(
        self,
        records: list[tuple[int, int, bytes]],
        strings: list[str],
        sheet: str | None,
        styles: dict[int, str],
    ) -> Iterator[WorkbookPart]:
        """The formulas of a sheet held without results, computed from its cells (a number
        shown in its cell's format where that adds digits: ``styles``); one that cannot be
        and may build a number is unread."""
        formulas: dict[Key, str] = {}
        shapes: dict[Key, Shape] = {}
        for entry in self.pending:
            key = ("", entry.row + 1, entry.column + 1)
            formulas[key] = entry.formula
            if entry.shape is not None:
                shapes[key] = entry.shape
        pending = {(entry.row, entry.column): entry for entry in self.pending}
        values = sheet_values(records, strings, self.wanted)
        plain: dict[Key, Value] = {}
        stored: dict[Key, Value] = {}  # formulas' results: their values where not computed
        for (row, column), value in values.items():
            key = ("", row + 1, column + 1)
            held = pending.get((row, column))
            if held is not None:
                if held.stored is not None and value is not None:
                    stored[key] = value
            elif value is None or value.__class__ is NoResult:
                formulas[key] = ""  # an error, or no result (xlwt's) not computed: unknown
            else:
                plain[key] = value
        cells = Cells(formulas, plain, stored=stored, shapes=shapes)
        for entry in self.pending:
            value = cells.value(("", entry.row + 1, entry.column + 1))
            where = cell_name(entry.row, entry.column)
            if value is None:
                if entry.unread:
                    yield WorkbookPart("", "formula", sheet, where, unread=True)
            elif entry.stored is not None and _general(value) == entry.stored:
                continue  # as stored: read with the cell
            elif len(text := in_format(value, styles.get(entry.style))) >= _SHORTEST:
                yield WorkbookPart(text, "formula", sheet, where)
        self.pending = []
        self.wanted = set()
        self.tokens = {}

    def _formula(
        self,
        records: list[tuple[int, int, bytes]],
        index: int,
        body: bytes,
        sheet: str | None,
        shared: dict[tuple[int, int], bytes],
    ) -> Iterator[WorkbookPart]:
        row, column = struct.unpack_from("<HH", body, 0)
        result = body[6:14]
        size = struct.unpack_from("<H", body, 20)[0]
        tokens = body[22 : 22 + size]
        if tokens[:1] == b"\x01" and len(tokens) >= 5:  # ptgExp: a shared formula's cell
            master = struct.unpack_from("<HH", tokens, 1)
            key = (master[0], master[1] & 0xFF)
            if key not in shared:  # its first cell: the SHRFMLA follows this FORMULA
                _shared_after(records, index, shared)  # (index: the record after it)
            tokens = shared.get(key, tokens)
        general = ""  # the stored result as General shows it
        if result[6:8] == b"\xff\xff":
            stored = ""
            if result[0] == 0:
                stored = general = _string_after(records, index)
            elif result[0] == 1:
                stored = general = _general(bool(result[2]))  # TRUE or FALSE: a result
            elif result[0] == 2:  # an error (#VALUE! …): a result, which shows no number
                stored = general = "#ERROR"
        else:
            value = struct.unpack_from("<d", result, 0)[0]
            if math.isfinite(value):
                stored = "" if value == 0 else str(value)
                general = _general(Decimal(repr(value)))
            else:  # a NaN or an infinity: no number a cell holds, read as no result
                stored = ""
        where = cell_name(row, column)
        literal, builds = evaluate_tokens(tokens)
        if literal is not None and len(literal) >= _SHORTEST:
            yield WorkbookPart(literal, "formula", sheet, where)
        text_result = result[6:8] == b"\xff\xff" and result[0] == 0
        if text_result and stored != literal and len(stored) >= _SHORTEST:
            # A text result: python-calamine shows such a cell as 0, so it is read here.
            yield WorkbookPart(stored, "formula", sheet, where)
        if literal is not None:
            return
        # No result (a program's writing stores 0, xlwt an empty text), or one LibreOffice
        # computes anew on opening (every .xls formula; Excel, a book an older engine saved)
        # where it may build a number: computed from the sheet's cells at its end where its
        # tokens are of the kinds read (=B2*10000+C2, =SUM(B2:C2)), what it shows read where
        # that is not its result.
        none = stored.strip() in ("", "0") and (result[6:8] != b"\xff\xff" or result[0] == 3)
        # unknown, it is unread where it may build a number and its result shows none
        unread = builds and not text_result and stored.strip() in ("", "0")
        formula = written(tokens, (row, column)) if none or builds else None
        shape = shape_of(formula)
        named = references(formula, shape) if formula is not None and shape is not None else []
        if formula is not None and named and shape is not None:
            style = struct.unpack_from("<H", body, 4)[0]
            interned = self.tokens.setdefault(tuple(shape[0]), shape[0])  # one list a shape
            self.wanted.update((r - 1, c - 1) for _, r, c in named)
            self.pending.append(
                _Pending(
                    row,
                    column,
                    formula,
                    unread,
                    style,
                    None if none else general,
                    (interned, shape[1]),
                )
            )
        elif unread:
            yield WorkbookPart("", "formula", sheet, where, unread=True)
        # Other formulas' literals: a text literal holds at most what ptgStr gives, judged above.


def _substream(
    kind: int, offset: int, names: dict[int, str], outer: str | None
) -> tuple[str, str | None]:
    """(what a substream holds, its sheet) from its ``BOF``: a worksheet (or dialog sheet), a
    chart (a chart sheet, or one embedded in the sheet around it), an Excel 4 macro sheet."""
    if kind == _WORKSHEET:
        return "sheet", names.get(offset, "")
    if kind == _CHART:
        return "chart", names.get(offset, outer)
    if kind == _MACRO:
        return "macro", names.get(offset, "")
    return "", None


#: A run of text in UTF-16: printable characters, not a control or a private one.
_WIDE_RUN = re.compile(r"[^\x00-\x1f\ufffd\ue000-\uf8ff\ud800-\udfff]{7,}")


def _wide_texts(data: bytes) -> list[str]:
    """The texts in UTF-16 a record holds at even offsets (a hyperlink's address, its text,
    its tool tip), each as long as a birth date's digits or longer.

    >>> from zfgk.tables._xls_parts import _wide_texts
    >>> _wide_texts(bytes(4) + "tel:13812345678".encode("utf-16-le") + bytes([0, 0, 7, 0]))
    ['tel:13812345678']
    """
    text = data[: len(data) - len(data) % 2].decode("utf-16-le", "replace")
    return _WIDE_RUN.findall(text)


def _macro_cell(
    records: list[tuple[int, int, bytes]],
    index: int,
    kind: int,
    body: bytes,
    *,
    sheet: str | None,
    strings: list[str],
) -> Iterator[WorkbookPart]:
    """The value of a cell of an Excel 4 macro sheet, which python-calamine does not read:
    a text, a number, a formula's result, named by its cell."""
    if len(body) < 6:
        return
    row, column = struct.unpack_from("<HH", body, 0)
    values: list[tuple[int, str]] = []
    if kind == _LABELSST and len(body) >= 10:
        number = struct.unpack_from("<I", body, 6)[0]
        values.append((column, strings[number] if number < len(strings) else ""))
    elif kind in (_LABEL, _RSTRING) and len(body) >= 9:
        values.append((column, _string(body, 6)[0]))
    elif kind == _NUMBER and len(body) >= 14:
        values.append((column, cell_text(struct.unpack_from("<d", body, 6)[0])))
    elif kind == _RK and len(body) >= 10:
        values.append((column, cell_text(_rk(struct.unpack_from("<I", body, 6)[0]))))
    elif kind == _MULRK:
        for at in range(4, len(body) - 2 - 5, 6):
            number = struct.unpack_from("<I", body, at + 2)[0]
            values.append((column + (at - 4) // 6, cell_text(_rk(number))))
    elif kind == _FORMULA and len(body) >= 22:
        result = body[6:14]
        if result[6:8] == b"\xff\xff":
            if result[0] == 0:
                values.append((column, _string_after(records, index)))
        else:
            values.append((column, cell_text(struct.unpack_from("<d", result, 0)[0])))
    for place, text in values:
        if len(text) >= _SHORTEST:
            yield WorkbookPart(text, "macro sheet", sheet, cell_name(row, place))


def _shown_styles(styles: list[int], codes: dict[int, str]) -> dict[int, str]:
    """The cell styles (XF indexes) whose number format adds digits, with its code: to a
    number (``0"5678"``), or to a date (``"1381234"yyyy``)."""
    found: dict[int, str] = {}
    for number, ifmt in enumerate(styles):
        code = codes.get(ifmt) or _BUILT_IN_SHOWN.get(ifmt)
        if code and date_format(code) is not CellFormat.DURATION and adds_digits(code):
            found[number] = code
    return found


def _text_styles(styles: list[int], codes: dict[int, str]) -> dict[int, str]:
    """The cell styles (XF indexes) whose number format shows a text with digits of its own
    (``"110105"@``), with the section that shows it."""
    found: dict[int, str] = {}
    for number, ifmt in enumerate(styles):
        code = codes.get(ifmt)
        section = text_section(code) if code else None
        if section is not None:
            found[number] = section
    return found


def _number_shown(
    kind: int, body: bytes, sheet: str | None, shown: dict[int, str]
) -> Iterator[WorkbookPart]:
    """A number whose cell's format shows a run of digits as long as a mobile number's that the
    number does not hold (``0"5678"``, ``0%``): python-calamine gives the bare number."""
    row, column = struct.unpack_from("<HH", body, 0)
    numbers: list[tuple[int, int, float]] = []  # (column, XF, number)
    if kind == _NUMBER and len(body) >= 14:
        numbers.append((column, *struct.unpack_from("<Hd", body, 4)))
    elif kind == _RK and len(body) >= 10:
        xf, rk = struct.unpack_from("<HI", body, 4)
        numbers.append((column, xf, _rk(rk)))
    elif kind == _MULRK:
        for at in range(4, len(body) - 2 - 5, 6):
            xf, rk = struct.unpack_from("<HI", body, at)
            numbers.append((column + (at - 4) // 6, xf, _rk(rk)))
    elif kind == _FORMULA and len(body) >= 22 and body[12:14] != b"\xff\xff":
        numbers.append((column, *struct.unpack_from("<Hd", body, 4)))
    for place, xf, number in numbers:
        code = shown.get(xf)
        if code is None:
            continue
        plain = cell_text(number)
        if date_format(code) is CellFormat.DATE:  # "1381234"yyyy: calamine gives the date
            if not 1 <= number < 2_958_466:
                continue
            day = date(1899, 12, 30) + timedelta(days=int(number))
            plain = day.isoformat()
            text = date_shown(day, code) or about_shown(plain, code)
        else:
            written = formatted(number, code)
            # a format not read here: about what it shows
            text = about_shown(plain, code) if written is None else written
        if set(_LONG_RUN.findall(text)) - set(_LONG_RUN.findall(plain)):
            yield WorkbookPart(text, "number format", sheet, cell_name(row, place))


def _text_shown(
    body: bytes, strings: list[str], sheet: str | None, texts: dict[int, str]
) -> Iterator[WorkbookPart]:
    """A text whose cell's format shows it with digits of its own (``"110105"@``), where that
    makes a run of digits as long as a mobile number's: python-calamine gives the bare text."""
    row, column, xf, number = struct.unpack_from("<HHHI", body, 0)
    section = texts.get(xf)
    if section is None or number >= len(strings) or not strings[number]:
        return
    text = text_shown(strings[number], section)
    if set(_LONG_RUN.findall(text)) - set(_LONG_RUN.findall(strings[number])):
        yield WorkbookPart(text, "number format", sheet, cell_name(row, column))


def _rk(value: int) -> float:
    """An RK number: a float's high 30 bits or an integer, divided by 100 if so flagged."""
    if value & 0x02:
        number = float(value >> 2 if not value & 0x80000000 else (value >> 2) - (1 << 30))
    else:
        number = struct.unpack("<d", struct.pack("<Q", (value & 0xFFFFFFFC) << 32))[0]
    return number / 100 if value & 0x01 else number


def _name(body: bytes) -> Iterator[WorkbookPart]:
    """A defined name (``NAME``): the texts its formula holds, named ``name …``."""
    flags, _, count, size = struct.unpack_from("<HBBH", body, 0)
    wide = body[14] & 0x01
    raw = body[15 : 15 + count * (2 if wide else 1)]
    label = raw.decode("utf-16-le" if wide else "latin-1", "replace")
    if flags & 0x20 and raw:
        label = _BUILT_IN.get(raw[0], label)
    tokens = body[15 + len(raw) : 15 + len(raw) + size]
    shown, _ = evaluate_tokens(tokens)
    texts = [shown] if shown is not None else literals(tokens)
    for text in texts:
        if len(text) >= _SHORTEST:
            yield WorkbookPart(text, f"name {label}")


def _validation(body: bytes, sheet: str | None) -> Iterator[WorkbookPart]:
    """A data validation (``DV``): its prompt, error and list, named by its first range."""
    at = 4
    texts: list[str] = []
    for _ in range(4):  # prompt title, error title, prompt, error
        text, at = _string(body, at)
        texts.append(text.replace("\x00", ""))
    for _ in range(2):  # the two formulas
        (size,) = struct.unpack_from("<H", body, at)
        texts += [t.replace("\x00", ",") for t in literals(body[at + 4 : at + 4 + size])]
        at += 4 + size
    where = None
    if at + 10 <= len(body):
        first_row, _, first_column, _ = struct.unpack_from("<HHHH", body, at + 2)
        where = cell_name(first_row, first_column)
    for text in texts:
        if len(text) >= _SHORTEST:
            yield WorkbookPart(text, "data validation", sheet, where)


#: The code pages a property set may name, as Python calls them.
_CODE_PAGES = {1200: "utf-16-le", 65001: "utf-8", 936: "gbk", 54936: "gb18030", 1252: "cp1252"}


def property_texts(stream: bytes) -> list[str]:
    """The text values of an OLE property set (``SummaryInformation``: title, author, keywords …).

    >>> from zfgk.tables._xls_parts import property_texts
    >>> import struct
    >>> value = "经办人 13512345678".encode("utf-8") + b"\\x00"
    >>> section = struct.pack("<IIIIII", 40 + len(value), 2, 1, 24, 5, 32)
    >>> section += struct.pack("<IH", 2, 65001) + b"\\x00\\x00" + struct.pack("<II", 0x1E, len(value)) + value
    >>> head = struct.pack("<HHI16sI", 0xFFFE, 0, 2, bytes(16), 1) + bytes(16) + struct.pack("<I", 48)
    >>> property_texts(head + section)
    ['经办人 13512345678']
    """
    found: list[str] = []
    try:
        (sections,) = struct.unpack_from("<I", stream, 24)
        for index in range(min(sections, 8)):
            (offset,) = struct.unpack_from("<I", stream, 28 + 20 * index + 16)
            _, count = struct.unpack_from("<II", stream, offset)
            pairs = [
                struct.unpack_from("<II", stream, offset + 8 + 8 * k)
                for k in range(min(count, 4096))
            ]
            codec = "cp1252"
            for ident, where in pairs:
                kind = struct.unpack_from("<I", stream, offset + where)[0] & 0xFFFF
                if ident == 1 and kind == 2:  # the code page
                    page = struct.unpack_from("<H", stream, offset + where + 4)[0]
                    codec = _CODE_PAGES.get(page, f"cp{page}")
            for _, where in pairs:
                at = offset + where
                kind, size = struct.unpack_from("<II", stream, at)
                kind &= 0xFFFF
                if kind == 0x1E:
                    raw = stream[at + 8 : at + 8 + size]
                    try:
                        found.append(raw.decode(codec, "replace").rstrip("\x00"))
                    except LookupError:
                        found.append(raw.decode("latin-1").rstrip("\x00"))
                elif kind == 0x1F:
                    raw = stream[at + 8 : at + 8 + 2 * size]
                    found.append(raw.decode("utf-16-le", "replace").rstrip("\x00"))
    except struct.error:
        pass  # a damaged property set: what was read is kept
    return found


def _shared_strings(records: list[tuple[int, int, bytes]], at: int) -> list[str]:
    """The strings of the ``SST`` record at ``at`` and the ``CONTINUE`` records after it.

    A string's characters may go on in the next CONTINUE record, which then
    starts with a byte saying whether they are one or two bytes wide.
    """
    segments = [records[at][2]]
    for _, kind, body in records[at + 1 :]:
        if kind != _CONTINUE:
            break
        segments.append(body)
    (count,) = struct.unpack_from("<I", segments[0], 4)
    found: list[str] = []
    segment, position = 0, 8

    def take(size: int) -> bytes:
        nonlocal segment, position
        data = b""
        while size > 0:
            if position >= len(segments[segment]):
                segment, position = segment + 1, 0
                if segment >= len(segments):
                    raise IndexError("the strings run past their records")
            piece = segments[segment][position : position + size]
            data += piece
            position += len(piece)
            size -= len(piece)
        return data

    try:
        for _ in range(count):
            if position >= len(segments[segment]):
                segment, position = segment + 1, 0
            characters, flags = struct.unpack("<HB", take(3))
            runs = struct.unpack("<H", take(2))[0] if flags & 0x08 else 0
            extra = struct.unpack("<I", take(4))[0] if flags & 0x04 else 0
            wide = flags & 0x01
            text = ""
            while characters > 0:
                if position >= len(segments[segment]):  # goes on in the next CONTINUE
                    segment, position = segment + 1, 0
                    wide = take(1)[0] & 0x01
                room = (len(segments[segment]) - position) // (2 if wide else 1)
                part = min(characters, max(room, 1))
                raw = take(part * (2 if wide else 1))
                text += raw.decode("utf-16-le" if wide else "latin-1", "replace")
                characters -= part
            take(4 * runs + extra)
            found.append(text)
    except (IndexError, struct.error):
        pass  # a damaged table: the strings read so far are kept
    return found
