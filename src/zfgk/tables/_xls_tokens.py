"""What an .xls formula's tokens say without its sheet (internal): what it shows where it is
made of literals, whether it may build a number, its text literals, its shape.

Read by :mod:`zfgk.tables._xls_parts`, which computes the formulas that name cells.
"""

from __future__ import annotations

import struct

from zfgk.tables._formula_tokens import Shape, Unknown, shaped
from zfgk.tables._formulas import evaluate

__all__ = ["evaluate_tokens", "literals", "shape_of"]

#: Function numbers (BIFF8 ``iftab``) of the functions that make text.
_CONCATENATE, _TEXT, _T = 336, 48, 130
_TEXT_FUNCTIONS = frozenset(
    {336, 48, 130, 30, 111, 115, 116, 31, 120, 119, 33, 14, 13, 118, 162, 113, 112, 114}
)
#: Functions that make a long number of two short literals ([MS-XLS] Ftab): POWER, PRODUCT.
_BUILDING_FUNCTIONS = frozenset({337, 183})
#: ptgInt, ptgNum: a literal number.
_NUMBERS = (0x1E, 0x1F)


#: Sizes of the tokens that refer to cells, names or areas (BIFF8), by their base number.
_OPERAND_SIZES = {
    0x04: 4, 0x05: 8, 0x0A: 4, 0x0B: 8, 0x0C: 4, 0x0D: 8, 0x1A: 6, 0x1B: 10, 0x1C: 6, 0x1D: 10,
    0x03: 4, 0x19: 6, 0x06: 6, 0x07: 6, 0x08: 6, 0x09: 2, 0x00: 7,
}  # fmt: skip


def shape_of(formula: str | None) -> Shape | None:
    """``formula``'s :func:`~zfgk.tables._formula_tokens.shaped`, None if it has none."""
    if formula is None:
        return None
    try:
        return shaped(formula)
    except Unknown:
        return None


def evaluate_tokens(tokens: bytes) -> tuple[str | None, bool]:
    """(what the formula shows if it is made of literals, whether it may build a number)."""
    stack: list[str] = []
    builds = False
    known = True
    at = 0
    seen = [0, 0]  # the tokens read, ptgParen aside: a power of two literals builds
    while at < len(tokens):
        token = tokens[at]
        literals_before = seen[-1] in _NUMBERS and seen[-2] in _NUMBERS
        if token != 0x15:
            seen.append(token)
        at += 1
        if token == 0x17:  # ptgStr
            count, flags = tokens[at], tokens[at + 1]
            width = 2 if flags & 1 else 1
            raw = tokens[at + 2 : at + 2 + count * width]
            text = raw.decode("utf-16-le" if width == 2 else "latin-1", "replace")
            at += 2 + count * width
            builds = builds or any(ch.isdigit() for ch in text)
            stack.append(text)
        elif token == 0x1E:  # ptgInt
            number = struct.unpack_from("<H", tokens, at)[0]
            builds = builds or number >= 10_000  # five digits, as a ptgNum's
            stack.append(str(number))
            at += 2
        elif token == 0x1F:  # ptgNum
            value = struct.unpack_from("<d", tokens, at)[0]
            at += 8
            text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
            builds = builds or len(text) >= 5
            stack.append(text)
        elif token == 0x08:  # ptgConcat
            builds = True
            if len(stack) >= 2:
                right = stack.pop()
                stack.append(stack.pop() + right)
            else:
                known = False
        elif token in (0x15, 0x16):  # ptgParen, ptgMissArg
            continue
        elif token in (0x1C, 0x1D):  # ptgErr, ptgBool
            at += 1
            known = False
        elif token == 0x07:  # ptgPower: 10^4 makes a long number of short ones
            builds = builds or literals_before
            known = False
        elif 0x03 <= token <= 0x14:  # the other operators
            known = False
        elif token == 0x19:  # ptgAttr
            kind = tokens[at]
            at += 3
            if kind & 0x04:  # tAttrChoose: a jump table
                at += 2 * struct.unpack_from("<H", tokens, at - 2)[0] + 2
                known = False
        elif token in (0x21, 0x41, 0x61, 0x22, 0x42, 0x62):
            if token in (0x21, 0x41, 0x61):  # ptgFunc: a fixed number of arguments
                function = struct.unpack_from("<H", tokens, at)[0]
                at += 2
                arguments = {_TEXT: 2, _T: 1}.get(function)
            else:  # ptgFuncVar
                arguments = tokens[at] & 0x7F
                function = struct.unpack_from("<H", tokens, at + 1)[0] & 0x7FFF
                at += 3
            builds = (
                builds
                or function in _TEXT_FUNCTIONS
                or (function in _BUILDING_FUNCTIONS and literals_before)
            )
            if (
                arguments is None
                or len(stack) < arguments
                or function not in (_CONCATENATE, _TEXT, _T)
            ):
                known = False
                continue
            values = stack[len(stack) - arguments :]
            del stack[len(stack) - arguments :]
            shown = _call(function, values)
            if shown is None:
                known = False
                continue
            stack.append(shown)
        elif token >= 0x20 and (token & 0x1F) in _OPERAND_SIZES:  # a reference, a name, an array
            at += _OPERAND_SIZES[token & 0x1F]
            known = False
        elif token in (0x01, 0x02):  # ptgExp, ptgTbl: a shared or table formula not resolved
            return None, True
        else:  # a token zfgk does not know: what the formula builds is unknown
            return None, True
    if known and len(stack) == 1:
        return stack[0], builds
    return None, builds


def _call(function: int, values: list[str]) -> str | None:
    if function == _CONCATENATE:
        return "".join(values)
    if function == _T:
        return values[0]
    return evaluate('=TEXT("' + values[0] + '","' + values[1].replace('"', '""') + '")')


def literals(tokens: bytes) -> list[str]:
    """The text literals (``ptgStr``) among a formula's tokens, where it is not computed."""
    found = []
    at = tokens.find(b"\x17")
    while 0 <= at < len(tokens) - 2:
        count, flags = tokens[at + 1], tokens[at + 2]
        width = 2 if flags & 1 else 1
        raw = tokens[at + 3 : at + 3 + count * width]
        if len(raw) == count * width and flags in (0, 1):
            found.append(raw.decode("utf-16-le" if width == 2 else "latin-1", "replace"))
            at = tokens.find(b"\x17", at + 3 + count * width)
        else:
            at = tokens.find(b"\x17", at + 1)
    return found
