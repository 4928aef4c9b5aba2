"""Numbers a sheet's row writes one digit per cell, as a form's boxes (internal).

An application form kept as a workbook (申请表, 审批表) gives an ID number a row of
eighteen narrow cells, one digit in each; Excel and WPS show the row as one number.
Each cell alone holds no number, so the row is read again across its neighbouring cells
that hold only digits (and an X), each of at most :data:`BOX` characters, by the rules
a document's table is read by (:mod:`zfgk.documents._forms`): where every such cell
holds one digit, any full number is read; where one holds more, only an 18-character ID
number that passes every check, since counts and amounts side by side make any shorter
number.  scan, check and mask read the same numbers here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from zfgk.model import PersonalKind
from zfgk.privacy import find_pii, is_valid_id, redact

__all__ = ["BOX", "boxed_numbers", "masked_boxes"]

#: The most characters a box holds (an ID number split 6-8-4 holds 8).
BOX = 8
_BOX_CHARACTERS = frozenset("0123456789０１２３４５６７８９XxＸｘ")
#: The fewest digits a personal number has, and an ID number's.
_SHORTEST, _ID = 11, 18
_ID_SHAPE = re.compile(r"(?=[0-9]{6}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])[0-9]{5}[0-9Xx])")


def _runs(values: Sequence[str]) -> Iterator[tuple[int, int]]:
    """(first, end) of each run of two or more neighbouring cells that are boxes."""
    start = -1
    for index, value in enumerate(values):
        if 0 < len(value) <= BOX + 2 and _is_box(value):
            if start < 0:
                start = index
            continue
        if start >= 0 and index - start >= 2:
            yield start, index
        start = -1
    if start >= 0 and len(values) - start >= 2:
        yield start, len(values)


def _is_box(value: str) -> bool:
    text = value.strip()
    return 0 < len(text) <= BOX and all(ch in _BOX_CHARACTERS for ch in text)


def boxed_numbers(values: Sequence[str]) -> list[tuple[PersonalKind, int, int]]:
    """(kind, first, end) of each full number a row (its cells' texts) shows across boxes:
    the cells ``values[first:end]``, at least two of them.

    >>> from zfgk.files._boxes import boxed_numbers
    >>> row = ["张三", *"11010519491231002X", "已审核"]
    >>> [(kind.value, first, end) for kind, first, end in boxed_numbers(row)]
    [('id_number', 1, 19)]
    >>> boxed_numbers(["1", "3", "2026", "9", "28"])  # a count, a date: no number
    []
    """
    return [(kind, first, end) for kind, first, end, _, _ in _found(values)]


def _found(values: Sequence[str]) -> Iterator[tuple[PersonalKind, int, int, int, str]]:
    """Each number across boxes: its kind, its cells (first, end), where it starts in the
    first of them, and its text."""
    for first, end in _runs(values):
        texts = [values[i].strip() for i in range(first, end)]
        sizes = [len(text) for text in texts]
        joined = "".join(texts)
        if 1 not in sizes:  # several digits in each box: only an 18-character ID is read
            if len(joined) < _ID or not _ID_SHAPE.search(joined):
                continue
        elif len(joined) < _SHORTEST:
            continue
        starts = []
        at = 0
        for size in sizes:
            starts.append(at)
            at += size
        for m in find_pii(joined):
            cells = [i for i, s in enumerate(starts) if s < m.end and s + sizes[i] > m.start]
            if len(cells) < 2:
                continue  # in one cell: read there
            text = joined[m.start : m.end]
            one_each = all(sizes[i] == 1 for i in cells)
            if not one_each and not (m.kind is PersonalKind.ID_NUMBER and is_valid_id(text)):
                continue
            yield m.kind, first + cells[0], first + cells[-1] + 1, m.start - starts[cells[0]], text


def masked_boxes(values: Sequence[str], mask_char: str = "*") -> dict[int, str]:
    """The new texts of the cells of a row whose numbers across boxes are masked, by index
    (the digits a mask hides, each in its own box).

    >>> from zfgk.files._boxes import masked_boxes
    >>> row = ["李四", *"13812345678"]
    >>> "".join(masked_boxes(row)[i] for i in range(4, 8))
    '****'
    >>> sorted(masked_boxes(row))
    [4, 5, 6, 7]
    """
    new_texts = {i: values[i].strip() for i in range(len(values))}
    changed: set[int] = set()
    for _, first, end, offset, text in _found(values):
        new = redact(text, mask_char=mask_char)
        if len(new) != len(text):
            continue  # (never: a mask hides a digit by a character)
        at, index = 0, first
        position = offset  # where in the cell's text the number goes on
        while at < len(new) and index < end:
            cell = new_texts[index]
            take = min(len(cell) - position, len(new) - at)
            part = new[at : at + take]
            if part != cell[position : position + take]:
                new_texts[index] = cell[:position] + part + cell[position + take :]
                changed.add(index)
            at += take
            index += 1
            position = 0
    result: dict[int, str] = {}
    for index in sorted(changed):
        value = values[index]
        lead = len(value) - len(value.lstrip())
        result[index] = value[:lead] + new_texts[index] + value[lead + len(value.strip()) :]
    return result
