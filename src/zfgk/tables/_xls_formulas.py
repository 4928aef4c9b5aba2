"""What an .xls formula without a result shows, computed from the cells of its sheet (internal).

A program that writes .xls files (xlwt, report engines) stores each
formula's tokens with the result 0, and Excel computes them when it opens
the file: ``=B2*10000+C2`` shows a mobile number python-calamine reads as 0.
:func:`written` turns a formula's tokens ([MS-XLS] 2.5.198, reverse Polish)
into the formula as Excel writes it (``B2*10000+C2``) where they are of the
kinds :func:`zfgk.tables._formulas.compute` reads: numbers, texts, truth
values, ``+ - * / &``, a sign, cells and areas of the sheet itself, and SUM,
VALUE, INT, ROUND, ABS, CONCATENATE, TEXT, T.  :func:`sheet_values` reads
the values of the cells such formulas name from the sheet's records.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from decimal import Decimal

from zfgk.tables._formulas import Value
from zfgk.tables._places import column_letters

__all__ = ["NO_RESULT", "NoResult", "sheet_values", "written"]

#: Functions by their number ([MS-XLS] 2.5.198.17 Ftab): name, and arguments when fixed.
_FUNCTIONS = {
    4: ("SUM", None),
    24: ("ABS", 1),
    25: ("INT", 1),
    27: ("ROUND", 2),
    33: ("VALUE", 1),
    48: ("TEXT", 2),
    130: ("T", 1),
    336: ("CONCATENATE", None),
    337: ("POWER", 2),
    1: ("IF", None),
    31: ("MID", 3),
    32: ("LEN", 1),
    115: ("LEFT", None),
    116: ("RIGHT", None),
}
#: Binary operators: their text and how tightly they bind.
_OPERATORS = {
    0x03: ("+", 1),
    0x04: ("-", 1),
    0x05: ("*", 2),
    0x06: ("/", 2),
    0x07: ("^", 3),  # (a sign binds tighter: -2^2 is 4)
    0x08: ("&", 0),
    0x09: ("<", -1),
    0x0A: ("<=", -1),
    0x0B: ("=", -1),
    0x0C: (">=", -1),
    0x0D: (">", -1),
    0x0E: ("<>", -1),
}
#: How tightly a sign binds: tighter than ``^``.
_SIGN = 4
_ATOM = 9


class _Unknown(Exception):
    """A token not read here."""


def _place(row: int, column: int) -> str:
    return f"{column_letters((column & 0x3FFF) + 1)}{row + 1}"


def _number(value: float) -> str:
    """A number as the formula reader takes it (never in a form it does not read)."""
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _relative(row: int, column: int, here: tuple[int, int] | None) -> tuple[int, int]:
    """A shared formula's reference (PtgRefN, PtgAreaN: [MS-XLS] 2.5.198.88) made the cell
    it names from ``here``, the formula's own cell (row, column from 0): a relative row is an
    offset of 16 bits, a relative column one of 8, counted round the sheet's edge (an
    offset of 255 is the column before; a formula in A naming IV is one of 255), as
    LibreOffice reads them; an absolute part is as it is."""
    if here is None:
        raise _Unknown  # no cell to read it from
    if column & 0x8000:  # fRwRel: an offset, round the sheet's 65,536 rows as LibreOffice reads it
        row = (here[0] + row) & 0xFFFF
    offset = column & 0xFF
    if column & 0x4000:  # fColRel: round its 256 columns
        offset = (here[1] + offset) & 0xFF
    return row, offset


def written(tokens: bytes, here: tuple[int, int] | None = None) -> str | None:
    """The formula ``tokens`` hold, as Excel writes it; None if a token is not of the kinds
    read here (a name, another sheet, a function not listed). A shared formula's relative
    references are read from ``here``, the cell (row, column from 0) it is written for.

    >>> import struct
    >>> from zfgk.tables._xls_formulas import written
    >>> ref = lambda row, column: b"\\x24" + struct.pack("<HH", row, column | 0xC000)
    >>> written(ref(1, 1) + b"\\x1e" + struct.pack("<H", 10000) + b"\\x05" + ref(1, 2) + b"\\x03")
    '=B2*10000+C2'
    >>> written(b"\\x25" + struct.pack("<HHHH", 2, 2, 1, 2) + b"\\x19\\x10\\x00\\x00")
    '=SUM(B3:C3)'
    >>> empty, jump = b"\\x17\\x00\\x00", b"\\x19\\x02\\x00\\x00"  # "", tAttrIf
    >>> goto = b"\\x19\\x08\\x00\\x00"
    >>> iff = b"\\x42\\x03\\x01\\x00"  # ptgFuncVar: IF of three arguments
    >>> written(ref(4, 2) + empty + b"\\x0b" + jump + empty + goto + ref(4, 2) + goto + iff)
    '=IF(C5="","",C5)'
    >>> ten, four = b"\\x1e" + struct.pack("<H", 10), b"\\x1e" + struct.pack("<H", 4)
    >>> written(ref(1, 4) + ten + four + b"\\x07\\x05" + ref(1, 1) + b"\\x03")  # as xlwt writes it
    '=E2*10^4+B2'
    >>> written(ten + four + b"\\x07\\x13"), written(ten + b"\\x13" + four + b"\\x07")
    ('=-(10^4)', '=-10^4')

    A shared formula's ``=A2*10000+B2`` (its references relative: a row and a
    column of offset from the cell), written for C2 and for C3:

    >>> refn = lambda row, column: b"\\x4c" + struct.pack("<HH", row, column | 0xC000)
    >>> shared = refn(0, 0xFE) + b"\\x1e" + struct.pack("<H", 10000) + b"\\x05" + refn(0, 0xFF) + b"\\x03"
    >>> written(shared, here=(1, 2)), written(shared, here=(2, 2)), written(shared)
    ('=A2*10000+B2', '=A3*10000+B3', None)
    """
    stack: list[tuple[str, int]] = []  # (text, how tightly it binds)
    at = 0
    count: int | None
    try:
        while at < len(tokens):
            token = tokens[at]
            at += 1
            if token in _OPERATORS:
                symbol, strength = _OPERATORS[token]
                right, left = stack.pop(), stack.pop()
                a = left[0] if left[1] >= strength else f"({left[0]})"
                b = right[0] if right[1] > strength else f"({right[0]})"
                stack.append((a + symbol + b, strength))
            elif token in (0x12, 0x13):  # ptgUplus, ptgUminus
                operand = stack.pop()
                inner = operand[0] if operand[1] >= _SIGN else f"({operand[0]})"
                stack.append((("+" if token == 0x12 else "-") + inner, _SIGN))
            elif token == 0x15:  # ptgParen
                stack.append((f"({stack.pop()[0]})", _ATOM))
            elif token == 0x17:  # ptgStr
                length, flags = tokens[at], tokens[at + 1]
                width = 2 if flags & 1 else 1
                raw = tokens[at + 2 : at + 2 + length * width]
                text = raw.decode("utf-16-le" if width == 2 else "latin-1")
                at += 2 + length * width
                stack.append(('"' + text.replace('"', '""') + '"', _ATOM))
            elif token == 0x1D:  # ptgBool
                stack.append(("TRUE" if tokens[at] else "FALSE", _ATOM))
                at += 1
            elif token == 0x1E:  # ptgInt
                stack.append((str(struct.unpack_from("<H", tokens, at)[0]), _ATOM))
                at += 2
            elif token == 0x1F:  # ptgNum
                stack.append((_number(struct.unpack_from("<d", tokens, at)[0]), _ATOM))
                at += 8
            elif token in (0x24, 0x44, 0x64):  # ptgRef
                row, column = struct.unpack_from("<HH", tokens, at)
                stack.append((_place(row, column), _ATOM))
                at += 4
            elif token in (0x25, 0x45, 0x65):  # ptgArea
                first, last, left_column, right_column = struct.unpack_from("<HHHH", tokens, at)
                stack.append((f"{_place(first, left_column)}:{_place(last, right_column)}", _ATOM))
                at += 8
            elif token in (0x2C, 0x4C, 0x6C):  # ptgRefN: a shared formula's reference
                row, column = struct.unpack_from("<HH", tokens, at)
                stack.append((_place(*_relative(row, column, here)), _ATOM))
                at += 4
            elif token in (0x2D, 0x4D, 0x6D):  # ptgAreaN
                first, last, left_column, right_column = struct.unpack_from("<HHHH", tokens, at)
                top = _place(*_relative(first, left_column, here))
                bottom = _place(*_relative(last, right_column, here))
                stack.append((f"{top}:{bottom}", _ATOM))
                at += 8
            elif token == 0x19:  # ptgAttr
                kind = tokens[at]
                at += 3
                if kind & 0x10:  # tAttrSum: SUM of one argument
                    stack.append((f"SUM({stack.pop()[0]})", _ATOM))
                elif kind & ~0x6B:  # tAttrChoose (a jump table) …: not read here
                    return None
                # tAttrIf and tAttrGoto only jump past IF's other branch; its arguments
                # are on the stack all the same, joined by the ptgFuncVar of IF that follows
            elif token in (0x21, 0x41, 0x61, 0x22, 0x42, 0x62):
                if token in (0x21, 0x41, 0x61):  # ptgFunc
                    number = struct.unpack_from("<H", tokens, at)[0]
                    at += 2
                    name, count = _FUNCTIONS.get(number, ("", None))
                else:  # ptgFuncVar
                    count = tokens[at] & 0x7F
                    number = struct.unpack_from("<H", tokens, at + 1)[0] & 0x7FFF
                    at += 3
                    name = _FUNCTIONS.get(number, ("", None))[0]
                if not name or count is None or count > len(stack):
                    return None
                arguments = [text for text, _ in stack[len(stack) - count :]]
                del stack[len(stack) - count :]
                stack.append((f"{name}({','.join(arguments)})", _ATOM))
            else:
                return None
    except (IndexError, struct.error, UnicodeDecodeError, _Unknown):
        return None
    return "=" + stack[0][0] if len(stack) == 1 else None


#: The records of cells' values ([MS-XLS] 2.4): NUMBER, RK, MULRK, LABELSST, LABEL, BOOLERR,
#: FORMULA (its stored result) and the STRING after a formula of text.
_NUMBER, _RK, _MULRK, _LABELSST, _LABEL, _BOOLERR = 0x0203, 0x027E, 0x00BD, 0x00FD, 0x0204, 0x0205
_FORMULA, _STRING = 0x0006, 0x0207


class NoResult(str):
    """A formula's stored result of type 3, an empty text: what xlwt writes for every formula
    (no result), so a formula naming such a cell cannot take it as ``""``.

    >>> from zfgk.tables._xls_formulas import NO_RESULT
    >>> NO_RESULT == "", type(NO_RESULT).__name__
    (True, 'NoResult')
    """

    __slots__ = ()


#: The value :func:`sheet_values` gives a formula whose stored result is of type 3.
NO_RESULT = NoResult()


def _finite(number: Decimal) -> Decimal | None:
    """``number``, or None where it is no number a cell holds (NaN, an infinity)."""
    return number if number.is_finite() else None


def _rk(value: int) -> Decimal | None:
    """An RK number ([MS-XLS] 2.5.217): exactly as Excel holds it."""
    if value & 0x02:  # a signed integer of 30 bits
        whole = value >> 2
        number = Decimal(whole - (1 << 30) if whole >= 1 << 29 else whole)
    else:
        number = Decimal(repr(struct.unpack("<d", struct.pack("<Q", (value & ~0x03) << 32))[0]))
    return _finite(number / 100 if value & 0x01 else number)


def sheet_values(
    records: Iterable[tuple[int, int, bytes]],
    strings: list[str],
    wanted: set[tuple[int, int]],
) -> dict[tuple[int, int], Value | None]:
    """The value of each cell ``wanted`` (row, column from 0) the records of one sheet hold:
    a number as a Decimal, a text, a truth value; None for an error (or a NaN); a cell no
    record holds is not given (empty).  A formula's value is its stored result, :data:`NO_RESULT`
    for one of type 3 (an empty text, or none: xlwt's writing)."""
    found: dict[tuple[int, int], Value | None] = {}
    last: tuple[int, int] | None = None  # a formula of text: its STRING follows
    for _, kind, body in records:
        row = column = -1
        try:
            if kind == _STRING and last is not None:
                length = struct.unpack_from("<H", body, 0)[0]
                flags = body[2]
                raw = body[3 : 3 + length * (2 if flags & 1 else 1)]
                found[last] = raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
                last = None
                continue
            if kind in (0x04BC, 0x0221, 0x0236):  # SHRFMLA, ARRAY, TABLE: before the STRING
                continue
            last = None
            if kind not in (_NUMBER, _RK, _MULRK, _LABELSST, _LABEL, _BOOLERR, _FORMULA):
                continue
            row, column = struct.unpack_from("<HH", body, 0)
            if kind == _MULRK:
                for at in range(4, len(body) - 2 - 5, 6):
                    place = (row, column + (at - 4) // 6)
                    if place in wanted:
                        found[place] = _rk(struct.unpack_from("<I", body, at + 2)[0])
                continue
            if (row, column) not in wanted:
                continue
            place = (row, column)
            if kind == _NUMBER:
                found[place] = _finite(Decimal(repr(struct.unpack_from("<d", body, 6)[0])))
            elif kind == _RK:
                found[place] = _rk(struct.unpack_from("<I", body, 6)[0])
            elif kind == _LABELSST:
                index = struct.unpack_from("<I", body, 6)[0]
                found[place] = strings[index] if index < len(strings) else None
            elif kind == _LABEL:
                length, flags = struct.unpack_from("<HB", body, 6)
                raw = body[9 : 9 + length * (2 if flags & 1 else 1)]
                found[place] = raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
            elif kind == _BOOLERR:
                found[place] = bool(body[6]) if body[7] == 0 else None
            else:  # FORMULA: its stored result
                result = body[6:14]
                if result[6:8] != b"\xff\xff":
                    found[place] = _finite(Decimal(repr(struct.unpack_from("<d", result, 0)[0])))
                elif result[0] == 0:
                    found[place], last = "", place  # text: in the STRING record that follows
                elif result[0] == 1:
                    found[place] = bool(result[2])
                elif result[0] == 3:
                    found[place] = NO_RESULT
                else:
                    found[place] = None  # an error
        except (struct.error, IndexError):
            found.pop((row, column), None)
    return found
