"""A formula's tokens, read once for each shape of formula (internal).

A list of 200,000 rows holds one formula a row, ``=B2*C2``, ``=B3*C3`` …: the
same formula but for its cell references.  :func:`shaped` reads a formula's
references with one pattern and keys the rest, its *shape* (``=□*□``), to
the tokens it makes: a column of formulas is tokenised once.  A shape is
trusted only where its tokens, the references put back, are the formula's
own (checked when the shape is first met); any other formula is tokenised
as it is.
"""

from __future__ import annotations

import re

__all__ = [
    "CELL",
    "LONGEST_FORMULA",
    "MOST_CELLS",
    "Reference",
    "Shape",
    "Unknown",
    "cells_of",
    "references",
    "shaped",
]

#: A cell a formula refers to: (its sheet as written, None for the formula's own; its row and
#: column, both counted from 1).
Reference = tuple[str | None, int, int]

#: A reference as written: a cell or a range of cells, of another sheet or not.
_REFERENCE = (
    r"(?:(?:'(?:[^']|'')+'|[^\W\d][\w.]*)!)?\$?[A-Za-z]{1,3}\$?[0-9]{1,7}"
    r"(?::\$?[A-Za-z]{1,3}\$?[0-9]{1,7})?"
)
_TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:[^"]|"")*")|(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)'
    r"|(?P<name>(?:_xlfn\.)?[A-Za-z][A-Za-z0-9_.]*)\s*(?=\()"
    rf"|(?P<ref>{_REFERENCE})(?![\w(!])"
    r"|(?P<bool>(?i:TRUE|FALSE))(?![\w(!])|(?P<op><>|<=|>=|[&(),;+*/=<>^-])"
    r"|(?P<slot>\x00))"
)
#: A reference where a token starts (not in a text, a name, a number, nor followed by what
#: would make it a function's name); a text, skipped.
_SLOT = re.compile(rf'"(?:[^"]|"")*"|(?<![\w.$\'!:])({_REFERENCE})(?![\w(!.:])(?!\s*\()')
CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
#: The references of a formula without a quote (most): found without looking for texts.
_BARE_SLOT = re.compile(rf"(?<![\w.$'!:])({_REFERENCE})(?![\w(!.:])(?!\s*\()")
#: The most cells a range joined by CONCAT or TEXTJOIN may hold.
_RANGE_CELLS = 256
#: Excel's limit of a formula's length; the most cells one formula is computed from here.
LONGEST_FORMULA, MOST_CELLS = 8192, 1024
#: The most shapes kept (a book of many differs formula by formula: the cache starts again).
_MOST_SHAPES = 4096
_COLUMNS: dict[str, int] = {}


class Unknown(Exception):
    """The formula is not made of what is read here."""


#: The tokens of a shape, its references as ``("slot", index)``; and the references of one
#: formula of that shape, as written.
Shape = tuple[list[tuple[str, str]], list[str]]
_SHAPES: dict[str, list[tuple[str, str]] | None] = {}


def _tokens(formula: str) -> list[tuple[str, str]]:
    if len(formula) > LONGEST_FORMULA:
        raise Unknown
    text = formula.strip()
    if text.startswith("of:"):
        text = text[3:]
    text = text.lstrip("=").strip()
    found: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        m = _TOKEN.match(text, position)
        if m is None or m.end() == position:
            if text[position:].strip():
                raise Unknown
            break
        kind = m.lastgroup or ""
        found.append((kind, m.group(kind)))
        position = m.end()
    return found


def shaped(formula: str) -> Shape:
    """The tokens of ``formula``'s shape and its references; Unknown if it cannot be read.

    >>> from zfgk.tables._formula_tokens import shaped
    >>> shaped("=B7*'底 稿'!C7&\\"A1\\"")
    ([('slot', '0'), ('op', '*'), ('slot', '1'), ('op', '&'), ('string', '"A1"')], ['B7', "'底 稿'!C7"])
    """
    if len(formula) > LONGEST_FORMULA or "\x00" in formula:
        raise Unknown
    if '"' not in formula and "'" not in formula:
        written = _BARE_SLOT.findall(formula)
        shape = _BARE_SLOT.sub("\x00", formula)
    else:
        pieces: list[str] = []
        written = []
        last = 0
        for m in _SLOT.finditer(formula):
            if m.group(1) is not None:
                pieces.append(formula[last : m.start()])
                written.append(m.group(1))
                last = m.end()
        pieces.append(formula[last:])
        shape = "\x00".join(pieces)
    if shape in _SHAPES:
        tokens = _SHAPES[shape]
        if tokens is None:
            return _tokens(formula), []
        return tokens, written
    if len(_SHAPES) >= _MOST_SHAPES:
        _SHAPES.clear()
    own = _tokens(formula)  # Unknown: the shape is not kept (another formula may differ)
    try:
        tokens = _tokens(shape)
    except Unknown:
        _SHAPES[shape] = None
        return own, []
    numbered: list[tuple[str, str]] = []
    slots = 0
    for kind, value in tokens:
        numbered.append((kind, str(slots)) if kind == "slot" else (kind, value))
        slots += kind == "slot"
    back = [("ref", written[int(v)]) if k == "slot" else (k, v) for k, v in numbered]
    _SHAPES[shape] = numbered if back == own else None
    return (numbered, written) if back == own else (own, [])


def cells_of(token: str) -> tuple[str | None, list[tuple[int, int]]]:
    """(the sheet a reference names, or None; the cells it covers as (row, column)).

    >>> from zfgk.tables._formula_tokens import cells_of
    >>> cells_of("$B$2:C3"), cells_of("'底 稿'!AB7")
    ((None, [(2, 2), (2, 3), (3, 2), (3, 3)]), ('底 稿', [(7, 28)]))
    """
    single = CELL.fullmatch(token)
    if single is not None:  # one cell of the formula's sheet: most
        column = _COLUMNS.get(single.group(1))
        if column is not None:
            return None, [(int(single.group(2)), column)]
    sheet: str | None = None
    if "!" in token:
        sheet, token = token.rsplit("!", 1)
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
    corners = []
    for m in CELL.finditer(token):
        letters = m.group(1)
        column = _COLUMNS.get(letters)
        if column is None:
            column = 0
            for letter in letters.upper():
                column = column * 26 + ord(letter) - 64
            if len(_COLUMNS) < 100_000:
                _COLUMNS[letters] = column
        corners.append((int(m.group(2)), column))
    (top, left), (bottom, right) = corners[0], corners[-1]
    if len(corners) == 1:
        return sheet, corners
    if bottom < top or right < left or (bottom - top + 1) * (right - left + 1) > _RANGE_CELLS:
        raise Unknown
    cells = [(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1)]
    return sheet, cells


def references(formula: str, shape: Shape | None = None) -> list[Reference]:
    """The cells ``formula`` refers to (a range's each cell), in the order written; ``[]`` when
    it cannot be read (a range of more than 256 cells, a whole column, a name …);
    ``shape``: its :func:`shaped`, where that is known.

    >>> from zfgk.tables._formulas import references
    >>> references("=CONCATENATE(A2,$B$2)&'底 稿'!C3")
    [(None, 2, 1), (None, 2, 2), ('底 稿', 3, 3)]
    """
    try:
        tokens, written = shaped(formula) if shape is None else shape
        found: list[Reference] = []
        for kind, value in tokens:
            if kind in ("ref", "slot"):
                sheet, cells = cells_of(written[int(value)] if kind == "slot" else value)
                found.extend((sheet, row, column) for row, column in cells)
    except Unknown:
        return []
    return found if len(found) <= MOST_CELLS else []
